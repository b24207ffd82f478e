"""A long-running job runner that reloads its configuration on SIGHUP, reports its
progress on SIGUSR1, and keeps Ctrl-C for itself while a critical section runs."""
import os
import signal
import socket
import threading

config = {"workers": 2, "generation": 0}
events = []


def reload_config(signum, frame):
    config["generation"] += 1
    config["workers"] = config["workers"] * 2
    events.append(("reload", signal.Signals(signum).name, config["generation"]))


def report(signum, frame):
    events.append(("report", signum, frame.f_code.co_name if frame else None))


def run_jobs(jobs):
    done = 0
    for i, job in enumerate(jobs):
        done += job
        if i == 1:
            # A signal sent to ourselves is handled before kill() returns.
            os.kill(os.getpid(), signal.SIGUSR1)
        if i == 3:
            signal.raise_signal(signal.SIGHUP)
    return done


previous = signal.signal(signal.SIGHUP, reload_config)
print("previous SIGHUP handler:", previous, repr(previous))
signal.signal(signal.SIGUSR1, report)
print("installed:", signal.getsignal(signal.SIGHUP) is reload_config,
      signal.getsignal(signal.SIGUSR1).__name__)
print("total:", run_jobs([1, 2, 3, 4, 5]))
for e in events:
    print("event:", e)
print("config:", config)

# Handlers are called with the signal number; the enum gives names back.
print(signal.Signals(signal.SIGHUP), signal.Signals.SIGTERM.name, int(signal.SIGUSR1))
print(repr(signal.SIGINT), repr(signal.Handlers.SIG_IGN), repr(signal.SIG_DFL))
print("default SIGINT handler:", signal.getsignal(signal.SIGINT) is signal.default_int_handler)
print("SIGPIPE is ignored:", signal.getsignal(signal.SIGPIPE) == signal.SIG_IGN)
print("set at start-up:", [(s.name, signal.getsignal(s)) for s in sorted(signal.valid_signals())
                            if s < 32 and s not in (signal.SIGHUP, signal.SIGUSR1)
                            and signal.getsignal(s) != signal.SIG_DFL])
print("SIGTERM default:", signal.getsignal(signal.SIGTERM))

# Ignored signals do nothing; SIG_DFL restores the default (not raised here).
signal.signal(signal.SIGUSR1, signal.SIG_IGN)
os.kill(os.getpid(), signal.SIGUSR1)
print("after ignored SIGUSR1:", len(events), "events")
print("restored:", signal.signal(signal.SIGUSR1, signal.SIG_DFL))

# A critical section: Ctrl-C is remembered and handled once the section is over.
pending = []
old = signal.signal(signal.SIGINT, lambda s, f: pending.append(s))
signal.raise_signal(signal.SIGINT)
signal.signal(signal.SIGINT, old)
print("interrupts deferred:", pending)
try:
    signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt as e:
    print("KeyboardInterrupt", e.args)
try:
    signal.default_int_handler(signal.SIGINT, None)
except KeyboardInterrupt:
    print("default_int_handler raises KeyboardInterrupt")

# Blocked signals wait in sigpending() until unblocked, then their handler runs.
signal.signal(signal.SIGUSR2, lambda s, f: events.append(("usr2", s)))
old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR2])
signal.pthread_kill(threading.get_ident(), signal.SIGUSR2)
print("blocked:", old_mask, "pending:", signal.sigpending(), events[-1])
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGUSR2})
print("unblocked:", events[-1], signal.sigpending())

# The wake-up descriptor gets each signal's number (what event loops select on).
r, w = socket.socketpair()
r.setblocking(False)
w.setblocking(False)
print("old wakeup fd:", signal.set_wakeup_fd(w.fileno()))
signal.raise_signal(signal.SIGUSR2)
signal.raise_signal(signal.SIGHUP)
print("wakeup bytes:", list(r.recv(16)))
print("restored wakeup fd:", signal.set_wakeup_fd(-1) == w.fileno())

print(signal.strsignal(signal.SIGTERM), "|", signal.strsignal(signal.SIGKILL))
valid = signal.valid_signals()
print(len(valid), signal.SIGKILL in valid, signal.SIGRTMIN in valid, 0 in valid)
print(signal.NSIG, signal.SIGRTMAX)


def attempt(label, f, *args):
    try:
        print(label, f(*args))
    except (ValueError, TypeError, OSError) as e:
        print(label, type(e).__name__ + ":", e)


attempt("signal 0:", signal.signal, 0, report)
attempt("signal 99:", signal.signal, 99, report)
attempt("SIGKILL:", signal.signal, signal.SIGKILL, report)
attempt("bad handler:", signal.signal, signal.SIGUSR1, 42)
attempt("bad handler:", signal.signal, signal.SIGUSR1, "report")
attempt("getsignal 0:", signal.getsignal, 0)
attempt("strsignal 100:", signal.strsignal, 100)
attempt("raise 0:", signal.raise_signal, 0)
attempt("raise -1:", signal.raise_signal, -1)
attempt("mask 99:", signal.pthread_sigmask, signal.SIG_BLOCK, [99])
attempt("bad how:", signal.pthread_sigmask, 99, [])
attempt("bad fd:", signal.set_wakeup_fd, 9999)
attempt("siginterrupt 0:", signal.siginterrupt, 0, True)
attempt("alarm str:", signal.alarm, "soon")
attempt("kill str:", os.kill, os.getpid(), "TERM")

# Only the main thread may set handlers or the wake-up descriptor.
refused = []


def from_worker():
    for call, args in ((signal.signal, (signal.SIGUSR1, report)), (signal.set_wakeup_fd, (-1,))):
        try:
            call(*args)
        except ValueError as e:
            refused.append(str(e))


t = threading.Thread(target=from_worker)
t.start()
t.join()
print("from a worker thread:", refused)
print("getsignal works anywhere:", signal.getsignal(signal.SIGUSR1))
