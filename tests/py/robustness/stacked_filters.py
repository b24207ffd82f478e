# A log pipeline built by stacking one filter() or map() per rule, as a rule engine
# that composes lazily does. With a hundred thousand rules the chain is that deep:
# building it must cost the same per rule however deep it already is, dropping it
# must not recurse once per level, and reading a shallow one still works.
import gc

lines = [f"{level} request {n}" for n, level in
         zip(range(40), ["INFO", "WARN", "ERROR", "DEBUG"] * 10)]

pipeline = iter(lines)
for rule in range(100_000):
    pipeline = filter(None, pipeline)
print(type(pipeline).__name__)
del pipeline
print("collected", gc.collect() >= 0)

stages = iter(range(10))
for _ in range(100_000):
    stages = map(abs, stages)
del stages

pipeline = iter(lines)
for word in ("ERROR", "WARN"):
    pipeline = filter(lambda line, w=word: not line.startswith(w), pipeline)
pipeline = map(str.upper, pipeline)
kept = list(pipeline)
print(len(kept), kept[:3])
