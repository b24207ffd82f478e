# What relative imports cannot do, with CPython's errors.
import sys

try:
    from . import anything
except ImportError as e:
    print(type(e).__name__, e, e.name)
try:
    from .sibling import thing
except ImportError as e:
    print(type(e).__name__, e)
print(repr(__package__), __spec__)

try:
    import shallow.too_far
except ImportError as e:
    print(type(e).__name__, e)
print("shallow" in sys.modules, "shallow.too_far" in sys.modules)

import shallow.deep.leaf
print(shallow.deep.leaf.where(), shallow.deep.sibling_value)

try:
    import shallow.fails
except ValueError as e:
    print("ValueError:", e)
print("shallow" in sys.modules, "shallow.fails" in sys.modules, hasattr(shallow, "fails"))

try:
    from shallow import wrong_name
except ImportError as e:
    print(type(e).__name__, e, e.name)

try:
    import shallow.nothing.here
except ModuleNotFoundError as e:
    print(e, e.name)
try:
    import nothing_at_all.here
except ModuleNotFoundError as e:
    print(e, e.name)
try:
    import sys.path
except ModuleNotFoundError as e:
    print(e)

# A module set to None in sys.modules stops its import.
sys.modules["shallow.blocked"] = None
try:
    import shallow.blocked
except ImportError as e:
    print(type(e).__name__, e)
try:
    from shallow import blocked
except ImportError as e:
    print(type(e).__name__, e)

# __import__ resolves relative names from the globals it is given.
g = {"__name__": "shallow.deep.leaf", "__package__": "shallow.deep"}
print(__import__("leaf", g, None, ["where"], 1).__name__)
print(__import__("", g, None, ["leaf"], 2).__name__)
print(__import__("deep.leaf", g, None, [], 2).__name__)
print(__import__("", {"__name__": "shallow.deep", "__path__": []}, None, ["x"], 1).__name__)
print(__import__("", {"__name__": "shallow.deep.leaf"}, None, ["x"], 1).__name__)
for args in [("x", {"__package__": ""}, None, [], 1), ("x", {"__package__": "a"}, None, [], 2),
             ("", None, None, [], 0), ("x", {}, None, [], -1), ("x", {"__package__": 3}, None, [], 1)]:
    try:
        __import__(*args)
    except (ImportError, ValueError, TypeError, KeyError) as e:
        print(type(e).__name__, e)
