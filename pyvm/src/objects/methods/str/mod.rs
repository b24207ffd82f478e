//! `str` methods: the method table and the helpers every file uses; searching and
//! splitting in `search.rs`, case, predicates and layout in `text.rs`.

use crate::native::*;
use crate::objects::str::code_point;
use crate::objects::str::PyStr;

use super::natives;
use search::*;
use text::*;

mod search;
mod text;

pub static METHODS: &[crate::objects::function::NativeDef] = natives![
    "__getnewargs__" => super::getnewargs,
    "split" => split, "rsplit" => rsplit, "join" => join [soft SecondOfTwo "_join"], "strip" => strip,
    "lstrip" => lstrip, "rstrip" => rstrip, "find" => find, "rfind" => rfind,
    "index" => index, "rindex" => rindex, "count" => count, "replace" => replace,
    "startswith" => startswith, "endswith" => endswith, "partition" => partition,
    "rpartition" => rpartition, "upper" => upper, "lower" => lower,
    "capitalize" => capitalize, "title" => title, "swapcase" => swapcase,
    "casefold" => casefold, "isdigit" => isdigit, "isdecimal" => isdigit, "isascii" => isascii,
    "isnumeric" => isnumeric, "isalpha" => isalpha, "isalnum" => isalnum,
    "isspace" => isspace, "isupper" => isupper, "islower" => islower,
    "isidentifier" => isidentifier, "isprintable" => isprintable, "istitle" => istitle, "format" => format, "format_map" => format_map,
    "encode" => encode, "splitlines" => splitlines, "center" => center,
    "ljust" => ljust, "rjust" => rjust, "zfill" => zfill,
    "removeprefix" => removeprefix, "removesuffix" => removesuffix,
    "expandtabs" => expandtabs, "maketrans" => maketrans, "translate" => translate,
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

/// `str.maketrans(x[, y[, z]])` (called on the type: no `self`): the dict of code
/// points `translate` takes.
fn maketrans(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("maketrans", 1, 3)?;
    let mut d = crate::objects::dict::Dict::new();
    if args.len() == 1 {
        let Value::Dict(m) = args.at(0) else {
            return Err(
                type_error("if you give only one argument to maketrans it must be a dict").into(),
            );
        };
        let items: Vec<(Value, Value)> = m
            .borrow(cx.gil)
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, v) in items {
            let k = match &k {
                Value::Str(s) if s.char_len() == 1 => Value::Int(
                    s.as_str()
                        .chars()
                        .next()
                        .map_or(0, |c| code_point(c) as i64),
                ),
                Value::Str(_) => {
                    return Err(
                        value_error("string keys in translate table must be of length 1").into(),
                    )
                }
                k if crate::objects::int::is_int(k) => k.clone(),
                _ => {
                    return Err(
                        type_error("keys in translate table must be strings or integers").into(),
                    )
                }
            };
            d.insert(k, v)?;
        }
        return Ok(Value::dict(d));
    }
    let x = arg_str(args.at(0), "maketrans", "1")?;
    let y = arg_str(args.at(1), "maketrans", "2")?;
    if x.chars().count() != y.chars().count() {
        return Err(value_error("the first two maketrans arguments must have equal length").into());
    }
    for (a, b) in x.chars().zip(y.chars()) {
        d.insert(
            Value::Int(code_point(a) as i64),
            Value::Int(code_point(b) as i64),
        )?;
    }
    if let Some(z) = args.get(2) {
        for c in arg_str(z, "maketrans", "3")?.chars() {
            d.insert(Value::Int(code_point(c) as i64), Value::None)?;
        }
    }
    Ok(Value::dict(d))
}

/// `s.translate(table)`: each character looked up by code point in `table` (a dict
/// or a sequence); missing ones stay, `None` deletes, an int or a str replaces.
fn translate(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("translate", 1, 1)?;
    let s = this(&args);
    let table = args.at(1).clone();
    let mut out = crate::objects::memory::string_with(s.as_str().len())?;
    for c in s.as_str().chars() {
        crate::objects::memory::spare_string(&mut out, 4)?;
        let key = Value::Int(code_point(c) as i64);
        let found = match &table {
            Value::Dict(d) => d.borrow(cx.gil).get(&key)?,
            // Any other table answers `table[key]` (a dict subclass's `__missing__`, a
            // user mapping), a `LookupError` leaving the character as it is.
            _ => match cx.getitem(&table, &key) {
                Ok(v) => Some(v),
                Err(deferred::Unwind::Raise(e))
                    if e.is_instance(&crate::objects::types::types().exc.lookup_error) =>
                {
                    None
                }
                Err(e) => return Err(e),
            },
        };
        match found {
            None => out.push(c),
            Some(Value::None) => {}
            Some(Value::Str(r)) => crate::objects::memory::push_str(&mut out, r.as_str())?,
            Some(Value::Int(n)) => match u32::try_from(n)
                .ok()
                .filter(|&u| u < 0x110000)
                .and_then(crate::objects::str::from_code_point)
            {
                Some(r) => out.push(r),
                None => {
                    return Err(value_error("character mapping must be in range(0x110000)").into())
                }
            },
            Some(_) => {
                return Err(type_error("character mapping must return integer, None or str").into())
            }
        }
    }
    Ok(Value::string(out))
}
