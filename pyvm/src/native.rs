//! The public native API: what a built-in function or module is written against
//! (argument parsing, value constructors, exception constructors, calling back into
//! Python). Built-in modules use only this, never the eval loop or a frame: what they
//! need of the loop is a function or a `Cx` method here, of the driver [`Wait`],
//! [`io`] (a socket's waits) and [`driver`] (`micro_thread`, `_thread`); each
//! forwards unchanged (`tests/layout.rs` checks that `modules/` names neither `vm`
//! nor `mt`).
//!
//! # Natives that call back into Python
//!
//! A native such as `sorted(key=f)` or `map(f, xs)` calls Python through
//! [`Cx::call`]. That is a *bounded re-entry*: the call pushes the Python frame on the
//! same micro-thread's frame stack and runs a nested dispatch loop until that frame
//! returns. Nesting is counted (`MAX_REENTRY`) and the stack left is checked
//! (`crate::stack`); past either the call raises `RecursionError`, so the Rust stack
//! stays bounded whatever the script does.
//!
//! A wait inside that Python code (a sleep, a micro_pipe read, a lock) suspends the
//! native with it: every micro-thread runs on a worker stack of its own
//! (`mt::worker`, Stackless's *hard switching*), so the native's Rust frames stay on
//! that stack while other micro-threads run, and its call returns when the wait is
//! over, with what sequential Python would give (`vm::call::nested_run`,
//! `mt::block`). The natives need no continuations (Lua's `lua_callk`) for this.
//!
//! The PEP's rule 2 (a native that is not deferral-aware turns a deferral into
//! "Deferred execution not yet implemented by &lt;name&gt;") remains in two places:
//! inside `with micro_thread.atomic():`, where a wait raises a `RuntimeError` (it
//! would switch micro_threads) instead of suspending anything, and in strict mode
//! (`micro_thread.set_strict(True)`, `PYVM_STRICT=1`), where a wait that would
//! suspend a native raises that exception naming the native, so slow paths can be
//! found. (Where no worker can be suspended, on a stack segment `stacker` grew, the
//! wait is refused the same way.)

use deferred::Unwind;
use smallvec::SmallVec;

pub use crate::mt::wait::Wait;
pub use crate::objects::exception::*;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::types::type_name;
pub use crate::objects::value::Value;
use crate::vm::state::MicroThread;

/// A dict handle, as natives hold one.
type DictRef = crate::objects::rc::Arc<GilCell<crate::objects::dict::Dict>>;

/// How a native stops early: it deferred, or it raised.
pub type PyResult<T> = Result<T, Unwind<PyErr>>;

/// The shape of every built-in function and method (a method gets `self` first).
pub type NativeFn = fn(&mut Cx<'_, '_>, Args) -> PyResult<Value>;

/// What a native may use: the GIL token and its micro-thread (to call Python).
pub struct Cx<'t, 'py> {
    pub gil: Gil<'py>,
    pub(crate) th: &'t mut MicroThread,
}

/// Arguments of a native call.
pub struct Args {
    pub pos: SmallVec<[Value; 4]>,
    /// Keyword arguments: name and value.
    pub kw: Vec<(String, Value)>,
}

impl Args {
    pub fn new(pos: impl IntoIterator<Item = Value>) -> Args {
        Args {
            pos: pos.into_iter().collect(),
            kw: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.pos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pos.is_empty()
    }

    /// Positional argument `i` (caller checked the count).
    pub fn at(&self, i: usize) -> &Value {
        &self.pos[i]
    }

    pub fn get(&self, i: usize) -> Option<&Value> {
        self.pos.get(i)
    }

    /// Take keyword `name` out of the arguments.
    pub fn take_kw(&mut self, name: &str) -> Option<Value> {
        let i = self.kw.iter().position(|(k, _)| k == name)?;
        Some(self.kw.remove(i).1)
    }

    /// `TypeError` unless there are between `min` and `max` positional arguments and no
    /// keywords, worded as CPython words it for a built-in that takes no keywords
    /// (`abs() takes no keyword arguments`). `name` is the function's qualified name
    /// (`math.pow`, `sys.exit`): CPython qualifies only some of its messages.
    pub fn check(&self, name: &str, min: usize, max: usize) -> Result<(), PyErr> {
        if !self.kw.is_empty() {
            return Err(type_error(format!("{name}() takes no keyword arguments")));
        }
        count_error(name, name, self.pos.len(), min, max)
    }

    /// Like `check` for a built-in that accepts keywords (each taken with `take_kw`
    /// first): a keyword still left is CPython's `'k' is an invalid keyword argument
    /// for int()`, too many arguments are Argument Clinic's `int() takes at most 2
    /// arguments (3 given)`.
    pub fn check_kw(&self, name: &str, min: usize, max: usize) -> Result<(), PyErr> {
        self.no_kw_left(name)?;
        let n = self.pos.len();
        if n > max {
            return Err(type_error(format!(
                "{}() takes at most {max} argument{} ({n} given)",
                bare(name),
                if max == 1 { "" } else { "s" }
            )));
        }
        count_error(name, name, n, min, max)
    }

    /// `check_kw` for a method (`self` not counted): `split() takes at most 2 arguments
    /// (3 given)`.
    pub fn check_method_kw(&self, name: &str, min: usize, max: usize) -> Result<(), PyErr> {
        self.no_kw_left(name)?;
        let n = self.pos.len().saturating_sub(1);
        if n > max {
            return Err(type_error(format!(
                "{}() takes at most {max} argument{} ({n} given)",
                bare(name),
                if max == 1 { "" } else { "s" }
            )));
        }
        self.check_method(name, min, max)
    }

    /// Like `check_method` for a method CPython parses with `PyArg_ParseTuple`
    /// (`str.find`, `str.startswith`): `find() takes at least 1 argument (0 given)`.
    pub fn check_getargs(&self, name: &str, min: usize, max: usize) -> Result<(), PyErr> {
        let n = self.pos.len().saturating_sub(1);
        if !self.kw.is_empty() || (n >= min && n <= max) {
            return self.check_method(name, min, max);
        }
        let (how, k) = if min == max {
            ("exactly", min)
        } else if n < min {
            ("at least", min)
        } else {
            ("at most", max)
        };
        Err(type_error(format!(
            "{}() takes {how} {k} argument{} ({n} given)",
            bare(name),
            if k == 1 { "" } else { "s" }
        )))
    }

    /// `TypeError` for a keyword that a native accepting keywords did not take.
    pub fn no_kw_left(&self, name: &str) -> Result<(), PyErr> {
        match self.kw.first() {
            Some((k, _)) => Err(type_error(format!(
                "'{k}' is an invalid keyword argument for {}()",
                bare(name)
            ))),
            None => Ok(()),
        }
    }

    /// Like `check` for a method: `self` is not counted, and CPython names the type in
    /// `str.upper() takes no keyword arguments` and `... takes no arguments (1 given)`.
    pub fn check_method(&self, name: &str, min: usize, max: usize) -> Result<(), PyErr> {
        let n = self.pos.len().saturating_sub(1);
        if self.kw.is_empty() && n >= min && n <= max {
            // The common case: no message to build (this runs on every method call).
            return Ok(());
        }
        let qualified = match (name.contains('.'), self.pos.first()) {
            (false, Some(this)) => format!("{}.{name}", type_name(this)),
            _ => name.to_owned(),
        };
        if !self.kw.is_empty() {
            return Err(type_error(format!(
                "{qualified}() takes no keyword arguments"
            )));
        }
        count_error(bare(name), &qualified, n, min, max)
    }
}

/// `name` without a module or type prefix (`list.append` -> `append`).
fn bare(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// CPython's messages for a wrong number of positional arguments: `qualified() takes
/// exactly one argument (2 given)` for one-or-none (a module function is qualified:
/// `math.sqrt`), `name expected at most 2 arguments, got 3` for the others (never
/// qualified: `pow`).
fn count_error(name: &str, qualified: &str, n: usize, min: usize, max: usize) -> Result<(), PyErr> {
    if n >= min && n <= max {
        return Ok(());
    }
    let name = bare(name);
    Err(type_error(if min == max {
        match min {
            0 => format!("{qualified}() takes no arguments ({n} given)"),
            1 => format!("{qualified}() takes exactly one argument ({n} given)"),
            _ => format!("{name} expected {min} arguments, got {n}"),
        }
    } else if n < min {
        format!(
            "{name} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        )
    }))
}

/// Refuse to build an object of `n` items/bytes that could not be allocated
/// (CPython raises MemoryError instead of dying).
pub fn check_size(n: i64) -> Result<(), PyErr> {
    if n > 1 << 34 || !crate::objects::memory::fits(n.max(0) as u128) {
        return Err(PyErr::new(
            &crate::objects::types::types().exc.memory_error,
            vec![],
        ));
    }
    Ok(())
}

/// `check_size` for `n` items of `each` bytes (indices, values, objects).
pub fn check_items(n: i64, each: usize) -> Result<(), PyErr> {
    check_size(n.saturating_mul(each as i64))
}

/// Argument Clinic's binding for a constructor taking `params` by position or name
/// (the first `required` are required; the ones from `npos` on are keyword-only):
/// `repeat() missing required argument 'object' (pos 1)`.
pub fn clinic(
    args: Args,
    name: &str,
    params: &[&str],
    required: usize,
    npos: usize,
) -> Result<Vec<Option<Value>>, PyErr> {
    clinic_posonly(args, name, params, 0, required, npos)
}

/// [`clinic`] where the first `posonly` parameters are positional-only (`sum(iterable,
/// /, start=0)`): CPython's `_PyArg_UnpackKeywords`, its checks in its order (too many
/// arguments in all, too many positional ones, too few positional-only ones, a
/// required one missing, one given twice, an unknown keyword).
pub fn clinic_posonly(
    mut args: Args,
    name: &str,
    params: &[&str],
    posonly: usize,
    required: usize,
    npos: usize,
) -> Result<Vec<Option<Value>>, PyErr> {
    let n = args.len();
    let nkw = args.kw.len();
    let maxargs = params.len();
    let s = |k: usize| if k == 1 { "" } else { "s" };
    if n + nkw > maxargs {
        return Err(type_error(format!(
            "{name}() takes at most {maxargs} {}argument{} ({} given)",
            if n == 0 { "keyword " } else { "" },
            s(maxargs),
            n + nkw
        )));
    }
    if n > npos {
        return Err(type_error(if npos == 0 {
            format!("{name}() takes no positional arguments")
        } else {
            format!(
                "{name}() takes {} {npos} positional argument{} ({n} given)",
                if required < npos {
                    "at most"
                } else {
                    "exactly"
                },
                s(npos)
            )
        }));
    }
    let min_posonly = posonly.min(required);
    if n < min_posonly {
        return Err(type_error(format!(
            "{name}() takes {} {min_posonly} positional argument{} ({n} given)",
            if min_posonly < npos {
                "at least"
            } else {
                "exactly"
            },
            s(min_posonly)
        )));
    }
    let mut out: Vec<Option<Value>> = args.pos.drain(..).map(Some).collect();
    out.resize(params.len(), None);
    for i in n.max(posonly)..maxargs {
        let v = args.take_kw(params[i]);
        if v.is_none() && i < required {
            return Err(type_error(format!(
                "{name}() missing required argument '{}' (pos {})",
                params[i],
                i + 1
            )));
        }
        out[i] = v;
    }
    if !args.kw.is_empty() {
        for (i, p) in params.iter().enumerate().take(n).skip(posonly) {
            if args.kw.iter().any(|(k, _)| k == p) {
                return Err(type_error(format!(
                    "argument for {name}() given by name ('{p}') and position ({})",
                    i + 1
                )));
            }
        }
        args.no_kw_left(name)?;
    }
    Ok(out)
}

/// Argument Clinic's first check for a built-in taking keywords (before its keywords
/// are taken): more arguments in all than its `maxargs` parameters. `self` is not
/// counted for a method. `split() takes at most 2 keyword arguments (3 given)`.
pub fn too_many(args: &Args, name: &str, maxargs: usize, method: bool) -> Result<(), PyErr> {
    let n = args.len() - (method && !args.is_empty()) as usize;
    let total = n + args.kw.len();
    if total > maxargs {
        return Err(type_error(format!(
            "{}() takes at most {maxargs} {}argument{} ({total} given)",
            bare(name),
            if n == 0 { "keyword " } else { "" },
            if maxargs == 1 { "" } else { "s" },
        )));
    }
    Ok(())
}

/// `callable(v)`.
pub fn is_callable(v: &Value) -> bool {
    match v {
        Value::Function(_)
        | Value::Method(_)
        | Value::Native(_)
        | Value::BoundNative(_)
        | Value::Type(_) => true,
        Value::Object(o) => o.0.callable(),
        _ => false,
    }
}

/// An `int` argument as `i64` (bools count), or CPython's TypeError.
pub fn arg_int(v: &Value, what: &str) -> Result<i64, PyErr> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        // An `int` subclass's value.
        Value::Instance(i) if crate::objects::int::is_int(&i.base) => arg_int(&i.base, what),
        Value::Big(_) => Err(overflow_error(
            "Python int too large to convert to C ssize_t",
        )),
        _ => Err(type_error(format!(
            "{what}'{}' object cannot be interpreted as an integer",
            type_name(v)
        ))),
    }
}

/// `replace` on `len` bytes: room for the result (its length, at most `len` when the
/// replacement is no longer than the pattern), or MemoryError when it could not be
/// held. `hits` counts the matches (at most `count`).
pub fn check_replace(
    len: usize,
    old: usize,
    new: usize,
    hits: impl FnOnce() -> usize,
) -> Result<usize, PyErr> {
    if new <= old {
        return Ok(len);
    }
    let size = len as u128 + hits() as u128 * (new - old) as u128;
    if !crate::objects::memory::fits(size) {
        return Err(crate::objects::exception::memory_error());
    }
    Ok(size as usize)
}

/// An `int` argument for a C `int` parameter: CPython's OverflowError past 32 bits.
pub fn arg_c_int(v: &Value, what: &str) -> Result<i32, PyErr> {
    let too_big = || overflow_error("Python int too large to convert to C int");
    if matches!(v, Value::Big(_)) {
        return Err(too_big());
    }
    i32::try_from(arg_int(v, what)?).map_err(|_| too_big())
}

/// A `str` argument.
pub fn arg_str<'v>(v: &'v Value, fname: &str, what: &str) -> Result<&'v str, PyErr> {
    v.as_str().ok_or_else(|| {
        type_error(format!(
            "{fname}() argument {what} must be str, not {}",
            type_name(v)
        ))
    })
}

impl Cx<'_, '_> {
    /// Call any callable with positional arguments (a bounded re-entry; see module doc).
    pub fn call(&mut self, f: &Value, args: Vec<Value>) -> PyResult<Value> {
        crate::vm::call::call_value(self.gil, self.th, f, Args::new(args))
    }

    /// Run the finalizers dead objects left queued (`__del__`, weak reference
    /// callbacks, closing generators) now, as the loop does before its next
    /// instruction (`gc.collect()` runs them before it returns, as CPython's does).
    pub fn run_finalizers(&mut self) {
        crate::vm::finalize::run_pending(self.gil, self.th);
    }

    /// Call with full arguments.
    pub fn call_args(&mut self, f: &Value, args: Args) -> PyResult<Value> {
        crate::vm::call::call_value(self.gil, self.th, f, args)
    }

    /// `type.__call__(cls, *args, **kwargs)`: make an instance of class `cls` with its
    /// `__new__` and `__init__`, passing over its metaclass's own `__call__`.
    pub fn instantiate(
        &mut self,
        cls: &crate::objects::rc::Arc<crate::objects::types::PyType>,
        args: Args,
    ) -> PyResult<Value> {
        let depth = self.th.frames.len();
        let called = if cls.heap
            || crate::objects::rc::Arc::ptr_eq(cls, &crate::objects::types::types().object)
        {
            crate::vm::class::call_class(self.gil, self.th, cls, args)
        } else {
            return crate::modules::builtins::construct(self, cls, args);
        };
        crate::vm::call::complete(self.gil, self.th, depth, called)
    }

    /// Run a module-level code object (from `compile`) with these namespaces (see
    /// `vm::run_nested`): `exec` and `eval`.
    pub fn run_code(
        &mut self,
        code: crate::objects::rc::Arc<crate::compile::code::Code>,
        globals: crate::objects::rc::Arc<crate::objects::gil::GilCell<crate::objects::dict::Dict>>,
        locals: Option<
            crate::objects::rc::Arc<crate::objects::gil::GilCell<crate::objects::dict::Dict>>,
        >,
    ) -> PyResult<Value> {
        crate::vm::run_nested(self.gil, self.th, code, globals, locals)
    }

    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        Ok(crate::objects::repr::repr(self.gil, v)?)
    }

    pub fn str(&mut self, v: &Value) -> PyResult<String> {
        Ok(crate::objects::repr::str_of(self.gil, v)?)
    }

    /// `iter(v)`.
    pub fn iter(&mut self, v: &Value) -> PyResult<Value> {
        Ok(crate::vm::ops::get_iter(self.gil, v)?)
    }

    /// `next(it)`: `None` when exhausted.
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        // A native loop consuming an iterator (`list(map(str, ...))`) may fill the
        // memory without the dispatch loop looking: the allocator's pending
        // `MemoryError` (`reserve`) is raised here too.
        if crate::reserve::take_memory_error() {
            return Err(crate::objects::exception::memory_error().into());
        }
        crate::vm::ops::iter_next(self, it)
    }

    /// The `StopIteration` for an iterator [`Cx::next`] just found exhausted: the one
    /// Python code raised to end it (its value travels on), or a new one.
    pub fn stop_error(&mut self) -> PyErr {
        crate::vm::iterate::stop_error(self)
    }

    /// Every item of an iterable.
    pub fn collect(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => return Ok(crate::objects::memory::copy(&l.borrow(self.gil))?),
            Value::Tuple(t) => return Ok(crate::objects::memory::copy(t)?),
            Value::Range(r) => return Ok(r.to_vec()?),
            _ => {}
        }
        let it = self.iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            crate::objects::memory::push(&mut out, x)?;
        }
        Ok(out)
    }

    /// `format(v, spec)`: a user `__format__`, or the built-in mini-language.
    pub fn format(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        match crate::vm::ops::format_spec(self, v, spec)? {
            Value::Str(s) => Ok(s.as_str().to_owned()),
            other => self.str(&other),
        }
    }

    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(crate::vm::dunder::truthy(self.gil, v)?)
    }

    /// `getattr(v, name)`.
    pub fn getattr(&mut self, v: &Value, name: &str) -> PyResult<Value> {
        Ok(crate::vm::ops::getattr(self.gil, v, name)?)
    }

    /// `v[key]`, as the subscript does: a user `__getitem__`, a dict subclass's
    /// `__missing__`, a built-in subclass's payload (`vm::class::subscript`).
    pub fn getitem(&mut self, v: &Value, key: &Value) -> PyResult<Value> {
        use crate::vm::class::Subscript;
        match crate::vm::class::subscript(self.gil, v.clone(), key)? {
            Subscript::Found(x) => Ok(x),
            Subscript::Call(f, args) => self.call(&f, args),
            Subscript::Builtin(obj) => Ok(crate::vm::ops::getitem(self.gil, &obj, key)?),
        }
    }

    /// `v[key] = item`.
    pub fn setitem(&mut self, v: &Value, key: Value, item: Value) -> PyResult<()> {
        Ok(crate::vm::ops::setitem(self.gil, v, key, item)?)
    }

    /// `del v[key]`.
    pub fn delitem(&mut self, v: &Value, key: &Value) -> PyResult<()> {
        Ok(crate::vm::ops::delitem(self.gil, v, key)?)
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        Ok(crate::vm::ops::contains(self.gil, container, item)?)
    }

    /// `a + b`.
    pub fn add(&mut self, a: &Value, b: &Value) -> PyResult<Value> {
        Ok(crate::vm::ops::binary_op(self.gil, 0, a, b)?)
    }

    /// `a == b`.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        Ok(crate::objects::compare::eq(self.gil, a, b)?)
    }

    /// The running micro-thread's `contextvars.Context` (`None`: none made yet).
    pub fn context(&self) -> Value {
        match self.th.rare.as_ref().map(|r| &r.context) {
            None | Some(Value::Null) => Value::None,
            Some(v) => v.clone(),
        }
    }

    /// Make `ctx` the running micro-thread's context (`None`: none).
    pub fn set_context(&mut self, ctx: Value) {
        self.th.rare_mut().context = match ctx {
            Value::None => Value::Null,
            v => v,
        };
    }

    /// The running micro-thread's async generator hooks, `[firstiter, finalizer]`
    /// (`None`: not set).
    pub fn asyncgen_hooks(&self) -> [Value; 2] {
        let hooks = self.th.rare.as_ref().map(|r| r.asyncgen_hooks.clone());
        hooks
            .unwrap_or([Value::Null, Value::Null])
            .map(|h| match h {
                Value::Null => Value::None,
                v => v,
            })
    }

    /// Set one of the running micro-thread's async generator hooks (0: `firstiter`,
    /// 1: `finalizer`; `None` removes it).
    pub fn set_asyncgen_hook(&mut self, which: usize, hook: Value) {
        self.th.rare_mut().asyncgen_hooks[which] = match hook {
            Value::None => Value::Null,
            v => v,
        };
    }

    /// The exception this micro-thread is handling (`sys.exc_info()`), if any: the
    /// running code's own, else that of the nearest resumer of a running generator
    /// (CPython's `_PyErr_GetTopmostException`).
    pub fn handled(&self) -> Option<PyErr> {
        match &crate::vm::generator::topmost_handled(self.gil, self.th) {
            Value::Exception(e) => Some(PyErr(e.clone())),
            _ => None,
        }
    }

    /// What CPython's `traceback.format_exception` returns for `err`: the chunks of
    /// its report (one per traceback entry; see `vm::unwind::format_chunks`).
    /// `from`: the first traceback entry to show (`None`: none; see `format_chunks`).
    pub fn format_exception(
        &self,
        err: &PyErr,
        limit: Option<i64>,
        chain: bool,
        from: Option<usize>,
    ) -> Vec<String> {
        crate::vm::unwind::format_chunks(
            self.gil,
            err,
            &crate::modules::source_text,
            limit,
            chain,
            from,
            false,
        )
    }

    /// The interpreter's own report of `err` from traceback entry `from` on, as
    /// `sys.excepthook` and a thread's uncaught exception print it: with CPython's
    /// "Did you mean" for a `NameError` or `AttributeError`.
    pub fn display_exception(&self, err: &PyErr, from: Option<usize>) -> String {
        crate::vm::unwind::format_chunks(
            self.gil,
            err,
            &crate::modules::source_text,
            None,
            true,
            from,
            true,
        )
        .concat()
    }
}

/// Run Python `source` (a built-in module's Python part: `json.JSONEncoder`) with
/// `globals` as its namespace, on a scratch micro-thread; for a module's set-up, so
/// the source must not fail (an exception is returned as an error all the same).
pub fn run_source(
    gil: Gil<'_>,
    source: &str,
    filename: &str,
    globals: &crate::objects::rc::Arc<crate::objects::gil::GilCell<crate::objects::dict::Dict>>,
) -> Result<(), PyErr> {
    let code = crate::compile::compile(source, filename)
        .map_err(|e| crate::vm::import::syntax_error(&e))?;
    crate::modules::register_source(filename, source);
    let mut th = MicroThread::new();
    match crate::vm::run_code(gil, &mut th, code, globals.clone()) {
        crate::vm::Outcome::Returned(_) => Ok(()),
        crate::vm::Outcome::Raised(e) => Err(e),
        crate::vm::Outcome::Deferred => Err(runtime_error(format!(
            "Deferred execution not yet implemented by {filename}"
        ))),
    }
}

/// Run a module-level code object with `globals` as its namespace on a scratch
/// micro-thread (a module's set-up: the `micro_thread` bootstrap function); an
/// exception, or a wait, is an error.
pub fn exec_code(
    gil: Gil<'_>,
    code: crate::objects::rc::Arc<crate::compile::code::Code>,
    globals: &DictRef,
) -> Result<(), PyErr> {
    let mut th = MicroThread::new();
    match crate::vm::run_code(gil, &mut th, code, globals.clone()) {
        crate::vm::Outcome::Returned(_) => Ok(()),
        crate::vm::Outcome::Raised(e) => Err(e),
        crate::vm::Outcome::Deferred => Err(runtime_error("a module's set-up code waited")),
    }
}

// Operators, attributes, classes and errors for natives.
//
// What the dispatch loop does for an opcode, for a native that does the same (the
// `builtins` module): each function forwards to the interpreter unchanged.

/// `op a` for a unary operator on a built-in number (`"-"`, `"+"`, `"~"`).
pub fn unary(gil: Gil<'_>, op: &str, a: &Value) -> Result<Value, PyErr> {
    crate::vm::ops::unary(gil, op, a)
}

/// `a <op> b` for the `BINARY_OP` argument `op` (0 `+`, 2 `//`, 6 `%`, 8 `**`, ...;
/// 13 and up in place); a Python class's methods are called detached.
pub fn binary_op(gil: Gil<'_>, op: u32, a: &Value, b: &Value) -> Result<Value, PyErr> {
    crate::vm::ops::binary_op(gil, op, a, b)
}

/// Whether the interpreter runs in CPython's UTF-8 mode (`sys.flags.utf8_mode`).
pub fn utf8_mode() -> bool {
    crate::modules::sys::options().utf8_mode != 0
}

/// `len(v)` for an instance of a Python class (its `__len__`, called detached).
pub fn len_instance(gil: Gil<'_>, v: &Value) -> Result<i64, PyErr> {
    crate::vm::dunder::len(gil, v)
}

/// `type(name, bases, ns)`: a new class.
pub fn type_new(gil: Gil<'_>, args: &Args) -> Result<Value, PyErr> {
    crate::vm::class::type_new(gil, args, None)
}

/// The bytes of a bytes-like argument (a subclass instance's value too), else
/// CPython's "a bytes-like object is required, not 'X'".
pub fn bytes_arg(gil: Gil<'_>, v: &Value) -> Result<Vec<u8>, PyErr> {
    match crate::objects::class::payload(v).unwrap_or(v) {
        Value::Bytes(b) => crate::objects::memory::copy(b),
        Value::ByteArray(b) => crate::objects::memory::copy(&b.borrow(gil)),
        Value::Object(o) => o.0.buffer(gil).ok_or_else(|| {
            type_error(format!(
                "a bytes-like object is required, not '{}'",
                type_name(v)
            ))
        }),
        _ => Err(type_error(format!(
            "a bytes-like object is required, not '{}'",
            type_name(v)
        ))),
    }
}

/// `str.encode(encoding, errors)`: the fast codecs in place, any other through the
/// codec registry (`_codecs`); `None` is the default (UTF-8, `strict`).
pub fn encode_text(
    cx: &mut Cx,
    text: &crate::objects::rc::Arc<crate::objects::str::PyStr>,
    encoding: Option<&str>,
    errors: Option<&str>,
) -> PyResult<Vec<u8>> {
    crate::modules::codecs::encode_text(cx, text, encoding, errors)
}

/// `bytes.decode(encoding, errors)`, as [`encode_text`].
pub fn decode_bytes(
    cx: &mut Cx,
    b: &[u8],
    encoding: Option<&str>,
    errors: Option<&str>,
) -> PyResult<String> {
    crate::modules::codecs::decode_bytes(cx, b, encoding, errors)
}

/// The built-in function `name` (`__import__`, `issubclass`), `None` if there is none.
pub fn builtin_function(gil: Gil<'_>, name: &str) -> Value {
    crate::modules::builtins_module()
        .get(gil, name)
        .unwrap_or(Value::None)
}

/// `type.__setattr__(cls, name, value)` / `type.__delattr__(cls, name)` (`None`).
pub fn type_setattr(
    gil: Gil<'_>,
    t: &crate::objects::rc::Arc<crate::objects::types::PyType>,
    name: &str,
    v: Option<Value>,
) -> Result<(), PyErr> {
    crate::vm::class::type_setattr(gil, t, name, v)
}

/// An exception nobody can catch, for `sys.unraisablehook` (`err_msg` `None`:
/// "Exception ignored in").
pub fn report_unraisable(gil: Gil<'_>, err: &PyErr, err_msg: Option<&str>, obj: &Value) {
    crate::vm::finalize::report(gil, err, err_msg, obj)
}

/// `type.__new__(mcs, name, bases, ns, **kwargs)`, `args` without `mcs`.
pub fn type_new_meta(
    gil: Gil<'_>,
    mcs: &crate::objects::rc::Arc<crate::objects::types::PyType>,
    args: &Args,
) -> Result<Value, PyErr> {
    crate::vm::class::type_new_meta(gil, mcs, args, None)
}

impl Cx<'_, '_> {
    /// `type(name, bases, ns)` called from the running Python code (the new class's
    /// `__module__` is that code's module when `ns` names none).
    pub fn type_new(&self, args: &Args) -> Result<Value, PyErr> {
        let module = crate::vm::class::running_module(self.gil, self.th);
        crate::vm::class::type_new(self.gil, args, module)
    }

    /// `type.__new__(mcs, name, bases, ns, **kwargs)` called from the running Python
    /// code, `args` without `mcs` (see [`Cx::type_new`]).
    pub fn type_new_meta(
        &self,
        mcs: &crate::objects::rc::Arc<crate::objects::types::PyType>,
        args: &Args,
    ) -> Result<Value, PyErr> {
        let module = crate::vm::class::running_module(self.gil, self.th);
        crate::vm::class::type_new_meta(self.gil, mcs, args, module)
    }
}

/// `super()` with no arguments, called from a native (a `super` subclass's
/// constructor): the calling frame's `__class__` cell and first argument.
pub fn zero_arg_super(cx: &mut Cx<'_, '_>) -> Result<Value, PyErr> {
    crate::vm::class::zero_arg_super(cx.gil, cx.th)
}

/// `super(cls)`: an unbound `super`, bound later by its `__get__`.
pub fn unbound_super(cls: crate::objects::rc::Arc<crate::objects::types::PyType>) -> Value {
    crate::vm::class::unbound_super(cls)
}

/// `super(cls, obj)`.
pub fn make_super(
    cls: crate::objects::rc::Arc<crate::objects::types::PyType>,
    this: Value,
) -> Result<Value, PyErr> {
    crate::vm::class::make_super(cls, this)
}

/// The `SyntaxError` (or `IndentationError`) instance for a compile error, as an
/// imported module's error is raised (a newline ends its line's text).
pub fn syntax_error(e: &crate::compile::CompileError) -> PyErr {
    crate::vm::import::syntax_error(e)
}

/// [`syntax_error`] with the line's text as given (`compile()` and `exec()` of a
/// string).
pub fn syntax_error_exact(e: &crate::compile::CompileError) -> PyErr {
    crate::vm::import::syntax_error_exact(e)
}

/// CPython's report of an uncaught exception: its traceback (source lines from the
/// files `import` read) and its last line.
pub fn format_traceback(gil: Gil<'_>, err: &PyErr) -> String {
    crate::vm::unwind::format_exception(gil, err, &crate::modules::source_text)
}

/// `TypeError: message`: the last line of an exception's report.
pub fn exception_line(gil: Gil<'_>, err: &PyErr) -> String {
    crate::vm::unwind::exception_line(gil, err)
}

impl Cx<'_, '_> {
    /// `obj.name` as the `LOAD_ATTR` opcode gets it: a property getter, a
    /// descriptor's `__get__` or a `__getattr__` is called on this micro-thread (a
    /// bounded re-entry; [`Cx::getattr`] calls them detached).
    pub fn load_attr(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        let found = match crate::vm::attr::load_attr(self.gil, obj, name) {
            Ok(crate::vm::class::Attr::Value(v)) => return Ok(v),
            Ok(crate::vm::class::Attr::Call(f, args)) => self.call(&f, args),
            Err(e) => Err(e.into()),
        };
        found.map_err(|e| match e {
            deferred::Unwind::Raise(e) => deferred::Unwind::Raise(
                crate::objects::exception::attr_error_context(self.gil, e, obj, name),
            ),
            other => other,
        })
    }

    /// `obj.name = v`, or `del obj.name` when `v` is `None`, as the `STORE_ATTR` and
    /// `DELETE_ATTR` opcodes do it: a property setter or a user `__setattr__` /
    /// `__delattr__` is called on this micro-thread.
    pub fn store_attr(&mut self, obj: &Value, name: &str, v: Option<Value>) -> PyResult<()> {
        if let Some((f, a)) = crate::vm::class::store_attr(self.gil, obj, name, v)? {
            self.call(&f, a)?;
        }
        Ok(())
    }

    /// `setattr(obj, k, v)` for each item of dict `d` (a `__setstate__`'s state): a
    /// key that is no string is CPython's `TypeError`.
    pub fn store_attrs(
        &mut self,
        obj: &Value,
        d: &crate::objects::rc::Arc<crate::objects::gil::GilCell<crate::objects::dict::Dict>>,
    ) -> PyResult<()> {
        let items: Vec<(Value, Value)> = d
            .borrow(self.gil)
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, v) in items {
            let Some(name) = k.as_str() else {
                return Err(crate::objects::exception::type_error(format!(
                    "attribute name must be string, not '{}'",
                    crate::objects::types::type_name(&k)
                ))
                .into());
            };
            self.store_attr(obj, name, Some(v))?;
        }
        Ok(())
    }

    /// `format(v, spec)` as `__format__` returned it (see [`Cx::format`]).
    pub fn format_value(&mut self, v: &Value, spec: &str) -> PyResult<Value> {
        crate::vm::ops::format_spec(self, v, spec)
    }
}

/// A Python frame as `sys._getframe` shows it (see [`Cx::frame_snapshot`]).
pub struct FrameSnapshot {
    pub code: crate::objects::rc::Arc<crate::compile::code::Code>,
    pub line: u32,
    pub globals: DictRef,
    pub locals: FrameLocals,
}

/// A frame's locals as a snapshot holds them until they are read.
pub enum FrameLocals {
    /// A namespace of its own (a class body, code run by `exec` with locals).
    Namespace(DictRef),
    /// Module code: its locals are its globals.
    Globals,
    /// A function's fast locals, then the contents of its cells and free variables
    /// (`Null`: unbound), in the order of the code's `varnames`, `cellvars` and
    /// `freevars`. Made a dict only when read ([`FrameLocals::dict`]): `logging`
    /// asks `sys._getframe` for every record and never reads them.
    Fast(Vec<Value>),
}

impl FrameLocals {
    /// The locals as a dict (`None` for module code).
    pub fn dict(self, code: &crate::compile::code::Code) -> Option<DictRef> {
        match self {
            FrameLocals::Namespace(ns) => Some(ns),
            FrameLocals::Globals => None,
            FrameLocals::Fast(values) => {
                let mut d = crate::objects::dict::Dict::new();
                let names = code
                    .varnames
                    .iter()
                    .chain(code.cellvars.iter())
                    .chain(code.freevars.iter());
                for (name, v) in names.zip(values) {
                    if !v.is_null() {
                        let _ = d.insert(Value::str(name), v);
                    }
                }
                Some(crate::objects::rc::Arc::new(GilCell::new(d)))
            }
        }
    }
}

// The micro-thread running a native: its calling frame (`globals()`, `locals()`,
// `exec`, `sys._getframemodulename`) and its settings.

impl Cx<'_, '_> {
    /// The name of the native running (`recv`), as a wait inside `atomic()` names it.
    pub fn native_name(&self) -> &'static str {
        self.th.native_name
    }

    /// This micro-thread's recursion limit (`sys.getrecursionlimit()`).
    pub fn asked_recursion_limit(&self) -> usize {
        self.th.asked_limit()
    }

    /// The nesting a compilation started here may reach (CPython's
    /// `COMPILER_STACK_FRAME_SCALE`: three levels per frame of recursion limit left).
    pub fn compile_levels(&self) -> usize {
        self.th
            .recursion_limit
            .saturating_sub(self.th.frames.len())
            .saturating_mul(3)
    }

    /// `sys.setrecursionlimit(n)` for this micro-thread.
    pub fn set_recursion_limit(&mut self, n: usize) {
        self.th.set_limit(n, crate::objects::memory::max_frames());
    }

    /// The globals of the Python frame `depth` frames above the one calling this
    /// native (0: that one), if there is one.
    pub fn frame_globals(&self, depth: usize) -> Option<DictRef> {
        let frames = &self.th.frames;
        let i = frames.len().checked_sub(1)?.checked_sub(depth)?;
        Some(frames[i].globals.clone())
    }

    /// The calling frame's namespaces (`None`: no Python frame calls this native): its
    /// globals, and its locals: none at module level (the globals are), a class
    /// body's namespace or the one `exec` was given, or in a function a new dict, a
    /// snapshot of its bound local variables, then its cell and free variables
    /// (CPython 3.11's `co_localsplusnames` order).
    pub fn caller_namespaces(&self) -> Option<(DictRef, Option<DictRef>)> {
        self.namespaces_at(self.th.frames.len().checked_sub(1)?)
    }

    /// The Python frame `depth` frames above the one calling this native (0: that
    /// one), for `sys._getframe`: its code, current line and namespaces (as
    /// [`Cx::caller_namespaces`] gives them).
    pub fn frame_snapshot(&self, depth: usize) -> Option<FrameSnapshot> {
        let i = self.th.frames.len().checked_sub(1)?.checked_sub(depth)?;
        let f = &self.th.frames[i];
        let line = f
            .code
            .positions
            .get(f.ip.saturating_sub(1))
            .map_or(0, |p| p.line);
        Some(FrameSnapshot {
            code: f.code.clone(),
            line,
            globals: f.globals.clone(),
            locals: self.locals_at(i)?,
        })
    }

    fn namespaces_at(&self, i: usize) -> Option<(DictRef, Option<DictRef>)> {
        let f = self.th.frames.get(i)?;
        Some((f.globals.clone(), self.locals_at(i)?.dict(&f.code)))
    }

    /// The locals of frame `i`, as a snapshot holds them ([`FrameLocals`]).
    fn locals_at(&self, i: usize) -> Option<FrameLocals> {
        let f = self.th.frames.get(i)?;
        if let Some(ns) = &f.locals {
            return Some(FrameLocals::Namespace(ns.clone()));
        }
        if f.code.is_module {
            return Some(FrameLocals::Globals);
        }
        let n = f.code.varnames.len();
        let fast = (0..n).map(|k| {
            self.th
                .stack
                .get(f.base + k)
                .cloned()
                .unwrap_or(Value::Null)
        });
        let cells = f.cells.iter().map(|c| c.borrow(self.gil).clone());
        Some(FrameLocals::Fast(fast.chain(cells).collect()))
    }
}

// Interpreter services for code that has no micro-thread at hand.
//
// `objects/` never imports the loop (`vm`), the driver (`mt`) or the built-in modules
// (`modules`); where a built-in type needs Python behaviour (a user `__hash__`,
// `__eq__` or `__repr__`, `object.__getattribute__`, a dict probe that may call
// Python) it asks through the functions below, as a C extension asks through
// CPython's API. Each one forwards to the interpreter and changes nothing on the way.

/// Call `f(*args)` on a scratch micro-thread (`vm::detached`): for code without a
/// [`Cx`] (`repr` of a list holding instances). `what` names the operation in the
/// rule-2 error a wait there can turn into.
pub fn call_detached(
    gil: Gil<'_>,
    what: &'static str,
    f: &Value,
    args: Vec<Value>,
) -> Result<Value, PyErr> {
    crate::vm::detached::call(gil, what, f, args)
}

/// Send the warnings of the source just compiled on this thread
/// (`compile::take_warnings`) through `warnings.warn_explicit`, as CPython's
/// compiler does. One the filters raise as an error (`-W error`) comes back as the
/// compile error CPython reports in its place (a `SyntaxError` at the spot); any
/// other exception the warnings machinery raised is returned as it is.
pub fn emit_compile_warnings(
    gil: Gil<'_>,
    filename: &str,
) -> Result<Option<crate::compile::CompileError>, PyErr> {
    let found = crate::compile::take_warnings();
    if found.is_empty() {
        return Ok(None);
    }
    let import = builtin_function(gil, "__import__");
    let warnings = call_detached(gil, "compile", &import, vec![Value::str("warnings")])?;
    let Value::Module(m) = &warnings else {
        return Ok(None);
    };
    let Some(warn) = m.get(gil, "warn_explicit") else {
        return Ok(None);
    };
    let exc = &crate::objects::types::types().exc;
    for w in found {
        let cat = if w.deprecation {
            &exc.deprecation_warning
        } else {
            &exc.syntax_warning
        };
        let args = vec![
            Value::string(w.msg),
            Value::Type(cat.clone()),
            Value::str(filename),
            Value::Int(w.err.line as i64),
        ];
        match call_detached(gil, "compile", &warn, args) {
            Ok(_) => {}
            // The compiler's own (not the parser's) reads the line from the file:
            // none for source from a string.
            Err(e) if e.is_instance(cat) && !w.parser && !is_file(filename) => {
                return Err(without_text(gil, &w.err));
            }
            Err(e) if e.is_instance(cat) => return Ok(Some(w.err)),
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

/// The traceback entries (innermost first) from traceback object `tb` on; `None`
/// when `tb` is not one (`e.__traceback__ = tb`).
pub fn traceback_entries(
    gil: Gil<'_>,
    tb: &Value,
) -> Option<Vec<crate::objects::exception::TbEntry>> {
    crate::modules::traceback::entries_of(gil, tb)
}

fn is_file(filename: &str) -> bool {
    std::path::Path::new(filename).is_file()
}

/// The `SyntaxError` of compile error `e`, its `text` `None`.
fn without_text(gil: Gil<'_>, e: &crate::compile::CompileError) -> PyErr {
    let err = crate::vm::import::syntax_error_exact(e);
    err.0.set_member(gil, "text", Some(Value::None));
    let mut args = err.0.args.borrow_mut(gil);
    if let Some(Value::Tuple(t)) = args.get(1) {
        let mut details = t.to_vec();
        if details.len() > 3 {
            details[3] = Value::None;
        }
        args[1] = Value::tuple(details);
    }
    drop(args);
    err
}

/// A function made of `code` (`types.FunctionType(...)`): `MAKE_FUNCTION`'s work.
pub fn make_function(
    gil: Gil<'_>,
    code: Value,
    globals: crate::objects::rc::Arc<GilCell<crate::objects::dict::Dict>>,
    defaults: Option<Value>,
    closure: Option<Value>,
) -> Value {
    crate::vm::call::make_function(gil, code, globals, defaults, None, closure)
}

/// Give built-in module `m` the attributes an import gives it (`__spec__` and the
/// like), for those registered before any import (`sys`, `builtins`).
pub fn builtin_module_attrs(gil: Gil<'_>, m: &Value, name: &str) {
    crate::vm::import::builtin_module_attrs(gil, m, name)
}

/// `hash(v)` for an instance of a Python class (its `__hash__`, called detached).
pub fn hash_instance(gil: Gil<'_>, v: &Value) -> Result<i64, PyErr> {
    crate::vm::dunder::hash(gil, v)
}

/// `a <op> b` as a `bool` by the operands' Python comparison methods, called
/// detached (dict probes, `list.index`, `sorted`).
pub fn compare_detached(
    gil: Gil<'_>,
    op: crate::objects::compare::CmpOp,
    a: &Value,
    b: &Value,
) -> Result<bool, PyErr> {
    crate::vm::dunder::compare_detached(gil, op, a, b)
}

/// Whether `name` is a module of the frozen library (`<module 'string' (frozen)>`).
pub fn is_frozen_module(name: &str) -> bool {
    crate::modules::frozen(name).is_some()
}

/// `dict.get(key)` for natives: a key with a Python `__hash__`/`__eq__` is looked up
/// by the interpreter's probe (`vm::dictprobe`), its calls detached.
pub fn dict_get(gil: Gil<'_>, dict: &DictRef, key: &Value) -> Result<Option<Value>, PyErr> {
    crate::vm::dictprobe::get(gil, dict, key)
}

/// Where `key` is in `dict`, for natives: its hash and its slot, valid until the dict
/// next changes (see [`dict_get`]).
pub fn dict_find(gil: Gil<'_>, dict: &DictRef, key: &Value) -> Result<(i64, Option<usize>), PyErr> {
    crate::vm::dictprobe::find(gil, dict, key)
}

/// `dict[key] = value` for natives (see [`dict_get`]).
pub fn dict_set(gil: Gil<'_>, dict: &DictRef, key: Value, value: Value) -> Result<(), PyErr> {
    crate::vm::dictprobe::set(gil, dict, key, value)
}

/// `dict.pop(key)` for natives (see [`dict_get`]): the value, or `None` if missing.
pub fn dict_remove(gil: Gil<'_>, dict: &DictRef, key: &Value) -> Result<Option<Value>, PyErr> {
    crate::vm::dictprobe::remove(gil, dict, key)
}

/// `object.__getattribute__(obj, name)` (CPython's `PyObject_GenericGetAttr`): the
/// descriptor protocol without a user `__getattr__`; a property getter or `__get__`
/// is called. `None`: no such attribute.
pub fn generic_getattr(cx: &mut Cx, obj: &Value, name: &str) -> PyResult<Option<Value>> {
    use crate::vm::class::{instance_attr_no_hook, Attr};
    let found = match obj {
        Value::Instance(i) => instance_attr_no_hook(cx.gil, obj, i.class(), Some(&i.dict), name)?,
        _ => Some(Attr::Value(crate::vm::attr::getattr(cx.gil, obj, name)?)),
    };
    match found {
        Some(Attr::Value(v)) => Ok(Some(v)),
        Some(Attr::Call(f, args)) => cx.call(&f, args).map(Some),
        None => Ok(None),
    }
}

/// `object.__setattr__(obj, name, v)`, or `object.__delattr__` when `v` is `None`
/// (CPython's `PyObject_GenericSetAttr`): a property's setter or a data descriptor,
/// else the instance dict; never a user `__setattr__`.
pub fn generic_setattr(cx: &mut Cx, obj: &Value, name: &str, v: Option<Value>) -> PyResult<()> {
    use crate::vm::class::{generic_store, property_store, store_attr};
    let call = match obj {
        Value::Instance(i) => match property_store(cx.gil, i.class(), name, obj, &v)? {
            Some(call) => Some(call),
            None => generic_store(cx.gil, obj, i.class(), Some(&i.dict), name, v)?,
        },
        _ => store_attr(cx.gil, obj, name, v)?,
    };
    if let Some((f, args)) = call {
        cx.call(&f, args)?;
    }
    Ok(())
}

/// `t(*args, **kw)` for a built-in type (`dict(...)`, `tuple(...)`), as the
/// `builtins` module constructs it.
pub fn construct_builtin(
    cx: &mut Cx,
    t: &crate::objects::rc::Arc<crate::objects::types::PyType>,
    args: Args,
) -> PyResult<Value> {
    crate::modules::builtins::construct(cx, t, args)
}

/// `generator.send(value)`: the generator methods run by the interpreter
/// (`vm::generator`); the loop itself resumes a generator without calling these.
pub fn generator_send(cx: &mut Cx, args: Args) -> PyResult<Value> {
    crate::vm::generator::send(cx, args)
}

/// `generator.throw(exc)` (see [`generator_send`]).
pub fn generator_throw(cx: &mut Cx, args: Args) -> PyResult<Value> {
    crate::vm::generator::throw(cx, args)
}

/// `generator.close()` (see [`generator_send`]).
pub fn generator_close(cx: &mut Cx, args: Args) -> PyResult<Value> {
    crate::vm::generator::close(cx, args)
}

/// `generator.__next__()` (see [`generator_send`]).
pub fn generator_next(cx: &mut Cx, args: Args) -> PyResult<Value> {
    crate::vm::generator::next(cx, args)
}

/// `coroutine.__await__()` (see `vm::asyncgen`).
pub fn coroutine_await(cx: &mut Cx, args: Args) -> PyResult<Value> {
    crate::vm::asyncgen::coro_await(cx, args)
}

/// `async_generator.__anext__()` (see `vm::asyncgen`).
pub fn agen_anext(cx: &mut Cx, args: Args) -> PyResult<Value> {
    crate::vm::asyncgen::agen_anext(cx, args)
}

/// `async_generator.asend(value)` (see `vm::asyncgen`).
pub fn agen_asend(cx: &mut Cx, args: Args) -> PyResult<Value> {
    crate::vm::asyncgen::agen_asend(cx, args)
}

/// `async_generator.athrow(...)` (see `vm::asyncgen`).
pub fn agen_athrow(cx: &mut Cx, args: Args) -> PyResult<Value> {
    crate::vm::asyncgen::agen_athrow(cx, args)
}

/// `async_generator.aclose()` (see `vm::asyncgen`).
pub fn agen_aclose(cx: &mut Cx, args: Args) -> PyResult<Value> {
    crate::vm::asyncgen::agen_aclose(cx, args)
}

/// Is `def` a method of an async generator's awaitable or of a `coroutine_wrapper`
/// (which the loop runs itself)?
pub fn is_awaitable_method(def: &crate::objects::function::NativeDef) -> bool {
    crate::vm::asyncgen::is_method(def)
}

/// Is `v` an iterator (a generator, a built-in iterator, a micro_pipe, an instance of
/// a `map` subclass), not a dict view?
pub fn is_iterator(gil: crate::objects::gil::Gil<'_>, v: &Value) -> bool {
    crate::vm::iterate::is_iterator(gil, v)
}

/// Is `v` an async generator's awaitable or a `coroutine_wrapper` (iterators whose
/// steps resume a frame)?
pub fn is_awaitable_iter(v: &Value) -> bool {
    crate::vm::asyncgen::is_awaitable_iter(v)
}

/// `next(gen[, default])` for a native caller (see [`generator_send`]).
pub fn generator_next_builtin(
    cx: &mut Cx,
    g: &crate::objects::generator::GenRef,
    default: Option<Value>,
) -> PyResult<Value> {
    crate::vm::generator::next_builtin(cx, g, default)
}

/// The deferral-aware Python half of a built-in (its `soft`) when an iterable it
/// reads may suspend `th` (`modules::micro_thread::fallback`): for the interpreter's
/// calls.
pub fn deferrable_fallback(
    gil: Gil<'_>,
    th: &MicroThread,
    soft: crate::objects::function::Soft,
    args: &Args,
) -> Option<Value> {
    crate::modules::micro_thread::fallback(gil, th.reactive, soft, args)
}

/// What calling a native object does: give a value, or call something else in its
/// place (`functools.partial`), so a Python callee runs in the same loop.
pub enum Forward {
    Value(Value),
    Call(Value, Args),
}

/// Sockets and other descriptors on the reactor's I/O notifier (`mt::io`): what a
/// socket native waits for, and how it waits (`socket`, `select`).
pub mod io {
    pub use crate::mt::io::{block_until_ready, deadline_after, wait_ready, IoRequest, IoSource};
}

/// The flag every signal with a Python handler sets (`_signal`): the VM looks at it
/// at calls and backward jumps, the driver between rounds.
pub fn signal_flag() -> std::sync::Arc<std::sync::atomic::AtomicBool> {
    crate::vm::interrupt_flag()
}

/// The driver, as the `micro_thread` and `_thread` modules see it (`mt/`): the
/// micro-thread record (`ThreadObj`), starting micro-threads and OS threads, waking
/// and throwing into them, `atomic()`, strict mode, the watchdog and preemption, and
/// the exceptions the driver raises. Each function forwards unchanged.
pub mod driver {
    use std::time::Duration;

    use deferred::DeferredId;

    use super::{Args, Cx, PyErr, PyResult, Value};
    use crate::vm::state::MicroThread;

    pub use crate::mt::os_thread::Waiter;
    pub use crate::mt::record::{
        deadlock_type, exit_type, micro_thread_exit, CallSite, ThreadExt, ThreadName, ThreadObj,
    };
    /// The file name of a micro-thread's first frame (the bootstrap that calls its
    /// function): tracebacks and `dump()` leave it out.
    pub use crate::vm::unwind::BOOTSTRAP_FILE;

    /// A micro-thread made but not started: its first frame calls a function.
    pub struct NewThread {
        th: MicroThread,
        obj: std::sync::Arc<ThreadObj>,
    }

    /// Operand slots a new micro-thread's stack starts with beyond its first
    /// function's locals (`time.sleep(1.0)` takes 4: NULL, the function, an argument,
    /// and the result).
    const FIRST_OPERANDS: usize = 4;

    /// A new micro-thread for `obj` (not started) whose first frame calls
    /// `callee(*args)` (a Python function: its arguments are bound now). It keeps the
    /// caller's recursion limit.
    pub fn new_thread(
        cx: &mut Cx,
        obj: std::sync::Arc<ThreadObj>,
        callee: Value,
        args: Args,
    ) -> PyResult<NewThread> {
        let mut th = MicroThread::new();
        th.set_limit(cx.th.asked_limit(), cx.th.recursion_limit);
        // Room for what the first frame needs at first: a function's locals and a few
        // operands (a call's callable and arguments), one frame (a bootstrap's two).
        // A micro-thread asleep in its function's first call keeps just that; deeper
        // ones grow the vectors as calls do anyway.
        match &callee {
            Value::Function(f) => {
                th.stack.reserve_exact(f.code.nlocals() + FIRST_OPERANDS);
                th.frames.reserve_exact(1);
            }
            _ => {
                th.stack.reserve_exact(2 * FIRST_OPERANDS);
                th.frames.reserve_exact(2);
            }
        }
        match crate::vm::call::invoke(cx.gil, &mut th, callee, args)? {
            crate::vm::call::Called::Frame => Ok(NewThread { th, obj }),
            _ => Err(super::runtime_error("cannot start the micro_thread").into()),
        }
    }

    /// Start `t` on this OS thread's reactor when the running micro-thread yields.
    pub fn spawn(t: NewThread) -> Result<(), PyErr> {
        crate::mt::spawn(t.th, t.obj)
    }

    /// Start an OS thread running `t` as the first micro-thread of its own reactor
    /// (`f_repr` names the function in the report of an uncaught exception). Returns
    /// the new thread's identifier.
    pub fn start_os_thread(t: NewThread, f_repr: String) -> Result<u64, PyErr> {
        crate::mt::os_thread::start(t.th, t.obj, f_repr)
    }

    /// Resume micro-thread `id` with `outcome` when the running one yields.
    pub fn wake(id: DeferredId, outcome: Result<Value, PyErr>) {
        crate::mt::wake(id, outcome)
    }

    /// Raise `err` in micro-thread `id` (of this OS thread) wherever it is suspended.
    pub fn throw(id: DeferredId, err: PyErr) {
        crate::mt::throw(id, err)
    }

    /// Raise `TimeoutError` in micro-thread `id` after `after`, unless `ended` is set
    /// by then.
    pub fn timeout(
        id: DeferredId,
        after: Duration,
        ended: std::sync::Arc<std::sync::atomic::AtomicBool>,
    ) {
        crate::mt::timeout(id, after, ended)
    }

    /// A timed wait is over before its limit: its timer is cancelled.
    pub fn timeout_over(ended: &std::sync::Arc<std::sync::atomic::AtomicBool>) {
        crate::mt::timeout_over(ended)
    }

    /// The running micro-thread's id and record, when a reactor runs one here.
    pub fn current() -> Option<(DeferredId, Option<std::sync::Arc<ThreadObj>>)> {
        crate::mt::current()
    }

    /// The running micro-thread's id, when a reactor runs one here (cheaper than
    /// [`current`]).
    pub fn current_id() -> Option<DeferredId> {
        crate::mt::current_id()
    }

    /// How many micro-threads are runnable (Stackless's `runcount`).
    pub fn runnable_count() -> usize {
        crate::mt::runnable_count()
    }

    /// Is the running micro-thread inside `with micro_thread.atomic():`?
    pub fn in_atomic() -> bool {
        crate::mt::in_atomic()
    }

    /// Enter (`true`) or leave an `atomic()` block.
    pub fn atomic(enter: bool) {
        crate::mt::atomic(enter)
    }

    /// Turn strict mode on or off (a hard switch raises rule 2's error); the
    /// previous setting.
    pub fn set_strict(on: bool) -> bool {
        crate::mt::set_strict(on)
    }

    /// How many times a micro-thread of this OS thread was suspended with a native
    /// on its worker stack.
    pub fn hard_switches() -> u64 {
        crate::mt::worker::hard_switches()
    }

    /// Warn about a micro-thread that runs this long without waiting (`None`: never).
    pub fn set_watchdog(threshold: Option<Duration>) {
        crate::mt::watchdog::set_threshold(threshold)
    }

    /// The preemption slice (`None`: off).
    pub fn preemption() -> Option<Duration> {
        crate::mt::watchdog::preemption()
    }

    /// Set the preemption slice (`None`: off) and start the watchdog that enforces it.
    pub fn set_preemption(slice: Option<Duration>) {
        crate::mt::watchdog::set_preemption(slice);
        crate::mt::watchdog::start();
    }

    /// `os.fork()`'s system call `f`, made with the runtime ready for it (`mt::fork`):
    /// in the child only the running micro-thread goes on.
    pub fn fork(
        gil: crate::objects::gil::Gil<'_>,
        f: impl FnOnce() -> std::io::Result<i32>,
    ) -> std::io::Result<i32> {
        crate::mt::fork(gil, f)
    }

    /// Is the running micro-thread the only one of its reactor (nothing else it
    /// could let run while it waits)? A wait may then block the OS thread, the GIL
    /// released, as CPython's do.
    pub fn alone() -> bool {
        crate::mt::alone()
    }

    /// This OS thread's identifier (`_thread.get_ident()`).
    pub fn os_ident() -> u64 {
        crate::mt::os_thread::ident()
    }

    /// The kernel's id of this OS thread.
    pub fn native_id() -> u64 {
        crate::mt::os_thread::native_id()
    }

    /// How many OS threads run Python code.
    pub fn os_thread_count() -> usize {
        crate::mt::os_thread::count()
    }

    /// `_thread.stack_size([size])`: set it and return the previous one.
    pub fn stack_size(size: Option<i64>) -> Result<usize, PyErr> {
        crate::mt::os_thread::stack_size(size)
    }

    /// Have the main reactor's signal notifier watch `sig` (so a signal wakes it).
    pub fn watch_signal(sig: i32) {
        crate::mt::watch_signal(sig)
    }

    /// Do signal handlers run in the running code? (The process's main OS thread,
    /// its main micro-thread or the one running handlers for it.)
    pub fn runs_signal_handlers() -> bool {
        crate::mt::runs_signal_handlers()
    }

    /// Is this the process's main OS thread?
    pub fn on_main_os_thread() -> bool {
        crate::mt::os_thread::is_main()
    }

    /// The `pthread_t` of the OS thread `_thread.get_ident()` calls `ident`, while it
    /// runs Python code.
    pub fn pthread_of(ident: u64) -> Option<u64> {
        crate::mt::os_thread::pthread_of(ident)
    }

    /// Is the running micro-thread the one running signal handlers for the waiting
    /// main one?
    pub fn in_signal_helper() -> bool {
        crate::mt::in_signal_helper()
    }

    /// A wait for any of `signals` to arrive (`signal.pause()`).
    pub fn wait_for_signals(signals: &[i32]) -> super::Wait {
        super::Wait::signals(signals)
    }

    /// Run `f` once this OS thread (started by [`start_os_thread`]) has finished.
    pub fn at_os_thread_exit(f: impl FnOnce() + 'static) {
        crate::mt::os_thread::at_exit(f)
    }

    impl Cx<'_, '_> {
        /// The running micro-thread's record, if a reactor runs one (the driver
        /// keeps it, not the interpreter state).
        pub fn thread(&self) -> Option<std::sync::Arc<ThreadObj>> {
            crate::mt::current().and_then(|(_, o)| o)
        }

        /// Run `f` with the running micro-thread's record (no reference count
        /// touched).
        pub fn with_thread<R>(&self, f: impl FnOnce(Option<&ThreadObj>) -> R) -> R {
            crate::mt::with_current_obj(f)
        }

        /// A key telling the running micro-thread apart from the others of its OS
        /// thread (0 when none runs); no reference count touched.
        pub fn thread_key(&self) -> usize {
            crate::mt::with_current_obj(|o| o.map_or(0, |o| o as *const ThreadObj as usize))
        }

        /// The running micro-thread's name, if a reactor runs one.
        pub fn thread_name(&self) -> Option<std::sync::Arc<str>> {
            crate::mt::with_current_obj(|o| o.map(ThreadObj::name))
        }

        /// Where the Python code calling this native is (`file.py:12`), skipping
        /// the frozen library's own frames.
        pub fn call_site(&self) -> CallSite {
            for f in self.th.frames.iter().rev() {
                if f.code.filename.starts_with("<frozen") {
                    continue;
                }
                let at = f.ip.saturating_sub(1);
                let line = f.code.positions.get(at).map_or(0, |p| p.line);
                return CallSite::new(f.code.filename.clone(), Some(line));
            }
            CallSite::new("<unknown>", None)
        }
    }
}
