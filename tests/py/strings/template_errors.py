# A tiny mail-merge tool: templates are checked against a sample record before
# use, and each broken template is reported with the error str.format gives.


class Record:
    def __init__(self, **fields):
        self.__dict__.update(fields)

    def __repr__(self):
        return "Record(%s)" % ", ".join("%s=%r" % kv for kv in sorted(self.__dict__.items()))


TEMPLATES = [
    ("greeting", "Dear {0.name}, your order #{0.order:05d} ships {1}."),
    ("auto", "{} bought {} items"),
    ("mixed-auto-first", "{} paid {0}"),
    ("mixed-manual-first", "{0} paid {}"),
    ("conversion", "{0!r:>30}|{0!s:<5}|"),
    ("long-conversion", "{0!rs}"),
    ("spaced-conversion", "{0!s :}"),
    ("unknown-conversion", "{0!x}"),
    ("char-code", "[{2:c}][{2:4c}][{2:<4c}][{2:^5c}]"),
    ("signed-char", "{2:+c}"),
    ("alt-char", "{2:#c}"),
    ("missing-index", "{5}"),
]


def check(name, template, args):
    try:
        out = template.format(*args)
    except (ValueError, IndexError, KeyError, TypeError) as e:
        print("%-20s %s: %s" % (name, type(e).__name__, e))
    else:
        print("%-20s ok: %s" % (name, out))


sample = Record(name="Ada", order=42)
for name, template in TEMPLATES:
    check(name, template, (sample, "tomorrow", 0x41))

print()
print("nested widths:", "{0:{1}c}|{0:{2}}".format(66, 3, "<4"))
print("escaped:", "{{{0}}} {{}}".format("x"))
