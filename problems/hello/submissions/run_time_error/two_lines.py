# Expects A and B on two separate lines; the input has them on one line, so int() raises ValueError.
a = int(input())
b = int(input())
print(a + b)
