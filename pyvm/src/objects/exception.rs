//! Exception instances, `PyErr`, and the one family of constructors whose messages
//! match CPython's.

use crate::objects::rc::Arc;
use crate::objects::value::PyBool;

use super::gil::{Gil, GilCell};
use super::types::{types, PyType};
use super::value::Value;

/// One line of a traceback: where a frame was when the exception passed through it.
#[derive(Clone)]
pub struct TbEntry {
    /// The frame's code and globals (`tb_frame`'s `f_code`, `f_globals`).
    pub code: Arc<crate::compile::code::Code>,
    pub globals: Arc<GilCell<super::dict::Dict>>,
    /// The instruction's index in the code (`tb_lasti` is twice it, as CPython's
    /// byte offset of two-byte code units).
    pub lasti: u32,
    pub filename: std::sync::Arc<str>,
    pub name: std::sync::Arc<str>,
    pub line: u32,
    pub end_line: u32,
    /// Columns in characters (0-based), `col_end` exclusive.
    pub col: u32,
    pub col_end: u32,
    /// Operator columns for `~~^~~` carets (0: none); see `compile::code::Pos`.
    pub anchor_lo: u32,
    pub anchor_hi: u32,
}

/// The mutable part of an exception.
#[derive(Default)]
pub struct ExcState {
    /// Innermost frame last (appended as the exception unwinds outwards).
    pub traceback: Vec<TbEntry>,
    pub context: Option<Value>,
    pub cause: Option<Value>,
    pub suppress_context: bool,
    /// The traceback object last handed out (`__traceback__`, `sys.exc_info()`) and
    /// how long the traceback was then: while it lives and the traceback has not
    /// grown, the same object is handed out again, so `sys.exc_info()[2] is
    /// e.__traceback__` holds. Weak: the object refers to the exception.
    pub tb_obj: Option<(usize, crate::objects::rc::Weak<super::object::Object>)>,
}

/// An exception instance.
pub struct ExcObj {
    pub typ: Arc<PyType>,
    /// `args`: set when the instance is made, and again by `BaseException.__init__`.
    pub args: GilCell<Vec<Value>>,
    /// The values of the type's member slots (`OSError.errno`,
    /// `AttributeError.name`, `ImportError.path`, ...: see [`members`]), set when the
    /// instance is made or assigned later; a member not here reads as `None`. Empty
    /// for most exceptions.
    pub attrs: GilCell<Vec<(&'static str, Value)>>,
    pub state: GilCell<ExcState>,
    /// Attributes set by Python code (`e.errno = 5`, `self.code = code`).
    pub dict: Arc<GilCell<super::dict::Dict>>,
    /// Its place in the cycle collector's registry (`objects::gc`).
    pub gc: super::gc::GcSlot,
}

impl ExcObj {
    /// A copy of `args`.
    pub fn args(&self, gil: Gil<'_>) -> Vec<Value> {
        self.args.borrow(gil).clone()
    }

    /// The first argument, if any.
    pub fn arg0(&self, gil: Gil<'_>) -> Option<Value> {
        self.args.borrow(gil).first().cloned()
    }

    /// Member `name`, if it has been set.
    pub fn attr(&self, gil: Gil<'_>, name: &str) -> Option<Value> {
        let attrs = self.attrs.borrow(gil);
        attrs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    }

    /// Set member `name` (`None`: unset it, as `del` does).
    pub fn set_member(&self, gil: Gil<'_>, name: &'static str, v: Option<Value>) {
        let mut attrs = self.attrs.borrow_mut(gil);
        let at = attrs.iter().position(|(k, _)| *k == name);
        match (at, v) {
            (Some(i), Some(v)) => attrs[i].1 = v,
            (None, Some(v)) => attrs.push((name, v)),
            (Some(i), None) => drop(attrs.remove(i)),
            (None, None) => {}
        }
    }
}

/// The member slots of exception type `typ` beyond `BaseException`'s (CPython's
/// `PyMemberDef`s of `ImportError`, `AttributeError`, ...): values kept in
/// `ExcObj::attrs`, `None` while unset.
/// A `SyntaxError`'s members: the message, then the six fields its `details` tuple
/// gives in order (`SyntaxError(msg, (filename, lineno, ...))`), then one more.
const SYNTAX_MEMBERS: &[&str] = &[
    "msg",
    "filename",
    "lineno",
    "offset",
    "text",
    "end_lineno",
    "end_offset",
    "print_file_and_line",
];

pub fn members(typ: &PyType) -> &'static [&'static str] {
    let exc = &types().exc;
    if typ.is_subtype(&exc.attribute_error) {
        &["name", "obj"]
    } else if typ.is_subtype(&exc.name_error) {
        &["name"]
    } else if typ.is_subtype(&exc.import_error) {
        &["msg", "name", "path"]
    } else if typ.is_subtype(&exc.os_error) {
        &["errno", "strerror", "filename", "filename2"]
    } else if typ.is_subtype(&exc.syntax_error) {
        SYNTAX_MEMBERS
    } else if typ.is_subtype(&exc.stop_iteration) {
        &["value"]
    } else if typ.is_subtype(&exc.system_exit) {
        &["code"]
    } else {
        &[]
    }
}

/// The keyword arguments of `typ(...)` and `typ.__init__(...)` for the types that
/// take some (`AttributeError(msg, name=..., obj=...)`, `NameError(name=...)`,
/// `ImportError(msg, name=..., path=...)`), set on `e` as CPython's `__init__` of
/// the type sets them (a member not given is unset; `ImportError.msg` is the sole
/// argument). `e.args` must already be set; `called`: the type called (an
/// `OSError(2, ...)` is made a `FileNotFoundError`), which the error names.
pub fn init_members(
    gil: Gil<'_>,
    e: &ExcObj,
    called: &PyType,
    kw: &[(String, Value)],
) -> Result<(), PyErr> {
    let exc = &types().exc;
    let (owner, names): (&str, &[&'static str]) = if e.typ.is_subtype(&exc.attribute_error) {
        ("AttributeError", &["name", "obj"])
    } else if e.typ.is_subtype(&exc.name_error) {
        ("NameError", &["name"])
    } else if e.typ.is_subtype(&exc.import_error) {
        ("ImportError", &["name", "path"])
    } else {
        if !kw.is_empty() {
            return Err(type_error(format!(
                "{}() takes no keyword arguments",
                called.name
            )));
        }
        if e.typ.is_subtype(&exc.syntax_error) {
            return init_syntax_error(gil, e);
        }
        return Ok(());
    };
    for (k, _) in kw {
        if !names.contains(&k.as_str()) {
            return Err(type_error(format!(
                "'{k}' is an invalid keyword argument for {owner}()"
            )));
        }
    }
    for name in names {
        let v = kw
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone());
        e.set_member(gil, name, v);
    }
    if owner == "ImportError" {
        let args = e.args.borrow(gil);
        let msg = (args.len() == 1).then(|| args[0].clone());
        drop(args);
        e.set_member(gil, "msg", msg);
    }
    Ok(())
}

/// CPython's `SyntaxError_init`: `SyntaxError(msg, (filename, lineno, offset,
/// text[, end_lineno, end_offset]))` sets those members; `msg` from a first argument.
fn init_syntax_error(gil: Gil<'_>, e: &ExcObj) -> Result<(), PyErr> {
    let args = e.args(gil);
    if let Some(m) = args.first() {
        e.set_member(gil, "msg", Some(m.clone()));
    }
    if args.len() != 2 {
        return Ok(());
    }
    let info: Vec<Value> = match &args[1] {
        Value::Tuple(t) => t.iter().cloned().collect(),
        Value::List(l) => l.borrow(gil).clone(),
        other => {
            return Err(type_error(format!(
                "'{}' object is not iterable",
                crate::objects::types::type_name(other)
            )))
        }
    };
    match info.len() {
        n @ 0..=3 => {
            return Err(type_error(format!(
                "function takes at least 4 arguments ({n} given)"
            )))
        }
        n @ 7.. => {
            return Err(type_error(format!(
                "function takes at most 6 arguments ({n} given)"
            )))
        }
        _ => {}
    }
    let names = &SYNTAX_MEMBERS[1..7];
    let given = info.len();
    for (name, v) in names.iter().zip(info) {
        e.set_member(gil, name, Some(v));
    }
    if given == 5 {
        return Err(type_error(
            "end_offset must be provided when end_lineno is provided",
        ));
    }
    Ok(())
}

/// CPython's `set_attribute_error_context`: an `AttributeError` that leaves a
/// lookup of `obj.name` without a name and object of its own gets these, so its
/// report can suggest a near name. Only on the failing path.
#[cold]
pub fn attr_error_context(gil: Gil<'_>, err: PyErr, obj: &Value, name: &str) -> PyErr {
    let e = &err.0;
    if e.typ.is_subtype(&types().exc.attribute_error) {
        let attrs = e.attrs.borrow(gil);
        let bare = !attrs.iter().any(|(k, _)| matches!(*k, "name" | "obj"));
        drop(attrs);
        if bare {
            e.set_member(gil, "name", Some(Value::str(name)));
            e.set_member(gil, "obj", Some(obj.clone()));
        }
    }
    err
}

/// A raised Python exception (always an exception instance).
#[derive(Clone)]
pub struct PyErr(pub Arc<ExcObj>);

impl std::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.typ.name)
    }
}

impl PyErr {
    /// `typ(*args)`. An `OSError` is built as CPython builds it (see `os_error.rs`):
    /// `OSError(2, 'msg')` is a `FileNotFoundError` with `errno` 2.
    pub fn new(typ: &Arc<PyType>, args: Vec<Value>) -> PyErr {
        if typ.is_subtype(&types().exc.os_error) {
            let (typ, args, attrs) = super::os_error::build(typ, args);
            return PyErr::with_attrs(&typ, args, attrs);
        }
        if let Some(d) = super::unicode_error::dict_for(typ, &args) {
            return PyErr(super::gc::exception(ExcObj {
                typ: typ.clone(),
                args: GilCell::new(args),
                attrs: GilCell::new(Vec::new()),
                state: GilCell::new(ExcState::default()),
                dict: Arc::new(GilCell::new(d)),
                gc: Default::default(),
            }));
        }
        PyErr::with_attrs(typ, args, Vec::new())
    }

    /// An instance with `attrs` set beside its `args`.
    pub fn with_attrs(
        typ: &Arc<PyType>,
        args: Vec<Value>,
        attrs: Vec<(&'static str, Value)>,
    ) -> PyErr {
        PyErr(super::gc::exception(ExcObj {
            typ: typ.clone(),
            args: GilCell::new(args),
            attrs: GilCell::new(attrs),
            state: GilCell::new(ExcState::default()),
            dict: Arc::new(GilCell::new(super::dict::Dict::new())),
            gc: Default::default(),
        }))
    }

    pub fn msg(typ: &Arc<PyType>, msg: impl Into<String>) -> PyErr {
        PyErr::new(typ, vec![Value::string(msg.into())])
    }

    pub fn value(&self) -> Value {
        Value::Exception(self.0.clone())
    }

    pub fn is_instance(&self, typ: &PyType) -> bool {
        self.0.typ.is_subtype(typ)
    }

    pub fn add_traceback(&self, gil: Gil<'_>, entry: TbEntry) {
        self.0.state.borrow_mut(gil).traceback.push(entry);
    }
}

macro_rules! ctors {
    ($( $fn:ident => $field:ident ),* $(,)?) => {
        $(
            #[doc = concat!("A new `", stringify!($field), "` with message `msg`.")]
            pub fn $fn(msg: impl Into<String>) -> PyErr {
                PyErr::msg(&types().exc.$field, msg)
            }
        )*
    };
}

ctors! {
    type_error => type_error,
    value_error => value_error,
    index_error => index_error,
    name_error => name_error,
    attribute_error => attribute_error,
    zero_division => zero_division_error,
    overflow_error => overflow_error,
    runtime_error => runtime_error,
    recursion_error => recursion_error,
    unbound_local => unbound_local_error,
    import_error => import_error,
    module_not_found => module_not_found_error,
    os_error => os_error,
    eof_error => eof_error,
    assertion_error => assertion_error,
    not_implemented => not_implemented_error,
    system_error => system_error,
    unicode_decode_error => unicode_decode_error,
}

/// `MemoryError()` (no message, as CPython's `PyErr_NoMemory`).
pub fn memory_error() -> PyErr {
    PyErr::new(&types().exc.memory_error, vec![])
}

/// `KeyError(key)`: the key itself is the argument (its repr is printed).
pub fn key_error(key: Value) -> PyErr {
    PyErr::new(&types().exc.key_error, vec![key])
}

pub fn stop_iteration() -> PyErr {
    PyErr::new(&types().exc.stop_iteration, vec![])
}

pub fn division_by_zero() -> PyErr {
    zero_division("division by zero")
}

/// `NameError: name 'x' is not defined`, with its `name`.
pub fn name_not_defined(name: &str) -> PyErr {
    PyErr::with_attrs(
        &types().exc.name_error,
        vec![Value::string(format!("name '{name}' is not defined"))],
        vec![("name", Value::str(name))],
    )
}

pub fn unsupported_operand(op: &str, a: &Value, b: &Value) -> PyErr {
    use super::types::type_name;
    type_error(format!(
        "unsupported operand type(s) for {op}: '{}' and '{}'",
        type_name(a),
        type_name(b)
    ))
}

/// `AttributeError: 'T' object has no attribute 'name'` (as CPython words it for a
/// module, a class, an instance), with its `name` and `obj`.
pub fn no_attribute(v: &Value, name: &str) -> PyErr {
    PyErr::with_attrs(
        &types().exc.attribute_error,
        vec![Value::string(no_attribute_msg(v, name))],
        vec![("name", Value::str(name)), ("obj", v.clone())],
    )
}

fn no_attribute_msg(v: &Value, name: &str) -> String {
    match v {
        Value::Module(m) => format!("module '{}' has no attribute '{name}'", m.name),
        Value::Type(t) => format!("type object '{}' has no attribute '{name}'", t.name),
        // A class of pyvm's frozen modules standing for a C type (`_pyvm_c_type`
        // in its body: `_io.StringIO`) is named as CPython names the type.
        Value::Instance(i)
            if super::gil::with_gil(|gil| {
                i.class()
                    .dict
                    .borrow(gil)
                    .get_str(&super::str::PyStr::new("_pyvm_c_type".to_owned()))
                    .is_some()
            }) =>
        {
            format!(
                "'{}' object has no attribute '{name}'",
                i.class().qualified_name()
            )
        }
        _ => format!(
            "'{}' object has no attribute '{name}'",
            super::types::type_name(v)
        ),
    }
}

/// `e.name = v` (`del e.name` when `v` is `None`) on an exception: `args` and the
/// chaining attributes are special, anything else goes to the instance dict.
pub fn set_attr(gil: Gil<'_>, e: &ExcObj, name: &str, v: Option<Value>) -> Result<(), PyErr> {
    match (name, v) {
        ("args", Some(v)) => {
            let items = match &v {
                Value::Tuple(t) => t.to_vec(),
                Value::List(l) => l.borrow(gil).clone(),
                _ => vec![v.clone()],
            };
            *e.args.borrow_mut(gil) = items;
        }
        ("__cause__" | "__context__", Some(v))
            if !matches!(v, Value::None | Value::Exception(_)) =>
        {
            return Err(type_error(format!(
                "exception {} must be None or derive from BaseException",
                if name == "__cause__" {
                    "cause"
                } else {
                    "context"
                }
            )));
        }
        ("__cause__", Some(v)) => {
            let mut st = e.state.borrow_mut(gil);
            st.cause = (!v.is(&Value::None)).then_some(v);
            st.suppress_context = true;
        }
        ("__context__", Some(v)) => {
            e.state.borrow_mut(gil).context = (!v.is(&Value::None)).then_some(v);
        }
        ("__suppress_context__", Some(v)) => {
            e.state.borrow_mut(gil).suppress_context = matches!(v, Value::Bool(PyBool::True));
        }
        ("__traceback__", Some(v)) => {
            let entries = match &v {
                Value::None => Vec::new(),
                tb => crate::native::traceback_entries(gil, tb)
                    .ok_or_else(|| type_error("__traceback__ must be a traceback or None"))?,
            };
            let mut st = e.state.borrow_mut(gil);
            let len = entries.len();
            st.traceback = entries;
            // The object given is what `e.__traceback__` gives back.
            st.tb_obj = match &v {
                Value::Object(o) if len > 0 => Some((len, Arc::downgrade(o))),
                _ => None,
            };
        }
        (name, v) if members(&e.typ).contains(&name) => {
            let name = members(&e.typ).iter().find(|m| **m == name);
            e.set_member(gil, name.copied().unwrap_or("name"), v);
        }
        (name, v) => {
            let k = super::str::intern(name);
            let mut d = e.dict.borrow_mut(gil);
            match v {
                Some(v) => d.insert(k, v)?,
                None => {
                    if d.remove(&k)?.is_none() {
                        return Err(attribute_error(name.to_owned()));
                    }
                }
            }
        }
    }
    Ok(())
}
