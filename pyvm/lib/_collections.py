"""_collections: deque, defaultdict and OrderedDict for Lib's collections package.

pyvm's frozen module, standing where CPython's C module of that name stands: Lib's
collections/__init__.py imports these and keeps its own pure-Python Counter,
namedtuple, ChainMap, UserDict... Written in Python on pyvm's dict subclass support:
deque is a ring buffer (O(1) at both ends), with CPython 3.11's behaviour, messages
and reprs.
"""



class _deque_iterator:
    """Iterator over a deque, front to back (or back to front)."""

    def __init__(self, d, backwards):
        self._d = d
        self._state = d._state
        self._left = d._n
        self._i = d._n - 1 if backwards else 0
        self._step = -1 if backwards else 1

    def __iter__(self):
        return self

    def __next__(self):
        d = self._d
        if d._state != self._state:
            self._left = 0
            raise RuntimeError('deque mutated during iteration')
        if self._left <= 0:
            raise StopIteration
        i = self._i
        self._i = i + self._step
        self._left -= 1
        return d._buf[(d._head + i) & (len(d._buf) - 1)]

    def __length_hint__(self):
        return self._left


class deque:
    """deque([iterable[, maxlen]]) --> deque object

A list-like sequence optimized for data accesses near its endpoints."""

    __module__ = 'collections'
    __hash__ = None
    _pyvm_c_type = True     # messages name it 'collections.deque'

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError('an integer is required')
            if maxlen < 0:
                raise ValueError('maxlen must be non-negative')
        self._maxlen = maxlen
        self._buf = [None] * 8      # capacity: a power of two
        self._head = 0
        self._n = 0
        self._state = 0             # renewed on every change, for iterators
        self.extend(iterable)

    @property
    def maxlen(self):
        """maximum size of a deque or None if unbounded"""
        return self._maxlen

    def __reduce__(self):
        """Return state information for pickling."""
        # pyvm: the instance dict holds the ring buffer; only a subclass's own
        # attributes are state, as in CPython's deque_reduce.
        state = {k: v for k, v in self.__dict__.items()
                 if k not in ('_maxlen', '_buf', '_head', '_n', '_state')} or None
        if self._maxlen is None:
            return type(self), (), state, iter(self)
        return type(self), ((), self._maxlen), state, iter(self)

    # The ring buffer.
    def _grow(self):
        buf = self._buf
        cap = len(buf)
        mask = cap - 1
        head = self._head
        items = [buf[(head + i) & mask] for i in range(self._n)]
        self._buf = items + [None] * (cap * 2 - self._n)
        self._head = 0

    def _index(self, i, what='deque index out of range'):
        if not isinstance(i, int):
            raise TypeError("sequence index must be integer, not '%s'"
                            % type(i).__name__)
        n = self._n
        if i < 0:
            i += n
        if i < 0 or i >= n:
            raise IndexError(what)
        return (self._head + i) & (len(self._buf) - 1)

    def append(self, x):
        """Add an element to the right side of the deque."""
        self._state += 1
        if self._maxlen is not None and self._n >= self._maxlen:
            if self._maxlen == 0:
                return
            self._popleft()
        if self._n == len(self._buf):
            self._grow()
        self._buf[(self._head + self._n) & (len(self._buf) - 1)] = x
        self._n += 1

    def appendleft(self, x):
        """Add an element to the left side of the deque."""
        self._state += 1
        if self._maxlen is not None and self._n >= self._maxlen:
            if self._maxlen == 0:
                return
            self._pop()
        if self._n == len(self._buf):
            self._grow()
        self._head = (self._head - 1) & (len(self._buf) - 1)
        self._buf[self._head] = x
        self._n += 1

    def _pop(self):
        self._n -= 1
        at = (self._head + self._n) & (len(self._buf) - 1)
        x = self._buf[at]
        self._buf[at] = None
        return x

    def _popleft(self):
        at = self._head
        x = self._buf[at]
        self._buf[at] = None
        self._head = (at + 1) & (len(self._buf) - 1)
        self._n -= 1
        return x

    def pop(self):
        """Remove and return the rightmost element."""
        if not self._n:
            raise IndexError('pop from an empty deque')
        self._state += 1
        return self._pop()

    def popleft(self):
        """Remove and return the leftmost element."""
        if not self._n:
            raise IndexError('pop from an empty deque')
        self._state += 1
        return self._popleft()

    def extend(self, iterable):
        """Extend the right side of the deque with elements from the iterable"""
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        """Extend the left side of the deque with elements from the iterable"""
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)

    def clear(self):
        """Remove all elements from the deque."""
        self._state += 1
        self._buf = [None] * 8
        self._head = 0
        self._n = 0

    def copy(self):
        """Return a shallow copy of a deque."""
        return type(self)(self, self._maxlen)

    __copy__ = copy

    def count(self, value):
        """D.count(value) -- return number of occurrences of value"""
        state = self._state
        c = 0
        for i in range(self._n):
            if self._buf[(self._head + i) & (len(self._buf) - 1)] == value:
                c += 1
            if self._state != state:
                raise RuntimeError('deque mutated during iteration')
        return c

    def index(self, value, start=0, stop=None):
        """D.index(value, [start, [stop]]) -- return first index of value.
Raises ValueError if the value is not present."""
        n = self._n
        if stop is None or stop > n:
            stop = n
        if start < 0:
            start = max(start + n, 0)
        if stop < 0:
            stop += n
        state = self._state
        for i in range(start, stop):
            if self._buf[(self._head + i) & (len(self._buf) - 1)] == value:
                return i
            if self._state != state:
                raise RuntimeError('deque mutated during iteration')
        raise ValueError('%r is not in deque' % (value,))

    def insert(self, index, value):
        """D.insert(index, object) -- insert object before index"""
        if self._maxlen is not None and self._n >= self._maxlen:
            raise IndexError('deque already at its maximum size')
        n = self._n
        if index < 0:
            index = max(index + n, 0)
        if index >= n:
            self.append(value)
            return
        self.rotate(-index)
        self.appendleft(value)
        self.rotate(index)

    def remove(self, value):
        """D.remove(value) -- remove first occurrence of value."""
        for i in range(self._n):
            if self._buf[(self._head + i) & (len(self._buf) - 1)] == value:
                del self[i]
                return
        raise ValueError('%r is not in deque' % (value,))

    def reverse(self):
        """D.reverse() -- reverse *IN PLACE*"""
        items = list(self)
        items.reverse()
        self.clear()
        self.extend(items)

    def rotate(self, n=1):
        """Rotate the deque n steps to the right (default n=1).  If n is negative,
rotates left."""
        size = self._n
        if size <= 1:
            return
        self._state += 1
        n %= size
        if n > size // 2:
            n -= size
        if n > 0:
            for _ in range(n):
                x = self._pop()
                self._head = (self._head - 1) & (len(self._buf) - 1)
                self._buf[self._head] = x
                self._n += 1
        else:
            for _ in range(-n):
                x = self._popleft()
                self._buf[(self._head + self._n) & (len(self._buf) - 1)] = x
                self._n += 1

    def __len__(self):
        return self._n

    def __bool__(self):
        return self._n > 0

    def __iter__(self):
        return _deque_iterator(self, False)

    def __reversed__(self):
        return _deque_iterator(self, True)

    def __contains__(self, value):
        state = self._state
        for i in range(self._n):
            if self._buf[(self._head + i) & (len(self._buf) - 1)] == value:
                return True
            if self._state != state:
                raise RuntimeError('deque mutated during iteration')
        return False

    def __getitem__(self, i):
        return self._buf[self._index(i)]

    def __setitem__(self, i, value):
        self._buf[self._index(i, 'deque index out of range')] = value

    def __delitem__(self, i):
        self._index(i, 'deque index out of range')
        if i < 0:
            i += self._n
        self.rotate(-i)
        self.popleft()
        self.rotate(i)

    def __repr__(self):
        name = type(self).__name__
        if self._maxlen is None:
            return '%s(%r)' % (name, list(self))
        return '%s(%r, maxlen=%d)' % (name, list(self), self._maxlen)

    def _cmp_items(self, other):
        if not isinstance(other, deque):
            return None
        return list(self), list(other)

    def __eq__(self, other):
        p = self._cmp_items(other)
        return NotImplemented if p is None else p[0] == p[1]

    def __ne__(self, other):
        p = self._cmp_items(other)
        return NotImplemented if p is None else p[0] != p[1]

    def __lt__(self, other):
        p = self._cmp_items(other)
        return NotImplemented if p is None else p[0] < p[1]

    def __le__(self, other):
        p = self._cmp_items(other)
        return NotImplemented if p is None else p[0] <= p[1]

    def __gt__(self, other):
        p = self._cmp_items(other)
        return NotImplemented if p is None else p[0] > p[1]

    def __ge__(self, other):
        p = self._cmp_items(other)
        return NotImplemented if p is None else p[0] >= p[1]

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "%s") to deque'
                            % type(other).__name__)
        new = self.copy()
        new.extend(other)
        return new

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        new = self.copy()
        new *= n
        return new

    __rmul__ = __mul__

    def __imul__(self, n):
        items = list(self)
        maxlen = self._maxlen
        if items and maxlen is not None and isinstance(n, int):
            # Only the last maxlen items of the repetition survive.
            n = min(n, maxlen // len(items) + 1)
        items = items * n       # MemoryError at once when it could not be held
        if maxlen is not None and len(items) > maxlen:
            items = items[len(items) - maxlen:]
        cap = 8
        while cap < len(items):
            cap *= 2
        self._state += 1
        self._buf = items + [None] * (cap - len(items))
        self._head = 0
        self._n = len(items)
        return self


################################################################################
### defaultdict
################################################################################

class defaultdict(dict):
    """defaultdict(default_factory=None, /, [...]) --> dict with default factory

The default factory is called without arguments to produce
a new value when a key is not present, in __getitem__ only.
A defaultdict compares equal to a dict with the same items.
All remaining arguments are treated the same as if they were
passed to the dict constructor, including keyword arguments.
"""

    __module__ = 'collections'

    def __init__(self, default_factory=None, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        dict.__init__(self, *args, **kwargs)
        self.default_factory = default_factory

    def __reduce__(self):
        """Return state information for pickling."""
        args = () if self.default_factory is None else (self.default_factory,)
        return type(self), args, None, None, iter(self.items())

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self[key] = value
        return value

    def __repr__(self):
        return '%s(%r, %s)' % (type(self).__name__, self.default_factory,
                               dict.__repr__(self))

    def copy(self):
        """D.copy() -> a shallow copy of D."""
        return type(self)(self.default_factory, self)

    __copy__ = copy

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(self.default_factory, other)
        new.update(self)
        return new

    def __ior__(self, other):
        self.update(other)
        return self


################################################################################
### OrderedDict
################################################################################

class OrderedDict(dict):
    'Dictionary that remembers insertion order'

    __module__ = 'collections'

    def popitem(self, last=True):
        '''Remove and return a (key, value) pair from the dictionary.

        Pairs are returned in LIFO order if last is true or FIFO order if false.
        '''
        if not self:
            raise KeyError('dictionary is empty')
        if last:
            return dict.popitem(self)
        key = next(iter(self))
        return key, dict.pop(self, key)

    def move_to_end(self, key, last=True):
        '''Move an existing element to the end (or beginning if last is false).

        Raise KeyError if the element does not exist.
        '''
        value = dict.pop(self, key)
        if last:
            dict.__setitem__(self, key, value)
            return
        rest = list(dict.items(self))
        dict.clear(self)
        dict.__setitem__(self, key, value)
        for k, v in rest:
            dict.__setitem__(self, k, v)

    def __reduce__(self):
        """Return state information for pickling"""
        return type(self), (), self.__getstate__(), None, iter(self.items())

    def __reversed__(self):
        keys = list(self)
        keys.reverse()
        return iter(keys)

    def __repr__(self):
        'od.__repr__() <==> repr(od)'
        if not self:
            return '%s()' % (type(self).__name__,)
        return '%s(%r)' % (type(self).__name__, list(self.items()))

    def __eq__(self, other):
        '''od.__eq__(y) <==> od==y.  Comparison to another OD is order-sensitive
        while comparison to a regular mapping is order-insensitive.
        '''
        if isinstance(other, OrderedDict):
            return dict.__eq__(self, other) and list(self) == list(other)
        return dict.__eq__(self, other)

    def __ne__(self, other):
        return not self.__eq__(other)

    def copy(self):
        'od.copy() -> a shallow copy of od'
        return type(self)(self)

    __copy__ = copy

    @classmethod
    def fromkeys(cls, iterable, value=None):
        '''Create a new ordered dictionary with keys from iterable and values set to value.
        '''
        self = cls()
        for key in iterable:
            self[key] = value
        return self

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(self)
        new.update(other)
        return new

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(other)
        new.update(self)
        return new

    def __ior__(self, other):
        self.update(other)
        return self



def _tuplegetter(index, doc):
    """A namedtuple field (CPython's _tuplegetter): the item at `index`, read-only.
    A property over a closure, the fastest read pyvm has for it today."""
    def getter(self):
        return self[index]

    def setter(self, value):
        raise AttributeError("can't set attribute")

    def deleter(self):
        raise AttributeError("can't delete attribute")

    return property(getter, setter, deleter, doc)
