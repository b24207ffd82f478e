# return, break and continue leave a `with` block through its __exit__.
import os

PATH = "/tmp/pyvm_golden_with_flow.txt"
with open(PATH, "w") as f:
    for i in range(5):
        f.write(f"line {i}\n")

handles = []


def find(word):
    with open(PATH) as f:
        handles.append(f)
        for line in f:
            if word in line:
                return line.strip()
    return None


print(find("3"), handles[-1].closed)
print(find("9"), handles[-1].closed)

for i in range(4):
    with open(PATH) as f:
        handles.append(f)
        if i == 1:
            continue
        if i == 3:
            break
        print("iteration", i, f.readline().strip())
print(all(h.closed for h in handles), len(handles))

while True:
    with open(PATH) as a:
        with open(PATH) as b:
            break
print("both closed by break:", a.closed, b.closed)


def nested_return():
    with open(PATH) as a, open(PATH) as b:
        try:
            return (a, b)
        finally:
            print("  finally runs before the files close:", a.closed, b.closed)


a, b = nested_return()
print("closed after return:", a.closed, b.closed)


def in_loop_in_with():
    out = []
    with open(PATH) as f:
        for line in f:
            if line.startswith("line 1"):
                continue
            if line.startswith("line 4"):
                break
            out.append(line.split()[1])
        else:
            out.append("no break")
    return out, f.closed


print(in_loop_in_with())


def gen_with():
    with open(PATH) as f:
        for line in f:
            yield line.strip()
    print("  generator left its with block:", f.closed)


print(list(gen_with()))
g = gen_with()
print(next(g))
g.close()
os.remove(PATH)
