# Reading and writing files with `with`: word counts, several managers in one
# statement, and unpacking targets.
import os

PATH = "/tmp/pyvm_golden_with_reader.txt"
COPY = "/tmp/pyvm_golden_with_reader_copy.txt"

with open(PATH, "w") as out:
    out.write("the quick brown fox\n")
    out.write("jumps over the lazy dog\n")
    out.write("the end\n")
print("closed after the block:", out.closed)


def word_counts(path):
    counts = {}
    with open(path) as f:
        for line in f:
            for word in line.split():
                counts[word] = counts.get(word, 0) + 1
    return counts


counts = word_counts(PATH)
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3])

with open(PATH) as src, open(COPY, "w") as dst:
    for n, line in enumerate(src, 1):
        dst.write(f"{n:03} {line}")
print(src.closed, dst.closed)
with open(COPY) as f:
    print(f.read(), end="")

with open(PATH) as (first, second, third):
    print(repr(first), repr(third))
with open(PATH) as [head, *tail]:
    print(head.strip(), len(tail))
box = {}
with open(PATH) as box["file"]:
    print(box["file"].readline().strip())
print(box["file"].closed)

with open(PATH, "rb") as raw:
    data = raw.read()
print(len(data), data[:9])
with open(PATH, "a") as f:
    f.write("appended\n")
with open(PATH) as f:
    print(f.readlines()[-1].strip())

os.remove(PATH)
os.remove(COPY)
