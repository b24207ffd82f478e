# A CSV parser and writer with quoting rules (quoted fields, doubled quotes,
# embedded separators and newlines), as a small state machine.

class CSVError(Exception):
    def __init__(self, msg, line):
        super().__init__(f"line {line}: {msg}")
        self.line = line


def parse_csv(text, sep=","):
    rows, row, field = [], [], []
    state = "start"
    line = 1
    i = 0
    while i < len(text):
        ch = text[i]
        if state == "start":
            if ch == '"':
                state = "quoted"
            elif ch == sep:
                row.append("")
            elif ch == "\n":
                row.append("")
                rows.append(row)
                row = []
                line += 1
            else:
                field.append(ch)
                state = "plain"
        elif state == "plain":
            if ch == sep:
                row.append("".join(field))
                field = []
                state = "start"
            elif ch == "\n":
                row.append("".join(field))
                rows.append(row)
                row, field = [], []
                state = "start"
                line += 1
            elif ch == '"':
                raise CSVError("quote inside an unquoted field", line)
            else:
                field.append(ch)
        elif state == "quoted":
            if ch == '"':
                if i + 1 < len(text) and text[i + 1] == '"':
                    field.append('"')
                    i += 1
                else:
                    state = "after"
            else:
                if ch == "\n":
                    line += 1
                field.append(ch)
        elif state == "after":
            if ch == sep:
                row.append("".join(field))
                field = []
                state = "start"
            elif ch == "\n":
                row.append("".join(field))
                rows.append(row)
                row, field = [], []
                state = "start"
                line += 1
            else:
                raise CSVError(f"unexpected {ch!r} after closing quote", line)
        i += 1
    if state == "quoted":
        raise CSVError("unterminated quoted field", line)
    if state != "start" or row:
        row.append("".join(field))
        rows.append(row)
    return rows


def quote(field, sep=","):
    s = str(field)
    if any([c in s for c in (sep, '"', "\n", "\r")]) or s != s.strip():
        return '"' + s.replace('"', '""') + '"'
    return s


def write_csv(rows, sep=","):
    return "\n".join([sep.join([quote(f, sep) for f in r]) for r in rows]) + "\n"


DATA = '''id,name,comment,amount
1,Alice,"likes ""quotes""",10.50
2,"Bob, Jr.","multi
line note",3
3,Carol,,0
4,"  padded  ",plain,-2.25
'''
rows = parse_csv(DATA)
for r in rows:
    print(len(r), r)
header, body = rows[0], rows[1:]
records = [dict(zip(header, r)) for r in body]
print(sum([float(r["amount"]) for r in records]))
print(sorted([r["name"] for r in records], key=str.strip))
out = write_csv(rows)
print(out, end="")
print(parse_csv(out) == rows)
print(parse_csv("a;b;\"c;d\"\n;;\n", sep=";"))
print(parse_csv(""), parse_csv("x"), parse_csv("x\n"), parse_csv(",\n"), parse_csv('""'))
for bad in ['a,"b\n', 'a,b"c\n', '"a"b,c\n', 'ok\nok\n"x" y']:
    try:
        parse_csv(bad)
    except CSVError as e:
        print("CSVError:", e, "| line attr:", e.line)
print(write_csv([[1, 2.5, None, True], ["a\"b", "c,d", " e"]]), end="")
