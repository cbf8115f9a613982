# A two-layer net with L2 regularisation, as CS231n's TwoLayerNet.loss (assignment 1) on its toy
# model and toy data. Select all (Ctrl+A) and run "Gradient Lens: Inspect Derivatives"
# (Ctrl+Alt+G); the loss is 1.30378789133, the notebook's correct_loss; look at the gradients
# of W1, b1, W2 and b2 in the panel, and at the ReLU's step in the backward pass.
import numpy as np


def two_layer_net_loss(W1, b1, W2, b2, X, y, reg):
    N = X.shape[0]
    hidden = np.maximum(0, X.dot(W1) + b1)  # ReLU
    scores = hidden.dot(W2) + b2
    scores -= np.max(scores, axis=1, keepdims=True)
    probs = np.exp(scores) / np.sum(np.exp(scores), axis=1, keepdims=True)
    data_loss = -np.sum(np.log(probs[np.arange(N), y])) / N
    reg_loss = reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    return data_loss + reg_loss


# init_toy_model(): 4 inputs, 10 hidden units, 3 classes, weights of standard deviation 0.1.
np.random.seed(0)
W1 = 1e-1 * np.random.randn(4, 10)
b1 = np.zeros(10)
W2 = 1e-1 * np.random.randn(10, 3)
b2 = np.zeros(3)

# init_toy_data(): 5 examples.
np.random.seed(1)
X = 10 * np.random.randn(5, 4)
y = np.array([0, 1, 2, 2, 1])

loss = two_layer_net_loss(W1, b1, W2, b2, X, y, reg=0.05)
