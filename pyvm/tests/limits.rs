//! Process-level defences that the golden scripts cannot check (regen.py runs CPython
//! with one environment): the hash key chosen per process or from `PYTHONHASHSEED`,
//! the int/str digit limit from `PYTHONINTMAXSTRDIGITS` and `-X int_max_str_digits`,
//! and CPython's fatal errors for bad values of either.

use std::process::{Command, Output};

fn pyvm(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pyvm"));
    cmd.args(args)
        .env_remove("PYTHONHASHSEED")
        .env_remove("PYTHONINTMAXSTRDIGITS");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("pyvm runs")
}

/// `pyvm -c prog` under an address-space limit of `kib` KiB (`ulimit -v`).
fn pyvm_under_limit(kib: u64, prog: &str) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {kib} && exec \"{}\" -c \"$0\"",
            env!("CARGO_BIN_EXE_pyvm")
        ))
        .arg(prog)
        .output()
        .expect("sh runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The program printed `expected` (the status and stderr in the failure message).
#[track_caller]
fn assert_printed(out: &Output, expected: &str) {
    assert_eq!(
        stdout(out),
        expected,
        "{:?} {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

const HASHES: &str = "import sys; print(hash('abc'), hash(b'abc'), hash('\u{e9}t\u{e9}'), hash(''), sys.flags.hash_randomization)";

#[test]
fn string_hashes_are_randomized_per_process() {
    let runs: Vec<String> = (0..3)
        .map(|_| stdout(&pyvm(&["-c", HASHES], &[])))
        .collect();
    assert!(runs.iter().all(|r| r.ends_with(" 0 1\n")), "{runs:?}");
    assert!(
        runs[0] != runs[1] || runs[1] != runs[2],
        "same hashes in 3 runs: {runs:?}"
    );
    let random = stdout(&pyvm(&["-c", HASHES], &[("PYTHONHASHSEED", "random")]));
    assert!(random.ends_with(" 0 1\n"), "{random}");
}

#[test]
fn hash_seed_gives_cpythons_values() {
    // `PYTHONHASHSEED=N python3 -c "print(hash('abc'), hash(b'abc'), hash('été'))"`.
    let zero = stdout(&pyvm(&["-c", HASHES], &[("PYTHONHASHSEED", "0")]));
    assert_eq!(
        zero,
        "-4594863902769663758 -4594863902769663758 -1033370291238291217 0 0\n"
    );
    let seeded = stdout(&pyvm(&["-c", HASHES], &[("PYTHONHASHSEED", "12345")]));
    assert_eq!(
        seeded,
        "2962436275791859092 2962436275791859092 3003284991447809883 0 1\n"
    );
}

#[test]
fn bad_hash_seed_is_fatal() {
    for bad in ["abc", "4294967296", "-1", "1.5"] {
        let o = pyvm(&["-c", "print('ran')"], &[("PYTHONHASHSEED", bad)]);
        assert_eq!(o.status.code(), Some(1), "{bad}");
        assert_eq!(stdout(&o), "");
        assert_eq!(
            String::from_utf8_lossy(&o.stderr),
            "Fatal Python error: config_init_hash_seed: PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]\nPython runtime state: preinitialized\n\n"
        );
    }
}

const DIGITS: &str = "import sys\nprint(sys.flags.int_max_str_digits, sys.get_int_max_str_digits())\ntry:\n    print(len(str(10**5000)))\nexcept ValueError as e:\n    print(e)";

#[test]
fn digit_limit_from_environment_and_x_option() {
    let default = stdout(&pyvm(&["-c", DIGITS], &[]));
    assert_eq!(default, "-1 4300\nExceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit\n");
    let env = stdout(&pyvm(&["-c", DIGITS], &[("PYTHONINTMAXSTRDIGITS", "6000")]));
    assert_eq!(env, "6000 6000\n5001\n");
    let off = stdout(&pyvm(&["-c", DIGITS], &[("PYTHONINTMAXSTRDIGITS", "0")]));
    assert_eq!(off, "0 0\n5001\n");
    // -X wins over the environment.
    let x = stdout(&pyvm(
        &["-X", "int_max_str_digits=700", "-c", DIGITS],
        &[("PYTHONINTMAXSTRDIGITS", "0")],
    ));
    assert_eq!(x, "700 700\nExceeds the limit (700 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit\n");
}

#[test]
fn bad_digit_limit_is_fatal() {
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);
    let cases: [Case; 4] = [
        (
            &[],
            &[("PYTHONINTMAXSTRDIGITS", "100")],
            "PYTHONINTMAXSTRDIGITS",
        ),
        (
            &[],
            &[("PYTHONINTMAXSTRDIGITS", "lots")],
            "PYTHONINTMAXSTRDIGITS",
        ),
        (
            &["-X", "int_max_str_digits=639"],
            &[],
            "-X int_max_str_digits",
        ),
        (&["-X", "int_max_str_digits"], &[], "-X int_max_str_digits"),
    ];
    for (args, env, what) in cases {
        let mut all = args.to_vec();
        all.extend(["-c", "print('ran')"]);
        let o = pyvm(&all, env);
        assert_eq!(o.status.code(), Some(1), "{args:?} {env:?}");
        assert_eq!(stdout(&o), "");
        assert_eq!(
            String::from_utf8_lossy(&o.stderr),
            format!("Fatal Python error: config_init_int_max_str_digits: {what}: invalid limit; must be >= 640 or 0 for unlimited.\nPython runtime state: preinitialized\n\n")
        );
    }
}

/// `sys.setrecursionlimit(10**9)` then endless recursion: a `RecursionError` once the
/// frames would take more memory than the process may hold (here 2 GiB of address
/// space), never an abort when an allocation fails. The limit asked is still what
/// `sys.getrecursionlimit()` reports.
#[test]
fn absurd_recursion_limit_still_ends_in_recursion_error() {
    let script = r#"
import resource, sys
_, hard = resource.getrlimit(resource.RLIMIT_AS)
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, hard))
sys.setrecursionlimit(10**9)
print(sys.getrecursionlimit())
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print("RecursionError:", e)
# The process goes on normally afterwards.
print(sum(range(10)))
"#;
    let start = std::time::Instant::now();
    let o = pyvm(&["-c", script], &[]);
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
    assert_eq!(
        stdout(&o),
        "1000000000\nRecursionError: maximum recursion depth exceeded\n45\n"
    );
    assert!(o.status.success());
    assert!(start.elapsed() < std::time::Duration::from_secs(30));
}

/// The 3-million-term expression of the issue, compiled with the recursion limit
/// raised absurdly: CPython's `RecursionError` (its compiler would recurse three
/// million levels), quickly and without exhausting a stack.
#[test]
fn three_million_terms_with_absurd_limit() {
    let script = r#"
import sys
sys.setrecursionlimit(10**9)
try:
    eval('+'.join(['1'] * 3_000_000))
except RecursionError as e:
    print("RecursionError:", e)
print(eval('+'.join(['1'] * 50_000)))
"#;
    let o = pyvm(&["-c", script], &[]);
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
    assert_eq!(
        stdout(&o),
        "RecursionError: maximum recursion depth exceeded during compilation\n50000\n"
    );
}

/// Under an address-space limit, an object the program sizes past it is a
/// `MemoryError` (found by the fuzzer: these aborted the process, or squared
/// numbers for an hour before failing).
#[test]
fn sizes_past_an_address_space_limit_are_memory_errors() {
    let prog = "\
import itertools, math, random
cases = [lambda: '{:^2147483648}'.format(1), lambda: 'x'.ljust(2147483647),
         lambda: f'{1:2147483647}', lambda: [x for x in range(2**40)],
         lambda: itertools.tee(iter([]), 10**9),
         lambda: itertools.product(range(10), repeat=10**9),
         lambda: itertools.combinations_with_replacement(range(3), 10**9),
         lambda: [].extend(range(2**31 - 1)), lambda: sorted(range(2**31)),
         lambda: b'x'.ljust(2**31), lambda: bytearray(b'1').zfill(2**31),
         lambda: 10 ** 10 ** 10, lambda: 1 << 2**34, lambda: math.factorial(2**40),
         lambda: 3 ** (2**31 - 1), lambda: b''.join([b'x' * 2**20] * 2**12),
         lambda: ''.join(['x' * 2**20] * 2**12), lambda: random.choices([1], k=2**40),
         lambda: random.sample(range(2**62), 2**40),
         lambda: __import__('re').sub('', 'x' * 2**20, 'y' * 2**12)]
print(len(str(2 ** (2**31 - 1) >> (2**31 - 8))))
for case in cases:
    try:
        case()
        print('built')
    except MemoryError:
        print('MemoryError')
";
    let out = pyvm_under_limit(2097152, prog);
    assert_eq!(
        stdout(&out),
        format!("3\n{}", "MemoryError\n".repeat(20)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Under an address-space limit, an int quotient whose operand is a quarter of the
/// limit is computed as CPython computes it (fuzz seed 1206, mutant 2054: `abs()`
/// copied the operand, and the dividend was shifted by the divisor's 2**31 bits,
/// which aborted the process); far out of a float's range it is known at once.
#[test]
fn huge_int_quotients_under_an_address_space_limit() {
    let prog = "\
print(2 ** 100 / 2 ** 2147483647)
try:
    -(2 ** 2147483647) / 3 ** 1000
except OverflowError as e:
    print(e)
print(-(10 ** 400) / 3 ** 1500, 7 / -(2 ** 1100), 2 ** 1100 / 3 ** 50)
";
    let out = pyvm_under_limit(1048576, prog);
    assert_eq!(
        stdout(&out),
        "0.0\ninteger division result too large for a float\n\
         -2.08026143e-316 -0.0 1.892049500537695e+307\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The heap takes no transparent huge pages (mimalloc's arenas asked for them): with
/// them a program filling memory up to its `MemoryError` spent 5 s in page faults
/// where CPython takes 1 (fuzz seed 1208, mutant 440), and each OS thread held 1.5
/// MiB. (On a kernel without them this holds trivially.)
#[test]
fn no_transparent_huge_pages() {
    let prog = "\
chunks = [bytearray(1 << 20) for _ in range(64)]
for c in chunks:
    for i in range(0, len(c), 4096):
        c[i] = 1
huge = [l.split()[1] for l in open('/proc/self/smaps_rollup') if l.startswith('AnonHugePages')]
print(huge)
";
    let out = pyvm(&["-c", prog], &[]);
    assert_eq!(
        stdout(&out),
        "['0']\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// JSON output the memory cannot hold is a `MemoryError`, not an abort (fuzz seed
/// 1207, mutant 4090: a million small dicts dumped under 1 GiB, whose output buffer
/// doubled past the limit). CPython, whose dicts are smaller, may finish instead.
#[test]
fn json_output_past_an_address_space_limit() {
    let prog = "\
import json
rows = [{'id': i, 'name': 'item%d' % i, 'ok': i % 2 == 0, 'score': i / 4} for i in range(1000000)]
try:
    print(len(json.dumps(rows)) > 60_000_000)
except MemoryError:
    print('MemoryError')
";
    let out = pyvm_under_limit(1048576, prog);
    let said = stdout(&out);
    assert!(
        out.status.success() && (said == "True\n" || said == "MemoryError\n"),
        "{:?} {said:?} {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A program that runs out of memory bit by bit (many small objects, each
/// allocation small: a chain of tuples) gets `MemoryError` and may catch it, again
/// and again, whether the objects are made by the dispatch loop or by a native, and
/// kept in a list, a dict or a set (fuzz seeds 1206 and 1208: these aborted where Rust's allocation failed).
/// `pyvm::reserve`: the emergency reserve is freed at the failure and taken again
/// once the handler runs.
#[test]
fn running_out_of_memory_bit_by_bit_is_a_memory_error() {
    let prog = "\
def chain():
    x, i = None, 0
    while True:
        x = (x, str(i))
        i += 1
def fill():
    x, i = [], 0
    while True:
        x.append(str(i))
        i += 1
cases = [chain, fill, lambda: list(map(str, range(10**9))),
         lambda: {i: str(i) for i in range(10**9)}, lambda: set(map(str, range(10**9)))]
for round in range(2):
    for case in cases:
        try:
            case()
        except MemoryError as e:
            print('MemoryError', repr(e))
print(sum(range(100)))
";
    let out = pyvm_under_limit(524288, prog);
    assert_eq!(
        stdout(&out),
        format!("{}4950\n", "MemoryError MemoryError()\n".repeat(10)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success());
}

/// Uncaught, the `MemoryError` of a program filling its memory is a traceback and
/// exit status 1, as CPython's; so is the second one of a program that caught the
/// first and filled the memory again while still holding all it had.
#[test]
fn out_of_memory_uncaught() {
    let once = "x = []\nwhile True:\n    x.append(str(len(x)))\n";
    let twice = "\
x = []
try:
    while True:
        x.append(str(len(x)))
except MemoryError:
    print('caught')
while True:
    x.append(str(len(x)))
";
    for (prog, said) in [(once, ""), (twice, "caught\n")] {
        let out = pyvm_under_limit(524288, prog);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stdout(&out), said);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.starts_with("Traceback (most recent call last):\n")
                && err.ends_with("\nMemoryError\n"),
            "{err}"
        );
    }
}

/// Operations on an int of a quarter of a 1 GiB address-space limit: what CPython
/// computes under the limit is computed (the operands are not copied), and what it
/// cannot hold is a `MemoryError`, never an abort (fuzz seed 1208, mutant 7315).
#[test]
fn operations_on_a_quarter_gib_int() {
    let prog = "\
x = 2 ** 2147483648
print(divmod(x, 7)[1], (x // 7) % 10, x % (10**9 + 7), (x - 1) % 3, (x + x).bit_length())
print((x ^ (x - 1)).bit_length(), (x | 1) & 1, len(x.to_bytes(2**28 + 1, 'little')))
for case in [lambda: x * x, lambda: x ** 2, lambda: x & -1, lambda: [x + 1, x + 2, x + 3]]:
    try:
        case()
        print('built')
    except MemoryError:
        print('MemoryError')
";
    let out = pyvm_under_limit(1048576, prog);
    assert_eq!(
        stdout(&out),
        "4 6 829787081 0 2147483650\n2147483649 1 268435457\n\
         MemoryError\nMemoryError\nMemoryError\nMemoryError\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Compiling on an OS thread whose stack must grow for the parser, with too little
/// address space left for the new segment: a `MemoryError` (or the code, if the
/// segment fits), never the panic of a failed mapping (fuzz seed 1209, mutant 1196:
/// an import on one of hundreds of OS threads filling a 1 GiB limit).
#[test]
fn compiling_without_room_for_a_stack_segment() {
    let prog = "\
import resource, threading
def vm_size():
    for line in open('/proc/self/status'):
        if line.startswith('VmSize:'):
            return int(line.split()[1]) * 1024
_, hard = resource.getrlimit(resource.RLIMIT_AS)
def work():
    resource.setrlimit(resource.RLIMIT_AS, (vm_size() + (24 << 20), hard))
    for src in ['total = sum(range(10))', 'def f(x):\\n    return [x, {x: (x,)}]\\n']:
        try:
            code = compile(src, 'generated', 'exec')
            print('compiled', type(code).__name__)
        except MemoryError as e:
            print('MemoryError', repr(e))
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
t = threading.Thread(target=work)
t.start()
t.join()
print('done')
";
    let out = pyvm(&["-c", prog], &[]);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let said = stdout(&out);
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.len(), 3, "{said}");
    assert!(
        lines[..2]
            .iter()
            .all(|l| *l == "compiled code" || *l == "MemoryError MemoryError()"),
        "{said}"
    );
    assert_eq!(lines[2], "done");
    assert!(out.status.success());
}

/// Containers grown past an address-space limit by the program's own statements
/// (a store into a dict, `lst += ...`, `list.extend`, `bytearray.extend`, `a + b`):
/// `MemoryError` when the doubled storage cannot be had, never an abort.
#[test]
fn containers_growing_past_the_limit() {
    let prog = "\
def store():
    d, i = {}, 0
    while True:
        d[i] = i
        i += 1
def add_in_place():
    x = []
    while True:
        x += [None] * 1000
def extend():
    x = []
    while True:
        x.extend([None] * 1000)
def extend_bytes():
    b = bytearray()
    while True:
        b.extend(b'x' * 65536)
def concatenate():
    x = [None] * 1000
    while True:
        x = x + x
for case in [store, add_in_place, extend, extend_bytes, concatenate]:
    try:
        case()
    except MemoryError:
        print(case.__name__, 'MemoryError')
";
    let out = pyvm_under_limit(524288, prog);
    assert_eq!(
        stdout(&out),
        "store MemoryError\nadd_in_place MemoryError\nextend MemoryError\n\
         extend_bytes MemoryError\nconcatenate MemoryError\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A set that outgrows the memory is a `MemoryError` when its table cannot double,
/// not an abort (CI fuzz seed 1, mutant 278: `{x * x for x in range(-5, 2**63)}`).
#[test]
fn set_growth_past_an_address_space_limit() {
    let prog = "\
seen = set()
try:
    for x in range(10**12):
        seen.add(x)
except MemoryError:
    print('MemoryError', len(seen) > 1000, x in seen)
seen = None
print({x * x for x in range(-3, 4)})
";
    let out = pyvm_under_limit(1048576, prog);
    assert_printed(&out, "MemoryError True True\n{0, 9, 4, 1}\n");
}

/// Instances made until the memory runs out: the cycle collector's registry and its
/// automatic run must not be what aborts (CI fuzz seed 1, mutant 78 after the
/// collector came: its analysis tables grew past the limit). `MemoryError`, caught.
#[test]
fn instances_filling_memory_with_the_cycle_collector_on() {
    let prog = "\
class Token:
    def __init__(self, kind, text):
        self.kind = kind
        self.text = text
tokens = []
try:
    while True:
        tokens.append(Token('op', '+'))
except MemoryError:
    n = len(tokens)
    tokens = None
    print('MemoryError', n > 100000)
";
    let out = pyvm_under_limit(1048576, prog);
    assert_printed(&out, "MemoryError True\n");
}

/// Results a program sizes past an address-space limit, built by natives and by
/// the dispatch loop (concatenation, formatting, codecs, repr, splitting, growing
/// buffers): `MemoryError`, caught, one after the other, never an abort (each of
/// these aborted the process, or ended it with a fatal error, before: Rust's
/// allocation failures past the emergency reserve's 8 MiB). `objects::memory`'s
/// `vec_with`, `string_with`, `copy`, `spare_string`, `collect`.
#[test]
fn natives_building_results_past_the_limit() {
    let prog = r#"
import array, codecs, collections, io, marshal, os, re
def mib(n):
    return 'x' * (n << 20)
def grow(step):
    def run():
        x = step()
        while True:
            x += step()
    return run
def grow_bytesio():
    f = io.BytesIO()
    while True:
        f.write(b'x' * 2**20)
def grow_array():
    a = array.array('q')
    while True:
        a.extend(array.array('q', bytes(2**20)))
def extend_self():
    x = [None] * 1000
    while True:
        x.extend(x)
cases = [
    ('bytes.hex', lambda: (b'x' * 2**29).hex()),
    ('bytes +', lambda: (lambda b: b + b + b)(b'x' * 2**29)),
    ('str +', lambda: (lambda s: s + s + s)(mib(512))),
    ('f-string', lambda: (lambda s: f'{s}{s}{s}')(mib(512))),
    ('s += t', lambda: (lambda s: [s := s + s for _ in range(3)])(mib(512))),
    ('bytearray +=', grow(lambda: bytearray(b'x' * 2**20))),
    ('BytesIO.write', grow_bytesio),
    ('str.encode', lambda: mib(512).encode('utf-16')),
    ('str.split', lambda: (' ' * 2**28).split(' ')),
    ('bytes.split', lambda: (b' ' * 2**28).split(b' ')),
    ('repr', lambda: repr('\0' * 2**28)),
    ('ascii', lambda: ascii('\u20ac' * 2**27)),
    ('bin', lambda: bin(1 << 2**31)),
    ('str.translate', lambda: ('a' * 2**20).translate({97: 'b' * 2**12})),
    ('re.findall', lambda: re.findall('', 'x' * 2**28)),
    ('marshal.dumps', lambda: marshal.dumps([b'x' * 2**28] * 8)),
    ('array.extend', grow_array),
    ('list.extend', extend_self),
    ('%', lambda: (lambda s: '%s%s%s' % (s, s, s))(mib(512))),
    ('str.format', lambda: (lambda s: '{}{}{}'.format(s, s, s))(mib(512))),
    ('memoryview.hex', lambda: memoryview(b'x' * 2**29).hex()),
    ('bytes.replace', lambda: (b'x' * 2**28).replace(b'', b'-')),
    ('str.expandtabs', lambda: ('\t' * 2**27).expandtabs(8)),
    ('print', lambda: (lambda s: print(s, s, s, file=open(os.devnull, 'w')))(mib(512))),
    ('slice', lambda: (lambda s: [s[1:] for _ in range(4)])(mib(512))),
    ('escape_encode', lambda: codecs.escape_encode(b'\0' * 2**28)),
    ('latin-1', lambda: (b'\xff' * 2**29).decode('latin-1')),
]
for name, case in cases:
    try:
        case()
        print(name, 'built')
    except MemoryError:
        print(name, 'MemoryError')
print(len(collections.deque(range(10))))
"#;
    let out = pyvm_under_limit(2097152, prog);
    let names = [
        "bytes.hex",
        "bytes +",
        "str +",
        "f-string",
        "s += t",
        "bytearray +=",
        "BytesIO.write",
        "str.encode",
        "str.split",
        "bytes.split",
        "repr",
        "ascii",
        "bin",
        "str.translate",
        "re.findall",
        "marshal.dumps",
        "array.extend",
        "list.extend",
        "%",
        "str.format",
        "memoryview.hex",
        "bytes.replace",
        "str.expandtabs",
        "print",
        "slice",
        "escape_encode",
        "latin-1",
    ];
    let want: String = names.iter().map(|n| format!("{n} MemoryError\n")).collect();
    assert_printed(&out, &format!("{want}10\n"));
    assert!(out.status.success());
}

/// What CPython builds under a 2 GiB address-space limit is built (a compressor's
/// first buffer was half its input, and `partition` copied a text it did not
/// split: both aborted), and digits past the limit are a `MemoryError`.
#[test]
fn big_inputs_under_the_limit() {
    let prog = "\
import zlib
text = 'x' * 2**29
packed = [zlib.compress(b'x' * 2**29) for _ in range(3)]
print(len(packed[0]) < 2**20, zlib.decompress(packed[0]) == b'x' * 2**29)
parts = [text.partition('y') for _ in range(3)]
print(parts[0][0] is text, parts[0][1:], text.rpartition('y')[2] is text)
for spec in ['b', 'o', '#x']:
    try:
        format(1 << 2**32, spec)
        print('built')
    except MemoryError:
        print('MemoryError')
";
    let out = pyvm_under_limit(2097152, prog);
    assert_printed(
        &out,
        "True True\nTrue ('', '') True\nMemoryError\nMemoryError\nMemoryError\n",
    );
}

/// A range whose bound is a quarter of a 1 GiB address-space limit: `MemoryError`
/// when the copies of its bounds and the computation of its length have no room,
/// as CPython's arithmetic fails there (fuzz seed 1211, mutant 14338: it aborted).
#[test]
fn range_with_a_quarter_gib_bound() {
    let prog = "\
total = 0
try:
    for k in range(2**64, 2**2147483647 + 200000):
        total += k & 0xFF
except MemoryError:
    print('MemoryError', total)
print(list(range(10**30, 10**30 + 7, 3)), len(range(-2**100, 2**100, 2**98)))
";
    let out = pyvm_under_limit(1048576, prog);
    assert_eq!(
        stdout(&out),
        "MemoryError 0\n[1000000000000000000000000000000, 1000000000000000000000000000003, \
         1000000000000000000000000000006] 8\n",
        "{:?} {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Starting micro_threads until memory runs out is a `MemoryError` in the starter
/// (the pending list, the thread's box and the reactor's slots are checked), and the
/// program goes on; it aborted when the reactor's slab could not grow (fuzz seed
/// 1206, mutant 12981).
#[test]
fn micro_threads_started_past_the_limit() {
    let prog = "from micro_thread import start_in_parallel\n\
                started = []\n\
                try:\n    while True:\n        started.append(start_in_parallel(len, ()))\n\
                except MemoryError:\n    n = len(started)\n    started = None\n\
                print('MemoryError', n > 1000)\n";
    let out = pyvm_under_limit(600 * 1024, prog);
    assert_printed(&out, "MemoryError True\n");
    assert!(out.status.success(), "{:?}", out.status);
}

/// `round(int, ndigits)` with an absurdly negative `ndigits` is 0 at once (the
/// power of ten is never built); `-2**63` overflowed a negation (CI fuzz, seed 1,
/// mutant 144). CPython computes `10**2**63` and does not finish.
#[test]
fn round_to_an_absurd_power_of_ten() {
    let out = pyvm(
        &[
            "-c",
            "print(round(12345, -2**63), round(-6*10**40, -41), round(12345, -2**32))",
        ],
        &[],
    );
    assert_printed(&out, "0 -100000000000000000000000000000000000000000 0\n");
}

/// A tree of OS threads started until the address space runs out: each start that
/// fails is CPython's `RuntimeError: can't start new thread` (or a `MemoryError`),
/// never an abort. Rust's runtime mapped an alternate signal stack in each new thread
/// before its function ran and panicked, aborting the process, when that mapping
/// failed (fuzz seed 1207, mutant 5937: about one run in four of this program
/// aborted). The failure needs the mapping to fail just after the thread's stack
/// was mapped, so the program runs three times. Since threads cost little address
/// space, the heap ran out before the thread starts did (a fatal out-of-memory
/// error, or an allocation aborting in the runtime): a start now keeps a margin for
/// the heap. The program's own outcome is CPython's (status 0: the first threads
/// end well).
#[test]
fn os_threads_started_past_the_limit() {
    // Thirteen levels (at most 16,382 threads, about 600 at once under the limit):
    // unbounded, the tree goes on for as long as dying threads make room for new ones.
    let prog = "import threading\n\
                def spawn(depth):\n    if depth == 0:\n        return\n    \
                ts = [threading.Thread(target=spawn, args=(depth - 1,)) for _ in 'LR']\n    \
                for t in ts:\n        t.start()\n    for t in ts:\n        t.join()\n\
                spawn(13)\n";
    for _ in 0..3 {
        let out = pyvm_under_limit(1024 * 1024, prog);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{:?} {err}",
            out.status
        );
        assert!(!err.contains("panicked"), "{err}");
        assert!(!err.contains("Fatal Python error"), "{err}");
        assert!(
            err.lines()
                .all(|l| !l.starts_with("RuntimeError")
                    || l == "RuntimeError: can't start new thread"),
            "{err}"
        );
    }
}

/// A timed block as long as CPython's timeouts go (`timeout(9e9)`, 285 years) never
/// ends early and never overflows: the reactor panicked adding the duration to the
/// clock (fuzz seed 1209, mutant 15778), and `timeout(1e20)` panicked making the
/// duration; longer ones (`2**63 - 1`, `1e20`, `inf`) are CPython's OverflowErrors.
#[test]
fn timeouts_longer_than_the_clock() {
    // A timeout CPython's 64-bit nanoseconds cannot hold is its OverflowError (as
    // for `lock.acquire(timeout=)`).
    let prog = "from micro_thread import timeout\nimport time, threading\n\
                for t in (9e9, 0x7fffffffffffffff, 1e20, float('inf')):\n    \
                try:\n        with timeout(t):\n            time.sleep(0.001)\n        \
                print('ended', t)\n    except OverflowError as e:\n        print(t, e)\n\
                l = threading.Lock()\nl.acquire()\n\
                print(l.acquire(timeout=0.01), threading.Event().wait(0.01))\n";
    let out = pyvm(&["-c", prog], &[]);
    assert_printed(
        &out,
        "ended 9000000000.0\n\
         9223372036854775807 timestamp too large to convert to C _PyTime_t\n\
         1e+20 timestamp out of range for platform time_t\n\
         inf timestamp out of range for platform time_t\nFalse False\n",
    );
}
