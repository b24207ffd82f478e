//! pyvm: a Python-subset bytecode VM whose frames never live on the Rust stack.
//!
//! ```text
//!  compile/  source -> AST (Ruff's parser, only here) -> symbol table -> Code
//!  objects/  Value (16 bytes), the GIL token and cell, one file per type family
//!  vm/       heap frames, the one dispatch loop, calls, operators, unwinding
//!  mt/       the driver: micro-threads on the reactor, worker stacks
//!  modules/  builtins and sys, written against `native`
//!  native    the API a built-in function is written against
//! ```
//! `objects/` never names `vm`, `mt` or `modules`, and `modules/` never `vm` or `mt`
//! (`tests/layout.rs` checks it). See the project's ARCHITECTURE.md, sections "pyvm"
//! and "Layers inside pyvm".
#![deny(unsafe_code)]

pub mod cli;
pub mod compile;
pub mod modules;
pub mod mt;
pub mod native;
pub mod objects;
pub mod reserve;
pub mod stack;
pub mod vm;

use crate::objects::rc::Arc;

use objects::exception::PyErr;
use objects::gil::{with_gil, Gil};
use objects::module::Module;
use objects::types::types;
use objects::value::Value;
use vm::state::MicroThread;
use vm::Outcome;

/// What a finished program asks the process to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exit {
    pub status: i32,
}

/// A program to run as `__main__` (what the command line asks for).
#[derive(Clone, Debug)]
pub struct Program {
    /// Its source, and the file name its code carries (`<string>` for `-c`, `<stdin>`).
    pub source: String,
    pub filename: String,
    /// `sys.argv`.
    pub argv: Vec<String>,
    /// `sys.path[0]`: the script's folder, `''` for `-c` and stdin, the current
    /// folder for `-m`; `None` under `-P`/`-I`.
    pub path0: Option<String>,
    /// `-i`: the interactive prompt after the program (or instead of one, when
    /// `source` is empty and `interactive_only`).
    pub inspect: bool,
    pub interactive_only: bool,
    /// Print the prompt's banner (not under `-q`).
    pub banner: bool,
}

/// Compile and run `source` as the `__main__` module, printing uncaught exceptions as
/// CPython does. Returns the process exit status.
pub fn run_main(source: &str, filename: &str, argv: Vec<String>) -> i32 {
    let path0 = match filename.starts_with('<') {
        true => String::new(),
        false => std::path::Path::new(filename)
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
    };
    run(Program {
        source: source.to_owned(),
        filename: filename.to_owned(),
        argv,
        path0: Some(path0),
        inspect: false,
        interactive_only: false,
        banner: false,
    })
}

/// The code of the interactive prompt's main micro-thread (`_pyvm_repl.interact`).
fn repl_code(banner: bool) -> Result<Arc<compile::code::Code>, compile::CompileError> {
    let b = if banner { "True" } else { "False" };
    compile::compile(
        &format!("__import__('_pyvm_repl').interact(globals(), {b})\n"),
        vm::unwind::BOOTSTRAP_FILE,
    )
}

/// Run `program` as `__main__`; the process exit status.
pub fn run(program: Program) -> i32 {
    vm::init_compiler();
    let Program {
        source,
        filename,
        argv,
        path0,
        inspect,
        interactive_only,
        banner,
    } = program;
    modules::sys::set_argv(argv);
    mt::os_thread::set_main();
    let prepared = with_gil(|gil| {
        let compiled = match interactive_only {
            true => repl_code(banner),
            false => compile::compile(&source, &filename),
        };
        let code = match compiled {
            Ok(c) => c,
            Err(e) => {
                modules::sys::write_stderr(&e.report());
                return Err(1);
            }
        };
        // Emitted once the program's `sys` and `warnings` can run (below).
        let warnings = compile::take_warnings();
        // CPython prints no source lines for `-c` code (`<string>`).
        if !filename.starts_with('<') {
            modules::register_source(&filename, &source);
        }
        let main = main_module(gil, &filename, path0.as_deref());
        let globals = main.dict.clone();
        if let Err(err) = mt_prelude(gil) {
            return Err(report_uncaught(gil, &err));
        }
        if !warnings.is_empty() {
            compile::put_warnings(warnings);
            match native::emit_compile_warnings(gil, &filename) {
                Ok(None) => {}
                Ok(Some(e)) => {
                    modules::sys::write_stderr(&e.report());
                    return Err(1);
                }
                Err(err) => return Err(report_uncaught(gil, &err)),
            }
        }
        Ok((main_thread(&filename, code, &globals), globals))
    });
    let status = match prepared {
        Err(status) => status,
        // The reactor runs without the GIL: each micro-thread's run takes it, and a
        // wait leaves it to the other OS threads (`_thread`).
        Ok(((th, obj), globals)) => {
            let mut outcome = mt::run_main(th, obj);
            if inspect && !interactive_only {
                // `-i`: the prompt after the program, in its namespace (an error
                // the program ended with is reported first, as CPython does).
                let exited = with_gil(|gil| match &outcome {
                    Err(e) if e.is_instance(&types().exc.system_exit) => true,
                    Err(e) => {
                        report_uncaught(gil, e);
                        false
                    }
                    Ok(_) => false,
                });
                if !exited {
                    if let Ok(code) = repl_code(banner) {
                        let (th, obj) = main_thread("<stdin>", code, &globals);
                        outcome = mt::run_main(th, obj);
                    }
                }
            }
            finish(outcome, &globals)
        }
    };
    // What is left in stdout's buffer; a failure (the reader has gone) is reported
    // and gives CPython's status for it.
    if !modules::sys::flush_at_exit() {
        return 120;
    }
    status
}

/// The main micro-thread, its first frame running `code` in `globals`.
fn main_thread(
    filename: &str,
    code: Arc<compile::code::Code>,
    globals: &Arc<objects::gil::GilCell<objects::dict::Dict>>,
) -> (MicroThread, std::sync::Arc<mt::ThreadObj>) {
    let mut th = MicroThread::new();
    vm::push_code(&mut th, code, globals.clone());
    let obj = mt::ThreadObj::new(
        "main".to_owned(),
        mt::record::CallSite::new(filename, None),
        None,
    );
    (th, obj)
}

/// The end of a program: its non-daemon threads joined, `atexit`, its uncaught
/// exception reported, finalizers run; the exit status.
fn finish(
    outcome: Result<Value, PyErr>,
    globals: &Arc<objects::gil::GilCell<objects::dict::Dict>>,
) -> i32 {
    // Non-daemon `threading` threads are waited for, as CPython does at exit
    // (`threading._shutdown()`; what it raises is reported as unraisable, "Exception
    // ignored in: <module 'threading' ...>", as `Py_FinalizeEx` does).
    if let Err(e) = mt::os_thread::join_threading() {
        with_gil(|gil| {
            let threading = modules::sys_modules()
                .borrow(gil)
                .get_str(&objects::str::PyStr::new("threading".to_owned()))
                .unwrap_or(Value::None);
            vm::finalize::report(gil, &e, None, &threading);
        });
    }
    // `atexit` callbacks, last registered first (their errors are printed by
    // `_run_exitfuncs`).
    let _ = mt::os_thread::run_exit_hook("atexit", "_run_exitfuncs");
    with_gil(|gil| {
        let status = match outcome {
            Ok(_) => 0,
            Err(err) => report_uncaught(gil, &err),
        };
        vm::finalize::run_detached(gil);
        vm::finalize::clear_main(gil, globals);
        status
    })
}

/// Import `micro_thread` and make its `put` and `take_from` built-ins (the proposal's
/// built-ins writing to the current micro-thread's stdout pipe).
fn mt_prelude(gil: Gil<'_>) -> Result<(), PyErr> {
    // `-W` options and `PYTHONWARNINGS` are applied by Lib's `warnings` as it loads.
    let source = match modules::sys::options().warnoptions.is_empty() {
        true => "import micro_thread\nimport _pyvm_eg\n",
        false => "import micro_thread\nimport _pyvm_eg\nimport warnings\n",
    };
    let code = compile::compile(source, "<prelude>").map_err(|e| {
        objects::exception::runtime_error(format!("the micro_thread prelude: {}", e.msg))
    })?;
    let globals = Arc::new(objects::gil::GilCell::new(objects::dict::Dict::new()));
    let mut th = MicroThread::new();
    if let Outcome::Raised(e) = vm::run_code(gil, &mut th, code, globals) {
        return Err(e);
    }
    let b = modules::builtins_module();
    for name in ["put", "take_from"] {
        if let Some(f) = modules::micro_thread::python_helper(gil, name) {
            b.set(gil, name, f);
        }
    }
    Ok(())
}

/// Run `source` as `__main__` and return its stdout and, if it raised, the
/// exception's `Type: message` line (the helper in-crate unit tests are written with).
pub fn run_capture(source: &str) -> (String, Option<String>) {
    vm::init_compiler();
    let (raised, out) = modules::sys::capture_stdout(|| {
        with_gil(|gil| {
            let code = match compile::compile(source, "<test>") {
                Ok(c) => c,
                Err(e) => return Some(format!("SyntaxError: {}", e.msg)),
            };
            let globals = main_module(gil, "<test>", Some("")).dict.clone();
            let mut th = MicroThread::new();
            match vm::run_code(gil, &mut th, code, globals) {
                Outcome::Returned(_) => None,
                Outcome::Raised(err) => Some(vm::unwind::exception_line(gil, &err)),
                Outcome::Deferred => Some("deferred".to_owned()),
            }
        })
    });
    (out, raised)
}

/// The `__main__` module of a program run from `filename`, registered in
/// `sys.modules`, with `sys.path` set up for it (`path0` first, when given).
fn main_module(gil: Gil<'_>, filename: &str, path0: Option<&str>) -> Arc<Module> {
    let main = Arc::new(Module::new("__main__"));
    main.set(gil, "__name__", Value::str("__main__"));
    main.set(gil, "__doc__", Value::None);
    // A script is no package's module: its relative imports have no parent.
    main.set(gil, "__package__", Value::None);
    main.set(gil, "__spec__", Value::None);
    if !filename.starts_with('<') {
        main.set(gil, "__file__", Value::str(filename));
    }
    modules::init_main(gil, &main, path0);
    main
}

/// Print an uncaught exception (or honour `SystemExit`) and give the exit status.
fn report_uncaught(gil: Gil<'_>, err: &PyErr) -> i32 {
    let t = types();
    if err.is_instance(&t.exc.system_exit) {
        let code = err.0.arg0(gil).unwrap_or(Value::None);
        return match code {
            Value::None => 0,
            Value::Int(n) => n as i32,
            Value::Bool(b) => b as i32,
            other => {
                let text = objects::repr::str_of(gil, &other).unwrap_or_default();
                modules::sys::write_stderr(&format!("{text}\n"));
                1
            }
        };
    }
    let text = vm::unwind::format_exception(gil, err, &modules::source_text);
    modules::sys::write_stderr(&text);
    if err.is_instance(&t.exc.keyboard_interrupt) {
        130
    } else {
        1
    }
}

#[cfg(test)]
mod tests;
