# helper module: looks at __main__ from an imported module
import sys

main = sys.modules["__main__"]
print("twin sees main_value =", main.main_value, "in", main.__name__)
