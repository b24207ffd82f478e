//! `__slots__` names seen through the class: `C.x` is a `member_descriptor`
//! (`<member 'x' of 'C' objects>`) whose `__get__`, `__set__` and `__delete__` read,
//! write and delete the instance's slot. pyvm keeps slot values in the instance
//! dict (the class only limits which names it takes), so the descriptor is made
//! when `C.x` is read and works on that dict; instance attribute access never goes
//! through it.

use super::exception::{attribute_error, type_error, PyErr};
use super::function::NativeDef;
use super::gil::Gil;
use super::object::{NativeObject, Object};
use super::rc::Arc;
use super::str::PyStr;
use super::types::{type_name, PyType};
use super::value::Value;
use crate::native::{Args, Cx, PyResult};
use std::sync::OnceLock;

/// A slot `name` of class `owner`.
pub struct Member {
    owner: Arc<PyType>,
    name: String,
}

/// `C.__weakref__` for a class made by Python code whose instances take weak
/// references: the `getset_descriptor` of the class that gave them the slot (the
/// first one in the MRO, from `object` up, without `__slots__`). Reading it through an
/// instance gives `None` (pyvm keeps no list of an object's weak references there).
pub fn weakref_attr(cls: &Arc<PyType>) -> Option<Value> {
    let owner = std::iter::once(cls)
        .chain(cls.mro.iter())
        .rfind(|t| t.heap)
        .filter(|t| t.slots.is_none())?;
    Some(Value::Object(Arc::new(Object(Box::new(WeakrefAttr {
        owner: owner.clone(),
    })))))
}

struct WeakrefAttr {
    owner: Arc<PyType>,
}

static WEAKREF_GET: NativeDef = NativeDef {
    name: "__get__",
    f: |_cx, args| {
        args.check("__get__", 2, 3)?;
        Ok(match args.at(1) {
            Value::None => args.at(0).clone(),
            _ => Value::None,
        })
    },
    soft: None,
};

impl NativeObject for WeakrefAttr {
    fn type_name(&self) -> &'static str {
        "getset_descriptor"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<attribute '__weakref__' of '{}' objects>",
            self.owner.name
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        match name {
            "__name__" => Some(Value::str("__weakref__")),
            "__objclass__" => Some(Value::Type(self.owner.clone())),
            "__doc__" => Some(Value::str("list of weak references to the object")),
            "__get__" => Some(Value::BoundNative(Arc::new((
                Value::Object(Arc::new(Object(Box::new(WeakrefAttr {
                    owner: self.owner.clone(),
                })))),
                &WEAKREF_GET,
            )))),
            _ => None,
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The names class `t` itself declares in `__slots__` (not `__dict__` nor
/// `__weakref__`, which are no members).
pub fn declared_slots(gil: Gil<'_>, t: &PyType) -> Vec<String> {
    if !t.heap {
        return Vec::new();
    }
    let Some(decl) = t
        .dict
        .borrow(gil)
        .get_str(&PyStr::new("__slots__".to_owned()))
    else {
        return Vec::new();
    };
    let items = match &decl {
        Value::Str(_) => vec![decl.clone()],
        Value::Tuple(items) => items.to_vec(),
        Value::List(l) => l.borrow(gil).clone(),
        _ => Vec::new(),
    };
    items
        .iter()
        .filter_map(|v| v.as_str())
        .filter(|n| !matches!(*n, "__dict__" | "__weakref__"))
        .map(str::to_owned)
        .collect()
}

/// The class of `cls`'s MRO whose own `__slots__` declares `name`.
pub fn declaring_class(gil: Gil<'_>, cls: &Arc<PyType>, name: &str) -> Option<Arc<PyType>> {
    std::iter::once(cls)
        .chain(cls.mro.iter())
        .find(|t| declared_slots(gil, t).iter().any(|n| n == name))
        .cloned()
}

/// `C.name` for a slot `name` declared by `owner`.
///
/// The same object every time for one class and name (`C.x is C.x`, as CPython's
/// descriptor lives in the class dict): kept in a table holding its owner, so the
/// address stays the class's own.
pub fn member(gil: Gil<'_>, owner: Arc<PyType>, name: &str) -> Value {
    type Table = std::collections::HashMap<(usize, String), Value>;
    static TABLE: OnceLock<super::gil::GilCell<Table>> = OnceLock::new();
    let table = TABLE.get_or_init(|| super::gil::GilCell::new(Table::default()));
    let k = (Arc::as_ptr(&owner) as usize, name.to_owned());
    if let Some(v) = table.borrow(gil).get(&k) {
        return v.clone();
    }
    let v = Value::Object(Arc::new(Object(Box::new(Member {
        owner,
        name: name.to_owned(),
    }))));
    table.borrow_mut(gil).insert(k, v.clone());
    v
}

fn this(v: &Value) -> Result<&Member, PyErr> {
    match v {
        Value::Object(o) => o.0.as_any().downcast_ref::<Member>(),
        _ => None,
    }
    .ok_or_else(|| type_error("descriptor needs a member_descriptor"))
}

impl Member {
    /// The instance dict of `obj`, an instance of the owner (CPython's check).
    fn dict_of<'v>(
        &self,
        obj: &'v Value,
    ) -> Result<&'v Arc<super::gil::GilCell<super::dict::Dict>>, PyErr> {
        match obj {
            Value::Instance(i) if i.class().is_subtype(&self.owner) => Ok(&i.dict),
            _ => Err(type_error(format!(
                "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                self.name,
                self.owner.name,
                type_name(obj)
            ))),
        }
    }
}

static MEMBER_GET: NativeDef = NativeDef {
    name: "__get__",
    f: member_get,
    soft: None,
};
static MEMBER_SET: NativeDef = NativeDef {
    name: "__set__",
    f: member_set,
    soft: None,
};
static MEMBER_DELETE: NativeDef = NativeDef {
    name: "__delete__",
    f: member_delete,
    soft: None,
};

fn member_get(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("__get__", 2, 3)?;
    let m = this(args.at(0))?;
    if let Value::None = args.at(1) {
        if matches!(args.get(2), None | Some(Value::None)) {
            return Err(type_error("__get__(None, None) is invalid").into());
        }
        return Ok(args.at(0).clone());
    }
    let d = m.dict_of(args.at(1))?;
    let found = d.borrow(cx.gil).get_str(&PyStr::new(m.name.clone()));
    found.ok_or_else(|| {
        attribute_error(format!(
            "'{}' object has no attribute '{}'",
            type_name(args.at(1)),
            m.name
        ))
        .into()
    })
}

fn member_set(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("__set__", 3, 3)?;
    let m = this(args.at(0))?;
    let d = m.dict_of(args.at(1))?;
    d.borrow_mut(cx.gil)
        .insert(Value::str(&m.name), args.at(2).clone())?;
    Ok(Value::None)
}

fn member_delete(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("__delete__", 2, 2)?;
    let m = this(args.at(0))?;
    let d = m.dict_of(args.at(1))?;
    let gone = d.borrow_mut(cx.gil).remove(&Value::str(&m.name))?;
    match gone {
        Some(_) => Ok(Value::None),
        None => Err(attribute_error(m.name.clone()).into()),
    }
}

impl NativeObject for Member {
    fn type_name(&self) -> &'static str {
        "member_descriptor"
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        static T: OnceLock<Arc<PyType>> = OnceLock::new();
        Some(PyType::descriptor_type(&T, "member_descriptor"))
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<member '{}' of '{}' objects>",
            self.name, self.owner.name
        ))
    }

    fn getattr(&self, gil: Gil<'_>, name: &str) -> Option<Value> {
        let me = || member(gil, self.owner.clone(), &self.name);
        match name {
            "__name__" => Some(Value::str(&self.name)),
            "__qualname__" => Some(Value::string(format!(
                "{}.{}",
                self.owner.qualname, self.name
            ))),
            "__objclass__" => Some(Value::Type(self.owner.clone())),
            "__doc__" => Some(Value::None),
            "__get__" => Some(Value::BoundNative(Arc::new((me(), &MEMBER_GET)))),
            "__set__" => Some(Value::BoundNative(Arc::new((me(), &MEMBER_SET)))),
            "__delete__" => Some(Value::BoundNative(Arc::new((me(), &MEMBER_DELETE)))),
            _ => None,
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
