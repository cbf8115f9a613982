# CS231n's softmax classifier ("Minimal Neural Network Case Study"), with its backward pass
import numpy as np
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
# backward pass
dscores = probs
dscores[range(num_examples), y] -= 1
dscores /= num_examples
dW = np.dot(X.T, dscores)
db = np.sum(dscores, axis=0, keepdims=True)
dW += reg * W
