# Two small losses on plain Python numbers: a squared error behind a leaky ReLU, and softplus.
# Select lines 11-12 and run "Gradient Lens: Inspect Derivatives" (Ctrl+Alt+G); look at
# dloss/dw and dloss/db, and at the max node in the graph: the gradient flows only through the
# branch that won. Line 15 is softplus: put the cursor there, its derivative is sigmoid(w*x).
import math

w = 0.8
b = -0.3
x = 1.5
target = 0.25
hidden = max(w * x + b, 0.1 * (w * x + b))
loss = (hidden - target) ** 2

# Softplus: log(1 + e^(w*x)).
s = math.log1p(math.exp(w * x))
