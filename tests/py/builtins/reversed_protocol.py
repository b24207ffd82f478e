class Countdown:
    def __init__(self, n):
        self.n = n
    def __reversed__(self):
        return iter(range(1, self.n + 1))
    def __iter__(self):
        return iter(range(self.n, 0, -1))

class Seq:
    def __len__(self):
        return 4
    def __getitem__(self, i):
        print("  getitem", i)
        return i * 10

class Stack(list):
    pass

class NoRev:
    __reversed__ = None
    def __len__(self):
        return 1
    def __getitem__(self, i):
        return i

print(list(Countdown(3)), list(reversed(Countdown(3))))
print(list(reversed(Seq())))
print(list(reversed(Stack([1, 2, 3]))), list(reversed(dict(a=1, b=2))))
for bad in [NoRev(), object(), 5]:
    try:
        reversed(bad)
    except TypeError as e:
        print("TypeError:", e)
