from collections import deque

def moving_average(values, n):
    window = deque(maxlen=n)
    out = []
    for v in values:
        window.append(v)
        out.append(round(sum(window) / len(window), 2))
    return out

readings = [3, 5, 8, 2, 9, 4, 7, 1, 6, 10]
print(moving_average(readings, 3))

recent = deque(maxlen=4)
for event in ["boot", "login", "read", "write", "logout", "shutdown"]:
    recent.append(event)
    print(f"{event:>8}: {recent}")
print(recent.maxlen, deque().maxlen, deque("abc", 0))
recent.appendleft("first")
print(recent)
recent.extendleft(["x", "y"])
print(recent)

def tail(lines, n):
    return list(deque(lines, maxlen=n))

LOG = ["line %d" % i for i in range(1, 21)]
print(tail(LOG, 3))

# Round-robin scheduler.
tasks = deque([("a", 3), ("b", 1), ("c", 2)])
timeline = []
while tasks:
    name, left = tasks.popleft()
    timeline.append(name)
    if left > 1:
        tasks.append((name, left - 1))
print("".join(timeline))

# Palindrome check from both ends.
def is_palindrome(text):
    chars = deque([c.lower() for c in text if c.isalnum()])
    while len(chars) > 1:
        if chars.popleft() != chars.pop():
            return False
    return True

for s in ["A man, a plan, a canal: Panama", "deque", "racecar", ""]:
    print(repr(s), is_palindrome(s))
