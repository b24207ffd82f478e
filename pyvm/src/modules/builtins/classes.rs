//! The built-ins that make and inspect classes: `__build_class__`, `property`,
//! `staticmethod`, `classmethod`, `super`, `type(name, bases, ns)`, `vars`, `dir`,
//! `delattr`.

use crate::objects::rc::Arc;

use crate::native::*;
use crate::objects::class::Descr;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::types::{type_name, Kind, PyType};

/// `__build_class__`: the loop calls it through `vm::class::build_class` (it pushes
/// the class body's frame); this body only runs if called some other way.
static BUILD_CLASS: NativeDef = NativeDef {
    name: "__build_class__",
    f: |_cx, _args| Err(type_error("__build_class__: not enough arguments").into()),
    soft: None,
};

pub fn build_class_value() -> Value {
    Value::Native(&BUILD_CLASS)
}

pub fn is_build_class(def: &NativeDef) -> bool {
    std::ptr::eq(def, &BUILD_CLASS)
}

/// `builtins.__build_class__`: the interpreter's own unless the program replaced it.
pub fn current_build_class(gil: Gil<'_>) -> Value {
    match crate::native::builtin_function(gil, "__build_class__") {
        Value::None => build_class_value(),
        v => v,
    }
}

/// `builtins.__import__` when the program replaced it with a function of its own
/// (an `import` statement then calls that, as CPython's does); `None` otherwise.
pub fn replaced_import(gil: Gil<'_>) -> Option<Value> {
    match crate::native::builtin_function(gil, "__import__") {
        Value::None => None,
        Value::Native(d) if is_import(d) => None,
        v => Some(v),
    }
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`: the loop
/// calls it through `vm::import::builtin_import` (a module's body runs as a frame of
/// the loop); this body only runs if called some other way.
static IMPORT: NativeDef = NativeDef {
    name: "__import__",
    f: |_cx, _args| Err(runtime_error("__import__ called outside the interpreter").into()),
    soft: None,
};

pub fn import_value() -> Value {
    Value::Native(&IMPORT)
}

pub fn is_import(def: &NativeDef) -> bool {
    std::ptr::eq(def, &IMPORT)
}

static PROPERTY_COPIERS: &[NativeDef] = crate::objects::methods::natives![
    "getter" => prop_getter, "setter" => prop_setter, "deleter" => prop_deleter,
];

/// `prop.getter` / `.setter` / `.deleter`: a copy of the property with one accessor
/// replaced.
pub fn property_copier(name: &str) -> Option<&'static NativeDef> {
    PROPERTY_COPIERS.iter().find(|d| d.name == name)
}

fn copy_property(cx: &mut Cx, args: &Args, which: usize, name: &str) -> PyResult<Value> {
    args.check_method(name, 1, 1)?;
    let Value::Descr(d) = args.at(0) else {
        return Err(type_error(format!("descriptor '{name}' requires a 'property' object")).into());
    };
    let Descr::Property {
        fget,
        fset,
        fdel,
        doc,
    } = &**d
    else {
        return Err(type_error(format!("descriptor '{name}' requires a 'property' object")).into());
    };
    let mut parts = [fget.clone(), fset.clone(), fdel.clone()];
    parts[which] = args.at(1).clone();
    let [fget, fset, fdel] = parts;
    let doc = doc.borrow(cx.gil).clone();
    let doc = if which == 0 && doc.is(&Value::None) {
        function_doc(&fget)
    } else {
        doc
    };
    Ok(Value::Descr(Arc::new(Descr::Property {
        fget,
        fset,
        fdel,
        doc: GilCell::new(doc),
    })))
}

fn prop_getter(cx: &mut Cx, args: Args) -> PyResult<Value> {
    copy_any_property(cx, args, 0, "getter")
}

fn prop_setter(cx: &mut Cx, args: Args) -> PyResult<Value> {
    copy_any_property(cx, args, 1, "setter")
}

fn prop_deleter(cx: &mut Cx, args: Args) -> PyResult<Value> {
    copy_any_property(cx, args, 2, "deleter")
}

/// [`copy_property`], and for an instance of a `property` subclass CPython's
/// `type(self)(fget, fset, fdel, doc)`.
fn copy_any_property(cx: &mut Cx, mut args: Args, which: usize, name: &str) -> PyResult<Value> {
    let Some(Value::Instance(i)) = args.get(0).cloned() else {
        return copy_property(cx, &args, which, name);
    };
    let Some(d) = crate::objects::class::descr_payload(cx.gil, &args.pos[0]) else {
        return copy_property(cx, &args, which, name);
    };
    args.pos[0] = Value::Descr(d);
    let copy = copy_property(cx, &args, which, name)?;
    let Value::Descr(d) = copy else {
        return Ok(copy);
    };
    let Descr::Property {
        fget,
        fset,
        fdel,
        doc,
    } = &*d
    else {
        return Ok(Value::Descr(d));
    };
    let parts = [
        fget.clone(),
        fset.clone(),
        fdel.clone(),
        doc.borrow(cx.gil).clone(),
    ];
    cx.instantiate(i.class(), Args::new(parts))
}

/// A function's docstring (its first constant when that is a str).
fn function_doc(f: &Value) -> Value {
    match f {
        Value::Function(func) => func.code.doc.clone().map_or(Value::None, Value::string),
        _ => Value::None,
    }
}

/// Calling `property`, `staticmethod`, `classmethod` or `super`.
pub fn construct(_cx: &mut Cx, t: &Arc<PyType>, mut args: Args) -> PyResult<Value> {
    match t.kind {
        Kind::Property => {
            let names = ["fget", "fset", "fdel", "doc"];
            let mut parts = [Value::None, Value::None, Value::None, Value::None];
            for (i, n) in names.iter().enumerate() {
                if let Some(v) = args.take_kw(n) {
                    if i < args.len() {
                        return Err(type_error(format!(
                            "argument for property() given by name ('{n}') and position ({})",
                            i + 1
                        ))
                        .into());
                    }
                    parts[i] = v;
                }
            }
            args.check_kw("property", 0, 4)?;
            for (i, v) in args.pos.iter().enumerate() {
                parts[i] = v.clone();
            }
            let [fget, fset, fdel, mut doc] = parts;
            if doc.is(&Value::None) {
                doc = function_doc(&fget);
            }
            Ok(Value::Descr(Arc::new(Descr::Property {
                fget,
                fset,
                fdel,
                doc: GilCell::new(doc),
            })))
        }
        Kind::StaticMethod | Kind::ClassMethod => {
            args.check(&t.name, 1, 1)?;
            let f = args.at(0).clone();
            Ok(Value::Descr(Arc::new(if t.kind == Kind::StaticMethod {
                Descr::StaticMethod(f)
            } else {
                Descr::ClassMethod(f)
            })))
        }
        Kind::Super => {
            if args.is_empty() && args.kw.is_empty() {
                // `MySuper()` for a subclass of `super`: the calling frame's
                // `__class__` cell and first argument, as `super()` reads them.
                return Ok(crate::native::zero_arg_super(_cx)?);
            }
            args.check("super", 1, 2)?;
            let Value::Type(cls) = args.at(0) else {
                return Err(type_error(format!(
                    "super() argument 1 must be a type, not {}",
                    type_name(args.at(0))
                ))
                .into());
            };
            match args.get(1) {
                Some(this) => Ok(make_super(cls.clone(), this.clone())?),
                None => Ok(crate::native::unbound_super(cls.clone())),
            }
        }
        _ => Err(type_error(format!("cannot create '{}' instances", t.name)).into()),
    }
}

/// `vars([obj])`: an object's namespace (the dict itself for instances).
pub fn vars(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let v = args.at(0);
    match v {
        // An instance of a `super` subclass: its `__dict__` as `super` finds it (the
        // bound object's, when a class past `__thisclass__` gives instances one).
        Value::Instance(_) if crate::objects::class::super_payload(cx.gil, v).is_some() => {
            Ok(cx.getattr(v, "__dict__")?)
        }
        Value::Instance(i) => Ok(Value::Dict(i.dict.clone())),
        Value::Exception(e) => Ok(Value::Dict(e.dict.clone())),
        Value::Module(m) => Ok(Value::Dict(m.dict.clone())),
        Value::Function(f) => Ok(Value::Dict(f.attrs().clone())),
        Value::Type(_) => Ok(cx.getattr(v, "__dict__")?),
        _ => Err(type_error("vars() argument must have __dict__ attribute").into()),
    }
}

/// `dir(obj)`: sorted attribute names of an instance, class or module.
pub fn dir(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("dir", 0, 1)?;
    if args.is_empty() {
        // The names of the calling scope, sorted.
        let scope = super::scope::frame_locals(cx);
        let mut names: Vec<Value> = match &scope {
            Value::Dict(d) => d.borrow(cx.gil).keys().cloned().collect(),
            _ => Vec::new(),
        };
        let mut err = None;
        names.sort_by(|a, b| match (a.as_str(), b.as_str()) {
            (Some(x), Some(y)) => x.cmp(y),
            _ => {
                err.get_or_insert_with(|| {
                    type_error("'<' not supported between instances of 'str' and 'int'")
                });
                std::cmp::Ordering::Equal
            }
        });
        if let Some(e) = err {
            return Err(e.into());
        }
        return Ok(Value::list(names));
    }
    let gil = cx.gil;
    let v = args.at(0);
    // A class's own `__dir__` answers, its result sorted into a list.
    if let Some(f) = crate::objects::class::special(gil, v, "__dir__") {
        let listed = cx.call(&f, vec![v.clone()])?;
        let sorted = crate::native::builtin_function(gil, "sorted");
        return cx.call(&sorted, vec![listed]);
    }
    Ok(crate::objects::methods::object::dir_names(gil, v))
}

/// `delattr(obj, name)`.
pub fn delattr(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("delattr", 2, 2)?;
    let name = args.at(1).as_str().ok_or_else(|| {
        type_error(format!(
            "attribute name must be string, not '{}'",
            type_name(args.at(1))
        ))
    })?;
    cx.store_attr(args.at(0), name, None)?;
    Ok(Value::None)
}
