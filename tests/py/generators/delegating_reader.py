# A record reader that delegates to hand-written iterators with `yield from`:
# the value an iterator's StopIteration carries (a subclass too) becomes the
# result of the delegation.


class EndOfBlock(StopIteration):
    """Raised by a block reader; its value is the block's checksum."""


class BlockReader:
    def __init__(self, rows):
        self.rows = list(rows)
        self.total = 0

    def __iter__(self):
        return self

    def __next__(self):
        if not self.rows:
            raise EndOfBlock(self.total % 251)
        row = self.rows.pop(0)
        self.total += sum(row)
        return row


class PlainEnd:
    """An iterator that ends with a bare StopIteration: the result is None."""

    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return ("pad", self.n)


def read_file(blocks):
    checksums = []
    for i, rows in enumerate(blocks):
        checksum = yield from BlockReader(rows)
        print("block", i, "checksum", checksum, type(checksum).__name__)
        checksums.append(checksum)
    tail = yield from PlainEnd(2)
    print("tail result:", tail)
    return checksums


blocks = [[(1, 2), (3, 4)], [], [(200, 100), (7,)]]
gen = read_file(blocks)
try:
    while True:
        print("row", next(gen))
except StopIteration as stop:
    print("all checksums:", stop.value)

print(EndOfBlock(9).value, EndOfBlock().value, EndOfBlock(1, 2).value)
