# helper module: climbs above its top-level package
from ... import anything
