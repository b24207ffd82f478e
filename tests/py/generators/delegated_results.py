# A tokenizer pipeline whose stages are written three ways: generators, iterator
# classes and built-in iterators (map, filter, zip, enumerate). The value a stage
# finishes with travels in its StopIteration: through `yield from` over a class or a
# built-in iterator (a map function that raises StopIteration ends the map with its
# value), through next(), and through a throw() that the innermost stage handles
# with its own throw() method.


class Tokens:
    """Iterator class: yields the words, then finishes with how many it yielded."""

    def __init__(self, text):
        self.words = text.split()
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == len(self.words):
            raise StopIteration(self.n)
        self.n += 1
        return self.words[self.n - 1]


class Resettable(Tokens):
    """Also takes throw(): a ResetError rewinds it, anything else ends it."""

    def throw(self, *args):
        print("  Resettable.throw got", args[0] if len(args) == 1 else args)
        if args[0] is ResetError or isinstance(args[0], ResetError):
            self.n = 0
            return "<reset>"
        raise StopIteration(("stopped at", self.n))


class ResetError(Exception):
    pass


def stage(source):
    total = yield from source
    return ("done", total)


def checked(word):
    if word == "END":
        raise StopIteration("END seen")
    return word.upper()


def run(gen):
    out = []
    while True:
        try:
            out.append(next(gen))
        except StopIteration as e:
            return out, e.value


print(run(stage(Tokens("a b c"))))
print(run(stage(map(checked, Tokens("x y END z")))))
print(run(stage(map(checked, ["lists", "too", "END"]))))
print(run(stage(filter(checked, ["kept", "END", "never"]))))
print(run(stage(zip(map(checked, ["1", "2", "END"]), "abc"))))
print(run(stage(enumerate(map(checked, ["only", "END"])))))
print(run(stage(iter(["plain", "list"]))))

for what, it in [("class", Tokens("k")), ("map", map(checked, ["END"])),
                 ("enumerate", enumerate(map(checked, ["END"]))),
                 ("zip", zip(map(checked, ["END"]))),
                 ("filter", filter(checked, ["END"]))]:
    if what == "class":
        next(it)
    try:
        next(it)
    except StopIteration as e:
        print(what, "StopIteration args", e.args)

m = map(checked, ["ok", "END", "later"])
print(next(m), end=" ")
try:
    next(m)
except StopIteration as e:
    print("map stopped with", e.value, end="; ")
print("then", list(m))


def outer(source):
    got = yield from stage(source)
    print("  outer got", got)
    yield "outer finished"


g = outer(Resettable("u v w"))
print(next(g), next(g))
print(g.throw(ResetError))
print(next(g), next(g))
print(g.throw(ResetError("again")))
print(g.throw(KeyError("k")))
try:
    next(g)
except StopIteration as e:
    print("outer exhausted", e.value)

g = stage(Resettable("m"))
next(g)
try:
    g.throw(123)
except StopIteration as e:
    print("throw(123) delegated:", e.value)

g = stage(Tokens("no throw method"))
next(g)
try:
    g.throw(ValueError("bad"))
except ValueError as e:
    print("ValueError passed through:", e)
g = stage(Tokens("no throw method"))
next(g)
try:
    g.throw(123)
except TypeError as e:
    print("TypeError:", e)
g = stage(Resettable("closing"))
next(g)
g.close()
print("closed without calling throw()")
