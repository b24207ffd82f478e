# A generator that yields in response to close() makes close() raise RuntimeError.

def stubborn():
    try:
        yield "first"
    finally:
        yield "in finally"


g = stubborn()
print(next(g))
g.close()
