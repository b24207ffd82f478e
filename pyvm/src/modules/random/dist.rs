//! `random`'s float distributions: `uniform`, `triangular`, `gauss`,
//! `normalvariate`, `expovariate`, as `random.py` computes them.

use super::bind::{bind, opt, req};
use super::state;
use crate::native::*;

/// A number argument for the float distributions, or the TypeError CPython's
/// arithmetic would raise (`op` between `a` and `b`).
fn num(v: &Value, op: &str, a: &Value, b: &Value) -> Result<f64, PyErr> {
    match v {
        Value::Float(_) | Value::Int(_) | Value::Bool(_) | Value::Big(_) => {
            crate::modules::math::to_f64(v)
        }
        _ => Err(unsupported_operand(op, a, b)),
    }
}

pub fn uniform(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = bind(args, "Random.uniform", &["a", "b"], 2, true)?;
    let (a, b) = (req(&p, 0), req(&p, 1));
    let (x, y) = (num(a, "-", b, a)?, num(b, "-", b, a)?);
    Ok(Value::Float(x + (y - x) * state().random()))
}

/// An optional float parameter (omitted or None: the default).
fn opt_f64(p: &[Option<Value>], i: usize, default: f64) -> Result<f64, PyErr> {
    opt(p, i).map_or(Ok(default), crate::modules::math::to_f64)
}

pub fn triangular(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = bind(args, "Random.triangular", &["low", "high", "mode"], 0, true)?;
    let low = opt_f64(&p, 0, 0.0)?;
    let high = opt_f64(&p, 1, 1.0)?;
    let low_value = p[0].clone().unwrap_or(Value::Float(low));
    let mode = opt(&p, 2);
    let mut u = state().random();
    let mut c = match mode {
        None => 0.5,
        Some(m) => {
            if high == low {
                // CPython returns `low` itself (ZeroDivisionError path).
                return Ok(low_value);
            }
            (crate::modules::math::to_f64(m)? - low) / (high - low)
        }
    };
    let (mut low, mut high) = (low, high);
    if u > c {
        u = 1.0 - u;
        c = 1.0 - c;
        std::mem::swap(&mut low, &mut high);
    }
    Ok(Value::Float(low + (high - low) * (u * c).sqrt()))
}

/// `mu + z * sigma` with Python's arithmetic errors for non-numbers (the draws are
/// made first, as in CPython, so a failing call still advances the generator).
fn shift_scale(p: &[Option<Value>], z: f64) -> Result<f64, PyErr> {
    let sigma = match &p[1] {
        None => 1.0,
        Some(v) => operand(v, "*")?,
    };
    let mu = match &p[0] {
        None => 0.0,
        Some(v) => operand(v, "+")?,
    };
    Ok(mu + z * sigma)
}

/// `v` as a float operand of `float OP v` (or `v + float`), or CPython's TypeError.
fn operand(v: &Value, op: &str) -> Result<f64, PyErr> {
    let x = Value::Float(0.0);
    match (v, op) {
        (Value::Float(_) | Value::Int(_) | Value::Bool(_) | Value::Big(_), _) => {
            crate::modules::math::to_f64(v)
        }
        (Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_), "*") => Err(
            type_error("can't multiply sequence by non-int of type 'float'"),
        ),
        (Value::Str(_) | Value::List(_) | Value::Tuple(_), "+") => {
            let t = crate::objects::types::type_name(v);
            Err(type_error(format!(
                "can only concatenate {t} (not \"float\") to {t}"
            )))
        }
        (_, "+") => Err(unsupported_operand("+", v, &x)),
        _ => Err(unsupported_operand(op, &x, v)),
    }
}

pub fn gauss(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = bind(args, "Random.gauss", &["mu", "sigma"], 0, true)?;
    let z = {
        let mut mt = state();
        match mt.gauss_next.take() {
            Some(z) => z,
            None => {
                let x2pi = mt.random() * std::f64::consts::TAU;
                let g2rad = (-2.0 * (1.0 - mt.random()).ln()).sqrt();
                mt.gauss_next = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        }
    };
    Ok(Value::Float(shift_scale(&p, z)?))
}

pub fn normalvariate(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = bind(args, "Random.normalvariate", &["mu", "sigma"], 0, true)?;
    let magic = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
    let z = {
        let mut mt = state();
        loop {
            let u1 = mt.random();
            let u2 = 1.0 - mt.random();
            let z = magic * (u1 - 0.5) / u2;
            if z * z / 4.0 <= -u2.ln() {
                break z;
            }
        }
    };
    Ok(Value::Float(shift_scale(&p, z)?))
}

pub fn expovariate(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = bind(args, "Random.expovariate", &["lambd"], 1, true)?;
    // The draw happens before the division can fail, as in CPython.
    let u = state().random();
    let lambd = operand(req(&p, 0), "/")?;
    if lambd == 0.0 {
        return Err(zero_division("float division by zero").into());
    }
    Ok(Value::Float(-(1.0 - u).ln() / lambd))
}
