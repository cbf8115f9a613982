import jax
import jax.numpy as jnp
from jax import grad, jit, vmap
def f(x):
  return x / (1 + jnp.sqrt(x))
print(grad(f)(0.))
