//! Docstrings of built-in types, functions and methods: CPython 3.11's text, from
//! the table `tools/gen_docs.py` generates (`docs_table.rs`).

use super::types::PyType;

/// The docstring stored under `key` (`int`, `str.split`, `len`, `math.sqrt`,
/// `array.array.append`).
pub fn doc(key: &str) -> Option<&'static str> {
    find(super::docs_table::DOCS, key)
}

/// The `__text_signature__` stored under `key` (`len`: `($module, obj, /)`).
pub fn sig(key: &str) -> Option<&'static str> {
    find(super::docs_table::SIGS, key)
}

/// The docstrings.
pub static DOCS: Table = super::docs_table::DOCS;
/// The text signatures.
pub static SIGS: Table = super::docs_table::SIGS;

/// A table of docstrings or of text signatures (sorted by key).
pub type Table = &'static [(&'static str, &'static str)];

/// The entry of `t` under `key`.
pub fn find(t: Table, key: &str) -> Option<&'static str> {
    t.binary_search_by(|(k, _)| (*k).cmp(key))
        .ok()
        .map(|i| t[i].1)
}

/// The key of a built-in type: its name for a `builtins` one, else qualified by its
/// module (`array.array`).
pub fn type_key(t: &PyType) -> String {
    match &*t.module {
        "builtins" => t.name.clone(),
        m => format!("{m}.{}", t.name),
    }
}

/// The docstring of built-in type `t`.
pub fn type_doc(t: &PyType) -> Option<&'static str> {
    doc(&type_key(t))
}

/// The entry of built-in type `t` in `table`.
pub fn type_entry(table: Table, t: &PyType) -> Option<&'static str> {
    find(table, &type_key(t))
}

/// The docstring of method `name` of built-in type `t` or of the first built-in type
/// in its MRO that documents one of that name.
pub fn method_doc(t: &PyType, name: &str) -> Option<&'static str> {
    method_entry(super::docs_table::DOCS, t, name)
}

/// [`method_doc`] in `table`.
pub fn method_entry(table: Table, t: &PyType, name: &str) -> Option<&'static str> {
    std::iter::once(t)
        .chain(t.mro.iter().map(|b| &**b))
        .filter(|b| !b.heap)
        .find_map(|b| find(table, &format!("{}.{name}", type_key(b))))
}
