//! `pwd` and `grp`: the user and group databases (through the C library, so NSS
//! sources count), as `struct_passwd`/`struct_group` sequences with CPython's
//! messages.

use crate::objects::rc::Arc;
use std::ffi::CString;
use std::sync::OnceLock;

use super::raw;
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::{type_name, types, PyType};

static PWD: OnceLock<Arc<Module>> = OnceLock::new();
static GRP: OnceLock<Arc<Module>> = OnceLock::new();
static PASSWD_T: OnceLock<Arc<PyType>> = OnceLock::new();
static GROUP_T: OnceLock<Arc<PyType>> = OnceLock::new();

static PWD_FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "getpwuid" => getpwuid, "getpwnam" => getpwnam, "getpwall" => getpwall,
];

static GRP_FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "getgrgid" => getgrgid, "getgrnam" => getgrnam, "getgrall" => getgrall,
];

const PASSWD_FIELDS: &[&str] = &[
    "pw_name",
    "pw_passwd",
    "pw_uid",
    "pw_gid",
    "pw_gecos",
    "pw_dir",
    "pw_shell",
];
const GROUP_FIELDS: &[&str] = &["gr_name", "gr_passwd", "gr_gid", "gr_mem"];

/// The `pwd` module (one per process).
pub fn pwd_module(gil: Gil<'_>) -> &'static Arc<Module> {
    PWD.get_or_init(|| {
        let m = Module::with_functions(gil, "pwd", PWD_FUNCS);
        m.set(gil, "__doc__", Value::str("This module provides access to the Unix password database.\nIt is available on all Unix versions.\n\nPassword database entries are reported as 7-tuples containing the\nfollowing items from the password database (see `<pwd.h>'), in order:\npw_name, pw_passwd, pw_uid, pw_gid, pw_gecos, pw_dir, pw_shell.\nThe uid and gid items are integers, all others are strings. An\nexception is raised if the entry asked for cannot be found."));
        m.set(gil, "struct_passwd", Value::Type(passwd_type(gil).clone()));
        Arc::new(m)
    })
}

/// The `grp` module (one per process).
pub fn grp_module(gil: Gil<'_>) -> &'static Arc<Module> {
    GRP.get_or_init(|| {
        let m = Module::with_functions(gil, "grp", GRP_FUNCS);
        m.set(gil, "__doc__", Value::str("Access to the Unix group database.\n\nGroup entries are reported as 4-tuples containing the following fields\nfrom the group database, in order:\n\n  gr_name   - name of the group\n  gr_passwd - group password (encrypted); often empty\n  gr_gid    - numeric ID of the group\n  gr_mem    - list of members\n\nThe gid is an integer, name and password are strings.  (Note that most\nusers are not explicitly listed as members of the groups they are in\naccording to the password database.  Check both databases to get\ncomplete membership information.)"));
        m.set(gil, "struct_group", Value::Type(group_type(gil).clone()));
        Arc::new(m)
    })
}

fn passwd_type(gil: Gil<'_>) -> &'static Arc<PyType> {
    PASSWD_T.get_or_init(|| {
        crate::modules::structseq::new_type(gil, "pwd", "struct_passwd", PASSWD_FIELDS)
    })
}

fn group_type(gil: Gil<'_>) -> &'static Arc<PyType> {
    GROUP_T.get_or_init(|| {
        crate::modules::structseq::new_type(gil, "grp", "struct_group", GROUP_FIELDS)
    })
}

/// A name from the database, decoded as the file system encoding decodes it.
fn text(b: &[u8]) -> Value {
    Value::string(String::from_utf8_lossy(b).into_owned())
}

fn passwd(gil: Gil<'_>, p: raw::Passwd) -> Value {
    let items = vec![
        text(&p.name),
        text(&p.passwd),
        Value::Int(p.uid as i64),
        Value::Int(p.gid as i64),
        text(&p.gecos),
        text(&p.dir),
        text(&p.shell),
    ];
    crate::modules::structseq::make(gil, passwd_type(gil), items)
}

fn group(gil: Gil<'_>, g: raw::Group) -> Value {
    let items = vec![
        text(&g.name),
        text(&g.passwd),
        Value::Int(g.gid as i64),
        Value::list(g.mem.iter().map(|m| text(m)).collect()),
    ];
    crate::modules::structseq::make(gil, group_type(gil), items)
}

fn key_error(msg: String) -> PyErr {
    PyErr::new(&types().exc.key_error, vec![Value::string(msg)])
}

/// A `METH_O` function's argument.
fn one(args: &Args, name: &str) -> Result<Value, PyErr> {
    args.check(name, 1, 1)?;
    Ok(args.pos[0].clone())
}

/// A uid or gid (`_Py_Uid_Converter`): `None` when it is out of range (then the
/// entry is "not found", without the number).
fn id_arg(v: &Value, what: &str) -> Result<Option<(u32, i64)>, PyErr> {
    let v = crate::objects::class::unwrap_number(v);
    match &v {
        Value::Int(_) | Value::Bool(_) => {
            let n = arg_int(&v, "")?;
            Ok(match n {
                -1 => Some((u32::MAX, -1)),
                0..=0xffff_fffe => Some((n as u32, n)),
                _ => None,
            })
        }
        Value::Big(_) => Ok(None),
        _ => Err(type_error(format!(
            "{what} should be integer, not {}",
            type_name(&v)
        ))),
    }
}

/// A name argument: a `str` without NUL.
fn name_arg(v: &Value, fname: &str, arg: &str) -> Result<CString, PyErr> {
    let s = v.as_str().ok_or_else(|| {
        type_error(format!(
            "{fname}() argument {arg}must be str, not {}",
            type_name(v)
        ))
    })?;
    CString::new(s).map_err(|_| value_error("embedded null byte"))
}

fn getpwuid(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let v = one(&args, "pwd.getpwuid")?;
    let Some((uid, shown)) = id_arg(&v, "uid")? else {
        return Err(key_error("getpwuid(): uid not found".into()).into());
    };
    match raw::getpwuid(uid) {
        Ok(Some(p)) => Ok(passwd(cx.gil, p)),
        _ => Err(key_error(format!("getpwuid(): uid not found: {shown}")).into()),
    }
}

fn getpwnam(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let v = one(&args, "pwd.getpwnam")?;
    let name = name_arg(&v, "getpwnam", "")?;
    match raw::getpwnam(&name) {
        Ok(Some(p)) => Ok(passwd(cx.gil, p)),
        _ => Err(key_error(format!("getpwnam(): name not found: {}", cx.repr(&v)?)).into()),
    }
}

fn getpwall(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("getpwall", 0, 0)?;
    let all = raw::getpwall();
    Ok(Value::list(
        all.into_iter().map(|p| passwd(cx.gil, p)).collect(),
    ))
}

fn getgrgid(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let v = one(&args, "grp.getgrgid")?;
    let Some((gid, shown)) = id_arg(&v, "gid")? else {
        return Err(key_error("getgrgid(): gid not found".into()).into());
    };
    match raw::getgrgid(gid) {
        Ok(Some(g)) => Ok(group(cx.gil, g)),
        _ => Err(key_error(format!("getgrgid(): gid not found: {shown}")).into()),
    }
}

fn getgrnam(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let v = one(&args, "grp.getgrnam")?;
    let name = name_arg(&v, "getgrnam", "'name' ")?;
    match raw::getgrnam(&name) {
        Ok(Some(g)) => Ok(group(cx.gil, g)),
        _ => Err(key_error(format!("getgrnam(): name not found: {}", cx.repr(&v)?)).into()),
    }
}

fn getgrall(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("getgrall", 0, 0)?;
    let all = raw::getgrall();
    Ok(Value::list(
        all.into_iter().map(|g| group(cx.gil, g)).collect(),
    ))
}
