# A key's __eq__ that changes the very dict being searched: CPython goes on (or
# recurses until RecursionError); it must never crash the interpreter. (The set case,
# where pyvm departs from CPython, is a unit test: set_changed_by_eq_is_an_error.)
class Grower:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return 1

    def __eq__(self, other):
        registry[Grower(99)] = 5      # a lookup inside the lookup, forever
        return self.v == other.v


registry = {}
registry[Grower(1)] = 1
try:
    registry[Grower(2)] = 2
except RecursionError as e:
    print("RecursionError", e)
print(len(registry))

