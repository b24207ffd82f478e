//! `str.format`: replacement fields `{}`, `{0}`, `{name}`, `{0[1]}`, `{x.attr}`,
//! conversions `!r`/`!s`/`!a` and format specs (which may nest fields).

use super::exception::{index_error, key_error, value_error};
use crate::native::{Cx, PyResult};
use crate::objects::value::Value;

pub fn str_format(
    cx: &mut Cx<'_, '_>,
    template: &str,
    pos: &[Value],
    kw: &[(String, Value)],
) -> PyResult<String> {
    let (mut auto, mut manual) = (0usize, false);
    format_fields(cx, template, pos, Names::Kw(kw), &mut auto, &mut manual)
}

/// `template.format_map(mapping)`: names are looked up in `mapping` itself
/// (`mapping[name]`, so a dict subclass's `__missing__` answers), and a positional
/// field is a `ValueError`.
pub fn str_format_map(cx: &mut Cx<'_, '_>, template: &str, mapping: &Value) -> PyResult<String> {
    let (mut auto, mut manual) = (0usize, false);
    format_fields(
        cx,
        template,
        &[],
        Names::Map(mapping),
        &mut auto,
        &mut manual,
    )
}

/// Where named fields come from: `format`'s keyword arguments or `format_map`'s
/// mapping.
#[derive(Clone, Copy)]
enum Names<'a> {
    Kw(&'a [(String, Value)]),
    Map(&'a Value),
}

/// Expand the fields of `template`; `auto`/`manual` track `{}` numbering across nested specs.
fn format_fields(
    cx: &mut Cx<'_, '_>,
    template: &str,
    pos: &[Value],
    kw: Names<'_>,
    auto: &mut usize,
    manual: &mut bool,
) -> PyResult<String> {
    let mut out = String::new();
    let c: Vec<char> = template.chars().collect();
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '{' if c.get(i + 1) == Some(&'{') => {
                out.push('{');
                i += 2;
            }
            '}' if c.get(i + 1) == Some(&'}') => {
                out.push('}');
                i += 2;
            }
            '}' => return Err(value_error("Single '}' encountered in format string").into()),
            '{' if i + 1 == c.len() => {
                return Err(value_error("Single '{' encountered in format string").into())
            }
            '{' => {
                let start = i + 1;
                let mut depth = 1;
                i += 1;
                while i < c.len() && depth > 0 {
                    match c[i] {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    i += 1;
                }
                if depth > 0 {
                    return Err(value_error("expected '}' before end of string").into());
                }
                let field: String = c[start..i - 1].iter().collect();
                let text = replace_field(cx, &field, pos, kw, auto, manual)?;
                super::memory::push_str(&mut out, &text)?;
            }
            ch => {
                out.push(ch);
                i += 1;
            }
        }
    }
    Ok(out)
}

fn replace_field(
    cx: &mut Cx<'_, '_>,
    field: &str,
    pos: &[Value],
    kw: Names<'_>,
    auto: &mut usize,
    manual: &mut bool,
) -> PyResult<String> {
    let (head, spec) = match field.find(':') {
        Some(i) => (&field[..i], &field[i + 1..]),
        None => (field, ""),
    };
    let (name, conv) = match head.find('!') {
        Some(i) => (&head[..i], Some(&head[i + 1..])),
        None => (head, None),
    };
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let (first, mut rest) = name.split_at(first_end);
    if matches!(kw, Names::Map(_)) && (first.is_empty() || first.parse::<usize>().is_ok()) {
        return Err(value_error("Format string contains positional fields").into());
    }
    let mut v = if first.is_empty() {
        if *manual {
            return Err(value_error(
                "cannot switch from manual field specification to automatic field numbering",
            )
            .into());
        }
        let v = pos.get(*auto).cloned();
        *auto += 1;
        v.ok_or_else(|| {
            index_error(format!(
                "Replacement index {} out of range for positional args tuple",
                *auto - 1
            ))
        })?
    } else if let Ok(n) = first.parse::<usize>() {
        if *auto > 0 {
            return Err(value_error(
                "cannot switch from automatic field numbering to manual field specification",
            )
            .into());
        }
        *manual = true;
        pos.get(n).cloned().ok_or_else(|| {
            index_error(format!(
                "Replacement index {n} out of range for positional args tuple"
            ))
        })?
    } else {
        match kw {
            Names::Kw(kw) => kw
                .iter()
                .find(|(k, _)| k == first)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| key_error(Value::str(first)))?,
            Names::Map(m) => cx.getitem(m, &Value::str(first))?,
        }
    };
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            v = cx.getattr(&v, &r[..end])?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r
                .find(']')
                .ok_or_else(|| value_error("Missing ']' in format string"))?;
            let key = &r[..end];
            let k = key
                .parse::<i64>()
                .map(Value::Int)
                .unwrap_or_else(|_| Value::str(key));
            v = cx.getitem(&v, &k)?;
            rest = &r[end + 1..];
        } else {
            return Err(
                value_error("Only '.' or '[' may follow ']' in format field specifier").into(),
            );
        }
    }
    if conv.is_some_and(|c| c.chars().count() > 1) {
        return Err(value_error("expected ':' after conversion specifier").into());
    }
    let v = match conv {
        None => v,
        Some("r") => Value::string(cx.repr(&v)?),
        Some("s") => Value::string(cx.str(&v)?),
        Some("a") => Value::string(super::format::ascii(&cx.repr(&v)?)?),
        Some(other) => {
            return Err(value_error(format!("Unknown conversion specifier {other}")).into());
        }
    };
    let spec = if spec.contains('{') {
        format_fields(cx, spec, pos, kw, auto, manual)?
    } else {
        spec.to_owned()
    };
    // `format(v, spec)`: a user `__format__` gets every spec, the empty one too.
    cx.format(&v, &spec)
}
