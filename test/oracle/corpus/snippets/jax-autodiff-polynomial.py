import jax
import jax.numpy as jnp
from jax import grad
f = lambda x: x**3 + 2*x**2 - 3*x + 1

dfdx = jax.grad(f)
print(dfdx(1.))
