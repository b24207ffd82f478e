//! `_abc`: the C half of CPython's `abc` module (abstract base classes), which
//! `abc.ABCMeta` calls: `_abc_init` computes `__abstractmethods__` (and makes the
//! class refuse instances while it has any), `_abc_register` adds virtual subclasses,
//! `_abc_instancecheck` / `_abc_subclasscheck` answer `isinstance` / `issubclass`
//! with CPython's algorithm (the subclass hook, the MRO, the registry, the
//! subclasses), caching answers until a registration invalidates them.
//!
//! The registry and caches hold strong references (CPython's hold weak ones: a
//! class registered with an ABC lives as long as the ABC here).

use crate::objects::rc::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

use deferred::Unwind;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::object::{NativeObject, Object};
use crate::objects::types::{type_name, PyType};

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();
/// `get_cache_token()`: bumped by every registration.
static TOKEN: AtomicU64 = AtomicU64::new(0);

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "get_cache_token" => get_cache_token, "_abc_init" => abc_init,
    "_abc_register" => abc_register, "_abc_instancecheck" => abc_instancecheck,
    "_abc_subclasscheck" => abc_subclasscheck, "_get_dump" => get_dump,
    "_reset_registry" => reset_registry, "_reset_caches" => reset_caches,
];

/// The `_abc` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_abc", FUNCS);
        Arc::new(m)
    })
}

#[derive(Default)]
struct Data {
    registry: Vec<Arc<PyType>>,
    cache: Vec<Arc<PyType>>,
    negative: Vec<Arc<PyType>>,
    negative_version: u64,
}

/// What `cls._abc_impl` holds.
struct Impl(std::sync::Arc<Mutex<Data>>);

impl NativeObject for Impl {
    fn type_name(&self) -> &'static str {
        "_abc._abc_data"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<_abc._abc_data object at {:#x}>",
            std::sync::Arc::as_ptr(&self.0) as usize
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, _name: &str) -> Option<Value> {
        None
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn class_arg(v: &Value, what: &str) -> PyResult<Arc<PyType>> {
    match v {
        Value::Type(t) => Ok(t.clone()),
        other => Err(type_error(format!(
            "{what} must be a class, not '{}'",
            type_name(other)
        ))
        .into()),
    }
}

fn same(a: &Arc<PyType>, b: &Arc<PyType>) -> bool {
    Arc::ptr_eq(a, b)
}

/// `cls._abc_impl`.
fn data_of(cx: &mut Cx, cls: &Value) -> PyResult<std::sync::Arc<Mutex<Data>>> {
    let v = cx.getattr(cls, "_abc_impl")?;
    match &v {
        Value::Object(o) => o.0.as_any().downcast_ref::<Impl>().map(|i| i.0.clone()),
        _ => None,
    }
    .ok_or_else(|| type_error("_abc_impl is set to a wrong type").into())
}

fn lock(d: &Mutex<Data>) -> std::sync::MutexGuard<'_, Data> {
    d.lock().unwrap_or_else(|p| p.into_inner())
}

fn get_cache_token(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("get_cache_token", 0, 0)?;
    Ok(Value::Int(TOKEN.load(Ordering::Relaxed) as i64))
}

/// `getattr(v, "__isabstractmethod__", False)` is true.
fn is_abstract(cx: &mut Cx, v: &Value) -> PyResult<bool> {
    match cx.getattr(v, "__isabstractmethod__") {
        Ok(flag) => cx.truthy(&flag),
        Err(Unwind::Raise(e))
            if e.is_instance(&crate::objects::types::types().exc.attribute_error) =>
        {
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

/// CPython's `Py_TPFLAGS_SEQUENCE` (1 << 5) and `Py_TPFLAGS_MAPPING` (1 << 6) as a
/// [`PyType::collection`] flag.
fn collection_flag(bits: i64) -> u8 {
    if bits & (1 << 5) != 0 {
        crate::objects::types::COLLECTION_SEQUENCE
    } else if bits & (1 << 6) != 0 {
        crate::objects::types::COLLECTION_MAPPING
    } else {
        0
    }
}

fn set_collection_recursive(cx: &mut Cx, t: &Arc<PyType>, flag: u8) {
    if !t.heap || t.collection.load(Ordering::Relaxed) == flag {
        return;
    }
    t.collection.store(flag, Ordering::Relaxed);
    for s in &t.live_subclasses(cx.gil) {
        set_collection_recursive(cx, s, flag);
    }
}

/// `_abc_init(cls)`: `__abstractmethods__` and `_abc_impl`.
fn abc_init(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_abc_init", 1, 1)?;
    let cls_v = args.at(0).clone();
    let cls = class_arg(&cls_v, "_abc_init() argument")?;
    let mut abstracts: Vec<Value> = Vec::new();
    let own: Vec<(Value, Value)> = cls
        .dict
        .borrow(cx.gil)
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for (k, v) in own {
        if is_abstract(cx, &v)? {
            abstracts.push(k);
        }
    }
    for base in cls.bases.clone() {
        let inherited = match cx.getattr(&Value::Type(base), "__abstractmethods__") {
            Ok(v) => v,
            Err(_) => continue,
        };
        for name in cx.collect(&inherited)? {
            let Some(n) = name.as_str().map(str::to_owned) else {
                continue;
            };
            let value = match cx.getattr(&cls_v, &n) {
                Ok(v) => v,
                Err(_) => continue,
            };
            if is_abstract(cx, &value)? && !abstracts.iter().any(|a| a.as_str() == Some(&n)) {
                abstracts.push(name);
            }
        }
    }
    // `__abc_tpflags__` (`collections.abc.Sequence`, `Mapping`): the `match` flags
    // CPython keeps in `tp_flags`, taken out of the namespace.
    let tpflags = cls
        .dict
        .borrow(cx.gil)
        .get_str(&crate::objects::str::PyStr::new(
            "__abc_tpflags__".to_owned(),
        ));
    if let Some(Value::Int(bits)) = tpflags {
        let flag = collection_flag(bits);
        if flag != 0 {
            cls.collection.store(flag, Ordering::Relaxed);
        }
        cls.dict
            .borrow_mut(cx.gil)
            .remove(&Value::str("__abc_tpflags__"))?;
    }
    let any = !abstracts.is_empty();
    let set = crate::objects::set::Set::from_values(abstracts)?;
    cx.store_attr(
        &cls_v,
        "__abstractmethods__",
        Some(Value::FrozenSet(Arc::new(set))),
    )?;
    cls.abstract_.store(any, Ordering::Relaxed);
    let data = Data {
        negative_version: TOKEN.load(Ordering::Relaxed),
        ..Data::default()
    };
    let imp = Value::Object(Arc::new(Object(Box::new(Impl(std::sync::Arc::new(
        Mutex::new(data),
    ))))));
    cx.store_attr(&cls_v, "_abc_impl", Some(imp))?;
    Ok(Value::None)
}

fn issubclass(cx: &mut Cx, sub: &Value, cls: &Value) -> PyResult<bool> {
    let f = crate::modules::builtins_module()
        .get(cx.gil, "issubclass")
        .unwrap_or(Value::None);
    let r = cx.call(&f, vec![sub.clone(), cls.clone()])?;
    cx.truthy(&r)
}

/// `_abc_register(cls, subclass)`.
fn abc_register(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_abc_register", 2, 2)?;
    let (cls, sub) = (args.at(0).clone(), args.at(1).clone());
    let Value::Type(sub_t) = &sub else {
        return Err(type_error("Can only register classes").into());
    };
    if issubclass(cx, &sub, &cls)? {
        return Ok(sub); // Already a subclass.
    }
    // (Tested after "already a subclass": X.register(X) is a no-op.)
    if issubclass(cx, &cls, &sub)? {
        return Err(runtime_error("Refusing to create an inheritance cycle").into());
    }
    let data = data_of(cx, &cls)?;
    lock(&data).registry.push(sub_t.clone());
    // A registered class takes the ABC's `match` flag, as do its subclasses
    // (CPython's `set_collection_flag_recursive`; built-in types keep theirs).
    if let Value::Type(abc) = &cls {
        let flag = abc.collection.load(Ordering::Relaxed);
        if flag != 0 {
            set_collection_recursive(cx, sub_t, flag);
        }
    }
    TOKEN.fetch_add(1, Ordering::Relaxed);
    Ok(sub)
}

/// `_abc_instancecheck(cls, instance)`.
fn abc_instancecheck(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_abc_instancecheck", 2, 2)?;
    let (cls, inst) = (args.at(0).clone(), args.at(1).clone());
    let data = data_of(cx, &cls)?;
    let subclass = cx.getattr(&inst, "__class__")?;
    if let Value::Type(s) = &subclass {
        if lock(&data).cache.iter().any(|c| same(c, s)) {
            return Ok(Value::bool(true));
        }
    }
    let subtype = Value::Type(crate::objects::class::class_of(&inst));
    let check = |cx: &mut Cx, c: &Value| -> PyResult<bool> {
        let f = cx.getattr(&cls, "__subclasscheck__")?;
        let r = cx.call(&f, vec![c.clone()])?;
        cx.truthy(&r)
    };
    if subtype.is(&subclass) {
        if let Value::Type(s) = &subclass {
            let d = lock(&data);
            if d.negative_version == TOKEN.load(Ordering::Relaxed)
                && d.negative.iter().any(|c| same(c, s))
            {
                return Ok(Value::bool(false));
            }
        }
        return Ok(Value::bool(check(cx, &subclass)?));
    }
    Ok(Value::bool(check(cx, &subclass)? || check(cx, &subtype)?))
}

/// `_abc_subclasscheck(cls, subclass)`.
fn abc_subclasscheck(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_abc_subclasscheck", 2, 2)?;
    let (cls_v, sub_v) = (args.at(0).clone(), args.at(1).clone());
    let Value::Type(sub) = &sub_v else {
        return Err(type_error("issubclass() arg 1 must be a class").into());
    };
    let cls = class_arg(&cls_v, "_abc_subclasscheck() argument 1")?;
    let data = data_of(cx, &cls_v)?;
    {
        let mut d = lock(&data);
        if d.cache.iter().any(|c| same(c, sub)) {
            return Ok(Value::bool(true));
        }
        let now = TOKEN.load(Ordering::Relaxed);
        if d.negative_version < now {
            d.negative.clear();
            d.negative_version = now;
        } else if d.negative.iter().any(|c| same(c, sub)) {
            return Ok(Value::bool(false));
        }
    }
    let remember = |ok: bool| {
        let mut d = lock(&data);
        if ok {
            d.cache.push(sub.clone());
        } else {
            d.negative.push(sub.clone());
        }
        Ok(Value::bool(ok))
    };
    // The subclass hook.
    let hook = cx.getattr(&cls_v, "__subclasshook__")?;
    let ok = cx.call(&hook, vec![sub_v.clone()])?;
    if !matches!(ok, Value::NotImplemented) {
        return remember(cx.truthy(&ok)?);
    }
    // A direct subclass.
    if sub.is_subtype(&cls) {
        return remember(true);
    }
    // A subclass of a registered class.
    let registry = lock(&data).registry.clone();
    for r in registry {
        if issubclass(cx, &sub_v, &Value::Type(r))? {
            return remember(true);
        }
    }
    // A subclass of a subclass.
    let subs: Vec<Arc<PyType>> = cls
        .subclasses
        .borrow(cx.gil)
        .iter()
        .filter_map(|w| w.upgrade())
        .collect();
    for s in subs {
        if issubclass(cx, &sub_v, &Value::Type(s))? {
            return remember(true);
        }
    }
    remember(false)
}

/// `_get_dump(cls)`: (registry, cache, negative cache, negative cache version).
fn get_dump(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_get_dump", 1, 1)?;
    let data = data_of(cx, args.at(0))?;
    let d = lock(&data);
    let set = |v: &[Arc<PyType>]| -> PyResult<Value> {
        Ok(Value::set(crate::objects::set::Set::from_values(
            v.iter().cloned().map(Value::Type),
        )?))
    };
    Ok(Value::tuple(vec![
        set(&d.registry)?,
        set(&d.cache)?,
        set(&d.negative)?,
        Value::Int(d.negative_version as i64),
    ]))
}

fn reset_registry(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_reset_registry", 1, 1)?;
    let data = data_of(cx, args.at(0))?;
    lock(&data).registry.clear();
    Ok(Value::None)
}

fn reset_caches(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_reset_caches", 1, 1)?;
    let data = data_of(cx, args.at(0))?;
    let mut d = lock(&data);
    d.cache.clear();
    d.negative.clear();
    Ok(Value::None)
}
