# A temperature sensor log kept in array('d'): statistics, windows, cleanup.
from array import array
import math

readings = array('d')
for minute in range(48):
    # a daily-ish curve plus a fixed "noise" pattern
    readings.append(20.0 + 5.0 * math.sin(minute / 8.0) + ((minute * 7) % 5 - 2) * 0.1)

print("count", len(readings), "itemsize", readings.itemsize, "typecode", readings.typecode)
print("first", readings[0], "last", round(readings[-1], 6))
mean = sum(readings) / len(readings)
var = sum((x - mean) ** 2 for x in readings) / len(readings)
print("mean %.4f std %.4f" % (mean, math.sqrt(var)))
print("min %.4f max %.4f" % (min(readings), max(readings)))
print("argmax", readings.index(max(readings)))

# moving average over windows of 6 samples (slices are arrays)
window = readings[:6]
print(type(window).__name__, window.typecode, len(window))
averages = array('d', (sum(readings[i:i + 6]) / 6 for i in range(0, 48, 6)))
print("hourly", [round(a, 3) for a in averages])

# spikes: mark and drop readings above a threshold
threshold = mean + 4.0
spikes = [i for i, x in enumerate(readings) if x > threshold]
print("spikes", spikes)
cleaned = array('d', (x for x in readings if x <= threshold))
print("cleaned", len(cleaned), "removed", len(readings) - len(cleaned))

# calibration: in place, through the slice and index setters
offset = array('d', [0.5]) * len(readings)
for i in range(len(readings)):
    readings[i] -= offset[i]
print("calibrated first", round(readings[0], 6))
readings[::2] = array('d', [0.0]) * 24
print("zeroed evens", readings[:4].tolist()[0::2], round(readings[1], 6))
del readings[::2]
print("odd samples kept", len(readings))

# round trips through bytes and lists
raw = readings.tobytes()
print("bytes", len(raw), len(raw) // readings.itemsize)
copy = array('d')
copy.frombytes(raw)
print("same after frombytes", copy == readings, copy is readings)
copy.fromlist([1.5, 2])
print("fromlist", copy[-2:], copy.count(1.5), 2.0 in copy, 99 in copy)
f = array('f', [0.1, 1.5, -2.25])
print(f, f.itemsize, [round(x, 5) for x in f])
print(sorted(array('d', [3.5, -1.0, 2.25])), list(reversed(array('d', [1, 2, 3]))))
