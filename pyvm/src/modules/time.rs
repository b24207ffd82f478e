//! The `time` module: wall, monotonic, performance and CPU clocks, and `sleep`, which
//! defers the calling micro-thread (the reactor wakes it when the time is up; the
//! others run meanwhile) and blocks the OS thread only outside a reactor (code run
//! where no reactor drives the micro-thread; see `block_for`).

use crate::objects::rc::Arc;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::type_name;

static TIME: OnceLock<Arc<Module>> = OnceLock::new();

/// The reference point of `monotonic` and `perf_counter` (CPython leaves it undefined;
/// ours is the first use of the module).
static EPOCH: OnceLock<Instant> = OnceLock::new();

pub static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "time" => time, "time_ns" => time_ns, "monotonic" => monotonic,
    "monotonic_ns" => monotonic_ns, "perf_counter" => perf_counter,
    "perf_counter_ns" => perf_counter_ns, "process_time" => process_time,
    "process_time_ns" => process_time_ns, "sleep" => sleep,
    "thread_time" => thread_time, "thread_time_ns" => thread_time_ns,
    "get_clock_info" => get_clock_info, "clock_gettime" => clock_gettime,
    "clock_gettime_ns" => clock_gettime_ns, "clock_getres" => clock_getres,
    "clock_settime" => clock_settime, "clock_settime_ns" => clock_settime_ns,
];

/// The `CLOCK_*` constants CPython 3.11 defines on Linux.
const CLOCKS: &[(&str, i64)] = &[
    ("CLOCK_REALTIME", 0),
    ("CLOCK_MONOTONIC", 1),
    ("CLOCK_PROCESS_CPUTIME_ID", 2),
    ("CLOCK_THREAD_CPUTIME_ID", 3),
    ("CLOCK_MONOTONIC_RAW", 4),
    ("CLOCK_BOOTTIME", 7),
    ("CLOCK_TAI", 11),
];

/// The `time` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    TIME.get_or_init(|| {
        EPOCH.get_or_init(Instant::now);
        let m = Module::with_functions(gil, "time", FUNCS);
        super::time_cal::add(gil, &m);
        for (k, v) in CLOCKS {
            m.set(gil, k, Value::Int(*v));
        }
        Arc::new(m)
    })
}

fn wall() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

fn since_epoch() -> Duration {
    EPOCH.get_or_init(Instant::now).elapsed()
}

fn ns(d: Duration) -> Value {
    Value::Int(d.as_nanos().min(i64::MAX as u128) as i64)
}

fn time(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("time.time", 0, 0)?;
    Ok(Value::float(wall().as_secs_f64()))
}

fn time_ns(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("time.time_ns", 0, 0)?;
    Ok(ns(wall()))
}

fn monotonic(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("time.monotonic", 0, 0)?;
    Ok(Value::float(since_epoch().as_secs_f64()))
}

fn monotonic_ns(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("time.monotonic_ns", 0, 0)?;
    Ok(ns(since_epoch()))
}

fn perf_counter(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("time.perf_counter", 0, 0)?;
    Ok(Value::float(since_epoch().as_secs_f64()))
}

fn perf_counter_ns(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("time.perf_counter_ns", 0, 0)?;
    Ok(ns(since_epoch()))
}

/// CPU time of the whole process: the sum of every thread's on-CPU nanoseconds from
/// `/proc/self/task/*/schedstat`, falling back to `/proc/self/stat`'s clock ticks.
fn cpu_time() -> Duration {
    let mut total: u64 = 0;
    let mut found = false;
    if let Ok(tasks) = std::fs::read_dir("/proc/self/task") {
        for t in tasks.flatten() {
            let stat = std::fs::read_to_string(t.path().join("schedstat")).unwrap_or_default();
            if let Some(n) = stat
                .split_whitespace()
                .next()
                .and_then(|s| s.parse::<u64>().ok())
            {
                total += n;
                found = true;
            }
        }
    }
    if found {
        return Duration::from_nanos(total);
    }
    // Fields 14 and 15 (utime, stime) in ticks of 1/100 s, after the `(comm)` field.
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|s| s.parse().ok())
        .collect();
    Duration::from_millis(f.iter().sum::<u64>() * 10)
}

/// CPU time of the calling thread (`CLOCK_THREAD_CPUTIME_ID`): its on-CPU
/// nanoseconds from `/proc/thread-self/schedstat`.
fn thread_cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    Duration::from_nanos(
        stat.split_whitespace()
            .next()
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(0),
    )
}

fn thread_time(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("time.thread_time", 0, 0)?;
    Ok(Value::float(thread_cpu_time().as_secs_f64()))
}

fn thread_time_ns(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("time.thread_time_ns", 0, 0)?;
    Ok(ns(thread_cpu_time()))
}

fn process_time(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("time.process_time", 0, 0)?;
    Ok(Value::float(cpu_time().as_secs_f64()))
}

fn process_time_ns(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("time.process_time_ns", 0, 0)?;
    Ok(ns(cpu_time()))
}

/// A timeout or delay argument in seconds as CPython reads one
/// (`_PyTime_FromSecondsObject(v, _PyTime_ROUND_TIMEOUT)`): CPython counts in i64
/// nanoseconds, so a float beyond that is "timestamp out of range for platform
/// time_t", an int beyond it "timestamp too large to convert to C _PyTime_t", NaN a
/// `ValueError`. Every built-in that takes a timeout (`time.sleep`,
/// `lock.acquire(timeout=)`, `socket.settimeout`, `select.select`, the queues,
/// `micro_thread.timeout`) reads it with this, then makes its own checks of range.
/// The seconds, rounded up to whole nanoseconds.
pub fn timeout_seconds(v: &Value) -> Result<f64, PyErr> {
    match &crate::objects::class::unwrap_number(v) {
        Value::Float(f) => {
            let f = f.get();
            if f.is_nan() {
                return Err(value_error("Invalid value NaN (not a number)"));
            }
            let ns = f * 1e9;
            let ns = if ns >= 0.0 { ns.ceil() } else { ns.floor() };
            if !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&ns) {
                return Err(overflow_error("timestamp out of range for platform time_t"));
            }
            Ok(ns / 1e9)
        }
        Value::Int(i) if i.checked_mul(1_000_000_000).is_some() => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::Int(_) | Value::Big(_) => Err(overflow_error(
            "timestamp too large to convert to C _PyTime_t",
        )),
        v => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(v)
        ))),
    }
}

fn sleep(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("time.sleep", 1, 1)?;
    let secs = timeout_seconds(args.at(0))?;
    if secs < 0.0 {
        return Err(value_error("sleep length must be non-negative").into());
    }
    let d = Duration::try_from_secs_f64(secs)
        .map_err(|_| overflow_error("timestamp out of range for platform time_t"))?;
    // CPython sleeps until an absolute deadline on CLOCK_MONOTONIC: one past what
    // the clock's nanoseconds can count (`time.sleep(9223372036)` after a second of
    // uptime) wraps negative, and `clock_nanosleep` refuses it with EINVAL.
    let now = rustix::time::clock_gettime(rustix::time::ClockId::Monotonic);
    let now_ns = now.tv_sec.saturating_mul(1_000_000_000) + now.tv_nsec;
    let timeout_ns = (secs * 1e9).ceil() as i64;
    if now_ns.checked_add(timeout_ns).is_none() {
        let einval = std::io::Error::from_raw_os_error(22);
        return Err(crate::objects::os_error::from_io(&einval, None).into());
    }
    if cx.may_wait() {
        // Only this micro-thread waits; a zero sleep lets the others run.
        return cx.wait("time.sleep", Wait::sleep(d));
    }
    block_for(cx.gil, d);
    Ok(Value::None)
}

/// `get_clock_info(name)`: a `types.SimpleNamespace` describing one of the clocks
/// above (`asyncio`'s loop reads `get_clock_info('monotonic').resolution`). Each
/// is read through the same `clock_gettime` clock CPython names on Linux.
fn get_clock_info(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("get_clock_info", 1, 1)?;
    let name = arg_str(args.at(0), "get_clock_info", "argument 1")?;
    let (implementation, monotonic) = match name {
        "time" => ("clock_gettime(CLOCK_REALTIME)", false),
        "monotonic" | "perf_counter" => ("clock_gettime(CLOCK_MONOTONIC)", true),
        "process_time" => ("clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", true),
        "thread_time" => ("clock_gettime(CLOCK_THREAD_CPUTIME_ID)", true),
        _ => return Err(value_error("unknown clock").into()),
    };
    let import = builtin_function(cx.gil, "__import__");
    let types_module = cx.call(&import, vec![Value::str("types")])?;
    let namespace = cx.getattr(&types_module, "SimpleNamespace")?;
    let mut a = Args::new(Vec::new());
    a.kw = vec![
        ("implementation".into(), Value::str(implementation)),
        ("monotonic".into(), Value::bool(monotonic)),
        ("adjustable".into(), Value::bool(!monotonic)),
        ("resolution".into(), Value::float(1e-9)),
    ];
    cx.call_args(&namespace, a)
}

/// `sleep` where no reactor drives the micro-thread: the one blocking wait of this
/// module, with the GIL released so other OS threads run.
fn block_for(gil: Gil<'_>, d: Duration) {
    crate::objects::gil::allow_threads(gil, || std::thread::sleep(d));
}

// ----- clock_gettime / clock_getres / clock_settime -----------------------------------

/// The clock `clk_id` names (an int, as C's `clockid_t`); one the system does not
/// know is `OSError(EINVAL)`, as the system call says.
fn clock_id(v: &Value, fname: &str) -> PyResult<rustix::time::DynamicClockId<'static>> {
    use rustix::time::{ClockId, DynamicClockId};
    let id = match crate::objects::class::unwrap_number(v) {
        Value::Int(i) => i,
        Value::Bool(b) => b as i64,
        Value::Big(_) => {
            return Err(overflow_error("signed integer is greater than maximum").into())
        }
        _ => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(v)
            ))
            .into())
        }
    };
    let _ = fname;
    let einval = || super::posix::path::os_err(std::io::Error::from_raw_os_error(22));
    let id = i32::try_from(id).map_err(|_| {
        overflow_error(if id < 0 {
            "signed integer is less than minimum"
        } else {
            "signed integer is greater than maximum"
        })
    })?;
    Ok(match id {
        11 => DynamicClockId::Tai,
        _ => DynamicClockId::Known(ClockId::try_from(id).map_err(|_| einval())?),
    })
}

fn clock_now(args: &Args, fname: &str) -> PyResult<rustix::time::Timespec> {
    args.check(fname, 1, 1)?;
    let id = clock_id(args.at(0), fname)?;
    rustix::time::clock_gettime_dynamic(id)
        .map_err(|e| super::posix::path::os_err(super::posix::path::rx(e)).into())
}

/// `time.clock_gettime(clk_id)`: the clock's time in seconds, a float.
fn clock_gettime(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let t = clock_now(&args, "clock_gettime")?;
    Ok(Value::float(t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9))
}

/// `time.clock_gettime_ns(clk_id)`: the clock's time in nanoseconds, an int.
fn clock_gettime_ns(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let t = clock_now(&args, "clock_gettime_ns")?;
    let n = t.tv_sec as i128 * 1_000_000_000 + t.tv_nsec as i128;
    Ok(Value::Int(
        n.clamp(i64::MIN as i128, i64::MAX as i128) as i64
    ))
}

/// `time.clock_getres(clk_id)`: the clock's resolution in seconds.
fn clock_getres(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("clock_getres", 1, 1)?;
    let rustix::time::DynamicClockId::Known(id) = clock_id(args.at(0), "clock_getres")? else {
        // (CLOCK_TAI ticks as CLOCK_REALTIME does.)
        let t = rustix::time::clock_getres(rustix::time::ClockId::Realtime);
        return Ok(Value::float(t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9));
    };
    let t = rustix::time::clock_getres(id);
    Ok(Value::float(t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9))
}

fn set_clock(v: &Value, secs: i64, nsecs: i64) -> PyResult<Value> {
    let rustix::time::DynamicClockId::Known(id) = clock_id(v, "clock_settime")? else {
        return Err(super::posix::path::os_err(std::io::Error::from_raw_os_error(22)).into());
    };
    let ts = rustix::time::Timespec {
        tv_sec: secs,
        tv_nsec: nsecs,
    };
    rustix::time::clock_settime(id, ts)
        .map_err(|e| super::posix::path::os_err(super::posix::path::rx(e)))?;
    Ok(Value::None)
}

/// `time.clock_settime(clk_id, time)` (seconds, int or float).
fn clock_settime(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("clock_settime", 2, 2)?;
    let secs = timeout_seconds(args.at(1))?;
    let whole = secs.floor();
    let nsecs = ((secs - whole) * 1e9).round().min(999_999_999.0) as i64;
    set_clock(args.at(0), whole as i64, nsecs)
}

/// `time.clock_settime_ns(clk_id, time)` (nanoseconds, an int).
fn clock_settime_ns(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("clock_settime_ns", 2, 2)?;
    let n = match crate::objects::class::unwrap_number(args.at(1)) {
        Value::Int(i) => i,
        Value::Bool(b) => b as i64,
        _ => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(args.at(1))
            ))
            .into())
        }
    };
    set_clock(
        args.at(0),
        n.div_euclid(1_000_000_000),
        n.rem_euclid(1_000_000_000),
    )
}
