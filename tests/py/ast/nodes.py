"""The node classes: constructors, fields, defaults, pattern matching on nodes,
subclassing, copying and pickling."""
import ast
import copy

print(ast.Module._fields, ast.Module.__match_args__)
print(ast.FunctionDef._fields)
print(ast.expr._attributes, ast.arg._attributes, ast.comprehension._attributes)
print(ast.Name.__mro__)
print(ast.Load.__doc__, ast.BinOp.__doc__)
print(ast.PyCF_ONLY_AST, ast.PyCF_TYPE_COMMENTS, ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)

n = ast.Name("x", ast.Load(), lineno=3)
print(n.id, type(n.ctx).__name__, n.lineno, n.end_lineno)
try:
    n.col_offset
except AttributeError as e:
    print("AttributeError:", e)
try:
    ast.Name().id
except AttributeError as e:
    print("AttributeError:", e)
print(ast.Return().value, ast.Constant(1).kind, ast.FunctionDef().returns)
for args, kwargs in [((1, 2, 3), {}), (("a", 1), {"id": "b"}), ((1,), {}), ((1, 2), {})]:
    for cls in (ast.Module, ast.Name, ast.Expr, ast.Pass):
        try:
            cls(*args, **kwargs)
        except TypeError as e:
            print("TypeError:", e)
print(ast.AST(x=1).x)
print(ast.dump(ast.BinOp(ast.Constant(1), ast.Add(), right=ast.Constant(2))))

tree = ast.parse("x = a + 1\nprint(x)")
print(tree.body[0].value.op is ast.parse("b + c").body[0].value.op)
print(tree.body[0].targets[0].ctx is tree.body[0].value.left.ctx)


def describe(node):
    match node:
        case ast.Assign(targets=[ast.Name(id=name)], value=ast.BinOp(op=ast.Add())):
            return f"assign sum to {name}"
        case ast.Expr(ast.Call(ast.Name("print"), [arg])):
            return f"print one argument ({ast.unparse(arg)})"
        case _:
            return "other"


for stmt in tree.body:
    print(describe(stmt))


class Tagged(ast.Name):
    _fields = ast.Name._fields + ("tag",)


t = Tagged("v", ast.Load(), "important")
print(t.tag, isinstance(t, ast.expr), ast.dump(t))

c = copy.deepcopy(tree)
print(ast.dump(c) == ast.dump(tree), c.body[0] is not tree.body[0])
cls, args, state = tree.__reduce_ex__(2)[:3]
p = cls(*args)
p.__dict__.update(state)
print(ast.dump(p, include_attributes=True) == ast.dump(tree, include_attributes=True))
print(tree.body[0].__reduce__()[0].__name__, sorted(tree.body[0].__dict__))
print(ast.literal_eval(ast.Constant(5)), ast.Num(3).n, isinstance(ast.Constant("s"), ast.Str))
print(list(ast.iter_fields(ast.parse("y = 2").body[0]))[1][0])
print([type(n).__name__ for n in ast.iter_child_nodes(tree.body[0])])
inc = ast.increment_lineno(ast.parse("a\nb"), 10)
print([s.lineno for s in inc.body])
