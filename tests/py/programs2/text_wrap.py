# A text wrapper / formatter: greedy wrapping, full justification, indents, columns.

TEXT = ("The quick brown fox jumps over the lazy dog. Pack my box with five dozen "
        "liquor jugs! How vexingly quick daft zebras jump; sphinx of black quartz, "
        "judge my vow. Supercalifragilisticexpialidocious words must be split somehow.")


def wrap(text, width):
    words = text.split()
    lines, current = [], ""
    for word in words:
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width - 1] + "-")
            word = word[width - 1:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def justify(line, width):
    words = line.split()
    if len(words) == 1:
        return line.ljust(width)
    gaps = len(words) - 1
    spaces = width - sum([len(w) for w in words])
    base, extra = divmod(spaces, gaps)
    out = ""
    for i, w in enumerate(words[:-1]):
        out += w + " " * (base + (1 if i < extra else 0))
    return out + words[-1]


def fill(text, width, initial_indent="", subsequent_indent="", justified=False):
    first = wrap(text, width - max(len(initial_indent), len(subsequent_indent)))
    out = []
    for i, line in enumerate(first):
        indent = initial_indent if i == 0 else subsequent_indent
        if justified and i < len(first) - 1:
            line = justify(line, width - len(indent))
        out.append(indent + line)
    return "\n".join(out)


def columns(items, width, gap=2):
    colw = max([len(s) for s in items]) + gap
    per_row = max(1, (width + gap) // colw)
    rows = -(-len(items) // per_row)
    out = []
    for r in range(rows):
        cells = [items[c * rows + r] for c in range(per_row) if c * rows + r < len(items)]
        out.append("".join([c.ljust(colw) for c in cells]).rstrip())
    return "\n".join(out)


def box(text, width):
    lines = wrap(text, width - 4)
    top = "+" + "-" * (width - 2) + "+"
    return "\n".join([top] + [f"| {l:<{width - 4}} |" for l in lines] + [top])


for w in (30, 45):
    print(f"--- width {w} ---")
    print("\n".join(wrap(TEXT, w)))
print("--- justified 40 ---")
print(fill(TEXT, 40, justified=True))
print("--- hanging indent ---")
print(fill(TEXT, 50, initial_indent="* ", subsequent_indent="  "))
print("--- columns ---")
words = sorted(set(TEXT.lower().replace(".", "").replace(",", "").replace(";", "").replace("!", "").split()))
print(columns(words, 60))
print(box("Warning: this box wraps its contents and pads every line to the same width.", 32))
print([len(l) for l in fill(TEXT, 40, justified=True).split("\n")])
print(wrap("", 10), wrap("a", 1) if False else wrap("abc defgh", 4))
