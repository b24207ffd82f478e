def f(data):
    return [x for x in (chunk := data[:3])]
