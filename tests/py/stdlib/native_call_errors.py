# A scripting console's "explain this error" helper: it replays calls users typed
# against C-implemented modules and prints the TypeError each one raises, so the
# console can show CPython's exact wording next to its own hint.
import _random
import csv
import fcntl
import marshal
import pwd
import termios
import unicodedata

CALLS = {
    "unicodedata.name(x=1)": lambda: unicodedata.name(x=1),
    "unicodedata.normalize(x=1)": lambda: unicodedata.normalize(x=1),
    "unicodedata.category('a', 'b')": lambda: unicodedata.category("a", "b"),
    "unicodedata.lookup()": lambda: unicodedata.lookup(),
    "fcntl.fcntl(x=1)": lambda: fcntl.fcntl(x=1),
    "fcntl.flock(x=1)": lambda: fcntl.flock(x=1),
    "fcntl.lockf(1)": lambda: fcntl.lockf(1),
    "termios.tcsetattr(x=1)": lambda: termios.tcsetattr(x=1),
    "termios.tcflush(1)": lambda: termios.tcflush(1),
    "termios.tcgetattr(x=1)": lambda: termios.tcgetattr(x=1),
    "marshal.loads(x=1)": lambda: marshal.loads(x=1),
    "marshal.dump(1)": lambda: marshal.dump(1),
    "marshal.dumps(1, 2, x=3)": lambda: marshal.dumps(1, 2, x=3),
    "csv.get_dialect(x=1)": lambda: csv.get_dialect(x=1),
    "csv.get_dialect()": lambda: csv.get_dialect(),
    "csv.unregister_dialect(name='nope')": lambda: csv.unregister_dialect(name="nope"),
    "pwd.getpwnam()": lambda: pwd.getpwnam(),
    "pwd.getpwuid(x=1)": lambda: pwd.getpwuid(x=1),
    "Random().getrandbits(x=1)": lambda: _random.Random().getrandbits(x=1),
    "Random().random(x=1)": lambda: _random.Random().random(x=1),
    "Random().setstate()": lambda: _random.Random().setstate(),
    "Random().getstate(1)": lambda: _random.Random().getstate(1),
}

for text, call in CALLS.items():
    try:
        call()
        print(f"{text:40} no error")
    except Exception as e:
        print(f"{text:40} {type(e).__name__}: {e}")
