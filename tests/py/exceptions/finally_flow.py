def f(n):
    log = []
    for i in range(n):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            log.append(i)
        finally:
            log.append("f%d" % i)
    return log

print(f(5))

def ret_in_finally():
    try:
        return "try"
    finally:
        print("finally runs before return")

print(ret_in_finally())

def override():
    try:
        return 1
    finally:
        return 2

print(override())

def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"

print(swallow())

def nested():
    out = []
    try:
        try:
            raise KeyError("k")
        finally:
            out.append("inner finally")
    except KeyError as e:
        out.append("caught " + repr(e))
    finally:
        out.append("outer finally")
    return out

print(nested())

def in_loop():
    total = 0
    for i in range(4):
        try:
            if i % 2:
                raise ValueError(i)
            total += i
        except ValueError as e:
            total += 100
            continue
        finally:
            total += 1000
    return total

print(in_loop())
