# helper module: a package with a subpackage, imported piece by piece
import sys

print("kit: init runs; kit.tools loaded:", "kit.tools" in sys.modules)
