//! `_posixsubprocess.fork_exec`, what Lib's `subprocess.Popen` starts a child with:
//! the arguments turned into a plan the child follows between `fork` and `exec`
//! without allocating (`raw::ChildPlan`), since pyvm's runtime has other OS threads.
//! A failure in the child reaches the parent through the error pipe in CPython's
//! form (`OSError:<hex errno>:[noexec]`). `preexec_fn` cannot run (no Python in the
//! child) and is refused, as CPython refuses it in subinterpreters.

use crate::objects::rc::Arc;
use std::ffi::CString;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use super::path::{self, fd_of, os_err};
use super::raw::{with_fd, ChildPlan};
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::type_name;

static FUNCS: &[NativeDef] = crate::objects::methods::natives!["fork_exec" => fork_exec];

/// The `_posixsubprocess` module.
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    static M: OnceLock<Arc<Module>> = OnceLock::new();
    M.get_or_init(|| Arc::new(Module::with_functions(gil, "_posixsubprocess", FUNCS)))
}

/// A str/bytes/PathLike argument as a C string (`None` for `None`).
fn c_string(cx: &mut Cx, v: &Value, what: &'static str) -> PyResult<Option<CString>> {
    if matches!(v, Value::None) {
        return Ok(None);
    }
    let p = path::path(cx, Some(v), path::Spec::path("fork_exec").named(what))?;
    Ok(Some(CString::new(p.os.as_bytes()).unwrap_or_default()))
}

/// The items of a sequence argument as C strings.
fn c_strings(cx: &mut Cx, v: &Value, what: &'static str) -> PyResult<Vec<CString>> {
    let items = cx.collect(v)?;
    let mut out = Vec::with_capacity(items.len());
    for item in &items {
        out.extend(c_string(cx, item, what)?);
    }
    Ok(out)
}

/// An optional integer argument: `-1` or `None` is "not given".
fn opt_int(v: &Value) -> Result<Option<i64>, PyErr> {
    match v {
        Value::None => Ok(None),
        v => {
            let n = arg_int(v, "")?;
            Ok((n != -1).then_some(n))
        }
    }
}

/// A standard stream of the child: descriptor `fd` (a copy, which `Command` places),
/// or the parent's own for `-1`.
fn stream(fd: i32) -> Result<Stdio, PyErr> {
    if fd < 0 {
        return Ok(Stdio::inherit());
    }
    let owned: OwnedFd = with_fd(fd, |b| b.as_fd().try_clone_to_owned()).map_err(os_err)?;
    Ok(Stdio::from(owned))
}

/// `fork_exec(args, executable_list, close_fds, pass_fds, cwd, env, p2cread,
/// p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write,
/// restore_signals, call_setsid, pgid_to_set, gid, extra_groups, uid, child_umask,
/// preexec_fn, use_vfork)`: the child's process id.
fn fork_exec(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(type_error("fork_exec() takes no keyword arguments").into());
    }
    if args.len() != 23 {
        return Err(type_error(format!(
            "fork_exec() takes exactly 23 arguments ({} given)",
            args.len()
        ))
        .into());
    }
    let a = &args.pos;
    let argv = match &a[0] {
        Value::None => Vec::new(),
        v => c_strings(cx, v, "args")?,
    };
    let executables = c_strings(cx, &a[1], "executable")?;
    let close_fds = cx.truthy(&a[2])?;
    let mut pass_fds = Vec::new();
    for v in cx.collect(&a[3])? {
        let fd = fd_of(&v)?;
        if fd < 0 || pass_fds.last().is_some_and(|&l| l >= fd) {
            return Err(value_error("bad value(s) in fds_to_keep").into());
        }
        pass_fds.push(fd);
    }
    let cwd = c_string(cx, &a[4], "cwd")?;
    let env = match &a[5] {
        Value::None => None,
        v => Some(c_strings(cx, v, "env")?),
    };
    let fds: Vec<i32> = a[6..14].iter().map(fd_of).collect::<Result<_, _>>()?;
    let (p2cread, c2pwrite, errwrite, errpipe_write) = (fds[0], fds[3], fds[5], fds[7]);
    let setsid = cx.truthy(&a[15])?;
    let pgid = opt_int(&a[16])?.map(|p| p as i32);
    let gid = opt_int(&a[17])?.map(|g| g as u32);
    if !matches!(a[18], Value::None) {
        return Err(runtime_error("fork_exec: extra_groups is not supported by pyvm").into());
    }
    let uid = opt_int(&a[19])?.map(|u| u as u32);
    let umask = match arg_int(&a[20], "")? {
        m if m < 0 => None,
        m => Some(m as u32),
    };
    if !matches!(a[21], Value::None) {
        return Err(runtime_error(format!(
            "preexec_fn not supported by pyvm (it cannot run Python in the child), got {}",
            type_name(&a[21])
        ))
        .into());
    }
    if executables.is_empty() {
        return Err(value_error("fork_exec: executable_list is empty").into());
    }
    let mut cmd = Command::new(std::ffi::OsStr::from_bytes(executables[0].as_bytes()));
    cmd.stdin(stream(p2cread)?)
        .stdout(stream(c2pwrite)?)
        .stderr(stream(errwrite)?);
    let plan = ChildPlan {
        executables,
        argv,
        env,
        cwd,
        pass_fds,
        close_fds,
        setsid,
        pgid,
        umask,
        uid,
        gid,
        errpipe: errpipe_write,
    };
    let pid = super::raw::spawn(&mut cmd, plan).map_err(os_err)?;
    Ok(Value::Int(pid as i64))
}
