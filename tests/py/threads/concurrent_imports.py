# A plugin loader: worker threads import plugin modules on first use while other
# threads are still running those modules' bodies. An import of a module whose
# body another thread is running waits for it (CPython's per-module import
# locks); it never gets the module half made. Two threads importing modules that
# import each other do not wait for each other forever.
import os
import sys
import tempfile
import threading
import time

root = tempfile.mkdtemp(prefix="plugins-")
sys.path.insert(0, root)


def write(name, text):
    with open(os.path.join(root, name + ".py"), "w") as f:
        f.write(text)


# A plugin whose body is slow (it "loads a model"), then defines its API last.
write("slow_plugin", """
import time
LOADED = []
time.sleep(0.3)
def handle(request):
    return "slow:" + request.upper()
VERSION = (1, 2)
""")

# A package whose __init__ imports a slow submodule.
os.mkdir(os.path.join(root, "codecs_pkg"))
write("codecs_pkg/__init__", """
from . import rot
NAMES = ["rot"]
""")
write("codecs_pkg/rot", """
import time
time.sleep(0.2)
def encode(s):
    return "".join(chr((ord(c) - 97 + 13) % 26 + 97) if c.islower() else c for c in s)
""")

# Two modules that import each other, each imported first by its own thread.
write("ring_a", """
import time
time.sleep(0.1)
import ring_b
A = "a"
""")
write("ring_b", """
import time
time.sleep(0.1)
import ring_a
B = "b"
""")

results = {}
lock = threading.Lock()


def record(key, value):
    with lock:
        results[key] = value


def use_slow(i):
    import slow_plugin
    record(("slow", i), (slow_plugin.handle("req%d" % i), slow_plugin.VERSION))


def use_pkg(i):
    from codecs_pkg import rot
    import codecs_pkg
    record(("pkg", i), (rot.encode("hello"), codecs_pkg.NAMES))


def use_ring(name):
    try:
        mod = __import__(name)
        record(("ring", name), sorted(k for k in vars(mod) if len(k) == 1))
    except ImportError as e:
        record(("ring", name), "ImportError")


threads = [threading.Thread(target=use_slow, args=(i,)) for i in range(4)]
threads += [threading.Thread(target=use_pkg, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
    time.sleep(0.01)
for t in threads:
    t.join()

ring = [threading.Thread(target=use_ring, args=(n,)) for n in ("ring_a", "ring_b")]
for t in ring:
    t.start()
for t in ring:
    t.join()

for key in sorted(k for k in results if k[0] != "ring"):
    print(key, results[key])
# Which of the two ring modules each thread saw finished depends on timing; that
# both threads came back with a module is what matters.
print("ring threads done:", len([k for k in results if k[0] == "ring"]))
print("ring modules finished:", sys.modules["ring_a"].A, sys.modules["ring_b"].B)

# Lazily imported inside threads: the first use of a codec from many threads.
out = []


def decode(i):
    out.append(bytes([104, 105]).decode("utf-16-le" if i % 2 else "latin-1"))


ts = [threading.Thread(target=decode, args=(i,)) for i in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(out))

import shutil
shutil.rmtree(root)
