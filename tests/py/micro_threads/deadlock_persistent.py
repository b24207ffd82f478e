# expected output written by hand
# A program whose micro_threads catch DeadlockError and wait again, forever, is not
# let go as if all went well: after 100 reports it ends with status 1, naming them.
from micro_thread import micro_pipe, DeadlockError

pipe = micro_pipe()
caught = 0


def key(x):
    global caught
    while True:
        try:
            return next(pipe)
        except DeadlockError:
            caught += 1
            if caught == 1:
                print("caught the first DeadlockError inside a sort key; waiting again")


try:
    print(sorted([1, 2], key=key))
finally:
    print("finally runs; caught", caught)
