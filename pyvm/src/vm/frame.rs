//! Heap frames and exception-handler blocks.
//!
//! Frames of one micro-thread share its value stack (Lua's layout): a frame's locals
//! are a window of the stack, its operands sit above them.
//! ```text
//!  stack: [ ... | NULL func | arg0 arg1 local2 | operands ... ]
//!                             ^ base            ^ base + nlocals
//! ```

use crate::objects::rc::Arc;

use crate::compile::code::Code;
use crate::native::Args;
use crate::objects::dict::Dict;
use crate::objects::gil::GilCell;
use crate::objects::types::PyType;
use crate::objects::value::CellRef;
use crate::objects::value::Value;
use crate::vm::class::ClassSpec;
use crate::vm::dunder::OpState;

/// Handler blocks are plain data, which a paused generator keeps too.
pub use crate::objects::frame::Block;

/// One activation of a code object. Lives in `MicroThread::frames`, never on the Rust
/// stack.
pub struct Frame {
    pub code: Arc<Code>,
    /// Index of the next instruction. Written back by the loop before anything that
    /// can call, fail or defer; tracebacks and resumption read it.
    pub ip: usize,
    /// Stack index of local slot 0.
    pub base: usize,
    /// Index into `MicroThread::blocks` where this frame's handlers start.
    pub block_base: usize,
    /// Cell variables then free variables (empty for most functions: no allocation).
    pub cells: Vec<CellRef>,
    pub globals: Arc<GilCell<Dict>>,
    /// Stack length to cut back to when the frame is popped (drops the callable slots
    /// below the locals too); the return value is pushed after the cut.
    pub floor: usize,
    /// What the caller does with this frame's result.
    pub ret: Ret,
    /// The namespace `LOAD_NAME` / `STORE_NAME` use before the globals: a class body's
    /// (`None` for module code and functions).
    pub locals: Option<Arc<GilCell<Dict>>>,
}

/// What happens to a frame's result (Lua's `lua_callk` continuation). An ordinary call
/// pushes the returned value on the caller's operand stack. A frame the VM pushed on a
/// program's behalf (`__init__` from a class call, an operator dunder, a generator
/// resumed by `for`, a module body run by `import`) names its follow-up here, so none
/// of them needs a nested dispatch loop: `vm::ret::returned` runs it when the frame
/// returns, `vm::ret::raised` when an exception leaves it.
pub enum Ret {
    /// Push the returned value for the caller.
    Push,
    /// `__init__` of a class call: the result is the instance (and `__init__` must
    /// return `None`).
    Init(Value),
    /// A user `__new__` of a class call: `__init__` runs next, with these arguments,
    /// if it made an instance of the class.
    New(Box<(Arc<PyType>, Args)>),
    /// A class body: make the class (from its namespace) with what the body returns,
    /// its `__class__` cell.
    BuildClass(Box<ClassSpec>),
    /// The caller's instruction makes no value (`__setitem__`, a property setter).
    Discard,
    /// An operator dunder: try the next candidate on `NotImplemented`.
    Op(Box<OpState>),
    /// The forward dunder of `BINARY_OP` with this argument, pushed by the loop's fast
    /// path (`dunder::simple_binary`): the operands lie on the caller's stack below
    /// the frame, for the reflected method should it return `NotImplemented`.
    OpFirst(u32),
    /// `__next__` of a user iterator stepped by `FOR_ITER`: `StopIteration` ends the
    /// loop (pops the iterator, jumps to the exit).
    ForIter(usize),
    /// A dunder whose result the caller wants as a `bool` (`__contains__`), negated
    /// for `not in`.
    Truth(bool),
    /// `__bool__` (or, with `by_len`, `__len__`) of a user instance tested by
    /// `POP_JUMP_IF_FALSE`/`TRUE`: jump to `target` when its truth is `jump_if`.
    /// With `or_pop` (`JUMP_IF_FALSE_OR_POP`/`TRUE`, the `and`/`or` operators), the
    /// instance stays on the caller's stack under the frame: kept when the jump is
    /// taken, popped when not.
    Branch {
        target: u32,
        jump_if: bool,
        by_len: bool,
        or_pop: bool,
    },
    /// `__bool__` (or, with `by_len`, `__len__`) of a user instance negated by
    /// `UNARY_NOT`: the negated truth is pushed.
    Not { by_len: bool },
    /// `__len__` of a user instance called by the built-in `len`: its result checked
    /// and pushed as the length.
    Len,
    /// One follow-up, then another on what it leaves.
    Then(Box<(Ret, Ret)>),
    /// The body of this module, run by `IMPORT_NAME`: push the module for the
    /// importer, or take it out of `sys.modules` if the body raises (`vm::import`).
    Import(Arc<crate::objects::module::Module>),
    /// The rest of an `import` after the body of one of the modules it imports (the
    /// next parent or submodule, the fromlist): `vm::import::Job`.
    ImportJob(Box<super::import::Job>),
    /// A `__hash__` or `__eq__` of a dict lookup the loop is making (`vm::dictprobe`).
    Probe(Box<super::dictprobe::Lookup>),
    /// A resumed generator's frame: what its resumer wants when it yields, returns or
    /// raises (`vm::generator`).
    Gen(crate::objects::generator::GenRef),
    /// A user `__iter__()` of `GET_ITER`: the result must be an iterator.
    Iter,
    /// `__await__()` of `GET_AWAITABLE`: the result must be an iterator.
    Awaitable,
    /// `__aiter__()` of `GET_AITER`: the result must have `__anext__`.
    AIter,
    /// A Python property getter, `__getattr__` or `__get__` computing `obj.name` for
    /// the caller's attribute instruction (`vm::call::invoke_attr`): an
    /// `AttributeError` leaving it gets the name and object (CPython's
    /// `set_attribute_error_context`). `true`: `obj` lies on the caller's stack
    /// under the frame (`LOAD_ATTR`, `LOAD_METHOD`), popped when the frame leaves;
    /// `false`: it is the local of the caller's `LOAD_FAST_ATTR`.
    Attr(bool),
}

/// `frames.push(f)` with the growing step out of line, so that on the common path the
/// frame's fields are written straight into their slot. With a possible call to the
/// allocator in between, the compiler built the frame in a temporary on the Rust stack
/// field by field and copied it with 16-byte loads that could not be forwarded from
/// those 8-byte stores (a store-forwarding stall at every Python call; see
/// `eval::push` for the same trap with values).
#[inline(always)]
pub fn push_frame(frames: &mut Vec<Frame>, f: Frame) {
    if frames.len() < frames.capacity() {
        frames.push(f);
    } else {
        push_frame_grow(frames, f);
    }
}

#[cold]
#[inline(never)]
fn push_frame_grow(frames: &mut Vec<Frame>, f: Frame) {
    frames.push(f);
}
