//! `pyexpat`, the C module under Lib's `xml.parsers.expat` (and so `xml.etree`,
//! `xml.dom.minidom`, `xml.sax`, `plistlib`): `ParserCreate`, `ErrorString`,
//! `ExpatError`, the `errors` and `model` submodules and expat's version
//! constants, over a hand-written XML core (`scan.rs`, `attrs.rs`, `dtd.rs`) that
//! follows expat 2.5's events, positions and error codes.

mod attrs;
mod dtd;
mod parser;
mod scan;

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::dict::Dict;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::module::Module;
use crate::objects::object::Object;
use crate::objects::types::{types, Kind, PyType};

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();
static ERROR: OnceLock<Arc<PyType>> = OnceLock::new();
static PARSER: OnceLock<Arc<PyType>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "ParserCreate" => parser_create, "ErrorString" => error_string,
];

/// expat's error codes: name and message, code `i + 1` at index `i`.
static ERRORS: &[(&str, &str)] = &[
    ("NO_MEMORY", "out of memory"),
    ("SYNTAX", "syntax error"),
    ("NO_ELEMENTS", "no element found"),
    ("INVALID_TOKEN", "not well-formed (invalid token)"),
    ("UNCLOSED_TOKEN", "unclosed token"),
    ("PARTIAL_CHAR", "partial character"),
    ("TAG_MISMATCH", "mismatched tag"),
    ("DUPLICATE_ATTRIBUTE", "duplicate attribute"),
    ("JUNK_AFTER_DOC_ELEMENT", "junk after document element"),
    ("PARAM_ENTITY_REF", "illegal parameter entity reference"),
    ("UNDEFINED_ENTITY", "undefined entity"),
    ("RECURSIVE_ENTITY_REF", "recursive entity reference"),
    ("ASYNC_ENTITY", "asynchronous entity"),
    ("BAD_CHAR_REF", "reference to invalid character number"),
    ("BINARY_ENTITY_REF", "reference to binary entity"),
    (
        "ATTRIBUTE_EXTERNAL_ENTITY_REF",
        "reference to external entity in attribute",
    ),
    (
        "MISPLACED_XML_PI",
        "XML or text declaration not at start of entity",
    ),
    ("UNKNOWN_ENCODING", "unknown encoding"),
    (
        "INCORRECT_ENCODING",
        "encoding specified in XML declaration is incorrect",
    ),
    ("UNCLOSED_CDATA_SECTION", "unclosed CDATA section"),
    (
        "EXTERNAL_ENTITY_HANDLING",
        "error in processing external entity reference",
    ),
    ("NOT_STANDALONE", "document is not standalone"),
    (
        "UNEXPECTED_STATE",
        "unexpected parser state - please send a bug report",
    ),
    (
        "ENTITY_DECLARED_IN_PE",
        "entity declared in parameter entity",
    ),
    (
        "FEATURE_REQUIRES_XML_DTD",
        "requested feature requires XML_DTD support in Expat",
    ),
    (
        "CANT_CHANGE_FEATURE_ONCE_PARSING",
        "cannot change setting once parsing has begun",
    ),
    ("UNBOUND_PREFIX", "unbound prefix"),
    ("UNDECLARING_PREFIX", "must not undeclare prefix"),
    ("INCOMPLETE_PE", "incomplete markup in parameter entity"),
    ("XML_DECL", "XML declaration not well-formed"),
    ("TEXT_DECL", "text declaration not well-formed"),
    ("PUBLICID", "illegal character(s) in public id"),
    ("SUSPENDED", "parser suspended"),
    ("NOT_SUSPENDED", "parser not suspended"),
    ("ABORTED", "parsing aborted"),
    ("FINISHED", "parsing finished"),
    ("SUSPEND_PE", "cannot suspend in external parameter entity"),
    (
        "RESERVED_PREFIX_XML",
        "reserved prefix (xml) must not be undeclared or bound to another namespace name",
    ),
    (
        "RESERVED_PREFIX_XMLNS",
        "reserved prefix (xmlns) must not be declared or undeclared",
    ),
    (
        "RESERVED_NAMESPACE_URI",
        "prefix must not be bound to one of the reserved namespace names",
    ),
    ("INVALID_ARGUMENT", "invalid argument"),
    (
        "NO_BUFFER",
        "a successful prior call to function XML_GetBuffer is required",
    ),
    (
        "AMPLIFICATION_LIMIT_BREACH",
        "limit on input amplification factor (from DTD and entities) breached",
    ),
];

static MODEL: &[(&str, i64)] = &[
    ("XML_CTYPE_EMPTY", 1),
    ("XML_CTYPE_ANY", 2),
    ("XML_CTYPE_MIXED", 3),
    ("XML_CTYPE_NAME", 4),
    ("XML_CTYPE_CHOICE", 5),
    ("XML_CTYPE_SEQ", 6),
    ("XML_CQUANT_NONE", 0),
    ("XML_CQUANT_OPT", 1),
    ("XML_CQUANT_REP", 2),
    ("XML_CQUANT_PLUS", 3),
];

fn message(code: u32) -> Option<&'static str> {
    ERRORS.get((code as usize).checked_sub(1)?).map(|e| e.1)
}

/// The `pyexpat` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "pyexpat", FUNCS);
        m.set(
            gil,
            "__doc__",
            Value::str("Python wrapper for Expat parser."),
        );
        let err = Value::Type(error_type().clone());
        m.set(gil, "ExpatError", err.clone());
        m.set(gil, "error", err);
        m.set(gil, "XMLParserType", Value::Type(parser_type().clone()));
        m.set(gil, "EXPAT_VERSION", Value::str("expat_2.5.0"));
        m.set(
            gil,
            "version_info",
            Value::tuple(vec![Value::Int(2), Value::Int(5), Value::Int(0)]),
        );
        m.set(gil, "native_encoding", Value::str("UTF-8"));
        let features = [
            ("sizeof(XML_Char)", 1),
            ("sizeof(XML_LChar)", 1),
            ("XML_DTD", 0),
            ("XML_CONTEXT_BYTES", 1024),
            ("XML_NS", 0),
            ("XML_BLAP_MAX_AMP", 100),
            ("XML_BLAP_ACT_THRES", 8388608),
        ];
        let features = features
            .iter()
            .map(|(n, v)| Value::tuple(vec![Value::str(n), Value::Int(*v)]))
            .collect();
        m.set(gil, "features", Value::list(features));
        for (i, name) in [
            "XML_PARAM_ENTITY_PARSING_NEVER",
            "XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE",
            "XML_PARAM_ENTITY_PARSING_ALWAYS",
        ]
        .iter()
        .enumerate()
        {
            m.set(gil, name, Value::Int(i as i64));
        }
        m.set(gil, "errors", Value::Module(errors_module(gil)));
        let model = Module::new("pyexpat.model");
        model.set(
            gil,
            "__doc__",
            Value::str("Constants used to interpret content model information."),
        );
        for (name, v) in MODEL {
            model.set(gil, name, Value::Int(*v));
        }
        m.set(gil, "model", Value::Module(Arc::new(model)));
        Arc::new(m)
    })
}

/// `pyexpat.errors`: `XML_ERROR_*` (the messages), `codes` and `messages`.
fn errors_module(gil: Gil<'_>) -> Arc<Module> {
    let m = Module::new("pyexpat.errors");
    m.set(
        gil,
        "__doc__",
        Value::str("Constants used to describe error conditions."),
    );
    let mut codes = Dict::new();
    let mut messages = Dict::new();
    for (i, (name, msg)) in ERRORS.iter().enumerate() {
        let code = Value::Int(i as i64 + 1);
        m.set(gil, &format!("XML_ERROR_{name}"), Value::str(msg));
        let _ = codes.insert(Value::str(msg), code.clone());
        let _ = messages.insert(code, Value::str(msg));
    }
    m.set(gil, "codes", Value::Dict(Arc::new(GilCell::new(codes))));
    m.set(
        gil,
        "messages",
        Value::Dict(Arc::new(GilCell::new(messages))),
    );
    Arc::new(m)
}

/// `xml.parsers.expat.ExpatError`.
fn error_type() -> &'static Arc<PyType> {
    ERROR.get_or_init(|| {
        Arc::new(PyType::builtin(
            "ExpatError",
            "xml.parsers.expat",
            Some(&types().exc.exception),
            Kind::Exception,
            None,
        ))
    })
}

fn parser_type() -> &'static Arc<PyType> {
    PARSER.get_or_init(|| {
        Arc::new(
            PyType::builtin(
                "xmlparser",
                "pyexpat",
                Some(&types().object),
                Kind::Object,
                Some(|_, _| Err(type_error("cannot create 'pyexpat.xmlparser' instances").into())),
            )
            .sealed(),
        )
    })
}

/// The `ExpatError` for `code` at `pos`: "message: line L, column C", with
/// `code`, `lineno` and `offset`.
fn expat_error(gil: Gil<'_>, code: u32, pos: scan::Pos) -> PyErr {
    let msg = format!(
        "{}: line {}, column {}",
        message(code).unwrap_or(""),
        pos.line,
        pos.col
    );
    let e = PyErr::msg(error_type(), msg);
    for (name, v) in [
        ("code", code as i64),
        ("offset", pos.col as i64),
        ("lineno", pos.line as i64),
    ] {
        let _ = set_attr(gil, &e.0, name, Some(Value::Int(v)));
    }
    e
}

fn native_object(o: impl crate::objects::object::NativeObject + 'static) -> Value {
    Value::Object(Arc::new(Object(Box::new(o))))
}

/// `ParserCreate(encoding=None, namespace_separator=None, intern=<new dict>)`.
fn parser_create(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(
        args,
        "ParserCreate",
        &["encoding", "namespace_separator", "intern"],
        0,
        3,
    )?;
    let text = |v: &Option<Value>, what: &str| -> Result<Option<String>, PyErr> {
        match v {
            None | Some(Value::None) => Ok(None),
            Some(v) => match v.as_str() {
                Some(s) => Ok(Some(s.to_owned())),
                None => Err(type_error(format!(
                    "ParserCreate() argument '{what}' must be str or None, not {}",
                    crate::objects::types::type_name(v)
                ))),
            },
        }
    };
    let encoding = text(&a[0], "encoding")?;
    let sep = text(&a[1], "namespace_separator")?;
    if sep.as_ref().is_some_and(|s| s.chars().count() > 1) {
        return Err(value_error(
            "namespace_separator must be at most one character, omitted, or None",
        )
        .into());
    }
    let intern = match &a[2] {
        None => Value::Dict(Arc::new(GilCell::new(Dict::new()))),
        Some(Value::None) => Value::None,
        Some(v @ Value::Dict(_)) => v.clone(),
        Some(_) => return Err(type_error("intern must be a dictionary").into()),
    };
    Ok(native_object(parser::XmlParser::new(encoding, sep, intern)))
}

/// `ErrorString(code, /)`: expat's message for an error code, `None` if unknown.
fn error_string(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("ErrorString", 1, 1)?;
    let code = arg_int(&args.pos[0], "ErrorString")?;
    Ok(u32::try_from(code)
        .ok()
        .and_then(message)
        .map_or(Value::None, Value::str))
}
