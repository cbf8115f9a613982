# A JAX loss as its quickstart writes one: a tanh layer and a mean squared error, with jnp.
# Select all (Ctrl+A) and run "Gradient Lens: Inspect Derivatives" (Ctrl+Alt+G); look at the
# gradients of W and b in the panel: what jax.grad(loss)(W, b, x, y) would return. (The tool
# reads the loss itself; a call of jax.grad is not read, so the file ends with the loss.)
import jax.numpy as jnp


def predict(W, b, x):
    return jnp.tanh(x @ W + b)


def loss(W, b, x, y):
    preds = predict(W, b, x)
    return jnp.mean((preds - y) ** 2)


x = jnp.array([[1.0, 0.5], [-0.3, 2.0], [0.8, -1.2]])
y = jnp.array([[0.5, 0.0], [1.0, -1.0], [0.0, 0.5]])
W = jnp.array([[0.4, -0.6], [0.3, 0.9]])
b = jnp.array([0.1, -0.2])
L = loss(W, b, x, y)
