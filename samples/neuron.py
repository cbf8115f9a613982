import numpy as np


def neuron(w0, x0, w1, x1, w2):
    """A two-input neuron with a sigmoid: put the cursor on `def` and inspect."""
    # at: w0=2, x0=-1, w1=-3, x1=-2, w2=-3
    dot = w0 * x0 + w1 * x1 + w2
    return 1 / (1 + np.exp(-dot))
