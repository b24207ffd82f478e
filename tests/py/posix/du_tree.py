# A `du`/`tree` clone: builds a small tree in a temporary folder, then walks it
# with os.walk, os.scandir and os.stat, summing sizes per folder, finding links
# and reporting what it cannot read.
import os
import stat
import tempfile

root = tempfile.mkdtemp(prefix="du_")
layout = {
    "src/main.py": 120,
    "src/util/strings.py": 64,
    "src/util/__init__.py": 0,
    "docs/readme.txt": 300,
    "docs/guide/intro.md": 1000,
    "data/blob.bin": 4096,
}
for rel, size in layout.items():
    path = os.path.join(root, *rel.split("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(b"x" * size)
os.symlink(os.path.join(root, "docs", "readme.txt"), os.path.join(root, "README"))
os.symlink("missing-target", os.path.join(root, "dangling"))
os.mkdir(os.path.join(root, "empty"))


def rel(p):
    return os.path.relpath(p, root)


print("== os.walk (top-down, sorted)")
totals = {}
for dirpath, dirnames, filenames in os.walk(root):
    dirnames.sort()
    size = 0
    for name in sorted(filenames):
        st = os.lstat(os.path.join(dirpath, name))
        kind = "link" if stat.S_ISLNK(st.st_mode) else "file"
        size += st.st_size if kind == "file" else 0
        print(f"  {rel(os.path.join(dirpath, name)):28} {kind:4} {st.st_size if kind == 'file' else '-'}")
    totals[rel(dirpath)] = size
for d in sorted(totals):
    print(f"{totals[d]:6}  {d}")


print("== scandir recursion (bottom-up totals)")


def du(path, depth=0):
    total = 0
    with os.scandir(path) as it:
        entries = sorted(it, key=lambda e: e.name)
    for e in entries:
        if e.is_symlink():
            target = os.readlink(e.path)
            alive = os.path.exists(e.path)
            print("  " * depth + f"{e.name} -> {os.path.basename(target)} ({'ok' if alive else 'dangling'})")
        elif e.is_dir(follow_symlinks=False):
            sub = du(e.path, depth + 1)
            print("  " * depth + f"{e.name}/ {sub}")
            total += sub
        elif e.is_file():
            st = e.stat()
            assert st.st_ino == e.inode(), (st.st_ino, e.inode())
            assert isinstance(st.st_mtime, float) and st.st_mtime_ns // 10**9 == int(st.st_mtime)
            total += st.st_size
            print("  " * depth + f"{e.name} {st.st_size}")
    return total


print("total", du(root))

print("== bytes paths and PathLike")
names = sorted(os.listdir(os.fsencode(root)))
print(names)
import pathlib

p = pathlib.Path(root) / "src"
print(sorted(os.listdir(p)), os.stat(p / "main.py").st_size, os.path.isdir(p))
print(stat.filemode(os.stat(p).st_mode)[0], stat.S_ISREG(os.stat(p / "main.py").st_mode))

print("== errors")
for call in [
    lambda: os.stat(os.path.join(root, "nope")),
    lambda: os.listdir(os.path.join(root, "src", "main.py")),
    lambda: os.rmdir(os.path.join(root, "src")),
    lambda: os.mkdir(os.path.join(root, "src")),
    lambda: os.readlink(os.path.join(root, "src")),
    lambda: os.rename(os.path.join(root, "nope"), os.path.join(root, "other")),
    lambda: os.stat(os.path.join(root, "dangling")),
    lambda: os.scandir(os.path.join(root, "nope")),
    lambda: os.open(os.path.join(root, "src"), os.O_WRONLY),
]:
    try:
        call()
    except OSError as e:
        print(type(e).__name__, e.errno, e.strerror, rel(e.filename), e.filename2 and rel(e.filename2))

print("== cleanup")
import shutil

shutil.rmtree(root)
print(os.path.exists(root))
