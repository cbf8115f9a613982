# les get more complex
a = 2.0
b = -3.0
c = 10.0
d = a*b + c
print(d)
