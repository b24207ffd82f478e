# helper module: imports a sibling that does not exist
from . import nowhere
