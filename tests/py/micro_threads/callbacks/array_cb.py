# array.array and memoryview fed and consumed by blocking callbacks: arrays from
# generators and micro_pipes, sorted() with a key that blocks, builtins over arrays.
from array import array
from mtcompat import pipe_of, pause, spawn_all, results, delegate, attempt


def squares(n):
    for i in range(n):
        pause()
        yield i * i


a = array('i', squares(6))
print(a, sum(a), max(a), min(a))

p = array('d', pipe_of([0.5, 1.5, 2.5]))
print(p, sum(p), list(map(lambda x: x * 2, p)))

b = array('B')
b.extend(pipe_of(range(65, 70)))
print(b, b.tobytes())
print(attempt(lambda: array('B', pipe_of([1, 2, 300]))))
print(attempt(lambda: array('i', pipe_of([1, 2], ValueError("sensor gone")))))


def slow_key(x):
    pause()
    return (x % 3, -x)


print(sorted(array('i', [5, 3, 8, 1, 9, 2]), key=slow_key))
print(max(array('h', [4, -7, 2]), key=lambda x: delegate(abs, x)))


def total(code, items):
    arr = array(code, pipe_of(items))
    pause()
    return code, len(arr), sum(arr)


print(results(spawn_all(total, [('i', [1, 2, 3]), ('d', [0.25, 0.75]), ('B', [255, 1])])))

buf = bytearray(8)
view = memoryview(buf)
for i, v in enumerate(pipe_of([1, 2, 3, 4])):
    view[i * 2] = v
print(buf, list(view[::2]), sum(view))
words = view.cast('H')
print(words.tolist(), sorted(words, key=lambda w: (pause(), -w)[1]))
words.release()
view.release()
print(list(zip(array('u', 'abc'), array('b', [-1, 0, 1]))))
print([x for x in array('q', squares(4)) if x % 2 == 0], any(array('i', [0, 0, 1])))
print(dict(enumerate(array('f', [1.5, 2.5]))), set(array('b', [1, 1, 2])))
