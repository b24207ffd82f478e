# Throwing into a generator that has not started raises at its `def` line.

def numbers():
    yield 1
    yield 2


gen = numbers()
print(gen.__name__, gen.__qualname__)
gen.throw(ValueError("too early"))
