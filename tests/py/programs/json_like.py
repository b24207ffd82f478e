def dump(v, indent=0):
    pad = "  " * indent
    if isinstance(v, dict):
        if not v:
            return "{}"
        parts = [f'{pad}  "{k}": {dump(x, indent + 1)}' for k, x in v.items()]
        return "{\n" + ",\n".join(parts) + "\n" + pad + "}"
    if isinstance(v, list):
        return "[" + ", ".join([dump(x, indent) for x in v]) + "]"
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    return str(v)

def parse(text):
    pos = [0]
    def ws():
        while pos[0] < len(text) and text[pos[0]] in " \n\t":
            pos[0] += 1
    def value():
        ws()
        ch = text[pos[0]]
        if ch == "{":
            pos[0] += 1
            out = {}
            ws()
            if text[pos[0]] == "}":
                pos[0] += 1
                return out
            while True:
                ws()
                k = value()
                ws()
                assert text[pos[0]] == ":", "expected colon at %d" % pos[0]
                pos[0] += 1
                out[k] = value()
                ws()
                if text[pos[0]] == ",":
                    pos[0] += 1
                    continue
                assert text[pos[0]] == "}", "expected } at %d" % pos[0]
                pos[0] += 1
                return out
        if ch == "[":
            pos[0] += 1
            out = []
            ws()
            if text[pos[0]] == "]":
                pos[0] += 1
                return out
            while True:
                out.append(value())
                ws()
                if text[pos[0]] == ",":
                    pos[0] += 1
                    continue
                pos[0] += 1
                return out
        if ch == '"':
            end = text.index('"', pos[0] + 1)
            s = text[pos[0] + 1:end]
            pos[0] = end + 1
            return s
        for word, val in (("true", True), ("false", False), ("null", None)):
            if text.startswith(word, pos[0]):
                pos[0] += len(word)
                return val
        start = pos[0]
        while pos[0] < len(text) and text[pos[0]] in "-+.0123456789eE":
            pos[0] += 1
        num = text[start:pos[0]]
        return float(num) if "." in num or "e" in num else int(num)
    return value()

doc = {"name": "pyvm", "version": [0, 1], "tags": ["vm", "python"], "stable": False, "meta": {"stars": 12, "ratio": 0.75, "owner": None}}
text = dump(doc)
print(text)
back = parse(text)
print(back == doc, back["meta"]["ratio"], back["tags"])
try:
    parse('{"a" 1}')
except AssertionError as e:
    print("AssertionError:", e)
