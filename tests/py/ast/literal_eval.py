"""Reading configuration values with ast.literal_eval, and what it refuses."""
import ast

CONFIG = '''
name = "server-1"
port = 8080
ratio = 0.75
offset = -3
flags = {"debug": True, "verbose": False, "level": None}
hosts = ["a.example", "b.example"]
pair = (1, 2.5, -1j)
ids = {3, 1, 2}
blob = b"\\x00\\xff"
z = 1+2j
nested = {"x": [1, (2, {"y": ()})], "s": set()}
'''

for line in CONFIG.strip().splitlines():
    key, _, text = line.partition(" = ")
    try:
        value = ast.literal_eval(text)
    except ValueError as e:
        print(key, "-> ValueError:", e)
        continue
    print(key, "->", type(value).__name__, value)

for bad in ["__import__('os')", "1 + x", "[i for i in range(3)]", "f(1)",
            "{**a}", "a.b", "lambda: 0", "'abc'[0]"]:
    try:
        print(ast.literal_eval(bad))
    except ValueError as e:
        print(repr(bad), "-> ValueError:", str(e).split(" at 0x")[0])

for broken in ["{'a': }", "1 +"]:
    try:
        ast.literal_eval(broken)
    except SyntaxError as e:
        print(repr(broken), "-> SyntaxError:", e.msg, e.lineno)

node = ast.parse("[1, -2, ('x', None)]", mode="eval")
print(ast.literal_eval(node))
print(ast.literal_eval("  42"))
