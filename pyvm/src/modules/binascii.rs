//! `binascii`: conversions between binary data and ASCII encodings (hexadecimal,
//! base64, quoted-printable, uuencode) and the CRC-32 / CRC-CCITT checksums, with
//! CPython's argument rules and errors (`binascii.Error`, `binascii.Incomplete`).

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::{type_name, types, PyType};

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();
static ERROR: OnceLock<Arc<PyType>> = OnceLock::new();
static INCOMPLETE: OnceLock<Arc<PyType>> = OnceLock::new();

pub(crate) static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "hexlify" => hexlify, "b2a_hex" => hexlify, "unhexlify" => unhexlify, "a2b_hex" => unhexlify,
    "b2a_base64" => b2a_base64, "a2b_base64" => a2b_base64, "crc32" => crc32,
    "crc_hqx" => crc_hqx, "b2a_qp" => b2a_qp, "a2b_qp" => a2b_qp, "b2a_uu" => b2a_uu,
    "a2b_uu" => a2b_uu,
];

fn error_type() -> &'static Arc<PyType> {
    ERROR.get_or_init(|| {
        Arc::new(PyType::builtin(
            "Error",
            "binascii",
            Some(&types().exc.value_error),
            crate::objects::types::Kind::Exception,
            None,
        ))
    })
}

fn error(msg: &str) -> PyErr {
    PyErr::msg(error_type(), msg)
}

/// The `binascii` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "binascii", FUNCS);
        m.set(gil, "Error", Value::Type(error_type().clone()));
        let incomplete = INCOMPLETE.get_or_init(|| {
            Arc::new(PyType::builtin(
                "Incomplete",
                "binascii",
                Some(&types().exc.exception),
                crate::objects::types::Kind::Exception,
                None,
            ))
        });
        m.set(gil, "Incomplete", Value::Type(incomplete.clone()));
        Arc::new(m)
    })
}

/// An argument the `a2b_*` functions decode: bytes-like, or a `str` of ASCII only.
fn ascii_arg(gil: Gil<'_>, v: &Value) -> Result<Vec<u8>, PyErr> {
    match crate::objects::class::payload(v).unwrap_or(v) {
        Value::Str(s) if s.as_str().is_ascii() => Ok(s.as_str().as_bytes().to_vec()),
        Value::Str(_) => Err(value_error(
            "string argument should contain only ASCII characters",
        )),
        // Any object with the buffer protocol (bytes, bytearray, memoryview, array).
        _ => bytes_arg(gil, v).map_err(|_| {
            type_error(format!(
                "argument should be bytes, buffer or ASCII string, not '{}'",
                type_name(v)
            ))
        }),
    }
}

fn bytes(v: Vec<u8>) -> Value {
    Value::Bytes(Arc::new(v))
}

/// `hexlify(data, sep=None, bytes_per_sep=1)`.
fn hexlify(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "hexlify", &["data", "sep", "bytes_per_sep"], 1, 3)?;
    let data = bytes_arg(cx.gil, a[0].as_ref().unwrap_or(&Value::None))?;
    let hex = crate::objects::methods::bytes::strhex(&data, a[1].as_ref(), a[2].as_ref())?;
    Ok(bytes(hex.into_bytes()))
}

fn unhexlify(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "unhexlify", &["hexstr"], 1, 1)?;
    let s = ascii_arg(cx.gil, a[0].as_ref().unwrap_or(&Value::None))?;
    if s.len() % 2 != 0 {
        return Err(error("Odd-length string").into());
    }
    let mut out = Vec::with_capacity(s.len() / 2);
    for pair in s.chunks_exact(2) {
        let (h, l) = (
            HEX_VALUES[usize::from(pair[0])],
            HEX_VALUES[usize::from(pair[1])],
        );
        if (h | l) & 0xf0 != 0 {
            return Err(error("Non-hexadecimal digit found").into());
        }
        out.push(h << 4 | l);
    }
    Ok(bytes(out))
}

/// Each byte's value as a hexadecimal digit (0xff: not one), as CPython's
/// `_PyLong_DigitValue` is used by `a2b_hex`.
const HEX_VALUES: [u8; 256] = {
    let mut t = [0xffu8; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        t[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Each byte's value in [`B64`] (0xff: not in the alphabet), as CPython's
/// `table_a2b_base64`: one load a byte where a search of the alphabet took about 30
/// comparisons (decoding was 9 times slower than CPython's).
const B64_VALUES: [u8; 256] = {
    let mut t = [0xffu8; 256];
    let mut i = 0;
    while i < 64 {
        t[B64[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// `b2a_base64(data, *, newline=True)`.
fn b2a_base64(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "b2a_base64", &["data", "newline"], 1, 1)?;
    let data = bytes_arg(cx.gil, a[0].as_ref().unwrap_or(&Value::None))?;
    let newline = match &a[1] {
        Some(v) => cx.truthy(v)?,
        None => true,
    };
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        out.push(B64[(n >> 18) as usize & 63]);
        out.push(B64[(n >> 12) as usize & 63]);
        out.push(if chunk.len() > 1 {
            B64[(n >> 6) as usize & 63]
        } else {
            b'='
        });
        out.push(if chunk.len() > 2 {
            B64[n as usize & 63]
        } else {
            b'='
        });
    }
    if newline {
        out.push(b'\n');
    }
    Ok(bytes(out))
}

/// `a2b_base64(data, *, strict_mode=False)`: CPython's decoder (non-alphabet
/// characters skipped, unless strict; padding rules; its messages).
fn a2b_base64(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "a2b_base64", &["data", "strict_mode"], 1, 1)?;
    let data = ascii_arg(cx.gil, a[0].as_ref().unwrap_or(&Value::None))?;
    let strict = match &a[1] {
        Some(v) => cx.truthy(v)?,
        None => false,
    };
    let value = |c: u8| Some(B64_VALUES[c as usize]).filter(|&v| v != 0xff);
    if strict && data.first() == Some(&b'=') {
        return Err(error("Leading padding not allowed").into());
    }
    // CPython's decoder, step for step: bytes come out as soon as their bits are in.
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    let mut quad_pos = 0;
    let mut left = 0u8;
    let mut pads = 0;
    let mut padding_started = false;
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding_started = true;
            pads += 1;
            if quad_pos >= 2 && quad_pos + pads >= 4 {
                // Complete padding: nothing after it is read.
                if strict && i + 1 < data.len() {
                    return Err(error("Excess data after padding").into());
                }
                return Ok(bytes(out));
            }
            continue;
        }
        let Some(v) = value(c) else {
            if strict {
                return Err(error("Only base64 data is allowed").into());
            }
            continue;
        };
        if strict && padding_started {
            return Err(error("Discontinuous padding not allowed").into());
        }
        pads = 0;
        match quad_pos {
            0 => {
                quad_pos = 1;
                left = v;
            }
            1 => {
                quad_pos = 2;
                out.push(left << 2 | v >> 4);
                left = v & 0x0f;
            }
            2 => {
                quad_pos = 3;
                out.push(left << 4 | v >> 2);
                left = v & 0x03;
            }
            _ => {
                quad_pos = 0;
                out.push(left << 6 | v);
                left = 0;
            }
        }
    }
    match quad_pos {
        0 => {}
        1 => {
            let n = out.len() / 3 * 4 + 1;
            return Err(error(&format!(
                "Invalid base64-encoded string: number of data characters ({n}) cannot be 1 more than a multiple of 4"
            ))
            .into());
        }
        _ => return Err(error("Incorrect padding").into()),
    }
    Ok(bytes(out))
}

/// `crc32(data, crc=0)`.
fn crc32(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("crc32", 1, 2)?;
    let data = bytes_arg(cx.gil, args.at(0))?;
    let start = match args.get(1) {
        Some(v) => crate::objects::int::to_big(v)
            .map(|b| {
                (b & num_bigint::BigInt::from(u32::MAX))
                    .try_into()
                    .unwrap_or(0u32)
            })
            .ok_or_else(|| {
                type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(v)
                ))
            })?,
        None => 0,
    };
    let mut h = crc32fast::Hasher::new_with_initial(start);
    h.update(&data);
    Ok(Value::Int(h.finalize() as i64))
}

/// `crc_hqx(data, value)`: CRC-CCITT (XMODEM), as `binhex` used it.
fn crc_hqx(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("crc_hqx", 2, 2)?;
    let data = bytes_arg(cx.gil, args.at(0))?;
    let mut crc = (arg_int(args.at(1), "")? & 0xffff) as u16;
    for &b in &data {
        crc ^= (b as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                crc << 1 ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    Ok(Value::Int(crc as i64))
}

/// `b2a_qp(data, quotetabs=False, istext=True, header=False)`.
fn b2a_qp(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(
        args,
        "b2a_qp",
        &["data", "quotetabs", "istext", "header"],
        1,
        4,
    )?;
    let data = bytes_arg(cx.gil, a[0].as_ref().unwrap_or(&Value::None))?;
    let flag = |cx: &mut Cx, v: &Option<Value>, d: bool| -> PyResult<bool> {
        match v {
            Some(v) => cx.truthy(v),
            None => Ok(d),
        }
    };
    let quotetabs = flag(cx, &a[1], false)?;
    let istext = flag(cx, &a[2], true)?;
    let header = flag(cx, &a[3], false)?;
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let crlf = data
        .windows(2)
        .position(|w| w == b"\r\n")
        .is_some_and(|p| data[..p].iter().all(|&c| c != b'\n'));
    let mut out = Vec::new();
    let mut linelen = 0;
    let n = data.len();
    let mut i = 0;
    while i < n {
        let c = data[i];
        // (A '.' alone on its line, or before a NUL, is quoted: CPython's test.)
        let at_eol = i + 1 == n || matches!(data[i + 1], b'\n' | b'\r' | 0);
        let must_quote = c > 126
            || c == b'='
            || (header && c == b'_')
            || (c == b'.' && linelen == 0 && at_eol)
            || (!istext && (c == b'\r' || c == b'\n'))
            || ((c == b'\t' || c == b' ') && i + 1 == n)
            || (c < 33 && c != b'\r' && c != b'\n' && (quotetabs || (c != b'\t' && c != b' ')));
        if must_quote {
            if linelen + 3 >= 76 {
                out.extend_from_slice(if crlf { b"=\r\n" } else { b"=\n" });
                linelen = 0;
            }
            out.extend_from_slice(&[b'=', HEX[(c >> 4) as usize], HEX[(c & 15) as usize]]);
            linelen += 3;
            i += 1;
            continue;
        }
        if istext && (c == b'\n' || (c == b'\r' && data.get(i + 1) == Some(&b'\n'))) {
            // A line break: trailing whitespace before it was quoted above only at the
            // end of data; quote it here too.
            if let Some(&last) = out.last() {
                if last == b' ' || last == b'\t' {
                    out.pop();
                    out.extend_from_slice(&[
                        b'=',
                        HEX[(last >> 4) as usize],
                        HEX[(last & 15) as usize],
                    ]);
                }
            }
            if crlf {
                out.extend_from_slice(b"\r\n");
            } else {
                out.push(b'\n');
            }
            linelen = 0;
            i += if c == b'\r' { 2 } else { 1 };
            continue;
        }
        if linelen + 1 >= 76 && i + 1 < n && data[i + 1] != b'\n' {
            out.extend_from_slice(if crlf { b"=\r\n" } else { b"=\n" });
            linelen = 0;
        }
        out.push(if header && c == b' ' { b'_' } else { c });
        linelen += 1;
        i += 1;
    }
    Ok(bytes(out))
}

/// `a2b_qp(data, header=False)`.
fn a2b_qp(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "a2b_qp", &["data", "header"], 1, 2)?;
    let data = ascii_arg(cx.gil, a[0].as_ref().unwrap_or(&Value::None))?;
    let header = match &a[1] {
        Some(v) => cx.truthy(v)?,
        None => false,
    };
    let hex = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        if c == b'=' {
            if i + 1 >= data.len() {
                break;
            }
            if data[i + 1] == b'\n' || data[i + 1] == b'\r' {
                // A soft line break: as CPython's, everything up to the next `\n`
                // after a `\r` goes with it.
                i += 1;
                while i < data.len() && data[i] != b'\n' {
                    i += 1;
                }
                i = (i + 1).min(data.len());
                continue;
            }
            if data[i + 1] == b'=' {
                out.push(b'=');
                i += 2;
                continue;
            }
            match (
                data.get(i + 1).and_then(|&x| hex(x)),
                data.get(i + 2).and_then(|&x| hex(x)),
            ) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                }
                _ => {
                    out.push(b'=');
                    i += 1;
                }
            }
            continue;
        }
        out.push(if header && c == b'_' { b' ' } else { c });
        i += 1;
    }
    Ok(bytes(out))
}

/// `b2a_uu(data, *, backtick=False)`: one line of at most 45 bytes.
fn b2a_uu(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "b2a_uu", &["data", "backtick"], 1, 1)?;
    let data = bytes_arg(cx.gil, a[0].as_ref().unwrap_or(&Value::None))?;
    let backtick = match &a[1] {
        Some(v) => cx.truthy(v)?,
        None => false,
    };
    if data.len() > 45 {
        return Err(error("At most 45 bytes at once").into());
    }
    let enc = |v: u8| if backtick && v == 0 { b'`' } else { b' ' + v };
    let mut out = vec![enc(data.len() as u8)];
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        out.push(enc(b[0] >> 2));
        out.push(enc((b[0] << 4 | b[1] >> 4) & 63));
        out.push(enc((b[1] << 2 | b[2] >> 6) & 63));
        out.push(enc(b[2] & 63));
    }
    out.push(b'\n');
    Ok(bytes(out))
}

fn a2b_uu(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "a2b_uu", &["data"], 1, 1)?;
    let data = ascii_arg(cx.gil, a[0].as_ref().unwrap_or(&Value::None))?;
    // As CPython's: the first byte is the length; a line end (or the data's end)
    // counts as zero bits; after the length's bytes only whitespace may follow.
    let Some((&first, mut rest)) = data.split_first() else {
        return Ok(bytes(vec![0; 32]));
    };
    let mut len = (first.wrapping_sub(b' ') & 63) as usize;
    let mut out = Vec::with_capacity(len);
    let (mut acc, mut bits) = (0u32, 0u32);
    while len > 0 {
        let c = match rest.split_first() {
            Some((&c, tail)) => {
                rest = tail;
                c
            }
            None => b'\n',
        };
        let v = match c {
            b'\n' | b'\r' => 0,
            c if !(b' '..=b' ' + 64).contains(&c) => return Err(error("Illegal char").into()),
            c => (c - b' ') & 63,
        };
        acc = (acc << 6 | v as u32) & 0xffff;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
            len -= 1;
        }
    }
    if rest
        .iter()
        .any(|&c| !matches!(c, b' ' | b'`' | b'\n' | b'\r'))
    {
        return Err(error("Trailing garbage").into());
    }
    Ok(bytes(out))
}
