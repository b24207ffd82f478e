# An `ls -l`-style listing: the script makes files, a directory, a symlink, a
# FIFO-free set of modes in a temporary folder, then prints each entry's
# stat.filemode and type tests (the C `_stat` module under Lib's `stat`).
import os
import stat
import tempfile
import _stat

with tempfile.TemporaryDirectory() as top:
    layout = [
        ("README", 0o644, "hello\n"),
        ("run.sh", 0o755, "#!/bin/sh\n"),
        ("secret", 0o600, "x" * 10),
        ("shared", 0o666, ""),
        ("setuid-tool", 0o4755, "bin"),
        ("odd", 0o2710, "g"),
    ]
    for name, mode, text in layout:
        path = os.path.join(top, name)
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, mode)
    os.mkdir(os.path.join(top, "logs"))
    os.chmod(os.path.join(top, "logs"), 0o750)
    os.mkdir(os.path.join(top, "tmp"))
    os.chmod(os.path.join(top, "tmp"), 0o1777)
    os.symlink("README", os.path.join(top, "LINK"))
    for name in sorted(os.listdir(top)):
        st = os.lstat(os.path.join(top, name))
        kind = ("dir" if stat.S_ISDIR(st.st_mode) else
                "link" if stat.S_ISLNK(st.st_mode) else
                "file" if stat.S_ISREG(st.st_mode) else "other")
        size = st.st_size if kind == "file" else "-"
        print(f"{stat.filemode(st.st_mode)} {kind:<5} {size!s:>3} {oct(stat.S_IMODE(st.st_mode)):>7} {name}")

# Every file type and permission bit.
for mode in [0o100644, 0o40755, 0o120777, 0o20620, 0o60660, 0o10644, 0o140755,
             0o104755, 0o104644, 0o102755, 0o102644, 0o41777, 0o41776, 0o7777, 0]:
    print(oct(mode), stat.filemode(mode), oct(stat.S_IFMT(mode)),
          [n for n in ("S_ISDIR", "S_ISCHR", "S_ISBLK", "S_ISREG", "S_ISFIFO",
                       "S_ISLNK", "S_ISSOCK", "S_ISDOOR", "S_ISPORT", "S_ISWHT")
           if getattr(stat, n)(mode)])

print(stat.filemode is _stat.filemode, stat.S_ISDIR is _stat.S_ISDIR)
print(stat.UF_HIDDEN, stat.SF_SNAPSHOT, stat.ST_MTIME, stat.S_ENFMT, stat.S_IFDOOR,
      stat.FILE_ATTRIBUTE_DIRECTORY, hasattr(_stat, "FILE_ATTRIBUTE_DIRECTORY"))
for bad in (-1, 2**32, 2**64, 1.5, "644", None):
    try:
        print(_stat.filemode(bad))
    except Exception as e:
        print(f"{bad!r}: {type(e).__name__}: {e}")
for call in (lambda: _stat.S_IMODE(), lambda: _stat.S_ISREG(1, 2), lambda: _stat.S_IFMT(mode=1)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
print(stat.filemode(True), _stat.S_IMODE(0o107777))
