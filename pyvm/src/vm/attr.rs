//! Attributes of built-in values: `obj.name`, methods for `LOAD_METHOD`, and the
//! errors for names that are not there or cannot be set.

use crate::objects::rc::Arc;

use super::class::{self, Attr};
use crate::compile::code::Code;
use crate::objects::class::{Descr, Method};
use crate::objects::exception::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::str::PyStr;
use crate::objects::types::{type_name, types};
use crate::objects::value::Value;

/// A method of a built-in type for `LOAD_METHOD`: `Some(unbound)` to call with `obj`
/// as `self`, `None` to fall back to `getattr`.
pub fn load_method(gil: Gil<'_>, obj: &Value, name: &str) -> Result<Option<Value>, PyErr> {
    let _ = gil;
    match obj {
        Value::Module(_) | Value::Type(_) => Ok(None),
        _ => Ok(crate::objects::methods::find(obj, name).map(Value::Native)),
    }
}

/// [`load_method`] for `LOAD_METHOD names[arg]` of `code`, through the code's cache.
#[inline]
pub fn load_method_cached(gil: Gil<'_>, code: &Code, arg: usize, obj: &Value) -> Option<Value> {
    match obj {
        Value::Module(_) | Value::Type(_) => None,
        _ => {
            let Value::Str(name) = &code.names[arg] else {
                return None;
            };
            let mut cache = code.method_cache.borrow_mut(gil);
            let slot = cache.get_mut(arg)?;
            crate::objects::methods::find_cached(obj, name.as_str(), slot).map(Value::Native)
        }
    }
}

/// `module.name` found in the module's namespace, through a site's hint (the entry
/// slot where the interned name was last found: no hashing, no probing). `None`
/// when the namespace does not have it (`__getattr__`, `__dict__`, errors: `load_attr`).
#[inline]
pub fn module_value(
    gil: Gil<'_>,
    slot: &mut crate::objects::class::AttrSlot,
    m: &crate::objects::module::Module,
    name: &crate::objects::str::PyStr,
) -> Option<Value> {
    let d = m.dict.borrow(gil);
    let i = d.find_str_hinted(name, &mut slot.hint)?;
    d.value_at(i).cloned()
}

/// `obj.name`, running a property getter or `__getattr__` if need be (on a scratch
/// micro-thread: the loop uses [`load_attr`] and pushes their frames instead).
pub fn getattr(gil: Gil<'_>, obj: &Value, name: &str) -> Result<Value, PyErr> {
    let found = match load_attr(gil, obj, name) {
        Ok(Attr::Value(v)) => return Ok(v),
        Ok(Attr::Call(f, args)) => super::detached::call(gil, "getattr", &f, args),
        Err(e) => Err(e),
    };
    found.map_err(|e| attr_error_context(gil, e, obj, name))
}

/// `obj.name`, or the call that computes it.
pub fn load_attr(gil: Gil<'_>, obj: &Value, name: &str) -> Result<Attr, PyErr> {
    let found = match obj {
        Value::Instance(i) => {
            // An instance of a `super` subclass looks past `__thisclass__` first, as
            // `super` does, then at its own attributes.
            if let Some(s) = crate::objects::class::super_payload(gil, obj) {
                let own_getattribute = i
                    .class()
                    .has_getattribute
                    .load(std::sync::atomic::Ordering::Relaxed);
                if name != "__class__" && !own_getattribute {
                    if let Ok(a) = class::super_attr(gil, &s, name) {
                        return Ok(a);
                    }
                }
            }
            class::instance_attr(gil, obj, i.class(), Some(&i.dict), name)?
        }
        Value::Type(t) if t.heap => class::class_attr(gil, t, name)?,
        // `super.__get__`, bound to this very object (a bound one gives itself back).
        Value::Super(_) if name == "__get__" => {
            return Ok(Attr::Value(Value::BoundNative(Arc::new((
                obj.clone(),
                &class::SUPER_GET,
            )))))
        }
        Value::Super(s) => return class::super_attr(gil, s, name),
        Value::Exception(e) => {
            if let Ok(v) = builtin_attr(gil, obj, name) {
                return Ok(Attr::Value(v));
            }
            class::instance_attr(gil, obj, &e.typ, Some(&e.dict), name)?
        }
        Value::Function(f) => f.attr(gil, name).map(Attr::Value),
        Value::Method(m) => match name {
            "__func__" => Some(Attr::Value(m.func.clone())),
            "__self__" => Some(Attr::Value(m.this.clone())),
            "__call__" => None,
            // `(getattr, (self, name))` (C's `method_reduce`).
            "__reduce__" | "__reduce_ex__" => Some(Attr::Value(Value::BoundNative(Arc::new((
                obj.clone(),
                &NATIVE_REDUCE,
            ))))),
            _ => return load_attr(gil, &m.func, name),
        },
        Value::Descr(d) => descr_attr(obj, d, name),
        Value::Module(m) => {
            module_getattr(gil, m, name).map(|f| Attr::Call(f, vec![Value::str(name)]))
        }
        _ => None,
    };
    match found {
        Some(a) => Ok(a),
        // `f.__call__` of a function, method or callable built-in object (CPython's
        // method-wrapper): calling it calls `f`.
        None if name == "__call__"
            && (matches!(
                obj,
                Value::Function(_) | Value::Native(_) | Value::BoundNative(_) | Value::Method(_)
            ) || matches!(obj, Value::Object(o) if o.0.callable())) =>
        {
            Ok(Attr::Value(Value::BoundNative(Arc::new((
                obj.clone(),
                &CALL_WRAPPER,
            )))))
        }
        None => match builtin_attr(gil, obj, name) {
            Ok(v) => Ok(Attr::Value(v)),
            Err(miss) => {
                if let Value::Type(t) = obj {
                    // `object.__init__`, `Exception.__str__`, ...
                    if let Some(a) = class::class_attr(gil, t, name)? {
                        return Ok(a);
                    }
                }
                Err(match miss {
                    Miss::Missing => no_attribute(obj, name),
                    Miss::Err(e) => e,
                })
            }
        },
    }
}

/// `f.__call__(*args, **kwargs)`: `f(*args, **kwargs)`.
static CALL_WRAPPER: crate::objects::function::NativeDef = crate::objects::function::NativeDef {
    name: "__call__",
    f: |cx, args| {
        let mut pos = args.pos.into_iter();
        let Some(f) = pos.next() else {
            return Err(crate::objects::exception::type_error("__call__ needs a callable").into());
        };
        let rest = crate::native::Args {
            pos: pos.collect(),
            kw: args.kw,
        };
        cx.call_args(&f, rest)
    },
    soft: None,
};

/// A module's own `__getattr__` (PEP 562), when `name` is not in its namespace.
pub(crate) fn module_getattr(
    gil: Gil<'_>,
    m: &crate::objects::module::Module,
    name: &str,
) -> Option<Value> {
    if matches!(name, "__name__" | "__dict__") || m.get(gil, name).is_some() {
        return None;
    }
    m.get(gil, "__getattr__")
}

pub(crate) fn descr_attr(obj: &Value, d: &Descr, name: &str) -> Option<Attr> {
    let v = match (d, name) {
        (Descr::StaticMethod(f) | Descr::ClassMethod(f), "__func__" | "__wrapped__") => f.clone(),
        // As CPython 3.10+ copies them at creation (`functools.wraps`): the wrapped
        // callable's name, qualified name, module, docstring and annotations.
        (
            Descr::StaticMethod(f) | Descr::ClassMethod(f),
            "__doc__" | "__name__" | "__qualname__" | "__module__" | "__annotations__",
        ) => crate::objects::gil::with_gil(|gil| getattr(gil, f, name).ok())?,
        (Descr::Property { fget, .. }, "fget") => fget.clone(),
        (Descr::Property { fset, .. }, "fset") => fset.clone(),
        (Descr::Property { fdel, .. }, "fdel") => fdel.clone(),
        (Descr::Property { doc, .. }, "__doc__") => {
            crate::objects::gil::with_gil(|gil| doc.borrow(gil).clone())
        }
        (Descr::Property { .. }, "getter" | "setter" | "deleter") => {
            let def = crate::modules::builtins::property_copier(name)?;
            Value::BoundNative(Arc::new((obj.clone(), def)))
        }
        // `abc`: abstract when what it wraps is (any accessor, for a property).
        (_, "__isabstractmethod__") => {
            let inner: Vec<&Value> = match d {
                Descr::StaticMethod(f) | Descr::ClassMethod(f) => vec![f],
                Descr::Property {
                    fget, fset, fdel, ..
                } => vec![fget, fset, fdel],
            };
            let any = crate::objects::gil::with_gil(|gil| {
                inner.into_iter().any(|f| {
                    !f.is(&Value::None)
                        && getattr(gil, f, "__isabstractmethod__")
                            .is_ok_and(|v| crate::objects::value::truthy(gil, &v))
                })
            });
            Value::bool(any)
        }
        _ => return None,
    };
    Some(Attr::Value(v))
}

/// Why [`builtin_attr`] found no value: the attribute is not there (the caller
/// decides whether to build the `AttributeError`: `load_attr` looks at a built-in
/// type's own methods next, and `object.__new__` must not pay for a formatted
/// message it throws away), or an error computing it.
enum Miss {
    Missing,
    Err(PyErr),
}

impl From<PyErr> for Miss {
    fn from(e: PyErr) -> Miss {
        Miss::Err(e)
    }
}

fn builtin_attr(gil: Gil<'_>, obj: &Value, name: &str) -> Result<Value, Miss> {
    if name == "__class__" {
        return Ok(Value::Type(types().of(obj)));
    }
    match obj {
        Value::Module(m) => {
            if name == "__name__" {
                return Ok(Value::str(&m.name));
            }
            if name == "__dict__" {
                return Ok(Value::Dict(m.dict.clone()));
            }
            return m.get(gil, name).ok_or(Miss::Missing);
        }
        Value::Exception(e) => {
            let st = e.state.borrow(gil);
            match name {
                "args" => return Ok(Value::tuple(e.args(gil))),
                "__context__" => return Ok(st.context.clone().unwrap_or(Value::None)),
                "__cause__" => return Ok(st.cause.clone().unwrap_or(Value::None)),
                "__suppress_context__" => return Ok(Value::bool(st.suppress_context)),
                "__traceback__" => {
                    drop(st);
                    return Ok(crate::modules::traceback::traceback_of(gil, e));
                }
                "code" if e.typ.is_subtype(&types().exc.system_exit) => {
                    if let Some(v) = e.attr(gil, name) {
                        return Ok(v);
                    }
                    let args = e.args(gil);
                    return Ok(match args.len() {
                        0 => Value::None,
                        1 => args[0].clone(),
                        _ => Value::tuple(args),
                    });
                }
                "value" if e.typ.is_subtype(&types().exc.stop_iteration) => {
                    return Ok(e
                        .attr(gil, name)
                        .or_else(|| e.arg0(gil))
                        .unwrap_or(Value::None))
                }
                _ => {}
            }
            drop(st);
            if let Some(v) = e.attr(gil, name) {
                return Ok(v);
            }
            // A SyntaxError made by Python code (`ParseError(msg)`) has CPython's
            // fields: `msg` from its argument, the position fields `None` until set.
            if e.typ.is_subtype(&types().exc.syntax_error)
                && matches!(
                    name,
                    "msg"
                        | "filename"
                        | "lineno"
                        | "offset"
                        | "text"
                        | "end_lineno"
                        | "end_offset"
                        | "print_file_and_line"
                )
            {
                let args = e.args(gil);
                return Ok(match name {
                    "msg" if !args.is_empty() => args[0].clone(),
                    _ => Value::None,
                });
            }
            if name == "characters_written" && e.typ.is_subtype(&types().exc.blocking_io_error) {
                // CPython's getter for an unset count says only the name.
                return Err(attribute_error(name).into());
            }
            // A member not set (`AttributeError().name`, `ImportError().path`).
            if crate::objects::exception::members(&e.typ).contains(&name) {
                return Ok(Value::None);
            }
        }
        Value::Cell(c) if name == "cell_contents" => {
            let v = c.borrow(gil).clone();
            if v.is_null() {
                return Err(value_error("Cell is empty").into());
            }
            return Ok(v);
        }
        Value::Function(f) => match name {
            "__name__" => return Ok(Value::str(&f.name)),
            "__qualname__" => return Ok(Value::str(&f.qualname)),
            "__doc__" => return Ok(f.code.doc.as_deref().map_or(Value::None, Value::str)),
            "__module__" => {
                return Ok(f
                    .globals
                    .borrow(gil)
                    .get_str(&PyStr::new("__name__".to_owned()))
                    .unwrap_or(Value::None))
            }
            "__dict__" => return Ok(Value::Dict(f.attrs().clone())),
            "__annotations__" => return Ok(Value::dict(crate::objects::dict::Dict::new())),
            "__globals__" => return Ok(Value::Dict(f.globals.clone())),
            "__closure__" => {
                return Ok(match f.closure.is_empty() {
                    true => Value::None,
                    false => {
                        Value::tuple(f.closure.iter().map(|c| Value::Cell(c.clone())).collect())
                    }
                })
            }
            "__defaults__" => {
                let d = f.defaults.borrow(gil);
                return Ok(if d.is_empty() {
                    Value::None
                } else {
                    Value::tuple(d.clone())
                });
            }
            "__kwdefaults__" => {
                let d = f.kwdefaults.borrow(gil);
                if d.is_empty() {
                    return Ok(Value::None);
                }
                let mut out = crate::objects::dict::Dict::new();
                for (k, v) in d.iter() {
                    out.insert(Value::str(k), v.clone())?;
                }
                return Ok(Value::dict(out));
            }
            "__code__" => return Ok(Value::Code(f.code.clone())),
            "__get__" => return Ok(Value::BoundNative(Arc::new((obj.clone(), &DESCR_GET)))),
            _ => {}
        },
        Value::Descr(_) if name == "__get__" => {
            return Ok(Value::BoundNative(Arc::new((obj.clone(), &DESCR_GET))))
        }
        Value::Descr(d)
            if matches!(**d, crate::objects::class::Descr::Property { .. })
                && (name == "__set__" || name == "__delete__") =>
        {
            let def = if name == "__set__" {
                &DESCR_SET
            } else {
                &DESCR_DELETE
            };
            return Ok(Value::BoundNative(Arc::new((obj.clone(), def))));
        }
        Value::Code(c) => {
            if let Some(v) = code_attr(c, name) {
                return Ok(v);
            }
            if name == "co_positions" {
                return Ok(Value::BoundNative(Arc::new((obj.clone(), &CO_POSITIONS))));
            }
        }
        Value::Native(n) if name == "__name__" => return Ok(Value::str(n.name)),
        // A built-in type's method taken from the type is qualified by it
        // (`list.append.__qualname__` is `'list.append'`); a function is its name.
        Value::Native(n) if name == "__qualname__" => {
            return Ok(match crate::objects::methods::method_owner(n) {
                Some(owner) if !owner.is_empty() => Value::string(format!("{owner}.{}", n.name)),
                _ => Value::str(n.name),
            });
        }
        Value::Native(n) => {
            if let Some(v) = crate::modules::native_attr(n, name) {
                return Ok(v);
            }
            match name {
                // The module that holds it (`pickle` saves a built-in function by
                // module and name, and checks the name gives it back).
                "__module__" => return Ok(native_module(gil, n).map_or(Value::None, Value::string)),
                // A built-in function's `__self__` is its module (`inspect.signature`
                // drops the `$module` parameter of its text signature for it).
                "__self__" if crate::objects::methods::method_owner(n).is_none() => {
                    let m = native_module(gil, n).and_then(|m| {
                        crate::modules::sys_modules()
                            .borrow(gil)
                            .get_str(&PyStr::new(m))
                    });
                    return Ok(m.unwrap_or(Value::None));
                }
                // A method descriptor's class, and its binding (`str.join.__get__('-')`).
                "__objclass__" => {
                    let owner = crate::objects::methods::method_owner(n)
                        .or_else(|| crate::objects::methods::class_method_owner(n));
                    if let Some(t) = owner.and_then(crate::objects::methods::owner_type) {
                        return Ok(Value::Type(t));
                    }
                }
                "__get__" if types().of(obj).kind == crate::objects::types::Kind::Descriptor => {
                    let get = crate::objects::methods::find_in_type(&types().of(obj), "__get__");
                    if let Some(get) = get {
                        return Ok(Value::BoundNative(Arc::new((obj.clone(), get))));
                    }
                }
                // `len.__reduce__()` is its name: pickled as a global, as CPython's.
                "__reduce__" | "__reduce_ex__" => {
                    return Ok(Value::BoundNative(Arc::new((obj.clone(), &NATIVE_REDUCE))))
                }
                _ => {}
            }
        }
        Value::Object(o) => match o.0.getattr(gil, name) {
            // Methods come back unbound: bind them to the object. (A built-in
            // function held as data, `partial(len).func`, comes back under another
            // name: as it is.)
            Some(Value::Native(d)) if d.name == name => {
                return Ok(Value::BoundNative(Arc::new((obj.clone(), d))))
            }
            Some(v) => return Ok(v),
            None => {}
        },
        Value::BoundNative(b) => match name {
            "__name__" => return Ok(Value::str(b.1.name)),
            "__qualname__" => return Ok(Value::string(bound_native_qualname(&b.0, b.1))),
            "__self__" => return Ok(b.0.clone()),
            // A method-wrapper's class: the one that defines the slot.
            "__objclass__" if crate::objects::methods::is_method_wrapper(&b.0, b.1) => {
                let cls = crate::objects::class::class_of(&b.0);
                let owner = crate::objects::class::defining_class(gil, &cls, b.1.name);
                return Ok(Value::Type(owner.unwrap_or(cls)));
            }
            // `(getattr, (self, name))`, as CPython pickles a built-in method.
            "__reduce__" | "__reduce_ex__" => {
                return Ok(Value::BoundNative(Arc::new((obj.clone(), &NATIVE_REDUCE))))
            }
            _ => {}
        },
        Value::Type(t) => {
            match name {
                "__name__" | "__qualname__" => return Ok(Value::str(&t.name)),
                "__module__" => return Ok(Value::str(&t.module)),
                "__base__" => return Ok(t.base.clone().map_or(Value::None, Value::Type)),
                "__mro__" => {
                    let mut mro = Vec::new();
                    let mut cur = Some(t.clone());
                    while let Some(c) = cur {
                        cur = c.base.clone();
                        mro.push(Value::Type(c));
                    }
                    return Ok(Value::tuple(mro));
                }
                _ => {}
            }
            if let Some(m) = crate::objects::methods::find_in_type(t, name) {
                if crate::objects::methods::is_class_method(m) {
                    return Ok(Value::BoundNative(Arc::new((obj.clone(), m))));
                }
                if crate::objects::slot_wrapper::is_special(name) {
                    return Ok(crate::objects::slot_wrapper::slot_wrapper(gil, t, m));
                }
                return Ok(Value::Native(m));
            }
        }
        Value::Int(_) | Value::Bool(_) | Value::Big(_) => match name {
            "real" | "numerator" => {
                return Ok(match obj {
                    Value::Bool(b) => Value::Int(*b as i64),
                    v => v.clone(),
                })
            }
            "imag" => return Ok(Value::Int(0)),
            "denominator" => return Ok(Value::Int(1)),
            _ => {}
        },
        Value::Float(f) => match name {
            "real" => return Ok(Value::float(f.get())),
            "imag" => return Ok(Value::float(0.0)),
            _ => {}
        },
        Value::Complex(c) => match name {
            "real" => return Ok(Value::float(c.re)),
            "imag" => return Ok(Value::float(c.im)),
            _ => {}
        },
        Value::File(f) => match name {
            "closed" => return Ok(Value::bool(f.borrow(gil).closed())),
            "name" => return Ok(Value::str(&f.borrow(gil).name)),
            "mode" => return Ok(Value::str(&f.borrow(gil).mode)),
            // A text file's codec settings (UTF-8, strict, universal newlines).
            "encoding" if !f.borrow(gil).binary => return Ok(Value::str(&f.borrow(gil).encoding)),
            "errors" if !f.borrow(gil).binary => return Ok(Value::str("strict")),
            "newlines" if !f.borrow(gil).binary => return Ok(Value::None),
            "line_buffering" | "write_through" if !f.borrow(gil).binary => {
                return Ok(Value::bool(false))
            }
            _ => {}
        },
        Value::Generator(g) => {
            if let Some(v) = generator_attr(gil, g, name) {
                return Ok(v);
            }
        }
        Value::Range(r) => match name {
            "start" => return Ok(r.start()),
            "stop" => return Ok(r.stop()),
            "step" => return Ok(r.step()),
            _ => {}
        },
        Value::Slice(s) => match name {
            "start" => return Ok(s[0].clone()),
            "stop" => return Ok(s[1].clone()),
            "step" => return Ok(s[2].clone()),
            _ => {}
        },
        _ => {}
    }
    match crate::objects::methods::find(obj, name) {
        Some(m) if crate::objects::methods::is_class_method(m) => {
            let cls = Value::Type(crate::objects::class::class_of(obj));
            Ok(Value::BoundNative(Arc::new((cls, m))))
        }
        Some(m) => Ok(Value::BoundNative(Arc::new((obj.clone(), m)))),
        // CPython's docstrings of built-in objects (`objects::docs`).
        None if name == "__doc__" && !matches!(obj, Value::Instance(_)) => {
            Ok(builtin_doc(gil, obj).map_or(Value::None, Value::str))
        }
        // CPython's text signatures of built-in functions, methods and types (what
        // `inspect.signature` reads).
        None if name == "__text_signature__"
            && matches!(
                obj,
                Value::Native(_) | Value::BoundNative(_) | Value::Type(_)
            ) =>
        {
            // A built-in descriptor's `__get__` (`object.__init__.__get__`).
            if let Value::BoundNative(b) = obj {
                let descr = types().of(&b.0).kind == crate::objects::types::Kind::Descriptor;
                if descr && b.1.name == "__get__" {
                    return Ok(Value::str("($self, instance, owner=None, /)"));
                }
            }
            Ok(builtin_entry(gil, obj, crate::objects::docs::SIGS).map_or(Value::None, Value::str))
        }
        None => Err(Miss::Missing),
    }
}

/// The data attributes of a generator, coroutine (`cr_*`) or async generator
/// (`ag_*`).
fn generator_attr(
    gil: Gil<'_>,
    g: &crate::objects::generator::GenRef,
    name: &str,
) -> Option<Value> {
    use crate::objects::generator::{GenKind, GenState};
    let b = g.borrow(gil);
    match name {
        "__name__" => return Some(Value::str(&b.code.name)),
        "__qualname__" => return Some(Value::str(&b.code.qualname)),
        _ => {}
    }
    let prefix = match b.kind {
        GenKind::Generator => "gi_",
        GenKind::Coroutine => "cr_",
        GenKind::AsyncGenerator => "ag_",
    };
    let field = name.strip_prefix(prefix)?;
    // What a paused frame awaits (or delegates to): the sub-iterator on top of its
    // operands while it is stopped at a `yield from`/`await`.
    let awaiting = || {
        let at_yield_from = b.state == GenState::Suspended
            && b.frame.as_ref().is_some_and(|f| {
                f.ip > 0
                    && f.code.instrs.get(f.ip - 1).is_some_and(|i| {
                        i.op == crate::compile::opcodes::Op::YIELD_VALUE && i.arg == 1
                    })
            });
        match (at_yield_from, b.stack.last()) {
            (true, Some(v)) => v.clone(),
            _ => Value::None,
        }
    };
    Some(match (b.kind, field) {
        (GenKind::AsyncGenerator, "running") => Value::bool(b.running_async),
        (_, "running") => Value::bool(b.state == GenState::Running),
        (_, "code") => Value::Code(b.code.clone()),
        (_, "suspended") => Value::bool(b.state == GenState::Suspended),
        (GenKind::Generator, "yieldfrom") => awaiting(),
        (GenKind::Coroutine | GenKind::AsyncGenerator, "await") => awaiting(),
        (GenKind::Coroutine, "origin") => Value::None,
        _ => return None,
    })
}

/// Built-in objects have no writable attributes (classes come in part 2).
/// `f.__get__(obj, type=None)` of a function or a `property`/`staticmethod`/
/// `classmethod`: what `obj.f` (or `type.f` when `obj` is `None`) gives.
/// The name of the module whose namespace holds built-in function `n` (`builtins`
/// for the built-ins; otherwise the first module in `sys.modules` that has it).
/// `obj.__doc__` of a built-in object: a type's, a function's or method's (by the
/// type or module it belongs to), or its type's for any other value.
fn builtin_doc(gil: Gil<'_>, obj: &Value) -> Option<&'static str> {
    builtin_entry(gil, obj, crate::objects::docs::DOCS)
}

/// [`builtin_doc`]'s lookup in `table` (the docstrings or the text signatures).
fn builtin_entry(
    gil: Gil<'_>,
    obj: &Value,
    table: crate::objects::docs::Table,
) -> Option<&'static str> {
    use crate::objects::docs;
    let doc = |key: &str| docs::find(table, key);
    match obj {
        Value::Type(t) => docs::type_entry(table, t),
        Value::Native(n) => {
            if let Some(owner) = crate::objects::methods::method_owner(n) {
                return doc(&format!("{owner}.{}", n.name));
            }
            if crate::modules::builtins::is_builtin_fn(n) {
                return doc(n.name);
            }
            let is = |d: Option<&'static NativeDef>| d.is_some_and(|d| std::ptr::eq(d, *n));
            if is(crate::objects::methods::exception_method(n.name)) {
                return doc(&format!("BaseException.{}", n.name));
            }
            if is(crate::objects::methods::object_method(n.name)) {
                return doc(&format!("object.{}", n.name));
            }
            // (A variable holding it makes `__main__` a holder too: then the type.)
            if let Some(d) = native_module(gil, n).and_then(|m| doc(&format!("{m}.{}", n.name))) {
                return Some(d);
            }
            // A method a module put in its type's dict (`array.array.append`).
            let owner = native_owner_type(gil, n)?;
            doc(&format!("{}.{}", docs::type_key(&owner), n.name))
        }
        Value::BoundNative(b) => match &b.0 {
            Value::Module(m) => {
                let name = match m.get(gil, "__name__") {
                    Some(Value::Str(s)) => s.as_str().to_owned(),
                    _ => m.name.clone(),
                };
                doc(&format!("{name}.{}", b.1.name))
            }
            Value::Type(t) => docs::method_entry(table, t, b.1.name).or_else(|| {
                docs::method_entry(table, &crate::objects::class::class_of(&b.0), b.1.name)
            }),
            v => docs::method_entry(table, &crate::objects::class::class_of(v), b.1.name),
        },
        v => docs::type_entry(table, &types().of(v)),
    }
}

/// The built-in type of a loaded module whose dict holds `n` (a method the module
/// put there).
fn native_owner_type(
    gil: Gil<'_>,
    n: &'static NativeDef,
) -> Option<Arc<crate::objects::types::PyType>> {
    let modules: Vec<Value> = crate::modules::sys_modules()
        .borrow(gil)
        .iter()
        .map(|(_, m)| m.clone())
        .collect();
    modules.iter().find_map(|m| {
        let Value::Module(m) = m else {
            return None;
        };
        let d = m.dict.borrow(gil);
        let found = d.iter().find_map(|(_, v)| match v {
            Value::Type(t)
                if !t.heap
                    && t.dict
                        .borrow(gil)
                        .iter()
                        .any(|(_, v)| matches!(v, Value::Native(d) if std::ptr::eq(*d, n))) =>
            {
                Some(t.clone())
            }
            _ => None,
        });
        found
    })
}

fn native_module(gil: Gil<'_>, n: &'static NativeDef) -> Option<String> {
    if crate::modules::builtins::is_builtin_fn(n) {
        return Some("builtins".to_owned());
    }
    let modules: Vec<Value> = crate::modules::sys_modules()
        .borrow(gil)
        .iter()
        .map(|(_, m)| m.clone())
        .collect();
    let holders: Vec<&crate::objects::module::Module> = modules
        .iter()
        .filter_map(|m| match m {
            Value::Module(m) => m
                .dict
                .borrow(gil)
                .iter()
                .any(|(_, v)| matches!(v, Value::Native(d) if std::ptr::eq(*d, n)))
                .then_some(&**m),
            _ => None,
        })
        .collect();
    // The built-in module defining it (no `__file__`: `_codecs`), before a Python
    // module that re-exports it (`codecs`).
    let m = holders
        .iter()
        .find(|m| m.get(gil, "__file__").is_none())
        .or(holders.first())?;
    Some(match m.get(gil, "__name__") {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        _ => m.name.clone(),
    })
}

/// `__qualname__` of a built-in method bound to `owner`, as CPython's: the qualified
/// name of the class (or of `type(owner)`) and the method's (`list.append` for
/// `[].append`, `int.from_bytes` for the class method); a module's function is its
/// name alone.
pub(crate) fn bound_native_qualname(
    owner: &Value,
    def: &crate::objects::function::NativeDef,
) -> String {
    let name = def.name;
    // A special method is a slot wrapper in CPython, qualified by the type that
    // defines it (`dict.__setitem__` for a `dict` subclass's instance).
    // (Bound to an instance of a subclass: the built-in base it inherits it from.)
    if name.starts_with("__") && name.ends_with("__") {
        if let Some(t) = crate::objects::methods::method_owner(def).filter(|t| !t.is_empty()) {
            return format!("{t}.{name}");
        }
        if let Value::Instance(_) = owner {
            let cls = crate::objects::class::class_of(owner);
            if let Some(b) = cls.mro.iter().find(|b| !b.heap) {
                return format!("{}.{name}", b.qualname);
            }
        }
    }
    let t = match owner {
        Value::Module(_) => return name.to_owned(),
        Value::Type(t) => t.clone(),
        v => crate::objects::class::class_of(v),
    };
    format!("{}.{name}", t.qualname)
}

/// `builtin.__reduce__()` / `__reduce_ex__(protocol)`: the function's name, which
/// `pickle` saves as a reference to the global of its module.
static NATIVE_REDUCE: NativeDef = NativeDef {
    name: "__reduce__",
    f: |cx, args| match args.at(0) {
        // A method of a built-in type (`str.index`): `(getattr, (str, 'index'))`
        // (C's `descr_reduce`).
        // A class method of a built-in type as its class holds it
        // (`dict.__dict__['fromkeys']`, CPython's `classmethod_descriptor`).
        Value::Native(n) if crate::objects::methods::is_class_method(n) => Err(
            crate::objects::exception::type_error("cannot pickle 'classmethod_descriptor' object")
                .into(),
        ),
        Value::Native(n) => match crate::objects::methods::method_table_owner(n)
            .map(|t| crate::native::builtin_function(cx.gil, t))
        {
            Some(t @ Value::Type(_)) => Ok(Value::tuple(vec![
                crate::native::builtin_function(cx.gil, "getattr"),
                Value::tuple(vec![t, Value::str(n.name)]),
            ])),
            _ => Ok(Value::str(n.name)),
        },
        Value::Method(m) => {
            let name = cx.getattr(&m.func, "__name__")?;
            Ok(Value::tuple(vec![
                crate::native::builtin_function(cx.gil, "getattr"),
                Value::tuple(vec![m.this.clone(), name]),
            ]))
        }
        Value::BoundNative(b) => Ok(Value::tuple(vec![
            crate::native::builtin_function(cx.gil, "getattr"),
            Value::tuple(vec![b.0.clone(), Value::str(b.1.name)]),
        ])),
        _ => Err(
            crate::objects::exception::type_error("__reduce__ needs a built-in function").into(),
        ),
    },
    soft: None,
};

static DESCR_GET: NativeDef = NativeDef {
    name: "__get__",
    f: descr_get,
    soft: None,
};

static DESCR_SET: NativeDef = NativeDef {
    name: "__set__",
    f: descr_set,
    soft: None,
};

static DESCR_DELETE: NativeDef = NativeDef {
    name: "__delete__",
    f: descr_delete,
    soft: None,
};

fn descr_get(
    cx: &mut crate::native::Cx,
    args: crate::native::Args,
) -> crate::native::PyResult<Value> {
    args.check_method("__get__", 1, 2)?;
    let (this, obj) = (args.at(0).clone(), args.at(1).clone());
    let owner = match args.get(2) {
        Some(Value::Type(t)) => Some(t.clone()),
        _ => None,
    };
    let gil = cx.gil;
    match (&this, obj.is(&Value::None)) {
        (Value::Function(_), true) => Ok(this),
        (Value::Function(_), false) => Ok(Value::Method(Arc::new(Method {
            func: this,
            this: obj,
        }))),
        (Value::Descr(d), _) => {
            let cls = owner.unwrap_or_else(|| crate::objects::class::class_of(&obj));
            let target = (!obj.is(&Value::None)).then_some(&obj);
            match super::class::bind_descr(gil, this.clone(), d, target, &cls) {
                Attr::Value(v) => Ok(v),
                Attr::Call(f, a) => Ok(super::detached::call(gil, "__get__", &f, a)?),
            }
        }
        _ => Ok(this),
    }
}

fn descr_set(
    cx: &mut crate::native::Cx,
    args: crate::native::Args,
) -> crate::native::PyResult<Value> {
    args.check_method("__set__", 2, 2)?;
    let Value::Descr(d) = args.at(0) else {
        return Err(type_error("descriptor '__set__' requires a 'property' object").into());
    };
    let crate::objects::class::Descr::Property { fset, .. } = &**d else {
        return Err(type_error("descriptor '__set__' requires a 'property' object").into());
    };
    if fset.is(&Value::None) {
        return Err(attribute_error("can't set attribute").into());
    }
    cx.call(fset, vec![args.at(1).clone(), args.at(2).clone()])
}

fn descr_delete(
    cx: &mut crate::native::Cx,
    args: crate::native::Args,
) -> crate::native::PyResult<Value> {
    args.check_method("__delete__", 1, 1)?;
    let Value::Descr(d) = args.at(0) else {
        return Err(type_error("descriptor '__delete__' requires a 'property' object").into());
    };
    let crate::objects::class::Descr::Property { fdel, .. } = &**d else {
        return Err(type_error("descriptor '__delete__' requires a 'property' object").into());
    };
    if fdel.is(&Value::None) {
        return Err(attribute_error("can't delete attribute").into());
    }
    cx.call(fdel, vec![args.at(1).clone()])
}

static CO_POSITIONS: NativeDef = NativeDef {
    name: "co_positions",
    f: co_positions,
    soft: None,
};

/// `code.co_positions()`: `(line, end_line, col, end_col)` of each instruction, the
/// columns in UTF-8 bytes as CPython's (pyvm keeps characters: converted through the
/// source line when the source is at hand); `None` where an instruction has none.
fn co_positions(
    cx: &mut crate::native::Cx,
    args: crate::native::Args,
) -> crate::native::PyResult<Value> {
    args.check_method("co_positions", 0, 0)?;
    let Value::Code(c) = args.at(0) else {
        return Err(type_error("descriptor 'co_positions' requires a 'code' object").into());
    };
    let source = crate::modules::source_text(&c.filename);
    let lines: Vec<&str> = source
        .as_deref()
        .map_or(Vec::new(), |s| s.lines().collect());
    let byte_col = |line: u32, col: u32| -> i64 {
        match lines.get(line.saturating_sub(1) as usize) {
            Some(text) => text
                .char_indices()
                .nth(col as usize)
                .map_or(text.len(), |(i, _)| i) as i64,
            None => col as i64,
        }
    };
    let opt = |v: u32, f: &dyn Fn(u32) -> i64| {
        if v == 0 {
            Value::None
        } else {
            Value::Int(f(v))
        }
    };
    let items: Vec<Value> = c
        .positions
        .iter()
        .map(|p| {
            if p.line == 0 {
                return Value::tuple(vec![Value::None; 4]);
            }
            Value::tuple(vec![
                Value::Int(p.line as i64),
                opt(p.end_line, &|v| v as i64),
                Value::Int(byte_col(p.line, p.col)),
                Value::Int(byte_col(p.end_line, p.end_col)),
            ])
        })
        .collect();
    cx.iter(&Value::list(items))
}

/// The attributes of a code object CPython programs read (`f.__code__.co_name`,
/// `frame.f_code.co_filename`).
fn code_attr(c: &crate::compile::code::Code, name: &str) -> Option<Value> {
    let names = |v: &[String]| Value::tuple(v.iter().map(|n| Value::str(n)).collect());
    Some(match name {
        "co_name" => Value::str(&c.name),
        "co_qualname" => Value::str(&c.qualname),
        "co_flags" => Value::Int(c.flags() as i64),
        "co_filename" => Value::str(&c.filename),
        "co_firstlineno" => Value::Int(c.first_line as i64),
        "co_varnames" => names(&c.varnames),
        "co_cellvars" => names(&c.cellvars),
        "co_freevars" => names(&c.freevars),
        "co_names" => Value::tuple(c.names.clone()),
        "co_consts" => Value::tuple(c.consts.clone()),
        "co_argcount" => Value::Int(c.params.argcount as i64),
        "co_posonlyargcount" => Value::Int(c.params.posonly as i64),
        "co_kwonlyargcount" => Value::Int(c.params.kwonly as i64),
        "co_nlocals" => Value::Int(c.varnames.len() as i64),
        _ => return None,
    })
}

pub fn setattr_error(obj: &Value, name: &str) -> PyErr {
    match obj {
        Value::Module(_) | Value::Function(_) => attribute_error(format!(
            "'{}' object attribute '{name}' is read-only",
            type_name(obj)
        )),
        Value::Type(t) => type_error(format!(
            "cannot set '{name}' attribute of immutable type '{}'",
            t.name
        )),
        // `complex.real` is a read-only member (CPython's plain message).
        Value::Complex(_) if matches!(name, "real" | "imag") => {
            attribute_error("readonly attribute")
        }
        _ => {
            let has = crate::objects::methods::find(obj, name).is_some();
            if has {
                attribute_error(format!(
                    "'{}' object attribute '{name}' is read-only",
                    type_name(obj)
                ))
            } else {
                attribute_error(format!(
                    "'{}' object has no attribute '{name}'",
                    type_name(obj)
                ))
            }
        }
    }
}

pub fn unbound_deref(code: &Code, i: usize) -> PyErr {
    let name = code.deref_name(i);
    if i < code.cellvars.len() {
        unbound_local(format!(
            "cannot access local variable '{name}' where it is not associated with a value"
        ))
    } else {
        name_error(format!(
            "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
        ))
    }
}
