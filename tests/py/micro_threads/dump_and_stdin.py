# expected output written by hand
# dump() prints every micro_thread with its state and stack without stopping
# anything; stdin= wires a pipe or any iterable to a thread's next()/iter();
# parallel_map keeps input order whatever order the calls finish in.
import time
from micro_thread import generate, start_in_parallel, parallel_map, dump, current


def upper():
    for word in iter():
        put(word.upper())


def numbered():
    n = 1
    while True:
        try:
            line = next()
        except StopIteration:
            return
        put(f"{n}: {line}")
        n += 1


words = generate(lambda: take_from(["alpha", "beta", "gamma"]))
for line in generate(numbered, stdin=generate(upper, stdin=words)):
    print(line)
print(list(generate(upper, stdin=["x", "y"])))


def nap(x):
    time.sleep(0.001 * (5 - x))      # later items finish first
    return x * 10


print(parallel_map(nap, range(5)))


def idle():
    time.sleep(1)


t = start_in_parallel(idle)
time.sleep(0.001)
dump()
print("after dump:", t.state, current().name)
t.kill()
