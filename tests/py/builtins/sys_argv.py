import sys
print(len(sys.argv), sys.argv[0], sys.argv[1:])
print(type(sys.argv).__name__, sys.maxsize == 2 ** 63 - 1)
from sys import argv as args
print(args is sys.argv)
try:
    import not_a_module_anywhere
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e)
try:
    from sys import nothing_here
except ImportError as e:
    print("ImportError:", type(e).__name__)
