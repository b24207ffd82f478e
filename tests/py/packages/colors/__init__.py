# helper module: a package without __all__: `import *` takes the public names
RED = (255, 0, 0)
_SECRET = "x"


def mix(a, b):
    return tuple((x + y) // 2 for x, y in zip(a, b))
