//! Module objects: a name and a dict of globals.

use crate::objects::rc::Arc;

use super::dict::Dict;
use super::gil::{Gil, GilCell};
use super::value::Value;

pub struct Module {
    pub name: String,
    pub dict: Arc<GilCell<Dict>>,
}

impl Module {
    pub fn new(name: &str) -> Module {
        Module {
            name: name.to_owned(),
            dict: Arc::new(GilCell::new(Dict::new())),
        }
    }

    /// A built-in module named `name` holding these functions.
    pub fn with_functions(
        gil: Gil<'_>,
        name: &str,
        funcs: &'static [crate::objects::function::NativeDef],
    ) -> Module {
        let m = Module::new(name);
        for f in funcs {
            m.set(gil, f.name, Value::Native(f));
        }
        m
    }

    pub fn set(&self, gil: Gil<'_>, name: &str, v: Value) {
        let key = super::str::intern(name);
        // A str key always hashes.
        let _ = self.dict.borrow_mut(gil).insert(key, v);
    }

    pub fn get(&self, gil: Gil<'_>, name: &str) -> Option<Value> {
        self.dict
            .borrow(gil)
            .get_str(&super::str::PyStr::new(name.to_owned()))
    }
}
