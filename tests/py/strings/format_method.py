print("{} + {} = {}".format(1, 2, 3))
print("{0} {1} {0}".format("a", "b"))
print("{name} is {age} years old".format(name="Ann", age=30))
print("{:>8}|{:<8}|{:^8}|".format("r", "l", "c"))
print("{:08.3f} {:+d} {:x} {:%}".format(3.14159, 5, 255, 0.25))
print("{0[0]} {0[1]} {1[key]}".format(["x", "y"], {"key": "val"}))
print("{!r} {!s}".format("q", "q"))
print("{{}} {}".format("braces"))
print("{:{}}|".format("w", 6))
print("%s is %d years, %.1f%% done, %r, %5s|%-5s|" % ("Bob", 42, 99.5, "x", "ab", "cd"))
print("%(a)s-%(b)03d" % {"a": "A", "b": 7}, "%c%c" % (72, "i"), "%x %X %o" % (255, 255, 8))
print("%s" % [1, 2], "%s" % (1,), "%d%%" % 50)
for bad in [lambda: "{} {}".format(1), lambda: "%d" % "x", lambda: "%s %s" % (1,), lambda: "%s" % (1, 2)]:
    try:
        bad()
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)
