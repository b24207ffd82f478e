# A validation tool: collects problems, reports them on stderr and exits with
# status 3 (sys.exit with an int), after a finally block runs.
import sys

RECORDS = [
    {"id": 1, "email": "ann@example.com", "age": 31},
    {"id": 2, "email": "bob(at)example.com", "age": 17},
    {"id": 3, "email": "cid@example", "age": -4},
    {"id": 4, "email": "dee@example.org", "age": 45},
    {"id": 4, "email": "eve@example.org", "age": "n/a"},
]


def problems_of(rec, seen):
    out = []
    email = rec["email"]
    user, at, domain = email.partition("@")
    if not at or not user or "." not in domain:
        out.append(f"bad email {email!r}")
    age = rec["age"]
    if not isinstance(age, int):
        out.append(f"age is not a number: {age!r}")
    elif not 0 <= age <= 130:
        out.append(f"age out of range: {age}")
    elif age < 18:
        out.append("under 18")
    if rec["id"] in seen:
        out.append(f"duplicate id {rec['id']}")
    seen.add(rec["id"])
    return out


def main(argv):
    print("checking", len(RECORDS), "records; args:", argv[1:])
    seen = set()
    bad = 0
    try:
        for rec in RECORDS:
            found = problems_of(rec, seen)
            if found:
                bad += 1
                for p in found:
                    print(f"record {rec['id']}: {p}", file=sys.stderr)
            else:
                print(f"record {rec['id']}: ok")
        if bad:
            print(f"{bad} of {len(RECORDS)} records have problems", file=sys.stderr)
            sys.exit(3)
        print("all good")
    finally:
        print("summary written")
    return 0


try:
    main(sys.argv)
except SystemExit as e:
    print("exiting with", e.code, type(e.code).__name__)
    sys.stdout.flush()
    raise
