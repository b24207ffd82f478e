def risky(kind):
    if kind == "zero":
        return 1 / 0
    if kind == "key":
        return {}["missing"]
    if kind == "index":
        return [][0]
    if kind == "type":
        return "a" + 1
    if kind == "value":
        return int("x")
    if kind == "attr":
        return (5).nope
    if kind == "name":
        return undefined_name
    return "ok"

for kind in ["zero", "key", "index", "type", "value", "attr", "name", "fine"]:
    try:
        result = risky(kind)
    except ZeroDivisionError as e:
        print(kind, "ZeroDivisionError", e)
    except (KeyError, IndexError) as e:
        print(kind, "lookup", type(e).__name__, e, e.args)
    except Exception as e:
        print(kind, "other", type(e).__name__, e)
    else:
        print(kind, "no error", result)
    finally:
        print("finally for", kind)
