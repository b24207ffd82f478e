//! `_locale`: CPython's C half of `locale` on the C library's locales (`raw.rs`):
//! `setlocale`, `localeconv`, `nl_langinfo` with glibc's item numbers, `strcoll` and
//! `strxfrm` (on wide strings, as CPython calls `wcscoll`/`wcsxfrm`), `getencoding`,
//! the `LC_*` constants, `CHAR_MAX` and `Error`. As CPython does at start-up, the
//! `LC_CTYPE` category is set from the environment when the module is first made,
//! and a "C"/"POSIX" one coerced to a UTF-8 locale (PEP 538) unless `LC_ALL` is set
//! or `PYTHONCOERCECLOCALE=0`.

use crate::objects::rc::Arc;
use std::ffi::CString;
use std::sync::OnceLock;

use super::raw;
use crate::native::*;
use crate::objects::dict::Dict;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::{type_name, types, Kind, PyType};

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();
static ERROR: OnceLock<Arc<PyType>> = OnceLock::new();

const LC_CTYPE: i32 = 0;

static CATEGORIES: &[(&str, i64)] = &[
    ("LC_CTYPE", 0),
    ("LC_NUMERIC", 1),
    ("LC_TIME", 2),
    ("LC_COLLATE", 3),
    ("LC_MONETARY", 4),
    ("LC_MESSAGES", 5),
    ("LC_ALL", 6),
];

/// The `nl_langinfo` items CPython exports (glibc's numbers).
static LANGINFO: &[(&str, i32)] = &[
    ("RADIXCHAR", 65536),
    ("THOUSEP", 65537),
    ("CRNCYSTR", 262159),
    ("D_T_FMT", 131112),
    ("D_FMT", 131113),
    ("T_FMT", 131114),
    ("AM_STR", 131110),
    ("PM_STR", 131111),
    ("CODESET", 14),
    ("T_FMT_AMPM", 131115),
    ("ERA", 131116),
    ("ERA_D_FMT", 131118),
    ("ERA_D_T_FMT", 131120),
    ("ERA_T_FMT", 131121),
    ("ALT_DIGITS", 131119),
    ("YESEXPR", 327680),
    ("NOEXPR", 327681),
    ("_DATE_FMT", 131180),
    ("DAY_1", 131079),
    ("DAY_2", 131080),
    ("DAY_3", 131081),
    ("DAY_4", 131082),
    ("DAY_5", 131083),
    ("DAY_6", 131084),
    ("DAY_7", 131085),
    ("ABDAY_1", 131072),
    ("ABDAY_2", 131073),
    ("ABDAY_3", 131074),
    ("ABDAY_4", 131075),
    ("ABDAY_5", 131076),
    ("ABDAY_6", 131077),
    ("ABDAY_7", 131078),
    ("MON_1", 131098),
    ("MON_2", 131099),
    ("MON_3", 131100),
    ("MON_4", 131101),
    ("MON_5", 131102),
    ("MON_6", 131103),
    ("MON_7", 131104),
    ("MON_8", 131105),
    ("MON_9", 131106),
    ("MON_10", 131107),
    ("MON_11", 131108),
    ("MON_12", 131109),
    ("ABMON_1", 131086),
    ("ABMON_2", 131087),
    ("ABMON_3", 131088),
    ("ABMON_4", 131089),
    ("ABMON_5", 131090),
    ("ABMON_6", 131091),
    ("ABMON_7", 131092),
    ("ABMON_8", 131093),
    ("ABMON_9", 131094),
    ("ABMON_10", 131095),
    ("ABMON_11", 131096),
    ("ABMON_12", 131097),
];

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "setlocale" => setlocale, "localeconv" => localeconv, "nl_langinfo" => nl_langinfo,
    "strcoll" => strcoll, "strxfrm" => strxfrm, "getencoding" => getencoding,
];

/// `locale.Error` (CPython names it so, though `_locale` defines it).
fn error_type() -> &'static Arc<PyType> {
    ERROR.get_or_init(|| {
        Arc::new(PyType::builtin(
            "Error",
            "locale",
            Some(&types().exc.exception),
            Kind::Exception,
            None,
        ))
    })
}

/// The `_locale` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        init_ctype();
        let m = Module::with_functions(gil, "_locale", FUNCS);
        m.set(gil, "__doc__", Value::str("Support for POSIX locales."));
        for (name, v) in CATEGORIES {
            m.set(gil, name, Value::Int(*v));
        }
        for (name, v) in LANGINFO {
            m.set(gil, name, Value::Int(*v as i64));
        }
        m.set(gil, "CHAR_MAX", Value::Int(127));
        m.set(gil, "Error", Value::Type(error_type().clone()));
        Arc::new(m)
    })
}

/// Whether the environment's `LC_CTYPE` locale is the legacy "C" or "POSIX" one (or
/// names none the C library has): CPython then turns on its UTF-8 mode (PEP 540)
/// unless `-X utf8=0` or `PYTHONUTF8=0` says otherwise. The category is put back.
pub fn legacy_ctype() -> bool {
    let before = raw::setlocale(LC_CTYPE, None).and_then(|b| CString::new(b).ok());
    let name = raw::setlocale(LC_CTYPE, Some(c""));
    if let Some(before) = before {
        raw::setlocale(LC_CTYPE, Some(&before));
    }
    match name {
        None => true,
        Some(n) => n == b"C" || n == b"POSIX",
    }
}

/// CPython's start-up `setlocale(LC_CTYPE, "")` and its C locale coercion (PEP 538).
fn init_ctype() {
    let Some(name) = raw::setlocale(LC_CTYPE, Some(c"")) else {
        return;
    };
    let coerce = std::env::var_os("LC_ALL").is_none_or(|v| v.is_empty())
        && std::env::var("PYTHONCOERCECLOCALE").map_or(true, |v| v != "0");
    if coerce && (name == b"C" || name == b"POSIX") {
        for target in [c"C.UTF-8", c"C.utf8", c"UTF-8"] {
            if raw::setlocale(LC_CTYPE, Some(target)).is_some() {
                return;
            }
        }
    }
}

fn text(b: &[u8]) -> Value {
    Value::string(String::from_utf8_lossy(b).into_owned())
}

fn int_arg(v: &Value) -> Result<i64, PyErr> {
    match crate::objects::class::unwrap_number(v) {
        Value::Int(i) => Ok(i),
        Value::Bool(b) => Ok(b as i64),
        Value::Big(_) => Err(overflow_error("signed integer is greater than maximum")),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(&other)
        ))),
    }
}

fn no_nul(s: &str) -> Result<(), PyErr> {
    if s.contains('\0') {
        return Err(value_error("embedded null character"));
    }
    Ok(())
}

/// `setlocale(category, locale=None, /)`: set (or with `None`, query) a category.
fn setlocale(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("setlocale", 1, 2)?;
    let category = i32::try_from(int_arg(args.at(0))?)
        .map_err(|_| overflow_error("signed integer is greater than maximum"))?;
    let locale = match args.get(1) {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) => {
            no_nul(s.as_str())?;
            Some(CString::new(s.as_str()).map_err(|_| value_error("embedded null character"))?)
        }
        Some(v) => {
            return Err(type_error(format!(
                "setlocale() argument 2 must be str or None, not {}",
                type_name(v)
            ))
            .into())
        }
    };
    match raw::setlocale(category, locale.as_deref()) {
        Some(name) => Ok(text(&name)),
        None => Err(PyErr::msg(error_type(), "unsupported locale setting").into()),
    }
}

/// CPython's `copy_grouping`: the group sizes up to and with the terminating 0 (or
/// `CHAR_MAX`); an empty string is no grouping at all.
fn grouping(s: &[u8]) -> Value {
    if s.is_empty() {
        return Value::list(Vec::new());
    }
    let mut out = Vec::new();
    for &b in s {
        out.push(Value::Int(b as i8 as i64));
        if b == 127 {
            return Value::list(out);
        }
    }
    out.push(Value::Int(0));
    Value::list(out)
}

/// `localeconv()`: the current locale's conventions, as CPython's dict.
fn localeconv(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_locale.localeconv", 0, 0)?;
    let lc = raw::localeconv();
    let s = |name: &str| -> Vec<u8> {
        lc.strings
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut d = Dict::new();
    for name in [
        "int_curr_symbol",
        "currency_symbol",
        "mon_decimal_point",
        "mon_thousands_sep",
    ] {
        d.insert(Value::str(name), text(&s(name)))?;
    }
    d.insert(Value::str("mon_grouping"), grouping(&s("mon_grouping")))?;
    for name in ["positive_sign", "negative_sign"] {
        d.insert(Value::str(name), text(&s(name)))?;
    }
    for (name, v) in &lc.numbers {
        d.insert(Value::str(name), Value::Int(*v as i64))?;
    }
    for name in ["decimal_point", "thousands_sep"] {
        d.insert(Value::str(name), text(&s(name)))?;
    }
    d.insert(Value::str("grouping"), grouping(&s("grouping")))?;
    Ok(Value::dict(d))
}

/// `nl_langinfo(key, /)`: one of the exported items of the current locale.
fn nl_langinfo(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_locale.nl_langinfo", 1, 1)?;
    let key = int_arg(args.at(0))?;
    if !LANGINFO.iter().any(|(_, v)| *v as i64 == key) {
        return Err(value_error("unsupported langinfo constant").into());
    }
    Ok(text(&raw::nl_langinfo(key as i32)))
}

fn str_arg<'a>(v: &'a Value, what: &str) -> Result<&'a str, PyErr> {
    match v {
        Value::Str(s) => {
            no_nul(s.as_str())?;
            Ok(s.as_str())
        }
        _ => Err(type_error(format!(
            "{what} must be str, not {}",
            type_name(v)
        ))),
    }
}

/// `strcoll(os1, os2, /)`: compare two strings by the `LC_COLLATE` locale.
fn strcoll(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("strcoll", 2, 2)?;
    let a = str_arg(args.at(0), "strcoll() argument 1")?;
    let b = str_arg(args.at(1), "strcoll() argument 2")?;
    Ok(Value::Int(raw::strcoll(a, b) as i64))
}

/// `strxfrm(string, /)`: the string whose plain comparison is `strcoll`'s.
fn strxfrm(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_locale.strxfrm", 1, 1)?;
    let s = str_arg(args.at(0), "strxfrm() argument")?;
    let mut out = String::new();
    for c in raw::strxfrm(s) {
        match char::from_u32(c) {
            Some(ch) => out.push(ch),
            None => {
                return Err(value_error(format!(
                    "character U+{c:x} is not in range [U+0000; U+10ffff]"
                ))
                .into())
            }
        }
    }
    Ok(Value::string(out))
}

/// `getencoding()`: the locale's encoding (UTF-8 in UTF-8 mode, or when the C
/// library names none).
fn getencoding(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_locale.getencoding", 0, 0)?;
    let sys = Value::Module(crate::modules::sys::module(cx.gil).clone());
    let flags = cx.getattr(&sys, "flags")?;
    let utf8_mode = cx.getattr(&flags, "utf8_mode")?;
    if cx.truthy(&utf8_mode)? {
        return Ok(Value::str("UTF-8"));
    }
    let name = raw::nl_langinfo(14);
    if name.is_empty() {
        return Ok(Value::str("UTF-8"));
    }
    Ok(text(&name))
}
