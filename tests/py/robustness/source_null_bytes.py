# A plugin loader that compiles user-supplied source: a NUL byte anywhere in it is
# CPython's SyntaxError, whichever way the source arrives.
import os
import sys

SOURCES = {
    "exec str": lambda: exec("x = 1\x00"),
    "exec bytes": lambda: exec(b"x = 1\x00"),
    "eval str": lambda: eval("1 +\x00 2"),
    "eval bytes": lambda: eval(b"1\x00"),
    "compile exec": lambda: compile("a = 1\n# \x00 in a comment\n", "plugin.py", "exec"),
    "compile eval": lambda: compile("'\x00'", "plugin.py", "eval"),
    "compile single": lambda: compile("x\x00", "plugin.py", "single"),
    "clean": lambda: compile("a = 1\n", "plugin.py", "exec"),
}
for name, load in SOURCES.items():
    try:
        load()
        print(f"{name}: ok")
    except SyntaxError as e:
        print(f"{name}: {type(e).__name__}: {e} args={e.args!r} lineno={e.lineno}")

folder = "/tmp/pyvm_nul_plugin_%d" % os.getpid()
os.mkdir(folder)
with open(os.path.join(folder, "nul_plugin.py"), "wb") as f:
    f.write(b"VALUE = 1\nOTHER = 2 \x00\n")
sys.path.insert(0, folder)
try:
    import nul_plugin
except SyntaxError as e:
    print("import:", type(e).__name__, e, e.lineno)
os.remove(os.path.join(folder, "nul_plugin.py"))
os.rmdir(folder)
