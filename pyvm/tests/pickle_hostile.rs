//! `_pickle` never trusts a length in the stream for an allocation: a hostile pickle
//! announcing gigabytes (a frame, bytes, a str, a memo index) is an exception after at
//! most the bytes really there were read, from memory or from a file, under a 1 GiB
//! address-space limit. (CPython 3.11 allocates first and raises `MemoryError`, so the
//! golden scripts, whose output is CPython's, cannot check this.)

use std::process::Command;

const SCRIPT: &str = r#"
import io, pickle, resource
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
HOSTILE = [
    b"\x80\x04\x95\xff\xff\xff\xff\xff\x00\x00\x00N.",       # FRAME of ~1 TiB
    b"\x8e\xff\xff\xff\xff\xff\xff\x0f\x00abc",               # BINBYTES8
    b"\x8d\xff\xff\xff\xff\xff\xff\x0f\x00abc",               # BINUNICODE8
    b"\x96\xff\xff\xff\xff\xff\xff\x0f\x00abc",               # BYTEARRAY8
    b"B\xff\xff\xff\xffabc",                                  # BINBYTES, 4 GiB
    b"\x8b\xff\xff\xff\x7f",                                  # LONG4
    b"\x8e\xff\xff\xff\xff\xff\xff\xff\xff",                  # past isize::MAX
    b"\x80\x04Nr\xff\xff\xff\x7fj\xff\xff\xff\x7f.",          # memo index 2**31-1
]
for data in HOSTILE:
    for source in ("loads", "load"):
        try:
            if source == "loads":
                r = pickle.loads(data)
            else:
                r = pickle.load(io.BytesIO(data))
            print(source, "ok", r)
        except Exception as e:
            print(source, type(e).__name__, e)
"#;

#[test]
fn huge_lengths_in_a_stream_are_errors_not_allocations() {
    let out = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .args(["-c", SCRIPT])
        .output()
        .expect("pyvm runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    let truncated = "UnpicklingError pickle data was truncated";
    let expected = [
        truncated,
        truncated,
        truncated,
        truncated,
        truncated,
        truncated,
        "OverflowError BINBYTES8 exceeds system's maximum size of 9223372036854775807 bytes",
        "ok None",
    ];
    assert_eq!(lines.len(), expected.len() * 2, "{stdout}");
    for (i, want) in expected.iter().enumerate() {
        for (j, source) in ["loads", "load"].iter().enumerate() {
            assert_eq!(lines[2 * i + j], format!("{source} {want}"), "{stdout}");
        }
    }
}
