# A log pipeline built from the functional built-ins, whose call-backs wait: map()
# parses each line after a pause, filter() asks a classifier service (ask(): a server
# micro_thread under pyvm), functools.reduce() totals through the service,
# functools.partial() tags lines, any()/all() read generators that pause, and
# dict.fromkeys()/bytes()/bytearray() are fed by generators that wait. Alert rules are
# Python source run with eval()/exec() whose code waits too. Each service's log is
# processed in its own micro_thread, all at once; the reports are printed in order.
import functools
from mtcompat import spawn_all, outcome, attempt, ask, pause, nap

LOGS = {
    "web": ["09:00 INFO ann 120", "09:01 WARN bob 4000", "09:02 INFO ann 80",
            "09:03 ERROR cid 0", "09:04 INFO dee 310"],
    "db": ["10:00 INFO sys 10", "10:05 INFO sys 12", "10:09 INFO bob 7"],
    "mail": ["11:00 ERROR ann 0", "11:01 ERROR eve 0", "11:02 WARN eve 99",
             "11:03 INFO ann 5"],
    "cache": ["12:00 INFO kim 1"],
}


def parse(line):
    pause()
    time, level, user, size = line.split()
    return {"time": time, "level": level, "user": user, "bytes": int(size)}


def is_problem(entry):
    return ask(entry["level"]) != "INFO"


def add_bytes(total, entry):
    return total + ask(entry["bytes"])


def tag(service, entry):
    nap()
    return "%s/%s@%s" % (service, entry["user"], entry["time"])


def users(entries):
    for e in entries:
        pause()
        yield e["user"]


def big(entries):
    for e in entries:
        yield ask(e["bytes"]) > 1000


def checksum_bytes(entries):
    for e in entries:
        nap()
        yield (e["bytes"] + len(e["user"])) % 256


def report(service):
    lines = LOGS[service]
    entries = [parse(line) for line in lines]    # a comprehension: plain Python
    return [
        ("parsed by map", attempt(lambda: [e["time"] for e in map(parse, lines)])),
        ("levels", attempt(lambda: list(map(lambda e, n: "%d:%s" % (n, ask(e["level"])),
                                            entries, range(1, 99))))),
        ("problems", attempt(lambda: [e["time"] for e in filter(is_problem, entries)])),
        ("total bytes", attempt(functools.reduce, add_bytes, entries, 0)),
        ("largest", attempt(functools.reduce,
                            lambda a, b: a if ask(a["bytes"]) >= b["bytes"] else b,
                            entries)),
        ("tags", attempt(lambda: list(map(functools.partial(tag, service), entries)))),
        ("any big", attempt(any, big(entries))),
        ("any big (map)", attempt(lambda: any(map(lambda e: ask(e["bytes"]) > 1000, entries)))),
        ("all sized", attempt(all, (ask(e["bytes"]) >= 0 for e in entries))),
        ("all info", attempt(lambda: all(map(lambda e: not is_problem(e), entries)))),
        ("users", attempt(lambda: list(dict.fromkeys(users(entries))))),
        ("user flags", attempt(dict.fromkeys, users(entries), False)),
        ("checksum", attempt(bytes, checksum_bytes(entries))),
        ("checksum buffer", attempt(bytearray, checksum_bytes(entries))),
    ]


for service, thread in zip(LOGS, spawn_all(report, list(LOGS))):
    print("==", service)
    rows = outcome(thread)
    if isinstance(rows, str):
        print("  failed:", rows)
        continue
    for what, value in rows:
        if isinstance(value, dict) and "user" in value:
            value = "%s %s" % (value["user"], value["bytes"])
        print("  %-16s %s" % (what + ":", value))


# Alert rules are Python source text, evaluated per service with eval() and exec();
# the helpers the rules call wait on the service.
RULE = "count(level='ERROR') >= 1 or volume() > 1000"
PLUGIN = """
summary = []
for entry in entries:
    pause()
    if ask(entry['level']) != 'INFO':
        summary.append(entry['user'])

def shout(text):
    nap()
    return text.upper() + '!'

headline = shout(service)
"""


def alerts(service):
    entries = [dict(zip(("time", "level", "user", "bytes"), line.split()))
               for line in LOGS[service]]

    def count(level):
        return sum(1 for e in entries if ask(e["level"]) == level)

    def volume():
        return sum(ask(int(e["bytes"])) for e in entries)

    scope = {"entries": entries, "service": service, "ask": ask, "pause": pause,
             "nap": nap}
    plugin = attempt(exec, PLUGIN, scope)
    return [
        ("rule", attempt(eval, RULE, {"count": count, "volume": volume})),
        ("volume", attempt(eval, "volume()", {"volume": volume})),
        ("plugin", plugin if plugin is not None else "ran"),
        ("summary", scope.get("summary")),
        ("headline", scope.get("headline")),
        ("shout again", attempt(lambda: scope["shout"]("again") if "shout" in scope else None)),
        ("exec in a loop", attempt(lambda: [eval("ask(n) * n", {"ask": ask, "n": n})
                                            for n in range(4)])),
    ]


for service, thread in zip(LOGS, spawn_all(alerts, list(LOGS))):
    print("== alerts", service)
    for what, value in outcome(thread):
        print("  %-16s %s" % (what + ":", value))
