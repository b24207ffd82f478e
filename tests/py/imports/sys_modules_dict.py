import sys
import math

print(type(sys.modules).__name__)
print("sys" in sys.modules, "builtins" in sys.modules, "math" in sys.modules)
print(sys.modules["sys"] is sys, sys.modules["math"] is math)
print(sys.modules["__main__"].__name__)
marker = "I am main"
print(sys.modules["__main__"].marker)

# Any object placed in sys.modules is what import gives back.
sys.modules["alias_of_math"] = math
import alias_of_math
print(alias_of_math is math, alias_of_math.sqrt(16))

sys.modules["blocked"] = None
try:
    import blocked
except ImportError as e:
    print(type(e).__name__, e)

sys.modules["shapes"] = sys
import shapes
print(shapes is sys)
del sys.modules["shapes"]
import shapes
print(shapes.UNIT)
