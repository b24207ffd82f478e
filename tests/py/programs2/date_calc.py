# Calendar arithmetic without the datetime module: leap years, day counts,
# weekdays, adding days/months, and ISO-like parsing with validation.

DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class DateError(ValueError):
    pass


def is_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def month_days(y, m):
    return 29 if m == 2 and is_leap(y) else DAYS[m - 1]


class Date:
    __slots__ = ("y", "m", "d")

    def __init__(self, y, m, d):
        if not 1 <= m <= 12:
            raise DateError(f"month {m} out of range")
        if not 1 <= d <= month_days(y, m):
            raise DateError(f"day {d} out of range for {y}-{m:02d}")
        self.y, self.m, self.d = y, m, d

    @classmethod
    def parse(cls, s):
        parts = s.split("-")
        if len(parts) != 3 or not all([p.isdigit() for p in parts]):
            raise DateError(f"expected YYYY-MM-DD, got {s!r}")
        return cls(*map(int, parts))

    def ordinal(self):
        y = self.y - 1
        days = y * 365 + y // 4 - y // 100 + y // 400
        days += sum([month_days(self.y, m) for m in range(1, self.m)])
        return days + self.d

    @classmethod
    def from_ordinal(cls, n):
        y = (n - 1) * 400 // 146097 + 1
        while Date(y, 1, 1).ordinal() > n:
            y -= 1
        while Date(y + 1, 1, 1).ordinal() <= n:
            y += 1
        n -= Date(y, 1, 1).ordinal() - 1
        m = 1
        while n > month_days(y, m):
            n -= month_days(y, m)
            m += 1
        return cls(y, m, n)

    def weekday(self):
        return (self.ordinal() - 1) % 7

    def __add__(self, days):
        return Date.from_ordinal(self.ordinal() + days)

    def __sub__(self, other):
        if isinstance(other, Date):
            return self.ordinal() - other.ordinal()
        return self + (-other)

    def add_months(self, n):
        total = self.y * 12 + (self.m - 1) + n
        y, m = divmod(total, 12)
        return Date(y, m + 1, min(self.d, month_days(y, m + 1)))

    def __eq__(self, o):
        return isinstance(o, Date) and (self.y, self.m, self.d) == (o.y, o.m, o.d)

    def __lt__(self, o):
        return (self.y, self.m, self.d) < (o.y, o.m, o.d)

    def __hash__(self):
        return hash((self.y, self.m, self.d))

    def __repr__(self):
        return f"{self.y:04d}-{self.m:02d}-{self.d:02d}"


print([y for y in (1900, 2000, 2023, 2024, 2100, 2400) if is_leap(y)])
for s in ["2024-02-29", "1969-07-20", "2000-01-01", "1999-12-31", "0001-01-01"]:
    d = Date.parse(s)
    print(s, NAMES[d.weekday()], d.ordinal(), Date.from_ordinal(d.ordinal()) == d)
a, b = Date(2024, 1, 31), Date(2025, 3, 1)
print(b - a, a + 30, a + 366, b - 365, a.add_months(1), a.add_months(13), Date(2024, 2, 29).add_months(-12))
print(sorted([b, a, Date(2024, 12, 25), Date(2023, 6, 1)]), len({a, Date(2024, 1, 31)}))
start = Date(2024, 1, 1)
fridays13 = [start + i for i in range(366) if (start + i).d == 13 and (start + i).weekday() == 4]
print("Friday 13ths in 2024:", fridays13)
print("days per month 2024:", [month_days(2024, m) for m in range(1, 13)], sum(DAYS))
for bad in ["2023-02-29", "2024-13-01", "2024-1", "24/01/2024", "2024-04-31"]:
    try:
        Date.parse(bad)
    except DateError as e:
        print("DateError:", e, isinstance(e, ValueError))
