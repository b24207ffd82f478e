import sys

for name in ["bad_syntax", "bad_indent"]:
    try:
        if name == "bad_syntax":
            import bad_syntax
        else:
            import bad_indent
    except SyntaxError as e:
        print(type(e).__name__, "|", e)
        print(e.msg, e.lineno, e.offset, repr(e.text), e.filename)
        print(name in sys.modules)
print(issubclass(IndentationError, SyntaxError))
