//! `import`: `IMPORT_NAME` finds a module (`sys.modules`, the built-in modules, then
//! `sys.path`: directories and the frozen library) and, for one written in Python,
//! pushes a frame for its body whose follow-up ([`Ret::Import`]) hands the module to
//! the importer when the body returns, or takes it out of `sys.modules` when an
//! exception leaves it. No nested dispatch loop: the body runs in the importer's loop.
//! `IMPORT_FROM` and CPython's messages for what cannot be imported are here too.

use std::sync::{Arc, Mutex};

use super::call::Called;
use super::frame::Ret;
use super::state::MicroThread;
use crate::compile::CompileError;
use crate::modules::{self, Found};
use crate::objects::exception::{key_error, module_not_found, recursion_error, PyErr};
use crate::objects::gil::{Gil, GilCell};
use crate::objects::module::Module;
use crate::objects::types::types;
use crate::objects::value::Value;

/// Modules whose body is running (CPython's `__spec__._initializing`): `from m import
/// x` failing on one of them blames a circular import.
static INITIALIZING: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn initializing(name: &str) -> bool {
    INITIALIZING
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .any(|n| n == name)
}

fn set_initializing(name: &str, on: bool) {
    let mut g = INITIALIZING.lock().unwrap_or_else(|p| p.into_inner());
    if on {
        g.push(name.to_owned());
    } else if let Some(i) = g.iter().rposition(|n| n == name) {
        g.remove(i);
    }
}

fn cached(gil: Gil<'_>, name: &str) -> Option<Value> {
    modules::sys_modules()
        .borrow(gil)
        .get_str(&crate::objects::str::PyStr::new(name.to_owned()))
}

fn cache(gil: Gil<'_>, name: &str, m: Value) {
    let _ = modules::sys_modules()
        .borrow_mut(gil)
        .insert(Value::str(name), m);
}

/// `IMPORT_NAME name`: the module (found in `sys.modules` or built in), or a pushed
/// frame running its body. The importer's `ip` is already saved.
pub(crate) fn import_name(gil: Gil<'_>, th: &mut MicroThread, name: &str) -> Result<Called, PyErr> {
    if let Some(m) = cached(gil, name) {
        if matches!(m, Value::None) {
            return Err(module_not_found(format!(
                "import of {name} halted; None in sys.modules"
            )));
        }
        return Ok(Called::Value(m));
    }
    if let Some(m) = modules::builtin(gil, name) {
        cache(gil, name, m.clone());
        return Ok(Called::Value(m));
    }
    if let Some((top, _)) = name.split_once('.') {
        // Packages are not supported: a dotted name is a module of a package.
        let is_module = cached(gil, top).is_some()
            || modules::builtin(gil, top).is_some()
            || modules::find_on_path(gil, top).is_some();
        return Err(module_not_found(if is_module {
            format!("No module named '{name}'; '{top}' is not a package")
        } else {
            format!("No module named '{top}'")
        }));
    }
    let (filename, source, file) = match modules::find_on_path(gil, name) {
        Some(Found::File { path, source }) => (path.clone(), source, Some(path)),
        Some(Found::Frozen(src)) => (modules::frozen_filename(name), src.to_owned(), None),
        None => return Err(module_not_found(format!("No module named '{name}'"))),
    };
    modules::register_source(&filename, &source);
    let code = crate::compile::compile(&source, &filename).map_err(|e| syntax_error(&e))?;
    if th.frames.len() >= th.recursion_limit {
        return Err(recursion_error("maximum recursion depth exceeded"));
    }
    let module = Arc::new(Module::new(name));
    module.set(gil, "__name__", Value::str(name));
    module.set(gil, "__doc__", Value::None);
    module.set(gil, "__package__", Value::str(""));
    if let Some(f) = file {
        module.set(gil, "__file__", Value::string(f));
    }
    // In `sys.modules` before the body runs: a circular import gets this module as
    // it is so far.
    cache(gil, name, Value::Module(module.clone()));
    set_initializing(name, true);
    super::push_module_frame(th, code, module.dict.clone(), None, Ret::Import(module));
    Ok(Called::Frame)
}

/// The body of `module` returned: the importer gets what `sys.modules` now holds
/// under its name (a module may replace itself there).
pub(crate) fn finished(gil: Gil<'_>, module: &Module) -> Result<Value, PyErr> {
    set_initializing(&module.name, false);
    cached(gil, &module.name).ok_or_else(|| key_error(Value::str(&module.name)))
}

/// An exception left the body of `module`: it is no longer importable as it is.
pub(crate) fn failed(gil: Gil<'_>, module: &Module) {
    set_initializing(&module.name, false);
    let _ = modules::sys_modules()
        .borrow_mut(gil)
        .remove(&Value::str(&module.name));
}

/// `IMPORT_FROM name` on module `m` (CPython's `import_from` and its messages).
/// `from m import *`: bind in `ns` the names in `m.__all__`, or else every name
/// of `m` that does not start with an underscore.
pub(crate) fn import_star(
    gil: Gil<'_>,
    m: &Value,
    ns: &Arc<GilCell<crate::objects::dict::Dict>>,
) -> Result<(), PyErr> {
    let Value::Module(module) = m else {
        return Err(crate::objects::exception::type_error(
            "from-import-* object has no __dict__ and no __all__",
        ));
    };
    let pairs: Vec<(Value, Value)> = match module.get(gil, "__all__") {
        Some(all) => {
            let names: Vec<Value> = match &all {
                Value::List(l) => l.borrow(gil).to_vec(),
                Value::Tuple(t) => t.to_vec(),
                _ => Vec::new(),
            };
            let mut out = Vec::new();
            for n in names {
                let Some(name) = n.as_str() else {
                    return Err(crate::objects::exception::type_error(format!(
                        "Item in {}.__all__ must be str, not {}",
                        module.name,
                        crate::objects::types::type_name(&n)
                    )));
                };
                let Some(v) = module.get(gil, name) else {
                    return Err(crate::objects::exception::attribute_error(format!(
                        "module '{}' has no attribute '{name}'",
                        module.name
                    )));
                };
                out.push((n.clone(), v));
            }
            out
        }
        None => module
            .dict
            .borrow(gil)
            .iter()
            .filter(|(k, _)| k.as_str().is_some_and(|s| !s.starts_with('_')))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    };
    let mut d = ns.borrow_mut(gil);
    for (k, v) in pairs {
        d.insert(k, v)?;
    }
    Ok(())
}

pub(crate) fn import_from(gil: Gil<'_>, m: &Value, name: &str) -> Result<Value, PyErr> {
    let module = match m {
        Value::Module(module) => module,
        other => {
            return super::ops::getattr(gil, other, name).map_err(|_| {
                import_error(
                    format!(
                    "cannot import name '{name}' from '<unknown module name>' (unknown location)"
                ),
                    Value::None,
                    Value::None,
                )
            })
        }
    };
    if let Some(v) = module.get(gil, name) {
        return Ok(v);
    }
    let pkg = match module.get(gil, "__name__") {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        _ => module.name.clone(),
    };
    if let Some(v) = cached(gil, &format!("{pkg}.{name}")) {
        return Ok(v);
    }
    let name_repr = crate::objects::repr::str_repr(name);
    let pkg_repr = crate::objects::repr::str_repr(&pkg);
    let (msg, path) = match module.get(gil, "__file__") {
        Some(Value::Str(path)) => (
            if initializing(&pkg) {
                format!(
                    "cannot import name {name_repr} from partially initialized module {pkg_repr} (most likely due to a circular import) ({})",
                    path.as_str()
                )
            } else {
                format!(
                    "cannot import name {name_repr} from {pkg_repr} ({})",
                    path.as_str()
                )
            },
            Value::Str(path),
        ),
        _ => (
            format!("cannot import name {name_repr} from {pkg_repr} (unknown location)"),
            Value::None,
        ),
    };
    Err(import_error(msg, Value::string(pkg), path))
}

fn import_error(msg: String, name: Value, path: Value) -> PyErr {
    PyErr::with_attrs(
        &types().exc.import_error,
        vec![Value::string(msg)],
        vec![("name", name), ("path", path)],
    )
}

/// A compile error of an imported module as the `SyntaxError` (or
/// `IndentationError`) instance CPython raises, carrying its place.
pub fn syntax_error(e: &CompileError) -> PyErr {
    let mut e = e.clone();
    if !e.text.ends_with('\n') {
        e.text.push('\n');
    }
    syntax_error_exact(&e)
}

/// [`syntax_error`] with the line's text as given (source compiled from a string
/// has no newline after its last line).
pub fn syntax_error_exact(e: &CompileError) -> PyErr {
    let t = types();
    let typ = match e.class() {
        "IndentationError" => &t.exc.indentation_error,
        _ => &t.exc.syntax_error,
    };
    let text = e.text.clone();
    let (mut col, mut end_col) = (e.col as i64, e.end_col as i64);
    if e.msg == "unexpected indent" {
        // CPython points just before the first character; no caret is printed.
        col = text.chars().take_while(|c| *c == ' ' || *c == '\t').count() as i64;
        end_col = -1;
    }
    let details = vec![
        Value::str(&e.filename),
        Value::Int(e.line as i64),
        Value::Int(col),
        Value::string(text.clone()),
        Value::Int(e.end_line as i64),
        Value::Int(end_col),
    ];
    PyErr::with_attrs(
        typ,
        vec![Value::str(&e.msg), Value::tuple(details)],
        vec![
            ("msg", Value::str(&e.msg)),
            ("filename", Value::str(&e.filename)),
            ("lineno", Value::Int(e.line as i64)),
            ("offset", Value::Int(col)),
            ("text", Value::string(text)),
            ("end_lineno", Value::Int(e.end_line as i64)),
            ("end_offset", Value::Int(end_col)),
        ],
    )
}
