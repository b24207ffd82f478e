def gen(items):
    total = 0
    results = list((yield x) for x in items)
    return results
