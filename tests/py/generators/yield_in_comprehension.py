# In Python 3.8+ a comprehension cannot contain `yield` (its own scope would become
# the generator).
def gen(items):
    return [(yield item) for item in items]
