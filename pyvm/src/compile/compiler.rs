//! The code generator's frame: one `Unit` per code object being built, instruction
//! emission with positions, jumps, constants and names, name resolution through the
//! symbol table, and function objects (defaults, closures).

use crate::objects::rc::Arc;
use std::collections::HashMap;

use ruff_python_ast::{self as ast, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::code::{Code, GlobalSlot, Params, Pos};
use super::opcodes::{Instr, Op};
use super::parse::Source;
use super::symtable::{self, Access, SymbolTable};
use super::CompileError;
use crate::objects::gil::GilCell;
use crate::objects::value::Value;

pub(super) type CResult<T = ()> = Result<T, CompileError>;

/// A block the compiler is inside, for `break`, `continue` and `return` to unwind.
pub(super) enum FBlock<'a> {
    /// A `for` loop: its iterator is on the stack.
    For {
        start: usize,
        breaks: Vec<usize>,
    },
    While {
        start: usize,
        breaks: Vec<usize>,
    },
    /// The body of a `try` with handlers: one block pushed.
    TryExcept,
    /// The body of a `try` with `finally`: leaving runs the finally body.
    Finally(&'a [Stmt]),
    /// The finally body on the exceptional path: `[prev, exc]` on the stack.
    FinallyEnd,
    /// An `except` body: the cleanup block is pushed, `prev` is on the stack. With
    /// `as name`, an unbind block too, whose handler deletes the name.
    Handler(Option<&'a str>),
    /// An `except*` body: `break`, `continue` and `return` cannot leave it.
    StarHandler,
    /// A `with` body (the statement's range; `async with`): `__exit__` is on the
    /// stack under it.
    With(TextRange, bool),
    /// A finally body run for a `return` (CPython's `POP_VALUE`): the value to return
    /// is on the stack, and a `break`/`continue`/`return` inside drops it.
    PopValue,
}

pub(super) struct Unit<'a> {
    pub scope: usize,
    name: String,
    qualname: String,
    instrs: Vec<Instr>,
    positions: Vec<Pos>,
    consts: Vec<Value>,
    names: Vec<Value>,
    name_idx: HashMap<String, u32>,
    varnames: Vec<String>,
    pub derefs: Vec<String>,
    pub ncells: usize,
    params: Params,
    pub fblocks: Vec<FBlock<'a>>,
    pub pos: Pos,
    first_line: u32,
    /// The docstring (`__doc__`), for functions.
    pub doc: Option<String>,
}

pub(super) struct Compiler<'a> {
    pub src: &'a Source<'a>,
    table: SymbolTable,
    pub units: Vec<Unit<'a>>,
    filename: std::sync::Arc<str>,
    /// `compile(..., 'single')`: expression statements of the module level print
    /// their value through `sys.displayhook` (`PRINT_EXPR`).
    pub interactive: bool,
}

pub(super) fn compile_module(src: &Source<'_>, interactive: bool) -> CResult<Arc<Code>> {
    let err = |msg: &str, r: TextRange| src.error(msg, r);
    let table = symtable::build(src.body(), &err)?;
    let mut c = Compiler {
        src,
        table,
        units: Vec::new(),
        filename: std::sync::Arc::from(src.filename.as_str()),
        interactive,
    };
    c.push_unit(
        0,
        "<module>".into(),
        "<module>".into(),
        Params::default(),
        1,
    );
    c.setup_annotations(src.body());
    // A module's docstring is its `__doc__` (not in interactive mode, as CPython).
    if !interactive {
        if let Some(doc) = super::stmt::docstring(src.body()) {
            c.emit_const(Value::string(doc));
            c.store_name("__doc__");
        }
    }
    c.stmts(src.body())?;
    c.emit_const(Value::None);
    c.emit(Op::RETURN_VALUE, 0);
    Ok(c.pop_unit(true))
}

/// `compile(source, filename, "eval")`: the module must be one expression statement,
/// whose value the code returns (the caller checked the shape).
pub(super) fn compile_expression(src: &Source<'_>) -> CResult<Arc<Code>> {
    let err = |msg: &str, r: TextRange| src.error(msg, r);
    let table = symtable::build(src.body(), &err)?;
    let mut c = Compiler {
        src,
        table,
        units: Vec::new(),
        filename: std::sync::Arc::from(src.filename.as_str()),
        interactive: false,
    };
    c.push_unit(
        0,
        "<module>".into(),
        "<module>".into(),
        Params::default(),
        1,
    );
    match src.body() {
        [Stmt::Expr(e)] => {
            c.set_pos(e.range);
            c.expr(&e.value)?;
        }
        _ => c.emit_const(Value::None),
    }
    c.emit(Op::RETURN_VALUE, 0);
    Ok(c.pop_unit(true))
}

impl<'a> Compiler<'a> {
    pub fn u(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("a unit is being compiled")
    }

    pub fn err(&self, msg: &str, r: TextRange) -> CompileError {
        self.src.error(msg, r)
    }

    pub fn unsupported(&self, what: &str, r: TextRange) -> CompileError {
        self.err(&format!("{what} are not supported by pyvm yet"), r)
    }

    /// The symbol-table scope of the code being compiled.
    pub fn scope(&self) -> &symtable::Scope {
        let u = self.units.last().expect("a unit is being compiled");
        &self.table.scopes[u.scope]
    }

    /// The symbol-table scope `node` opens.
    pub fn scope_for<T>(&self, node: &T) -> &symtable::Scope {
        &self.table.scopes[self.table.scope_of(node)]
    }

    /// `[awaitable] -> [result]`: `GET_AWAITABLE kind` then the `SEND` loop of
    /// `yield from` (`kind`: see the opcode).
    pub fn emit_await(&mut self, kind: u32) {
        self.emit(Op::GET_AWAITABLE, kind);
        self.yield_from_loop();
    }

    /// `[iterator] -> [its return value]`: send `None`, then each value the
    /// resumer sends, until the iterator is done.
    pub fn yield_from_loop(&mut self) {
        self.emit_const(Value::None);
        let send = self.emit(Op::SEND, 0);
        self.emit(Op::YIELD_VALUE, 1);
        self.emit(Op::JUMP_BACKWARD, send as u32);
        self.patch(send);
    }

    pub fn set_pos(&mut self, r: TextRange) -> Pos {
        let p = self.src.pos(r);
        std::mem::replace(&mut self.u().pos, p)
    }

    pub fn emit(&mut self, op: Op, arg: u32) -> usize {
        let u = self.u();
        u.instrs.push(Instr { op, arg });
        u.positions.push(u.pos);
        u.instrs.len() - 1
    }

    pub fn here(&mut self) -> usize {
        self.u().instrs.len()
    }

    /// Point the jump at `at` to the current position.
    pub fn patch(&mut self, at: usize) {
        let here = self.here() as u32;
        self.u().instrs[at].arg = here;
    }

    /// A constant; a `str` made of name characters is interned, as CPython interns
    /// such constants (so `'key'` in two functions, an attribute name and a dict key
    /// are one object, which `is`, `pickle`'s memo and dict probes see).
    pub fn add_const(&mut self, v: Value) -> u32 {
        let v = match &v {
            Value::Str(s)
                if s.as_str()
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'_') =>
            {
                crate::objects::str::intern(s.as_str())
            }
            _ => v,
        };
        let u = self.u();
        u.consts.push(v);
        (u.consts.len() - 1) as u32
    }

    pub fn emit_const(&mut self, v: Value) {
        let i = self.add_const(v);
        self.emit(Op::LOAD_CONST, i);
    }

    /// CPython's private name mangling: inside a class (its body and the functions
    /// in it), `__spam` is `_Class__spam` (the class name without its leading
    /// underscores; none when it is all underscores). Names the module or class
    /// namespace holds and attribute names are mangled; a function's own variables
    /// are looked up by their written names and mangled in its code object
    /// (`pop_unit`).
    pub fn mangle<'n>(&self, n: &'n str) -> std::borrow::Cow<'n, str> {
        use std::borrow::Cow;
        if !n.starts_with("__") || n.ends_with("__") || n.contains('.') {
            return Cow::Borrowed(n);
        }
        let class = self
            .units
            .iter()
            .rev()
            .find(|u| self.table.scopes[u.scope].kind == super::symtable::ScopeKind::Class);
        match class.map(|u| u.name.trim_start_matches('_')) {
            Some(c) if !c.is_empty() => Cow::Owned(format!("_{c}{n}")),
            _ => Cow::Borrowed(n),
        }
    }

    /// The name index of attribute `n` (mangled).
    pub fn attr_name(&mut self, n: &str) -> u32 {
        let m = self.mangle(n).into_owned();
        self.name(&m)
    }

    pub fn name(&mut self, n: &str) -> u32 {
        let u = self.u();
        if let Some(i) = u.name_idx.get(n) {
            return *i;
        }
        let i = u.names.len() as u32;
        u.names.push(crate::objects::str::intern(n));
        u.name_idx.insert(n.to_owned(), i);
        i
    }

    fn access(&mut self, n: &str) -> (Access, u32) {
        let scope = self.u().scope;
        let access = self.table.scopes[scope].access(n);
        let arg = match access {
            Access::Fast => self.u().varnames.iter().position(|v| v == n).unwrap_or(0) as u32,
            Access::Deref => self.u().derefs.iter().position(|v| v == n).unwrap_or(0) as u32,
            Access::Name | Access::Global => {
                let m = self.mangle(n).into_owned();
                self.name(&m)
            }
        };
        (access, arg)
    }

    pub fn load_name(&mut self, n: &str) {
        let (a, i) = self.access(n);
        let scope = self.u().scope;
        let class_body = self.table.scopes[scope].kind == super::symtable::ScopeKind::Class;
        let op = match a {
            Access::Fast => Op::LOAD_FAST,
            Access::Deref if class_body => Op::LOAD_CLASSDEREF,
            Access::Deref => Op::LOAD_DEREF,
            Access::Name => Op::LOAD_NAME,
            Access::Global => Op::LOAD_GLOBAL,
        };
        self.emit(op, i);
    }

    pub fn store_name(&mut self, n: &str) {
        let (a, i) = self.access(n);
        let op = match a {
            Access::Fast => Op::STORE_FAST,
            Access::Deref => Op::STORE_DEREF,
            Access::Name => Op::STORE_NAME,
            Access::Global => Op::STORE_GLOBAL,
        };
        self.emit(op, i);
    }

    pub fn delete_name(&mut self, n: &str) {
        let (a, i) = self.access(n);
        let op = match a {
            Access::Fast => Op::DELETE_FAST,
            Access::Deref => Op::DELETE_DEREF,
            Access::Name => Op::DELETE_NAME,
            Access::Global => Op::DELETE_GLOBAL,
        };
        self.emit(op, i);
    }

    fn push_unit(
        &mut self,
        scope: usize,
        name: String,
        qualname: String,
        params: Params,
        first_line: u32,
    ) {
        let s = &self.table.scopes[scope];
        let class_body = s.kind == super::symtable::ScopeKind::Class;
        let varnames = if scope == 0 || class_body {
            Vec::new()
        } else {
            s.varnames()
        };
        let mut derefs = s.cells.clone();
        derefs.extend(s.frees.iter().cloned());
        let pos = self.units.last().map(|u| u.pos).unwrap_or_default();
        self.units.push(Unit {
            scope,
            name,
            qualname,
            instrs: Vec::new(),
            positions: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            name_idx: HashMap::new(),
            varnames,
            derefs,
            ncells: s.cells.len(),
            params,
            fblocks: Vec::new(),
            pos,
            first_line,
            doc: None,
        });
        let s = &self.table.scopes[scope];
        if s.generator || s.coroutine {
            // The call makes the generator (coroutine, async generator); its first
            // `send(None)` pops that None.
            self.emit(Op::RETURN_GENERATOR, 0);
            self.emit(Op::POP_TOP, 0);
        }
    }

    fn pop_unit(&mut self, is_module: bool) -> Arc<Code> {
        let mut u = self.units.pop().expect("a unit to finish");
        let names_len = u.names.len();
        super::opcodes::fuse_compare_branch(&mut u.instrs);
        super::opcodes::pair_locals(&mut u.instrs);
        let mut cellvars: Vec<String> = u.derefs[..u.ncells].to_vec();
        let mut freevars: Vec<String> = u.derefs[u.ncells..].to_vec();
        let flags = self.code_flags(&u, is_module);
        let cell_params = cellvars
            .iter()
            .map(|c| u.varnames.iter().position(|v| v == c).map(|p| p as u32))
            .collect();
        // A function's own variables are private-name mangled as CPython's
        // (`def f(self, __a)` in `class A` has `co_varnames == ('self', '_A__a')`,
        // which keyword arguments and `locals()` see); the compiler looks them up
        // by their written names, by index at run time.
        if !u.varnames.is_empty() || !cellvars.is_empty() || !freevars.is_empty() {
            let class_body = self.table.scopes[u.scope].kind == super::symtable::ScopeKind::Class;
            if !class_body {
                for n in u
                    .varnames
                    .iter_mut()
                    .chain(cellvars.iter_mut())
                    .chain(freevars.iter_mut())
                {
                    if let std::borrow::Cow::Owned(m) = self.mangle(n) {
                        *n = m;
                    }
                }
            }
        }
        Arc::new(Code {
            name: std::sync::Arc::from(u.name.as_str()),
            qualname: u.qualname,
            filename: self.filename.clone(),
            instrs: u.instrs,
            positions: u.positions,
            consts: u.consts,
            names: u.names,
            varnames: u.varnames,
            cellvars,
            freevars,
            cell_params,
            params: u.params,
            first_line: u.first_line,
            doc: u.doc,
            is_module,
            flags: std::sync::atomic::AtomicU32::new(flags),
            global_cache: (0..names_len)
                .map(|_| crate::objects::gil::GilCopy::new(GlobalSlot::default()))
                .collect(),
            method_cache: GilCell::new(vec![Default::default(); names_len]),
            attr_cache: GilCell::new(vec![Default::default(); names_len]),
        })
    }

    /// CPython's `co_flags` for a finished unit.
    fn code_flags(&self, u: &Unit<'a>, is_module: bool) -> u32 {
        use super::code::*;
        let s = &self.table.scopes[u.scope];
        if is_module || u.scope == 0 || s.kind == super::symtable::ScopeKind::Class {
            return 0;
        }
        let mut f = CO_OPTIMIZED | CO_NEWLOCALS;
        if u.params.varargs {
            f |= CO_VARARGS;
        }
        if u.params.varkw {
            f |= CO_VARKEYWORDS;
        }
        if s.nested {
            f |= CO_NESTED;
        }
        f | match (s.coroutine, s.generator) {
            (true, true) => CO_ASYNC_GENERATOR,
            (true, false) => CO_COROUTINE,
            (false, true) => CO_GENERATOR,
            (false, false) => 0,
        }
    }

    fn qualname(&self, name: &str) -> String {
        match self.units.last() {
            // (CPython's `compiler_set_qualname`: a name declared `global` where it
            // is defined is qualified as a module-level one.)
            Some(u) if self.table.scopes[u.scope].declared_global(name) => name.to_owned(),
            Some(u) if self.table.scopes[u.scope].kind == super::symtable::ScopeKind::Class => {
                format!("{}.{name}", u.qualname)
            }
            Some(u) if u.scope != 0 => format!("{}.<locals>.{name}", u.qualname),
            _ => name.to_owned(),
        }
    }

    /// Build a function object for the scope opened by `node` and leave it on the stack.
    /// `body` compiles the new unit's code.
    pub fn make_function<T>(
        &mut self,
        node: &T,
        name: &str,
        params: Option<&'a ast::Parameters>,
        range: TextRange,
        body: impl FnOnce(&mut Self) -> CResult,
    ) -> CResult {
        let mut flags = 0;
        let mut shape = Params::default();
        if let Some(p) = params {
            let defaults: Vec<&ast::Expr> = p
                .posonlyargs
                .iter()
                .chain(&p.args)
                .filter_map(|a| a.default.as_deref())
                .collect();
            if !defaults.is_empty() {
                for d in &defaults {
                    self.expr(d)?;
                }
                self.emit(Op::BUILD_TUPLE, defaults.len() as u32);
                flags |= 1;
            }
            let kw: Vec<&ast::ParameterWithDefault> = p
                .kwonlyargs
                .iter()
                .filter(|a| a.default.is_some())
                .collect();
            if !kw.is_empty() {
                for a in &kw {
                    let key = self.mangle(a.parameter.name.id.as_str()).into_owned();
                    self.emit_const(Value::str(&key));
                    if let Some(d) = &a.default {
                        self.expr(d)?;
                    }
                }
                self.emit(Op::BUILD_MAP, kw.len() as u32);
                flags |= 2;
            }
            shape = Params {
                argcount: (p.posonlyargs.len() + p.args.len()) as u32,
                posonly: p.posonlyargs.len() as u32,
                kwonly: p.kwonlyargs.len() as u32,
                varargs: p.vararg.is_some(),
                varkw: p.kwarg.is_some(),
            };
        }
        let scope = self.table.scope_of(node);
        if params.is_none() {
            // A lambda without parameters, or a comprehension's one implicit `.0`.
            shape.argcount = self.table.scopes[scope].params.len() as u32;
        }
        let frees = self.table.scopes[scope].frees.clone();
        if !frees.is_empty() {
            for f in &frees {
                let i = self.u().derefs.iter().position(|d| d == f).unwrap_or(0);
                self.emit(Op::LOAD_CLOSURE, i as u32);
            }
            self.emit(Op::BUILD_TUPLE, frees.len() as u32);
            flags |= 8;
        }
        let qualname = self.qualname(name);
        let first_line = self.src.pos(range).line;
        self.push_unit(scope, name.to_owned(), qualname, shape, first_line);
        let r = body(self);
        let code = self.pop_unit(false);
        r?;
        self.emit_const(Value::Code(code));
        self.emit(Op::MAKE_FUNCTION, flags);
        Ok(())
    }

    pub fn stmts(&mut self, body: &'a [Stmt]) -> CResult {
        for s in body {
            let saved = self.set_pos(s.range());
            self.stmt(s)?;
            self.u().pos = saved;
        }
        Ok(())
    }
}
