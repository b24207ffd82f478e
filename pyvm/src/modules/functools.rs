//! `_functools`: the native half of `functools` (as in CPython): `reduce` and
//! `partial`. The module `functools` itself is frozen Python (`pyvm/lib/functools.py`).

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::dict::Dict;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::module::Module;
use crate::objects::object::{NativeObject, Object};
use crate::objects::repr::repr;
use crate::objects::str::PyStr;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

pub(crate) static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "reduce" => reduce, "cmp_to_key" => cmp_to_key,
];

/// C's `functools.KeyWrapper`, the object `cmp_to_key` returns: called with an
/// object it wraps it; wrapped ones compare by `mycmp(a, b)` against 0 (only with
/// another KeyWrapper); unhashable. Python here (its comparisons call Python);
/// `cmp_to_key` itself is a built-in function, so a class attribute holding it does
/// not bind (as C's).
static SOURCE: &str = r#"
class KeyWrapper:
    __slots__ = ('_mycmp', 'obj')
    __module__ = 'functools'
    __hash__ = None
    def __init__(self, mycmp):
        self._mycmp = mycmp
    def __call__(self, obj):
        k = type(self)(self._mycmp)
        k.obj = obj
        return k
    def _cmp(self, other):
        if type(other) is not type(self):
            raise TypeError('other argument must be K instance')
        try:
            a, b = self.obj, other.obj
        except AttributeError:
            raise AttributeError('object') from None
        return self._mycmp(a, b)
    def __lt__(self, other): return self._cmp(other) < 0
    def __le__(self, other): return self._cmp(other) <= 0
    def __eq__(self, other): return self._cmp(other) == 0
    def __ne__(self, other): return self._cmp(other) != 0
    def __gt__(self, other): return self._cmp(other) > 0
    def __ge__(self, other): return self._cmp(other) >= 0
"#;

/// The `_functools` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_functools", FUNCS);
        m.set(gil, "partial", Value::Type(partial_type().clone()));
        m.set(gil, "__name__", Value::str("_functools"));
        if let Err(e) = run_source(gil, SOURCE, "<frozen _functools>", &m.dict) {
            let text = exception_line(gil, &e);
            crate::modules::sys::write_stderr(&format!("_functools: {text}\n"));
        }
        if let Some(k) = m.get(gil, "KeyWrapper") {
            let _ = KEY_WRAPPER.set(k);
            let _ = m.dict.borrow_mut(gil).remove(&Value::str("KeyWrapper"));
        }
        Arc::new(m)
    })
}

static KEY_WRAPPER: OnceLock<Value> = OnceLock::new();

/// `cmp_to_key(mycmp)`: a `KeyWrapper` of `mycmp`.
fn cmp_to_key(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mut a = clinic(args, "cmp_to_key", &["mycmp"], 1, 1)?.into_iter();
    let mycmp = a.next().flatten().unwrap_or(Value::None);
    let Some(k) = KEY_WRAPPER.get() else {
        return Err(type_error("cmp_to_key() is not available").into());
    };
    cx.call(k, vec![mycmp])
}

/// `functools.partial`, the type: calling it makes a partial; `isinstance` and
/// `type()` know its objects.
pub fn partial_type() -> &'static Arc<crate::objects::types::PyType> {
    static T: OnceLock<Arc<crate::objects::types::PyType>> = OnceLock::new();
    T.get_or_init(|| {
        let t = crate::objects::types::PyType::builtin(
            "partial",
            "functools",
            Some(&crate::objects::types::types().object),
            crate::objects::types::Kind::Iterator,
            Some(partial),
        );
        // What an instance of a subclass finds (`__reduce__` names its class).
        crate::objects::gil::with_gil(|gil| {
            let mut d = t.dict.borrow_mut(gil);
            for m in PARTIAL_METHODS {
                let _ = d.insert(Value::str(m.name), Value::Native(m));
            }
        });
        crate::objects::methods::register_instance_methods(PARTIAL_METHODS);
        Arc::new(t)
    })
}

/// `reduce(function, iterable[, initial])`.
fn reduce(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("reduce", 2, 3)?;
    let it = cx
        .iter(args.at(1))
        .map_err(|_| type_error("reduce() arg 2 must support iteration"))?;
    let mut acc = args.get(2).cloned();
    while let Some(v) = cx.next(&it)? {
        acc = Some(match acc {
            None => v,
            Some(a) => cx.call(args.at(0), vec![a, v])?,
        });
    }
    acc.ok_or_else(|| type_error("reduce() of empty iterable with no initial value").into())
}

/// `functools.partial(func, *args, **keywords)`.
struct Partial {
    state: GilCell<PartialState>,
}

struct PartialState {
    func: Value,
    args: Vec<Value>,
    /// A dict, shared with `p.keywords` as in CPython.
    keywords: Value,
    /// Its attribute dict (`p.attr = 1`; pickled with it), made on first use.
    dict: Option<Value>,
}

static PARTIAL_METHODS: &[NativeDef] = crate::objects::methods::natives![
    "__reduce__" => partial_reduce, "__setstate__" => partial_setstate,
];

impl NativeObject for Partial {
    fn type_name(&self) -> &'static str {
        "functools.partial"
    }

    fn py_type(&self) -> Option<Arc<crate::objects::types::PyType>> {
        Some(partial_type().clone())
    }

    fn repr(&self, gil: Gil<'_>) -> Result<String, PyErr> {
        let (func, args, keywords) = {
            let st = self.state.borrow(gil);
            (st.func.clone(), st.args.clone(), st.keywords.clone())
        };
        let mut parts = vec![repr(gil, &func)?];
        for a in &args {
            parts.push(repr(gil, a)?);
        }
        if let Value::Dict(d) = &keywords {
            let items: Vec<(Value, Value)> = d
                .borrow(gil)
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            for (k, v) in items {
                let key = crate::objects::repr::str_of(gil, &k)?;
                parts.push(format!("{key}={}", repr(gil, &v)?));
            }
        }
        Ok(format!("functools.partial({})", parts.join(", ")))
    }

    fn getattr(&self, gil: Gil<'_>, name: &str) -> Option<Value> {
        if let Some(m) = PARTIAL_METHODS.iter().find(|m| m.name == name) {
            return Some(Value::Native(m));
        }
        let mut st = self.state.borrow_mut(gil);
        match name {
            "func" => Some(st.func.clone()),
            "args" => Some(Value::tuple(st.args.clone())),
            "keywords" => Some(st.keywords.clone()),
            "__dict__" => Some(
                st.dict
                    .get_or_insert_with(|| Value::dict(Dict::new()))
                    .clone(),
            ),
            _ => match &st.dict {
                Some(Value::Dict(d)) => d.borrow(gil).get_str(&PyStr::new(name.to_owned())),
                _ => None,
            },
        }
    }

    fn setattr(&self, gil: Gil<'_>, name: &str, v: Option<&Value>) -> Option<Result<(), PyErr>> {
        if matches!(name, "func" | "args" | "keywords") {
            return Some(Err(attribute_error("readonly attribute")));
        }
        let mut st = self.state.borrow_mut(gil);
        if name == "__dict__" {
            return Some(match v {
                Some(d @ Value::Dict(_)) => {
                    st.dict = Some(d.clone());
                    Ok(())
                }
                Some(other) => Err(type_error(format!(
                    "__dict__ must be set to a dictionary, not a '{}'",
                    crate::objects::types::type_name(other)
                ))),
                None => Err(type_error("cannot delete __dict__")),
            });
        }
        let d = st
            .dict
            .get_or_insert_with(|| Value::dict(Dict::new()))
            .clone();
        drop(st);
        let Value::Dict(d) = d else {
            return None;
        };
        let key = Value::str(name);
        Some(match v {
            Some(v) => d.borrow_mut(gil).insert(key, v.clone()).map(|_| ()),
            None => match d.borrow_mut(gil).remove(&key) {
                Ok(Some(_)) => Ok(()),
                Ok(None) => Err(attribute_error(format!(
                    "'functools.partial' object has no attribute '{name}'"
                ))),
                Err(e) => Err(e),
            },
        })
    }

    fn callable(&self) -> bool {
        true
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn gc_container(&self) -> bool {
        true
    }

    fn gc_traverse(&self, gil: Gil<'_>, visit: &mut dyn FnMut(&Value)) {
        if let Some(st) = self.state.try_borrow(gil) {
            visit(&st.func);
            st.args.iter().for_each(&mut *visit);
            visit(&st.keywords);
            if let Some(d) = &st.dict {
                visit(d);
            }
        }
    }

    fn gc_clear(&self, gil: Gil<'_>) {
        if let Some(mut st) = self.state.try_borrow_mut(gil) {
            st.args.clear();
            st.dict = None;
            st.func = Value::None;
            st.keywords = Value::None;
        }
    }

    fn call(&self, gil: Gil<'_>, args: Args) -> Option<Result<Forward, PyErr>> {
        let st = self.state.borrow(gil);
        let mut pos = st.args.clone();
        pos.extend(args.pos);
        let mut kw: Vec<(String, Value)> = Vec::new();
        if let Value::Dict(d) = &st.keywords {
            for (k, v) in d.borrow(gil).iter() {
                kw.push((k.as_str().unwrap_or("").to_owned(), v.clone()));
            }
        }
        for (k, v) in args.kw {
            match kw.iter_mut().find(|(name, _)| *name == k) {
                Some(slot) => slot.1 = v,
                None => kw.push((k, v)),
            }
        }
        Some(Ok(Forward::Call(
            st.func.clone(),
            Args {
                pos: pos.into_iter().collect(),
                kw,
            },
        )))
    }
}

fn partial_of<'a>(v: &'a Value, name: &str) -> Result<&'a Partial, PyErr> {
    // (An instance of a subclass carries its partial.)
    match crate::objects::class::payload(v).unwrap_or(v) {
        Value::Object(o) => o.0.as_any().downcast_ref::<Partial>(),
        _ => None,
    }
    .ok_or_else(|| {
        type_error(format!(
            "descriptor '{name}' for 'functools.partial' objects doesn't apply to a '{}' object",
            crate::objects::types::type_name(v)
        ))
    })
}

/// `p.__reduce__()`: `(partial, (func,), (func, args, keywords, __dict__ or None))`,
/// as CPython's (so either interpreter loads the other's pickles).
fn partial_reduce(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__reduce__", 0, 0)?;
    let p = partial_of(args.at(0), "__reduce__")?;
    let st = p.state.borrow(cx.gil);
    // An instance of a subclass: its class, and its own attribute dict.
    let (cls, dict) = match args.at(0) {
        Value::Instance(i) => (i.class().clone(), Some(Value::Dict(i.dict.clone()))),
        _ => (partial_type().clone(), st.dict.clone()),
    };
    let dict = match dict {
        Some(Value::Dict(d)) if !d.borrow(cx.gil).is_empty() => Value::Dict(d),
        _ => Value::None,
    };
    Ok(Value::tuple(vec![
        Value::Type(cls),
        Value::tuple(vec![st.func.clone()]),
        Value::tuple(vec![
            st.func.clone(),
            Value::tuple(st.args.clone()),
            st.keywords.clone(),
            dict,
        ]),
    ]))
}

/// `p.__setstate__((func, args, keywords, dict))`, CPython's checks and message.
fn partial_setstate(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__setstate__", 1, 1)?;
    let p = partial_of(args.at(0), "__setstate__")?;
    let invalid = || type_error("invalid partial state");
    let Value::Tuple(t) = args.at(1) else {
        return Err(invalid().into());
    };
    if t.len() != 4 {
        return Err(invalid().into());
    }
    let (func, fargs, kw, dict) = (&t[0], &t[1], &t[2], &t[3]);
    if !super::builtins::callable_value(cx.gil, func) {
        return Err(invalid().into());
    }
    let fargs = match crate::objects::class::payload(fargs).unwrap_or(fargs) {
        Value::Tuple(a) => a.to_vec(),
        _ => return Err(invalid().into()),
    };
    let keywords = match kw {
        Value::None => Value::dict(Dict::new()),
        Value::Dict(d) => Value::Dict(d.clone()),
        _ => return Err(invalid().into()),
    };
    let dict = match dict {
        Value::None => None,
        d @ Value::Dict(_) => Some(d.clone()),
        _ => return Err(invalid().into()),
    };
    // An instance of a subclass keeps its attributes in its own dict: replaced.
    let dict = match (args.at(0), dict) {
        (Value::Instance(i), d) => {
            let items: Vec<(Value, Value)> = match &d {
                Some(Value::Dict(d)) => d
                    .borrow(cx.gil)
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
                _ => Vec::new(),
            };
            let mut own = i.dict.borrow_mut(cx.gil);
            own.clear();
            for (k, v) in items {
                own.insert(k, v)?;
            }
            None
        }
        (_, d) => d,
    };
    let mut st = p.state.borrow_mut(cx.gil);
    *st = PartialState {
        func: func.clone(),
        args: fargs,
        keywords,
        dict,
    };
    Ok(Value::None)
}

fn partial(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let Some(func) = args.pos.first().cloned() else {
        return Err(type_error("type 'partial' takes at least one argument").into());
    };
    if !super::builtins::callable_value(cx.gil, &func) {
        return Err(type_error("the first argument must be callable").into());
    }
    let gil = cx.gil;
    let mut keywords = Dict::new();
    let mut func = func;
    let mut pos: Vec<Value> = Vec::new();
    // A partial of a partial is flattened, as CPython does, unless the inner one
    // has an attribute dict.
    if let Value::Object(o) = &func {
        let plain =
            o.0.as_any()
                .downcast_ref::<Partial>()
                .is_some_and(|p| p.state.borrow(gil).dict.is_none());
        if let Some(inner) = o.0.getattr(gil, "func").filter(|_| plain) {
            if let Some(Value::Tuple(a)) = o.0.getattr(gil, "args") {
                pos.extend(a.iter().cloned());
            }
            if let Some(Value::Dict(d)) = o.0.getattr(gil, "keywords") {
                for (k, v) in d.borrow(gil).iter() {
                    keywords.insert(k.clone(), v.clone())?;
                }
            }
            func = inner;
        }
    }
    pos.extend(args.pos.into_iter().skip(1));
    for (k, v) in args.kw {
        keywords.insert(Value::string(k), v)?;
    }
    Ok(Value::Object(Arc::new(Object(Box::new(Partial {
        state: GilCell::new(PartialState {
            func,
            args: pos,
            keywords: Value::dict(keywords),
            dict: None,
        }),
    })))))
}
