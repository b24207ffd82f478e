# helper module: another portion of nsdata, on a folder added to sys.path
from . import reader

def write():
    return "writer next to " + reader.read()
