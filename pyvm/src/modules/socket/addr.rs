//! Socket addresses between Python and the OS: `(host, port)` tuples for `AF_INET`,
//! `(host, port, flowinfo, scope_id)` for `AF_INET6`, paths for `AF_UNIX`; and name
//! resolution that never blocks the reactor for the names a local server uses
//! (numeric addresses, `''`, `localhost`, the host's own name and `/etc/hosts`).

use crate::objects::rc::Arc;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV6};

use socket2::SockAddr;

use super::{gaierror, AF_INET, AF_INET6, AF_UNIX, AF_UNSPEC};
use crate::native::*;
use crate::objects::gil::Gil;
use crate::objects::types::type_name;

/// `EAI_NONAME`: the name is not known.
pub const EAI_NONAME: i64 = -2;
/// `EAI_SERVICE`: the service is not known for the socket type.
pub const EAI_SERVICE: i64 = -8;
/// `EAI_FAMILY`: the family is not supported.
pub const EAI_FAMILY: i64 = -6;

/// The text of a `str`, `bytes` or `bytearray` host, else CPython's `TypeError`.
pub fn host_text(gil: Gil<'_>, v: &Value) -> Result<String, PyErr> {
    match v {
        Value::Str(s) => Ok(s.as_str().to_owned()),
        Value::Bytes(b) => Ok(String::from_utf8_lossy(b).into_owned()),
        Value::ByteArray(b) => Ok(String::from_utf8_lossy(&b.borrow(gil)).into_owned()),
        v => Err(type_error(format!(
            "str, bytes or bytearray expected, not {}",
            type_name(v)
        ))),
    }
}

fn not_known() -> PyErr {
    gaierror(EAI_NONAME, "Name or service not known")
}

/// The addresses `host` stands for in `family` (`AF_UNSPEC`: both), in the order
/// the system resolver gives them for local names.
pub fn resolve(host: &str, family: i32) -> Result<Vec<IpAddr>, PyErr> {
    let want = |ip: &IpAddr| match family {
        AF_INET => ip.is_ipv4(),
        AF_INET6 => ip.is_ipv6(),
        _ => true,
    };
    if let Ok(ip) = host.parse::<IpAddr>() {
        return if want(&ip) {
            Ok(vec![ip])
        } else {
            Err(gaierror(EAI_FAMILY, "ai_family not supported"))
        };
    }
    // `inet_aton` forms CPython accepts too (`127.1`): leave them to the resolver.
    let lower = host.to_ascii_lowercase();
    let mut found: Vec<IpAddr> = Vec::new();
    if lower == "localhost" || lower == "localhost.localdomain" || lower == "ip6-localhost" {
        if family != AF_INET6 && lower != "ip6-localhost" {
            found.push(IpAddr::V4(Ipv4Addr::LOCALHOST));
        }
        if family == AF_INET6 {
            found.push(IpAddr::V6(Ipv6Addr::LOCALHOST));
        }
        return if found.is_empty() {
            Err(not_known())
        } else {
            Ok(found)
        };
    }
    if let Ok(hosts) = std::fs::read_to_string("/etc/hosts") {
        for line in hosts.lines() {
            let line = line.split('#').next().unwrap_or("");
            let mut words = line.split_whitespace();
            let Some(ip) = words.next().and_then(|w| w.parse::<IpAddr>().ok()) else {
                continue;
            };
            if words.any(|w| w.eq_ignore_ascii_case(host)) && want(&ip) && !found.contains(&ip) {
                found.push(ip);
            }
        }
    }
    if !found.is_empty() {
        // glibc answers IPv4 first for an unspecified family.
        found.sort_by_key(|ip| ip.is_ipv6());
        return Ok(found);
    }
    if lower == hostname().to_ascii_lowercase() {
        return Ok(vec![IpAddr::V4(Ipv4Addr::new(127, 0, 1, 1))]);
    }
    // Anything else goes to the system resolver, which may block the OS thread (DNS):
    // see ARCHITECTURE.md, "sockets".
    use std::net::ToSocketAddrs;
    let addrs = (host, 0u16).to_socket_addrs().map_err(|_| not_known())?;
    let mut out: Vec<IpAddr> = Vec::new();
    for a in addrs {
        let ip = a.ip();
        if want(&ip) && !out.contains(&ip) {
            out.push(ip);
        }
    }
    if out.is_empty() {
        return Err(not_known());
    }
    Ok(out)
}

/// This machine's host name.
pub fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|_| "localhost".to_owned())
}

/// One host for a socket call: `''` is the wildcard, `<broadcast>` the broadcast
/// address, anything else resolved (the first address of the family).
fn host_ip(host: &str, family: i32) -> Result<IpAddr, PyErr> {
    match (host, family) {
        ("", AF_INET6) => Ok(IpAddr::V6(Ipv6Addr::UNSPECIFIED)),
        ("", _) => Ok(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
        ("<broadcast>", AF_INET) => Ok(IpAddr::V4(Ipv4Addr::BROADCAST)),
        _ => {
            // A scope suffix (`fe80::1%lo`) is not supported: the resolver refuses it.
            let ips = resolve(host, family)?;
            ips.into_iter().next().ok_or_else(not_known)
        }
    }
}

/// A port number: `TypeError` for a non-integer, `OverflowError` out of range
/// (`bind(): port must be 0-65535.`).
fn port_of(v: &Value, caller: &str) -> Result<u16, PyErr> {
    let p = match v {
        Value::Int(i) => *i,
        Value::Bool(b) => b.get() as i64,
        Value::Big(_) => i64::MAX,
        v => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(v)
            )))
        }
    };
    u16::try_from(p).map_err(|_| overflow_error(format!("{caller}(): port must be 0-65535.")))
}

/// A Python address for a socket of `family`, as the OS wants it. `caller` names the
/// method in CPython's messages (`bind(): AF_INET address must be tuple, not str`).
pub fn to_sockaddr(gil: Gil<'_>, family: i32, v: &Value, caller: &str) -> Result<SockAddr, PyErr> {
    match family {
        AF_INET => {
            let Value::Tuple(t) = v else {
                return Err(type_error(format!(
                    "{caller}(): AF_INET address must be tuple, not {}",
                    type_name(v)
                )));
            };
            if t.len() != 2 {
                return Err(type_error("AF_INET address must be a pair (host, port)"));
            }
            let host = host_text(gil, &t[0])?;
            let port = port_of(&t[1], caller)?;
            let ip = host_ip(&host, AF_INET)?;
            Ok(SockAddr::from(SocketAddr::new(ip, port)))
        }
        AF_INET6 => {
            let t = match v {
                Value::Tuple(t) if (2..=4).contains(&t.len()) => t,
                _ => {
                    return Err(type_error(
                        "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])",
                    ))
                }
            };
            let host = host_text(gil, &t[0])?;
            let port = port_of(&t[1], caller)?;
            let flow = match t.get(2) {
                Some(f) => u32::try_from(arg_int(f, "")?).map_err(|_| {
                    overflow_error(format!("{caller}(): flowinfo must be 0-1048575."))
                })?,
                None => 0,
            };
            let scope = match t.get(3) {
                Some(s) => u32::try_from(arg_int(s, "")?)
                    .map_err(|_| overflow_error("scope_id out of range"))?,
                None => 0,
            };
            let ip = match host_ip(&host, AF_INET6)? {
                IpAddr::V6(ip) => ip,
                IpAddr::V4(ip) => ip.to_ipv6_mapped(),
            };
            Ok(SockAddr::from(SocketAddrV6::new(ip, port, flow, scope)))
        }
        AF_UNIX => {
            let path = match v {
                Value::Str(s) => s.as_str().as_bytes().to_vec(),
                Value::Bytes(b) => b.to_vec(),
                Value::ByteArray(b) => b.borrow(gil).to_vec(),
                v => {
                    return Err(type_error(format!(
                        "a bytes-like object is required, not '{}'",
                        type_name(v)
                    )))
                }
            };
            if path.first() == Some(&0) {
                // Linux's abstract namespace: a leading NUL byte.
                let name = String::from_utf8_lossy(&path[1..]).into_owned();
                return SockAddr::unix(format!("\0{name}"))
                    .map_err(|e| crate::objects::os_error::from_io(&e, None));
            }
            let path = String::from_utf8(path).map_err(|_| value_error("invalid path"))?;
            SockAddr::unix(&path).map_err(|_| os_error_code(36, "AF_UNIX path too long"))
        }
        _ => Err(os_error_code(
            97,
            "Address family not supported by protocol",
        )),
    }
}

/// `OSError(errno, message)` as CPython raises it for a failed system call.
pub fn os_error_code(errno: i64, message: &str) -> PyErr {
    PyErr::new(
        &crate::objects::types::types().exc.os_error,
        vec![Value::Int(errno), Value::str(message)],
    )
}

/// The Python form of an address the OS gave.
pub fn from_sockaddr(a: &SockAddr) -> Value {
    if let Some(sa) = a.as_socket() {
        return inet_value(&sa);
    }
    if a.is_unix() {
        if let Some(p) = a.as_pathname() {
            return Value::string(p.to_string_lossy().into_owned());
        }
        if let Some(name) = a.as_abstract_namespace() {
            let mut v = vec![0u8];
            v.extend_from_slice(name);
            return Value::Bytes(Arc::new(v));
        }
        return Value::str("");
    }
    Value::None
}

/// `(host, port)` or `(host, port, flowinfo, scope_id)`.
pub fn inet_value(sa: &SocketAddr) -> Value {
    match sa {
        SocketAddr::V4(v4) => Value::tuple(vec![
            Value::string(v4.ip().to_string()),
            Value::Int(v4.port() as i64),
        ]),
        SocketAddr::V6(v6) => Value::tuple(vec![
            Value::string(v6.ip().to_string()),
            Value::Int(v6.port() as i64),
            Value::Int(v6.flowinfo() as i64),
            Value::Int(v6.scope_id() as i64),
        ]),
    }
}

/// The family of an address family argument (`AF_UNSPEC` for 0).
pub fn family_of(ip: &IpAddr) -> i32 {
    match ip {
        IpAddr::V4(_) => AF_INET,
        IpAddr::V6(_) => AF_INET6,
    }
}

/// Is `family` one pyvm sockets support?
pub fn known_family(family: i32) -> bool {
    matches!(family, AF_INET | AF_INET6 | AF_UNIX | AF_UNSPEC)
}
