"""collections.abc, as CPython 3.11's Lib/collections/abc.py: the names of
_collections_abc (frozen as a submodule of pyvm's frozen `collections` package)."""
from _collections_abc import *
from _collections_abc import __all__
from _collections_abc import _CallableGenericAlias
