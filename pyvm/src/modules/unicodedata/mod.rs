//! `unicodedata`: the Unicode Character Database as CPython 3.11 has it (UCD 14.0.0),
//! and its 3.2.0 view `ucd_3_2_0` (what `stringprep` and the `idna` codec read).
//!
//! The per-character properties (category, bidirectional class, combining class,
//! East Asian width, mirrored, numeric values, decompositions) are tables generated
//! from CPython's own module (`objects/ucd.rs`, by `pyvm/tools/gen_unicodedata.py`), so
//! they are 14.0.0's exactly. Names come from `unicode_names2` and normalization
//! from `unicode-normalization`, both newer than 14.0.0: a name or a lookup is
//! answered only for characters 14.0.0 (3.2.0 for `ucd_3_2_0`) assigns, and
//! characters assigned since are left as they are by normalization, as CPython
//! leaves them. (`ucd_3_2_0.normalize` lacks CPython's six 3.2.0 corrections.)

use crate::objects::ucd as tables;

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::object::{NativeObject, Object};
use crate::objects::types::{type_name, types, Kind, PyType};

/// Which database: the current one (14.0.0) or the 3.2.0 view.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Db {
    V14,
    V32,
}

impl Db {
    fn props(self, c: char) -> tables::Props {
        let (runs, props) = match self {
            Db::V14 => (tables::RUNS_V14, tables::PROPS_V14),
            Db::V32 => (tables::RUNS_V32, tables::PROPS_V32),
        };
        let cp = crate::objects::str::code_point(c);
        let i = runs.partition_point(|(start, _)| *start <= cp) - 1;
        props[runs[i].1 as usize]
    }

    fn category(self, c: char) -> &'static str {
        tables::CATEGORY[self.props(c).0 as usize]
    }

    /// Does this version of the database assign `c`?
    fn assigned(self, c: char) -> bool {
        self.category(c) != "Cn"
    }

    /// `(decimal, digit, numeric)` of `c`, if it has a numeric value.
    fn numeric(self, c: char) -> Option<(i8, i8, f64)> {
        let table = match self {
            Db::V14 => tables::NUMERIC_V14,
            Db::V32 => tables::NUMERIC_V32,
        };
        let cp = crate::objects::str::code_point(c);
        let i = table.binary_search_by_key(&cp, |e| e.0).ok()?;
        let (_, dec, dig, n) = table[i];
        Some((dec, dig, n))
    }

    fn version(self) -> &'static str {
        match self {
            Db::V14 => "14.0.0",
            Db::V32 => "3.2.0",
        }
    }
}

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();
static UCD_TYPE: OnceLock<Arc<PyType>> = OnceLock::new();

/// Each function twice: the module's (14.0.0) and the `UCD` object's method (its
/// database, from `self`).
macro_rules! functions {
    ($($name:literal => $module_fn:ident, $method:ident, $f:path;)*) => {
        $(
            fn $module_fn(cx: &mut Cx, args: Args) -> PyResult<Value> {
                $f(cx, Db::V14, args)
            }
            fn $method(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
                let db = take_db(&mut args)?;
                $f(cx, db, args)
            }
        )*
        static FUNCS: &[NativeDef] = crate::objects::methods::natives![$($name => $module_fn),*];
        static METHODS: &[NativeDef] = crate::objects::methods::natives![$($name => $method),*];
    };
}

functions! {
    "decimal" => m_decimal, u_decimal, decimal;
    "digit" => m_digit, u_digit, digit;
    "numeric" => m_numeric, u_numeric, numeric;
    "category" => m_category, u_category, category;
    "bidirectional" => m_bidirectional, u_bidirectional, bidirectional;
    "combining" => m_combining, u_combining, combining;
    "mirrored" => m_mirrored, u_mirrored, mirrored;
    "east_asian_width" => m_east_asian_width, u_east_asian_width, east_asian_width;
    "decomposition" => m_decomposition, u_decomposition, decomposition;
    "name" => m_name, u_name, name;
    "lookup" => m_lookup, u_lookup, lookup;
    "normalize" => m_normalize, u_normalize, normalize;
    "is_normalized" => m_is_normalized, u_is_normalized, is_normalized;
}

const DOC: &str = "This module provides access to the Unicode Character Database which\ndefines character properties for all Unicode characters. The data in\nthis database is based on the UnicodeData.txt file version\n14.0.0 which is publicly available from ftp://ftp.unicode.org/.\n\nThe module uses the same names and symbols as defined by the\nUnicodeData File Format 14.0.0.";

/// The `unicodedata` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "unicodedata", FUNCS);
        m.set(gil, "__doc__", Value::str(DOC));
        m.set(gil, "unidata_version", Value::str(Db::V14.version()));
        m.set(gil, "UCD", Value::Type(ucd_type().clone()));
        m.set(
            gil,
            "ucd_3_2_0",
            Value::Object(Arc::new(Object(Box::new(Ucd(Db::V32))))),
        );
        Arc::new(m)
    })
}

fn ucd_type() -> &'static Arc<PyType> {
    UCD_TYPE.get_or_init(|| {
        Arc::new(
            PyType::builtin(
                "UCD",
                "unicodedata",
                Some(&types().object),
                Kind::Object,
                Some(|_, _| Err(type_error("cannot create 'unicodedata.UCD' instances").into())),
            )
            .sealed(),
        )
    })
}

/// A `unicodedata.UCD` object: a version of the database.
struct Ucd(Db);

impl NativeObject for Ucd {
    fn type_name(&self) -> &'static str {
        "unicodedata.UCD"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<unicodedata.UCD object at {:#x}>",
            self as *const Self as usize
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        match name {
            "unidata_version" => Some(Value::str(self.0.version())),
            "__class__" => Some(Value::Type(ucd_type().clone())),
            _ => METHODS.iter().find(|d| d.name == name).map(Value::Native),
        }
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(ucd_type().clone())
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The database of the `UCD` object a method was called on (taken off the arguments).
fn take_db(args: &mut Args) -> Result<Db, PyErr> {
    let db = match args.pos.first() {
        Some(Value::Object(o)) => o.0.as_any().downcast_ref::<Ucd>().map(|u| u.0),
        _ => None,
    }
    .ok_or_else(|| type_error("descriptor requires a 'unicodedata.UCD' object"))?;
    args.pos.remove(0);
    Ok(db)
}

/// A `METH_O` function's one argument.
fn one(args: &Args, fname: &str) -> Result<Value, PyErr> {
    args.check(&format!("unicodedata.{fname}"), 1, 1)?;
    Ok(args.pos[0].clone())
}

/// Argument Clinic's positional-only check (`name expected at least 1 argument`).
fn positional(args: &Args, fname: &str, min: usize, max: usize) -> Result<(), PyErr> {
    args.check(&format!("unicodedata.{fname}"), min, max)
}

/// A one-character `str` argument.
fn the_char(v: &Value, fname: &str) -> Result<char, PyErr> {
    let bad = || {
        type_error(format!(
            "{fname}() argument must be a unicode character, not {}",
            type_name(v)
        ))
    };
    let s = v.as_str().ok_or_else(bad)?;
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(bad()),
    }
}

/// `decimal`/`digit`/`numeric`: `(chr, default=<none>, /)`, `pick` choosing the value.
fn number_of(
    db: Db,
    args: Args,
    fname: &str,
    missing: &str,
    pick: fn((i8, i8, f64)) -> Option<Value>,
) -> PyResult<Value> {
    positional(&args, fname, 1, 2)?;
    let c = the_char(&args.pos[0], fname)?;
    match db.numeric(c).and_then(pick) {
        Some(v) => Ok(v),
        None => match args.pos.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(value_error(missing).into()),
        },
    }
}

fn decimal(_cx: &mut Cx, db: Db, args: Args) -> PyResult<Value> {
    number_of(db, args, "decimal", "not a decimal", |(d, _, _)| {
        (d >= 0).then_some(Value::Int(d as i64))
    })
}

fn digit(_cx: &mut Cx, db: Db, args: Args) -> PyResult<Value> {
    number_of(db, args, "digit", "not a digit", |(_, d, _)| {
        (d >= 0).then_some(Value::Int(d as i64))
    })
}

fn numeric(_cx: &mut Cx, db: Db, args: Args) -> PyResult<Value> {
    number_of(
        db,
        args,
        "numeric",
        "not a numeric character",
        |(_, _, n)| Some(Value::float(n)),
    )
}

/// The properties of a `METH_O` function's character.
fn props_arg(db: Db, args: &Args, fname: &str) -> Result<(char, tables::Props), PyErr> {
    let c = the_char(&one(args, fname)?, fname)?;
    Ok((c, db.props(c)))
}

fn category(_cx: &mut Cx, db: Db, args: Args) -> PyResult<Value> {
    let (_, p) = props_arg(db, &args, "category")?;
    Ok(Value::str(tables::CATEGORY[p.0 as usize]))
}

fn bidirectional(_cx: &mut Cx, db: Db, args: Args) -> PyResult<Value> {
    let (_, p) = props_arg(db, &args, "bidirectional")?;
    Ok(Value::str(tables::BIDI[p.1 as usize]))
}

fn combining(_cx: &mut Cx, db: Db, args: Args) -> PyResult<Value> {
    let (_, p) = props_arg(db, &args, "combining")?;
    Ok(Value::Int(p.2 as i64))
}

fn east_asian_width(_cx: &mut Cx, db: Db, args: Args) -> PyResult<Value> {
    let (_, p) = props_arg(db, &args, "east_asian_width")?;
    Ok(Value::str(tables::EAW[p.3 as usize]))
}

fn mirrored(_cx: &mut Cx, db: Db, args: Args) -> PyResult<Value> {
    let (_, p) = props_arg(db, &args, "mirrored")?;
    Ok(Value::Int(p.4 as i64))
}

fn decomposition(_cx: &mut Cx, db: Db, args: Args) -> PyResult<Value> {
    let (c, _) = props_arg(db, &args, "decomposition")?;
    if !db.assigned(c) {
        return Ok(Value::str(""));
    }
    let cp = crate::objects::str::code_point(c);
    let found = tables::DECOMPOSITION
        .binary_search_by_key(&cp, |e| e.0)
        .map_or("", |i| tables::DECOMPOSITION[i].1);
    Ok(Value::str(found))
}

fn name(_cx: &mut Cx, db: Db, args: Args) -> PyResult<Value> {
    positional(&args, "name", 1, 2)?;
    let c = the_char(&args.pos[0], "name")?;
    let found = db
        .assigned(c)
        .then(|| unicode_names2::name(c))
        .flatten()
        .map(|n| n.to_string());
    match (found, args.pos.get(1)) {
        (Some(n), _) => Ok(Value::string(n)),
        (None, Some(d)) => Ok(d.clone()),
        (None, None) => Err(value_error("no such name").into()),
    }
}

fn lookup(cx: &mut Cx, db: Db, args: Args) -> PyResult<Value> {
    let v = one(&args, "lookup")?;
    let text = match &v {
        Value::Str(s) => s.as_str().to_owned(),
        _ => match bytes_arg(cx.gil, &v) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(_) => {
                return Err(type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    type_name(&v)
                ))
                .into())
            }
        },
    };
    if text.len() > 256 {
        return Err(PyErr::new(&types().exc.key_error, vec![Value::str("name too long")]).into());
    }
    match unicode_names2::character(&text).filter(|c| db.assigned(*c)) {
        Some(c) => Ok(Value::string(c.to_string())),
        None => Err(PyErr::new(
            &types().exc.key_error,
            vec![Value::string(format!("undefined character name '{text}'"))],
        )
        .into()),
    }
}

/// `normalize`/`is_normalized`'s arguments: the form and the text.
fn form_and_text(args: &Args, fname: &str) -> Result<(String, String), PyErr> {
    positional(args, fname, 2, 2)?;
    let form = arg_str(&args.pos[0], fname, "1")?.to_owned();
    let text = arg_str(&args.pos[1], fname, "2")?.to_owned();
    if !matches!(form.as_str(), "NFC" | "NFD" | "NFKC" | "NFKD") {
        return Err(value_error("invalid normalization form"));
    }
    Ok((form, text))
}

/// `text` in normal form `form`, by the database's rules: a character it does not
/// assign has no decomposition, combining class 0 and composes with nothing, so it
/// splits the text into pieces normalized apart (the crate knows newer characters).
fn normalized(db: Db, form: &str, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for piece in text.split_inclusive(|c| !db.assigned(c)) {
        let (body, tail) = match piece.chars().next_back() {
            Some(last) if !db.assigned(last) => piece.split_at(piece.len() - last.len_utf8()),
            _ => (piece, ""),
        };
        match form {
            "NFC" => out.extend(body.nfc()),
            "NFD" => out.extend(body.nfd()),
            "NFKC" => out.extend(body.nfkc()),
            _ => out.extend(body.nfkd()),
        }
        out.push_str(tail);
    }
    out
}

fn normalize(_cx: &mut Cx, db: Db, args: Args) -> PyResult<Value> {
    let (form, text) = form_and_text(&args, "normalize")?;
    let out = normalized(db, &form, &text);
    if out == text {
        // The argument itself, as CPython returns it when nothing changes.
        return Ok(args.pos[1].clone());
    }
    Ok(Value::string(out))
}

fn is_normalized(_cx: &mut Cx, db: Db, args: Args) -> PyResult<Value> {
    let (form, text) = form_and_text(&args, "is_normalized")?;
    Ok(Value::bool(normalized(db, &form, &text) == text))
}
