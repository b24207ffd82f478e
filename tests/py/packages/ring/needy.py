# helper module: imports a name of a module that is still running
from .eager import VALUE

HELPER = 2
