//! `LOAD_GLOBAL` / `LOAD_NAME`: the globals, then the builtins, through a per-code
//! cache (CPython 3.11's `LOAD_GLOBAL_MODULE` / `LOAD_GLOBAL_BUILTIN`).
//!
//! A slot records which dict entry held the name and the key-layout versions of both
//! dicts (`Dict::version`, renewed when a key is added or removed, not when a value
//! is stored). While they are unchanged, the lookup is two version checks and one
//! indexed read instead of hashing and probing. A slot holds an index, never the
//! value, so a store to a global keeps every slot valid (the slot reads the new value)
//! and a cached function does not keep its own code (and this cache) alive.

use crate::objects::rc::Arc;

use crate::compile::code::{Code, GlobalSlot};
use crate::objects::dict::Dict;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::value::Value;

/// The value of global `names[arg]` of `code` run in `globals`; `None` if neither
/// the globals nor the builtins have it (the caller raises NameError). Inlined into
/// the loop: the call and its result through memory were a sixth of its cost.
#[inline(always)]
pub fn load(gil: Gil<'_>, code: &Code, arg: usize, globals: &Arc<GilCell<Dict>>) -> Option<Value> {
    let slot = code.global_cache.get(arg).map(|s| s.get(gil));
    if let Some(slot) = slot {
        if slot.globals == Arc::as_ptr(globals) as usize {
            let g = globals.borrow(gil);
            if slot.globals_version == g.version() {
                if !slot.in_builtins {
                    if let Some(v) = g.value_at(slot.index as usize) {
                        return Some(v.clone());
                    }
                } else {
                    let b = super::builtins_dict().borrow(gil);
                    if b.version() == slot.builtins_version {
                        if let Some(v) = b.value_at(slot.index as usize) {
                            return Some(v.clone());
                        }
                    }
                }
            }
        }
    }
    load_slow(gil, code, arg, globals)
}

/// [`load`] when the slot does not answer: look the name up and fill the slot.
#[inline(never)]
fn load_slow(gil: Gil<'_>, code: &Code, arg: usize, globals: &Arc<GilCell<Dict>>) -> Option<Value> {
    let g = globals.borrow(gil);
    let Value::Str(name) = &code.names[arg] else {
        return None;
    };
    let mut fresh = GlobalSlot {
        globals: Arc::as_ptr(globals) as usize,
        globals_version: g.version(),
        ..GlobalSlot::default()
    };
    let v = match g.find_str(name) {
        Some(i) => {
            fresh.index = i as u32;
            g.value_at(i).cloned()
        }
        None => {
            // `exec(src, {"__builtins__": {...}})`: the builtins that globals dict
            // names (not cached; the process's builtins otherwise).
            if let Some(own) = own_builtins(gil, &g) {
                return own.borrow(gil).get_str(name);
            }
            let b = super::builtins_dict().borrow(gil);
            let i = b.find_str(name)?;
            fresh.index = i as u32;
            fresh.in_builtins = true;
            fresh.builtins_version = b.version();
            b.value_at(i).cloned()
        }
    };
    if let Some(s) = code.global_cache.get(arg) {
        s.set(gil, fresh);
    }
    v
}

/// The builtins namespace a globals dict names with `__builtins__` (a dict, or a
/// module's namespace), when it is not the process's own.
fn own_builtins(gil: Gil<'_>, g: &Dict) -> Option<Arc<GilCell<Dict>>> {
    static KEY: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    let Value::Str(key) = KEY.get_or_init(|| crate::objects::str::intern("__builtins__")) else {
        return None;
    };
    let ns = match g.get_str(key)? {
        Value::Dict(d) => d,
        Value::Module(m) => m.dict.clone(),
        _ => return None,
    };
    let _ = gil;
    (!Arc::ptr_eq(&ns, super::builtins_dict())).then_some(ns)
}
