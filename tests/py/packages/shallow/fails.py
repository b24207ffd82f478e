# helper module: a submodule whose body raises
import sys

STARTED = "shallow.fails" in sys.modules
raise ValueError("fails halfway")
