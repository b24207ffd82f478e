# sys.setswitchinterval: CPU-bound threads take turns with the GIL.
import sys
import threading

print(sys.getswitchinterval())
sys.setswitchinterval(0.001)
print(sys.getswitchinterval())
for bad in [0, -1, "x"]:
    try:
        sys.setswitchinterval(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)

# Two CPU-bound threads both make progress while the other runs.
progress = [0, 0]
stop = threading.Event()


def spin(k):
    while not stop.is_set():
        progress[k] += 1


ts = [threading.Thread(target=spin, args=(k,)) for k in range(2)]
for t in ts:
    t.start()
while min(progress) < 1000:
    pass
stop.set()
for t in ts:
    t.join()
print("both threads ran:", min(progress) >= 1000)
