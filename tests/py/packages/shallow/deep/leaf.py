# helper module: relative imports of every depth
from . import __name__ as pkg_name
from .. import deep as me
from ..deep import leaf as self_again

def where():
    return pkg_name, me.__name__, self_again.__name__
