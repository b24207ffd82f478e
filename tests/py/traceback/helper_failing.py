# helper module: a function that fails, for tracebacks across files
def average(values):
    total = sum(values)
    return total / len(values)
