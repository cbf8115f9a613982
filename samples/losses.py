import math

import torch.nn.functional as F

# A squared error with a leaky ReLU in front; values come from the assignments above.
w = 0.8
b = -0.3
x = 1.5
target = 0.25
hidden = F.leaky_relu(w * x + b, 0.1)
loss = (hidden - target) ** 2

# Softplus, its derivative is the sigmoid.
s = math.log1p(math.exp(w * x))
