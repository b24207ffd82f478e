
path = "/tmp/pyvm_golden_write_read.txt"
f = open(path, "w")
print(f.write("first line\n"), f.write("second line\n"))
f.writelines(["third\n", "fourth"])
print(f.closed, f.name, f.mode)
f.close()
print(f.closed)
f = open(path)
print(repr(f.read()))
f.close()
f = open(path, "r")
print(repr(f.readline()), repr(f.readline()), f.readlines())
print(repr(f.readline()))
f.close()
f = open(path)
for i, line in enumerate(f):
    print(i, line.rstrip("\n"))
f.close()
f = open(path, "a")
f.write("\nappended")
f.close()
f = open(path)
print(f.read().splitlines())
print(repr(open(path).read(5)))
f.close()
try:
    f.read()
except ValueError as e:
    print("ValueError:", e)

