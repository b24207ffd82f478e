# expected output written by hand
# A mailbox whose truth and length come from Python methods that wait for another
# micro_thread (they read a micro_pipe). `while box:` and `len(box)` run those
# methods as frames of the micro_thread's own loop, so each wait is a soft switch:
# no worker stack is held while it waits (hard_switches stays where it was).
import micro_thread

deliveries = micro_thread.micro_pipe()


class Mailbox:
    def __init__(self):
        self.letters = []
        self.closed = False

    def _fill(self):
        while not self.letters and not self.closed:
            try:
                # waits for the postman (the pipe's own method: the built-in
                # next() would be a native waiting, a hard switch of its own)
                self.letters.extend(deliveries.__next__())
            except StopIteration:
                self.closed = True

    def __len__(self):
        self._fill()
        return len(self.letters)


class Gate:
    def __init__(self, pipe):
        self.pipe = pipe

    def __bool__(self):
        return self.pipe.__next__() == "open"   # waits for the gatekeeper


def postman():
    for batch in (["bill", "postcard"], ["parcel"], [], ["letter"]):
        deliveries.put(batch)
    deliveries.close()


micro_thread.start_and_forget(postman)
before = micro_thread.hard_switches()
box = Mailbox()
read = []
while box:
    read.append(box.letters.pop(0))
print("read:", read)
print("len after close:", len(box))

signals = micro_thread.micro_pipe()


def gatekeeper():
    for s in ("open", "open", "shut"):
        signals.put(s)


micro_thread.start_and_forget(gatekeeper)
gate = Gate(signals)
passes = 0
while gate:
    passes += 1
print("passes:", passes)
print("hard switches:", micro_thread.hard_switches() - before)
