//! The special methods every class inherits from `object` and every exception class
//! from `BaseException` (`super().__init__(msg)`, `object.__setattr__(self, k, v)`).

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::types::{type_name, Kind};

use super::natives;

pub static OBJECT_METHODS: &[NativeDef] = natives![
    "__init__" => init, "__new__" => new, "__repr__" => repr, "__str__" => str_,
    "__eq__" => eq, "__ne__" => ne, "__hash__" => hash, "__setattr__" => setattr,
    "__delattr__" => delattr, "__getattribute__" => getattribute, "__format__" => format,
    "__init_subclass__" => init_subclass, "__subclasshook__" => subclasshook,
    "__reduce_ex__" => reduce_ex, "__reduce__" => reduce, "__getstate__" => getstate,
    "__dir__" => dir, "__lt__" => lt, "__le__" => le,
    "__gt__" => gt, "__ge__" => ge, "__sizeof__" => sizeof,
];

/// `object.__getstate__()`: the instance's `__dict__` (`None` when empty), paired
/// with a dict of its `__slots__` values when it has any (CPython's
/// `object_getstate_default`).
fn getstate(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__getstate__", 0, 0)?;
    let this = args.at(0).clone();
    let cls = crate::objects::class::class_of(&this);
    let names = slot_names(&cls);
    let state = match &this {
        Value::Instance(i) if !i.dict.borrow(cx.gil).is_empty() => {
            if names.is_empty() {
                Value::Dict(i.dict.clone())
            } else {
                // pyvm keeps slot values in the instance dict: the rest is `__dict__`.
                let mut d = crate::objects::dict::Dict::new();
                for (k, v) in i.dict.borrow(cx.gil).iter() {
                    if !k.as_str().is_some_and(|k| names.iter().any(|n| n == k)) {
                        d.insert(k.clone(), v.clone())?;
                    }
                }
                if d.is_empty() {
                    Value::None
                } else {
                    Value::dict(d)
                }
            }
        }
        _ => Value::None,
    };
    let mut slots = crate::objects::dict::Dict::new();
    for name in names {
        match cx.load_attr(&this, &name) {
            Ok(v) => slots.insert(Value::string(name), v)?,
            Err(deferred::Unwind::Raise(e))
                if e.is_instance(&crate::objects::types::types().exc.attribute_error) => {}
            Err(e) => return Err(e),
        }
    }
    if slots.is_empty() {
        return Ok(state);
    }
    Ok(Value::tuple(vec![state, Value::dict(slots)]))
}

/// The `__slots__` names along a class's MRO, private ones mangled, without
/// `__dict__` and `__weakref__` (`copyreg._slotnames`).
fn slot_names(cls: &crate::objects::rc::Arc<crate::objects::types::PyType>) -> Vec<String> {
    let mut names = Vec::new();
    for c in std::iter::once(cls).chain(cls.mro.iter()) {
        if !c.heap {
            continue;
        }
        let Some(slots) = &c.slots else { continue };
        for name in slots {
            if name == "__dict__" || name == "__weakref__" {
                continue;
            }
            let name = if name.starts_with("__") && !name.ends_with("__") {
                let stripped = c.name.trim_start_matches('_');
                if stripped.is_empty() {
                    continue;
                }
                format!("_{stripped}{name}")
            } else {
                name.clone()
            };
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

/// `object.__reduce_ex__(protocol)` (what `copy` and `pickle` call): a class's own
/// `__reduce__` if it has one, else CPython's `reduce_newobj` — `(copyreg.__newobj__,
/// (cls, *__getnewargs__()), state, list items, dict items)`.
fn reduce_ex(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__reduce_ex__", 1, 1)?;
    let this = args.at(0).clone();
    let proto = arg_int(args.at(1), "__reduce_ex__")?;
    let cls = crate::objects::class::class_of(&this);
    if let Some(r) = crate::objects::class::lookup(
        cx.gil,
        &cls,
        &crate::objects::str::PyStr::new("__reduce__".to_owned()),
    ) {
        if !matches!(r, Value::Native(d) if std::ptr::eq(d, reduce_def())) {
            let f = cx.getattr(&this, "__reduce__")?;
            return cx.call(&f, vec![]);
        }
    }
    common_reduce(cx, this, proto)
}

/// `_common_reduce`: `reduce_newobj` from protocol 2, `copyreg._reduce_ex` before.
fn common_reduce(cx: &mut Cx, this: Value, proto: i64) -> PyResult<Value> {
    if let Some(Value::Set(_) | Value::FrozenSet(_)) = crate::objects::class::payload(&this) {
        // `set.__reduce__` (at every protocol): `(type(self), (list(self),), state)`.
        let cls = crate::objects::class::class_of(&this);
        let items = cx.collect(&this)?;
        let state = {
            let f = cx.getattr(&this, "__getstate__")?;
            cx.call(&f, vec![])?
        };
        return Ok(Value::tuple(vec![
            Value::Type(cls),
            Value::tuple(vec![Value::list(items)]),
            state,
        ]));
    }
    if proto >= 2 {
        reduce_newobj(cx, this)
    } else {
        reduce_copyreg(cx, this)
    }
}

/// `copyreg._reduce_ex(self, proto)` for protocols 0 and 1: `(_reconstructor, (cls,
/// base, state) [, dict])`, `base` the first built-in class along the MRO.
fn reduce_copyreg(cx: &mut Cx, this: Value) -> PyResult<Value> {
    use crate::objects::rc::Arc;
    let ty = crate::objects::types::types();
    let cls = crate::objects::class::class_of(&this);
    let base = std::iter::once(&cls)
        .chain(cls.mro.iter())
        .find(|c| !c.heap)
        .cloned()
        .unwrap_or_else(|| ty.object.clone());
    let state = if Arc::ptr_eq(&base, &ty.object) {
        Value::None
    } else {
        if Arc::ptr_eq(&base, &cls) {
            return Err(type_error(format!("cannot pickle '{}' object", cls.name)).into());
        }
        cx.call(&Value::Type(base.clone()), vec![this.clone()])?
    };
    let args = Value::tuple(vec![Value::Type(cls.clone()), Value::Type(base), state]);
    let has_slots = |cx: &mut Cx| -> PyResult<bool> {
        match cx.load_attr(&this, "__slots__") {
            Ok(v) => cx.truthy(&v),
            Err(deferred::Unwind::Raise(_)) => Ok(false),
            Err(e) => Err(e),
        }
    };
    let default_getstate = match crate::objects::class::lookup(
        cx.gil,
        &cls,
        &crate::objects::str::PyStr::new("__getstate__".to_owned()),
    ) {
        Some(Value::Native(d)) => d.f as usize == getstate as NativeFn as usize,
        _ => false,
    };
    if default_getstate && has_slots(cx)? {
        return Err(type_error(
            "a class that defines __slots__ without defining __getstate__ cannot be pickled",
        )
        .into());
    }
    let f = cx.getattr(&this, "__getstate__")?;
    let dict = cx.call(&f, vec![])?;
    let import = crate::native::builtin_function(cx.gil, "__import__");
    let copyreg = cx.call(&import, vec![Value::str("copyreg")])?;
    let recon = cx.getattr(&copyreg, "_reconstructor")?;
    Ok(if cx.truthy(&dict)? {
        Value::tuple(vec![recon, args, dict])
    } else {
        Value::tuple(vec![recon, args])
    })
}

fn reduce_def() -> &'static NativeDef {
    OBJECT_METHODS
        .iter()
        .find(|d| d.name == "__reduce__")
        .expect("object.__reduce__ is in the table")
}

fn reduce(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__reduce__", 0, 0)?;
    common_reduce(cx, args.at(0).clone(), 0)
}

fn reduce_newobj(cx: &mut Cx, this: Value) -> PyResult<Value> {
    let cls = crate::objects::class::class_of(&this);
    if !cls.heap {
        return Err(type_error(format!("cannot pickle '{}' object", type_name(&this))).into());
    }
    let import = crate::native::builtin_function(cx.gil, "__import__");
    let copyreg = cx.call(&import, vec![Value::str("copyreg")])?;
    let payload = crate::objects::class::payload(&this).cloned();
    let mut newobj = cx.getattr(&copyreg, "__newobj__")?;
    let mut newargs = vec![Value::Type(cls.clone())];
    if let Ok(f) = cx.getattr(&this, "__getnewargs_ex__") {
        let got = cx.call(&f, vec![])?;
        let pair = cx.collect(&got)?;
        let [args, kwargs] = &pair[..] else {
            return Err(type_error(format!(
                "__getnewargs_ex__ should return a tuple of length 2, not {}",
                pair.len()
            ))
            .into());
        };
        let args = cx.collect(args)?;
        let has_kwargs = matches!(kwargs, Value::Dict(d) if !d.borrow(cx.gil).is_empty());
        if has_kwargs {
            newobj = cx.getattr(&copyreg, "__newobj_ex__")?;
            newargs.push(Value::tuple(args));
            newargs.push(kwargs.clone());
        } else {
            newargs.extend(args);
        }
    } else if let Ok(f) = cx.getattr(&this, "__getnewargs__") {
        let got = cx.call(&f, vec![])?;
        newargs.extend(cx.collect(&got)?);
    }
    let state = {
        let f = cx.getattr(&this, "__getstate__")?;
        cx.call(&f, vec![])?
    };
    let listitems = match &payload {
        Some(l @ Value::List(_)) => cx.iter(l)?,
        _ => Value::None,
    };
    let dictitems = match &payload {
        Some(d @ Value::Dict(_)) => {
            let items = cx.getattr(d, "items")?;
            let view = cx.call(&items, vec![])?;
            cx.iter(&view)?
        }
        _ => Value::None,
    };
    Ok(Value::tuple(vec![
        newobj,
        Value::tuple(newargs),
        state,
        listitems,
        dictitems,
    ]))
}

/// `object.__subclasshook__(subclass)` (a class method): `NotImplemented`, so
/// `abc`'s usual checks decide.
fn subclasshook(_cx: &mut Cx, _args: Args) -> PyResult<Value> {
    Ok(Value::NotImplemented)
}

pub static EXCEPTION_METHODS: &[NativeDef] = natives![
    "__init__" => exc_init, "__str__" => exc_str, "__repr__" => exc_repr,
    "with_traceback" => with_traceback, "add_note" => add_note,
    "__reduce__" => exc_reduce, "__setstate__" => exc_setstate,
];

fn this(args: &Args, name: &str) -> PyResult<Value> {
    args.get(0).cloned().ok_or_else(|| {
        type_error(format!(
            "descriptor '{name}' of 'object' object needs an argument"
        ))
        .into()
    })
}

/// Does class `cls` take `name` (`__init__` / `__new__`) from `object` itself?
fn inherits_object(gil: crate::objects::gil::Gil<'_>, cls: &PyTypeRef, name: &str) -> bool {
    let own = OBJECT_METHODS.iter().find(|d| d.name == name);
    let found =
        crate::objects::class::lookup(gil, cls, &crate::objects::str::PyStr::new(name.to_owned()));
    matches!((found, own), (Some(Value::Native(d)), Some(o)) if std::ptr::eq(d, o))
}

type PyTypeRef = crate::objects::rc::Arc<crate::objects::types::PyType>;

/// CPython's `object_init`: extra arguments are an error only when the class
/// overrides `__init__` (then `object.__init__()` is named), or overrides neither
/// `__init__` nor `__new__` (then the class's own `__init__`).
fn init(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let this = this(&args, "__init__")?;
    let cls = crate::objects::class::class_of(&this);
    if args.len() > 1 || !args.kw.is_empty() {
        if !inherits_object(cx.gil, &cls, "__init__") {
            return Err(type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            )
            .into());
        }
        if inherits_object(cx.gil, &cls, "__new__") {
            return Err(type_error(format!(
                "{}.__init__() takes exactly one argument (the instance to initialize)",
                cls.name
            ))
            .into());
        }
    }
    Ok(Value::None)
}

/// `object.__init_subclass__(cls)`: does nothing, and takes no keywords.
fn init_subclass(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        let name = match args.get(0) {
            Some(Value::Type(t)) => t.name.to_string(),
            _ => "object".to_owned(),
        };
        return Err(type_error(format!(
            "{name}.__init_subclass__() takes no keyword arguments"
        ))
        .into());
    }
    Ok(Value::None)
}

fn new(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let cls = match args.get(0) {
        Some(Value::Type(t)) => t.clone(),
        Some(v) => {
            return Err(type_error(format!(
                "object.__new__(X): X is not a type object ({})",
                type_name(v)
            ))
            .into())
        }
        None => return Err(type_error("object.__new__(): not enough arguments").into()),
    };
    if !matches!(cls.kind, Kind::Object | Kind::Exception)
        || (!cls.heap && cls.kind != Kind::Object)
    {
        return Err(type_error(format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            cls.name, cls.name
        ))
        .into());
    }
    if (args.len() > 1 || !args.kw.is_empty()) && cls.kind != Kind::Exception {
        // CPython's `object_new`: the mirror of `init`'s rule (`BaseException.__new__`
        // takes any arguments).
        if !inherits_object(cx.gil, &cls, "__new__") {
            return Err(type_error(
                "object.__new__() takes exactly one argument (the type to instantiate)",
            )
            .into());
        }
        if inherits_object(cx.gil, &cls, "__init__") {
            return Err(type_error(format!("{}() takes no arguments", cls.name)).into());
        }
    }
    let rest = Args::new(args.pos.iter().skip(1).cloned());
    Ok(crate::objects::class::new_instance(&cls, &rest)?)
}

/// `<__main__.C object at 0x7f...>`; a built-in type's name has no module
/// (`<object object at 0x7f...>`), as in CPython's `object_repr`.
pub fn default_repr(v: &Value) -> String {
    let cls = crate::objects::class::class_of(v);
    let at = v.heap_ptr().unwrap_or(0);
    if &*cls.module == "builtins" {
        return format!("<{} object at {at:#x}>", cls.qualname);
    }
    format!("<{}.{} object at {at:#x}>", cls.module, cls.qualname)
}

fn repr(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let v = this(&args, "__repr__")?;
    Ok(Value::string(default_repr(&v)))
}

fn str_(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let v = this(&args, "__str__")?;
    Ok(Value::string(cx.repr(&v)?))
}

fn eq(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__eq__", 1, 1)?;
    Ok(if args.at(0).is(args.at(1)) {
        Value::bool(true)
    } else {
        Value::NotImplemented
    })
}

fn ne(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__ne__", 1, 1)?;
    let (a, b) = (args.at(0).clone(), args.at(1).clone());
    let r = match crate::objects::class::special(cx.gil, &a, "__eq__") {
        Some(f) => cx.call(&f, vec![a, b])?,
        None => {
            if a.is(&b) {
                Value::bool(true)
            } else {
                Value::NotImplemented
            }
        }
    };
    Ok(match r {
        Value::NotImplemented => Value::NotImplemented,
        r => Value::bool(!cx.truthy(&r)?),
    })
}

fn hash(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__hash__", 0, 0)?;
    Ok(Value::Int((args.at(0).heap_ptr().unwrap_or(0) >> 4) as i64))
}

fn attr_name(args: &Args, i: usize) -> PyResult<&str> {
    args.at(i).as_str().ok_or_else(|| {
        type_error(format!(
            "attribute name must be string, not '{}'",
            type_name(args.at(i))
        ))
        .into()
    })
}

fn getattribute(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__getattribute__", 1, 1)?;
    let name = attr_name(&args, 1)?;
    let obj = args.at(0).clone();
    match generic_getattr(cx, &obj, name)? {
        Some(v) => Ok(v),
        None => Err(no_attribute(&obj, name).into()),
    }
}

fn setattr(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__setattr__", 2, 2)?;
    store(
        cx,
        args.at(0).clone(),
        attr_name(&args, 1)?,
        Some(args.at(2).clone()),
    )
}

fn delattr(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__delattr__", 1, 1)?;
    store(cx, args.at(0).clone(), attr_name(&args, 1)?, None)
}

/// `object.__setattr__`: properties and the instance dict, never a user hook.
fn store(cx: &mut Cx, obj: Value, name: &str, v: Option<Value>) -> PyResult<Value> {
    generic_setattr(cx, &obj, name, v)?;
    Ok(Value::None)
}

fn format(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__format__", 1, 1)?;
    let spec = args.at(1).as_str().unwrap_or("");
    // A built-in value's own `__format__` (`(1.5).__format__('.2f')`, and
    // `super().__format__(spec)` in a subclass of a number or str): the mini-language.
    let formattable = |v: &Value| {
        matches!(
            v,
            Value::Int(_)
                | Value::Big(_)
                | Value::Bool(_)
                | Value::Float(_)
                | Value::Complex(_)
                | Value::Str(_)
        )
    };
    let own = crate::objects::class::unwrap_payload(args.at(0));
    if !spec.is_empty() && formattable(&own) {
        return Ok(Value::string(crate::objects::format::format(
            cx.gil, &own, spec,
        )?));
    }
    if !spec.is_empty() {
        return Err(type_error(format!(
            "unsupported format string passed to {}.__format__",
            type_name(args.at(0))
        ))
        .into());
    }
    let v = args.at(0).clone();
    Ok(Value::string(cx.str(&v)?))
}

fn exc_init(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let Some(Value::Exception(e)) = args.get(0) else {
        return Err(type_error("descriptor '__init__' requires a 'BaseException' object").into());
    };
    *e.args.borrow_mut(cx.gil) = args.pos[1..].to_vec();
    // `ImportError.__init__` (and its subclasses', `ZipImportError(msg, name=...)`),
    // `AttributeError.__init__` and `NameError.__init__` take keywords.
    crate::objects::exception::init_members(cx.gil, e, &e.typ, &args.kw)?;
    Ok(Value::None)
}

/// `BaseException.__reduce__()`: `(type(self), self.args)`, with the instance dict
/// as a third item when it holds something. `OSError`'s puts the file names back
/// into the arguments (`OSError(2, 'x', 'f').args` is `(2, 'x')`), and
/// `ImportError`'s adds `name` and `path` to the state (CPython 3.11's
/// `BaseException_reduce`, `OSError_reduce`, `ImportError_reduce`).
fn exc_reduce(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__reduce__", 0, 0)?;
    let Value::Exception(e) = args.at(0) else {
        return Err(type_error(format!(
            "descriptor '__reduce__' requires a 'BaseException' object but received '{}'",
            type_name(args.at(0))
        ))
        .into());
    };
    let exc = &crate::objects::types::types().exc;
    let gil = cx.gil;
    let mut items = e.args(gil);
    let set = |name: &str| e.attr(gil, name).filter(|v| !matches!(v, Value::None));
    if e.typ.is_subtype(&exc.os_error) && items.len() == 2 {
        if let Some(f) = set("filename") {
            items.push(f);
            if let Some(f2) = set("filename2") {
                items.push(Value::None);
                items.push(f2);
            }
        }
    }
    let mut dict = e.dict.borrow(gil).clone();
    if e.typ.is_subtype(&exc.unicode_error) {
        // pyvm keeps a `UnicodeError`'s five fields (CPython's C members, which its
        // arguments give back) in the instance dict.
        let own: Vec<Value> = dict
            .keys()
            .filter(|k| {
                k.as_str()
                    .is_some_and(|k| crate::objects::unicode_error::NAMES.contains(&k))
            })
            .cloned()
            .collect();
        for k in own {
            dict.remove(&k)?;
        }
    }
    let mut state = (!dict.is_empty()).then(|| Value::dict(dict.clone()));
    if e.typ.is_subtype(&exc.import_error) {
        let (name, path) = (e.attr(gil, "name"), e.attr(gil, "path"));
        if name.is_some() || path.is_some() {
            let mut d = dict;
            if let Some(n) = name {
                d.insert(Value::str("name"), n)?;
            }
            if let Some(p) = path {
                d.insert(Value::str("path"), p)?;
            }
            state = Some(Value::dict(d));
        }
    }
    let mut out = vec![Value::Type(e.typ.clone()), Value::tuple(items)];
    out.extend(state);
    Ok(Value::tuple(out))
}

/// `BaseException.__setstate__(state)`: each item of the dict `state` set as an
/// attribute (`None`: nothing).
fn exc_setstate(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__setstate__", 1, 1)?;
    let (this, state) = (args.at(0).clone(), args.at(1));
    match state {
        Value::None => {}
        Value::Dict(d) => cx.store_attrs(&this, d)?,
        _ => return Err(type_error("state is not a dictionary").into()),
    }
    Ok(Value::None)
}

fn exc_str(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let v = this(&args, "__str__")?;
    Ok(Value::string(crate::objects::repr::builtin_str(
        cx.gil, &v,
    )?))
}

fn exc_repr(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let v = this(&args, "__repr__")?;
    Ok(Value::string(crate::objects::repr::builtin_repr(
        cx.gil, &v,
    )?))
}

/// `exc.add_note(note)` (3.11): `note` appended to the exception's `__notes__`
/// list, made when it has none; tracebacks print the notes after the message.
fn add_note(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("add_note", 1, 1)?;
    let (exc, note) = (args.at(0), args.at(1));
    if !matches!(note, Value::Str(_)) {
        return Err(type_error(format!("note must be a str, not '{}'", type_name(note))).into());
    }
    let notes = match cx.getattr(exc, "__notes__") {
        Ok(n) => n,
        Err(deferred::Unwind::Raise(e))
            if e.is_instance(&crate::objects::types::types().exc.attribute_error) =>
        {
            let fresh = Value::list(Vec::new());
            cx.store_attr(exc, "__notes__", Some(fresh.clone()))?;
            fresh
        }
        Err(e) => return Err(e),
    };
    match &notes {
        Value::List(l) => l.borrow_mut(cx.gil).push(note.clone()),
        _ => return Err(type_error("Cannot add note: __notes__ is not a list").into()),
    }
    Ok(Value::None)
}

fn with_traceback(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("with_traceback", 1, 1)?;
    cx.store_attr(args.at(0), "__traceback__", Some(args.at(1).clone()))?;
    Ok(args.at(0).clone())
}

/// The attribute names `dir()` lists for every object.
const OBJECT_DIR: &[&str] = &[
    "__class__",
    "__delattr__",
    "__dir__",
    "__doc__",
    "__eq__",
    "__format__",
    "__ge__",
    "__getattribute__",
    "__getstate__",
    "__gt__",
    "__hash__",
    "__init__",
    "__init_subclass__",
    "__le__",
    "__lt__",
    "__ne__",
    "__new__",
    "__reduce__",
    "__reduce_ex__",
    "__repr__",
    "__setattr__",
    "__sizeof__",
    "__str__",
    "__subclasshook__",
];

/// `object.__dir__(v)`, what `dir(v)` lists when `v`'s class has no `__dir__` of its
/// own: sorted attribute names of an instance, class or module.
pub fn dir_names(gil: crate::objects::gil::Gil<'_>, v: &Value) -> Value {
    use crate::objects::rc::Arc;
    use crate::objects::types::{types, PyType};
    let mut names: Vec<String> = Vec::new();
    let add_dict = |d: &crate::objects::dict::Dict, names: &mut Vec<String>| {
        for k in d.keys() {
            if let Some(s) = k.as_str() {
                names.push(s.to_owned());
            }
        }
    };
    let class_names = |t: &Arc<PyType>, names: &mut Vec<String>| {
        for c in std::iter::once(t).chain(t.mro.iter()) {
            if c.heap {
                for k in c.dict.borrow(gil).keys() {
                    if let Some(s) = k.as_str() {
                        names.push(s.to_owned());
                    }
                }
                // Its `__slots__` names (member descriptors in CPython's class dict).
                names.extend(crate::objects::member::declared_slots(gil, c));
            } else {
                // A built-in base's methods (`append` for a `list` subclass).
                names.extend(crate::objects::methods::names_of(c));
            }
        }
        names.extend(OBJECT_DIR.iter().map(|s| s.to_string()));
        if t.kind == Kind::Exception {
            for n in [
                "__cause__",
                "__context__",
                "__setstate__",
                "__suppress_context__",
                "__traceback__",
                "add_note",
                "args",
                "with_traceback",
            ] {
                names.push(n.to_owned());
            }
            let members = crate::objects::exception::members(t);
            names.extend(members.iter().map(|n| n.to_string()));
            if t.is_subtype(&types().exc.os_error) {
                names.push("characters_written".to_owned());
            }
        }
    };
    match v {
        Value::Instance(i) => {
            add_dict(&i.dict.borrow(gil), &mut names);
            class_names(i.class(), &mut names);
            names.push("__dict__".to_owned());
            names.push("__module__".to_owned());
            if crate::objects::member::weakref_attr(i.class()).is_some() {
                names.push("__weakref__".to_owned());
            }
        }
        Value::Type(t) if t.heap => {
            class_names(t, &mut names);
            names.push("__dict__".to_owned());
            names.push("__module__".to_owned());
            if crate::objects::member::weakref_attr(t).is_some() {
                names.push("__weakref__".to_owned());
            }
        }
        // A built-in type: its methods and its bases' (`dir(list)`).
        Value::Type(t) if t.kind != Kind::Type => class_names(t, &mut names),
        Value::Module(m) => add_dict(&m.dict.borrow(gil), &mut names),
        Value::Exception(e) => {
            add_dict(&e.dict.borrow(gil), &mut names);
            class_names(&e.typ, &mut names);
            if e.typ.heap {
                names.push("__dict__".to_owned());
                names.push("__module__".to_owned());
                names.push("__weakref__".to_owned());
            } else {
                names.push("__dict__".to_owned());
            }
        }
        _ => {
            let t = types().of(v);
            names.extend(OBJECT_DIR.iter().map(|s| s.to_string()));
            names.extend(crate::objects::methods::names_of(&t));
        }
    }
    names.sort();
    names.dedup();
    Value::list(names.into_iter().map(Value::string).collect())
}

/// `object.__dir__()`.
fn dir(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__dir__", 0, 0)?;
    Ok(dir_names(cx.gil, args.at(0)))
}

/// `object.__lt__` and the other orderings: `NotImplemented` (the reflected
/// operation, then the operator's `TypeError`, decide).
fn ordering(args: &Args, name: &str) -> PyResult<Value> {
    args.check_method(name, 1, 1)?;
    Ok(Value::NotImplemented)
}

fn lt(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    ordering(&args, "__lt__")
}

fn le(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    ordering(&args, "__le__")
}

fn gt(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    ordering(&args, "__gt__")
}

fn ge(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    ordering(&args, "__ge__")
}

/// `object.__sizeof__()`: CPython's basic size of the instance (a header, and the
/// dict and weak reference slots of a class made by Python code without
/// `__slots__`).
fn sizeof(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__sizeof__", 0, 0)?;
    let cls = crate::objects::class::class_of(args.at(0));
    Ok(Value::Int(if cls.heap && cls.slots.is_none() {
        32
    } else {
        16
    }))
}
