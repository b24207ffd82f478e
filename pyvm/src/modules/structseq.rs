//! Struct sequences (CPython's `PyStructSequence`): tuples whose items also have
//! names — `sys.version_info`, `sys.flags`, `sys.float_info`. A type derived from
//! `tuple` made once per kind; an instance carries its items as the tuple and as
//! attributes, and prints as `sys.version_info(major=3, minor=11, ...)`.

use crate::objects::rc::Arc;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::str::PyStr;
use crate::objects::types::{types, PyType};

static REPR: NativeDef = NativeDef {
    name: "__repr__",
    f: repr,
    soft: None,
};

static INIT: NativeDef = NativeDef {
    name: "__init__",
    f: init,
    soft: None,
};

/// A struct sequence type `module.name` with these fields. Calling it with a
/// sequence of that many items makes one (`os.terminal_size((80, 24))`).
pub fn new_type(gil: Gil<'_>, module: &str, name: &str, fields: &[&str]) -> Arc<PyType> {
    let mut ns = crate::objects::dict::Dict::new();
    let n = Value::Int(fields.len() as i64);
    let entries = [
        ("__module__", Value::str(module)),
        ("n_fields", n.clone()),
        ("n_sequence_fields", n),
        ("n_unnamed_fields", Value::Int(0)),
        (
            "_fields",
            Value::tuple(fields.iter().map(|f| Value::str(f)).collect()),
        ),
        ("__repr__", Value::Native(&REPR)),
        ("__init__", Value::Native(&INIT)),
    ];
    for (k, v) in entries {
        let _ = ns.insert(Value::str(k), v);
    }
    let args = Args::new([
        Value::str(name),
        Value::tuple(vec![Value::Type(types().tuple.clone())]),
        Value::dict(ns),
    ]);
    match type_new(gil, &args) {
        Ok(Value::Type(t)) => t,
        _ => types().tuple.clone(),
    }
}

/// An instance of struct sequence type `t` with these items (one per field).
pub fn make(gil: Gil<'_>, t: &Arc<PyType>, items: Vec<Value>) -> Value {
    let fields = field_names(gil, t);
    let v = crate::objects::class::instance_with(t.clone(), Value::tuple(items.clone()));
    if let Value::Instance(i) = &v {
        let mut d = i.dict.borrow_mut(gil);
        for (f, item) in fields.iter().zip(items) {
            let _ = d.insert(Value::str(f), item);
        }
    }
    v
}

fn field_names(gil: Gil<'_>, t: &Arc<PyType>) -> Vec<String> {
    match crate::objects::class::lookup(gil, t, &PyStr::new("_fields".to_owned())) {
        Some(Value::Tuple(names)) => names
            .iter()
            .filter_map(|n| n.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

/// `type(sequence)`: the tuple is made from `sequence` (as for any `tuple`
/// subclass); this names its items, after checking their number.
fn init(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let Some(Value::Instance(i)) = args.get(0) else {
        return Err(type_error("descriptor '__init__' requires a struct sequence").into());
    };
    let fields = field_names(cx.gil, i.class());
    let items: Vec<Value> = match &i.base {
        Value::Tuple(t) => t.iter().cloned().collect(),
        _ => Vec::new(),
    };
    if items.len() != fields.len() {
        return Err(type_error(format!(
            "{}() takes a {}-sequence ({}-sequence given)",
            i.class().qualified_name(),
            fields.len(),
            items.len()
        ))
        .into());
    }
    let mut d = i.dict.borrow_mut(cx.gil);
    for (f, item) in fields.iter().zip(items) {
        let _ = d.insert(Value::str(f), item);
    }
    Ok(Value::None)
}

/// `repr(seq)`: `module.name(field=value, ...)`.
fn repr(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let Some(Value::Instance(i)) = args.get(0) else {
        return Err(type_error("descriptor '__repr__' requires a struct sequence").into());
    };
    let fields = field_names(cx.gil, i.class());
    let items: Vec<Value> = match &i.base {
        Value::Tuple(t) => t.iter().cloned().collect(),
        _ => Vec::new(),
    };
    let mut parts = Vec::new();
    for (f, v) in fields.iter().zip(items.iter()) {
        parts.push(format!("{f}={}", cx.repr(v)?));
    }
    Ok(Value::string(format!(
        "{}({})",
        i.class().qualified_name(),
        parts.join(", ")
    )))
}
