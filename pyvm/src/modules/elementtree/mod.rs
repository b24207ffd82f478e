//! `_elementtree`, the C accelerator of Lib's `xml.etree.ElementTree` (CPython's
//! `Modules/_elementtree.c`): `Element`, `SubElement`, `TreeBuilder` and
//! `_set_factories`. `ElementTree.py` ends with `from _elementtree import *`, so its
//! `Element`, `SubElement` and `TreeBuilder` are these, and its own `XMLParser` (which
//! drives `pyexpat`) builds trees through the native `TreeBuilder`.
//!
//! The classes are made by a few lines of Python at import (as `_random.Random` is),
//! named `xml.etree.ElementTree.Element` as the C type is, so programs subclass them,
//! pickle and copy them as in CPython. An element is an instance whose built-in value
//! is one `list` (`class::instance_with`): `[tag, attrib, text, tail, child...]`,
//! `attrib` `None` until asked for (CPython's lazy `extra`). A list because the cycle
//! collector walks an instance's built-in value when it is a list: a tree whose
//! elements point back at their parents (a subclass's attribute) is collected. The
//! methods are natives registered as taking the instance itself.
//!
//! ```text
//!  Element(tag, attrib, **extra) -> instance(Element, [tag, {..}|None, None, None])
//!  e.append(c)                    -> slots(e).push(c)
//!  iter(e)                        -> list_iterator over slots(e) from index 4 (live)
//!  e.iter(tag) / e.itertext()     -> ElemIter: a stack of (slots, next child index)
//!  e.find(path) with a path       -> ElementPath.find(e, path, namespaces)
//! ```

mod builder;
mod element;

use std::sync::OnceLock;

use crate::native::*;
use crate::objects::class::Descr;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::module::Module;
use crate::objects::rc::Arc;
use crate::objects::types::PyType;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();
static ELEMENT: OnceLock<Arc<PyType>> = OnceLock::new();

/// The classes' Python parts; `install` adds the natives to them.
static CLASS: &str = r#"
class Element:
    """"""
    __module__ = 'xml.etree.ElementTree'
    _pyvm_c_type = True
    __slots__ = ('__weakref__',)
    def __bool__(self):
        import warnings
        warnings.warn(
            "The behavior of this method will change in future versions.  "
            "Use specific 'len(elem)' or 'elem is not None' test instead.",
            FutureWarning, stacklevel=2)
        return len(self) != 0
    def __reduce_ex__(self, protocol):
        # What `object.__reduce_ex__` gives the C type (not a list subclass's).
        import copyreg
        if protocol < 2:
            raise TypeError(f"cannot pickle {type(self).__name__!r} object")
        return copyreg.__newobj__, (type(self),), self.__getstate__(), None, None

class TreeBuilder:
    """"""
    __module__ = 'xml.etree.ElementTree'
    _pyvm_c_type = True
"#;

/// The module functions, and the natives the class bodies take.
static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "SubElement" => element::sub_element, "_set_factories" => builder::set_factories,
];

/// The `_elementtree` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_elementtree", FUNCS);
        for table in [element::METHODS, element::ACCESSORS, builder::METHODS] {
            crate::objects::methods::register_instance_methods(table);
        }
        if let Err(e) = run_source(gil, CLASS, "<frozen _elementtree>", &m.dict) {
            let text = exception_line(gil, &e);
            crate::modules::sys::write_stderr(&format!("_elementtree: {text}\n"));
        }
        if let Some(Value::Type(t)) = m.get(gil, "Element") {
            install(gil, &t, element::METHODS);
            let acc = element::ACCESSORS;
            let del = acc.last().map(Value::Native).unwrap_or(Value::None);
            let mut d = t.dict.borrow_mut(gil);
            for (pair, doc) in acc.chunks_exact(2).zip(element::DOCS) {
                let prop = Descr::Property {
                    fget: Value::Native(&pair[0]),
                    fset: Value::Native(&pair[1]),
                    fdel: del.clone(),
                    doc: GilCell::new(Value::str(doc)),
                };
                let _ = d.insert(Value::str(pair[0].name), Value::Descr(Arc::new(prop)));
            }
            drop(d);
            let _ = ELEMENT.set(t);
        }
        if let Some(Value::Type(t)) = m.get(gil, "TreeBuilder") {
            install(gil, &t, builder::METHODS);
        }
        crate::objects::class::class_changed();
        m.set(gil, "__name__", Value::str("_elementtree"));
        Arc::new(m)
    })
}

/// Put the natives of `table` in class `t` (`__new__` as a static method).
fn install(gil: Gil<'_>, t: &Arc<PyType>, table: &'static [NativeDef]) {
    let mut d = t.dict.borrow_mut(gil);
    for f in table {
        let v = if f.name == "__new__" {
            Value::Descr(Arc::new(Descr::StaticMethod(Value::Native(f))))
        } else {
            Value::Native(f)
        };
        let _ = d.insert(Value::str(f.name), v);
    }
}

/// `Element` itself.
fn element_type() -> Option<&'static Arc<PyType>> {
    ELEMENT.get()
}

/// `self` and the other arguments of a method (`Element.append(e, c)` called unbound).
fn split_self(mut args: Args, name: &str) -> PyResult<(Value, Args)> {
    if args.pos.is_empty() {
        return Err(type_error(format!("descriptor '{name}' needs an argument")).into());
    }
    let this = args.pos.remove(0);
    Ok((this, args))
}

/// `PyImport_Import(name)`.
fn import(cx: &mut Cx, name: &str) -> PyResult<Value> {
    crate::modules::pickle::import(cx, name)
}

/// `module.name(args...)`.
fn call_module(cx: &mut Cx, module: &str, name: &str, args: Vec<Value>) -> PyResult<Value> {
    let m = import(cx, module)?;
    let f = cx.load_attr(&m, name)?;
    cx.call(&f, args)
}

/// `xml.etree.ElementTree.ParseError` (as C's module exports its own, a
/// `SyntaxError`), for the builder's "multiple elements on top level".
fn parse_error(cx: &mut Cx, msg: &str) -> PyErr {
    let cls = crate::modules::sys_modules()
        .borrow(cx.gil)
        .get(&Value::str("xml.etree.ElementTree"))
        .ok()
        .flatten()
        .and_then(|m| match m {
            Value::Module(m) => m.get(cx.gil, "ParseError"),
            _ => None,
        });
    match cls {
        Some(Value::Type(t)) => PyErr::msg(&t, msg),
        _ => PyErr::msg(&crate::objects::types::types().exc.syntax_error, msg),
    }
}
