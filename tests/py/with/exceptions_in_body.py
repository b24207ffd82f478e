# An exception in a `with` body closes the file and keeps propagating; handlers
# inside and around the block see what they expect.
import os

PATH = "/tmp/pyvm_golden_with_exc.txt"
with open(PATH, "w") as f:
    f.write("1\n2\nx\n4\n")


def total(path):
    with open(path) as f:
        return sum(int(line) for line in f)


try:
    total(PATH)
except ValueError as e:
    print("ValueError:", e)

holder = []
try:
    with open(PATH) as f:
        holder.append(f)
        raise KeyError("in body")
except KeyError as e:
    print("caught", repr(e), "closed:", holder[0].closed)

with open(PATH) as f:
    try:
        int("nope")
    except ValueError:
        print("handled inside; still open:", not f.closed)
    print("read:", f.readline().strip())

try:
    raise IndexError("outer")
except IndexError:
    with open(PATH) as f:
        print("with inside except:", f.readline().strip())

try:
    try:
        raise TypeError("first")
    except TypeError:
        with open(PATH) as f:
            raise ValueError("second")
except ValueError as e:
    print("context:", repr(e.__context__), "closed:", f.closed)

try:
    with open("/nonexistent/dir/file.txt") as f:
        print("never")
except FileNotFoundError as e:
    print("FileNotFoundError:", e.strerror)


def parse_all(path):
    results = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            try:
                results.append(int(line))
            except ValueError:
                results.append(f"bad line {n}")
                continue
            finally:
                results.append("|")
    return results


print(parse_all(PATH))
os.remove(PATH)
