"""A worker pool with a graceful shutdown: SIGTERM's handler asks the workers to
finish; they drain the queue and stop, and the main thread reports what was done."""
import os
import queue
import signal
import threading

stopping = threading.Event()
tasks = queue.Queue()
results = []
results_lock = threading.Lock()


def on_term(signum, frame):
    print("received", signal.Signals(signum).name, "in",
          threading.current_thread() is threading.main_thread() and "main thread")
    stopping.set()


def worker():
    while True:
        try:
            n = tasks.get(timeout=0.01)
        except queue.Empty:
            if stopping.is_set():
                return
            continue
        with results_lock:
            results.append(n * n)
        tasks.task_done()


signal.signal(signal.SIGTERM, on_term)
pool = [threading.Thread(target=worker, name=f"worker-{i}") for i in range(4)]
for t in pool:
    t.start()
for n in range(20):
    tasks.put(n)
tasks.join()
os.kill(os.getpid(), signal.SIGTERM)
for t in pool:
    t.join()
print("stopped:", all(not t.is_alive() for t in pool))
print("results:", sorted(results))
signal.signal(signal.SIGTERM, signal.SIG_DFL)
print("handler now:", signal.getsignal(signal.SIGTERM))
