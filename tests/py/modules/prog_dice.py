# A dice game simulation with a fixed seed: roll histograms, a Yahtzee counter,
# and a shuffled tournament bracket.
import random

random.seed(2008)
counts = {}
for _ in range(6000):
    total = random.randint(1, 6) + random.randint(1, 6)
    counts[total] = counts.get(total, 0) + 1
for total in sorted(counts):
    print(f"{total:2d} {counts[total]:5d} " + "#" * (counts[total] // 40))

def roll_hand():
    return sorted([random.randint(1, 6) for _ in range(5)])

yahtzees = 0
straights = 0
for turn in range(2000):
    hand = roll_hand()
    if len(set(hand)) == 1:
        yahtzees += 1
    if hand in ([1, 2, 3, 4, 5], [2, 3, 4, 5, 6]):
        straights += 1
print("yahtzees:", yahtzees, "straights:", straights)

players = ["ann", "bob", "cyd", "dee", "eve", "fay", "gus", "hal"]
random.shuffle(players)
round_no = 1
while len(players) > 1:
    winners = []
    for i in range(0, len(players), 2):
        a, b = players[i], players[i + 1]
        w = random.choice([a, b])
        winners.append(w)
        print(f"round {round_no}: {a} vs {b} -> {w}")
    players = winners
    round_no += 1
print("champion:", players[0])
print("lottery:", sorted(random.sample(range(1, 50), 6)))
