# A task queue that stores its callbacks pickled: bound methods of handler objects
# and methods of built-in types (str.upper, list.append, dict.get) are saved by
# reference, as CPython pickles them (getattr of the object or the type).
import pickle


class Mailer:
    def __init__(self, sender):
        self.sender = sender
        self.sent = []

    def send(self, to):
        self.sent.append(to)
        return f"{self.sender} -> {to}"


m = Mailer("ops")
queue = [
    (m.send, ("alice",)),
    (str.upper, ("quiet",)),
    (str.index, ("banana", "n")),
    (tuple.count, ((1, 2, 1), 1)),
    (dict.get, ({"k": 3}, "k")),
    (int.bit_length, (1024,)),
]
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    blob = pickle.dumps(queue, proto)
    loaded = pickle.loads(blob)
    results = [f(*args) for f, args in loaded]
    mailer = loaded[0][0].__self__
    print(proto, results, mailer.sent, mailer is not m, loaded[1][0] is str.upper)

# Methods bound to the same object stay tied to one copy of it.
pair = pickle.loads(pickle.dumps((m.send, m.send, m)))
print(pair[0].__self__ is pair[1].__self__ is pair[2], pair[0]("bob"), pair[2].sent)
