//! The values of string literals holding lone surrogates. Ruff's tokenizer decodes a
//! `\ud800` escape as U+FFFD, and a `\U0010f000` escape as that code point, which
//! pyvm's `str` uses for the lone surrogate U+D800 (`objects::str`). A literal whose
//! value holds either is decoded again here from its source text, with CPython's
//! escapes: surrogates become lone surrogates, and U+10F000..U+10F7FF are refused.
//! Everything else keeps Ruff's value.

use std::borrow::Cow;

use ruff_python_ast::{self as ast, StringFlags};

use crate::objects::str::{from_code_point, has_surrogates, NOT_REPRESENTABLE};

/// Might Ruff's value of this literal differ from CPython's?
fn suspect(value: &str) -> bool {
    value.contains('\u{fffd}') || has_surrogates(value)
}

/// The value of a (possibly implicitly concatenated) string literal.
pub fn str_value<'v>(text: &str, s: &'v ast::ExprStringLiteral) -> Result<Cow<'v, str>, String> {
    let value = s.value.to_str();
    if !suspect(value) {
        return Ok(Cow::Borrowed(value));
    }
    let mut out = String::with_capacity(value.len());
    for part in s.value.iter() {
        let flags = part.flags;
        if flags.prefix().is_raw() || !suspect(&part.value) {
            out.push_str(&part.value);
            continue;
        }
        let body = &text[part.range][flags.opener_len().to_usize()..];
        let body = &body[..body.len() - flags.closer_len().to_usize()];
        out.push_str(&unescape(body, false)?);
    }
    Ok(Cow::Owned(out))
}

/// The value of a literal piece of an f-string (`{{` and `}}` in its source text).
pub fn fstring_piece<'v>(
    text: &str,
    l: &'v ast::InterpolatedStringLiteralElement,
) -> Result<Cow<'v, str>, String> {
    let source = &text[l.range];
    // A raw f-string's piece is its source text, braces undoubled.
    if !suspect(&l.value) || source.replace("{{", "{").replace("}}", "}") == *l.value {
        return Ok(Cow::Borrowed(&l.value));
    }
    Ok(Cow::Owned(unescape(source, true)?))
}

/// Python's escapes in a literal's body (`braces`: `{{`/`}}` stand for one brace).
fn unescape(body: &str, braces: bool) -> Result<String, String> {
    let mut out = String::with_capacity(body.len());
    let mut it = body.chars().peekable();
    while let Some(c) = it.next() {
        if braces && (c == '{' || c == '}') && it.peek() == Some(&c) {
            it.next();
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = it.next() else {
            out.push('\\');
            break;
        };
        let simple = match e {
            '\n' => Some(None),
            '\\' | '\'' | '"' => Some(Some(e)),
            'a' => Some(Some('\x07')),
            'b' => Some(Some('\x08')),
            'f' => Some(Some('\x0c')),
            'n' => Some(Some('\n')),
            'r' => Some(Some('\r')),
            't' => Some(Some('\t')),
            'v' => Some(Some('\x0b')),
            _ => None,
        };
        if let Some(ch) = simple {
            out.extend(ch);
            continue;
        }
        let digits = match e {
            '0'..='7' => {
                let mut v = e as u32 - '0' as u32;
                for _ in 0..2 {
                    match it.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            it.next();
                        }
                        None => break,
                    }
                }
                out.extend(char::from_u32(v));
                continue;
            }
            'x' => 2,
            'u' => 4,
            'U' => 8,
            'N' => {
                // `\N{NAME}`: Ruff checked the name.
                let name: String = it.by_ref().skip(1).take_while(|&c| c != '}').collect();
                out.extend(unicode_names2::character(&name));
                continue;
            }
            _ => {
                out.push('\\');
                out.push(e);
                continue;
            }
        };
        let hex: String = it.by_ref().take(digits).collect();
        let v = u32::from_str_radix(&hex, 16).unwrap_or(0);
        match from_code_point(v) {
            Some(ch) => out.push(ch),
            None => {
                return Err(format!(
                    "(unicode error) 'unicodeescape' codec can't decode bytes: {NOT_REPRESENTABLE}"
                ))
            }
        }
    }
    Ok(out)
}
