"""Fast implementation of the datetime type."""
# pyvm's `_datetime`: the names of CPython 3.11's pure-Python datetime (the
# installed Lib's datetime.py, the pure implementation in 3.11); pyvm has no
# native one. Imported by datetime.py itself (its closing `from _datetime import
# *`) it is an ImportError, so datetime.py keeps its pure classes and the helpers
# they use; imported on its own (test.support's import_fresh_module, code that
# imports `_datetime`), it gives datetime's classes.
import sys as _sys


def _imported_by_datetime():
    f = _sys._getframe(1)
    while f is not None:
        if f.f_code.co_name == "<module>" and f.f_globals.get("__name__") == "datetime":
            return True
        f = f.f_back
    return False


if _imported_by_datetime():
    raise ImportError("pyvm has no native _datetime", name="_datetime")

# (Out of sys.modules while datetime.py runs: its closing import then runs this
# module afresh, which refuses, instead of taking this half-made one.)
_self = _sys.modules.pop(__name__, None)
try:
    from datetime import *
finally:
    if _self is not None:
        _sys.modules[__name__] = _self
del _sys, _imported_by_datetime, _self
