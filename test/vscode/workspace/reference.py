x = -2
y = 5
z = -4
f = (x + y) * z
