def show(label, f):
    try:
        r = f()
        print(label, "->", repr(r))
    except SyntaxError as e:
        print(label, "->", type(e).__name__, repr(e.msg), e.filename, e.lineno, e.offset, repr(e.text))
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)

show("eval assign", lambda: eval("x = 1"))
show("eval two", lambda: eval("1; 2"))
show("eval lines", lambda: eval("1\n2"))
show("eval import", lambda: eval("import os"))
show("exec bad indent", lambda: exec("x = 1\n  y = 2"))
show("exec def", lambda: exec("def f(:\n    pass\n"))
show("compile file", lambda: compile("a b", "mod.py", "exec"))
show("compile eval", lambda: compile("a b c", "expr", "eval"))
show("compile mode", lambda: compile("1", "f", "run"))
show("compile type", lambda: compile(1, "f", "exec"))
show("compile args", lambda: compile("1", "f"))
show("eval type", lambda: eval(1))
show("exec type", lambda: exec(None))
show("eval globals", lambda: eval("1", []))
show("exec globals", lambda: exec("1", []))
show("exec locals", lambda: exec("1", {}, 3))
show("eval kw", lambda: eval(source="1"))
show("exec kw", lambda: exec("1", foo=2))
show("null byte", lambda: eval("1\0"))
show("runtime", lambda: exec("def f():\n    return 1 / 0\nf()"))
try:
    eval("x = 1")
except SyntaxError as e:
    print(str(e), e.args[0], e.args[1])
