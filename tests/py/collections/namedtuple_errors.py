from collections import namedtuple

Point = namedtuple("Point", "x y")
p = Point(1, 2)

def attempt(label, f):
    try:
        r = f()
        print(label, "->", r)
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)

attempt("missing", lambda: Point(1))
attempt("too many", lambda: Point(1, 2, 3))
attempt("bad kw", lambda: Point(1, z=2))
attempt("twice", lambda: Point(1, x=2))
attempt("set attr", lambda: setattr(p, "x", 5))
attempt("new attr", lambda: setattr(p, "z", 5))
attempt("del attr", lambda: delattr(p, "x"))
def set_item():
    p[0] = 1
attempt("item assign", set_item)
attempt("make short", lambda: Point._make([1]))
attempt("replace bad", lambda: p._replace(x=1, w=2))
attempt("underscore", lambda: namedtuple("T", "_a b"))
attempt("duplicate", lambda: namedtuple("T", "a a"))
attempt("keyword", lambda: namedtuple("T", "a class"))
attempt("bad ident", lambda: namedtuple("T", "a 1b"))
attempt("bad typename", lambda: namedtuple("1T", "a"))
attempt("defaults", lambda: namedtuple("T", "a", defaults=[1, 2]))
attempt("ok defaults", lambda: namedtuple("T", "a b", defaults=[None])(1))
attempt("index", lambda: p[2])
