"""A daemon ignores SIGUSR1 while it starts, handles it once running (rotating its
log), and on shutdown restores the default action: the next SIGUSR1 kills it, as
the default action of SIGUSR1 does."""
import os
import signal

log = ["daemon.log"]


def rotate(signum, frame):
    log.append(f"daemon.log.{len(log)}")


print("during start-up:", signal.signal(signal.SIGUSR1, signal.SIG_IGN))
os.kill(os.getpid(), signal.SIGUSR1)
print("still starting, logs:", log)

print("running, previous:", signal.signal(signal.SIGUSR1, rotate))
for _ in range(3):
    os.kill(os.getpid(), signal.SIGUSR1)
print("after three rotations:", log)

print("shutting down, previous:", signal.signal(signal.SIGUSR1, signal.SIG_DFL).__name__)
print("bye", flush=True)
os.kill(os.getpid(), signal.SIGUSR1)
print("never printed")
