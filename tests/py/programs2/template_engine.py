# A regex-free template engine: {{ var.attr|filter }}, {% if %}, {% for %} blocks.

class TemplateError(Exception):
    pass


FILTERS = {
    "upper": str.upper,
    "lower": str.lower,
    "title": str.title,
    "len": len,
    "money": lambda v: f"{v:,.2f}",
    "pad10": lambda v: str(v).ljust(10, "."),
    "first": lambda v: v[0],
    "join": lambda v: ", ".join([str(x) for x in v]),
}


def lookup(ctx, expr):
    parts = expr.strip().split("|")
    path, filters = parts[0].strip(), [p.strip() for p in parts[1:]]
    if path.startswith('"') and path.endswith('"'):
        value = path[1:-1]
    elif path.lstrip("-").isdigit():
        value = int(path)
    else:
        names = path.split(".")
        if names[0] not in ctx:
            raise TemplateError(f"undefined name {names[0]!r}")
        value = ctx[names[0]]
        for name in names[1:]:
            if isinstance(value, dict):
                value = value[name]
            elif name.isdigit():
                value = value[int(name)]
            else:
                value = getattr(value, name)
    for f in filters:
        if f not in FILTERS:
            raise TemplateError(f"unknown filter {f!r}")
        value = FILTERS[f](value)
    return value


def tokenize(src):
    tokens, i = [], 0
    while i < len(src):
        start = src.find("{", i)
        if start == -1 or start + 1 >= len(src):
            tokens.append(("text", src[i:]))
            break
        kind = src[start + 1]
        if kind not in "{%":
            tokens.append(("text", src[i:start + 1]))
            i = start + 1
            continue
        closer = "}}" if kind == "{" else "%}"
        end = src.find(closer, start + 2)
        if end == -1:
            raise TemplateError(f"unclosed tag at {start}")
        if start > i:
            tokens.append(("text", src[i:start]))
        tokens.append(("var" if kind == "{" else "tag", src[start + 2:end].strip()))
        i = end + 2
    return tokens


def parse(tokens, pos=0, until=()):
    nodes = []
    while pos < len(tokens):
        kind, val = tokens[pos]
        if kind == "tag":
            word = val.split()[0]
            if word in until:
                return nodes, pos
            if word == "if":
                body, pos = parse(tokens, pos + 1, ("else", "endif"))
                orelse = []
                if tokens[pos][1] == "else":
                    orelse, pos = parse(tokens, pos + 1, ("endif",))
                nodes.append(("if", val[3:].strip(), body, orelse))
            elif word == "for":
                _, var, _in, expr = val.split(None, 3)
                body, pos = parse(tokens, pos + 1, ("endfor",))
                nodes.append(("for", var, expr, body))
            else:
                raise TemplateError(f"unknown tag {word!r}")
        else:
            nodes.append((kind, val))
        pos += 1
    if until:
        raise TemplateError(f"missing {' or '.join(until)}")
    return nodes, pos


def render(nodes, ctx):
    out = []
    for node in nodes:
        if node[0] == "text":
            out.append(node[1])
        elif node[0] == "var":
            out.append(str(lookup(ctx, node[1])))
        elif node[0] == "if":
            cond = node[1]
            negate = cond.startswith("not ")
            value = bool(lookup(ctx, cond[4:] if negate else cond))
            out.append(render(node[2] if value != negate else node[3], ctx))
        else:
            _, var, expr, body = node
            seq = lookup(ctx, expr)
            for i, item in enumerate(seq):
                inner = dict(ctx)
                inner[var] = item
                inner["loop"] = {"index": i + 1, "first": i == 0, "last": i == len(seq) - 1}
                out.append(render(body, inner))
    return "".join(out)


def render_string(src, ctx):
    return render(parse(tokenize(src))[0], ctx)


class User:
    def __init__(self, name, admin):
        self.name, self.admin = name, admin


ctx = {
    "user": User("ada lovelace", True),
    "items": [{"name": "widget", "price": 1234.5}, {"name": "gizmo", "price": 7}],
    "tags": ["a", "b", "c"],
    "empty": [],
}
page = """Hello {{ user.name|title }}!
{% if user.admin %}[admin]{% else %}[user]{% endif %}
{% for it in items %}{{ loop.index }}. {{ it.name|pad10 }} ${{ it.price|money }}{% if not loop.last %}
{% endif %}{% endfor %}
Tags: {{ tags|join|upper }} ({{ tags|len }}) first={{ tags.0 }} {"literal braces"}
{% for x in empty %}never{% endfor %}{% if empty %}x{% else %}no items{% endif %} {{ "done"|upper }} {{ 42 }}"""
print(render_string(page, ctx))

for bad in ["{{ nope }}", "{% if user.admin %}unterminated", "{{ user.name|shout }}",
            "{% while x %}{% endwhile %}", "text {{ open", "{{ user.age }}"]:
    try:
        print(repr(render_string(bad, ctx)))
    except TemplateError as e:
        print("TemplateError:", e)
    except AttributeError as e:
        print("AttributeError:", e)
print(tokenize("a{b}{{c}}d{%e%}"))
