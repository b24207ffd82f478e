# An atomic config writer: each save goes to a temporary file in the same folder,
# is flushed and fsync'ed, then os.replace'd over the old file, so a reader never
# sees half a file. Also a lock file made with O_CREAT|O_EXCL, file modes, times
# and descriptors used directly.
import json
import os
import stat
import tempfile


class ConfigStore:
    def __init__(self, folder, name="app.json"):
        self.folder = folder
        self.path = os.path.join(folder, name)
        self.lock = self.path + ".lock"

    def acquire(self):
        try:
            fd = os.open(self.lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError as e:
            print("locked:", os.path.basename(e.filename))
            return False
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        return True

    def release(self):
        os.unlink(self.lock)

    def save(self, data):
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".app-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w") as f:
                json.dump(data, f, sort_keys=True, indent=1)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o640)
            os.replace(tmp, self.path)
        except BaseException:
            os.unlink(tmp)
            raise

    def load(self):
        try:
            with open(self.path) as f:
                return json.load(f)
        except FileNotFoundError as e:
            print("no config yet:", e.strerror)
            return {}


folder = tempfile.mkdtemp(prefix="cfg_")
store = ConfigStore(folder)
print(store.load())
print("acquire:", store.acquire(), store.acquire())
for version in range(1, 4):
    cfg = store.load()
    cfg["version"] = version
    cfg.setdefault("servers", []).append(f"host{version}:80{version}")
    store.save(cfg)
store.release()
print(store.load())
leftovers = [n for n in os.listdir(folder) if n.endswith(".tmp")]
print("temporary files left:", leftovers)
mode = os.stat(store.path).st_mode
print("mode:", oct(stat.S_IMODE(mode)), stat.filemode(mode))
print("readable:", os.access(store.path, os.R_OK), "exists:", os.access(store.path + "x", os.F_OK))

# utime: set and read back the times.
os.utime(store.path, (1_000_000_000, 1_200_000_000.5))
st = os.stat(store.path)
print("times:", st.st_atime, st.st_mtime, st.st_mtime_ns, st[8])
os.utime(store.path, ns=(5 * 10**9, 7 * 10**9 + 25))
print("ns:", os.stat(store.path).st_mtime_ns)

# Descriptors directly: append, seek, read, truncate, dup.
fd = os.open(store.path, os.O_RDWR | os.O_APPEND)
size = os.fstat(fd).st_size
os.write(fd, b"\n# end\n")
print("grew by", os.fstat(fd).st_size - size)
os.lseek(fd, 0, os.SEEK_SET)
print(os.read(fd, 12))
fd2 = os.dup(fd)
print("inheritable:", os.get_inheritable(fd), os.get_inheritable(fd2), "blocking:", os.get_blocking(fd))
os.ftruncate(fd2, 10)
os.close(fd2)
os.lseek(fd, 0, os.SEEK_SET)
print(os.read(fd, 100), os.isatty(fd))
os.close(fd)
try:
    os.close(fd)
except OSError as e:
    print(type(e).__name__, e)

# Pipes and dup2.
r, w = os.pipe()
w2 = os.dup2(w, w + 10)
os.write(w2, b"through the copy")
os.close(w)
os.close(w2)
print(os.read(r, 100), os.read(r, 100))
os.close(r)

# Links.
link = os.path.join(folder, "current.json")
os.symlink("app.json", link)
hard = os.path.join(folder, "hard.json")
os.link(store.path, hard)
print(os.readlink(link), os.stat(hard).st_nlink, os.path.samefile(link, hard))
try:
    os.symlink("app.json", link)
except FileExistsError as e:
    print(str(e).replace(folder, "<folder>"))
try:
    os.rename(os.path.join(folder, "none"), os.path.join(folder, "x"))
except FileNotFoundError as e:
    print(e.filename == os.path.join(folder, "none"), e.filename2 == os.path.join(folder, "x"))

for name in sorted(os.listdir(folder)):
    os.remove(os.path.join(folder, name))
os.rmdir(folder)
print("removed:", not os.path.exists(folder))
