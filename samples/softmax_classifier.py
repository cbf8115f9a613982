# A softmax classifier as in CS231n (assignment 1, softmax.py): the vectorized loss with L2.
# Select all (Ctrl+A) and run "Gradient Lens: Inspect Derivatives" (Ctrl+Alt+G); look at the
# gradient of the loss with respect to W (4 x 3) in the panel, the dW a hand-written backward
# pass should return, then step through the backward pass: one vector-Jacobian product a step.
import numpy as np


def softmax_loss_vectorized(W, X, y, reg):
    num_train = X.shape[0]
    scores = X.dot(W)
    scores -= np.max(scores, axis=1, keepdims=True)  # shift for numerical stability
    probs = np.exp(scores) / np.sum(np.exp(scores), axis=1, keepdims=True)
    loss = -np.sum(np.log(probs[np.arange(num_train), y])) / num_train
    loss += reg * np.sum(W * W)
    return loss


# A toy data set made here, so the file inspects as it stands: 5 examples, 4 features, 3 classes.
np.random.seed(0)
X = np.random.randn(5, 4)
y = np.array([0, 2, 1, 2, 0])
W = 0.001 * np.random.randn(4, 3)
loss = softmax_loss_vectorized(W, X, y, reg=0.1)
