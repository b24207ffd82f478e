# A tool that only needs file predicates imports genericpath (CPython's shared half
# of posixpath and ntpath) before anything else, and os.path through it.
import genericpath
import os

for p in ["/", "/etc", "/nonexistent", __file__]:
    print(p == __file__ and "<script>" or p, genericpath.exists(p), genericpath.isdir(p), genericpath.isfile(p))
print(genericpath.commonprefix(["/usr/lib/python3", "/usr/lib/perl", "/usr/local"]))
print(os.path is __import__("posixpath"), os.path.splitext("archive.tar.gz"))
print(genericpath.samefile(__file__, os.path.join(os.path.dirname(__file__), os.path.basename(__file__))))
