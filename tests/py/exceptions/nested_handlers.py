def process(items):
    results = []
    for item in items:
        try:
            try:
                value = 100 // item
            except ZeroDivisionError:
                results.append("div0")
                continue
            except TypeError:
                raise ValueError(f"not a number: {item!r}")
            try:
                results.append([1, 2, 3][value])
            except IndexError:
                results.append(f"no index {value}")
        except ValueError as e:
            results.append(f"value error ({e})")
        finally:
            results.append("|")
    return results

print(process([50, 0, "x", 100, 1]))

def cleanup_order():
    order = []
    try:
        try:
            try:
                raise RuntimeError("deep")
            finally:
                order.append(1)
        finally:
            order.append(2)
    except RuntimeError:
        order.append(3)
    finally:
        order.append(4)
    return order

print(cleanup_order())
