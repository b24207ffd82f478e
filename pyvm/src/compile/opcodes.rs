//! The one opcode table: names (after CPython's, so a dump reads like `python -m dis`)
//! and stack effects. `arg` is the instruction's argument.

macro_rules! opcodes {
    ($( $(#[$doc:meta])* $name:ident => |$arg:ident| $effect:expr; )*) => {
        /// A bytecode operation.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u8)]
        pub enum Op {
            $( $(#[$doc])* $name, )*
        }

        impl Op {
            /// Every operation, in the order of their numbers (`ALL[op as usize] == op`).
            pub const ALL: &'static [Op] = &[ $( Op::$name, )* ];

            /// The operation numbered `n` (the code cache reads them back).
            pub fn from_u8(n: u8) -> Option<Op> {
                Op::ALL.get(n as usize).copied()
            }

            /// The CPython-style name (`LOAD_FAST`).
            pub fn name(self) -> &'static str {
                match self { $( Op::$name => stringify!($name), )* }
            }

            /// How many values the instruction leaves on the stack minus how many it
            /// takes (for a jump: on the fall-through path).
            #[allow(unused_variables)]
            pub fn stack_effect(self, arg: u32) -> i32 {
                match self { $( Op::$name => { let $arg = arg as i32; $effect } )* }
            }
        }
    };
}

opcodes! {
    NOP => |a| 0;
    POP_TOP => |a| -1;
    /// Pop a value and show it with `sys.displayhook` (interactive code).
    PRINT_EXPR => |a| -1;
    /// Push a copy of the top.
    DUP_TOP => |a| 1;
    DUP_TOP_TWO => |a| 2;
    ROT_TWO => |a| 0;
    ROT_THREE => |a| 0;
    ROT_FOUR => |a| 0;
    /// Push NULL (the "no self" slot under a callable).
    PUSH_NULL => |a| 1;
    LOAD_CONST => |a| 1;
    LOAD_FAST => |a| 1;
    STORE_FAST => |a| -1;
    DELETE_FAST => |a| 0;
    /// Module-level name (locals are the globals until classes arrive).
    LOAD_NAME => |a| 1;
    STORE_NAME => |a| -1;
    DELETE_NAME => |a| 0;
    LOAD_GLOBAL => |a| 1;
    STORE_GLOBAL => |a| -1;
    DELETE_GLOBAL => |a| 0;
    /// Cell `a` (cellvars then freevars).
    LOAD_DEREF => |a| 1;
    STORE_DEREF => |a| -1;
    DELETE_DEREF => |a| 0;
    /// Push cell `a` itself (to build a closure).
    LOAD_CLOSURE => |a| 1;
    /// A class body's free variable `a`: the class namespace's entry if it has one
    /// (`locals()["x"] = 1` there), else the cell's value.
    LOAD_CLASSDEREF => |a| 1;
    LOAD_ATTR => |a| 0;
    STORE_ATTR => |a| -2;
    DELETE_ATTR => |a| -1;
    /// obj -> [method, obj] or [NULL, attr].
    LOAD_METHOD => |a| 1;
    /// Stack: [NULL|method, callable|self, args..., (kwnames)] -> result.
    CALL => |a| -(a & 0xffff) - 1;
    /// Like CALL, the top is a tuple of keyword names for the last arguments.
    CALL_KW => |a| -(a & 0xffff) - 2;
    /// [NULL|method, callable|self, args tuple, (kwargs dict if a & 1)] -> result.
    CALL_FUNCTION_EX => |a| -2 - (a & 1);
    /// a: operator (see `BinOp`).
    BINARY_OP => |a| -1;
    UNARY_NEGATIVE => |a| 0;
    UNARY_POSITIVE => |a| 0;
    UNARY_NOT => |a| 0;
    UNARY_INVERT => |a| 0;
    COMPARE_OP => |a| -1;
    IS_OP => |a| -1;
    CONTAINS_OP => |a| -1;
    BINARY_SUBSCR => |a| -1;
    STORE_SUBSCR => |a| -3;
    DELETE_SUBSCR => |a| -2;
    BUILD_SLICE => |a| 1 - a;
    BUILD_TUPLE => |a| 1 - a;
    BUILD_LIST => |a| 1 - a;
    /// a & 0x7fff_ffff items; the high bit: an all-constant display (CPython layout).
    BUILD_SET => |a| 1 - (a & 0x7fff_ffff);
    /// a key/value pairs.
    BUILD_MAP => |a| 1 - 2 * a;
    BUILD_STRING => |a| 1 - a;
    /// Append top to the list `a` deep (below the top).
    LIST_APPEND => |a| -1;
    SET_ADD => |a| -1;
    MAP_ADD => |a| -2;
    LIST_EXTEND => |a| -1;
    SET_UPDATE => |a| -1;
    DICT_UPDATE => |a| -1;
    /// `DICT_UPDATE` for a call's `**`: a key given twice, or a value that is not a
    /// mapping, is the called function's error (the callable is 3 and 4 below).
    DICT_MERGE => |a| -1;
    LIST_TO_TUPLE => |a| 0;
    /// a & 3: conversion (0 none, 1 str, 2 repr, 3 ascii); a & 4: a spec is on top.
    FORMAT_VALUE => |a| -((a & 4) >> 2);
    UNPACK_SEQUENCE => |a| a - 1;
    /// a & 0xff before the star, a >> 8 after.
    UNPACK_EX => |a| (a & 0xff) + (a >> 8);
    JUMP_FORWARD => |a| 0;
    /// A backward jump: checks for attention (Ctrl-C) before continuing.
    JUMP_BACKWARD => |a| 0;
    POP_JUMP_IF_FALSE => |a| -1;
    /// COMPARE_OP (a & 7) fused with the POP_JUMP_IF_FALSE (to a >> 3) that follows
    /// it; the next slot is a NOP the loop steps over.
    COMPARE_AND_BRANCH => |a| -2;
    POP_JUMP_IF_TRUE => |a| -1;
    JUMP_IF_FALSE_OR_POP => |a| 0;
    JUMP_IF_TRUE_OR_POP => |a| 0;
    GET_ITER => |a| 0;
    /// Push the next item, or pop the iterator and jump to `a`.
    FOR_ITER => |a| 1;
    RETURN_VALUE => |a| -1;
    /// a & 1: defaults tuple, a & 2: kw-defaults dict, a & 8: closure tuple; code on top.
    MAKE_FUNCTION => |a| -((a & 1) + ((a >> 1) & 1) + ((a >> 3) & 1));
    /// Push a handler: an exception jumps to `a` with the stack cut to its depth now.
    SETUP_FINALLY => |a| 0;
    POP_BLOCK => |a| 0;
    /// exc -> [previous handled exception, exc]; exc becomes the handled exception.
    PUSH_EXC_INFO => |a| 1;
    /// Pop the saved previous exception and make it the handled one again.
    POP_EXCEPT => |a| -1;
    /// [exc, type] -> [exc, bool].
    CHECK_EXC_MATCH => |a| 0;
    /// Raise the exception on top again, keeping its traceback.
    RERAISE => |a| -1;
    /// [prev, exc] -> restore prev as handled, re-raise exc.
    POP_EXCEPT_AND_RERAISE => |a| -2;
    /// a = 0: re-raise; 1: raise top; 2: raise [exc, cause].
    RAISE_VARARGS => |a| -a;
    LOAD_ASSERTION_ERROR => |a| 1;
    /// [level, fromlist] -> the module named by name `a` (`__import__`'s result).
    IMPORT_NAME => |a| -1;
    /// module -> [module, module.name].
    IMPORT_FROM => |a| 1;
    /// `from module import *`: module -> [], its public names bound here.
    IMPORT_STAR => |a| -1;
    /// Push `__build_class__` for a `class` statement.
    LOAD_BUILD_CLASS => |a| 1;
    /// `LOAD_FAST (a & 0xffff); LOAD_ATTR (a >> 16)` fused (`self.x`): the local is
    /// read in place, not cloned. The `LOAD_ATTR` it replaced stays as a `NOP` whose
    /// position errors report.
    LOAD_FAST_ATTR => |a| 1;
    /// `LOAD_FAST a` that also runs the `LOAD_FAST` after it, which stays in place
    /// (a jump may land on it; its position is the one its error reports) and is
    /// skipped: one dispatch for two (CPython 3.11's superinstruction).
    LOAD_FAST__LOAD_FAST => |a| 1;
    /// `STORE_FAST a` that also runs the `STORE_FAST` after it (as above).
    STORE_FAST__STORE_FAST => |a| -1;
    /// `PUSH_NULL` that also runs the `LOAD_GLOBAL` after it (as above): the call
    /// of a global function, one dispatch for its two loads (CPython 3.11 folds the
    /// `NULL` into `LOAD_GLOBAL`'s argument).
    PUSH_NULL__LOAD_GLOBAL => |a| 1;
    /// First instruction of a generator's code: its frame (with the arguments bound)
    /// becomes a generator object, returned to the caller.
    RETURN_GENERATOR => |a| 1;
    /// Suspend the generator, handing the top to whoever resumed it; on resumption
    /// the sent value is pushed. a = 1: the yield of a `yield from` or `await`; a =
    /// 2: an async generator's own `yield` (CPython's `ASYNC_GEN_WRAP`).
    YIELD_VALUE => |a| 0;
    /// `yield from`'s operand: a generator as it is, anything else through `iter()`.
    GET_YIELD_FROM_ITER => |a| 0;
    /// [sub, value] -> [sub, item] (sub yielded, falls through to YIELD_VALUE 1) or
    /// [return value] and jump to `a` when the sub-iterator is done.
    SEND => |a| 0;
    /// `await`'s operand -> its iterator: a coroutine (or a `types.coroutine`
    /// generator, an async generator's awaitable) as it is, else `x.__await__()`,
    /// which must be an iterator. a: what the error names (0 `await`, 1
    /// `__aenter__`, 2 `__aexit__`, 3 `__anext__`).
    GET_AWAITABLE => |a| 0;
    /// `async for`'s operand -> its async iterator (`__aiter__()`).
    GET_AITER => |a| 0;
    /// aiter -> [aiter, aiter.__anext__()] (the awaitable `GET_AWAITABLE 3` checks).
    GET_ANEXT => |a| 1;
    /// The handler of an `async for`'s `__anext__` await: [aiter, exc] -> [] when exc
    /// is a `StopAsyncIteration` (the loop is over), else re-raise exc.
    END_ASYNC_FOR => |a| -2;
    /// mgr -> [mgr.__aexit__, mgr.__aenter__()] (the awaitable is awaited next).
    BEFORE_ASYNC_WITH => |a| 1;
    /// mgr -> [mgr.__exit__, mgr.__enter__()].
    BEFORE_WITH => |a| 1;
    /// SETUP_FINALLY for a `with` body: the depth left to the handler excludes the
    /// `__enter__` result on top.
    SETUP_WITH => |a| 0;
    /// [exit, prev, exc] -> [exit, prev, exc, exit(type(exc), exc, None)].
    WITH_EXCEPT_START => |a| 1;
    /// Push a copy of the item `a` deep (1: the top).
    COPY => |a| 1;
    /// Move the top down to position `a` (1: the top), lifting the items above it.
    ROT_N => |a| 0;
    /// obj -> [obj, len(obj)].
    GET_LEN => |a| 1;
    /// subject -> [subject, is it a mapping (dict or a subclass)?].
    MATCH_MAPPING => |a| 1;
    /// subject -> [subject, is it a sequence (list, tuple, range, deque, subclasses)?].
    MATCH_SEQUENCE => |a| 1;
    /// [subject, keys] -> [subject, keys, tuple of their values or None].
    MATCH_KEYS => |a| 1;
    /// [subject, cls, keyword names] -> tuple of `a` positional then the keyword
    /// attributes, or None when `subject` is no `cls` or lacks one.
    MATCH_CLASS => |a| -2;
    /// [subject, keys] -> [subject, dict of subject's items but keys].
    COPY_DICT_WITHOUT_KEYS => |a| 0;
}

/// `BINARY_OP` arguments (CPython 3.11's numbering).
pub const BINOPS: [&str; 13] = [
    "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^",
];

impl Op {
    /// Does the instruction's argument name a jump target?
    pub fn is_jump(self) -> bool {
        matches!(
            self,
            Op::JUMP_FORWARD
                | Op::JUMP_BACKWARD
                | Op::POP_JUMP_IF_FALSE
                | Op::POP_JUMP_IF_TRUE
                | Op::JUMP_IF_FALSE_OR_POP
                | Op::JUMP_IF_TRUE_OR_POP
                | Op::FOR_ITER
                | Op::SETUP_FINALLY
                | Op::SETUP_WITH
                | Op::SEND
        )
    }
}

/// Fuse `COMPARE_OP; POP_JUMP_IF_FALSE` pairs that no jump lands between.
pub fn fuse_compare_branch(instrs: &mut [Instr]) {
    let mut target = vec![false; instrs.len() + 1];
    for ins in instrs.iter() {
        if ins.op.is_jump() {
            if let Some(t) = target.get_mut(ins.arg as usize) {
                *t = true;
            }
        }
    }
    for i in 0..instrs.len().saturating_sub(1) {
        let (a, b) = (instrs[i], instrs[i + 1]);
        if a.op == Op::LOAD_FAST
            && b.op == Op::LOAD_ATTR
            && !target[i + 1]
            && a.arg < 1 << 16
            && b.arg < 1 << 16
        {
            instrs[i] = Instr {
                op: Op::LOAD_FAST_ATTR,
                arg: a.arg | (b.arg << 16),
            };
            instrs[i + 1] = Instr {
                op: Op::NOP,
                arg: 0,
            };
            continue;
        }
        if a.op == Op::COMPARE_OP
            && b.op == Op::POP_JUMP_IF_FALSE
            && !target[i + 1]
            && b.arg < 1 << 28
        {
            instrs[i] = Instr {
                op: Op::COMPARE_AND_BRANCH,
                arg: a.arg | (b.arg << 3),
            };
            instrs[i + 1] = Instr {
                op: Op::NOP,
                arg: 0,
            };
        }
    }
}

/// Pair `LOAD_FAST; LOAD_FAST`, `STORE_FAST; STORE_FAST` (CPython 3.11's
/// superinstructions) and `PUSH_NULL; LOAD_GLOBAL`: the first becomes the pair's op and the second stays as it
/// is, so no jump target moves and a chain (`a, b, c, d = t`) pairs as it goes.
pub fn pair_locals(instrs: &mut [Instr]) {
    for i in 0..instrs.len().saturating_sub(1) {
        let next = instrs[i + 1].op;
        let paired = match instrs[i].op {
            Op::LOAD_FAST if next == Op::LOAD_FAST || next == Op::LOAD_FAST__LOAD_FAST => {
                Op::LOAD_FAST__LOAD_FAST
            }
            Op::STORE_FAST if next == Op::STORE_FAST || next == Op::STORE_FAST__STORE_FAST => {
                Op::STORE_FAST__STORE_FAST
            }
            Op::PUSH_NULL if next == Op::LOAD_GLOBAL => Op::PUSH_NULL__LOAD_GLOBAL,
            _ => continue,
        };
        instrs[i].op = paired;
    }
}

/// One instruction: 8 bytes.
#[derive(Clone, Copy, Debug)]
pub struct Instr {
    pub op: Op,
    pub arg: u32,
}

const _: () = assert!(std::mem::size_of::<Instr>() == 8);
