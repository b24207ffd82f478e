import sys

try:
    import cycle_from_a
except ImportError as e:
    print("caught:", e)
    print(sorted([m for m in sys.modules if m.startswith("cycle_from")]))
import cycle_from_a
