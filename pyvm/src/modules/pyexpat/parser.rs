//! `pyexpat.xmlparser`: the handlers, the attributes and `Parse`/`ParseFile` over
//! the core (`scan.rs`), reporting its events to the Python handlers as
//! `pyexpat.c` does (character data buffered with `buffer_text`, attributes as a
//! dict or an ordered list, `ExpatError` with `code`, `lineno` and `offset`).

use crate::objects::rc::Arc;

use super::dtd::{DECL_ATTLIST, DECL_DOCTYPE, DECL_ELEMENT, DECL_ENTITY, DECL_NOTATION};
use super::scan::{Config, Core, Ev, Model, Pos, Stop};
use crate::native::*;
use crate::objects::dict::Dict;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::object::NativeObject;
use crate::objects::types::PyType;
use deferred::Unwind;

/// The handlers, in `pyexpat.c`'s order.
pub const HANDLERS: &[&str] = &[
    "StartElementHandler",
    "EndElementHandler",
    "ProcessingInstructionHandler",
    "CharacterDataHandler",
    "UnparsedEntityDeclHandler",
    "NotationDeclHandler",
    "StartNamespaceDeclHandler",
    "EndNamespaceDeclHandler",
    "CommentHandler",
    "StartCdataSectionHandler",
    "EndCdataSectionHandler",
    "DefaultHandler",
    "DefaultHandlerExpand",
    "NotStandaloneHandler",
    "ExternalEntityRefHandler",
    "StartDoctypeDeclHandler",
    "EndDoctypeDeclHandler",
    "EntityDeclHandler",
    "XmlDeclHandler",
    "ElementDeclHandler",
    "AttlistDeclHandler",
    "SkippedEntityHandler",
];

const START: usize = 0;
const END: usize = 1;
const PI: usize = 2;
const DATA: usize = 3;
const UNPARSED: usize = 4;
const NOTATION: usize = 5;
const START_NS: usize = 6;
const END_NS: usize = 7;
const COMMENT: usize = 8;
const START_CDATA: usize = 9;
const END_CDATA: usize = 10;
const DEFAULT: usize = 11;
const DEFAULT_EXPAND: usize = 12;
const NOT_STANDALONE: usize = 13;
const EXTERNAL_REF: usize = 14;
const START_DOCTYPE: usize = 15;
const END_DOCTYPE: usize = 16;
const ENTITY_DECL: usize = 17;
const XML_DECL: usize = 18;
const ELEMENT_DECL: usize = 19;
const ATTLIST_DECL: usize = 20;
const SKIPPED: usize = 21;

struct State {
    core: Core,
    handlers: Vec<Value>,
    /// Which default handler expat would call (the last one set).
    default_slot: Option<usize>,
    buffer_text: bool,
    buffer: String,
    buffer_size: i64,
    ordered: bool,
    specified: bool,
    prefixes: bool,
    /// Where the current event is (in a handler) or where parsing stopped.
    pos: Pos,
    error: u32,
    base: Value,
    /// A handler raised: the parser is stopped.
    aborted: bool,
    /// The strings this parser put in its `intern` dict, by text: a name seen
    /// before is found without making a string and hashing it for the dict (every
    /// tag is reported at its start and its end). A program that takes entries
    /// out of the dict still gets the string it had.
    interned: hashbrown::HashMap<Box<str>, Value>,
}

pub struct XmlParser {
    st: GilCell<State>,
    intern: Value,
}

impl XmlParser {
    pub fn new(encoding: Option<String>, sep: Option<String>, intern: Value) -> XmlParser {
        let mut core = Core::new(Config {
            ns: sep,
            expand: true,
            ..Config::default()
        });
        core.forced = encoding;
        XmlParser {
            st: GilCell::new(State {
                core,
                handlers: vec![Value::None; HANDLERS.len()],
                default_slot: None,
                buffer_text: false,
                buffer: String::new(),
                buffer_size: 8192,
                ordered: false,
                specified: false,
                prefixes: false,
                pos: Pos {
                    line: 1,
                    col: 0,
                    byte: -1,
                },
                error: 0,
                base: Value::None,
                aborted: false,
                interned: hashbrown::HashMap::new(),
            }),
            intern,
        }
    }
}

fn this(args: &Args) -> Result<&XmlParser, PyErr> {
    match args.pos.first() {
        Some(Value::Object(o)) => o.0.as_any().downcast_ref::<XmlParser>(),
        _ => None,
    }
    .ok_or_else(|| type_error("descriptor requires a 'pyexpat.xmlparser' object"))
}

fn text_of(v: &str) -> Value {
    Value::string(v.to_owned())
}

fn opt(v: Option<String>) -> Value {
    v.map_or(Value::None, Value::string)
}

fn model_value(m: Model) -> Value {
    Value::tuple(vec![
        Value::Int(m.ctype),
        Value::Int(m.quant),
        opt(m.name),
        Value::tuple(m.children.into_iter().map(model_value).collect()),
    ])
}

impl XmlParser {
    /// The handler in `slot`, if set.
    fn handler(&self, gil: Gil<'_>, slot: usize) -> Option<Value> {
        let st = self.st.borrow(gil);
        match &st.handlers[slot] {
            Value::None => None,
            h => Some(h.clone()),
        }
    }

    /// The default handler expat would call.
    fn default_handler(&self, gil: Gil<'_>) -> Option<Value> {
        let slot = self.st.borrow(gil).default_slot?;
        self.handler(gil, slot)
    }

    /// Calls a handler (not the character data one) at `pos`, reporting buffered
    /// text first, as pyexpat does before each handler it calls.
    fn call(&self, cx: &mut Cx, h: Value, args: Vec<Value>, pos: Pos) -> PyResult<Value> {
        self.flush(cx, pos)?;
        self.invoke(cx, h, args, pos)
    }

    /// Calls a handler at `pos`; an exception stops the parser.
    fn invoke(&self, cx: &mut Cx, h: Value, args: Vec<Value>, pos: Pos) -> PyResult<Value> {
        self.st.borrow_mut(cx.gil).pos = pos;
        match cx.call(&h, args) {
            Ok(v) => Ok(v),
            Err(e) => {
                let mut st = self.st.borrow_mut(cx.gil);
                st.aborted = true;
                st.buffer.clear();
                for h in st.handlers.iter_mut() {
                    *h = Value::None;
                }
                Err(e)
            }
        }
    }

    /// Reports buffered character data.
    fn flush(&self, cx: &mut Cx, pos: Pos) -> PyResult<()> {
        let text = std::mem::take(&mut self.st.borrow_mut(cx.gil).buffer);
        if text.is_empty() {
            return Ok(());
        }
        if let Some(h) = self.handler(cx.gil, DATA) {
            self.invoke(cx, h, vec![Value::string(text)], pos)?;
        }
        Ok(())
    }

    fn data(&self, cx: &mut Cx, text: String, pos: Pos) -> PyResult<()> {
        let Some(h) = self.handler(cx.gil, DATA) else {
            return self.fallback(cx, text, pos);
        };
        let (buffered, size, used) = {
            let st = self.st.borrow(cx.gil);
            (st.buffer_text, st.buffer_size, st.buffer.len())
        };
        if !buffered {
            return self
                .invoke(cx, h, vec![Value::string(text)], pos)
                .map(|_| ());
        }
        if (used + text.len()) as i64 > size {
            self.flush(cx, pos)?;
        }
        if text.len() as i64 > size {
            return self
                .invoke(cx, h, vec![Value::string(text)], pos)
                .map(|_| ());
        }
        self.st.borrow_mut(cx.gil).buffer.push_str(&text);
        Ok(())
    }

    /// Markup without a handler goes to the default handler.
    fn fallback(&self, cx: &mut Cx, text: String, pos: Pos) -> PyResult<()> {
        if let Some(h) = self.default_handler(cx.gil) {
            self.call(cx, h, vec![Value::string(text)], pos)?;
        }
        Ok(())
    }

    /// `slot`'s handler with `args`, or the default handler with `raw`.
    fn report(
        &self,
        cx: &mut Cx,
        slot: usize,
        args: impl FnOnce() -> Vec<Value>,
        raw: impl FnOnce() -> Option<String>,
        pos: Pos,
    ) -> PyResult<()> {
        match self.handler(cx.gil, slot) {
            Some(h) => self.call(cx, h, args(), pos).map(|_| ()),
            None => match raw() {
                Some(t) => self.fallback(cx, t, pos),
                None => Ok(()),
            },
        }
    }

    /// A name as reported: the one string the `intern` dict holds for it.
    fn intern(&self, gil: Gil<'_>, name: String) -> Result<Value, PyErr> {
        let Value::Dict(d) = &self.intern else {
            return Ok(Value::string(name));
        };
        if let Some(v) = self.st.borrow(gil).interned.get(name.as_str()) {
            return Ok(v.clone());
        }
        let key: Box<str> = name.as_str().into();
        let v = Value::string(name);
        let v = match dict_get(gil, d, &v)? {
            Some(found) => found,
            None => {
                dict_set(gil, d, v.clone(), v.clone())?;
                v
            }
        };
        self.st.borrow_mut(gil).interned.insert(key, v.clone());
        Ok(v)
    }

    fn attributes(
        &self,
        gil: Gil<'_>,
        attrs: Vec<(String, String)>,
        specified: usize,
    ) -> PyResult<Value> {
        let (ordered, only_specified) = {
            let st = self.st.borrow(gil);
            (st.ordered, st.specified)
        };
        let n = if only_specified {
            specified
        } else {
            attrs.len()
        };
        let attrs = attrs.into_iter().take(n);
        if ordered {
            let mut items = Vec::with_capacity(n * 2);
            for (k, v) in attrs {
                items.push(self.intern(gil, k)?);
                items.push(Value::string(v));
            }
            return Ok(Value::list(items));
        }
        let mut d = Dict::new();
        for (k, v) in attrs {
            d.insert(self.intern(gil, k)?, Value::string(v))?;
        }
        Ok(Value::dict(d))
    }

    fn dispatch(&self, cx: &mut Cx, ev: Ev, pos: Pos) -> PyResult<()> {
        if let Ev::Data(text) = ev {
            return self.data(cx, text, pos);
        }
        let s = |v: &str| text_of(v);
        match ev {
            Ev::Data(_) => Ok(()),
            Ev::Start(name, attrs, specified, raw) => match self.handler(cx.gil, START) {
                Some(h) => {
                    let a = self.attributes(cx.gil, attrs, specified)?;
                    let name = self.intern(cx.gil, name)?;
                    self.call(cx, h, vec![name, a], pos).map(|_| ())
                }
                None => raw.map_or(Ok(()), |t| self.fallback(cx, t, pos)),
            },
            Ev::End(name, raw) => {
                let name = self.intern(cx.gil, name)?;
                self.report(cx, END, || vec![name], || raw, pos)
            }
            Ev::Pi(target, data) => {
                let raw = if data.is_empty() {
                    format!("<?{target}?>")
                } else {
                    format!("<?{target} {data}?>")
                };
                self.report(cx, PI, || vec![s(&target), s(&data)], || Some(raw), pos)
            }
            Ev::Comment(body) => {
                let raw = format!("<!--{body}-->");
                self.report(cx, COMMENT, || vec![Value::string(body)], || Some(raw), pos)
            }
            Ev::StartCdata => {
                self.report(cx, START_CDATA, Vec::new, || Some("<![CDATA[".into()), pos)
            }
            Ev::EndCdata => self.report(cx, END_CDATA, Vec::new, || Some("]]>".into()), pos),
            Ev::StartNs(prefix, uri) => {
                self.report(cx, START_NS, || vec![opt(prefix), opt(uri)], || None, pos)
            }
            Ev::EndNs(prefix) => self.report(cx, END_NS, || vec![opt(prefix)], || None, pos),
            Ev::XmlDecl(version, encoding, standalone, raw) => self.report(
                cx,
                XML_DECL,
                || vec![opt(version), opt(encoding), Value::Int(standalone)],
                || Some(raw),
                pos,
            ),
            Ev::StartDoctype(name, sys, public, subset) => self.report(
                cx,
                START_DOCTYPE,
                || {
                    vec![
                        Value::string(name),
                        opt(sys),
                        opt(public),
                        Value::Int(subset as i64),
                    ]
                },
                || None,
                pos,
            ),
            Ev::EndDoctype => self.report(cx, END_DOCTYPE, Vec::new, || None, pos),
            Ev::EntityDecl(name, pe, value, sys, public, notation) => {
                let base = self.st.borrow(cx.gil).base.clone();
                if notation.is_some() && self.handler(cx.gil, UNPARSED).is_some() {
                    let args = vec![
                        Value::string(name),
                        base,
                        opt(sys),
                        opt(public),
                        opt(notation),
                    ];
                    return self.report(cx, UNPARSED, || args, || None, pos);
                }
                let value = value.map_or(Value::None, Value::string);
                let args = vec![
                    Value::string(name),
                    Value::Int(pe as i64),
                    value,
                    base,
                    opt(sys),
                    opt(public),
                    opt(notation),
                ];
                self.report(cx, ENTITY_DECL, || args, || None, pos)
            }
            Ev::NotationDecl(name, sys, public) => {
                let base = self.st.borrow(cx.gil).base.clone();
                let args = vec![Value::string(name), base, opt(sys), opt(public)];
                self.report(cx, NOTATION, || args, || None, pos)
            }
            Ev::ElementDecl(name, model) => {
                let args = vec![Value::string(name), model_value(model)];
                self.report(cx, ELEMENT_DECL, || args, || None, pos)
            }
            Ev::AttlistDecl(elem, att, ty, default, required) => {
                let args = vec![
                    Value::string(elem),
                    Value::string(att),
                    Value::string(ty),
                    opt(default),
                    Value::Int(required as i64),
                ];
                self.report(cx, ATTLIST_DECL, || args, || None, pos)
            }
            Ev::Skipped(name, pe, raw) => self.report(
                cx,
                SKIPPED,
                || vec![Value::string(name), Value::Int(pe as i64)],
                || Some(raw),
                pos,
            ),
            Ev::ExternalRef(name, sys, public) => {
                let Some(h) = self.handler(cx.gil, EXTERNAL_REF) else {
                    return match name {
                        Some(name) => self.fallback(cx, format!("&{name};"), pos),
                        None => Ok(()),
                    };
                };
                let base = self.st.borrow(cx.gil).base.clone();
                let r = self.call(cx, h, vec![opt(name), base, opt(sys), opt(public)], pos)?;
                if !cx.truthy(&r)? {
                    return Err(self.fail(cx.gil, 21, pos).into());
                }
                Ok(())
            }
            Ev::Default(raw) => self.fallback(cx, raw, pos),
            Ev::NotStandalone => {
                let Some(h) = self.handler(cx.gil, NOT_STANDALONE) else {
                    return Ok(());
                };
                let r = self.call(cx, h, Vec::new(), pos)?;
                if !cx.truthy(&r)? {
                    return Err(self.fail(cx.gil, 22, pos).into());
                }
                Ok(())
            }
        }
    }

    /// Records error `code` at `pos`: the `ExpatError` to raise.
    fn fail(&self, gil: Gil<'_>, code: u32, pos: Pos) -> PyErr {
        let mut st = self.st.borrow_mut(gil);
        st.error = code;
        st.pos = pos;
        st.core.failed = Some((code, pos));
        super::expat_error(gil, code, pos)
    }

    /// The handlers' settings the core follows.
    fn configure(&self, gil: Gil<'_>) {
        let mut st = self.st.borrow_mut(gil);
        let set = |st: &State, slot: usize| !matches!(st.handlers[slot], Value::None);
        let mut bits = 0;
        for (slot, bit) in [
            (START_DOCTYPE, DECL_DOCTYPE),
            (ENTITY_DECL, DECL_ENTITY),
            (UNPARSED, DECL_ENTITY),
            (NOTATION, DECL_NOTATION),
            (ELEMENT_DECL, DECL_ELEMENT),
            (ATTLIST_DECL, DECL_ATTLIST),
        ] {
            if set(&st, slot) {
                bits |= bit;
            }
        }
        let want_default = st.default_slot.is_some_and(|s| set(&st, s));
        st.core.cfg.want_default = want_default;
        st.core.cfg.expand = !(want_default && st.default_slot == Some(DEFAULT));
        st.core.cfg.decl_handlers = bits;
        st.core.cfg.triplets = st.prefixes;
    }

    /// `Parse(data, isfinal)` over bytes.
    pub fn parse(&self, cx: &mut Cx, data: &[u8], fin: bool) -> PyResult<Value> {
        {
            let st = self.st.borrow(cx.gil);
            if let Some((code, pos)) = st.core.failed {
                return Err(super::expat_error(cx.gil, code, pos).into());
            }
            if st.core.finished || st.aborted {
                let end = st.pos;
                drop(st);
                return Err(self
                    .fail(
                        cx.gil,
                        if self.st.borrow(cx.gil).aborted {
                            35
                        } else {
                            36
                        },
                        end,
                    )
                    .into());
            }
        }
        self.st.borrow_mut(cx.gil).core.feed(data);
        loop {
            self.configure(cx.gil);
            let (r, events) = {
                let mut st = self.st.borrow_mut(cx.gil);
                let r = st.core.run(fin);
                (r, std::mem::take(&mut st.core.events))
            };
            for (ev, pos) in events {
                self.dispatch(cx, ev, pos)?;
            }
            match r {
                Ok(true) => continue,
                Ok(false) => break,
                Err(Stop::Encoding(name)) => {
                    let all: Vec<u8> = (0..=255u8).collect();
                    let table: Vec<char> = decode_bytes(cx, &all, Some(&name), Some("replace"))?
                        .chars()
                        .collect();
                    if table.len() != 256 {
                        let pos = self.st.borrow(cx.gil).pos;
                        return Err(self.fail(cx.gil, 18, pos).into());
                    }
                    self.st.borrow_mut(cx.gil).core.set_table(table);
                }
                Err(Stop::Err(code, at)) => {
                    let pos = {
                        let mut st = self.st.borrow_mut(cx.gil);
                        if st.core.total() == 0 {
                            Pos {
                                line: 1,
                                col: 0,
                                byte: -1,
                            }
                        } else {
                            st.core.error_pos(at)
                        }
                    };
                    let end = pos;
                    self.flush(cx, end)?;
                    return Err(self.fail(cx.gil, code, end).into());
                }
                Err(Stop::Partial(_)) => break,
            }
        }
        let end = self.st.borrow_mut(cx.gil).core.current_end();
        self.flush(cx, end)?;
        let mut st = self.st.borrow_mut(cx.gil);
        st.pos = end;
        if fin {
            st.core.finished = true;
        }
        Ok(Value::Int(1))
    }
}

static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "Parse" => parse_method, "ParseFile" => parse_file, "SetBase" => set_base,
    "GetBase" => get_base, "GetInputContext" => get_input_context,
    "SetParamEntityParsing" => set_param_entity_parsing, "UseForeignDTD" => use_foreign_dtd,
];

/// `Parse(data, isfinal=False, /)`.
fn parse_method(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("Parse", 2, 3)?;
    let p = this(&args)?;
    let fin = match args.pos.get(2) {
        Some(v) => cx.truthy(v)?,
        None => false,
    };
    let data = &args.pos[1];
    if let Some(s) = data.as_str() {
        p.st.borrow_mut(cx.gil).core.forced = Some("utf-8".into());
        return p.parse(cx, s.as_bytes(), fin);
    }
    let bytes = bytes_arg(cx.gil, data)?;
    p.parse(cx, &bytes, fin)
}

/// `ParseFile(file, /)`: `file.read(2048)` until it returns nothing.
fn parse_file(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("ParseFile", 2, 2)?;
    let p = this(&args)?;
    let read = match cx.getattr(&args.pos[1], "read") {
        Ok(r) => r,
        Err(Unwind::Raise(e))
            if e.is_instance(&crate::objects::types::types().exc.attribute_error) =>
        {
            return Err(type_error("argument must have 'read' attribute").into())
        }
        Err(e) => return Err(e),
    };
    loop {
        let chunk = cx.call(&read, vec![Value::Int(2048)])?;
        let bytes = match &chunk {
            Value::Bytes(_) | Value::ByteArray(_) => bytes_arg(cx.gil, &chunk)?,
            v => {
                return Err(type_error(format!(
                    "read() did not return a bytes object (type={})",
                    crate::objects::types::type_name(v)
                ))
                .into())
            }
        };
        if bytes.is_empty() {
            return p.parse(cx, b"", true);
        }
        p.parse(cx, &bytes, false)?;
    }
}

fn set_base(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("SetBase", 2, 2)?;
    let p = this(&args)?;
    let base = arg_str(&args.pos[1], "SetBase", "argument")?.to_owned();
    p.st.borrow_mut(cx.gil).base = Value::string(base);
    Ok(Value::None)
}

fn get_base(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("GetBase", 1, 1)?;
    Ok(this(&args)?.st.borrow(cx.gil).base.clone())
}

/// `GetInputContext()`: pyvm keeps no expat-style context buffer; `None`, as
/// expat returns outside a handler.
fn get_input_context(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("GetInputContext", 1, 1)?;
    this(&args)?;
    Ok(Value::None)
}

/// `SetParamEntityParsing(flag, /)`: whether the external DTD subset is asked of
/// the `ExternalEntityRefHandler` (pyvm reads no DTD itself).
fn set_param_entity_parsing(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("SetParamEntityParsing", 2, 2)?;
    let p = this(&args)?;
    let flag = arg_c_int(&args.pos[1], "SetParamEntityParsing")?;
    let mut st = p.st.borrow_mut(cx.gil);
    // Refused (0) while a document is being parsed, as expat refuses.
    if st.core.total() > 0 && !st.core.finished {
        return Ok(Value::Int(0));
    }
    st.core.pe_parsing = flag as i64;
    Ok(Value::Int(1))
}

/// `UseForeignDTD(flag=True, /)`: the document is taken to have an external DTD
/// (undefined entities are skipped, not errors), asked of the
/// `ExternalEntityRefHandler` when the document has no DOCTYPE.
fn use_foreign_dtd(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("UseForeignDTD", 1, 2)?;
    let p = this(&args)?;
    let flag = match args.pos.get(1) {
        Some(v) => cx.truthy(v)?,
        None => true,
    };
    let mut st = p.st.borrow_mut(cx.gil);
    if st.core.total() > 0 {
        let pos = st.pos;
        drop(st);
        return Err(p.fail(cx.gil, 26, pos).into());
    }
    st.core.foreign_dtd = flag;
    Ok(Value::None)
}

impl NativeObject for XmlParser {
    fn type_name(&self) -> &'static str {
        "pyexpat.xmlparser"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<pyexpat.xmlparser object at {:#x}>",
            self as *const Self as usize
        ))
    }

    fn getattr(&self, gil: Gil<'_>, name: &str) -> Option<Value> {
        if let Some(slot) = HANDLERS.iter().position(|h| *h == name) {
            return Some(self.st.borrow(gil).handlers[slot].clone());
        }
        let st = self.st.borrow(gil);
        let p = st.pos;
        Some(match name {
            "buffer_text" => Value::bool(st.buffer_text),
            "buffer_size" => Value::Int(st.buffer_size),
            "buffer_used" => Value::Int(st.buffer.len() as i64),
            "ordered_attributes" => Value::bool(st.ordered),
            "specified_attributes" => Value::bool(st.specified),
            "namespace_prefixes" => Value::bool(st.prefixes),
            "intern" => self.intern.clone(),
            "CurrentLineNumber" | "ErrorLineNumber" => Value::Int(p.line as i64),
            "CurrentColumnNumber" | "ErrorColumnNumber" => Value::Int(p.col as i64),
            "CurrentByteIndex" | "ErrorByteIndex" => Value::Int(p.byte),
            "ErrorCode" => Value::Int(st.error as i64),
            "__class__" => Value::Type(super::parser_type().clone()),
            _ => return METHODS.iter().find(|d| d.name == name).map(Value::Native),
        })
    }

    fn setattr(&self, gil: Gil<'_>, name: &str, v: Option<&Value>) -> Option<Result<(), PyErr>> {
        let Some(v) = v else {
            return Some(Err(attribute_error("Cannot delete attribute")));
        };
        let mut st = self.st.borrow_mut(gil);
        if let Some(slot) = HANDLERS.iter().position(|h| *h == name) {
            st.handlers[slot] = v.clone();
            if slot == DEFAULT || slot == DEFAULT_EXPAND {
                if !matches!(v, Value::None) {
                    st.default_slot = Some(slot);
                } else if st.default_slot == Some(slot) {
                    st.default_slot = None;
                }
            }
            return Some(Ok(()));
        }
        let flag = || Ok::<bool, PyErr>(crate::objects::value::truthy(gil, v));
        let r = match name {
            "buffer_text" => flag().map(|b| st.buffer_text = b),
            "ordered_attributes" => flag().map(|b| st.ordered = b),
            "specified_attributes" => flag().map(|b| st.specified = b),
            "namespace_prefixes" => flag().map(|b| st.prefixes = b),
            "buffer_size" => match v {
                Value::Int(n) if *n > 0 => {
                    st.buffer_size = *n;
                    Ok(())
                }
                Value::Int(_) => Err(value_error("buffer_size must be greater than zero")),
                Value::Big(_) => Err(overflow_error("Python int too large to convert to C int")),
                _ => Err(type_error("buffer_size must be an integer")),
            },
            _ => Err(attribute_error(format!(
                "'pyexpat.xmlparser' object has no attribute '{name}'"
            ))),
        };
        Some(r)
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(super::parser_type().clone())
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
