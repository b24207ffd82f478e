def lookup(table, key):
    try:
        return table[key]
    except KeyError:
        raise LookupError(f"{key} not configured") from None

lookup({"a": 1}, "b")
