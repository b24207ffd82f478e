class AppError(Exception):
    """Base of this app's errors."""


class NotFound(AppError):
    def __init__(self, key):
        super().__init__(f"{key!r} not found")
        self.key = key


class Invalid(AppError):
    def __init__(self, field, reason):
        self.field = field
        self.reason = reason

    def __str__(self):
        return f"{self.field}: {self.reason}"


def lookup(d, k):
    if k not in d:
        raise NotFound(k)
    return d[k]


for k in ["a", "b"]:
    try:
        print(lookup({"a": 1}, k))
    except AppError as e:
        print(type(e).__name__, e, e.key, e.args, isinstance(e, Exception))

try:
    raise Invalid("age", "must be positive")
except Invalid as e:
    print(e, repr(e), e.args, e.field)

try:
    try:
        lookup({}, "x")
    except NotFound as e:
        raise Invalid("x", "bad") from e
except AppError as e:
    print(e, "caused by", repr(e.__cause__))

e = NotFound("k")
e.extra = 5
print(e.extra, e.args, NotFound.__mro__[1].__name__, AppError.__doc__)
print(issubclass(NotFound, LookupError), issubclass(NotFound, AppError))


class Retry(Exception):
    pass


attempts = 0
while True:
    try:
        attempts += 1
        if attempts < 3:
            raise Retry(attempts)
        break
    except Retry as r:
        print("retry", r.args[0])
print("done after", attempts)
raise Invalid("name", "empty")
