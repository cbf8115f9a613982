# The backpropagation lecture's circuit (CS231n): f(x, y, z) = (x + y) * z.
# Select lines 8-9 and run "Gradient Lens: Inspect Derivatives" (Ctrl+Alt+G); look at the
# panel: df/dx = -4, df/dy = -4, df/dz = 3. Step through the backward pass, then hover x.
# The values come from the assignments above the selection: edit one and inspect again.
x = -2
y = 5
z = -4
q = x + y
f = q * z
