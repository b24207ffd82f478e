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
mod parser;

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
static TREEBUILDER: OnceLock<Arc<PyType>> = OnceLock::new();
static PARSE_ERROR: OnceLock<Arc<PyType>> = OnceLock::new();

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

class ParseError(SyntaxError):
    __module__ = 'xml.etree.ElementTree'

class TreeBuilder:
    """"""
    __module__ = 'xml.etree.ElementTree'
    _pyvm_c_type = True

class XMLParser:
    """Element structure builder for XML source data based on the expat parser."""
    __module__ = 'xml.etree.ElementTree'

    def __init__(self, *, target=None, encoding=None):
        from xml.parsers import expat
        parser = expat.ParserCreate(encoding, "}")
        if target is None:
            target = TreeBuilder()
        self.parser = self._parser = parser
        self.target = self._target = target
        self._error = expat.error
        self._names = {}
        parser.DefaultHandlerExpand = self._default
        if hasattr(target, 'start'):
            parser.StartElementHandler = self._start
        if hasattr(target, 'end'):
            parser.EndElementHandler = self._end
        if hasattr(target, 'start_ns'):
            parser.StartNamespaceDeclHandler = self._start_ns
        if hasattr(target, 'end_ns'):
            parser.EndNamespaceDeclHandler = self._end_ns
        if hasattr(target, 'data'):
            parser.CharacterDataHandler = target.data
        if hasattr(target, 'comment'):
            parser.CommentHandler = target.comment
        if hasattr(target, 'pi'):
            parser.ProcessingInstructionHandler = target.pi
        parser.buffer_text = 1
        parser.ordered_attributes = 1
        self._doctype = None
        self.entity = {}
        try:
            self.version = "Expat %d.%d.%d" % expat.version_info
        except AttributeError:
            pass

    def _setevents(self, events_queue, events_to_report):
        parser = self._parser
        append = events_queue.append
        for event_name in events_to_report:
            if event_name == "start":
                parser.ordered_attributes = 1
                self._start_event = (event_name, append)
                parser.StartElementHandler = self._start_reported
            elif event_name == "end":
                self._end_event = (event_name, append)
                parser.EndElementHandler = self._end_reported
            elif event_name == "start-ns":
                if hasattr(self.target, "start_ns"):
                    def handler(prefix, uri, event=event_name, append=append,
                                start_ns=self._start_ns):
                        append((event, start_ns(prefix, uri)))
                else:
                    def handler(prefix, uri, event=event_name, append=append):
                        append((event, (prefix or '', uri or '')))
                parser.StartNamespaceDeclHandler = handler
            elif event_name == "end-ns":
                if hasattr(self.target, "end_ns"):
                    def handler(prefix, event=event_name, append=append,
                                end_ns=self._end_ns):
                        append((event, end_ns(prefix)))
                else:
                    def handler(prefix, event=event_name, append=append):
                        append((event, None))
                parser.EndNamespaceDeclHandler = handler
            elif event_name == 'comment':
                def handler(text, event=event_name, append=append, self=self):
                    append((event, self.target.comment(text)))
                parser.CommentHandler = handler
            elif event_name == 'pi':
                def handler(pi_target, data, event=event_name, append=append,
                            self=self):
                    append((event, self.target.pi(pi_target, data)))
                parser.ProcessingInstructionHandler = handler
            else:
                raise ValueError("unknown event %r" % event_name)

    def _raiseerror(self, value):
        # No event comes after an error: the handlers (bound to self) go, which
        # breaks the cycle through the pyexpat parser (not one the collector
        # walks), so a parser dropped after an error is freed.
        for name in ("StartElementHandler", "EndElementHandler",
                     "StartNamespaceDeclHandler", "EndNamespaceDeclHandler",
                     "CharacterDataHandler", "CommentHandler",
                     "ProcessingInstructionHandler", "DefaultHandlerExpand"):
            setattr(self._parser, name, None)
        err = ParseError(value)
        err.code = value.code
        err.position = value.lineno, value.offset
        raise err

    def _fixname(self, key):
        try:
            name = self._names[key]
        except KeyError:
            name = key
            if "}" in name:
                name = "{" + name
            self._names[key] = name
        return name

    def _start_ns(self, prefix, uri):
        return self.target.start_ns(prefix or '', uri or '')

    def _end_ns(self, prefix):
        return self.target.end_ns(prefix or '')

    def _default(self, text):
        prefix = text[:1]
        if prefix == "&":
            try:
                data_handler = self.target.data
            except AttributeError:
                return
            try:
                data_handler(self.entity[text[1:-1]])
            except KeyError:
                from xml.parsers import expat
                err = expat.error(
                    "undefined entity %s: line %d, column %d" %
                    (text, self.parser.ErrorLineNumber,
                    self.parser.ErrorColumnNumber)
                    )
                err.code = 11
                err.lineno = self.parser.ErrorLineNumber
                err.offset = self.parser.ErrorColumnNumber
                raise err
        elif prefix == "<" and text[:9] == "<!DOCTYPE":
            self._doctype = []
        elif self._doctype is not None:
            if prefix == ">":
                self._doctype = None
                return
            text = text.strip()
            if not text:
                return
            self._doctype.append(text)
            n = len(self._doctype)
            if n > 2:
                type = self._doctype[1]
                if type == "PUBLIC" and n == 4:
                    name, type, pubid, system = self._doctype
                    if pubid:
                        pubid = pubid[1:-1]
                elif type == "SYSTEM" and n == 3:
                    name, type, system = self._doctype
                    pubid = None
                else:
                    return
                if hasattr(self.target, "doctype"):
                    self.target.doctype(name, pubid, system[1:-1])
                elif hasattr(self, "doctype"):
                    import warnings
                    warnings.warn(
                        "The doctype() method of XMLParser is ignored.  "
                        "Define doctype() method on the TreeBuilder target.",
                        RuntimeWarning)
                self._doctype = None

    def feed(self, data):
        """Feed encoded data to parser."""
        try:
            self.parser.Parse(data, False)
        except self._error as v:
            self._raiseerror(v)

    def close(self):
        """Finish feeding data to parser and return element structure."""
        try:
            self.parser.Parse(b"", True)
        except self._error as v:
            self._raiseerror(v)
        try:
            close_handler = self.target.close
        except AttributeError:
            pass
        else:
            return close_handler()
        finally:
            del self.parser, self._parser
            del self.target, self._target
"#;

/// The module functions, and the natives the class bodies take.
static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "SubElement" => element::sub_element, "_set_factories" => builder::set_factories,
];

/// The `_elementtree` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_elementtree", FUNCS);
        for table in [
            element::METHODS,
            element::ACCESSORS,
            builder::METHODS,
            parser::METHODS,
        ] {
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
            let _ = TREEBUILDER.set(t);
        }
        if let Some(Value::Type(t)) = m.get(gil, "XMLParser") {
            install(gil, &t, parser::METHODS);
        }
        if let Some(Value::Type(t)) = m.get(gil, "ParseError") {
            let _ = PARSE_ERROR.set(t);
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

/// `ParseError` (the module's own, a `SyntaxError`, as C's: `ElementTree.py` takes it
/// with the classes), for the builder's "multiple elements on top level".
fn parse_error(msg: &str) -> PyErr {
    match PARSE_ERROR.get() {
        Some(t) => PyErr::msg(t, msg),
        None => PyErr::msg(&crate::objects::types::types().exc.syntax_error, msg),
    }
}
