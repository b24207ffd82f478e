//! Follow-ups of frames the VM pushed on a program's behalf (see [`Ret`]): what runs
//! when such a frame returns or an exception leaves it, in place of a nested loop.

use super::frame::Ret;
use super::thread::MicroThread;
use crate::objects::exception::PyErr;
use crate::objects::gil::Gil;
use crate::objects::value::Value;

/// What a follow-up leaves for the caller.
pub(crate) enum After {
    /// This value is the result of the caller's pending instruction.
    Value(Value),
    /// The follow-up pushed another frame, or moved the caller's `ip`: the loop
    /// continues in the top frame.
    Frame,
}

/// The frame with follow-up `ret` returned `v` (it is already popped).
pub(crate) fn returned(
    gil: Gil<'_>,
    th: &mut MicroThread,
    ret: Ret,
    v: Value,
) -> Result<After, PyErr> {
    match ret {
        Ret::Push => Ok(After::Value(v)),
        Ret::Gen(g) => super::generator::returned(gil, th, &g, v),
    }
}

/// `err` left the frame with follow-up `ret` (it is already popped): `Ok` when the
/// follow-up handles it, `Err` to propagate it to the caller.
pub(crate) fn raised(
    gil: Gil<'_>,
    th: &mut MicroThread,
    ret: Ret,
    err: PyErr,
) -> Result<After, PyErr> {
    match ret {
        Ret::Push => Err(err),
        Ret::Gen(g) => super::generator::raised(gil, th, &g, err),
    }
}
