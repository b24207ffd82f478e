KEYWORDS = {"if", "else", "while", "return", "def"}

def tokenize(src):
    tokens = []
    i, line = 0, 1
    while i < len(src):
        ch = src[i]
        if ch == "\n":
            line += 1
            i += 1
        elif ch.isspace():
            i += 1
        elif ch == "#":
            while i < len(src) and src[i] != "\n":
                i += 1
        elif ch.isdigit():
            j = i
            while j < len(src) and (src[j].isdigit() or src[j] == "."):
                j += 1
            text = src[i:j]
            tokens.append(("FLOAT" if "." in text else "INT", text, line))
            i = j
        elif ch.isalpha() or ch == "_":
            j = i
            while j < len(src) and (src[j].isalnum() or src[j] == "_"):
                j += 1
            word = src[i:j]
            tokens.append(("KEYWORD" if word in KEYWORDS else "NAME", word, line))
            i = j
        elif ch in "\"'":
            j = src.find(ch, i + 1)
            if j < 0:
                raise SyntaxError(f"unterminated string on line {line}")
            tokens.append(("STRING", src[i + 1:j], line))
            i = j + 1
        elif src[i:i + 2] in ("==", "!=", "<=", ">=", "->"):
            tokens.append(("OP", src[i:i + 2], line))
            i += 2
        elif ch in "+-*/=<>():,":
            tokens.append(("OP", ch, line))
            i += 1
        else:
            raise SyntaxError(f"bad character {ch!r} on line {line}")
    return tokens

SRC = """def area(w, h):  # rectangle
    return w * h
x = area(3, 4.5)
if x >= 10:
    print("big", x)
"""
for kind, text, line in tokenize(SRC):
    print(f"{line:2d} {kind:<8} {text!r}")
for bad in ["x = 'open", "y = 3 $ 4"]:
    try:
        tokenize(bad)
    except SyntaxError as e:
        print("SyntaxError:", e)
