//! The command line of `pyvm` (and of the root package's binary): `pyvm script.py [args...]`, `pyvm -c "code" [args...]`,
//! `pyvm --dis script.py` (bytecode listing), `-X preempt=SECONDS` (micro_thread
//! preemption with that time slice, as `micro_thread.set_preemption(SECONDS)`).

use std::process::ExitCode;

const USAGE: &str = "usage: pyvm [--dis] [-X preempt=SECONDS] (script.py | -c code) [args...]\n";

/// The command line: what `pyvm` (and the root package's binary) run.
pub fn main() -> ExitCode {
    let env = |name: &str| std::env::var(name).ok();
    if let Err(msg) = crate::objects::hash::init(env("PYTHONHASHSEED").as_deref()) {
        eprintln!("Fatal Python error: config_init_hash_seed: {msg}\nPython runtime state: preinitialized\n");
        return ExitCode::from(1);
    }
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut dis = false;
    let mut int_max_str_digits = None;
    loop {
        match args.first().map(String::as_str) {
            Some("--dis") => {
                dis = true;
                args.remove(0);
            }
            Some(x) if x.starts_with("-X") => {
                let opt = match x.strip_prefix("-X").filter(|o| !o.is_empty()) {
                    Some(o) => o.to_owned(),
                    None if args.len() > 1 => args.remove(1),
                    None => {
                        eprint!("Argument expected for the -X option\n{USAGE}");
                        return ExitCode::from(2);
                    }
                };
                args.remove(0);
                if let Some(v) = opt.strip_prefix("preempt=") {
                    match v.parse::<f64>() {
                        Ok(s) if s >= 0.0 && s.is_finite() => {
                            crate::mt::watchdog::set_preemption(
                                (s > 0.0).then(|| std::time::Duration::from_secs_f64(s)),
                            );
                        }
                        _ => {
                            eprint!("-X preempt needs a number of seconds\n{USAGE}");
                            return ExitCode::from(2);
                        }
                    }
                }
                if opt == "int_max_str_digits" || opt.starts_with("int_max_str_digits=") {
                    int_max_str_digits = Some(
                        opt["int_max_str_digits".len()..]
                            .trim_start_matches('=')
                            .to_owned(),
                    );
                }
                // Other -X options are accepted and ignored, as CPython keeps
                // unknown ones in sys._xoptions.
            }
            _ => break,
        }
    }
    if let Err(msg) = crate::modules::sys::init_int_max_str_digits(
        int_max_str_digits.as_deref(),
        env("PYTHONINTMAXSTRDIGITS").as_deref(),
    ) {
        eprintln!("Fatal Python error: config_init_int_max_str_digits: {msg}\nPython runtime state: preinitialized\n");
        return ExitCode::from(1);
    }
    let (source, filename, argv) = match args.first().map(String::as_str) {
        None => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
        Some("-c") => {
            let Some(code) = args.get(1) else {
                eprint!("Argument expected for the -c option\n{USAGE}");
                return ExitCode::from(2);
            };
            let mut argv = vec!["-c".to_owned()];
            argv.extend(args[2..].iter().cloned());
            (code.clone(), "<string>".to_owned(), argv)
        }
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => {
                let Ok(text) = String::from_utf8(bytes) else {
                    eprintln!("SyntaxError: Non-UTF-8 code in file '{path}'");
                    return ExitCode::from(1);
                };
                let abs = std::fs::canonicalize(path)
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|_| path.to_owned());
                (text, abs, args.clone())
            }
            Err(e) => {
                let errno = e.raw_os_error().unwrap_or(0);
                eprintln!(
                    "pyvm: can't open file '{path}': [Errno {errno}] {}",
                    describe(&e)
                );
                return ExitCode::from(2);
            }
        },
    };
    if dis {
        return match crate::compile::compile(&source, &filename) {
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
    if let Err(e) =
        signal_hook::flag::register(signal_hook::consts::SIGINT, crate::vm::interrupt_flag())
    {
        eprintln!("pyvm: cannot install the SIGINT handler: {e}");
    }
    // The interpreter runs on a thread with a large stack: Python calls never recurse
    // in Rust, but natives calling Python nest (boundedly; see `crate::native`).
    let runner = std::thread::Builder::new()
        .name("pyvm-main".into())
        .stack_size(256 << 20)
        .spawn(move || crate::run_main(&source, &filename, argv));
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

/// The OS error text without Rust's " (os error N)" suffix.
fn describe(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
}
