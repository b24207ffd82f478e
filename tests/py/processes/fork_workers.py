# A tiny process pool by hand: each worker is forked, computes its share of a
# sum of squares, reports it through a pipe, and ends with an exit code the
# parent checks with waitpid.
import os
import sys

JOBS = [(0, 1000), (1000, 2500), (2500, 4000), (4000, 5000)]


def work(lo, hi):
    return sum(i * i for i in range(lo, hi))


def spawn(job_id, lo, hi):
    r, w = os.pipe()
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        total = work(lo, hi)
        os.write(w, f"{job_id}:{total}\n".encode())
        os.close(w)
        # The exit code says which job this was: the parent checks it.
        os._exit(10 + job_id)
    os.close(w)
    return pid, r


def read_all(fd):
    chunks = []
    while True:
        b = os.read(fd, 4096)
        if not b:
            break
        chunks.append(b)
    os.close(fd)
    return b"".join(chunks).decode()


children = [spawn(i, lo, hi) for i, (lo, hi) in enumerate(JOBS)]
results = {}
for pid, fd in children:
    line = read_all(fd).strip()
    job, total = line.split(":")
    results[int(job)] = int(total)
    got, status = os.waitpid(pid, 0)
    assert got == pid
    print("job", job, "exit code", os.waitstatus_to_exitcode(status),
          "exited", os.WIFEXITED(status))

print("partial sums:", [results[i] for i in range(len(JOBS))])
print("total", sum(results.values()), "expected", work(0, 5000))

# A child that raises: the uncaught exception ends it with status 1, as in CPython.
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    sys.stderr = open(os.devnull, "w")
    raise SystemExit(3)
_, status = os.waitpid(pid, 0)
print("SystemExit(3) child:", os.waitstatus_to_exitcode(status))

# A child that is killed by a signal.
import signal
import time
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    time.sleep(30)
    os._exit(0)
os.kill(pid, signal.SIGTERM)
_, status = os.waitpid(pid, 0)
print("killed child:", os.WIFSIGNALED(status), os.WTERMSIG(status) == signal.SIGTERM,
      os.waitstatus_to_exitcode(status))
print("parent pid unchanged:", os.getpid() == os.getpid())
