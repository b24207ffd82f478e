# A tiny process runner on the primitive subprocess.Popen uses
# (_posixsubprocess.fork_exec): pipes for the child's streams, an error pipe that
# reports a failed exec (or chdir) the way Popen decodes it, os.waitpid and the
# W* helpers for the exit status.
import errno
import os
import shutil
import _posixsubprocess


def run(argv, cwd=None, env=None, stdin_data=None, pass_fds=()):
    exe = argv[0]
    if os.path.dirname(exe):
        executables = [os.fsencode(exe)]
    else:
        executables = [os.path.join(os.fsencode(d), os.fsencode(exe)) for d in os.get_exec_path()]
    p2cread, p2cwrite = os.pipe()
    c2pread, c2pwrite = os.pipe()
    errread, errwrite = os.pipe()
    errpipe_read, errpipe_write = os.pipe()
    env_list = None if env is None else [os.fsencode(k) + b"=" + os.fsencode(v) for k, v in env.items()]
    try:
        pid = _posixsubprocess.fork_exec(
            argv, executables, True, tuple(sorted({*pass_fds, errpipe_write})), cwd, env_list,
            p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite,
            errpipe_read, errpipe_write,
            True, False, -1, None, None, None, -1, None, True)
    finally:
        os.close(errpipe_write)
    for fd in (p2cread, c2pwrite, errwrite):
        os.close(fd)
    err = b""
    while chunk := os.read(errpipe_read, 1000):
        err += chunk
    os.close(errpipe_read)
    if err:
        _, st = os.waitpid(pid, 0)
        for fd in (p2cwrite, c2pread, errread):
            os.close(fd)
        name, hexno, what = err.split(b":", 2)
        code = int(hexno, 16)
        culprit = cwd if what == b"noexec" else exe
        raise OSError(code, os.strerror(code), culprit)
    if stdin_data:
        os.write(p2cwrite, stdin_data)
    os.close(p2cwrite)
    out = b""
    while chunk := os.read(c2pread, 4096):
        out += chunk
    errout = b""
    while chunk := os.read(errread, 4096):
        errout += chunk
    os.close(c2pread)
    os.close(errread)
    got, status = os.waitpid(pid, 0)
    assert got == pid
    return os.waitstatus_to_exitcode(status), out, errout, status


code, out, err, st = run(["echo", "hello", "from a child"])
print(code, out, err, os.WIFEXITED(st), os.WEXITSTATUS(st))
code, out, err, st = run(["sh", "-c", "tr a-z A-Z; echo oops >&2; exit 3"], stdin_data=b"shout this\n")
print(code, out, err, os.WIFEXITED(st), os.WEXITSTATUS(st))
code, out, _, st = run(["sh", "-c", "kill -TERM $$"])
print(code, os.WIFSIGNALED(st), os.WTERMSIG(st))
code, out, _, _ = run(["sh", "-c", "pwd"], cwd="/")
print(code, out)
code, out, _, _ = run(["sh", "-c", 'echo "$GREETING/$HOME"'], env={"GREETING": "hi", "HOME": "/nowhere"})
print(code, out)

# A descriptor passed on stays open in the child; others are closed.
r, w = os.pipe()
script = f"echo through > /proc/self/fd/{w}; [ -e /proc/self/fd/{r} ] && echo r-open || echo r-closed"
code, out, _, _ = run(["sh", "-c", script], pass_fds=(w,))
os.close(w)
print(code, out, os.read(r, 100))
os.close(r)

for argv, cwd in [(["no-such-program-xyz"], None), (["/nonexistent/prog"], None), (["sh", "-c", "true"], "/nonexistent-dir")]:
    try:
        run(argv, cwd=cwd)
    except OSError as e:
        print(type(e).__name__, e.errno == errno.ENOENT, e)
