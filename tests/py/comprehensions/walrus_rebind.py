# An assignment expression may not rebind a comprehension's iteration variable.
def squares(n):
    return [i := i * i for i in range(n)]
