/** The forward passes the writer is tested on, each with its PyTorch twin (inputs as leaves). */

export const CIRCUIT = 'x = -2\ny = 5\nz = -4\nq = x + y\nf = q * z\n';
export const CIRCUIT_TWIN = `x = torch.tensor(-2.0, requires_grad=True)
y = torch.tensor(5.0, requires_grad=True)
z = torch.tensor(-4.0, requires_grad=True)
q = x + y
f = q * z`;

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
`;
export const STAGED_TWIN = `x = torch.tensor(3.0, requires_grad=True)
y = torch.tensor(-4.0, requires_grad=True)
sigy = 1.0 / (1 + torch.exp(-y))
num = x + sigy
sigx = 1.0 / (1 + torch.exp(-x))
xpy = x + y
xpysqr = xpy**2
den = sigx + xpysqr
invden = 1.0 / den
f = num * invden`;

export const NEURON = `import math
w = [2,-3,-3] # assume some random weights and data
x = [-1, -2]
dot = w[0]*x[0] + w[1]*x[1] + w[2]
f = 1.0 / (1 + math.exp(-dot)) # sigmoid function
`;
export const NEURON_TWIN = `w = torch.tensor([2.0, -3.0, -3.0], requires_grad=True)
x = torch.tensor([-1.0, -2.0], requires_grad=True)
dot = w[0]*x[0] + w[1]*x[1] + w[2]
f = 1.0 / (1 + torch.exp(-dot))`;

export const NAMED_NEURON = `import math
w0 = 2.0; w1 = -3.0; w2 = -3.0
x0 = -1.0; x1 = -2.0
dot = w0*x0 + w1*x1 + w2
f = 1.0 / (1 + math.exp(-dot))
`;
export const NAMED_NEURON_TWIN = `w0, w1, w2, x0, x1 = (torch.tensor(v, requires_grad=True) for v in (2.0, -3.0, -3.0, -1.0, -2.0))
dot = w0*x0 + w1*x1 + w2
f = 1.0 / (1 + torch.exp(-dot))`;

/** CS231n's softmax classifier (the neural-networks case study), forward pass only. */
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
`;

/** The same data as leaves of PyTorch's autograd (the NumPy draws reproduced first). */
const SOFTMAX_DATA = `import numpy as np
np.random.seed(0)
N = 5; D = 4; K = 3
X = torch.tensor(np.random.randn(N, D), requires_grad=True)
y = [0, 2, 1, 1, 0]
W = torch.tensor(0.01 * np.random.randn(D, K), requires_grad=True)
b = torch.zeros((1, K), requires_grad=True)
reg = torch.tensor(1e-3, requires_grad=True)
num_examples = 5`;

export const SOFTMAX_TWIN = `${SOFTMAX_DATA}
scores = X @ W + b
exp_scores = torch.exp(scores)
probs = exp_scores / torch.sum(exp_scores, 1, keepdim=True)
correct_logprobs = -torch.log(probs[range(num_examples), y])
data_loss = torch.sum(correct_logprobs) / num_examples
reg_loss = 0.5 * reg * torch.sum(W * W)
loss = data_loss + reg_loss`;

export const TWO_LAYER = `import numpy as np
np.random.seed(0)
N = 5; D = 4; h = 6; K = 3
X = np.random.randn(N, D)
y = np.array([0, 2, 1, 1, 0])
W = 0.5 * np.random.randn(D, h)
b = np.zeros((1, h))
W2 = 0.5 * np.random.randn(h, K)
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
`;

export const TWO_LAYER_TWIN = `import numpy as np
np.random.seed(0)
N = 5; D = 4; h = 6; K = 3
X = torch.tensor(np.random.randn(N, D), requires_grad=True)
y = [0, 2, 1, 1, 0]
W = torch.tensor(0.5 * np.random.randn(D, h), requires_grad=True)
b = torch.zeros((1, h), requires_grad=True)
W2 = torch.tensor(0.5 * np.random.randn(h, K), requires_grad=True)
b2 = torch.zeros((1, K), requires_grad=True)
reg = torch.tensor(1e-3, requires_grad=True)
num_examples = 5
hidden_layer = torch.clamp(X @ W + b, min=0)
scores = hidden_layer @ W2 + b2
exp_scores = torch.exp(scores)
probs = exp_scores / torch.sum(exp_scores, 1, keepdim=True)
correct_logprobs = -torch.log(probs[range(num_examples), y])
data_loss = torch.sum(correct_logprobs) / num_examples
reg_loss = 0.5 * reg * torch.sum(W * W) + 0.5 * reg * torch.sum(W2 * W2)
loss = data_loss + reg_loss`;
