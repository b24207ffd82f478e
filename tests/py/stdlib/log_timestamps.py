# A log writer's timestamps: UTC struct_times from time.gmtime, strftime in the C
# locale, asctime/ctime layout, mktime round trips through local time (printed only
# as a comparison, so the output does not depend on the machine's zone), and Lib's
# logging configured with a formatter that uses UTC times.
import logging
import time

EVENTS = [(1700000000, "deploy started"), (1700003723, "deploy finished"),
          (951782400, "leap day"), (0, "epoch"), (1234567890, "famous second")]

for secs, msg in EVENTS:
    t = time.gmtime(secs)
    print(time.strftime("%Y-%m-%dT%H:%M:%SZ", t), f"{msg:16}",
          time.strftime("%a %d %b %Y, week %U/%W, day %j, %I %p", t))
print(time.gmtime(1700000000))
print(time.asctime(time.gmtime(1700000000)), "|", time.strftime("%c", time.gmtime(5)))
t = time.gmtime(1700000000)
print(t.tm_year, t.tm_mon, t.tm_mday, t.tm_wday, t.tm_yday, t.tm_isdst, t.tm_zone, t.tm_gmtoff)
print(t[:6], len(t), type(t).__name__, isinstance(t, tuple))
print(time.strftime("%D %T %F %e %y %% %G-W%V-%u", time.gmtime(86400 * 400)))
for secs, _ in EVENTS:
    local = time.localtime(secs)
    print(secs, time.mktime(local) == secs, type(time.mktime(local)).__name__)
print(time.mktime((2024, 13, 1, 12, 0, 0, 0, 0, -1)) == time.mktime((2025, 1, 1, 12, 0, 0, 0, 0, -1)))
print(time.mktime((2024, 2, 30, 0, 0, 0, 0, 0, -1)) == time.mktime((2024, 3, 1, 0, 0, 0, 0, 0, -1)))
for bad in [(2024, 13, 1, 0, 0, 0, 0, 0, 0), (2024, 1, 1, 25, 0, 0, 0, 0, 0), (1, 2, 3), "2024"]:
    try:
        time.strftime("%Y", bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(isinstance(time.timezone, int), isinstance(time.tzname, tuple), time.daylight in (0, 1))


class UTCFormatter(logging.Formatter):
    converter = time.gmtime


class ListHandler(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        record.created = 1700000000.25
        self.lines.append(self.format(record))


handler = ListHandler()
handler.setFormatter(UTCFormatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s",
                                  datefmt="%Y-%m-%d %H:%M:%S"))
log = logging.getLogger("deploy")
log.addHandler(handler)
log.setLevel(logging.INFO)
log.info("starting %d workers", 4)
log.debug("not shown")
log.warning("disk at %d%%", 91)
try:
    1 / 0
except ZeroDivisionError:
    log.exception("step failed")
print("\n".join(line.splitlines()[0] for line in handler.lines))
print(handler.lines[-1].splitlines()[-1])
