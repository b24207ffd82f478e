# A call is not a target: CPython suggests ==.
items = []
items.pop() = 3
