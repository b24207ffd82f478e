//! `_pickle`: CPython's C pickler and unpickler (`Modules/_pickle.c`), which Lib's
//! `pickle.py` imports in place of its pure-Python classes. `pickler.rs` writes the
//! bytes CPython's C pickler writes (same opcodes, memo, batching, framing), and
//! `unpickler.rs` reads every protocol. `Pickler`, `Unpickler` and the exceptions
//! are Python classes (`pyvm/lib/_pickle_classes.py`) whose instances carry the
//! native state as their built-in value (`class::instance_with`), so programs can
//! subclass them and override `persistent_id`, `find_class`, ...
//!
//! Python code the engine calls (`__reduce_ex__`, `persistent_id`, the file's
//! `write`/`read`/`readline`) goes through `Cx::call`, so a wait inside it (a sleep,
//! a micro_pipe, a socket) suspends the pickling micro-thread and nothing else.

mod buffer;
mod pickler;
mod unpickler;

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::module::Module;
use crate::objects::object::{NativeObject, Object};
use crate::objects::rc::Arc;
use crate::objects::types::PyType;

pub use pickler::Pickler;
pub use unpickler::Unpickler;

/// The opcodes (`pickletools` documents them).
pub(crate) mod op {
    pub const MARK: u8 = b'(';
    pub const STOP: u8 = b'.';
    pub const POP: u8 = b'0';
    pub const POP_MARK: u8 = b'1';
    pub const DUP: u8 = b'2';
    pub const FLOAT: u8 = b'F';
    pub const INT: u8 = b'I';
    pub const BININT: u8 = b'J';
    pub const BININT1: u8 = b'K';
    pub const LONG: u8 = b'L';
    pub const BININT2: u8 = b'M';
    pub const NONE: u8 = b'N';
    pub const PERSID: u8 = b'P';
    pub const BINPERSID: u8 = b'Q';
    pub const REDUCE: u8 = b'R';
    pub const STRING: u8 = b'S';
    pub const BINSTRING: u8 = b'T';
    pub const SHORT_BINSTRING: u8 = b'U';
    pub const UNICODE: u8 = b'V';
    pub const BINUNICODE: u8 = b'X';
    pub const APPEND: u8 = b'a';
    pub const BUILD: u8 = b'b';
    pub const GLOBAL: u8 = b'c';
    pub const DICT: u8 = b'd';
    pub const EMPTY_DICT: u8 = b'}';
    pub const APPENDS: u8 = b'e';
    pub const GET: u8 = b'g';
    pub const BINGET: u8 = b'h';
    pub const INST: u8 = b'i';
    pub const LONG_BINGET: u8 = b'j';
    pub const LIST: u8 = b'l';
    pub const EMPTY_LIST: u8 = b']';
    pub const OBJ: u8 = b'o';
    pub const PUT: u8 = b'p';
    pub const BINPUT: u8 = b'q';
    pub const LONG_BINPUT: u8 = b'r';
    pub const SETITEM: u8 = b's';
    pub const TUPLE: u8 = b't';
    pub const EMPTY_TUPLE: u8 = b')';
    pub const SETITEMS: u8 = b'u';
    pub const BINFLOAT: u8 = b'G';
    pub const PROTO: u8 = 0x80;
    pub const NEWOBJ: u8 = 0x81;
    pub const EXT1: u8 = 0x82;
    pub const EXT2: u8 = 0x83;
    pub const EXT4: u8 = 0x84;
    pub const TUPLE1: u8 = 0x85;
    pub const TUPLE2: u8 = 0x86;
    pub const TUPLE3: u8 = 0x87;
    pub const NEWTRUE: u8 = 0x88;
    pub const NEWFALSE: u8 = 0x89;
    pub const LONG1: u8 = 0x8a;
    pub const LONG4: u8 = 0x8b;
    pub const BINBYTES: u8 = b'B';
    pub const SHORT_BINBYTES: u8 = b'C';
    pub const SHORT_BINUNICODE: u8 = 0x8c;
    pub const BINUNICODE8: u8 = 0x8d;
    pub const BINBYTES8: u8 = 0x8e;
    pub const EMPTY_SET: u8 = 0x8f;
    pub const ADDITEMS: u8 = 0x90;
    pub const FROZENSET: u8 = 0x91;
    pub const NEWOBJ_EX: u8 = 0x92;
    pub const STACK_GLOBAL: u8 = 0x93;
    pub const MEMOIZE: u8 = 0x94;
    pub const FRAME: u8 = 0x95;
    pub const BYTEARRAY8: u8 = 0x96;
    pub const NEXT_BUFFER: u8 = 0x97;
    pub const READONLY_BUFFER: u8 = 0x98;
}

pub const HIGHEST_PROTOCOL: i64 = 5;
pub const DEFAULT_PROTOCOL: i64 = 4;

static PICKLE: OnceLock<Arc<Module>> = OnceLock::new();

/// The module's functions (plain: `dump = _pickle.dump` in a class body stays a
/// function, as CPython's built-ins do).
pub static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "dump" => dump, "dumps" => dumps, "load" => load, "loads" => loads,
];

/// What the Python part builds the classes from: the methods bind to the instance.
static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "_pickler_new" => pickler_new, "_pickler_init" => pickler_init,
    "_pickler_dump" => pickler_dump, "_pickler_clear_memo" => pickler_clear_memo,
    "_pickler_memo_copy" => pickler_memo_copy, "_pickler_set_memo" => pickler_set_memo,
    "_pickler_flag" => pickler_flag, "_pickler_sizeof" => pickler_sizeof,
    "_unpickler_new" => unpickler_new, "_unpickler_init" => unpickler_init,
    "_unpickler_load" => unpickler_load, "_unpickler_find_class" => unpickler_find_class,
    "_unpickler_memo_copy" => unpickler_memo_copy, "_unpickler_set_memo" => unpickler_set_memo,
    "_unpickler_sizeof" => unpickler_sizeof,
];

/// The Python part of the module (`pyvm/lib/_pickle_classes.py`).
static CLASSES: &str = include_str!("../../../lib/_pickle_classes.py");

/// The `_pickle` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    PICKLE.get_or_init(|| {
        let m = Module::with_functions(gil, "_pickle", FUNCS);
        m.set(gil, "__name__", Value::str("_pickle"));
        crate::objects::methods::register_instance_methods(METHODS);
        for f in METHODS {
            m.set(gil, f.name, Value::Native(f));
        }
        m.set(
            gil,
            "PickleBuffer",
            Value::Type(buffer::pickle_buffer_type().clone()),
        );
        if let Err(e) = run_source(gil, CLASSES, "<frozen _pickle>", &m.dict) {
            let text = exception_line(gil, &e);
            crate::modules::sys::write_stderr(&format!("_pickle: {text}\n"));
        }

        Arc::new(m)
    })
}

/// A class the Python part defines (`PicklingError`, ...).
fn class(gil: Gil<'_>, name: &str) -> Arc<PyType> {
    match PICKLE.get().and_then(|m| m.get(gil, name)) {
        Some(Value::Type(t)) => t,
        _ => crate::objects::types::types().exc.runtime_error.clone(),
    }
}

pub(crate) fn pickling_error(gil: Gil<'_>, msg: impl Into<String>) -> PyErr {
    PyErr::msg(&class(gil, "PicklingError"), msg)
}

pub(crate) fn unpickling_error(gil: Gil<'_>, msg: impl Into<String>) -> PyErr {
    PyErr::msg(&class(gil, "UnpicklingError"), msg)
}

/// What the module reads from `copyreg`, `_compat_pickle`, `codecs` and `functools`
/// the first time it pickles or unpickles (CPython's `_Pickle_InitState`).
pub(crate) struct Globals {
    pub dispatch_table: Value,
    pub extension_registry: Value,
    pub inverted_registry: Value,
    pub extension_cache: Value,
    pub name_3to2: HashMap<(String, String), (Value, Value)>,
    pub import_3to2: HashMap<String, Value>,
    pub name_2to3: HashMap<(String, String), (Value, Value)>,
    pub import_2to3: HashMap<String, Value>,
    pub codecs_encode: Value,
    pub partial: Value,
    pub getattr: Value,
    /// The one `'latin1'` string `bytes` are reduced with (CPython's interned one).
    pub latin1: Value,
}

static GLOBALS: OnceLock<Globals> = OnceLock::new();

pub(crate) fn globals(cx: &mut Cx) -> PyResult<&'static Globals> {
    if let Some(g) = GLOBALS.get() {
        return Ok(g);
    }
    let copyreg = import(cx, "copyreg")?;
    let compat = import(cx, "_compat_pickle")?;
    let codecs = import(cx, "codecs")?;
    let functools = import(cx, "functools")?;
    let name_map =
        |cx: &mut Cx, attr: &str| -> PyResult<HashMap<(String, String), (Value, Value)>> {
            let d = cx.load_attr(&compat, attr)?;
            let mut out = HashMap::new();
            if let Value::Dict(d) = &d {
                for (k, v) in d.borrow(cx.gil).iter() {
                    if let (Value::Tuple(k), Value::Tuple(v)) = (k, v) {
                        if let ([a, b], [c, e]) = (&k[..], &v[..]) {
                            if let (Some(a), Some(b)) = (a.as_str(), b.as_str()) {
                                out.insert((a.to_owned(), b.to_owned()), (c.clone(), e.clone()));
                            }
                        }
                    }
                }
            }
            Ok(out)
        };
    let import_map = |cx: &mut Cx, attr: &str| -> PyResult<HashMap<String, Value>> {
        let d = cx.load_attr(&compat, attr)?;
        let mut out = HashMap::new();
        if let Value::Dict(d) = &d {
            for (k, v) in d.borrow(cx.gil).iter() {
                if let Some(k) = k.as_str() {
                    out.insert(k.to_owned(), v.clone());
                }
            }
        }
        Ok(out)
    };
    let g = Globals {
        dispatch_table: cx.load_attr(&copyreg, "dispatch_table")?,
        extension_registry: cx.load_attr(&copyreg, "_extension_registry")?,
        inverted_registry: cx.load_attr(&copyreg, "_inverted_registry")?,
        extension_cache: cx.load_attr(&copyreg, "_extension_cache")?,
        name_3to2: name_map(cx, "REVERSE_NAME_MAPPING")?,
        import_3to2: import_map(cx, "REVERSE_IMPORT_MAPPING")?,
        name_2to3: name_map(cx, "NAME_MAPPING")?,
        import_2to3: import_map(cx, "IMPORT_MAPPING")?,
        codecs_encode: cx.load_attr(&codecs, "encode")?,
        partial: cx.load_attr(&functools, "partial")?,
        getattr: builtin_function(cx.gil, "getattr"),
        latin1: Value::str("latin1"),
    };
    Ok(GLOBALS.get_or_init(|| g))
}

/// `PyImport_Import(name)`: the module `sys.modules` holds after `__import__(name)`.
pub(crate) fn import(cx: &mut Cx, name: &str) -> PyResult<Value> {
    let key = Value::str(name);
    if let Some(m) = sys_module(cx.gil, &key) {
        return Ok(m);
    }
    let import = builtin_function(cx.gil, "__import__");
    let top = cx.call(&import, vec![key.clone()])?;
    Ok(sys_module(cx.gil, &key).unwrap_or(top))
}

fn sys_module(gil: Gil<'_>, key: &Value) -> Option<Value> {
    let modules = crate::modules::sys_modules();
    let m = modules.borrow(gil).get(key).ok().flatten();
    m
}

/// `getattr(obj, name)`, `None` for an `AttributeError` (`_PyObject_LookupAttr`).
pub(crate) fn lookup_attr(cx: &mut Cx, obj: &Value, name: &str) -> PyResult<Option<Value>> {
    match cx.load_attr(obj, name) {
        Ok(v) => Ok(Some(v)),
        Err(deferred::Unwind::Raise(e))
            if e.is_instance(&crate::objects::types::types().exc.attribute_error) =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// The protocol argument: `None` is the default, a negative one the highest.
fn protocol_arg(v: Option<&Value>) -> Result<u8, PyErr> {
    let p = match v {
        None | Some(Value::None) => DEFAULT_PROTOCOL,
        Some(v) => arg_int(v, "protocol")?,
    };
    if p > HIGHEST_PROTOCOL {
        return Err(value_error(format!(
            "pickle protocol must be <= {HIGHEST_PROTOCOL}"
        )));
    }
    Ok(if p < 0 { HIGHEST_PROTOCOL } else { p } as u8)
}

fn truthy_opt(cx: &mut Cx, v: Option<&Value>, default: bool) -> PyResult<bool> {
    match v {
        None => Ok(default),
        Some(v) => cx.truthy(v),
    }
}

/// A new pickler for `dumps`/`dump`/`Pickler.__init__`.
fn new_pickler(
    cx: &mut Cx,
    protocol: Option<&Value>,
    fix_imports: Option<&Value>,
    buffer_callback: Option<&Value>,
) -> PyResult<Pickler> {
    let proto = protocol_arg(protocol)?;
    let fix = truthy_opt(cx, fix_imports, true)?;
    let callback = buffer_callback.filter(|v| !matches!(v, Value::None));
    if callback.is_some() && proto < 5 {
        return Err(value_error("buffer_callback needs protocol >= 5").into());
    }
    let g = globals(cx)?;
    let mut pk = Pickler::new(g, proto, fix);
    pk.buffer_callback = callback.cloned();
    Ok(pk)
}

/// The memoryview a `pickle.PickleBuffer` holds (`memoryview(pb)` is a view of the
/// object it wraps), or its `ValueError` once released; `None`: not a PickleBuffer.
pub(crate) fn pickle_buffer_view(gil: Gil<'_>, v: &Value) -> Option<PyResult<Value>> {
    buffer::view_of(gil, v)
}

/// `file.write`, or CPython's TypeError.
fn write_method(cx: &mut Cx, file: &Value) -> PyResult<Value> {
    lookup_attr(cx, file, "write")?
        .ok_or_else(|| type_error("file must have a 'write' attribute").into())
}

/// `dumps(obj, protocol=None, *, fix_imports=True, buffer_callback=None)`.
fn dumps(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = clinic_posonly(
        args,
        "dumps",
        &["obj", "protocol", "fix_imports", "buffer_callback"],
        0,
        1,
        2,
    )?;
    let mut pk = new_pickler(cx, p[1].as_ref(), p[2].as_ref(), p[3].as_ref())?;
    pk.dump(cx, p[0].as_ref().unwrap_or(&Value::None))?;
    Ok(Value::Bytes(Arc::new(pk.take_output())))
}

/// `dump(obj, file, protocol=None, *, fix_imports=True, buffer_callback=None)`.
fn dump(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = clinic_posonly(
        args,
        "dump",
        &["obj", "file", "protocol", "fix_imports", "buffer_callback"],
        0,
        2,
        3,
    )?;
    let mut pk = new_pickler(cx, p[2].as_ref(), p[3].as_ref(), p[4].as_ref())?;
    let file = p[1].clone().unwrap_or(Value::None);
    pk.write = Some(write_method(cx, &file)?);
    pk.dump(cx, p[0].as_ref().unwrap_or(&Value::None))?;
    pk.flush(cx)?;
    Ok(Value::None)
}

/// The keyword arguments every unpickler takes.
struct LoadOpts {
    fix_imports: bool,
    encoding: String,
    errors: String,
    buffers: Option<Value>,
}

fn load_opts(cx: &mut Cx, p: &[Option<Value>]) -> PyResult<LoadOpts> {
    let fix_imports = truthy_opt(cx, p[0].as_ref(), true)?;
    let text = |v: &Option<Value>, what: &str, default: &str| -> Result<String, PyErr> {
        match v {
            None => Ok(default.to_owned()),
            Some(v) => v.as_str().map(str::to_owned).ok_or_else(|| {
                type_error(format!(
                    "{what}() argument must be str, not {}",
                    crate::objects::types::type_name(v)
                ))
            }),
        }
    };
    let encoding = text(&p[1], "Unpickler", "ASCII")?;
    let errors = text(&p[2], "Unpickler", "strict")?;
    let buffers = match &p[3] {
        None | Some(Value::None) => None,
        Some(b) => Some(cx.iter(b)?),
    };
    Ok(LoadOpts {
        fix_imports,
        encoding,
        errors,
        buffers,
    })
}

/// `loads(data, /, *, fix_imports=True, encoding='ASCII', errors='strict', buffers=())`.
fn loads(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = clinic_posonly(
        args,
        "loads",
        &["data", "fix_imports", "encoding", "errors", "buffers"],
        1,
        1,
        1,
    )?;
    let data = p[0].clone().unwrap_or(Value::None);
    if let Value::Str(_) = data {
        return Err(type_error("a bytes-like object is required, not 'str'").into());
    }
    let bytes = match &data {
        Value::Bytes(b) => b.clone(),
        v => Arc::new(bytes_arg(cx.gil, v)?),
    };
    let opts = load_opts(cx, &p[1..])?;
    let g = globals(cx)?;
    let mut up = Unpickler::new(
        g,
        opts.fix_imports,
        opts.encoding,
        opts.errors,
        opts.buffers,
    );
    up.set_bytes(bytes);
    up.load(cx, None)
}

/// An unpickler reading `file`, from the arguments `load` and `Unpickler` share:
/// `(file, *, fix_imports=True, encoding='ASCII', errors='strict', buffers=())`.
fn file_unpickler(cx: &mut Cx, args: Args, name: &str) -> PyResult<Unpickler> {
    let p = clinic_posonly(
        args,
        name,
        &["file", "fix_imports", "encoding", "errors", "buffers"],
        0,
        1,
        1,
    )?;
    let opts = load_opts(cx, &p[1..])?;
    let g = globals(cx)?;
    let mut up = Unpickler::new(
        g,
        opts.fix_imports,
        opts.encoding,
        opts.errors,
        opts.buffers,
    );
    up.set_file(cx, p[0].as_ref().unwrap_or(&Value::None))?;
    Ok(up)
}

/// `load(file, *, fix_imports=True, encoding='ASCII', errors='strict', buffers=())`.
fn load(cx: &mut Cx, args: Args) -> PyResult<Value> {
    file_unpickler(cx, args, "load")?.load(cx, None)
}

// ---------------------------------------------------------------------------
// The native state inside `Pickler` and `Unpickler` instances.

/// The native state inside a `Pickler` or `Unpickler` instance (its built-in value):
/// the engine, empty until `__init__` ran. The methods are registered as taking the
/// instance itself (`register_instance_methods`), which they need for the hooks a
/// subclass or the instance defines.
struct State<T: Send + 'static> {
    engine: GilCell<Option<T>>,
    name: &'static str,
}

impl<T: Send + 'static> NativeObject for State<T> {
    fn type_name(&self) -> &'static str {
        self.name
    }
    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!("<{} state>", self.name))
    }
    fn getattr(&self, _gil: Gil<'_>, _name: &str) -> Option<Value> {
        None
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `cls.__new__(cls, ...)` for the two classes: an instance carrying empty state.
fn new_with<T: Send + 'static>(args: &Args, name: &'static str) -> PyResult<Value> {
    let cls = match args.get(0) {
        Some(Value::Type(t)) => t.clone(),
        _ => return Err(type_error(format!("{name}.__new__(X): X is not a type object")).into()),
    };
    let state = State::<T> {
        engine: GilCell::new(None),
        name,
    };
    Ok(crate::objects::class::instance_with(
        cls,
        Value::Object(Arc::new(Object(Box::new(state)))),
    ))
}

fn pickler_new(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    new_with::<Pickler>(&args, "_pickle.Pickler")
}

fn unpickler_new(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    new_with::<Unpickler>(&args, "_pickle.Unpickler")
}

/// The state of `v` (the instance or the state value itself).
fn state_of<T: Send + 'static>(v: &Value) -> PyResult<&State<T>> {
    let inner = crate::objects::class::payload(v).unwrap_or(v);
    match inner {
        Value::Object(o) => o.0.as_any().downcast_ref::<State<T>>(),
        _ => None,
    }
    .ok_or_else(|| {
        type_error(format!(
            "descriptor requires a '{}' object",
            if std::any::TypeId::of::<T>() == std::any::TypeId::of::<Pickler>() {
                "_pickle.Pickler"
            } else {
                "_pickle.Unpickler"
            }
        ))
        .into()
    })
}

fn pstate(v: &Value) -> PyResult<&State<Pickler>> {
    state_of::<Pickler>(v)
}

fn ustate(v: &Value) -> PyResult<&State<Unpickler>> {
    state_of::<Unpickler>(v)
}

/// Take the engine out of its instance for a call that may run Python code (which
/// may use the same instance: it then sees no state, never a borrowed one);
/// `missing` is the error when `__init__` never put one there.
fn take_engine<T>(
    cx: &mut Cx,
    engine: &GilCell<Option<T>>,
    missing: fn(Gil<'_>, &'static str) -> PyErr,
    what: &'static str,
) -> PyResult<T> {
    let taken = engine.borrow_mut(cx.gil).take();
    taken.ok_or_else(|| missing(cx.gil, what).into())
}

fn take_pickler(cx: &mut Cx, this: &Value) -> PyResult<Pickler> {
    let st = pstate(this)?;
    take_engine(
        cx,
        &st.engine,
        pickling_error,
        "Pickler.__init__() was not called by Pickler.__init__()",
    )
}

fn take_unpickler(cx: &mut Cx, this: &Value) -> PyResult<Unpickler> {
    let st = ustate(this)?;
    take_engine(
        cx,
        &st.engine,
        unpickling_error,
        "Unpickler.__init__() was not called by Unpickler.__init__()",
    )
}

fn put_pickler(cx: &mut Cx, this: &Value, p: Pickler) {
    if let Ok(st) = pstate(this) {
        *st.engine.borrow_mut(cx.gil) = Some(p);
    }
}

fn put_unpickler(cx: &mut Cx, this: &Value, u: Unpickler) {
    if let Ok(st) = ustate(this) {
        *st.engine.borrow_mut(cx.gil) = Some(u);
    }
}

/// The instance a method was called on, and its other arguments.
fn split_self(mut args: Args, name: &str) -> PyResult<(Value, Args)> {
    if args.pos.is_empty() {
        return Err(type_error(format!("descriptor '{name}' needs an argument")).into());
    }
    let this = args.pos.remove(0);
    Ok((this, args))
}

/// `Pickler.__init__(self, file, protocol=None, fix_imports=True, buffer_callback=None)`.
fn pickler_init(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (this, args) = split_self(args, "__init__")?;
    pstate(&this)?;
    let p = clinic_posonly(
        args,
        "Pickler",
        &["file", "protocol", "fix_imports", "buffer_callback"],
        0,
        1,
        4,
    )?;
    let mut pk = new_pickler(cx, p[1].as_ref(), p[2].as_ref(), p[3].as_ref())?;
    pk.write = Some(write_method(cx, p[0].as_ref().unwrap_or(&Value::None))?);
    put_pickler(cx, &this, pk);
    Ok(Value::None)
}

/// `Pickler.dump(self, obj)`: the instance's `persistent_id`, `dispatch_table` and
/// `reducer_override` are looked up now (a subclass's methods or attributes set on
/// the instance).
fn pickler_dump(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("dump", 1, 1)?;
    let this = args.at(0).clone();
    let mut pk = take_pickler(cx, &this)?;
    let r = (|| -> PyResult<()> {
        pk.pers_func = lookup_attr(cx, &this, "persistent_id")?;
        pk.dispatch_table = lookup_attr(cx, &this, "dispatch_table")?;
        pk.reducer_override = lookup_attr(cx, &this, "reducer_override")?;
        pk.dump(cx, args.at(1))?;
        pk.flush(cx)
    })();
    pk.pers_func = None;
    pk.dispatch_table = None;
    pk.reducer_override = None;
    pk.reset_output();
    put_pickler(cx, &this, pk);
    r.map(|()| Value::None)
}

fn pickler_clear_memo(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("clear_memo", 0, 0)?;
    let st = pstate(args.at(0))?;
    if let Some(p) = st.engine.borrow_mut(cx.gil).as_mut() {
        p.memo.clear();
    }
    Ok(Value::None)
}

/// `PicklerMemoProxy.copy()`: `{id(obj): (index, obj)}`.
fn pickler_memo_copy(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("memo_copy", 0, 0)?;
    let st = pstate(args.at(0))?;
    let mut d = crate::objects::dict::Dict::new();
    if let Some(p) = st.engine.borrow(cx.gil).as_ref() {
        for (idx, obj) in p.memo.entries() {
            let key = crate::modules::builtins::object_id(obj);
            d.insert(
                Value::Int(key),
                Value::tuple(vec![Value::Int(idx as i64), obj.clone()]),
            )?;
        }
    }
    Ok(Value::dict(d))
}

/// `pickler.memo = {id: (index, obj)}`.
fn pickler_set_memo(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("set_memo", 1, 1)?;
    let this = args.at(0).clone();
    let Value::Dict(d) = args.at(1) else {
        return Err(type_error(format!(
            "'memo' attribute must be a PicklerMemoProxy object or dict, not {}",
            crate::objects::types::type_name(args.at(1))
        ))
        .into());
    };
    let mut entries = Vec::new();
    for (_, v) in d.borrow(cx.gil).iter() {
        match v {
            Value::Tuple(t) if t.len() == 2 => {
                let idx = arg_int(&t[0], "memo")?;
                entries.push((idx.max(0) as u32, t[1].clone()));
            }
            _ => return Err(type_error("'memo' values must be 2-item tuples").into()),
        }
    }
    let st = pstate(&this)?;
    if let Some(p) = st.engine.borrow_mut(cx.gil).as_mut() {
        p.memo.clear();
        for (idx, obj) in entries {
            p.memo.insert_at(&obj, idx);
        }
    }
    Ok(Value::None)
}

/// `pickler.fast` / `pickler.fast = v` / `pickler.bin`.
fn pickler_flag(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("flag", 1, 2)?;
    let set = match args.get(2) {
        Some(v) => Some(cx.truthy(v)?),
        None => None,
    };
    let st = pstate(args.at(0))?;
    let mut guard = st.engine.borrow_mut(cx.gil);
    let Some(p) = guard.as_mut() else {
        return Ok(Value::Int(0));
    };
    match (args.at(1).as_str(), set) {
        (Some("fast"), Some(on)) => p.fast = on,
        (Some("fast"), None) => return Ok(Value::Int(p.fast as i64)),
        _ => return Ok(Value::Int(p.bin as i64)),
    }
    Ok(Value::None)
}

fn pickler_sizeof(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("sizeof", 0, 0)?;
    let st = pstate(args.at(0))?;
    let n = st
        .engine
        .borrow(cx.gil)
        .as_ref()
        .map_or(0, |p| p.memo.len());
    Ok(Value::Int(96 + 16 * n as i64))
}

/// `Unpickler.__init__(self, file, *, fix_imports=True, encoding='ASCII',
/// errors='strict', buffers=())`.
fn unpickler_init(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (this, args) = split_self(args, "__init__")?;
    ustate(&this)?;
    let up = file_unpickler(cx, args, "Unpickler")?;
    put_unpickler(cx, &this, up);
    Ok(Value::None)
}

fn unpickler_load(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("load", 0, 0)?;
    let this = args.at(0).clone();
    let mut up = take_unpickler(cx, &this)?;
    let r = up.load(cx, Some(&this));
    put_unpickler(cx, &this, up);
    r
}

/// `Unpickler.find_class(module_name, global_name)`.
fn unpickler_find_class(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("find_class", 2, 2)?;
    let (proto, fix) = {
        let st = ustate(args.at(0))?;
        let guard = st.engine.borrow(cx.gil);
        guard
            .as_ref()
            .map_or((0, true), |u| (u.proto, u.fix_imports))
    };
    let g = globals(cx)?;
    unpickler::find_class(cx, g, proto, fix, args.at(1), args.at(2))
}

fn unpickler_memo_copy(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("memo_copy", 0, 0)?;
    let st = ustate(args.at(0))?;
    let mut d = crate::objects::dict::Dict::new();
    if let Some(u) = st.engine.borrow(cx.gil).as_ref() {
        for (idx, obj) in u.memo_entries() {
            d.insert(Value::Int(idx as i64), obj)?;
        }
    }
    Ok(Value::dict(d))
}

fn unpickler_set_memo(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("set_memo", 1, 1)?;
    let Value::Dict(d) = args.at(1) else {
        return Err(type_error(format!(
            "'memo' attribute must be an UnpicklerMemoProxy object or dict, not {}",
            crate::objects::types::type_name(args.at(1))
        ))
        .into());
    };
    let mut entries = Vec::new();
    for (k, v) in d.borrow(cx.gil).iter() {
        let idx = match k {
            Value::Int(i) if *i >= 0 => *i as usize,
            Value::Int(_) => return Err(value_error("memo key must be positive integers.").into()),
            _ => return Err(type_error("memo key must be integers").into()),
        };
        entries.push((idx, v.clone()));
    }
    let st = ustate(args.at(0))?;
    if let Some(u) = st.engine.borrow_mut(cx.gil).as_mut() {
        u.clear_memo();
        for (idx, v) in entries {
            u.memo_put(idx, v);
        }
    }
    Ok(Value::None)
}

fn unpickler_sizeof(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("sizeof", 0, 0)?;
    let st = ustate(args.at(0))?;
    let n = st
        .engine
        .borrow(cx.gil)
        .as_ref()
        .map_or(0, |u| u.memo_entries().len());
    Ok(Value::Int(128 + 8 * n as i64))
}
