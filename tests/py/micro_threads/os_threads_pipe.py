# expected output written by hand
# A micro_pipe passing 100,000 values from a micro_thread of one OS thread to one of
# another, in order; the writer's OS thread ends when its reactor has nothing left.
import threading

import micro_thread

pipe = micro_thread.micro_pipe()


def writer(n):
    for i in range(n):
        pipe.put(i)
    pipe.close()


t = threading.Thread(target=writer, args=(100000,))
t.start()
count = 0
total = 0
in_order = True
for v in pipe:
    in_order = in_order and v == count
    count += 1
    total += v
t.join()
print(count, total, in_order, t.is_alive())
