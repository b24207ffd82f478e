# helper module: a plugin whose import fails halfway
from . import register

LOADED_HALF = True
raise RuntimeError("broken plugin: missing configuration")
