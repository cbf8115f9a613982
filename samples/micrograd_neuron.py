# The neuron of the micrograd lecture (Karpathy, "The spelled-out intro to neural networks and
# backpropagation"): o = tanh(x1*w1 + x2*w2 + b), built from micrograd's Value.
# Select all (Ctrl+A) and run "Gradient Lens: Inspect Derivatives" (Ctrl+Alt+G); look at the
# gradients: do/dx1 = -1.5, do/dw1 = 1, do/dx2 = 0.5, do/dw2 = 0, do/db = 0.5, as in the lecture.
from micrograd.engine import Value

# inputs x1, x2; weights w1, w2; the bias b, chosen so that o comes out as 0.7071
x1 = Value(2.0)
x2 = Value(0.0)
w1 = Value(-3.0)
w2 = Value(1.0)
b = Value(6.8813735870195432)
x1w1 = x1 * w1
x2w2 = x2 * w2
x1w1x2w2 = x1w1 + x2w2
n = x1w1x2w2 + b
o = n.tanh()
o.backward()
