"""A small lint tool: walk a parsed module with NodeVisitor and report what it finds."""
import ast

SOURCE = '''\
import os, sys as system
from collections import OrderedDict as OD, defaultdict

def load(path, *args, mode="r", **kw):
    try:
        with open(path, mode) as f:
            return f.read()
    except:
        return None

async def fetch(client, url):
    async with client.get(url) as resp:
        async for chunk in resp:
            yield chunk
    await client.close()

class Config(dict):
    """Settings."""
    def get_int(self, key, default=0):
        try:
            return int(self[key])
        except (KeyError, ValueError):
            pass
        except:
            raise
        return default

    @property
    def name(self):
        global counter
        counter = lambda x: x + 1
        return self.get("name", "é-ü")  # non-ASCII text

def unused():
    x = [i * i for i in range(10) if i % 2]
    print(x == None, x is not None)
'''


class Lint(ast.NodeVisitor):
    def __init__(self):
        self.functions = []
        self.problems = []
        self.scope = []

    def visit_FunctionDef(self, node):
        kind = "method" if self.scope and self.scope[-1] == "class" else "function"
        self.functions.append((node.name, kind, node.lineno, node.col_offset,
                               len(node.args.args), node.args.vararg is not None))
        self.scope.append("def")
        self.generic_visit(node)
        self.scope.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        self.scope.append("class")
        self.generic_visit(node)
        self.scope.pop()

    def visit_ExceptHandler(self, node):
        if node.type is None:
            self.problems.append(("bare except", node.lineno, node.col_offset))
        self.generic_visit(node)

    def visit_Compare(self, node):
        for op, right in zip(node.ops, node.comparators):
            if isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(right, ast.Constant) \
                    and right.value is None:
                self.problems.append(("comparison to None", node.lineno, node.col_offset))
        self.generic_visit(node)

    def visit_Global(self, node):
        self.problems.append(("global " + ", ".join(node.names), node.lineno, node.col_offset))


tree = ast.parse(SOURCE, "config.py")
lint = Lint()
lint.visit(tree)
for f in lint.functions:
    print("def %s (%s) at %d:%d, %d positional, varargs=%s" % f)
for p in lint.problems:
    print("%s at line %d col %d" % p)

imports = []
for node in ast.walk(tree):
    if isinstance(node, ast.Import):
        imports += [(a.name, a.asname) for a in node.names]
    elif isinstance(node, ast.ImportFrom):
        imports += [(node.module + "." + a.name, a.asname) for a in node.names]
print(sorted(imports, key=str))

names = sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)})
print(names)
counts = {}
for n in ast.walk(tree):
    counts[type(n).__name__] = counts.get(type(n).__name__, 0) + 1
print(sorted(counts.items()))
doc = tree.body[4].body[0].value
print(doc.value, doc.lineno, doc.col_offset)  # (ast.get_docstring imports inspect)
name_call = tree.body[4].body[2].body[2].value
print(ast.get_source_segment(SOURCE, name_call))
print(name_call.col_offset, name_call.end_col_offset, "(UTF-8 bytes)")
for node in ast.walk(tree):
    if isinstance(node, ast.Lambda):
        print("lambda at", node.lineno, node.col_offset, ast.unparse(node))
