//! `_imp`: the import machinery's native half, as much of CPython's as pyvm's frozen
//! `importlib.util` and `importlib.machinery` need (`find_spec`, the loaders, and so
//! Lib's `runpy`, `pkgutil` and `python -m`). pyvm's own imports are made by the
//! interpreter (`vm/import.rs`); `_pyvm_find` exposes the same search to Python.

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "is_builtin" => is_builtin, "is_frozen" => is_frozen,
    "extension_suffixes" => extension_suffixes, "lock_held" => lock_held,
    "acquire_lock" => nothing, "release_lock" => nothing, "_pyvm_find" => find,
    "_override_frozen_modules_for_tests" => override_frozen,
];

/// The `_imp` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_imp", FUNCS);
        m.set(gil, "check_hash_based_pycs", Value::str("default"));
        Arc::new(m)
    })
}

fn name_arg(f: &str, v: &Value) -> Result<String, PyErr> {
    match v {
        Value::Str(s) => Ok(s.as_str().to_owned()),
        v => Err(type_error(format!(
            "{f}() argument must be str, not {}",
            crate::objects::types::type_name(v)
        ))),
    }
}

/// `is_builtin(name)`: 1 for a built-in (Rust) module, 0 otherwise (CPython's -1 is
/// for the modules that cannot be re-initialised: `sys`, `builtins`).
fn is_builtin(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("is_builtin", 1, 1)?;
    let name = name_arg("is_builtin", args.at(0))?;
    Ok(Value::Int(match name.as_str() {
        "sys" | "builtins" => -1,
        n if super::builtin(cx.gil, n).is_some() => 1,
        _ => 0,
    }))
}

/// `_override_frozen_modules_for_tests(override)` (`test.support`'s
/// `frozen_modules()`): CPython chooses between the frozen and the source copy of a
/// module of Lib; pyvm's frozen modules stand in for natives and are always used (as
/// CPython always uses its essential frozen modules), so the setting changes nothing.
fn override_frozen(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_override_frozen_modules_for_tests", 1, 1)?;
    arg_c_int(args.at(0), "_override_frozen_modules_for_tests")?;
    Ok(Value::None)
}

fn is_frozen(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("is_frozen", 1, 1)?;
    let name = name_arg("is_frozen", args.at(0))?;
    Ok(Value::bool(super::frozen(&name).is_some()))
}

fn extension_suffixes(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("extension_suffixes", 0, 0)?;
    Ok(Value::list(Vec::new()))
}

fn lock_held(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("lock_held", 0, 0)?;
    Ok(Value::bool(false))
}

fn nothing(_cx: &mut Cx, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

/// `_pyvm_find(fullname, path)`: where the import system finds module `fullname`
/// (`path`: the parent package's `__path__`, or `None` for `sys.path`), as a tuple
/// `(kind, origin, source, locations)`: `('builtin', 'built-in', None, None)`,
/// `('frozen', 'frozen', source, None)`, `('source', file, source, package_dir or
/// None)`, `('namespace', None, None, [portions])`; `None` when nothing is found.
fn find(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_pyvm_find", 1, 2)?;
    let name = name_arg("_pyvm_find", args.at(0))?;
    let path = match args.get(1) {
        None | Some(Value::None) => None,
        Some(p) => Some(
            cx.collect(p)?
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect::<Vec<_>>(),
        ),
    };
    let opt = |s: Option<String>| s.map_or(Value::None, Value::string);
    Ok(match super::find_spec(cx.gil, &name, path.as_deref()) {
        None => Value::None,
        Some(super::Found::Builtin(_)) => Value::tuple(vec![
            Value::str("builtin"),
            Value::str("built-in"),
            Value::None,
            Value::None,
        ]),
        Some(super::Found::Frozen(src)) => Value::tuple(vec![
            Value::str("frozen"),
            Value::str("frozen"),
            Value::str(src),
            Value::None,
        ]),
        Some(super::Found::File {
            path,
            source,
            package,
            ..
        }) => Value::tuple(vec![
            Value::str("source"),
            Value::string(path),
            Value::string(source),
            opt(package),
        ]),
        Some(super::Found::Namespace(portions)) => Value::tuple(vec![
            Value::str("namespace"),
            Value::None,
            Value::None,
            Value::list(portions.into_iter().map(Value::string).collect()),
        ]),
    })
}
