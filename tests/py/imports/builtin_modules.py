import sys
import math, json
import os.path
import itertools, functools, traceback
from math import sqrt, pi as PI
from os import path as p

print(sqrt(2) == math.sqrt(2), PI == math.pi)
print(p is os.path, os.path.basename("/a/b.txt"))
for name in ["math", "json", "itertools", "traceback", "functools"]:
    print(name, name in sys.modules)
print(repr(sys), repr(itertools))
print(json.dumps({"k": [1, 2]}))
