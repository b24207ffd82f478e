//! `_socket`: CPython's socket API in Rust, every blocking call deferring on the
//! reactor's I/O notifier (see `sock.rs` and `mt/io.rs`). CPython's own
//! `Lib/socket.py` runs on it: its `socket.socket` derives from `_socket.socket`
//! and adds `accept`, `makefile`, `sendfile`, `dup`, the `IntEnum` families, and the
//! module's `create_connection`, `create_server`, `socketpair`, `fromfd`.
//!
//! Constants are plain `int`s with Linux's values (CPython's are `IntEnum`s whose
//! `str()` is the same number).

mod addr;
mod sock;

use crate::objects::rc::Arc;
use std::sync::{Mutex, OnceLock};

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::{types, Kind, PyType};

pub use sock::{fd_of, socket_of, with_bytes};

pub const AF_UNSPEC: i32 = 0;
pub const AF_UNIX: i32 = 1;
pub const AF_INET: i32 = 2;
pub const AF_INET6: i32 = 10;
pub const SOCK_STREAM: i32 = 1;
pub const SOCK_DGRAM: i32 = 2;
pub const SOCK_RAW: i32 = 3;
pub const SOCK_NONBLOCK: i32 = 0o4000;
pub const SOCK_CLOEXEC: i32 = 0o2000000;
pub const SOL_SOCKET: i32 = 1;
pub const SO_REUSEADDR: i32 = 2;
pub const SO_TYPE: i32 = 3;
pub const SO_ERROR: i32 = 4;
pub const SO_BROADCAST: i32 = 6;
pub const SO_SNDBUF: i32 = 7;
pub const SO_RCVBUF: i32 = 8;
pub const SO_KEEPALIVE: i32 = 9;
pub const SO_LINGER: i32 = 13;
pub const SO_REUSEPORT: i32 = 15;
pub const SO_PROTOCOL: i32 = 38;
pub const SO_DOMAIN: i32 = 39;
pub const IPPROTO_IP: i32 = 0;
pub const IPPROTO_TCP: i32 = 6;
pub const IPPROTO_UDP: i32 = 17;
pub const IPPROTO_IPV6: i32 = 41;
pub const TCP_NODELAY: i32 = 1;
pub const IPV6_V6ONLY: i32 = 26;
pub const MSG_PEEK: i32 = 2;
pub const MSG_DONTWAIT: i32 = 0x40;
pub const MSG_WAITALL: i32 = 0x100;
pub const MSG_NOSIGNAL: i32 = 0x4000;
pub const SOMAXCONN: i32 = 4096;

static SOCKET: OnceLock<Arc<Module>> = OnceLock::new();
static SOCKET_TYPE: OnceLock<Arc<PyType>> = OnceLock::new();
static GAIERROR: OnceLock<Arc<PyType>> = OnceLock::new();
static HERROR: OnceLock<Arc<PyType>> = OnceLock::new();
/// `socket.setdefaulttimeout`: the timeout new sockets get.
static DEFAULT_TIMEOUT: Mutex<Option<f64>> = Mutex::new(None);

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "socketpair" => sock::socketpair, "getaddrinfo" => getaddrinfo,
    "gethostname" => gethostname, "gethostbyname" => gethostbyname,
    "gethostbyaddr" => gethostbyaddr,
    "getdefaulttimeout" => getdefaulttimeout, "setdefaulttimeout" => setdefaulttimeout,
    "inet_aton" => inet_aton, "inet_ntoa" => inet_ntoa, "htons" => htons, "ntohs" => htons,
    "htonl" => htonl, "ntohl" => htonl, "getservbyname" => getservbyname,
    "dup" => sock::dup, "close" => sock::close_fd,
];

const CONSTANTS: &[(&str, i32)] = &[
    ("AF_UNSPEC", AF_UNSPEC),
    ("AF_UNIX", AF_UNIX),
    ("AF_INET", AF_INET),
    ("AF_INET6", AF_INET6),
    ("SOCK_STREAM", SOCK_STREAM),
    ("SOCK_DGRAM", SOCK_DGRAM),
    ("SOCK_RAW", SOCK_RAW),
    ("SOCK_NONBLOCK", SOCK_NONBLOCK),
    ("SOCK_CLOEXEC", SOCK_CLOEXEC),
    ("SOL_SOCKET", SOL_SOCKET),
    ("SO_REUSEADDR", SO_REUSEADDR),
    ("SO_TYPE", SO_TYPE),
    ("SO_ERROR", SO_ERROR),
    ("SO_BROADCAST", SO_BROADCAST),
    ("SO_SNDBUF", SO_SNDBUF),
    ("SO_RCVBUF", SO_RCVBUF),
    ("SO_KEEPALIVE", SO_KEEPALIVE),
    ("SO_LINGER", SO_LINGER),
    ("SO_REUSEPORT", SO_REUSEPORT),
    ("SO_PROTOCOL", SO_PROTOCOL),
    ("SO_DOMAIN", SO_DOMAIN),
    ("IPPROTO_IP", IPPROTO_IP),
    ("IPPROTO_TCP", IPPROTO_TCP),
    ("IPPROTO_UDP", IPPROTO_UDP),
    ("IPPROTO_IPV6", IPPROTO_IPV6),
    ("SOL_TCP", IPPROTO_TCP),
    ("SOL_UDP", IPPROTO_UDP),
    ("TCP_NODELAY", TCP_NODELAY),
    ("IPV6_V6ONLY", IPV6_V6ONLY),
    ("MSG_PEEK", MSG_PEEK),
    ("MSG_DONTWAIT", MSG_DONTWAIT),
    ("MSG_WAITALL", MSG_WAITALL),
    ("MSG_NOSIGNAL", MSG_NOSIGNAL),
    ("SHUT_RD", 0),
    ("SHUT_WR", 1),
    ("SHUT_RDWR", 2),
    ("SOMAXCONN", SOMAXCONN),
    ("AI_PASSIVE", 1),
    ("AI_CANONNAME", 2),
    ("AI_NUMERICHOST", 4),
    ("AI_NUMERICSERV", 0x400),
    ("EAI_NONAME", addr::EAI_NONAME as i32),
    ("EAI_SERVICE", addr::EAI_SERVICE as i32),
    ("EAI_FAMILY", addr::EAI_FAMILY as i32),
    ("INADDR_ANY", 0),
    ("INADDR_LOOPBACK", 0x7f00_0001),
];

/// The `_socket` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    SOCKET.get_or_init(|| {
        let m = Module::with_functions(gil, "_socket", FUNCS);
        for (name, v) in CONSTANTS {
            m.set(gil, name, Value::Int(*v as i64));
        }
        m.set(gil, "socket", Value::Type(socket_type().clone()));
        m.set(gil, "SocketType", Value::Type(socket_type().clone()));
        m.set(gil, "error", Value::Type(types().exc.os_error.clone()));
        m.set(
            gil,
            "timeout",
            Value::Type(types().exc.timeout_error.clone()),
        );
        m.set(gil, "gaierror", Value::Type(gaierror_type().clone()));
        m.set(gil, "herror", Value::Type(herror_type().clone()));
        m.set(gil, "has_ipv6", Value::bool(true));
        Arc::new(m)
    })
}

/// `_socket.socket`: calling it makes a socket; the standard library's
/// `socket.socket` derives from it (`__new__` makes one without a descriptor, its
/// `__init__` opens or adopts one).
pub fn socket_type() -> &'static Arc<PyType> {
    SOCKET_TYPE.get_or_init(|| {
        let t = PyType::builtin(
            "socket",
            "_socket",
            Some(&types().object),
            Kind::Object,
            Some(sock::new_socket),
        );
        crate::objects::gil::with_gil(|gil| sock::fill_type_dict(gil, &t));
        Arc::new(t)
    })
}

fn os_subclass(name: &str) -> Arc<PyType> {
    Arc::new(PyType::builtin(
        name,
        "socket",
        Some(&types().exc.os_error),
        Kind::Exception,
        None,
    ))
}

fn gaierror_type() -> &'static Arc<PyType> {
    GAIERROR.get_or_init(|| os_subclass("gaierror"))
}

fn herror_type() -> &'static Arc<PyType> {
    HERROR.get_or_init(|| os_subclass("herror"))
}

/// `socket.gaierror(code, message)`: a failed name lookup.
pub fn gaierror(code: i64, message: &str) -> PyErr {
    PyErr::new(gaierror_type(), vec![Value::Int(code), Value::str(message)])
}

/// The timeout new sockets start with.
pub fn default_timeout() -> Option<f64> {
    *DEFAULT_TIMEOUT.lock().unwrap_or_else(|p| p.into_inner())
}

fn getdefaulttimeout(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("getdefaulttimeout", 0, 0)?;
    Ok(default_timeout().map_or(Value::None, Value::float))
}

fn setdefaulttimeout(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("setdefaulttimeout", 1, 1)?;
    let t = sock::parse_timeout(args.at(0))?;
    *DEFAULT_TIMEOUT.lock().unwrap_or_else(|p| p.into_inner()) = t;
    Ok(Value::None)
}

fn gethostname(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("gethostname", 0, 0)?;
    Ok(Value::string(addr::hostname()))
}

fn gethostbyname(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("gethostbyname", 1, 1)?;
    let host = match args.at(0) {
        Value::Str(s) => s.as_str().to_owned(),
        v => addr::host_text(cx.gil, v)?,
    };
    if host.is_empty() {
        return Ok(Value::str("0.0.0.0"));
    }
    let ips = addr::resolve(&host, AF_INET)?;
    match ips.first() {
        Some(ip) => Ok(Value::string(ip.to_string())),
        None => Err(gaierror(addr::EAI_NONAME, "Name or service not known").into()),
    }
}

/// `gethostbyaddr(ip_or_name)`: `(hostname, aliases, addresses)` for the address
/// (a name is resolved first), through the C library's reverse lookup; `herror`
/// "Unknown host" when the address has no name, as CPython's.
fn gethostbyaddr(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("gethostbyaddr", 1, 1)?;
    let host = match args.at(0) {
        Value::Str(s) => s.as_str().to_owned(),
        v @ (Value::Bytes(_) | Value::ByteArray(_)) => addr::host_text(cx.gil, v)?,
        v => {
            return Err(type_error(format!(
                "gethostbyaddr() argument 1 must be str, bytes or bytearray, not {}",
                crate::objects::types::type_name(v)
            ))
            .into())
        }
    };
    let ip = match addr::resolve(&host, 0)?.first() {
        Some(ip) => *ip,
        None => return Err(gaierror(addr::EAI_NONAME, "Name or service not known").into()),
    };
    let name = crate::modules::unix::raw::host_of(ip).map_err(|e| {
        PyErr::new(
            herror_type(),
            vec![Value::Int(2), Value::string(e.to_string())],
        )
    })?;
    let Some(name) = name else {
        return Err(PyErr::new(
            herror_type(),
            vec![Value::Int(1), Value::str("Unknown host")],
        )
        .into());
    };
    Ok(Value::tuple(vec![
        Value::string(name),
        Value::list(Vec::new()),
        Value::list(vec![Value::string(ip.to_string())]),
    ]))
}

/// Well-known services `getaddrinfo` and `getservbyname` know without reading
/// `/etc/services` (which they consult first).
fn service_port(name: &str, proto: Option<&str>) -> Option<u16> {
    if let Ok(text) = std::fs::read_to_string("/etc/services") {
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("");
            let mut w = line.split_whitespace();
            let (Some(svc), Some(pp)) = (w.next(), w.next()) else {
                continue;
            };
            let Some((port, p)) = pp.split_once('/') else {
                continue;
            };
            let named = svc == name || w.any(|alias| alias == name);
            if named && proto.is_none_or(|want| want == p) {
                return port.parse().ok();
            }
        }
    }
    Some(match name {
        "http" => 80,
        "https" => 443,
        "ftp" => 21,
        "ssh" => 22,
        "smtp" => 25,
        "domain" => 53,
        _ => return None,
    })
}

fn getservbyname(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("getservbyname", 1, 2)?;
    let name = arg_str(args.at(0), "getservbyname", "argument 1")?;
    let proto = args
        .get(1)
        .map(|p| arg_str(p, "getservbyname", "argument 2"))
        .transpose()?;
    let _ = cx;
    match service_port(name, proto) {
        Some(p) => Ok(Value::Int(p as i64)),
        None => Err(PyErr::msg(&types().exc.os_error, "service/proto not found").into()),
    }
}

/// `getaddrinfo(host, port, family=0, type=0, proto=0, flags=0)`: a list of
/// `(family, type, proto, canonname, sockaddr)`.
fn getaddrinfo(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(
        args,
        "getaddrinfo",
        &["host", "port", "family", "type", "proto", "flags"],
        2,
        6,
    )?;
    let int =
        |v: &Option<Value>| -> Result<i64, PyErr> { v.as_ref().map_or(Ok(0), |v| arg_int(v, "")) };
    let family = int(&a[2])? as i32;
    let typ = int(&a[3])? as i32;
    let proto = int(&a[4])? as i32;
    let flags = int(&a[5])?;
    if !addr::known_family(family) {
        return Err(gaierror(addr::EAI_FAMILY, "ai_family not supported").into());
    }
    let port: u16 = match a[1].as_ref().unwrap_or(&Value::None) {
        Value::None => 0,
        Value::Int(p) => u16::try_from(*p)
            .map_err(|_| gaierror(addr::EAI_SERVICE, "Servname not supported for ai_socktype"))?,
        Value::Str(s) => match s.as_str().parse::<u16>() {
            Ok(p) => p,
            Err(_) => service_port(s.as_str(), None).ok_or_else(|| {
                gaierror(addr::EAI_SERVICE, "Servname not supported for ai_socktype")
            })?,
        },
        Value::Bytes(b) => String::from_utf8_lossy(b)
            .parse::<u16>()
            .map_err(|_| gaierror(addr::EAI_SERVICE, "Servname not supported for ai_socktype"))?,
        _ => return Err(PyErr::msg(&types().exc.os_error, "Int or String expected").into()),
    };
    let ips: Vec<std::net::IpAddr> = match a[0].as_ref().unwrap_or(&Value::None) {
        Value::None => {
            let passive = flags & 1 != 0;
            let mut v = Vec::new();
            if family != AF_INET6 {
                v.push(if passive {
                    std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED)
                } else {
                    std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)
                });
            }
            if family != AF_INET {
                v.push(if passive {
                    std::net::IpAddr::V6(std::net::Ipv6Addr::UNSPECIFIED)
                } else {
                    std::net::IpAddr::V6(std::net::Ipv6Addr::LOCALHOST)
                });
            }
            v
        }
        h => {
            let host = addr::host_text(cx.gil, h)?;
            if flags & 4 != 0 && host.parse::<std::net::IpAddr>().is_err() {
                return Err(gaierror(addr::EAI_NONAME, "Name or service not known").into());
            }
            addr::resolve(&host, family)?
        }
    };
    let kinds: Vec<(i32, i32)> = match (typ, proto) {
        (0, 0) => vec![
            (SOCK_STREAM, IPPROTO_TCP),
            (SOCK_DGRAM, IPPROTO_UDP),
            (SOCK_RAW, 0),
        ],
        (SOCK_STREAM, 0) => vec![(SOCK_STREAM, IPPROTO_TCP)],
        (SOCK_DGRAM, 0) => vec![(SOCK_DGRAM, IPPROTO_UDP)],
        (t, p) => vec![(t, p)],
    };
    let mut out = Vec::new();
    for ip in &ips {
        for (t, p) in &kinds {
            let sa = std::net::SocketAddr::new(*ip, port);
            out.push(Value::tuple(vec![
                Value::Int(addr::family_of(ip) as i64),
                Value::Int(*t as i64),
                Value::Int(*p as i64),
                Value::str(""),
                addr::inet_value(&sa),
            ]));
        }
    }
    Ok(Value::list(out))
}

fn inet_aton(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("inet_aton", 1, 1)?;
    let s = arg_str(args.at(0), "inet_aton", "argument")?;
    match parse_inet_aton(s) {
        Some(octets) => Ok(Value::Bytes(Arc::new(octets.to_vec()))),
        None => Err(PyErr::msg(
            &types().exc.os_error,
            "illegal IP address string passed to inet_aton",
        )
        .into()),
    }
}

/// What inet_aton(3) accepts: one to four numbers separated by dots (decimal, octal
/// with a leading `0`, hex with `0x`), the last filling the bytes left
/// (`"127.1"` is 127.0.0.1); whatever follows a whitespace is ignored.
fn parse_inet_aton(text: &str) -> Option<[u8; 4]> {
    let text = text.split(|c: char| c.is_ascii_whitespace()).next()?;
    let parts: Vec<&str> = text.split('.').collect();
    if parts.len() > 4 {
        return None;
    }
    let mut nums = Vec::with_capacity(4);
    for p in parts {
        let (digits, radix) = match p.strip_prefix("0x").or_else(|| p.strip_prefix("0X")) {
            Some(hex) => (hex, 16),
            None if p.len() > 1 && p.starts_with('0') => (&p[1..], 8),
            None => (p, 10),
        };
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        nums.push(u32::from_str_radix(digits, radix).ok()?);
    }
    let (&last, rest) = nums.split_last()?;
    let mut ip = 0u32;
    for (i, &v) in rest.iter().enumerate() {
        if v > 255 {
            return None;
        }
        ip |= v << (24 - 8 * i);
    }
    let room = 8 * (4 - rest.len()) as u32;
    if room < 32 && last >> room != 0 {
        return None;
    }
    Some((ip | last).to_be_bytes())
}

fn inet_ntoa(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("inet_ntoa", 1, 1)?;
    let b = with_bytes(cx.gil, args.at(0), |b| b.to_vec())?;
    let Ok(o) = <[u8; 4]>::try_from(b.as_slice()) else {
        return Err(PyErr::msg(
            &types().exc.os_error,
            "packed IP wrong length for inet_ntoa",
        )
        .into());
    };
    Ok(Value::string(std::net::Ipv4Addr::from(o).to_string()))
}

fn htons(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("htons", 1, 1)?;
    let v = arg_int(args.at(0), "")?;
    let v = u16::try_from(v).map_err(|_| {
        overflow_error("htons: Python int too large to convert to C 16-bit unsigned integer")
    })?;
    Ok(Value::Int(v.swap_bytes() as i64))
}

fn htonl(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("htonl", 1, 1)?;
    let v = arg_int(args.at(0), "")?;
    let v = u32::try_from(v).map_err(|_| overflow_error("int larger than 32 bits"))?;
    Ok(Value::Int(v.swap_bytes() as i64))
}
