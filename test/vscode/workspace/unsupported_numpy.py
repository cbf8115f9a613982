import numpy as np

np.random.seed(0)
a = np.random.randn(8)
W = 0.01 * np.random.randn(3, 5)
X = np.fft.fft(a)
N = X.shape[0]
Z = np.ones((4, 3))
M = Z.shape[0]
x = np.array([1.0, 2.0, 3.0])
y = np.tanh(x) * 2
loss = np.sum(y ** 2)
