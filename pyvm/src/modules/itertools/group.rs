//! Iterators that share state between several objects: `groupby` and its groupers,
//! `tee`'s copies. The shared state sits in a `GilCell`, never borrowed while
//! Python runs.

use crate::objects::rc::Arc;
use std::collections::VecDeque;

use super::{make, positional, state_items, ty};
use crate::native::*;
use crate::objects::gil::GilCell;
use crate::objects::iter::NativeIter;

/// CPython's groupby object: the input, the key function, the current value and
/// key, the key of the group being handed out, and which grouper is current.
struct GroupState {
    it: Value,
    keyfunc: Value,
    tgtkey: Option<Value>,
    currkey: Option<Value>,
    currvalue: Option<Value>,
    /// Bumped for each new group: an older grouper is exhausted.
    generation: u64,
}

type Shared = Arc<GilCell<GroupState>>;

/// `groupby_step`: the next value and its key (`false` when the input is done).
fn step(cx: &mut Cx, st: &Shared) -> PyResult<bool> {
    let (it, keyfunc) = {
        let s = st.borrow(cx.gil);
        (s.it.clone(), s.keyfunc.clone())
    };
    let Some(v) = cx.next(&it)? else {
        return Ok(false);
    };
    let key = if matches!(keyfunc, Value::None) {
        v.clone()
    } else {
        cx.call(&keyfunc, vec![v.clone()])?
    };
    let mut s = st.borrow_mut(cx.gil);
    s.currvalue = Some(v);
    s.currkey = Some(key);
    Ok(true)
}

struct GroupBy(Shared);

impl NativeIter for GroupBy {
    fn type_name(&self) -> &'static str {
        "itertools.groupby"
    }
    fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        let st = &self.0;
        st.borrow_mut(cx.gil).generation += 1;
        // Skip to the next group.
        loop {
            let (tgt, curr) = {
                let s = st.borrow(cx.gil);
                (s.tgtkey.clone(), s.currkey.clone())
            };
            match (tgt, curr) {
                (_, None) => {}
                (None, Some(_)) => break,
                (Some(t), Some(c)) => {
                    if !cx.eq(&t, &c)? {
                        break;
                    }
                }
            }
            if !step(cx, st)? {
                return Ok(None);
            }
        }
        let (key, generation) = {
            let mut s = st.borrow_mut(cx.gil);
            s.tgtkey = s.currkey.clone();
            (s.currkey.clone().unwrap_or(Value::None), s.generation)
        };
        let grouper = make(Grouper {
            parent: st.clone(),
            tgtkey: key.clone(),
            generation,
        });
        Ok(Some(Value::tuple(vec![key, grouper])))
    }
    /// `(groupby, (it, keyfunc))`, with the state `(currkey, currvalue, tgtkey)`
    /// once all three are set.
    fn reduce(&self, gil: crate::objects::gil::Gil<'_>) -> Option<Result<Value, PyErr>> {
        let s = self.0.borrow(gil);
        let mut t = vec![
            ty("itertools.groupby"),
            Value::tuple(vec![s.it.clone(), s.keyfunc.clone()]),
        ];
        if let (Some(t2), Some(ck), Some(cv)) = (&s.tgtkey, &s.currkey, &s.currvalue) {
            t.push(Value::tuple(vec![ck.clone(), cv.clone(), t2.clone()]));
        }
        Some(Ok(Value::tuple(t)))
    }
    fn as_any(&self) -> Option<&dyn std::any::Any> {
        Some(self)
    }
    fn setstate(
        &mut self,
        gil: crate::objects::gil::Gil<'_>,
        state: &Value,
    ) -> Option<Result<(), PyErr>> {
        Some((|| {
            let items = state_items(state, 3, 3)?;
            let mut s = self.0.borrow_mut(gil);
            s.currkey = Some(items[0].clone());
            s.currvalue = Some(items[1].clone());
            s.tgtkey = Some(items[2].clone());
            Ok(())
        })())
    }
}

struct Grouper {
    parent: Shared,
    tgtkey: Value,
    generation: u64,
}

impl NativeIter for Grouper {
    fn type_name(&self) -> &'static str {
        "itertools._grouper"
    }
    fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        let st = &self.parent;
        if st.borrow(cx.gil).generation != self.generation {
            return Ok(None);
        }
        if st.borrow(cx.gil).currvalue.is_none() && !step(cx, st)? {
            return Ok(None);
        }
        let curr = st.borrow(cx.gil).currkey.clone().unwrap_or(Value::None);
        if !cx.eq(&self.tgtkey, &curr)? {
            return Ok(None);
        }
        let mut s = st.borrow_mut(cx.gil);
        s.currkey = None;
        Ok(s.currvalue.take())
    }
    /// The current grouper pickles as `(_grouper, (parent, tgtkey))`, `parent` a
    /// `groupby` in its groupby's state (a snapshot: pickled on its own, it is not the
    /// very groupby pickled beside it); one whose group is over as an empty
    /// iterator, `(iter, ((),))`.
    fn reduce(&self, gil: crate::objects::gil::Gil<'_>) -> Option<Result<Value, PyErr>> {
        let s = self.parent.borrow(gil);
        if s.generation == self.generation {
            let parent = make(GroupBy(Arc::new(GilCell::new(GroupState {
                it: s.it.clone(),
                keyfunc: s.keyfunc.clone(),
                tgtkey: s.tgtkey.clone(),
                currkey: s.currkey.clone(),
                currvalue: s.currvalue.clone(),
                generation: 0,
            }))));
            return Some(Ok(Value::tuple(vec![
                ty("itertools._grouper"),
                Value::tuple(vec![parent, self.tgtkey.clone()]),
            ])));
        }
        Some(Ok(Value::tuple(vec![
            crate::native::builtin_function(gil, "iter"),
            Value::tuple(vec![Value::tuple(Vec::new())]),
        ])))
    }
}

/// `itertools._grouper(parent, tgtkey, /)`: the current group of `parent`, a
/// `groupby` (how a pickled grouper comes back).
pub fn grouper_new(cx: &mut Cx, args: Args) -> PyResult<Value> {
    positional(&args, "_grouper", 2, 2)?;
    let parent = match args.at(0) {
        Value::Iter(cell) => match &*cell.borrow(cx.gil) {
            crate::objects::iter::Iter::Native(n) => n
                .as_any()
                .and_then(|a| a.downcast_ref::<GroupBy>())
                .map(|g| g.0.clone()),
            _ => None,
        },
        _ => None,
    };
    let Some(parent) = parent else {
        return Err(type_error(format!(
            "_grouper() argument 1 must be itertools.groupby, not {}",
            crate::objects::types::type_name(args.at(0))
        ))
        .into());
    };
    let generation = parent.borrow(cx.gil).generation;
    Ok(make(Grouper {
        parent,
        tgtkey: args.at(1).clone(),
        generation,
    }))
}

pub fn groupby(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mut a = clinic(args, "groupby", &["iterable", "key"], 1, 2)?.into_iter();
    let it = cx.iter(&a.next().flatten().unwrap_or(Value::None))?;
    let keyfunc = a.next().flatten().unwrap_or(Value::None);
    Ok(make(GroupBy(Arc::new(GilCell::new(GroupState {
        it,
        keyfunc,
        tgtkey: None,
        currkey: None,
        currvalue: None,
        generation: 0,
    })))))
}

/// What `tee`'s copies share: the input and the values some copy has not seen yet
/// (`buf[0]` is value number `base`); `pos[i]` is where copy `i` is.
struct TeeState {
    it: Option<Value>,
    buf: VecDeque<Value>,
    base: u64,
    pos: Vec<u64>,
}

struct Tee {
    shared: Arc<GilCell<TeeState>>,
    id: usize,
}

impl NativeIter for Tee {
    fn type_name(&self) -> &'static str {
        "itertools._tee"
    }
    fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        let (at, base, len, it) = {
            let s = self.shared.borrow(cx.gil);
            (s.pos[self.id], s.base, s.buf.len() as u64, s.it.clone())
        };
        let v = if at < base + len {
            self.shared.borrow(cx.gil).buf[(at - base) as usize].clone()
        } else {
            let Some(it) = it else {
                return Ok(None);
            };
            match cx.next(&it)? {
                Some(v) => {
                    self.shared.borrow_mut(cx.gil).buf.push_back(v.clone());
                    v
                }
                None => {
                    self.shared.borrow_mut(cx.gil).it = None;
                    return Ok(None);
                }
            }
        };
        let mut s = self.shared.borrow_mut(cx.gil);
        s.pos[self.id] = at + 1;
        // Drop what every copy has seen.
        let low = s.pos.iter().copied().min().unwrap_or(0);
        while s.base < low && !s.buf.is_empty() {
            s.buf.pop_front();
            s.base += 1;
        }
        Ok(Some(v))
    }
    /// A new copy at this one's position, sharing the buffer (C's `tee_copy`).
    fn copy(&self, gil: crate::objects::gil::Gil<'_>) -> Option<Box<dyn NativeIter>> {
        let id = {
            let mut s = self.shared.borrow_mut(gil);
            let at = s.pos[self.id];
            s.pos.push(at);
            s.pos.len() - 1
        };
        Some(Box::new(super::Typed(Tee {
            shared: self.shared.clone(),
            id,
        })))
    }
    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        let _ = visit;
    }
    /// `(_tee, (chain(unseen, it),))`: a tee over the values this copy has still to
    /// see, the buffered ones and then the input (the copies of one `tee()` pickle
    /// as independent tees, each with its own copy of the input).
    fn reduce(&self, gil: crate::objects::gil::Gil<'_>) -> Option<Result<Value, PyErr>> {
        let s = self.shared.borrow(gil);
        let from = (s.pos[self.id].saturating_sub(s.base)) as usize;
        let unseen: Vec<Value> = s.buf.iter().skip(from).cloned().collect();
        let mut sources = vec![Value::list(unseen)];
        sources.extend(s.it.clone());
        let chain = super::simple::chain_of(super::seq_iter(Value::tuple(sources), 0));
        Some(Ok(Value::tuple(vec![
            ty("itertools._tee"),
            Value::tuple(vec![chain]),
        ])))
    }
}

pub fn tee(cx: &mut Cx, args: Args) -> PyResult<Value> {
    positional(&args, "tee", 1, 2)?;
    let n = match args.get(1) {
        Some(v) => arg_int(v, "")?,
        None => 2,
    };
    if n < 0 {
        return Err(value_error("n must be >= 0").into());
    }
    // Each copy is an object, a slot in the tuple and a position in the shared state.
    check_items(n, 64)?;
    let it = cx.iter(args.at(0))?;
    // An iterator with a `__copy__` (a tee) is itself the first, its copies the
    // others (C's `tee`).
    match cx.getattr(&it, "__copy__") {
        Ok(copy) => {
            let mut out = Vec::with_capacity(n as usize);
            if n > 0 {
                out.push(it);
            }
            for _ in 1..n {
                out.push(cx.call(&copy, Vec::new())?);
            }
            return Ok(Value::tuple(out));
        }
        Err(deferred::Unwind::Raise(e))
            if e.is_instance(&crate::objects::types::types().exc.attribute_error) => {}
        Err(e) => return Err(e),
    }
    let shared = Arc::new(GilCell::new(TeeState {
        it: Some(it),
        buf: VecDeque::new(),
        base: 0,
        pos: vec![0; n as usize],
    }));
    let copies = (0..n as usize)
        .map(|id| {
            make(Tee {
                shared: shared.clone(),
                id,
            })
        })
        .collect();
    Ok(Value::tuple(copies))
}

/// `itertools._tee(iterable)`: one tee iterator over `iterable`.
pub fn tee_new(cx: &mut Cx, args: Args) -> PyResult<Value> {
    positional(&args, "_tee", 1, 1)?;
    let it = cx.iter(args.at(0))?;
    // Over a tee: a copy of it (C's `tee_fromiterable`).
    if crate::objects::types::type_name(&it) == "itertools._tee" {
        let copy = cx.getattr(&it, "__copy__")?;
        return cx.call(&copy, Vec::new());
    }
    let shared = Arc::new(GilCell::new(TeeState {
        it: Some(it),
        buf: VecDeque::new(),
        base: 0,
        pos: vec![0],
    }));
    Ok(make(Tee { shared, id: 0 }))
}
