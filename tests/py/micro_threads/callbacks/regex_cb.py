# re.sub with replacement callables that wait: each document is rewritten in its own
# micro_thread, its placeholders resolved by a lookup service (ask(): a round trip
# to a server micro_thread under pyvm), with pauses and naps between matches.
import re
from mtcompat import spawn_all, outcome, attempt, ask, pause, nap

VALUES = {"name": "Ada", "city": "London", "year": "1843", "lang": "Python"}
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def resolve(m):
    key = m.group(1)
    value = ask(key, lambda k: VALUES[k])
    pause()
    return value.upper() if key == "city" else value


def render(doc):
    return PLACEHOLDER.sub(resolve, doc)


def shout_numbers(doc):
    def repl(m):
        nap()
        return str(int(m.group()) * 2)
    return re.subn(r"\d+", repl, doc)


def tokens(doc):
    out = []
    for m in re.finditer(r"\w+", doc):
        out.append(ask(m.group(), len))
    return out


DOCS = [
    "{name} lived in {city}.",
    "In {year}, {name} wrote notes.",
    "{lang} has no {missing} value.",
    "nothing to replace here",
]

for doc, th in zip(DOCS, spawn_all(render, DOCS)):
    print(repr(doc), "->", repr(outcome(th)))
print([outcome(t) for t in spawn_all(shout_numbers, ["1 2 3", "10 and 20", "none"])])
print([outcome(t) for t in spawn_all(tokens, ["a bb ccc", "hello world"])])
print(attempt(render, "{name} {nope}"))
