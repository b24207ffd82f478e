//! `compile(..., PyCF_ONLY_AST)` and `compile(<AST object>, ...)`: the node objects
//! of the frozen `_ast` module (`pyvm/lib/_ast.py`, generated from CPython's) made
//! from the parse (`compile::to_ast` decides the nodes and positions; this file makes
//! the instances: an empty instance of the class with its fields, then `lineno`,
//! `col_offset`, `end_lineno`, `end_col_offset`, set in its `__dict__`, as CPython's
//! `ast2obj` sets them, without running `__init__`).

use crate::objects::rc::Arc;
use std::collections::HashMap;

use crate::compile::to_ast::{parse_ast, AstMode, NodePos};
use crate::native::*;
use crate::objects::class::Instance;
use crate::objects::gil::Gil;
use crate::objects::types::PyType;

/// `ast.PyCF_ONLY_AST`: `compile()` returns the AST.
pub const PYCF_ONLY_AST: i64 = 0x400;

/// The frozen `_ast` module (imported on first use).
fn ast_module(cx: &mut Cx) -> PyResult<Value> {
    let import = crate::modules::builtins::import_value();
    cx.call(&import, vec![Value::str("_ast")])
}

/// Parse `text` into `_ast` nodes.
pub fn parse(cx: &mut Cx, text: &str, filename: &str, mode: AstMode) -> PyResult<Value> {
    let module = ast_module(cx)?;
    let Value::Module(m) = &module else {
        return Err(runtime_error("_ast is not a module").into());
    };
    let singletons = match m.get(cx.gil, "_singletons") {
        Some(Value::Dict(d)) => d,
        _ => return Err(runtime_error("_ast._singletons is missing").into()),
    };
    let mut classes: HashMap<&'static str, Option<Arc<PyType>>> = HashMap::new();
    let attrs =
        ["lineno", "col_offset", "end_lineno", "end_col_offset"].map(crate::objects::str::intern);
    let mut make = |gil: Gil<'_>,
                    name: &'static str,
                    fields: Vec<(&'static str, Value)>,
                    pos: Option<NodePos>| {
        let cls = classes
            .entry(name)
            .or_insert_with(|| match m.get(gil, name) {
                Some(Value::Type(t)) => Some(t),
                _ => None,
            })
            .clone();
        let Some(cls) = cls else {
            return Value::None;
        };
        let singleton = fields.is_empty() && pos.is_none();
        let key = crate::objects::str::intern(name);
        if singleton {
            if let Ok(Some(v)) = singletons.borrow(gil).get(&key) {
                return v;
            }
        }
        let inst = Instance::new(cls);
        {
            let mut d = inst.dict.borrow_mut(gil);
            for (f, v) in fields {
                let _ = d.insert_name(&crate::objects::str::intern(f), v);
            }
            if let Some(p) = pos {
                for (k, v) in attrs.iter().zip(p) {
                    let _ = d.insert_name(k, Value::Int(v));
                }
            }
        }
        let v = Value::Instance(crate::objects::gc::instance(inst));
        if singleton {
            let _ = singletons.borrow_mut(gil).insert(key, v.clone());
        }
        v
    };
    let levels = cx.compile_levels();
    crate::compile::depth::with_budget(levels, || parse_ast(text, filename, mode, &mut make))
        .map_err(|mut e| {
            if e.msg == crate::compile::depth::RECURSION {
                e.msg = "maximum recursion depth exceeded during ast construction".into();
            }
            super::builtins::compile_error(text, mode == AstMode::Eval, e).into()
        })
}

/// Is `v` an `_ast.AST` node (an instance of a class deriving from it)?
pub fn is_node(gil: Gil<'_>, v: &Value) -> bool {
    let Value::Instance(i) = v else {
        return false;
    };
    let Some(Value::Type(ast)) = crate::modules::loaded_attr(gil, "_ast", "AST") else {
        return false;
    };
    std::iter::once(i.class())
        .chain(i.class().mro.iter())
        .any(|t| Arc::ptr_eq(t, &ast))
}

/// The source text `compile(<AST>, filename, mode)` compiles: `ast.unparse` of the
/// tree (positions are not kept: the code's line numbers are the unparsed text's).
pub fn source_of(cx: &mut Cx, tree: &Value, mode: &str) -> PyResult<String> {
    let module = ast_module(cx)?;
    let f = cx.getattr(&module, "_source_for_compile")?;
    match cx.call(&f, vec![tree.clone(), Value::str(mode)])? {
        Value::Str(s) => Ok(s.as_str().to_owned()),
        _ => Err(type_error("ast.unparse did not return a str").into()),
    }
}
