# A log analyser: parse access/application log lines with named groups, count
# levels, collect IPs with findall, and summarise slow requests.
import re

LOG = """\
2024-03-01 12:00:01,123 INFO  [web-1] 192.168.1.10 GET /index.html 200 12ms
2024-03-01 12:00:02,456 WARN  [web-2] 10.0.0.7 GET /api/users?id=42 404 3ms
2024-03-01 12:00:03,789 ERROR [db-1] connection reset by peer (retry 3/5)
2024-03-01 12:00:04,001 INFO  [web-1] 172.16.0.3 POST /api/login 200 250ms
2024-03-01 12:00:05,002 DEBUG [cache] hit ratio=0.93 keys=1204
2024-03-01 12:01:00,000 INFO  [web-2] 192.168.1.10 GET /static/app.js 304 1ms
garbage line without a timestamp
2024-03-01 12:01:30,500 ERROR [web-1] 10.0.0.7 GET /api/orders 500 1200ms
"""

LINE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2}) (?P<time>\d{2}:\d{2}:\d{2}),(?P<ms>\d{3}) "
    r"(?P<level>[A-Z]+)\s+\[(?P<source>[\w-]+)\] (?P<rest>.*)$",
    re.MULTILINE,
)
REQUEST = re.compile(
    r"(?P<ip>(?:\d{1,3}\.){3}\d{1,3}) (?P<method>GET|POST|PUT|DELETE) "
    r"(?P<path>\S+) (?P<status>\d{3}) (?P<took>\d+)ms"
)

levels = {}
requests = []
for m in LINE.finditer(LOG):
    levels[m["level"]] = levels.get(m["level"], 0) + 1
    r = REQUEST.fullmatch(m.group("rest"))
    if r:
        d = r.groupdict()
        d["took"] = int(d["took"])
        d["at"] = m.group("time")
        requests.append(d)
    else:
        print("not a request:", m.group("source"), repr(m.group("rest")))

print(sorted(levels.items()))
for r in requests:
    print(r["at"], r["ip"].ljust(13), r["method"].ljust(4), r["status"], r["path"], r["took"])

ips = re.findall(r"\b(?:\d{1,3}\.){3}\d{1,3}\b", LOG)
print("ips:", ips)
print("distinct:", sorted(set(ips)))
print("octets:", re.findall(r"(\d+)\.(\d+)\.(\d+)\.(\d+)", LOG)[:2])

slow = [r["path"] for r in requests if r["took"] >= 100]
print("slow:", slow)
errors = [m.group(1) for m in re.finditer(r"^\S+ \S+ ERROR \[([^\]]+)\]", LOG, re.M)]
print("error sources:", errors)

m = LINE.search(LOG)
print(m.span(), m.span("level"), m.start("source"), m.end("source"))
print(m.lastindex, m.lastgroup, m.re.groups, sorted(m.re.groupindex))
print(repr(m.group(0)[:30]), m.pos, m.endpos == len(LOG))
unmatched = [line for line in LOG.splitlines() if not LINE.match(line)]
print("unmatched:", unmatched)
query = re.search(r"\?(?P<q>(?P<key>\w+)=(?P<value>\w+))", LOG)
print(query.groupdict(), query.groups(), query.regs)
