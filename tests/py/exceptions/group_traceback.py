# A job scheduler whose failures are reported as CPython reports exception
# groups: traceback.format_exception for the log, then an uncaught group.
import traceback


def parse(line):
    key, _, value = line.partition("=")
    if not key:
        raise ValueError(f"no key in {line!r}")
    return key, int(value)


def load(lines):
    errors, config = [], {}
    for n, line in enumerate(lines, 1):
        try:
            k, v = parse(line)
            config[k] = v
        except ValueError as e:
            try:
                raise LookupError(f"line {n}") from e
            except LookupError as wrapped:
                errors.append(wrapped)
    if errors:
        raise ExceptionGroup("config has errors", errors)
    return config


try:
    load(["a=1", "=2", "b=x"])
except ExceptionGroup as eg:
    print("".join(traceback.format_exception(eg)))
    print(traceback.format_exception_only(eg))

many = ExceptionGroup("wide", [ValueError(i) for i in range(17)])
print("".join(traceback.format_exception(many)).count("\n"))

raise ExceptionGroup("shutdown", [
    OSError("disk"),
    ExceptionGroup("workers", [RuntimeError("w1"), KeyError("w2")]),
])
