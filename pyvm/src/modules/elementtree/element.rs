//! `Element` (CPython's `ElementObject`) and `SubElement`.

use super::{call_module, element_type, split_self};
use crate::native::*;
use crate::objects::class;
use crate::objects::dict::Dict;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::iter::{Iter, NativeIter};
use crate::objects::rc::Arc;
use crate::objects::types::type_name;

pub(super) static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "__new__" => new, "__init__" => init,
    "append" => append, "extend" => extend, "insert" => insert,
    "remove" => remove, "clear" => clear, "get" => get, "set" => set,
    "keys" => keys, "items" => items, "find" => find, "findtext" => findtext,
    "findall" => findall, "iterfind" => iterfind, "iter" => iter,
    "itertext" => itertext, "makeelement" => makeelement, "__copy__" => copy,
    "__deepcopy__" => deepcopy, "__getstate__" => getstate, "__setstate__" => setstate,
    "__sizeof__" => sizeof, "__len__" => len, "__getitem__" => getitem,
    "__setitem__" => setitem, "__delitem__" => delitem, "__iter__" => dunder_iter,
    "__repr__" => repr,
];

/// The getters and setters of the four attributes, in pairs, and the deleter.
pub(super) static ACCESSORS: &[NativeDef] = crate::objects::methods::natives![
    "tag" => get_tag, "tag" => set_tag, "text" => get_text, "text" => set_text,
    "tail" => get_tail, "tail" => set_tail, "attrib" => get_attrib, "attrib" => set_attrib,
    "__delete__" => del_attr,
];

/// The attributes' docstrings (C's getset table), in `ACCESSORS`' order.
pub(super) static DOCS: &[&str] = &[
    "A string identifying what kind of data this element represents",
    "A string of text directly after the start tag, or None",
    "A string of text directly after the end tag, or None",
    "A dictionary containing the element's attributes",
];

const TNAME: &str = "xml.etree.ElementTree.Element";
pub(super) const TAG: usize = 0;
pub(super) const ATTRIB: usize = 1;
pub(super) const TEXT: usize = 2;
pub(super) const TAIL: usize = 3;
/// Where the children start in an element's list.
pub(super) const KIDS: usize = 4;

/// An element's list: `[tag, attrib, text, tail, child...]`.
pub(super) type Slots = Arc<GilCell<Vec<Value>>>;

/// The list inside `v` when `v` is an `Element` (or a subclass instance).
pub(super) fn slots(gil: Gil<'_>, v: &Value) -> Option<Slots> {
    match v {
        Value::Instance(i) => match &i.base {
            Value::Cell(c) if is_element_class(i.class()) => match &*c.borrow(gil) {
                Value::List(l) => Some(l.clone()),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

/// An element's built-in value around its list: a cell (which the cycle collector
/// walks, and which no operator of a built-in type applies to).
fn boxed(items: Vec<Value>) -> Value {
    Value::Cell(Arc::new(GilCell::new(Value::list(items))))
}

fn is_element_class(cls: &Arc<crate::objects::types::PyType>) -> bool {
    let Some(e) = element_type() else {
        return false;
    };
    Arc::ptr_eq(cls, e) || cls.mro.iter().any(|t| Arc::ptr_eq(t, e))
}

/// Is `v` an `Element` itself (CPython's `Element_CheckExact`)?
pub(super) fn exact(v: &Value) -> bool {
    match (v, element_type()) {
        (Value::Instance(i), Some(e)) => Arc::ptr_eq(i.class(), e),
        _ => false,
    }
}

/// A new `Element` (`create_new_element`): `attrib` is kept as given (`None`, or a
/// dict the caller copied), an empty dict as `None`.
pub(super) fn new_element(gil: Gil<'_>, tag: Value, attrib: Value) -> Value {
    let attrib = match &attrib {
        Value::Dict(d) if d.borrow(gil).is_empty() => Value::None,
        _ => attrib,
    };
    let cls = element_type().expect("_elementtree initialised").clone();
    class::instance_with(cls, boxed(vec![tag, attrib, Value::None, Value::None]))
}

/// The element `self` of a method, else CPython's descriptor error.
fn this(gil: Gil<'_>, v: &Value, meth: &str) -> PyResult<Slots> {
    slots(gil, v).ok_or_else(|| {
        type_error(format!(
            "descriptor '{meth}' for '{TNAME}' objects doesn't apply to a '{}' object",
            type_name(v)
        ))
        .into()
    })
}

/// Argument Clinic's `object(subclass_of='&Element_Type')` check.
fn want_element(gil: Gil<'_>, v: &Value, func: &str, which: &str) -> PyResult<()> {
    if slots(gil, v).is_some() {
        return Ok(());
    }
    Err(type_error(format!(
        "{func}() {which} must be {TNAME}, not {}",
        arg_type_name(v)
    ))
    .into())
}

/// The type `_PyArg_BadArgument` names: `None` for `None`.
fn arg_type_name(v: &Value) -> String {
    match v {
        Value::None => "None".to_owned(),
        _ => type_name(v),
    }
}

/// `raise_type_error`: an item of a sequence that is not an element.
fn not_element(v: &Value) -> PyErr {
    type_error(format!("expected an Element, not \"{}\"", type_name(v)))
}

/// The dict inside `v` (a dict or an instance of a dict subclass).
fn as_dict(v: &Value) -> Option<&Arc<GilCell<Dict>>> {
    match class::payload(v).unwrap_or(v) {
        Value::Dict(d) => Some(d),
        _ => None,
    }
}

fn copy_dict(gil: Gil<'_>, d: &Arc<GilCell<Dict>>) -> Value {
    Value::dict(d.borrow(gil).clone())
}

/// `Element.__new__(cls)`: tag, text and tail `None`.
fn new(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let cls = match args.pos.first() {
        Some(Value::Type(t)) => t.clone(),
        Some(v) => {
            return Err(type_error(format!(
                "Element.__new__(X): X is not a type object ({})",
                type_name(v)
            ))
            .into())
        }
        None => return Err(type_error("Element.__new__(): not enough arguments").into()),
    };
    Ok(class::instance_with(
        cls,
        boxed(vec![Value::None, Value::None, Value::None, Value::None]),
    ))
}

/// `attrib` and the keywords merged (`get_attrib_from_keywords` and the positional
/// case): `None` for neither.
fn merge_attrib(
    cx: &mut Cx,
    func: &str,
    attrib: Option<&Value>,
    kw: Vec<(String, Value)>,
) -> PyResult<Value> {
    let d = match attrib {
        Some(a) => match as_dict(a) {
            Some(d) => copy_dict(cx.gil, d),
            None => {
                return Err(type_error(format!(
                    "{func}() argument 2 must be dict, not {}",
                    arg_type_name(a)
                ))
                .into())
            }
        },
        None => {
            if kw.is_empty() {
                return Ok(Value::None);
            }
            match kw.iter().find(|(k, _)| k == "attrib") {
                Some((_, a)) => match as_dict(a) {
                    Some(d) => copy_dict(cx.gil, d),
                    None => {
                        return Err(type_error(format!(
                            "attrib must be dict, not {}",
                            type_name(a)
                        ))
                        .into())
                    }
                },
                None => Value::dict(Dict::new()),
            }
        }
    };
    let Value::Dict(dr) = &d else {
        return Ok(d);
    };
    for (k, v) in kw {
        if attrib.is_none() && k == "attrib" {
            continue;
        }
        dict_set(cx.gil, dr, Value::string(k), v)?;
    }
    Ok(d)
}

/// `Element.__init__(self, tag, attrib={}, **extra)`.
fn init(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (me, mut args) = split_self(args, "__init__")?;
    let s = this(cx.gil, &me, "__init__")?;
    let n = args.pos.len();
    if n == 0 {
        return Err(type_error("Element() takes at least 1 argument (0 given)").into());
    }
    if n > 2 {
        return Err(type_error(format!("Element() takes at most 2 arguments ({n} given)")).into());
    }
    let kw = std::mem::take(&mut args.kw);
    let attrib = merge_attrib(cx, "Element", args.get(1), kw)?;
    let attrib = match &attrib {
        Value::Dict(d) if d.borrow(cx.gil).is_empty() => Value::None,
        _ => attrib,
    };
    let mut l = s.borrow_mut(cx.gil);
    l[TAG] = args.pos[0].clone();
    l[TEXT] = Value::None;
    l[TAIL] = Value::None;
    if !matches!(attrib, Value::None) {
        l[ATTRIB] = attrib;
    }
    Ok(Value::None)
}

/// `SubElement(parent, tag, attrib={}, **extra)`: a new `Element` appended to
/// `parent`.
pub(super) fn sub_element(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let n = args.pos.len();
    if n < 2 {
        return Err(type_error(format!(
            "SubElement() takes at least 2 arguments ({n} given)"
        ))
        .into());
    }
    if n > 3 {
        return Err(type_error(format!(
            "SubElement() takes at most 3 arguments ({n} given)"
        ))
        .into());
    }
    let parent = args.pos[0].clone();
    let Some(ps) = slots(cx.gil, &parent) else {
        return Err(type_error(format!(
            "SubElement() argument 1 must be {TNAME}, not {}",
            arg_type_name(&parent)
        ))
        .into());
    };
    if let Some(a) = args.get(2) {
        if as_dict(a).is_none() {
            return Err(type_error(format!(
                "SubElement() argument 3 must be dict, not {}",
                arg_type_name(a)
            ))
            .into());
        }
    }
    let kw = std::mem::take(&mut args.kw);
    let attrib = merge_attrib(cx, "SubElement", args.get(2), kw)?;
    let e = new_element(cx.gil, args.pos[1].clone(), attrib);
    ps.borrow_mut(cx.gil).push(e.clone());
    Ok(e)
}

fn getter(cx: &mut Cx, args: &Args, name: &str, slot: usize) -> PyResult<Value> {
    let me = args.get(0).unwrap_or(&Value::None);
    let s = this(cx.gil, me, name)?;
    let v = s.borrow(cx.gil)[slot].clone();
    Ok(v)
}

fn setter(cx: &mut Cx, args: &Args, name: &str, slot: usize) -> PyResult<Value> {
    let me = args.get(0).unwrap_or(&Value::None);
    let s = this(cx.gil, me, name)?;
    let v = match args.get(1) {
        Some(v) => v.clone(),
        None => return Err(type_error("can't delete element attribute").into()),
    };
    let old = std::mem::replace(&mut s.borrow_mut(cx.gil)[slot], v);
    drop(old);
    Ok(Value::None)
}

fn get_tag(cx: &mut Cx, args: Args) -> PyResult<Value> {
    getter(cx, &args, "tag", TAG)
}
fn set_tag(cx: &mut Cx, args: Args) -> PyResult<Value> {
    setter(cx, &args, "tag", TAG)
}
fn get_text(cx: &mut Cx, args: Args) -> PyResult<Value> {
    getter(cx, &args, "text", TEXT)
}
fn set_text(cx: &mut Cx, args: Args) -> PyResult<Value> {
    setter(cx, &args, "text", TEXT)
}
fn get_tail(cx: &mut Cx, args: Args) -> PyResult<Value> {
    getter(cx, &args, "tail", TAIL)
}
fn set_tail(cx: &mut Cx, args: Args) -> PyResult<Value> {
    setter(cx, &args, "tail", TAIL)
}

/// The attribute dict, made when first asked for (`element_get_attrib`).
pub(super) fn attrib_of(gil: Gil<'_>, s: &Slots) -> Value {
    let mut l = s.borrow_mut(gil);
    if matches!(l[ATTRIB], Value::None) {
        l[ATTRIB] = Value::dict(Dict::new());
    }
    l[ATTRIB].clone()
}

fn get_attrib(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let s = this(cx.gil, args.get(0).unwrap_or(&Value::None), "attrib")?;
    Ok(attrib_of(cx.gil, &s))
}

fn set_attrib(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let s = this(cx.gil, args.get(0).unwrap_or(&Value::None), "attrib")?;
    let v = match args.get(1) {
        Some(v) => v.clone(),
        None => return Err(type_error("can't delete element attribute").into()),
    };
    if as_dict(&v).is_none() {
        return Err(type_error(format!("attrib must be dict, not {}", type_name(&v))).into());
    }
    let old = std::mem::replace(&mut s.borrow_mut(cx.gil)[ATTRIB], v);
    drop(old);
    Ok(Value::None)
}

fn append(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("append", 1, 1)?;
    let s = this(cx.gil, args.at(0), "append")?;
    want_element(cx.gil, args.at(1), "append", "argument")?;
    s.borrow_mut(cx.gil).push(args.at(1).clone());
    Ok(Value::None)
}

fn extend(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("extend", 1, 1)?;
    let s = this(cx.gil, args.at(0), "extend")?;
    let seq = args.at(1);
    let items = match cx.collect(seq) {
        Ok(v) => v,
        Err(deferred::Unwind::Raise(e))
            if e.is_instance(&crate::objects::types::types().exc.type_error) =>
        {
            return Err(type_error(format!("expected sequence, not \"{}\"", type_name(seq))).into())
        }
        Err(e) => return Err(e),
    };
    for e in items {
        if slots(cx.gil, &e).is_none() {
            return Err(not_element(&e).into());
        }
        s.borrow_mut(cx.gil).push(e);
    }
    Ok(Value::None)
}

/// A `Py_ssize_t` argument (`__index__`).
fn ssize(cx: &mut Cx, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        _ => match crate::modules::builtins::number_index(cx, v)? {
            Value::Int(i) => Ok(i),
            _ => Err(overflow_error("Python int too large to convert to C ssize_t").into()),
        },
    }
}

fn insert(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("insert", 2, 2)?;
    let s = this(cx.gil, args.at(0), "insert")?;
    let index = ssize(cx, args.at(1))?;
    want_element(cx.gil, args.at(2), "insert", "argument 2")?;
    let mut l = s.borrow_mut(cx.gil);
    let n = (l.len() - KIDS) as i64;
    let mut i = index;
    if i < 0 {
        i = (i + n).max(0);
    }
    let i = i.min(n) as usize;
    l.insert(KIDS + i, args.at(2).clone());
    Ok(Value::None)
}

fn remove(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("remove", 1, 1)?;
    let s = this(cx.gil, args.at(0), "remove")?;
    let sub = args.at(1);
    want_element(cx.gil, sub, "remove", "argument")?;
    let mut i = KIDS;
    loop {
        let c = match s.borrow(cx.gil).get(i) {
            Some(c) => c.clone(),
            None => return Err(value_error("list.remove(x): x not in list").into()),
        };
        if c.is(sub) || cx.eq(&c, sub)? {
            break;
        }
        i += 1;
    }
    let mut l = s.borrow_mut(cx.gil);
    if i < l.len() {
        let old = l.remove(i);
        drop(l);
        drop(old);
    }
    Ok(Value::None)
}

fn clear(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("clear", 0, 0)?;
    let s = this(cx.gil, args.at(0), "clear")?;
    let old: Vec<Value> = {
        let mut l = s.borrow_mut(cx.gil);
        let kids = l.split_off(KIDS);
        let a = std::mem::replace(&mut l[ATTRIB], Value::None);
        let t = std::mem::replace(&mut l[TEXT], Value::None);
        let tl = std::mem::replace(&mut l[TAIL], Value::None);
        kids.into_iter().chain([a, t, tl]).collect()
    };
    drop(old);
    Ok(Value::None)
}

/// The attribute dict, if the element has one.
fn attrib_dict(gil: Gil<'_>, s: &Slots) -> Option<Arc<GilCell<Dict>>> {
    as_dict(&s.borrow(gil)[ATTRIB]).cloned()
}

fn get(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (me, args) = split_self(args, "get")?;
    let s = this(cx.gil, &me, "get")?;
    let a = clinic(args, "get", &["key", "default"], 1, 2)?;
    let key = a[0].clone().unwrap_or(Value::None);
    let default = a[1].clone().unwrap_or(Value::None);
    let Some(d) = attrib_dict(cx.gil, &s) else {
        return Ok(default);
    };
    Ok(dict_get(cx.gil, &d, &key)?.unwrap_or(default))
}

fn set(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("set", 2, 2)?;
    let s = this(cx.gil, args.at(0), "set")?;
    let a = attrib_of(cx.gil, &s);
    match as_dict(&a) {
        Some(d) => dict_set(cx.gil, d, args.at(1).clone(), args.at(2).clone())?,
        None => cx.setitem(&a, args.at(1).clone(), args.at(2).clone())?,
    }
    Ok(Value::None)
}

fn keys(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("keys", 0, 0)?;
    let s = this(cx.gil, args.at(0), "keys")?;
    let Some(d) = attrib_dict(cx.gil, &s) else {
        return Ok(Value::list(Vec::new()));
    };
    let ks = d.borrow(cx.gil).iter().map(|(k, _)| k.clone()).collect();
    Ok(Value::list(ks))
}

fn items(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("items", 0, 0)?;
    let s = this(cx.gil, args.at(0), "items")?;
    let Some(d) = attrib_dict(cx.gil, &s) else {
        return Ok(Value::list(Vec::new()));
    };
    let its = d
        .borrow(cx.gil)
        .iter()
        .map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()]))
        .collect();
    Ok(Value::list(its))
}

/// `checkpath`: could `tag` be a path expression (ElementPath's business)?
fn checkpath(tag: &Value) -> bool {
    let scan = |b: &[u8]| {
        let mut check = true;
        for &c in b {
            match c {
                b'{' => check = false,
                b'}' => check = true,
                b'/' | b'*' | b'[' | b'@' | b'.' if check => return true,
                _ => {}
            }
        }
        false
    };
    match tag {
        Value::Str(s) => {
            let b = s.as_str().as_bytes();
            // A wildcard namespace: `{}tag`, `{*}tag`.
            if b.len() >= 3 && b[0] == b'{' && (b[1] == b'}' || (b[1] == b'*' && b[2] == b'}')) {
                return true;
            }
            scan(b)
        }
        Value::Bytes(b) => scan(b),
        _ => true,
    }
}

/// `a == b` for tags: str fast path.
fn tag_eq(cx: &mut Cx, a: &Value, b: &Value) -> PyResult<bool> {
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Ok(x.as_str() == y.as_str()),
        _ => cx.eq(a, b),
    }
}

/// The children of `s` (a copy of the handles).
fn kids(gil: Gil<'_>, s: &Slots) -> Vec<Value> {
    s.borrow(gil)[KIDS..].to_vec()
}

/// Path arguments `(path, [default,] namespaces)` of the find methods.
fn find_args(args: Args, name: &str, with_default: bool) -> PyResult<(Value, Value, Value, Value)> {
    let (me, args) = split_self(args, name)?;
    let a = if with_default {
        clinic(args, name, &["path", "default", "namespaces"], 1, 3)?
    } else {
        let mut a = clinic(args, name, &["path", "namespaces"], 1, 2)?;
        a.insert(1, None);
        a
    };
    let path = a[0].clone().unwrap_or(Value::None);
    let default = a[1].clone().unwrap_or(Value::None);
    let ns = a[2].clone().unwrap_or(Value::None);
    Ok((me, path, default, ns))
}

fn find(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (me, path, _, ns) = find_args(args, "find", false)?;
    let s = this(cx.gil, &me, "find")?;
    if checkpath(&path) || !matches!(ns, Value::None) {
        return call_module(cx, "xml.etree.ElementPath", "find", vec![me, path, ns]);
    }
    for c in kids(cx.gil, &s) {
        let t = slots(cx.gil, &c).map(|cs| cs.borrow(cx.gil)[TAG].clone());
        if tag_eq(cx, &t.unwrap_or(Value::None), &path)? {
            return Ok(c);
        }
    }
    Ok(Value::None)
}

fn findtext(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (me, path, default, ns) = find_args(args, "findtext", true)?;
    let s = this(cx.gil, &me, "findtext")?;
    if checkpath(&path) || !matches!(ns, Value::None) {
        return call_module(
            cx,
            "xml.etree.ElementPath",
            "findtext",
            vec![me, path, default, ns],
        );
    }
    for c in kids(cx.gil, &s) {
        let (t, text) = match slots(cx.gil, &c) {
            Some(cs) => {
                let l = cs.borrow(cx.gil);
                (l[TAG].clone(), l[TEXT].clone())
            }
            None => continue,
        };
        if tag_eq(cx, &t, &path)? {
            return Ok(match text {
                Value::None => Value::str(""),
                t => t,
            });
        }
    }
    Ok(default)
}

fn findall(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (me, path, _, ns) = find_args(args, "findall", false)?;
    let s = this(cx.gil, &me, "findall")?;
    if checkpath(&path) || !matches!(ns, Value::None) {
        return call_module(cx, "xml.etree.ElementPath", "findall", vec![me, path, ns]);
    }
    let mut out = Vec::new();
    for c in kids(cx.gil, &s) {
        let t = slots(cx.gil, &c).map(|cs| cs.borrow(cx.gil)[TAG].clone());
        if tag_eq(cx, &t.unwrap_or(Value::None), &path)? {
            out.push(c);
        }
    }
    Ok(Value::list(out))
}

fn iterfind(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (me, path, _, ns) = find_args(args, "iterfind", false)?;
    this(cx.gil, &me, "iterfind")?;
    call_module(cx, "xml.etree.ElementPath", "iterfind", vec![me, path, ns])
}

/// `_elementtree._element_iterator`: `iter(tag)` and `itertext()`, depth first.
struct ElemIter {
    /// The element iteration starts from, until visited.
    root: Option<Value>,
    /// `None`: every element.
    tag: Value,
    gettext: bool,
    /// The elements being walked and the index of the next child of each.
    stack: Vec<(Slots, usize)>,
}

impl NativeIter for ElemIter {
    fn type_name(&self) -> &'static str {
        "_elementtree._element_iterator"
    }

    fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        loop {
            let elem = if self.stack.is_empty() {
                match self.root.take() {
                    Some(r) => r,
                    None => return Ok(None),
                }
            } else {
                let (s, i) = self.stack.last_mut().expect("not empty");
                let child = s.borrow(cx.gil).get(KIDS + *i).cloned();
                match child {
                    Some(c) => {
                        *i += 1;
                        c
                    }
                    None => {
                        let (s, _) = self.stack.pop().expect("not empty");
                        if self.gettext && !self.stack.is_empty() {
                            let tail = s.borrow(cx.gil)[TAIL].clone();
                            if truthy_text(cx, &tail)? {
                                return Ok(Some(tail));
                            }
                        }
                        continue;
                    }
                }
            };
            let Some(es) = slots(cx.gil, &elem) else {
                return Err(not_element(&elem).into());
            };
            let (tag, text) = {
                let l = es.borrow(cx.gil);
                (l[TAG].clone(), l[TEXT].clone())
            };
            self.stack.push((es, 0));
            if self.gettext {
                if truthy_text(cx, &text)? {
                    return Ok(Some(text));
                }
                continue;
            }
            if matches!(self.tag, Value::None) || tag_eq(cx, &tag, &self.tag.clone())? {
                return Ok(Some(elem));
            }
        }
    }
}

fn truthy_text(cx: &mut Cx, v: &Value) -> PyResult<bool> {
    match v {
        Value::None => Ok(false),
        Value::Str(s) => Ok(!s.as_str().is_empty()),
        _ => cx.truthy(v),
    }
}

fn elem_iter(me: Value, tag: Value, gettext: bool) -> Value {
    let tag = match &tag {
        Value::Str(s) if s.as_str() == "*" => Value::None,
        Value::Bytes(b) if b.as_slice() == b"*" => Value::None,
        _ => tag,
    };
    crate::modules::itertools::make(ElemIter {
        root: Some(me),
        tag,
        gettext,
        stack: Vec::new(),
    })
}

fn iter(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (me, args) = split_self(args, "iter")?;
    this(cx.gil, &me, "iter")?;
    let a = clinic(args, "iter", &["tag"], 0, 1)?;
    Ok(elem_iter(me, a[0].clone().unwrap_or(Value::None), false))
}

fn itertext(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("itertext", 0, 0)?;
    this(cx.gil, args.at(0), "itertext")?;
    Ok(elem_iter(args.at(0).clone(), Value::None, true))
}

fn makeelement(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("makeelement", 2, 2)?;
    this(cx.gil, args.at(0), "makeelement")?;
    let Some(d) = as_dict(args.at(2)) else {
        return Err(type_error(format!(
            "makeelement() argument 2 must be dict, not {}",
            arg_type_name(args.at(2))
        ))
        .into());
    };
    let attrib = copy_dict(cx.gil, d);
    Ok(new_element(cx.gil, args.at(1).clone(), attrib))
}

fn copy(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__copy__", 0, 0)?;
    let s = this(cx.gil, args.at(0), "__copy__")?;
    let l = s.borrow(cx.gil).clone();
    let cls = element_type().expect("initialised").clone();
    Ok(class::instance_with(cls, boxed(l)))
}

fn deepcopy(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__deepcopy__", 1, 1)?;
    let me = args.at(0).clone();
    let s = this(cx.gil, &me, "__deepcopy__")?;
    let memo = args.at(1).clone();
    let copy_mod = super::import(cx, "copy")?;
    let dc = cx.load_attr(&copy_mod, "deepcopy")?;
    let l = s.borrow(cx.gil).clone();
    let tag = cx.call(&dc, vec![l[TAG].clone(), memo.clone()])?;
    let attrib = match &l[ATTRIB] {
        Value::None => Value::None,
        a => cx.call(&dc, vec![a.clone(), memo.clone()])?,
    };
    let e = new_element(cx.gil, tag, attrib);
    let text = cx.call(&dc, vec![l[TEXT].clone(), memo.clone()])?;
    let tail = cx.call(&dc, vec![l[TAIL].clone(), memo.clone()])?;
    let mut kids = Vec::with_capacity(l.len() - KIDS);
    for c in &l[KIDS..] {
        let k = cx.call(&dc, vec![c.clone(), memo.clone()])?;
        if slots(cx.gil, &k).is_none() {
            return Err(not_element(&k).into());
        }
        kids.push(k);
    }
    if let Some(es) = slots(cx.gil, &e) {
        let mut el = es.borrow_mut(cx.gil);
        el[TEXT] = text;
        el[TAIL] = tail;
        el.extend(kids);
    }
    let id = Value::Int(crate::modules::builtins::object_id(&me));
    cx.setitem(&memo, id, e.clone())?;
    Ok(e)
}

fn getstate(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__getstate__", 0, 0)?;
    let s = this(cx.gil, args.at(0), "__getstate__")?;
    let l = s.borrow(cx.gil).clone();
    let mut d = Dict::new();
    let attrib = match &l[ATTRIB] {
        Value::None => Value::dict(Dict::new()),
        a => a.clone(),
    };
    for (k, v) in [
        ("tag", l[TAG].clone()),
        ("_children", Value::list(l[KIDS..].to_vec())),
        ("attrib", attrib),
        ("text", l[TEXT].clone()),
        ("tail", l[TAIL].clone()),
    ] {
        d.insert(Value::str(k), v)?;
    }
    Ok(Value::dict(d))
}

fn setstate(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__setstate__", 1, 1)?;
    let s = this(cx.gil, args.at(0), "__setstate__")?;
    let state = args.at(1);
    let Value::Dict(d) = state else {
        let r = cx.repr(state)?;
        return Err(type_error(format!("Don't know how to unpickle \"{r}\" as an Element")).into());
    };
    let d = d.borrow(cx.gil).clone();
    let mut got: [Option<Value>; 5] = Default::default();
    const NAMES: [&str; 5] = ["tag", "attrib", "text", "tail", "_children"];
    for (k, v) in d.iter() {
        let pos = k.as_str().and_then(|k| NAMES.iter().position(|n| *n == k));
        match pos {
            Some(i) => got[i] = Some(v.clone()),
            None => {
                let r = cx.str(k)?;
                return Err(type_error(format!(
                    "'{r}' is an invalid keyword argument for __setstate__()"
                ))
                .into());
            }
        }
    }
    let [tag, attrib, text, tail, children] = got;
    let Some(tag) = tag else {
        return Err(type_error("tag may not be NULL").into());
    };
    let kids = match &children {
        None => Vec::new(),
        Some(Value::List(l)) => l.borrow(cx.gil).clone(),
        Some(_) => return Err(type_error("'_children' is not a list").into()),
    };
    for k in &kids {
        if slots(cx.gil, k).is_none() {
            return Err(not_element(k).into());
        }
    }
    let mut l = s.borrow_mut(cx.gil);
    l.truncate(KIDS);
    l[TAG] = tag;
    l[TEXT] = text.unwrap_or(Value::None);
    l[TAIL] = tail.unwrap_or(Value::None);
    if let Some(a) = attrib {
        l[ATTRIB] = a;
    }
    l.extend(kids);
    Ok(Value::None)
}

fn sizeof(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__sizeof__", 0, 0)?;
    let s = this(cx.gil, args.at(0), "__sizeof__")?;
    let l = s.borrow(cx.gil);
    // CPython's: the object (72 bytes), its `extra` (72) when it has attributes or
    // children, and a children array past 4 children.
    let n = l.len() - KIDS;
    let mut size = 72;
    if n > 0 || !matches!(l[ATTRIB], Value::None) {
        size += 72;
        if n > 4 {
            size += 8 * n;
        }
    }
    Ok(Value::Int(size as i64))
}

fn len(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__len__", 0, 0)?;
    let s = this(cx.gil, args.at(0), "__len__")?;
    let n = s.borrow(cx.gil).len() - KIDS;
    Ok(Value::Int(n as i64))
}

/// A subscript that is an index (`PyIndex_Check`), as an `i64`.
fn as_index(cx: &mut Cx, key: &Value) -> PyResult<Option<i64>> {
    match key {
        Value::Int(i) => Ok(Some(*i)),
        Value::Bool(b) => Ok(Some(*b as i64)),
        Value::Slice(_) => Ok(None),
        _ => {
            let indexable = matches!(key, Value::Big(_))
                || crate::objects::int::as_index(key).is_some()
                || class::special(cx.gil, key, "__index__").is_some();
            if !indexable {
                return Ok(None);
            }
            match crate::modules::builtins::number_index(cx, key)? {
                Value::Int(i) => Ok(Some(i)),
                _ => Err(PyErr::msg(
                    &crate::objects::types::types().exc.index_error,
                    format!(
                        "cannot fit '{}' into an index-sized integer",
                        type_name(key)
                    ),
                )
                .into()),
            }
        }
    }
}

fn is_slice(v: &Value) -> bool {
    matches!(v, Value::Slice(_))
}

fn getitem(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__getitem__", 1, 1)?;
    let s = this(cx.gil, args.at(0), "__getitem__")?;
    let key = args.at(1);
    if let Some(i) = as_index(cx, key)? {
        let l = s.borrow(cx.gil);
        let n = (l.len() - KIDS) as i64;
        let i = if i < 0 { i + n } else { i };
        if i < 0 || i >= n {
            return Err(index_error("child index out of range").into());
        }
        return Ok(l[KIDS + i as usize].clone());
    }
    if is_slice(key) {
        let tmp = Value::list(kids(cx.gil, &s));
        return cx.getitem(&tmp, key);
    }
    Err(type_error("element indices must be integers").into())
}

fn setitem(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__setitem__", 2, 2)?;
    let s = this(cx.gil, args.at(0), "__setitem__")?;
    let key = args.at(1);
    let v = args.at(2);
    if let Some(i) = as_index(cx, key)? {
        if slots(cx.gil, v).is_none() {
            return Err(not_element(v).into());
        }
        let mut l = s.borrow_mut(cx.gil);
        let n = (l.len() - KIDS) as i64;
        let i = if i < 0 { i + n } else { i };
        if i < 0 || i >= n {
            return Err(index_error("child assignment index out of range").into());
        }
        let old = std::mem::replace(&mut l[KIDS + i as usize], v.clone());
        drop(l);
        drop(old);
        return Ok(Value::None);
    }
    if is_slice(key) {
        let items = match cx.collect(v) {
            Ok(items) => items,
            Err(deferred::Unwind::Raise(e))
                if e.is_instance(&crate::objects::types::types().exc.type_error) =>
            {
                return Err(
                    type_error(format!("expected sequence, not \"{}\"", type_name(v))).into(),
                )
            }
            Err(e) => return Err(e),
        };
        for it in &items {
            if slots(cx.gil, it).is_none() {
                return Err(not_element(it).into());
            }
        }
        return splice(cx, &s, |cx, tmp| {
            cx.setitem(tmp, key.clone(), Value::list(items))
        });
    }
    Err(type_error("element indices must be integers").into())
}

/// Change the children as a list: `f` on a list of them, written back.
fn splice(
    cx: &mut Cx,
    s: &Slots,
    f: impl FnOnce(&mut Cx, &Value) -> PyResult<()>,
) -> PyResult<Value> {
    let tmp = Value::list(kids(cx.gil, s));
    f(cx, &tmp)?;
    let new = match &tmp {
        Value::List(t) => std::mem::take(&mut *t.borrow_mut(cx.gil)),
        _ => Vec::new(),
    };
    let old = {
        let mut l = s.borrow_mut(cx.gil);
        let old = l.split_off(KIDS);
        l.extend(new);
        old
    };
    drop(old);
    Ok(Value::None)
}

fn delitem(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__delitem__", 1, 1)?;
    let s = this(cx.gil, args.at(0), "__delitem__")?;
    let key = args.at(1);
    if let Some(i) = as_index(cx, key)? {
        let mut l = s.borrow_mut(cx.gil);
        let n = (l.len() - KIDS) as i64;
        let i = if i < 0 { i + n } else { i };
        if i < 0 || i >= n {
            return Err(index_error("child assignment index out of range").into());
        }
        let old = l.remove(KIDS + i as usize);
        drop(l);
        drop(old);
        return Ok(Value::None);
    }
    if is_slice(key) {
        return splice(cx, &s, |cx, tmp| cx.delitem(tmp, key));
    }
    Err(type_error("element indices must be integers").into())
}

/// `iter(e)`: a `list_iterator` over the element's list from its first child, so it
/// sees children appended or removed meanwhile (CPython's sequence iterator).
fn dunder_iter(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__iter__", 0, 0)?;
    let s = this(cx.gil, args.at(0), "__iter__")?;
    Ok(Value::Iter(Arc::new(GilCell::new(Iter::Seq {
        seq: Value::List(s.clone()),
        idx: KIDS,
    }))))
}

fn repr(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__repr__", 0, 0)?;
    let me = args.at(0);
    let s = this(cx.gil, me, "__repr__")?;
    let tag = s.borrow(cx.gil)[TAG].clone();
    let id = crate::modules::builtins::object_id(me);
    let r = cx.repr(&tag)?;
    Ok(Value::string(format!("<Element {r} at 0x{id:x}>")))
}

/// `del e.tag` (and the other attributes): C's setter refuses.
fn del_attr(_cx: &mut Cx, _args: Args) -> PyResult<Value> {
    Err(attribute_error("can't delete element attribute").into())
}
