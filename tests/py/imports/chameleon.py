# helper module: puts another object in sys.modules under its own name
import sys

sys.modules[__name__] = {"replaced": True}
