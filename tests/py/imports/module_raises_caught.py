import sys

for attempt in range(2):
    try:
        import broken_inventory
    except ZeroDivisionError as e:
        print("attempt", attempt, "failed:", e)
        print("cached after failure:", "broken_inventory" in sys.modules)

try:
    from broken_inventory import STOCK
except ZeroDivisionError as e:
    print("from-import failed too:", e)
