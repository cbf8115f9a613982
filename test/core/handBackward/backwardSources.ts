/**
 * Backward passes written by hand as CS231n's notes write them ("Backpropagation, Intuitions"
 * and "Putting it together: Minimal Neural Network Case Study"), with their forward passes.
 */

/** The circuit f = (x + y) z with local gradients `dqdx` and the chain rule `dfdx = dqdx * dfdq`. */
export const CIRCUIT = `# set some inputs
x = -2; y = 5; z = -4

# perform the forward pass
q = x + y # q becomes 3
f = q * z # f becomes -12

# perform the backward pass (backpropagation) in reverse order:
# first backprop through f = q * z
dfdz = q # df/dz = q, so gradient on z becomes 3
dfdq = z # df/dq = z, so gradient on q becomes -4
dqdx = 1.0
dqdy = 1.0
# now backprop through q = x + y
dfdx = dqdx * dfdq # The multiplication here is the chain rule!
dfdy = dqdy * dfdq
`;

/** The 2-D sigmoid neuron with lists: `dx = [w[0] * ddot, w[1] * ddot]`. */
export const NEURON = `import math
w = [2, -3, -3] # assume some random weights and data
x = [-1, -2]

# forward pass
dot = w[0]*x[0] + w[1]*x[1] + w[2]
f = 1.0 / (1 + math.exp(-dot)) # sigmoid function

# backward pass through the neuron (backpropagation)
ddot = (1 - f) * f # gradient on dot variable, using the sigmoid gradient derivation
dx = [w[0] * ddot, w[1] * ddot] # backprop into x
dw = [x[0] * ddot, x[1] * ddot, 1.0 * ddot] # backprop into w
# we're done! we have the gradients on the inputs to the circuit
`;

/** The staged example: `dx += …` where x forks (lines 24, 27, 29 add its three paths). */
export const STAGED = `import math
x = 3 # example values
y = -4
# forward pass
sigy = 1.0 / (1 + math.exp(-y)) # sigmoid in numerator   #(1)
num = x + sigy # numerator                               #(2)
sigx = 1.0 / (1 + math.exp(-x)) # sigmoid in denominator #(3)
xpy = x + y                                              #(4)
xpysqr = xpy**2                                          #(5)
den = sigx + xpysqr # denominator                        #(6)
invden = 1.0 / den                                       #(7)
f = num * invden # done!                                 #(8)
# backprop f = num * invden
dnum = invden # gradient on numerator                             #(8)
dinvden = num                                                     #(8)
# backprop invden = 1.0 / den 
dden = (-1.0 / (den**2)) * dinvden                                #(7)
# backprop den = sigx + xpysqr
dsigx = (1) * dden                                                #(6)
dxpysqr = (1) * dden                                              #(6)
# backprop xpysqr = xpy**2
dxpy = (2 * xpy) * dxpysqr                                        #(5)
# backprop xpy = x + y
dx = (1) * dxpy                                                   #(4)
dy = (1) * dxpy                                                   #(4)
# backprop sigx = 1.0 / (1 + math.exp(-x))
dx += ((1 - sigx) * sigx) * dsigx # Notice += !! See notes below  #(3)
# backprop num = x + sigy
dx += (1) * dnum                                                  #(2)
dsigy = (1) * dnum                                                #(2)
# backprop sigy = 1.0 / (1 + math.exp(-y))
dy += ((1 - sigy) * sigy) * dsigy                                 #(1)
# done! phew
`;

/** The softmax classifier: `dscores = probs; dscores[range(N), y] -= 1; …; dW += reg * W`. */
export const SOFTMAX = `import numpy as np
np.random.seed(0)
N = 5; D = 4; K = 3
X = np.random.randn(N, D)
y = np.array([0, 2, 1, 1, 0])
W = 0.01 * np.random.randn(D, K)
b = np.zeros((1, K))
reg = 1e-3
num_examples = X.shape[0]
scores = np.dot(X, W) + b
exp_scores = np.exp(scores)
probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
correct_logprobs = -np.log(probs[range(num_examples), y])
data_loss = np.sum(correct_logprobs) / num_examples
reg_loss = 0.5 * reg * np.sum(W * W)
loss = data_loss + reg_loss
dscores = probs
dscores[range(num_examples), y] -= 1
dscores /= num_examples
dW = np.dot(X.T, dscores)
db = np.sum(dscores, axis=0, keepdims=True)
dW += reg * W
`;

/** The two-layer net: `dhidden = np.dot(dscores, W2.T); dhidden[hidden_layer <= 0] = 0; …`. */
export const TWO_LAYER = `import numpy as np
np.random.seed(0)
N = 5; D = 4; h = 6; K = 3
X = np.random.randn(N, D)
y = np.array([0, 2, 1, 1, 0])
W = 0.01 * np.random.randn(D, h)
b = np.zeros((1, h))
W2 = 0.01 * np.random.randn(h, K)
b2 = np.zeros((1, K))
reg = 1e-3
num_examples = X.shape[0]
hidden_layer = np.maximum(0, np.dot(X, W) + b)
scores = np.dot(hidden_layer, W2) + b2
exp_scores = np.exp(scores)
probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
correct_logprobs = -np.log(probs[range(num_examples), y])
data_loss = np.sum(correct_logprobs) / num_examples
reg_loss = 0.5 * reg * np.sum(W * W) + 0.5 * reg * np.sum(W2 * W2)
loss = data_loss + reg_loss
dscores = probs
dscores[range(num_examples), y] -= 1
dscores /= num_examples
dW2 = np.dot(hidden_layer.T, dscores)
db2 = np.sum(dscores, axis=0, keepdims=True)
dhidden = np.dot(dscores, W2.T)
dhidden[hidden_layer <= 0] = 0
dW = np.dot(X.T, dhidden)
db = np.sum(dhidden, axis=0, keepdims=True)
dW2 += reg * W2
dW += reg * W
`;

/**
 * CS231n's svm_loss_naive, its backward pass interleaved with the forward in the loops
 * (`if j != y[i]:` where the assignment writes `if j == y[i]: continue`, which is not read).
 */
export const SVM_NAIVE = `import numpy as np
np.random.seed(0)
X = np.random.randn(4, 3)
y = np.array([0, 2, 1, 1])
W = 0.01 * np.random.randn(3, 3)
reg = 0.1
dW = np.zeros(W.shape)
num_classes = W.shape[1]
num_train = X.shape[0]
loss = 0.0
for i in range(num_train):
    scores = X[i].dot(W)
    correct_class_score = scores[y[i]]
    for j in range(num_classes):
        if j != y[i]:
          margin = scores[j] - correct_class_score + 1
          if margin > 0:
            loss += margin
            dW[:, j] += X[i]
            dW[:, y[i]] -= X[i]
loss /= num_train
dW /= num_train
loss += reg * np.sum(W * W)
dW += 2 * reg * W
`;

/** `source` with the one line that contains `find` replaced by `by` (that line must exist). */
export function mutate(source: string, find: string, by: string): string {
  const lines = source.split('\n');
  const at = lines.findIndex((line) => line.includes(find));
  if (at < 0) {
    throw new Error(`no line contains ${find}`);
  }
  lines[at] = by === '' ? '' : (lines[at] ?? '').replace(find, by);
  return lines.join('\n');
}

/** The 0-based line that contains `text`. */
export function lineOf(source: string, text: string): number {
  const at = source.split('\n').findIndex((line) => line.includes(text));
  if (at < 0) {
    throw new Error(`no line contains ${text}`);
  }
  return at;
}
