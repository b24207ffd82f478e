# A shift planner that, like code written for speed, imports the accelerator
# module `_datetime` directly; the datetime module's classes are the same ones,
# and the planner's shifts pickle, compare and format across both names.
import pickle
import sys

import _datetime
import datetime
from datetime import date, timedelta, timezone

print(_datetime.datetime is datetime.datetime, _datetime.date is date)
print(sorted(n for n in dir(_datetime) if n in datetime.__all__))
print(datetime.datetime.__module__, _datetime.timedelta.__module__)


class Shift(_datetime.datetime):
    """A shift start (a subclass of the accelerated datetime)."""

    def end(self, hours):
        return self + timedelta(hours=hours)


def rota(start, n):
    day = start
    while n:
        if day.weekday() < 5:
            yield Shift(day.year, day.month, day.day, 9, tzinfo=timezone.utc)
            n -= 1
        day += timedelta(days=1)


plan = list(rota(date(2024, 2, 26), 6))
for s in plan:
    print(s.strftime("%a %d %b %H:%M %Z"), "->", s.end(8).time(), type(s).__name__)
back = pickle.loads(pickle.dumps(plan))
print(back == plan, type(back[0]).__name__, back[0].tzinfo is timezone.utc)
print(_datetime.datetime.fromisoformat("2024-03-01T09:00:00+01:00").utcoffset())

# A fresh import of datetime after dropping both from sys.modules still works.
for name in ("datetime", "_datetime"):
    sys.modules.pop(name, None)
import datetime as fresh
import _datetime as fresh_c
print(fresh is not datetime, fresh_c.date is fresh.date, tuple(fresh.date(2024, 1, 1).isocalendar()))
