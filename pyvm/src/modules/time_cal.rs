//! The calendar half of `time`: `gmtime`, `localtime`, `mktime`, `strftime`,
//! `asctime`, `ctime`, `struct_time` and the zone facts (`timezone`, `altzone`,
//! `daylight`, `tzname`). The system time zone comes from the `jiff` crate (it reads
//! `TZ` and `/etc/localtime` as the C library does); `strftime` implements the C
//! locale's directives itself, as CPython's output under the C locale reads.

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::PyType;

pub static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "gmtime" => gmtime, "localtime" => localtime, "mktime" => mktime,
    "strftime" => strftime, "asctime" => asctime, "ctime" => ctime, "strptime" => strptime,
];

/// `strptime(string, format="%a %b %d %H:%M:%S %Y")`: as CPython's, Lib's `_strptime`
/// parses; its 11 fields make the `struct_time` (nine items, `tm_zone`, `tm_gmtoff`).
fn strptime(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(type_error("strptime() takes no keyword arguments").into());
    }
    match args.len() {
        0 => {
            return Err(type_error(
                "_strptime_time() missing 1 required positional argument: 'data_string'",
            )
            .into())
        }
        1 | 2 => {}
        n => {
            return Err(type_error(format!(
                "_strptime_time() takes from 1 to 2 positional arguments but {n} were given"
            ))
            .into())
        }
    }
    let import = crate::native::builtin_function(cx.gil, "__import__");
    let m = cx.call(&import, vec![Value::str("_strptime")])?;
    let f = cx.getattr(&m, "_strptime")?;
    let parsed = cx.call(&f, args.pos.into_iter().collect())?;
    let tt = cx.getitem(&parsed, &Value::Int(0))?;
    let items = cx.collect(&tt)?;
    if items.len() < 11 {
        return Err(type_error("_strptime() returned a short time tuple").into());
    }
    let v = super::structseq::make(cx.gil, struct_time(cx.gil), items[..9].to_vec());
    if let Value::Instance(i) = &v {
        let mut d = i.dict.borrow_mut(cx.gil);
        d.insert(Value::str("tm_zone"), items[9].clone())?;
        d.insert(Value::str("tm_gmtoff"), items[10].clone())?;
    }
    Ok(v)
}

const FIELDS: &[&str] = &[
    "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst",
];

fn struct_time(gil: Gil<'_>) -> &'static Arc<PyType> {
    static T: OnceLock<Arc<PyType>> = OnceLock::new();
    T.get_or_init(|| super::structseq::new_type(gil, "time", "struct_time", FIELDS))
}

fn system_tz() -> &'static TimeZone {
    static TZ: OnceLock<TimeZone> = OnceLock::new();
    TZ.get_or_init(|| TimeZone::try_system().unwrap_or(TimeZone::UTC))
}

/// Add `struct_time` and the zone facts to the `time` module.
pub fn add(gil: Gil<'_>, m: &Module) {
    for f in FUNCS {
        m.set(gil, f.name, Value::Native(f));
    }
    m.set(gil, "struct_time", Value::Type(struct_time(gil).clone()));
    // The fields of a `struct_time` (its nine items, `tm_zone` and `tm_gmtoff`).
    m.set(gil, "_STRUCT_TM_ITEMS", Value::Int(11));
    let tz = system_tz();
    // Standard time and summer time as the zone has them this year (January and
    // July), as CPython's `init_timezone` finds them.
    let year = Timestamp::now().to_zoned(tz.clone()).year();
    let info = |month: i8| {
        let ts = DateTime::new(year, month, 1, 0, 0, 0, 0)
            .ok()
            .and_then(|d| d.to_zoned(tz.clone()).ok())
            .map(|z| z.timestamp())
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let oi = tz.to_offset_info(ts);
        (
            oi.offset().seconds(),
            oi.abbreviation().to_string(),
            oi.dst().is_dst(),
        )
    };
    let (jan, jul) = (info(1), info(7));
    let (std, dst) = if jan.2 && !jul.2 {
        (jul, jan)
    } else {
        (jan, jul)
    };
    m.set(gil, "timezone", Value::Int(-(std.0 as i64)));
    m.set(gil, "altzone", Value::Int(-(dst.0 as i64)));
    m.set(gil, "daylight", Value::Int(i64::from(std.0 != dst.0)));
    m.set(
        gil,
        "tzname",
        Value::tuple(vec![Value::string(std.1), Value::string(dst.1)]),
    );
}

/// The seconds argument of `gmtime`/`localtime`/`ctime` (`None`: now).
fn seconds(args: &Args, name: &str) -> PyResult<Timestamp> {
    args.check(name, 0, 1)?;
    let secs = match args.get(0) {
        None | Some(Value::None) => return Ok(Timestamp::now()),
        Some(Value::Float(f)) => {
            let f = f.get();
            if !f.is_finite() {
                return Err(value_error("Invalid value NaN (not a number)").into());
            }
            f.floor() as i64
        }
        Some(v) => arg_int(v, name)?,
    };
    Timestamp::from_second(secs)
        .map_err(|_| overflow_error("timestamp out of range for platform time_t").into())
}

fn make(gil: Gil<'_>, z: &jiff::Zoned, zone: Option<&str>) -> Value {
    let oi = z.time_zone().to_offset_info(z.timestamp());
    let items = vec![
        Value::Int(i64::from(z.year())),
        Value::Int(i64::from(z.month())),
        Value::Int(i64::from(z.day())),
        Value::Int(i64::from(z.hour())),
        Value::Int(i64::from(z.minute())),
        Value::Int(i64::from(z.second())),
        Value::Int(i64::from(z.weekday().to_monday_zero_offset())),
        Value::Int(i64::from(z.day_of_year())),
        Value::Int(i64::from(oi.dst().is_dst())),
    ];
    let v = super::structseq::make(gil, struct_time(gil), items);
    if let Value::Instance(i) = &v {
        let mut d = i.dict.borrow_mut(gil);
        let _ = d.insert(
            Value::str("tm_zone"),
            Value::string(zone.map_or_else(|| oi.abbreviation().to_string(), str::to_owned)),
        );
        let _ = d.insert(
            Value::str("tm_gmtoff"),
            Value::Int(i64::from(oi.offset().seconds())),
        );
    }
    v
}

fn gmtime(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let ts = seconds(&args, "gmtime")?;
    Ok(make(cx.gil, &ts.to_zoned(TimeZone::UTC), Some("GMT")))
}

fn localtime(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let ts = seconds(&args, "localtime")?;
    Ok(make(cx.gil, &ts.to_zoned(system_tz().clone()), None))
}

/// The nine fields of a `struct_time` or 9-tuple argument.
fn fields(cx: &mut Cx, v: &Value, name: &str) -> PyResult<[i64; 9]> {
    let items = match v {
        Value::Tuple(_) | Value::Instance(_) => cx.collect(v)?,
        other => {
            let _ = other;
            return Err(type_error("Tuple or struct_time argument required").into());
        }
    };
    if items.len() != 9 {
        return Err(type_error(format!("{name}(): illegal time tuple argument")).into());
    }
    let mut out = [0i64; 9];
    for (o, it) in out.iter_mut().zip(items.iter()) {
        *o = arg_int(it, name)?;
    }
    Ok(out)
}

/// A civil date and time from (possibly out-of-range) fields, normalized as C's
/// `mktime` normalizes them.
fn civil(f: &[i64; 9]) -> Option<DateTime> {
    let year = i16::try_from(f[0]).ok()?;
    let base = DateTime::new(year, 1, 1, 0, 0, 0, 0).ok()?;
    base.checked_add((f[1] - 1).months())
        .ok()?
        .checked_add((f[2] - 1).days())
        .ok()?
        .checked_add(f[3].hours())
        .ok()?
        .checked_add(f[4].minutes())
        .ok()?
        .checked_add(f[5].seconds())
        .ok()
}

fn mktime(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("mktime", 1, 1)?;
    let f = fields(cx, args.at(0), "mktime")?;
    let dt = civil(&f).ok_or_else(|| overflow_error("mktime argument out of range"))?;
    let z = dt
        .to_zoned(system_tz().clone())
        .map_err(|_| overflow_error("mktime argument out of range"))?;
    Ok(Value::float(z.timestamp().as_second() as f64))
}

/// The time a `strftime`/`asctime` argument names (`None`: now, local).
fn zoned_arg(cx: &mut Cx, v: Option<&Value>, name: &str) -> PyResult<jiff::Zoned> {
    let Some(v) = v else {
        return Ok(Timestamp::now().to_zoned(system_tz().clone()));
    };
    let f = checked_fields(cx, v, name)?;
    // pyvm's calendar covers the years -9999..=9999 (as Windows' C library limits
    // CPython's strftime, a ValueError: callers probe for it).
    if !(-9999..=9999).contains(&f[0]) {
        return Err(value_error("year out of range").into());
    }
    let dt = civil(&f).ok_or_else(|| overflow_error("date value out of range"))?;
    // A struct_time from gmtime() keeps its zone (tm_zone "UTC").
    let tz = match cx.getattr(v, "tm_zone") {
        Ok(Value::Str(s)) if s.as_str() == "UTC" || s.as_str() == "GMT" => TimeZone::UTC,
        _ => system_tz().clone(),
    };
    dt.to_zoned(tz)
        .map_err(|_| overflow_error("date value out of range").into())
}

/// A time tuple's fields after CPython's `checktm` (zero month, day of month and
/// day of year mean the first; each field in its range).
fn checked_fields(cx: &mut Cx, v: &Value, name: &str) -> PyResult<[i64; 9]> {
    let mut f = fields(cx, v, name)?;
    // CPython's `checktm`: a zero month, day of month or day of year is the first.
    if f[1] == 0 {
        f[1] = 1;
    }
    if f[2] == 0 {
        f[2] = 1;
    }
    if !(1..=12).contains(&f[1]) {
        return Err(value_error("month out of range").into());
    }
    if !(1..=31).contains(&f[2]) {
        return Err(value_error("day of month out of range").into());
    }
    if !(0..=23).contains(&f[3]) {
        return Err(value_error("hour out of range").into());
    }
    if !(0..=59).contains(&f[4]) {
        return Err(value_error("minute out of range").into());
    }
    if !(0..=61).contains(&f[5]) {
        return Err(value_error("seconds out of range").into());
    }
    // C's `%` on `tm_wday + 1`: below -1 stays negative.
    if f[6] < -1 {
        return Err(value_error("day of week out of range").into());
    }
    if !(0..=366).contains(&f[7]) {
        return Err(value_error("day of year out of range").into());
    }
    Ok(f)
}

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// C's `strftime` in the C locale. `given` is a time tuple's own weekday (Monday
/// 0) and day of year, which C's `strftime` prints as they are (`%a`, `%w`, `%j`...).
fn format(fmt: &str, z: &jiff::Zoned, given: Option<(usize, i64)>) -> String {
    let (wd, yday) = given.unwrap_or((
        z.weekday().to_monday_zero_offset() as usize,
        z.day_of_year() as i64,
    ));
    let mon = (z.month() - 1) as usize;
    let sunday_wd = (wd + 1) % 7;
    let hour12 = match z.hour() % 12 {
        0 => 12,
        h => h,
    };
    let oi = z.time_zone().to_offset_info(z.timestamp());
    let off = oi.offset().seconds();
    let mut out = String::new();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(d) = chars.next() else {
            out.push('%');
            break;
        };
        let s = match d {
            'a' => DAYS[wd][..3].to_owned(),
            'A' => DAYS[wd].to_owned(),
            'b' | 'h' => MONTHS[mon][..3].to_owned(),
            'B' => MONTHS[mon].to_owned(),
            'c' => format("%a %b %e %H:%M:%S %Y", z, given),
            'C' => format!("{:02}", z.year() / 100),
            'd' => format!("{:02}", z.day()),
            'D' => format("%m/%d/%y", z, given),
            'e' => format!("{:2}", z.day()),
            'F' => format("%Y-%m-%d", z, given),
            'H' => format!("{:02}", z.hour()),
            'I' => format!("{:02}", hour12),
            'j' => format!("{:03}", yday),
            'm' => format!("{:02}", z.month()),
            'M' => format!("{:02}", z.minute()),
            'n' => "\n".to_owned(),
            'p' => (if z.hour() < 12 { "AM" } else { "PM" }).to_owned(),
            'r' => format("%I:%M:%S %p", z, given),
            'R' => format("%H:%M", z, given),
            'S' => format!("{:02}", z.second()),
            't' => "\t".to_owned(),
            'T' => format("%H:%M:%S", z, given),
            'u' => format!("{}", wd + 1),
            'U' => format!("{:02}", (yday + 6 - sunday_wd as i64) / 7),
            'w' => format!("{}", sunday_wd),
            'W' => format!("{:02}", (yday + 6 - wd as i64) / 7),
            'x' => format("%m/%d/%y", z, given),
            'X' => format("%H:%M:%S", z, given),
            'y' => format!("{:02}", z.year().rem_euclid(100)),
            'Y' => format!("{}", z.year()),
            'z' => {
                let sign = if off < 0 { '-' } else { '+' };
                let a = off.abs();
                format!("{sign}{:02}{:02}", a / 3600, (a % 3600) / 60)
            }
            'Z' => match oi.abbreviation() {
                "UTC" if z.time_zone() == &TimeZone::UTC => "GMT".to_owned(),
                a => a.to_string(),
            },
            'G' => format!("{}", z.date().iso_week_date().year()),
            'g' => format!("{:02}", z.date().iso_week_date().year().rem_euclid(100)),
            'V' => format!("{:02}", z.date().iso_week_date().week()),
            's' => format!("{}", z.timestamp().as_second()),
            '%' => "%".to_owned(),
            other => format!("%{other}"),
        };
        out.push_str(&s);
    }
    out
}

/// A time tuple's weekday (Monday 0) and day of year as C's `strftime` reads them
/// from `struct tm` (`tm_wday = (wday + 1) % 7`, `tm_yday` -1 taken as 0).
fn given_days(cx: &mut Cx, v: Option<&Value>, name: &str) -> PyResult<Option<(usize, i64)>> {
    let Some(v) = v else {
        return Ok(None);
    };
    let f = checked_fields(cx, v, name)?;
    Ok(Some((f[6].rem_euclid(7) as usize, f[7].max(1))))
}

fn strftime(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("strftime", 1, 2)?;
    let fmt = arg_str(args.at(0), "strftime", "")?.to_owned();
    if fmt.contains('\0') {
        return Err(value_error("embedded null character").into());
    }
    let z = zoned_arg(cx, args.get(1), "strftime")?;
    let given = given_days(cx, args.get(1), "strftime")?;
    Ok(Value::string(format(&fmt, &z, given)))
}

/// `asctime([t])`: CPython's own `_asctime` over the tuple's fields as given (any
/// year, its weekday), not the C library's.
fn asctime(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("asctime", 0, 1)?;
    let Some(v) = args.get(0) else {
        let z = zoned_arg(cx, None, "asctime")?;
        return Ok(Value::string(format("%a %b %e %H:%M:%S %Y", &z, None)));
    };
    let f = checked_fields(cx, v, "asctime")?;
    Ok(Value::string(format!(
        "{} {}{:3} {:02}:{:02}:{:02} {}",
        &DAYS[f[6].rem_euclid(7) as usize][..3],
        &MONTHS[(f[1] - 1) as usize][..3],
        f[2],
        f[3],
        f[4],
        f[5],
        f[0]
    )))
}

fn ctime(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let ts = seconds(&args, "ctime")?;
    let z = ts.to_zoned(system_tz().clone());
    Ok(Value::string(format("%a %b %e %H:%M:%S %Y", &z, None)))
}
