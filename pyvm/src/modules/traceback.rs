//! The `traceback` module: printing and formatting exceptions exactly as the
//! interpreter reports an uncaught one (`vm::unwind`'s formatter, in the pieces
//! CPython's `format_exception` returns). A traceback object (`e.__traceback__`,
//! `sys.exc_info()[2]`) is a place in its exception's traceback entries.

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::object::{NativeObject, Object};
use crate::objects::types::type_name;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "print_exc" => print_exc, "format_exc" => format_exc,
    "print_exception" => print_exception, "format_exception" => format_exception,
    "format_exception_only" => format_exception_only,
];

/// The `traceback` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "traceback", FUNCS);
        Arc::new(m)
    })
}

/// `limit`: `None` or an int.
fn limit_arg(v: Option<Value>) -> Result<Option<i64>, PyErr> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => arg_int(&v, "").map(Some),
    }
}

fn chain_arg(cx: &mut Cx, v: Option<Value>) -> PyResult<bool> {
    match v {
        None => Ok(true),
        Some(v) => cx.truthy(&v),
    }
}

/// An exception to report and where its traceback starts (`None`: no traceback).
type Target = (Value, Option<usize>);

/// CPython's `_parse_value_tb`: `exc` alone (with its own traceback), or `value`
/// and `tb` both given.
fn parse_value(exc: Value, value: Option<Value>, tb: Option<Value>) -> Result<Target, PyErr> {
    match (value, tb) {
        (Some(v), Some(tb)) => Ok((v, tb_start(&tb))),
        (None, None) => match exc {
            Value::None | Value::Exception(_) => Ok((exc, Some(0))),
            other => Err(type_error(format!(
                "Exception expected for value, {} found",
                type_name(&other)
            ))),
        },
        _ => Err(value_error("Both or neither of value and tb must be given")),
    }
}

/// The report of `value` (an exception or `None`) in CPython's pieces.
fn chunks(cx: &mut Cx, target: &Target, limit: Option<i64>, chain: bool) -> PyResult<Vec<String>> {
    match &target.0 {
        Value::Exception(e) => Ok(cx.format_exception(&PyErr(e.clone()), limit, chain, target.1)),
        Value::None => Ok(vec!["NoneType: None\n".to_owned()]),
        other => {
            // Not an exception (given as `value`): CPython prints its type and str.
            let s = cx.str(other)?;
            Ok(vec![format!("{}: {s}\n", type_name(other))])
        }
    }
}

/// A traceback object: entry `idx` (outermost first) of an exception's traceback.
struct Traceback {
    exc: Arc<ExcObj>,
    idx: usize,
}

impl NativeObject for Traceback {
    fn type_name(&self) -> &'static str {
        "traceback"
    }
    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<traceback object at 0x{:x}>",
            self as *const _ as usize
        ))
    }
    fn getattr(&self, gil: Gil<'_>, name: &str) -> Option<Value> {
        let st = self.exc.state.borrow(gil);
        let n = st.traceback.len();
        match name {
            "tb_lineno" => Some(Value::Int(st.traceback[n - 1 - self.idx].line as i64)),
            "tb_frame" => Some(super::frame::of_traceback(&st.traceback[n - 1 - self.idx])),
            "tb_lasti" => Some(Value::Int(2 * st.traceback[n - 1 - self.idx].lasti as i64)),
            "tb_next" => Some(if self.idx + 1 < n {
                tb_value(&self.exc, self.idx + 1)
            } else {
                Value::None
            }),
            _ => None,
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    /// `tb.tb_next = other` (or `None`): the entries after this one become `other`'s
    /// (unittest cuts its own frames off a failure's traceback this way).
    fn setattr(&self, gil: Gil<'_>, name: &str, v: Option<&Value>) -> Option<Result<(), PyErr>> {
        if name != "tb_next" {
            return None;
        }
        // Innermost first in the exception's list: this entry is `n - 1 - idx`.
        let tail: Vec<TbEntry> = match v {
            Some(Value::None) => Vec::new(),
            Some(Value::Object(o)) => match o.0.as_any().downcast_ref::<Traceback>() {
                Some(t) => {
                    let st = t.exc.state.borrow(gil);
                    let m = st.traceback.len();
                    st.traceback[..m.saturating_sub(t.idx)].to_vec()
                }
                None => return Some(Err(tb_next_type(v))),
            },
            _ => return Some(Err(tb_next_type(v))),
        };
        let mut st = self.exc.state.borrow_mut(gil);
        let n = st.traceback.len();
        let keep = (self.idx + 1).min(n);
        let outer: Vec<TbEntry> = st.traceback.drain(n - keep..).collect();
        st.traceback = tail;
        st.traceback.extend(outer);
        Some(Ok(()))
    }
}

fn tb_next_type(v: Option<&Value>) -> PyErr {
    match v {
        None => type_error("can't delete tb_next attribute"),
        Some(v) => type_error(format!(
            "expected traceback object, got '{}'",
            crate::objects::types::type_name(v)
        )),
    }
}

fn tb_value(exc: &Arc<ExcObj>, idx: usize) -> Value {
    Value::Object(Arc::new(Object(Box::new(Traceback {
        exc: exc.clone(),
        idx,
    }))))
}

/// `e.__traceback__`: a traceback object, or `None` before the exception is raised.
pub fn traceback_of(gil: Gil<'_>, exc: &Arc<ExcObj>) -> Value {
    let mut st = exc.state.borrow_mut(gil);
    let len = st.traceback.len();
    if len == 0 {
        return Value::None;
    }
    if let Some((at, weak)) = &st.tb_obj {
        if *at == len {
            if let Some(o) = weak.upgrade() {
                return Value::Object(o);
            }
        }
    }
    let tb = Arc::new(Object(Box::new(Traceback {
        exc: exc.clone(),
        idx: 0,
    })));
    st.tb_obj = Some((len, Arc::downgrade(&tb)));
    Value::Object(tb)
}

/// The entries (innermost first) from traceback object `tb` on, or `None` when
/// `tb` is not one (`e.with_traceback(tb)`, `e.__traceback__ = tb`).
pub fn entries_of(gil: Gil<'_>, tb: &Value) -> Option<Vec<TbEntry>> {
    let Value::Object(o) = tb else { return None };
    let t = o.0.as_any().downcast_ref::<Traceback>()?;
    let st = t.exc.state.borrow(gil);
    let m = st.traceback.len();
    Some(st.traceback[..m.saturating_sub(t.idx)].to_vec())
}

/// Where a `tb` argument starts (`None` for anything but a traceback object).
pub fn tb_start(tb: &Value) -> Option<usize> {
    match tb {
        Value::Object(o) => o.0.as_any().downcast_ref::<Traceback>().map(|t| t.idx),
        _ => None,
    }
}

/// Write the pieces to `file` (its `write`), or to stderr.
fn emit(cx: &mut Cx, file: Option<Value>, pieces: Vec<String>) -> PyResult<Value> {
    match file.filter(|f| !matches!(f, Value::None)) {
        None => {
            crate::modules::sys::write_stderr(&pieces.concat());
        }
        Some(f) => {
            let write = cx.getattr(&f, "write")?;
            for p in pieces {
                cx.call(&write, vec![Value::string(p)])?;
            }
        }
    }
    Ok(Value::None)
}

fn handled(cx: &Cx) -> Target {
    (cx.handled().map_or(Value::None, |e| e.value()), Some(0))
}

/// `print_exc(limit=None, file=None, chain=True)`.
fn print_exc(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mut a = clinic(args, "print_exc", &["limit", "file", "chain"], 0, 3)?.into_iter();
    let limit = limit_arg(a.next().flatten())?;
    let file = a.next().flatten();
    let chain = chain_arg(cx, a.next().flatten())?;
    let value = handled(cx);
    let pieces = chunks(cx, &value, limit, chain)?;
    emit(cx, file, pieces)
}

/// `format_exc(limit=None, chain=True)`.
fn format_exc(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mut a = clinic(args, "format_exc", &["limit", "chain"], 0, 2)?.into_iter();
    let limit = limit_arg(a.next().flatten())?;
    let chain = chain_arg(cx, a.next().flatten())?;
    let value = handled(cx);
    Ok(Value::string(chunks(cx, &value, limit, chain)?.concat()))
}

/// `print_exception(exc, /, value, tb, limit=None, file=None, chain=True)`.
fn print_exception(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let params = ["exc", "value", "tb", "limit", "file", "chain"];
    let mut a = clinic(args, "print_exception", &params, 1, 6)?.into_iter();
    let exc = a.next().flatten().unwrap_or(Value::None);
    let value = parse_value(exc, a.next().flatten(), a.next().flatten())?;
    let limit = limit_arg(a.next().flatten())?;
    let file = a.next().flatten();
    let chain = chain_arg(cx, a.next().flatten())?;
    let pieces = chunks(cx, &value, limit, chain)?;
    emit(cx, file, pieces)
}

/// `format_exception(exc, /, value, tb, limit=None, chain=True)`: a list of str.
fn format_exception(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let params = ["exc", "value", "tb", "limit", "chain"];
    let mut a = clinic(args, "format_exception", &params, 1, 5)?.into_iter();
    let exc = a.next().flatten().unwrap_or(Value::None);
    let value = parse_value(exc, a.next().flatten(), a.next().flatten())?;
    let limit = limit_arg(a.next().flatten())?;
    let chain = chain_arg(cx, a.next().flatten())?;
    let pieces = chunks(cx, &value, limit, chain)?;
    Ok(Value::list(pieces.into_iter().map(Value::string).collect()))
}

/// `format_exception_only(exc, /, value)`: the exception's own lines.
fn format_exception_only(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mut a = clinic(args, "format_exception_only", &["exc", "value"], 1, 2)?.into_iter();
    let exc = a.next().flatten().unwrap_or(Value::None);
    let value = a.next().flatten().unwrap_or(exc);
    let pieces = chunks(cx, &(value, None), None, false)?;
    Ok(Value::list(pieces.into_iter().map(Value::string).collect()))
}
