# A backup tool on the standard library's file helpers (all on the native posix
# module): a project tree made with pathlib, globbed, copied with shutil.copytree
# (ignore patterns, copy2 keeping times), moved, archived with tarfile, checked with
# pathlib's predicates, and cleaned up; temporary files and folders from tempfile.
import os, shutil, tempfile, glob, fnmatch, pathlib, tarfile, io, stat
base = pathlib.Path(tempfile.mkdtemp(prefix="bk_"))
src = base / "project"
(src / "pkg" / "sub").mkdir(parents=True)
(src / "pkg" / "__init__.py").write_text("")
(src / "pkg" / "mod.py").write_text("print('hi')\n")
(src / "pkg" / "sub" / "data.txt").write_bytes(b"x" * 100)
(src / "notes.md").write_text("# notes\n")
(src / "build.log").write_text("log\n")
print(sorted(p.relative_to(src).as_posix() for p in src.rglob("*")))
print(sorted(p.name for p in src.glob("**/*.py")), sorted(os.path.basename(p) for p in glob.glob(str(src / "**" / "*.py"), recursive=True)))
print(fnmatch.filter(["a.py", "b.txt", "c.PY"], "*.py"))
dst = base / "backup"
shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*.log"))
print(sorted(p.relative_to(dst).as_posix() for p in dst.rglob("*")))
shutil.copy2(src / "notes.md", dst / "notes2.md")
print((dst / "notes2.md").read_text(), os.stat(src / "notes.md").st_mtime == os.stat(dst / "notes2.md").st_mtime)
shutil.move(str(dst / "notes2.md"), str(dst / "pkg"))
print(sorted(os.listdir(dst / "pkg")))
usage = shutil.disk_usage(str(base))
print(usage.total >= usage.used > 0, usage.free > 0)
print(os.path.basename(shutil.which("sh")), shutil.which("no-such-thing-x"))
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w:gz") as tf:
    tf.add(str(dst), arcname="backup")
buf.seek(0)
with tarfile.open(fileobj=buf, mode="r:gz") as tf:
    print(sorted(m.name for m in tf.getmembers()))
p = src / "notes.md"
print(p.exists(), p.is_file(), p.stat().st_size, p.suffix, p.stem, p.with_suffix(".txt").name)
p.chmod(0o600); print(oct(stat.S_IMODE(p.stat().st_mode)))
p.rename(src / "NOTES.md"); print(sorted(x.name for x in src.iterdir()))
(src / "link").symlink_to(src / "NOTES.md"); print((src / "link").is_symlink(), (src / "link").resolve().name)
with tempfile.TemporaryDirectory() as d:
    print(os.path.isdir(d))
print(os.path.isdir(d))
with tempfile.NamedTemporaryFile("w+", suffix=".txt") as f:
    f.write("hello"); f.flush(); f.seek(0); print(f.read(), os.path.exists(f.name))
with tempfile.TemporaryFile() as f:
    f.write(b"abc"); f.seek(0); print(f.read())
sp = tempfile.SpooledTemporaryFile(max_size=10)
sp.write(b"x"*20); print(sp._rolled); sp.close()
shutil.rmtree(base)
print(base.exists())
# The built-in open takes any os.PathLike: a pathlib.Path, an os.DirEntry.
again = pathlib.Path(tempfile.mkdtemp(prefix="bk2_"))
(again / "a.txt").write_text("from a Path\n")
with open(again / "a.txt") as f:
    print(f.read(), end="")
with os.scandir(again) as it:
    for entry in it:
        with open(entry, "rb") as f:
            print(entry.name, f.read())
shutil.rmtree(again)
