//! `import`: `IMPORT_NAME` (and `__import__`) resolves a relative name, then a [`Job`]
//! imports each dotted prefix not in `sys.modules` (built-in modules, then the parent
//! package's `__path__` or `sys.path`: packages, modules, namespace packages, the
//! frozen library) and the fromlist's submodules. For a module written in Python it
//! pushes a frame for its body whose follow-up ([`Ret::Import`], then
//! [`Ret::ImportJob`]) hands the module on when the body returns, or takes it out of
//! `sys.modules` when an exception leaves it, and goes on with the job. No nested
//! dispatch loop: the bodies run in the importer's loop. `IMPORT_FROM` and CPython's
//! messages for what cannot be imported are here too.

use crate::objects::rc::Arc;
use crate::objects::value::PyBool;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::call::Called;
use super::frame::Ret;
use super::state::MicroThread;
use crate::compile::{cache, CompileError};
use crate::modules::{self, Found};
use crate::objects::exception::{key_error, recursion_error, type_error, value_error, PyErr};
use crate::objects::gil::{Gil, GilCell};
use crate::objects::module::Module;
use crate::objects::types::{types, Kind, PyType};
use crate::objects::value::Value;

/// Modules whose body is running (CPython's `__spec__._initializing`), with who runs
/// it: `from m import x` failing on one of them blames a circular import, and
/// another micro-thread or OS thread importing one waits for its body to end, as
/// CPython's per-module import locks make it (`_ModuleLock`): it would otherwise
/// take the module half made (a thread importing `traceback` while another one
/// runs its body found no `print_exception`).
static INITIALIZING: Mutex<Vec<Initializing>> = Mutex::new(Vec::new());
/// How many entries [`INITIALIZING`] has: the import of a module already there
/// looks no further when none is (the usual case).
static BUSY: AtomicUsize = AtomicUsize::new(0);
/// Who waits for which module's body (CPython's `_blocking_on`): a wait that would
/// close a cycle is not made, and the module is taken as it is.
static BLOCKED: Mutex<Vec<(Owner, String)>> = Mutex::new(Vec::new());

/// Who runs code: an OS thread (`_thread.get_ident()`) and its micro-thread.
type Owner = (u64, Option<deferred::DeferredId>);

struct Initializing {
    name: String,
    owner: Owner,
    /// Made by the first importer that waits (taken on the owner's behalf),
    /// released when the body ends.
    done: Option<Value>,
}

fn me() -> Owner {
    (crate::mt::os_thread::ident(), crate::mt::current_id())
}

fn lock_list<T>(m: &'static Mutex<T>) -> std::sync::MutexGuard<'static, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn initializing(name: &str) -> bool {
    lock_list(&INITIALIZING).iter().any(|e| e.name == name)
}

fn set_initializing(name: &str, on: bool) {
    let mut g = lock_list(&INITIALIZING);
    if on {
        g.push(Initializing {
            name: name.to_owned(),
            owner: me(),
            done: None,
        });
        BUSY.fetch_add(1, Ordering::Relaxed);
    } else if let Some(i) = g.iter().rposition(|e| e.name == name) {
        let e = g.remove(i);
        BUSY.fetch_sub(1, Ordering::Relaxed);
        drop(g);
        if let Some(lock) = e.done {
            crate::modules::os_threads::lock::release_sentinel(&lock);
        }
    }
}

/// Is `name`'s body running in someone else (so an import of it must wait)?
fn foreign_initializing(name: &str) -> bool {
    if BUSY.load(Ordering::Relaxed) == 0 {
        return false;
    }
    let me = me();
    lock_list(&INITIALIZING)
        .iter()
        .rev()
        .find(|e| e.name == name)
        .is_some_and(|e| e.owner != me)
}

/// The lock to wait on for `name`'s body to end, when someone else runs it and
/// waiting closes no cycle of importers waiting for each other (CPython's
/// `_DeadlockError`, after which it takes the module as it is). The wait is recorded
/// until [`unblock`].
fn wait_for(name: &str) -> Option<Value> {
    use crate::modules::os_threads::lock::{take_sentinel, Lock};
    if BUSY.load(Ordering::Relaxed) == 0 {
        return None;
    }
    let me = me();
    let mut g = lock_list(&INITIALIZING);
    let i = g.iter().rposition(|e| e.name == name)?;
    if g[i].owner == me {
        return None;
    }
    let mut blocked = lock_list(&BLOCKED);
    let mut owner = g[i].owner;
    for _ in 0..=blocked.len() {
        if owner == me {
            return None;
        }
        let Some((_, waits_for)) = blocked.iter().find(|(o, _)| *o == owner) else {
            break;
        };
        match g.iter().rfind(|e| e.name == *waits_for) {
            Some(e) => owner = e.owner,
            None => break,
        }
    }
    let lock = g[i]
        .done
        .get_or_insert_with(|| {
            let lock = Lock::new_value(false);
            take_sentinel(&lock);
            lock
        })
        .clone();
    blocked.push((me, name.to_owned()));
    Some(lock)
}

/// The running code waits for no module's body any more.
fn unblock() {
    if BUSY.load(Ordering::Relaxed) == 0 && lock_list(&BLOCKED).is_empty() {
        return;
    }
    let me = me();
    lock_list(&BLOCKED).retain(|(o, _)| *o != me);
}

/// Push a frame that waits for `lock` (released when a module's body ends) and lets
/// the next waiter go: a lock's wait suspends a micro-thread, or its OS thread when
/// it runs none.
fn push_wait(th: &mut MicroThread, lock: Value) -> Result<(), PyErr> {
    let code = crate::compile::compile(
        "lock.acquire()\nlock.release()\n",
        "<frozen importlib._bootstrap>",
    )
    .map_err(|e| syntax_error(&e))?;
    let mut ns = crate::objects::dict::Dict::new();
    let _ = ns.insert(Value::str("lock"), lock);
    let _ = ns.insert(
        Value::str("__builtins__"),
        Value::Dict(super::builtins_dict().clone()),
    );
    super::push_module_frame(th, code, Arc::new(GilCell::new(ns)), None, Ret::Push);
    Ok(())
}

fn cached(gil: Gil<'_>, name: &str) -> Option<Value> {
    modules::sys_modules()
        .borrow(gil)
        .get_str(&crate::objects::str::PyStr::new(name.to_owned()))
}

fn cache(gil: Gil<'_>, name: &str, m: Value) {
    let _ = modules::sys_modules()
        .borrow_mut(gil)
        .insert(Value::str(name), m);
}

/// `ModuleNotFoundError(msg, name=name)`.
fn not_found(msg: String, name: &str) -> PyErr {
    let msg = Value::string(msg);
    PyErr::with_attrs(
        &types().exc.module_not_found_error,
        vec![msg.clone()],
        vec![("msg", msg), ("name", Value::str(name))],
    )
}

fn plain_import_error(msg: &str) -> PyErr {
    import_error(msg.to_owned(), Value::None, Value::None)
}

/// An attribute of a module (or of what a program put in `sys.modules`).
fn attr_of(gil: Gil<'_>, m: &Value, name: &str) -> Option<Value> {
    match m {
        Value::Module(module) => module.get(gil, name),
        other => super::attr::getattr(gil, other, name).ok(),
    }
}

/// The strings of a `__path__` (a list, or any tuple of directories).
fn path_entries(gil: Gil<'_>, p: &Value) -> Vec<String> {
    let items = match p {
        Value::List(l) => l.borrow(gil).to_vec(),
        Value::Tuple(t) => t.to_vec(),
        _ => Vec::new(),
    };
    items
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

static SPEC_TYPE: std::sync::OnceLock<Arc<PyType>> = std::sync::OnceLock::new();

/// `__spec__` of a module pyvm imports: a `ModuleSpec` with CPython's attributes
/// (`loader` is `None`: pyvm has no loader objects).
fn module_spec(gil: Gil<'_>, name: &str, origin: Value, search: Value, parent: &str) -> Value {
    let cls = SPEC_TYPE.get_or_init(|| {
        let mut t = PyType::builtin(
            "ModuleSpec",
            "importlib._bootstrap",
            Some(&types().object),
            Kind::Object,
            None,
        );
        t.heap = true;
        Arc::new(t)
    });
    let has_location =
        matches!(&origin, Value::Str(s) if !matches!(s.as_str(), "frozen" | "built-in"));
    let inst = crate::objects::class::Instance::new(cls.clone());
    {
        let mut d = inst.dict.borrow_mut(gil);
        for (k, v) in [
            ("name", Value::str(name)),
            ("loader", Value::None),
            ("origin", origin),
            ("loader_state", Value::None),
            ("submodule_search_locations", search),
            ("parent", Value::str(parent)),
            ("has_location", Value::bool(has_location)),
            ("cached", Value::None),
        ] {
            let _ = d.insert(crate::objects::str::intern(k), v);
        }
    }
    Value::Instance(crate::objects::gc::instance(inst))
}

/// The attributes CPython's `_init_module_attrs` gives a built-in module (`__name__`,
/// `__doc__`, `__package__`, `__loader__`, `__spec__` with origin `'built-in'`), on
/// its first import; what the module set itself stays.
pub(crate) fn builtin_module_attrs(gil: Gil<'_>, m: &Value, name: &str) {
    let Value::Module(m) = m else {
        return;
    };
    if m.get(gil, "__spec__").is_some() {
        return;
    }
    let parent = name.rsplit_once('.').map_or("", |(p, _)| p);
    let spec = module_spec(gil, name, Value::str("built-in"), Value::None, parent);
    for (k, v) in [
        ("__name__", Value::str(name)),
        (
            "__doc__",
            crate::objects::docs::doc(&format!("module {name}")).map_or(Value::None, Value::str),
        ),
        ("__package__", Value::str(parent)),
        ("__loader__", Value::None),
        ("__spec__", spec),
    ] {
        if m.get(gil, k).is_none() {
            m.set(gil, k, v);
        }
    }
}

/// A new module object for `name` with the attributes CPython's `_init_module_attrs`
/// gives it. `package`: the package's `__path__` list (a package or namespace
/// package); `file`: its source file (`None` for a namespace package).
fn new_module(
    gil: Gil<'_>,
    name: &str,
    package: Option<Vec<String>>,
    file: Option<&str>,
    origin: Value,
) -> Arc<Module> {
    let module = Arc::new(Module::new(name));
    let parent = if package.is_some() {
        name
    } else {
        name.rsplit_once('.').map_or("", |(p, _)| p)
    };
    let search = match &package {
        Some(dirs) => Value::list(dirs.iter().map(|d| Value::str(d)).collect()),
        None => Value::None,
    };
    module.set(gil, "__name__", Value::str(name));
    module.set(gil, "__doc__", Value::None);
    module.set(gil, "__package__", Value::str(parent));
    module.set(gil, "__loader__", Value::None);
    let spec = module_spec(gil, name, origin, search.clone(), parent);
    module.set(gil, "__spec__", spec);
    if package.is_some() {
        module.set(gil, "__path__", search);
    }
    match file {
        Some(f) => module.set(gil, "__file__", Value::str(f)),
        None if package.is_some() => module.set(gil, "__file__", Value::None),
        None => {}
    }
    // An imported module's globals name the builtins by their namespace, as
    // CPython's (`__main__`'s name the module).
    module.set(
        gil,
        "__builtins__",
        Value::Dict(super::builtins_dict().clone()),
    );
    module
}

/// An `import` in progress (CPython's `__import__`: `_gcd_import` of each parent, then
/// `_handle_fromlist`). It lives in the follow-up of each module body it runs, so the
/// bodies run in the importer's loop.
pub struct Job {
    /// The name as written (without the leading dots) and its level.
    name: String,
    level: usize,
    /// The absolute name it resolved to.
    abs: String,
    has_from: bool,
    /// Fromlist items still to check (and whether they came from `__all__`).
    pending: std::collections::VecDeque<(Value, bool)>,
    /// `abs`'s module, once imported.
    module: Option<Value>,
    /// What the chain imports now (`abs`, or `abs.x` for a fromlist item `x`): each
    /// parent first. `done` of its dotted parts are imported.
    target: String,
    done: usize,
    /// The fromlist submodule being imported, if any (a `ModuleNotFoundError` for it
    /// alone is ignored).
    sub: Option<String>,
    /// The module whose body runs now (its parent gets it as an attribute).
    loading: Option<String>,
}

/// The package a relative import in `globals` is relative to (CPython's
/// `resolve_name`), and the absolute name.
fn resolve_name(
    gil: Gil<'_>,
    name: &str,
    globals: Option<&Arc<GilCell<crate::objects::dict::Dict>>>,
    level: usize,
) -> Result<String, PyErr> {
    let Some(globals) = globals else {
        return Err(key_error(Value::str("'__name__' not in globals")));
    };
    let get = |k: &str| {
        globals
            .borrow(gil)
            .get_str(&crate::objects::str::PyStr::new(k.to_owned()))
    };
    let spec = get("__spec__").filter(|s| !matches!(s, Value::None));
    let package: String = match get("__package__").filter(|p| !matches!(p, Value::None)) {
        Some(Value::Str(p)) => p.as_str().to_owned(),
        Some(_) => return Err(type_error("package must be a string")),
        None => match spec {
            Some(spec) => match attr_of(gil, &spec, "parent") {
                Some(Value::Str(p)) => p.as_str().to_owned(),
                _ => return Err(type_error("__spec__.parent must be a string")),
            },
            None => {
                let n = match get("__name__") {
                    Some(Value::Str(n)) => n.as_str().to_owned(),
                    Some(_) => return Err(type_error("__name__ must be a string")),
                    None => return Err(key_error(Value::str("'__name__' not in globals"))),
                };
                if get("__path__").is_some() {
                    n
                } else {
                    match n.rsplit_once('.') {
                        Some((p, _)) => p.to_owned(),
                        None => String::new(),
                    }
                }
            }
        },
    };
    if package.is_empty() {
        return Err(plain_import_error(
            "attempted relative import with no known parent package",
        ));
    }
    let mut base = package.as_str();
    for _ in 1..level {
        match base.rsplit_once('.') {
            Some((b, _)) => base = b,
            None => {
                return Err(plain_import_error(
                    "attempted relative import beyond top-level package",
                ))
            }
        }
    }
    Ok(if name.is_empty() {
        base.to_owned()
    } else {
        format!("{base}.{name}")
    })
}

/// `IMPORT_NAME name` (with the `level` and `fromlist` it pops) and `__import__`:
/// the module to push, or a pushed frame running a module's body (its follow-up
/// carries the rest of the import). The importer's `ip` is already saved.
/// The `locals` argument an `import` passes to a replaced `__import__`: the frame's
/// namespace (a module's or class body's), `None` in a function (CPython 3.11).
pub(crate) fn import_locals(f: &super::frame::Frame) -> Value {
    use std::sync::atomic::Ordering;
    let optimized = f.code.flags.load(Ordering::Relaxed) & crate::compile::code::CO_OPTIMIZED != 0;
    match &f.locals {
        Some(d) => Value::Dict(d.clone()),
        None if optimized => Value::None,
        None => Value::Dict(f.globals.clone()),
    }
}

pub(crate) fn import_name(
    gil: Gil<'_>,
    th: &mut MicroThread,
    name: &str,
    globals: Option<&Arc<GilCell<crate::objects::dict::Dict>>>,
    fromlist: &Value,
    level: &Value,
) -> Result<Called, PyErr> {
    let level = match level {
        Value::Int(n) if *n >= 0 => *n as usize,
        Value::Int(_) => return Err(value_error("level must be >= 0")),
        Value::Bool(b) => b.get() as usize,
        other => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                crate::objects::types::type_name(other)
            )))
        }
    };
    let abs = if level > 0 {
        resolve_name(gil, name, globals, level)?
    } else {
        if name.is_empty() {
            return Err(value_error("Empty module name"));
        }
        name.to_owned()
    };
    let items: Vec<Value> = match fromlist {
        Value::None => Vec::new(),
        Value::Tuple(t) => t.to_vec(),
        Value::List(l) => l.borrow(gil).to_vec(),
        other => {
            let mut cx = crate::native::Cx { gil, th };
            cx.collect(other).map_err(|e| match e {
                deferred::Unwind::Raise(e) => e,
                deferred::Unwind::Deferred => type_error("fromlist cannot be iterated here"),
            })?
        }
    };
    // Already imported: no parent is looked at (CPython's fast path), and a plain
    // `import m` or `from m import x` of a module needs no job.
    let done = match cached(gil, &abs) {
        Some(Value::None) | None => 0,
        // Its body runs in another micro-thread or OS thread: the job waits for it.
        Some(_) if foreign_initializing(&abs) => 0,
        Some(m) if !name.contains('.') && (items.is_empty() || !is_package(gil, &m)) => {
            return Ok(Called::Value(m));
        }
        Some(_) => abs.split('.').count(),
    };
    let job = Box::new(Job {
        name: name.to_owned(),
        level,
        abs: abs.clone(),
        has_from: !items.is_empty(),
        pending: items.into_iter().map(|v| (v, false)).collect(),
        module: None,
        target: abs,
        done,
        sub: None,
        loading: None,
    });
    step(gil, th, job)
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
pub(crate) fn builtin_import(
    gil: Gil<'_>,
    th: &mut MicroThread,
    args: crate::native::Args,
) -> Result<Called, PyErr> {
    let a = crate::native::clinic(
        args,
        "__import__",
        &["name", "globals", "locals", "fromlist", "level"],
        1,
        5,
    )?;
    let name = match &a[0] {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        _ => return Err(type_error("module name must be a string")),
    };
    let level = a[4].clone().unwrap_or(Value::Int(0));
    let fromlist = a[3].clone().unwrap_or(Value::None);
    let globals = match &a[1] {
        Some(Value::Dict(d)) => Some(d.clone()),
        Some(Value::None) | None => None,
        Some(_) if !matches!(level, Value::Int(0)) => {
            return Err(type_error("globals must be a dict"))
        }
        Some(_) => None,
    };
    // `__import__` empties the fromlist that is not true (`fromlist=None`, `()`).
    import_name(gil, th, &name, globals.as_ref(), &fromlist, &level)
}

impl Job {
    /// `_handle_fromlist` ignores a missing submodule named by the fromlist.
    fn ignores(&self, gil: Gil<'_>, err: &PyErr) -> bool {
        let Some(sub) = &self.sub else { return false };
        err.is_instance(&types().exc.module_not_found_error)
            && err
                .0
                .attr(gil, "name")
                .and_then(|n| n.as_str().map(str::to_owned))
                == Some(sub.clone())
            && !matches!(cached(gil, sub), Some(Value::None))
    }
}

/// Give module `name` to its parent package as an attribute.
fn set_on_parent(gil: Gil<'_>, name: &str, m: &Value) {
    let Some((parent, child)) = name.rsplit_once('.') else {
        return;
    };
    match cached(gil, parent) {
        Some(Value::Module(p)) => p.set(gil, child, m.clone()),
        Some(Value::Instance(i)) => {
            let _ = i
                .dict
                .borrow_mut(gil)
                .insert(crate::objects::str::intern(child), m.clone());
        }
        _ => {}
    }
}

/// Run `job` on: import what its chain still needs (pushing a module body's frame
/// and returning `Called::Frame` when one must run), then its fromlist.
fn step(gil: Gil<'_>, th: &mut MicroThread, mut job: Box<Job>) -> Result<Called, PyErr> {
    loop {
        match chain(gil, th, &mut job) {
            Ok(true) => {}
            Ok(false) => {
                // A body runs: the job continues in its follow-up.
                let top = th.frames.last_mut().expect("the module's frame");
                let inner = std::mem::replace(&mut top.ret, Ret::Push);
                top.ret = Ret::chain(inner, Ret::ImportJob(job));
                return Ok(Called::Frame);
            }
            Err(e) if job.ignores(gil, &e) => job.sub = None,
            Err(e) => return Err(e),
        }
        if job.module.is_none() {
            let m = cached(gil, &job.abs).ok_or_else(|| key_error(Value::str(&job.abs)))?;
            if !job.has_from {
                match finish_plain(gil, &job, m)? {
                    Some(v) => return Ok(Called::Value(v)),
                    None => {
                        let front = job.name.split('.').next().unwrap_or_default().to_owned();
                        job.name = front.clone();
                        job.abs = front.clone();
                        job.target = front;
                        job.done = 0;
                        continue;
                    }
                }
            }
            if !is_package(gil, &m) {
                return Ok(Called::Value(m));
            }
            job.module = Some(m);
        }
        job.sub = None;
        let module = job.module.clone().expect("the imported module");
        let mut next = None;
        while let Some((x, recursive)) = job.pending.pop_front() {
            let Some(xs) = x.as_str() else {
                let modname = attr_of(gil, &module, "__name__")
                    .and_then(|n| n.as_str().map(str::to_owned))
                    .unwrap_or_default();
                let place = if recursive {
                    format!("{modname}.__all__")
                } else {
                    "``from list''".to_owned()
                };
                return Err(type_error(format!(
                    "Item in {place} must be str, not {}",
                    crate::objects::types::type_name(&x)
                )));
            };
            if xs == "*" {
                if !recursive {
                    if let Some(all) = attr_of(gil, &module, "__all__") {
                        let items = match &all {
                            Value::List(l) => l.borrow(gil).to_vec(),
                            Value::Tuple(t) => t.to_vec(),
                            _ => Vec::new(),
                        };
                        for v in items.into_iter().rev() {
                            job.pending.push_front((v, true));
                        }
                    }
                }
                continue;
            }
            if attr_of(gil, &module, xs).is_none() {
                let modname = attr_of(gil, &module, "__name__")
                    .and_then(|n| n.as_str().map(str::to_owned))
                    .unwrap_or_default();
                next = Some(format!("{modname}.{xs}"));
                break;
            }
        }
        match next {
            Some(sub) => {
                job.done = 0;
                job.target = sub.clone();
                job.sub = Some(sub);
            }
            None => return Ok(Called::Value(module)),
        }
    }
}

/// What `__import__` returns without a fromlist: the top-level package of the name
/// as written (`import a.b` binds `a`); `None` when that package must be imported
/// again (a program took it out of `sys.modules`).
fn finish_plain(gil: Gil<'_>, job: &Job, m: Value) -> Result<Option<Value>, PyErr> {
    let Some(dot) = job.name.find('.') else {
        return Ok(Some(m));
    };
    if job.level == 0 {
        let front = &job.name[..dot];
        return match cached(gil, front) {
            Some(v) if !matches!(v, Value::None) => Ok(Some(v)),
            // Gone from `sys.modules` (CPython imports it again).
            _ => Ok(None),
        };
    }
    let cut = job.name.len() - dot;
    let to_return = &job.abs[..job.abs.len() - cut];
    cached(gil, to_return).map(Some).ok_or_else(|| {
        match crate::objects::repr::str_repr(to_return) {
            Ok(r) => key_error(Value::string(format!("{r} not in sys.modules as expected"))),
            Err(e) => e,
        }
    })
}

fn is_package(gil: Gil<'_>, m: &Value) -> bool {
    attr_of(gil, m, "__path__").is_some()
}

/// CPython has imported `os` before a program runs (`site` does); pyvm imports it
/// when first needed. `genericpath` imports `os` before defining anything, and
/// `os` imports it back through `posixpath`: so `os` goes first, on a scratch
/// micro-thread, as it would have at start-up.
fn os_first(gil: Gil<'_>, name: &str) {
    if name != "genericpath" || modules::stdlib::path().is_none() || cached(gil, "os").is_some() {
        return;
    }
    let import = crate::native::builtin_function(gil, "__import__");
    // A failure shows again when `genericpath` itself imports `os`.
    let _ = super::detached::call(gil, "import", &import, vec![Value::str("os")]);
}

/// Import the parts of `job.target` not yet imported, each parent first: `Ok(true)`
/// when all are, `Ok(false)` when a module body's frame was pushed (`job.loading`).
fn chain(gil: Gil<'_>, th: &mut MicroThread, job: &mut Job) -> Result<bool, PyErr> {
    unblock();
    let parts: Vec<&str> = job.target.split('.').collect();
    while job.done < parts.len() {
        job.done += 1;
        let name = parts[..job.done].join(".");
        match cached(gil, &name) {
            Some(Value::None) => {
                return Err(not_found(
                    format!("import of {name} halted; None in sys.modules"),
                    &name,
                ))
            }
            Some(_) => {
                if let Some(lock) = wait_for(&name) {
                    // Look again once its body has ended.
                    job.done -= 1;
                    push_wait(th, lock)?;
                    return Ok(false);
                }
                continue;
            }
            None => {}
        }
        os_first(gil, &name);
        if cached(gil, &name).is_some() {
            continue;
        }
        // A built-in module with a dotted name (`os.path`) is there as CPython's
        // `os` puts it in `sys.modules`, whether or not its parent is a package.
        if name.contains('.') {
            if let Some(m) = modules::builtin(gil, &name) {
                builtin_module_attrs(gil, &m, &name);
                cache(gil, &name, m.clone());
                set_on_parent(gil, &name, &m);
                continue;
            }
        }
        let path = match name.rsplit_once('.') {
            None => None,
            Some((parent, _)) => {
                let Some(pm) = cached(gil, parent) else {
                    return Err(key_error(Value::str(parent)));
                };
                match attr_of(gil, &pm, "__path__") {
                    Some(p) => Some(path_entries(gil, &p)),
                    None => {
                        return Err(not_found(
                            format!("No module named '{name}'; '{parent}' is not a package"),
                            &name,
                        ))
                    }
                }
            }
        };
        let path_value = || match &path {
            Some(p) => Value::list(p.iter().map(|d| Value::str(d)).collect()),
            None => Value::None,
        };
        let (before, after) = meta_path_finders(gil);
        if let Some(m) = meta_path_import(gil, &name, &before, path_value())? {
            set_on_parent(gil, &name, &m);
            continue;
        }
        let found = modules::find_spec(gil, &name, path.as_deref());
        if found.is_none() {
            if let Some(m) = meta_path_import(gil, &name, &after, path_value())? {
                set_on_parent(gil, &name, &m);
                continue;
            }
        }
        let (filename, source, file, package, key) = match found {
            None => {
                let hint = modules::stdlib::hint(&name).unwrap_or_default();
                return Err(not_found(format!("No module named '{name}'{hint}"), &name));
            }
            Some(Found::Builtin(m)) => {
                builtin_module_attrs(gil, &m, &name);
                cache(gil, &name, m.clone());
                set_on_parent(gil, &name, &m);
                continue;
            }
            Some(Found::Namespace(dirs)) => {
                let m = new_module(gil, &name, Some(dirs), None, Value::None);
                let m = Value::Module(m);
                cache(gil, &name, m.clone());
                set_on_parent(gil, &name, &m);
                continue;
            }
            Some(Found::File {
                path,
                source,
                package,
                stamp,
            }) => {
                let key = stamp.and_then(|s| Some((cache::key_of(&path)?, s)));
                (path.clone(), source, Some(path), package, key)
            }
            Some(Found::Frozen(src)) => {
                // Frozen into the binary: the build id alone tells it changed.
                let stamp = cache::Stamp {
                    size: src.len() as u64,
                    mtime_ns: 0,
                };
                let key = Some((format!("<frozen>/{name}"), stamp));
                (
                    modules::frozen_filename(&name),
                    src.to_owned(),
                    None,
                    None,
                    key,
                )
            }
        };
        modules::register_source(&filename, &source);
        crate::modules::builtins::exec::check_null_bytes(&source)?;
        let levels = th
            .recursion_limit
            .saturating_sub(th.frames.len())
            .saturating_mul(3);
        // The code cache (CPython's `.pyc`): only compiling is skipped.
        let code = match key
            .as_ref()
            .and_then(|(k, stamp)| cache::load(k, *stamp, &filename))
        {
            Some(code) => code,
            None => {
                let code = crate::compile::depth::with_budget(levels, || {
                    crate::compile::compile(&source, &filename)
                })
                .map_err(|e| syntax_error(&e))?;
                if let Some(e) = crate::native::emit_compile_warnings(gil, &filename)? {
                    return Err(syntax_error(&e));
                }
                if let Some((k, stamp)) = &key {
                    if writes_bytecode(gil) {
                        cache::store(k, *stamp, &code);
                    }
                }
                code
            }
        };
        if th.frames.len() >= th.recursion_limit {
            return Err(recursion_error("maximum recursion depth exceeded"));
        }
        let origin = match &file {
            Some(f) => Value::str(f),
            None => Value::str("frozen"),
        };
        let module = new_module(
            gil,
            &name,
            package.map(|d| vec![d]),
            file.as_deref(),
            origin,
        );
        // In `sys.modules` before the body runs: a circular import gets this module
        // as it is so far.
        cache(gil, &name, Value::Module(module.clone()));
        set_initializing(&name, true);
        super::push_module_frame(th, code, module.dict.clone(), None, Ret::Import(module));
        job.loading = Some(name);
        return Ok(false);
    }
    Ok(true)
}

/// May imports write the code cache? Not under `-B` or `PYTHONDONTWRITEBYTECODE`, nor
/// once a program sets `sys.dont_write_bytecode` (which those two set). The cache is
/// still read, as CPython still reads `.pyc` files.
fn writes_bytecode(gil: Gil<'_>) -> bool {
    matches!(
        crate::modules::sys::module(gil).get(gil, "dont_write_bytecode"),
        Some(Value::Bool(PyBool::False) | Value::Int(0))
    )
}

/// The finders a program put on `sys.meta_path` (`six`'s importer, pytest's
/// assertion rewriter), split around pyvm's own search: those before the first of
/// `importlib.machinery`'s finders are asked first, those after it only for names
/// pyvm's search does not find (CPython asks each in order; pyvm's own finders are
/// its native search, in that place).
fn meta_path_finders(gil: Gil<'_>) -> (Vec<Value>, Vec<Value>) {
    let Some(Value::List(l)) = crate::modules::sys::module(gil).get(gil, "meta_path") else {
        return (Vec::new(), Vec::new());
    };
    let entries = l.borrow(gil).to_vec();
    let own = |v: &Value| matches!(v, Value::Type(t) if &*t.module == "importlib.machinery");
    match entries.iter().position(own) {
        None => (entries, Vec::new()),
        Some(i) => {
            let after = entries[i..].iter().filter(|v| !own(v)).cloned().collect();
            (entries[..i].to_vec(), after)
        }
    }
}

/// Import `name` through the first of `finders` whose `find_spec(name, path, None)`
/// gives a spec, as CPython's `_find_and_load` does: the loader's `create_module`
/// (or a new module), the spec's attributes set on it, the module in `sys.modules`,
/// then `exec_module` (or a legacy `load_module`). What `sys.modules` holds after
/// is the result. `None`: no finder knows the name.
fn meta_path_import(
    gil: Gil<'_>,
    name: &str,
    finders: &[Value],
    path: Value,
) -> Result<Option<Value>, PyErr> {
    use super::attr::getattr;
    use super::detached::call;
    for finder in finders {
        let Ok(find_spec) = getattr(gil, finder, "find_spec") else {
            continue;
        };
        let spec = call(
            gil,
            "import",
            &find_spec,
            vec![Value::str(name), path.clone(), Value::None],
        )?;
        if matches!(spec, Value::None) {
            continue;
        }
        let loader = getattr(gil, &spec, "loader")?;
        if matches!(loader, Value::None) {
            // A namespace package's spec: its search locations are its `__path__`.
            let locations = getattr(gil, &spec, "submodule_search_locations")?;
            let dirs = path_entries(gil, &locations);
            let m = Value::Module(new_module(gil, name, Some(dirs), None, Value::None));
            cache(gil, name, m.clone());
            return Ok(Some(m));
        }
        let created = match getattr(gil, &loader, "create_module") {
            Ok(create) => call(gil, "import", &create, vec![spec.clone()])?,
            Err(_) => {
                let load = getattr(gil, &loader, "load_module")?;
                call(gil, "import", &load, vec![Value::str(name)])?;
                return Ok(Some(
                    cached(gil, name).ok_or_else(|| key_error(Value::str(name)))?,
                ));
            }
        };
        let module = match created {
            Value::None => Value::Module(new_module(gil, name, None, None, Value::None)),
            m => m,
        };
        let set = |attr: &str, v: Value| -> Result<(), PyErr> {
            if let Some((f, args)) = super::class::store_attr(gil, &module, attr, Some(v))? {
                call(gil, "import", &f, args)?;
            }
            Ok(())
        };
        set("__spec__", spec.clone())?;
        set("__loader__", loader.clone())?;
        if let Ok(locations @ Value::List(_)) = getattr(gil, &spec, "submodule_search_locations") {
            set("__path__", locations)?;
        }
        if let Ok(Value::Bool(PyBool::True)) = getattr(gil, &spec, "has_location") {
            if let Ok(origin @ Value::Str(_)) = getattr(gil, &spec, "origin") {
                set("__file__", origin)?;
            }
        }
        cache(gil, name, module.clone());
        let exec = getattr(gil, &loader, "exec_module")?;
        if let Err(e) = call(gil, "import", &exec, vec![module.clone()]) {
            let _ = modules::sys_modules()
                .borrow_mut(gil)
                .remove(&Value::str(name));
            return Err(e);
        }
        return Ok(Some(cached(gil, name).unwrap_or(module)));
    }
    Ok(None)
}

/// The body of a module `job` imports returned with `m` (what `sys.modules` holds
/// under its name): the parent gets it as an attribute and the import goes on.
pub(crate) fn job_returned(
    gil: Gil<'_>,
    th: &mut MicroThread,
    mut job: Box<Job>,
    m: Value,
) -> Result<Called, PyErr> {
    if let Some(name) = job.loading.take() {
        set_on_parent(gil, &name, &m);
    }
    step(gil, th, job)
}

/// An exception left the body of a module `job` imports (already out of
/// `sys.modules`): the import fails, unless it is a fromlist's missing submodule.
pub(crate) fn job_raised(
    gil: Gil<'_>,
    th: &mut MicroThread,
    mut job: Box<Job>,
    err: PyErr,
) -> Result<Called, PyErr> {
    job.loading = None;
    unblock();
    if job.ignores(gil, &err) {
        job.sub = None;
        return step(gil, th, job);
    }
    Err(err)
}

/// The body of `module` returned: the importer gets what `sys.modules` now holds
/// under its name (a module may replace itself there).
pub(crate) fn finished(gil: Gil<'_>, module: &Module) -> Result<Value, PyErr> {
    set_initializing(&module.name, false);
    cached(gil, &module.name).ok_or_else(|| key_error(Value::str(&module.name)))
}

/// An exception left the body of `module`: it is no longer importable as it is.
pub(crate) fn failed(gil: Gil<'_>, module: &Module) {
    set_initializing(&module.name, false);
    let _ = modules::sys_modules()
        .borrow_mut(gil)
        .remove(&Value::str(&module.name));
}

/// `from m import *`: bind in `ns` the names in `m.__all__`, or else every name
/// of `m` that does not start with an underscore.
pub(crate) fn import_star(
    gil: Gil<'_>,
    m: &Value,
    ns: &Arc<GilCell<crate::objects::dict::Dict>>,
) -> Result<(), PyErr> {
    let Value::Module(module) = m else {
        return Err(crate::objects::exception::type_error(
            "from-import-* object has no __dict__ and no __all__",
        ));
    };
    let pairs: Vec<(Value, Value)> = match module.get(gil, "__all__") {
        Some(all) => {
            let names: Vec<Value> = match &all {
                Value::List(l) => l.borrow(gil).to_vec(),
                Value::Tuple(t) => t.to_vec(),
                _ => Vec::new(),
            };
            let mut out = Vec::new();
            for n in names {
                let Some(name) = n.as_str() else {
                    return Err(crate::objects::exception::type_error(format!(
                        "Item in {}.__all__ must be str, not {}",
                        module.name,
                        crate::objects::types::type_name(&n)
                    )));
                };
                let Some(v) = module.get(gil, name) else {
                    return Err(crate::objects::exception::attribute_error(format!(
                        "module '{}' has no attribute '{name}'",
                        module.name
                    )));
                };
                out.push((n.clone(), v));
            }
            out
        }
        None => module
            .dict
            .borrow(gil)
            .iter()
            .filter(|(k, _)| k.as_str().is_some_and(|s| !s.starts_with('_')))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    };
    let mut d = ns.borrow_mut(gil);
    for (k, v) in pairs {
        d.insert(k, v)?;
    }
    Ok(())
}

/// `IMPORT_FROM name` on module `m` (CPython's `import_from` and its messages).
pub(crate) fn import_from(gil: Gil<'_>, m: &Value, name: &str) -> Result<Value, PyErr> {
    let module = match m {
        Value::Module(module) => module,
        other => {
            return super::ops::getattr(gil, other, name).map_err(|_| {
                import_error(
                    format!(
                    "cannot import name '{name}' from '<unknown module name>' (unknown location)"
                ),
                    Value::None,
                    Value::None,
                )
            })
        }
    };
    if let Some(v) = module.get(gil, name) {
        return Ok(v);
    }
    // PEP 562: the module's `__getattr__`; its AttributeError falls through to the
    // submodule and the ImportError below.
    if let Some(ga) = super::attr::module_getattr(gil, module, name) {
        match super::detached::call(gil, "__getattr__", &ga, vec![Value::str(name)]) {
            Ok(v) => return Ok(v),
            Err(e) if e.is_instance(&crate::objects::types::types().exc.attribute_error) => {}
            Err(e) => return Err(e),
        }
    }
    let pkg = match module.get(gil, "__name__") {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        _ => module.name.clone(),
    };
    if let Some(v) = cached(gil, &format!("{pkg}.{name}")) {
        return Ok(v);
    }
    let name_repr = crate::objects::repr::str_repr(name)?;
    let pkg_repr = crate::objects::repr::str_repr(&pkg)?;
    let (msg, path) = match module.get(gil, "__file__") {
        Some(Value::Str(path)) => (
            if initializing(&pkg) {
                format!(
                    "cannot import name {name_repr} from partially initialized module {pkg_repr} (most likely due to a circular import) ({})",
                    path.as_str()
                )
            } else {
                format!(
                    "cannot import name {name_repr} from {pkg_repr} ({})",
                    path.as_str()
                )
            },
            Value::Str(path),
        ),
        _ => (
            format!("cannot import name {name_repr} from {pkg_repr} (unknown location)"),
            Value::None,
        ),
    };
    Err(import_error(msg, Value::string(pkg), path))
}

fn import_error(msg: String, name: Value, path: Value) -> PyErr {
    let msg = Value::string(msg);
    PyErr::with_attrs(
        &types().exc.import_error,
        vec![msg.clone()],
        vec![("msg", msg), ("name", name), ("path", path)],
    )
}

/// A compile error of an imported module as the `SyntaxError` (or
/// `IndentationError`) instance CPython raises, carrying its place.
pub fn syntax_error(e: &CompileError) -> PyErr {
    let mut e = e.clone();
    if !e.text.ends_with('\n') {
        e.text.push('\n');
    }
    syntax_error_exact(&e)
}

/// [`syntax_error`] with the line's text as given (source compiled from a string
/// has no newline after its last line).
pub fn syntax_error_exact(e: &CompileError) -> PyErr {
    match e.class() {
        "RecursionError" => return recursion_error(e.msg.clone()),
        "MemoryError" => return crate::objects::exception::memory_error(),
        _ => {}
    }
    let t = types();
    let typ = match e.class() {
        "IndentationError" => &t.exc.indentation_error,
        _ => &t.exc.syntax_error,
    };
    let text = e.text.clone();
    let (mut col, mut end_col) = (e.col as i64, e.end_col as i64);
    if e.msg == "unexpected indent" {
        // CPython points just before the first character; no caret is printed.
        col = text.chars().take_while(|c| *c == ' ' || *c == '\t').count() as i64;
        end_col = -1;
    }
    let details = vec![
        Value::str(&e.filename),
        Value::Int(e.line as i64),
        Value::Int(col),
        Value::string(text.clone()),
        Value::Int(e.end_line as i64),
        Value::Int(end_col),
    ];
    PyErr::with_attrs(
        typ,
        vec![Value::str(&e.msg), Value::tuple(details)],
        vec![
            ("msg", Value::str(&e.msg)),
            ("filename", Value::str(&e.filename)),
            ("lineno", Value::Int(e.line as i64)),
            ("offset", Value::Int(col)),
            ("text", Value::string(text)),
            ("end_lineno", Value::Int(e.end_line as i64)),
            ("end_offset", Value::Int(end_col)),
        ],
    )
}
