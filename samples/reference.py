# The reference example of backpropagation: f(x, y, z) = (x + y) * z.
# Select the last two lines (or put the cursor on `f = ...`) and press Ctrl+Alt+G.
x = -2
y = 5
z = -4
q = x + y
f = q * z
