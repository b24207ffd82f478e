//! The Python examples in `examples/` run and print what their docstrings promise.

use std::process::Command;

fn run(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples")
        .join(name);
    let out = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .arg(&path)
        .output()
        .expect("pyvm runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn pipeline_example() {
    assert_eq!(
        run("pipeline.py"),
        "10:00:02 GET  /missing     -> 404\n\
         10:00:04 GET  /api/items   -> 500\n\
         /api/items    1,143 bytes\n\
         /index.html   1,024 bytes\n\
         /missing          0 bytes\n"
    );
}

#[test]
fn parallel_map_example() {
    let out = run("parallel_map.py");
    assert!(out.starts_with("http://a.example/ (17 bytes)\nhttp://bb.example/x (19 bytes)\n"));
    assert!(out.contains("5 fetches overlapped: True\n"), "{out}");
    assert!(
        out.ends_with("risky -> 4\nfailed: item 3 is bad\nrisky -> 16\n"),
        "{out}"
    );
}
