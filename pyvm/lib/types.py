"""types: names for built-in types, and types.coroutine.

pyvm's frozen module. CPython's types.py finds most of its names by taking the type
of C-level objects pyvm does not have as such (mapping proxies, slot wrappers,
generic aliases); here those are Python classes with CPython's behaviour
(MappingProxyType, GenericAlias), and the pure-Python parts (new_class,
resolve_bases, prepare_class, DynamicClassAttribute, coroutine) are CPython's own.
"""

import _types
import sys

def _f(): pass
FunctionType = type(_f)
LambdaType = type(lambda: None)
CodeType = type(_f.__code__)

def _g():
    yield 1
GeneratorType = type(_g())

async def _c(): pass
_c = _c()
CoroutineType = type(_c)
_c.close()

async def _ag():
    yield 1
_ag = _ag()
AsyncGeneratorType = type(_ag)

class _C:
    def _m(self): pass
MethodType = type(_C()._m)

BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
ModuleType = type(sys)

NoneType = type(None)
EllipsisType = type(Ellipsis)
NotImplementedType = type(NotImplemented)
WrapperDescriptorType = type(object.__init__)
MethodWrapperType = type(object().__str__)
MethodDescriptorType = type(str.join)
ClassMethodDescriptorType = type(dict.__dict__['fromkeys'])
try:
    raise TypeError
except TypeError as _e:
    TracebackType = type(_e.__traceback__)
    FrameType = type(sys._getframe())
    del _e
def _cell_maker():
    x = 1
    def inner():
        return x
    return inner.__closure__[0] if getattr(inner, "__closure__", None) else None
CellType = type(_cell_maker())
GetSetDescriptorType = type(FunctionType.__code__) if False else type(property())
MemberDescriptorType = GetSetDescriptorType

del _f, _g, _c, _ag, _C, _cell_maker


class MappingProxyType:
    """A read-only view of a mapping (CPython's mappingproxy)."""

    __slots__ = ("_mapping",)

    def __new__(cls, mapping):
        if not hasattr(mapping, "__getitem__") or isinstance(mapping, (list, tuple)):
            raise TypeError("mappingproxy() argument must be a mapping, not %s"
                            % type(mapping).__name__)
        self = object.__new__(cls)
        object.__setattr__(self, "_mapping", mapping)
        return self

    def __getitem__(self, key):
        return self._mapping[key]

    def get(self, key, default=None):
        return self._mapping.get(key, default)

    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        return iter(self._mapping)

    def __len__(self):
        return len(self._mapping)

    def keys(self):
        return self._mapping.keys()

    def values(self):
        return self._mapping.values()

    def items(self):
        return self._mapping.items()

    def copy(self):
        return self._mapping.copy()

    def __eq__(self, other):
        return self._mapping == other

    def __or__(self, other):
        return self._mapping | other

    def __ror__(self, other):
        return other | self._mapping

    def __reversed__(self):
        return reversed(self._mapping)

    def __setattr__(self, name, value):
        raise AttributeError("'mappingproxy' object attribute '%s' is read-only" % name)

    def __setitem__(self, key, value):
        raise TypeError("'mappingproxy' object does not support item assignment")

    def __delitem__(self, key):
        raise TypeError("'mappingproxy' object does not support item deletion")

    def __repr__(self):
        return "mappingproxy(%r)" % (self._mapping,)

    def __str__(self):
        return str(self._mapping)


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return "%s.%s" % (obj.__module__, obj.__qualname__)
    if obj is ...:
        return "..."
    if isinstance(obj, FunctionType):
        return obj.__name__
    return repr(obj)


def _is_typevar_like(x):
    return hasattr(x, "__typing_subst__") or type(x).__name__ in ("TypeVar", "ParamSpec", "TypeVarTuple")


def _collect_parameters(args):
    params = []
    for t in args:
        if _is_typevar_like(t):
            if t not in params:
                params.append(t)
        else:
            for p in getattr(t, "__parameters__", ()):
                if isinstance(p, type) or p in params:
                    continue
                params.append(p)
    return tuple(params)


class GenericAlias:
    """A parameterized generic: list[int] (CPython's types.GenericAlias)."""

    def __new__(cls, origin, args):
        self = object.__new__(cls)
        if not isinstance(args, tuple):
            args = (args,)
        object.__setattr__(self, "__origin__", origin)
        object.__setattr__(self, "__args__", args)
        object.__setattr__(self, "__parameters__", _collect_parameters(args))
        object.__setattr__(self, "__unpacked__", False)
        return self

    def __repr__(self):
        if len(self.__args__) == 0:
            args = "()"
        else:
            args = ", ".join(_type_repr(a) if not isinstance(a, list)
                             else "[" + ", ".join(_type_repr(x) for x in a) + "]"
                             for a in self.__args__)
        return "%s[%s]" % (_type_repr(self.__origin__), args)

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash(self.__origin__) ^ hash(self.__args__)

    def __call__(self, *args, **kwargs):
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except Exception:
            pass
        return result

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__") and name not in ("__doc__", "__name__", "__qualname__", "__module__"):
            raise AttributeError(name)
        return getattr(self.__origin__, name)

    def __setattr__(self, name, value):
        if name in ("__origin__", "__args__", "__parameters__"):
            raise AttributeError("readonly attribute")
        object.__setattr__(self, name, value)

    def __getitem__(self, items):
        params = self.__parameters__
        if not params:
            raise TypeError("%r is not a generic class" % self)
        if not isinstance(items, tuple):
            items = (items,)
        if len(items) != len(params):
            raise TypeError("Too %s arguments for %r; actual %d, expected %d"
                            % ("many" if len(items) > len(params) else "few",
                               self, len(items), len(params)))
        subst = dict(zip(params, items))
        new_args = []
        for a in self.__args__:
            if _is_typevar_like(a):
                new_args.append(subst[a])
            elif getattr(a, "__parameters__", ()):
                new_args.append(a[tuple(subst[p] for p in a.__parameters__)])
            else:
                new_args.append(a)
        return GenericAlias(self.__origin__, tuple(new_args))

    def __instancecheck__(self, obj):
        raise TypeError("isinstance() argument 2 cannot be a parameterized generic")

    def __subclasscheck__(self, cls):
        raise TypeError("issubclass() argument 2 cannot be a parameterized generic")

    def __reduce__(self):
        return GenericAlias, (self.__origin__, self.__args__)

    # `list[int] | None`: a types.UnionType, as CPython's `_Py_union_type_or`.
    def __or__(self, other):
        return _union_or(self, other)

    def __ror__(self, other):
        return _union_or(other, self)

    def __dir__(self):
        return sorted(set(dir(self.__origin__)) | {"__origin__", "__args__", "__parameters__"})


# CPython's own (Lib/types.py): creating classes dynamically.
def new_class(name, bases=(), kwds=None, exec_body=None):
    """Create a class object dynamically using the appropriate metaclass."""
    resolved_bases = resolve_bases(bases)
    meta, ns, kwds = prepare_class(name, resolved_bases, kwds)
    if exec_body is not None:
        exec_body(ns)
    if resolved_bases is not bases:
        ns['__orig_bases__'] = bases
    return meta(name, resolved_bases, ns, **kwds)


def resolve_bases(bases):
    """Resolve MRO entries dynamically as specified by PEP 560."""
    new_bases = list(bases)
    updated = False
    shift = 0
    for i, base in enumerate(bases):
        if isinstance(base, type):
            continue
        if not hasattr(base, "__mro_entries__"):
            continue
        new_base = base.__mro_entries__(bases)
        updated = True
        if not isinstance(new_base, tuple):
            raise TypeError("__mro_entries__ must return a tuple")
        else:
            new_bases[i+shift:i+shift+1] = new_base
            shift += len(new_base) - 1
    if not updated:
        return bases
    return tuple(new_bases)


def prepare_class(name, bases=(), kwds=None):
    """Call the __prepare__ method of the appropriate metaclass."""
    if kwds is None:
        kwds = {}
    else:
        kwds = dict(kwds) # Don't alter the provided mapping
    if 'metaclass' in kwds:
        meta = kwds.pop('metaclass')
    else:
        if bases:
            meta = type(bases[0])
        else:
            meta = type
    if isinstance(meta, type):
        # when meta is a type, we first determine the most-derived metaclass
        # instead of invoking the initial candidate directly
        meta = _calculate_meta(meta, bases)
    if hasattr(meta, '__prepare__'):
        ns = meta.__prepare__(name, bases, **kwds)
    else:
        ns = {}
    return meta, ns, kwds


def _calculate_meta(meta, bases):
    """Calculate the most derived metaclass."""
    winner = meta
    for base in bases:
        base_meta = type(base)
        if issubclass(winner, base_meta):
            continue
        if issubclass(base_meta, winner):
            winner = base_meta
            continue
        # else:
        raise TypeError("metaclass conflict: "
                        "the metaclass of a derived class "
                        "must be a (non-strict) subclass "
                        "of the metaclasses of all its bases")
    return winner


def get_original_bases(cls):
    try:
        return cls.__dict__.get("__orig_bases__", cls.__bases__)
    except AttributeError:
        raise TypeError(f"Expected an instance of type, not {type(cls).__name__!r}") from None


class DynamicClassAttribute(property):
    """Route attribute access on a class to __getattr__ (CPython's, Lib/types.py)."""
    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        self.fget = fget
        self.fset = fset
        self.fdel = fdel
        # next two lines make DynamicClassAttribute act the same as property
        self.__doc__ = doc or fget.__doc__
        self.overwrite_doc = doc is None
        # support for abstract methods
        self.__isabstractmethod__ = bool(getattr(fget, '__isabstractmethod__', False))

    def __get__(self, instance, ownerclass=None):
        if instance is None:
            if self.__isabstractmethod__:
                return self
            raise AttributeError()
        elif self.fget is None:
            raise AttributeError("unreadable attribute")
        return self.fget(instance)

    def __set__(self, instance, value):
        if self.fset is None:
            raise AttributeError("can't set attribute")
        self.fset(instance, value)

    def __delete__(self, instance):
        if self.fdel is None:
            raise AttributeError("can't delete attribute")
        self.fdel(instance)

    def getter(self, fget):
        fdoc = fget.__doc__ if self.overwrite_doc else None
        result = type(self)(fget, self.fset, self.fdel, fdoc or self.__doc__)
        result.overwrite_doc = self.overwrite_doc
        return result

    def setter(self, fset):
        result = type(self)(self.fget, fset, self.fdel, self.__doc__)
        result.overwrite_doc = self.overwrite_doc
        return result

    def deleter(self, fdel):
        result = type(self)(self.fget, self.fset, fdel, self.__doc__)
        result.overwrite_doc = self.overwrite_doc
        return result


class SimpleNamespace:
    """A simple attribute-based namespace (CPython's, in Python)."""

    def __init__(self, *args, **kwargs):
        if args:
            raise TypeError("no positional arguments expected")
        for key, value in kwargs.items():
            setattr(self, key, value)

    def __repr__(self):
        items = (f"{k}={v!r}" for k, v in self.__dict__.items())
        name = "namespace" if type(self) is SimpleNamespace else type(self).__name__
        return "{}({})".format(name, ", ".join(items))

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented


def coroutine(func):
    """Convert regular generator function to a coroutine."""

    if not callable(func):
        raise TypeError('types.coroutine() expects a callable')

    if type(func) is FunctionType:
        if func.__code__.co_flags & 0x180:
            # Already a coroutine function (or marked).
            return func
        if _types._mark_iterable_coroutine(func):
            return func

    # A callable that is not a generator function: wrap what it returns.
    def wrapped(*args, **kwargs):
        coro = func(*args, **kwargs)
        if type(coro) is CoroutineType:
            return coro
        if type(coro) is GeneratorType and coro.gi_code.co_flags & 0x100:
            return coro
        return _GeneratorWrapper(coro)

    wrapped.__name__ = getattr(func, '__name__', 'wrapped')
    wrapped.__qualname__ = getattr(func, '__qualname__', 'wrapped')
    return wrapped


class _GeneratorWrapper:
    def __init__(self, gen):
        self.__wrapped = gen

    def send(self, val):
        return self.__wrapped.send(val)

    def throw(self, tp, *rest):
        return self.__wrapped.throw(tp, *rest)

    def close(self):
        return self.__wrapped.close()

    def __next__(self):
        return next(self.__wrapped)

    def __iter__(self):
        return self

    def __await__(self):
        return self.__wrapped


def _unionable(x):
    return x is None or isinstance(x, (type, GenericAlias, UnionType))


def _union_or(left, right):
    # NotImplemented for anything else (then `typing`'s own `__ror__` may answer);
    # one distinct member is that member itself (`int | int` is `int`).
    if not (_unionable(left) and _unionable(right)):
        return NotImplemented
    u = UnionType(left, right)
    if len(u.__args__) == 1:
        return u.__args__[0]
    return u


class UnionType:
    """`int | str` (CPython's types.UnionType), made by `|` between classes."""

    def __new__(cls, left, right):
        args = []
        for side in (left, right):
            for t in (side.__args__ if isinstance(side, UnionType) else (side,)):
                t = type(None) if t is None else t
                if t not in args:
                    args.append(t)
        self = object.__new__(cls)
        object.__setattr__(self, "__args__", tuple(args))
        object.__setattr__(self, "__parameters__", _collect_parameters(tuple(args)))
        return self

    def __or__(self, other):
        return _union_or(self, other)

    def __ror__(self, other):
        return _union_or(other, self)

    def __repr__(self):
        return " | ".join("None" if a is type(None) else _type_repr(a)
                          for a in self.__args__)

    def __eq__(self, other):
        if not isinstance(other, UnionType):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __instancecheck__(self, obj):
        return isinstance(obj, self.__args__)

    def __subclasscheck__(self, cls):
        return issubclass(cls, self.__args__)
