//! The command line of `pyvm` (and of the root package's binary), as `python3`'s:
//! `pyvm [option] ... [-c cmd | -m mod | file | -] [arg] ...`, with CPython's options,
//! environment variables, messages and exit statuses, plus pyvm's own `--dis` (a
//! bytecode listing) and `-X preempt=SECONDS` (micro_thread preemption with that time
//! slice, as `micro_thread.set_preemption(SECONDS)`).

use std::process::ExitCode;

use crate::modules::sys::Options;

const HELP: &str = "\
Options (and corresponding environment variables):
-b     : issue warnings about str(bytes_instance), str(bytearray_instance)
         and comparing bytes/bytearray with str. (-bb: issue errors)
-B     : don't write .pyc files on import; also PYTHONDONTWRITEBYTECODE=x
-c cmd : program passed in as string (terminates option list)
-d     : turn on parser debugging output (for experts only)
-E     : ignore PYTHON* environment variables (such as PYTHONPATH)
-h     : print this help message and exit (also -? or --help)
-i     : inspect interactively after running script; forces a prompt even
         if stdin does not appear to be a terminal; also PYTHONINSPECT=x
-I     : isolate Python from the user's environment (implies -E and -s)
-m mod : run library module as a script (terminates option list)
-O     : sets sys.flags.optimize (pyvm keeps assert statements)
-OO    : sets sys.flags.optimize to 2
-P     : don't prepend a potentially unsafe path to sys.path
-q     : don't print version and copyright messages on interactive startup
-s     : don't add user site directory to sys.path; also PYTHONNOUSERSITE
-S     : don't imply 'import site' on initialization
-u     : force the stdout and stderr streams to be unbuffered;
         this option has no effect on stdin; also PYTHONUNBUFFERED=x
-v     : verbose (trace import statements); also PYTHONVERBOSE=x
-V     : print the Python version number and exit (also --version)
         when given twice, print more information about the build
-W arg : warning control; arg is action:message:category:module:lineno
         also PYTHONWARNINGS=arg
-x     : skip first line of source, allowing use of non-Unix forms of #!cmd
-X opt : set implementation-specific option; pyvm's own:
         -X preempt=SECONDS: preempt a micro_thread after SECONDS of running
--dis  : print the bytecode of the program instead of running it (pyvm)
file   : program read from script file
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]

Other environment variables:
PYTHONPATH   : ':'-separated list of directories prefixed to the
               default module search path.  The result is sys.path.
PYVM_STDLIB  : the folder of CPython 3.11's standard library pyvm uses
               (found from the installed python3 when unset).
";

/// What the command line asks for.
#[derive(Debug, Default)]
struct Command {
    opts: Options,
    program: Option<What>,
    /// `sys.argv[1:]`.
    args: Vec<String>,
    dis: bool,
    unbuffered: bool,
    skip_first_line: bool,
    help: bool,
    version: u8,
    preempt: Option<f64>,
}

#[derive(Debug)]
enum What {
    Code(String),
    Module(String),
    File(String),
    Stdin,
}

/// A command line CPython would refuse: its message (the usage lines follow it).
struct Usage(String);

fn parse(argv: &[String]) -> Result<Command, Usage> {
    let mut c = Command::default();
    let mut i = 0;
    while i < argv.len() {
        let arg = &argv[i];
        i += 1;
        match arg.as_str() {
            "--" => break,
            "-" => {
                c.program = Some(What::Stdin);
                break;
            }
            "--help" | "--help-all" => c.help = true,
            "--version" => c.version += 1,
            "--dis" => c.dis = true,
            "--check-hash-based-pycs" => {
                let Some(v) = argv.get(i) else {
                    return Err(Usage(
                        "Argument expected for the --check-hash-based-pycs option".into(),
                    ));
                };
                i += 1;
                if !["default", "always", "never"].contains(&v.as_str()) {
                    return Err(Usage(
                        "--check-hash-based-pycs must be one of 'default', 'always', or 'never'"
                            .into(),
                    ));
                }
            }
            long if long.starts_with("--") => {
                return Err(Usage(format!("unknown option {long}")));
            }
            short if short.starts_with('-') => {
                let flags: Vec<char> = short[1..].chars().collect();
                let mut k = 0;
                while k < flags.len() {
                    let f = flags[k];
                    k += 1;
                    if matches!(f, 'c' | 'm' | 'W' | 'X') {
                        // The option's argument: the rest of this word, or the next.
                        let value = match flags[k..].iter().collect::<String>() {
                            v if !v.is_empty() => v,
                            _ => match argv.get(i) {
                                Some(v) => {
                                    i += 1;
                                    v.clone()
                                }
                                None => {
                                    return Err(Usage(format!(
                                        "Argument expected for the -{f} option"
                                    )))
                                }
                            },
                        };
                        match f {
                            'c' => c.program = Some(What::Code(value)),
                            'm' => c.program = Some(What::Module(value)),
                            'W' => c.opts.warnoptions.push(value),
                            _ => x_option(&mut c, value)?,
                        }
                        break;
                    }
                    flag(&mut c, f)?;
                }
                if c.program.is_some() {
                    break;
                }
            }
            file => {
                c.program = Some(What::File(file.to_owned()));
                break;
            }
        }
    }
    c.args = argv[i..].to_vec();
    Ok(c)
}

/// A one-letter option without an argument.
fn flag(c: &mut Command, f: char) -> Result<(), Usage> {
    let o = &mut c.opts;
    match f {
        'b' => o.bytes_warning += 1,
        'B' => o.dont_write_bytecode = 1,
        'd' => o.debug += 1,
        'E' => o.ignore_environment = 1,
        'h' | '?' => c.help = true,
        'i' => {
            o.inspect = 1;
            o.interactive = 1;
        }
        'I' => {
            o.isolated = 1;
            o.ignore_environment = 1;
            o.no_user_site = 1;
            o.safe_path = 1;
        }
        'O' => o.optimize += 1,
        'P' => o.safe_path = 1,
        'q' => o.quiet = 1,
        's' => o.no_user_site = 1,
        'S' => o.no_site = 1,
        'u' => c.unbuffered = true,
        'v' => o.verbose += 1,
        'V' => c.version += 1,
        'x' => c.skip_first_line = true,
        'R' => {}
        other => return Err(Usage(format!("Unknown option: -{other}"))),
    }
    Ok(())
}

/// `-X name[=value]`: kept in `sys._xoptions` (as CPython keeps unknown ones);
/// `preempt=SECONDS` is pyvm's.
fn x_option(c: &mut Command, opt: String) -> Result<(), Usage> {
    if let Some(v) = opt.strip_prefix("preempt=") {
        match v.parse::<f64>() {
            Ok(s) if s >= 0.0 && s.is_finite() => c.preempt = Some(s),
            _ => return Err(Usage("-X preempt needs a number of seconds".into())),
        }
    }
    match opt.as_str() {
        "dev" => c.opts.dev_mode = true,
        "warn_default_encoding" => c.opts.warn_default_encoding = 1,
        _ => {}
    }
    c.opts.xoptions.push(opt);
    Ok(())
}

/// `sys.flags.utf8_mode` as CPython 3.11 sets it (PEP 540): the last `-X utf8[=0|1]`,
/// else `PYTHONUTF8` (not under `-E`/`-I`), else on for a legacy "C"/"POSIX" locale.
/// `Err`: the bad setting, for CPython's fatal error.
fn utf8_mode(o: &Options) -> Result<i64, &'static str> {
    let x = o.xoptions.iter().rev().find_map(|x| match x.as_str() {
        "utf8" => Some(Some(1)),
        "utf8=1" => Some(Some(1)),
        "utf8=0" => Some(Some(0)),
        v if v.starts_with("utf8=") => Some(None),
        _ => None,
    });
    match x {
        Some(Some(m)) => return Ok(m),
        Some(None) => return Err("-X utf8 option"),
        None => {}
    }
    if o.ignore_environment == 0 {
        match std::env::var("PYTHONUTF8").ok().as_deref() {
            None | Some("") => {}
            Some("1") => return Ok(1),
            Some("0") => return Ok(0),
            Some(_) => return Err("PYTHONUTF8 environment variable"),
        }
    }
    Ok(crate::modules::unix::locale::legacy_ctype() as i64)
}

/// The `PYTHON*` variables CPython reads at start-up (none under `-E`/`-I`).
fn read_environment(c: &mut Command) {
    if c.opts.ignore_environment != 0 {
        return;
    }
    let var = |n: &str| std::env::var(n).ok().filter(|v| !v.is_empty());
    let level = |n: &str| var(n).map(|v| v.parse::<i64>().unwrap_or(1).max(1));
    let o = &mut c.opts;
    if var("PYTHONUNBUFFERED").is_some() {
        c.unbuffered = true;
    }
    if var("PYTHONDONTWRITEBYTECODE").is_some() {
        o.dont_write_bytecode = 1;
    }
    if var("PYTHONINSPECT").is_some() {
        o.inspect = 1;
    }
    if var("PYTHONSAFEPATH").is_some() {
        o.safe_path = 1;
    }
    if var("PYTHONNOUSERSITE").is_some() {
        o.no_user_site = 1;
    }
    if var("PYTHONDEVMODE").is_some() {
        o.dev_mode = true;
    }
    if var("PYTHONWARNDEFAULTENCODING").is_some() {
        o.warn_default_encoding = 1;
    }
    o.optimize = o.optimize.max(level("PYTHONOPTIMIZE").unwrap_or(0));
    o.verbose = o.verbose.max(level("PYTHONVERBOSE").unwrap_or(0));
    o.debug = o.debug.max(level("PYTHONDEBUG").unwrap_or(0));
    if let Some(w) = var("PYTHONWARNINGS") {
        // Before the -W options, which therefore take precedence.
        let env: Vec<String> = w
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        o.warnoptions.splice(0..0, env);
    }
}

/// The command line: what `pyvm` (and the root package's binary) run.
pub fn main() -> ExitCode {
    use std::os::unix::ffi::OsStrExt;
    // As CPython: undecodable bytes become U+DC80..U+DCFF (`surrogateescape`).
    let argv: Vec<String> = std::env::args_os()
        .map(|a| crate::objects::str::fs_decode(a.as_bytes()))
        .collect();
    let exe = argv.first().cloned().unwrap_or_else(|| "pyvm".to_owned());
    let usage = format!("usage: {exe} [option] ... [-c cmd | -m mod | file | -] [arg] ...\n");
    let mut c = match parse(argv.get(1..).unwrap_or_default()) {
        Ok(c) => c,
        Err(Usage(msg)) => {
            eprint!("{msg}\n{usage}Try `python -h' for more information.\n");
            return ExitCode::from(2);
        }
    };
    if c.help {
        print!("{usage}{HELP}");
        return ExitCode::SUCCESS;
    }
    if c.version > 0 {
        match c.version {
            1 => println!("Python 3.11.0"),
            _ => println!(
                "Python 3.11.0 (pyvm {}, micro_threads on a reactor)",
                env!("CARGO_PKG_VERSION")
            ),
        }
        return ExitCode::SUCCESS;
    }
    read_environment(&mut c);
    c.opts.orig_argv = argv.clone();
    c.opts.utf8_mode = match utf8_mode(&c.opts) {
        Ok(m) => m,
        Err(what) => {
            eprintln!("Fatal Python error: preconfig_init_utf8_mode: invalid {what} value\nPython runtime state: preinitializing\n");
            return ExitCode::from(1);
        }
    };
    // The hash seed and the int/str digit limit, as CPython reads them (none of the
    // environment under -E/-I); a bad value is CPython's fatal error.
    let env_of = |name: &str| {
        (c.opts.ignore_environment == 0)
            .then(|| std::env::var(name).ok())
            .flatten()
    };
    if let Err(msg) = crate::objects::hash::init(env_of("PYTHONHASHSEED").as_deref()) {
        eprintln!("Fatal Python error: config_init_hash_seed: {msg}\nPython runtime state: preinitialized\n");
        return ExitCode::from(1);
    }
    let x_digits = c.opts.xoptions.iter().rev().find_map(|x| {
        let v = x.strip_prefix("int_max_str_digits")?;
        (v.is_empty() || v.starts_with('=')).then(|| v.trim_start_matches('=').to_owned())
    });
    if let Err(msg) = crate::modules::sys::init_int_max_str_digits(
        x_digits.as_deref(),
        env_of("PYTHONINTMAXSTRDIGITS").as_deref(),
    ) {
        eprintln!("Fatal Python error: config_init_int_max_str_digits: {msg}\nPython runtime state: preinitialized\n");
        return ExitCode::from(1);
    }
    if let Some(s) = c.preempt {
        crate::mt::watchdog::set_preemption(
            (s > 0.0).then(|| std::time::Duration::from_secs_f64(s)),
        );
    }
    if c.unbuffered {
        crate::modules::stdio::set_unbuffered();
    }
    let program = match program(&mut c, &exe) {
        Ok(p) => p,
        Err(status) => return ExitCode::from(status),
    };
    if c.dis {
        return match crate::compile::compile(&program.source, &program.filename) {
            Ok(code) => {
                print!("{}", code.disassemble());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprint!("{}", e.report());
                ExitCode::from(1)
            }
        };
    }
    crate::modules::sys::set_options(c.opts);
    // Signal dispositions as CPython sets them at start-up (SIGINT's handler).
    crate::modules::signal::init();
    // A panic (a bug) still writes out what the program printed before it.
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        crate::modules::sys::flush_after_panic();
        report(info);
    }));
    // The interpreter runs on a thread with a roomy stack: Python calls never recurse
    // in Rust, micro-threads run on worker stacks, and the deep code that runs here
    // (the compiler, a nested loop when no worker stack can be had) grows it on demand
    // (`stacker`). 64 MiB of address space (it was 256: the base of a process that
    // starts thousands of OS threads under an address-space limit).
    let runner = std::thread::Builder::new()
        .name("pyvm-main".into())
        .stack_size(64 << 20)
        .spawn(move || {
            let status = crate::run(program);
            // A child made by `os.fork()` has only this thread: the process ends
            // with it, its status this one.
            if crate::mt::is_fork_child() {
                std::process::exit(status);
            }
            status
        });
    let status = match runner.map(|h| h.join()) {
        Ok(Ok(status)) => status,
        _ => 70,
    };
    if status == 130 {
        // An uncaught KeyboardInterrupt ends the process by SIGINT, as CPython does.
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGINT);
    }
    ExitCode::from(status.clamp(0, 255) as u8)
}

/// The program the command line names, read and ready to run (or the exit status of
/// the error that stops it, already reported).
fn program(c: &mut Command, exe: &str) -> Result<crate::Program, u8> {
    use std::io::IsTerminal;
    let safe = c.opts.safe_path != 0;
    let cwd = || {
        std::env::current_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_default()
    };
    let inspect = c.opts.inspect != 0;
    let mut p = crate::Program {
        source: String::new(),
        filename: "<stdin>".to_owned(),
        argv: Vec::new(),
        path0: (!safe).then(String::new),
        inspect,
        interactive_only: false,
        banner: c.opts.quiet == 0,
    };
    let what = c.program.take().unwrap_or(What::Stdin);
    let first = match &what {
        What::Code(code) => {
            p.source = code.clone();
            p.filename = "<string>".to_owned();
            "-c".to_owned()
        }
        What::Module(name) => {
            // CPython's `runpy._run_module_as_main`, from a bootstrap frame
            // tracebacks leave out.
            p.source = format!("__import__('runpy')._run_module_as_main({name:?})\n");
            p.filename = crate::vm::unwind::BOOTSTRAP_FILE.to_owned();
            p.path0 = (!safe).then(cwd);
            "-m".to_owned()
        }
        What::Stdin if c.args.is_empty() && (inspect || std::io::stdin().is_terminal()) => {
            // No program: the interactive prompt.
            p.interactive_only = true;
            p.inspect = true;
            String::new()
        }
        What::Stdin => {
            let mut text = Vec::new();
            if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut text) {
                eprintln!("{exe}: can't read the program from stdin: {}", describe(&e));
                return Err(2);
            }
            p.source = match String::from_utf8(text) {
                Ok(t) => t,
                Err(_) => {
                    eprintln!("SyntaxError: Non-UTF-8 code in file '<stdin>'");
                    return Err(1);
                }
            };
            "-".to_owned()
        }
        What::File(path) => {
            let file = read_script(path, exe)?;
            p.source = file.source;
            p.path0 = (!safe).then_some(file.folder);
            p.filename = file.filename;
            path.clone()
        }
    };
    if c.skip_first_line {
        // `-x`: the first line is left out, its line break kept (line numbers hold).
        p.source = match p.source.find('\n') {
            Some(i) => p.source[i..].to_owned(),
            None => String::new(),
        };
    }
    p.argv = std::iter::once(first).chain(c.args.drain(..)).collect();
    Ok(p)
}

struct Script {
    source: String,
    filename: String,
    folder: String,
}

/// Read the script `path` (a directory runs its `__main__.py`), or report why not.
fn read_script(path: &str, exe: &str) -> Result<Script, u8> {
    let abs = std::path::absolute(path)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| path.to_owned());
    let (file, folder) = match std::path::Path::new(path).is_dir() {
        true => {
            let main = std::path::Path::new(path).join("__main__.py");
            if !main.is_file() {
                eprintln!("{exe}: can't find '__main__' module in '{abs}'");
                return Err(1);
            }
            (main.display().to_string(), path.to_owned())
        }
        false => (path.to_owned(), String::new()),
    };
    match std::fs::read(&file) {
        Ok(bytes) => {
            let Ok(source) = String::from_utf8(bytes) else {
                eprintln!("SyntaxError: Non-UTF-8 code in file '{file}'");
                return Err(1);
            };
            let filename = std::fs::canonicalize(&file)
                .map(|p| p.display().to_string())
                .unwrap_or(file);
            let folder = match folder.is_empty() {
                false => folder,
                true => std::path::Path::new(&filename)
                    .parent()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
            };
            Ok(Script {
                source,
                filename,
                folder,
            })
        }
        Err(e) => {
            let errno = e.raw_os_error().unwrap_or(0);
            eprintln!(
                "{exe}: can't open file '{abs}': [Errno {errno}] {}",
                describe(&e)
            );
            Err(2)
        }
    }
}

/// The OS error text without Rust's " (os error N)" suffix.
fn describe(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
}
