# An exception inside a sub-generator, uncaught: the traceback shows the for loop,
# each delegating generator and the raising frame.

def parse_record(line):
    key, value = line.split("=")
    return key.strip(), int(value)


def records(lines):
    for line in lines:
        yield parse_record(line)


def all_records(files):
    for name, lines in files:
        print("reading", name)
        yield from records(lines)


FILES = [("a.cfg", ["x = 1", "y = 2"]), ("b.cfg", ["z = 3", "w = oops"])]
total = 0
for key, value in all_records(FILES):
    print(key, value)
    total += value
print(total)
