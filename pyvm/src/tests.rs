//! In-crate unit tests: one line per behaviour, through `run_ok` / `run_err`.

use super::run_capture;

/// The stdout of a script that must not raise.
fn run_ok(src: &str) -> String {
    let (out, err) = run_capture(src);
    assert_eq!(err, None, "script raised; stdout so far: {out}");
    out
}

/// The `Type: message` line of a script that must raise `typ`.
fn run_err(src: &str, typ: &str) -> String {
    let (_, err) = run_capture(src);
    let line = err.unwrap_or_else(|| panic!("expected {typ}, nothing raised"));
    assert!(line.starts_with(typ), "expected {typ}, got {line}");
    line
}

#[test]
fn arithmetic_and_printing() {
    assert_eq!(
        run_ok("print(1 + 2 * 3, 7 // -2, -7 % 3, 2 ** 70)"),
        "7 -4 2 1180591620717411303424\n"
    );
    assert_eq!(
        run_ok("print(0.1 + 0.2, 1e16, 1/3, -0.0)"),
        "0.30000000000000004 1e+16 0.3333333333333333 -0.0\n"
    );
}

#[test]
fn python_calls_do_not_use_the_rust_stack() {
    // Far deeper than the default limit allows, after raising it: 100,000 frames.
    let src = "import sys\nsys.setrecursionlimit(200000)\ndef d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\nprint(d(100000))";
    assert_eq!(run_ok(src), "100000\n");
    assert!(run_err("def f(): return f()\nf()", "RecursionError")
        .contains("maximum recursion depth exceeded"));
}

#[test]
fn natives_calling_python_are_bounded() {
    // A key function that recurses through sorted() nests native re-entries.
    let src = "def k(n):\n    return sorted([n], key=k) if n > 0 else 0\nk(10000)";
    run_err(src, "RecursionError");
    assert_eq!(
        run_ok("print(sorted([3, 1, 2], key=lambda x: -x))"),
        "[3, 2, 1]\n"
    );
}

#[test]
fn cpython_error_messages() {
    assert_eq!(
        run_err("[][0]", "IndexError"),
        "IndexError: list index out of range"
    );
    assert_eq!(
        run_err("x", "NameError"),
        "NameError: name 'x' is not defined"
    );
    assert_eq!(run_err("{}['k']", "KeyError"), "KeyError: 'k'");
    assert_eq!(
        run_err("1 + 'a'", "TypeError"),
        "TypeError: unsupported operand type(s) for +: 'int' and 'str'"
    );
    assert_eq!(
        run_err("def f(a): pass\nf()", "TypeError"),
        "TypeError: f() missing 1 required positional argument: 'a'"
    );
    assert_eq!(
        run_err("int('z')", "ValueError"),
        "ValueError: invalid literal for int() with base 10: 'z'"
    );
}

#[test]
fn syntax_errors_from_the_symbol_table() {
    assert_eq!(
        run_err("return 1", "SyntaxError"),
        "SyntaxError: 'return' outside function"
    );
    assert_eq!(
        run_err("break", "SyntaxError"),
        "SyntaxError: 'break' outside loop"
    );
    assert_eq!(
        run_err("def f(a, a): pass", "SyntaxError"),
        "SyntaxError: duplicate argument 'a' in function definition"
    );
    assert_eq!(
        run_err("class C:\n    return 1", "SyntaxError"),
        "SyntaxError: 'return' outside function"
    );
}

#[test]
fn syntax_errors_of_match_patterns() {
    let err = |src: &str| run_err(src, "SyntaxError");
    assert_eq!(
        err("match 1:\n case x: pass\n case 2: pass"),
        "SyntaxError: name capture 'x' makes remaining patterns unreachable"
    );
    assert_eq!(
        err("match 1:\n case [a] | b: pass"),
        "SyntaxError: alternative patterns bind different names"
    );
    assert_eq!(
        err("match 1:\n case [a, *b, a]: pass"),
        "SyntaxError: multiple assignments to name 'a' in pattern"
    );
    assert_eq!(
        err("match 1:\n case {'k': 1, 'k': 2}: pass"),
        "SyntaxError: mapping pattern checks duplicate key ('k')"
    );
    assert_eq!(
        run_ok("match [1, (2, 3)]:\n case [a, (b, *c)]: print(a, b, c)"),
        "1 2 [3]\n"
    );
}

#[test]
fn error_ranges_past_the_end_of_non_ascii_text_do_not_panic() {
    // Found by tests/fuzz/syntax.py: Ruff's line index panicked on the range.
    let src = "for s in [\"na\u{ef}ve\", \"\u{2713}\u{2713} ok\", \"\u{65e5}\u{672c}\"]";
    assert_eq!(run_err(src, "SyntaxError"), "SyntaxError: expected ':'");
}

#[test]
fn strings_and_containers() {
    assert_eq!(
        run_ok("print('a,b'.split(','), ' x '.strip(), 'ab'.upper(), 'é'[0])"),
        "['a', 'b'] x AB é\n"
    );
    assert_eq!(
        run_ok("d = {'b': 1}\nd['a'] = 2\nprint(d, list(d))"),
        "{'b': 1, 'a': 2} ['b', 'a']\n"
    );
    assert_eq!(
        run_ok("a, *b = range(4)\nprint(a, b, [1, 2][::-1])"),
        "0 [1, 2, 3] [2, 1]\n"
    );
}

#[test]
fn exceptions_chain() {
    let src = "try:\n    try:\n        1/0\n    except ZeroDivisionError as e:\n        raise ValueError('v') from e\nexcept ValueError as v:\n    print(repr(v.__cause__), v.__context__ is v.__cause__)";
    assert_eq!(run_ok(src), "ZeroDivisionError('division by zero') True\n");
}

#[test]
fn set_changed_by_eq_is_an_error() {
    // An `__eq__` changing the set being probed: CPython goes on; pyvm's probe holds
    // the set, so the change is refused with a RuntimeError (not a crash), and the
    // set is left as it was.
    let src = "class K:\n    def __init__(s, v): s.v = v\n    def __hash__(s): return 1\n    def __eq__(s, o):\n        members.discard(K(5))\n        return s.v == o.v\nmembers = {K(1)}\ntry:\n    members.add(K(2))\nexcept RuntimeError as e:\n    print(e)\nprint(len(members))\n";
    assert_eq!(
        run_ok(src),
        "container changed by a special method while it was being searched\n1\n"
    );
}

/// `C.__bases__ = ...` changes the MRO (CPython's checks first: a class whose base
/// is `object` cannot take a class base); `__mro__` is read-only as in CPython.
#[test]
fn class_bases_change() {
    let src = "class A: pass\nclass B(A): pass\nB.__bases__ = (object,)\n";
    assert!(run_err(src, "TypeError").contains("'object' deallocator differs from 'A'"));
    let src = "class A:\n    x = 1\nclass A2:\n    x = 2\nclass B(A): pass\nb = B()\nprint(b.x)\nB.__bases__ = (A2,)\nprint(b.x, B.__mro__[1].__name__)\n";
    assert_eq!(run_ok(src), "1\n2 A2\n");
    let src = "class A: pass\nA.__mro__ = ()\n";
    assert!(run_err(src, "AttributeError").contains("readonly attribute"));
}
