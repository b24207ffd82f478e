import os

base = "/tmp/pyvm_os_files_%d" % os.getpid()
os.mkdir(base)
print(os.path.isdir(base), os.listdir(base))
path = os.path.join(base, "data.txt")
f = open(path, "w")
f.write("hello\nworld\n")
f.close()
print(os.path.exists(path), os.path.isfile(path), os.path.getsize(path))
print(sorted(os.listdir(base)), os.listdir(base) == sorted(os.listdir(base)))
for f, arg in [(os.mkdir, base), (os.rmdir, base), (os.rmdir, base + "/nope"), (os.listdir, base + "/nope"),
               (os.path.getsize, base + "/nope"), (os.remove, base + "/nope")]:
    try:
        f(arg)
    except OSError as e:
        print(f.__name__, type(e).__name__, str(e).replace(base, "BASE"))
os.remove(path)
print(os.path.exists(path), os.listdir(base))
os.rmdir(base)
print(os.path.exists(base))
try:
    os.remove(1.5)
except TypeError as e:
    print("TypeError:", e)
print(len(os.listdir()) == len(os.listdir(".")), "os_files.py" in os.listdir(None))
scratch = "/tmp/pyvm_os_unlink_%d" % os.getpid()
f = open(scratch, "w")
f.close()
print(os.path.exists(scratch), os.unlink(scratch), os.path.exists(scratch))
try:
    os.unlink(scratch)
except FileNotFoundError as e:
    print("FileNotFoundError", str(e).replace(scratch, "SCRATCH"))
