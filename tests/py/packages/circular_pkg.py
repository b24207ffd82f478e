# Circular imports between submodules of one package, as CPython resolves them.
import sys

import ring.left

print(ring.left.describe(), ring.right.describe(), ring.right.SEEN)
print(ring.left.right is ring.right, ring.right.left is ring.left)

try:
    import ring.eager
except ImportError as e:
    print(type(e).__name__, e)
print("ring.eager" in sys.modules, "ring.needy" in sys.modules, hasattr(ring, "needy"))
