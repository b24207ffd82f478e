"""Exception groups (PEP 654): `BaseExceptionGroup` and `ExceptionGroup` as
CPython 3.11's (Objects/exceptions.c), put in `builtins` at start-up, and the
bookkeeping of `try: ... except* T: ...` as CPython's CHECK_EG_MATCH and
PREP_RERAISE_STAR do it: pyvm's compiler keeps a `Star` on the stack under the
handlers of the statement."""

import builtins


class BaseExceptionGroup(BaseException):
    """A combination of multiple unrelated exceptions."""

    __module__ = 'builtins'

    def __new__(cls, message, exceptions, /, *args):
        if args:
            raise TypeError("BaseExceptionGroup.__new__() takes exactly 2 arguments "
                            "(%d given)" % (2 + len(args)))
        if not isinstance(message, str):
            raise TypeError("BaseExceptionGroup.__new__() argument 1 must be str, not %s"
                            % type(message).__name__)
        if not hasattr(type(exceptions), '__getitem__') or isinstance(exceptions, (str, bytes, dict)) \
                or not hasattr(type(exceptions), '__len__'):
            raise TypeError("second argument (exceptions) must be a sequence")
        excs = tuple(exceptions)
        if not excs:
            raise ValueError("second argument (exceptions) must be a non-empty sequence")
        nested_base = False
        for i, e in enumerate(excs):
            if not isinstance(e, BaseException):
                raise ValueError("Item %d of second argument (exceptions) is not an "
                                 "exception" % i)
            if not isinstance(e, Exception):
                nested_base = True
        if cls is BaseExceptionGroup:
            if not nested_base:
                cls = ExceptionGroup
        elif issubclass(cls, Exception):
            if nested_base:
                if cls is ExceptionGroup:
                    raise TypeError("Cannot nest BaseExceptions in an ExceptionGroup")
                raise TypeError("Cannot nest BaseExceptions in '%s'" % cls.__name__)
        self = BaseException.__new__(cls, message, exceptions)
        self._message = message
        self._exceptions = excs
        return self

    def __init__(self, *args):
        BaseException.__init__(self, *args)

    @property
    def message(self):
        """exception message"""
        return self._message

    @property
    def exceptions(self):
        """nested exceptions"""
        return self._exceptions

    def __str__(self):
        n = len(self._exceptions)
        return "%s (%d sub-exception%s)" % (self._message, n, "" if n == 1 else "s")

    def __repr__(self):
        return "%s(%r, %r)" % (type(self).__name__, self._message, self.args[1])

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)

    def derive(self, excs):
        return BaseExceptionGroup(self._message, excs)

    def _derive_copy(self, excs):
        eg = self.derive(excs)
        eg.__cause__ = self.__cause__
        eg.__context__ = self.__context__
        eg.__traceback__ = self.__traceback__
        notes = getattr(self, '__notes__', None)
        if notes is not None:
            eg.__notes__ = list(notes) if isinstance(notes, (list, tuple)) else notes
        return eg

    def _split(self, matcher):
        if matcher(self):
            return self, None
        match, rest = [], []
        for e in self._exceptions:
            if isinstance(e, BaseExceptionGroup):
                m, r = e._split(matcher)
                if m is not None:
                    match.append(m)
                if r is not None:
                    rest.append(r)
            elif matcher(e):
                match.append(e)
            else:
                rest.append(e)
        m = self._derive_copy(match) if match else None
        r = self._derive_copy(rest) if rest else None
        return m, r

    def split(self, condition, /):
        return self._split(_matcher(condition))

    def subgroup(self, condition, /):
        return self._split(_matcher(condition))[0]


class ExceptionGroup(BaseExceptionGroup, Exception):
    __module__ = 'builtins'


def _matcher(condition):
    if isinstance(condition, type) and issubclass(condition, BaseException):
        return lambda e: isinstance(e, condition)
    if isinstance(condition, tuple) and all(
            isinstance(c, type) and issubclass(c, BaseException) for c in condition):
        return lambda e: isinstance(e, condition)
    if callable(condition) and not isinstance(condition, type):
        return condition
    raise TypeError("expected a function, exception type or tuple of exception types")


builtins.BaseExceptionGroup = BaseExceptionGroup
builtins.ExceptionGroup = ExceptionGroup


class Star:
    __slots__ = ('orig', 'rest', 'matches', 'raised')

    def __init__(self, exc):
        self.orig = exc
        self.rest = exc
        self.matches = []
        self.raised = []

    def match(self, match_type):
        """The part of what is left that `match_type` matches (None: nothing)."""
        _check_type(match_type)
        rest = self.rest
        if rest is None:
            return None
        if isinstance(rest, match_type):
            if isinstance(rest, BaseExceptionGroup):
                match = rest
            else:
                # A naked exception is wrapped in a group for the handler.
                cls = ExceptionGroup if isinstance(rest, Exception) else BaseExceptionGroup
                match = cls("", (rest,))
                match.__traceback__ = rest.__traceback__
            self.rest = None
        elif isinstance(rest, BaseExceptionGroup):
            match, self.rest = rest.split(match_type)
        else:
            match = None
        if match is not None:
            self.matches.append(match)
        return match

    def add(self, exc):
        """A handler raised `exc`."""
        self.raised.append(exc)

    def result(self):
        """What the statement raises in the end (None: nothing)."""
        orig = self.orig
        excs = self.raised + ([self.rest] if self.rest is not None else [])
        if not excs:
            return None
        if not isinstance(orig, BaseExceptionGroup):
            # Only one handler ran on a naked exception: raise what it raised.
            return excs[0]
        raised, reraised = [], []
        for e in excs:
            if e is self.rest or any(e is m for m in self.matches):
                reraised.append(e)
            else:
                raised.append(e)
        reraised_eg = _projection(orig, reraised)
        if not raised:
            return reraised_eg
        if reraised_eg is not None:
            raised.append(reraised_eg)
        if len(raised) == 1:
            return raised[0]
        return ExceptionGroup("", raised)


def _check_type(match_type):
    types = match_type if isinstance(match_type, tuple) else (match_type,)
    for t in types:
        if not (isinstance(t, type) and issubclass(t, BaseException)):
            raise TypeError("catching classes that do not inherit from BaseException "
                            "is not allowed")
        if issubclass(t, BaseExceptionGroup):
            raise TypeError("catching ExceptionGroup with except* is not allowed. "
                            "Use except instead.")


def _leaves(exc, out):
    if isinstance(exc, BaseExceptionGroup):
        for e in exc.exceptions:
            _leaves(e, out)
    else:
        out.add(id(exc))


def _projection(orig, keep):
    """The part of group `orig` whose leaves are among those of `keep`."""
    if not keep:
        return None
    ids = set()
    for e in keep:
        _leaves(e, ids)
    return orig.split(lambda e: not isinstance(e, BaseExceptionGroup) and id(e) in ids)[0]
