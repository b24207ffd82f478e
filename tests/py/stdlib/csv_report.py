# A sales report tool: reads an export of orders (sniffing its dialect), totals them
# per region with DictReader, writes a summary with DictWriter in several dialects,
# and checks the awkward inputs such exports contain (quoted commas, embedded line
# breaks, escaped quotes, numbers-as-floats, broken files in strict mode).
import csv
import io
import os
import tempfile

EXPORT = '''order;region;customer;amount;note
1001;North;"Smith; John";120.50;"first order"
1002;South;Acme Ltd;80.00;"said ""urgent"""
1003;North;"O'Brien";15.25;"two
lines"
1004;East;Zed;300.00;
1005;South;"Lee, Ann";42.75;"x;y"
'''

sniffer = csv.Sniffer()
dialect = sniffer.sniff(EXPORT)
print("sniffed:", repr(dialect.delimiter), repr(dialect.quotechar), dialect.doublequote,
      dialect.skipinitialspace, repr(dialect.lineterminator), dialect.quoting)
print("has header:", sniffer.has_header(EXPORT))

reader = csv.DictReader(io.StringIO(EXPORT, newline=''), dialect=dialect)
totals, notes = {}, []
for row in reader:
    totals[row["region"]] = totals.get(row["region"], 0.0) + float(row["amount"])
    notes.append((reader.line_num, row["order"], row["note"]))
print("fields:", reader.fieldnames)
for line_num, order, note in notes:
    print(f"  line {line_num}: order {order} note {note!r}")

out = io.StringIO()
writer = csv.DictWriter(out, fieldnames=["region", "total", "share"], extrasaction="ignore")
writer.writeheader()
grand = sum(totals.values())
for region in sorted(totals):
    writer.writerow({"region": region, "total": round(totals[region], 2),
                     "share": f"{totals[region] / grand:.1%}", "ignored": 1})
print(out.getvalue().replace("\r\n", "<CRLF>\n"), end="")

try:
    csv.DictWriter(io.StringIO(), fieldnames=["a"]).writerow({"a": 1, "b": 2})
except ValueError as e:
    print("ValueError", e)

# The same rows in every quoting style, and a custom registered dialect.
rows = [["id", "name", "price", "comment"], [1, "Widget, large", 9.5, 'says "hi"'],
        [2, "Gadget", 12, None], [3, "", 0.25, "line1\nline2"]]
csv.register_dialect("pipes", delimiter="|", quotechar="'", quoting=csv.QUOTE_MINIMAL,
                     lineterminator="\n")
print("dialects:", sorted(csv.list_dialects()))
for name, kwargs in [("minimal", {}), ("all", {"quoting": csv.QUOTE_ALL}),
                     ("nonnumeric", {"quoting": csv.QUOTE_NONNUMERIC}),
                     ("none+escape", {"quoting": csv.QUOTE_NONE, "escapechar": "\\"}),
                     ("no doublequote", {"doublequote": False, "escapechar": "\\"}),
                     ("pipes", {"dialect": "pipes"}), ("tabs", {"dialect": "excel-tab"}),
                     ("unix", {"dialect": csv.unix_dialect})]:
    buf = io.StringIO()
    w = csv.writer(buf, **kwargs)
    w.writerows(rows)
    text = buf.getvalue()
    back = list(csv.reader(io.StringIO(text, newline=''), **kwargs))
    print(f"{name}: {text!r}")
    print(f"  read back: {back}")
print("pipes dialect:", csv.get_dialect("pipes").delimiter, csv.get_dialect("pipes").quotechar)
csv.unregister_dialect("pipes")

# QUOTE_NONNUMERIC turns unquoted fields into floats.
print(list(csv.reader(['1,"two",3.5', '-4e2,"x",nan'], quoting=csv.QUOTE_NONNUMERIC)))

# Reading from a generator, and from a plain iterator that fails part-way.
def lines():
    yield "a,b"
    yield '"multi'
    yield 'line",c'
    yield "d, e"

print(list(csv.reader(lines(), skipinitialspace=True)))


class FlakyFeed:
    def __init__(self, items):
        self.items = list(items)

    def __iter__(self):
        return self

    def __next__(self):
        if not self.items:
            raise ConnectionError("feed dropped")
        return self.items.pop(0)


r = csv.reader(FlakyFeed(["x,y", "z"]))
try:
    for row in r:
        print("got", row, r.line_num)
except ConnectionError as e:
    print("ConnectionError", e, "after line", r.line_num)

# A real file written and read back with newline='' (io.open).
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "orders.csv")
    with io.open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["name", "note"])
        w.writerow(["Ann", "multi\r\nline"])
    with io.open(path, newline="") as f:
        print(list(csv.DictReader(f)))
    with open(path, "rb") as f:
        print(f.read())

# Broken input and misuse, with CPython's messages.
csv.field_size_limit(8)
broken = [
    lambda: list(csv.reader(['a,"b"c'], strict=True)),
    lambda: list(csv.reader(['"open'], strict=True)),
    lambda: list(csv.reader(["abc\rdef"])),
    lambda: list(csv.reader([b"bytes,row"])),
    lambda: list(csv.reader(["123456789"])),
    lambda: csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE).writerow(["a,b"]),
    lambda: csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE).writerow([""]),
    lambda: csv.writer(io.StringIO()).writerow(7),
    lambda: csv.writer(object()),
    lambda: csv.reader(["x"], delimiter="::"),
    lambda: csv.reader(["x"], quoting=7),
    lambda: csv.reader(["x"], quotechar=None, quoting=csv.QUOTE_ALL),
    lambda: csv.get_dialect("missing"),
    lambda: csv.field_size_limit("big"),
]
for bad in broken:
    try:
        print("no error:", bad())
    except (csv.Error, TypeError, ValueError) as e:
        print(type(e).__name__, e)
print("limit was", csv.field_size_limit(131072))
print(list(csv.reader(['"a"b,c', "x"])), csv.Error.__module__, csv.QUOTE_NONE)

# Lines and fields that are str subclasses (a tagged-text type) count as text.
class Tagged(str):
    def __str__(self):
        return "<tag>"


print(list(csv.reader([Tagged('id;"x;y"'), Tagged("2;z")], delimiter=Tagged(";"))))
out = io.StringIO()
csv.writer(out).writerow([Tagged("a,b"), Tagged("plain"), 3])
csv.register_dialect(Tagged("semicolons"), delimiter=";")
print(repr(out.getvalue()), csv.get_dialect("semicolons").delimiter)
csv.unregister_dialect("semicolons")
