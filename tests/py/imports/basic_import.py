import shapes
import shapes as sh
from shapes import PI, area_rect as rect, UNIT

print(shapes.__name__, sh is shapes, PI, UNIT)
print(round(shapes.area_circle(2), 3), rect(3, 4))
print(shapes.history())
print(repr(shapes))
print(shapes.__file__)
print(type(shapes).__name__)
