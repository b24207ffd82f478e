# A tokenizer in the style of pickle's and json's pure-Python readers: bound methods
# kept in locals (`read = self.read`) and called in the hot loop, with defaults,
# class methods, generator methods, super() inside, and every argument error.
class Source:
    def __init__(self, text):
        self.text = text
        self.pos = 0

    def read(self, n):
        s = self.text[self.pos:self.pos + n]
        self.pos += len(s)
        return s

    def peek(self, n=1):
        return self.text[self.pos:self.pos + n]

    @classmethod
    def of(cls, text):
        return cls(text)

    def chunks(self, size):
        while True:
            s = self.read(size)
            if not s:
                return
            yield s


class Counting(Source):
    reads = 0

    def read(self, n):
        Counting.reads += 1
        return super().read(n)


def tokens(src):
    read, peek = src.read, src.peek
    out = []
    while True:
        c = read(1)
        if not c:
            return out
        if c.isdigit():
            while peek().isdigit():
                c += read(1)
            out.append(int(c))
        elif not c.isspace():
            out.append(c)


print(tokens(Source('12 + 345*(6-7)')))
src = Counting.of('9 8 76')
print(tokens(src), Counting.reads, type(src).__name__)
chunks = Source('abcdefg').chunks
print(list(chunks(3)), [len(c) for c in chunks(2)])

read = Source('xyz').read
for args in [(), (1, 2), ('a',)]:
    try:
        print(read(*args))
    except TypeError as e:
        print('TypeError:', e)
try:
    read(n=1, m=2)
except TypeError as e:
    print('TypeError:', e)
print(read(n=2), read(5))


def depth(node, walk=None):
    walk = walk or Walker().walk
    return walk(node)


class Walker:
    def walk(self, node):
        w = self.walk
        return 1 + max((w(c) for c in node), default=0)


print(depth([[[]], [[], [[[]]]]]))

# Keywords through a bound method kept in a local (CALL_KW).
peek = Source('hello').peek
print(peek(n=3), peek(), read(n=1))
try:
    peek(n=1, x=2)
except TypeError as e:
    print('TypeError:', e)
