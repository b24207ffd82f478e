from itertools import islice, count

data = list(range(10))
print(list(islice(data, 3)))
print(list(islice(data, 2, 5)))
print(list(islice(data, 1, 9, 3)))
print(list(islice(data, 5, None)))
print(list(islice(data, None)))
print(list(islice(data, 0, None, 4)))
print(list(islice(data, 8, 3)))
print(list(islice(data, 20)), list(islice(data, 20, 30)))
print(list(islice("abcdef", 1, None, 2)))

# islice consumes from a shared iterator exactly as far as it needs.
it = iter(range(10))
print(list(islice(it, 3)), next(it))
print(list(islice(it, 2, 4)), next(it))

# Paging through an endless stream.
stream = count(100)
for page in range(3):
    print("page", page, list(islice(stream, 4)))

sl = islice(count(), 2, 8, 2)
print(next(sl), next(sl), next(sl))
try:
    next(sl)
except StopIteration:
    print("stopped")
for args in [(-1,), ("a",), (0, -1), (1, 2, 0), (0, 5, -2), (1.5,)]:
    try:
        islice(data, *args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
