def doc():
    """Return the documentation.

    It never ends.
    return 1

print(doc())
x = 2
