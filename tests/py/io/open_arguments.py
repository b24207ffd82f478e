# Files written and read with the open() arguments a CSV exporter and a legacy-data
# importer use: newline control, other encodings, error handlers, closefd, opener.
import csv, os, tempfile
d = tempfile.mkdtemp()
p = os.path.join(d, "data.csv")
with open(p, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["name", "city"]); w.writerow(["Zoë", "Kraków\r\nline"]); w.writerow(["a,b", 'q"x'])
print(open(p, "rb").read())
with open(p, newline="") as f:
    print(list(csv.reader(f)))
with open(p, "w", encoding="latin-1") as f:
    print(f.write("café Zoë\n"), f.encoding)
print(open(p, "rb").read(), open(p, encoding="latin-1").read(), open(p, encoding="iso-8859-1").read().upper())
with open(p, "wb") as f:
    f.write(b"one\r\ntwo\rthree\n")
print(repr(open(p, newline="").readlines()), repr(open(p, newline="\r").readlines()), repr(open(p, newline="\r\n").read()))
with open(p, "w", newline="\r\n") as f:
    f.write("a\nb\n")
print(open(p, "rb").read())
print(repr(open(p, encoding="ascii", errors="replace").read()), open(p, encoding="utf-8").read() == open(p).read())
with open(p, "wb") as f:
    f.write("\xe9t\xe9".encode("latin-1"))
try:
    open(p).read()
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e.reason)
print(repr(open(p, errors="replace").read()), repr(open(p, errors="ignore").read()))
fd = os.open(p, os.O_RDONLY)
f = open(fd, "rb", closefd=False); print(f.read(2)); f.close(); print(os.read(fd, 1)); os.close(fd)
f = open(p, "rb", opener=lambda path, flags: os.open(path, flags)); print(f.read()); f.close()
try:
    open(p, newline="x")
except ValueError as e:
    print("ValueError", e)
os.remove(p); os.rmdir(d)

# Text files from other systems read with the default newline=None: universal
# newlines, every line ending becomes "\n" (lines, whole reads, sized reads).
d = tempfile.mkdtemp()
p = os.path.join(d, "mixed.txt")
with open(p, "wb") as f:
    f.write(b"dos\r\nmac\runix\nlast\r")
with open(p) as f:
    print([line for line in f])
with open(p) as f:
    print(repr(f.read()))
with open(p) as f:
    print(repr(f.read(4)), repr(f.readline()), repr(f.read(3)), repr(f.read()))
print(open(p).readlines(), repr(open(p, "rb").read()))
os.remove(p); os.rmdir(d)
