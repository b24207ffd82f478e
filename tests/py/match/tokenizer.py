# A tokenizer and a tiny parser: or-patterns over characters and token kinds,
# as-patterns, literal patterns of every kind, and captures reordered between
# alternatives.

def tokenize(text):
    tokens = []
    i = 0
    while i < len(text):
        ch = text[i]
        match ch:
            case " " | "\t" | "\n":
                i += 1
                continue
            case "(" | ")" | "[" | "]" | "," as bracket:
                tokens.append(("punct", bracket))
            case "+" | "-" | "*" | "/" | "%" | "<" | ">" | "=" | "!" as op:
                if text[i + 1:i + 2] == "=" and op in "<>=!":
                    tokens.append(("op", op + "="))
                    i += 1
                else:
                    tokens.append(("op", op))
            case '"' | "'" as quote:
                end = text.index(quote, i + 1)
                tokens.append(("str", text[i + 1:end]))
                i = end
            case c if c.isdigit():
                j = i
                while j < len(text) and (text[j].isdigit() or text[j] == "."):
                    j += 1
                num = text[i:j]
                tokens.append(("num", float(num) if "." in num else int(num)))
                i = j
                continue
            case c if c.isalpha() or c == "_":
                j = i
                while j < len(text) and (text[j].isalnum() or text[j] == "_"):
                    j += 1
                word = text[i:j]
                match word:
                    case "and" | "or" | "not" | "in" as kw:
                        tokens.append(("op", kw))
                    case "True" | "False" | "None":
                        tokens.append(("const", {"True": True, "False": False, "None": None}[word]))
                    case _:
                        tokens.append(("name", word))
                i = j
                continue
            case other:
                raise SyntaxError(f"unexpected character {other!r} at {i}")
        i += 1
    return tokens


def describe(tok):
    match tok:
        case ("const", None):
            return "none"
        case ("const", True | False as flag):
            return f"flag {flag}"
        case ("num", 0 | 0.0):
            return "zero"
        case ("num", -1):
            return "minus one"
        case ("num", int(n)) if n > 1000:
            return f"big int {n}"
        case ("num", 3.5 | 2.25 as f):
            return f"special float {f}"
        case ("num", n):
            return f"{type(n).__name__} {n}"
        case ("str", ""):
            return "empty str"
        case ("str", "hello" "world"):
            return "concatenated literal"
        case ("str", s):
            return f"str {s!r}"
        case ("op", "==" | "!=" | "<=" | ">=" | "<" | ">") as pair:
            return f"comparison {pair[1]}"
        case ("op", "and" | "or" | "not" | "in" as word):
            return f"keyword op {word}"
        case ("op", arith):
            return f"arithmetic {arith}"
        case ("punct", "(" | "[" as opening) | ("punct", ")" | "]" as opening):
            return f"bracket {opening}"
        case (kind, value):
            return f"{kind}:{value}"


src = """total = price * 3.5 + tax_rate - (count % 7) >= 1000000
flag == True and name != None or items in [1, 2.25, 0, 0.0, "", 'helloworld', "x"]"""
toks = tokenize(src)
print(len(toks), "tokens")
for t in toks:
    print(f"  {t!r:28} {describe(t)}")

try:
    tokenize("a $ b")
except SyntaxError as e:
    print("SyntaxError:", e)


# Alternatives that bind the same names in different orders.
def swap_forms(x):
    match x:
        case {"first": a, "second": b} | [("b", b), ("a", a)] | (str(b), str(a)):
            return f"a={a} b={b}"
        case ("pair", (p, q) | [q, p] as inner):
            return f"p={p} q={q} inner={inner!r}"
        case [*head, ("end" | "stop") as last] | (last, *head, "reversed"):
            return f"head={head} last={last}"
        case _:
            return "no form"


for x in [
    {"first": 1, "second": 2}, ("2", "1"), (2, 1), [("b", 20), ("a", 10)], ("pair", (1, 2)),
    ("pair", [1, 2]), ["x", "y", "end"], ("stop",), ("z", 1, 2, "reversed"), "ab",
]:
    print(repr(x), "->", swap_forms(x))


# Bytes literals, negative and big numbers, and value patterns through dotted names.
class Limits:
    MAX = 2 ** 70
    MIN = -(2 ** 70)

    class Nested:
        MAGIC = b"\x89PNG"


for v in [b"\x89PNG", b"GIF8", 2 ** 70, -(2 ** 70), -0.5, 1e300 * 1e300, 12345678901234567890]:
    match v:
        case Limits.Nested.MAGIC:
            print("png magic")
        case b"GIF8" | b"GIF9":
            print("gif magic")
        case Limits.MAX | Limits.MIN as lim:
            print("limit", lim)
        case -0.5:
            print("minus half")
        case 12345678901234567890:
            print("big literal")
        case float(x) if x == float("inf"):
            print("infinity")
