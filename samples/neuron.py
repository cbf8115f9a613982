# The lecture's two-input neuron with a sigmoid (CS231n): the circuit of w0*x0 + w1*x1 + w2.
# Put the cursor on line 9 (`def neuron`) and run "Gradient Lens: Inspect Derivatives"
# (Ctrl+Alt+G); look at the gradients: dw0 = -0.20, dx0 = 0.39, dw1 = -0.39, dx1 = -0.59,
# dw2 = 0.20, as the lecture's backward pass finds them. The values come from `# at:`.
import numpy as np


# at: w0=2, x0=-1, w1=-3, x1=-2, w2=-3
def neuron(w0, x0, w1, x1, w2):
    dot = w0 * x0 + w1 * x1 + w2
    return 1 / (1 + np.exp(-dot))
