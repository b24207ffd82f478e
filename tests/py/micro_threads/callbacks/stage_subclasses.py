# Sensor readings streamed through subclasses of map, filter, zip and enumerate whose
# call-backs wait: the map function asks a calibration service (ask(): a server
# micro_thread under pyvm), the feeds are micro_pipes fed by sleeping writers
# (pipe_of()), and the subclass __next__ methods pause between items. Each sensor runs
# in its own micro_thread, all at once; the results are printed in sensor order.
from mtcompat import spawn_all, outcome, ask, pause, pipe_of

SENSORS = {
    "boiler": [71, 75, 80, 93, 99, 64],
    "tank": [12, 11, 9],
    "pump": [40, 41, 200, 42],
    "idle": [],
}


def calibrate(raw):
    return ask(raw, lambda r: r * 2 - 1)


class Calibrated(map):
    def __init__(self, func, *feeds):
        self.seen = 0

    def __next__(self):
        value = super().__next__()
        self.seen += 1
        pause()
        return value


class Alarms(filter):
    def __new__(cls, limit, values):
        self = super().__new__(cls, lambda v: ask(v) > limit, values)
        self.limit = limit
        return self


class Stamped(enumerate):
    def __next__(self):
        n, v = super().__next__()
        return "t%d=%d" % (n, v)


class Paired(zip):
    pass


def watch(name):
    raw = SENSORS[name]
    values = Calibrated(calibrate, pipe_of(raw))
    alarms = Alarms(150, values)
    stamped = list(Stamped(alarms, start=1))
    pairs = list(Paired(pipe_of(raw), Calibrated(calibrate, pipe_of(raw))))
    strict = "ok"
    try:
        list(Paired(pipe_of(raw), pipe_of(raw[1:]), strict=True))
    except ValueError as e:
        strict = str(e)
    try:
        plain = len(list(zip(pipe_of(raw), pipe_of(raw[:-1]), strict=True)))
    except ValueError as e:
        plain = str(e)
    numbered = list(enumerate(pipe_of(raw[:2]), start=10))
    kinds = [isinstance(values, map), isinstance(alarms, filter), type(values).__name__]
    return stamped, values.seen, alarms.limit, pairs[:2], strict, plain, numbered, kinds


for name, thread in zip(SENSORS, spawn_all(watch, list(SENSORS))):
    print(name, outcome(thread))
