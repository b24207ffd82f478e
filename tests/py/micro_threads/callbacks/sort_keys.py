# Ranking with call-backs that wait. A league table is ranked by ratings fetched from
# a rating service (ask(): a round trip to a server micro_thread under pyvm), with
# tie-breaks that pause, player objects whose __lt__ asks the service, and a ratings
# dict whose __getitem__ sleeps. Every league is ranked in its own micro_thread, all
# at once; the results are printed afterwards, in league order.
from mtcompat import spawn_all, outcome, attempt, ask, pause, nap

LEAGUES = {
    "north": [("ann", 31), ("bob", 17), ("cid", 31), ("dee", 5), ("eve", 22)],
    "south": [("fay", 9), ("gus", 40), ("hal", 12), ("ivy", 40)],
    "east": [("jon", 3), ("kim", 3), ("lea", 3)],
    "west": [("max", 18), ("ned", 27), ("oli", 1), ("pam", 27), ("quin", 8),
             ("rae", 13)],
}


def rating(player):
    """The service's rating: points times ten plus the name's length."""
    return ask(player, lambda p: p[1] * 10 + len(p[0]))


def tie_break(player):
    pause()
    return player[0]


def names(players):
    return [p[0] for p in players]


def sort_in_place(players, **how):
    players = list(players)
    players.sort(**how)
    return names(players)


def table(league):
    players = LEAGUES[league]
    return [
        ("sorted by rating", attempt(lambda: names(sorted(players, key=rating, reverse=True)))),
        ("sort by name, reversed", attempt(sort_in_place, players, key=tie_break, reverse=True)),
        ("sort by points, name", attempt(sort_in_place, players,
                                         key=lambda p: (-ask(p[1]), tie_break(p)))),
        ("max by rating", attempt(lambda: max(players, key=rating)[0])),
        ("min by rating", attempt(lambda: min(players, key=rating)[0])),
        ("min by name", attempt(lambda: min(players, key=tie_break)[0])),
        ("max of names, waits", attempt(lambda: max(*names(players), key=lambda n: ask(n)))),
    ]


for league, thread in zip(LEAGUES, spawn_all(table, list(LEAGUES))):
    print(league)
    rows = outcome(thread)
    if isinstance(rows, str):                   # it raised: its message
        print("  failed:", rows)
        continue
    for what, value in rows:
        print("  %-23s %s" % (what + ":", value))


# Players that compare themselves through the service: sorted() and min() without a
# key call __lt__; max() asks `a > b`, which Python reflects to b.__lt__(a).
class Player:
    compared = 0

    def __init__(self, name, points):
        self.name = name
        self.points = points

    def __lt__(self, other):
        Player.compared += 1
        if ask(self.points) != other.points:
            return self.points < other.points
        pause()
        return self.name < other.name

    def __repr__(self):
        return "%s(%d)" % (self.name, self.points)


def podium(league):
    players = [Player(n, p) for n, p in LEAGUES[league]]
    return [
        ("sorted", attempt(sorted, players)),
        ("sorted, reversed", attempt(lambda: sorted(players, reverse=True))),
        ("min", attempt(min, players)),
        ("max", attempt(max, players)),
        ("max of the ends", attempt(max, players[0], players[-1])),
        ("min of a generator", attempt(min, (p for p in players if p.points > 2))),
    ]


for league, thread in zip(LEAGUES, spawn_all(podium, list(LEAGUES))):
    rows = outcome(thread)
    if isinstance(rows, str):
        print(league, "failed:", rows)
        continue
    for what, value in rows:
        print(league, what + ":", value)
print("__lt__ was called:", Player.compared > 0)


# A dict subclass whose lookups wait (a cache that checks with the service): its bound
# __getitem__ is the sort key. Another one answers a missing key through __missing__,
# which dict's own lookup calls.
class Ratings(dict):
    def __getitem__(self, name):
        nap()
        return dict.__getitem__(self, name)


class WithDefault(dict):
    def __missing__(self, name):
        return ask(len(name))


def by_lookup(league):
    ratings = Ratings((n, -p) for n, p in LEAGUES[league])
    players = names(LEAGUES[league])
    defaults = WithDefault(ann=100, gus=100)
    return [
        ("sorted by lookup", attempt(sorted, players, key=ratings.__getitem__)),
        ("max by lookup", attempt(lambda: max(players, key=ratings.__getitem__))),
        ("sorted by default", attempt(lambda: sorted(players, key=lambda n: (-defaults[n], n)))),
    ]


for league, thread in zip(LEAGUES, spawn_all(by_lookup, list(LEAGUES))):
    for what, value in outcome(thread):
        print(league, what + ":", value)
