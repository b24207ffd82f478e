"""No-panic fuzzing of the front end: golden scripts truncated at random points or with
random tokens spliced in. A syntax error is fine; a Rust panic (exit 101) or a hang is a bug.
Usage: python3 tests/fuzz/syntax.py SEED [PYVM]   (build first: cargo build --release -p pyvm)
A development tool, not part of CI."""
import glob, os, random, subprocess, sys, tempfile
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
P = sys.argv[2] if len(sys.argv) > 2 else "target/release/pyvm"
TMP = os.path.join(tempfile.mkdtemp(), "syn.py")
srcs = [open(f).read() for f in glob.glob(os.path.join(os.path.dirname(__file__), "..", "py", "*", "*.py"))]
junk = ["(", ")", "[", "]", "{", "}", ":", "lambda", "def", "class", "yield", "await", "*", "**", "=", ":=", "\n", "\t", "  ", "'", '"', "\\", "#", "0x", "1e", ".", ",", "if", "else", "for", "in", "nonlocal x", "global y", "return", "break", "try:", "except", "finally:", "with", "async", "f'{", "}'", "\x00", "\ufeff", "é", "match x:", "case 1:"]
bad = 0
N = 600
for i in range(N):
    s = random.choice(srcs)
    if random.random() < 0.5:
        s = s[: random.randint(0, len(s))]
    else:
        for _ in range(random.randint(1, 5)):
            k = random.randint(0, len(s))
            s = s[:k] + random.choice(junk) + s[k:]
    open(TMP, "w").write(s)
    try:
        r = subprocess.run([P, TMP], capture_output=True, text=True, timeout=10, input="")
    except subprocess.TimeoutExpired:
        bad += 1; print("TIMEOUT"); print(s[:300]); continue
    if r.returncode == 101 or "panicked" in r.stderr:
        bad += 1; print("PANIC:", r.stderr.strip().splitlines()[:2]); print(s[:300])
        open(TMP + ".panic", "w").write(s)
print(f"{N} mutated scripts, {bad} panics/timeouts")
