//! `str` methods that search, split, strip and replace.

use crate::native::*;
use crate::objects::memory;
use crate::objects::str::is_space;
use crate::objects::str::PyStr;
use crate::objects::types::type_name;

use super::{s_arg, this};

pub(super) fn split_impl(args: &Args, name: &str, from_right: bool) -> PyResult<Value> {
    too_many(args, name, 2, true)?;
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
                let mut rest = s.trim_end_matches(is_space);
                while !rest.is_empty() {
                    if out.len() == limit {
                        memory::push_checked(&mut out, rest.to_owned())?;
                        break;
                    }
                    match rest.rfind(is_space) {
                        Some(i) => {
                            let w = rest[i..].chars().next().map_or(1, char::len_utf8);
                            memory::push_checked(&mut out, rest[i + w..].to_owned())?;
                            rest = rest[..i].trim_end_matches(is_space);
                        }
                        None => {
                            memory::push_checked(&mut out, rest.to_owned())?;
                            break;
                        }
                    }
                }
                out.reverse();
            } else {
                let mut rest = s.trim_start_matches(is_space);
                while !rest.is_empty() {
                    if out.len() == limit {
                        memory::push_checked(&mut out, rest.to_owned())?;
                        break;
                    }
                    match rest.find(is_space) {
                        Some(i) => {
                            memory::push_checked(&mut out, rest[..i].to_owned())?;
                            rest = rest[i..].trim_start_matches(is_space);
                        }
                        None => {
                            memory::push_checked(&mut out, rest.to_owned())?;
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
                    Some(c) => memory::collect(s.rsplitn(n, c).map(str::to_owned))?,
                    None => memory::collect(s.rsplitn(n, sep).map(str::to_owned))?,
                };
                v.reverse();
                v
            } else {
                let parts: Vec<Value> = match one {
                    Some(c) => memory::collect(s.splitn(n, c).map(Value::str))?,
                    None => memory::collect(s.splitn(n, sep).map(Value::str))?,
                };
                return Ok(Value::list(parts));
            }
        }
    };
    Ok(Value::list(memory::collect(
        parts.into_iter().map(Value::string),
    )?))
}

pub(super) fn split(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    split_impl(&args, "split", false)
}

pub(super) fn rsplit(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    split_impl(&args, "rsplit", true)
}

pub(super) fn join(cx: &mut Cx, args: Args) -> PyResult<Value> {
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

pub(super) fn join_items(sep: &str, items: &[Value]) -> Result<String, PyErr> {
    let mut len = sep.len() * items.len().saturating_sub(1);
    for (i, item) in items.iter().enumerate() {
        match item.as_str() {
            Some(s) => len += s.len(),
            None => {
                let other = item;
                return Err(type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    type_name(other)
                )));
            }
        }
    }
    check_size(len.min(i64::MAX as usize) as i64)?;
    let mut out = String::with_capacity(len);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        if let Some(s) = item.as_str() {
            out.push_str(s);
        }
    }
    Ok(out)
}

pub(super) fn strip_impl(args: &Args, name: &str, left: bool, right: bool) -> PyResult<Value> {
    args.check_method(name, 0, 1)?;
    let s = this(args).as_str();
    let chars: Option<Vec<char>> = match args.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(s_arg(v, name)?.chars().collect()),
    };
    let pred = |c: char| match &chars {
        None => is_space(c),
        Some(set) => set.contains(&c),
    };
    let mut r = s;
    if left {
        r = r.trim_start_matches(pred);
    }
    if right {
        r = r.trim_end_matches(pred);
    }
    // Nothing stripped from a `str`: the object itself, as CPython returns it.
    if r.len() == s.len() && matches!(args.at(0), Value::Str(_)) {
        return Ok(args.at(0).clone());
    }
    Ok(Value::str(r))
}

pub(super) fn strip(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    strip_impl(&args, "strip", true, true)
}

pub(super) fn lstrip(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    strip_impl(&args, "lstrip", true, false)
}

pub(super) fn rstrip(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    strip_impl(&args, "rstrip", false, true)
}

/// A slice bound (`_PyEval_SliceIndex`): an int, clamped to the `i64` range when
/// bigger, or CPython's TypeError.
fn slice_index(v: &Value) -> Result<i64, PyErr> {
    match crate::objects::class::unwrap_number(v) {
        Value::Int(i) => Ok(i),
        Value::Bool(b) => Ok(b as i64),
        Value::Big(b) => Ok(match b.sign() {
            num_bigint::Sign::Minus => i64::MIN,
            _ => i64::MAX,
        }),
        _ => arg_int(v, "").map_err(|e| {
            if e.is_instance(&crate::objects::types::types().exc.type_error) {
                type_error("slice indices must be integers or None or have an __index__ method")
            } else {
                e
            }
        }),
    }
}

/// Byte range of `s[start:end]` from optional char-index arguments.
pub(super) fn window(
    s: &PyStr,
    start: Option<&Value>,
    end: Option<&Value>,
) -> Result<(usize, usize), PyErr> {
    let n = s.char_len() as i64;
    let norm = |v: Option<&Value>, default: i64| -> Result<i64, PyErr> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = slice_index(v)?;
                Ok(if i < 0 {
                    i.saturating_add(n).max(0)
                } else {
                    i.min(n)
                })
            }
        }
    };
    if let Some(v) = start.filter(|v| !matches!(v, Value::None)) {
        if slice_index(v)? > n {
            return Ok((usize::MAX, 0));
        }
    }
    let (a, b) = (norm(start, 0)?, norm(end, n)?);
    if a > b {
        return Ok((usize::MAX, 0));
    }
    Ok((s.byte_offset(a as usize), s.byte_offset(b as usize)))
}

pub(super) fn find_impl(args: &Args, name: &str, right: bool) -> Result<Option<usize>, PyErr> {
    args.check_getargs(name, 1, 3)?;
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

pub(super) fn find(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(Value::Int(
        find_impl(&args, "find", false)?.map_or(-1, |i| i as i64),
    ))
}

pub(super) fn rfind(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(Value::Int(
        find_impl(&args, "rfind", true)?.map_or(-1, |i| i as i64),
    ))
}

pub(super) fn index(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    match find_impl(&args, "index", false)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(value_error("substring not found").into()),
    }
}

pub(super) fn rindex(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    match find_impl(&args, "rindex", true)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(value_error("substring not found").into()),
    }
}

pub(super) fn count(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_getargs("count", 1, 3)?;
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
    } else if sub.len() == 1 {
        // One ASCII character (`text.count('\n')`, as `_io`'s newline decoder does
        // per chunk): a byte count, which vectorizes, instead of a substring search.
        count_byte(hay.as_bytes(), sub.as_bytes()[0])
    } else if !hay.as_bytes().contains(&sub.as_bytes()[0]) {
        // `text.count('\r\n')` on text without a `\r`: one memchr-speed scan.
        0
    } else {
        hay.matches(sub).count()
    };
    Ok(Value::Int(n as i64))
}

/// How many bytes of `h` are `c`: counted 64 at a time into a byte-sized counter,
/// which the compiler turns into vector compares.
fn count_byte(h: &[u8], c: u8) -> usize {
    let mut chunks = h.chunks_exact(64);
    let mut n = 0;
    for chunk in &mut chunks {
        let mut k = 0u8;
        for &b in chunk {
            k += (b == c) as u8;
        }
        n += k as usize;
    }
    n + chunks.remainder().iter().filter(|&&b| b == c).count()
}

pub(super) fn replace(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("replace", 2, 3)?;
    let s = this(&args).as_str();
    let old = arg_str(args.at(1), "replace", "1")?;
    let new = arg_str(args.at(2), "replace", "2")?;
    let n = match args.get(3) {
        Some(v) => arg_int(v, "")?,
        None => -1,
    };
    let count = usize::try_from(n).unwrap_or(usize::MAX);
    let size = check_replace(s.len(), old.len(), new.len(), || {
        let hits = if old.is_empty() {
            s.chars().count() + 1
        } else {
            s.matches(old).count()
        };
        hits.min(count)
    })?;
    // (As `str::replacen`, into a string with room for the result.)
    let mut out = memory::string_with(size)?;
    let mut last = 0;
    for (i, m) in s.match_indices(old).take(count) {
        out.push_str(&s[last..i]);
        out.push_str(new);
        last = i + m.len();
    }
    out.push_str(&s[last..]);
    Ok(Value::string(out))
}

pub(super) fn affix(args: &Args, name: &str, start: bool) -> PyResult<Value> {
    args.check_getargs(name, 1, 3)?;
    let s = this(args);
    let (a, b) = window(s, args.get(2), args.get(3))?;
    if a == usize::MAX {
        return Ok(Value::bool(false));
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
        v if v.as_str().is_some() => Ok(Value::bool(test(v.as_str().unwrap_or_default()))),
        Value::Tuple(t) => {
            for p in t.iter() {
                match p.as_str() {
                    Some(p) if test(p) => return Ok(Value::bool(true)),
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
            Ok(Value::bool(false))
        }
        v => Err(type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            type_name(v)
        ))
        .into()),
    }
}

pub(super) fn startswith(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    affix(&args, "startswith", true)
}

pub(super) fn endswith(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    affix(&args, "endswith", false)
}

pub(super) fn partition_impl(args: &Args, name: &str, right: bool) -> PyResult<Value> {
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
    let empty = || Value::str("");
    // Not found: the text itself, not a copy (as CPython).
    let parts = match found {
        Some(i) => vec![
            memory::str_value(&s[..i])?,
            args.at(1).clone(),
            memory::str_value(&s[i + sep.len()..])?,
        ],
        None if right => vec![empty(), empty(), args.at(0).clone()],
        None => vec![args.at(0).clone(), empty(), empty()],
    };
    Ok(Value::tuple(parts))
}

pub(super) fn partition(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    partition_impl(&args, "partition", false)
}

pub(super) fn rpartition(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    partition_impl(&args, "rpartition", true)
}

pub(super) fn removeprefix(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("removeprefix", 1, 1)?;
    let s = this(&args).as_str();
    let p = arg_str(args.at(1), "removeprefix", "1")?;
    Ok(Value::str(s.strip_prefix(p).unwrap_or(s)))
}

pub(super) fn removesuffix(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("removesuffix", 1, 1)?;
    let s = this(&args).as_str();
    let p = arg_str(args.at(1), "removesuffix", "1")?;
    Ok(Value::str(s.strip_suffix(p).unwrap_or(s)))
}
