//! `_functools`: the native half of `functools` (as in CPython): `reduce` and
//! `partial`. The module `functools` itself is frozen Python (`pyvm/lib/functools.py`).

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::dict::Dict;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::object::{NativeObject, Object};
use crate::objects::repr::repr;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "reduce" => reduce,
];

/// The `_functools` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_functools", FUNCS);
        m.set(gil, "partial", Value::Type(partial_type().clone()));
        Arc::new(m)
    })
}

/// `functools.partial`, the type: calling it makes a partial; `isinstance` and
/// `type()` know its objects.
pub fn partial_type() -> &'static Arc<crate::objects::types::PyType> {
    static T: OnceLock<Arc<crate::objects::types::PyType>> = OnceLock::new();
    T.get_or_init(|| {
        Arc::new(crate::objects::types::PyType::builtin(
            "partial",
            "functools",
            Some(&crate::objects::types::types().object),
            crate::objects::types::Kind::Iterator,
            Some(partial),
        ))
    })
}

/// `reduce(function, iterable[, initial])`.
fn reduce(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("reduce", 2, 3)?;
    let it = cx
        .iter(args.at(1))
        .map_err(|_| type_error("reduce() arg 2 must support iteration"))?;
    let mut acc = args.get(2).cloned();
    while let Some(v) = cx.next(&it)? {
        acc = Some(match acc {
            None => v,
            Some(a) => cx.call(args.at(0), vec![a, v])?,
        });
    }
    acc.ok_or_else(|| type_error("reduce() of empty iterable with no initial value").into())
}

/// `functools.partial(func, *args, **keywords)`.
struct Partial {
    func: Value,
    args: Vec<Value>,
    /// A dict, shared with `p.keywords` as in CPython.
    keywords: Value,
}

impl NativeObject for Partial {
    fn type_name(&self) -> &'static str {
        "functools.partial"
    }

    fn py_type(&self) -> Option<Arc<crate::objects::types::PyType>> {
        Some(partial_type().clone())
    }

    fn repr(&self, gil: Gil<'_>) -> Result<String, PyErr> {
        let mut parts = vec![repr(gil, &self.func)?];
        for a in &self.args {
            parts.push(repr(gil, a)?);
        }
        if let Value::Dict(d) = &self.keywords {
            let items: Vec<(Value, Value)> = d
                .borrow(gil)
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            for (k, v) in items {
                let key = crate::objects::repr::str_of(gil, &k)?;
                parts.push(format!("{key}={}", repr(gil, &v)?));
            }
        }
        Ok(format!("functools.partial({})", parts.join(", ")))
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        match name {
            "func" => Some(self.func.clone()),
            "args" => Some(Value::tuple(self.args.clone())),
            "keywords" => Some(self.keywords.clone()),
            _ => None,
        }
    }

    fn callable(&self) -> bool {
        true
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn call(&self, gil: Gil<'_>, args: Args) -> Option<Result<Forward, PyErr>> {
        let mut pos = self.args.clone();
        pos.extend(args.pos);
        let mut kw: Vec<(String, Value)> = Vec::new();
        if let Value::Dict(d) = &self.keywords {
            for (k, v) in d.borrow(gil).iter() {
                kw.push((k.as_str().unwrap_or("").to_owned(), v.clone()));
            }
        }
        for (k, v) in args.kw {
            match kw.iter_mut().find(|(name, _)| *name == k) {
                Some(slot) => slot.1 = v,
                None => kw.push((k, v)),
            }
        }
        Some(Ok(Forward::Call(
            self.func.clone(),
            Args {
                pos: pos.into_iter().collect(),
                kw,
            },
        )))
    }
}

fn partial(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let Some(func) = args.pos.first().cloned() else {
        return Err(type_error("type 'partial' takes at least one argument").into());
    };
    if !super::builtins::callable_value(cx.gil, &func) {
        return Err(type_error("the first argument must be callable").into());
    }
    let gil = cx.gil;
    let mut keywords = Dict::new();
    let mut func = func;
    let mut pos: Vec<Value> = Vec::new();
    // A partial of a partial is flattened, as CPython does.
    if let Value::Object(o) = &func {
        if let Some(inner) =
            o.0.getattr(gil, "func")
                .filter(|_| o.0.type_name() == "functools.partial")
        {
            if let Some(Value::Tuple(a)) = o.0.getattr(gil, "args") {
                pos.extend(a.iter().cloned());
            }
            if let Some(Value::Dict(d)) = o.0.getattr(gil, "keywords") {
                for (k, v) in d.borrow(gil).iter() {
                    keywords.insert(k.clone(), v.clone())?;
                }
            }
            func = inner;
        }
    }
    pos.extend(args.pos.into_iter().skip(1));
    for (k, v) in args.kw {
        keywords.insert(Value::string(k), v)?;
    }
    Ok(Value::Object(Arc::new(Object(Box::new(Partial {
        func,
        args: pos,
        keywords: Value::dict(keywords),
    })))))
}
