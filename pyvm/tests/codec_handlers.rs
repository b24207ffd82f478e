//! A decoding error handler that replaces `UnicodeDecodeError.object` (CPython then
//! decodes on from the new object) is refused with `NotImplementedError`: pyvm's
//! decoders read only their own input, and retrying the same failure used to loop
//! forever (`test_codeccallbacks` hung). CPython cannot produce this output, so it
//! is not a golden script.

use std::process::Command;

#[test]
fn a_handler_replacing_the_object_is_refused_not_looped_on() {
    let script = r#"
import codecs
def longer(exc):
    exc.object = b"\x00" * 8
    return ("\ufffd", exc.start)
def keeps(exc):
    return ("?", exc.end)
codecs.register_error("t.longer", longer)
codecs.register_error("t.keeps", keeps)
for data, enc in [(b"\x00", "utf-16"), (b"a\xff", "utf-8"), (b"\xff", "ascii")]:
    try:
        data.decode(enc, "t.longer")
    except NotImplementedError as e:
        print(enc, "refused:", e)
    print(enc, ascii(data.decode(enc, "t.keeps")))
"#;
    let out = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .args(["-c", script])
        .output()
        .expect("pyvm runs");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let refused = "refused: pyvm: a decoding error handler cannot replace the object being decoded";
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("utf-16 {refused}\nutf-16 '?'\nutf-8 {refused}\nutf-8 'a?'\nascii {refused}\nascii '?'\n")
    );
}
