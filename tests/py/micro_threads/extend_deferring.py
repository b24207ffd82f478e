# expected output written by hand
# list.extend over a generator that defers (here: waits for micro_threads) reads every
# item: the deferral suspends the micro_thread instead of losing the rest.
import time

import micro_thread


def job(n):
    time.sleep(0.001 * (3 - n))
    return n * n


threads = [micro_thread.start_in_parallel(job, i) for i in range(4)]
squares = []
squares.extend(t.wait() for t in threads)
print(squares)


def slow_words():
    for w in ["alpha", "beta", "gamma"]:
        time.sleep(0.001)
        yield w


words = ["start"]
words.extend(slow_words())
print(words, "-".join(slow_words()))
