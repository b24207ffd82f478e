# A tiny REPL driver: each input is compiled in 'single' mode and run, as the
# interactive prompt and the code module do; values are shown by sys.displayhook.
import sys
ns = {}
lines = ["x = 3", "x * 2", "None", "if x:\n  x + 1\n  'two'\n", "def f():\n  5\n", "f()", "a = 1; a + 1", "[i * i for i in range(4)]", "_"]
for src in lines:
    exec(compile(src, "<input>", "single"), ns)
for bad in ["1\n2\n", "x = = 1", ""]:
    try:
        compile(bad, "<input>", "single")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno)
shown = []
old = sys.displayhook
sys.displayhook = shown.append
exec(compile("'hooked'", "<input>", "single"), ns)
sys.displayhook = old
print(shown, sys.__displayhook__ is old)
