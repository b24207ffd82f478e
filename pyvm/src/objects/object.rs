//! Objects a built-in module defines that are not iterators (those are
//! `iter::NativeIter`): `functools.partial`. A value holds one as
//! `Value::Object(Arc<Object>)`; the VM reaches its attributes, repr and call
//! through [`NativeObject`].

use super::exception::PyErr;
use super::gil::Gil;
use super::value::Value;
use crate::native::{Args, Forward};

pub trait NativeObject: Send + Sync {
    /// CPython's `tp_name` (`functools.partial`).
    fn type_name(&self) -> &'static str;
    fn repr(&self, gil: Gil<'_>) -> Result<String, PyErr>;
    /// A readable attribute, or `None` (then `AttributeError`).
    fn getattr(&self, gil: Gil<'_>, name: &str) -> Option<Value>;
    /// Whether calling it is allowed (`callable()`); most native objects are not.
    fn callable(&self) -> bool {
        false
    }
    /// The Python type of the object, when its module defines one (`socket.socket`,
    /// for `type()` and `isinstance`); `None`: a type named after `type_name`.
    fn py_type(&self) -> Option<crate::objects::rc::Arc<super::types::PyType>> {
        None
    }
    /// For the module that defines it to recognise its own objects.
    fn as_any(&self) -> &dyn std::any::Any;
    /// Calling it, if it is callable (`None`: not callable).
    fn call(&self, gil: Gil<'_>, args: Args) -> Option<Result<Forward, PyErr>> {
        let _ = (gil, args);
        None
    }
    /// One step, if it is an iterator (`None`: not an iterator); `Ok(None)` at the
    /// end. It may defer (a micro_pipe read).
    fn next(
        &self,
        cx: &mut crate::native::Cx<'_, '_>,
    ) -> Option<crate::native::PyResult<Option<Value>>> {
        let _ = cx;
        None
    }
    /// `obj.name = v` (`None`: `del obj.name`) for a writable attribute; `None`: the
    /// attribute is not writable (then `AttributeError`).
    fn setattr(&self, gil: Gil<'_>, name: &str, v: Option<&Value>) -> Option<Result<(), PyErr>> {
        let _ = (gil, name, v);
        None
    }
    /// Is it its own iterator (`iter(x) is x`: it has `next`)?
    fn self_iter(&self) -> bool {
        false
    }
    /// `obj[key]`, if it is subscriptable (`None`: not subscriptable).
    fn getitem(&self, gil: Gil<'_>, key: &Value) -> Option<Result<Value, PyErr>> {
        let _ = (gil, key);
        None
    }
    /// `obj[key] = v`, if it supports item assignment (`None`: it does not).
    fn setitem(&self, gil: Gil<'_>, key: &Value, v: Value) -> Option<Result<(), PyErr>> {
        let _ = (gil, key, v);
        None
    }
    /// `del obj[key]`, if it supports item deletion (`None`: it does not).
    fn delitem(&self, gil: Gil<'_>, key: &Value) -> Option<Result<(), PyErr>> {
        let _ = (gil, key);
        None
    }
    /// `this <op> other` (`reflected`: `other <op> this`) for a binary operator
    /// (`"+"`, `"*"`; in-place ones end in `=`: `"+="`). `this` is the value holding
    /// `self` (an in-place operator returns it). `None`: NotImplemented.
    fn binop(
        &self,
        gil: Gil<'_>,
        this: &Value,
        op: &str,
        other: &Value,
        reflected: bool,
    ) -> Option<Result<Value, PyErr>> {
        let _ = (gil, this, op, other, reflected);
        None
    }
    /// Rich comparison `self <op> other` with any value (`None`: NotImplemented;
    /// then the VM tries the reflected one, and `==` falls back to identity).
    fn richcmp(
        &self,
        gil: Gil<'_>,
        op: super::compare::CmpOp,
        other: &Value,
    ) -> Option<Result<bool, PyErr>> {
        let _ = (gil, op, other);
        None
    }
    /// `iter(this)`, if it is iterable and not its own iterator (`None`: not iterable).
    fn iter(
        &self,
        gil: Gil<'_>,
        this: &Value,
    ) -> Option<Result<Box<dyn super::iter::NativeIter>, PyErr>> {
        let _ = (gil, this);
        None
    }
    /// `item in self` (`None`: by iteration, or not supported).
    fn contains(&self, gil: Gil<'_>, item: &Value) -> Option<Result<bool, PyErr>> {
        let _ = (gil, item);
        None
    }
    /// `self == other` when the type defines equality (`None`: identity).
    fn eq(&self, gil: Gil<'_>, other: &dyn NativeObject) -> Option<Result<bool, PyErr>> {
        let _ = (gil, other);
        None
    }
    /// The bytes of a bytes-like object (`memoryview`), else `None`.
    fn buffer(&self, gil: Gil<'_>) -> Option<Vec<u8>> {
        let _ = gil;
        None
    }
    /// Write `data` at byte `offset` of a writable buffer (`pack_into` into an
    /// array or a memoryview); `None`: not a writable buffer. The caller checked the
    /// bounds against `buffer()`.
    fn buffer_write(&self, gil: Gil<'_>, offset: usize, data: &[u8]) -> Option<Result<(), PyErr>> {
        let _ = (gil, offset, data);
        None
    }
    /// `len(self)`, if it has a length.
    fn len(&self, gil: Gil<'_>) -> Option<usize> {
        let _ = gil;
        None
    }
    /// `hash(self)` when the type defines it with its equality (`None`: identity).
    fn hash(&self) -> Option<Result<i64, PyErr>> {
        None
    }
    /// Whether the cycle collector looks inside it ([`Self::gc_traverse`]): a native
    /// container of Python values (`collections.deque`).
    fn gc_container(&self) -> bool {
        false
    }
    /// Visit each value it holds, once per handle it owns (never more: see the safety
    /// rule in `objects/gc.rs`); skip them all when they cannot be borrowed now.
    fn gc_traverse(&self, gil: Gil<'_>, visit: &mut dyn FnMut(&Value)) {
        let _ = (gil, visit);
    }
    /// Drop the values it holds (CPython's `tp_clear`), when it is garbage.
    fn gc_clear(&self, gil: Gil<'_>) {
        let _ = gil;
    }
}

/// The box a `Value::Object` points to (keeps `Value` at 16 bytes).
pub struct Object(pub Box<dyn NativeObject>);
