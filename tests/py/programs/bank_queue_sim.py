def lcg(seed):
    state = [seed]
    def rand(n):
        state[0] = (state[0] * 1103515245 + 12345) % 2147483648
        return state[0] % n
    return rand

rand = lcg(42)
tellers = [0, 0, 0]
waits = []
clock = 0
for customer in range(40):
    clock += rand(4)
    service = 2 + rand(6)
    t = min(range(len(tellers)), key=lambda i: tellers[i])
    start = max(clock, tellers[t])
    waits.append(start - clock)
    tellers[t] = start + service
print("served:", len(waits))
print("max wait:", max(waits), "avg wait: %.2f" % (sum(waits) / len(waits)))
print("finish times:", tellers)
hist = {}
for w in waits:
    bucket = w // 3 * 3
    hist[bucket] = hist.get(bucket, 0) + 1
for b in sorted(hist):
    print(f"{b:2d}-{b + 2:<2d} {'#' * hist[b]}")
