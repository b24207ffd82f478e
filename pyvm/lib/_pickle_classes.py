# The Python part of pyvm's native `_pickle` module, run in its namespace when the
# module is made: the exception classes and the shells of `Pickler` and `Unpickler`,
# whose instances carry the native state (`_pickler_new`, `_unpickler_new`) and whose
# methods run the native engine. Being ordinary classes, programs subclass them and
# override `persistent_id`, `persistent_load`, `find_class` or `reducer_override`.


class PickleError(Exception):
    pass


class PicklingError(PickleError):
    pass


class UnpicklingError(PickleError):
    pass


class PicklerMemoProxy:
    _pyvm_c_type = True

    def __init__(self, pickler):
        self._pickler = pickler

    def clear(self):
        _pickler_clear_memo(self._pickler)

    def copy(self):
        return _pickler_memo_copy(self._pickler)

    def __reduce__(self):
        return dict, (self.copy(),)


class UnpicklerMemoProxy:
    _pyvm_c_type = True

    def __init__(self, unpickler):
        self._unpickler = unpickler

    def clear(self):
        _unpickler_set_memo(self._unpickler, {})

    def copy(self):
        return _unpickler_memo_copy(self._unpickler)

    def __reduce__(self):
        return dict, (self.copy(),)


class Pickler:
    """This takes a binary file for writing a pickle data stream."""
    _pyvm_c_type = True
    __new__ = staticmethod(_pickler_new)
    # The methods are the natives themselves (no Python frame in a traceback).
    __init__ = _pickler_init
    dump = _pickler_dump
    clear_memo = _pickler_clear_memo
    __sizeof__ = _pickler_sizeof

    @property
    def memo(self):
        return PicklerMemoProxy(self)

    @memo.setter
    def memo(self, value):
        if isinstance(value, PicklerMemoProxy):
            value = value.copy()
        _pickler_set_memo(self, value)

    @memo.deleter
    def memo(self):
        raise TypeError("attribute deletion is not supported")

    @property
    def fast(self):
        return _pickler_flag(self, 'fast')

    @fast.setter
    def fast(self, value):
        _pickler_flag(self, 'fast', value)

    @property
    def bin(self):
        return _pickler_flag(self, 'bin')


class Unpickler:
    """This takes a binary file for reading a pickle data stream."""
    _pyvm_c_type = True
    __new__ = staticmethod(_unpickler_new)
    __init__ = _unpickler_init
    load = _unpickler_load
    find_class = _unpickler_find_class
    __sizeof__ = _unpickler_sizeof

    @property
    def memo(self):
        return UnpicklerMemoProxy(self)

    @memo.setter
    def memo(self, value):
        if isinstance(value, UnpicklerMemoProxy):
            value = value.copy()
        _unpickler_set_memo(self, value)

    @memo.deleter
    def memo(self):
        raise TypeError("attribute deletion is not supported")


for _c in (PickleError, PicklingError, UnpicklingError, PicklerMemoProxy,
           UnpicklerMemoProxy, Pickler, Unpickler):
    _c.__module__ = '_pickle'
del _c
