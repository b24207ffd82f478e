//! `exec`, `eval` and `compile`: source text (or a code object) run in a frame of its
//! own, with the caller's namespaces or the dicts given (`Cx::run_code`).

use crate::objects::rc::Arc;

use crate::compile::code::Code;
use crate::compile::to_ast::AstMode;
use crate::native::*;
use crate::objects::dict::Dict;
use crate::objects::gil::GilCell;
use crate::objects::types::type_name;

/// What `compile()` builds from its mode.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Exec,
    Eval,
}

/// The text of a `str` or `bytes` source; `None` for anything else.
fn source_text(gil: crate::objects::gil::Gil<'_>, v: &Value) -> Option<String> {
    match v {
        Value::Str(s) => Some(s.as_str().to_owned()),
        Value::Bytes(b) => Some(String::from_utf8_lossy(b).into_owned()),
        // Any buffer, as CPython reads one: `bytearray`, `memoryview`, `array`.
        Value::ByteArray(b) => Some(String::from_utf8_lossy(&b.borrow(gil)).into_owned()),
        Value::Object(o) => {
            o.0.buffer(gil)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
        }
        _ => None,
    }
}

/// CPython's `SyntaxError` (no place) for a source string holding a NUL byte, as
/// `compile()`, `exec()`, `eval()` and imports raise it.
pub fn check_null_bytes(text: &str) -> Result<(), PyErr> {
    if text.contains('\0') {
        let msg = Value::str("source code string cannot contain null bytes");
        return Err(PyErr::with_attrs(
            &crate::objects::types::types().exc.syntax_error,
            vec![msg.clone()],
            vec![
                ("msg", msg),
                ("filename", Value::None),
                ("lineno", Value::None),
                ("offset", Value::None),
                ("text", Value::None),
                ("end_lineno", Value::None),
                ("end_offset", Value::None),
            ],
        ));
    }
    Ok(())
}

fn compile_text(text: &str, filename: &str, mode: Mode, levels: usize) -> Result<Arc<Code>, PyErr> {
    check_null_bytes(text)?;
    let out = crate::compile::depth::with_budget(levels, || match mode {
        Mode::Exec => crate::compile::compile(text, filename),
        Mode::Eval => crate::compile::compile_eval(text, filename),
    });
    let code = out.map_err(|e| compile_error(text, mode == Mode::Eval, e))?;
    // The compiler's warnings (`"is" with a literal`), errors under `-W error`.
    let warned =
        crate::objects::gil::with_gil(|gil| crate::native::emit_compile_warnings(gil, filename))?;
    match warned {
        Some(e) => Err(compile_error(text, mode == Mode::Eval, e)),
        None => Ok(code),
    }
}

/// The `SyntaxError` for a compile error in `text`.
pub fn compile_error(text: &str, eval: bool, mut e: crate::compile::CompileError) -> PyErr {
    // The line as CPython's tokenizer holds it: in `exec` mode it ends with a
    // newline (one is added after the last line); in `eval` mode only if the
    // source has one there.
    let ends = !eval
        || text
            .split_inclusive('\n')
            .nth(e.line.saturating_sub(1) as usize)
            .is_some_and(|l| l.ends_with('\n'));
    if !ends {
        e.text = e.text.trim_end_matches('\n').to_owned();
        return syntax_error_exact(&e);
    }
    syntax_error(&e)
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1)`.
pub fn compile(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(
        args,
        "compile",
        &[
            "source",
            "filename",
            "mode",
            "flags",
            "dont_inherit",
            "optimize",
            "_feature_version",
        ],
        3,
        6,
    )?;
    let [Some(source), Some(filename), Some(mode), ..] = &a[..] else {
        unreachable!("clinic checked the required arguments")
    };
    let flags = match a.get(3) {
        Some(Some(f)) => arg_int(f, "flags")?,
        _ => 0,
    };
    let only_ast = flags & crate::modules::ast_nodes::PYCF_ONLY_AST != 0;
    let incomplete_ok = flags & PYCF_ALLOW_INCOMPLETE_INPUT != 0;
    let no_dedent = flags & PYCF_DONT_IMPLY_DEDENT != 0;
    let filename = match filename {
        Value::Str(s) => s.as_str().to_owned(),
        Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        other => {
            return Err(type_error(format!(
                "compile() argument 'filename' must be str, bytes or os.PathLike, not {}",
                type_name(other)
            ))
            .into())
        }
    };
    let mode = match mode {
        Value::Str(s) => s.as_str().to_owned(),
        other => {
            return Err(type_error(format!(
                "compile() argument 'mode' must be str, not {}",
                type_name(other)
            ))
            .into())
        }
    };
    let value_error = |msg: &str| -> PyResult<Value> {
        Err(PyErr::new(
            &crate::objects::types::types().exc.value_error,
            vec![Value::str(msg)],
        )
        .into())
    };
    let ast_mode = match mode.as_str() {
        "exec" => AstMode::Exec,
        "eval" => AstMode::Eval,
        "single" => AstMode::Single,
        "func_type" if only_ast => {
            return value_error("compile() mode 'func_type' is not supported by pyvm")
        }
        _ => return value_error("compile() mode must be 'exec', 'eval' or 'single'"),
    };
    // An AST object: returned as it is for PyCF_ONLY_AST, else compiled from its
    // `ast.unparse` text (its positions are not kept).
    let ast_text = if crate::modules::ast_nodes::is_node(cx.gil, source) {
        if only_ast {
            return Ok(source.clone());
        }
        Some(crate::modules::ast_nodes::source_of(cx, source, &mode)?)
    } else {
        None
    };
    let Some(text) = ast_text.or_else(|| source_text(cx.gil, source)) else {
        return Err(type_error("compile() arg 1 must be a string, bytes or AST object").into());
    };
    let levels = cx.compile_levels();
    if only_ast {
        if text.contains('\0') {
            compile_text(&text, &filename, Mode::Exec, levels)?;
        }
        return crate::modules::ast_nodes::parse(cx, &text, &filename, ast_mode);
    }
    let mode = match ast_mode {
        AstMode::Exec => Mode::Exec,
        AstMode::Eval => Mode::Eval,
        AstMode::Single => {
            if text.contains('\0') {
                compile_text(&text, &filename, Mode::Exec, levels)?;
            }
            let r = crate::compile::depth::with_budget(levels, || {
                crate::compile::compile_single(&text, &filename)
            });
            if incomplete_ok && crate::compile::is_incomplete(&text, r.as_ref().err(), no_dedent) {
                return Err(incomplete_input(&filename));
            }
            let code = r.map_err(|e| compile_error(&text, false, e))?;
            if let Some(e) = crate::native::emit_compile_warnings(cx.gil, &filename)? {
                return Err(compile_error(&text, false, e).into());
            }
            return Ok(Value::Code(code));
        }
    };
    match compile_text(&text, &filename, mode, levels) {
        Err(e)
            if incomplete_ok && e.is_instance(&crate::objects::types::types().exc.syntax_error) =>
        {
            let ce = crate::compile::compile(&text, &filename).err();
            match ce.is_some() && crate::compile::is_incomplete(&text, ce.as_ref(), no_dedent) {
                true => Err(incomplete_input(&filename)),
                false => Err(e.into()),
            }
        }
        r => Ok(Value::Code(r?)),
    }
}

/// `codeop`'s flags: the source may be the start of a statement (`incomplete input`),
/// and its last indented block is not closed by the end of the text.
const PYCF_DONT_IMPLY_DEDENT: i64 = 0x200;
const PYCF_ALLOW_INCOMPLETE_INPUT: i64 = 0x4000;

/// `SyntaxError: incomplete input`, as CPython's parser raises it for codeop.
fn incomplete_input(filename: &str) -> deferred::Unwind<PyErr> {
    syntax_error(&crate::compile::CompileError {
        msg: "incomplete input".to_owned(),
        filename: filename.to_owned(),
        line: 1,
        col: 0,
        end_line: 1,
        end_col: 0,
        text: String::new(),
    })
    .into()
}

/// `exec(source, globals=None, locals=None)`.
pub fn exec(cx: &mut Cx, args: Args) -> PyResult<Value> {
    run(cx, args, Mode::Exec)?;
    Ok(Value::None)
}

/// `eval(expression, globals=None, locals=None)`.
pub fn eval(cx: &mut Cx, args: Args) -> PyResult<Value> {
    run(cx, args, Mode::Eval)
}

fn run(cx: &mut Cx, mut args: Args, mode: Mode) -> PyResult<Value> {
    let name = match mode {
        Mode::Exec => "exec",
        Mode::Eval => "eval",
    };
    // Keyword-only `closure` (3.11): the cells of a code object's free variables.
    let mut closure = None;
    if mode == Mode::Exec {
        closure = args
            .take_kw("closure")
            .filter(|c| !matches!(c, Value::None));
        if let Some((k, _)) = args.kw.first() {
            return Err(type_error(if args.is_empty() {
                "exec() takes at least 1 positional argument (0 given)".to_owned()
            } else {
                format!("'{k}' is an invalid keyword argument for exec()")
            })
            .into());
        }
    }
    if mode == Mode::Eval && !args.kw.is_empty() {
        return Err(type_error("eval() takes no keyword arguments").into());
    }
    let n = args.len();
    if n == 0 && mode == Mode::Exec {
        return Err(type_error("exec() takes at least 1 positional argument (0 given)").into());
    }
    if n == 0 || n > 3 {
        return Err(type_error(if n == 0 {
            format!("{name} expected at least 1 argument, got 0")
        } else {
            format!("{name} expected at most 3 arguments, got {n}")
        })
        .into());
    }
    let globals = match args.get(1) {
        None | Some(Value::None) => None,
        Some(Value::Dict(d)) => Some(d.clone()),
        Some(other) => {
            return Err(type_error(match mode {
                Mode::Exec => format!("exec() globals must be a dict, not {}", type_name(other)),
                Mode::Eval if matches!(other, Value::Instance(_) | Value::List(_)) => {
                    "globals must be a real dict; try eval(expr, {}, mapping)".to_owned()
                }
                Mode::Eval => "globals must be a dict".to_owned(),
            })
            .into())
        }
    };
    let locals = match args.get(2) {
        None | Some(Value::None) => None,
        Some(Value::Dict(d)) => Some(d.clone()),
        Some(v) => match crate::objects::class::payload(v) {
            Some(Value::Dict(d)) => Some(d.clone()),
            _ => {
                return Err(type_error(match mode {
                    Mode::Exec => format!("locals must be a mapping or None, not {}", type_name(v)),
                    Mode::Eval => "locals must be a mapping".to_owned(),
                })
                .into())
            }
        },
    };
    let code = match args.at(0) {
        Value::Code(c) => c.clone(),
        v => match source_text(cx.gil, v) {
            Some(_) if closure.is_some() => {
                return Err(
                    type_error("closure can only be used when source is a code object").into(),
                )
            }
            Some(text) => compile_text(&text, "<string>", mode, cx.compile_levels())?,
            None => {
                return Err(type_error(format!(
                    "{name}() arg 1 must be a string, bytes or code object"
                ))
                .into())
            }
        },
    };
    let free = code.freevars.len();
    match (&closure, free) {
        (Some(_), 0) => return Err(type_error("cannot use a closure with this code object").into()),
        (_, 0) => {}
        _ if mode == Mode::Eval => {
            return Err(
                type_error("code object passed to eval() may not contain free variables").into(),
            )
        }
        (Some(Value::Tuple(t)), n)
            if t.len() == n && t.iter().all(|c| matches!(c, Value::Cell(_))) => {}
        (_, n) => {
            return Err(type_error(format!(
                "code object requires a closure of exactly length {n}"
            ))
            .into())
        }
    }
    let (globals, locals) = match globals {
        Some(g) => {
            // As CPython: the globals get the builtins unless they name their own.
            let gil = cx.gil;
            let key = crate::objects::str::intern("__builtins__");
            let has = g.borrow(gil).get(&key)?.is_some();
            if !has {
                let b = crate::modules::builtins_module().dict.clone();
                g.borrow_mut(gil).insert(key, Value::Dict(b))?;
            }
            (g, locals)
        }
        None => {
            let (g, l) = caller_namespaces(cx);
            (g, locals.or(l))
        }
    };
    if free > 0 {
        // The body of a function with these cells (CPython runs it with the locals
        // unused: such code keeps its variables in the frame).
        let f = crate::native::make_function(cx.gil, Value::Code(code), globals, None, closure);
        return cx.call(&f, Vec::new());
    }
    cx.run_code(code, globals, locals)
}

/// The calling frame's globals, and its locals: none at module level (the globals
/// are), a class body's namespace, or a snapshot of a function's variables.
fn caller_namespaces(cx: &mut Cx) -> (Arc<GilCell<Dict>>, Option<Arc<GilCell<Dict>>>) {
    cx.caller_namespaces()
        .unwrap_or_else(|| (Arc::new(GilCell::new(Dict::new())), None))
}
