//! The `json` module: `dumps`/`loads` (and `dump`/`load` on file objects) with
//! CPython 3.11's options, output and error messages, and `json.JSONDecodeError`.
//! The encoder is in `encode.rs`, the scanner in `decode.rs`.

mod decode;
mod encode;

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::{type_name, types, Kind, PyType};

use decode::{Fail, Hooks, Scanner};
use encode::Encoder;

static JSON: OnceLock<Arc<Module>> = OnceLock::new();
static DECODE_ERROR: OnceLock<Arc<PyType>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "dumps" => dumps, "loads" => loads, "dump" => dump, "load" => load,
];

/// The `json` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    JSON.get_or_init(|| {
        let m = Module::with_functions(gil, "json", FUNCS);
        m.set(
            gil,
            "JSONDecodeError",
            Value::Type(decode_error_type().clone()),
        );
        m.set(gil, "__name__", Value::str("json"));
        // JSONEncoder and JSONDecoder are Python classes (subclassed by programs).
        if let Err(e) = run_source(gil, CLASSES, "<frozen json>", &m.dict) {
            let text = exception_line(gil, &e);
            crate::modules::sys::write_stderr(&format!("json: {text}\n"));
        }
        Arc::new(m)
    })
}

/// The Python part of the module (`pyvm/lib/_json_classes.py`).
static CLASSES: &str = include_str!("../../../lib/_json_classes.py");

/// `json.JSONDecodeError`, a subclass of `ValueError`.
fn decode_error_type() -> &'static Arc<PyType> {
    DECODE_ERROR.get_or_init(|| {
        Arc::new(PyType::builtin(
            "JSONDecodeError",
            "json.decoder",
            Some(&types().exc.value_error),
            Kind::Exception,
            Some(new_decode_error),
        ))
    })
}

/// `JSONDecodeError(msg, doc, pos)`: the message carries line, column and position in
/// characters, counted as CPython counts them; `msg`, `doc`, `pos`, `lineno` and
/// `colno` are attributes.
fn decode_error(msg: &str, doc: &str, byte_pos: usize) -> PyErr {
    let mut end = byte_pos.min(doc.len());
    while !doc.is_char_boundary(end) {
        end -= 1;
    }
    let before = &doc[..end];
    let pos = before.chars().count();
    let lineno = before.bytes().filter(|&c| c == b'\n').count() + 1;
    let colno = match before.rfind('\n') {
        Some(nl) => before[nl + 1..].chars().count() + 1,
        None => pos + 1,
    };
    let int = |n: usize| Value::Int(n as i64);
    PyErr::with_attrs(
        decode_error_type(),
        vec![Value::string(format!(
            "{msg}: line {lineno} column {colno} (char {pos})"
        ))],
        vec![
            ("msg", Value::str(msg)),
            ("doc", Value::str(doc)),
            ("pos", int(pos)),
            ("lineno", int(lineno)),
            ("colno", int(colno)),
        ],
    )
}

/// `json.JSONDecodeError(msg, doc, pos)` called from Python: CPython's `__init__`,
/// where `pos` indexes `doc` in characters as a slice bound does (negative from the
/// end) and the line and column come from the newlines before it.
fn new_decode_error(cx: &mut Cx, args: Args) -> PyResult<Value> {
    use crate::modules::random::bind::{bind, req};
    let p = bind(
        args,
        "JSONDecodeError.__init__",
        &["msg", "doc", "pos"],
        3,
        true,
    )?;
    let (msg, doc, pos) = (req(&p, 0), req(&p, 1), req(&p, 2));
    let text = doc.as_str().ok_or_else(|| no_attribute(doc, "count"))?;
    // Any int (a huge one clamps as a slice bound does): big-int arithmetic, so no
    // position overflows.
    let pos_i = crate::objects::int::to_big(pos).ok_or_else(|| {
        type_error("slice indices must be integers or None or have an __index__ method")
    })?;
    let chars: Vec<char> = text.chars().collect();
    let len = num_bigint::BigInt::from(chars.len());
    let zero = num_bigint::BigInt::from(0);
    let end = match pos_i < zero {
        true => (&pos_i + &len).max(zero),
        false => pos_i.clone().min(len),
    };
    let end = usize::try_from(&end).unwrap_or(0);
    let lineno = chars[..end].iter().filter(|&&c| c == '\n').count() as i64 + 1;
    let colno = match chars[..end].iter().rposition(|&c| c == '\n') {
        Some(nl) => &pos_i - nl,
        None => &pos_i + 1,
    };
    let msg_text = cx.str(msg)?;
    Ok(PyErr::with_attrs(
        decode_error_type(),
        vec![Value::string(format!(
            "{msg_text}: line {lineno} column {colno} (char {pos_i})"
        ))],
        vec![
            ("msg", msg.clone()),
            ("doc", doc.clone()),
            ("pos", pos.clone()),
            ("lineno", Value::Int(lineno)),
            ("colno", crate::objects::int::normalize(colno)),
        ],
    )
    .value())
}

/// A boolean keyword argument.
fn flag(cx: &mut Cx, args: &mut Args, name: &str, default: bool) -> PyResult<bool> {
    match args.take_kw(name) {
        Some(v) => cx.truthy(&v),
        None => Ok(default),
    }
}

/// The encoder options of `dumps`/`dump` from the keyword arguments.
fn encoder(cx: &mut Cx, args: &mut Args) -> PyResult<Encoder> {
    let skipkeys = flag(cx, args, "skipkeys", false)?;
    let ensure_ascii = flag(cx, args, "ensure_ascii", true)?;
    let check_circular = flag(cx, args, "check_circular", true)?;
    let allow_nan = flag(cx, args, "allow_nan", true)?;
    let sort_keys = flag(cx, args, "sort_keys", false)?;
    let _ = args.take_kw("cls").filter(|c| !matches!(c, Value::None));
    let indent = match args.take_kw("indent") {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) => Some(s.as_str().to_owned()),
        Some(v @ (Value::Int(_) | Value::Bool(_))) => {
            let n = arg_int(&v, "")?.max(0) as usize;
            let mut s = String::new();
            s.try_reserve_exact(n)
                .map_err(|_| PyErr::new(&types().exc.memory_error, vec![]))?;
            s.extend(std::iter::repeat_n(' ', n));
            Some(s)
        }
        Some(v) => {
            return Err(type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                type_name(&v)
            ))
            .into())
        }
    };
    let (mut item_sep, mut key_sep) = if indent.is_some() {
        (",".to_owned(), ": ".to_owned())
    } else {
        (", ".to_owned(), ": ".to_owned())
    };
    if let Some(seps) = args
        .take_kw("separators")
        .filter(|s| !matches!(s, Value::None))
    {
        let parts = cx.collect(&seps)?;
        if parts.len() != 2 {
            return Err(value_error(format!(
                "{} values to unpack (expected 2{})",
                if parts.len() > 2 {
                    "too many"
                } else {
                    "not enough"
                },
                if parts.len() > 2 {
                    String::new()
                } else {
                    format!(", got {}", parts.len())
                }
            ))
            .into());
        }
        item_sep = cx.str(&parts[0])?;
        key_sep = cx.str(&parts[1])?;
    }
    let default = args
        .take_kw("default")
        .filter(|d| !matches!(d, Value::None));
    if let Some((k, _)) = args.kw.first() {
        return Err(type_error(format!(
            "JSONEncoder.__init__() got an unexpected keyword argument '{k}'"
        ))
        .into());
    }
    Ok(Encoder {
        skipkeys,
        ensure_ascii,
        check_circular,
        allow_nan,
        sort_keys,
        indent,
        item_sep,
        key_sep,
        default,
    })
}

/// `cls=` given to `dumps`/`dump`/`loads`/`load`: the instance `cls(**kw)` (the
/// other keywords), as CPython's json makes it.
fn with_cls(cx: &mut Cx, args: &mut Args) -> PyResult<Option<Value>> {
    let Some(cls) = args.take_kw("cls").filter(|c| !matches!(c, Value::None)) else {
        return Ok(None);
    };
    let kw = std::mem::take(&mut args.kw);
    Ok(Some(cx.call_args(
        &cls,
        Args {
            pos: Default::default(),
            kw,
        },
    )?))
}

fn dumps(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    if let Some(enc) = with_cls(cx, &mut args)? {
        if args.len() != 1 {
            return dumps(cx, args);
        }
        let encode = method(cx, &enc, "encode")?;
        return cx.call(&encode, vec![args.at(0).clone()]);
    }
    let enc = encoder(cx, &mut args)?;
    match args.len() {
        1 => {}
        0 => {
            return Err(type_error("dumps() missing 1 required positional argument: 'obj'").into())
        }
        n => {
            return Err(type_error(format!(
                "dumps() takes 1 positional argument but {n} were given"
            ))
            .into())
        }
    }
    Ok(Value::string(enc.encode(cx, args.at(0))?))
}

/// `getattr(obj, name)` through the `getattr` built-in (natives have no attribute API).
fn method(cx: &mut Cx, obj: &Value, name: &str) -> PyResult<Value> {
    let getattr = super::builtins_module()
        .get(cx.gil, "getattr")
        .ok_or_else(|| runtime_error("builtins.getattr is missing"))?;
    cx.call(&getattr, vec![obj.clone(), Value::str(name)])
}

fn dump(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    if let Some(enc) = with_cls(cx, &mut args)? {
        if args.len() != 2 {
            return dump(cx, args);
        }
        let encode = method(cx, &enc, "encode")?;
        let text = cx.call(&encode, vec![args.at(0).clone()])?;
        let write = method(cx, args.at(1), "write")?;
        cx.call(&write, vec![text])?;
        return Ok(Value::None);
    }
    let enc = encoder(cx, &mut args)?;
    if args.len() != 2 {
        return Err(type_error(format!(
            "dump() takes 2 positional arguments but {} were given",
            args.len()
        ))
        .into());
    }
    let text = enc.encode(cx, args.at(0))?;
    let write = method(cx, args.at(1), "write")?;
    cx.call(&write, vec![Value::string(text)])?;
    Ok(Value::None)
}

/// The decoder hooks of `loads`/`load` from the keyword arguments.
fn hooks(cx: &mut Cx, args: &mut Args) -> PyResult<Hooks> {
    let mut take = |name: &str| args.take_kw(name).filter(|v| !matches!(v, Value::None));
    let mut h = Hooks {
        object_hook: take("object_hook"),
        object_pairs_hook: take("object_pairs_hook"),
        parse_float: take("parse_float"),
        parse_int: take("parse_int"),
        parse_constant: take("parse_constant"),
        lax: false,
    };
    let _ = take("cls");
    if let Some(strict) = args.take_kw("strict") {
        h.lax = !cx.truthy(&strict)?;
    }
    if let Some((k, _)) = args.kw.first() {
        return Err(type_error(format!(
            "JSONDecoder.__init__() got an unexpected keyword argument '{k}'"
        ))
        .into());
    }
    Ok(h)
}

fn loads(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    if let Some(dec) = with_cls(cx, &mut args)? {
        if args.len() != 1 {
            return loads(cx, args);
        }
        let decode = method(cx, &dec, "decode")?;
        return cx.call(&decode, vec![args.at(0).clone()]);
    }
    let hooks = hooks(cx, &mut args)?;
    if args.len() != 1 {
        return Err(type_error(match args.len() {
            0 => "loads() missing 1 required positional argument: 's'".to_owned(),
            n => format!("loads() takes 1 positional argument but {n} were given"),
        })
        .into());
    }
    let owned;
    // (A `str`, `bytes` or `bytearray` subclass is read as its value.)
    let doc = crate::objects::class::unwrap_payload(args.at(0));
    let text: &str = match &doc {
        Value::Str(s) => {
            if s.as_str().starts_with('\u{feff}') {
                return Err(decode_error(
                    "Unexpected UTF-8 BOM (decode using utf-8-sig)",
                    s.as_str(),
                    0,
                )
                .into());
            }
            s.as_str()
        }
        // Only UTF-8 (with or without a BOM) is detected; CPython also reads UTF-16/32.
        Value::Bytes(b) => {
            let body = b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b);
            std::str::from_utf8(body).map_err(|e| utf8_error(e, body))?
        }
        Value::ByteArray(b) => {
            // A copy: hooks may run Python code that changes the bytearray.
            let raw = b.borrow(cx.gil).clone();
            let body = raw.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&raw);
            owned = std::str::from_utf8(body)
                .map_err(|e| utf8_error(e, body))?
                .to_owned();
            &owned
        }
        v => {
            return Err(type_error(format!(
                "the JSON object must be str, bytes or bytearray, not {}",
                type_name(v)
            ))
            .into())
        }
    };
    parse(cx, text, &hooks)
}

/// CPython's `UnicodeDecodeError` text for invalid UTF-8 in `body`.
fn utf8_error(e: std::str::Utf8Error, body: &[u8]) -> PyErr {
    let pos = e.valid_up_to();
    let byte = body.get(pos).copied().unwrap_or(0);
    let why = match e.error_len() {
        None => "unexpected end of data",
        Some(_) if matches!(byte, 0x80..=0xc1 | 0xf5..=0xff) => "invalid start byte",
        Some(_) => "invalid continuation byte",
    };
    let last = body.len().saturating_sub(1);
    if e.error_len().is_none() && last > pos {
        return unicode_decode_error(format!(
            "'utf-8' codec can't decode bytes in position {pos}-{last}: {why}"
        ));
    }
    unicode_decode_error(format!(
        "'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: {why}"
    ))
}

/// `JSONDecoder.decode`: one value between optional whitespace, then nothing else.
fn parse(cx: &mut Cx, text: &str, hooks: &Hooks) -> PyResult<Value> {
    let mut sc = Scanner::new(text, hooks);
    let start = sc.skip_ws(0);
    let result = sc.value(cx, start).and_then(|(v, end)| {
        let end = sc.skip_ws(end);
        if end != text.len() {
            return Err(Fail::At("Extra data", end));
        }
        Ok(v)
    });
    match result {
        Ok(v) => Ok(v),
        Err(Fail::At(msg, pos)) => Err(decode_error(msg, text, pos).into()),
        Err(Fail::Py(e)) => Err(e),
    }
}

fn load(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if args.len() != 1 {
        return Err(type_error(format!(
            "load() takes 1 positional argument but {} were given",
            args.len()
        ))
        .into());
    }
    let read = method(cx, args.at(0), "read")?;
    let data = cx.call(&read, vec![])?;
    // `loads(fp.read(), **kw)`, as CPython's `load` is written.
    let mut inner = Args::new([data]);
    inner.kw = args.kw;
    loads(cx, inner)
}
