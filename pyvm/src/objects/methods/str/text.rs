//! `str` methods for case, character predicates, formatting, encoding and layout
//! (padding, tabs, lines).

use crate::native::*;

use super::this;

/// `f` of the text: the case mappings. A change of case may make the text three
/// times as long (`'ß'.upper()` is `'SS'`, `'ΐ'` takes three): room for that, as
/// CPython allocates, unless the text is ASCII (the same length).
pub(super) fn map_str(args: &Args, name: &str, f: impl Fn(&str) -> String) -> PyResult<Value> {
    args.check_method(name, 0, 0)?;
    let s = this(args).as_str();
    let most = if s.is_ascii() { 1 } else { 3 };
    crate::objects::memory::room(s.len() as u128 * most)?;
    Ok(Value::string(f(s)))
}

pub(super) fn upper(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    map_str(&args, "upper", str::to_uppercase)
}

pub(super) fn lower(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    map_str(&args, "lower", str::to_lowercase)
}

/// `str.casefold`: Unicode full case folding. For every character but the ones
/// below it is the lower case of the upper case of the lower case (`ß` -> `ss`,
/// `ﬁ` -> `fi`, `ς` -> `σ`, `ẞ` -> `ss`); dotless `ı` folds to itself, and Cherokee
/// folds to its capital letters.
pub(super) fn casefold(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    map_str(&args, "casefold", |s| {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            match c as u32 {
                0x131 | 0x13A0..=0x13F5 => out.push(c),
                o @ 0x13F8..=0x13FD => out.extend(char::from_u32(o - 8)),
                o @ 0xAB70..=0xABBF => out.extend(char::from_u32(o - 0xAB70 + 0x13A0)),
                _ => {
                    for l in c.to_lowercase() {
                        for u in l.to_uppercase() {
                            out.extend(u.to_lowercase());
                        }
                    }
                }
            }
        }
        out
    })
}

pub(super) fn capitalize(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    map_str(&args, "capitalize", |s| {
        let mut c = s.chars();
        match c.next() {
            Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
            None => String::new(),
        }
    })
}

pub(super) fn title(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    map_str(&args, "title", |s| {
        let mut out = String::with_capacity(s.len());
        let mut prev_cased = false;
        for c in s.chars() {
            if prev_cased {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_cased = c.is_alphabetic();
        }
        out
    })
}

pub(super) fn swapcase(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    map_str(&args, "swapcase", |s| {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if c.is_uppercase() {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
        }
        out
    })
}

pub(super) fn test_str(args: &Args, name: &str, f: impl Fn(&str) -> bool) -> PyResult<Value> {
    args.check_method(name, 0, 0)?;
    Ok(Value::bool(f(this(args).as_str())))
}

pub(super) fn isascii(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_str(&args, "isascii", |s| s.is_ascii())
}

pub(super) fn isdigit(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_str(&args, "isdigit", |s| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric()))
    })
}

pub(super) fn isnumeric(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_str(&args, "isnumeric", |s| {
        !s.is_empty() && s.chars().all(char::is_numeric)
    })
}

pub(super) fn isalpha(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_str(&args, "isalpha", |s| {
        !s.is_empty() && s.chars().all(char::is_alphabetic)
    })
}

pub(super) fn isalnum(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_str(&args, "isalnum", |s| {
        !s.is_empty() && s.chars().all(char::is_alphanumeric)
    })
}

pub(super) fn isspace(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_str(&args, "isspace", |s| {
        !s.is_empty() && s.chars().all(crate::objects::str::is_space)
    })
}

pub(super) fn isupper(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_str(&args, "isupper", |s| {
        s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
    })
}

pub(super) fn islower(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_str(&args, "islower", |s| {
        s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase)
    })
}

pub(super) fn isidentifier(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_str(&args, "isidentifier", |s| {
        let mut c = s.chars();
        matches!(c.next(), Some(f) if f == '_' || f.is_alphabetic())
            && c.all(|x| x == '_' || x.is_alphanumeric())
    })
}

/// `str.isprintable()`: no control, separator (but space), surrogate or private-use
/// character (what `repr` escapes).
pub(super) fn isprintable(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_str(&args, "isprintable", |s| {
        s.chars()
            .all(|c| !((c as u32) < 0x20 || c == '\x7f' || crate::objects::repr::is_unprintable(c)))
    })
}

pub(super) fn istitle(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_str(&args, "istitle", |s| {
        let (mut prev_cased, mut any) = (false, false);
        for c in s.chars() {
            if c.is_uppercase() {
                if prev_cased {
                    return false;
                }
                prev_cased = true;
                any = true;
            } else if c.is_lowercase() {
                if !prev_cased {
                    return false;
                }
                any = true;
            } else {
                prev_cased = false;
            }
        }
        any
    })
}

pub(super) fn format(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let template = this(&args).as_str().to_owned();
    let kw = std::mem::take(&mut args.kw);
    let pos: Vec<Value> = args.pos[1..].to_vec();
    Ok(Value::string(crate::objects::strformat::str_format(
        cx, &template, &pos, &kw,
    )?))
}

pub(super) fn format_map(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("str.format_map", 1, 1)?;
    let template = this(&args).as_str().to_owned();
    Ok(Value::string(crate::objects::strformat::str_format_map(
        cx,
        &template,
        args.at(1),
    )?))
}

pub(super) fn encode(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let enc_kw = args.take_kw("encoding");
    let errors_kw = args.take_kw("errors");
    args.check_method_kw("encode", 0, 2)?;
    let enc = match args.get(1).or(enc_kw.as_ref()) {
        Some(v) => Some(arg_str(v, "encode", "'encoding'")?.to_owned()),
        None => None,
    };
    let errors = match args.get(2).or(errors_kw.as_ref()) {
        Some(v) => Some(arg_str(v, "encode", "'errors'")?.to_owned()),
        None => None,
    };
    let text = match args.at(0) {
        Value::Str(s) => s.clone(),
        other => match crate::objects::class::payload(other) {
            Some(Value::Str(s)) => s.clone(),
            _ => crate::objects::rc::Arc::new(crate::objects::str::PyStr::new(
                this(&args).as_str().to_owned(),
            )),
        },
    };
    let bytes = crate::native::encode_text(cx, &text, enc.as_deref(), errors.as_deref())?;
    Ok(Value::Bytes(crate::objects::rc::Arc::new(bytes)))
}

pub(super) fn splitlines(_cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    too_many(&args, "splitlines", 1, true)?;
    let keep_kw = args.take_kw("keepends");
    args.check_method_kw("splitlines", 0, 1)?;
    let keep = match args.get(1).or(keep_kw.as_ref()) {
        Some(v) => crate::objects::value::truthy(_cx.gil, v),
        None => false,
    };
    let s = this(&args).as_str();
    let mut out = Vec::new();
    let mut start = 0;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let nl = match b[i] {
            b'\n' => Some(1),
            b'\r' => Some(if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 }),
            _ => None,
        };
        if let Some(n) = nl {
            let end = if keep { i + n } else { i };
            crate::objects::memory::push_checked(&mut out, Value::str(&s[start..end]))?;
            i += n;
            start = i;
        } else {
            i += 1;
        }
    }
    if start < b.len() {
        crate::objects::memory::push_checked(&mut out, Value::str(&s[start..]))?;
    }
    Ok(Value::list(out))
}

pub(super) fn justify(args: &Args, name: &str, align: char) -> PyResult<Value> {
    args.check_method(name, 1, 2)?;
    let s = this(args).as_str();
    let width = arg_int(args.at(1), "")?;
    check_size(width)?;
    let fill = match args.get(2) {
        Some(f) if f.as_str().is_some_and(|f| f.chars().count() == 1) => {
            f.as_str().and_then(|f| f.chars().next()).unwrap_or(' ')
        }
        Some(_) => {
            return Err(type_error("The fill character must be exactly one character long").into())
        }
        None => ' ',
    };
    let n = s.chars().count() as i64;
    if width <= n {
        return Ok(Value::str(s));
    }
    let pad = (width - n) as usize;
    let f = |k: usize| fill.to_string().repeat(k);
    Ok(Value::string(match align {
        '<' => format!("{s}{}", f(pad)),
        '>' => format!("{}{s}", f(pad)),
        _ => {
            let left = pad / 2 + (pad & width as usize & 1);
            format!("{}{s}{}", f(left), f(pad - left))
        }
    }))
}

pub(super) fn center(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    justify(&args, "center", '^')
}

pub(super) fn ljust(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    justify(&args, "ljust", '<')
}

pub(super) fn rjust(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    justify(&args, "rjust", '>')
}

pub(super) fn zfill(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("zfill", 1, 1)?;
    let s = this(&args).as_str();
    let width = arg_int(args.at(1), "")?;
    check_size(width)?;
    let n = s.chars().count() as i64;
    if width <= n {
        return Ok(Value::str(s));
    }
    let zeros = "0".repeat((width - n) as usize);
    Ok(Value::string(match s.strip_prefix(['+', '-']) {
        Some(rest) => format!("{}{zeros}{rest}", &s[..1]),
        None => format!("{zeros}{s}"),
    }))
}

pub(super) fn expandtabs(_cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let size_kw = args.take_kw("tabsize");
    args.check_method_kw("expandtabs", 0, 1)?;
    let size = match args.get(1).or(size_kw.as_ref()) {
        Some(v) => arg_c_int(v, "")?.max(0) as usize,
        None => 8,
    };
    let mut out = String::new();
    let mut col = 0;
    for c in this(&args).as_str().chars() {
        match c {
            '\t' => {
                if size > 0 {
                    let n = size - col % size;
                    check_size((out.len() + n) as i64)?;
                    crate::objects::memory::spare_string(&mut out, n)?;
                    out.extend(std::iter::repeat_n(' ', n));
                    col += n;
                }
            }
            '\n' | '\r' => {
                crate::objects::memory::spare_string(&mut out, 1)?;
                out.push(c);
                col = 0;
            }
            c => {
                crate::objects::memory::spare_string(&mut out, 4)?;
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(Value::string(out))
}
