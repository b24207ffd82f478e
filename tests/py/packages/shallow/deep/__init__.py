# helper module: a subpackage
from .. import sibling_value
