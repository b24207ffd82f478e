//! `random`'s float distributions: `uniform`, `triangular`, `gauss`,
//! `normalvariate`, `expovariate`, as `random.py` computes them.

use num_bigint::BigInt;

use super::bind::{bind, opt, req};
use super::state;
use crate::native::*;
use crate::objects::int;

/// A number as Python's arithmetic sees it: `int - int` stays exact, anything with a
/// float becomes a float (so big-int bounds round exactly as in CPython).
#[derive(Clone)]
enum Num {
    I(BigInt),
    F(f64),
}

impl Num {
    /// The number in `v`, or the TypeError of `a OP b` for a non-number.
    fn of(v: &Value, op: &str, a: &Value, b: &Value) -> Result<Num, PyErr> {
        match v {
            Value::Float(f) => Ok(Num::F(*f)),
            _ => int::to_big(v)
                .map(Num::I)
                .ok_or_else(|| unsupported_operand(op, a, b)),
        }
    }

    fn f(&self) -> Result<f64, PyErr> {
        match self {
            Num::F(x) => Ok(*x),
            Num::I(i) => int::to_f64(&Value::big(i.clone())),
        }
    }

    fn sub(&self, other: &Num) -> Result<Num, PyErr> {
        Ok(match (self, other) {
            (Num::I(a), Num::I(b)) => Num::I(a - b),
            _ => Num::F(self.f()? - other.f()?),
        })
    }

    /// `self / other`, `None` for a division by zero.
    fn div(&self, other: &Num) -> Result<Option<f64>, PyErr> {
        match (self, other) {
            (Num::I(a), Num::I(b)) => match int::true_div(a, b) {
                Ok(Value::Float(x)) => Ok(Some(x)),
                Ok(_) => Ok(None),
                Err(e)
                    if e.is_instance(&crate::objects::types::types().exc.zero_division_error) =>
                {
                    Ok(None)
                }
                Err(e) => Err(e),
            },
            _ => {
                let d = other.f()?;
                Ok(if d == 0.0 { None } else { Some(self.f()? / d) })
            }
        }
    }
}

pub fn uniform(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = bind(args, "Random.uniform", &["a", "b"], 2, true)?;
    let (a, b) = (req(&p, 0), req(&p, 1));
    // `a + (b - a) * random()`
    let span = Num::of(b, "-", b, a)?.sub(&Num::of(a, "-", b, a)?)?.f()?;
    let r = state().random();
    Ok(Value::Float(Num::of(a, "+", a, b)?.f()? + span * r))
}

pub fn triangular(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = bind(args, "Random.triangular", &["low", "high", "mode"], 0, true)?;
    let low_value = p[0].clone().unwrap_or(Value::Float(0.0));
    let high_value = p[1].clone().unwrap_or(Value::Float(1.0));
    let mut low = Num::of(&low_value, "-", &high_value, &low_value)?;
    let mut high = Num::of(&high_value, "-", &high_value, &low_value)?;
    let mut u = state().random();
    let mut c = match opt(&p, 2) {
        None => 0.5,
        Some(m) => {
            let num = Num::of(m, "-", m, &low_value)?.sub(&low)?;
            match num.div(&high.sub(&low)?)? {
                Some(c) => c,
                // CPython returns `low` itself (its ZeroDivisionError path).
                None => return Ok(low_value),
            }
        }
    };
    if u > c {
        u = 1.0 - u;
        c = 1.0 - c;
        std::mem::swap(&mut low, &mut high);
    }
    // `low + (high - low) * sqrt(u * c)`
    let step = high.sub(&low)?.f()? * (u * c).sqrt();
    Ok(Value::Float(low.f()? + step))
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
