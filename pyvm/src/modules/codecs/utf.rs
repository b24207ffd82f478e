//! The UTF codecs: UTF-8, UTF-16 and UTF-32 (either byte order, with or without a
//! BOM) and UTF-7, with CPython's stateful decoding: with `final` false an
//! incomplete sequence at the end is left unconsumed for the next chunk.

use super::errors::{encode_chars, Decoding};
use super::{arg_errors, arg_final, arg_text, input_bytes, pair_bytes, pair_str};
use crate::native::*;
use crate::objects::rc::Arc;
use crate::objects::str::{
    code_point, from_code_point, has_surrogates, is_surrogate, PyStr, NOT_REPRESENTABLE,
};

/// Why a UTF encoder fails on a lone surrogate.
const SURROGATES: &str = "surrogates not allowed";

// --- UTF-8 -----------------------------------------------------------------------

pub(super) fn utf_8_encode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("utf_8_encode", 1, 2)?;
    let text = arg_text(args.at(0), "utf_8_encode")?;
    let errors = arg_errors(args.get(1), "utf_8_encode")?;
    Ok(pair_bytes(
        encode_utf8(cx, &text, &errors)?,
        text.char_len(),
    ))
}

/// UTF-8 of a str: its bytes, unless it holds a lone surrogate, which goes to the
/// `errors` handler.
pub fn encode_utf8(cx: &mut Cx, text: &Arc<PyStr>, errors: &str) -> PyResult<Vec<u8>> {
    if !text.has_surrogates() {
        return Ok(crate::objects::memory::copy(text.as_str().as_bytes())?);
    }
    encode_chars(cx, text, "utf-8", SURROGATES, errors, &mut |_, c, out| {
        if is_surrogate(c) {
            return Ok(false);
        }
        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        Ok(true)
    })
}

/// Pushes valid UTF-8 text decoded from `b[at..]`, up to a code point pyvm cannot
/// represent (U+10F000..U+10F7FF): returns the byte offset in `b` of that code point.
fn push_valid(s: &str, at: usize, out: &mut String) -> Option<usize> {
    if !has_surrogates(s) {
        out.push_str(s);
        return None;
    }
    let k = s.char_indices().find(|(_, c)| is_surrogate(*c))?.0;
    out.push_str(&s[..k]);
    Some(at + k)
}

pub(super) fn utf_8_decode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("utf_8_decode", 1, 3)?;
    let b = input_bytes(cx, args.at(0))?;
    let errors = arg_errors(args.get(1), "utf_8_decode")?;
    let fin = arg_final(cx, args.get(2))?;
    let (s, n) = decode_utf8(cx, &b, &errors, fin)?;
    Ok(pair_str(s, n))
}

/// UTF-8 with an error handler; returns the text and how many bytes were consumed.
pub fn decode_utf8(cx: &mut Cx, b: &[u8], errors: &str, fin: bool) -> PyResult<(String, usize)> {
    if let Ok(s) = std::str::from_utf8(b) {
        if !has_surrogates(s) {
            let mut out = crate::objects::memory::string_with(s.len())?;
            out.push_str(s);
            return Ok((out, b.len()));
        }
    }
    let mut d = Decoding::new("utf-8", errors);
    let mut out = crate::objects::memory::string_with(b.len())?;
    let mut i = 0;
    while i < b.len() {
        let (good, err) = match std::str::from_utf8(&b[i..]) {
            Ok(s) => (s, None),
            // `valid_up_to` bytes are valid UTF-8.
            Err(e) => (
                std::str::from_utf8(&b[i..i + e.valid_up_to()]).unwrap_or(""),
                Some(e),
            ),
        };
        if let Some(at) = push_valid(good, i, &mut out) {
            i = d.fail(cx, b, at, at + 4, NOT_REPRESENTABLE, &mut out)?;
            continue;
        }
        match err {
            None => i = b.len(),
            Some(e) => {
                let at = i + e.valid_up_to();
                match e.error_len() {
                    None if !fin => return Ok((out, at)),
                    // The start of an encoded surrogate waits for more input, as in
                    // CPython (`surrogatepass` may take it).
                    Some(_) if !fin && matches!(b[at..], [0xed, 0xa0..=0xbf]) => {
                        return Ok((out, at))
                    }
                    None => {
                        i = d.fail(cx, b, at, b.len(), "unexpected end of data", &mut out)?;
                    }
                    Some(n) => {
                        let reason = if matches!(b[at], 0x80..=0xc1 | 0xf5..=0xff) {
                            "invalid start byte"
                        } else {
                            "invalid continuation byte"
                        };
                        i = d.fail(cx, b, at, at + n, reason, &mut out)?;
                    }
                }
            }
        }
    }
    Ok((out, b.len()))
}

// --- UTF-16 and UTF-32 -------------------------------------------------------------

/// The code point a high surrogate `hi` and the unit `lo` make, when `lo` is low.
fn pair_of(hi: u32, lo: u32) -> Option<u32> {
    (0xdc00..0xe000)
        .contains(&lo)
        .then(|| 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00))
}

/// `byteorder`: -1 little-endian, 1 big-endian, 0 native with a BOM.
fn order_arg(v: Option<&Value>) -> Result<i64, PyErr> {
    match v {
        None => Ok(0),
        Some(v) => arg_int(v, ""),
    }
}

/// UTF-16 (`wide` false) or UTF-32 of a str in byte order `order` (0: a BOM, then
/// little-endian); a lone surrogate goes to the `errors` handler.
pub fn encode_wide(
    cx: &mut Cx,
    text: &Arc<PyStr>,
    errors: &str,
    order: i64,
    wide: bool,
) -> PyResult<Vec<u8>> {
    let s = text.as_str();
    if !text.has_surrogates() {
        return if wide {
            encode_utf32(s, order)
        } else {
            encode_utf16(s, order)
        };
    }
    let encoding = match (wide, order) {
        (false, 0) => "utf-16",
        (false, o) if o < 0 => "utf-16-le",
        (false, _) => "utf-16-be",
        (true, 0) => "utf-32",
        (true, o) if o < 0 => "utf-32-le",
        (true, _) => "utf-32-be",
    };
    let mut out = if wide {
        encode_utf32("", order)?
    } else {
        encode_utf16("", order)?
    };
    // The characters in the BOM's byte order (little-endian), without a BOM each.
    let each = if order > 0 { 1 } else { -1 };
    let body = encode_chars(cx, text, encoding, SURROGATES, errors, &mut |_, c, out| {
        if is_surrogate(c) {
            return Ok(false);
        }
        let one = c.to_string();
        out.extend(if wide {
            encode_utf32(&one, each)?
        } else {
            encode_utf16(&one, each)?
        });
        Ok(true)
    })?;
    out.extend(body);
    Ok(out)
}

/// (The result is sized first: `MemoryError` when it cannot be held.)
fn encode_utf16(s: &str, order: i64) -> PyResult<Vec<u8>> {
    let mut out = crate::objects::memory::vec_with(2 + 2 * s.encode_utf16().count())?;
    let big = order > 0;
    if order == 0 {
        out.extend_from_slice(&[0xff, 0xfe]);
    }
    for u in s.encode_utf16() {
        out.extend_from_slice(&if big {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    Ok(out)
}

fn encode_utf32(s: &str, order: i64) -> PyResult<Vec<u8>> {
    let mut out = crate::objects::memory::vec_with(4 + 4 * s.chars().count())?;
    let big = order > 0;
    if order == 0 {
        out.extend_from_slice(&[0xff, 0xfe, 0, 0]);
    }
    for c in s.chars() {
        let u = c as u32;
        out.extend_from_slice(&if big {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    Ok(out)
}

fn utf_encode(
    cx: &mut Cx,
    args: Args,
    name: &str,
    fixed: Option<i64>,
    wide: bool,
) -> PyResult<Value> {
    let max = if fixed.is_some() { 2 } else { 3 };
    args.check(name, 1, max)?;
    let text = arg_text(args.at(0), name)?;
    let errors = arg_errors(args.get(1), name)?;
    let order = match fixed {
        Some(o) => o,
        None => order_arg(args.get(2))?,
    };
    let b = encode_wide(cx, &text, &errors, order, wide)?;
    Ok(pair_bytes(b, text.char_len()))
}

pub(super) fn utf_16_encode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    utf_encode(cx, args, "utf_16_encode", None, false)
}
pub(super) fn utf_16_le_encode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    utf_encode(cx, args, "utf_16_le_encode", Some(-1), false)
}
pub(super) fn utf_16_be_encode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    utf_encode(cx, args, "utf_16_be_encode", Some(1), false)
}
pub(super) fn utf_32_encode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    utf_encode(cx, args, "utf_32_encode", None, true)
}
pub(super) fn utf_32_le_encode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    utf_encode(cx, args, "utf_32_le_encode", Some(-1), true)
}
pub(super) fn utf_32_be_encode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    utf_encode(cx, args, "utf_32_be_encode", Some(1), true)
}

/// Decode UTF-16 (`wide` false) or UTF-32 in byte order `order` (0: look for a BOM,
/// else little-endian). Returns the text, the bytes consumed and the byte order
/// found (0 when no BOM was seen and `order` was 0).
pub fn decode_utf_wide(
    cx: &mut Cx,
    b: &[u8],
    errors: &str,
    mut order: i64,
    fin: bool,
    wide: bool,
) -> PyResult<(String, usize, i64)> {
    let unit = if wide { 4 } else { 2 };
    let mut i = 0;
    if order == 0 {
        if b.len() < unit {
            if !fin || b.is_empty() {
                // Not enough to see a BOM yet.
                if !fin {
                    return Ok((String::new(), 0, 0));
                }
            }
        } else {
            let bom_le: &[u8] = if wide {
                &[0xff, 0xfe, 0, 0]
            } else {
                &[0xff, 0xfe]
            };
            let bom_be: &[u8] = if wide {
                &[0, 0, 0xfe, 0xff]
            } else {
                &[0xfe, 0xff]
            };
            if &b[..unit] == bom_le {
                order = -1;
                i = unit;
            } else if &b[..unit] == bom_be {
                order = 1;
                i = unit;
            }
        }
    }
    let found = order;
    let big = order > 0;
    // CPython names the byte order it decodes in (little-endian when no BOM said).
    let encoding = match (wide, big) {
        (false, false) => "utf-16-le",
        (false, true) => "utf-16-be",
        (true, false) => "utf-32-le",
        (true, true) => "utf-32-be",
    };
    let mut d = Decoding::new(encoding, errors);
    let mut out = String::with_capacity(b.len() / unit);
    let read16 = |p: usize| -> u32 {
        let x = [b[p], b[p + 1]];
        (if big {
            u16::from_be_bytes(x)
        } else {
            u16::from_le_bytes(x)
        }) as u32
    };
    let read32 = |p: usize| -> u32 {
        let x = [b[p], b[p + 1], b[p + 2], b[p + 3]];
        if big {
            u32::from_be_bytes(x)
        } else {
            u32::from_le_bytes(x)
        }
    };
    while i < b.len() {
        if b.len() - i < unit {
            if !fin {
                return Ok((out, i, found));
            }
            i = d.fail(cx, b, i, b.len(), "truncated data", &mut out)?;
            continue;
        }
        if wide {
            let u = read32(i);
            match from_code_point(u).filter(|_| !(0xd800..0xe000).contains(&u)) {
                Some(c) => {
                    out.push(c);
                    i += 4;
                }
                None => {
                    let reason = if (0xd800..0xe000).contains(&u) {
                        "code point in surrogate code point range(0xd800, 0xe000)"
                    } else if u < 0x110000 {
                        NOT_REPRESENTABLE
                    } else {
                        "code point not in range(0x110000)"
                    };
                    i = d.fail(cx, b, i, i + 4, reason, &mut out)?;
                }
            }
            continue;
        }
        let u = read16(i);
        if !(0xd800..0xe000).contains(&u) {
            out.push(char::from_u32(u).unwrap_or('\u{fffd}'));
            i += 2;
        } else if u >= 0xdc00 {
            i = d.fail(cx, b, i, i + 2, "illegal encoding", &mut out)?;
        } else if b.len() - i < 4 {
            if !fin {
                return Ok((out, i, found));
            }
            i = d.fail(cx, b, i, b.len(), "unexpected end of data", &mut out)?;
        } else {
            let lo = read16(i + 2);
            let pair = pair_of(u, lo);
            if pair.is_some_and(|c| from_code_point(c).is_none()) {
                i = d.fail(cx, b, i, i + 4, NOT_REPRESENTABLE, &mut out)?;
            } else if let Some(c) = pair {
                out.extend(from_code_point(c));
                i += 4;
            } else {
                i = d.fail(cx, b, i, i + 2, "illegal UTF-16 surrogate", &mut out)?;
            }
        }
    }
    Ok((out, b.len(), found))
}

fn utf_decode(cx: &mut Cx, args: Args, name: &str, fixed: i64, wide: bool) -> PyResult<Value> {
    args.check(name, 1, 3)?;
    let b = input_bytes(cx, args.at(0))?;
    let errors = arg_errors(args.get(1), name)?;
    let fin = arg_final(cx, args.get(2))?;
    let (s, n, _) = decode_utf_wide(cx, &b, &errors, fixed, fin, wide)?;
    Ok(pair_str(s, n))
}

pub(super) fn utf_16_decode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    utf_decode(cx, args, "utf_16_decode", 0, false)
}
pub(super) fn utf_16_le_decode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    utf_decode(cx, args, "utf_16_le_decode", -1, false)
}
pub(super) fn utf_16_be_decode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    utf_decode(cx, args, "utf_16_be_decode", 1, false)
}
pub(super) fn utf_32_decode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    utf_decode(cx, args, "utf_32_decode", 0, true)
}
pub(super) fn utf_32_le_decode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    utf_decode(cx, args, "utf_32_le_decode", -1, true)
}
pub(super) fn utf_32_be_decode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    utf_decode(cx, args, "utf_32_be_decode", 1, true)
}

fn utf_ex_decode(cx: &mut Cx, args: Args, name: &str, wide: bool) -> PyResult<Value> {
    args.check(name, 1, 4)?;
    let b = input_bytes(cx, args.at(0))?;
    let errors = arg_errors(args.get(1), name)?;
    let order = order_arg(args.get(2))?;
    let fin = arg_final(cx, args.get(3))?;
    let (s, n, found) = decode_utf_wide(cx, &b, &errors, order, fin, wide)?;
    Ok(Value::tuple(vec![
        Value::string(s),
        Value::Int(n as i64),
        Value::Int(found),
    ]))
}

pub(super) fn utf_16_ex_decode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    utf_ex_decode(cx, args, "utf_16_ex_decode", false)
}
pub(super) fn utf_32_ex_decode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    utf_ex_decode(cx, args, "utf_32_ex_decode", true)
}

// --- UTF-7 (RFC 2152), as CPython writes and reads it -------------------------------

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_value(c: u8) -> Option<u32> {
    B64.iter().position(|&x| x == c).map(|p| p as u32)
}

/// Characters CPython writes directly (`ENCODE_DIRECT` with its defaults: the set D
/// and O, space, tab, CR, LF; not `+`, `\`, `~`).
fn direct(c: char) -> bool {
    let n = c as u32;
    n < 128
        && n > 0
        && (c.is_ascii_alphanumeric() || "'(),-./:? \t\r\n!\"#$%&*;<=>@[]^_`{|}".contains(c))
}

pub(super) fn utf_7_encode(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("utf_7_encode", 1, 2)?;
    let text = arg_text(args.at(0), "utf_7_encode")?;
    let _ = arg_errors(args.get(1), "utf_7_encode")?;
    let mut out = Vec::new();
    let mut in_shift = false;
    let mut bits = 0u32;
    let mut base64 = 0u64;
    let emit = |out: &mut Vec<u8>, bits: &mut u32, base64: &mut u64| {
        while *bits >= 6 {
            out.push(B64[((*base64 >> (*bits - 6)) & 0x3f) as usize]);
            *bits -= 6;
        }
    };
    for c in text.as_str().chars() {
        if in_shift {
            if direct(c) {
                // Shifting out: flush the partial sextet, then a `-` if the next
                // character could be read as base64 (or is `-`).
                if bits > 0 {
                    out.push(B64[((base64 << (6 - bits)) & 0x3f) as usize]);
                    base64 = 0;
                    bits = 0;
                }
                in_shift = false;
                if b64_value(c as u8).is_some() || c == '-' {
                    out.push(b'-');
                }
                out.push(c as u8);
                continue;
            }
        } else if c == '+' {
            out.extend_from_slice(b"+-");
            continue;
        } else if direct(c) {
            out.push(c as u8);
            continue;
        } else {
            out.push(b'+');
            in_shift = true;
        }
        let mut units = [0u16; 2];
        let units: &[u16] = if is_surrogate(c) {
            units[0] = code_point(c) as u16;
            &units[..1]
        } else {
            c.encode_utf16(&mut units)
        };
        for u in units {
            base64 = (base64 << 16) | *u as u64;
            bits += 16;
            emit(&mut out, &mut bits, &mut base64);
        }
        base64 &= (1u64 << bits) - 1;
    }
    if bits > 0 {
        out.push(B64[((base64 << (6 - bits)) & 0x3f) as usize]);
    }
    if in_shift {
        out.push(b'-');
    }
    Ok(pair_bytes(out, text.char_len()))
}

pub(super) fn utf_7_decode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("utf_7_decode", 1, 3)?;
    let b = input_bytes(cx, args.at(0))?;
    let errors = arg_errors(args.get(1), "utf_7_decode")?;
    let fin = arg_final(cx, args.get(2))?;
    let mut d = Decoding::new("utf-7", &errors);
    let mut out = String::new();
    let mut in_shift = false;
    let mut bits = 0u32;
    let mut acc = 0u64;
    let mut surrogate: u32 = 0;
    let mut shift_start = 0usize;
    let mut out_start = 0usize;
    let mut i = 0;
    while i < b.len() {
        let ch = b[i];
        if in_shift {
            if let Some(v) = b64_value(ch) {
                acc = (acc << 6) | v as u64;
                bits += 6;
                i += 1;
                if bits >= 16 {
                    let u = ((acc >> (bits - 16)) & 0xffff) as u32;
                    bits -= 16;
                    acc &= (1u64 << bits) - 1;
                    if surrogate != 0 {
                        if let Some(c) = pair_of(surrogate, u).and_then(from_code_point) {
                            out.extend(Some(c));
                            surrogate = 0;
                            continue;
                        }
                        // A lone high surrogate stays as it is, as in CPython.
                        out.extend(from_code_point(surrogate));
                        surrogate = 0;
                    }
                    if (0xd800..0xdc00).contains(&u) {
                        surrogate = u;
                    } else {
                        out.extend(from_code_point(u));
                    }
                }
            } else {
                // Leaving base64.
                in_shift = false;
                i += 1;
                if bits >= 6 || acc != 0 {
                    let reason = if bits >= 6 {
                        "partial character in shift sequence"
                    } else {
                        "non-zero padding bits in shift sequence"
                    };
                    surrogate = 0;
                    i = d.fail(cx, &b, shift_start, i, reason, &mut out)?;
                    continue;
                }
                // A pending high surrogate is kept before a directly encoded
                // character (CPython's `DECODE_DIRECT`), dropped before another.
                if surrogate != 0 && ch < 128 && ch != b'+' {
                    out.extend(from_code_point(surrogate));
                }
                surrogate = 0;
                if ch != b'-' {
                    i -= 1;
                    // The terminating character is itself decoded below.
                    let c = b[i];
                    if c < 128 {
                        out.push(c as char);
                        i += 1;
                    } else {
                        i = d.fail(cx, &b, i, i + 1, "unexpected special character", &mut out)?;
                    }
                }
            }
        } else if ch == b'+' {
            shift_start = i;
            out_start = out.len();
            i += 1;
            if i < b.len() && b[i] == b'-' {
                out.push('+');
                i += 1;
            } else if i < b.len() && b64_value(b[i]).is_none() {
                i += 1;
                i = d.fail(cx, &b, shift_start, i, "ill-formed sequence", &mut out)?;
            } else {
                in_shift = true;
                bits = 0;
                acc = 0;
                surrogate = 0;
            }
        } else if ch < 128 {
            out.push(ch as char);
            i += 1;
        } else {
            i = d.fail(cx, &b, i, i + 1, "unexpected special character", &mut out)?;
        }
    }
    if in_shift {
        if !fin {
            // Leave the shift sequence for the next chunk.
            out.truncate(out_start);
            return Ok(pair_str(out, shift_start));
        }
        if surrogate != 0 || bits >= 6 || (bits > 0 && acc != 0) {
            let n = b.len();
            let _ = d.fail(
                cx,
                &b,
                shift_start,
                n,
                "unterminated shift sequence",
                &mut out,
            )?;
        }
    }
    Ok(pair_str(out, b.len()))
}
