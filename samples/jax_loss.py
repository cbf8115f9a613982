# A JAX loss as its quickstart writes one: a tanh layer and a mean squared error, with jnp, and
# the jax.grad call that asks for the gradients of W and b.
# Select all (Ctrl+A) and run "Gradient Lens: Inspect Derivatives" (Ctrl+Alt+G); look at the
# gradients of W and b in the panel: what the last line's jax.grad call returns. The tool reads
# that call: loss is inspected at its arguments, x and y held constant as argnums says.
import jax
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
grads = jax.grad(loss, argnums=(0, 1))(W, b, x, y)
