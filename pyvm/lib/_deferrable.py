"""Deferral-aware versions of the built-ins that consume iterables.

pyvm calls these in place of the native ones when an argument may suspend the
micro_thread while it is read (a micro_pipe, a generator, an iterator written in
Python), so that the loop reading it is a Python frame that can be suspended and
resumed. Tracebacks leave these frames out, as CPython shows no frame for its
built-ins.
"""


def _list(iterable=()):
    return [x for x in iterable]


def _tuple(iterable=()):
    return tuple([x for x in iterable])


def _set(iterable=()):
    return {x for x in iterable}


def _frozenset(iterable=()):
    return frozenset([x for x in iterable])


def _dict(iterable=(), **kws):
    d = {}
    if hasattr(iterable, 'keys'):
        # A mapping: its keys() and [key], as CPython's dict() merges one.
        for k in iterable.keys():
            d[k] = iterable[k]
    else:
        for k, v in iterable:
            d[k] = v
    d.update(kws)
    return d


def _sum(iterable, start=0):
    total = start
    for x in iterable:
        total = total + x
    return total


def _min(iterable, *rest, **kws):
    if rest:
        return min(iterable, *rest, **kws)
    return min([x for x in iterable], **kws)


def _max(iterable, *rest, **kws):
    if rest:
        return max(iterable, *rest, **kws)
    return max([x for x in iterable], **kws)


def _sorted(iterable, *, key=None, reverse=False):
    return sorted([x for x in iterable], key=key, reverse=reverse)


def _any(iterable):
    for x in iterable:
        if x:
            return True
    return False


def _all(iterable):
    for x in iterable:
        if not x:
            return False
    return True


def _join(sep, iterable):
    return sep.join([x for x in iterable])


def _extend(lst, iterable):
    lst.extend([x for x in iterable])


def _enumerate(iterable, start=0):
    n = start
    for x in iterable:
        yield (n, x)
        n += 1


def _zip(*iterables, strict=False):
    if not iterables:
        return
    its = [iter(i) for i in iterables]
    while True:
        items = []
        for n, it in enumerate(its):
            try:
                items.append(next(it))
            except StopIteration:
                if strict:
                    _zip_unequal(its, n)
                return
        yield tuple(items)


def _zip_unequal(its, n):
    """zip(strict=True) when argument n + 1 ran out: CPython's ValueError unless
    every other one ran out at the same item."""
    if n:
        raise ValueError("zip() argument %d is shorter than argument%s%d"
                         % (n + 1, " " if n == 1 else "s 1-", n))
    for i in range(1, len(its)):
        for _ in its[i]:
            raise ValueError("zip() argument %d is longer than argument%s%d"
                             % (i + 1, " " if i == 1 else "s 1-", i))


def _map(function, *iterables):
    for args in _zip(*iterables):
        try:
            value = function(*args)
        except StopIteration as e:
            # Ends the map, its value passed on, as CPython's map does (not the
            # RuntimeError of a generator raising StopIteration).
            return e.value
        yield value


def _filter(function, iterable):
    for x in iterable:
        try:
            keep = x if function is None else function(x)
        except StopIteration as e:
            return e.value
        if keep:
            yield x


def _pipe_take_from(pipe, iterable):
    for x in iterable:
        pipe.put(x)


def _extendleft(d, iterable):
    d.extendleft([x for x in iterable])
