# sys.exit with a message: it goes to stderr and the status is 1.
import sys


def require(mapping, *keys):
    missing = [k for k in keys if k not in mapping]
    if missing:
        sys.exit(f"fatal: missing settings: {', '.join(missing)}")
    return [mapping[k] for k in keys]


settings = {"user": "admin", "retries": 3}
print(require(settings, "user", "retries"))
try:
    require(settings, "host")
except SystemExit as e:
    print("caught:", repr(e.code))
print(require(settings, "user", "port", "host"))
