//! `termios`: terminal attributes (`tcgetattr`/`tcsetattr` as CPython's 7-item
//! list), line control (`tcsendbreak`, `tcdrain`, `tcflush`, `tcflow`), the window
//! size, `termios.error` with `(errno, message)` and the C library's constants.

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use super::fcntl::fd_arg;
use super::raw;
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::{types, Kind, PyType};

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();
static ERROR: OnceLock<Arc<PyType>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "tcgetattr" => tcgetattr, "tcsetattr" => tcsetattr, "tcsendbreak" => tcsendbreak,
    "tcdrain" => tcdrain, "tcflush" => tcflush, "tcflow" => tcflow,
    "tcgetwinsize" => tcgetwinsize, "tcsetwinsize" => tcsetwinsize,
];

/// The constants, as the C library defines them.
const CONSTANTS: &[(&str, i64)] = &[
    // Missing from the `libc` crate: `<termios.h>`'s control characters (`CINTR`...),
    // line disciplines and packet-mode bits, the values of Linux's generic headers.
    ("CDSUSP", 25),
    ("CEOF", 4),
    ("CEOL", 0),
    ("CEOT", 4),
    ("CERASE", 127),
    ("CFLUSH", 15),
    ("CINTR", 3),
    ("CKILL", 21),
    ("CLNEXT", 22),
    ("CQUIT", 28),
    ("CRPRNT", 18),
    ("CSTART", 17),
    ("CSTOP", 19),
    ("CSUSP", 26),
    ("CWERASE", 23),
    ("IOCSIZE_MASK", 1073676288),
    ("IOCSIZE_SHIFT", 16),
    ("NCC", 8),
    ("N_MOUSE", 2),
    ("N_PPP", 3),
    ("N_SLIP", 1),
    ("N_STRIP", 4),
    ("N_TTY", 0),
    ("TIOCPKT_DATA", 0),
    ("TIOCPKT_DOSTOP", 32),
    ("TIOCPKT_FLUSHREAD", 1),
    ("TIOCPKT_FLUSHWRITE", 2),
    ("TIOCPKT_NOSTOP", 16),
    ("TIOCPKT_START", 8),
    ("TIOCPKT_STOP", 4),
    ("TIOCSER_TEMT", 1),
    ("VSWTCH", 7),
    ("B0", libc::B0 as i64),
    ("B1000000", libc::B1000000 as i64),
    ("B110", libc::B110 as i64),
    ("B115200", libc::B115200 as i64),
    ("B1152000", libc::B1152000 as i64),
    ("B1200", libc::B1200 as i64),
    ("B134", libc::B134 as i64),
    ("B150", libc::B150 as i64),
    ("B1500000", libc::B1500000 as i64),
    ("B1800", libc::B1800 as i64),
    ("B19200", libc::B19200 as i64),
    ("B200", libc::B200 as i64),
    ("B2000000", libc::B2000000 as i64),
    ("B230400", libc::B230400 as i64),
    ("B2400", libc::B2400 as i64),
    ("B2500000", libc::B2500000 as i64),
    ("B300", libc::B300 as i64),
    ("B3000000", libc::B3000000 as i64),
    ("B3500000", libc::B3500000 as i64),
    ("B38400", libc::B38400 as i64),
    ("B4000000", libc::B4000000 as i64),
    ("B460800", libc::B460800 as i64),
    ("B4800", libc::B4800 as i64),
    ("B50", libc::B50 as i64),
    ("B500000", libc::B500000 as i64),
    ("B57600", libc::B57600 as i64),
    ("B576000", libc::B576000 as i64),
    ("B600", libc::B600 as i64),
    ("B75", libc::B75 as i64),
    ("B921600", libc::B921600 as i64),
    ("B9600", libc::B9600 as i64),
    ("BRKINT", libc::BRKINT as i64),
    ("BS0", libc::BS0 as i64),
    ("BS1", libc::BS1 as i64),
    ("BSDLY", libc::BSDLY as i64),
    ("CBAUD", libc::CBAUD as i64),
    ("CBAUDEX", libc::CBAUDEX as i64),
    ("CIBAUD", libc::CIBAUD as i64),
    ("CLOCAL", libc::CLOCAL as i64),
    ("CR0", libc::CR0 as i64),
    ("CR1", libc::CR1 as i64),
    ("CR2", libc::CR2 as i64),
    ("CR3", libc::CR3 as i64),
    ("CRDLY", libc::CRDLY as i64),
    ("CREAD", libc::CREAD as i64),
    ("CRTSCTS", libc::CRTSCTS as i64),
    ("CS5", libc::CS5 as i64),
    ("CS6", libc::CS6 as i64),
    ("CS7", libc::CS7 as i64),
    ("CS8", libc::CS8 as i64),
    ("CSIZE", libc::CSIZE as i64),
    ("CSTOPB", libc::CSTOPB as i64),
    ("ECHO", libc::ECHO as i64),
    ("ECHOCTL", libc::ECHOCTL as i64),
    ("ECHOE", libc::ECHOE as i64),
    ("ECHOK", libc::ECHOK as i64),
    ("ECHOKE", libc::ECHOKE as i64),
    ("ECHONL", libc::ECHONL as i64),
    ("ECHOPRT", libc::ECHOPRT as i64),
    ("EXTA", libc::EXTA as i64),
    ("EXTB", libc::EXTB as i64),
    ("FF0", libc::FF0 as i64),
    ("FF1", libc::FF1 as i64),
    ("FFDLY", libc::FFDLY as i64),
    ("FIOASYNC", libc::FIOASYNC as i64),
    ("FIOCLEX", libc::FIOCLEX as i64),
    ("FIONBIO", libc::FIONBIO as i64),
    ("FIONCLEX", libc::FIONCLEX as i64),
    ("FIONREAD", libc::FIONREAD as i64),
    ("FLUSHO", libc::FLUSHO as i64),
    ("HUPCL", libc::HUPCL as i64),
    ("ICANON", libc::ICANON as i64),
    ("ICRNL", libc::ICRNL as i64),
    ("IEXTEN", libc::IEXTEN as i64),
    ("IGNBRK", libc::IGNBRK as i64),
    ("IGNCR", libc::IGNCR as i64),
    ("IGNPAR", libc::IGNPAR as i64),
    ("IMAXBEL", libc::IMAXBEL as i64),
    ("INLCR", libc::INLCR as i64),
    ("INPCK", libc::INPCK as i64),
    ("ISIG", libc::ISIG as i64),
    ("ISTRIP", libc::ISTRIP as i64),
    ("IUCLC", libc::IUCLC as i64),
    ("IXANY", libc::IXANY as i64),
    ("IXOFF", libc::IXOFF as i64),
    ("IXON", libc::IXON as i64),
    ("NCCS", libc::NCCS as i64),
    ("NL0", libc::NL0 as i64),
    ("NL1", libc::NL1 as i64),
    ("NLDLY", libc::NLDLY as i64),
    ("NOFLSH", libc::NOFLSH as i64),
    ("OCRNL", libc::OCRNL as i64),
    ("OFDEL", libc::OFDEL as i64),
    ("OFILL", libc::OFILL as i64),
    ("OLCUC", libc::OLCUC as i64),
    ("ONLCR", libc::ONLCR as i64),
    ("ONLRET", libc::ONLRET as i64),
    ("ONOCR", libc::ONOCR as i64),
    ("OPOST", libc::OPOST as i64),
    ("PARENB", libc::PARENB as i64),
    ("PARMRK", libc::PARMRK as i64),
    ("PARODD", libc::PARODD as i64),
    ("PENDIN", libc::PENDIN as i64),
    ("TAB0", libc::TAB0 as i64),
    ("TAB1", libc::TAB1 as i64),
    ("TAB2", libc::TAB2 as i64),
    ("TAB3", libc::TAB3 as i64),
    ("TABDLY", libc::TABDLY as i64),
    ("TCFLSH", libc::TCFLSH as i64),
    ("TCGETA", libc::TCGETA as i64),
    ("TCGETS", libc::TCGETS as i64),
    ("TCIFLUSH", libc::TCIFLUSH as i64),
    ("TCIOFF", libc::TCIOFF as i64),
    ("TCIOFLUSH", libc::TCIOFLUSH as i64),
    ("TCION", libc::TCION as i64),
    ("TCOFLUSH", libc::TCOFLUSH as i64),
    ("TCOOFF", libc::TCOOFF as i64),
    ("TCOON", libc::TCOON as i64),
    ("TCSADRAIN", libc::TCSADRAIN as i64),
    ("TCSAFLUSH", libc::TCSAFLUSH as i64),
    ("TCSANOW", libc::TCSANOW as i64),
    ("TCSBRK", libc::TCSBRK as i64),
    ("TCSBRKP", libc::TCSBRKP as i64),
    ("TCSETA", libc::TCSETA as i64),
    ("TCSETAF", libc::TCSETAF as i64),
    ("TCSETAW", libc::TCSETAW as i64),
    ("TCSETS", libc::TCSETS as i64),
    ("TCSETSF", libc::TCSETSF as i64),
    ("TCSETSW", libc::TCSETSW as i64),
    ("TCXONC", libc::TCXONC as i64),
    ("TIOCCONS", libc::TIOCCONS as i64),
    ("TIOCEXCL", libc::TIOCEXCL as i64),
    ("TIOCGETD", libc::TIOCGETD as i64),
    ("TIOCGICOUNT", libc::TIOCGICOUNT as i64),
    ("TIOCGLCKTRMIOS", libc::TIOCGLCKTRMIOS as i64),
    ("TIOCGPGRP", libc::TIOCGPGRP as i64),
    ("TIOCGSERIAL", libc::TIOCGSERIAL as i64),
    ("TIOCGSOFTCAR", libc::TIOCGSOFTCAR as i64),
    ("TIOCGWINSZ", libc::TIOCGWINSZ as i64),
    ("TIOCINQ", libc::TIOCINQ as i64),
    ("TIOCLINUX", libc::TIOCLINUX as i64),
    ("TIOCMBIC", libc::TIOCMBIC as i64),
    ("TIOCMBIS", libc::TIOCMBIS as i64),
    ("TIOCMGET", libc::TIOCMGET as i64),
    ("TIOCMIWAIT", libc::TIOCMIWAIT as i64),
    ("TIOCMSET", libc::TIOCMSET as i64),
    ("TIOCM_CAR", libc::TIOCM_CAR as i64),
    ("TIOCM_CD", libc::TIOCM_CD as i64),
    ("TIOCM_CTS", libc::TIOCM_CTS as i64),
    ("TIOCM_DSR", libc::TIOCM_DSR as i64),
    ("TIOCM_DTR", libc::TIOCM_DTR as i64),
    ("TIOCM_LE", libc::TIOCM_LE as i64),
    ("TIOCM_RI", libc::TIOCM_RI as i64),
    ("TIOCM_RNG", libc::TIOCM_RNG as i64),
    ("TIOCM_RTS", libc::TIOCM_RTS as i64),
    ("TIOCM_SR", libc::TIOCM_SR as i64),
    ("TIOCM_ST", libc::TIOCM_ST as i64),
    ("TIOCNOTTY", libc::TIOCNOTTY as i64),
    ("TIOCNXCL", libc::TIOCNXCL as i64),
    ("TIOCOUTQ", libc::TIOCOUTQ as i64),
    ("TIOCPKT", libc::TIOCPKT as i64),
    ("TIOCSCTTY", libc::TIOCSCTTY as i64),
    ("TIOCSERCONFIG", libc::TIOCSERCONFIG as i64),
    ("TIOCSERGETLSR", libc::TIOCSERGETLSR as i64),
    ("TIOCSERGETMULTI", libc::TIOCSERGETMULTI as i64),
    ("TIOCSERGSTRUCT", libc::TIOCSERGSTRUCT as i64),
    ("TIOCSERGWILD", libc::TIOCSERGWILD as i64),
    ("TIOCSERSETMULTI", libc::TIOCSERSETMULTI as i64),
    ("TIOCSERSWILD", libc::TIOCSERSWILD as i64),
    ("TIOCSETD", libc::TIOCSETD as i64),
    ("TIOCSLCKTRMIOS", libc::TIOCSLCKTRMIOS as i64),
    ("TIOCSPGRP", libc::TIOCSPGRP as i64),
    ("TIOCSSERIAL", libc::TIOCSSERIAL as i64),
    ("TIOCSSOFTCAR", libc::TIOCSSOFTCAR as i64),
    ("TIOCSTI", libc::TIOCSTI as i64),
    ("TIOCSWINSZ", libc::TIOCSWINSZ as i64),
    ("TOSTOP", libc::TOSTOP as i64),
    ("VDISCARD", libc::VDISCARD as i64),
    ("VEOF", libc::VEOF as i64),
    ("VEOL", libc::VEOL as i64),
    ("VEOL2", libc::VEOL2 as i64),
    ("VERASE", libc::VERASE as i64),
    ("VINTR", libc::VINTR as i64),
    ("VKILL", libc::VKILL as i64),
    ("VLNEXT", libc::VLNEXT as i64),
    ("VMIN", libc::VMIN as i64),
    ("VQUIT", libc::VQUIT as i64),
    ("VREPRINT", libc::VREPRINT as i64),
    ("VSTART", libc::VSTART as i64),
    ("VSTOP", libc::VSTOP as i64),
    ("VSUSP", libc::VSUSP as i64),
    ("VSWTC", libc::VSWTC as i64),
    ("VT0", libc::VT0 as i64),
    ("VT1", libc::VT1 as i64),
    ("VTDLY", libc::VTDLY as i64),
    ("VTIME", libc::VTIME as i64),
    ("VWERASE", libc::VWERASE as i64),
    ("XCASE", libc::XCASE as i64),
    ("XTABS", libc::XTABS as i64),
];

/// The `termios` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "termios", FUNCS);
        m.set(gil, "error", Value::Type(error_type().clone()));
        for (name, v) in CONSTANTS {
            m.set(gil, name, Value::Int(*v));
        }
        Arc::new(m)
    })
}

fn error_type() -> &'static Arc<PyType> {
    ERROR.get_or_init(|| {
        Arc::new(PyType::builtin(
            "error",
            "termios",
            Some(&types().exc.exception),
            Kind::Exception,
            None,
        ))
    })
}

/// `termios.error(errno, strerror)` for a failed call.
fn error(e: std::io::Error) -> PyErr {
    let errno = e.raw_os_error().unwrap_or(0);
    let text = crate::objects::os_error::strerror(errno);
    PyErr::new(
        error_type(),
        vec![Value::Int(errno as i64), Value::string(text)],
    )
}

/// Positional arguments only, exactly `n` of them (Argument Clinic's wording).
fn exactly(args: &Args, name: &str, n: usize) -> Result<(), PyErr> {
    args.check(&format!("termios.{name}"), n, n)
}

fn c_int(v: &Value) -> Result<i32, PyErr> {
    match crate::objects::class::unwrap_number(v) {
        Value::Big(_) => Err(overflow_error("Python int too large to convert to C int")),
        n => {
            let x = arg_int(&n, "")?;
            i32::try_from(x).map_err(|_| overflow_error("Python int too large to convert to C int"))
        }
    }
}

/// `tcgetattr(fd)`: `[iflag, oflag, cflag, lflag, ispeed, ospeed, cc]`; `cc` holds
/// one-byte `bytes`, except `VMIN` and `VTIME` as ints in non-canonical mode.
fn tcgetattr(cx: &mut Cx, args: Args) -> PyResult<Value> {
    exactly(&args, "tcgetattr", 1)?;
    let fd = fd_arg(cx, &args.pos[0])?;
    let t = raw::tcgetattr(fd).map_err(error)?;
    let canonical = t.lflag & libc::ICANON != 0;
    let cc: Vec<Value> =
        t.cc.iter()
            .enumerate()
            .map(|(i, c)| {
                if !canonical && (i == libc::VMIN || i == libc::VTIME) {
                    Value::Int(*c as i64)
                } else {
                    Value::Bytes(Arc::new(vec![*c]))
                }
            })
            .collect();
    let n = |x: u32| Value::Int(x as i64);
    Ok(Value::list(vec![
        n(t.iflag),
        n(t.oflag),
        n(t.cflag),
        n(t.lflag),
        n(t.ispeed),
        n(t.ospeed),
        Value::list(cc),
    ]))
}

/// `tcsetattr(fd, when, attributes)`.
fn tcsetattr(cx: &mut Cx, args: Args) -> PyResult<Value> {
    exactly(&args, "tcsetattr", 3)?;
    let fd = fd_arg(cx, &args.pos[0])?;
    let when = c_int(&args.pos[1])?;
    let items = match &args.pos[2] {
        Value::List(l) if l.borrow(cx.gil).len() == 7 => l.borrow(cx.gil).clone(),
        _ => return Err(type_error("tcsetattr, arg 3: must be 7 element list").into()),
    };
    let mut t = raw::tcgetattr(fd).map_err(error)?;
    let flag = |v: &Value| -> Result<u32, PyErr> {
        match crate::objects::class::unwrap_number(v) {
            Value::Big(_) => Err(overflow_error("Python int too large to convert to C long")),
            n => Ok(arg_int(&n, "")? as u32),
        }
    };
    t.iflag = flag(&items[0])?;
    t.oflag = flag(&items[1])?;
    t.cflag = flag(&items[2])?;
    t.lflag = flag(&items[3])?;
    t.ispeed = flag(&items[4])?;
    t.ospeed = flag(&items[5])?;
    let cc = match &items[6] {
        Value::List(l) if l.borrow(cx.gil).len() == t.cc.len() => l.borrow(cx.gil).clone(),
        _ => {
            return Err(type_error(format!(
                "tcsetattr: attributes[6] must be {} element list",
                t.cc.len()
            ))
            .into())
        }
    };
    for (slot, v) in t.cc.iter_mut().zip(&cc) {
        *slot = match v {
            Value::Bytes(b) if b.len() == 1 => b[0],
            v if crate::objects::int::is_int(v) => arg_int(v, "")? as u8,
            _ => {
                return Err(type_error(
                    "tcsetattr: elements of attributes must be characters or integers",
                )
                .into())
            }
        };
    }
    raw::tcsetattr(fd, when, &t).map_err(error)?;
    Ok(Value::None)
}

/// A `(fd, int)` call: `tcsendbreak`, `tcflush`, `tcflow`.
fn fd_and_int(
    cx: &mut Cx,
    args: Args,
    name: &str,
    f: fn(i32, i32) -> std::io::Result<()>,
) -> PyResult<Value> {
    exactly(&args, name, 2)?;
    let fd = fd_arg(cx, &args.pos[0])?;
    let n = c_int(&args.pos[1])?;
    f(fd, n).map_err(error)?;
    Ok(Value::None)
}

fn tcsendbreak(cx: &mut Cx, args: Args) -> PyResult<Value> {
    fd_and_int(cx, args, "tcsendbreak", raw::tcsendbreak)
}

fn tcflush(cx: &mut Cx, args: Args) -> PyResult<Value> {
    fd_and_int(cx, args, "tcflush", raw::tcflush)
}

fn tcflow(cx: &mut Cx, args: Args) -> PyResult<Value> {
    fd_and_int(cx, args, "tcflow", raw::tcflow)
}

fn tcdrain(cx: &mut Cx, args: Args) -> PyResult<Value> {
    exactly(&args, "tcdrain", 1)?;
    let fd = fd_arg(cx, &args.pos[0])?;
    raw::tcdrain(fd).map_err(error)?;
    Ok(Value::None)
}

/// `tcgetwinsize(fd)`: `(rows, columns)`.
fn tcgetwinsize(cx: &mut Cx, args: Args) -> PyResult<Value> {
    exactly(&args, "tcgetwinsize", 1)?;
    let fd = fd_arg(cx, &args.pos[0])?;
    let (rows, cols) = raw::get_winsize(fd).map_err(error)?;
    Ok(Value::tuple(vec![
        Value::Int(rows as i64),
        Value::Int(cols as i64),
    ]))
}

/// `tcsetwinsize(fd, (rows, columns))`.
fn tcsetwinsize(cx: &mut Cx, args: Args) -> PyResult<Value> {
    exactly(&args, "tcsetwinsize", 2)?;
    let fd = fd_arg(cx, &args.pos[0])?;
    let items = match &args.pos[1] {
        Value::Tuple(t) if t.len() == 2 => t.to_vec(),
        Value::List(l) if l.borrow(cx.gil).len() == 2 => l.borrow(cx.gil).clone(),
        _ => return Err(type_error("tcsetwinsize, arg 2: must be a two-item sequence").into()),
    };
    let dim = |v: &Value| -> Result<u16, PyErr> {
        let n = arg_int(&crate::objects::class::unwrap_number(v), "")?;
        u16::try_from(n).map_err(|_| overflow_error("winsize value(s) out of range."))
    };
    let (rows, cols) = (dim(&items[0])?, dim(&items[1])?);
    raw::set_winsize(fd, rows, cols).map_err(error)?;
    Ok(Value::None)
}
