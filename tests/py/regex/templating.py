# A small templating engine: {{ name }} placeholders and {{ name|filter }} filters
# replaced by re.sub with a callable, plus backreference templates (\1, \g<name>).
import re

FILTERS = {
    "upper": str.upper,
    "title": str.title,
    "len": lambda s: str(len(s)),
    "reverse": lambda s: s[::-1],
}

PLACEHOLDER = re.compile(r"\{\{\s*(?P<name>\w+(?:\.\w+)*)\s*(?:\|\s*(?P<filter>\w+)\s*)?\}\}")


def lookup(context, dotted):
    value = context
    for part in dotted.split("."):
        value = value[part] if isinstance(value, dict) else getattr(value, part)
    return value


def render(template, context):
    missing = []

    def replace(m):
        try:
            value = str(lookup(context, m.group("name")))
        except (KeyError, AttributeError):
            missing.append(m.group("name"))
            return m.group(0)
        f = m.group("filter")
        return FILTERS[f](value) if f else value

    return PLACEHOLDER.sub(replace, template), missing


ctx = {"user": {"name": "ada lovelace", "id": 7}, "site": "example.org", "items": 3}
out, missing = render(
    "Hello {{ user.name|title }} (#{{user.id}}) on {{ site|upper }}! "
    "You have {{items}} items; {{ nothing }} stays; {{ site|reverse }}.",
    ctx,
)
print(out)
print("missing:", missing)

# Backreferences in replacement templates.
print(re.sub(r"(\w+)\s(\w+)", r"\2 \1", "hello world and good night"))
print(re.sub(r"(?P<first>\w+)@(?P<domain>[\w.]+)", r"\g<domain>/\g<first>", "ann@a.org, bob@b.net"))
print(re.sub(r"(\d+)", r"<\g<1>0>", "a1 b22"))
print(re.sub(r"x", r"\n", "axbxc").split("\n"))
print(re.sub(r"(a)|b", r"[\1]", "abab"))
print(re.sub("-", lambda m: None, "a-b"), re.sub("-", lambda m: "", "a-b-c"))
print(re.subn(r"\s+", " ", "  too   many    spaces  "))
print(re.sub(r"o", "0", "foo boo", count=2))
print(re.sub("", "-", "abc"))
print(re.sub(r"(?m)^", "> ", "line one\nline two\n"))

# Match.expand uses the same templates.
m = re.match(r"(?P<key>\w+)=(?P<val>\w+)", "colour=blue")
print(m.expand(r"\g<val> is the \g<key>"), m.expand(r"\2:\1"))

# Markdown-ish inline markup.
MARKUP = [
    (re.compile(r"\*\*(.+?)\*\*"), r"<b>\1</b>"),
    (re.compile(r"_(.+?)_"), r"<i>\1</i>"),
    (re.compile(r"`([^`]+)`"), r"<code>\1</code>"),
    (re.compile(r"\[([^\]]+)\]\(([^)]+)\)"), r'<a href="\2">\1</a>'),
]
text = "Use **bold** and _italic_ with `code` and [a link](http://x.y/z)."
for pat, repl in MARKUP:
    text = pat.sub(repl, text)
print(text)

# Counting replacements per placeholder with a closure that keeps state.
seen = {}


def number(m):
    seen[m.group(1)] = seen.get(m.group(1), 0) + 1
    return "%s#%d" % (m.group(1), seen[m.group(1)])


print(re.sub(r"\$(\w+)", number, "$a $b $a $c $a"))
print(sorted(seen.items()))
