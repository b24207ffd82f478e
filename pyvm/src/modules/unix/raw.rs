//! The C library calls of `pwd`, `grp`, `fcntl` and `faulthandler` that neither
//! `rustix` nor the standard library wraps: the user and group databases (which go
//! through NSS, so only libc can read them) and `fcntl`/`ioctl` with a command number
//! from Python.
//!
//! Safety argument, shared by the functions below: each call gets pointers to
//! buffers owned by the Rust caller that live across the call, with their true
//! sizes; the `*_r` functions write only inside the buffer they are given, and the
//! strings their results point to are copied out before the buffer is freed. The
//! `*ent` enumerations return pointers to static storage that is copied before the
//! next call; they run under the GIL, so no other Python code walks the database
//! at the same time. Descriptor numbers are only passed to system calls, which
//! check them (`EBADF`). No pointer is kept beyond a call.
#![allow(unsafe_code)]

use std::ffi::{CStr, CString};
use std::io;

/// A `struct passwd`, copied.
pub struct Passwd {
    pub name: Vec<u8>,
    pub passwd: Vec<u8>,
    pub uid: u32,
    pub gid: u32,
    pub gecos: Vec<u8>,
    pub dir: Vec<u8>,
    pub shell: Vec<u8>,
}

/// A `struct group`, copied.
pub struct Group {
    pub name: Vec<u8>,
    pub passwd: Vec<u8>,
    pub gid: u32,
    pub mem: Vec<Vec<u8>>,
}

/// The bytes of a C string that may be NULL.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string alive for the call.
unsafe fn bytes(p: *const libc::c_char) -> Vec<u8> {
    if p.is_null() {
        Vec::new()
    } else {
        CStr::from_ptr(p).to_bytes().to_vec()
    }
}

/// # Safety
/// `p` points to a `passwd` whose strings are alive for the call.
unsafe fn copy_passwd(p: &libc::passwd) -> Passwd {
    Passwd {
        name: bytes(p.pw_name),
        passwd: bytes(p.pw_passwd),
        uid: p.pw_uid,
        gid: p.pw_gid,
        gecos: bytes(p.pw_gecos),
        dir: bytes(p.pw_dir),
        shell: bytes(p.pw_shell),
    }
}

/// # Safety
/// `g` points to a `group` whose strings and member array are alive for the call.
unsafe fn copy_group(g: &libc::group) -> Group {
    let mut mem = Vec::new();
    let mut m = g.gr_mem;
    while !m.is_null() && !(*m).is_null() {
        mem.push(bytes(*m));
        m = m.add(1);
    }
    Group {
        name: bytes(g.gr_name),
        passwd: bytes(g.gr_passwd),
        gid: g.gr_gid,
        mem,
    }
}

/// Runs a `get*_r` call with a growing buffer: `Ok(None)` when there is no entry.
fn with_buffer<T: Default, R>(
    mut call: impl FnMut(&mut T, &mut [libc::c_char], &mut *mut T) -> libc::c_int,
    copy: impl Fn(&T) -> R,
) -> io::Result<Option<R>> {
    let mut size = 1024usize;
    loop {
        let mut entry = T::default();
        let mut buf = vec![0 as libc::c_char; size];
        let mut result: *mut T = std::ptr::null_mut();
        let rc = call(&mut entry, &mut buf, &mut result);
        if rc == libc::ERANGE && size < (1 << 24) {
            size *= 4;
            continue;
        }
        if rc != 0 {
            return Err(io::Error::from_raw_os_error(rc));
        }
        return Ok((!result.is_null()).then(|| copy(&entry)));
    }
}

/// A zeroed `passwd` (plain old data).
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct PasswdBuf(libc::passwd);

impl Default for PasswdBuf {
    fn default() -> Self {
        // SAFETY: `passwd` is plain data (integers and pointers); all zeros is valid.
        PasswdBuf(unsafe { std::mem::zeroed() })
    }
}

/// A zeroed `group` (plain old data).
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct GroupBuf(libc::group);

impl Default for GroupBuf {
    fn default() -> Self {
        // SAFETY: `group` is plain data (integers and pointers); all zeros is valid.
        GroupBuf(unsafe { std::mem::zeroed() })
    }
}

fn passwd_by(
    f: impl Fn(*mut libc::passwd, *mut libc::c_char, usize, *mut *mut libc::passwd) -> libc::c_int,
) -> io::Result<Option<Passwd>> {
    with_buffer(
        |e: &mut PasswdBuf, buf, res| {
            let res = res as *mut *mut PasswdBuf as *mut *mut libc::passwd;
            f(&mut e.0, buf.as_mut_ptr(), buf.len(), res)
        },
        // SAFETY: the entry's strings point into the buffer, alive during the copy.
        |e| unsafe { copy_passwd(&e.0) },
    )
}

fn group_by(
    f: impl Fn(*mut libc::group, *mut libc::c_char, usize, *mut *mut libc::group) -> libc::c_int,
) -> io::Result<Option<Group>> {
    with_buffer(
        |e: &mut GroupBuf, buf, res| {
            let res = res as *mut *mut GroupBuf as *mut *mut libc::group;
            f(&mut e.0, buf.as_mut_ptr(), buf.len(), res)
        },
        // SAFETY: the entry's strings point into the buffer, alive during the copy.
        |e| unsafe { copy_group(&e.0) },
    )
}

pub fn getpwnam(name: &CString) -> io::Result<Option<Passwd>> {
    // SAFETY: see the file's comment (buffers owned here, true sizes).
    passwd_by(|e, b, n, r| unsafe { libc::getpwnam_r(name.as_ptr(), e, b, n, r) })
}

pub fn getpwuid(uid: u32) -> io::Result<Option<Passwd>> {
    // SAFETY: see the file's comment (buffers owned here, true sizes).
    passwd_by(|e, b, n, r| unsafe { libc::getpwuid_r(uid, e, b, n, r) })
}

pub fn getgrnam(name: &CString) -> io::Result<Option<Group>> {
    // SAFETY: see the file's comment (buffers owned here, true sizes).
    group_by(|e, b, n, r| unsafe { libc::getgrnam_r(name.as_ptr(), e, b, n, r) })
}

pub fn getgrgid(gid: u32) -> io::Result<Option<Group>> {
    // SAFETY: see the file's comment (buffers owned here, true sizes).
    group_by(|e, b, n, r| unsafe { libc::getgrgid_r(gid, e, b, n, r) })
}

/// Every entry of the user database (`setpwent`/`getpwent`/`endpwent`).
pub fn getpwall() -> Vec<Passwd> {
    let mut out = Vec::new();
    // SAFETY: see the file's comment: each entry is copied before the next call.
    unsafe {
        libc::setpwent();
        loop {
            let p = libc::getpwent();
            if p.is_null() {
                break;
            }
            out.push(copy_passwd(&*p));
        }
        libc::endpwent();
    }
    out
}

/// Every entry of the group database.
pub fn getgrall() -> Vec<Group> {
    let mut out = Vec::new();
    // SAFETY: see the file's comment: each entry is copied before the next call.
    unsafe {
        libc::setgrent();
        loop {
            let g = libc::getgrent();
            if g.is_null() {
                break;
            }
            out.push(copy_group(&*g));
        }
        libc::endgrent();
    }
    out
}

fn check(rc: libc::c_int) -> io::Result<libc::c_int> {
    if rc == -1 {
        Err(io::Error::last_os_error())
    } else {
        Ok(rc)
    }
}

/// `fcntl(fd, cmd, arg)` with an integer argument.
pub fn fcntl_int(fd: i32, cmd: i32, arg: libc::c_long) -> io::Result<i32> {
    // SAFETY: a system call on numbers; a command that takes a pointer would get a
    // number the kernel checks (`EFAULT`), as in C.
    check(unsafe { libc::fcntl(fd, cmd, arg) })
}

/// `fcntl(fd, cmd, buf)` / `ioctl(fd, request, buf)` with a buffer the call may
/// read and write (the caller's copy of Python's bytes, at most 1024 of them).
pub fn fcntl_buf(fd: i32, cmd: i32, buf: &mut [u8], ioctl: bool) -> io::Result<i32> {
    let p = buf.as_mut_ptr() as *mut libc::c_void;
    // SAFETY: `buf` is owned by the caller and lives across the call; commands
    // write at most the size their structure has, which Python code sized the
    // buffer for (CPython's contract too, with its 1024-byte copy).
    check(unsafe {
        if ioctl {
            libc::ioctl(fd, cmd as _, p)
        } else {
            libc::fcntl(fd, cmd, p)
        }
    })
}

/// `ioctl(fd, request, arg)` with an integer argument.
pub fn ioctl_int(fd: i32, request: u64, arg: libc::c_long) -> io::Result<i32> {
    // SAFETY: a system call on numbers (see `fcntl_int`).
    check(unsafe { libc::ioctl(fd, request as _, arg) })
}

/// `flock(fd, operation)`.
pub fn flock(fd: i32, op: i32) -> io::Result<()> {
    // SAFETY: a system call on numbers.
    check(unsafe { libc::flock(fd, op) }).map(|_| ())
}

/// `fcntl(fd, F_SETLK or F_SETLKW, &flock)` for `lockf`.
pub fn lock(fd: i32, cmd: i32, l_type: i16, start: i64, len: i64, whence: i16) -> io::Result<()> {
    // SAFETY: `fl` is plain data owned here, alive across the call.
    let mut fl: libc::flock = unsafe { std::mem::zeroed() };
    fl.l_type = l_type;
    fl.l_whence = whence;
    fl.l_start = start;
    fl.l_len = len;
    // SAFETY: the kernel reads `fl`, which lives across the call.
    check(unsafe { libc::fcntl(fd, cmd, &mut fl as *mut libc::flock) }).map(|_| ())
}

/// `write(fd, data)` until all is written (or it fails).
pub fn write_all(fd: i32, mut data: &[u8]) -> io::Result<()> {
    while !data.is_empty() {
        // SAFETY: `data` is borrowed for the call, with its true length.
        let n = unsafe { libc::write(fd, data.as_ptr() as *const libc::c_void, data.len()) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        data = &data[n as usize..];
    }
    Ok(())
}

/// The signals `faulthandler` reports, and what it calls them.
pub const FATAL_SIGNALS: &[(libc::c_int, &str)] = &[
    (libc::SIGSEGV, "Segmentation fault"),
    (libc::SIGFPE, "Floating point exception"),
    (libc::SIGABRT, "Aborted"),
    (libc::SIGBUS, "Bus error"),
    (libc::SIGILL, "Illegal instruction"),
];

/// Where the fatal-signal handler writes (-1: not installed).
static FATAL_FD: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(-1);
/// The dispositions the handler replaced, restored by `uninstall_fatal`.
static PREVIOUS: std::sync::Mutex<Vec<(libc::c_int, libc::sigaction)>> =
    std::sync::Mutex::new(Vec::new());

/// The handler: CPython's first line (`Fatal Python error: Segmentation fault`),
/// written with `write` only (async-signal-safe), then the signal again with the
/// default disposition (`SA_RESETHAND` put it back), so the process dies of it.
extern "C" fn on_fatal_signal(sig: libc::c_int) {
    let fd = FATAL_FD.load(std::sync::atomic::Ordering::Relaxed);
    if fd >= 0 {
        let name = FATAL_SIGNALS
            .iter()
            .find(|(s, _)| *s == sig)
            .map_or("Fatal signal", |(_, n)| n);
        for part in ["Fatal Python error: ".as_bytes(), name.as_bytes(), b"\n\n"] {
            // SAFETY: `write` is async-signal-safe; the slices are static.
            unsafe { libc::write(fd, part.as_ptr() as *const libc::c_void, part.len()) };
        }
    }
    // SAFETY: `raise` is async-signal-safe.
    unsafe { libc::raise(sig) };
}

/// Install the fatal-signal handler writing to `fd` (or just change the descriptor
/// when it is installed).
pub fn install_fatal(fd: i32) -> io::Result<()> {
    let was = FATAL_FD.swap(fd, std::sync::atomic::Ordering::SeqCst);
    if was >= 0 {
        return Ok(());
    }
    let mut previous = PREVIOUS.lock().unwrap_or_else(|p| p.into_inner());
    for (sig, _) in FATAL_SIGNALS {
        // SAFETY: `act` and `old` are plain data owned here; the handler only calls
        // async-signal-safe functions and reads an atomic.
        unsafe {
            let mut act: libc::sigaction = std::mem::zeroed();
            act.sa_sigaction = on_fatal_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
            act.sa_flags = libc::SA_NODEFER | libc::SA_RESETHAND | libc::SA_ONSTACK;
            libc::sigemptyset(&mut act.sa_mask);
            let mut old: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(*sig, &act, &mut old) != 0 {
                return Err(io::Error::last_os_error());
            }
            previous.push((*sig, old));
        }
    }
    Ok(())
}

/// Put back the dispositions `install_fatal` replaced.
pub fn uninstall_fatal() {
    FATAL_FD.store(-1, std::sync::atomic::Ordering::SeqCst);
    let mut previous = PREVIOUS.lock().unwrap_or_else(|p| p.into_inner());
    for (sig, old) in previous.drain(..) {
        // SAFETY: `old` is the disposition `sigaction` gave back, restored as it was.
        unsafe { libc::sigaction(sig, &old, std::ptr::null_mut()) };
    }
}

/// Is the fatal-signal handler installed?
pub fn fatal_installed() -> bool {
    FATAL_FD.load(std::sync::atomic::Ordering::SeqCst) >= 0
}

/// A terminal's attributes (`struct termios` with its speeds).
pub struct Termios {
    pub iflag: u32,
    pub oflag: u32,
    pub cflag: u32,
    pub lflag: u32,
    pub ispeed: u32,
    pub ospeed: u32,
    pub cc: [u8; libc::NCCS],
    raw: libc::termios,
}

pub fn tcgetattr(fd: i32) -> io::Result<Termios> {
    // SAFETY: `t` is plain data owned here; the call writes it.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        check(libc::tcgetattr(fd, &mut t))?;
        Ok(Termios {
            iflag: t.c_iflag,
            oflag: t.c_oflag,
            cflag: t.c_cflag,
            lflag: t.c_lflag,
            ispeed: libc::cfgetispeed(&t),
            ospeed: libc::cfgetospeed(&t),
            cc: t.c_cc,
            raw: t,
        })
    }
}

pub fn tcsetattr(fd: i32, when: i32, t: &Termios) -> io::Result<()> {
    let mut raw = t.raw;
    raw.c_iflag = t.iflag;
    raw.c_oflag = t.oflag;
    raw.c_cflag = t.cflag;
    raw.c_lflag = t.lflag;
    raw.c_cc = t.cc;
    // SAFETY: `raw` is plain data owned here, alive across the calls.
    unsafe {
        check(libc::cfsetispeed(&mut raw, t.ispeed))?;
        check(libc::cfsetospeed(&mut raw, t.ospeed))?;
        check(libc::tcsetattr(fd, when, &raw)).map(|_| ())
    }
}

pub fn tcsendbreak(fd: i32, duration: i32) -> io::Result<()> {
    // SAFETY: a system call on numbers.
    check(unsafe { libc::tcsendbreak(fd, duration) }).map(|_| ())
}

pub fn tcflush(fd: i32, queue: i32) -> io::Result<()> {
    // SAFETY: a system call on numbers.
    check(unsafe { libc::tcflush(fd, queue) }).map(|_| ())
}

pub fn tcflow(fd: i32, action: i32) -> io::Result<()> {
    // SAFETY: a system call on numbers.
    check(unsafe { libc::tcflow(fd, action) }).map(|_| ())
}

pub fn tcdrain(fd: i32) -> io::Result<()> {
    // SAFETY: a system call on a number.
    check(unsafe { libc::tcdrain(fd) }).map(|_| ())
}

/// `TIOCGWINSZ`: rows and columns.
pub fn get_winsize(fd: i32) -> io::Result<(u16, u16)> {
    // SAFETY: `w` is plain data owned here, written by the call.
    unsafe {
        let mut w: libc::winsize = std::mem::zeroed();
        check(libc::ioctl(fd, libc::TIOCGWINSZ, &mut w))?;
        Ok((w.ws_row, w.ws_col))
    }
}

/// `TIOCSWINSZ` with rows and columns (the pixel sizes kept).
pub fn set_winsize(fd: i32, rows: u16, cols: u16) -> io::Result<()> {
    // SAFETY: `w` is plain data owned here, alive across both calls.
    unsafe {
        let mut w: libc::winsize = std::mem::zeroed();
        check(libc::ioctl(fd, libc::TIOCGWINSZ, &mut w))?;
        w.ws_row = rows;
        w.ws_col = cols;
        check(libc::ioctl(fd, libc::TIOCSWINSZ, &w)).map(|_| ())
    }
}

/// The identity `openlog` was given: syslog keeps the pointer, so it lives here
/// until the next `openlog` or `closelog`.
static SYSLOG_IDENT: std::sync::Mutex<Option<CString>> = std::sync::Mutex::new(None);

/// `openlog(ident, option, facility)`.
pub fn openlog(ident: Option<CString>, option: i32, facility: i32) {
    let mut kept = SYSLOG_IDENT.lock().unwrap_or_else(|p| p.into_inner());
    let p = ident.as_ref().map_or(std::ptr::null(), |s| s.as_ptr());
    // SAFETY: the identity string is kept in `SYSLOG_IDENT` (replaced only here,
    // after the C library has been given the new one) for as long as syslog may
    // read it.
    unsafe { libc::openlog(p, option, facility) };
    *kept = ident;
}

/// `syslog(priority, "%s", message)`.
pub fn syslog(priority: i32, message: &CStr) {
    // SAFETY: a constant format taking one string, and that string, both alive
    // across the call.
    unsafe { libc::syslog(priority, c"%s".as_ptr(), message.as_ptr()) };
}

/// `closelog()`; the identity is released after it.
pub fn closelog() {
    let mut kept = SYSLOG_IDENT.lock().unwrap_or_else(|p| p.into_inner());
    // SAFETY: a call without arguments.
    unsafe { libc::closelog() };
    *kept = None;
}

/// `setlogmask(mask)`: the previous mask.
pub fn setlogmask(mask: i32) -> i32 {
    // SAFETY: a call on a number.
    unsafe { libc::setlogmask(mask) }
}

/// The host name an address maps back to (`getnameinfo` with `NI_NAMEREQD`: the
/// hosts file, then DNS, as the C library is configured); `Ok(None)` when it has none.
pub fn host_of(ip: std::net::IpAddr) -> io::Result<Option<String>> {
    let sa = socket2::SockAddr::from(std::net::SocketAddr::new(ip, 0));
    let mut host = [0 as libc::c_char; 1025];
    // SAFETY: `sa` is a valid socket address of the length it reports; `host` is a
    // buffer of the length passed, which getnameinfo NUL-terminates on success; no
    // service buffer is asked for (null, 0).
    let rc = unsafe {
        libc::getnameinfo(
            sa.as_ptr().cast(),
            sa.len(),
            host.as_mut_ptr(),
            host.len() as libc::socklen_t,
            std::ptr::null_mut(),
            0,
            libc::NI_NAMEREQD,
        )
    };
    match rc {
        0 => {
            // SAFETY: NUL-terminated by getnameinfo (see above).
            let name = unsafe { CStr::from_ptr(host.as_ptr()) };
            Ok(Some(name.to_string_lossy().into_owned()))
        }
        libc::EAI_NONAME => Ok(None),
        libc::EAI_SYSTEM => Err(io::Error::last_os_error()),
        other => Err(io::Error::other(format!("getnameinfo failed ({other})"))),
    }
}

// --- `_locale` (`unix/locale.rs`) -------------------------------------------------
// `setlocale`, `localeconv` and `nl_langinfo` return pointers to static storage that
// the next call may overwrite: they run under the GIL (no other Python code calls
// them meanwhile) and what they point to is copied before returning. The wide-string
// functions get NUL-terminated buffers owned by the caller, with their true sizes.

extern "C" {
    fn wcscoll(a: *const libc::wchar_t, b: *const libc::wchar_t) -> libc::c_int;
    fn wcsxfrm(dest: *mut libc::wchar_t, src: *const libc::wchar_t, n: usize) -> usize;
}

/// `setlocale(category, locale)` (`None`: query); the locale's name, or `None` when
/// the C library refuses it.
pub fn setlocale(category: i32, locale: Option<&CStr>) -> Option<Vec<u8>> {
    let arg = locale.map_or(std::ptr::null(), |l| l.as_ptr());
    // SAFETY: see above; `arg` is NULL or a NUL-terminated string that outlives the call.
    let p = unsafe { libc::setlocale(category, arg) };
    if p.is_null() {
        return None;
    }
    // SAFETY: a non-NULL result is a NUL-terminated string, copied at once.
    Some(unsafe { bytes(p) })
}

/// The numeric and monetary conventions of the current locale (`localeconv()`).
pub struct Lconv {
    pub strings: Vec<(&'static str, Vec<u8>)>,
    pub numbers: Vec<(&'static str, i8)>,
}

/// `localeconv()`, copied.
pub fn localeconv() -> Lconv {
    // SAFETY: see above: a pointer to static storage, read before any other call.
    let lc = unsafe { &*libc::localeconv() };
    // SAFETY: every string field is a NUL-terminated string (possibly empty).
    let s = |p: *mut libc::c_char| unsafe { bytes(p) };
    Lconv {
        strings: vec![
            ("int_curr_symbol", s(lc.int_curr_symbol)),
            ("currency_symbol", s(lc.currency_symbol)),
            ("mon_decimal_point", s(lc.mon_decimal_point)),
            ("mon_thousands_sep", s(lc.mon_thousands_sep)),
            ("mon_grouping", s(lc.mon_grouping)),
            ("positive_sign", s(lc.positive_sign)),
            ("negative_sign", s(lc.negative_sign)),
            ("decimal_point", s(lc.decimal_point)),
            ("thousands_sep", s(lc.thousands_sep)),
            ("grouping", s(lc.grouping)),
        ],
        numbers: vec![
            ("int_frac_digits", lc.int_frac_digits as i8),
            ("frac_digits", lc.frac_digits as i8),
            ("p_cs_precedes", lc.p_cs_precedes as i8),
            ("p_sep_by_space", lc.p_sep_by_space as i8),
            ("n_cs_precedes", lc.n_cs_precedes as i8),
            ("n_sep_by_space", lc.n_sep_by_space as i8),
            ("p_sign_posn", lc.p_sign_posn as i8),
            ("n_sign_posn", lc.n_sign_posn as i8),
        ],
    }
}

/// `nl_langinfo(item)`, copied (`item` one of the constants `_locale` exports).
pub fn nl_langinfo(item: i32) -> Vec<u8> {
    // SAFETY: see above; glibc returns "" for an unknown item, never NULL.
    let p = unsafe { libc::nl_langinfo(item as libc::nl_item) };
    if p.is_null() {
        return Vec::new();
    }
    // SAFETY: a NUL-terminated string, copied at once.
    unsafe { bytes(p) }
}

fn wide(s: &str) -> Vec<libc::wchar_t> {
    s.chars()
        .map(|c| c as libc::wchar_t)
        .chain(std::iter::once(0))
        .collect()
}

/// `wcscoll` of two strings (no NUL inside: the caller checks).
pub fn strcoll(a: &str, b: &str) -> i32 {
    let (a, b) = (wide(a), wide(b));
    // SAFETY: both NUL-terminated and alive across the call.
    unsafe { wcscoll(a.as_ptr(), b.as_ptr()) }
}

/// `wcsxfrm` of a string (no NUL inside: the caller checks).
pub fn strxfrm(s: &str) -> Vec<u32> {
    let src = wide(s);
    let mut n = src.len() * 4 + 1;
    loop {
        let mut buf: Vec<libc::wchar_t> = vec![0; n];
        // SAFETY: `buf` holds `n` wide characters; `src` is NUL-terminated.
        let need = unsafe { wcsxfrm(buf.as_mut_ptr(), src.as_ptr(), n) };
        if need < n {
            buf.truncate(need);
            return buf.into_iter().map(|c| c as u32).collect();
        }
        n = need + 1;
    }
}
