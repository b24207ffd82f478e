//! The symbol-table pass: which names are local, global, cell or free in each scope,
//! which functions are generators (a `yield` anywhere in the body), and the
//! SyntaxErrors CPython raises here rather than in its parser (`return` outside a
//! function, `break` outside a loop, `nonlocal` at module level, duplicate parameters,
//! a `nonlocal` with no binding, `yield` outside a function or inside a comprehension,
//! assignment expressions a comprehension cannot have).
//!
//! An assignment expression in a comprehension binds in the nearest enclosing
//! function (a free variable of the comprehension, a cell there) or module (a global
//! of the comprehension), as PEP 572 says.

use std::collections::{HashMap, HashSet};

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::CompileError;

/// How the compiler reaches a name in one scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// A local slot of a function.
    Fast,
    /// A cell owned by this scope or received from an enclosing one.
    Deref,
    /// A module-level name (through the module's dict).
    Name,
    /// A global (declared `global`, or never bound in any enclosing function).
    Global,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Function,
    Comprehension,
    /// A class body: its names live in the class namespace (`LOAD_NAME`), and are
    /// not visible to the functions inside it.
    Class,
}

#[derive(Default, Clone, Copy)]
struct Flags {
    assigned: bool,
    param: bool,
    used: bool,
    global: bool,
    nonlocal: bool,
}

/// CPython's error for a `global`/`nonlocal` declaration (`kind`) of a name that is a
/// parameter (`param`), or was assigned or used earlier in the scope (`prior`).
fn declaration_conflict(name: &str, param: bool, prior: Flags, kind: &str) -> Option<String> {
    if param {
        return Some(format!("name '{name}' is parameter and {kind}"));
    }
    if prior.assigned || prior.used {
        let how = if prior.assigned {
            "assigned to before"
        } else {
            "used prior to"
        };
        return Some(format!("name '{name}' is {how} {kind} declaration"));
    }
    None
}

/// One scope's result.
pub struct Scope {
    pub kind: ScopeKind,
    flags: HashMap<String, Flags>,
    /// Names in order of first appearance (parameters first).
    order: Vec<String>,
    pub params: Vec<String>,
    pub cells: Vec<String>,
    pub frees: Vec<String>,
    children: Vec<usize>,
    /// Where each `nonlocal` name was declared (for the error message).
    nonlocal_at: HashMap<String, TextRange>,
    /// A function with a `yield` (or a generator expression): its code starts with
    /// `RETURN_GENERATOR`.
    pub generator: bool,
    /// An `async def`.
    pub is_async: bool,
    /// An `async def`, or a comprehension with `await` or `async for` (run as a
    /// coroutine, or an async generator with `generator`).
    pub coroutine: bool,
    /// A function nested in another function (`CO_NESTED`).
    pub nested: bool,
    /// A comprehension's kind as CPython's messages name it ("list comprehension").
    comp_name: &'static str,
    /// A comprehension's iteration variables (an assignment expression may not
    /// rebind them).
    comp_targets: Vec<String>,
}

impl Scope {
    fn new(kind: ScopeKind) -> Scope {
        Scope {
            kind,
            flags: HashMap::new(),
            order: Vec::new(),
            params: Vec::new(),
            cells: Vec::new(),
            frees: Vec::new(),
            children: Vec::new(),
            nonlocal_at: HashMap::new(),
            generator: false,
            is_async: false,
            coroutine: false,
            nested: false,
            comp_name: "",
            comp_targets: Vec::new(),
        }
    }

    /// Is `name` declared `global` in this scope (a function or class defined under
    /// that name then has a plain `__qualname__`)?
    pub fn declared_global(&self, name: &str) -> bool {
        self.flags.get(name).is_some_and(|f| f.global)
    }

    fn is_local(&self, name: &str) -> bool {
        self.flags
            .get(name)
            .is_some_and(|f| (f.assigned || f.param) && !f.global && !f.nonlocal)
    }

    /// How `name` is reached from this scope.
    pub fn access(&self, name: &str) -> Access {
        if self.kind == ScopeKind::Class && self.is_local(name) {
            return Access::Name;
        }
        // (`global x` in a class body: `x` is the module's, not the namespace's.)
        if self.kind == ScopeKind::Class && self.declared_global(name) {
            return Access::Global;
        }
        if self.cells.iter().any(|c| c == name) || self.frees.iter().any(|c| c == name) {
            return Access::Deref;
        }
        if self.kind == ScopeKind::Module && self.declared_global(name) {
            return Access::Global;
        }
        match self.kind {
            ScopeKind::Module | ScopeKind::Class => Access::Name,
            _ if self.is_local(name) => Access::Fast,
            _ => Access::Global,
        }
    }

    /// Local slot names: parameters first, then other locals, in order of appearance.
    pub fn varnames(&self) -> Vec<String> {
        let mut out = self.params.clone();
        for n in &self.order {
            if self.is_local(n) && !out.contains(n) {
                out.push(n.clone());
            }
        }
        out
    }
}

/// All scopes of a module, found by the address of the node that opens them.
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
}

impl SymbolTable {
    pub fn scope_of<T>(&self, node: &T) -> usize {
        self.by_node
            .get(&(node as *const T as usize))
            .copied()
            .unwrap_or(0)
    }
}

struct Builder<'e> {
    scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
    stack: Vec<usize>,
    loops: Vec<u32>,
    /// Per open scope: how many comprehension iterable expressions it is inside.
    comp_iter: Vec<u32>,
    err: &'e dyn Fn(&str, TextRange) -> CompileError,
}

pub fn build(
    module: &[Stmt],
    err: &dyn Fn(&str, TextRange) -> CompileError,
) -> Result<SymbolTable, CompileError> {
    let mut b = Builder {
        scopes: vec![Scope::new(ScopeKind::Module)],
        by_node: HashMap::new(),
        stack: vec![0],
        loops: vec![0],
        comp_iter: vec![0],
        err,
    };
    b.stmts(module)?;
    if let Err(name) = analyze(&mut b.scopes, 0, &HashSet::new()) {
        let at = b
            .scopes
            .iter()
            .find_map(|s| s.nonlocal_at.get(&name).copied());
        return Err(err(
            &format!("no binding for nonlocal '{name}' found"),
            at.unwrap_or_default(),
        ));
    }
    Ok(SymbolTable {
        scopes: b.scopes,
        by_node: b.by_node,
    })
}

/// Resolve free and cell variables top-down; returns the free names of scope `i`.
fn analyze(
    scopes: &mut [Scope],
    i: usize,
    bound: &HashSet<String>,
) -> Result<HashSet<String>, String> {
    let mut inner_bound = bound.clone();
    let kind = scopes[i].kind;
    let is_fn = matches!(kind, ScopeKind::Function | ScopeKind::Comprehension);
    if kind == ScopeKind::Class {
        // The methods' `super()` and `__class__` read the class's `__class__` cell.
        inner_bound.insert("__class__".to_owned());
    }
    if is_fn {
        for (n, f) in &scopes[i].flags {
            if f.global {
                inner_bound.remove(n);
            } else if scopes[i].is_local(n) {
                inner_bound.insert(n.clone());
            }
        }
    }
    let mut free: HashSet<String> = HashSet::new();
    let mut cells: Vec<String> = Vec::new();
    for c in scopes[i].children.clone() {
        for n in analyze(scopes, c, &inner_bound)? {
            let owned =
                (is_fn && scopes[i].is_local(&n)) || (kind == ScopeKind::Class && n == "__class__");
            if owned {
                if !cells.contains(&n) {
                    cells.push(n);
                }
            } else {
                free.insert(n);
            }
        }
    }
    if is_fn || kind == ScopeKind::Class {
        let s = &scopes[i];
        for n in &s.order {
            let f = s.flags[n];
            if f.nonlocal {
                if !bound.contains(n) {
                    return Err(n.clone());
                }
                free.insert(n.clone());
            } else if !f.global && !s.is_local(n) && bound.contains(n) {
                free.insert(n.clone());
            }
        }
    }
    let s = &mut scopes[i];
    cells.sort_by_key(|n| s.order.iter().position(|m| m == n));
    s.cells = cells;
    let mut frees: Vec<String> = free.iter().cloned().collect();
    frees.sort();
    s.frees = frees;
    Ok(free)
}

impl Builder<'_> {
    fn cur(&mut self) -> &mut Scope {
        let i = *self.stack.last().unwrap_or(&0);
        &mut self.scopes[i]
    }

    fn note(&mut self, name: &str, set: impl FnOnce(&mut Flags)) {
        let i = *self.stack.last().unwrap_or(&0);
        self.note_in(i, name, set);
    }

    fn note_in(&mut self, scope: usize, name: &str, set: impl FnOnce(&mut Flags)) {
        let s = &mut self.scopes[scope];
        if !s.flags.contains_key(name) {
            s.order.push(name.to_owned());
        }
        set(s.flags.entry(name.to_owned()).or_default());
    }

    fn push_scope<T>(&mut self, node: &T, kind: ScopeKind) {
        let id = self.scopes.len();
        let mut scope = Scope::new(kind);
        let parent = *self.stack.last().unwrap_or(&0);
        scope.nested = !self.stack.is_empty()
            && matches!(
                self.scopes[parent].kind,
                ScopeKind::Function | ScopeKind::Comprehension
            );
        self.scopes.push(scope);
        self.scopes[parent].children.push(id);
        self.by_node.insert(node as *const T as usize, id);
        self.stack.push(id);
        self.loops.push(0);
        self.comp_iter.push(0);
    }

    fn pop_scope(&mut self) {
        self.stack.pop();
        self.loops.pop();
        self.comp_iter.pop();
    }

    /// A comprehension's iterable expression (assignment expressions are refused).
    fn comp_iterable(&mut self, e: &Expr) -> Result<(), CompileError> {
        let at = self.comp_iter.len() - 1;
        self.comp_iter[at] += 1;
        let r = self.expr(e);
        self.comp_iter[at] -= 1;
        r
    }

    /// A `yield` or `yield from` at `r`: the current function is a generator.
    fn saw_yield(&mut self, r: TextRange) -> Result<(), CompileError> {
        let (kind, comp) = (self.cur().kind, self.cur().comp_name);
        match kind {
            ScopeKind::Module | ScopeKind::Class => Err((self.err)("'yield' outside function", r)),
            ScopeKind::Comprehension => Err((self.err)(&format!("'yield' inside {comp}"), r)),
            ScopeKind::Function => {
                self.cur().generator = true;
                Ok(())
            }
        }
    }

    /// The target `name` (at `r`) of an assignment expression inside a comprehension:
    /// bound in the nearest enclosing function or module.
    fn comp_named(&mut self, name: &str, r: TextRange) -> Result<(), CompileError> {
        let mut i = self.stack.len() - 1;
        while i > 0 && self.scopes[self.stack[i]].kind == ScopeKind::Comprehension {
            if self.scopes[self.stack[i]]
                .comp_targets
                .iter()
                .any(|t| t == name)
            {
                return Err((self.err)(
                    &format!(
                        "assignment expression cannot rebind comprehension iteration variable '{name}'"
                    ),
                    r,
                ));
            }
            i -= 1;
        }
        let owner = self.stack[i];
        if self.scopes[owner].kind == ScopeKind::Class {
            return Err((self.err)(
                "assignment expression within a comprehension cannot be used in a class body",
                r,
            ));
        }
        // A function that declares the name `global` binds it as the module does.
        let module = self.scopes[owner].kind == ScopeKind::Module
            || self.scopes[owner].flags.get(name).is_some_and(|f| f.global);
        self.note_in(owner, name, |f| f.assigned = true);
        for j in i + 1..self.stack.len() {
            let s = self.stack[j];
            self.note_in(s, name, |f| {
                if module {
                    f.global = true;
                } else {
                    f.nonlocal = true;
                }
            });
        }
        Ok(())
    }

    fn in_function(&self) -> bool {
        matches!(
            self.scopes[*self.stack.last().unwrap_or(&0)].kind,
            ScopeKind::Function | ScopeKind::Comprehension
        )
    }

    fn stmts(&mut self, body: &[Stmt]) -> Result<(), CompileError> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn params(&mut self, p: &ast::Parameters) -> Result<(), CompileError> {
        let mut seen = HashSet::new();
        let all = p
            .posonlyargs
            .iter()
            .chain(&p.args)
            .map(|a| &a.parameter)
            .chain(p.kwonlyargs.iter().map(|a| &a.parameter))
            .chain(p.vararg.as_deref())
            .chain(p.kwarg.as_deref());
        let mut names = Vec::new();
        for a in all {
            let name = a.name.id.as_str();
            if !seen.insert(name.to_owned()) {
                return Err((self.err)(
                    &format!("duplicate argument '{name}' in function definition"),
                    a.range(),
                ));
            }
            names.push(name.to_owned());
        }
        // Slot order: positional, keyword-only, *args, **kwargs.
        let mut ordered: Vec<String> = p
            .posonlyargs
            .iter()
            .chain(&p.args)
            .chain(&p.kwonlyargs)
            .map(|a| a.parameter.name.id.to_string())
            .collect();
        ordered.extend(p.vararg.iter().map(|a| a.name.id.to_string()));
        ordered.extend(p.kwarg.iter().map(|a| a.name.id.to_string()));
        for n in &ordered {
            self.note(n, |f| f.param = true);
        }
        self.cur().params = ordered;
        Ok(())
    }

    fn defaults(&mut self, p: &ast::Parameters) -> Result<(), CompileError> {
        for a in p.posonlyargs.iter().chain(&p.args).chain(&p.kwonlyargs) {
            if let Some(d) = &a.default {
                self.expr(d)?;
            }
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> Result<(), CompileError> {
        match s {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.expr(&d.expression)?;
                }
                self.defaults(&f.parameters)?;
                self.note(f.name.id.as_str(), |fl| fl.assigned = true);
                self.push_scope(f, ScopeKind::Function);
                self.cur().is_async = f.is_async;
                self.cur().coroutine = f.is_async;
                self.params(&f.parameters)?;
                self.stmts(&f.body)?;
                self.pop_scope();
            }
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.expr(&d.expression)?;
                }
                if let Some(args) = &c.arguments {
                    args.args.iter().try_for_each(|a| self.expr(a))?;
                    args.keywords.iter().try_for_each(|k| self.expr(&k.value))?;
                }
                self.note(c.name.id.as_str(), |fl| fl.assigned = true);
                self.push_scope(c, ScopeKind::Class);
                self.stmts(&c.body)?;
                self.pop_scope();
            }
            Stmt::Return(r) => {
                if !self.in_function() {
                    return Err((self.err)("'return' outside function", r.range()));
                }
                if let Some(v) = &r.value {
                    self.expr(v)?;
                }
            }
            Stmt::Delete(d) => d.targets.iter().try_for_each(|t| self.target(t))?,
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                a.targets.iter().try_for_each(|t| self.target(t))?;
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.value)?;
                if let Expr::Name(n) = &*a.target {
                    self.note(n.id.as_str(), |f| f.used = true);
                }
                self.target(&a.target)?;
            }
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v)?;
                    self.target(&a.target)?;
                } else if a.simple {
                    // `x: int` alone makes `x` a local of a function (CPython's
                    // DEF_LOCAL), though nothing is stored.
                    self.target(&a.target)?;
                }
            }
            Stmt::For(f) => {
                self.expr(&f.iter)?;
                self.target(&f.target)?;
                self.loop_body(&f.body)?;
                self.stmts(&f.orelse)?;
            }
            Stmt::While(w) => {
                self.expr(&w.test)?;
                self.loop_body(&w.body)?;
                self.stmts(&w.orelse)?;
            }
            Stmt::If(i) => {
                self.expr(&i.test)?;
                self.stmts(&i.body)?;
                for c in &i.elif_else_clauses {
                    if let Some(t) = &c.test {
                        self.expr(t)?;
                    }
                    self.stmts(&c.body)?;
                }
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                }
                if let Some(e) = &r.cause {
                    self.expr(e)?;
                }
            }
            Stmt::Try(t) => {
                self.stmts(&t.body)?;
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(e) = &h.type_ {
                        self.expr(e)?;
                    }
                    if let Some(n) = &h.name {
                        self.note(n.id.as_str(), |f| f.assigned = true);
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(&t.orelse)?;
                self.stmts(&t.finalbody)?;
            }
            Stmt::Assert(a) => {
                self.expr(&a.test)?;
                if let Some(m) = &a.msg {
                    self.expr(m)?;
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let bound = a.asname.as_ref().map_or_else(
                        || a.name.id.split('.').next().unwrap_or("").to_owned(),
                        |n| n.id.to_string(),
                    );
                    self.note(&bound, |f| f.assigned = true);
                }
            }
            Stmt::ImportFrom(i) => {
                let star = i.names.iter().any(|a| a.name.id.as_str() == "*");
                if star && self.cur().kind != ScopeKind::Module {
                    return Err((self.err)(
                        "import * only allowed at module level",
                        s.range(),
                    ));
                }
                for a in i.names.iter().filter(|_| !star) {
                    let bound = a.asname.as_ref().unwrap_or(&a.name);
                    self.note(bound.id.as_str(), |f| f.assigned = true);
                }
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    let name = n.id.as_str();
                    let prior = self.cur().flags.get(name).copied().unwrap_or_default();
                    let param = prior.param && self.cur().kind != ScopeKind::Module;
                    if let Some(msg) = declaration_conflict(name, param, prior, "global") {
                        return Err((self.err)(&msg, s.range()));
                    }
                    self.note(name, |f| f.global = true);
                    // As CPython's `st_global`: the declaration marks the module's own
                    // symbol too, which module-level code then reaches as a global
                    // (`STORE_GLOBAL`, even when `exec` gives it separate locals).
                    self.note_in(0, name, |f| f.global = true);
                }
            }
            Stmt::Nonlocal(nl) => {
                let module_level = self.cur().kind == ScopeKind::Module;
                for n in &nl.names {
                    let name = n.id.as_str();
                    let prior = self.cur().flags.get(name).copied().unwrap_or_default();
                    if let Some(msg) = declaration_conflict(name, prior.param, prior, "nonlocal") {
                        return Err((self.err)(&msg, s.range()));
                    }
                    if module_level {
                        return Err((self.err)(
                            "nonlocal declaration not allowed at module level",
                            s.range(),
                        ));
                    }
                    self.note(name, |f| f.nonlocal = true);
                    self.cur().nonlocal_at.insert(name.to_owned(), s.range());
                }
            }
            Stmt::With(w) => {
                for item in &w.items {
                    self.expr(&item.context_expr)?;
                    if let Some(t) = &item.optional_vars {
                        self.target(t)?;
                    }
                }
                self.stmts(&w.body)?;
            }
            Stmt::Expr(e) => self.expr(&e.value)?,
            Stmt::Match(m) => {
                self.expr(&m.subject)?;
                for case in &m.cases {
                    self.pattern(&case.pattern)?;
                    if let Some(g) = &case.guard {
                        self.expr(g)?;
                    }
                    self.stmts(&case.body)?;
                }
            }
            Stmt::Break(b) if self.loops.last() == Some(&0) => {
                return Err((self.err)("'break' outside loop", b.range()));
            }
            Stmt::Continue(c) if self.loops.last() == Some(&0) => {
                return Err((self.err)("'continue' not properly in loop", c.range()));
            }
            // Everything else is either trivial or reported as unsupported by codegen.
            _ => {}
        }
        Ok(())
    }

    /// The names a `case` pattern binds, and the names its values and classes read.
    fn pattern(&mut self, p: &ast::Pattern) -> Result<(), CompileError> {
        use ast::Pattern as P;
        let bind = |b: &mut Self, n: &Option<ast::Identifier>| {
            if let Some(n) = n {
                b.note(n.id.as_str(), |f| f.assigned = true);
            }
        };
        match p {
            P::MatchValue(v) => self.expr(&v.value)?,
            P::MatchSingleton(_) => {}
            P::MatchSequence(s) => s.patterns.iter().try_for_each(|p| self.pattern(p))?,
            P::MatchMapping(m) => {
                m.keys.iter().try_for_each(|k| self.expr(k))?;
                m.patterns.iter().try_for_each(|p| self.pattern(p))?;
                bind(self, &m.rest);
            }
            P::MatchClass(c) => {
                self.expr(&c.cls)?;
                c.arguments
                    .patterns
                    .iter()
                    .try_for_each(|p| self.pattern(p))?;
                c.arguments
                    .keywords
                    .iter()
                    .try_for_each(|k| self.pattern(&k.pattern))?;
            }
            P::MatchStar(s) => bind(self, &s.name),
            P::MatchAs(a) => {
                if let Some(p) = &a.pattern {
                    self.pattern(p)?;
                }
                bind(self, &a.name);
            }
            P::MatchOr(o) => o.patterns.iter().try_for_each(|p| self.pattern(p))?,
        }
        Ok(())
    }

    fn loop_body(&mut self, body: &[Stmt]) -> Result<(), CompileError> {
        // The counter of this scope, by index: an error inside a nested function
        // returns before that function's scope is popped.
        let at = self.loops.len() - 1;
        self.loops[at] += 1;
        let r = self.stmts(body);
        self.loops[at] -= 1;
        r
    }

    fn target(&mut self, t: &Expr) -> Result<(), CompileError> {
        match t {
            Expr::Name(n) => self.note(n.id.as_str(), |f| f.assigned = true),
            Expr::Tuple(t) => t.elts.iter().try_for_each(|e| self.target(e))?,
            Expr::List(t) => t.elts.iter().try_for_each(|e| self.target(e))?,
            Expr::Starred(s) => self.target(&s.value)?,
            other => self.expr(other)?,
        }
        Ok(())
    }

    fn comprehension<T>(
        &mut self,
        node: &T,
        gens: &[ast::Comprehension],
        elts: &[&Expr],
        name: &'static str,
    ) -> Result<(), CompileError> {
        let Some(first) = gens.first() else {
            return Ok(());
        };
        self.comp_iterable(&first.iter)?;
        self.push_scope(node, ScopeKind::Comprehension);
        self.note(".0", |f| f.param = true);
        let s = self.cur();
        s.params = vec![".0".to_owned()];
        s.comp_name = name;
        s.generator = name == "generator expression";
        s.coroutine = gens.iter().any(|g| g.is_async);
        for g in gens {
            let mut names = Vec::new();
            target_names(&g.target, &mut names);
            self.cur().comp_targets.extend(names);
        }
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.comp_iterable(&g.iter)?;
            }
            self.target(&g.target)?;
            g.ifs.iter().try_for_each(|e| self.expr(e))?;
        }
        elts.iter().try_for_each(|e| self.expr(e))?;
        // A list/set/dict comprehension run as a coroutine is awaited where it is
        // called: an enclosing comprehension becomes one too (CPython 3.11).
        let awaited = self.cur().coroutine && !self.cur().generator;
        self.pop_scope();
        if awaited && self.cur().kind == ScopeKind::Comprehension {
            self.cur().coroutine = true;
        }
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> Result<(), CompileError> {
        super::grow(64 * 1024, 4 * 1024 * 1024, || self.expr_inner(e))
    }

    fn expr_inner(&mut self, e: &Expr) -> Result<(), CompileError> {
        match e {
            Expr::Name(n) => {
                if n.ctx == ast::ExprContext::Load {
                    let id = n.id.as_str();
                    if (id == "super" || id == "__class__") && self.in_function() {
                        // Zero-argument `super()` needs the class's `__class__` cell.
                        self.note("__class__", |f| f.used = true);
                    }
                    self.note(id, |f| f.used = true);
                } else {
                    self.note(n.id.as_str(), |f| f.assigned = true);
                }
            }
            Expr::BoolOp(b) => b.values.iter().try_for_each(|v| self.expr(v))?,
            Expr::Named(n) => {
                if self.comp_iter.last().is_some_and(|c| *c > 0) {
                    return Err((self.err)(
                        "assignment expression cannot be used in a comprehension iterable expression",
                        e.range(),
                    ));
                }
                match (&*n.target, self.cur().kind) {
                    (Expr::Name(t), ScopeKind::Comprehension) => {
                        self.comp_named(t.id.as_str(), t.range())?;
                        self.expr(&n.value)?;
                    }
                    _ => {
                        self.expr(&n.value)?;
                        self.target(&n.target)?;
                    }
                }
            }
            Expr::Yield(y) => {
                self.saw_yield(e.range())?;
                if let Some(v) = &y.value {
                    self.expr(v)?;
                }
            }
            Expr::YieldFrom(y) => {
                self.saw_yield(e.range())?;
                self.expr(&y.value)?;
            }
            Expr::Await(a) => {
                self.expr(&a.value)?;
                if self.cur().kind == ScopeKind::Comprehension {
                    self.cur().coroutine = true;
                }
            }
            Expr::Generator(g) => {
                self.comprehension(g, &g.generators, &[&g.elt], "generator expression")?
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
            }
            Expr::UnaryOp(u) => self.expr(&u.operand)?,
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.defaults(p)?;
                }
                self.push_scope(l, ScopeKind::Function);
                if let Some(p) = &l.parameters {
                    self.params(p)?;
                }
                self.expr(&l.body)?;
                self.pop_scope();
            }
            Expr::If(i) => {
                self.expr(&i.test)?;
                self.expr(&i.body)?;
                self.expr(&i.orelse)?;
            }
            Expr::Dict(d) => {
                for item in &d.items {
                    if let Some(k) = &item.key {
                        self.expr(k)?;
                    }
                    self.expr(&item.value)?;
                }
            }
            Expr::Set(s) => s.elts.iter().try_for_each(|v| self.expr(v))?,
            Expr::List(s) => s.elts.iter().try_for_each(|v| self.expr(v))?,
            Expr::Tuple(s) => s.elts.iter().try_for_each(|v| self.expr(v))?,
            Expr::ListComp(c) => {
                self.comprehension(c, &c.generators, &[&c.elt], "list comprehension")?
            }
            Expr::SetComp(c) => {
                self.comprehension(c, &c.generators, &[&c.elt], "set comprehension")?
            }
            Expr::DictComp(c) => {
                let mut elts = vec![&*c.value];
                if let Some(k) = &c.key {
                    elts.insert(0, k);
                }
                self.comprehension(c, &c.generators, &elts, "dict comprehension")?
            }
            Expr::Compare(c) => {
                self.expr(&c.left)?;
                c.comparators.iter().try_for_each(|v| self.expr(v))?;
            }
            Expr::Call(c) => {
                self.expr(&c.func)?;
                c.arguments.args.iter().try_for_each(|v| self.expr(v))?;
                c.arguments
                    .keywords
                    .iter()
                    .try_for_each(|k| self.expr(&k.value))?;
            }
            Expr::FString(f) => {
                for part in f.value.iter() {
                    if let ast::FStringPart::FString(fs) = part {
                        self.fstring_elements(&fs.elements)?;
                    }
                }
            }
            Expr::Attribute(a) => self.expr(&a.value)?,
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
            }
            Expr::Starred(s) => self.expr(&s.value)?,
            Expr::Slice(s) => {
                for p in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.expr(p)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn fstring_elements(
        &mut self,
        els: &ast::InterpolatedStringElements,
    ) -> Result<(), CompileError> {
        for el in els.iter() {
            if let ast::InterpolatedStringElement::Interpolation(i) = el {
                self.expr(&i.expression)?;
                if let Some(spec) = &i.format_spec {
                    self.fstring_elements(&spec.elements)?;
                }
            }
        }
        Ok(())
    }
}

/// The names an assignment target binds.
fn target_names(t: &Expr, out: &mut Vec<String>) {
    match t {
        Expr::Name(n) => out.push(n.id.to_string()),
        Expr::Tuple(t) => t.elts.iter().for_each(|e| target_names(e, out)),
        Expr::List(t) => t.elts.iter().for_each(|e| target_names(e, out)),
        Expr::Starred(s) => target_names(&s.value, out),
        _ => {}
    }
}
