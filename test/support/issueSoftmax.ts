/** Issue 13's "Done when" selection, line for line: NumPy's softmax loss of a linear layer. */
export const ISSUE_SOFTMAX = `import numpy as np
np.random.seed(0)
X = np.random.randn(4, 3)
y = np.array([0, 2, 1, 2])
W = 0.01 * np.random.randn(3, 5)
b = np.zeros(5)
scores = X @ W + b
p = np.exp(scores) / np.sum(np.exp(scores), axis=1, keepdims=True)
loss = -np.mean(np.log(p[np.arange(4), y]))
`;
