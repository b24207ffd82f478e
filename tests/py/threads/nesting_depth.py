# How deep natives calling Python (a sort key, a __repr__ calling repr) nest in
# OS threads (default stacks) and in the main thread: as deep as
# CPython lets them (its recursion limit), whatever the thread's stack size; past
# it a RecursionError.
import sys, threading
def nest(n):
    if n == 0: return 0
    return sorted([n], key=lambda x: nest(x - 1))[0]
class N:
    def __init__(s, c): s.c = c
    def __repr__(s): return "N(" + repr(s.c) + ")"
def work():
    for d in (100, 190, 450):
        x = None
        for _ in range(d): x = N(x)
        try: r = len(repr(x))
        except RecursionError: r = "RecursionError"
        try: k = nest(d)
        except RecursionError: k = "RecursionError"
        print(d, r, k)
t = threading.Thread(target=work); t.start(); t.join()
work()
