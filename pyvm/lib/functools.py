"""functools: tools for working with functions and callable objects.

pyvm's frozen part of the module; as in CPython, reduce and partial are native
(the _functools module). wraps/update_wrapper, lru_cache and cmp_to_key need
function attributes and classes, which pyvm does not have yet.
"""

__all__ = ["WRAPPER_ASSIGNMENTS", "WRAPPER_UPDATES", "reduce", "partial"]

from _functools import reduce, partial

WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__',
                       '__annotations__')
WRAPPER_UPDATES = ('__dict__',)
