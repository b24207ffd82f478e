# The types of file objects: CPython's _io classes, their names in reprs and messages.
import os

name = "file_types_tmp.bin"
for mode in ["w", "wb", "rb", "r", "a", "ab", "r+b", "w+"]:
    f = open(name, mode)
    t = type(f)
    print(mode, t, t.__name__, t.__module__, repr(f))
    try:
        f + 1
    except TypeError as e:
        print("  ", e)
    try:
        f.no_such_method
    except AttributeError as e:
        print("  ", e)
    f.close()
os.remove(name)
