//! Classes at run time: attribute lookup with descriptors (`obj.attr`, `C.attr`,
//! `super().attr`), attribute assignment, class creation (`class` statements and
//! `type(name, bases, ns)`), and what calling a class does (`__new__`, `__init__`).
//!
//! Lookups that must run Python (a property getter, `__getattr__`) return the call to
//! make ([`Attr::Call`]): the loop pushes its frame like any call, so a getter that
//! defers suspends the micro-thread like any other Python code.

use crate::objects::rc::Arc;

use deferred::Unwind;

use super::call::Called;
use super::frame::Ret;
use super::state::MicroThread;
use crate::native::{Args, PyResult};
use crate::objects::class::{self, AttrSlot, Descr, Instance, Method, Super};
use crate::objects::dict::Dict;
use crate::objects::exception::*;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::str::PyStr;
use crate::objects::types::{type_name, types, Kind, PyType};
use crate::objects::value::Value;

pub use crate::objects::class::{instance_with, new_instance};

/// An attribute, or the call that produces it.
pub enum Attr {
    Value(Value),
    Call(Value, Vec<Value>),
}

fn key(name: &str) -> PyStr {
    PyStr::new(name.to_owned())
}

/// [`bind`] for a `property`/`staticmethod`/`classmethod` (its `__get__`).
pub fn bind_descr(
    gil: Gil<'_>,
    attr: Value,
    _d: &Descr,
    obj: Option<&Value>,
    cls: &Arc<PyType>,
) -> Attr {
    bind(gil, attr, obj, cls)
}

/// Bind a class attribute found for `obj` (an instance, `None` for class access) of
/// class `cls`: functions become bound methods, `classmethod`s bind to the class.
fn bind(gil: Gil<'_>, attr: Value, obj: Option<&Value>, cls: &Arc<PyType>) -> Attr {
    match attr {
        // A descriptor written in Python: `type(attr).__get__(attr, obj, cls)`.
        Value::Instance(_) => match class::special(gil, &attr, "__get__") {
            Some(get) => Attr::Call(
                get,
                vec![
                    attr,
                    obj.cloned().unwrap_or(Value::None),
                    Value::Type(cls.clone()),
                ],
            ),
            // An instance of a `property` / `classmethod` / `staticmethod` subclass
            // binds as the descriptor inside it (a property read on the class is the
            // instance itself).
            None => match class::descr_payload(gil, &attr) {
                Some(d) if obj.is_none() && matches!(*d, Descr::Property { .. }) => {
                    Attr::Value(attr)
                }
                Some(d) => bind(gil, Value::Descr(d), obj, cls),
                None => Attr::Value(attr),
            },
        },
        Value::Function(_) => match obj {
            Some(o) => Attr::Value(Value::Method(Arc::new(Method {
                func: attr,
                this: o.clone(),
            }))),
            None => Attr::Value(attr),
        },
        // `dict.fromkeys` and the like bind to the class.
        Value::Native(d) if crate::objects::methods::is_class_method(d) => {
            Attr::Value(Value::BoundNative(Arc::new((Value::Type(cls.clone()), d))))
        }
        Value::Native(d) if crate::modules::plain_function(d) => Attr::Value(attr),
        // Bound to the instance itself (its `__self__`, `repr` and `__qualname__`
        // name the subclass, as CPython's); a method of `dict`/`list`/`tuple` is
        // called on the value inside (`call::bound_self`).
        Value::Native(d) => match obj {
            Some(o) => Attr::Value(Value::BoundNative(Arc::new((o.clone(), d)))),
            None => Attr::Value(attr),
        },
        Value::Descr(ref d) => match &**d {
            Descr::StaticMethod(f) => Attr::Value(f.clone()),
            Descr::ClassMethod(f) => Attr::Value(Value::Method(Arc::new(Method {
                func: f.clone(),
                this: Value::Type(cls.clone()),
            }))),
            Descr::Property { fget, .. } => match obj {
                Some(o) if fget.is(&Value::None) => {
                    Attr::Call(Value::Native(&UNREADABLE), vec![attr.clone(), o.clone()])
                }
                Some(o) => Attr::Call(fget.clone(), vec![o.clone()]),
                None => Attr::Value(attr.clone()),
            },
        },
        // An unbound `super(C)` kept as a class attribute binds to the instance
        // (`super.__get__`).
        Value::Super(ref s) if s.this.is_null() => match obj {
            Some(o) if !matches!(o, Value::None) => match make_super(s.class.clone(), o.clone()) {
                Ok(v) => Attr::Value(v),
                Err(_) => Attr::Call(
                    Value::BoundNative(Arc::new((attr.clone(), &SUPER_GET))),
                    vec![o.clone()],
                ),
            },
            _ => Attr::Value(attr),
        },
        other => Attr::Value(other),
    }
}

/// The callable a special method wrapped by [`class::special_callable`] stands for on
/// `this`: the class attribute `descr` bound to it (a property's getter run).
pub fn special_target(
    gil: Gil<'_>,
    th: &mut MicroThread,
    descr: Value,
    this: &Value,
) -> PyResult<Value> {
    let cls = class::class_of(this);
    match bind(gil, descr, Some(this), &cls) {
        Attr::Value(v) => Ok(v),
        Attr::Call(f, args) => super::call::call_value(gil, th, &f, Args::new(args)),
    }
}

static UNREADABLE: crate::objects::function::NativeDef = crate::objects::function::NativeDef {
    name: "__get__",
    f: |_cx, _args| Err(Unwind::Raise(attribute_error("property has no getter"))),
    soft: None,
};

/// A property, or an instance whose class defines `__set__` or `__delete__`: it wins
/// over the instance dict.
fn is_data_descr(gil: Gil<'_>, v: &Value) -> bool {
    match v {
        Value::Descr(d) => matches!(**d, Descr::Property { .. }),
        Value::Instance(_) => {
            class::special(gil, v, "__set__").is_some()
                || class::special(gil, v, "__delete__").is_some()
                || class::descr_payload(gil, v)
                    .is_some_and(|d| matches!(*d, Descr::Property { .. }))
        }
        _ => false,
    }
}

/// `obj.name` for an instance of a class made by Python code (or an exception of
/// one): data descriptors, then the instance dict, then the class, then
/// `__getattr__`.
pub fn instance_attr(
    gil: Gil<'_>,
    obj: &Value,
    cls: &Arc<PyType>,
    dict: Option<&Arc<GilCell<Dict>>>,
    name: &str,
) -> Result<Option<Attr>, PyErr> {
    let getattr = class::lookup(gil, cls, &key("__getattr__"))
        .filter(|ga| !matches!(ga, Value::Native(_)))
        .map(class::special_callable);
    if hooked(cls) {
        if let Some(ga) = class::lookup(gil, cls, &key("__getattribute__"))
            .filter(|ga| {
                matches!(
                    ga,
                    Value::Function(_) | Value::Descr(_) | Value::Instance(_)
                )
            })
            .map(class::special_callable)
        {
            let args = vec![obj.clone(), Value::str(name)];
            // With `__getattr__` too, its AttributeError falls back to `__getattr__`.
            return Ok(Some(match getattr {
                None => Attr::Call(ga, args),
                Some(getattr) => Attr::Call(
                    Value::Native(&GETATTRIBUTE_THEN_GETATTR),
                    vec![ga, getattr, obj.clone(), Value::str(name)],
                ),
            }));
        }
    }
    if let Some(a) = instance_attr_no_hook(gil, obj, cls, dict, name)? {
        return Ok(Some(a));
    }
    if let Some(ga) = getattr {
        return Ok(Some(Attr::Call(ga, vec![obj.clone(), Value::str(name)])));
    }
    Ok(None)
}

/// Does the class define `__getattribute__` in Python (then attribute reads go
/// through it, never through the caches)?
#[inline]
fn hooked(cls: &PyType) -> bool {
    cls.has_getattribute
        .load(std::sync::atomic::Ordering::Relaxed)
}

/// CPython's `slot_tp_getattr_hook`: `__getattribute__(obj, name)`, and on
/// `AttributeError`, `__getattr__(obj, name)`.
static GETATTRIBUTE_THEN_GETATTR: crate::objects::function::NativeDef =
    crate::objects::function::NativeDef {
        name: "__getattribute__",
        f: |cx, args| {
            let (ga, getattr, obj, name) = (args.at(0), args.at(1), args.at(2), args.at(3));
            match cx.call(ga, vec![obj.clone(), name.clone()]) {
                Err(Unwind::Raise(e)) if e.is_instance(&types().exc.attribute_error) => {
                    cx.call(getattr, vec![obj.clone(), name.clone()])
                }
                r => r,
            }
        },
        soft: None,
    };

/// `object.__getattribute__`: [`instance_attr`] without the `__getattr__` fallback.
pub fn instance_attr_no_hook(
    gil: Gil<'_>,
    obj: &Value,
    cls: &Arc<PyType>,
    dict: Option<&Arc<GilCell<Dict>>>,
    name: &str,
) -> Result<Option<Attr>, PyErr> {
    let k = key(name);
    let found = class::lookup(gil, cls, &k);
    if let Some(a) = &found {
        if is_data_descr(gil, a) {
            return Ok(Some(bind(gil, a.clone(), Some(obj), cls)));
        }
    }
    if let Some(d) = dict {
        if let Some(v) = d.borrow(gil).get_str(&k) {
            return Ok(Some(Attr::Value(v)));
        }
    }
    if let Some(a) = found {
        return Ok(Some(bind(gil, a, Some(obj), cls)));
    }
    match name {
        "__class__" => return Ok(Some(Attr::Value(Value::Type(cls.clone())))),
        "__dict__" => {
            if let Some(d) = dict {
                return Ok(Some(Attr::Value(Value::Dict(d.clone()))));
            }
        }
        // (pyvm keeps no list of an object's weak references there.)
        "__weakref__" if crate::objects::member::weakref_attr(cls).is_some() => {
            return Ok(Some(Attr::Value(Value::None)));
        }
        _ => {}
    }
    Ok(payload_attr(gil, obj, name))
}

/// An attribute of the built-in value inside an instance of a subclass of a built-in
/// type that the class lookup does not see (`Flags(5).real`, `prop.fget`).
fn payload_attr(gil: Gil<'_>, obj: &Value, name: &str) -> Option<Attr> {
    let p = match class::payload(obj)? {
        Value::Cell(c) => c.borrow(gil).clone(),
        p => p.clone(),
    };
    if let Value::Descr(d) = &p {
        // `prop.setter` of a `property` subclass makes one of the subclass.
        if let Some(a) = super::attr::descr_attr(obj, d, name) {
            return Some(a);
        }
    }
    super::attr::load_attr(gil, &p, name).ok()
}

/// `C.name` for a class.
pub fn class_attr(gil: Gil<'_>, cls: &Arc<PyType>, name: &str) -> Result<Option<Attr>, PyErr> {
    match name {
        "__name__" | "__qualname__" => {
            // A name assigned after the class was made (`C.__name__ = 'D'`).
            if let Some(v @ Value::Str(_)) = cls.dict.borrow(gil).get_str(&key(name)) {
                if cls.heap && (name == "__name__" || v.as_str() != Some(&cls.qualname)) {
                    return Ok(Some(Attr::Value(v)));
                }
            }
            let n = if name == "__name__" {
                &cls.name
            } else {
                &cls.qualname
            };
            return Ok(Some(Attr::Value(Value::str(n))));
        }
        "__module__" if !cls.heap => return Ok(Some(Attr::Value(Value::str(&cls.module)))),
        // A class's own annotations, never a base's: one without any gets an empty
        // dict of its own (CPython's `type_get_annotations`).
        "__annotations__" if cls.heap && cls.meta.is_none() => {
            let k = key(name);
            let own = cls.dict.borrow(gil).get_str(&k);
            if let Some(v) = own {
                return Ok(Some(bind(gil, v, None, cls)));
            }
            let d = Value::dict(Dict::new());
            type_setattr(gil, cls, name, Some(d.clone()))?;
            return Ok(Some(Attr::Value(d)));
        }
        "__base__" => {
            return Ok(Some(Attr::Value(
                cls.base.clone().map_or(Value::None, Value::Type),
            )))
        }
        "__bases__" => {
            return Ok(Some(Attr::Value(Value::tuple(
                cls.bases.iter().cloned().map(Value::Type).collect(),
            ))))
        }
        "__mro__" => {
            let mut mro = vec![Value::Type(cls.clone())];
            mro.extend(cls.mro.iter().cloned().map(Value::Type));
            return Ok(Some(Attr::Value(Value::tuple(mro))));
        }
        "__dict__" => {
            let mut d = Dict::new();
            for (k, v) in cls.dict.borrow(gil).iter() {
                d.insert(k.clone(), v.clone())?;
            }
            if !cls.heap {
                // A built-in type's own methods (`'__new__' in int.__dict__`).
                let mut names: Vec<String> = crate::objects::methods::names_of(cls).collect();
                names.extend(
                    crate::objects::methods::special_names(cls.kind)
                        .into_iter()
                        .map(str::to_owned),
                );
                for n in names {
                    if let Some(def) = crate::objects::methods::find_in_type(cls, &n) {
                        // A special method is the type's slot wrapper, as `cls.name`
                        // gives it (`int.__dict__['__add__'] is int.__add__`).
                        let v = if n != "__new__" && crate::objects::slot_wrapper::is_special(&n) {
                            crate::objects::slot_wrapper::slot_wrapper(gil, cls, def)
                        } else {
                            Value::Native(def)
                        };
                        d.insert(Value::str(&n), v)?;
                    }
                }
                // The unhashable ones say so (`collections.abc.Hashable` reads it).
                if matches!(
                    cls.kind,
                    Kind::List | Kind::Dict | Kind::Set | Kind::ByteArray
                ) {
                    d.insert(Value::str("__hash__"), Value::None)?;
                }
                let constructible = !matches!(
                    cls.kind,
                    Kind::NoneType
                        | Kind::Ellipsis
                        | Kind::NotImplemented
                        | Kind::Object
                        | Kind::IterType
                );
                if constructible && cls.new.is_none() {
                    if let Some(def) = crate::objects::methods::payload_method("__new__") {
                        d.insert(Value::str("__new__"), Value::Native(def))?;
                    }
                }
                if cls.kind == Kind::Object {
                    for def in crate::objects::methods::object_methods() {
                        d.insert(Value::str(def.name), Value::Native(def))?;
                    }
                }
            }
            return Ok(Some(Attr::Value(Value::dict(d))));
        }
        "__class__" => return Ok(Some(Attr::Value(Value::Type(meta_of(cls))))),
        "__doc__" if !cls.heap => {
            let doc = cls.dict.borrow(gil).get_str(&key("__doc__"));
            return Ok(Some(Attr::Value(doc.unwrap_or_else(|| {
                crate::objects::docs::type_doc(cls).map_or(Value::None, Value::str)
            }))));
        }
        _ => {}
    }
    let k = key(name);
    let from_meta = cls
        .meta
        .as_ref()
        .and_then(|m| Some((m, class::lookup(gil, m, &k)?)));
    // A data descriptor of the metaclass (a property) wins over the class's own.
    if let Some((m, a)) = &from_meta {
        if is_data_descr(gil, a) {
            return Ok(Some(bind(
                gil,
                a.clone(),
                Some(&Value::Type(cls.clone())),
                m,
            )));
        }
    }
    match class::lookup(gil, cls, &k) {
        Some(Value::Native(d))
            if crate::objects::methods::is_class_method(d)
                || matches!(name, "__class_getitem__" | "__subclasshook__") =>
        {
            Ok(Some(Attr::Value(Value::BoundNative(Arc::new((
                Value::Type(cls.clone()),
                d,
            ))))))
        }
        // `object.__init__`, `dict.__repr__`: the slot wrapper of the built-in class
        // in the MRO that provides it.
        Some(Value::Native(d)) if crate::objects::slot_wrapper::is_special(name) => {
            let owner = class::defining_class(gil, cls, name).unwrap_or_else(|| cls.clone());
            Ok(Some(Attr::Value(
                crate::objects::slot_wrapper::slot_wrapper(gil, &owner, d),
            )))
        }
        Some(Value::Native(d)) => Ok(Some(Attr::Value(Value::Native(d)))),
        Some(a) => Ok(Some(bind(gil, a, None, cls))),
        // Then what the metaclass defines, bound to the class (its methods, class
        // attributes; `type`'s own, such as `mro`).
        None => {
            let meta = meta_of(cls);
            match from_meta
                .map(|(_, a)| a)
                .or_else(|| class::lookup(gil, &meta, &k))
            {
                Some(a) => Ok(Some(bind(gil, a, Some(&Value::Type(cls.clone())), &meta))),
                // A `__slots__` name: its member descriptor (`C.x`).
                None if name == "__weakref__" => {
                    Ok(crate::objects::member::weakref_attr(cls).map(Attr::Value))
                }
                None => match crate::objects::member::declaring_class(gil, cls, name) {
                    Some(owner) => Ok(Some(Attr::Value(crate::objects::member::member(
                        gil, owner, name,
                    )))),
                    // A metaclass's `__getattr__`, called with the class.
                    None => Ok(cls
                        .meta
                        .as_ref()
                        .and_then(|m| class::lookup(gil, m, &key("__getattr__")))
                        .map(|ga| {
                            Attr::Call(ga, vec![Value::Type(cls.clone()), Value::str(name)])
                        })),
                },
            }
        }
    }
}

/// `super().name`: look in the MRO of `start` after `class`, bind to `this`.
pub fn super_attr(gil: Gil<'_>, s: &Super, name: &str) -> Result<Attr, PyErr> {
    if s.this.is_null() {
        // Unbound (`super(C)`): CPython skips the search and reads the `super`
        // object's own attributes.
        return match name {
            "__class__" => Ok(Attr::Value(Value::Type(types().super_.clone()))),
            "__thisclass__" => Ok(Attr::Value(Value::Type(s.class.clone()))),
            "__self__" | "__self_class__" => Ok(Attr::Value(Value::None)),
            _ => Err(attribute_error(format!(
                "'super' object has no attribute '{name}'"
            ))),
        };
    }
    let mro: Vec<&Arc<PyType>> = std::iter::once(&s.start)
        .chain(s.start.mro.iter())
        .collect();
    let after = mro
        .iter()
        .position(|t| Arc::ptr_eq(t, &s.class))
        .map_or(mro.len(), |i| i + 1);
    if name == "__dict__" && mro[after..].iter().any(|t| t.heap) {
        // CPython finds the `__dict__` descriptor of the class past `__thisclass__`
        // that gave instances a dict, and binds it to `this`.
        if let Value::Instance(i) = &s.this {
            return Ok(Attr::Value(Value::Dict(i.dict.clone())));
        }
    }
    let k = key(name);
    let found = class::lookup_from(gil, mro[after..].iter().copied(), &k);
    // A class-level `super` (in a class method: `this` is the class searched from)
    // binds to nothing; one in a metaclass's method binds to its class like any
    // instance.
    let obj = match &s.this {
        Value::Type(t) if Arc::ptr_eq(t, &s.start) => None,
        v => Some(v),
    };
    match found {
        // `super().__new__(cls)` is called with the class explicitly.
        Some(f @ Value::Native(_)) if name == "__new__" => Ok(Attr::Value(f)),
        Some(f @ Value::Function(_)) if name == "__new__" => Ok(Attr::Value(f)),
        // `object.__init_subclass__` is a class method.
        Some(Value::Native(d)) if name == "__init_subclass__" => Ok(Attr::Value(
            Value::BoundNative(Arc::new((Value::Type(s.start.clone()), d))),
        )),
        Some(Value::Descr(d)) if matches!(&*d, Descr::ClassMethod(_)) => {
            let Descr::ClassMethod(f) = &*d else {
                unreachable!()
            };
            Ok(Attr::Value(Value::Method(Arc::new(Method {
                func: f.clone(),
                this: Value::Type(s.start.clone()),
            }))))
        }
        Some(a) => Ok(bind(gil, a, obj, &s.start)),
        None if name == "__class__" => Ok(Attr::Value(Value::Type(types().super_.clone()))),
        None if name == "__thisclass__" => Ok(Attr::Value(Value::Type(s.class.clone()))),
        None if name == "__self__" => Ok(Attr::Value(s.this.clone())),
        None if name == "__self_class__" => Ok(Attr::Value(Value::Type(s.start.clone()))),
        None => Err(attribute_error(format!(
            "'super' object has no attribute '{name}'"
        ))),
    }
}

/// What `obj.name = v` (or `del obj.name` when `v` is `None`) needs: done here, or a
/// call to make (a property setter, a user `__setattr__` / `__delattr__`).
pub fn store_attr(
    gil: Gil<'_>,
    obj: &Value,
    name: &str,
    v: Option<Value>,
) -> Result<Option<(Value, Vec<Value>)>, PyErr> {
    let (cls, dict) = match obj {
        Value::Instance(i) if !i.class().heap => {
            return Err(attribute_error(format!(
                "'{}' object has no attribute '{name}'",
                i.class().name
            )))
        }
        Value::Instance(i) => (i.class().clone(), Some(&i.dict)),
        Value::Object(o) => {
            if let Some(r) = o.0.setattr(gil, name, v.as_ref()) {
                return r.map(|_| None);
            }
            return Err(super::attr::setattr_error(obj, name));
        }
        Value::Exception(e) => {
            let cls = e.typ.clone();
            if let Some(call) = user_setattr(gil, obj, &cls, name, &v)? {
                return Ok(Some(call));
            }
            return crate::objects::exception::set_attr(gil, e, name, v).map(|_| None);
        }
        Value::Type(t) if t.heap => {
            // A metaclass's own `__setattr__`/`__delattr__`, or its property.
            if let Some(m) = &t.meta {
                if let Some(call) = user_setattr(gil, obj, m, name, &v)? {
                    return Ok(Some(call));
                }
            }
            return type_setattr(gil, t, name, v).map(|_| None);
        }
        Value::Cell(c) if name == "cell_contents" => {
            *c.borrow_mut(gil) = v.unwrap_or(Value::Null);
            return Ok(None);
        }
        Value::Module(m) => {
            return set_in(gil, &m.dict, name, v, || {
                format!("module '{}' has no attribute '{name}'", m.name)
            });
        }
        Value::Function(f) => {
            if matches!(name, "__name__" | "__qualname__") && !matches!(v, Some(Value::Str(_))) {
                return Err(type_error(format!("{name} must be set to a string object")));
            }
            match name {
                "__defaults__" => {
                    let d = match v {
                        None | Some(Value::None) => Vec::new(),
                        Some(Value::Tuple(t)) => t.to_vec(),
                        Some(_) => {
                            return Err(type_error("__defaults__ must be set to a tuple object"))
                        }
                    };
                    *f.defaults.borrow_mut(gil) = d;
                    return Ok(None);
                }
                "__kwdefaults__" => {
                    let d = match v {
                        None | Some(Value::None) => Vec::new(),
                        Some(Value::Dict(d)) => d
                            .borrow(gil)
                            .iter()
                            .filter_map(|(k, v)| Some((k.as_str()?.to_owned(), v.clone())))
                            .collect(),
                        Some(_) => {
                            return Err(type_error("__kwdefaults__ must be set to a dict object"))
                        }
                    };
                    *f.kwdefaults.borrow_mut(gil) = d;
                    return Ok(None);
                }
                "__globals__" | "__closure__" | "__builtins__" => {
                    return Err(attribute_error("readonly attribute"));
                }
                _ => {}
            }
            return set_in(gil, f.store_for(name), name, v, || {
                format!("'function' object has no attribute '{name}'")
            });
        }
        // A property's docstring is writable (`Point.x.__doc__ = '...'`).
        Value::Descr(d) if name == "__doc__" => {
            if let Descr::Property { doc, .. } = &**d {
                *doc.borrow_mut(gil) = v.unwrap_or(Value::None);
                return Ok(None);
            }
            return Err(super::attr::setattr_error(obj, name));
        }
        _ => return Err(super::attr::setattr_error(obj, name)),
    };
    if let Some(call) = user_setattr(gil, obj, &cls, name, &v)? {
        return Ok(Some(call));
    }
    generic_store(gil, obj, &cls, dict, name, v)
}

/// `ns[name] = v`, or `del ns[name]` when `v` is `None` (an `AttributeError` with
/// `missing()`'s text if it is not there): storing into a namespace dict.
fn set_in(
    gil: Gil<'_>,
    ns: &GilCell<Dict>,
    name: &str,
    v: Option<Value>,
    missing: impl FnOnce() -> String,
) -> Result<Option<(Value, Vec<Value>)>, PyErr> {
    let k = crate::objects::str::intern(name);
    let mut d = ns.borrow_mut(gil);
    match v {
        Some(v) => d.insert(k, v)?,
        None => {
            if d.remove(&k)?.is_none() {
                return Err(attribute_error(missing()));
            }
        }
    }
    Ok(None)
}

/// A property's setter or deleter, or a user `__setattr__` / `__delattr__`.
/// `type.__setattr__(cls, name, value)` (and `__delattr__` with `None`): into the
/// class namespace, past any metaclass hook.
pub fn type_setattr(
    gil: Gil<'_>,
    t: &Arc<PyType>,
    name: &str,
    v: Option<Value>,
) -> Result<(), PyErr> {
    if !t.heap {
        return Err(type_error(format!(
            "cannot set '{name}' attribute of immutable type '{}'",
            t.name
        )));
    }
    if name == "__mro__" {
        return Err(attribute_error("readonly attribute"));
    }
    if name == "__bases__" {
        return set_bases(gil, t, v);
    }
    class::class_changed();
    if matches!(name, "__name__" | "__qualname__") {
        // Kept in the namespace, where `class_attr` reads it back.
        match &v {
            Some(Value::Str(_)) => {}
            Some(other) => {
                return Err(type_error(format!(
                    "can only assign string to {}.{name}, not '{}'",
                    t.name,
                    type_name(other)
                )))
            }
            None => {
                return Err(type_error(format!(
                    "cannot delete '{name}' attribute of immutable type '{}'",
                    t.name
                )))
            }
        }
    }
    if name == "__del__" && v.is_some() {
        mark(gil, t, &|t| &t.has_del);
    }
    if name == "__getattribute__" && v.is_some() {
        mark(gil, t, &|t| &t.has_getattribute);
    }
    set_in(gil, &t.dict, name, v, || {
        format!("type object '{}' has no attribute '{name}'", t.name)
    })
    .map(|_| ())
}

/// `C.__bases__ = new` (CPython's `type_set_bases`): checked as CPython does, then
/// the MRO of `C` and of every class below it computed again (C3), all or nothing.
/// The instances' layout cannot change, so the new bases must share the old ones'
/// built-in base, and a class whose instances have only `__slots__` keeps its bases.
/// Reads of `__bases__`/`__mro__` go through `rc::Swap` (a lookup already walking
/// the old MRO finishes on it); the attribute caches are invalidated by the class
/// epoch.
fn set_bases(gil: Gil<'_>, t: &Arc<PyType>, v: Option<Value>) -> Result<(), PyErr> {
    let Some(v) = v else {
        return Err(type_error(format!(
            "cannot delete '__bases__' attribute of immutable type '{}'",
            t.name
        )));
    };
    let Value::Tuple(items) = &v else {
        return Err(type_error(format!(
            "can only assign tuple to {}.__bases__, not {}",
            t.name,
            type_name(&v)
        )));
    };
    if items.is_empty() {
        return Err(type_error(format!(
            "can only assign non-empty tuple to {}.__bases__, not ()",
            t.name
        )));
    }
    let same = items.len() == t.bases.len()
        && items
            .iter()
            .zip(t.bases.iter())
            .all(|(n, b)| matches!(n, Value::Type(n) if Arc::ptr_eq(n, b)));
    if same {
        // The same bases again (`typing.NamedTuple` assigns what the class has).
        return Ok(());
    }
    let mut bases = Vec::with_capacity(items.len());
    for item in items.iter() {
        let Value::Type(b) = item else {
            return Err(type_error(format!(
                "{}.__bases__ must be tuple of classes, not '{}'",
                t.name,
                type_name(item)
            )));
        };
        if b.is_subtype(t) {
            return Err(type_error("a __bases__ item causes an inheritance cycle"));
        }
        bases.push(b.clone());
    }
    for (i, b) in bases.iter().enumerate() {
        if bases[..i].iter().any(|o| Arc::ptr_eq(o, b)) {
            return Err(type_error(format!("duplicate base class {}", b.name)));
        }
    }
    let new_mro = class::c3_mro(&bases)?;
    // CPython's `compatible_for_assignment`: the same deallocator (classes made by
    // Python code and the container types are freed by the cycle collector's
    // `PyObject_GC_Del`, `object`, numbers and strings by `PyObject_Del`: a class
    // deriving only from `object` cannot take a class base), then the same
    // built-in layout below what classes add.
    let gc_freed = |c: &PyType| {
        c.heap
            || matches!(
                c.kind,
                Kind::List
                    | Kind::Tuple
                    | Kind::Dict
                    | Kind::Set
                    | Kind::FrozenSet
                    | Kind::Exception
                    | Kind::Function
                    | Kind::Type
                    | Kind::Property
                    | Kind::StaticMethod
                    | Kind::ClassMethod
                    | Kind::Super
            )
    };
    let solid = |mro: &[Arc<PyType>]| {
        mro.iter()
            .find(|c| !c.heap)
            .cloned()
            .unwrap_or_else(|| types().object.clone())
    };
    let old_base = t
        .base
        .get()
        .clone()
        .unwrap_or_else(|| types().object.clone());
    if gc_freed(&bases[0]) != gc_freed(&old_base) {
        return Err(type_error(format!(
            "__bases__ assignment: '{}' deallocator differs from '{}'",
            bases[0].name, old_base.name
        )));
    }
    // A class whose instances have only `__slots__` keeps them only if the new
    // bases allow the same attributes as the old ones.
    let slots_of = |bases: &[Arc<PyType>]| -> Option<Vec<String>> {
        let mut all = Vec::new();
        for b in bases.iter().filter(|b| b.heap) {
            all.extend(b.slots.as_ref()?.iter().cloned());
        }
        all.sort();
        all.dedup();
        Some(all)
    };
    let slots_differ = t.slots.is_some() && slots_of(&bases) != slots_of(&t.bases);
    if !Arc::ptr_eq(&solid(&t.mro), &solid(&new_mro)) || slots_differ {
        return Err(type_error(format!(
            "__bases__ assignment: '{}' object layout differs from '{}'",
            bases[0].name, old_base.name
        )));
    }
    // Every class below `t` takes its new MRO too; a C3 failure there leaves all as
    // they were.
    let old_bases = t.bases.get().clone();
    let mut done: Vec<(Arc<PyType>, Vec<Arc<PyType>>)> = vec![(t.clone(), t.mro.get().clone())];
    t.mro.set(new_mro);
    let mut queue = vec![t.clone()];
    while let Some(c) = queue.pop() {
        for sub in c.live_subclasses(gil) {
            match class::c3_mro(&sub.bases) {
                Ok(m) => {
                    done.push((sub.clone(), sub.mro.get().clone()));
                    sub.mro.set(m);
                    queue.push(sub);
                }
                Err(e) => {
                    for (c, old) in done.into_iter().rev() {
                        c.mro.set(old);
                    }
                    return Err(e);
                }
            }
        }
    }
    // A metaclass's own `mro()` orders the class and those below it again, seeing
    // the new `__bases__` (CPython's `mro_hierarchy`); an error undoes it all.
    t.bases.set(bases.clone());
    let mut queue = vec![t.clone()];
    while let Some(c) = queue.pop() {
        match custom_mro(gil, &c) {
            Ok(m) => {
                if let Some(m) = m {
                    c.mro.set(m);
                }
                queue.extend(c.live_subclasses(gil));
            }
            Err(e) => {
                for (c, old) in done.into_iter().rev() {
                    c.mro.set(old);
                }
                t.bases.set(old_bases);
                return Err(e);
            }
        }
    }
    t.base.set(bases.first().cloned());
    for b in &old_bases {
        b.subclasses
            .borrow_mut(gil)
            .retain(|w| w.upgrade().is_some_and(|s| !Arc::ptr_eq(&s, t)));
    }
    for b in &bases {
        let mut subs = b.subclasses.borrow_mut(gil);
        subs.retain(|w| w.strong_count() > 0);
        subs.push(Arc::downgrade(t));
    }
    t.bases.set(bases);
    // What the new ancestors bring: finalizers, a Python `__getattribute__`.
    let relaxed = std::sync::atomic::Ordering::Relaxed;
    if t.mro.iter().any(|c| c.has_del.load(relaxed)) {
        mark(gil, t, &|t| &t.has_del);
    }
    if t.mro.iter().any(|c| c.has_getattribute.load(relaxed)) {
        mark(gil, t, &|t| &t.has_getattribute);
    }
    class::class_changed();
    Ok(())
}

/// `cls.__del__ = f` (`flag`: `has_del`), `cls.__getattribute__ = f`: set the flag
/// on the class and its subclasses.
fn mark(gil: Gil<'_>, t: &Arc<PyType>, flag: &dyn Fn(&PyType) -> &std::sync::atomic::AtomicBool) {
    flag(t).store(true, std::sync::atomic::Ordering::Relaxed);
    for s in &t.live_subclasses(gil) {
        mark(gil, s, flag);
    }
}

fn user_setattr(
    gil: Gil<'_>,
    obj: &Value,
    cls: &Arc<PyType>,
    name: &str,
    v: &Option<Value>,
) -> Result<Option<(Value, Vec<Value>)>, PyErr> {
    let hook = if v.is_some() {
        "__setattr__"
    } else {
        "__delattr__"
    };
    if let Some(f) = class::lookup(gil, cls, &key(hook)) {
        if !matches!(f, Value::Native(_)) {
            let mut args = vec![obj.clone(), Value::str(name)];
            args.extend(v.clone());
            return Ok(Some((class::special_callable(f), args)));
        }
    }
    property_store(gil, cls, name, obj, v)
}

/// A property's setter (or deleter, when `v` is `None`) for `obj.name = v`.
pub fn property_store(
    gil: Gil<'_>,
    cls: &Arc<PyType>,
    name: &str,
    obj: &Value,
    v: &Option<Value>,
) -> Result<Option<(Value, Vec<Value>)>, PyErr> {
    let mut found = class::lookup(gil, cls, &key(name));
    if let Some(descr @ Value::Instance(_)) = &found {
        let hook = if v.is_some() { "__set__" } else { "__delete__" };
        if class::special(gil, descr, hook).is_none() {
            // A `property` subclass: the property inside it.
            if let Some(d) = class::descr_payload(gil, descr) {
                found = Some(Value::Descr(d));
            }
        }
    }
    if let Some(descr @ Value::Instance(_)) = &found {
        let hook = if v.is_some() { "__set__" } else { "__delete__" };
        if let Some(f) = class::special(gil, descr, hook) {
            let mut args = vec![descr.clone(), obj.clone()];
            args.extend(v.clone());
            return Ok(Some((f, args)));
        }
        if is_data_descr(gil, descr) {
            return Err(attribute_error(hook));
        }
    }
    if let Some(Value::Descr(d)) = found {
        if let Descr::Property { fset, fdel, .. } = &*d {
            let (f, what) = if v.is_some() {
                (fset, "setter")
            } else {
                (fdel, "deleter")
            };
            if f.is(&Value::None) {
                return Err(attribute_error(format!(
                    "property '{name}' of '{}' object has no {what}",
                    cls.name
                )));
            }
            let mut args = vec![obj.clone()];
            args.extend(v.clone());
            return Ok(Some((f.clone(), args)));
        }
    }
    Ok(None)
}

/// `object.__setattr__` / `object.__delattr__`: the instance dict (or slots).
pub fn generic_store(
    gil: Gil<'_>,
    obj: &Value,
    cls: &Arc<PyType>,
    dict: Option<&Arc<GilCell<Dict>>>,
    name: &str,
    v: Option<Value>,
) -> Result<Option<(Value, Vec<Value>)>, PyErr> {
    if name == "__class__" {
        if let Value::Instance(i) = obj {
            return set_class(i, v).map(|_| None);
        }
    }
    let Some(dict) = dict else {
        return Err(super::attr::setattr_error(obj, name));
    };
    if let Some(slots) = &cls.slots {
        if !slots.iter().any(|s| s == name) {
            // A class attribute shadows what the instance cannot have (CPython's
            // generic setattr finds it as a non-data descriptor-less attribute).
            let shadowed = class::lookup(gil, cls, &key(name)).is_some();
            return Err(attribute_error(if shadowed {
                format!("'{}' object attribute '{name}' is read-only", cls.name)
            } else {
                format!("'{}' object has no attribute '{name}'", cls.name)
            }));
        }
    }
    // (Deleting an unset slot: CPython's member descriptor names the slot alone.)
    let slot = v.is_none()
        && cls
            .slots
            .as_ref()
            .is_some_and(|s| s.iter().any(|n| n == name));
    set_in(gil, dict, name, v, || {
        if slot {
            name.to_owned()
        } else {
            format!("'{}' object has no attribute '{name}'", cls.name)
        }
    })
}

/// `obj.__class__ = v` (CPython's `object_set_class`): another class made by Python
/// code, of the same layout (the same built-in base, the same `__slots__`).
fn set_class(inst: &Instance, v: Option<Value>) -> Result<(), PyErr> {
    let Some(v) = v else {
        return Err(type_error("can't delete __class__ attribute"));
    };
    let Value::Type(new) = &v else {
        return Err(type_error(format!(
            "__class__ must be set to a class, not '{}' object",
            type_name(&v)
        )));
    };
    let old = inst.class();
    if !new.heap || !old.heap {
        return Err(type_error(
            "__class__ assignment only supported for mutable types or ModuleType subclasses",
        ));
    }
    fn solid_base(t: &Arc<PyType>) -> Option<&Arc<PyType>> {
        std::iter::once(t).chain(t.mro.iter()).find(|c| !c.heap)
    }
    let same_base = match (solid_base(old), solid_base(new)) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (a, b) => a.is_none() && b.is_none(),
    };
    if !same_base || old.slots != new.slots {
        return Err(type_error(format!(
            "__class__ assignment: '{}' object layout differs from '{}'",
            new.name, old.name
        )));
    }
    inst.set_class(new.clone());
    Ok(())
}

/// What the class body of a `class` statement needs once it has run.
pub struct ClassSpec {
    pub name: String,
    pub qualname: String,
    pub bases: Vec<Arc<PyType>>,
    pub ns: Arc<GilCell<Dict>>,
    /// The class keywords (`class C(Base, tag=1)`), for `__init_subclass__`.
    pub kwargs: Vec<(String, Value)>,
    /// The metaclass the new class records (`None`: `type`).
    pub meta: Option<Arc<PyType>>,
    /// For a `class` statement whose metaclass is not `type`: the metaclass (or other
    /// callable) to call with `(name, bases, namespace, **kwargs)` once the body has
    /// run, instead of making the class here.
    pub call_meta: Option<Value>,
    /// The namespace `__prepare__` returned when it is not a plain dict (a dict
    /// subclass such as `enum`'s `_EnumDict`): the body stores through its
    /// `__setitem__`, and the metaclass gets it. (`ns` is the dict inside it.)
    pub ns_obj: Option<Value>,
}

/// The namespace object of a class body's frame, when `__prepare__` made one of its
/// own (see [`ClassSpec::ns_obj`]).
pub fn namespace_object(f: &super::frame::Frame) -> Option<Value> {
    match &f.ret {
        Ret::BuildClass(spec) => spec.ns_obj.clone(),
        _ => None,
    }
}

/// `ns.method(*args)` on a class body's own namespace object.
pub fn ns_call(gil: Gil<'_>, ns: &Value, method: &str, args: Vec<Value>) -> Result<Value, PyErr> {
    let f = super::attr::getattr(gil, ns, method)?;
    super::detached::call(gil, "__build_class__", &f, args)
}

/// `ns[name]` on a class body's own namespace object; `None` for a `KeyError`.
pub fn ns_load(gil: Gil<'_>, ns: &Value, name: &PyStr) -> Result<Option<Value>, PyErr> {
    match ns_call(gil, ns, "__getitem__", vec![Value::str(name.as_str())]) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is_instance(&types().exc.key_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The `__call__` a metaclass of `t` defines in Python, if any.
pub fn meta_call(gil: Gil<'_>, t: &Arc<PyType>) -> Option<Value> {
    match class::lookup_special(gil, t.meta.as_ref()?, "__call__")? {
        Value::Native(_) => None,
        f => Some(f),
    }
}

/// The metaclass of class `t` (`type` unless it has one of its own).
pub fn meta_of(t: &Arc<PyType>) -> Arc<PyType> {
    t.meta.clone().unwrap_or_else(|| types().type_.clone())
}

/// CPython's `_PyType_CalculateMetaclass`: the most derived of `meta` and the
/// metaclasses of `bases`, which must form a chain.
fn winner(meta: Arc<PyType>, bases: &[Arc<PyType>]) -> Result<Arc<PyType>, PyErr> {
    let mut w = meta;
    for b in bases {
        let m = meta_of(b);
        if w.is_subtype(&m) {
            continue;
        }
        if m.is_subtype(&w) {
            w = m;
            continue;
        }
        return Err(type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    Ok(w)
}

/// The metaclass a new class records: `None` for `type` itself.
fn recorded(meta: Arc<PyType>) -> Option<Arc<PyType>> {
    (!Arc::ptr_eq(&meta, &types().type_)).then_some(meta)
}

/// `__build_class__(body, name, *bases)`: push the class body's frame, its namespace
/// as locals; the class is made when it returns (`Ret::BuildClass`).
pub fn build_class(gil: Gil<'_>, th: &mut MicroThread, args: Args) -> PyResult<Called> {
    let mut kwargs = args.kw;
    let explicit = kwargs
        .iter()
        .position(|(k, _)| k == "metaclass")
        .map(|i| kwargs.remove(i).1);
    let mut pos = args.pos.into_iter();
    let (Some(Value::Function(body)), Some(Value::Str(name))) = (pos.next(), pos.next()) else {
        return Err(type_error("__build_class__: func must be a function").into());
    };
    let original: Vec<Value> = pos.collect();
    let mut bases = Vec::new();
    let mut resolved = false;
    for b in &original {
        match b {
            Value::Type(t) => bases.push(t.clone()),
            other => {
                // PEP 560: a base that is not a class names the classes to use
                // (`class C(list[int])`, a `typing.Generic[T]`).
                let entries = match super::attr::getattr(gil, other, "__mro_entries__") {
                    Ok(f) => f,
                    Err(_) => {
                        return Err(type_error(format!(
                            "bases must be types, not '{}'",
                            type_name(other)
                        ))
                        .into())
                    }
                };
                let got = super::detached::call(
                    gil,
                    "__mro_entries__",
                    &entries,
                    vec![Value::tuple(original.clone())],
                )?;
                let Value::Tuple(items) = got else {
                    return Err(type_error("__mro_entries__ must return a tuple").into());
                };
                for item in items.iter() {
                    match item {
                        Value::Type(t) => bases.push(t.clone()),
                        v => {
                            return Err(type_error(format!(
                                "bases must be types, not '{}'",
                                type_name(v)
                            ))
                            .into())
                        }
                    }
                }
                resolved = true;
            }
        }
    }
    // The metaclass: the most derived of the explicit one and the bases' (a callable
    // that is not a class is called as it is).
    let call_meta = match explicit {
        Some(Value::Type(m)) => recorded(winner(m, &bases)?).map(Value::Type),
        Some(other) => Some(other),
        None => recorded(winner(types().type_.clone(), &bases)?).map(Value::Type),
    };
    let (ns, ns_obj) = match &call_meta {
        Some(m) => prepare(gil, m, name.as_str(), &bases, &kwargs)?,
        None => (Arc::new(GilCell::new(Dict::new())), None),
    };
    let module = body
        .globals
        .borrow(gil)
        .get_str(&key("__name__"))
        .unwrap_or_else(|| Value::str("builtins"));
    ns.borrow_mut(gil)
        .insert(crate::objects::str::intern("__module__"), module)?;
    let qualname = body.qualname.clone();
    ns.borrow_mut(gil).insert(
        crate::objects::str::intern("__qualname__"),
        Value::str(&qualname),
    )?;
    if resolved {
        ns.borrow_mut(gil).insert(
            crate::objects::str::intern("__orig_bases__"),
            Value::tuple(original),
        )?;
    }
    let spec = ClassSpec {
        name: name.as_str().to_owned(),
        qualname,
        bases,
        ns: ns.clone(),
        kwargs,
        meta: None,
        call_meta,
        ns_obj,
    };
    super::call::push_body(th, &body, ns, Ret::BuildClass(Box::new(spec)))?;
    Ok(Called::Frame)
}

/// `meta.__prepare__(name, bases, **kwargs)`, the namespace the class body runs in
/// (a new dict when the metaclass has no `__prepare__` of its own).
fn prepare(
    gil: Gil<'_>,
    meta: &Value,
    name: &str,
    bases: &[Arc<PyType>],
    kwargs: &[(String, Value)],
) -> Result<(Arc<GilCell<Dict>>, Option<Value>), PyErr> {
    let f = match super::attr::getattr(gil, meta, "__prepare__") {
        Ok(Value::Native(_) | Value::BoundNative(_)) => None,
        Ok(f) => Some(f),
        Err(e) if e.is_instance(&types().exc.attribute_error) => None,
        Err(e) => return Err(e),
    };
    let Some(f) = f else {
        return Ok((Arc::new(GilCell::new(Dict::new())), None));
    };
    let args = Args {
        pos: [
            Value::str(name),
            Value::tuple(bases.iter().cloned().map(Value::Type).collect()),
        ]
        .into_iter()
        .collect(),
        kw: kwargs.to_vec(),
    };
    match super::detached::call_args(gil, "__prepare__", &f, args)? {
        Value::Dict(d) => Ok((d, None)),
        other @ Value::Instance(_) if matches!(class::payload(&other), Some(Value::Dict(_))) => {
            let Some(Value::Dict(d)) = class::payload(&other).cloned() else {
                unreachable!("checked above")
            };
            Ok((d, Some(other)))
        }
        other => Err(type_error(format!(
            "a __prepare__() namespace of type '{}' is not supported by pyvm yet (only dict)",
            type_name(&other)
        ))),
    }
}

/// The class body has returned (`cell`: its `__class__` cell, or `None`): make the
/// class, or call the metaclass to make it.
pub fn finish_class(gil: Gil<'_>, spec: ClassSpec, cell: Value) -> Result<Value, PyErr> {
    let spec_name = spec.name.clone();
    let Some(meta) = spec.call_meta.clone() else {
        let cls = make_class(gil, spec)?;
        check_classcell(gil, &spec_name, &cell, &cls)?;
        return Ok(cls);
    };
    let args = Args {
        pos: [
            Value::str(&spec.name),
            Value::tuple(spec.bases.iter().cloned().map(Value::Type).collect()),
            spec.ns_obj
                .clone()
                .unwrap_or_else(|| Value::Dict(spec.ns.clone())),
        ]
        .into_iter()
        .collect(),
        kw: spec.kwargs,
    };
    let cls = super::detached::call_args(gil, "__build_class__", &meta, args)?;
    check_classcell(gil, &spec_name, &cell, &cls)?;
    Ok(cls)
}

/// After the metaclass made `cls` for a class statement whose body has a `__class__`
/// cell: `type.__new__` must have set it to `cls` (CPython's `__build_class__`).
fn check_classcell(gil: Gil<'_>, name: &str, cell: &Value, cls: &Value) -> Result<(), PyErr> {
    let (Value::Cell(c), Value::Type(_)) = (cell, cls) else {
        return Ok(());
    };
    let got = c.borrow(gil).clone();
    if got.is(cls) {
        return Ok(());
    }
    let cls_repr = crate::objects::repr::repr(gil, cls)?;
    if got.is_null() {
        return Err(runtime_error(format!(
            "__class__ not set defining '{name}' as {cls_repr}. Was __classcell__ propagated to type.__new__?"
        )));
    }
    let got_repr = crate::objects::repr::repr(gil, &got)?;
    Err(type_error(format!(
        "__class__ set to {got_repr} defining '{name}' as {cls_repr}"
    )))
}

/// Make the class once its body has run (its `__class__` cell, if any, is the
/// namespace's `__classcell__`).
pub fn make_class(gil: Gil<'_>, spec: ClassSpec) -> Result<Value, PyErr> {
    let ClassSpec {
        name,
        qualname,
        mut bases,
        ns,
        kwargs,
        meta,
        call_meta: _,
        ns_obj: _,
    } = spec;
    if bases.is_empty() {
        bases.push(types().object.clone());
    }
    for b in &bases {
        let native = class::native_ctor(b);
        let refused = !b.heap
            && (b.sealed || !native)
            && matches!(
                b.kind,
                Kind::Bool
                    | Kind::NoneType
                    | Kind::Ellipsis
                    | Kind::Range
                    | Kind::Slice
                    | Kind::Function
                    | Kind::Builtin
                    | Kind::Iterator
                    | Kind::Code
                    | Kind::Cell
                    | Kind::Method
                    | Kind::NotImplemented
                    | Kind::Generator
            );
        if refused || (!b.heap && b.sealed) {
            return Err(type_error(format!(
                "type '{}' is not an acceptable base type",
                b.qualified_name()
            )));
        }
        let ok = b.heap
            || native
            || matches!(
                b.kind,
                Kind::Object | Kind::Exception | Kind::Type | Kind::IterType
            )
            || class::payload_kind(b.kind);
        if !ok {
            return Err(type_error(format!(
                "subclassing the built-in type '{}' is not supported by pyvm yet",
                b.name
            )));
        }
        if !b.heap && b.new.is_some() && !native {
            return Err(type_error(format!(
                "subclassing '{}' is not supported by pyvm yet",
                b.qualified_name()
            )));
        }
    }
    let mut kind = Kind::Object;
    let mut iter_base: Option<Arc<PyType>> = None;
    // The module type with a constructor whose objects the instances carry.
    let mut native_base: Option<Arc<PyType>> = None;
    for b in &bases {
        if let Some(nb) = class::native_ctor_base(b) {
            if native_base.as_ref().is_some_and(|o| !Arc::ptr_eq(o, &nb)) {
                return Err(type_error("multiple bases have instance lay-out conflict"));
            }
            native_base = Some(nb);
            continue;
        }
        if b.kind != Kind::Object {
            if kind != Kind::Object && kind != b.kind {
                return Err(type_error("multiple bases have instance lay-out conflict"));
            }
            kind = b.kind;
        }
        if b.kind == Kind::IterType {
            // `map` and `zip` are two layouts though one kind.
            let t = class::builtin_base(b);
            if iter_base.as_ref().is_some_and(|o| !Arc::ptr_eq(o, &t)) {
                return Err(type_error("multiple bases have instance lay-out conflict"));
            }
            iter_base = Some(t);
        }
    }
    if native_base.is_some() && kind != Kind::Object {
        return Err(type_error("multiple bases have instance lay-out conflict"));
    }
    let mro = class::c3_mro(&bases)?;
    let mut d = std::mem::take(&mut *ns.borrow_mut(gil));
    // CPython's `type_new_set_classcell`: the class body's `__class__` cell, passed
    // in the namespace, is set to the new class and leaves the class dict.
    let cell = match d.remove(&Value::str("__classcell__"))? {
        Some(c @ Value::Cell(_)) => c,
        Some(other) => {
            return Err(type_error(format!(
                "__classcell__ must be a nonlocal cell, not <class '{}'>",
                class::class_of(&other).qualified_name()
            )))
        }
        None => Value::None,
    };
    // `type_new`: a `__qualname__` in the namespace (the class body's, or one it
    // assigned) names the class and leaves the class dict.
    let qualname = match d.remove(&Value::str("__qualname__"))? {
        Some(Value::Str(q)) => q.as_str().to_owned(),
        Some(other) => {
            return Err(type_error(format!(
                "type __qualname__ must be a str, not {}",
                type_name(&other)
            )))
        }
        None => qualname,
    };
    // `__new__` is a static method without saying so.
    if let Some(f @ Value::Function(_)) = d.get_str(&key("__new__")) {
        d.insert(
            crate::objects::str::intern("__new__"),
            Value::Descr(Arc::new(Descr::StaticMethod(f))),
        )?;
    }
    // `__init_subclass__` is a class method without saying so.
    if let Some(f @ Value::Function(_)) = d.get_str(&key("__init_subclass__")) {
        d.insert(
            crate::objects::str::intern("__init_subclass__"),
            Value::Descr(Arc::new(Descr::ClassMethod(f))),
        )?;
    }
    // A class that defines `__eq__` and not `__hash__` is unhashable.
    if d.get_str(&key("__eq__")).is_some() && d.get_str(&key("__hash__")).is_none() {
        d.insert(crate::objects::str::intern("__hash__"), Value::None)?;
    }
    let module: std::sync::Arc<str> = match d.get_str(&key("__module__")) {
        Some(Value::Str(s)) => s.as_str().into(),
        _ => "builtins".into(),
    };
    if d.get_str(&key("__doc__")).is_none() {
        d.insert(crate::objects::str::intern("__doc__"), Value::None)?;
    }
    let slots = class::slots_of(gil, &d, &bases)?;
    let inherits = |name: &str, flag: &dyn Fn(&PyType) -> bool| {
        d.get_str(&key(name)).is_some() || mro.iter().any(|b| flag(b))
    };
    let del = inherits("__del__", &|b| {
        b.has_del.load(std::sync::atomic::Ordering::Relaxed)
    });
    let getattribute = inherits("__getattribute__", &|b| {
        b.has_getattribute
            .load(std::sync::atomic::Ordering::Relaxed)
    });
    let t = Arc::new(PyType {
        name,
        qualname,
        module,
        new: None,
        base: crate::objects::rc::Swap::new(bases.first().cloned()),
        bases: crate::objects::rc::Swap::new(bases),
        mro: crate::objects::rc::Swap::new(mro),
        kind,
        dict: GilCell::new(d),
        heap: true,
        slots,
        special_cache: GilCell::new(Vec::new()),
        user_special_cache: GilCell::new(Vec::new()),
        meta,
        abstract_: std::sync::atomic::AtomicBool::new(false),
        subclasses: GilCell::new(Vec::new()),
        has_del: std::sync::atomic::AtomicBool::new(del),
        dict_hint: std::sync::atomic::AtomicU8::new(0),
        has_getattribute: std::sync::atomic::AtomicBool::new(getattribute),
        sealed: false,
        collection: std::sync::atomic::AtomicU8::new(0),
    });
    // CPython's `inherit_patma_flags`: the first class of the MRO with a flag.
    if let Some(flag) = t
        .mro
        .iter()
        .map(|b| b.collection.load(std::sync::atomic::Ordering::Relaxed))
        .find(|&f| f != 0)
    {
        t.collection
            .store(flag, std::sync::atomic::Ordering::Relaxed);
    }
    // A metaclass's own `mro()` decides the order (CPython's `mro_internal`).
    if let Some(m) = custom_mro(gil, &t)? {
        t.mro.set(m);
    }
    for b in t.bases.iter() {
        let mut subs = b.subclasses.borrow_mut(gil);
        subs.retain(|w| w.strong_count() > 0);
        subs.push(Arc::downgrade(&t));
    }
    if let Value::Cell(c) = cell {
        *c.borrow_mut(gil) = Value::Type(t.clone());
    }
    set_names(gil, &t)?;
    init_subclass(gil, &t, kwargs)?;
    Ok(Value::Type(t))
}

/// The MRO of `t` its metaclass's own `mro()` gives (`None`: the metaclass has
/// `type.mro`, the C3 order), checked as CPython's `mro_check` does: every entry a
/// class whose built-in layout `t`'s extends. Stored without `t` itself, which
/// lookups search first.
fn custom_mro(gil: Gil<'_>, t: &Arc<PyType>) -> Result<Option<Vec<Arc<PyType>>>, PyErr> {
    let Some(meta) = t.meta.as_ref() else {
        return Ok(None);
    };
    let f = match class::lookup(gil, meta, &key("mro")) {
        None => return Ok(None),
        Some(Value::Native(d))
            if crate::objects::methods::type_method("mro").is_some_and(|m| std::ptr::eq(m, d)) =>
        {
            return Ok(None)
        }
        Some(f) => class::special_callable(f),
    };
    let r = super::detached::call(gil, "mro", &f, vec![Value::Type(t.clone())])?;
    let tuple = crate::native::builtin_function(gil, "tuple");
    let r = super::detached::call(gil, "mro", &tuple, vec![r])?;
    let Value::Tuple(items) = &r else {
        return Ok(None);
    };
    let solid = class::builtin_base(t);
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Value::Type(b) = item else {
            return Err(type_error(format!(
                "mro() returned a non-class ('{}')",
                type_name(item)
            )));
        };
        if !solid.is_subtype(&class::builtin_base(b)) {
            return Err(type_error(format!(
                "mro() returned base with unsuitable layout ('{}')",
                b.name
            )));
        }
        if !(i == 0 && Arc::ptr_eq(b, t)) {
            out.push(b.clone());
        }
    }
    Ok(Some(out))
}

/// `type.__new__` calls `__set_name__(owner, name)` on every attribute of the new
/// class that has one, wrapping an error as CPython 3.11 does.
fn set_names(gil: Gil<'_>, t: &Arc<PyType>) -> Result<(), PyErr> {
    let attrs: Vec<(Value, Value)> = t
        .dict
        .borrow(gil)
        .iter()
        .filter(|(_, v)| matches!(v, Value::Instance(_)))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for (name, v) in attrs {
        let Some(f) = class::special(gil, &v, "__set_name__") else {
            continue;
        };
        let args = vec![v.clone(), Value::Type(t.clone()), name.clone()];
        if let Err(e) = super::detached::call(gil, "__set_name__", &f, args) {
            let wrapped = runtime_error(format!(
                "Error calling __set_name__ on '{}' instance {} in '{}'",
                type_name(&v),
                crate::objects::repr::repr(gil, &name)?,
                t.name
            ));
            {
                let mut st = wrapped.0.state.borrow_mut(gil);
                st.cause = Some(e.value());
                st.suppress_context = true;
            }
            return Err(wrapped);
        }
    }
    Ok(())
}

/// `super(cls, cls).__init_subclass__(**kwargs)` for a new class.
fn init_subclass(gil: Gil<'_>, t: &Arc<PyType>, kwargs: Vec<(String, Value)>) -> Result<(), PyErr> {
    match class::lookup_from(gil, t.mro.iter(), &key("__init_subclass__")) {
        Some(Value::Descr(d)) => {
            let f = match &*d {
                Descr::ClassMethod(f) | Descr::StaticMethod(f) => f.clone(),
                _ => return Ok(()),
            };
            let args = Args {
                pos: [Value::Type(t.clone())].into_iter().collect(),
                kw: kwargs,
            };
            super::detached::call_args(gil, "__init_subclass__", &f, args)?;
            Ok(())
        }
        _ if !kwargs.is_empty() => Err(type_error(format!(
            "{}.__init_subclass__() takes no keyword arguments",
            t.name
        ))),
        _ => Ok(()),
    }
}

/// `type(name, bases, ns)`.
pub fn type_new(gil: Gil<'_>, args: &Args, module: Option<Value>) -> Result<Value, PyErr> {
    type_new_meta(gil, &types().type_.clone(), args, module)
}

/// The `__name__` of the globals of `th`'s running Python frame: the `__module__` a
/// class made by calling `type` gets (CPython's `type_new_set_module`).
pub fn running_module(gil: Gil<'_>, th: &MicroThread) -> Option<Value> {
    let f = th.frames.last()?;
    f.globals.borrow(gil).get_str(&key("__name__"))
}

/// `type.__new__(mcs, name, bases, ns, **kwargs)` (`args` without `mcs`): a class
/// whose metaclass is the most derived of `mcs` and its bases' metaclasses;
/// `module`: its `__module__` when the namespace has none (the name of the module
/// whose code calls `type`, see [`running_module`]).
pub fn type_new_meta(
    gil: Gil<'_>,
    mcs: &Arc<PyType>,
    args: &Args,
    module: Option<Value>,
) -> Result<Value, PyErr> {
    let payload_ns = args.get(2).and_then(|v| match class::payload(v) {
        Some(Value::Dict(d)) => Some(d.clone()),
        _ => None,
    });
    let (name, bases, ns) = match (args.get(0), args.get(1), args.get(2)) {
        (Some(Value::Str(name)), Some(Value::Tuple(bases)), Some(Value::Dict(ns))) => {
            (name, bases, ns)
        }
        (Some(Value::Str(name)), Some(Value::Tuple(bases)), Some(_)) if payload_ns.is_some() => {
            (name, bases, payload_ns.as_ref().expect("checked"))
        }
        (Some(Value::Str(_)), Some(Value::Tuple(_)), Some(other)) => {
            return Err(type_error(format!(
                "type.__new__() argument 3 must be dict, not {}",
                type_name(other)
            )))
        }
        (Some(Value::Str(_)), Some(other), _) => {
            return Err(type_error(format!(
                "type.__new__() argument 2 must be tuple, not {}",
                type_name(other)
            )))
        }
        (Some(other), _, _) if args.len() == 3 => {
            return Err(type_error(format!(
                "type.__new__() argument 1 must be str, not {}",
                type_name(other)
            )))
        }
        _ => {
            return Err(type_error(format!(
                "type.__new__() takes exactly 3 arguments ({} given)",
                args.len()
            )))
        }
    };
    let mut bs = Vec::new();
    for b in bases.iter() {
        match b {
            Value::Type(t) => bs.push(t.clone()),
            other if super::attr::getattr(gil, other, "__mro_entries__").is_ok() => {
                return Err(type_error(
                    "type() doesn't support MRO entry resolution; use types.new_class()",
                ))
            }
            _ => {
                return Err(type_error(
                    "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
                ))
            }
        }
    }
    let w = winner(mcs.clone(), &bs)?;
    if !Arc::ptr_eq(&w, mcs) && w.heap {
        // A base's metaclass is more derived: it makes the class (CPython's
        // `type_new` hands over to the winner's `__new__`, then its `__init__` runs).
        let call = Args {
            pos: args.pos.clone(),
            kw: args.kw.clone(),
        };
        return super::detached::call_args(gil, "type", &Value::Type(w), call);
    }
    let meta = recorded(w);
    let mut d = Dict::new();
    let mut qualname = name.as_str().to_owned();
    for (k, v) in ns.borrow(gil).iter() {
        if let (Value::Str(ks), Value::Str(q)) = (&k, &v) {
            if ks.as_str() == "__qualname__" {
                qualname = q.as_str().to_owned();
                continue;
            }
        }
        d.insert(k.clone(), v.clone())?;
    }
    if d.get_str(&key("__module__")).is_none() {
        d.insert(
            crate::objects::str::intern("__module__"),
            module.unwrap_or_else(|| Value::str("__main__")),
        )?;
    }
    // (A class statement's `__class__` cell comes in the namespace as
    // `__classcell__`: `make_class` takes it from there.)
    let spec = ClassSpec {
        name: name.as_str().to_owned(),
        qualname,
        bases: bs,
        ns: Arc::new(GilCell::new(d)),
        kwargs: args.kw.clone(),
        meta,
        call_meta: None,
        ns_obj: None,
    };
    make_class(gil, spec)
}

/// Calling a class made by Python code (or `object`): `__new__`, then `__init__`
/// on what it made, each a pushed frame when written in Python.
pub fn call_class(
    gil: Gil<'_>,
    th: &mut MicroThread,
    cls: &Arc<PyType>,
    args: Args,
) -> PyResult<Called> {
    let new = class::lookup_special(gil, cls, "__new__");
    let init = class::lookup_special(gil, cls, "__init__");
    let user_new = match &new {
        Some(Value::Descr(d)) => match &**d {
            Descr::StaticMethod(f) => Some(f.clone()),
            _ => None,
        },
        Some(f @ Value::Function(_)) => Some(f.clone()),
        _ => None,
    };
    if let Some(f) = user_new {
        let init_args = Args {
            pos: args.pos.clone(),
            kw: args.kw.clone(),
        };
        let mut pos = args.pos;
        pos.insert(0, Value::Type(cls.clone()));
        let ret = Ret::New(Box::new((cls.clone(), init_args)));
        return super::call::call_then(gil, th, &f, Args { pos, kw: args.kw }, ret);
    }
    let init_is_native = matches!(init, Some(Value::Native(_)) | None);
    if cls.kind == Kind::Object && cls.heap {
        if let Some(base) = class::native_ctor_base(cls) {
            // The module type's constructor makes the object the instance carries.
            let obj = native_instance(gil, th, cls, &base, &args, init_is_native)?;
            return init_instance(gil, th, obj, init, args);
        }
    }
    if init_is_native && cls.kind == Kind::Object && (!args.pos.is_empty() || !args.kw.is_empty()) {
        return Err(type_error(format!("{}() takes no arguments", cls.name)).into());
    }
    let obj = if cls.kind == Kind::Type {
        // A metaclass called: `type.__new__(cls, name, bases, ns, **kwargs)`.
        let module = running_module(gil, th);
        type_new_meta(gil, cls, &args, module)?
    } else if cls.kind.fixed_at_new() {
        // An immutable value is fixed when the instance is made (`int.__new__`).
        let mut cx = crate::native::Cx { gil, th };
        let kw = if cls.kind == Kind::Tuple {
            Vec::new()
        } else {
            args.kw.clone()
        };
        let value = crate::modules::builtins::construct(
            &mut cx,
            &class::builtin_base(cls),
            Args {
                pos: args.pos.clone(),
                kw,
            },
        )?;
        instance_with(cls.clone(), value)
    } else if cls.kind == Kind::IterType {
        // `map.__new__` builds the iterator from the call's arguments.
        let mut cx = crate::native::Cx { gil, th };
        let base = class::builtin_base(cls);
        let value = crate::modules::builtins::construct(
            &mut cx,
            &base,
            Args {
                pos: args.pos.clone(),
                kw: args.kw.clone(),
            },
        )?;
        let obj = crate::objects::methods::wrap_iter(cls.clone(), &base, value);
        if !class::class_of(&obj).is_subtype(cls) {
            return Ok(Called::Value(obj));
        }
        obj
    } else {
        new_instance(cls, &args)?
    };
    init_instance(gil, th, obj, init, args)
}

/// The `__init__` of a call of `cls` with `argc` positional arguments that the loop
/// may make without [`call_class`]'s argument lists: a class made by Python code
/// whose metaclass is `type`, deriving from no built-in type but `object`, with no
/// `__new__` of its own and an `__init__` that is a Python function taking exactly
/// the instance and those arguments (`Vector(x, y, z)`). The loop makes the instance
/// (as `object.__new__` does) and pushes the `__init__` frame where the arguments lie
/// (`call::push_init_frame`). `None`: take the general path.
#[inline]
pub fn simple_init(gil: Gil<'_>, cls: &Arc<PyType>, argc: usize) -> Option<Value> {
    if !cls.heap || cls.meta.is_some() || cls.kind != Kind::Object {
        return None;
    }
    let init = class::lookup_special(gil, cls, "__init__")?;
    let Value::Function(f) = &init else {
        return None;
    };
    if !super::call::is_simple(f, argc + 1) || class::native_ctor_base(cls).is_some() {
        return None;
    }
    match class::lookup_special(gil, cls, "__new__") {
        Some(Value::Function(_) | Value::Descr(_)) => None,
        _ => Some(init),
    }
}

/// An instance of `cls`, a class deriving from the module type `base` with its own
/// constructor, carrying what the constructor makes of the call's arguments. As
/// CPython's constructors that take no arguments (`SimpleQueue`, `RLock`), they are
/// left to a class's own `__init__`.
fn native_instance(
    gil: Gil<'_>,
    th: &mut MicroThread,
    cls: &Arc<PyType>,
    base: &Arc<PyType>,
    args: &Args,
    init_is_native: bool,
) -> PyResult<Value> {
    if cls.abstract_.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(class::abstract_error(cls).into());
    }
    let mut cx = crate::native::Cx { gil, th };
    if let Some(own) = class::native_own(gil, base, "__new__") {
        // A type that makes its objects blank and fills them in `__init__`
        // (`_socket.socket`): its `__new__(cls, ...)` makes the instance.
        let mut pos = args.pos.clone();
        pos.insert(0, Value::Type(cls.clone()));
        let kw = args.kw.clone();
        return (own.f)(&mut cx, Args { pos, kw });
    }
    let new = base.new.expect("native_ctor has a constructor");
    let all = Args {
        pos: args.pos.clone(),
        kw: args.kw.clone(),
    };
    let made = match new(&mut cx, all) {
        Err(Unwind::Raise(e))
            if !init_is_native
                && (!args.pos.is_empty() || !args.kw.is_empty())
                && e.is_instance(&types().exc.type_error) =>
        {
            new(&mut cx, Args::new([])).map_err(|_| Unwind::Raise(e))
        }
        r => r,
    };
    Ok(class::instance_with(cls.clone(), made?))
}

/// Run `init` (the class's `__init__`) on `obj`; the call's result is `obj`.
pub fn init_instance(
    gil: Gil<'_>,
    th: &mut MicroThread,
    obj: Value,
    init: Option<Value>,
    args: Args,
) -> PyResult<Called> {
    match init {
        Some(f @ Value::Function(_)) => {
            let mut pos = args.pos;
            pos.insert(0, obj.clone());
            super::call::call_then(gil, th, &f, Args { pos, kw: args.kw }, Ret::Init(obj))
        }
        // (`object.__init__` of a class deriving from a module type: its
        // constructor took the arguments.)
        // (Unless the type has an `__init__` of its own, which fills what its
        // `__new__` made: `_socket.socket`'s.)
        Some(Value::Native(d)) if matches!(&obj, Value::Instance(i) if class::native_ctor_base(i.class()).is_some_and(|b| !class::native_own(gil, &b, "__init__").is_some_and(|own| std::ptr::eq(own, d)))) => {
            Ok(Called::Value(obj))
        }
        Some(Value::Native(d))
            if matches!(obj, Value::Exception(_)) || class::payload(&obj).is_some() =>
        {
            let mut pos = args.pos;
            pos.insert(0, obj.clone());
            let mut cx = crate::native::Cx { gil, th };
            (d.f)(&mut cx, Args { pos, kw: args.kw })?;
            Ok(Called::Value(obj))
        }
        Some(other @ (Value::Method(_) | Value::BoundNative(_) | Value::Descr(_))) => {
            let mut cx = crate::native::Cx { gil, th };
            cx.call_args(&other, args)?;
            Ok(Called::Value(obj))
        }
        _ => Ok(Called::Value(obj)),
    }
}

/// `super()` with no arguments, in the frame that called it: its `__class__` cell and
/// first argument.
pub fn zero_arg_super(gil: Gil<'_>, th: &MicroThread) -> Result<Value, PyErr> {
    let Some(f) = th.frames.last() else {
        return Err(runtime_error("super(): no arguments"));
    };
    let code = &f.code;
    if code.params.argcount == 0 {
        return Err(runtime_error("super(): no arguments"));
    }
    let ncell = code.cellvars.len();
    let class_cell = code
        .freevars
        .iter()
        .position(|n| n.as_str() == "__class__")
        .map(|i| f.cells[ncell + i].clone());
    let Some(cell) = class_cell else {
        return Err(runtime_error("super(): __class__ cell not found"));
    };
    let cls = match &*cell.borrow(gil) {
        Value::Type(t) => t.clone(),
        _ => return Err(runtime_error("super(): empty __class__ cell")),
    };
    // The first argument, even if it lives in a cell now.
    let mut this = th.stack[f.base].clone();
    if this.is_null() {
        if let Some(i) = code.cell_params.iter().position(|p| *p == Some(0)) {
            this = f.cells[i].borrow(gil).clone();
        }
    }
    if this.is_null() {
        return Err(runtime_error("super(): arg[0] deleted"));
    }
    make_super(cls, this)
}

/// `super(cls)`: unbound (its `this` is `Null`), bound by `__get__` — read as a
/// class attribute through an instance, or called by hand.
pub fn unbound_super(cls: Arc<PyType>) -> Value {
    Value::Super(Arc::new(Super {
        start: cls.clone(),
        class: cls,
        this: Value::Null,
    }))
}

/// `super.__get__(self, obj, type=None)`: an unbound `super` bound to `obj`; a bound
/// one, or `obj` None, gives `self` back (CPython's `super_descr_get`).
pub(crate) static SUPER_GET: crate::objects::function::NativeDef =
    crate::objects::function::NativeDef {
        name: "__get__",
        f: |_cx, args| {
            args.check("__get__", 2, 3)?;
            let this = args.at(0).clone();
            let obj = args.at(1);
            match &this {
                Value::Super(s) if s.this.is_null() && !matches!(obj, Value::None) => {
                    Ok(make_super(s.class.clone(), obj.clone())?)
                }
                _ => Ok(this),
            }
        },
        soft: None,
    };

/// `super(cls, obj)`.
pub fn make_super(cls: Arc<PyType>, this: Value) -> Result<Value, PyErr> {
    let start = match &this {
        Value::Type(t) if t.is_subtype(&cls) => t.clone(),
        v => {
            let t = class::class_of(v);
            if !t.is_subtype(&cls) {
                return Err(type_error(
                    "super(type, obj): obj must be an instance or subtype of type",
                ));
            }
            t
        }
    };
    Ok(Value::Super(Arc::new(Super {
        class: cls,
        this,
        start,
    })))
}

/// `LOAD_METHOD` on an instance: the plain function a method call can take with the
/// instance as its first argument (no bound-method object), when nothing shadows it.
#[inline(always)]
pub fn load_method(
    gil: Gil<'_>,
    slot: &mut AttrSlot,
    obj: &Value,
    name: &PyStr,
) -> Option<(Value, Option<Value>)> {
    let Value::Instance(i) = obj else {
        return None;
    };
    let way = class::lookup_way(gil, slot, i.class(), name);
    if way.hooked {
        return None;
    }
    let this = match way.found.as_ref()? {
        Value::Function(_) => None,
        // A method of a built-in base (`self.append(x)` in a `list` subclass): the
        // method and the `self` `bind` would give it, without a bound method.
        Value::Native(d) => {
            if way.native == class::NATIVE_UNKNOWN {
                way.native = if crate::objects::methods::is_class_method(d)
                    || crate::modules::plain_function(d)
                {
                    class::NATIVE_NO
                } else if class::payload(obj).is_some()
                    && !crate::objects::methods::takes_instance(d)
                {
                    class::NATIVE_PAYLOAD
                } else {
                    class::NATIVE_INSTANCE
                };
            }
            match way.native {
                class::NATIVE_PAYLOAD => Some(class::payload(obj)?.clone()),
                class::NATIVE_INSTANCE => None,
                _ => return None,
            }
        }
        _ => return None,
    };
    let f = way.found.clone()?;
    if i.dict.borrow(gil).find_str_maybe(name).is_some() {
        return None;
    }
    Some((f, this))
}

/// A plain instance attribute (`self.x`, CPython 3.11's `LOAD_ATTR_WITH_HINT`): the
/// class has nothing of that name, so the instance dict answers, through the site's
/// hint. `None`: anything else, which [`instance_load`] handles.
#[inline(always)]
pub fn instance_value(
    gil: Gil<'_>,
    slot: &mut AttrSlot,
    inst: &Instance,
    name: &PyStr,
) -> Option<Value> {
    let way = class::lookup_way(gil, slot, inst.class(), name);
    if way.hooked || way.found.is_some() {
        return None;
    }
    let d = inst.dict.borrow(gil);
    let i = d.find_str_hinted(name, &mut slot.hint)?;
    d.value_at(i).cloned()
}

/// Is class attribute `v` of a kind that is never a descriptor (a function, a number,
/// a string, a container): read through the class as it is, and no obstacle to
/// storing an instance attribute of the same name?
fn no_descriptor(v: &Value) -> bool {
    matches!(
        v,
        Value::Function(_)
            | Value::Int(_)
            | Value::Float(_)
            | Value::Complex(_)
            | Value::Big(_)
            | Value::Bool(_)
            | Value::None
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::Tuple(_)
            | Value::List(_)
            | Value::Dict(_)
            | Value::FrozenSet(_)
            | Value::Set(_)
    )
}

/// What `name` resolves to along the MRO of `cls`, through the site's slot, when
/// `cls` is a class made by Python code whose metaclass is `type` and the name is
/// not special; `None` otherwise (or when nothing has the name).
#[inline]
fn plain_class_found<'s>(
    gil: Gil<'_>,
    slot: &'s mut AttrSlot,
    cls: &Arc<PyType>,
    name: &PyStr,
) -> Option<&'s Value> {
    if !cls.heap || cls.meta.is_some() || name.as_str().starts_with("__") {
        return None;
    }
    class::lookup_way(gil, slot, cls, name).found.as_ref()
}

/// `C.name` on a class made by Python code whose metaclass is `type` (nothing of the
/// metaclass's comes first), for a name that is not special (`__dict__`, `__name__`
/// and the like are computed by `class_attr`): what the MRO holds, when that is a
/// value read as it is (a function, a number, a string, a container, a static
/// method's function). `None`: anything else, which `class_attr` handles.
#[inline]
pub fn class_value(
    gil: Gil<'_>,
    slot: &mut AttrSlot,
    cls: &Arc<PyType>,
    name: &PyStr,
) -> Option<Value> {
    match plain_class_found(gil, slot, cls, name)? {
        v if no_descriptor(v) => Some(v.clone()),
        Value::Type(t) if t.meta.is_none() => Some(Value::Type(t.clone())),
        Value::Descr(d) => match &**d {
            Descr::StaticMethod(f) => Some(f.clone()),
            _ => None,
        },
        // An instance stored on the class (`Strength.REQUIRED = Strength(0)`), unless
        // its class makes it a descriptor.
        // (An instance of a built-in descriptor's subclass binds as that descriptor.)
        v @ Value::Instance(i)
            if i.base.is_null() && class::special(gil, v, "__get__").is_none() =>
        {
            Some(v.clone())
        }
        _ => None,
    }
}

/// `LOAD_METHOD` of a class method through its class (`Strength.stronger(a, b)`) or
/// an instance (`self.make(...)`): the function, to be called with the class first
/// (no bound method made), when `name` resolves to a `classmethod` of a Python
/// function along `cls`'s MRO. Same conditions as [`class_value`].
#[inline]
pub fn class_method_fn(
    gil: Gil<'_>,
    slot: &mut AttrSlot,
    cls: &Arc<PyType>,
    name: &PyStr,
) -> Option<Value> {
    match plain_class_found(gil, slot, cls, name)? {
        Value::Descr(d) => match &**d {
            Descr::ClassMethod(f @ Value::Function(_)) => Some(f.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// `LOAD_ATTR` on an instance, the class lookup through a code object's cache slot.
pub fn instance_load(
    gil: Gil<'_>,
    slot: &mut AttrSlot,
    obj: &Value,
    inst: &Instance,
    name: &PyStr,
) -> Result<Attr, PyErr> {
    let way = class::lookup_way(gil, slot, inst.class(), name);
    if way.hooked {
        return instance_attr(gil, obj, inst.class(), Some(&inst.dict), name.as_str())?
            .ok_or_else(|| no_attribute(obj, name.as_str()));
    }
    let found = &way.found;
    if let Some(a) = found {
        if is_data_descr(gil, a) {
            return Ok(bind(gil, a.clone(), Some(obj), inst.class()));
        }
    }
    let found = found.clone();
    {
        let d = inst.dict.borrow(gil);
        if let Some(v) = d
            .find_str_hinted(name, &mut slot.hint)
            .and_then(|i| d.value_at(i))
        {
            return Ok(Attr::Value(v.clone()));
        }
    }
    if let Some(a) = found {
        return Ok(bind(gil, a, Some(obj), inst.class()));
    }
    instance_attr(gil, obj, inst.class(), Some(&inst.dict), name.as_str())?
        .ok_or_else(|| no_attribute(obj, name.as_str()))
}

/// How to call special method `f` found on `this`'s class: the callable and its
/// first arguments. A bound method a class attribute holds (`__next__ =
/// it.__next__`, as `ElementTree.iterparse` does) is no descriptor and gets no
/// `self`; a `staticmethod` gets no `self` either, a `classmethod` the class.
pub fn bind_special(f: Value, this: Value) -> (Value, Vec<Value>) {
    match &f {
        Value::BoundNative(_) if class::is_via_get(&f) => (f, vec![this]),
        Value::BoundNative(_) | Value::Method(_) => (f, Vec::new()),
        Value::Descr(d) => match &**d {
            Descr::StaticMethod(inner) => (inner.clone(), Vec::new()),
            Descr::ClassMethod(inner) => (inner.clone(), vec![Value::Type(class::class_of(&this))]),
            _ => (f, vec![this]),
        },
        _ => (f, vec![this]),
    }
}

/// The special method `name` of a user instance, or CPython's `TypeError` for the
/// operation it implements.
pub fn special_or(gil: Gil<'_>, v: &Value, name: &'static str) -> Result<Value, PyErr> {
    if let Some(f) = class::special(gil, v, name) {
        return Ok(f);
    }
    let t = type_name(v);
    Err(type_error(match name {
        "__getitem__" => format!("'{t}' object is not subscriptable"),
        "__setitem__" => format!("'{t}' object does not support item assignment"),
        "__delitem__" => format!("'{t}' object doesn't support item deletion"),
        "__next__" => format!("'{t}' object is not an iterator"),
        "__iter__" => format!("'{t}' object is not iterable"),
        _ => format!("'{t}' object has no attribute '{name}'"),
    }))
}

/// Is `v` an instance of a `map`/`zip`/... subclass that keeps the built-in
/// `__next__` (stepping it steps the iterator inside)?
pub fn builtin_next(gil: Gil<'_>, v: &Value) -> bool {
    matches!(class::payload(v), Some(Value::Iter(_)))
        && class::special(gil, v, "__next__").is_none()
}

/// `Ok(payload)` when `v` is an instance of a `dict`/`list`/`tuple` subclass that does
/// not override special method `name` (the built-in operation applies to what is
/// inside); `Err(v)` unchanged otherwise.
pub fn payload_if_plain(gil: Gil<'_>, v: Value, name: &'static str) -> Result<Value, Value> {
    match class::payload(&v) {
        // A tuple has no item assignment: the error names the subclass.
        Some(Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) | Value::FrozenSet(_))
            if matches!(name, "__setitem__" | "__delitem__") =>
        {
            Err(v)
        }
        // A `map` subclass with its own `__next__` is its own iterator.
        Some(Value::Iter(_))
            if name == "__iter__" && class::special(gil, &v, "__next__").is_some() =>
        {
            Err(v)
        }
        // Numbers and descriptors are no containers: the error names the subclass.
        Some(
            Value::Int(_) | Value::Big(_) | Value::Float(_) | Value::Complex(_) | Value::Cell(_),
        ) => Err(v),
        Some(p) if class::special(gil, &v, name).is_none() => Ok(p.clone()),
        _ => Err(v),
    }
}

/// What `d[key]` on an instance of a `dict` subclass that defines `__missing__` and
/// not `__getitem__` comes to (CPython's `dict.__getitem__`).
pub enum Missing {
    /// The key is there: its value (found by the one probe).
    Found(Value),
    /// The key is absent: the `__missing__` to call.
    Call(Value),
    /// Not such a subscript: the generic path decides.
    No,
}

/// [`Missing`] for `obj[key]`.
#[inline]
pub fn missing_hook(gil: Gil<'_>, obj: &Value, key: &Value) -> Result<Missing, PyErr> {
    let Some(Value::Dict(d)) = class::payload(obj) else {
        return Ok(Missing::No);
    };
    let Some(f) = class::special(gil, obj, "__missing__") else {
        return Ok(Missing::No);
    };
    if class::special(gil, obj, "__getitem__").is_some() {
        return Ok(Missing::No);
    }
    Ok(match super::dictprobe::get(gil, d, key)? {
        Some(v) => Missing::Found(v),
        None => Missing::Call(f),
    })
}

/// Where `obj[key]` goes (CPython's `PyObject_GetItem`): the one order both
/// `BINARY_SUBSCR` and [`crate::native::Cx::getitem`] follow. A dict subclass's
/// `__missing__`, a class's metaclass `__getitem__` or `__class_getitem__`, the
/// payload of a built-in subclass that keeps the built-in `__getitem__`, then a
/// user `__getitem__` (or CPython's "not subscriptable").
pub enum Subscript {
    /// The value, found already (the key of a `__missing__` dict subclass).
    Found(Value),
    /// Python to call: `f(*args)` gives the value.
    Call(Value, Vec<Value>),
    /// A built-in value (a subclass's payload unwrapped): `ops::getitem` applies.
    Builtin(Value),
}

/// [`Subscript`] for `obj[key]`: a built-in value (a list, a dict, a str, ...) at
/// once, without a call; an instance, a class or an exception through the hooks.
#[inline(always)]
pub fn subscript(gil: Gil<'_>, obj: Value, key: &Value) -> Result<Subscript, PyErr> {
    if !matches!(
        obj,
        Value::Instance(_) | Value::Type(_) | Value::Exception(_)
    ) {
        return Ok(Subscript::Builtin(obj));
    }
    subscript_hooks(gil, obj, key)
}

#[inline(never)]
fn subscript_hooks(gil: Gil<'_>, obj: Value, key: &Value) -> Result<Subscript, PyErr> {
    match missing_hook(gil, &obj, key)? {
        Missing::No => {}
        Missing::Found(v) => return Ok(Subscript::Found(v)),
        Missing::Call(f) => return Ok(Subscript::Call(f, vec![obj, key.clone()])),
    }
    if let Value::Type(_) = &obj {
        // `Color["RED"]` (the metaclass's `__getitem__`), `C[int]` (the class's
        // `__class_getitem__`).
        if let Some(f) = class::class_subscript(gil, &obj)? {
            return Ok(Subscript::Call(f, vec![key.clone()]));
        }
    }
    let obj = match payload_if_plain(gil, obj, "__getitem__") {
        Ok(o) => o,
        Err(o) => o,
    };
    if class::is_user(&obj) {
        let f = special_or(gil, &obj, "__getitem__")?;
        let (f, mut args) = bind_special(f, obj);
        args.push(key.clone());
        return Ok(Subscript::Call(f, args));
    }
    Ok(Subscript::Builtin(obj))
}

/// May `inst.name = v` go straight into the instance dict: a class made by Python
/// code, no `__setattr__` of its own, the name not a descriptor in the class (looked
/// up through a code object's cache slot) and allowed by `__slots__`?
#[inline]
pub fn plain_store(gil: Gil<'_>, slot: &mut AttrSlot, inst: &Instance, name: &PyStr) -> bool {
    let cls = inst.class();
    if !cls.heap {
        return false;
    }
    let way = class::lookup_way(gil, slot, cls, name);
    if let Some(ok) = way.store_ok {
        return ok;
    }
    let allowed = cls
        .slots
        .as_ref()
        .is_none_or(|slots| slots.iter().any(|s| s == name.as_str()));
    let plain_attr = way.found.as_ref().is_none_or(no_descriptor);
    // (`obj.__class__ = C` is never a store into the dict: `set_class`.)
    let ok = allowed
        && name.as_str() != "__class__"
        && plain_attr
        && !matches!(
            class::lookup_special(gil, cls, "__setattr__"),
            Some(f) if !matches!(f, Value::Native(_))
        );
    way.store_ok = Some(ok);
    ok
}

/// `LOAD_METHOD` on `super()` bound to an instance: the plain function found after
/// the class in the instance's MRO, to call with the instance first (no bound-method
/// object, no key allocated: `name` is the code's interned name).
pub fn super_method(gil: Gil<'_>, s: &Super, name: &PyStr) -> Option<Value> {
    if s.this.is_null()
        || matches!(&s.this, Value::Type(t) if Arc::ptr_eq(t, &s.start))
        || name.as_str() == "__new__"
    {
        return None;
    }
    let mut mro = std::iter::once(&s.start).chain(s.start.mro.iter());
    // Skip up to and including the class `super` was made for.
    mro.by_ref().find(|t| Arc::ptr_eq(t, &s.class))?;
    match class::lookup_from(gil, mro, name)? {
        f @ Value::Function(_) => Some(f),
        _ => None,
    }
}
