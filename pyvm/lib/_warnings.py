"""_warnings for pyvm: the entry points CPython's C module gives code that runs
before (or without importing) `warnings` — `importlib._bootstrap_external` imports it
unconditionally. The machinery is Lib's pure-Python `warnings` module: this module
has no `filters`, so `warnings` keeps its own Python implementation, and each call
here goes to it."""


def warn(message, category=None, stacklevel=1, source=None):
    import warnings
    # One frame more: this function's own.
    warnings.warn(message, category, stacklevel + 1, source)


def warn_explicit(message, category, filename, lineno, module=None, registry=None,
                  module_globals=None, source=None):
    import warnings
    warnings.warn_explicit(message, category, filename, lineno, module, registry,
                           module_globals, source)
