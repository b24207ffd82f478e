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
