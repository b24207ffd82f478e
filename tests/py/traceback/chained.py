import sys
import traceback

def fetch(key):
    table = {"a": 1}
    try:
        return table[key]
    except KeyError as e:
        raise LookupError("no entry for " + key) from e

def run():
    try:
        fetch("zz")
    except LookupError:
        try:
            1 / 0
        except ZeroDivisionError:
            traceback.print_exc(file=sys.stdout)
            print("=== chain=False")
            traceback.print_exc(file=sys.stdout, chain=False)

run()
try:
    try:
        int("nope")
    except ValueError:
        raise TypeError("converted") from None
except TypeError as e:
    print("=== suppressed context")
    print("".join(traceback.format_exception(e)), end="")
