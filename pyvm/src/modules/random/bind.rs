//! Argument binding for natives that stand in for functions CPython writes in Python
//! (`random.choice`, `os.path.basename`, ...): keywords by parameter name, defaults,
//! and the interpreter's own wording for arity errors, so a wrong call reads exactly
//! as it does under CPython.

use crate::native::*;

/// A Python-level signature: `qualname(params...)` whose first `required` parameters
/// have no default. `method`: a bound method, whose `self` CPython counts in
/// "takes N positional arguments".
pub struct Sig<'a> {
    pub qualname: &'a str,
    pub params: &'a [&'a str],
    pub required: usize,
    pub method: bool,
}

impl Sig<'_> {
    /// Bind `args`: one slot per parameter, `None` for an omitted optional one.
    /// Keyword-only parameters must have been taken out of `args` first.
    pub fn bind(&self, args: Args) -> Result<Vec<Option<Value>>, PyErr> {
        let q = self.qualname;
        let (n, max) = (args.pos.len(), self.params.len());
        if n > max {
            let s = self.method as usize;
            let takes = if self.required == max {
                format!(
                    "{} positional argument{}",
                    max + s,
                    if max + s == 1 { "" } else { "s" }
                )
            } else {
                format!(
                    "from {} to {} positional arguments",
                    self.required + s,
                    max + s
                )
            };
            let given = n + s;
            let were = if given == 1 { "was" } else { "were" };
            return Err(type_error(format!(
                "{q}() takes {takes} but {given} {were} given"
            )));
        }
        let mut slots: Vec<Option<Value>> = args.pos.into_iter().map(Some).collect();
        slots.resize(max, None);
        for (k, v) in args.kw {
            match self.params.iter().position(|p| *p == k) {
                Some(i) if i < n => {
                    return Err(type_error(format!(
                        "{q}() got multiple values for argument '{k}'"
                    )))
                }
                Some(i) => slots[i] = Some(v),
                None => {
                    return Err(type_error(format!(
                        "{q}() got an unexpected keyword argument '{k}'"
                    )))
                }
            }
        }
        let missing: Vec<String> = (0..self.required)
            .filter(|&i| slots[i].is_none())
            .map(|i| format!("'{}'", self.params[i]))
            .collect();
        if !missing.is_empty() {
            let names = match missing.len() {
                1 => missing[0].clone(),
                2 => format!("{} and {}", missing[0], missing[1]),
                k => format!("{}, and {}", missing[..k - 1].join(", "), missing[k - 1]),
            };
            return Err(type_error(format!(
                "{q}() missing {} required positional argument{}: {names}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" }
            )));
        }
        Ok(slots)
    }
}

/// Bind and return the slots (shorthand for the common case).
pub fn bind(
    args: Args,
    qualname: &str,
    params: &[&str],
    required: usize,
    method: bool,
) -> Result<Vec<Option<Value>>, PyErr> {
    Sig {
        qualname,
        params,
        required,
        method,
    }
    .bind(args)
}

/// Slot `i` (a required parameter, always present after `bind`).
pub fn req(slots: &[Option<Value>], i: usize) -> &Value {
    slots[i].as_ref().unwrap_or(&Value::None)
}
