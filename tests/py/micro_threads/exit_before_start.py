# expected output written by hand
# The program ends when the main micro_thread ends, whatever state the others are in:
# one never started (it never runs a line), one asleep and one runnable (both get
# MicroThreadExit, their finally blocks run), and one started from a finally block
# while the program ends (it never runs either).
import time
from micro_thread import start_and_forget


def never():
    print("never runs")


def late():
    print("late never runs either")


busy_ended = []


def sleeper():
    try:
        time.sleep(60)
    finally:
        while not busy_ended:  # a finally block may still wait: print in one order
            time.sleep(0)
        print("sleeper: finally")
        start_and_forget(late)


def busy():
    try:
        while True:
            time.sleep(0)
    finally:
        print("busy: finally")
        busy_ended.append(True)


start_and_forget(sleeper)
start_and_forget(busy)
time.sleep(0.01)
start_and_forget(never)
print("main ends")
