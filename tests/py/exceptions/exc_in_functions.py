def level3(x):
    return 10 // x

def level2(x):
    try:
        return level3(x)
    finally:
        print("level2 cleanup", x)

def level1(x):
    try:
        return level2(x)
    except ZeroDivisionError as e:
        print("level1 caught:", e)
        return None

print(level1(5))
print(level1(0))

def parse_all(items):
    good, bad = [], []
    for item in items:
        try:
            good.append(int(item))
        except ValueError:
            bad.append(item)
    return good, bad

print(parse_all(["1", "x", "3", "4.5", "-2"]))

def retry(f, attempts):
    for i in range(attempts):
        try:
            return f(i)
        except RuntimeError as e:
            print("attempt", i, "failed:", e)
    return "gave up"

def flaky(i):
    if i < 2:
        raise RuntimeError("not yet")
    return "succeeded on %d" % i

print(retry(flaky, 5), retry(flaky, 2))

def exit_code():
    try:
        import sys
        sys.exit(3)
    except SystemExit as e:
        return e.code

print(exit_code())
