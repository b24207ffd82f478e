# expected output written by hand
# runnable(): Stackless's runcount — this micro_thread and those scheduled to run.
import time
from micro_thread import start_and_forget, runnable
print(runnable())
for i in range(3):
    start_and_forget(time.sleep, 0)
time.sleep(0)
print(runnable())
