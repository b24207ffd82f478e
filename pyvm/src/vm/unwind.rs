//! Exceptions in flight: finding the handler, building tracebacks, `raise` (with
//! `from`), implicit chaining, and printing an uncaught exception as CPython does.

use crate::objects::rc::Arc;
use std::fmt::Write;

use deferred::Unwind;

use super::frame::Ret;
use super::ret::After;
use super::state::MicroThread;
use crate::native::{Args, Cx, PyResult};
use crate::objects::exception::{type_error, PyErr, TbEntry};
use crate::objects::gil::Gil;
use crate::objects::types::types;
use crate::objects::value::Value;

/// How an exception entered the current frame.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Raise {
    /// Raised here: record this frame in the traceback and chain `__context__`.
    Fresh,
    /// Came out of a callee: record this frame.
    Propagated,
    /// `raise` with no argument / end of a handler: the traceback already has it.
    Reraise,
}

/// An exception value as a `PyErr` (the compiler only re-raises exceptions).
pub fn as_err(v: Value) -> PyErr {
    match v {
        Value::Exception(e) => PyErr(e),
        other => type_error(format!(
            "exceptions must derive from BaseException, not {}",
            crate::objects::types::type_name(&other)
        )),
    }
}

/// The file name of a micro-thread's first frame (`modules::micro_thread`, which calls the
/// thread's function): tracebacks and `dump()` leave it out.
pub const BOOTSTRAP_FILE: &str = "<micro_thread bootstrap>";

/// The file of the built-ins' deferral-aware halves (`pyvm/lib/_deferrable.py`):
/// tracebacks leave their frames out, as CPython shows none for a built-in.
pub const DEFERRABLE_FILE: &str = "<frozen _deferrable>";

fn tb_entry(th: &MicroThread) -> Option<TbEntry> {
    let f = th.frames.last()?;
    if &*f.code.filename == BOOTSTRAP_FILE || &*f.code.filename == DEFERRABLE_FILE {
        return None;
    }
    let at = f.ip.saturating_sub(1);
    let p = f.code.positions.get(at).copied().unwrap_or_default();
    Some(TbEntry {
        code: f.code.clone(),
        globals: f.globals.clone(),
        lasti: at as u32,
        filename: f.code.filename.clone(),
        name: f.code.name.clone(),
        line: p.line,
        end_line: p.end_line,
        col: p.col,
        col_end: p.end_col,
        anchor_lo: p.anchor_lo,
        anchor_hi: p.anchor_hi,
    })
}

/// Deliver `err` to the innermost handler at or above frame `stop`. `Ok(None)` means a
/// handler was found (its frame's `ip` points at it) or a frame's follow-up took the
/// exception and the top frame goes on; `Ok(Some(v))`: a follow-up turned it into
/// `v`, the result of frame `stop`'s run; `Err` gives the exception back when it
/// leaves frame `stop`, whose frames are then popped.
pub(crate) fn handle(
    gil: Gil<'_>,
    th: &mut MicroThread,
    mut err: PyErr,
    mut how: Raise,
    stop: usize,
) -> Result<Option<Value>, PyErr> {
    if how == Raise::Fresh {
        let handled = super::generator::topmost_handled(gil, th);
        if !handled.is_null() && !handled.is(&err.value()) {
            let mut st = err.0.state.borrow_mut(gil);
            if st.context.is_none() && !chain_contains(gil, &handled, &err) {
                st.context = Some(handled);
            }
        }
    }
    loop {
        if how != Raise::Reraise {
            if let Some(e) = tb_entry(th) {
                err.add_traceback(gil, e);
            }
        }
        let Some(frame) = th.frames.last_mut() else {
            return Err(err);
        };
        if th.blocks.len() > frame.block_base {
            let b = th.blocks.pop().expect("a block above the frame's base");
            th.stack.truncate(b.depth);
            th.stack.push(err.value());
            frame.ip = b.handler;
            // What the failed code held is released: the allocator's reserve, if
            // it was spent, is taken again while there is room.
            crate::reserve::retake();
            return Ok(None);
        }
        let f = th.frames.pop().expect("a frame to unwind");
        th.stack.truncate(f.floor);
        th.blocks.truncate(f.block_base);
        if !matches!(f.ret, Ret::Push) {
            match super::ret::raised(gil, th, f.ret, err) {
                Ok(After::Value(v)) if th.frames.len() <= stop => return Ok(Some(v)),
                Ok(After::Value(v)) => {
                    th.stack.push(v);
                    return Ok(None);
                }
                Ok(After::Frame) => return Ok(None),
                Ok(After::Nothing) if th.frames.len() <= stop => return Ok(Some(Value::None)),
                Ok(After::Nothing) => return Ok(None),
                Err(e) => err = e,
            }
        }
        if th.frames.len() <= stop {
            return Err(err);
        }
        how = Raise::Propagated;
    }
}

/// A micro-thread's Python stack, outermost frame first, as a traceback prints it
/// (each line indented by `indent`): for `micro_thread.dump()`.
pub fn format_stack(gil: Gil<'_>, th: &MicroThread, indent: &str) -> String {
    let _ = gil;
    let mut out = String::new();
    for f in th
        .frames
        .iter()
        .filter(|f| &*f.code.filename != BOOTSTRAP_FILE)
    {
        let at = f.ip.saturating_sub(1);
        let line = f.code.positions.get(at).map_or(0, |p| p.line);
        let _ = writeln!(
            out,
            "{indent}File \"{}\", line {line}, in {}",
            f.code.filename, f.code.name
        );
        if let Some(src) = crate::modules::source_text(&f.code.filename) {
            if let Some(text) = src.lines().nth(line.saturating_sub(1) as usize) {
                let _ = writeln!(out, "{indent}  {}", text.trim());
            }
        }
    }
    out
}

/// Would making `handled` the context of `err` create a cycle?
fn chain_contains(gil: Gil<'_>, handled: &Value, err: &PyErr) -> bool {
    let mut cur = handled.clone();
    for _ in 0..100 {
        let Value::Exception(e) = &cur else {
            return false;
        };
        if Arc::ptr_eq(e, &err.0) {
            return true;
        }
        let next = e.state.borrow(gil).context.clone();
        match next {
            Some(n) => cur = n,
            None => return false,
        }
    }
    false
}

/// The exception a `raise exc [from cause]` statement raises.
pub(crate) fn make_raise(cx: &mut Cx<'_, '_>, exc: Value, cause: Option<Value>) -> PyResult<PyErr> {
    let err = instantiate(cx, exc)?;
    if let Some(c) = cause {
        let c = match c {
            Value::None => None,
            c => Some(instantiate(cx, c).map_err(|_| {
                Unwind::Raise(type_error(
                    "exception causes must derive from BaseException",
                ))
            })?),
        };
        let mut st = err.0.state.borrow_mut(cx.gil);
        st.cause = c.map(|c| c.value());
        st.suppress_context = true;
    }
    Ok(err)
}

fn instantiate(cx: &mut Cx<'_, '_>, v: Value) -> PyResult<PyErr> {
    match v {
        Value::Exception(e) => Ok(PyErr(e)),
        Value::Type(t) if t.is_subtype(&types().exc.base_exception) => {
            let made = cx.call_args(&Value::Type(t), Args::new([]))?;
            Ok(as_err(made))
        }
        _ => Err(Unwind::Raise(type_error(
            "exceptions must derive from BaseException",
        ))),
    }
}

/// The text CPython prints for an uncaught exception, chained exceptions first.
pub fn format_exception(
    gil: Gil<'_>,
    err: &PyErr,
    sources: &dyn Fn(&str) -> Option<String>,
) -> String {
    format_chunks(gil, err, sources, None, true, Some(0), true).concat()
}

/// The report of `err` in the pieces CPython's `traceback.format_exception` returns:
/// the chaining messages, the `Traceback` header, one piece per entry (its `File`
/// line, source line and carets), each `[Previous line repeated ...]`, and the
/// exception's lines. `limit` keeps the first `limit` entries (the last `-limit` when
/// negative); `chain: false` leaves out the causes and contexts. `from`: the
/// first entry of `err`'s own traceback to show, outermost first (CPython's `tb`
/// argument; `None`: no traceback, as for `tb=None`). `suggest`: the interpreter's
/// own report (CPython's `PyErr_Display`), which offers a near name for a
/// `NameError` or `AttributeError` (`vm::suggest`); 3.11's `traceback` module
/// does not.
pub fn format_chunks(
    gil: Gil<'_>,
    err: &PyErr,
    sources: &dyn Fn(&str) -> Option<String>,
    limit: Option<i64>,
    chain: bool,
    from: Option<usize>,
    suggest: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = Vec::new();
    let how = Chunks {
        sources,
        limit,
        chain,
        suggest,
    };
    format_chain(
        gil,
        err,
        &how,
        from,
        &mut out,
        &mut seen,
        &mut GroupCtx::default(),
    );
    out
}

/// Where the report of an exception group stands (CPython's `_ExceptionPrintContext`):
/// how deep in nested groups, and whether the last member's box is still open.
#[derive(Default)]
struct GroupCtx {
    depth: usize,
    need_close: bool,
}

/// CPython's limits on what a group's report shows.
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

impl GroupCtx {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// Push `text`, each of its lines behind the group margin (`|`, or `+` on a
    /// top-level group's first line) when inside a group.
    fn emit(&self, out: &mut Vec<String>, text: String, margin: char) {
        if self.depth == 0 {
            out.push(text);
            return;
        }
        let prefix = format!("{}{margin} ", self.indent());
        let mut s = String::with_capacity(text.len() + prefix.len() * 2);
        for line in text.split_inclusive('\n') {
            s.push_str(&prefix);
            s.push_str(line);
        }
        out.push(s);
    }
}

/// The members of an exception group (`BaseExceptionGroup.exceptions`), or `None`
/// for an exception that is no group.
fn group_members(gil: Gil<'_>, err: &PyErr) -> Option<Vec<Value>> {
    let e = &err.0;
    if !e.typ.mro.iter().any(|t| &*t.name == "BaseExceptionGroup") {
        return None;
    }
    let key = crate::objects::str::PyStr::new("_exceptions".to_owned());
    match e.dict.borrow(gil).get_str(&key) {
        Some(Value::Tuple(t)) => Some(t.to_vec()),
        _ => None,
    }
}

/// What every exception of a chain is formatted with.
struct Chunks<'a> {
    sources: &'a dyn Fn(&str) -> Option<String>,
    limit: Option<i64>,
    chain: bool,
    suggest: bool,
}

fn format_chain(
    gil: Gil<'_>,
    err: &PyErr,
    how: &Chunks<'_>,
    from: Option<usize>,
    out: &mut Vec<String>,
    seen: &mut Vec<usize>,
    ctx: &mut GroupCtx,
) {
    let (sources, limit, chain) = (how.sources, how.limit, how.chain);
    seen.push(Arc::as_ptr(&err.0) as usize);
    let (cause, context, suppress) = {
        let st = err.0.state.borrow(gil);
        (st.cause.clone(), st.context.clone(), st.suppress_context)
    };
    let fresh = |v: &Value, seen: &Vec<usize>| match v {
        Value::Exception(e) => !seen.contains(&(Arc::as_ptr(e) as usize)),
        _ => false,
    };
    if !chain {
    } else if let Some(c) = cause.as_ref().filter(|c| fresh(c, seen)) {
        format_chain(gil, &as_err(c.clone()), how, Some(0), out, seen, ctx);
        ctx.emit(
            out,
            "\nThe above exception was the direct cause of the following exception:\n\n".into(),
            '|',
        );
    } else if let Some(c) = context.as_ref().filter(|c| !suppress && fresh(c, seen)) {
        format_chain(gil, &as_err(c.clone()), how, Some(0), out, seen, ctx);
        ctx.emit(
            out,
            "\nDuring handling of the above exception, another exception occurred:\n\n".into(),
            '|',
        );
    }
    let mut tb = err.0.state.borrow(gil).traceback.clone();
    // Innermost last in `tb`: the printed order (outermost first) is reversed.
    tb.reverse();
    match from {
        Some(k) => drop(tb.drain(..k.min(tb.len()))),
        None => tb.clear(),
    }
    match limit {
        Some(n) if n >= 0 => tb.truncate(n as usize),
        Some(n) => {
            let keep = (n.unsigned_abs() as usize).min(tb.len());
            tb.drain(..tb.len() - keep);
        }
        None => {}
    }
    // No traceback and no chain: `format_exception_only`, a group's own line alone.
    let members = group_members(gil, err).filter(|_| from.is_some() || chain);
    if members.is_some() && ctx.depth > MAX_GROUP_DEPTH {
        let text = format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n");
        ctx.emit(out, text, '|');
        return;
    }
    let top_group = members.is_some() && ctx.depth == 0;
    if top_group {
        ctx.depth += 1;
    }
    if !tb.is_empty() {
        match members.is_some() {
            true => ctx.emit(
                out,
                "Exception Group Traceback (most recent call last):\n".into(),
                if top_group { '+' } else { '|' },
            ),
            false => ctx.emit(out, "Traceback (most recent call last):\n".into(), '|'),
        }
        // CPython prints a line repeated more than 3 times once, then a count.
        let mut repeats = 0;
        let mut last: Option<&TbEntry> = None;
        let flush = |out: &mut Vec<String>, repeats: usize| {
            if repeats > 3 {
                let n = repeats - 3;
                let s = if n == 1 { "" } else { "s" };
                ctx.emit(
                    out,
                    format!("  [Previous line repeated {n} more time{s}]\n"),
                    '|',
                );
            }
        };
        let mut cached: Option<(std::sync::Arc<str>, Option<String>)> = None;
        for e in tb.iter() {
            let same = last
                .is_some_and(|l| l.filename == e.filename && l.line == e.line && l.name == e.name);
            if !same {
                flush(out, repeats);
                repeats = 0;
            }
            last = Some(e);
            repeats += 1;
            if repeats > 3 {
                continue;
            }
            let mut piece = String::new();
            let _ = writeln!(
                piece,
                "  File \"{}\", line {}, in {}",
                e.filename, e.line, e.name
            );
            if cached.as_ref().is_none_or(|(f, _)| *f != e.filename) {
                cached = Some((e.filename.clone(), sources(&e.filename)));
            }
            if let Some((_, Some(src))) = &cached {
                source_line(&mut piece, src, e);
            }
            ctx.emit(out, piece, '|');
        }
        flush(out, repeats);
    }
    match syntax_error_report(gil, err) {
        Some(lines) => {
            for l in lines {
                ctx.emit(out, l, '|');
            }
        }
        None => {
            let mut line = exception_line(gil, err);
            if how.suggest {
                if let Some(s) = super::suggest::suggestion(gil, err) {
                    line.push_str(&s);
                }
            }
            line.push('\n');
            ctx.emit(out, line, '|');
        }
    }
    for note in notes(gil, err) {
        ctx.emit(out, note, '|');
    }
    if let Some(members) = members {
        format_members(gil, &members, how, out, seen, ctx);
        if top_group {
            ctx.depth = 0;
        }
    }
}

/// The members of a group, each in its box (at most `MAX_GROUP_WIDTH` of them).
fn format_members(
    gil: Gil<'_>,
    members: &[Value],
    how: &Chunks<'_>,
    out: &mut Vec<String>,
    seen: &mut Vec<usize>,
    ctx: &mut GroupCtx,
) {
    let n = members.len().min(MAX_GROUP_WIDTH + 1);
    ctx.need_close = false;
    for i in 0..n {
        let last = i == n - 1;
        if last {
            ctx.need_close = true;
        }
        let truncated = i >= MAX_GROUP_WIDTH;
        let title = if truncated {
            "...".to_owned()
        } else {
            (i + 1).to_string()
        };
        let corner = if i == 0 { "+-" } else { "  " };
        out.push(format!(
            "{}{corner}+---------------- {title} ----------------\n",
            ctx.indent()
        ));
        ctx.depth += 1;
        if truncated {
            let more = members.len() - MAX_GROUP_WIDTH;
            let s = if more > 1 { "s" } else { "" };
            ctx.emit(out, format!("and {more} more exception{s}\n"), '|');
        } else {
            format_chain(
                gil,
                &as_err(members[i].clone()),
                how,
                Some(0),
                out,
                seen,
                ctx,
            );
        }
        if last && ctx.need_close {
            out.push(format!(
                "{}+------------------------------------\n",
                ctx.indent()
            ));
            ctx.need_close = false;
        }
        ctx.depth -= 1;
    }
}

/// A `SyntaxError` that carries its place (one raised compiling an imported module)
/// reports it as CPython does: file and line, the source line, carets, message.
fn syntax_error_report(gil: Gil<'_>, err: &PyErr) -> Option<Vec<String>> {
    let e = &err.0;
    if !e.typ.is_subtype(&types().exc.syntax_error) {
        return None;
    }
    let int = |k: &str| match e.attr(gil, k) {
        Some(Value::Int(i)) => i.clamp(0, u32::MAX as i64) as u32,
        _ => 0,
    };
    let text = e
        .attr(gil, "text")
        .and_then(|t| t.as_str().map(str::to_owned))
        .unwrap_or_default();
    // No caret when the offset is inside the indentation (CPython's rule).
    let indent = text.chars().take_while(|c| c.is_whitespace()).count() as u32;
    let col = match int("offset") {
        c if c <= indent => 0,
        c => c,
    };
    let filename = e.attr(gil, "filename")?.as_str()?.to_owned();
    let msg = match e.attr(gil, "msg") {
        Some(v) => crate::objects::repr::str_of(gil, &v).unwrap_or_default(),
        None => String::new(),
    };
    let report = crate::compile::CompileError {
        msg,
        filename,
        line: int("lineno"),
        col,
        end_line: int("end_lineno"),
        // An end not past the start (even a negative one) gets one caret.
        end_col: match e.attr(gil, "end_offset") {
            Some(Value::Int(i)) if i <= int("offset") as i64 => col,
            _ => int("end_offset"),
        },
        text,
    }
    .report();
    let class = e.typ.qualified_name();
    let mut lines: Vec<String> = report.split_inclusive('\n').map(str::to_owned).collect();
    // The report names the class from the message; the exception knows its own.
    if let Some(last) = lines.last_mut() {
        if let Some((_, rest)) = last.split_once(": ") {
            *last = format!("{class}: {rest}");
        }
    }
    Some(lines)
}

/// The lines of the exception's `__notes__` (`add_note`) as CPython prints them
/// after its message: each note's text, `repr()` for one that is not a str, the
/// `repr()` of `__notes__` itself when it is no list or tuple.
fn notes(gil: Gil<'_>, err: &PyErr) -> Vec<String> {
    let found = err
        .0
        .dict
        .borrow(gil)
        .get_str(&crate::objects::str::PyStr::new("__notes__".to_owned()));
    let Some(notes) = found else {
        return Vec::new();
    };
    let text = |v: &Value| match v {
        Value::Str(s) => s.as_str().to_owned(),
        v => {
            crate::objects::repr::repr(gil, v).unwrap_or_else(|_| "<note repr() failed>".to_owned())
        }
    };
    let items = match &notes {
        Value::List(l) => l.borrow(gil).clone(),
        Value::Tuple(t) => t.to_vec(),
        other => vec![Value::string(text(other))],
    };
    let mut out = Vec::new();
    for n in &items {
        for line in text(n).split('\n') {
            out.push(format!("{line}\n"));
        }
    }
    out
}

/// `TypeError: message` (or just the class name when there is no message); a type
/// outside `builtins` is qualified with its module (`struct.error: ...`).
pub fn exception_line(gil: Gil<'_>, err: &PyErr) -> String {
    let e = &err.0;
    let name = e.typ.qualified_name();
    let args = e.args(gil);
    let msg = if e.typ.is_subtype(&types().exc.key_error) && args.len() == 1 {
        crate::objects::repr::repr(gil, &args[0]).unwrap_or_default()
    } else {
        crate::objects::repr::str_of(gil, &err.value()).unwrap_or_default()
    };
    if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    }
}

/// The source line of a traceback entry and CPython 3.11's caret line under it.
fn source_line(out: &mut String, src: &str, e: &TbEntry) {
    let Some(text) = src.lines().nth(e.line.saturating_sub(1) as usize) else {
        return;
    };
    let chars: Vec<char> = text.chars().collect();
    let indent = chars.iter().take_while(|c| c.is_whitespace()).count();
    let last = chars
        .iter()
        .rposition(|c| !c.is_whitespace())
        .map_or(0, |i| i + 1);
    if last <= indent {
        return;
    }
    let stripped: String = chars[indent..last].iter().collect();
    let _ = writeln!(out, "    {stripped}");
    let start = e.col as usize;
    let end = if e.end_line == e.line {
        e.col_end as usize
    } else {
        last
    };
    let anchors = e.end_line == e.line && e.anchor_hi > 0;
    if end <= start || (end - start == last - indent && !anchors) {
        return;
    }
    out.push_str("    ");
    for i in indent..end {
        let c = if i < start {
            ' '
        } else if anchors && i >= e.anchor_lo as usize && i < e.anchor_hi as usize {
            '^'
        } else if anchors {
            '~'
        } else {
            '^'
        };
        out.push(c);
    }
    out.push('\n');
}
