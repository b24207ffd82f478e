# helper module: wants a name its sibling defines after importing it back
from .needy import HELPER

VALUE = 1
