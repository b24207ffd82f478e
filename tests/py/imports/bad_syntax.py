# helper module: has a syntax error
def total(items):
    result = 0
    for item in items:
        result += item
    return (result
