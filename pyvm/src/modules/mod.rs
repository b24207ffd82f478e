//! Built-in modules (`builtins`, `sys`) and `import` of them. Modules are written only
//! against `crate::native`.

pub mod builtins;
pub mod errno;
pub mod json;
pub mod math;
pub mod os;
pub mod random;
pub mod struct_;
pub mod sys;
pub mod time;

use std::sync::{Arc, OnceLock};

use crate::objects::exception::{module_not_found, PyErr};
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::value::Value;

static BUILTINS: OnceLock<Arc<Module>> = OnceLock::new();

/// The `builtins` module (one per process).
pub fn builtins_module() -> &'static Arc<Module> {
    BUILTINS.get_or_init(|| crate::objects::gil::with_gil(|gil| Arc::new(builtins::make(gil))))
}

/// `import name`: built-in modules only (files come with pyvm part 2).
pub fn import(gil: Gil<'_>, name: &str) -> Result<Value, PyErr> {
    match name {
        "sys" => Ok(Value::Module(sys::module(gil).clone())),
        "builtins" => Ok(Value::Module(builtins_module().clone())),
        "math" => Ok(Value::Module(math::module(gil).clone())),
        "errno" => Ok(Value::Module(errno::module(gil).clone())),
        "time" => Ok(Value::Module(time::module(gil).clone())),
        "os" | "os.path" => Ok(os::module(gil, name)),
        "random" => Ok(Value::Module(random::module(gil).clone())),
        "struct" => Ok(Value::Module(struct_::module(gil).clone())),
        "json" => Ok(Value::Module(json::module(gil).clone())),
        _ => Err(module_not_found(format!("No module named '{name}'"))),
    }
}
