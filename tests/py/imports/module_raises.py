print("main starts")
import broken_inventory
print("never printed")
