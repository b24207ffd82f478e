//! `set` and `frozenset` methods.

use crate::objects::rc::Arc;

use crate::native::*;
use crate::objects::compare::{
    set_of, set_operands, set_update_in_place, with_frozen_key, SetOperand,
};
use crate::objects::gil::Gil;
use crate::objects::gil::GilCell;
use crate::objects::set::Set;
use crate::objects::set::{set_op, update_in_place};

use super::natives;

pub static SET_METHODS: &[crate::objects::function::NativeDef] = natives![
    "add" => add, "remove" => remove, "discard" => discard, "pop" => pop,
    "clear" => clear, "copy" => copy, "update" => update, "union" => union,
    "intersection" => intersection, "difference" => difference,
    "symmetric_difference" => symmetric_difference, "issubset" => issubset,
    "issuperset" => issuperset, "isdisjoint" => isdisjoint,
    "intersection_update" => intersection_update, "difference_update" => difference_update,
    "symmetric_difference_update" => symmetric_difference_update,
];

pub static FROZENSET_METHODS: &[crate::objects::function::NativeDef] = natives![
    "copy" => copy, "union" => union, "intersection" => intersection,
    "difference" => difference, "symmetric_difference" => symmetric_difference,
    "issubset" => issubset, "issuperset" => issuperset, "isdisjoint" => isdisjoint,
];

fn cell(v: &Value) -> &Arc<GilCell<Set>> {
    match v {
        Value::Set(s) => s,
        _ => unreachable!("set method on a set"),
    }
}

fn add(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("add", 1, 1)?;
    cell(args.at(0))
        .borrow_mut(cx.gil)
        .insert(args.at(1).clone())?;
    Ok(Value::None)
}

fn remove(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("remove", 1, 1)?;
    let me = cell(args.at(0));
    let r = me.borrow_mut(cx.gil).remove(args.at(1));
    let r = with_frozen_key(cx.gil, args.at(1), r, |k| me.borrow_mut(cx.gil).remove(k));
    if !r? {
        // (The key the program gave, a set too.)
        return Err(key_error(args.at(1).clone()).into());
    }
    Ok(Value::None)
}

fn discard(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("discard", 1, 1)?;
    let me = cell(args.at(0));
    let r = me.borrow_mut(cx.gil).remove(args.at(1));
    with_frozen_key(cx.gil, args.at(1), r, |k| me.borrow_mut(cx.gil).remove(k))?;
    Ok(Value::None)
}

fn pop(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("pop", 0, 0)?;
    match cell(args.at(0)).borrow_mut(cx.gil).pop() {
        Some(v) => Ok(v),
        None => Err(key_error(Value::str("pop from an empty set")).into()),
    }
}

fn clear(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("clear", 0, 0)?;
    cell(args.at(0)).borrow_mut(cx.gil).clear();
    Ok(Value::None)
}

fn wrap(like: &Value, s: Set) -> Value {
    match like {
        Value::FrozenSet(_) => Value::FrozenSet(Arc::new(s)),
        _ => Value::set(s),
    }
}

fn copy(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("copy", 0, 0)?;
    let s = Set::copy_of(&operand(cx.gil, args.at(0)));
    Ok(wrap(args.at(0), s))
}

fn others(cx: &mut Cx, args: &Args) -> PyResult<Vec<Set>> {
    let mut out = Vec::new();
    for v in &args.pos[1..] {
        out.push(match v {
            Value::Set(_) | Value::FrozenSet(_) => set_of(cx.gil, v),
            v => Set::from_values(cx.collect(v)?)?,
        });
    }
    Ok(out)
}

/// Fold the other arguments into a copy of `self` with `op`.
fn combine(cx: &mut Cx, args: &Args, op: &str) -> PyResult<Set> {
    let mut acc = if op == "&" {
        // (The intersection below makes its own table.)
        set_of(cx.gil, args.at(0))
    } else {
        let me = operand(cx.gil, args.at(0));
        Set::copy_of(&me)
    };
    for o in others(cx, args)? {
        update_in_place(&mut acc, op, &o);
    }
    Ok(acc)
}

/// `self op= other` for each other argument (the `*_update` methods): on the set
/// itself when no Python code can run meanwhile (`set_update_in_place`), else a new
/// table computed from copies.
fn update_with(cx: &mut Cx, args: &Args, op: &str) -> PyResult<()> {
    let me = cell(args.at(0));
    for v in &args.pos[1..] {
        let other = match v {
            Value::Set(_) | Value::FrozenSet(_) => v.clone(),
            v => Value::FrozenSet(Arc::new(Set::from_values(cx.collect(v)?)?)),
        };
        if set_update_in_place(cx.gil, me, op, &other) {
            continue;
        }
        let r = {
            let (x, y) = set_operands(cx.gil, args.at(0), &other);
            set_op(op, &x, &y, true)
        };
        *me.borrow_mut(cx.gil) = r;
    }
    Ok(())
}

/// `self` as an operand: borrowed, or copied when a key may run Python.
fn operand<'a>(gil: Gil<'a>, v: &'a Value) -> SetOperand<'a> {
    set_operands(gil, v, v).0
}

fn union(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("union", 0, usize::MAX)?;
    let s = combine(cx, &args, "|")?;
    Ok(wrap(args.at(0), s))
}

fn intersection(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("intersection", 0, usize::MAX)?;
    let s = combine(cx, &args, "&")?;
    Ok(wrap(args.at(0), s))
}

fn difference(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("difference", 0, usize::MAX)?;
    let s = combine(cx, &args, "-")?;
    Ok(wrap(args.at(0), s))
}

fn symmetric_difference(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("symmetric_difference", 1, 1)?;
    let other = others(cx, &args)?.pop().unwrap_or_default();
    let me = operand(cx.gil, args.at(0));
    let s = set_op("^", &me, &other, false);
    drop(me);
    Ok(wrap(args.at(0), s))
}

fn symmetric_difference_update(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("symmetric_difference_update", 1, 1)?;
    update_with(cx, &args, "^")?;
    Ok(Value::None)
}

fn update(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("update", 0, usize::MAX)?;
    update_with(cx, &args, "|")?;
    Ok(Value::None)
}

fn intersection_update(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("intersection_update", 0, usize::MAX)?;
    update_with(cx, &args, "&")?;
    Ok(Value::None)
}

fn difference_update(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("difference_update", 0, usize::MAX)?;
    update_with(cx, &args, "-")?;
    Ok(Value::None)
}

fn issubset(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("issubset", 1, 1)?;
    let other = Set::from_values(cx.collect(args.at(1))?)?;
    Ok(Value::bool(set_of(cx.gil, args.at(0)).is_subset(&other)?))
}

fn issuperset(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("issuperset", 1, 1)?;
    let other = Set::from_values(cx.collect(args.at(1))?)?;
    Ok(Value::bool(other.is_subset(&set_of(cx.gil, args.at(0)))?))
}

fn isdisjoint(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("isdisjoint", 1, 1)?;
    let me = set_of(cx.gil, args.at(0));
    for v in cx.collect(args.at(1))? {
        if me.contains(&v)? {
            return Ok(Value::bool(false));
        }
    }
    Ok(Value::bool(true))
}
