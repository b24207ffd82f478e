# An exception leaving nested `with` blocks and functions keeps its traceback.
PATH = "/tmp/pyvm_golden_with_uncaught.txt"


def load(path):
    with open(path, "w") as f:
        f.write("a,b\n1,2\n3\n")
    rows = []
    with open(path) as f:
        header = f.readline().strip().split(",")
        for line in f:
            rows.append(row(header, line))
    return rows


def row(header, line):
    values = line.strip().split(",")
    return {header[i]: int(values[i]) for i in range(len(header))}


print(load(PATH))
