def divide(a, b):
    return a / b

def average(xs):
    return divide(sum(xs), len(xs))

print("before")
print(average([1, 2, 3]))
print(average([]))
print("not reached")
