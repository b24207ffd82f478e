//! `TreeBuilder` (CPython's `TreeBuilderObject`) and `_set_factories`.
//!
//! Text arrives in pieces (`data`) and is joined when the next event comes, onto the
//! text of the element last started or the tail of the one last ended
//! (`last_for_tail`), appended to what is there already, as C's builder does.

use std::sync::Mutex;

use super::element::{exact, new_element, slots, KIDS, TAIL, TEXT};
use super::split_self;
use crate::native::*;
use crate::objects::class;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::object::{NativeObject, Object};
use crate::objects::rc::Arc;
use crate::objects::types::type_name;

pub(super) static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "__new__" => new, "__init__" => init, "start" => start, "end" => end,
    "data" => data, "comment" => comment, "pi" => pi, "close" => close,
];

const TNAME: &str = "xml.etree.ElementTree.TreeBuilder";

/// The module's comment and PI factories (`_set_factories`; ElementTree.py sets its
/// `Comment` and `ProcessingInstruction`).
static FACTORIES: Mutex<Option<(Value, Value)>> = Mutex::new(None);

fn factories() -> (Value, Value) {
    FACTORIES
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
        .unwrap_or((Value::None, Value::None))
}

/// `_set_factories(comment_factory, pi_factory)`: the old pair.
pub(super) fn set_factories(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_set_factories", 2, 2)?;
    let (c, p) = (args.at(0).clone(), args.at(1).clone());
    if !matches!(c, Value::None) && !is_callable(&c) {
        return Err(type_error(format!(
            "Comment factory must be callable, not {}",
            type_name(&c)
        ))
        .into());
    }
    if !matches!(p, Value::None) && !is_callable(&p) {
        return Err(type_error(format!(
            "PI factory must be callable, not {}",
            type_name(&p)
        ))
        .into());
    }
    let old = factories();
    *FACTORIES.lock().unwrap_or_else(|p| p.into_inner()) = Some((c, p));
    Ok(Value::tuple(vec![old.0, old.1]))
}

struct State {
    /// The first element started (`None` until then).
    root: Value,
    /// The element open now (`None` at the top).
    this: Value,
    /// The element last started or ended.
    last: Value,
    /// The element whose tail the next text is (`None`: it is `last`'s text).
    last_for_tail: Value,
    data: Vec<Value>,
    /// The open elements' parents.
    stack: Vec<Value>,
    factory: Value,
    comment_factory: Value,
    pi_factory: Value,
    insert_comments: bool,
    insert_pis: bool,
}

/// The state inside a `TreeBuilder` instance.
pub(super) struct Builder(GilCell<State>);

impl NativeObject for Builder {
    fn type_name(&self) -> &'static str {
        TNAME
    }
    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok("<object object at 0x0>".to_owned())
    }
    fn getattr(&self, _gil: Gil<'_>, _name: &str) -> Option<Value> {
        None
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The state of `v` when it is a `TreeBuilder` itself (not a subclass, whose methods
/// may differ: C's `TreeBuilder_CheckExact`).
pub(super) fn exact_builder(v: &Value) -> Option<&Builder> {
    match (v, super::TREEBUILDER.get()) {
        (Value::Instance(i), Some(t)) if Arc::ptr_eq(i.class(), t) => match &i.base {
            Value::Object(o) => o.0.as_any().downcast_ref::<Builder>(),
            _ => None,
        },
        _ => None,
    }
}

fn this<'v>(v: &'v Value, meth: &str) -> PyResult<&'v Builder> {
    let inner = class::payload(v).unwrap_or(v);
    match inner {
        Value::Object(o) => o.0.as_any().downcast_ref::<Builder>(),
        _ => None,
    }
    .ok_or_else(|| {
        type_error(format!(
            "descriptor '{meth}' for '{TNAME}' objects doesn't apply to a '{}' object",
            type_name(v)
        ))
        .into()
    })
}

fn new(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let cls = match args.pos.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => return Err(type_error("TreeBuilder.__new__(X): X is not a type object").into()),
    };
    let st = State {
        root: Value::None,
        this: Value::None,
        last: Value::None,
        last_for_tail: Value::None,
        data: Vec::new(),
        stack: Vec::new(),
        factory: Value::None,
        comment_factory: Value::None,
        pi_factory: Value::None,
        insert_comments: false,
        insert_pis: false,
    };
    Ok(class::instance_with(
        cls,
        Value::Object(Arc::new(Object(Box::new(Builder(GilCell::new(st)))))),
    ))
}

/// `TreeBuilder(element_factory=None, *, comment_factory=None, pi_factory=None,
/// insert_comments=False, insert_pis=False)`.
fn init(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (me, args) = split_self(args, "__init__")?;
    let b = this(&me, "__init__")?;
    let a = clinic(
        args,
        "TreeBuilder",
        &[
            "element_factory",
            "comment_factory",
            "pi_factory",
            "insert_comments",
            "insert_pis",
        ],
        0,
        1,
    )?;
    let get = |i: usize| a[i].clone().unwrap_or(Value::None);
    let insert_comments = match &a[3] {
        Some(v) => cx.truthy(v)?,
        None => false,
    };
    let insert_pis = match &a[4] {
        Some(v) => cx.truthy(v)?,
        None => false,
    };
    let (gc, gp) = factories();
    let mut st = b.0.borrow_mut(cx.gil);
    st.factory = get(0);
    st.comment_factory = match get(1) {
        Value::None => gc,
        f => f,
    };
    st.insert_comments = insert_comments && !matches!(st.comment_factory, Value::None);
    st.pi_factory = match get(2) {
        Value::None => gp,
        f => f,
    };
    st.insert_pis = insert_pis && !matches!(st.pi_factory, Value::None);
    Ok(Value::None)
}

/// `"".join(pieces)` (one piece is kept as it is).
fn join(cx: &mut Cx, mut pieces: Vec<Value>) -> PyResult<Value> {
    if pieces.len() == 1 {
        return Ok(pieces.pop().unwrap_or(Value::None));
    }
    if pieces.iter().all(|p| matches!(p, Value::Str(_))) {
        let mut s = String::new();
        for p in &pieces {
            if let Some(t) = p.as_str() {
                s.push_str(t);
            }
        }
        return Ok(Value::string(s));
    }
    let sep = Value::str("");
    let j = cx.load_attr(&sep, "join")?;
    cx.call(&j, vec![Value::list(pieces)])
}

/// Attach the collected text to `last`'s text or `last_for_tail`'s tail
/// (`treebuilder_flush_data`).
fn flush(cx: &mut Cx, b: &Builder) -> PyResult<()> {
    let (data, elem, slot) = {
        let mut st = b.0.borrow_mut(cx.gil);
        if st.data.is_empty() {
            return Ok(());
        }
        let data = std::mem::take(&mut st.data);
        if matches!(st.last_for_tail, Value::None) {
            (data, st.last.clone(), TEXT)
        } else {
            (data, st.last_for_tail.clone(), TAIL)
        }
    };
    let joined = join(cx, data)?;
    if exact(&elem) {
        if let Some(s) = slots(cx.gil, &elem) {
            let prev = s.borrow(cx.gil)[slot].clone();
            let v = match prev {
                Value::None => joined,
                p => cx.add(&p, &joined)?,
            };
            s.borrow_mut(cx.gil)[slot] = v;
        }
        return Ok(());
    }
    let name = if slot == TEXT { "text" } else { "tail" };
    let prev = cx.load_attr(&elem, name)?;
    let v = match prev {
        Value::None => joined,
        p => cx.add(&p, &joined)?,
    };
    cx.store_attr(&elem, name, Some(v))?;
    Ok(())
}

/// `parent.append(child)`: in place for an `Element`, else by its method.
fn add_child(cx: &mut Cx, parent: &Value, child: Value) -> PyResult<()> {
    if exact(parent) {
        if let Some(s) = slots(cx.gil, parent) {
            debug_assert!(s.borrow(cx.gil).len() >= KIDS);
            s.borrow_mut(cx.gil).push(child);
            return Ok(());
        }
    }
    let f = cx.load_attr(parent, "append")?;
    cx.call(&f, vec![child])?;
    Ok(())
}

/// `start(tag, attrs)`: the new element, open.
pub(super) fn handle_start(cx: &mut Cx, b: &Builder, tag: Value, attrs: Value) -> PyResult<Value> {
    flush(cx, b)?;
    let factory = b.0.borrow(cx.gil).factory.clone();
    let node = match factory {
        Value::None => new_element(cx.gil, tag, attrs),
        f => cx.call(&f, vec![tag, attrs])?,
    };
    let (cur, has_root) = {
        let st = b.0.borrow(cx.gil);
        (st.this.clone(), !matches!(st.root, Value::None))
    };
    if !matches!(cur, Value::None) {
        add_child(cx, &cur, node.clone())?;
    } else if has_root {
        return Err(super::parse_error("multiple elements on top level").into());
    } else {
        b.0.borrow_mut(cx.gil).root = node.clone();
    }
    let old = {
        let mut st = b.0.borrow_mut(cx.gil);
        st.stack.push(cur);
        st.this = node.clone();
        let a = std::mem::replace(&mut st.last, node.clone());
        let t = std::mem::replace(&mut st.last_for_tail, Value::None);
        (a, t)
    };
    drop(old);
    Ok(node)
}

/// `end(tag)`: the element closed.
pub(super) fn handle_end(cx: &mut Cx, b: &Builder) -> PyResult<Value> {
    flush(cx, b)?;
    let mut st = b.0.borrow_mut(cx.gil);
    let Some(parent) = st.stack.pop() else {
        return Err(index_error("pop from empty stack").into());
    };
    let closed = std::mem::replace(&mut st.this, parent);
    st.last = closed.clone();
    st.last_for_tail = closed.clone();
    Ok(closed)
}

pub(super) fn handle_data(cx: &mut Cx, b: &Builder, d: Value) {
    let mut st = b.0.borrow_mut(cx.gil);
    if st.data.is_empty() && matches!(st.last, Value::None) {
        return;
    }
    st.data.push(d);
}

fn start(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("start", 2, 2)?;
    let b = this(args.at(0), "start")?;
    let attrs = args.at(2);
    if !matches!(class::payload(attrs).unwrap_or(attrs), Value::Dict(_)) {
        return Err(type_error(format!(
            "start() argument 2 must be dict, not {}",
            type_name(attrs)
        ))
        .into());
    }
    handle_start(cx, b, args.at(1).clone(), attrs.clone())
}

fn end(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("end", 1, 1)?;
    let b = this(args.at(0), "end")?;
    handle_end(cx, b)
}

fn data(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("data", 1, 1)?;
    let b = this(args.at(0), "data")?;
    handle_data(cx, b, args.at(1).clone());
    Ok(Value::None)
}

/// A comment or PI: made by its factory (inserted under the open element when asked
/// for), else given back as it came.
fn single(
    cx: &mut Cx,
    b: &Builder,
    pi: bool,
    made: impl FnOnce(Value) -> Vec<Value>,
) -> PyResult<Option<Value>> {
    flush(cx, b)?;
    let (factory, insert, cur) = {
        let st = b.0.borrow(cx.gil);
        if pi {
            (st.pi_factory.clone(), st.insert_pis, st.this.clone())
        } else {
            (
                st.comment_factory.clone(),
                st.insert_comments,
                st.this.clone(),
            )
        }
    };
    if matches!(factory, Value::None) {
        return Ok(None);
    }
    let node = cx.call(&factory, made(factory.clone()))?;
    if insert && !matches!(cur, Value::None) {
        add_child(cx, &cur, node.clone())?;
        let old = std::mem::replace(&mut b.0.borrow_mut(cx.gil).last_for_tail, node.clone());
        drop(old);
    }
    Ok(Some(node))
}

pub(super) fn handle_comment(cx: &mut Cx, b: &Builder, text: Value) -> PyResult<Value> {
    let t = text.clone();
    Ok(single(cx, b, false, |_| vec![t])?.unwrap_or(text))
}

pub(super) fn handle_pi(cx: &mut Cx, b: &Builder, target: Value, text: Value) -> PyResult<Value> {
    let (t, x) = (target.clone(), text.clone());
    Ok(single(cx, b, true, |_| vec![t, x])?.unwrap_or_else(|| Value::tuple(vec![target, text])))
}

fn comment(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("comment", 1, 1)?;
    let b = this(args.at(0), "comment")?;
    handle_comment(cx, b, args.at(1).clone())
}

fn pi(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (me, args) = split_self(args, "pi")?;
    let b = this(&me, "pi")?;
    let a = clinic_posonly(args, "pi", &["target", "text"], 2, 1, 2)?;
    let target = a[0].clone().unwrap_or(Value::None);
    let text = a[1].clone().unwrap_or(Value::None);
    handle_pi(cx, b, target, text)
}

fn close(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("close", 0, 0)?;
    let b = this(args.at(0), "close")?;
    Ok(b.0.borrow(cx.gil).root.clone())
}
