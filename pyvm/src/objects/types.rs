//! Type objects: the built-in types and exception classes, created once per process.

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use super::dict::Dict;
use super::gil::GilCell;
use super::value::Value;

/// Which built-in layout the instances of a type have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Object,
    NoneType,
    Ellipsis,
    Bool,
    Int,
    Float,
    Complex,
    Str,
    Bytes,
    ByteArray,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Range,
    Slice,
    Function,
    Builtin,
    Type,
    Exception,
    Iterator,
    /// The types of built-in descriptors and method objects (`method_descriptor`,
    /// `wrapper_descriptor`, `method-wrapper`, `member_descriptor`).
    Descriptor,
    /// `map`, `filter`, `zip`, `enumerate`, `reversed`: types whose call builds a
    /// built-in iterator (`Value::Iter`); a subclass's instance carries one as its
    /// payload.
    IterType,
    Module,
    File,
    Code,
    Cell,
    Method,
    StaticMethod,
    ClassMethod,
    Property,
    Super,
    NotImplemented,
    Generator,
    Coroutine,
    AsyncGenerator,
}

impl Kind {
    /// An immutable value type, whose value is fixed when the instance is made
    /// (`int.__new__`): it has no `__init__` of its own.
    pub fn fixed_at_new(self) -> bool {
        matches!(
            self,
            Kind::Tuple
                | Kind::Int
                | Kind::Float
                | Kind::Complex
                | Kind::Str
                | Kind::Bytes
                | Kind::FrozenSet
        )
    }

    /// What a call of a built-in type of this kind is named in messages (strict
    /// mode's "Deferred execution not yet implemented by list").
    pub fn constructor_name(self) -> &'static str {
        match self {
            Kind::Bool => "bool",
            Kind::Int => "int",
            Kind::Float => "float",
            Kind::Complex => "complex",
            Kind::Str => "str",
            Kind::Bytes => "bytes",
            Kind::ByteArray => "bytearray",
            Kind::List => "list",
            Kind::Tuple => "tuple",
            Kind::Dict => "dict",
            Kind::Set => "set",
            Kind::FrozenSet => "frozenset",
            Kind::Range => "range",
            Kind::Type => "type",
            _ => "a constructor",
        }
    }

    /// The built-in containers whose constructor reads one iterable have a soft half
    /// (`list(it)` -> `_deferrable._list`): see `function::Soft`.
    pub fn soft(self) -> Option<super::function::Soft> {
        let helper = match self {
            Kind::List => "_list",
            Kind::Tuple => "_tuple",
            Kind::Set => "_set",
            Kind::FrozenSet => "_frozenset",
            Kind::Dict => "_dict",
            _ => return None,
        };
        Some(super::function::Soft {
            reads: super::function::Reads::Only,
            helper,
        })
    }
}

/// A type object: a built-in type (immutable, shared by every thread) or a class made
/// by a `class` statement or `type(name, bases, ns)` (its namespace is mutable).
pub struct PyType {
    pub name: String,
    pub qualname: String,
    /// `__module__`: `builtins` for the built-in types; tracebacks and `repr` qualify
    /// the name with any other (`struct.error`, `json.decoder.JSONDecodeError`).
    pub module: std::sync::Arc<str>,
    /// How calling the type builds an instance, for a type a module defines with its
    /// own constructor (`json.JSONDecodeError(msg, doc, pos)`); `None`: the built-in way.
    pub new: Option<crate::native::NativeFn>,
    /// `__base__`: the first base (the only one for built-in types).
    pub base: crate::objects::rc::Swap<Option<Arc<PyType>>>,
    /// `__bases__` (replaced by `C.__bases__ = ...`: `vm::class::set_bases`).
    pub bases: crate::objects::rc::Swap<Vec<Arc<PyType>>>,
    /// The method resolution order after the type itself (C3 linearization).
    pub mro: crate::objects::rc::Swap<Vec<Arc<PyType>>>,
    /// The layout of instances: `Object` for plain classes (`Value::Instance`),
    /// `Exception` for exception classes (`Value::Exception`), ...
    pub kind: Kind,
    /// The class namespace (methods, class attributes); empty for built-in types,
    /// whose methods are static tables (`objects::methods`).
    pub dict: GilCell<Dict>,
    /// Made by Python code: attributes can be set, `repr` says `<class '__main__.C'>`.
    pub heap: bool,
    /// `__slots__`, when the class (and every class in its MRO) declares them: the
    /// only instance attributes allowed.
    pub slots: Option<Vec<String>>,
    /// Special methods looked up on this class: (name, epoch, what was found).
    pub special_cache: GilCell<Vec<(&'static str, u64, Option<Value>)>>,
    /// The same for `class::lookup_user_special` (built-in defaults left out).
    pub user_special_cache: GilCell<Vec<(&'static str, u64, Option<Value>)>>,
    /// Its metaclass, when not `type` (`class C(metaclass=M)`, or inherited from a
    /// base): `type(C)` is `M`, and `C`'s own behaviour (calling it, its attributes not
    /// found on it, its operators) comes from `M`.
    pub meta: Option<Arc<PyType>>,
    /// It has abstract methods (`abc`'s `__abstractmethods__` is not empty): making
    /// an instance is a `TypeError` (CPython's `Py_TPFLAGS_IS_ABSTRACT`).
    pub abstract_: std::sync::atomic::AtomicBool,
    /// The classes made with it as a direct base, while they live (`__subclasses__()`).
    pub subclasses: GilCell<Vec<crate::objects::rc::Weak<PyType>>>,
    /// It or a class in its MRO defines `__del__`: its instances are finalized
    /// (`objects::finalize`).
    pub has_del: std::sync::atomic::AtomicBool,
    /// The most attributes an instance of it held when it died (capped at 255): a
    /// new instance's `__dict__` is made with room for that many, so filling it in
    /// `__init__` allocates once (CPython 3.11 sizes instance dicts from the keys
    /// shared by the class's instances, the same idea).
    pub dict_hint: std::sync::atomic::AtomicU8,
    /// It or a class in its MRO defines `__getattribute__` in Python: every attribute
    /// read of its instances calls it (the caches do not apply).
    pub has_getattribute: std::sync::atomic::AtomicBool,
    /// A built-in type with its own constructor that classes may not derive from
    /// (CPython's types without `Py_TPFLAGS_BASETYPE`: `re.Pattern`, `memoryview`).
    pub sealed: bool,
    /// CPython's `Py_TPFLAGS_SEQUENCE` / `Py_TPFLAGS_MAPPING` (what `match` takes
    /// for a sequence or a mapping): [`COLLECTION_SEQUENCE`], [`COLLECTION_MAPPING`]
    /// or 0. Set on the built-in collections, by `_abc._abc_init` from
    /// `__abc_tpflags__` (`collections.abc.Sequence`, `Mapping`), by
    /// `_abc_register`, and inherited by a new class from the first class of its MRO
    /// that has one.
    pub collection: std::sync::atomic::AtomicU8,
}

/// [`PyType::collection`]: a sequence for `match`.
pub const COLLECTION_SEQUENCE: u8 = 1;
/// [`PyType::collection`]: a mapping for `match`.
pub const COLLECTION_MAPPING: u8 = 2;

impl PyType {
    /// The classes made with this one as a direct base that still live
    /// (`__subclasses__()`), as handles taken now (the list may change meanwhile).
    pub fn live_subclasses(&self, gil: crate::objects::gil::Gil<'_>) -> Vec<Arc<PyType>> {
        self.subclasses
            .borrow(gil)
            .iter()
            .filter_map(|w| w.upgrade())
            .collect()
    }

    /// This type's [`PyType::collection`] flag set to `flag` (a built-in type).
    pub fn collection(self, flag: u8) -> PyType {
        self.collection
            .store(flag, std::sync::atomic::Ordering::Relaxed);
        self
    }

    /// The type of a built-in descriptor object (`member_descriptor`,
    /// `wrapper_descriptor`): made once into `cell`, in `builtins`, derived from
    /// `object`, sealed.
    pub fn descriptor_type(cell: &'static OnceLock<Arc<PyType>>, name: &str) -> Arc<PyType> {
        cell.get_or_init(|| {
            Arc::new(
                PyType::builtin(
                    name,
                    "builtins",
                    Some(&types().object),
                    Kind::Descriptor,
                    None,
                )
                .sealed(),
            )
        })
        .clone()
    }

    /// This type, which classes may not derive from (see [`PyType::sealed`]).
    pub fn sealed(mut self) -> PyType {
        self.sealed = true;
        self
    }

    /// A built-in type (or one a built-in module defines) with a single base.
    pub fn builtin(
        name: &str,
        module: &str,
        base: Option<&Arc<PyType>>,
        kind: Kind,
        new: Option<crate::native::NativeFn>,
    ) -> PyType {
        let mut mro = Vec::new();
        if let Some(b) = base {
            mro.push(b.clone());
            mro.extend(b.mro.iter().cloned());
        }
        PyType {
            name: name.to_owned(),
            qualname: name.to_owned(),
            module: module.into(),
            new,
            base: crate::objects::rc::Swap::new(base.cloned()),
            bases: crate::objects::rc::Swap::new(base.into_iter().cloned().collect()),
            mro: crate::objects::rc::Swap::new(mro),
            kind,
            dict: GilCell::new(Dict::new()),
            heap: false,
            slots: None,
            special_cache: GilCell::new(Vec::new()),
            user_special_cache: GilCell::new(Vec::new()),
            meta: None,
            abstract_: std::sync::atomic::AtomicBool::new(false),
            subclasses: GilCell::new(Vec::new()),
            has_del: std::sync::atomic::AtomicBool::new(false),
            dict_hint: std::sync::atomic::AtomicU8::new(0),
            has_getattribute: std::sync::atomic::AtomicBool::new(false),
            collection: std::sync::atomic::AtomicU8::new(0),
            sealed: false,
        }
    }

    /// What a call of this built-in type is named in messages (see
    /// [`Kind::constructor_name`]; `map` for the `IterType`s).
    pub fn constructor_name(&self) -> &'static str {
        match (self.kind, self.name.as_str()) {
            (Kind::IterType, "map") => "map",
            (Kind::IterType, "filter") => "filter",
            (Kind::IterType, "zip") => "zip",
            (Kind::IterType, "enumerate") => "enumerate",
            (Kind::IterType, "reversed") => "reversed",
            (k, _) => k.constructor_name(),
        }
    }

    /// The deferral-aware Python half of calling this built-in type (see
    /// [`Kind::soft`]): `map(f, pipe)` -> `_deferrable._map`.
    pub fn soft(&self) -> Option<super::function::Soft> {
        use super::function::{Reads, Soft};
        if self.heap {
            return None;
        }
        let (reads, helper) = match (self.kind, self.name.as_str()) {
            (Kind::IterType, "map") => (Reads::AfterFirst, "_map"),
            (Kind::IterType, "filter") => (Reads::SecondOfTwo, "_filter"),
            (Kind::IterType, "zip") => (Reads::All, "_zip"),
            (Kind::IterType, "enumerate") => (Reads::First, "_enumerate"),
            (Kind::IterType, _) => return None,
            (k, _) => return k.soft(),
        };
        Some(Soft { reads, helper })
    }

    /// The name as tracebacks and `repr` print it: `module.name` outside `builtins`.
    pub fn qualified_name(&self) -> String {
        match &*self.module {
            "builtins" | "__main__" => self.qualname.clone(),
            m => format!("{m}.{}", self.qualname),
        }
    }

    /// Is `self` the same as or a subclass of `other`?
    pub fn is_subtype(&self, other: &PyType) -> bool {
        std::ptr::eq(self, other) || self.mro.iter().any(|t| std::ptr::eq(&**t, other))
    }
}

macro_rules! exceptions {
    (($root:ident) $( $field:ident : $name:literal < $parent:ident ),* $(,)?) => {
        /// The built-in exception classes.
        pub struct Exceptions {
            $( pub $field: Arc<PyType>, )*
        }

        impl Exceptions {
            fn new($root: Arc<PyType>) -> Exceptions {
                $( let $field = new_type($name, Some(&$parent), Kind::Exception); )*
                Exceptions { $( $field, )* }
            }

            /// Every exception class, for the builtins module.
            pub fn all(&self) -> Vec<&Arc<PyType>> {
                vec![$( &self.$field, )*]
            }
        }
    };
}

exceptions! {
    (object)
    base_exception: "BaseException" < object,
    system_exit: "SystemExit" < base_exception,
    keyboard_interrupt: "KeyboardInterrupt" < base_exception,
    generator_exit: "GeneratorExit" < base_exception,
    exception: "Exception" < base_exception,
    arithmetic_error: "ArithmeticError" < exception,
    zero_division_error: "ZeroDivisionError" < arithmetic_error,
    overflow_error: "OverflowError" < arithmetic_error,
    assertion_error: "AssertionError" < exception,
    attribute_error: "AttributeError" < exception,
    eof_error: "EOFError" < exception,
    import_error: "ImportError" < exception,
    module_not_found_error: "ModuleNotFoundError" < import_error,
    lookup_error: "LookupError" < exception,
    memory_error: "MemoryError" < exception,
    index_error: "IndexError" < lookup_error,
    key_error: "KeyError" < lookup_error,
    name_error: "NameError" < exception,
    unbound_local_error: "UnboundLocalError" < name_error,
    os_error: "OSError" < exception,
    file_not_found_error: "FileNotFoundError" < os_error,
    file_exists_error: "FileExistsError" < os_error,
    permission_error: "PermissionError" < os_error,
    is_a_directory_error: "IsADirectoryError" < os_error,
    not_a_directory_error: "NotADirectoryError" < os_error,
    timeout_error: "TimeoutError" < os_error,
    blocking_io_error: "BlockingIOError" < os_error,
    child_process_error: "ChildProcessError" < os_error,
    interrupted_error: "InterruptedError" < os_error,
    process_lookup_error: "ProcessLookupError" < os_error,
    connection_error: "ConnectionError" < os_error,
    broken_pipe_error: "BrokenPipeError" < connection_error,
    connection_aborted_error: "ConnectionAbortedError" < connection_error,
    connection_refused_error: "ConnectionRefusedError" < connection_error,
    connection_reset_error: "ConnectionResetError" < connection_error,
    runtime_error: "RuntimeError" < exception,
    recursion_error: "RecursionError" < runtime_error,
    not_implemented_error: "NotImplementedError" < runtime_error,
    stop_iteration: "StopIteration" < exception,
    stop_async_iteration: "StopAsyncIteration" < exception,
    syntax_error: "SyntaxError" < exception,
    indentation_error: "IndentationError" < syntax_error,
    tab_error: "TabError" < indentation_error,
    system_error: "SystemError" < exception,
    type_error: "TypeError" < exception,
    value_error: "ValueError" < exception,
    unicode_error: "UnicodeError" < value_error,
    unicode_decode_error: "UnicodeDecodeError" < unicode_error,
    unicode_encode_error: "UnicodeEncodeError" < unicode_error,
    unicode_translate_error: "UnicodeTranslateError" < unicode_error,
    floating_point_error: "FloatingPointError" < arithmetic_error,
    buffer_error: "BufferError" < exception,
    reference_error: "ReferenceError" < exception,
    warning: "Warning" < exception,
    user_warning: "UserWarning" < warning,
    deprecation_warning: "DeprecationWarning" < warning,
    pending_deprecation_warning: "PendingDeprecationWarning" < warning,
    syntax_warning: "SyntaxWarning" < warning,
    runtime_warning: "RuntimeWarning" < warning,
    future_warning: "FutureWarning" < warning,
    import_warning: "ImportWarning" < warning,
    unicode_warning: "UnicodeWarning" < warning,
    bytes_warning: "BytesWarning" < warning,
    resource_warning: "ResourceWarning" < warning,
    encoding_warning: "EncodingWarning" < warning,
}

fn new_type(name: &str, base: Option<&Arc<PyType>>, kind: Kind) -> Arc<PyType> {
    let flag = match kind {
        Kind::List | Kind::Tuple | Kind::Range => COLLECTION_SEQUENCE,
        Kind::Dict => COLLECTION_MAPPING,
        _ => 0,
    };
    Arc::new(PyType::builtin(name, "builtins", base, kind, None).collection(flag))
}

macro_rules! builtin_types {
    ($( $field:ident : $name:literal = $kind:ident ),* $(,)?) => {
        /// The built-in types and exceptions of this process.
        pub struct Types {
            pub object: Arc<PyType>,
            $( pub $field: Arc<PyType>, )*
            pub exc: Exceptions,
        }

        impl Types {
            fn new() -> Types {
                let object = new_type("object", None, Kind::Object);
                $( let $field = new_type($name, Some(&object), Kind::$kind); )*
                let exc = Exceptions::new(object.clone());
                Types { object, $( $field, )* exc }
            }
        }
    };
}

builtin_types! {
    none_type: "NoneType" = NoneType,
    bool_: "bool" = Bool,
    ellipsis: "ellipsis" = Ellipsis,
    int: "int" = Int,
    float: "float" = Float,
    complex: "complex" = Complex,
    str: "str" = Str,
    bytes: "bytes" = Bytes,
    bytearray: "bytearray" = ByteArray,
    list: "list" = List,
    tuple: "tuple" = Tuple,
    dict: "dict" = Dict,
    set: "set" = Set,
    frozenset: "frozenset" = FrozenSet,
    range: "range" = Range,
    slice: "slice" = Slice,
    function: "function" = Function,
    builtin: "builtin_function_or_method" = Builtin,
    type_: "type" = Type,
    iterator: "iterator" = Iterator,
    map: "map" = IterType,
    filter: "filter" = IterType,
    zip: "zip" = IterType,
    enumerate: "enumerate" = IterType,
    reversed: "reversed" = IterType,
    module: "module" = Module,
    file: "TextIOWrapper" = File,
    code: "code" = Code,
    cell: "cell" = Cell,
    method: "method" = Method,
    staticmethod: "staticmethod" = StaticMethod,
    classmethod: "classmethod" = ClassMethod,
    property: "property" = Property,
    super_: "super" = Super,
    not_implemented: "NotImplementedType" = NotImplemented,
    generator: "generator" = Generator,
    coroutine: "coroutine" = Coroutine,
    async_generator: "async_generator" = AsyncGenerator,
}

static TYPES: OnceLock<Types> = OnceLock::new();

/// The process's built-in types (created on first use).
pub fn types() -> &'static Types {
    TYPES.get_or_init(|| {
        let mut t = Types::new();
        // bool is the one built-in type whose base is not object.
        t.bool_ = new_type("bool", Some(&t.int), Kind::Bool);
        t
    })
}

impl Types {
    /// The type of a value.
    pub fn of(&self, v: &Value) -> Arc<PyType> {
        match v {
            Value::Exception(e) => e.typ.clone(),
            Value::Instance(i) => i.class().clone(),
            Value::Type(t) => t.meta.clone().unwrap_or_else(|| self.type_.clone()),
            Value::Object(o) if o.0.py_type().is_some() => {
                o.0.py_type().unwrap_or_else(|| self.object.clone())
            }
            Value::Iter(it) if native_iter_type(it).is_some() => {
                native_iter_type(it).unwrap_or_else(|| self.iterator.clone())
            }
            Value::Iter(it) if self.iter_type(it).is_some() => self
                .iter_type(it)
                .cloned()
                .unwrap_or_else(|| self.iterator.clone()),
            Value::Iter(_) | Value::Object(_) => {
                // `itertools.count`: module `itertools`, name `count`.
                let full: &'static str = match v {
                    Value::Object(o) => o.0.type_name(),
                    Value::Iter(it) => {
                        crate::objects::gil::with_gil(|gil| it.borrow(gil).type_name())
                    }
                    _ => "object",
                };
                let (module, name) = full.rsplit_once('.').unwrap_or(("builtins", full));
                // One type per name, made on first use: `type({}.items())` is the
                // same object every time (`multiprocessing.managers` registers a
                // pickle reducer for it, looked up by type).
                static MADE: std::sync::Mutex<Vec<(&'static str, Arc<PyType>)>> =
                    std::sync::Mutex::new(Vec::new());
                let mut made = MADE.lock().unwrap_or_else(|p| p.into_inner());
                if let Some((_, t)) = made.iter().find(|(n, _)| *n == full) {
                    return t.clone();
                }
                let t = Arc::new(PyType::builtin(
                    name,
                    module,
                    Some(&self.object),
                    Kind::Iterator,
                    None,
                ));
                made.push((full, t.clone()));
                t
            }
            // `type_name` is CPython's `tp_name` (`_io.TextIOWrapper`); the type's
            // `__name__` is the part after the module.
            Value::File(_) => Arc::new(PyType::builtin(
                type_name(v).trim_start_matches("_io."),
                "_io",
                Some(&self.object),
                Kind::Iterator,
                None,
            )),
            _ => self.of_ref(v).clone(),
        }
    }

    /// The type of a `map`, `filter`, `zip`, `enumerate` or `reversed` iterator.
    fn iter_type(&self, it: &Arc<GilCell<super::iter::Iter>>) -> Option<&Arc<PyType>> {
        let name = crate::objects::gil::with_gil(|gil| it.borrow(gil).type_name());
        self.iter_type_named(name)
    }

    /// The `IterType` named `name` (`map`, ...).
    pub fn iter_type_named(&self, name: &str) -> Option<&Arc<PyType>> {
        Some(match name {
            "map" => &self.map,
            "filter" => &self.filter,
            "zip" => &self.zip,
            "enumerate" => &self.enumerate,
            "reversed" => &self.reversed,
            _ => return None,
        })
    }

    fn of_ref<'a>(&'a self, v: &'a Value) -> &'a Arc<PyType> {
        match v {
            Value::Null | Value::None => &self.none_type,
            Value::Ellipsis => &self.ellipsis,
            Value::Bool(_) => &self.bool_,
            Value::Int(_) | Value::Big(_) => &self.int,
            Value::Float(_) => &self.float,
            Value::Complex(_) => &self.complex,
            Value::Str(_) => &self.str,
            Value::Bytes(_) => &self.bytes,
            Value::ByteArray(_) => &self.bytearray,
            Value::List(_) => &self.list,
            Value::Tuple(_) => &self.tuple,
            Value::Dict(_) => &self.dict,
            Value::Set(_) => &self.set,
            Value::FrozenSet(_) => &self.frozenset,
            Value::Range(_) => &self.range,
            Value::Slice(_) => &self.slice,
            Value::Function(_) => &self.function,
            Value::Native(n) => {
                if crate::objects::methods::method_owner(n).is_some() {
                    method_descriptor_type()
                } else if crate::objects::methods::class_method_owner(n).is_some() {
                    classmethod_descriptor_type()
                } else {
                    &self.builtin
                }
            }
            Value::BoundNative(b) => {
                if crate::objects::methods::is_method_wrapper(&b.0, b.1) {
                    method_wrapper_type()
                } else {
                    &self.builtin
                }
            }
            Value::Type(_) => &self.type_,
            Value::Exception(_) => &self.exc.base_exception,
            Value::Iter(_) => &self.iterator,
            Value::Module(_) => &self.module,
            Value::File(_) => &self.file,
            Value::Code(_) => &self.code,
            Value::Cell(_) => &self.cell,
            Value::NotImplemented => &self.not_implemented,
            Value::Instance(i) => i.class(),
            Value::Method(_) => &self.method,
            Value::Descr(d) => match &**d {
                super::class::Descr::StaticMethod(_) => &self.staticmethod,
                super::class::Descr::ClassMethod(_) => &self.classmethod,
                super::class::Descr::Property { .. } => &self.property,
            },
            Value::Super(_) => &self.super_,
            Value::Object(_) => &self.object,
            Value::Generator(g) => {
                use super::generator::GenKind;
                match crate::objects::gil::with_gil(|gil| g.borrow(gil).kind) {
                    GenKind::Generator => &self.generator,
                    GenKind::Coroutine => &self.coroutine,
                    GenKind::AsyncGenerator => &self.async_generator,
                }
            }
        }
    }
}

/// The module's own type of a native iterator (`itertools.count`), if it has one.
fn native_iter_type(it: &Arc<GilCell<super::iter::Iter>>) -> Option<Arc<PyType>> {
    crate::objects::gil::with_gil(|gil| match &*it.borrow(gil) {
        super::iter::Iter::Native(n) => n.py_type(),
        _ => None,
    })
}

/// The type name of a value, for messages (`'int' object is not callable`).
pub fn type_name(v: &Value) -> String {
    match v {
        Value::Exception(e) => e.typ.name.clone(),
        Value::Iter(it) => {
            crate::objects::gil::with_gil(|gil| it.borrow(gil).type_name().to_owned())
        }
        Value::Object(o) => o.0.type_name().to_owned(),
        Value::File(f) => crate::objects::gil::with_gil(|gil| {
            let f = f.borrow(gil);
            match (f.binary, f.mode.contains('+'), f.mode.contains('r')) {
                (false, _, _) => "_io.TextIOWrapper",
                (true, true, _) => "_io.BufferedRandom",
                (true, false, true) => "_io.BufferedReader",
                (true, false, false) => "_io.BufferedWriter",
            }
            .to_owned()
        }),
        _ => types().of_ref(v).name.clone(),
    }
}

/// `method_descriptor`: the type of a built-in type's method taken from the type
/// (`str.join`).
pub fn method_descriptor_type() -> &'static Arc<PyType> {
    static T: OnceLock<Arc<PyType>> = OnceLock::new();
    if T.get().is_none() {
        PyType::descriptor_type(&T, "method_descriptor");
    }
    T.get().expect("made above")
}

/// `classmethod_descriptor`: a built-in class method in its type's dict
/// (`dict.__dict__['fromkeys']`).
pub fn classmethod_descriptor_type() -> &'static Arc<PyType> {
    static T: OnceLock<Arc<PyType>> = OnceLock::new();
    if T.get().is_none() {
        PyType::descriptor_type(&T, "classmethod_descriptor");
    }
    T.get().expect("made above")
}

/// `method-wrapper`: a slot wrapper bound to an object (`(1).__add__`).
pub fn method_wrapper_type() -> &'static Arc<PyType> {
    static T: OnceLock<Arc<PyType>> = OnceLock::new();
    if T.get().is_none() {
        PyType::descriptor_type(&T, "method-wrapper");
    }
    T.get().expect("made above")
}
