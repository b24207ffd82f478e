# Entering a closed file raises before the body runs.
import os

PATH = "/tmp/pyvm_golden_with_closed.txt"
f = open(PATH, "w")
f.write("data")
f.close()
os.remove(PATH)


def reopen(handle):
    with handle:
        print("never runs")


reopen(f)
