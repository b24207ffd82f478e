//! `pyvm` as `python3`: the command line's options, messages and exit statuses, a
//! program from stdin, `-m` (CPython's `runpy`), `-i` and the interactive prompt,
//! and stdin read by micro-threads without stopping the others. (Golden scripts
//! cannot check these: they run as `pyvm NAME.py` with no input.)

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn pyvm() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pyvm"))
}

/// Run `pyvm ARGS...` with `input` on its stdin.
fn run_with_input<S: AsRef<std::ffi::OsStr>>(args: &[S], input: &str) -> Output {
    let mut child = pyvm()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pyvm starts");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input.as_bytes()).expect("write stdin");
    drop(stdin);
    child.wait_with_output().expect("pyvm ends")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).replace(env!("CARGO_BIN_EXE_pyvm"), "pyvm")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("pyvm-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("mkdir");
    d
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

const USAGE: &str = "usage: pyvm [option] ... [-c cmd | -m mod | file | -] [arg] ...\n";

#[test]
fn version_help_and_bad_options_as_cpython() {
    let out = pyvm().arg("-V").output().expect("runs");
    assert_eq!(text(&out.stdout), "Python 3.11.0\n");
    assert!(out.status.success());
    let out = pyvm().arg("--version").output().expect("runs");
    assert_eq!(text(&out.stdout), "Python 3.11.0\n");
    let out = pyvm().arg("-h").output().expect("runs");
    assert!(
        text(&out.stdout).starts_with(USAGE),
        "{}",
        text(&out.stdout)
    );
    assert!(text(&out.stdout).contains("-m mod : run library module as a script"));
    for (args, msg) in [
        (&["-z"][..], "Unknown option: -z"),
        (&["-c"][..], "Argument expected for the -c option"),
        (&["-m"][..], "Argument expected for the -m option"),
        (&["--frobnicate"][..], "unknown option --frobnicate"),
    ] {
        let out = pyvm().args(args).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            text(&out.stderr),
            format!("{msg}\n{USAGE}Try `python -h' for more information.\n")
        );
    }
    let out = pyvm().arg("/nonexistent/x.py").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "pyvm: can't open file '/nonexistent/x.py': [Errno 2] No such file or directory\n"
    );
}

#[test]
fn options_reach_sys() {
    let out = pyvm()
        .args(["-X", "dev_note=1", "-Xflag", "-B", "-q", "-W", "ignore", "-c"])
        .arg("import sys; print(sys.argv, sys._xoptions, sys.flags.dont_write_bytecode, sys.flags.quiet, sys.warnoptions, sys.orig_argv[1:3])")
        .args(["a", "-b"])
        .output()
        .expect("runs");
    assert_eq!(text(&out.stderr), "");
    assert_eq!(
        text(&out.stdout),
        "['-c', 'a', '-b'] {'dev_note': '1', 'flag': True} 1 1 ['ignore'] ['-X', 'dev_note=1']\n"
    );
    // -I: no script folder on sys.path, PYTHONPATH ignored.
    let out = pyvm()
        .args([
            "-I",
            "-c",
            "import sys; print(sys.path[0], sys.flags.isolated, sys.flags.ignore_environment)",
        ])
        .env("PYTHONPATH", "/somewhere")
        .output()
        .expect("runs");
    assert_eq!(text(&out.stdout), "<frozen> 1 1\n");
    // -u: every write goes out at once (seen before the process ends).
    let out = pyvm()
        .args(["-u", "-c", "import sys; print(sys.stdout.write_through)"])
        .output()
        .expect("runs");
    assert_eq!(text(&out.stdout), "True\n");
    // -W error turns warnings into exceptions; a bad -W is reported as CPython does.
    let out = pyvm()
        .args(["-W", "error", "-c", "import warnings\ntry:\n    warnings.warn('old', DeprecationWarning)\nexcept DeprecationWarning as e:\n    print('raised', e)"])
        .output()
        .expect("runs");
    assert_eq!(text(&out.stdout), "raised old\n");
    let out = pyvm()
        .args(["-W", "bogus", "-c", "print('ran')"])
        .output()
        .expect("runs");
    assert_eq!(text(&out.stdout), "ran\n");
    assert_eq!(
        text(&out.stderr),
        "Invalid -W option ignored: invalid action: 'bogus'\n"
    );
    // -x skips the first line, keeping line numbers.
    let dir = temp_dir("x");
    write(
        &dir.join("s.py"),
        "this is not python\nimport sys\nprint(sys._getframe().f_lineno)\n",
    );
    let out = pyvm()
        .arg("-x")
        .arg(dir.join("s.py"))
        .output()
        .expect("runs");
    assert_eq!(text(&out.stdout), "3\n");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `sys.flags` as CPython 3.11 reports it for plain runs and each option (its values
/// printed by CPython itself, with no `PYTHON*` variables and a UTF-8 locale):
/// `utf8_mode` is 0 unless `-X utf8`, `PYTHONUTF8=1` or a "C"/"POSIX" locale.
#[test]
fn sys_flags_as_cpython() {
    let flags = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = pyvm();
        for (k, _) in std::env::vars() {
            if k.starts_with("PYTHON") || k.starts_with("LC_") || k == "LANG" {
                cmd.env_remove(k);
            }
        }
        cmd.env("LANG", "C.UTF-8");
        let out = cmd
            .args(args)
            .args(["-c", "import sys; print(tuple(sys.flags))"])
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .output()
            .expect("runs");
        assert_eq!(text(&out.stderr), "", "{args:?}");
        text(&out.stdout).trim_end().to_owned()
    };
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);
    let cases: &[Case] = &[
        (
            &[],
            &[],
            "(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, False, 0, 0, False, -1)",
        ),
        (
            &["-O"],
            &[],
            "(0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, False, 0, 0, False, -1)",
        ),
        (
            &["-OO"],
            &[],
            "(0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0, False, 0, 0, False, -1)",
        ),
        (
            &["-B"],
            &[],
            "(0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, False, 0, 0, False, -1)",
        ),
        (
            &["-I"],
            &[],
            "(0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1, False, 0, 0, True, -1)",
        ),
        (
            &["-E"],
            &[],
            "(0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, False, 0, 0, False, -1)",
        ),
        (
            &["-u"],
            &[],
            "(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, False, 0, 0, False, -1)",
        ),
        (
            &["-q"],
            &[],
            "(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, False, 0, 0, False, -1)",
        ),
        (
            &["-s"],
            &[],
            "(0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, False, 0, 0, False, -1)",
        ),
        (
            &["-P"],
            &[],
            "(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, False, 0, 0, True, -1)",
        ),
        (
            &["-bb"],
            &[],
            "(0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1, 0, False, 0, 0, False, -1)",
        ),
        (
            &["-X", "dev"],
            &[],
            "(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, True, 0, 0, False, -1)",
        ),
        (
            &["-X", "utf8"],
            &[],
            "(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, False, 1, 0, False, -1)",
        ),
        (
            &["-X", "warn_default_encoding"],
            &[],
            "(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, False, 0, 1, False, -1)",
        ),
        (
            &[],
            &[("PYTHONUTF8", "1")],
            "(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, False, 1, 0, False, -1)",
        ),
        (
            &["-E"],
            &[("PYTHONUTF8", "1")],
            "(0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, False, 0, 0, False, -1)",
        ),
        (
            &[],
            &[("LC_ALL", "C")],
            "(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, False, 1, 0, False, -1)",
        ),
        (
            &["-X", "utf8=0"],
            &[("LC_ALL", "C")],
            "(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, False, 0, 0, False, -1)",
        ),
        (
            &[],
            &[("PYTHONDEVMODE", "1"), ("PYTHONOPTIMIZE", "1")],
            "(0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, True, 0, 0, False, -1)",
        ),
    ];
    for (args, env, want) in cases {
        assert_eq!(flags(args, env), *want, "{args:?} {env:?}");
    }
    // A bad -X utf8 value is CPython's fatal error.
    let out = pyvm()
        .args(["-X", "utf8=2", "-c", "pass"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "Fatal Python error: preconfig_init_utf8_mode: invalid -X utf8 option value\nPython runtime state: preinitializing\n\n"
    );
}

#[test]
fn program_from_stdin() {
    let prog = "import sys\nprint('args', sys.argv)\nprint(sum(range(5)))\n";
    let out = run_with_input(&["-", "x", "y"], prog);
    assert_eq!(text(&out.stdout), "args ['-', 'x', 'y']\n10\n");
    // No program named, stdin not a terminal: the program is stdin.
    let out = run_with_input::<&str>(&[], "print('from stdin')\n1/0\n");
    assert_eq!(text(&out.stdout), "from stdin\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "Traceback (most recent call last):\n  File \"<stdin>\", line 2, in <module>\nZeroDivisionError: division by zero\n"
    );
}

#[test]
fn dash_m_runs_modules_and_packages_as_main() {
    let dir = temp_dir("m");
    write(
        &dir.join("tool.py"),
        "import sys\nprint(__name__, __spec__.name, sys.argv[0].endswith('tool.py'), sys.argv[1:])\n",
    );
    write(&dir.join("app/__init__.py"), "print('package init')\n");
    write(
        &dir.join("app/__main__.py"),
        "from . import helper\nprint(__name__, __package__, helper.VALUE)\n",
    );
    write(&dir.join("app/helper.py"), "VALUE = 42\n");
    write(
        &dir.join("app/boom.py"),
        "def f():\n    raise ValueError('bad')\nf()\n",
    );
    let m = |args: &[&str]| {
        pyvm()
            .arg("-m")
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("runs")
    };
    let out = m(&["tool", "--flag", "v"]);
    assert_eq!(text(&out.stderr), "");
    assert_eq!(text(&out.stdout), "__main__ tool True ['--flag', 'v']\n");
    let out = m(&["app"]);
    assert_eq!(text(&out.stdout), "package init\n__main__ app 42\n");
    let out = m(&["nonexistent_mod"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), "pyvm: No module named nonexistent_mod\n");
    let out = m(&["app.boom"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.ends_with("    raise ValueError('bad')\nValueError: bad\n"),
        "{err}"
    );
    // A library module: `python -m` of CPython's standard library.
    let out = pyvm()
        .args(["-m", "textwrap"])
        .current_dir(&dir)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // A folder with a __main__.py runs as a script.
    write(
        &dir.join("bundle/__main__.py"),
        "import sys\nprint('bundle', sys.path[0].endswith('bundle'))\n",
    );
    let out = pyvm().arg(dir.join("bundle")).output().expect("runs");
    assert_eq!(text(&out.stdout), "bundle True\n");
    std::fs::create_dir_all(dir.join("empty")).expect("mkdir");
    let out = pyvm().arg(dir.join("empty")).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("can't find '__main__' module in"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The prompt's transcript for piped input is CPython's (`python3 -q -i`): prompts
/// and the final newline on stderr, values and output on stdout.
#[test]
fn interactive_prompt_reads_statements() {
    let session =
        "x = 3\nx * 2\nfor i in range(2):\n    print(i)\n\n1/0\ndef f(:\nimport sys; sys.ps1\n";
    let out = run_with_input(&["-q", "-i"], session);
    assert_eq!(text(&out.stdout), "6\n0\n1\n'>>> '\n");
    assert_eq!(
        text(&out.stderr),
        ">>> >>> >>> ... ... >>> Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nZeroDivisionError: division by zero\n>>>   File \"<stdin>\", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax\n>>> >>> \n"
    );
    // -i after a script: its names are there; the banner unless -q.
    let dir = temp_dir("i");
    write(&dir.join("s.py"), "y = 5\n");
    let out = run_with_input(
        &[
            std::ffi::OsString::from("-i"),
            dir.join("s.py").into_os_string(),
        ],
        "print(y * 2)\n",
    );
    assert_eq!(text(&out.stdout), "10\n");
    assert!(
        text(&out.stderr).starts_with("Python 3.11.0 (pyvm 0.1.0) [Rust] on linux\nType \"help\"")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A micro-thread reading stdin waits alone: the others run meanwhile.
#[test]
fn stdin_reads_wait_only_their_micro_thread() {
    let prog = r#"
import sys, time
from micro_thread import start_in_parallel
def tick():
    for i in range(3):
        time.sleep(0.1)
        print('tick', i, flush=True)
t = start_in_parallel(tick)
print('got', input('name? '))
for line in sys.stdin:
    print('line', line.rstrip())
t.wait()
print('buffer', sys.stdin.buffer.read())
"#;
    let mut child = pyvm()
        .args(["-c", prog])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pyvm starts");
    let mut stdin = child.stdin.take().expect("stdin");
    std::thread::sleep(Duration::from_millis(600));
    stdin.write_all(b"ada\nfirst\n").expect("write");
    stdin.flush().expect("flush");
    std::thread::sleep(Duration::from_millis(100));
    stdin.write_all(b"second\n").expect("write");
    drop(stdin);
    let out = child.wait_with_output().expect("pyvm ends");
    assert_eq!(text(&out.stderr), "");
    assert_eq!(
        text(&out.stdout),
        "name? tick 0\ntick 1\ntick 2\ngot ada\nline first\nline second\nbuffer b''\n"
    );
}

#[test]
fn stdin_as_a_file() {
    let prog = r#"
import sys
print(sys.stdin.readline(), end='')
print(sys.stdin.read(3))
print(sys.stdin.readlines())
print(repr(sys.stdin.read()), repr(sys.stdin.readline()))
print(sys.stdin.name, sys.stdin.mode, sys.stdin.encoding, sys.stdin.fileno(), sys.stdin.readable())
try:
    sys.stdin.write('x')
except OSError as e:
    print('write:', e)
"#;
    let out = run_with_input(&["-c", prog], "héllo\nwörld\nlast");
    assert_eq!(text(&out.stderr), "");
    assert_eq!(
        text(&out.stdout),
        "héllo\nwör\n['ld\\n', 'last']\n'' ''\n<stdin> r utf-8 0 True\nwrite: not writable\n"
    );
}

/// `pyvm -m json.tool` is Lib's `json/tool.py` (on `_json`): stdin to stdout with
/// its options, and a broken document is its one-line error and exit status 1.
#[test]
fn json_tool_pretty_prints_stdin() {
    let out = run_with_input(
        &["-m", "json.tool", "--sort-keys"],
        r#"{"b": [1, 2.5, null], "a": "\u00e9"}"#,
    );
    assert_eq!(text(&out.stderr), "");
    assert_eq!(
        text(&out.stdout),
        "{\n    \"a\": \"\\u00e9\",\n    \"b\": [\n        1,\n        2.5,\n        null\n    ]\n}\n"
    );
    let out = run_with_input(
        &["-m", "json.tool", "--compact", "--no-ensure-ascii"],
        "[1, {\"k\": \"\u{e9}\"}]",
    );
    assert_eq!(text(&out.stdout), "[1,{\"k\":\"\u{e9}\"}]\n");
    let out = run_with_input(&["-m", "json.tool", "--json-lines"], "{\"x\": 1}\n[true]\n");
    assert_eq!(text(&out.stdout), "{\n    \"x\": 1\n}\n[\n    true\n]\n");
    let out = run_with_input(&["-m", "json.tool"], "{\"a\": 1,}");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "Expecting property name enclosed in double quotes: line 1 column 9 (char 8)\n"
    );
}
