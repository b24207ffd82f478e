def pipeline(*stages):
    def run(data):
        for stage in stages:
            data = stage(data)
        return data
    return run

def mapper(f):
    return lambda xs: [f(x) for x in xs]

def filterer(pred):
    return lambda xs: [x for x in xs if pred(x)]

def taker(n):
    return lambda xs: xs[:n]

process = pipeline(
    filterer(lambda n: n % 3 != 0),
    mapper(lambda n: n * n),
    filterer(lambda n: n % 2 == 1),
    taker(5),
)
print(process(range(1, 100)))
word_stats = pipeline(str.split, mapper(len), sorted)
print(word_stats("the quick brown fox jumps over the lazy dog"))

def curry(f, n):
    def step(args):
        if len(args) == n:
            return f(*args)
        return lambda x: step(args + [x])
    return step([])

add3 = curry(lambda a, b, c: a + b + c, 3)
print(add3(1)(2)(3), add3("a")("b")("c"))
