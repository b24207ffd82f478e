# Errors the OS reports carry errno, strerror and filename (what a caller checks).
import errno
import os

name = "no-such-file-here.txt"


def attempt(what, f, *args):
    try:
        f(*args)
    except OSError as e:
        print(what, type(e).__name__, errno.errorcode[e.errno], e.strerror, repr(e.filename))
        print("  ", e)
        print("  ", e.args)


attempt("open", open, name)
attempt("open rb", open, name, "rb")
attempt("open dir", open, ".")
attempt("remove", os.remove, name)
attempt("unlink", os.unlink, name)
attempt("rmdir", os.rmdir, name)
attempt("listdir", os.listdir, name)
attempt("open in missing dir", open, os.path.join(name, "x"), "w")

os.mkdir("oserror_tmp_dir")
try:
    attempt("mkdir twice", os.mkdir, "oserror_tmp_dir")
    attempt("remove a dir", os.remove, "oserror_tmp_dir")
    f = open(os.path.join("oserror_tmp_dir", "f"), "w")
    f.write("x")
    f.close()
    attempt("rmdir non-empty", os.rmdir, "oserror_tmp_dir")
    attempt("open x existing", open, os.path.join("oserror_tmp_dir", "f"), "x")
    attempt("listdir of a file", os.listdir, os.path.join("oserror_tmp_dir", "f"))
finally:
    os.remove(os.path.join("oserror_tmp_dir", "f"))
    os.rmdir("oserror_tmp_dir")

try:
    open(name)
except FileNotFoundError as e:
    print("errno check:", e.errno == errno.ENOENT)

print('-- os.strerror')
print(os.strerror(errno.ENOENT), os.strerror(errno.ECONNREFUSED), os.strerror(0), os.strerror(9999), os.strerror(-1), os.strerror(True))
for v in ["x", 2**31, -2**31 - 1, 2**70, 1.5]:
    try:
        os.strerror(v)
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)
for code in [errno.ENOENT, errno.EACCES, errno.EPIPE]:
    e = OSError(code, os.strerror(code), "p")
    print(type(e).__name__, e)
