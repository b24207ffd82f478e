"""No-panic fuzzing of built-in calls: random hostile arguments to built-ins, operators and
modules, each call wrapped in try/except. Any Rust panic (exit 101) or hang is a bug.
Usage: python3 tests/fuzz/calls.py SEED [PYVM]   (build first: cargo build --release -p pyvm)
A development tool, not part of CI."""
import random, subprocess, sys
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
P = sys.argv[2] if len(sys.argv) > 2 else "target/release/pyvm"
atoms = ["0", "-1", "2**64", "10**30", "-2**63", "1.5", "float('nan')", "float('inf')", "''", "'abc'", "'\\udcff'",
         "b''", "b'\\xff\\x00'", "bytearray(b'xy')", "[]", "[1,2,3]", "()", "(1,)", "{}", "{1:2}", "set()", "None", "True",
         "range(10)", "range(-5, 10**20, 3)", "slice(None)", "'%s'", "'{}'", "'{0:>{1}}'", "'x'*3", "1j" ]
calls = ["int({a})", "int({a}, {b})", "float({a})", "str({a})", "repr({a})", "bytes({a})", "list({a})", "tuple({a})", "dict({a})",
         "sorted({a})", "min({a})", "max({a}, {b})", "sum({a})", "abs({a})", "divmod({a}, {b})", "pow({a}, {b}, {c})", "round({a}, {b})",
         "hash({a})", "len({a})", "{a}[{b}]", "{a}[{b}:{c}]", "{a} + {b}", "{a} * {b}", "{a} ** {b}", "{a} // {b}", "{a} % {b}",
         "{a} << {b}", "{a} >> {b}", "{a} & {b}", "{a} < {b}", "{a} in {b}", "format({a}, {b})", "'%d' % {a}", "{a}.format({b})",
         "chr({a})", "ord({a})", "hex({a})", "bin({a})", "list(range({a}, {b}, {c}))", "str({a}).split({b})", "str({a}).center({b}, {c})",
         "bytes({a}).hex()", "[1,2,3].index({a})", "{a}.__class__", "iter({a})", "next(iter({a}))", "enumerate({a}, {b})",
         "zip({a}, {b})", "sorted({a}, key={b})", "isinstance({a}, {b})", "getattr({a}, {b})", "setattr({a}, 'x', {b})",
         "json.loads({a})", "json.dumps({a}, indent={b})", "struct.pack({a}, {b})", "struct.unpack({a}, {b})", "math.sqrt({a})",
         "math.factorial({a})", "math.comb({a}, {b})", "random.seed({a}); random.randrange({b})", "os.path.join({a}, {b})",
         "f'{{{a}:{{{b}}}}}'", "{a}.encode({b})", "bytearray({a}).extend({b})", "[*{a}, *{b}]", "{{**{a}}}"]
bad = 0
N = 400
for i in range(N):
    prog = ["import json, struct, math, random, os"]
    for _ in range(random.randint(1, 4)):
        c = random.choice(calls).format(a=random.choice(atoms), b=random.choice(atoms), c=random.choice(atoms))
        prog.append(f"try:\n    print(repr({c})[:80])\nexcept BaseException as e:\n    print(type(e).__name__)")
    src = "\n".join(prog)
    try:
        r = subprocess.run([P, "-c", src], capture_output=True, text=True, timeout=10)
    except subprocess.TimeoutExpired:
        print("TIMEOUT:", src.replace("\n", " | ")[:300]); bad += 1; continue
    if r.returncode == 101 or "panicked" in r.stderr:
        bad += 1
        print("PANIC:", r.stderr.strip().splitlines()[:2], "\n   ", src.replace("\n", " | ")[:400])
print(f"{N} programs, {bad} panics/timeouts")
