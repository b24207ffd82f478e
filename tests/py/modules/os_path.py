import os
import os.path
from os.path import join, splitext

print(os.name, os.sep, repr(os.linesep), os.curdir, os.pardir, os.pathsep, os.devnull)
print(os.path.__name__, os.path is os.path)
print(join("a", "b", "c.txt"), join("/usr", "lib"), join("a/", "b"), join("a", "/abs", "x"), join("", "x"), join("a", ""))
for p in ["/usr/lib/python3.11/os.py", "file.tar.gz", "dir/", "/", "", ".bashrc", "a/.b.c", "a.b/c", "//x//y", "...", "name."]:
    print(repr(p), os.path.basename(p), repr(os.path.dirname(p)), os.path.split(p), splitext(p))
for p in ["a/./b/../c", "/../x", "//a//b/", "///a", "", ".", "../../x/..", "a/b/../../.."]:
    print(repr(p), os.path.normpath(p))
print(os.path.isabs("/x"), os.path.isabs("x"))
here = os.getcwd()
print(os.path.abspath("x/../y") == join(here, "y"), os.path.abspath("/a/b/..") )
print(os.path.exists("os_path.py"), os.path.isfile("os_path.py"), os.path.isdir("os_path.py"))
print(os.path.exists("."), os.path.isdir(".."), os.path.isfile("."), os.path.exists("no/such/file"))
print(os.path.exists("bad\0name"), os.path.isdir(join(here, "..", "modules")))
for f, args in [(join, ("a", 1)), (join, (None,)), (os.path.basename, (3,)), (os.path.exists, (None,))]:
    try:
        f(*args)
    except TypeError as e:
        print("TypeError:", e)
for f, a in [(os.path.basename, ()), (os.path.basename, ("a", "b")), (os.path.dirname, ()), (os.path.exists, ()),
             (os.path.isdir, ()), (os.path.getsize, ()), (os.path.normpath, ()), (os.getenv, ()),
             (os.path.split, (1,)), (os.path.abspath, (None,))]:
    try:
        f(*a)
    except TypeError as e:
        print("TypeError:", e)
print(os.path.basename(p="/a/b"), os.path.exists(path="."), os.getenv(key="PYVM_NOPE", default="d"))
