//! The matching engine: a port of CPython 3.11's `Modules/_sre/sre_lib.h`
//! (`SRE(match)`, `SRE(count)`, `SRE(search)`, `SRE(charset)`, `SRE(at)`). The
//! subject is a slice of code points (a `str`) or of byte values (a `bytes`), both as
//! `u32`. Backtracking keeps sre's explicit context stack (`Ctx`, one per
//! `DO_JUMP`, resumed by its `Jump` kind) and its data stack for saved marks, so
//! nothing recurses on the Rust stack per character.

use super::constants::*;

/// A character of a subject: a byte (bytes, an ASCII str) or a code point.
pub trait Ch: Copy + Into<u32> {}
impl Ch for u8 {}
impl Ch for u32 {}

/// One `REPEAT` context (`SRE_REPEAT`).
struct Repeat {
    count: isize,
    /// Index of the REPEAT's `<skip>` word.
    pattern: usize,
    prev: Option<usize>,
    /// `-1`: none (sre's NULL).
    last_ptr: isize,
}

/// The matcher's state (`SRE_STATE`). Positions are indexes into `s`.
pub struct State<'a, C> {
    pub s: &'a [C],
    pub start: usize,
    pub end: usize,
    pub ptr: usize,
    pub marks: Vec<isize>,
    pub lastmark: isize,
    pub lastindex: isize,
    repeat: Option<usize>,
    reps: Vec<Repeat>,
    data: Vec<isize>,
    pub match_all: bool,
    pub must_advance: bool,
    /// `sre_match`'s context stack, kept between calls (a search tries a match at
    /// every position: one allocation for all of them, not one each).
    ctxs: Vec<Ctx>,
}

impl<'a, C: Ch> State<'a, C> {
    pub fn new(s: &'a [C], start: usize, end: usize) -> State<'a, C> {
        State {
            s,
            start,
            end,
            ptr: start,
            marks: Vec::new(),
            lastmark: -1,
            lastindex: -1,
            repeat: None,
            reps: Vec::new(),
            data: Vec::new(),
            match_all: false,
            must_advance: false,
            ctxs: Vec::new(),
        }
    }

    /// `state_reset`.
    pub fn reset(&mut self) {
        self.lastmark = -1;
        self.lastindex = -1;
        self.repeat = None;
        self.reps.clear();
        self.data.clear();
    }

    fn mark_push(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            self.ensure_marks(n);
            self.data.extend_from_slice(&self.marks[..n]);
        }
    }

    fn mark_pop(&mut self, lastmark: isize, discard: bool) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            self.ensure_marks(n);
            let base = self.data.len() - n;
            self.marks[..n].copy_from_slice(&self.data[base..]);
            if discard {
                self.data.truncate(base);
            }
        }
    }

    fn mark_discard(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            self.data.truncate(self.data.len() - n);
        }
    }

    fn ensure_marks(&mut self, n: usize) {
        if self.marks.len() < n {
            self.marks.resize(n, -1);
        }
    }

    /// The span of group `g` (1-based) if it matched.
    pub fn group_span(&self, g: usize) -> Option<(usize, usize)> {
        let j = 2 * (g - 1);
        if (j + 1) as isize <= self.lastmark {
            let (a, b) = (self.marks[j], self.marks[j + 1]);
            if a >= 0 && b >= 0 {
                return Some((a as usize, b as usize));
            }
        }
        None
    }
}

// ----- characters -------------------------------------------------------------------

fn to_char(c: u32) -> Option<char> {
    char::from_u32(c)
}

pub fn is_digit(c: u32) -> bool {
    (b'0' as u32..=b'9' as u32).contains(&c)
}

pub fn is_space(c: u32) -> bool {
    matches!(c, 9..=13 | 32)
}

pub fn is_alnum(c: u32) -> bool {
    c < 128 && (c as u8).is_ascii_alphanumeric()
}

pub fn is_word(c: u32) -> bool {
    c < 128 && (is_alnum(c) || c == b'_' as u32)
}

pub fn is_linebreak(c: u32) -> bool {
    c == b'\n' as u32
}

pub fn uni_is_decimal(c: u32) -> bool {
    if c < 128 {
        return is_digit(c);
    }
    // Unicode decimal digits (Nd) come in aligned runs of ten; a char is one
    // when it is numeric and its run's zero is too.
    match to_char(c) {
        Some(ch) if ch.is_numeric() => {
            let zero = c - decimal_value(c).unwrap_or(99);
            decimal_value(c).is_some() && to_char(zero).is_some_and(|z| z.is_numeric())
        }
        _ => false,
    }
}

/// The digit value of a decimal digit, by the runs of ten of the Nd blocks.
fn decimal_value(c: u32) -> Option<u32> {
    const ZEROS: &[u32] = &[
        0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
        0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
        0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
        0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0,
        0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0,
        0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
    ];
    ZEROS
        .iter()
        .find(|&&z| c >= z && c < z + 10)
        .map(|&z| c - z)
}

pub fn uni_is_space(c: u32) -> bool {
    matches!(c, 9..=13 | 28..=32 | 0x85 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000)
}

pub fn uni_is_alnum(c: u32) -> bool {
    to_char(c).is_some_and(|ch| ch.is_alphanumeric())
}

pub fn uni_is_word(c: u32) -> bool {
    c == b'_' as u32 || uni_is_alnum(c)
}

pub fn uni_is_linebreak(c: u32) -> bool {
    matches!(c, 10..=13 | 28..=30 | 0x85 | 0x2028 | 0x2029)
}

pub fn lower_ascii(c: u32) -> u32 {
    if (b'A' as u32..=b'Z' as u32).contains(&c) {
        c + 32
    } else {
        c
    }
}

fn upper_ascii(c: u32) -> u32 {
    if (b'a' as u32..=b'z' as u32).contains(&c) {
        c - 32
    } else {
        c
    }
}

/// `_PyUnicode_ToLowercase`: the lowercase mapping, or for a character whose full
/// mapping has several characters (U+0130), the first of them.
pub fn lower_unicode(c: u32) -> u32 {
    if c < 128 {
        return lower_ascii(c);
    }
    match to_char(c).and_then(|ch| ch.to_lowercase().next()) {
        Some(l) => l as u32,
        None => c,
    }
}

/// `_PyUnicode_ToUppercase`: likewise (`ß` gives `S`, the first of "SS").
pub fn upper_unicode(c: u32) -> u32 {
    if c < 128 {
        return upper_ascii(c);
    }
    match to_char(c).and_then(|ch| ch.to_uppercase().next()) {
        Some(u) => u as u32,
        None => c,
    }
}

fn lower_locale(c: u32) -> u32 {
    if c < 256 {
        lower_ascii(c)
    } else {
        c
    }
}

fn upper_locale(c: u32) -> u32 {
    if c < 256 {
        upper_ascii(c)
    } else {
        c
    }
}

fn char_loc_ignore(pattern: u32, c: u32) -> bool {
    c == pattern || lower_locale(c) == pattern || upper_locale(c) == pattern
}

fn category(code: u32, c: u32) -> bool {
    match code {
        CATEGORY_DIGIT => is_digit(c),
        CATEGORY_NOT_DIGIT => !is_digit(c),
        CATEGORY_SPACE => is_space(c),
        CATEGORY_NOT_SPACE => !is_space(c),
        CATEGORY_WORD => is_word(c),
        CATEGORY_NOT_WORD => !is_word(c),
        CATEGORY_LINEBREAK => is_linebreak(c),
        CATEGORY_NOT_LINEBREAK => !is_linebreak(c),
        CATEGORY_LOC_WORD => is_word(c),
        CATEGORY_LOC_NOT_WORD => !is_word(c),
        CATEGORY_UNI_DIGIT => uni_is_decimal(c),
        CATEGORY_UNI_NOT_DIGIT => !uni_is_decimal(c),
        CATEGORY_UNI_SPACE => uni_is_space(c),
        CATEGORY_UNI_NOT_SPACE => !uni_is_space(c),
        CATEGORY_UNI_WORD => uni_is_word(c),
        CATEGORY_UNI_NOT_WORD => !uni_is_word(c),
        CATEGORY_UNI_LINEBREAK => uni_is_linebreak(c),
        CATEGORY_UNI_NOT_LINEBREAK => !uni_is_linebreak(c),
        _ => false,
    }
}

/// `code[i]`, or 0 past its end: code from `_sre.compile` is not validated (as
/// CPython's `_validate` would), so a bad program fails to match, never panics.
fn cget(code: &[u32], i: usize) -> u32 {
    code.get(i).copied().unwrap_or(0)
}

/// `SRE(charset)`: is `ch` in the set starting at `code[at]`?
fn charset(code: &[u32], mut at: usize, ch: u32) -> bool {
    let mut ok = true;
    loop {
        let Some(&op) = code.get(at) else {
            return false;
        };
        at += 1;
        match op {
            OP_FAILURE => return !ok,
            OP_LITERAL => {
                if ch == cget(code, at) {
                    return ok;
                }
                at += 1;
            }
            OP_CATEGORY => {
                if category(cget(code, at), ch) {
                    return ok;
                }
                at += 1;
            }
            OP_CHARSET => {
                if ch < 256 && cget(code, at + (ch / 32) as usize) & (1u32 << (ch & 31)) != 0 {
                    return ok;
                }
                at += 8;
            }
            OP_RANGE => {
                if cget(code, at) <= ch && ch <= cget(code, at + 1) {
                    return ok;
                }
                at += 2;
            }
            OP_RANGE_UNI_IGNORE => {
                if cget(code, at) <= ch && ch <= cget(code, at + 1) {
                    return ok;
                }
                let u = upper_unicode(ch);
                if cget(code, at) <= u && u <= cget(code, at + 1) {
                    return ok;
                }
                at += 2;
            }
            OP_NEGATE => ok = !ok,
            OP_BIGCHARSET => {
                let count = cget(code, at) as usize;
                at += 1;
                let block = if ch < 0x10000 {
                    let b = (ch >> 8) as usize;
                    Some(((cget(code, at + b / 4) >> (8 * (b % 4))) & 0xff) as usize)
                } else {
                    None
                };
                at += 64;
                if let Some(block) = block {
                    let bit = block * 256 + (ch & 255) as usize;
                    if cget(code, at + bit / 32) & (1u32 << (ch & 31)) != 0 {
                        return ok;
                    }
                }
                at += count * 8;
            }
            _ => return false,
        }
    }
}

fn charset_loc_ignore(code: &[u32], at: usize, ch: u32) -> bool {
    let lo = lower_locale(ch);
    if charset(code, at, lo) {
        return true;
    }
    let up = upper_locale(ch);
    up != lo && charset(code, at, up)
}

/// `SRE(at)`.
fn at<C: Ch>(st: &State<C>, ptr: usize, code: u32) -> bool {
    let s = st.s;
    let end = st.end;
    let word = |f: fn(u32) -> bool| {
        let that = ptr > 0 && f(s[ptr - 1].into());
        let this = ptr < end && f(s[ptr].into());
        (this, that)
    };
    match code {
        AT_BEGINNING | AT_BEGINNING_STRING => ptr == 0,
        AT_BEGINNING_LINE => ptr == 0 || is_linebreak(s[ptr - 1].into()),
        AT_END => (end - ptr == 1 && is_linebreak(s[ptr].into())) || ptr == end,
        AT_END_LINE => ptr == end || is_linebreak(s[ptr].into()),
        AT_END_STRING => ptr == end,
        AT_BOUNDARY | AT_LOC_BOUNDARY if end != 0 => {
            let (a, b) = word(is_word);
            a != b
        }
        AT_NON_BOUNDARY | AT_LOC_NON_BOUNDARY if end != 0 => {
            let (a, b) = word(is_word);
            a == b
        }
        AT_UNI_BOUNDARY if end != 0 => {
            let (a, b) = word(uni_is_word);
            a != b
        }
        AT_UNI_NON_BOUNDARY if end != 0 => {
            let (a, b) = word(uni_is_word);
            a == b
        }
        _ => false,
    }
}

/// Does the one-character item at `code[pat]` match `c`? `None`: not such an item.
fn unit(code: &[u32], pat: usize, c: u32) -> Option<bool> {
    let arg = code.get(pat + 1).copied().unwrap_or(0);
    Some(match cget(code, pat) {
        OP_ANY => !is_linebreak(c),
        OP_ANY_ALL => true,
        OP_LITERAL => c == arg,
        OP_NOT_LITERAL => c != arg,
        OP_LITERAL_IGNORE => lower_ascii(c) == arg,
        OP_NOT_LITERAL_IGNORE => lower_ascii(c) != arg,
        OP_LITERAL_UNI_IGNORE => lower_unicode(c) == arg,
        OP_NOT_LITERAL_UNI_IGNORE => lower_unicode(c) != arg,
        OP_LITERAL_LOC_IGNORE => char_loc_ignore(arg, c),
        OP_NOT_LITERAL_LOC_IGNORE => !char_loc_ignore(arg, c),
        OP_CATEGORY => category(arg, c),
        OP_IN => charset(code, pat + 2, c),
        OP_IN_IGNORE => charset(code, pat + 2, lower_ascii(c)),
        OP_IN_UNI_IGNORE => charset(code, pat + 2, lower_unicode(c)),
        OP_IN_LOC_IGNORE => charset_loc_ignore(code, pat + 2, c),
        _ => return None,
    })
}

/// `SRE(count)`: how many times the single-character item at `code[pat]` matches
/// from `st.ptr`, at most `maxcount`.
fn count<C: Ch>(st: &mut State<C>, code: &[u32], pat: usize, maxcount: u32) -> usize {
    let start = st.ptr;
    let mut end = st.end;
    if maxcount != MAXREPEAT && (maxcount as usize) < end - start {
        end = start + maxcount as usize;
    }
    let s = st.s;
    let mut p = start;
    if cget(code, pat) == OP_ANY_ALL {
        return end - start;
    }
    // One loop per kind of item, as `SRE(count)`'s switch: the item is decoded once,
    // not at every character.
    let arg = code.get(pat + 1).copied().unwrap_or(0);
    macro_rules! run {
        (|$c:ident| $test:expr) => {{
            while p < end {
                let $c: u32 = s[p].into();
                if !$test {
                    break;
                }
                p += 1;
            }
            return p - start;
        }};
    }
    match cget(code, pat) {
        OP_ANY => run!(|c| !is_linebreak(c)),
        OP_LITERAL => run!(|c| c == arg),
        OP_NOT_LITERAL => run!(|c| c != arg),
        OP_IN => run!(|c| charset(code, pat + 2, c)),
        OP_CATEGORY => run!(|c| category(arg, c)),
        _ => {}
    }
    if unit(code, pat, 0).is_some() {
        while p < end && unit(code, pat, s[p].into()) == Some(true) {
            p += 1;
        }
        return p - start;
    }
    // Another item: run the matcher on it, one character at a time.
    while st.ptr < end {
        if !sre_match(st, code, pat, false) {
            break;
        }
    }
    st.ptr - start
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Jump {
    None,
    MaxUntil1,
    MaxUntil2,
    MaxUntil3,
    MinUntil1,
    MinUntil2,
    MinUntil3,
    Repeat,
    RepeatOne1,
    RepeatOne2,
    MinRepeatOne,
    Branch,
    Assert,
    AssertNot,
    PossRepeat1,
    PossRepeat2,
    AtomicGroup,
}

/// `SRE(match_context)`.
struct Ctx {
    count: isize,
    chr: u32,
    rep: usize,
    lastmark: isize,
    lastindex: isize,
    pattern: usize,
    ptr: usize,
    toplevel: bool,
    jump: Jump,
}

impl Ctx {
    fn new(jump: Jump, toplevel: bool) -> Ctx {
        Ctx {
            count: 0,
            chr: 0,
            rep: 0,
            lastmark: -1,
            lastindex: -1,
            pattern: 0,
            ptr: 0,
            toplevel,
            jump,
        }
    }
}

/// Where the loop goes next (the labels of `SRE(match)`).
#[derive(Clone, Copy)]
enum Mode {
    Entrance,
    Dispatch,
    Exit(bool),
    BranchTry,
    RepeatOne1Try,
    RepeatOne2Try,
    MinRepeatOneTry,
    MaxUntilTail,
    PossMin,
    PossLoop,
    PossTail,
}

const NULL: usize = usize::MAX;

/// `SRE(match)`: does the code starting at `code[start_pat]` match at `st.ptr`?
/// On success `st.ptr` is where the match ended.
pub fn sre_match<C: Ch>(st: &mut State<C>, code: &[u32], start_pat: usize, toplevel: bool) -> bool {
    // A match run from inside this one (`count` on a complex item) finds the vector
    // taken and makes its own.
    let mut ctxs = std::mem::take(&mut st.ctxs);
    ctxs.clear();
    ctxs.push(Ctx::new(Jump::None, toplevel));
    let ret = match_in(st, code, start_pat, &mut ctxs);
    st.ctxs = ctxs;
    ret
}

/// [`sre_match`]'s body, on the context stack `ctxs` (its first context pushed).
fn match_in<C: Ch>(st: &mut State<C>, code: &[u32], start_pat: usize, ctxs: &mut Vec<Ctx>) -> bool {
    let s = st.s;
    let end = st.end;
    let mut pat = start_pat;
    let mut ptr: usize = st.ptr;
    let mut mode = Mode::Entrance;
    let op_at = |i: usize| code.get(i).copied().unwrap_or(OP_FAILURE);

    macro_rules! ctx {
        () => {
            ctxs.last_mut().expect("context")
        };
    }
    macro_rules! lastmark_save {
        () => {{
            let (lm, li) = (st.lastmark, st.lastindex);
            let c = ctx!();
            c.lastmark = lm;
            c.lastindex = li;
        }};
    }
    macro_rules! lastmark_restore {
        () => {{
            let c = ctx!();
            st.lastmark = c.lastmark;
            st.lastindex = c.lastindex;
        }};
    }

    'main: loop {
        macro_rules! fail {
            () => {{
                mode = Mode::Exit(false);
                continue 'main;
            }};
        }
        macro_rules! succeed {
            () => {{
                mode = Mode::Exit(true);
                continue 'main;
            }};
        }
        macro_rules! dispatch {
            () => {{
                mode = Mode::Dispatch;
                continue 'main;
            }};
        }
        macro_rules! do_jump {
            ($jump:expr, $next:expr, $top:expr) => {{
                let next = $next;
                let top = $top;
                let c = ctx!();
                c.pattern = pat;
                c.ptr = ptr;
                ctxs.push(Ctx::new($jump, top));
                pat = next;
                mode = Mode::Entrance;
                continue 'main;
            }};
        }
        match mode {
            Mode::Entrance => {
                ptr = st.ptr;
                if op_at(pat) == OP_INFO {
                    let min = op_at(pat + 3) as usize;
                    if min != 0 && end - ptr < min {
                        fail!();
                    }
                    pat += op_at(pat + 1) as usize + 1;
                }
                dispatch!();
            }
            Mode::Exit(ret) => {
                let child = ctxs.pop().expect("context");
                if ctxs.is_empty() {
                    return ret;
                }
                {
                    let c = ctx!();
                    pat = c.pattern;
                    ptr = c.ptr;
                }
                match child.jump {
                    Jump::None => return ret,
                    Jump::Branch => {
                        if ret {
                            if st.repeat.is_some() {
                                st.mark_discard(ctx!().lastmark);
                            }
                            succeed!();
                        }
                        if st.repeat.is_some() {
                            st.mark_pop(ctx!().lastmark, false);
                        }
                        lastmark_restore!();
                        pat += op_at(pat) as usize;
                        mode = Mode::BranchTry;
                    }
                    Jump::RepeatOne1 | Jump::RepeatOne2 | Jump::MinRepeatOne => {
                        if ret {
                            if st.repeat.is_some() {
                                st.mark_discard(ctx!().lastmark);
                            }
                            succeed!();
                        }
                        if st.repeat.is_some() {
                            st.mark_pop(ctx!().lastmark, false);
                        }
                        lastmark_restore!();
                        if child.jump == Jump::MinRepeatOne {
                            st.ptr = ptr;
                            if count(st, code, pat + 3, 1) == 0 {
                                if st.repeat.is_some() {
                                    st.mark_discard(ctx!().lastmark);
                                }
                                fail!();
                            }
                            ptr += 1;
                            ctx!().count += 1;
                            mode = Mode::MinRepeatOneTry;
                        } else {
                            ptr = ptr.wrapping_sub(1);
                            ctx!().count -= 1;
                            mode = if child.jump == Jump::RepeatOne1 {
                                Mode::RepeatOne1Try
                            } else {
                                Mode::RepeatOne2Try
                            };
                        }
                    }
                    Jump::Repeat => {
                        let rep = ctx!().rep;
                        st.repeat = st.reps[rep].prev;
                        st.reps.truncate(rep);
                        mode = Mode::Exit(ret);
                    }
                    Jump::MaxUntil1 | Jump::MinUntil1 => {
                        if ret {
                            succeed!();
                        }
                        let (rep, cnt) = (ctx!().rep, ctx!().count);
                        st.reps[rep].count = cnt - 1;
                        st.ptr = ptr;
                        fail!();
                    }
                    Jump::MaxUntil2 => {
                        let rep = ctx!().rep;
                        st.reps[rep].last_ptr = st.data.pop().unwrap_or(-1);
                        if ret {
                            st.mark_discard(ctx!().lastmark);
                            succeed!();
                        }
                        st.mark_pop(ctx!().lastmark, true);
                        lastmark_restore!();
                        let cnt = ctx!().count;
                        st.reps[rep].count = cnt - 1;
                        st.ptr = ptr;
                        mode = Mode::MaxUntilTail;
                    }
                    Jump::MaxUntil3 => {
                        st.repeat = Some(ctx!().rep);
                        if ret {
                            succeed!();
                        }
                        st.ptr = ptr;
                        fail!();
                    }
                    Jump::MinUntil2 => {
                        let rep = ctx!().rep;
                        let tail_rep = st.repeat;
                        st.repeat = Some(rep);
                        if ret {
                            if tail_rep.is_some() {
                                st.mark_discard(ctx!().lastmark);
                            }
                            succeed!();
                        }
                        if tail_rep.is_some() {
                            st.mark_pop(ctx!().lastmark, true);
                        }
                        lastmark_restore!();
                        st.ptr = ptr;
                        let rp = st.reps[rep].pattern;
                        let max = op_at(rp + 2);
                        let cnt = ctx!().count;
                        if (cnt >= max as isize && max != MAXREPEAT)
                            || st.ptr as isize == st.reps[rep].last_ptr
                        {
                            fail!();
                        }
                        st.reps[rep].count = cnt;
                        let lp = st.reps[rep].last_ptr;
                        st.data.push(lp);
                        st.reps[rep].last_ptr = st.ptr as isize;
                        let top = ctx!().toplevel;
                        do_jump!(Jump::MinUntil3, rp + 3, top);
                    }
                    Jump::MinUntil3 => {
                        let rep = ctx!().rep;
                        st.reps[rep].last_ptr = st.data.pop().unwrap_or(-1);
                        if ret {
                            succeed!();
                        }
                        let cnt = ctx!().count;
                        st.reps[rep].count = cnt - 1;
                        st.ptr = ptr;
                        fail!();
                    }
                    Jump::PossRepeat1 => {
                        if ret {
                            ctx!().count += 1;
                            mode = Mode::PossMin;
                        } else {
                            st.ptr = ptr;
                            fail!();
                        }
                    }
                    Jump::PossRepeat2 => {
                        if ret {
                            st.mark_discard(ctx!().lastmark);
                            ctx!().count += 1;
                            mode = Mode::PossLoop;
                        } else {
                            st.mark_pop(ctx!().lastmark, true);
                            lastmark_restore!();
                            st.ptr = ptr;
                            mode = Mode::PossTail;
                        }
                    }
                    Jump::AtomicGroup => {
                        if !ret {
                            st.ptr = ptr;
                            fail!();
                        }
                        pat += op_at(pat) as usize;
                        ptr = st.ptr;
                        dispatch!();
                    }
                    Jump::Assert => {
                        if !ret {
                            fail!();
                        }
                        pat += op_at(pat) as usize;
                        dispatch!();
                    }
                    Jump::AssertNot => {
                        if ret {
                            if st.repeat.is_some() {
                                st.mark_discard(ctx!().lastmark);
                            }
                            fail!();
                        }
                        if st.repeat.is_some() {
                            st.mark_pop(ctx!().lastmark, true);
                        }
                        lastmark_restore!();
                        pat += op_at(pat) as usize;
                        dispatch!();
                    }
                }
            }
            Mode::BranchTry => {
                while op_at(pat) != 0 {
                    let first = op_at(pat + 1);
                    if first == OP_LITERAL && (ptr >= end || s[ptr].into() != op_at(pat + 2)) {
                        pat += op_at(pat) as usize;
                        continue;
                    }
                    if first == OP_IN && (ptr >= end || !charset(code, pat + 3, s[ptr].into())) {
                        pat += op_at(pat) as usize;
                        continue;
                    }
                    st.ptr = ptr;
                    let top = ctx!().toplevel;
                    do_jump!(Jump::Branch, pat + 1, top);
                }
                if st.repeat.is_some() {
                    st.mark_discard(ctx!().lastmark);
                }
                fail!();
            }
            Mode::RepeatOne1Try => {
                let min = op_at(pat + 1) as isize;
                let c = ctx!();
                while c.count >= min && (ptr >= end || s[ptr].into() != c.chr) {
                    ptr = ptr.wrapping_sub(1);
                    c.count -= 1;
                }
                if c.count < min {
                    let lm = c.lastmark;
                    if st.repeat.is_some() {
                        st.mark_discard(lm);
                    }
                    fail!();
                }
                st.ptr = ptr;
                let top = c.toplevel;
                do_jump!(Jump::RepeatOne1, pat + op_at(pat) as usize, top);
            }
            Mode::RepeatOne2Try => {
                let min = op_at(pat + 1) as isize;
                let c = ctx!();
                if c.count >= min {
                    st.ptr = ptr;
                    let top = c.toplevel;
                    do_jump!(Jump::RepeatOne2, pat + op_at(pat) as usize, top);
                }
                let lm = c.lastmark;
                if st.repeat.is_some() {
                    st.mark_discard(lm);
                }
                fail!();
            }
            Mode::MinRepeatOneTry => {
                let max = op_at(pat + 2);
                let c = ctx!();
                if max == MAXREPEAT || c.count <= max as isize {
                    st.ptr = ptr;
                    let top = c.toplevel;
                    do_jump!(Jump::MinRepeatOne, pat + op_at(pat) as usize, top);
                }
                let lm = c.lastmark;
                if st.repeat.is_some() {
                    st.mark_discard(lm);
                }
                fail!();
            }
            Mode::MaxUntilTail => {
                let rep = ctx!().rep;
                st.repeat = st.reps[rep].prev;
                let top = ctx!().toplevel;
                do_jump!(Jump::MaxUntil3, pat, top);
            }
            Mode::PossMin => {
                if ctx!().count < op_at(pat + 1) as isize {
                    do_jump!(Jump::PossRepeat1, pat + 3, false);
                }
                ptr = NULL;
                mode = Mode::PossLoop;
            }
            Mode::PossLoop => {
                let max = op_at(pat + 2);
                let cnt = ctx!().count;
                if (cnt < max as isize || max == MAXREPEAT) && st.ptr != ptr {
                    lastmark_save!();
                    st.mark_push(ctx!().lastmark);
                    ptr = st.ptr;
                    do_jump!(Jump::PossRepeat2, pat + 3, false);
                }
                mode = Mode::PossTail;
            }
            Mode::PossTail => {
                pat += op_at(pat) as usize + 1;
                ptr = st.ptr;
                dispatch!();
            }
            Mode::Dispatch => {
                // Ops that stay in this mode go on to the next one here, not
                // through the outer `match mode` (one dispatch per op, not two).
                'disp: loop {
                    // `MAX_UNTIL`/`MIN_UNTIL`'s start: the repeat's count moves on,
                    // and below its minimum the body must match again (`$below`).
                    macro_rules! until_enter {
                        ($below:expr) => {{
                            let Some(rep) = st.repeat else { fail!() };
                            st.ptr = ptr;
                            let cnt = st.reps[rep].count + 1;
                            {
                                let c = ctx!();
                                c.rep = rep;
                                c.count = cnt;
                            }
                            let rp = st.reps[rep].pattern;
                            let top = ctx!().toplevel;
                            if cnt < op_at(rp + 1) as isize {
                                st.reps[rep].count = cnt;
                                do_jump!($below, rp + 3, top);
                            }
                            (rep, cnt, rp, top)
                        }};
                    }
                    macro_rules! next_op {
                        () => {{
                            mode = Mode::Dispatch;
                            continue 'disp;
                        }};
                    }
                    let op = op_at(pat);
                    pat += 1;
                    match op {
                        OP_MARK => {
                            let i = op_at(pat) as isize;
                            if i & 1 == 1 {
                                st.lastindex = i / 2 + 1;
                            }
                            st.ensure_marks(i as usize + 1);
                            if i > st.lastmark {
                                let mut j = st.lastmark + 1;
                                while j < i {
                                    st.marks[j as usize] = -1;
                                    j += 1;
                                }
                                st.lastmark = i;
                            }
                            st.marks[i as usize] = ptr as isize;
                            pat += 1;
                        }
                        OP_LITERAL
                        | OP_NOT_LITERAL
                        | OP_LITERAL_IGNORE
                        | OP_NOT_LITERAL_IGNORE
                        | OP_LITERAL_UNI_IGNORE
                        | OP_NOT_LITERAL_UNI_IGNORE
                        | OP_LITERAL_LOC_IGNORE
                        | OP_NOT_LITERAL_LOC_IGNORE
                        | OP_CATEGORY
                        | OP_ANY
                        | OP_ANY_ALL => {
                            if ptr >= end || unit(code, pat - 1, s[ptr].into()) != Some(true) {
                                fail!();
                            }
                            if !matches!(op, OP_ANY | OP_ANY_ALL) {
                                pat += 1;
                            }
                            ptr += 1;
                        }
                        OP_IN | OP_IN_IGNORE | OP_IN_UNI_IGNORE | OP_IN_LOC_IGNORE => {
                            if ptr >= end || unit(code, pat - 1, s[ptr].into()) != Some(true) {
                                fail!();
                            }
                            pat += op_at(pat) as usize;
                            ptr += 1;
                        }
                        OP_SUCCESS => {
                            let c = ctx!();
                            if c.toplevel
                                && ((st.match_all && ptr != st.end)
                                    || (st.must_advance && ptr == st.start))
                            {
                                fail!();
                            }
                            st.ptr = ptr;
                            succeed!();
                        }
                        OP_AT => {
                            if !at(st, ptr, op_at(pat)) {
                                fail!();
                            }
                            pat += 1;
                        }
                        OP_JUMP | OP_INFO => {
                            pat += op_at(pat) as usize;
                        }
                        OP_BRANCH => {
                            lastmark_save!();
                            if st.repeat.is_some() {
                                st.mark_push(ctx!().lastmark);
                            }
                            mode = Mode::BranchTry;
                            continue 'main;
                        }
                        OP_REPEAT_ONE | OP_POSSESSIVE_REPEAT_ONE => {
                            let min = op_at(pat + 1) as usize;
                            if min > end - ptr {
                                fail!();
                            }
                            st.ptr = ptr;
                            let n = count(st, code, pat + 3, op_at(pat + 2));
                            ctx!().count = n as isize;
                            ptr += n;
                            if n < min {
                                fail!();
                            }
                            let next = pat + op_at(pat) as usize;
                            let c = ctx!();
                            if op_at(next) == OP_SUCCESS
                                && ptr == st.end
                                && !(c.toplevel && st.must_advance && ptr == st.start)
                            {
                                st.ptr = ptr;
                                succeed!();
                            }
                            if op == OP_POSSESSIVE_REPEAT_ONE {
                                pat = next;
                                next_op!();
                            }
                            lastmark_save!();
                            if st.repeat.is_some() {
                                st.mark_push(ctx!().lastmark);
                            }
                            if op_at(next) == OP_LITERAL {
                                ctx!().chr = op_at(next + 1);
                                mode = Mode::RepeatOne1Try;
                            } else {
                                mode = Mode::RepeatOne2Try;
                            }
                            continue 'main;
                        }
                        OP_MIN_REPEAT_ONE => {
                            let min = op_at(pat + 1) as usize;
                            if min > end - ptr {
                                fail!();
                            }
                            st.ptr = ptr;
                            if min == 0 {
                                ctx!().count = 0;
                            } else {
                                let n = count(st, code, pat + 3, min as u32);
                                if n < min {
                                    fail!();
                                }
                                ctx!().count = n as isize;
                                ptr += n;
                            }
                            let next = pat + op_at(pat) as usize;
                            let c = ctx!();
                            if op_at(next) == OP_SUCCESS
                                && !(c.toplevel
                                    && ((st.match_all && ptr != st.end)
                                        || (st.must_advance && ptr == st.start)))
                            {
                                st.ptr = ptr;
                                succeed!();
                            }
                            lastmark_save!();
                            if st.repeat.is_some() {
                                st.mark_push(ctx!().lastmark);
                            }
                            mode = Mode::MinRepeatOneTry;
                            continue 'main;
                        }
                        OP_REPEAT => {
                            let idx = st.reps.len();
                            st.reps.push(Repeat {
                                count: -1,
                                pattern: pat,
                                prev: st.repeat,
                                last_ptr: -1,
                            });
                            st.repeat = Some(idx);
                            ctx!().rep = idx;
                            st.ptr = ptr;
                            let top = ctx!().toplevel;
                            do_jump!(Jump::Repeat, pat + op_at(pat) as usize, top);
                        }
                        OP_MAX_UNTIL => {
                            let (rep, cnt, rp, top) = until_enter!(Jump::MaxUntil1);
                            let max = op_at(rp + 2);
                            if (cnt < max as isize || max == MAXREPEAT)
                                && st.ptr as isize != st.reps[rep].last_ptr
                            {
                                st.reps[rep].count = cnt;
                                lastmark_save!();
                                st.mark_push(ctx!().lastmark);
                                let lp = st.reps[rep].last_ptr;
                                st.data.push(lp);
                                st.reps[rep].last_ptr = st.ptr as isize;
                                do_jump!(Jump::MaxUntil2, rp + 3, top);
                            }
                            mode = Mode::MaxUntilTail;
                            continue 'main;
                        }
                        OP_MIN_UNTIL => {
                            let (rep, _, _, top) = until_enter!(Jump::MinUntil1);
                            st.repeat = st.reps[rep].prev;
                            lastmark_save!();
                            if st.repeat.is_some() {
                                st.mark_push(ctx!().lastmark);
                            }
                            do_jump!(Jump::MinUntil2, pat, top);
                        }
                        OP_POSSESSIVE_REPEAT => {
                            st.ptr = ptr;
                            ctx!().count = 0;
                            mode = Mode::PossMin;
                            continue 'main;
                        }
                        OP_ATOMIC_GROUP => {
                            st.ptr = ptr;
                            do_jump!(Jump::AtomicGroup, pat + 1, false);
                        }
                        OP_GROUPREF
                        | OP_GROUPREF_IGNORE
                        | OP_GROUPREF_UNI_IGNORE
                        | OP_GROUPREF_LOC_IGNORE => {
                            let g = op_at(pat) as isize * 2;
                            if g >= st.lastmark {
                                fail!();
                            }
                            let (p, e) = (st.marks[g as usize], st.marks[g as usize + 1]);
                            if p < 0 || e < 0 || e < p {
                                fail!();
                            }
                            let fold: fn(u32) -> u32 = match op {
                                OP_GROUPREF => |c| c,
                                OP_GROUPREF_IGNORE => lower_ascii,
                                OP_GROUPREF_UNI_IGNORE => lower_unicode,
                                _ => lower_locale,
                            };
                            for q in p as usize..e as usize {
                                if ptr >= end || fold(s[ptr].into()) != fold(s[q].into()) {
                                    fail!();
                                }
                                ptr += 1;
                            }
                            pat += 1;
                        }
                        OP_GROUPREF_EXISTS => {
                            let g = op_at(pat) as isize * 2;
                            let exists = g < st.lastmark && {
                                let (p, e) = (st.marks[g as usize], st.marks[g as usize + 1]);
                                !(p < 0 || e < 0 || e < p)
                            };
                            if exists {
                                pat += 2;
                            } else {
                                pat += op_at(pat + 1) as usize;
                            }
                        }
                        OP_ASSERT => {
                            let back = op_at(pat + 1) as usize;
                            if ptr < back {
                                fail!();
                            }
                            st.ptr = ptr - back;
                            do_jump!(Jump::Assert, pat + 2, false);
                        }
                        OP_ASSERT_NOT => {
                            let back = op_at(pat + 1) as usize;
                            if ptr >= back {
                                st.ptr = ptr - back;
                                lastmark_save!();
                                if st.repeat.is_some() {
                                    st.mark_push(ctx!().lastmark);
                                }
                                do_jump!(Jump::AssertNot, pat + 2, false);
                            }
                            pat += op_at(pat) as usize;
                        }
                        _ => fail!(),
                    }
                    if !matches!(mode, Mode::Dispatch) {
                        continue 'main;
                    }
                }
            }
        }
    }
}

/// `SRE(search)`: the leftmost match at or after `st.start`, as CPython 3.11 looks for
/// it. The `INFO` block's prefix (a literal start: scanned for character by character,
/// a longer one through its overlap table, Knuth-Morris-Pratt) or charset (the set a
/// match's first character must be in) skips the positions where no match can start,
/// so the matcher runs only where one may.
pub fn search<C: Ch>(st: &mut State<C>, code: &[u32]) -> bool {
    let mut ptr = st.start;
    let mut end = st.end;
    if ptr > end {
        return false;
    }
    let mut pat = 0;
    let mut flags = 0;
    let (mut prefix_len, mut prefix_skip) = (0usize, 0usize);
    let mut charset_at = None;
    if code.first() == Some(&OP_INFO) {
        flags = cget(code, 2);
        let min = cget(code, 3) as usize;
        if min != 0 && end - ptr < min {
            return false;
        }
        if min > 1 {
            end -= min - 1;
            if end <= ptr {
                end = ptr;
            }
        }
        if flags & INFO_PREFIX != 0 {
            prefix_len = cget(code, 5) as usize;
            prefix_skip = (cget(code, 6) as usize).min(prefix_len);
        } else if flags & INFO_CHARSET != 0 {
            charset_at = Some(5);
        }
        pat = cget(code, 1) as usize + 1;
    }
    const PREFIX_AT: usize = 7;
    let s = st.s;
    let reset = |st: &mut State<C>| {
        st.lastmark = -1;
        st.lastindex = -1;
    };
    if prefix_len == 1 {
        // A literal first character: find it, then match the rest.
        let c = cget(code, PREFIX_AT);
        let end = st.end;
        st.must_advance = false;
        while ptr < end {
            while s[ptr].into() != c {
                ptr += 1;
                if ptr >= end {
                    return false;
                }
            }
            st.start = ptr;
            st.ptr = ptr + prefix_skip;
            if flags & INFO_LITERAL != 0 {
                return true;
            }
            if sre_match(st, code, pat + 2 * prefix_skip, false) {
                return true;
            }
            ptr += 1;
            reset(st);
        }
        return false;
    }
    if prefix_len > 1 {
        // A literal prefix: scan with its overlap table (`overlap(i)`: the length of
        // the longest proper border of `prefix[..i]`; CPython's `overlap` points one
        // word before the table).
        let end = st.end;
        if prefix_len > end - ptr {
            return false;
        }
        let prefix = |i: usize| cget(code, PREFIX_AT + i);
        let overlap = |i: usize| {
            let o = cget(code, PREFIX_AT + prefix_len - 1 + i) as usize;
            // Code from `_sre.compile` is not validated: a border is shorter than
            // what it borders, or the scan could stand still.
            if o < i {
                o
            } else {
                0
            }
        };
        while ptr < end {
            let c = prefix(0);
            loop {
                let here: u32 = s[ptr].into();
                ptr += 1;
                if here == c {
                    break;
                }
                if ptr >= end {
                    return false;
                }
            }
            if ptr >= end {
                return false;
            }
            let mut i = 1;
            st.must_advance = false;
            loop {
                if s[ptr].into() == prefix(i) {
                    i += 1;
                    if i != prefix_len {
                        ptr += 1;
                        if ptr >= end {
                            return false;
                        }
                        continue;
                    }
                    // A possible match.
                    st.start = ptr + 1 - prefix_len;
                    st.ptr = ptr + 1 + prefix_skip - prefix_len;
                    if flags & INFO_LITERAL != 0 {
                        return true;
                    }
                    if sre_match(st, code, pat + 2 * prefix_skip, false) {
                        return true;
                    }
                    ptr += 1;
                    if ptr >= end {
                        return false;
                    }
                    reset(st);
                }
                i = overlap(i);
                if i == 0 {
                    break;
                }
            }
        }
        return false;
    }
    if let Some(cs) = charset_at {
        // The first character comes from a known set.
        let end = st.end;
        st.must_advance = false;
        loop {
            while ptr < end && !charset(code, cs, s[ptr].into()) {
                ptr += 1;
            }
            if ptr >= end {
                return false;
            }
            st.start = ptr;
            st.ptr = ptr;
            if sre_match(st, code, pat, false) {
                return true;
            }
            ptr += 1;
            reset(st);
        }
    }
    st.start = ptr;
    st.ptr = ptr;
    let mut ok = sre_match(st, code, pat, true);
    st.must_advance = false;
    if !ok
        && code.get(pat) == Some(&OP_AT)
        && matches!(
            code.get(pat + 1),
            Some(&AT_BEGINNING) | Some(&AT_BEGINNING_STRING)
        )
    {
        st.start = end;
        st.ptr = end;
        return false;
    }
    while !ok && ptr < end {
        ptr += 1;
        reset(st);
        st.start = ptr;
        st.ptr = ptr;
        ok = sre_match(st, code, pat, false);
    }
    ok
}
