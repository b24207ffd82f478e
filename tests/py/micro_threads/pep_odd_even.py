# expected output written by hand
# The proposal's own example, verbatim: new-style generators that put() to their
# micro_thread's stdout, delegating to each other by simply calling them.
from micro_thread import generate


def odd(n):
    take_from(range(1, n, 2))


def even(n):
    take_from(range(2, n, 2))


def odd_even(n):
    odd(n)
    even(n)


for x in generate(odd_even, 10):
    print(x)
print(list(generate(odd, 8)))
print(list(generate(even, 8)))
print(sum(generate(odd_even, 6)), sorted(generate(odd_even, 6), reverse=True))
