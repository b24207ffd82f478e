"""importlib.machinery for pyvm, a part of CPython 3.11's: the file suffixes
(`inspect` reads them), `ModuleSpec` (CPython's class, copied from
importlib/_bootstrap.py), and the finders and loaders with CPython's interface
over pyvm's own search (`_imp._pyvm_find`, the one `import` uses:
pyvm/src/vm/import.rs). `importlib.util.find_spec`, `runpy` (`pyvm -m`) and
`pkgutil` use them; `import` itself does not."""

import _imp
import sys

SOURCE_SUFFIXES = ['.py']
DEBUG_BYTECODE_SUFFIXES = ['.pyc']
OPTIMIZED_BYTECODE_SUFFIXES = ['.pyc']
BYTECODE_SUFFIXES = ['.pyc']
EXTENSION_SUFFIXES = []


class _bootstrap_external:
    """pyvm caches no bytecode beside the sources: `__cached__` is None."""

    @staticmethod
    def _get_cached(filename):
        return None


def all_suffixes():
    """Returns a list of all recognized module suffixes for this process"""
    return SOURCE_SUFFIXES + BYTECODE_SUFFIXES + EXTENSION_SUFFIXES


def _object_name(obj):
    try:
        return obj.__qualname__
    except AttributeError:
        return type(obj).__qualname__


class ModuleSpec:
    """The specification for a module, used for loading.

    A module's spec is the source for information about the module.  For
    data associated with the module, including source, use the spec's
    loader.

    `name` is the absolute name of the module.  `loader` is the loader
    to use when loading the module.  `parent` is the name of the
    package the module is in.  The parent is derived from the name.

    `is_package` determines if the module is considered a package or
    not.  On modules this is reflected by the `__path__` attribute.

    `origin` is the specific location used by the loader from which to
    load the module, if that information is available.  When filename is
    set, origin will match.

    `has_location` indicates that a spec's "origin" reflects a location.
    When this is True, `__file__` attribute of the module is set.

    `cached` is the location of the cached bytecode file, if any.  It
    corresponds to the `__cached__` attribute.

    `submodule_search_locations` is the sequence of path entries to
    search when importing submodules.  If set, is_package should be
    True--and False otherwise.

    Packages are simply modules that (may) have submodules.  If a spec
    has a non-None value in `submodule_search_locations`, the import
    system will consider modules loaded from the spec as packages.

    Only finders (see importlib.abc.MetaPathFinder and
    importlib.abc.PathEntryFinder) should modify ModuleSpec instances.

    """

    def __init__(self, name, loader, *, origin=None, loader_state=None,
                 is_package=None):
        self.name = name
        self.loader = loader
        self.origin = origin
        self.loader_state = loader_state
        self.submodule_search_locations = [] if is_package else None
        self._uninitialized_submodules = []

        # file-location attributes
        self._set_fileattr = False
        self._cached = None

    def __repr__(self):
        args = ['name={!r}'.format(self.name),
                'loader={!r}'.format(self.loader)]
        if self.origin is not None:
            args.append('origin={!r}'.format(self.origin))
        if self.submodule_search_locations is not None:
            args.append('submodule_search_locations={}'
                        .format(self.submodule_search_locations))
        return '{}({})'.format(self.__class__.__name__, ', '.join(args))

    def __eq__(self, other):
        smsl = self.submodule_search_locations
        try:
            return (self.name == other.name and
                    self.loader == other.loader and
                    self.origin == other.origin and
                    smsl == other.submodule_search_locations and
                    self.cached == other.cached and
                    self.has_location == other.has_location)
        except AttributeError:
            return NotImplemented

    @property
    def cached(self):
        if self._cached is None:
            if self.origin is not None and self._set_fileattr:
                if _bootstrap_external is None:
                    raise NotImplementedError
                self._cached = _bootstrap_external._get_cached(self.origin)
        return self._cached

    @cached.setter
    def cached(self, cached):
        self._cached = cached

    @property
    def parent(self):
        """The name of the module's parent."""
        if self.submodule_search_locations is None:
            return self.name.rpartition('.')[0]
        else:
            return self.name

    @property
    def has_location(self):
        return self._set_fileattr

    @has_location.setter
    def has_location(self, value):
        self._set_fileattr = bool(value)




def _new_spec(name, loader, origin, locations):
    spec = ModuleSpec(name, loader, origin=origin,
                      is_package=locations is not None)
    if locations is not None:
        spec.submodule_search_locations = list(locations)
    return spec


def _pyvm_spec(name, path=None):
    """The spec of module `name` as pyvm's import finds it (None: not found)."""
    found = _imp._pyvm_find(name, path)
    if found is None:
        return None
    kind, origin, source, locations = found
    if kind == 'builtin':
        return ModuleSpec(name, BuiltinImporter, origin='built-in')
    if kind == 'frozen':
        return ModuleSpec(name, FrozenImporter, origin='frozen')
    if kind == 'namespace':
        spec = ModuleSpec(name, None, is_package=True)
        spec.submodule_search_locations = list(locations)
        return spec
    spec = _new_spec(name, SourceFileLoader(name, origin), origin,
                     [locations] if locations is not None else None)
    spec.has_location = True
    return spec


class BuiltinImporter:
    """Meta path import for built-in (Rust) modules."""

    _ORIGIN = "built-in"

    @staticmethod
    def __repr__():
        return "<class '_frozen_importlib.BuiltinImporter'>"

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if path is not None or _imp.is_builtin(fullname) == 0:
            return None
        return ModuleSpec(fullname, cls, origin=cls._ORIGIN)

    @staticmethod
    def create_module(spec):
        if _imp.is_builtin(spec.name) == 0:
            raise ImportError('{!r} is not a built-in module'.format(spec.name),
                              name=spec.name)
        return __import__(spec.name)

    @staticmethod
    def exec_module(module):
        """Built-in modules are initialised when they are created."""

    @classmethod
    def get_code(cls, fullname):
        return None

    @classmethod
    def get_source(cls, fullname):
        return None

    @classmethod
    def is_package(cls, fullname):
        return False


class FrozenImporter:
    """Meta path import for the modules frozen into pyvm."""

    _ORIGIN = "frozen"

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if not _imp.is_frozen(fullname):
            return None
        return ModuleSpec(fullname, cls, origin=cls._ORIGIN)

    @staticmethod
    def create_module(spec):
        """Use default semantics for module creation."""

    @staticmethod
    def exec_module(module):
        code = FrozenImporter.get_code(module.__name__)
        exec(code, module.__dict__)

    @classmethod
    def get_code(cls, fullname):
        found = _imp._pyvm_find(fullname)
        if found is None or found[0] != 'frozen':
            raise ImportError('{!r} is not a frozen module'.format(fullname),
                              name=fullname)
        return compile(found[2], '<frozen {}>'.format(fullname), 'exec',
                       dont_inherit=True)

    @classmethod
    def get_source(cls, fullname):
        found = _imp._pyvm_find(fullname)
        return found[2] if found is not None and found[0] == 'frozen' else None

    @classmethod
    def is_package(cls, fullname):
        return fullname == 'importlib'


class FileLoader:
    """Base file loader class which implements the loader protocol methods that
    require file system usage."""

    def __init__(self, fullname, path):
        self.name = fullname
        self.path = path

    def __eq__(self, other):
        return (self.__class__ == other.__class__ and
                self.__dict__ == other.__dict__)

    def __hash__(self):
        return hash(self.name) ^ hash(self.path)

    def get_filename(self, name=None):
        if name is not None and name != self.name:
            raise ImportError('loader for %s cannot handle %s' % (self.name, name),
                              name=name)
        return self.path

    def get_data(self, path):
        with open(path, 'rb') as file:
            return file.read()

    def is_package(self, fullname):
        filename = self.get_filename(fullname).rpartition('/')[2]
        filename_base = filename.rsplit('.', 1)[0]
        tail_name = fullname.rpartition('.')[2]
        return filename_base == '__init__' and tail_name != '__init__'

    def create_module(self, spec):
        """Use default semantics for module creation."""

    def exec_module(self, module):
        code = self.get_code(module.__name__)
        if code is None:
            raise ImportError('cannot load module {!r} when get_code() '
                              'returns None'.format(module.__name__))
        exec(code, module.__dict__)

    def load_module(self, fullname):
        import importlib.util
        spec = importlib.util.spec_from_loader(fullname, self)
        module = importlib.util.module_from_spec(spec)
        sys.modules[fullname] = module
        try:
            self.exec_module(module)
        except BaseException:
            sys.modules.pop(fullname, None)
            raise
        return sys.modules[fullname]


class SourceLoader:
    def path_stats(self, path):
        import os
        st = os.stat(path)
        return {'mtime': st.st_mtime, 'size': st.st_size}

    def get_source(self, fullname):
        import importlib.util
        path = self.get_filename(fullname)
        try:
            source_bytes = self.get_data(path)
        except OSError as exc:
            raise ImportError('source not available through get_data()',
                              name=fullname) from exc
        return importlib.util.decode_source(source_bytes)

    def source_to_code(self, data, path, *, _optimize=-1):
        return compile(data, path, 'exec', dont_inherit=True, optimize=_optimize)

    def get_code(self, fullname):
        path = self.get_filename(fullname)
        return self.source_to_code(self.get_data(path), path)


class SourceFileLoader(FileLoader, SourceLoader):
    """Concrete implementation of SourceLoader using the file system."""


class SourcelessFileLoader(FileLoader):
    """pyvm reads no bytecode files: this loader finds no code in them."""

    def get_code(self, fullname):
        raise ImportError('pyvm cannot load bytecode files: {!r}'.format(self.path),
                          name=fullname)

    def get_source(self, fullname):
        return None


class ExtensionFileLoader(FileLoader):
    """pyvm loads no C extension modules."""

    def create_module(self, spec):
        raise ImportError('pyvm cannot load C extension modules: {!r}'.format(self.path),
                          name=spec.name)

    def get_code(self, fullname):
        return None

    def get_source(self, fullname):
        return None


class NamespaceLoader:
    def __init__(self, name, path, path_finder=None):
        self._path = path

    def is_package(self, fullname):
        return True

    def get_source(self, fullname):
        return ''

    def get_code(self, fullname):
        return compile('', '<string>', 'exec', dont_inherit=True)

    def create_module(self, spec):
        """Use default semantics for module creation."""

    def exec_module(self, module):
        pass


class PathFinder:
    """Meta path finder for sys.path and package __path__ attributes."""

    @staticmethod
    def invalidate_caches():
        """pyvm's finder keeps no caches."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        spec = _pyvm_spec(fullname, path)
        if spec is None or spec.loader in (BuiltinImporter, FrozenImporter):
            return None
        return spec

    @staticmethod
    def find_distributions(*args, **kwargs):
        """The installed distributions (`importlib.metadata`'s search of sys.path
        for `*.dist-info` folders), as CPython's PathFinder."""
        from importlib.metadata import MetadataPathFinder
        return MetadataPathFinder.find_distributions(*args, **kwargs)


class WindowsRegistryFinder:
    """Meta path finder for modules declared in the Windows registry: as CPython's
    off Windows, it finds nothing (`importlib.abc` registers it)."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        return None

    @classmethod
    def find_module(cls, fullname, path=None):
        return None


class FileFinder:
    """A finder of the modules in one directory."""

    def __init__(self, path, *loader_details):
        self.path = path or '.'

    def invalidate_caches(self):
        """pyvm's finder keeps no caches."""

    def find_spec(self, fullname, target=None):
        return PathFinder.find_spec(fullname, [self.path])

    def __repr__(self):
        return 'FileFinder({!r})'.format(self.path)

    @classmethod
    def path_hook(cls, *loader_details):
        """A path hook giving a FileFinder for a directory (ImportError otherwise),
        as sys.path_hooks holds it: pkgutil.iter_modules lists a folder's modules
        through it (lib2to3 finds its fixers that way)."""
        def path_hook_for_FileFinder(path):
            import os
            if not os.path.isdir(path or '.'):
                raise ImportError('only directories are supported', path=path)
            return cls(path, *loader_details)
        return path_hook_for_FileFinder


def _install_path_hook():
    import sys
    if not any(getattr(h, '__qualname__', '').startswith('FileFinder.path_hook')
               for h in sys.path_hooks):
        sys.path_hooks.append(FileFinder.path_hook())


_install_path_hook()


# sys.meta_path, as CPython's: pyvm's own search stands where these finders are
# (`vm::import` asks a program's finders placed before them first, and those after
# them for what the search does not find).
if not sys.meta_path:
    sys.meta_path.extend([BuiltinImporter, FrozenImporter, PathFinder])
