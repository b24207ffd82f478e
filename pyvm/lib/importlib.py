"""importlib for pyvm: `import_module` and `invalidate_caches`, as CPython 3.11's
(`importlib/__init__.py` and `_bootstrap._gcd_import`). The import itself is the
interpreter's `__import__`."""

import sys

# A package, as CPython's: its submodules `machinery` and `util` are frozen too; the
# others (`metadata`, `resources`, `abc`) come from the standard library's own
# `importlib` folder, searched after the frozen ones.
__path__ = ['<frozen>']


def _add_library_folder():
    import posix
    for entry in sys.path:
        if not isinstance(entry, str) or entry in ('', '<frozen>'):
            continue
        folder = entry.rstrip('/') + '/importlib'
        try:
            posix.stat(folder + '/__init__.py')
        except OSError:
            continue
        __path__.append(folder)
        return


_add_library_folder()


def invalidate_caches():
    """pyvm's finders keep no caches: nothing to invalidate."""


def _resolve_name(name, package, level):
    bits = package.rsplit('.', level - 1)
    if len(bits) < level:
        raise ImportError('attempted relative import beyond top-level package')
    base = bits[0]
    return f'{base}.{name}' if name else base


def _sanity_check(name, package, level):
    if not isinstance(name, str):
        raise TypeError('module name must be str, not {}'.format(type(name)))
    if level < 0:
        raise ValueError('level must be >= 0')
    if level > 0:
        if not isinstance(package, str):
            raise TypeError('__package__ not set to a string')
        elif not package:
            raise ImportError('attempted relative import with no known parent package')
    if not name and level == 0:
        raise ValueError('Empty module name')


def _gcd_import(name, package=None, level=0):
    _sanity_check(name, package, level)
    if level > 0:
        name = _resolve_name(name, package, level)
    __import__(name)
    return sys.modules[name]


def import_module(name, package=None):
    """Import a module.

    The 'package' argument is required when performing a relative import. It
    specifies the package to use as the anchor point from which to resolve the
    relative import to an absolute import.

    """
    level = 0
    if name.startswith('.'):
        if not package:
            msg = ("the 'package' argument is required to perform a relative "
                   "import for {!r}")
            raise TypeError(msg.format(name))
        for character in name:
            if character != '.':
                break
            level += 1
    return _gcd_import(name[level:], package, level)
