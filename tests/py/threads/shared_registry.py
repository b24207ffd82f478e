# A session registry shared by worker threads: keys are objects with their own
# __hash__ and __eq__ (written in Python), so every set and dict operation runs
# Python code in the middle of a probe, while other threads are asked to run
# (a tiny switch interval). Each thread adds, looks up and discards its own
# sessions; the totals are deterministic.
import sys
import threading

sys.setswitchinterval(1e-6)


class SessionKey:
    def __init__(self, user, n):
        self.user = user
        self.n = n

    def __hash__(self):
        h = 0
        for c in self.user:
            h = (h * 31 + ord(c)) & 0xFFFF
        return h * 1000 + self.n % 7

    def __eq__(self, other):
        return isinstance(other, SessionKey) and (self.user, self.n) == (other.user, other.n)


live = set()
owners = {}
counts = {}
guard = threading.Lock()


def worker(user, rounds):
    mine = [SessionKey(user, n) for n in range(rounds)]
    for k in mine:
        live.add(k)
        owners[k] = user
    found = sum(1 for k in mine if SessionKey(k.user, k.n) in live)
    for k in mine[::2]:
        live.discard(SessionKey(k.user, k.n))
        del owners[SessionKey(k.user, k.n)]
    with guard:
        counts[user] = found


users = ["ann", "bob", "cy", "dee", "eve", "fay"]
threads = [threading.Thread(target=worker, args=(u, 300)) for u in users]
for t in threads:
    t.start()
for t in threads:
    t.join()

print(sorted(counts.items()))
print(len(live), len(owners))
per_user = {}
for k in live:
    per_user[k.user] = per_user.get(k.user, 0) + 1
print(sorted(per_user.items()))
print(all(owners[k] == k.user for k in live))
