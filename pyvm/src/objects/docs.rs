//! Docstrings of built-in types, functions and methods: CPython 3.11's text, from
//! the table `tools/gen_docs.py` generates (`docs_table.rs`).

use super::types::PyType;

/// The docstring stored under `key` (`int`, `str.split`, `len`, `math.sqrt`,
/// `array.array.append`).
pub fn doc(key: &str) -> Option<&'static str> {
    let t = super::docs_table::DOCS;
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

/// The docstring of method `name` of built-in type `t` or of the first built-in type
/// in its MRO that documents one of that name.
pub fn method_doc(t: &PyType, name: &str) -> Option<&'static str> {
    std::iter::once(t)
        .chain(t.mro.iter().map(|b| &**b))
        .filter(|b| !b.heap)
        .find_map(|b| doc(&format!("{}.{name}", type_key(b))))
}
