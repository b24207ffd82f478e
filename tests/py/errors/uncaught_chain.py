def load(d, k):
    try:
        return d[k]
    except KeyError:
        raise ValueError(f"missing setting {k!r}")

load({}, "timeout")
