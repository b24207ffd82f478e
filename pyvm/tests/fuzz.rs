//! A mutation fuzzer over the golden scripts (`tests/py/**/*.py`): each mutant is a
//! golden script with one to three mutations (lines deleted, duplicated or swapped;
//! a token replaced by another token of the corpus or by an extreme number or string;
//! digits, such as a format precision, made huge; a line nested many times in
//! `if 1:`, `(`...`)` or `[`...`]`). Each mutant runs under pyvm with a time limit and
//! a memory limit, and is flagged when pyvm panics, aborts, dies of another signal,
//! ends in its fatal out-of-memory error where `python3` ends well, or hangs where
//! `python3` on the same mutant finishes in an eighth of the time limit (pyvm is
//! still up to about five times slower than CPython on some real programs, issue 16,
//! so a mutant that makes a loop a million times longer is slow, not hung; one that
//! CPython finishes that fast and pyvm not at all within the limit is flagged; a
//! signal death is not flagged when `python3` dies of the same signal). A syntax error or any Python
//! exception is fine: the bar is "never a panic, abort or hang".
//!
//! Deterministic given a seed: mutant `i` of seed `s` is the same program on every
//! machine (only the time limit's verdicts depend on speed). Knobs (environment):
//! - `FUZZ_SEED` (default 1), `FUZZ_MUTANTS` (default 800 in CI, 20000 for the
//!   ignored `long_run`), `FUZZ_TIMEOUT_MS` per run (default 5000),
//!   `FUZZ_BUDGET_SECS` (default 75 in CI, 0 = none: no new mutant starts after it),
//!   `FUZZ_JOBS` (default 2);
//! - `FUZZ_ONLY=i` runs mutant `i` alone and prints its source; `FUZZ_VERBOSE=1`
//!   prints each run's outcome.
//!
//! Each finding is written to `target/tmp/fuzz/seed-S-mutant-I.py` (a reproducer to
//! run as `pyvm FILE` from the script's folder) and listed when the test fails.
//!
//! Scripts that send signals, fork, run programs or delete/rename files are left out
//! of the corpus, and replacement tokens never hold a `/`, so a mutant cannot touch
//! anything outside its scratch folder (its working directory).

/// A mutant that times out under pyvm is a hang only if `python3` finishes it in
/// under `1 / HANG_FACTOR` of the time limit (see the module documentation).
const HANG_FACTOR: u32 = 8;

use std::collections::BTreeSet;
use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Address-space limit of every run: enough for any golden script, small enough that
/// `'a' * 10**10` fails fast (with MemoryError in CPython and pyvm).
const MEMORY_LIMIT: u64 = 1 << 30;
/// File-size limit: a mutant writing in a loop dies of SIGXFSZ (in both interpreters).
const FILE_LIMIT: u64 = 64 << 20;
/// Stderr kept per run (a panic message comes early; tracebacks can be long).
const STDERR_KEPT: usize = 1 << 20;

/// Scripts mentioning any of these are left out of the corpus (see the module doc).
const UNSAFE_WORDS: &[&str] = &[
    "kill",
    "fork",
    "exec",
    "subprocess",
    "system(",
    "spawnv",
    "posix_spawn",
    "rmtree",
    "os.remove",
    "unlink",
    "rmdir",
    "rename",
    "os.replace",
    "chmod",
    "chown",
    "setuid",
    "setrlimit",
    "truncate",
    "shutil",
    "signal",
];
/// Identifiers never used as replacement tokens.
const UNSAFE_IDENTS: &[&str] = &[
    "replace",
    "rename",
    "remove",
    "removedirs",
    "unlink",
    "rmdir",
    "rmtree",
    "kill",
    "killpg",
    "fork",
    "system",
    "chmod",
    "chown",
    "truncate",
    "ftruncate",
    "setrlimit",
];

const EXTREME_NUMBERS: &[&str] = &[
    "10**100",
    "-1",
    "0",
    "1",
    "2**63",
    "-2**63-1",
    "2**64",
    "10**4300",
    "1e308",
    "1e-320",
    "float('inf')",
    "float('nan')",
    "-0.0",
    "0x7fffffffffffffff",
    "10**1000000",
];
const EXTREME_DIGITS: &[&str] = &[
    "0",
    "1",
    "2147483647",
    "2147483648",
    "4294967296",
    "9223372036854775808",
    "1000000",
    "99999999999999999999",
];
const EXTREME_STRINGS: &[&str] = &[
    "''",
    "'\\x00'",
    "'\\udcff'",
    "'a' * 1000000",
    "'%s%s%d'",
    "'{}{0}{x}'",
    "'\\N{BULLET}'",
    "b'\\xff\\xfe'",
    "'\u{e9}' * 100",
    "str(10**100)",
    "'{:.1000000f}'",
    "'%.2147483648f'",
];
/// Nesting depths around CPython's limits (100 indentation levels, 200 brackets);
/// a nest is as often between 1 and 40 deep.
const NEST_DEPTHS: &[usize] = &[99, 100, 101, 199, 200, 201, 1000, 5000];

/// SplitMix64: a tiny, good-enough PRNG.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ index.wrapping_mul(0xA076_1D64_78BD_642F));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Ident,
    Number,
    Str,
    Op,
}

/// The tokens of one line, as (start, end, kind) byte ranges; a crude scanner that
/// stops at a comment or a string not closed on the line.
fn tokens(line: &str) -> Vec<(usize, usize, Kind)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let kind = if c == b'#' {
            break;
        } else if c.is_ascii_whitespace() {
            i += 1;
            continue;
        } else if c == b'\'' || c == b'"' {
            i += 1;
            while i < b.len() && b[i] != c {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            if i >= b.len() {
                break;
            }
            i += 1;
            Kind::Str
        } else if c.is_ascii_digit() {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_') {
                i += 1;
            }
            Kind::Number
        } else if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] >= 0x80) {
                i += 1;
            }
            Kind::Ident
        } else {
            i += 1;
            Kind::Op
        };
        out.push((start, i, kind));
    }
    out
}

struct Script {
    path: PathBuf,
    lines: Vec<String>,
    /// Runs only under pyvm (hand-written expected output): no hang verdict, as
    /// `python3` cannot tell whether the mutant terminates.
    pyvm_only: bool,
}

struct Corpus {
    scripts: Vec<Script>,
    /// Replacement tokens of each kind, sorted (for determinism).
    pool: Vec<(Kind, Vec<String>)>,
}

fn golden_scripts(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/py readable")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            golden_scripts(&p, out);
        } else if p.extension().is_some_and(|e| e == "py")
            && p.file_name() != Some("regen.py".as_ref())
        {
            out.push(p);
        }
    }
}

fn corpus() -> Corpus {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/py");
    let mut paths = Vec::new();
    golden_scripts(&root, &mut paths);
    let mut sets: Vec<(Kind, BTreeSet<String>)> = [Kind::Ident, Kind::Number, Kind::Str, Kind::Op]
        .into_iter()
        .map(|k| (k, BTreeSet::new()))
        .collect();
    let mut scripts = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let first = text.lines().next().unwrap_or("");
        if first.starts_with("# helper module") || UNSAFE_WORDS.iter().any(|w| text.contains(w)) {
            continue;
        }
        for line in text.lines() {
            for (s, e, k) in tokens(line) {
                let tok = &line[s..e];
                let safe = !tok.contains('/') && !UNSAFE_IDENTS.contains(&tok);
                if safe && tok.len() <= 40 {
                    sets[k as usize].1.insert(tok.to_owned());
                }
            }
        }
        scripts.push(Script {
            path,
            pyvm_only: first.contains("expected output written by hand"),
            lines: text.lines().map(str::to_owned).collect(),
        });
    }
    let pool = sets
        .into_iter()
        .map(|(k, s)| (k, s.into_iter().collect()))
        .collect();
    Corpus { scripts, pool }
}

fn indent_of(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

/// Apply one mutation chosen by `rng` to `lines`.
fn mutate(lines: &mut Vec<String>, corpus: &Corpus, rng: &mut Rng) {
    if lines.is_empty() {
        return;
    }
    let n = lines.len();
    let i = rng.below(n);
    match rng.below(8) {
        // Most line mutations keep the block structure (so the mutant gets past the
        // compiler); the rest need not.
        0 if rng.below(3) == 0 => {
            let count = 1 + rng.below(3);
            lines.drain(i..(i + count).min(n));
        }
        0 => lines[i] = format!("{}pass", indent_of(&lines[i])),
        1 => {
            let copy = lines[i].clone();
            lines.insert(i, copy);
        }
        2 => {
            let j = if rng.below(3) == 0 {
                rng.below(n)
            } else {
                sibling(lines, i, rng)
            };
            lines.swap(i, j);
        }
        3 | 4 => replace_token(&mut lines[i], corpus, rng),
        5 => replace_digits(&mut lines[i], rng),
        6 => nest_block(lines, i, rng),
        _ => nest_expression(&mut lines[i], rng),
    }
}

/// A line near `i` at the same indentation that is, like `i`, a simple statement
/// (or `i` itself when there is none).
fn sibling(lines: &[String], i: usize, rng: &mut Rng) -> usize {
    let simple = |l: &str| !l.trim().is_empty() && !l.trim_end().ends_with(':');
    if !simple(&lines[i]) {
        return i;
    }
    let ind = indent_of(&lines[i]);
    let near: Vec<usize> = (i.saturating_sub(30)..(i + 30).min(lines.len()))
        .filter(|&j| indent_of(&lines[j]) == ind && simple(&lines[j]))
        .collect();
    *rng.pick(&near)
}

/// Replace a token by a corpus token (of any kind, mostly of its own) or an extreme.
fn replace_token(line: &mut String, corpus: &Corpus, rng: &mut Rng) {
    let toks = tokens(line);
    if toks.is_empty() {
        return;
    }
    let (s, e, kind) = *rng.pick(&toks);
    let with = match (kind, rng.below(4)) {
        (Kind::Number, 0 | 1) => rng.pick(EXTREME_NUMBERS).to_string(),
        (Kind::Str, 0 | 1) => rng.pick(EXTREME_STRINGS).to_string(),
        (_, 3) => {
            let (_, pool) = rng.pick(&corpus.pool);
            rng.pick(pool).clone()
        }
        _ => rng.pick(&corpus.pool[kind as usize].1).clone(),
    };
    line.replace_range(s..e, &with);
}

/// Replace a run of digits anywhere in the line (a precision or width in a format
/// string, a count, an index) by an extreme one.
fn replace_digits(line: &mut String, rng: &mut Rng) {
    let b = line.as_bytes();
    let runs: Vec<(usize, usize)> = (0..b.len())
        .filter(|&k| b[k].is_ascii_digit() && (k == 0 || !b[k - 1].is_ascii_digit()))
        .map(|k| {
            (
                k,
                k + b[k..].iter().take_while(|c| c.is_ascii_digit()).count(),
            )
        })
        .collect();
    if !runs.is_empty() {
        let (s, e) = *rng.pick(&runs);
        let with = rng.pick::<&str>(EXTREME_DIGITS);
        line.replace_range(s..e, with);
    }
}

fn nest_depth(rng: &mut Rng) -> usize {
    match rng.below(2) {
        0 => 1 + rng.below(40),
        _ => *rng.pick(NEST_DEPTHS),
    }
}

/// Wrap line `i` and its block (the following lines indented deeper) in `if 1:`
/// many times.
fn nest_block(lines: &mut Vec<String>, i: usize, rng: &mut Rng) {
    let depth = nest_depth(rng);
    let head = lines[i].trim_start();
    let continues = ["else", "elif", "except", "finally", ")", "]", "}", "@"];
    let previous = lines[..i]
        .iter()
        .rev()
        .map(|l| l.trim_end())
        .find(|l| !l.is_empty());
    let inside = previous.is_some_and(|l| l.ends_with([',', '(', '[', '{', '\\']));
    if head.is_empty() || inside || continues.iter().any(|c| head.starts_with(c)) {
        return;
    }
    let ind = indent_of(&lines[i]).to_owned();
    let mut end = i + 1;
    while end < lines.len()
        && (lines[end].trim().is_empty() || indent_of(&lines[end]).len() > ind.len())
    {
        end += 1;
    }
    let extra = " ".repeat(depth);
    for line in &mut lines[i..end] {
        line.insert_str(0, &extra);
    }
    let heads = (0..depth).map(|d| format!("{ind}{}if 1:", " ".repeat(d)));
    lines.splice(i..i, heads);
}

/// Wrap the expression of a simple statement (the right of `=`, or the whole
/// statement) in many `(`...`)` or `[`...`]`.
fn nest_expression(line: &mut String, rng: &mut Rng) {
    let depth = nest_depth(rng);
    let (open, close) = *rng.pick(&[("(", ")"), ("[", "]")]);
    let body = line.trim_end();
    let start = match body.find(" = ") {
        Some(k) => k + 3,
        None if !body.ends_with(':') => indent_of(body).len(),
        None => return,
    };
    let wrapped = format!(
        "{}{}{}",
        open.repeat(depth),
        &body[start..],
        close.repeat(depth)
    );
    line.replace_range(start..body.len(), &wrapped);
}

enum Exit {
    Code(i32),
    Signal(i32),
    TimedOut,
}

struct Run {
    exit: Exit,
    stderr: String,
    elapsed: Duration,
}

/// Run `program script arg1` in `cwd` with the limits, killing its process group at
/// the deadline.
fn run(program: &Path, script: &Path, cwd: &Path, pythonpath: &Path, timeout: Duration) -> Run {
    let mut cmd = Command::new(program);
    cmd.arg(script)
        .arg("arg1")
        .current_dir(cwd)
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONPATH", pythonpath)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .process_group(0);
    // SAFETY: only setrlimit (an async-signal-safe system call) between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            use rlimit::{setrlimit, Resource};
            setrlimit(Resource::AS, MEMORY_LIMIT, MEMORY_LIMIT)?;
            setrlimit(Resource::FSIZE, FILE_LIMIT, FILE_LIMIT)?;
            setrlimit(Resource::CORE, 0, 0)
        });
    }
    let start = Instant::now();
    let mut child = cmd.spawn().expect("interpreter starts");
    let mut err = child.stderr.take().expect("stderr pipe");
    let reader = std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n @ 1..) = err.read(&mut buf) {
            if kept.len() < STDERR_KEPT {
                kept.extend_from_slice(&buf[..n]);
            }
        }
        kept
    });
    let group = rustix::process::Pid::from_child(&child);
    let exit = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break match s.signal() {
                Some(sig) => Exit::Signal(sig),
                None => Exit::Code(s.code().unwrap_or(-1)),
            };
        }
        if start.elapsed() > timeout {
            let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
            let _ = child.wait();
            break Exit::TimedOut;
        }
        std::thread::sleep(Duration::from_millis(3));
    };
    let elapsed = start.elapsed();
    // Whatever the script started dies with it (and lets go of the stderr pipe).
    let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
    let stderr = String::from_utf8_lossy(&reader.join().expect("stderr reader")).into_owned();
    Run {
        exit,
        stderr,
        elapsed,
    }
}

fn verdict(pyvm: &Run) -> Option<String> {
    if let Some(k) = pyvm.stderr.find("panicked at") {
        let msg: String = pyvm.stderr[k..]
            .lines()
            .take(2)
            .collect::<Vec<_>>()
            .join(" | ");
        return Some(format!("panic: {msg}"));
    }
    match pyvm.exit {
        Exit::Signal(6) if failed_allocation(&pyvm.stderr).is_some() => {
            let line = pyvm
                .stderr
                .lines()
                .find(|l| l.starts_with("memory allocation of"));
            Some(format!("abort: {}", line.unwrap_or_default()))
        }
        Exit::Signal(s @ (4 | 6 | 7 | 11)) => {
            Some(format!("abort (signal {s}): {}", tail(&pyvm.stderr)))
        }
        Exit::Signal(s) => Some(format!("killed by signal {s}: {}", tail(&pyvm.stderr))),
        // An unoptimized pyvm (`cargo test` without `--release`, as CI runs it) is
        // several times slower than python3: a run past the limit there says nothing.
        // Hangs are judged on release builds (the long run).
        Exit::TimedOut if cfg!(debug_assertions) => None,
        Exit::TimedOut => Some("hang".to_owned()),
        Exit::Code(_) if pyvm.stderr.contains(OUT_OF_MEMORY) => {
            Some(format!("out of memory: {}", tail(&pyvm.stderr)))
        }
        Exit::Code(_) => None,
    }
}

/// The size of the allocation whose failure aborted the run (Rust's allocation
/// failure handler prints it).
fn failed_allocation(stderr: &str) -> Option<u64> {
    let rest = &stderr[stderr.find("memory allocation of ")? + "memory allocation of ".len()..];
    rest.split(' ').next()?.parse().ok()
}

/// pyvm's fatal error when a small allocation fails with its emergency reserve
/// already spent (`pyvm::reserve`).
const OUT_OF_MEMORY: &str = "Fatal Python error: allocate: Out of memory";

/// Whether the run ran out of memory bit by bit and could not go on: a small
/// allocation failed at the limit with pyvm's reserve spent (its fatal error; the
/// first such failure is a MemoryError), or aborted (a binary without the reserve).
/// Not a finding when CPython fails under the same limit too; one huge allocation
/// that fails is (it can be checked before it is made, and CPython raises
/// MemoryError).
fn exhausted(stderr: &str) -> bool {
    stderr.contains(OUT_OF_MEMORY) || failed_allocation(stderr).is_some_and(|n| n < 16 << 20)
}

fn tail(s: &str) -> String {
    s.lines().rev().take(2).collect::<Vec<_>>().join(" | ")
}

struct Config {
    seed: u64,
    mutants: usize,
    timeout: Duration,
    budget: Option<Duration>,
    jobs: usize,
}

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name}={v} is not a number"))
        })
        .unwrap_or(default)
}

impl Config {
    fn from_env(mutants: u64, budget_secs: u64) -> Config {
        let budget = env_num("FUZZ_BUDGET_SECS", budget_secs);
        Config {
            seed: env_num("FUZZ_SEED", 1),
            mutants: env_num("FUZZ_MUTANTS", mutants) as usize,
            timeout: Duration::from_millis(env_num("FUZZ_TIMEOUT_MS", 5000)),
            budget: (budget > 0).then(|| Duration::from_secs(budget)),
            jobs: env_num("FUZZ_JOBS", 2).max(1) as usize,
        }
    }
}

/// Mutant `index` of `seed`: the script it comes from and its source.
fn mutant(corpus: &Corpus, seed: u64, index: usize) -> (&Script, String) {
    let mut rng = Rng::new(seed, index as u64);
    let script = rng.pick(&corpus.scripts);
    let mut lines = script.lines.clone();
    for _ in 0..1 + rng.below(3) {
        mutate(&mut lines, corpus, &mut rng);
    }
    (script, lines.join("\n") + "\n")
}

/// Run one mutant; a finding is returned as its report line.
fn check(corpus: &Corpus, cfg: &Config, index: usize, scratch: &Path) -> Option<String> {
    let (script, source) = mutant(corpus, cfg.seed, index);
    let dir = scratch.join(format!("m{index}"));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let file = dir.join("mutant.py");
    std::fs::write(&file, &source).expect("write mutant");
    let home = script.path.parent().expect("script folder");
    let pyvm = run(
        Path::new(env!("CARGO_BIN_EXE_pyvm")),
        &file,
        &dir,
        home,
        cfg.timeout,
    );
    if std::env::var_os("FUZZ_VERBOSE").is_some() {
        let exit = match pyvm.exit {
            Exit::Code(c) => format!("exit {c}"),
            Exit::Signal(s) => format!("signal {s}"),
            Exit::TimedOut => "timed out".to_owned(),
        };
        eprintln!(
            "{index}: {} {exit} in {:.0?}: {}",
            script.path.display(),
            pyvm.elapsed,
            tail(&pyvm.stderr)
        );
    }
    let mut found = verdict(&pyvm);
    if let Some(what) = &found {
        if !what.starts_with("panic") {
            // Confirm against CPython: the same signal, or a CPython that does not
            // finish well within the limit either, is the program's own doing.
            let cpython = run(Path::new("python3"), &file, &dir, home, cfg.timeout);
            let same = match (&pyvm.exit, &cpython.exit) {
                (Exit::Signal(a), Exit::Signal(b)) if a == b => true,
                (Exit::Signal(6) | Exit::Code(_), c) if exhausted(&pyvm.stderr) => {
                    !matches!(c, Exit::Code(0))
                }
                (Exit::TimedOut, _) => {
                    script.pyvm_only || cpython.elapsed * HANG_FACTOR > cfg.timeout
                }
                _ => false,
            };
            if same {
                found = None;
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let what = found?;
    let keep = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("fuzz")
        .join(format!("seed-{}-mutant-{index}.py", cfg.seed));
    std::fs::create_dir_all(keep.parent().expect("parent")).expect("findings folder");
    std::fs::write(&keep, &source).expect("write finding");
    Some(format!(
        "mutant {index} of {} ({}): {what}\n    reproducer: {} (run from {})",
        script.path.display(),
        cfg.seed,
        keep.display(),
        home.display()
    ))
}

fn fuzz(cfg: Config) {
    let corpus = corpus();
    assert!(
        corpus.scripts.len() > 100,
        "corpus of {} scripts",
        corpus.scripts.len()
    );
    let range: Vec<usize> = match std::env::var("FUZZ_ONLY") {
        Ok(only) => {
            let index: usize = only.parse().expect("FUZZ_ONLY is a mutant number");
            let (script, source) = mutant(&corpus, cfg.seed, index);
            println!("# mutant {index} of {}\n{source}", script.path.display());
            vec![index]
        }
        Err(_) => (0..cfg.mutants).collect(),
    };
    let scratch =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("fuzz-scratch-{}", std::process::id()));
    let next = AtomicUsize::new(0);
    let findings = Mutex::new(Vec::new());
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..cfg.jobs {
            s.spawn(|| loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                if k >= range.len() || cfg.budget.is_some_and(|b| start.elapsed() > b) {
                    break;
                }
                if let Some(f) = check(&corpus, &cfg, range[k], &scratch) {
                    eprintln!("FOUND {f}");
                    findings.lock().expect("findings").push((range[k], f));
                }
            });
        }
    });
    let _ = std::fs::remove_dir_all(&scratch);
    let ran = next.load(Ordering::Relaxed).min(range.len());
    let mut findings = findings.into_inner().expect("findings");
    findings.sort();
    eprintln!(
        "fuzz: seed {}, {ran} of {} mutants of {} scripts in {:.0?}, {} findings",
        cfg.seed,
        range.len(),
        corpus.scripts.len(),
        start.elapsed(),
        findings.len()
    );
    let report: Vec<String> = findings.into_iter().map(|(_, f)| f).collect();
    assert!(
        report.is_empty(),
        "{} findings:\n{}",
        report.len(),
        report.join("\n")
    );
}

/// The bounded run of CI: 800 mutants (about 20 s on two idle cores), at most 75 s
/// (plus one time limit).
#[test]
fn golden_mutants() {
    fuzz(Config::from_env(800, 75));
}

/// The long run, on demand: `cargo test --release -p pyvm --test fuzz -- --ignored`.
#[test]
#[ignore]
fn long_run() {
    fuzz(Config::from_env(20_000, 0));
}

#[test]
fn mutants_are_deterministic() {
    let corpus = corpus();
    for index in [0, 7, 1234] {
        assert_eq!(mutant(&corpus, 3, index).1, mutant(&corpus, 3, index).1);
    }
    assert_ne!(mutant(&corpus, 3, 0).1, mutant(&corpus, 4, 0).1);
}
