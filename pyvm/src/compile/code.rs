//! Code objects: what the compiler produces and the VM runs. No parser types here.

use super::opcodes::{Instr, Op};
use crate::objects::gil::GilCell;
use crate::objects::methods::MethodSlot;
use crate::objects::value::Value;
use std::sync::Arc;

/// Source position of one instruction (1-based lines, 0-based character columns).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub end_line: u32,
    pub col: u32,
    pub end_col: u32,
    /// For a binary operation or subscript on one line: the columns `[lo, hi)` of the
    /// operator (or index) that CPython's traceback marks with `^` among `~`. 0: none.
    pub anchor_lo: u32,
    pub anchor_hi: u32,
}

/// Parameter shape of a function's code.
#[derive(Clone, Debug, Default)]
pub struct Params {
    /// Positional parameters (positional-only ones first).
    pub argcount: u32,
    pub posonly: u32,
    pub kwonly: u32,
    pub varargs: bool,
    pub varkw: bool,
}

/// `co_flags` bits (CPython's values).
pub const CO_OPTIMIZED: u32 = 0x1;
pub const CO_NEWLOCALS: u32 = 0x2;
pub const CO_VARARGS: u32 = 0x4;
pub const CO_VARKEYWORDS: u32 = 0x8;
pub const CO_NESTED: u32 = 0x10;
pub const CO_GENERATOR: u32 = 0x20;
pub const CO_COROUTINE: u32 = 0x80;
/// A generator that `await` accepts (`types.coroutine`).
pub const CO_ITERABLE_COROUTINE: u32 = 0x100;
pub const CO_ASYNC_GENERATOR: u32 = 0x200;

pub struct Code {
    pub name: Arc<str>,
    pub qualname: String,
    pub filename: Arc<str>,
    pub instrs: Vec<Instr>,
    /// `positions[i]` is where `instrs[i]` came from (the line table).
    pub positions: Vec<Pos>,
    pub consts: Vec<Value>,
    /// Names used by global/attribute/import instructions, as `Value::Str`.
    pub names: Vec<Value>,
    /// Local slots: parameters first (positional, keyword-only, *args, **kwargs).
    pub varnames: Vec<String>,
    /// Locals captured by inner functions (stored in cells).
    pub cellvars: Vec<String>,
    /// Variables of enclosing functions this code reads through cells.
    pub freevars: Vec<String>,
    /// For each cellvar, the parameter slot it is initialized from, if it is one.
    pub cell_params: Vec<Option<u32>>,
    pub params: Params,
    pub first_line: u32,
    /// The docstring of a function (`__doc__`).
    pub doc: Option<String>,
    /// Module-level code uses the globals as its locals.
    pub is_module: bool,
    /// `co_flags` (`CO_*`); atomic because `types.coroutine` adds
    /// `CO_ITERABLE_COROUTINE` to a shared code object.
    pub flags: std::sync::atomic::AtomicU32,
    /// `LOAD_GLOBAL`/`LOAD_NAME` cache: one slot per entry of `names` (see
    /// `vm::globals`). Behind the GIL because code objects are shared.
    pub global_cache: Box<[crate::objects::gil::GilCopy<GlobalSlot>]>,
    /// `LOAD_METHOD` cache, one slot per entry of `names` (`methods::find_cached`).
    pub method_cache: GilCell<Vec<MethodSlot>>,
    /// Attribute cache for instances of classes, one slot per entry of `names`
    /// (`objects::class::lookup_cached`).
    pub attr_cache: GilCell<Vec<crate::objects::class::AttrSlot>>,
}

/// Where a global name was found: entry `index` of the globals dict at address
/// `globals` while it had version `globals_version` or, if `in_builtins`, of the
/// builtins while they had `builtins_version` (and the globals still lacked it).
/// An index, not the value: a cached function would keep its own code alive.
/// `globals == 0`: empty.
#[derive(Clone, Copy, Default)]
pub struct GlobalSlot {
    pub globals: usize,
    pub globals_version: u64,
    pub builtins_version: u64,
    pub index: u32,
    pub in_builtins: bool,
}

impl Code {
    pub fn flags(&self) -> u32 {
        self.flags.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Mark the code as an iterable coroutine (`types.coroutine`).
    pub fn add_flags(&self, f: u32) {
        self.flags.fetch_or(f, std::sync::atomic::Ordering::Relaxed);
    }

    pub fn nlocals(&self) -> usize {
        self.varnames.len()
    }

    pub fn ncells(&self) -> usize {
        self.cellvars.len() + self.freevars.len()
    }

    /// Name of cell or free variable `i`.
    pub fn deref_name(&self, i: usize) -> &str {
        if i < self.cellvars.len() {
            &self.cellvars[i]
        } else {
            &self.freevars[i - self.cellvars.len()]
        }
    }

    /// A `dis`-style listing (for `pyvm --dis`).
    pub fn disassemble(&self) -> String {
        use std::fmt::Write;
        let mut out = format!("Disassembly of <code object {}>:\n", self.name);
        let mut line = 0;
        for (i, ins) in self.instrs.iter().enumerate() {
            let p = self.positions[i];
            let l = if p.line != line {
                p.line.to_string()
            } else {
                String::new()
            };
            line = p.line;
            let _ = writeln!(
                out,
                "{l:>4} {:>6} {:<22} {}",
                i,
                ins.op.name(),
                self.arg_text(ins)
            );
        }
        for c in &self.consts {
            if let Value::Code(inner) = c {
                out.push('\n');
                out.push_str(&inner.disassemble());
            }
        }
        out
    }

    fn arg_text(&self, ins: &Instr) -> String {
        let a = ins.arg as usize;
        let name = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or("?").to_owned();
        match ins.op {
            Op::LOAD_FAST
            | Op::STORE_FAST
            | Op::DELETE_FAST
            | Op::LOAD_FAST__LOAD_FAST
            | Op::STORE_FAST__STORE_FAST => {
                format!("{a} ({})", self.varnames.get(a).map_or("?", |s| s))
            }
            Op::LOAD_NAME
            | Op::STORE_NAME
            | Op::LOAD_GLOBAL
            | Op::STORE_GLOBAL
            | Op::LOAD_ATTR
            | Op::STORE_ATTR
            | Op::LOAD_METHOD
            | Op::IMPORT_NAME
            | Op::IMPORT_FROM => {
                format!("{a} ({})", name(self.names.get(a)))
            }
            Op::LOAD_DEREF | Op::LOAD_CLASSDEREF | Op::STORE_DEREF | Op::LOAD_CLOSURE => {
                format!(
                    "{a} ({})",
                    if a < self.ncells() {
                        self.deref_name(a)
                    } else {
                        "?"
                    }
                )
            }
            Op::BINARY_OP => format!(
                "{a} ({}{})",
                super::opcodes::BINOPS[a % 13],
                if a >= 13 { "=" } else { "" }
            ),
            Op::NOP | Op::POP_TOP | Op::RETURN_VALUE => String::new(),
            _ => a.to_string(),
        }
    }
}
