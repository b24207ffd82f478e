# Coroutine-style generators driven with send(): running statistics, a framer that
# reassembles messages from chunks, and a generator that returns its summary.

def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        value = yield average
        if value is None:
            break
        total += value
        count += 1
        average = total / count
    return (count, average)


avg = averager()
print("primed:", next(avg))
for v in [10, 20, 5, 45]:
    print("sent", v, "->", avg.send(v))
try:
    avg.send(None)
except StopIteration as stop:
    print("finished with", stop.value)


def framer(target):
    # Collects chunks until a newline, then sends whole lines to `target`.
    buf = ""
    try:
        while True:
            chunk = yield
            buf += chunk
            while "\n" in buf:
                line, buf = buf.split("\n", 1)
                target.send(line)
    finally:
        if buf:
            target.send(buf)
        target.close()


def printer(prefix):
    n = 0
    try:
        while True:
            line = yield
            n += 1
            print(f"{prefix}{n}: {line!r}")
    finally:
        print(f"{prefix}closed after {n} lines")


p = printer("line ")
next(p)
f = framer(p)
next(f)
for chunk in ["hel", "lo\nwor", "ld\n\nsec", "ond\nthird-no-newline"]:
    f.send(chunk)
f.close()


def counter():
    counts = {}
    while True:
        word = yield
        if word is None:
            return counts
        counts[word] = counts.get(word, 0) + 1


def drive(gen, items):
    next(gen)
    for item in items:
        gen.send(item)
    try:
        gen.send(None)
    except StopIteration as e:
        return e.value


counts = drive(counter(), "the cat and the hat and the bat".split())
print(sorted(counts.items()))


def delegate():
    # yield from passes send() through and hands back the sub-generator's result.
    result = yield from counter()
    print("delegate got", sorted(result.items()))
    return len(result)


print("distinct:", drive(delegate(), ["a", "b", "a"]))
