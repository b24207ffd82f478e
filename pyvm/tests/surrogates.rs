//! pyvm stores the lone surrogate U+D800+k as U+10F000+k (`objects::str`), so the
//! code points U+10F000..U+10F7FF cannot be represented: `chr`, `%c`, escapes in
//! source and in `unicode_escape`, and the UTF decoders refuse them with an error
//! naming the limitation, while their neighbours (U+10EFFF, U+10F800, U+10FFFF)
//! and the surrogates themselves work. (The golden scripts cannot check this:
//! CPython has no such limit.)

use std::process::Command;

fn run(script: &str) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .args(["-c", script])
        .output()
        .expect("pyvm runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const LIMIT: &str =
    "code point not representable in pyvm (U+10F000..U+10F7FF stand for lone surrogates)";

#[test]
fn the_storage_block_is_refused_everywhere() {
    let script = r#"
def attempt(label, f):
    try:
        r = f()
    except (ValueError, SyntaxError) as e:
        print(label, type(e).__name__, e.reason if isinstance(e, UnicodeError) else e.msg if isinstance(e, SyntaxError) else e)
    else:
        print(label, 'ok', ascii(r))

for cp in (0x10EFFF, 0x10F000, 0x10F7FF, 0x10F800, 0x10FFFF):
    attempt('chr %x' % cp, lambda: chr(cp))
attempt('%c', lambda: '%c' % 0x10F123)
attempt('literal', lambda: eval(r"'\U0010f000'"))
attempt('unicode_escape', lambda: rb'\U0010f7ff'.decode('unicode_escape'))
attempt('utf-8', lambda: '\U0010ffff'.encode().replace(b'\xbf\xbf', b'\x80\x80').decode())
attempt('utf-16', lambda: b'\xdb\xfc\xdc\x00'.decode('utf-16-be'))
attempt('utf-32', lambda: (0x10F000).to_bytes(4, 'little').decode('utf-32-le'))
attempt('escape', lambda: b'\xf4\x8f\x80\x80'.decode('utf-8', 'surrogateescape'))
attempt('json', lambda: __import__('json').loads(r'"\udbfc\udc00"'))
attempt('surrogate', lambda: (chr(0xD800), ord('\udfff'), '\U0010ffff' > '\udfff'))
"#;
    let (out, err) = run(script);
    assert_eq!(err, "");
    let expected = format!(
        "chr 10efff ok '\\U0010efff'
chr 10f000 ValueError chr() arg {LIMIT}
chr 10f7ff ValueError chr() arg {LIMIT}
chr 10f800 ok '\\U0010f800'
chr 10ffff ok '\\U0010ffff'
%c ValueError %c arg {LIMIT}
literal SyntaxError (unicode error) 'unicodeescape' codec can't decode bytes: {LIMIT}
unicode_escape UnicodeDecodeError {LIMIT}
utf-8 UnicodeDecodeError {LIMIT}
utf-16 UnicodeDecodeError {LIMIT}
utf-32 UnicodeDecodeError {LIMIT}
escape ok '\\udcf4\\udc8f\\udc80\\udc80'
json JSONDecodeError {LIMIT}: line 1 column 2 (char 1)
surrogate ok ('\\ud800', 57343, True)
"
    );
    assert_eq!(out, expected);
}
