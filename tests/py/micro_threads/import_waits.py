# expected output written by hand
# A micro_thread importing a module whose body another micro_thread is running
# (suspended in it: the body sleeps, as one that opens a connection would) waits
# for that body to end, then gets the whole module, as CPython's import locks make
# threads wait. Two micro_threads importing modules that import each other both
# get their module (neither waits for the other forever). An import of a module
# whose body fails raises in every importer.
import os
import shutil
import sys
import tempfile
import time
from micro_thread import start_in_parallel

root = tempfile.mkdtemp(prefix="mt-imports-")
sys.path.insert(0, root)


def write(name, text):
    with open(os.path.join(root, name + ".py"), "w") as f:
        f.write(text)


write("config_loader", """
import time
print("config_loader: body starts")
time.sleep(0.1)
SETTINGS = {"port": 8080, "workers": 4}
print("config_loader: body ends")
""")
write("left", """
import time
time.sleep(0.05)
import right
NAME = "left"
""")
write("right", """
import time
time.sleep(0.05)
import left
NAME = "right"
""")
write("broken", """
import time
time.sleep(0.05)
raise ValueError("bad config file")
""")


def first():
    import config_loader
    return "first sees port %d" % config_loader.SETTINGS["port"]


def second():
    time.sleep(0.02)  # the first import's body is running, suspended
    import config_loader
    return "second sees workers %d" % config_loader.SETTINGS["workers"]


a, b = start_in_parallel(first), start_in_parallel(second)
print(a.wait())
print(b.wait())


def ring(name):
    mod = __import__(name)
    return "%s imported" % mod.NAME


x, y = start_in_parallel(ring, "left"), start_in_parallel(ring, "right")
print(x.wait())
print(y.wait())


def fragile(delay):
    time.sleep(delay)
    try:
        import broken
        return "imported"
    except ValueError as e:
        return "ValueError: %s" % e


p, q = start_in_parallel(fragile, 0), start_in_parallel(fragile, 0.02)
print(p.wait())
print(q.wait())
print("broken" in sys.modules)
shutil.rmtree(root)
