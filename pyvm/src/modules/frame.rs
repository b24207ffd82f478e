//! Frame objects as `sys._getframe()` gives them: a snapshot of a running Python
//! frame — its code, line, globals and locals — and the frames below it (`f_back`),
//! taken when asked (what `warnings`, `logging`, `namedtuple` and `typing` read).

use crate::objects::rc::Arc;

use crate::native::*;
use crate::objects::gil::Gil;
use crate::objects::object::{NativeObject, Object};

struct Frame {
    code: Value,
    line: u32,
    globals: Value,
    locals: Value,
    back: Value,
}

impl NativeObject for Frame {
    fn type_name(&self) -> &'static str {
        "frame"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        let name = match &self.code {
            Value::Code(c) => c.name.to_string(),
            _ => "?".to_owned(),
        };
        let file = match &self.code {
            Value::Code(c) => c.filename.to_string(),
            _ => "?".to_owned(),
        };
        Ok(format!(
            "<frame at {:#x}, file '{file}', line {}, code {name}>",
            self as *const Frame as usize, self.line
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        Some(match name {
            "f_code" => self.code.clone(),
            "f_lineno" => Value::Int(self.line as i64),
            "f_globals" => self.globals.clone(),
            "f_locals" => self.locals.clone(),
            "f_back" => self.back.clone(),
            "f_builtins" => Value::Dict(crate::modules::builtins_module().dict.clone()),
            "f_lasti" => Value::Int(0),
            "f_trace" => Value::None,
            _ => return None,
        })
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The frame a traceback entry names (`tb.tb_frame`): its code, line and globals;
/// its locals are gone (the module's globals for module code).
pub fn of_traceback(e: &crate::objects::exception::TbEntry) -> Value {
    let globals = Value::Dict(e.globals.clone());
    let locals = match e.code.is_module {
        true => globals.clone(),
        false => Value::dict(crate::objects::dict::Dict::new()),
    };
    Value::Object(Arc::new(Object(Box::new(Frame {
        code: Value::Code(e.code.clone()),
        line: e.line,
        globals,
        locals,
        back: Value::None,
    }))))
}

/// The frame `depth` frames above the caller of the native calling this, with the
/// frames below it; `None` when the stack is not that deep.
pub fn get(cx: &Cx, depth: usize) -> Option<Value> {
    let mut snaps = Vec::new();
    let mut d = depth;
    while let Some(s) = cx.frame_snapshot(d) {
        snaps.push(s);
        d += 1;
    }
    if snaps.is_empty() {
        return None;
    }
    let mut back = Value::None;
    for s in snaps.into_iter().rev() {
        let globals = Value::Dict(s.globals.clone());
        let locals = s.locals.map(Value::Dict).unwrap_or_else(|| globals.clone());
        back = Value::Object(Arc::new(Object(Box::new(Frame {
            code: Value::Code(s.code),
            line: s.line,
            globals,
            locals,
            back,
        }))));
    }
    Some(back)
}
