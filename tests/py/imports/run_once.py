import sys

print("first import")
import shapes
print("second import")
import shapes
from shapes import PI
print("modules cached:", sys.modules["shapes"] is shapes)

shapes.area_rect(1, 2)
import shapes as again
print("state kept:", again.history())

# Removing it from sys.modules makes the next import run the body again.
del sys.modules["shapes"]
import shapes as fresh
print("fresh module:", fresh is not again, fresh.history(), again.history())
