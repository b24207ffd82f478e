//! CPython's tokenizer errors about brackets, which override a generic "invalid
//! syntax" (`_PyPegen_tokenize_full_source_to_check_for_errors`): an unmatched
//! closer, a closer of the wrong kind, or an opener never closed by the end of file.
//! A light scan that skips comments and string literals (any prefix, triple quotes).

/// The first bracket error in `text`: CPython's message and the byte offset of the
/// bracket it marks. `None` when the brackets balance (or a string never ends: that
/// is another error).
pub fn check(text: &str) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    // Open brackets: (char, offset, line).
    let mut open: Vec<(u8, usize, usize)> = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\n' => line += 1,
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\\' => i += 1, // a continuation or an escaped character: skip it
            b'"' | b'\'' => {
                let triple = bytes[i..].starts_with(&[c, c, c]);
                let quote_len = if triple { 3 } else { 1 };
                let mut j = i + quote_len;
                loop {
                    if j >= bytes.len() {
                        return None;
                    }
                    match bytes[j] {
                        b'\\' => j += 1,
                        b'\n' if !triple => return None,
                        b'\n' => line += 1,
                        q if q == c && (!triple || bytes[j..].starts_with(&[c, c, c])) => break,
                        _ => {}
                    }
                    j += 1;
                }
                i = j + quote_len;
                continue;
            }
            b'(' | b'[' | b'{' => open.push((c, i, line)),
            b')' | b']' | b'}' => {
                let want = match c {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                match open.pop() {
                    None => return Some((format!("unmatched '{}'", c as char), i)),
                    Some((o, _, _)) if o == want => {}
                    Some((o, _, at_line)) => {
                        let mut msg = format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}'",
                            c as char, o as char
                        );
                        if at_line != line {
                            msg.push_str(&format!(" on line {at_line}"));
                        }
                        return Some((msg, i));
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    open.pop()
        .map(|(o, at, _)| (format!("'{}' was never closed", o as char), at))
}
