//! Golden Python scripts: `tests/py/<area>/NAME.py` must make `pyvm` print exactly
//! `NAME.exp` (CPython 3.11's output, written by `tests/py/regen.py`; the format is
//! described there). On a mismatch the actual output is written to `NAME.out`.
//! A `.py` whose first line starts with `# helper module` is imported by the
//! scripts beside it and is not a test.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/py")
}

/// Run one script the way regen.py runs CPython and format its output the same way.
fn actual(script: &Path) -> String {
    let dir = script.parent().expect("script in a folder");
    let name = script
        .file_name()
        .and_then(|n| n.to_str())
        .expect("utf-8 name");
    // A `# env: NAME=VALUE` comment among the first lines sets that variable (for
    // micro_thread scripts testing pyvm's own knobs; CPython ignores it).
    let text = std::fs::read_to_string(script).unwrap_or_default();
    let env: Vec<(String, String)> = text
        .lines()
        .take(12)
        .filter_map(|l| l.strip_prefix("# env: "))
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .arg(name)
        .arg("arg1")
        .current_dir(dir)
        // As regen.py runs CPython: the same str/bytes hash key, so sets and dicts
        // of strings iterate in the same order.
        .env("PYTHONHASHSEED", "0")
        .envs(env)
        .env_remove("PYTHONPATH")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pyvm starts");
    // Drain both pipes while waiting, so a chatty script cannot block on a full pipe.
    let drain = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            buf
        })
    };
    let out_reader = drain(Box::new(child.stdout.take().expect("stdout pipe")));
    let err_reader = drain(Box::new(child.stderr.take().expect("stderr pipe")));
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait for pyvm") {
            // Like Python's returncode: -N when killed by signal N.
            use std::os::unix::process::ExitStatusExt;
            break s.code().unwrap_or_else(|| -s.signal().unwrap_or(1));
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break -1;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let out_bytes = out_reader.join().expect("stdout reader");
    let err_bytes = err_reader.join().expect("stderr reader");
    // The script's folder is left out of paths, as regen.py does.
    let abs = std::fs::canonicalize(dir).expect("script folder");
    let prefix = format!("{}/", abs.display());
    let stdout = String::from_utf8_lossy(&out_bytes).replace(&prefix, "");
    let stderr = String::from_utf8_lossy(&err_bytes).replace(&prefix, "");
    if status != 0 || !stderr.is_empty() {
        format!("{stdout}--- exit status {status}; stderr: ---\n{stderr}")
    } else {
        stdout
    }
}

fn check(rel: &str) {
    let script = root().join(rel);
    let exp_path = script.with_extension("exp");
    let expected =
        std::fs::read_to_string(&exp_path).expect("NAME.exp exists (run tests/py/regen.py)");
    let got = actual(&script);
    let out_path = script.with_extension("out");
    if got != expected {
        std::fs::write(&out_path, &got).expect("write NAME.out");
        panic!(
            "{rel}: output differs from {}; see {}",
            exp_path.display(),
            out_path.display()
        );
    }
    let _ = std::fs::remove_file(out_path);
}

macro_rules! golden {
    ($name:ident, $rel:literal) => {
        #[test]
        fn $name() {
            check($rel);
        }
    };
}

include!("golden/scripts.rs");

/// Every script on disk has a test (regen.py writes the list).
#[test]
fn every_script_is_listed() {
    let list = include_str!("golden/scripts.rs");
    for area in std::fs::read_dir(root()).expect("tests/py") {
        let area = area.expect("entry").path();
        if !area.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&area).expect("area") {
            let f = f.expect("entry").path();
            let helper =
                || std::fs::read_to_string(&f).is_ok_and(|s| s.starts_with("# helper module"));
            if f.extension().is_some_and(|e| e == "py") && !helper() {
                let rel = f
                    .strip_prefix(root())
                    .expect("under root")
                    .display()
                    .to_string();
                assert!(
                    list.contains(&format!("\"{rel}\"")),
                    "{rel} has no test: run tests/py/regen.py"
                );
            }
        }
    }
}
