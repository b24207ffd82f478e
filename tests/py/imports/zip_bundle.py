# A plugin bundle shipped as one zip file, loaded with zipimport (as CPython loads
# eggs and zipapps), and code that reaches the builtins through __builtins__.
import os
import sys
import tempfile
import zipfile
import zipimport

PLUGINS = {
    "shout.py": "def run(text):\n    return text.upper() + '!'\n",
    "tools/__init__.py": "NAME = 'tools'\n",
    "tools/count.py": "def run(text):\n    return str(len(text.split()))\n",
}

with tempfile.TemporaryDirectory() as tmp:
    bundle = os.path.join(tmp, "plugins.zip")
    with zipfile.ZipFile(bundle, "w") as z:
        for name, src in sorted(PLUGINS.items()):
            z.writestr(name, src)
    imp = zipimport.zipimporter(bundle)
    print(imp.is_package("shout"), imp.is_package("tools"))
    code = imp.get_code("shout")
    print(type(code).__name__, code.co_filename.replace(tmp, "TMP"))
    shout = imp.load_module("shout")
    print(shout.run("hello plugins"), shout.__file__.replace(tmp, "TMP"))
    spec = imp.find_spec("tools")
    print(spec.name, spec.submodule_search_locations[0].replace(tmp, "TMP"))
    print(imp.get_source("shout").splitlines()[0])
    try:
        imp.load_module("missing")
    except zipimport.ZipImportError as e:
        print("ZipImportError:", e)
    sys.modules.pop("shout", None)

# __builtins__ as a global: the builtins module in the main program.
print(type(__builtins__).__name__, __builtins__.len("four"))
print("__builtins__" in globals(), "__builtins__" in dir())


# ImportError subclasses take name= and path= (and nothing else), as ImportError.
class BundleError(ImportError):
    pass


e = BundleError("no plugin", name="plugins.x", path="plugins.zip")
print(e, e.name, e.path, e.args)
for bad in ({"name": "n", "size": 3}, {"reason": "x"}):
    try:
        BundleError("m", **bad)
    except TypeError as err:
        print("TypeError:", err)
try:
    ValueError("v", name="n")
except TypeError as err:
    print("TypeError:", err)
