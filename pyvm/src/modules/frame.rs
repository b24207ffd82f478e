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
    /// `f_locals`: made from `pending` when first read.
    locals: crate::objects::gil::GilCell<Value>,
    pending: crate::objects::gil::GilCell<Option<FrameLocals>>,
    back: Value,
}

impl Frame {
    fn make(code: Value, line: u32, globals: Value, locals: FrameLocals, back: Value) -> Value {
        Value::Object(Arc::new(Object(Box::new(Frame {
            code,
            line,
            globals,
            locals: crate::objects::gil::GilCell::new(Value::Null),
            pending: crate::objects::gil::GilCell::new(Some(locals)),
            back,
        }))))
    }

    /// `f_locals`, made the first time it is read (module code: its globals).
    fn locals(&self, gil: Gil<'_>) -> Value {
        if let Some(snap) = self.pending.borrow_mut(gil).take() {
            let dict = match &self.code {
                Value::Code(c) => snap.dict(c),
                _ => None,
            };
            *self.locals.borrow_mut(gil) = dict.map_or_else(|| self.globals.clone(), Value::Dict);
        }
        self.locals.borrow(gil).clone()
    }
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

    fn getattr(&self, gil: Gil<'_>, name: &str) -> Option<Value> {
        Some(match name {
            "f_code" => self.code.clone(),
            "f_lineno" => Value::Int(self.line as i64),
            "f_globals" => self.globals.clone(),
            "f_locals" => self.locals(gil),
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
    let locals = match e.code.is_module {
        true => FrameLocals::Globals,
        false => FrameLocals::Fast(Vec::new()),
    };
    let globals = Value::Dict(e.globals.clone());
    Frame::make(
        Value::Code(e.code.clone()),
        e.line,
        globals,
        locals,
        Value::None,
    )
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
        let globals = Value::Dict(s.globals);
        back = Frame::make(Value::Code(s.code), s.line, globals, s.locals, back);
    }
    Some(back)
}
