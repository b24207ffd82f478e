import sys
import traceback

def countdown(n):
    if n == 0:
        raise RuntimeError("liftoff failed")
    return countdown(n - 1)

try:
    countdown(12)
except RuntimeError:
    traceback.print_exc(file=sys.stdout)

def ping(n):
    return pong(n)

def pong(n):
    if n == 0:
        raise ValueError("rally over")
    return ping(n - 1)

try:
    ping(3)
except ValueError:
    traceback.print_exc(file=sys.stdout)
countdown(5)
