# Generator pipelines: nested generators, a genexpr and sum() over them (5M items).
def numbers(n):
    for i in range(n):
        yield i


def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x


def squares(it):
    for x in it:
        yield x * x


total = 0
for v in squares(evens(numbers(3000000))):
    total += v
print(total, sum(x for x in range(2000000) if x % 3))
