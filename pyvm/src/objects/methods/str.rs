//! `str` methods.

use crate::native::*;
use crate::objects::str::PyStr;
use crate::objects::types::type_name;

use super::natives;

pub static METHODS: &[crate::objects::function::NativeDef] = natives![
    "split" => split, "rsplit" => rsplit, "join" => join, "strip" => strip,
    "lstrip" => lstrip, "rstrip" => rstrip, "find" => find, "rfind" => rfind,
    "index" => index, "rindex" => rindex, "count" => count, "replace" => replace,
    "startswith" => startswith, "endswith" => endswith, "partition" => partition,
    "rpartition" => rpartition, "upper" => upper, "lower" => lower,
    "capitalize" => capitalize, "title" => title, "swapcase" => swapcase,
    "casefold" => lower, "isdigit" => isdigit, "isdecimal" => isdigit,
    "isnumeric" => isnumeric, "isalpha" => isalpha, "isalnum" => isalnum,
    "isspace" => isspace, "isupper" => isupper, "islower" => islower,
    "isidentifier" => isidentifier, "istitle" => istitle, "format" => format,
    "encode" => encode, "splitlines" => splitlines, "center" => center,
    "ljust" => ljust, "rjust" => rjust, "zfill" => zfill,
    "removeprefix" => removeprefix, "removesuffix" => removesuffix,
    "expandtabs" => expandtabs,
];

fn this(args: &Args) -> &PyStr {
    match args.at(0) {
        Value::Str(s) => s,
        _ => unreachable!("str method on a str"),
    }
}

fn s_arg<'a>(v: &'a Value, method: &str) -> Result<&'a str, PyErr> {
    v.as_str()
        .ok_or_else(|| type_error(format!("{method} arg must be None or str")))
}

fn split_impl(args: &Args, name: &str, from_right: bool) -> PyResult<Value> {
    let n = args.pos.len().saturating_sub(1);
    if n > 2 {
        return Err(type_error(format!("{name}() takes at most 2 arguments ({n} given)")).into());
    }
    let mut args_kw = (args.get(1).cloned(), args.get(2).cloned());
    for (k, v) in &args.kw {
        match k.as_str() {
            "sep" => args_kw.0 = Some(v.clone()),
            "maxsplit" => args_kw.1 = Some(v.clone()),
            _ => {
                return Err(type_error(format!(
                    "'{k}' is an invalid keyword argument for {name}()"
                ))
                .into())
            }
        }
    }
    let s = this(args).as_str();
    let maxsplit = match &args_kw.1 {
        Some(v) => arg_int(v, "")?,
        None => -1,
    };
    let limit = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let parts: Vec<String> = match &args_kw.0 {
        None | Some(Value::None) => {
            let mut out: Vec<String> = Vec::new();
            if from_right {
                let mut rest = s.trim_end();
                while !rest.is_empty() {
                    if out.len() == limit {
                        out.push(rest.to_owned());
                        break;
                    }
                    match rest.rfind(char::is_whitespace) {
                        Some(i) => {
                            let w = rest[i..].chars().next().map_or(1, char::len_utf8);
                            out.push(rest[i + w..].to_owned());
                            rest = rest[..i].trim_end();
                        }
                        None => {
                            out.push(rest.to_owned());
                            break;
                        }
                    }
                }
                out.reverse();
            } else {
                let mut rest = s.trim_start();
                while !rest.is_empty() {
                    if out.len() == limit {
                        out.push(rest.to_owned());
                        break;
                    }
                    match rest.find(char::is_whitespace) {
                        Some(i) => {
                            out.push(rest[..i].to_owned());
                            rest = rest[i..].trim_start();
                        }
                        None => {
                            out.push(rest.to_owned());
                            break;
                        }
                    }
                }
            }
            out
        }
        Some(sep) => {
            let sep = s_arg(sep, "must be str or None, not")
                .map_err(|_| type_error(format!("must be str or None, not {}", type_name(sep))))?;
            if sep.is_empty() {
                return Err(value_error("empty separator").into());
            }
            let n = limit.saturating_add(1);
            // A one-byte separator (`","`) searches as a char: memchr, not two-way.
            let one = (sep.len() == 1).then(|| sep.as_bytes()[0] as char);
            if from_right {
                let mut v: Vec<String> = match one {
                    Some(c) => s.rsplitn(n, c).map(str::to_owned).collect(),
                    None => s.rsplitn(n, sep).map(str::to_owned).collect(),
                };
                v.reverse();
                v
            } else {
                let parts: Vec<Value> = match one {
                    Some(c) => s.splitn(n, c).map(Value::str).collect(),
                    None => s.splitn(n, sep).map(Value::str).collect(),
                };
                return Ok(Value::list(parts));
            }
        }
    };
    Ok(Value::list(parts.into_iter().map(Value::string).collect()))
}

fn split(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    split_impl(&args, "split", false)
}

fn rsplit(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    split_impl(&args, "rsplit", true)
}

fn join(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("join", 1, 1)?;
    let sep = this(&args).as_str();
    let joined = match args.at(1) {
        // No Python code runs while joining, so a list is read in place.
        Value::List(l) => join_items(sep, &l.borrow(cx.gil))?,
        Value::Tuple(t) => join_items(sep, t)?,
        other => {
            let items = cx.collect(other)?;
            join_items(sep, &items)?
        }
    };
    Ok(Value::string(joined))
}

fn join_items(sep: &str, items: &[Value]) -> Result<String, PyErr> {
    let mut len = sep.len() * items.len().saturating_sub(1);
    for (i, item) in items.iter().enumerate() {
        match item {
            Value::Str(s) => len += s.as_str().len(),
            other => {
                return Err(type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    type_name(other)
                )))
            }
        }
    }
    let mut out = String::with_capacity(len);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        if let Value::Str(s) = item {
            out.push_str(s.as_str());
        }
    }
    Ok(out)
}

fn strip_impl(args: &Args, name: &str, left: bool, right: bool) -> PyResult<Value> {
    args.check_method(name, 0, 1)?;
    let s = this(args).as_str();
    let chars: Option<Vec<char>> = match args.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(s_arg(v, name)?.chars().collect()),
    };
    let pred = |c: char| match &chars {
        None => c.is_whitespace(),
        Some(set) => set.contains(&c),
    };
    let mut r = s;
    if left {
        r = r.trim_start_matches(pred);
    }
    if right {
        r = r.trim_end_matches(pred);
    }
    Ok(Value::str(r))
}

fn strip(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    strip_impl(&args, "strip", true, true)
}

fn lstrip(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    strip_impl(&args, "lstrip", true, false)
}

fn rstrip(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    strip_impl(&args, "rstrip", false, true)
}

/// Byte range of `s[start:end]` from optional char-index arguments.
fn window(s: &PyStr, start: Option<&Value>, end: Option<&Value>) -> Result<(usize, usize), PyErr> {
    let n = s.char_len() as i64;
    let norm = |v: Option<&Value>, default: i64| -> Result<i64, PyErr> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = arg_int(
                    v,
                    "slice indices must be integers or None or have an __index__ method; ",
                )?;
                Ok(if i < 0 { (i + n).max(0) } else { i.min(n) })
            }
        }
    };
    if let Some(v) = start.filter(|v| !matches!(v, Value::None)) {
        if arg_int(v, "")? > n {
            return Ok((usize::MAX, 0));
        }
    }
    let (a, b) = (norm(start, 0)?, norm(end, n)?);
    if a > b {
        return Ok((usize::MAX, 0));
    }
    Ok((s.byte_offset(a as usize), s.byte_offset(b as usize)))
}

fn find_impl(args: &Args, name: &str, right: bool) -> Result<Option<usize>, PyErr> {
    args.check_method(name, 1, 3)?;
    let s = this(args);
    let sub = args
        .at(1)
        .as_str()
        .ok_or_else(|| type_error(format!("must be str, not {}", type_name(args.at(1)))))?;
    let (a, b) = window(s, args.get(2), args.get(3))?;
    if a == usize::MAX {
        return Ok(None);
    }
    let hay = &s.as_str()[a..b];
    let found = if right { hay.rfind(sub) } else { hay.find(sub) };
    Ok(found.map(|i| s.char_index(a + i)))
}

fn find(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(Value::Int(
        find_impl(&args, "find", false)?.map_or(-1, |i| i as i64),
    ))
}

fn rfind(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(Value::Int(
        find_impl(&args, "rfind", true)?.map_or(-1, |i| i as i64),
    ))
}

fn index(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    match find_impl(&args, "index", false)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(value_error("substring not found").into()),
    }
}

fn rindex(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    match find_impl(&args, "rindex", true)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(value_error("substring not found").into()),
    }
}

fn count(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("count", 1, 3)?;
    let s = this(&args);
    let sub = args
        .at(1)
        .as_str()
        .ok_or_else(|| type_error(format!("must be str, not {}", type_name(args.at(1)))))?;
    let (a, b) = window(s, args.get(2), args.get(3))?;
    if a == usize::MAX {
        return Ok(Value::Int(0));
    }
    let hay = &s.as_str()[a..b];
    let n = if sub.is_empty() {
        hay.chars().count() + 1
    } else {
        hay.matches(sub).count()
    };
    Ok(Value::Int(n as i64))
}

fn replace(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("replace", 2, 3)?;
    let s = this(&args).as_str();
    let old = arg_str(args.at(1), "replace", "1")?;
    let new = arg_str(args.at(2), "replace", "2")?;
    let n = match args.get(3) {
        Some(v) => arg_int(v, "")?,
        None => -1,
    };
    Ok(Value::string(if n < 0 {
        s.replace(old, new)
    } else {
        s.replacen(old, new, n as usize)
    }))
}

fn affix(args: &Args, name: &str, start: bool) -> PyResult<Value> {
    args.check_method(name, 1, 3)?;
    let s = this(args);
    let (a, b) = window(s, args.get(2), args.get(3))?;
    if a == usize::MAX {
        return Ok(Value::Bool(false));
    }
    let hay = &s.as_str()[a..b];
    let test = |p: &str| {
        if start {
            hay.starts_with(p)
        } else {
            hay.ends_with(p)
        }
    };
    match args.at(1) {
        Value::Str(p) => Ok(Value::Bool(test(p.as_str()))),
        Value::Tuple(t) => {
            for p in t.iter() {
                match p.as_str() {
                    Some(p) if test(p) => return Ok(Value::Bool(true)),
                    Some(_) => {}
                    None => {
                        return Err(type_error(format!(
                            "tuple for {name} must only contain str, not {}",
                            type_name(p)
                        ))
                        .into())
                    }
                }
            }
            Ok(Value::Bool(false))
        }
        v => Err(type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            type_name(v)
        ))
        .into()),
    }
}

fn startswith(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    affix(&args, "startswith", true)
}

fn endswith(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    affix(&args, "endswith", false)
}

fn partition_impl(args: &Args, name: &str, right: bool) -> PyResult<Value> {
    args.check_method(name, 1, 1)?;
    let s = this(args).as_str();
    let sep = args
        .at(1)
        .as_str()
        .ok_or_else(|| type_error(format!("must be str, not {}", type_name(args.at(1)))))?;
    if sep.is_empty() {
        return Err(value_error("empty separator").into());
    }
    let found = if right { s.rfind(sep) } else { s.find(sep) };
    let parts = match found {
        Some(i) => [&s[..i], sep, &s[i + sep.len()..]],
        None if right => ["", "", s],
        None => [s, "", ""],
    };
    Ok(Value::tuple(parts.iter().map(|p| Value::str(p)).collect()))
}

fn partition(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    partition_impl(&args, "partition", false)
}

fn rpartition(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    partition_impl(&args, "rpartition", true)
}

fn map_str(args: &Args, name: &str, f: impl Fn(&str) -> String) -> PyResult<Value> {
    args.check_method(name, 0, 0)?;
    Ok(Value::string(f(this(args).as_str())))
}

fn upper(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    map_str(&args, "upper", str::to_uppercase)
}

fn lower(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    map_str(&args, "lower", str::to_lowercase)
}

fn capitalize(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    map_str(&args, "capitalize", |s| {
        let mut c = s.chars();
        match c.next() {
            Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
            None => String::new(),
        }
    })
}

fn title(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    map_str(&args, "title", |s| {
        let mut out = String::new();
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

fn swapcase(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    map_str(&args, "swapcase", |s| {
        s.chars()
            .flat_map(|c| {
                if c.is_uppercase() {
                    c.to_lowercase().collect::<Vec<_>>()
                } else {
                    c.to_uppercase().collect::<Vec<_>>()
                }
            })
            .collect()
    })
}

fn test_str(args: &Args, name: &str, f: impl Fn(&str) -> bool) -> PyResult<Value> {
    args.check_method(name, 0, 0)?;
    Ok(Value::Bool(f(this(args).as_str())))
}

fn isdigit(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_str(&args, "isdigit", |s| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric()))
    })
}

fn isnumeric(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_str(&args, "isnumeric", |s| {
        !s.is_empty() && s.chars().all(char::is_numeric)
    })
}

fn isalpha(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_str(&args, "isalpha", |s| {
        !s.is_empty() && s.chars().all(char::is_alphabetic)
    })
}

fn isalnum(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_str(&args, "isalnum", |s| {
        !s.is_empty() && s.chars().all(char::is_alphanumeric)
    })
}

fn isspace(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_str(&args, "isspace", |s| {
        !s.is_empty() && s.chars().all(char::is_whitespace)
    })
}

fn isupper(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_str(&args, "isupper", |s| {
        s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
    })
}

fn islower(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_str(&args, "islower", |s| {
        s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase)
    })
}

fn isidentifier(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_str(&args, "isidentifier", |s| {
        let mut c = s.chars();
        matches!(c.next(), Some(f) if f == '_' || f.is_alphabetic())
            && c.all(|x| x == '_' || x.is_alphanumeric())
    })
}

fn istitle(_cx: &mut Cx, args: Args) -> PyResult<Value> {
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

fn format(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let template = this(&args).as_str().to_owned();
    let kw = std::mem::take(&mut args.kw);
    let pos: Vec<Value> = args.pos[1..].to_vec();
    Ok(Value::string(crate::objects::strformat::str_format(
        cx, &template, &pos, &kw,
    )?))
}

fn encode(_cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let enc_kw = args.take_kw("encoding");
    let _errors = args.take_kw("errors");
    args.check_method_kw("encode", 0, 2)?;
    let enc = match args.get(1).or(enc_kw.as_ref()) {
        Some(v) => arg_str(v, "encode", "'encoding'")?
            .to_lowercase()
            .replace('_', "-"),
        None => "utf-8".to_owned(),
    };
    let s = this(&args).as_str();
    let bytes = match enc.as_str() {
        "utf-8" | "utf8" => s.as_bytes().to_vec(),
        "ascii" | "latin-1" | "latin1" | "iso-8859-1" => {
            let limit = if enc == "ascii" { 128 } else { 256 };
            let mut out = Vec::new();
            for (i, c) in s.chars().enumerate() {
                if (c as u32) >= limit {
                    let codec = if enc == "ascii" { "ascii" } else { "latin-1" };
                    return Err(PyErr::msg(
                        &crate::objects::types::types().exc.unicode_encode_error,
                        format!(
                            "'{codec}' codec can't encode character '\\u{:04x}' in position {i}: ordinal not in range({limit})",
                            c as u32
                        ),
                    )
                    .into());
                }
                out.push(c as u32 as u8);
            }
            out
        }
        other => {
            return Err(PyErr::msg(
                &crate::objects::types::types().exc.lookup_error,
                format!("unknown encoding: {other}"),
            )
            .into())
        }
    };
    Ok(Value::Bytes(std::sync::Arc::new(bytes)))
}

fn splitlines(_cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let keep_kw = args.take_kw("keepends");
    args.check_method_kw("splitlines", 0, 1)?;
    let keep = match args.get(1).or(keep_kw.as_ref()) {
        Some(v) => crate::vm::ops::truthy(_cx.gil, v),
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
            out.push(Value::str(&s[start..end]));
            i += n;
            start = i;
        } else {
            i += 1;
        }
    }
    if start < b.len() {
        out.push(Value::str(&s[start..]));
    }
    Ok(Value::list(out))
}

fn justify(args: &Args, name: &str, align: char) -> PyResult<Value> {
    args.check_method(name, 1, 2)?;
    let s = this(args).as_str();
    let width = arg_int(args.at(1), "")?;
    check_size(width)?;
    let fill = match args.get(2) {
        Some(Value::Str(f)) if f.char_len() == 1 => f.as_str().chars().next().unwrap_or(' '),
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

fn center(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    justify(&args, "center", '^')
}

fn ljust(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    justify(&args, "ljust", '<')
}

fn rjust(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    justify(&args, "rjust", '>')
}

fn zfill(_cx: &mut Cx, args: Args) -> PyResult<Value> {
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

fn removeprefix(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("removeprefix", 1, 1)?;
    let s = this(&args).as_str();
    let p = arg_str(args.at(1), "removeprefix", "1")?;
    Ok(Value::str(s.strip_prefix(p).unwrap_or(s)))
}

fn removesuffix(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("removesuffix", 1, 1)?;
    let s = this(&args).as_str();
    let p = arg_str(args.at(1), "removesuffix", "1")?;
    Ok(Value::str(s.strip_suffix(p).unwrap_or(s)))
}

fn expandtabs(_cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let size_kw = args.take_kw("tabsize");
    args.check_method_kw("expandtabs", 0, 1)?;
    let size = match args.get(1).or(size_kw.as_ref()) {
        Some(v) => {
            let n = arg_int(v, "")?.max(0);
            check_size(n)?;
            n as usize
        }
        None => 8,
    };
    let mut out = String::new();
    let mut col = 0;
    for c in this(&args).as_str().chars() {
        match c {
            '\t' => {
                if size > 0 {
                    let n = size - col % size;
                    out.push_str(&" ".repeat(n));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(Value::string(out))
}
