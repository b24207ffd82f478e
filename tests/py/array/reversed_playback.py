# An undo log kept in a typed array, played back newest-first with reversed(): the
# reversed iterator reads the array as it goes (it sees edits made meanwhile), and
# a playback position can be saved with pickle or copy and resumed.
import array
import copy
import pickle

log = array.array("i", [10, 20, 30, 40, 50])
play = reversed(log)
print(type(play).__name__, next(play), next(play))
log[2] = 33                      # seen: not played yet
log.append(60)                   # not seen: behind the position
print(list(play))

log = array.array("i", [1, 2, 3, 4])
play = reversed(log)
next(play)
del log[1:]                      # shrinks under the iterator: it ends early
print(list(play), list(play))

# Saving the position together with the log keeps them tied.
log = array.array("d", [0.5, 1.5, 2.5, 3.5])
play = reversed(log)
next(play)
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    p2, log2 = pickle.loads(pickle.dumps((play, log), proto))
    log2.insert(0, -1.0)
    print(proto, type(p2).__name__, list(p2), list(log2))
f, args, pos = play.__reduce__()
print(f.__name__, args, pos)
twin = copy.copy(play)
print(next(twin), next(play), next(twin))
play.__setstate__(99)
print("clipped", list(play), play.__reduce__())
fresh = reversed(array.array("b", [7, 8, 9]))
fresh.__setstate__(-5)
print("before start", list(fresh))
fresh = reversed(array.array("b", [7, 8, 9]))
fresh.__setstate__(0)
print("last one", list(fresh))
try:
    reversed(array.array("b")).__setstate__("x")
except TypeError as e:
    print("TypeError:", e)


class Track(array.array):
    pass


t = Track("u", "abc")
print("".join(reversed(t)), list(reversed(array.array("B"))))
