# A server's start-up audit: checks the accounts it runs as (pwd, grp), locks its
# pid file so a second instance refuses to start (fcntl.flock / lockf), makes its
# control pipe non-blocking (fcntl F_GETFL/F_SETFL), and can dump where it is
# (faulthandler.dump_traceback) when an operator asks.
import faulthandler
import fcntl
import grp
import os
import pwd
import sys
import tempfile

root = pwd.getpwnam("root")
print(root, type(root).__name__, root.pw_uid == root[2] == 0)
print(pwd.getpwuid(0).pw_name, pwd.getpwuid(0).pw_dir, grp.getgrgid(0).gr_name, grp.getgrnam("root").gr_gid)
users = pwd.getpwall()
print("root listed:", any(u.pw_name == "root" for u in users),
      "all entries complete:", all(len(u) == 7 for u in users),
      "groups listed:", any(g.gr_name == "root" for g in grp.getgrall()))
print(os.path.expanduser("~root"), pwd.struct_passwd.n_sequence_fields, grp.struct_group.n_fields)

for lookup in [lambda: pwd.getpwnam("no-such-service-user"), lambda: pwd.getpwuid(2**31 - 7),
               lambda: grp.getgrnam("no-such-group"), lambda: grp.getgrgid(2**31 - 7),
               lambda: pwd.getpwuid(-3), lambda: pwd.getpwnam("nul\0name"), lambda: pwd.getpwnam(0),
               lambda: grp.getgrgid("0"), lambda: pwd.getpwuid()]:
    try:
        print("found:", lookup())
    except (KeyError, TypeError, ValueError) as e:
        print(type(e).__name__, e)

with tempfile.TemporaryDirectory() as tmp:
    pid_path = os.path.join(tmp, "server.pid")
    with open(pid_path, "w") as pid_file:
        fcntl.flock(pid_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        pid_file.write("1234\n")
        pid_file.flush()
        # A second instance (another open file description) is refused.
        second = os.open(pid_path, os.O_RDWR)
        try:
            fcntl.flock(second, fcntl.LOCK_EX | fcntl.LOCK_NB)
            print("second instance got the lock")
        except BlockingIOError as e:
            print("second instance refused:", type(e).__name__, e.errno == 11)
        fcntl.flock(pid_file.fileno(), fcntl.LOCK_UN)
        fcntl.flock(second, fcntl.LOCK_EX | fcntl.LOCK_NB)
        print("lock free again after LOCK_UN")
        os.close(second)
        fcntl.lockf(pid_file, fcntl.LOCK_EX, 5)
        fcntl.lockf(pid_file, fcntl.LOCK_UN, 5)
        try:
            fcntl.lockf(pid_file, 0)
        except ValueError as e:
            print("ValueError", e)

r, w = os.pipe()
flags = fcntl.fcntl(r, fcntl.F_GETFL)
fcntl.fcntl(r, fcntl.F_SETFL, flags | os.O_NONBLOCK)
print("non-blocking:", bool(fcntl.fcntl(r, fcntl.F_GETFL) & os.O_NONBLOCK),
      "close-on-exec:", fcntl.fcntl(w, fcntl.F_GETFD) & fcntl.FD_CLOEXEC)
try:
    os.read(r, 1)
except BlockingIOError:
    print("empty pipe would block")
dup = fcntl.fcntl(w, fcntl.F_DUPFD_CLOEXEC, 100)
print("duplicated above 100:", dup >= 100)
for fd in (r, w, dup):
    os.close(fd)
print(fcntl.LOCK_SH, fcntl.LOCK_EX, fcntl.LOCK_NB, fcntl.LOCK_UN, fcntl.F_SETLKW, fcntl.DN_MULTISHOT)
for bad in [lambda: fcntl.fcntl("0", fcntl.F_GETFL), lambda: fcntl.fcntl(-1, fcntl.F_GETFL),
            lambda: fcntl.fcntl(0, fcntl.F_GETFL, "x" * 2000), lambda: fcntl.flock(987, fcntl.LOCK_SH),
            lambda: fcntl.fcntl(0, fcntl.F_GETFL, 2.5)]:
    try:
        print("no error:", bad())
    except (TypeError, ValueError, OSError) as e:
        print(type(e).__name__, e)

print("faulthandler:", faulthandler.is_enabled())
faulthandler.enable(file=sys.stderr)
print("enabled:", faulthandler.is_enabled(), "disable() ->", faulthandler.disable(), faulthandler.is_enabled())


def handle_request(depth):
    if depth:
        return handle_request(depth - 1)
    sys.stdout.flush()
    faulthandler.dump_traceback(file=sys.stdout, all_threads=False)


handle_request(2)
for bad in [lambda: faulthandler.dump_traceback(file=-1), lambda: faulthandler.enable(1, 2, 3)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
