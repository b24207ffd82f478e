# expected output written by hand
# Closing one end of a micro_pipe wakes whoever waits on the other end, in this OS
# thread or another: readers blocked on an empty pipe see the end when the writer
# closes, writers blocked on a full pipe get MicroThreadExit (ending silently after
# their finally blocks) when the reader closes, and a reader's close() also ends
# the other readers still waiting.
import threading
import time

from micro_thread import MicroThreadExit, micro_pipe, start_and_forget, start_in_parallel


def drain(pipe, tag):
    got = list(pipe)
    print(f"reader {tag} saw the end after {got}")


# Two readers blocked on an empty pipe; the writer puts one value and closes.
jobs = micro_pipe()
readers = [start_in_parallel(drain, jobs, tag) for tag in "ab"]
time.sleep(0.01)


def producer():
    jobs.put("job-1")
    jobs.close()


start_and_forget(producer)
for r in readers:
    r.wait()


# Two writers blocked on a full pipe; the reader takes one value and closes.
results = micro_pipe()


def worker(tag):
    try:
        for i in range(10):
            results.put((tag, i))
    finally:
        print(f"writer {tag} ends (finally runs)")


writers = [start_in_parallel(worker, tag) for tag in "ab"]
time.sleep(0.01)
print("consumer took", next(results))
results.close()
for w in writers:
    try:
        w.wait()
    except MicroThreadExit:
        print("wait(): the writer ended by MicroThreadExit")


# A reader closes while another reader waits: the waiting one sees the end, and
# the writer's next put ends it.
feed = micro_pipe()
waiting = start_in_parallel(drain, feed, "waiting")


def quitter():
    print("quitter took", next(feed))
    feed.close()


time.sleep(0.01)
quit_thread = start_in_parallel(quitter)
time.sleep(0.01)


def feeder():
    try:
        feed.put("v1")       # to the reader that waited first, which waits again
        time.sleep(0.02)
        feed.put("v2")       # to the quitter, which closes
        time.sleep(0.02)
        feed.put("v3")
        print("not reached")
    finally:
        print("feeder ends")


start_and_forget(feeder)
waiting.wait()
quit_thread.wait()
time.sleep(0.05)


# Across OS threads: a reader on another OS thread blocked on an empty pipe is
# woken when the writer here closes; a writer there blocked on a full pipe is
# woken when the reader here closes (its thread ends quietly).
far = micro_pipe()
seen = []
t = threading.Thread(target=lambda: seen.append(list(far)))
t.start()
time.sleep(0.05)
far.put("hello")
far.close()
t.join()
print("far reader saw", seen[0], "then the end")

back = micro_pipe()


def far_writer():
    try:
        for i in range(100):
            back.put(i)
    finally:
        seen.append("far writer finally")


t = threading.Thread(target=far_writer)
t.start()
time.sleep(0.05)
print("near reader took", next(back), next(back))
time.sleep(0.05)
back.close()
t.join()
print(seen[-1], "; thread alive:", t.is_alive())
