//! Built-in modules, the frozen Python-source library (`pyvm/lib/*.py`), and what
//! `import` consults: `sys.modules`, the built-in table, `sys.path`, and the source
//! texts tracebacks print. Running a module body is the VM's part (`vm::import`).
//! Modules are written only against `crate::native`.

pub mod abc;
pub mod array;
pub mod ast_nodes;
pub mod atexit;
pub mod binascii;
pub mod bisect;
pub mod bufferedio;
pub mod builtins;
pub mod codecs;
pub mod context;
pub mod csv;
pub mod deque;
pub mod elementtree;
pub mod errno;
pub mod frame;
pub mod functools;
pub mod gc;
pub mod hashes;
pub mod heapq;
pub mod imp;
pub mod io_open;
pub mod itertools;
pub mod json;
pub mod marshal;
pub mod math;
pub mod memoryio;
pub mod micro_thread;
pub mod multiprocessing;
pub mod operator;
pub mod os;
pub mod os_threads;
pub mod pickle;
pub mod posix;
pub mod pyexpat;
pub mod queue;
pub mod random;
pub mod resource;
pub mod select;
pub mod signal;
pub mod socket;
pub mod sre;
pub mod stat;
pub mod stdio;
pub mod stdlib;
pub mod string;
pub mod struct_;
pub mod structseq;
pub mod sys;
pub mod textio;
pub mod time;
pub mod time_cal;
pub mod traceback;
pub mod types;
pub mod unicodedata;
pub mod unix;
pub mod weakref;
pub mod zlib;

use crate::objects::rc::Arc;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use crate::objects::dict::Dict;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::module::Module;
use crate::objects::value::Value;

static BUILTINS: OnceLock<Arc<Module>> = OnceLock::new();

/// The `builtins` module (one per process).
pub fn builtins_module() -> &'static Arc<Module> {
    BUILTINS.get_or_init(|| crate::objects::gil::with_gil(|gil| Arc::new(builtins::make(gil))))
}

/// The names of the built-in (Rust) modules (`sys.builtin_module_names`).
pub static BUILTIN_NAMES: &[&str] = &[
    "_abc",
    "_bisect",
    "_blake2",
    "_codecs",
    "_csv",
    "_elementtree",
    "_functools",
    "_heapq",
    "_json",
    "_locale",
    "binascii",
    "_md5",
    "_micro_thread",
    "_operator",
    "_pickle",
    "_multiprocessing",
    "_posixshmem",
    "_posixsubprocess",
    "_pyvm_context",
    "_pyvm_deque",
    "_queue",
    "_random",
    "_sha1",
    "_sha256",
    "_sha3",
    "_sha512",
    "_signal",
    "_socket",
    "_sre",
    "_stat",
    "_string",
    "_struct",
    "_thread",
    "_weakref_native",
    "array",
    "atexit",
    "builtins",
    "cmath",
    "errno",
    "faulthandler",
    "fcntl",
    "gc",
    "grp",
    "itertools",
    "marshal",
    "math",
    "posix",
    "pwd",
    "pyexpat",
    "resource",
    "select",
    "sys",
    "syslog",
    "termios",
    "time",
    "traceback",
    "unicodedata",
    "zlib",
];

/// A built-in (Rust) module by name, or `None`.
pub fn builtin(gil: Gil<'_>, name: &str) -> Option<Value> {
    Some(match name {
        "sys" => Value::Module(sys::module(gil).clone()),
        "builtins" => Value::Module(builtins_module().clone()),
        "math" => Value::Module(math::module(gil).clone()),
        "cmath" => Value::Module(math::cmath::module(gil).clone()),
        "errno" => Value::Module(errno::module(gil).clone()),
        "time" => Value::Module(time::module(gil).clone()),
        // pyvm's own `os` only when there is no standard library: Lib's `os.py`
        // (on `posix`) otherwise.
        "os" | "os.path" if stdlib::path().is_none() => os::module(gil, name),
        "posix" => Value::Module(posix::module(gil).clone()),
        "_posixsubprocess" => Value::Module(posix::spawn::module(gil).clone()),
        "_random" => Value::Module(random::module(gil).clone()),
        "_csv" => Value::Module(csv::module(gil).clone()),
        "_pyvm_deque" => Value::Module(deque::module(gil).clone()),
        "unicodedata" => Value::Module(unicodedata::module(gil).clone()),
        "marshal" => Value::Module(marshal::module(gil).clone()),
        "pwd" => Value::Module(unix::users::pwd_module(gil).clone()),
        "grp" => Value::Module(unix::users::grp_module(gil).clone()),
        "fcntl" => Value::Module(unix::fcntl::module(gil).clone()),
        "termios" => Value::Module(unix::termios::module(gil).clone()),
        "syslog" => Value::Module(unix::syslog::module(gil).clone()),
        "faulthandler" => Value::Module(unix::faulthandler::module(gil).clone()),
        "_struct" => Value::Module(struct_::module(gil).clone()),
        "_json" => Value::Module(json::module(gil).clone()),
        "_pickle" => Value::Module(pickle::module(gil).clone()),
        "itertools" => Value::Module(itertools::module(gil).clone()),
        "_functools" => Value::Module(functools::module(gil).clone()),
        "_types" => Value::Module(types::module(gil).clone()),
        "_textio" => Value::Module(textio::module(gil).clone()),
        "_bufferedio" => Value::Module(bufferedio::module(gil).clone()),
        "_memoryio" => Value::Module(memoryio::module(gil).clone()),
        "_elementtree" => Value::Module(elementtree::module(gil).clone()),
        "_imp" => Value::Module(imp::module(gil).clone()),
        // Lib's `traceback` when the standard library is there (pyvm's tracebacks
        // give it `tb_frame`, `tb_lasti` and `co_positions`); pyvm's own otherwise.
        "traceback" if stdlib::path().is_none() => Value::Module(traceback::module(gil).clone()),
        "_socket" => Value::Module(socket::module(gil).clone()),
        "select" => Value::Module(select::module(gil).clone()),
        "resource" => Value::Module(resource::module(gil).clone()),
        "_multiprocessing" => Value::Module(multiprocessing::module(gil).clone()),
        "_posixshmem" => Value::Module(multiprocessing::shm_module(gil).clone()),
        "_thread" => Value::Module(os_threads::module(gil).clone()),
        "_micro_thread" => Value::Module(micro_thread::module(gil).clone()),
        "binascii" => Value::Module(binascii::module(gil).clone()),
        "_abc" => Value::Module(abc::module(gil).clone()),
        "_weakref_native" => Value::Module(weakref::module(gil).clone()),
        "atexit" => Value::Module(atexit::module(gil).clone()),
        "_signal" => Value::Module(signal::module(gil).clone()),
        "_pyvm_context" => Value::Module(context::module(gil).clone()),
        "_operator" => Value::Module(operator::module(gil).clone()),
        "gc" => Value::Module(gc::module(gil).clone()),
        "zlib" => Value::Module(zlib::module(gil).clone()),
        "pyexpat" => Value::Module(pyexpat::module(gil).clone()),
        "_sre" => Value::Module(sre::module(gil).clone()),
        "_heapq" => Value::Module(heapq::module(gil).clone()),
        "_bisect" => Value::Module(bisect::module(gil).clone()),
        "_queue" => Value::Module(queue::module(gil).clone()),
        "_locale" => Value::Module(unix::locale::module(gil).clone()),
        "_stat" => Value::Module(stat::module(gil).clone()),
        "_codecs" => Value::Module(codecs::module(gil).clone()),
        "_string" => Value::Module(string::module(gil).clone()),
        "array" => Value::Module(array::module(gil).clone()),
        "_md5" | "_sha1" | "_sha256" | "_sha512" | "_sha3" | "_blake2" => {
            Value::Module(hashes::module(gil, name)?)
        }
        _ => return None,
    })
}

/// Attribute `name` of module `module` if it is imported (`sys.modules`): how a
/// native reaches a helper its frozen Python half defines.
pub fn loaded_attr(gil: Gil<'_>, module: &str, name: &str) -> Option<Value> {
    let modules = sys_modules();
    let m = modules
        .borrow(gil)
        .get_str(&crate::objects::str::PyStr::new(module.to_owned()))?;
    match m {
        Value::Module(m) => m.get(gil, name),
        _ => None,
    }
}

/// A module-level built-in function that does not bind as a method when it is a
/// class attribute (CPython's `builtin_function_or_method` is no descriptor): Lib's
/// `encodings` classes hold `_codecs` functions (`_buffer_decode =
/// codecs.utf_8_decode`). Type methods (`dict.get`) do bind.
pub fn plain_function(def: &crate::objects::function::NativeDef) -> bool {
    // `logging.Formatter.converter = time.localtime` too, and
    // `selectors.SelectSelector._select = select.select`.
    let p = def as *const crate::objects::function::NativeDef;
    codecs::is_function(def)
        || time::FUNCS.as_ptr_range().contains(&p)
        || time_cal::FUNCS.as_ptr_range().contains(&p)
        || select::FUNCS.as_ptr_range().contains(&p)
        || posix::FUNCS.as_ptr_range().contains(&p)
        // `f6 = abs` in a class body stays `abs` on its instances.
        || builtins::FUNCS.as_ptr_range().contains(&p)
        || math::FUNCS.as_ptr_range().contains(&p)
        // `dump = _pickle.dump` in a test class.
        || pickle::FUNCS.as_ptr_range().contains(&p)
        // `locktype = thread.allocate_lock` in Lib's test_thread.
        || os_threads::FUNCS.as_ptr_range().contains(&p)
        // `o = io.open` in a class body (`_io.open` is a built-in function).
        || io_open::FUNCS.as_ptr_range().contains(&p)
        // `cmp_to_key = c_functools.cmp_to_key` in Lib's test_functools.
        || functools::FUNCS.as_ptr_range().contains(&p)
        // `isclose = cmath.isclose` in Lib's test_cmath; `compress = zlib.compress`,
        // `key = heapq.heappush`... likewise stay plain functions.
        || math::cmath::FUNCS.as_ptr_range().contains(&p)
        || zlib::FUNCS.as_ptr_range().contains(&p)
        || binascii::FUNCS.as_ptr_range().contains(&p)
        || bisect::FUNCS.as_ptr_range().contains(&p)
        || heapq::FUNCS.as_ptr_range().contains(&p)
        || marshal::FUNCS.as_ptr_range().contains(&p)
}

/// Attributes of built-in functions (`itertools.chain.from_iterable`).
pub fn native_attr(f: &'static crate::objects::function::NativeDef, name: &str) -> Option<Value> {
    itertools::attr(f, name).or_else(|| hashes::attr(f, name))
}

/// The `sys.path` entry that stands for the frozen library (as CPython's stdlib zip
/// stands for its archive): removing it from `sys.path` hides the frozen modules.
pub const FROZEN_PATH: &str = "<frozen>";

/// Modules written in Python and compiled into the binary, by name.
static FROZEN: &[(&str, &str)] = &[
    ("_collections", include_str!("../../lib/_collections.py")),
    ("_io", include_str!("../../lib/_io.py")),
    ("importlib", include_str!("../../lib/importlib.py")),
    (
        "importlib.machinery",
        include_str!("../../lib/importlib_machinery.py"),
    ),
    (
        "importlib.util",
        include_str!("../../lib/importlib_util.py"),
    ),
    ("micro_thread", include_str!("../../lib/micro_thread.py")),
    ("_deferrable", include_str!("../../lib/_deferrable.py")),
    ("_thread_local", include_str!("../../lib/_thread_local.py")),
    ("types", include_str!("../../lib/types.py")),
    ("_ast", include_str!("../../lib/_ast.py")),
    ("_weakref", include_str!("../../lib/_weakref.py")),
    ("_warnings", include_str!("../../lib/_warnings.py")),
    (
        "_frozen_importlib",
        include_str!("../../lib/_frozen_importlib.py"),
    ),
    (
        "_frozen_importlib_external",
        include_str!("../../lib/_frozen_importlib_external.py"),
    ),
    ("_contextvars", include_str!("../../lib/_contextvars.py")),
    ("_datetime", include_str!("../../lib/_datetime.py")),
    ("_pyvm_repl", include_str!("../../lib/_pyvm_repl.py")),
    ("_pyvm_eg", include_str!("../../lib/_pyvm_eg.py")),
    ("_pyvm_async", include_str!("../../lib/_pyvm_async.py")),
];

/// The source of frozen module `name`.
pub fn frozen(name: &str) -> Option<&'static str> {
    FROZEN.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// The file name a frozen module's code and tracebacks carry (CPython's spelling).
pub fn frozen_filename(name: &str) -> String {
    format!("<frozen {name}>")
}

static MODULES: OnceLock<Arc<GilCell<Dict>>> = OnceLock::new();

/// `sys.modules`: the process's module cache (the dict itself, as CPython keeps it
/// even when a program rebinds `sys.modules`).
pub fn sys_modules() -> &'static Arc<GilCell<Dict>> {
    MODULES.get_or_init(|| Arc::new(GilCell::new(Dict::new())))
}

static SOURCES: Mutex<Option<HashMap<String, std::sync::Arc<str>>>> = Mutex::new(None);

/// Remember the text a code object was compiled from, for tracebacks.
pub fn register_source(filename: &str, text: &str) {
    let mut g = SOURCES.lock().unwrap_or_else(|p| p.into_inner());
    g.get_or_insert_with(HashMap::new)
        .insert(filename.to_owned(), std::sync::Arc::from(text));
}

/// The source text of `filename` for a traceback: a registered one (the script, an
/// imported module), a frozen module's, or else the file on disk (as `linecache` does).
pub fn source_text(filename: &str) -> Option<String> {
    {
        let g = SOURCES.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(s) = g.as_ref().and_then(|m| m.get(filename)) {
            return Some(s.to_string());
        }
    }
    if let Some(name) = filename
        .strip_prefix("<frozen ")
        .and_then(|n| n.strip_suffix('>'))
    {
        return frozen(name).map(str::to_owned);
    }
    if filename.starts_with('<') {
        return None;
    }
    std::fs::read(filename)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// Where a module was found (CPython's finders: built-in, frozen, then the path).
pub enum Found {
    /// A built-in (Rust) module.
    Builtin(Value),
    /// A `.py` file; `package` is the package's directory for an `__init__.py`.
    File {
        path: String,
        source: String,
        package: Option<String>,
        /// The file's size and mtime, taken before it was read (the code cache's
        /// validation, `compile::cache`).
        stamp: Option<crate::compile::cache::Stamp>,
    },
    Frozen(&'static str),
    /// A directory without `__init__.py` on every entry that has one (PEP 420): a
    /// namespace package and its portions.
    Namespace(Vec<String>),
}

/// The `sys.path` entries that are strings.
pub fn sys_path(gil: Gil<'_>) -> Vec<String> {
    match sys::module(gil).get(gil, "path") {
        Some(Value::List(l)) => l
            .borrow(gil)
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

/// Find module `fullname` as CPython's meta path does: a built-in module, else on
/// `path` (the parent package's `__path__`) or, for a top-level name, on `sys.path`:
/// in each directory `NAME/__init__.py` (a package), then `NAME.py`; a directory
/// `NAME` alone makes a namespace package when no entry has more. The frozen
/// library stands at its [`FROZEN_PATH`] entry of `sys.path`.
pub fn find_spec(gil: Gil<'_>, fullname: &str, path: Option<&[String]>) -> Option<Found> {
    if let Some(m) = builtin(gil, fullname) {
        return Some(Found::Builtin(m));
    }
    let tail = fullname.rsplit('.').next().unwrap_or(fullname);
    let entries = match path {
        Some(p) => p.to_vec(),
        None => sys_path(gil),
    };
    let mut portions = Vec::new();
    for dir in entries {
        if dir == FROZEN_PATH {
            // Top-level frozen modules, and the submodules of a frozen package (whose
            // `__path__` is this entry: `importlib.machinery`).
            if let Some(src) = frozen(fullname) {
                return Some(Found::Frozen(src));
            }
            continue;
        }
        let dir = if dir.is_empty() {
            match std::env::current_dir() {
                Ok(d) => d.display().to_string(),
                Err(_) => continue,
            }
        } else {
            dir
        };
        let base = std::path::Path::new(&dir).join(tail);
        let init = base.join("__init__.py");
        if init.is_file() {
            if let Some((source, stamp)) = read_source(&init) {
                return Some(Found::File {
                    path: init.display().to_string(),
                    source,
                    stamp,
                    package: Some(base.display().to_string()),
                });
            }
        }
        let file = std::path::Path::new(&dir).join(format!("{tail}.py"));
        if file.is_file() {
            if let Some((source, stamp)) = read_source(&file) {
                return Some(Found::File {
                    path: file.display().to_string(),
                    source,
                    stamp,
                    package: None,
                });
            }
        }
        if base.is_dir() {
            portions.push(base.display().to_string());
        }
    }
    if portions.is_empty() {
        None
    } else {
        Some(Found::Namespace(portions))
    }
}

/// A source file's text and its stamp (taken first: a file changed while it is read
/// gets the old stamp, so its cached code is not used later).
fn read_source(path: &std::path::Path) -> Option<(String, Option<crate::compile::cache::Stamp>)> {
    let stamp = std::fs::metadata(path)
        .ok()
        .map(|m| crate::compile::cache::Stamp::of(&m));
    let text = std::fs::read(path)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())?;
    Some((text, stamp))
}

/// Set up `sys.modules` and `sys.path` for a program whose `__main__` module is
/// `main`: `sys.path` is `path0` (the script's folder, `''` for `-c`; none under
/// `-P`), the `PYTHONPATH` entries (unless `-E`), the frozen library, then CPython's
/// standard library when one is found (`stdlib`).
pub fn init_main(gil: Gil<'_>, main: &Arc<Module>, path0: Option<&str>) {
    let sys = sys::module(gil);
    crate::native::builtin_module_attrs(gil, &Value::Module(sys.clone()), "sys");
    let builtins = Value::Module(builtins_module().clone());
    crate::native::builtin_module_attrs(gil, &builtins, "builtins");
    {
        let mut m = sys_modules().borrow_mut(gil);
        let _ = m.insert(Value::str("sys"), Value::Module(sys.clone()));
        let _ = m.insert(
            Value::str("builtins"),
            Value::Module(builtins_module().clone()),
        );
        let _ = m.insert(Value::str("__main__"), Value::Module(main.clone()));
    }
    if main.get(gil, "__builtins__").is_none() {
        main.set(
            gil,
            "__builtins__",
            Value::Module(builtins_module().clone()),
        );
    }
    let mut path: Vec<Value> = path0.map(Value::str).into_iter().collect();
    if let Some(pp) = sys::env_var("PYTHONPATH") {
        path.extend(pp.split(':').filter(|e| !e.is_empty()).map(Value::str));
    }
    path.push(Value::str(FROZEN_PATH));
    if let Some(dir) = stdlib::path() {
        path.push(Value::string(dir.display().to_string()));
    }
    if sys::options().no_site == 0 {
        for dir in site_dirs() {
            path.extend(site_entries(&dir).into_iter().map(Value::string));
        }
    }
    if let Some(Value::List(l)) = sys.get(gil, "path") {
        *l.borrow_mut(gil) = path;
    }
}

/// The site-packages folder of the venv-like folder pyvm runs from, as CPython's
/// `site.py` finds a virtual environment: a `pyvenv.cfg` in the folder of the
/// executable (as invoked, symlinks not resolved, then as resolved) or in its
/// parent names the environment's root, whose `lib/python3.11/site-packages` holds
/// what `pip` installed there. (`python3 -m venv ENV`, `ENV/bin/pip install PKG`,
/// then `ENV/bin/pyvm` as a link to pyvm.)
fn site_dirs() -> Vec<std::path::PathBuf> {
    let invoked = sys::options()
        .orig_argv
        .first()
        .filter(|a| a.contains('/'))
        .map(|a| std::env::current_dir().unwrap_or_default().join(a));
    let candidates = invoked.into_iter().chain(std::env::current_exe().ok());
    for exe in candidates {
        let Some(bin) = exe.parent() else { continue };
        for root in [Some(bin), bin.parent()].into_iter().flatten() {
            if root.join("pyvenv.cfg").is_file() {
                let site = root.join("lib/python3.11/site-packages");
                return if site.is_dir() {
                    vec![site]
                } else {
                    Vec::new()
                };
            }
        }
    }
    Vec::new()
}

/// A site folder's `sys.path` entries: the folder, then the folders its `.pth`
/// files name (one per line, relative to the site folder; blank lines, comments and
/// missing folders skipped; the `import` lines CPython executes are not run).
fn site_entries(dir: &std::path::Path) -> Vec<String> {
    let mut out = vec![dir.display().to_string()];
    let mut pth: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pth"))
        .collect();
    pth.sort();
    for file in pth {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        for line in text.lines().map(str::trim_end) {
            if line.is_empty()
                || line.starts_with('#')
                || line.starts_with("import ")
                || line.starts_with("import\t")
            {
                continue;
            }
            let entry = dir.join(line);
            let shown = entry.display().to_string();
            if entry.is_dir() && !out.contains(&shown) {
                out.push(shown);
            }
        }
    }
    out
}
