# A plugin loader: plugins named in a list are imported by name with importlib.
import importlib
import sys

import plugins

WANTED = ["csv_export", "upper", "missing", "broken", "csv_export"]
rows = [["id", "name"], [1, "ada"], [2, "bob"]]

loaded = []
for name in WANTED:
    try:
        mod = importlib.import_module("plugins." + name)
    except ModuleNotFoundError as e:
        print("skip", name, "->", e, "| e.name =", e.name)
        continue
    except RuntimeError as e:
        print("failed", name, "->", e)
        continue
    loaded.append(mod.__name__)
    print("loaded", mod.__name__, mod is sys.modules["plugins." + name])

print(loaded)
print(sorted(plugins.REGISTRY))
for key in sorted(plugins.REGISTRY):
    print(key, plugins.REGISTRY[key]().export(rows).replace("\n", " | "))

# The failed plugin is not in sys.modules, its package still is.
print("plugins" in sys.modules, "plugins.broken" in sys.modules, hasattr(plugins, "broken"))
print(hasattr(plugins, "csv_export"), plugins.upper.CsvExporter is plugins.csv_export.CsvExporter)
print(sorted(k for k in sys.modules if k.startswith("plugins")))

# Relative names need the package.
print(importlib.import_module(".upper", "plugins") is plugins.upper)
print(importlib.import_module("..csv_export", "plugins.upper") is plugins.csv_export)
try:
    importlib.import_module(".upper")
except TypeError as e:
    print("TypeError:", e)
try:
    importlib.import_module("...x", "plugins.upper")
except ImportError as e:
    print("ImportError:", e)
try:
    importlib.import_module("plugins.csv_export.deeper")
except ModuleNotFoundError as e:
    print(e)

# A second attempt at the broken plugin runs its body again.
try:
    importlib.import_module("plugins.broken")
except RuntimeError as e:
    print("again:", e)
