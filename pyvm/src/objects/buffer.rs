//! Buffer exports: which objects (a bytearray's or an array's storage, by the
//! address of its `Arc`) have live `memoryview`s over them. While one has, the
//! object may not change size (CPython's `BufferError`).

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::exception::PyErr;

static TOTAL: AtomicUsize = AtomicUsize::new(0);
static EXPORTS: Mutex<Option<HashMap<usize, usize>>> = Mutex::new(None);

/// One more view over the storage at `addr`.
pub fn export(addr: usize) {
    let mut m = EXPORTS.lock().unwrap_or_else(|e| e.into_inner());
    *m.get_or_insert_with(HashMap::new).entry(addr).or_insert(0) += 1;
    TOTAL.fetch_add(1, Ordering::SeqCst);
}

/// A view over the storage at `addr` was released.
pub fn unexport(addr: usize) {
    let mut m = EXPORTS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(map) = m.as_mut() {
        if let Some(n) = map.get_mut(&addr) {
            *n -= 1;
            if *n == 0 {
                map.remove(&addr);
            }
            TOTAL.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// How many views the storage at `addr` has.
pub fn exports(addr: usize) -> usize {
    if TOTAL.load(Ordering::Relaxed) == 0 {
        return 0;
    }
    let m = EXPORTS.lock().unwrap_or_else(|e| e.into_inner());
    m.as_ref().and_then(|m| m.get(&addr).copied()).unwrap_or(0)
}

/// CPython's `BufferError` for resizing a bytearray with views.
pub fn check_bytearray<T>(a: &crate::objects::rc::Arc<T>) -> Result<(), PyErr> {
    if exports(crate::objects::rc::Arc::as_ptr(a) as *const u8 as usize) > 0 {
        return Err(PyErr::msg(
            &super::types::types().exc.buffer_error,
            "Existing exports of data: object cannot be re-sized",
        ));
    }
    Ok(())
}
