//! `tuple.__repr__`, `object.__init__`, `dict.__eq__`: a built-in type's special
//! method seen as an attribute of the type is a *slot wrapper* of that type, as in
//! CPython — one object per (type, method), so two types' `__repr__` are different
//! objects even where pyvm implements them with one native. Programs key tables on
//! them: `pprint` dispatches on `type(obj).__repr__`, and with one shared object a
//! tuple was printed by the bytearray printer.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::exception::PyErr;
use super::function::NativeDef;
use super::gil::{Gil, GilCell};
use super::object::{NativeObject, Object};
use super::rc::Arc;
use super::types::PyType;
use super::value::Value;
use crate::native::{Args, Forward};

/// A built-in type's special method, unbound (`<slot wrapper '__repr__' of 'tuple'
/// objects>`); calling it calls the native with the same arguments.
pub struct SlotWrapper {
    owner: Arc<PyType>,
    def: &'static NativeDef,
}

/// Is `name` a special method's name (`__x__`)?
pub fn is_special(name: &str) -> bool {
    name.len() > 4 && name.starts_with("__") && name.ends_with("__")
}

/// The slot wrapper of `def` as `owner`'s special method: the same object every time
/// (`C.__init__ is object.__init__` holds for a class that does not define it).
pub fn slot_wrapper(gil: Gil<'_>, owner: &Arc<PyType>, def: &'static NativeDef) -> Value {
    // Keyed by two addresses, hashed as addresses are (SipHash cost more than the
    // rest of `type(x).__repr__`, which `pprint` asks of every object it prints).
    type Table =
        HashMap<(usize, usize), Value, std::hash::BuildHasherDefault<super::hash::AddrHasher>>;
    static TABLE: OnceLock<GilCell<Table>> = OnceLock::new();
    let table = TABLE.get_or_init(|| GilCell::new(Table::default()));
    // The entry holds its owner (through the wrapper), so the address stays its own.
    let k = (
        Arc::as_ptr(owner) as usize,
        def as *const NativeDef as usize,
    );
    if let Some(v) = table.borrow(gil).get(&k) {
        return v.clone();
    }
    let v = Value::Object(Arc::new(Object(Box::new(SlotWrapper {
        owner: owner.clone(),
        def,
    }))));
    table.borrow_mut(gil).insert(k, v.clone());
    v
}

/// `wrapper.__get__(obj, type=None)`: the wrapped method bound to `obj`, or the
/// wrapper itself for `None` (a descriptor read through the class).
static WRAPPER_GET: NativeDef = NativeDef {
    name: "__get__",
    f: |_cx, args| {
        args.check("__get__", 2, 3)?;
        let wrapper = args.at(0);
        let def = match wrapper {
            Value::Object(o) => o.0.as_any().downcast_ref::<SlotWrapper>().map(|w| w.def),
            _ => None,
        };
        let Some(def) = def else {
            return Err(super::exception::type_error("__get__ needs a slot wrapper").into());
        };
        Ok(match args.at(1) {
            Value::None => wrapper.clone(),
            obj => Value::BoundNative(Arc::new((obj.clone(), def))),
        })
    },
    soft: None,
};

static WRAPPER_REDUCE: NativeDef = NativeDef {
    name: "__reduce__",
    f: |cx, args| {
        let w = match args.at(0) {
            Value::Object(o) => o.0.as_any().downcast_ref::<SlotWrapper>(),
            _ => None,
        };
        let Some(w) = w else {
            return Err(super::exception::type_error("__reduce__ needs a slot wrapper").into());
        };
        Ok(Value::tuple(vec![
            crate::native::builtin_function(cx.gil, "getattr"),
            Value::tuple(vec![Value::Type(w.owner.clone()), Value::str(w.def.name)]),
        ]))
    },
    soft: None,
};

impl SlotWrapper {
    /// CPython's check of the first argument of a container type's special method
    /// called through the type (`list.__init__({}, [])`): an instance of the type.
    /// (The other types' natives check what they take themselves.)
    fn check_self(&self, args: &Args) -> Result<(), PyErr> {
        use super::types::Kind;
        let (owner, name) = (&self.owner, self.def.name);
        let container = matches!(
            owner.kind,
            Kind::Str
                | Kind::Bytes
                | Kind::ByteArray
                | Kind::List
                | Kind::Tuple
                | Kind::Dict
                | Kind::Set
                | Kind::FrozenSet
        );
        if !container || owner.heap || matches!(name, "__new__" | "__class_getitem__") {
            return Ok(());
        }
        let Some(this) = args.pos.first() else {
            return Err(super::exception::type_error(format!(
                "descriptor '{name}' of '{}' object needs an argument",
                owner.name
            )));
        };
        if super::class::class_of(this).is_subtype(owner) {
            return Ok(());
        }
        let given = super::types::type_name(this);
        // The methods CPython defines as methods, not slots, say it the other way.
        let method = matches!(name, "__getitem__" | "__reversed__" | "__sizeof__")
            || (owner.kind == Kind::Dict && name == "__contains__");
        Err(super::exception::type_error(if method {
            format!(
                "descriptor '{name}' for '{}' objects doesn't apply to a '{given}' object",
                owner.name
            )
        } else {
            format!(
                "descriptor '{name}' requires a '{}' object but received a '{given}'",
                owner.name
            )
        }))
    }
}

impl NativeObject for SlotWrapper {
    fn type_name(&self) -> &'static str {
        "wrapper_descriptor"
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        // `int.__new__` is a built-in method bound to its type.
        if self.def.name == "__new__" {
            return Some(super::types::types().builtin.clone());
        }
        static T: OnceLock<Arc<PyType>> = OnceLock::new();
        Some(PyType::descriptor_type(&T, "wrapper_descriptor"))
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        if self.def.name == "__new__" {
            return Ok(format!(
                "<built-in method __new__ of type object at 0x{:x}>",
                Arc::as_ptr(&self.owner) as usize
            ));
        }
        Ok(format!(
            "<slot wrapper '{}' of '{}' objects>",
            self.def.name, self.owner.name
        ))
    }

    fn getattr(&self, gil: Gil<'_>, name: &str) -> Option<Value> {
        match name {
            "__name__" => Some(Value::str(self.def.name)),
            "__qualname__" => Some(Value::string(format!(
                "{}.{}",
                self.owner.name, self.def.name
            ))),
            "__objclass__" if self.def.name != "__new__" => Some(Value::Type(self.owner.clone())),
            "__self__" if self.def.name == "__new__" => Some(Value::Type(self.owner.clone())),
            "__doc__" => Some(
                super::docs::method_doc(&self.owner, self.def.name).map_or(Value::None, Value::str),
            ),
            "__text_signature__" => Some(
                super::docs::method_entry(super::docs::SIGS, &self.owner, self.def.name)
                    .map_or(Value::None, Value::str),
            ),
            // `object.__setattr__.__get__(obj)`: the method bound to `obj` (attrs
            // binds it once per class this way).
            "__get__" => Some(Value::BoundNative(Arc::new((
                slot_wrapper(gil, &self.owner, self.def),
                &WRAPPER_GET,
            )))),
            // `(getattr, (list, '__len__'))` (C's `wrapper_reduce`).
            "__reduce__" | "__reduce_ex__" => Some(Value::BoundNative(Arc::new((
                slot_wrapper(gil, &self.owner, self.def),
                &WRAPPER_REDUCE,
            )))),
            _ => None,
        }
    }

    fn callable(&self) -> bool {
        true
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn call(&self, _gil: Gil<'_>, args: Args) -> Option<Result<Forward, PyErr>> {
        if let Err(e) = self.check_self(&args) {
            return Some(Err(e));
        }
        Some(Ok(Forward::Call(Value::Native(self.def), args)))
    }
}
