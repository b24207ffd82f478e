//! How much memory one object may ask for. pyvm's allocator reserves address space
//! lazily, so a request for more memory than the machine has would not fail where it
//! is made: it would succeed and the process would later be killed while filling it.
//! CPython's `malloc` fails up front and the program gets `MemoryError`; so do we,
//! for any single request larger than the machine's RAM and swap together (what
//! Linux's default overcommit heuristic refuses too).

use std::sync::OnceLock;

/// The machine's RAM plus swap in bytes (`u128::MAX` when unknown).
fn limit() -> u128 {
    static LIMIT: OnceLock<u128> = OnceLock::new();
    *LIMIT.get_or_init(|| {
        let Ok(text) = std::fs::read_to_string("/proc/meminfo") else {
            return u128::MAX;
        };
        let field = |name: &str| -> Option<u128> {
            let line = text.lines().find(|l| l.starts_with(name))?;
            let kb: u128 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kb * 1024)
        };
        match (field("MemTotal:"), field("SwapTotal:")) {
            (Some(m), s) => m + s.unwrap_or(0),
            _ => u128::MAX,
        }
    })
}

/// Could one allocation of `bytes` be satisfied on this machine, within the
/// process's limits (`ulimit -v`, `ulimit -d`)? At most half of what the process
/// may hold (the rest holds the process itself, and a growing buffer is copied
/// into one twice its size). Requests up to 64 MiB are not checked (the limits are
/// read only for big ones).
pub fn fits(bytes: u128) -> bool {
    bytes <= 64 << 20 || bytes <= budget() / 2
}

/// Room for `bytes` more now: checked by asking for them (and giving them back at
/// once) when they are many, before work that would need them in pieces it cannot
/// check (a big-int operation). `MemoryError` when they are not there.
pub fn room(bytes: u128) -> Result<(), super::exception::PyErr> {
    if bytes <= 16 << 20 {
        return Ok(());
    }
    let mut probe: Vec<u8> = Vec::new();
    if !fits(bytes) || probe.try_reserve_exact(bytes as usize).is_err() {
        return Err(super::exception::memory_error());
    }
    Ok(())
}

/// What the process may hold in all: RAM plus swap, or less under an address-space
/// or data limit (`ulimit -v`, `ulimit -d`).
fn budget() -> u128 {
    let mut b = limit();
    for res in [rlimit::Resource::AS, rlimit::Resource::DATA] {
        if let Ok((soft, _)) = rlimit::getrlimit(res) {
            if soft != rlimit::INFINITY {
                b = b.min(soft as u128);
            }
        }
    }
    b
}

/// The most Python frames one micro-thread may stack, whatever the recursion limit
/// asked (`sys.setrecursionlimit(10**9)`): a frame and its values take a few hundred
/// bytes, and the frame stack doubles as it grows, so a thousand bytes a frame keeps
/// the deepest recursion within what the process may hold. Past it the program gets
/// `RecursionError`, not an abort when an allocation fails.
pub fn max_frames() -> usize {
    (budget() / 1024).min(usize::MAX as u128) as usize
}

/// `v.push(x)`, or `MemoryError` when the vector cannot grow (a list the program
/// grows past what the machine or its limits allow: CPython's `MemoryError`, not an
/// abort), or when the allocator has one pending (`reserve`: a native filling a list
/// with small objects runs out of memory before the dispatch loop looks).
#[inline]
pub fn push<T>(v: &mut Vec<T>, x: T) -> Result<(), super::exception::PyErr> {
    if v.len() == v.capacity() && (crate::reserve::take_memory_error() || v.try_reserve(1).is_err())
    {
        return Err(super::exception::memory_error());
    }
    v.push(x);
    Ok(())
}

/// Make room in `v` for `n` more items as it grows (amortized, like `push`), or
/// `MemoryError` when they could not be held: a growing result checked as it goes.
pub fn grow<T>(v: &mut Vec<T>, n: usize) -> Result<(), super::exception::PyErr> {
    let bytes = (v.len() as u128 + n as u128) * std::mem::size_of::<T>() as u128;
    if !fits(bytes) || crate::reserve::take_memory_error() || v.try_reserve(n).is_err() {
        return Err(super::exception::memory_error());
    }
    Ok(())
}

/// `v.extend(items)` as it grows ([`grow`]), or `MemoryError` (`lst += other`).
pub fn extend<T>(v: &mut Vec<T>, items: Vec<T>) -> Result<(), super::exception::PyErr> {
    grow(v, items.len())?;
    v.extend(items);
    Ok(())
}

/// Make room in `v` for `n` more items, or `MemoryError` when they could not be held
/// (`list(range(2**62))`): checked against the budget before asking, as the
/// allocator would grant address space it cannot fill.
pub fn reserve<T>(v: &mut Vec<T>, n: usize) -> Result<(), super::exception::PyErr> {
    let bytes = (v.len() as u128 + n as u128) * std::mem::size_of::<T>() as u128;
    if !fits(bytes) || v.try_reserve_exact(n).is_err() {
        return Err(super::exception::memory_error());
    }
    Ok(())
}

/// `Vec::with_capacity(n)`, or `MemoryError` when `n` items could not be held (a
/// result whose size the program chose: `bytes.hex()` of a big buffer).
pub fn vec_with<T>(n: usize) -> Result<Vec<T>, super::exception::PyErr> {
    let mut v = Vec::new();
    reserve(&mut v, n)?;
    Ok(v)
}

/// `String::with_capacity(n)`, or `MemoryError` ([`vec_with`]).
pub fn string_with(n: usize) -> Result<String, super::exception::PyErr> {
    let mut s = String::new();
    grow_string(&mut s, n)?;
    Ok(s)
}

/// A `str` value holding a copy of `s`, or `MemoryError` when it could not be held.
pub fn str_value(s: &str) -> Result<super::value::Value, super::exception::PyErr> {
    let mut out = string_with(s.len())?;
    out.push_str(s);
    Ok(super::value::Value::string(out))
}

/// `s.to_vec()`, or `MemoryError` when the copy could not be held.
pub fn copy<T: Clone>(s: &[T]) -> Result<Vec<T>, super::exception::PyErr> {
    let mut v = vec_with(s.len())?;
    v.extend_from_slice(s);
    Ok(v)
}

/// Make room in `s` for `n` more bytes as it grows (amortized, like [`grow`]), or
/// `MemoryError`: text built piece by piece whose size the program chose.
pub fn grow_string(s: &mut String, n: usize) -> Result<(), super::exception::PyErr> {
    if !fits(s.len() as u128 + n as u128)
        || crate::reserve::take_memory_error()
        || s.try_reserve(n).is_err()
    {
        return Err(super::exception::memory_error());
    }
    Ok(())
}

/// `s.push_str(t)` as it grows ([`grow_string`]), or `MemoryError`.
pub fn push_str(s: &mut String, t: &str) -> Result<(), super::exception::PyErr> {
    spare_string(s, t.len())?;
    s.push_str(t);
    Ok(())
}

/// `v.extend_from_slice(t)` as it grows ([`grow`]), or `MemoryError`.
pub fn extend_from<T: Clone>(v: &mut Vec<T>, t: &[T]) -> Result<(), super::exception::PyErr> {
    spare(v, t.len())?;
    v.extend_from_slice(t);
    Ok(())
}

/// The items of `items` in a vector, or `MemoryError` when it cannot grow or an
/// allocation needed the emergency reserve (checked at every item: a native making
/// many small objects, `str.split` of a big text, must stop at the first failure,
/// as the next may find the reserve spent).
pub fn collect<T>(items: impl IntoIterator<Item = T>) -> Result<Vec<T>, super::exception::PyErr> {
    let items = items.into_iter();
    let mut v = vec_with(items.size_hint().0)?;
    for x in items {
        push_checked(&mut v, x)?;
    }
    Ok(v)
}

/// [`push`], checking at every item for a `MemoryError` the allocator left pending
/// ([`collect`]).
pub fn push_checked<T>(v: &mut Vec<T>, x: T) -> Result<(), super::exception::PyErr> {
    if crate::reserve::take_memory_error() {
        return Err(super::exception::memory_error());
    }
    push(v, x)
}

/// At least `n` bytes free in `s` (grown as [`grow_string`] grows it), or
/// `MemoryError`: called before each piece of text built piece by piece.
#[inline]
pub fn spare_string(s: &mut String, n: usize) -> Result<(), super::exception::PyErr> {
    if s.capacity() - s.len() < n {
        grow_string(s, n)?;
    }
    Ok(())
}

/// At least `n` items free in `v` ([`grow`]), or `MemoryError` ([`spare_string`]).
#[inline]
pub fn spare<T>(v: &mut Vec<T>, n: usize) -> Result<(), super::exception::PyErr> {
    if v.capacity() - v.len() < n {
        grow(v, n)?;
    }
    Ok(())
}
