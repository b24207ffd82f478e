# A log-processing pipeline built from generators: each stage pulls from the one
# before, so no stage ever holds the whole log.

LOG = """\
2024-01-01 10:00:01 INFO  web   GET /index 200 12ms
2024-01-01 10:00:02 INFO  web   GET /about 200 8ms
2024-01-01 10:00:02 WARN  db    slow query 340ms
2024-01-01 10:00:03 ERROR web   GET /cart 500 91ms
# comment line
2024-01-01 10:00:04 INFO  web   POST /cart 201 40ms

2024-01-01 10:00:05 ERROR db    connection reset
2024-01-01 10:00:06 INFO  web   GET /index 200 11ms
2024-01-01 10:00:07 INFO  auth  login ok 25ms
"""

trace = []


def read_lines(text):
    for line in text.splitlines():
        trace.append("read")
        yield line


def non_blank(lines):
    for line in lines:
        if line.strip() and not line.startswith("#"):
            yield line


def parse(lines):
    for line in lines:
        date, time, level, service, *rest = line.split()
        yield {"time": time, "level": level, "service": service, "msg": " ".join(rest)}


def with_duration(records):
    for r in records:
        last = r["msg"].split()[-1]
        r["ms"] = int(last[:-2]) if last.endswith("ms") else None
        yield r


def only(level, records):
    return (r for r in records if r["level"] == level)


records = with_duration(parse(non_blank(read_lines(LOG))))
print("nothing read yet:", trace)
first = next(records)
print("first:", first["time"], first["msg"], "| lines read:", len(trace))

all_records = [first] + list(records)
print("records:", len(all_records), "lines read:", len(trace))

errors = list(only("ERROR", iter(all_records)))
print("errors:", [(e["service"], e["msg"]) for e in errors])

timed = [r["ms"] for r in all_records if r["ms"] is not None]
print("total ms:", sum(timed), "max:", max(timed), "mean:", round(sum(timed) / len(timed), 2))

by_service = {}
for r in all_records:
    by_service.setdefault(r["service"], []).append(r["level"])
for service in sorted(by_service):
    print(f"  {service:5} {len(by_service[service])} {','.join(by_service[service])}")

paths = (r["msg"].split()[1] for r in all_records if r["service"] == "web")
print("web paths:", sorted(set(paths)))
print("slowest:", max(with_duration(parse(non_blank(read_lines(LOG)))),
                      key=lambda r: r["ms"] or 0)["msg"])
print("any 500:", any("500" in r["msg"] for r in all_records))
print("all have level:", all(r["level"] for r in all_records))
print(", ".join(f"{r['time']}:{r['level'][0]}" for r in all_records))
