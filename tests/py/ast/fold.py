"""A NodeTransformer that folds constant arithmetic, then prints the code back."""
import ast
import operator

OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
       ast.FloorDiv: operator.floordiv, ast.Pow: operator.pow, ast.Mod: operator.mod}


class Folder(ast.NodeTransformer):
    folded = 0

    def visit_BinOp(self, node):
        self.generic_visit(node)
        if isinstance(node.left, ast.Constant) and isinstance(node.right, ast.Constant) \
                and type(node.op) in OPS:
            try:
                value = OPS[type(node.op)](node.left.value, node.right.value)
            except Exception as e:
                print("cannot fold:", type(e).__name__)
                return node
            self.folded += 1
            return ast.copy_location(ast.Constant(value), node)
        return node

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
            return ast.copy_location(ast.Constant(-node.operand.value), node)
        return node

    def visit_If(self, node):
        self.generic_visit(node)
        if isinstance(node.test, ast.Constant):
            return node.body if node.test.value else node.orelse or None
        return node


SOURCE = '''
SECONDS = 60 * 60 * 24
LIMIT = 2 ** 10 - 1
NAME = "a" + "b" * 3
def area(r):
    return 3 * r * r + (1 + 2)
if 1 + 1:
    DEBUG = -(-5)
else:
    DEBUG = 0
x = [1 + 2, (3 * 4, "x" * 2)]
'''

tree = ast.parse(SOURCE)
print(ast.unparse(Folder().visit(ast.parse("BAD = 1 // 0"))))
folder = Folder()
new = ast.fix_missing_locations(folder.visit(tree))
print("folded", folder.folded)
print(ast.unparse(new))
ns = {}
exec(compile(new, "<folded>", "exec"), ns)
print(ns["SECONDS"], ns["LIMIT"], ns["NAME"], ns["area"](2), ns["DEBUG"], ns["x"])
print(eval(compile(ast.fix_missing_locations(ast.Expression(ast.Constant(41))), "<e>", "eval")) + 1)
expr = ast.parse("a * (b + 1)", mode="eval")
print(ast.dump(expr))
print(eval(compile(expr, "<e>", "eval"), {"a": 3, "b": 4}))
try:
    compile(ast.parse("x"), "<e>", "eval")
except TypeError as e:
    print("TypeError:", e)
