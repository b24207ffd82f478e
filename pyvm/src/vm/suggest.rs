//! "Did you mean: 'x'?": the near name CPython 3.11's report of an uncaught
//! `NameError` or `AttributeError` offers (`Python/suggestions.c`). Only the
//! interpreter's own report (an uncaught exception, `sys.excepthook`, a thread's)
//! adds it; the `traceback` module of 3.11 does not.

use crate::objects::exception::PyErr;
use crate::objects::gil::Gil;
use crate::objects::rc::Arc;
use crate::objects::types::types;
use crate::objects::value::Value;

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

/// The text to put after the exception's message (`. Did you mean: 'print'?`), for
/// an exception of exactly `NameError` or `AttributeError` (not a subclass) that
/// carries the name it failed on.
pub fn suggestion(gil: Gil<'_>, err: &PyErr) -> Option<String> {
    let e = &err.0;
    let exc = &types().exc;
    let found = if Arc::ptr_eq(&e.typ, &exc.attribute_error) {
        let name = exact_str(e.attr(gil, "name")?)?;
        let obj = e.attr(gil, "obj")?;
        let dir = crate::native::builtin_function(gil, "dir");
        let listed = super::detached::call(gil, "dir", &dir, vec![obj]).ok()?;
        let names = match &listed {
            Value::List(l) => l.borrow(gil).clone(),
            _ => return None,
        };
        calculate(&names, &name)?
    } else if Arc::ptr_eq(&e.typ, &exc.name_error) {
        let name = exact_str(e.attr(gil, "name")?)?;
        // The innermost frame of the traceback: its locals, globals, builtins.
        let (code, globals) = {
            let st = e.state.borrow(gil);
            let tb = st.traceback.first()?;
            (tb.code.clone(), tb.globals.clone())
        };
        let locals: Vec<Value> = code.varnames.iter().map(|n| Value::str(n)).collect();
        let keys = |d: &crate::objects::dict::Dict| d.keys().cloned().collect::<Vec<Value>>();
        let globals = keys(&globals.borrow(gil));
        let builtins = keys(&crate::modules::builtins_module().dict.borrow(gil));
        [locals, globals, builtins]
            .iter()
            .find_map(|names| calculate(names, &name))?
    } else {
        return None;
    };
    Some(format!(". Did you mean: '{found}'?"))
}

/// `v` when it is exactly a `str` (not a subclass's instance).
fn exact_str(v: Value) -> Option<String> {
    match v {
        Value::Str(s) => Some(s.as_str().to_owned()),
        _ => None,
    }
}

/// CPython's `calculate_suggestions`: the candidate nearest to `name` within a
/// third of their length, the first of equals; none when a candidate is no str
/// or there are too many.
fn calculate(candidates: &[Value], name: &str) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<&str> = None;
    let mut best_distance = usize::MAX;
    for item in candidates {
        let item = match item {
            Value::Str(s) => s.as_str(),
            _ => return None,
        };
        if item == name {
            continue;
        }
        // No more than 1/3 of the involved characters should need changing.
        let max = (name.len() + item.len() + 3) * MOVE_COST / 6;
        // Don't take matches already beaten.
        let max = max.min(best_distance.saturating_sub(1));
        let d = levenshtein(name.as_bytes(), item.as_bytes(), max);
        if d > max {
            continue;
        }
        if best.is_none() || d < best_distance {
            best = Some(item);
            best_distance = d;
        }
    }
    best.map(str::to_owned)
}

/// A substitution's cost: nothing for the same byte, `CASE_COST` for a change of
/// ASCII case, `MOVE_COST` otherwise.
fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        return CASE_COST;
    }
    MOVE_COST
}

/// CPython's `levenshtein_distance` over UTF-8 bytes, giving up (returning more
/// than `max_cost`) as soon as the distance must exceed it.
fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    if a == b {
        return 0;
    }
    let (mut a, mut b) = (a, b);
    // Trim away common affixes.
    while let (Some(x), Some(y)) = (a.first(), b.first()) {
        if x != y {
            break;
        }
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last()) {
        if x != y {
            break;
        }
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    // Prefer the shorter buffer.
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    // Quick fail when a match is impossible.
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer = [0usize; MAX_STRING_SIZE];
    for (i, slot) in buffer.iter_mut().enumerate().take(a.len()) {
        *slot = (i + 1) * MOVE_COST;
    }
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &ch) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ch);
            distance = buffer[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::levenshtein;

    #[test]
    fn distances() {
        assert_eq!(levenshtein(b"blech", b"blehc", 10), 4);
        assert_eq!(levenshtein(b"prnt", b"print", 10), 2);
        assert_eq!(levenshtein(b"Print", b"print", 10), 1);
        assert_eq!(levenshtein(b"abc", b"xyz", 3), 4);
    }
}
