# A tool that discovers its plugins as the modules of a folder (pkgutil.iter_modules,
# as lib2to3 finds its fixers and many CLIs find subcommands), then imports each.
import importlib
import os
import pkgutil
import sys
import tempfile

root = tempfile.mkdtemp()
pkg = os.path.join(root, "plugins_demo")
os.makedirs(os.path.join(pkg, "nested"))
files = {
    "__init__.py": "REGISTRY = []\n",
    "alpha.py": "from . import REGISTRY\nREGISTRY.append('alpha')\nNAME = 'alpha'\n",
    "beta.py": "from . import REGISTRY\nREGISTRY.append('beta')\nNAME = 'beta'\n",
    "_private.py": "NAME = 'private'\n",
    "notes.txt": "not a module\n",
    "nested/__init__.py": "NAME = 'nested'\n",
}
for rel, text in files.items():
    with open(os.path.join(pkg, rel), "w") as f:
        f.write(text)

sys.path.insert(0, root)
import plugins_demo

found = sorted((m.name, m.ispkg) for m in pkgutil.iter_modules(plugins_demo.__path__))
print(found)
for name, ispkg in found:
    if name.startswith("_"):
        continue
    mod = importlib.import_module(f"plugins_demo.{name}")
    print(name, ispkg, mod.NAME)
print(plugins_demo.REGISTRY)
print(sorted(m.name for m in pkgutil.iter_modules(plugins_demo.__path__, prefix="plugins_demo.")))
print([m.name for m in pkgutil.iter_modules([os.path.join(root, "missing")])])
finder = pkgutil.get_importer(pkg)
print(type(finder).__name__, finder.path == pkg)
print(pkgutil.get_importer(os.path.join(pkg, "notes.txt")))

for rel in sorted(files, reverse=True):
    os.remove(os.path.join(pkg, rel))
for d in (os.path.join(pkg, "nested"), pkg):
    for sub in os.listdir(d):
        p = os.path.join(d, sub)
        if os.path.isdir(p):
            for x in os.listdir(p):
                os.remove(os.path.join(p, x))
            os.rmdir(p)
    os.rmdir(d)
os.rmdir(root)

# ImportError's own attributes, as a loader raising it sets them.
for err in (ImportError("no plugin"), ImportError("bad", name="plugins_demo.gamma", path="/x/gamma.py"),
            ModuleNotFoundError("missing", name="zeta")):
    print(type(err).__name__, err, err.name, err.path, err.args)
try:
    ImportError("x", origin="here")
except TypeError as e:
    print("TypeError:", e)
