//! `_sre`: the regular expression engine under CPython 3.11's own `re` package
//! (`re/_compiler.py` emits the opcodes, `_sre.compile` makes a `Pattern` of them).
//! `engine.rs` is a port of `sre_lib.h`; this file holds the module and the
//! `Pattern`, `Match` and `SRE_Scanner` objects (CPython's `sre.c`), with its
//! messages. A subject is matched as a vector of code points (or byte values).

pub mod constants;
pub mod engine;

use crate::objects::rc::{Arc, Weak};
use std::sync::{Mutex, OnceLock};

use crate::native::*;
use crate::objects::dict::Dict;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::iter::{Iter, NativeIter};
use crate::objects::module::Module;
use crate::objects::object::{NativeObject, Object};
use crate::objects::types::{type_name, types, Kind, PyType};

use constants::*;
use engine::State;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();
static PATTERN_TYPE: OnceLock<Arc<PyType>> = OnceLock::new();
static MATCH_TYPE: OnceLock<Arc<PyType>> = OnceLock::new();
static SCANNER_TYPE: OnceLock<Arc<PyType>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "compile" => compile, "getcodesize" => getcodesize,
    "ascii_iscased" => ascii_iscased, "unicode_iscased" => unicode_iscased,
    "ascii_tolower" => ascii_tolower, "unicode_tolower" => unicode_tolower,
];

fn new_type(
    cell: &'static OnceLock<Arc<PyType>>,
    name: &str,
    module: &str,
    new: NativeFn,
) -> &'static Arc<PyType> {
    cell.get_or_init(|| {
        Arc::new(
            PyType::builtin(
                name,
                module,
                Some(&types().object),
                Kind::Iterator,
                Some(new),
            )
            .sealed(),
        )
    })
}

fn no_new_pattern(_cx: &mut Cx, _args: Args) -> PyResult<Value> {
    Err(type_error("cannot create 're.Pattern' instances").into())
}

fn no_new_match(_cx: &mut Cx, _args: Args) -> PyResult<Value> {
    Err(type_error("cannot create 're.Match' instances").into())
}

fn no_new_scanner(_cx: &mut Cx, _args: Args) -> PyResult<Value> {
    Err(type_error("cannot create '_sre.SRE_Scanner' instances").into())
}

fn pattern_type() -> &'static Arc<PyType> {
    new_type(&PATTERN_TYPE, "Pattern", "re", no_new_pattern)
}

fn match_type() -> &'static Arc<PyType> {
    new_type(&MATCH_TYPE, "Match", "re", no_new_match)
}

fn scanner_type() -> &'static Arc<PyType> {
    new_type(&SCANNER_TYPE, "SRE_Scanner", "_sre", no_new_scanner)
}

/// The `_sre` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_sre", FUNCS);
        m.set(gil, "MAGIC", Value::Int(MAGIC));
        m.set(gil, "CODESIZE", Value::Int(CODESIZE));
        m.set(gil, "MAXREPEAT", Value::Int(MAXREPEAT as i64));
        m.set(gil, "MAXGROUPS", Value::Int(MAXGROUPS));
        m.set(
            gil,
            "copyright",
            Value::str(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB "),
        );
        Arc::new(m)
    })
}

fn getcodesize(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("getcodesize", 0, 0)?;
    Ok(Value::Int(CODESIZE))
}

fn char_arg(args: &Args, name: &str) -> Result<u32, PyErr> {
    args.check(name, 1, 1)?;
    let c = arg_int(args.at(0), "")?;
    u32::try_from(c).map_err(|_| overflow_error("Python int too large to convert to C int"))
}

fn ascii_iscased(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let c = char_arg(&args, "ascii_iscased")?;
    Ok(Value::bool(c < 128 && (c as u8).is_ascii_alphabetic()))
}

fn unicode_iscased(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let c = char_arg(&args, "unicode_iscased")?;
    Ok(Value::bool(
        c != engine::lower_unicode(c) || c != engine::upper_unicode(c),
    ))
}

fn ascii_tolower(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let c = char_arg(&args, "ascii_tolower")?;
    Ok(Value::Int(engine::lower_ascii(c) as i64))
}

fn unicode_tolower(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let c = char_arg(&args, "unicode_tolower")?;
    Ok(Value::Int(engine::lower_unicode(c) as i64))
}

// ----- subjects ---------------------------------------------------------------------

/// The characters of a subject: bytes (a bytes-like object, or a `str` that is all
/// ASCII, shared without a copy) or code points.
enum Text {
    Bytes(Arc<Vec<u8>>),
    Ascii(Arc<crate::objects::str::PyStr>),
    Wide(Arc<Vec<u32>>),
}

/// A string being matched: its characters and its kind.
struct Subject {
    text: Text,
    bytes: bool,
    /// The object matched (`Match.string`).
    value: Value,
}

/// Run `$body` with `$s` bound to the subject's characters as `&[u8]` or `&[u32]`
/// (the engine is generic over both).
macro_rules! with_text {
    ($subj:expr, |$s:ident| $body:expr) => {
        match &$subj.text {
            Text::Bytes(b) => {
                let $s: &[u8] = b.as_slice();
                $body
            }
            Text::Ascii(a) => {
                let $s: &[u8] = a.as_str().as_bytes();
                $body
            }
            Text::Wide(w) => {
                let $s: &[u32] = w.as_slice();
                $body
            }
        }
    };
}

impl Subject {
    fn len(&self) -> usize {
        with_text!(self, |s| s.len())
    }

    fn slice(&self, a: usize, b: usize) -> Value {
        let n = self.len();
        let (a, b) = (a.min(n), b.min(n));
        let b = b.max(a);
        match &self.text {
            Text::Bytes(x) => Value::Bytes(Arc::new(x[a..b].to_vec())),
            Text::Ascii(x) => Value::str(&x.as_str()[a..b]),
            Text::Wide(x) => Value::string(
                x[a..b]
                    .iter()
                    .filter_map(|&c| crate::objects::str::from_code_point(c))
                    .collect(),
            ),
        }
    }

    fn empty(&self) -> Value {
        self.slice(0, 0)
    }
}

/// The characters of `v` and whether it is bytes-like, or `None` when it is
/// neither a string nor bytes-like.
fn text_of(gil: Gil<'_>, v: &Value) -> Option<(Text, bool)> {
    match crate::objects::class::payload(v).unwrap_or(v) {
        Value::Str(s) if s.is_ascii() => Some((Text::Ascii(s.clone()), false)),
        Value::Str(s) => Some((Text::Wide(wide(gil, s)), false)),
        Value::Bytes(b) => Some((Text::Bytes(b.clone()), true)),
        Value::ByteArray(b) => Some((Text::Bytes(Arc::new(b.borrow(gil).clone())), true)),
        Value::Object(o) => o.0.buffer(gil).map(|b| (Text::Bytes(Arc::new(b)), true)),
        _ => None,
    }
}

/// The code points of a non-ASCII `str`, converted once per string: a tokenizer
/// calling `pattern.match(text, pos)` along a long text would otherwise convert the
/// whole text at every call (quadratic). The last few conversions are kept with their
/// strings (so a kept string's address is its own).
fn wide(gil: Gil<'_>, s: &Arc<crate::objects::str::PyStr>) -> Arc<Vec<u32>> {
    type Kept = Vec<(Arc<crate::objects::str::PyStr>, Arc<Vec<u32>>)>;
    static KEPT: std::sync::OnceLock<GilCell<Kept>> = std::sync::OnceLock::new();
    let kept = KEPT.get_or_init(|| GilCell::new(Vec::new()));
    if let Some((_, w)) = kept.borrow(gil).iter().find(|(k, _)| Arc::ptr_eq(k, s)) {
        return w.clone();
    }
    let w = Arc::new(
        s.as_str()
            .chars()
            .map(crate::objects::str::code_point)
            .collect::<Vec<u32>>(),
    );
    // Short strings are cheap to convert again: only long ones are kept.
    if s.char_len() >= 256 {
        let old = {
            let mut k = kept.borrow_mut(gil);
            k.insert(0, (s.clone(), w.clone()));
            let keep = k.len().min(4);
            k.split_off(keep)
        };
        // Dropped after the borrow ends.
        drop(old);
    }
    w
}

fn subject(gil: Gil<'_>, pd: &PatternData, v: &Value) -> Result<Arc<Subject>, PyErr> {
    let Some((text, bytes)) = text_of(gil, v) else {
        return Err(type_error(format!(
            "expected string or bytes-like object, got '{}'",
            type_name(v)
        )));
    };
    match pd.isbytes {
        Some(false) if bytes => {
            return Err(type_error(
                "cannot use a string pattern on a bytes-like object",
            ))
        }
        Some(true) if !bytes => {
            return Err(type_error(
                "cannot use a bytes pattern on a string-like object",
            ))
        }
        _ => {}
    }
    Ok(Arc::new(Subject {
        text,
        bytes,
        value: v.clone(),
    }))
}

/// `pos`/`endpos` clamped as `state_init` does.
fn bounds(
    len: usize,
    pos: &Option<Value>,
    endpos: &Option<Value>,
) -> Result<(usize, usize), PyErr> {
    let clamp = |v: &Option<Value>, default: i64| -> Result<usize, PyErr> {
        let n = match v {
            Some(Value::Big(b)) => {
                if b.sign() == num_bigint_sign_minus() {
                    0
                } else {
                    i64::MAX
                }
            }
            Some(v) => arg_int(v, "")?,
            None => default,
        };
        Ok(n.clamp(0, len as i64) as usize)
    };
    Ok((clamp(pos, 0)?, clamp(endpos, i64::MAX)?))
}

fn num_bigint_sign_minus() -> num_bigint::Sign {
    num_bigint::Sign::Minus
}

// ----- Pattern ----------------------------------------------------------------------

struct PatternData {
    pattern: Value,
    flags: i64,
    code: Vec<u32>,
    groups: usize,
    groupindex: Value,
    indexgroup: Vec<Value>,
    /// `None`: made from a parsed pattern, not a string (`re.Scanner`).
    isbytes: Option<bool>,
}

struct Pattern {
    d: Arc<PatternData>,
    me: Weak<Object>,
}

static PATTERN_METHODS: &[NativeDef] = crate::objects::methods::natives![
    "match" => p_match, "fullmatch" => p_fullmatch, "search" => p_search,
    "findall" => p_findall, "finditer" => p_finditer, "sub" => p_sub, "subn" => p_subn,
    "split" => p_split, "scanner" => p_scanner, "__copy__" => ret_self,
    "__deepcopy__" => ret_self,
];

fn ret_self(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(args.at(0).clone())
}

fn this_value<T: NativeObject + 'static>(me: &Weak<Object>, make: impl FnOnce() -> T) -> Value {
    match me.upgrade() {
        Some(o) => Value::Object(o),
        None => Value::Object(Arc::new(Object(Box::new(make())))),
    }
}

fn make_pattern(d: PatternData) -> Value {
    let d = Arc::new(d);
    Value::Object(Arc::new_cyclic(|w| {
        Object(Box::new(Pattern { d, me: w.clone() }))
    }))
}

fn repr_trunc(s: String, n: usize) -> String {
    if s.chars().count() > n {
        s.chars().take(n).collect()
    } else {
        s
    }
}

impl NativeObject for Pattern {
    fn type_name(&self) -> &'static str {
        "re.Pattern"
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(pattern_type().clone())
    }

    fn repr(&self, gil: Gil<'_>) -> Result<String, PyErr> {
        let d = &self.d;
        let p = repr_trunc(crate::objects::repr::repr(gil, &d.pattern)?, 200);
        let mut flags = d.flags;
        if d.isbytes == Some(false)
            && flags & (FLAG_LOCALE | FLAG_UNICODE | FLAG_ASCII) == FLAG_UNICODE
        {
            flags &= !FLAG_UNICODE;
        }
        if flags == 0 {
            return Ok(format!("re.compile({p})"));
        }
        const NAMES: &[(&str, i64)] = &[
            ("re.TEMPLATE", FLAG_TEMPLATE),
            ("re.IGNORECASE", FLAG_IGNORECASE),
            ("re.LOCALE", FLAG_LOCALE),
            ("re.MULTILINE", FLAG_MULTILINE),
            ("re.DOTALL", FLAG_DOTALL),
            ("re.UNICODE", FLAG_UNICODE),
            ("re.VERBOSE", FLAG_VERBOSE),
            ("re.DEBUG", FLAG_DEBUG),
            ("re.ASCII", FLAG_ASCII),
        ];
        let mut parts = Vec::new();
        for (name, v) in NAMES {
            if flags & v != 0 {
                parts.push((*name).to_owned());
                flags &= !v;
            }
        }
        if flags != 0 {
            parts.push(format!("{flags:#x}"));
        }
        Ok(format!("re.compile({p}, {})", parts.join("|")))
    }

    fn getattr(&self, gil: Gil<'_>, name: &str) -> Option<Value> {
        let d = &self.d;
        match name {
            "pattern" => return Some(d.pattern.clone()),
            "flags" => return Some(Value::Int(d.flags)),
            "groups" => return Some(Value::Int(d.groups as i64)),
            "groupindex" => {
                let copy = match &d.groupindex {
                    Value::Dict(x) => x.borrow(gil).clone(),
                    _ => Dict::new(),
                };
                return Some(Value::dict(copy));
            }
            _ => {}
        }
        let def = PATTERN_METHODS.iter().find(|m| m.name == name)?;
        let this = this_value(&self.me, || Pattern {
            d: self.d.clone(),
            me: Weak::new(),
        });
        Some(Value::BoundNative(Arc::new((this, def))))
    }

    fn eq(&self, gil: Gil<'_>, other: &dyn NativeObject) -> Option<Result<bool, PyErr>> {
        let o = other.as_any().downcast_ref::<Pattern>()?;
        let (a, b) = (&self.d, &o.d);
        if a.flags != b.flags || a.isbytes != b.isbytes || a.code != b.code {
            return Some(Ok(false));
        }
        Some(crate::objects::compare::eq(gil, &a.pattern, &b.pattern))
    }

    fn hash(&self) -> Option<Result<i64, PyErr>> {
        let d = &self.d;
        let h = match crate::objects::dict::hash(&d.pattern) {
            Ok(h) => h,
            Err(e) => return Some(Err(e)),
        };
        let mut x = h as u64 ^ (d.flags as u64).wrapping_mul(1000003);
        for &c in &d.code {
            x = x.wrapping_mul(1000003) ^ c as u64;
        }
        let x = (x >> 1) as i64;
        Some(Ok(if x == -1 { -2 } else { x }))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn pattern_of(v: &Value) -> Result<Arc<PatternData>, PyErr> {
    match v {
        Value::Object(o) => match o.0.as_any().downcast_ref::<Pattern>() {
            Some(p) => Ok(p.d.clone()),
            None => Err(type_error("descriptor requires a 're.Pattern' object")),
        },
        _ => Err(type_error("descriptor requires a 're.Pattern' object")),
    }
}

/// `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`.
fn compile(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(
        args,
        "compile",
        &[
            "pattern",
            "flags",
            "code",
            "groups",
            "groupindex",
            "indexgroup",
        ],
        6,
        6,
    )?;
    let get = |i: usize| a[i].clone().unwrap_or(Value::None);
    let pattern = get(0);
    let flags = arg_int(&get(1), "")?;
    let mut code = Vec::new();
    for v in cx.collect(&get(2))? {
        let c = match &v {
            Value::Big(_) => {
                return Err(overflow_error("regular expression code size limit exceeded").into())
            }
            v => arg_int(v, "")?,
        };
        code.push(
            u32::try_from(c)
                .map_err(|_| overflow_error("regular expression code size limit exceeded"))?,
        );
    }
    let groups = arg_int(&get(3), "")?.max(0) as usize;
    let groupindex = get(4);
    let indexgroup = cx.collect(&get(5))?;
    let isbytes = if pattern.is(&Value::None) {
        None
    } else {
        text_of(cx.gil, &pattern).map(|(_, b)| b)
    };
    Ok(make_pattern(PatternData {
        pattern,
        flags,
        code,
        groups,
        groupindex,
        indexgroup,
        isbytes,
    }))
}

/// Split a method call into `self`'s pattern and the rest.
fn method_args(mut args: Args) -> Result<(Value, Arc<PatternData>, Args), PyErr> {
    if args.pos.is_empty() {
        return Err(type_error("descriptor needs an argument"));
    }
    let this = args.pos.remove(0);
    let d = pattern_of(&this)?;
    Ok((this, d, args))
}

/// `pattern_new_match`: the Match for a successful state.
fn new_match<C: engine::Ch>(
    re: &Value,
    d: &Arc<PatternData>,
    subj: &Arc<Subject>,
    st: &State<C>,
    pos: usize,
    endpos: usize,
) -> Value {
    let mut marks = vec![st.start as isize, st.ptr as isize];
    for g in 1..=d.groups {
        match st.group_span(g) {
            Some((a, b)) => marks.extend([a as isize, b as isize]),
            None => marks.extend([-1, -1]),
        }
    }
    Value::Object(Arc::new_cyclic(|w| {
        Object(Box::new(Match {
            m: Arc::new(MatchData {
                re: re.clone(),
                d: d.clone(),
                subj: subj.clone(),
                marks,
                lastindex: st.lastindex,
                pos,
                endpos,
            }),
            me: w.clone(),
        }))
    }))
}

fn run(cx: &mut Cx, args: Args, name: &str, how: How) -> PyResult<Value> {
    let (this, d, args) = method_args(args)?;
    let a = clinic(args, name, &["string", "pos", "endpos"], 1, 3)?;
    let s = a[0].clone().unwrap_or(Value::None);
    let subj = subject(cx.gil, &d, &s)?;
    let (pos, endpos) = bounds(subj.len(), &a[1], &a[2])?;
    with_text!(subj, |text| {
        let mut st = State::new(text, pos, endpos);
        if exec(&mut st, &d.code, how) {
            Ok(new_match(&this, &d, &subj, &st, pos, endpos))
        } else {
            Ok(Value::None)
        }
    })
}

#[derive(Clone, Copy)]
enum How {
    Match,
    FullMatch,
    Search,
}

fn exec<C: engine::Ch>(st: &mut State<C>, code: &[u32], how: How) -> bool {
    match how {
        How::Search => engine::search(st, code),
        How::Match | How::FullMatch => {
            st.match_all = matches!(how, How::FullMatch);
            if st.start > st.end {
                return false;
            }
            st.ptr = st.start;
            engine::sre_match(st, code, 0, true)
        }
    }
}

fn p_match(cx: &mut Cx, args: Args) -> PyResult<Value> {
    run(cx, args, "match", How::Match)
}

fn p_fullmatch(cx: &mut Cx, args: Args) -> PyResult<Value> {
    run(cx, args, "fullmatch", How::FullMatch)
}

fn p_search(cx: &mut Cx, args: Args) -> PyResult<Value> {
    run(cx, args, "search", How::Search)
}

fn p_findall(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (_this, d, args) = method_args(args)?;
    let a = clinic(args, "findall", &["string", "pos", "endpos"], 1, 3)?;
    let s = a[0].clone().unwrap_or(Value::None);
    let subj = subject(cx.gil, &d, &s)?;
    let (pos, endpos) = bounds(subj.len(), &a[1], &a[2])?;
    with_text!(subj, |text| {
        let mut st = State::new(text, pos, endpos);
        let mut out = Vec::new();
        while st.start <= st.end {
            st.reset();
            st.ptr = st.start;
            if !engine::search(&mut st, &d.code) {
                break;
            }
            let group = |g: usize| match st.group_span(g) {
                Some((a, b)) => subj.slice(a, b),
                None => subj.empty(),
            };
            let item = match d.groups {
                0 => subj.slice(st.start, st.ptr),
                1 => group(1),
                n => Value::tuple((1..=n).map(group).collect()),
            };
            crate::objects::memory::push_checked(&mut out, item)?;
            st.must_advance = st.ptr == st.start;
            st.start = st.ptr;
        }
        Ok(Value::list(out))
    })
}

fn p_split(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (_this, d, args) = method_args(args)?;
    let a = clinic(args, "split", &["string", "maxsplit"], 1, 2)?;
    let s = a[0].clone().unwrap_or(Value::None);
    let maxsplit = match &a[1] {
        Some(v) => arg_int(v, "")?,
        None => 0,
    };
    let subj = subject(cx.gil, &d, &s)?;
    let len = subj.len();
    with_text!(subj, |text| {
        let mut st = State::new(text, 0, len);
        let mut out = Vec::new();
        let mut last = 0;
        let mut n = 0;
        while maxsplit == 0 || n < maxsplit {
            st.reset();
            st.ptr = st.start;
            if !engine::search(&mut st, &d.code) {
                break;
            }
            crate::objects::memory::push_checked(&mut out, subj.slice(last, st.start))?;
            for g in 1..=d.groups {
                let item = match st.group_span(g) {
                    Some((a, b)) => subj.slice(a, b),
                    None => Value::None,
                };
                crate::objects::memory::push_checked(&mut out, item)?;
            }
            n += 1;
            st.must_advance = st.ptr == st.start;
            last = st.ptr;
            st.start = st.ptr;
        }
        out.push(subj.slice(last, len));
        Ok(Value::list(out))
    })
}

fn p_sub(cx: &mut Cx, args: Args) -> PyResult<Value> {
    subx(cx, args, "sub", false)
}

fn p_subn(cx: &mut Cx, args: Args) -> PyResult<Value> {
    subx(cx, args, "subn", true)
}

/// Join the pieces of a `sub` as `str.join`/`bytes.join` would.
fn join(gil: Gil<'_>, bytes: bool, pieces: &[Value]) -> Result<Value, PyErr> {
    // A result that could not be held (`re.sub('', big, big)`): MemoryError first.
    let total: usize = pieces
        .iter()
        .map(|p| match crate::objects::class::payload(p).unwrap_or(p) {
            Value::Bytes(b) => b.len(),
            Value::ByteArray(b) => b.borrow(gil).len(),
            Value::Str(s) => s.as_str().len(),
            _ => 0,
        })
        .fold(0usize, usize::saturating_add);
    check_size(total.min(i64::MAX as usize) as i64)?;
    if bytes {
        let mut out = Vec::new();
        for (i, p) in pieces.iter().enumerate() {
            match crate::objects::class::payload(p).unwrap_or(p) {
                Value::Bytes(b) => out.extend_from_slice(b),
                Value::ByteArray(b) => out.extend_from_slice(&b.borrow(gil)),
                Value::Object(o) if o.0.buffer(gil).is_some() => {
                    out.extend(o.0.buffer(gil).unwrap_or_default())
                }
                _ => {
                    return Err(type_error(format!(
                        "sequence item {i}: expected a bytes-like object, {} found",
                        type_name(p)
                    )))
                }
            }
        }
        Ok(Value::Bytes(Arc::new(out)))
    } else {
        let mut out = String::new();
        for (i, p) in pieces.iter().enumerate() {
            match crate::objects::class::payload(p).unwrap_or(p) {
                Value::Str(s) => out.push_str(s.as_str()),
                _ => {
                    return Err(type_error(format!(
                        "sequence item {i}: expected str instance, {} found",
                        type_name(p)
                    )))
                }
            }
        }
        Ok(Value::string(out))
    }
}

fn re_helper(gil: Gil<'_>, name: &str) -> Result<Value, PyErr> {
    crate::modules::loaded_attr(gil, "re", name)
        .ok_or_else(|| runtime_error(format!("re.{name} is not available (import re)")))
}

fn subx(cx: &mut Cx, args: Args, name: &str, subn: bool) -> PyResult<Value> {
    let (this, d, args) = method_args(args)?;
    let a = clinic(args, name, &["repl", "string", "count"], 2, 3)?;
    let repl = a[0].clone().unwrap_or(Value::None);
    let s = a[1].clone().unwrap_or(Value::None);
    let count = match &a[2] {
        Some(v) => arg_int(v, "")?,
        None => 0,
    };
    // The replacement: a callable, a literal, or what `re._subx` makes of a template.
    let (filter, callable) = if is_callable(&repl) {
        (repl.clone(), true)
    } else {
        let literal = match text_of(cx.gil, &repl) {
            Some((Text::Bytes(b), _)) => !b.contains(&b'\\'),
            Some((Text::Ascii(t), _)) => !t.as_str().contains('\\'),
            Some((Text::Wide(w), _)) => !w.contains(&(b'\\' as u32)),
            None => false,
        };
        if literal {
            (repl.clone(), false)
        } else {
            let f = re_helper(cx.gil, "_subx")?;
            let filter = cx.call(&f, vec![this.clone(), repl.clone()])?;
            let c = is_callable(&filter);
            (filter, c)
        }
    };
    let subj = subject(cx.gil, &d, &s)?;
    let len = subj.len();
    with_text!(subj, |text| {
        let mut st = State::new(text, 0, len);
        let mut pieces = Vec::new();
        let mut i = 0;
        let mut n: i64 = 0;
        while count == 0 || n < count {
            st.reset();
            st.ptr = st.start;
            if !engine::search(&mut st, &d.code) {
                break;
            }
            let (b, e) = (st.start, st.ptr);
            if i < b {
                pieces.push(subj.slice(i, b));
            }
            if callable {
                let m = new_match(&this, &d, &subj, &st, 0, len);
                let item = cx.call(&filter, vec![m])?;
                if !item.is(&Value::None) {
                    pieces.push(item);
                }
            } else {
                pieces.push(filter.clone());
            }
            i = e;
            n += 1;
            st.must_advance = st.ptr == st.start;
            st.start = st.ptr;
        }
        if i < len {
            pieces.push(subj.slice(i, len));
        }
        let out = join(cx.gil, subj.bytes, &pieces)?;
        Ok(if subn {
            Value::tuple(vec![out, Value::Int(n)])
        } else {
            out
        })
    })
}

// ----- Scanner and finditer ---------------------------------------------------------

struct ScanState {
    /// `None` once exhausted (sre's `state->start = NULL`).
    start: Option<usize>,
    must_advance: bool,
}

struct Scanner {
    re: Value,
    d: Arc<PatternData>,
    subj: Arc<Subject>,
    pos: usize,
    endpos: usize,
    st: std::sync::Arc<Mutex<ScanState>>,
}

impl Scanner {
    fn clone_ref(&self) -> Scanner {
        Scanner {
            re: self.re.clone(),
            d: self.d.clone(),
            subj: self.subj.clone(),
            pos: self.pos,
            endpos: self.endpos,
            st: self.st.clone(),
        }
    }

    /// One step of `scanner.match()`/`scanner.search()`.
    fn step(&self, search: bool) -> Value {
        let mut sc = self.st.lock().unwrap_or_else(|p| p.into_inner());
        let Some(start) = sc.start else {
            return Value::None;
        };
        with_text!(self.subj, |text| self.step_in(
            &mut sc,
            State::new(text, start, self.endpos),
            search
        ))
    }

    fn step_in<C: engine::Ch>(&self, sc: &mut ScanState, mut st: State<C>, search: bool) -> Value {
        let start = st.start;
        st.must_advance = sc.must_advance;
        st.ptr = start;
        let ok = if search {
            engine::search(&mut st, &self.d.code)
        } else {
            st.start <= st.end && engine::sre_match(&mut st, &self.d.code, 0, true)
        };
        if !ok {
            sc.start = None;
            return Value::None;
        }
        let m = new_match(&self.re, &self.d, &self.subj, &st, self.pos, self.endpos);
        sc.must_advance = st.ptr == st.start;
        sc.start = Some(st.ptr);
        m
    }
}

static SCANNER_METHODS: &[NativeDef] = crate::objects::methods::natives![
    "match" => s_match, "search" => s_search,
];

impl NativeObject for Scanner {
    fn type_name(&self) -> &'static str {
        "_sre.SRE_Scanner"
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(scanner_type().clone())
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<_sre.SRE_Scanner object at {:#x}>",
            std::sync::Arc::as_ptr(&self.st) as usize
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        if name == "pattern" {
            return Some(self.re.clone());
        }
        let def = SCANNER_METHODS.iter().find(|m| m.name == name)?;
        let this = Value::Object(Arc::new(Object(Box::new(self.clone_ref()))));
        Some(Value::BoundNative(Arc::new((this, def))))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn scanner_of(args: &Args) -> Result<&Scanner, PyErr> {
    match args.get(0) {
        Some(Value::Object(o)) => {
            o.0.as_any()
                .downcast_ref::<Scanner>()
                .ok_or_else(|| type_error("descriptor requires a '_sre.SRE_Scanner' object"))
        }
        _ => Err(type_error(
            "descriptor requires a '_sre.SRE_Scanner' object",
        )),
    }
}

fn s_match(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("match", 0, 0)?;
    Ok(scanner_of(&args)?.step(false))
}

fn s_search(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("search", 0, 0)?;
    Ok(scanner_of(&args)?.step(true))
}

fn make_scanner(cx: &mut Cx, args: Args, name: &str) -> Result<Scanner, PyErr> {
    let (this, d, args) = method_args(args)?;
    let a = clinic(args, name, &["string", "pos", "endpos"], 1, 3)?;
    let s = a[0].clone().unwrap_or(Value::None);
    let subj = subject(cx.gil, &d, &s)?;
    let (pos, endpos) = bounds(subj.len(), &a[1], &a[2])?;
    Ok(Scanner {
        re: this,
        d,
        subj,
        pos,
        endpos,
        st: std::sync::Arc::new(Mutex::new(ScanState {
            start: Some(pos),
            must_advance: false,
        })),
    })
}

fn p_scanner(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let sc = make_scanner(cx, args, "scanner")?;
    Ok(Value::Object(Arc::new(Object(Box::new(sc)))))
}

/// `finditer`: `iter(scanner.search, None)`.
struct FindIter(Scanner);

impl NativeIter for FindIter {
    fn type_name(&self) -> &'static str {
        "callable_iterator"
    }

    fn next(&mut self, _cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        let m = self.0.step(true);
        Ok(if m.is(&Value::None) { None } else { Some(m) })
    }
}

fn p_finditer(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let sc = make_scanner(cx, args, "finditer")?;
    Ok(Value::Iter(Arc::new(GilCell::new(Iter::Native(Box::new(
        FindIter(sc),
    ))))))
}

// ----- Match ------------------------------------------------------------------------

struct MatchData {
    re: Value,
    d: Arc<PatternData>,
    subj: Arc<Subject>,
    /// Start and end of each group (group 0 first); -1 when it did not match.
    marks: Vec<isize>,
    lastindex: isize,
    pos: usize,
    endpos: usize,
}

struct Match {
    m: Arc<MatchData>,
    me: Weak<Object>,
}

static MATCH_METHODS: &[NativeDef] = crate::objects::methods::natives![
    "group" => m_group, "groups" => m_groups, "groupdict" => m_groupdict,
    "start" => m_start, "end" => m_end, "span" => m_span, "expand" => m_expand,
    "__getitem__" => m_getitem, "__copy__" => ret_self, "__deepcopy__" => ret_self,
];

impl MatchData {
    fn span(&self, g: usize) -> (isize, isize) {
        (self.marks[2 * g], self.marks[2 * g + 1])
    }

    fn group(&self, g: usize, default: &Value) -> Value {
        match self.span(g) {
            (a, b) if a >= 0 && b >= 0 => self.subj.slice(a as usize, b as usize),
            _ => default.clone(),
        }
    }

    /// `match_getindex`: a group number or name.
    fn index(&self, gil: Gil<'_>, v: &Value) -> Result<usize, PyErr> {
        let i = match v {
            Value::Int(_) | Value::Bool(_) | Value::Big(_) => match v {
                Value::Big(_) => -1,
                v => arg_int(v, "")?,
            },
            Value::Instance(_) if crate::objects::int::to_big(v).is_some() => {
                arg_int(v, "").unwrap_or(-1)
            }
            _ => {
                let found = match &self.d.groupindex {
                    Value::Dict(dict) => {
                        if crate::objects::dict::hash(v).is_err() {
                            None
                        } else {
                            dict_get(gil, dict, v)?
                        }
                    }
                    _ => None,
                };
                match found {
                    Some(n) => arg_int(&n, "").unwrap_or(-1),
                    None => -1,
                }
            }
        };
        if i < 0 || i as usize > self.d.groups {
            return Err(index_error("no such group"));
        }
        Ok(i as usize)
    }
}

impl NativeObject for Match {
    fn type_name(&self) -> &'static str {
        "re.Match"
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(match_type().clone())
    }

    fn repr(&self, gil: Gil<'_>) -> Result<String, PyErr> {
        let m = &self.m;
        let (a, b) = m.span(0);
        let g = crate::objects::repr::repr(gil, &m.group(0, &Value::None))?;
        Ok(format!(
            "<re.Match object; span=({a}, {b}), match={}>",
            repr_trunc(g, 50)
        ))
    }

    fn getattr(&self, gil: Gil<'_>, name: &str) -> Option<Value> {
        let m = &self.m;
        match name {
            "string" => return Some(m.subj.value.clone()),
            "re" => return Some(m.re.clone()),
            "pos" => return Some(Value::Int(m.pos as i64)),
            "endpos" => return Some(Value::Int(m.endpos as i64)),
            "lastindex" => {
                return Some(if m.lastindex >= 0 {
                    Value::Int(m.lastindex as i64)
                } else {
                    Value::None
                })
            }
            "lastgroup" => {
                let _ = gil;
                return Some(if m.lastindex >= 0 {
                    m.d.indexgroup
                        .get(m.lastindex as usize)
                        .cloned()
                        .unwrap_or(Value::None)
                } else {
                    Value::None
                });
            }
            "regs" => {
                let regs = (0..=m.d.groups)
                    .map(|g| {
                        let (a, b) = m.span(g);
                        Value::tuple(vec![Value::Int(a as i64), Value::Int(b as i64)])
                    })
                    .collect();
                return Some(Value::tuple(regs));
            }
            _ => {}
        }
        let def = MATCH_METHODS.iter().find(|d| d.name == name)?;
        let this = this_value(&self.me, || Match {
            m: self.m.clone(),
            me: Weak::new(),
        });
        Some(Value::BoundNative(Arc::new((this, def))))
    }

    fn getitem(&self, gil: Gil<'_>, key: &Value) -> Option<Result<Value, PyErr>> {
        Some(
            self.m
                .index(gil, key)
                .map(|g| self.m.group(g, &Value::None)),
        )
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn match_of(args: &Args) -> Result<Arc<MatchData>, PyErr> {
    match args.get(0) {
        Some(Value::Object(o)) => match o.0.as_any().downcast_ref::<Match>() {
            Some(m) => Ok(m.m.clone()),
            None => Err(type_error("descriptor requires a 're.Match' object")),
        },
        _ => Err(type_error("descriptor requires a 're.Match' object")),
    }
}

/// A group argument with `__index__` (not an int itself) as the int it gives.
fn index_arg(cx: &mut Cx, v: &Value) -> PyResult<Value> {
    if matches!(v, Value::Instance(_)) && crate::objects::int::to_big(v).is_none() {
        if let Ok(f) = cx.getattr(v, "__index__") {
            return cx.call(&f, vec![]);
        }
    }
    Ok(v.clone())
}

fn m_group(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let m = match_of(&args)?;
    if !args.kw.is_empty() {
        return Err(type_error("group() takes no keyword arguments").into());
    }
    let keys = &args.pos[1..];
    match keys.len() {
        0 => Ok(m.group(0, &Value::None)),
        1 => {
            let k = index_arg(cx, &keys[0])?;
            Ok(m.group(m.index(cx.gil, &k)?, &Value::None))
        }
        _ => {
            let mut out = Vec::new();
            for k in keys {
                let k = index_arg(cx, k)?;
                out.push(m.group(m.index(cx.gil, &k)?, &Value::None));
            }
            Ok(Value::tuple(out))
        }
    }
}

fn m_getitem(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__getitem__", 1, 1)?;
    let m = match_of(&args)?;
    Ok(m.group(m.index(cx.gil, args.at(1))?, &Value::None))
}

fn default_arg(mut args: Args, name: &str) -> Result<(Arc<MatchData>, Value), PyErr> {
    let m = match_of(&args)?;
    args.pos.remove(0);
    let a = clinic(args, name, &["default"], 0, 1)?;
    Ok((m, a[0].clone().unwrap_or(Value::None)))
}

fn m_groups(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (m, default) = default_arg(args, "groups")?;
    Ok(Value::tuple(
        (1..=m.d.groups).map(|g| m.group(g, &default)).collect(),
    ))
}

fn m_groupdict(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (m, default) = default_arg(args, "groupdict")?;
    let mut out = Dict::new();
    if let Value::Dict(gi) = &m.d.groupindex {
        let items: Vec<(Value, Value)> = gi
            .borrow(cx.gil)
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, v) in items {
            let g = m.index(cx.gil, &v)?;
            out.insert(k, m.group(g, &default))?;
        }
    }
    Ok(Value::dict(out))
}

fn group_arg(cx: &mut Cx, args: &Args, name: &str) -> PyResult<(Arc<MatchData>, usize)> {
    args.check_method(name, 0, 1)?;
    let m = match_of(args)?;
    let g = match args.get(1) {
        Some(v) => {
            let v = index_arg(cx, v)?;
            m.index(cx.gil, &v)?
        }
        None => 0,
    };
    Ok((m, g))
}

fn m_start(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (m, g) = group_arg(cx, &args, "start")?;
    Ok(Value::Int(m.span(g).0 as i64))
}

fn m_end(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (m, g) = group_arg(cx, &args, "end")?;
    Ok(Value::Int(m.span(g).1 as i64))
}

fn m_span(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (m, g) = group_arg(cx, &args, "span")?;
    let (a, b) = m.span(g);
    Ok(Value::tuple(vec![
        Value::Int(a as i64),
        Value::Int(b as i64),
    ]))
}

fn m_expand(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("expand", 1, 1)?;
    let m = match_of(&args)?;
    let f = re_helper(cx.gil, "_expand")?;
    cx.call(
        &f,
        vec![m.re.clone(), args.at(0).clone(), args.at(1).clone()],
    )
}
