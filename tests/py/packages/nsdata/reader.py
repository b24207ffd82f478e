# helper module: a portion of the namespace package nsdata (no __init__.py)
def read():
    return "reader in " + __package__
