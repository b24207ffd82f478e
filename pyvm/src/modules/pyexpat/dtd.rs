//! The document type declaration: its header and internal subset (entity,
//! notation, element and attribute-list declarations, comments, processing
//! instructions), read once the whole `<!DOCTYPE ...>` is in the input.

use super::scan::*;
use std::sync::Arc as Rc;

/// Declarations with a handler (`Config::decl_handlers`): their tokens do not go
/// to the default handler.
pub const DECL_DOCTYPE: u32 = 1;
pub const DECL_ENTITY: u32 = 2;
pub const DECL_NOTATION: u32 = 4;
pub const DECL_ELEMENT: u32 = 8;
pub const DECL_ATTLIST: u32 = 16;

#[derive(Clone, Copy, PartialEq, Debug)]
enum T {
    Ws,
    /// A name or name token, with a `?`, `*` or `+` after it.
    Name(u8),
    Lit,
    Hash,
    PeRef,
    Pct,
    Open,
    LBr,
    RBr,
    Gt,
    LPar,
    RPar(u8),
    Or,
    Comma,
    Comment,
    Pi,
}

#[derive(Clone, Copy)]
struct Tok {
    t: T,
    start: usize,
    end: usize,
}

fn quant_of(b: Option<&u8>) -> u8 {
    match b {
        Some(b'?') => 1,
        Some(b'*') => 2,
        Some(b'+') => 3,
        _ => 0,
    }
}

/// The tokens of a `<!DOCTYPE` at `i`, through its closing `>`.
fn tokenize(s: &[u8], i: usize) -> R<Vec<Tok>> {
    let mut out = vec![Tok {
        t: T::Open,
        start: i,
        end: i + 9,
    }];
    let mut j = i + 9;
    let mut subset = false;
    let mut in_decl = false;
    loop {
        let Some(&b) = s.get(j) else {
            return Err(Stop::Partial(i));
        };
        let start = j;
        let t = match b {
            _ if is_space(b) => {
                while j < s.len() && is_space(s[j]) {
                    j += 1;
                }
                T::Ws
            }
            b'"' | b'\'' => {
                let Some(e) = s[j + 1..].iter().position(|&c| c == b) else {
                    return Err(Stop::Partial(i));
                };
                j += e + 2;
                T::Lit
            }
            b'<' => {
                if starts(s, j, b"<!--").map_err(|e| partial_from(e, i))? {
                    let Some(e) = find(s, j + 4, b"-->") else {
                        return Err(Stop::Partial(i));
                    };
                    j = e + 3;
                    T::Comment
                } else if starts(s, j, b"<?").map_err(|e| partial_from(e, i))? {
                    let Some(e) = find(s, j + 2, b"?>") else {
                        return Err(Stop::Partial(i));
                    };
                    j = e + 2;
                    T::Pi
                } else if starts(s, j, b"<!").map_err(|e| partial_from(e, i))? && subset {
                    j = scan_name(s, j + 2, false).map_err(|e| partial_from(e, i))?;
                    in_decl = true;
                    T::Open
                } else {
                    return Err(Stop::Err(if subset { 2 } else { 4 }, j));
                }
            }
            b'[' => {
                j += 1;
                subset = true;
                T::LBr
            }
            b']' if subset && !in_decl => {
                j += 1;
                subset = false;
                T::RBr
            }
            b'>' => {
                j += 1;
                if !subset {
                    out.push(Tok {
                        t: T::Gt,
                        start,
                        end: j,
                    });
                    return Ok(out);
                }
                in_decl = false;
                T::Gt
            }
            b'(' => {
                j += 1;
                T::LPar
            }
            b')' => {
                j += 1;
                let q = quant_of(s.get(j));
                if q != 0 {
                    j += 1;
                }
                T::RPar(q)
            }
            b'|' => {
                j += 1;
                T::Or
            }
            b',' => {
                j += 1;
                T::Comma
            }
            b'%' => match s.get(j + 1) {
                None => return Err(Stop::Partial(i)),
                Some(&c) if is_space(c) => {
                    j += 1;
                    T::Pct
                }
                Some(_) => {
                    j = scan_name(s, j + 1, false).map_err(|e| partial_from(e, i))?;
                    if s.get(j) != Some(&b';') {
                        return Err(Stop::Err(4, j));
                    }
                    j += 1;
                    T::PeRef
                }
            },
            b'#' => {
                j = scan_name(s, j + 1, false).map_err(|e| partial_from(e, i))?;
                T::Hash
            }
            _ => {
                let (c, _) = char_at(s, j).map_err(|e| partial_from(e, i))?;
                if !is_name_char(c) {
                    return Err(Stop::Err(4, j));
                }
                while j < s.len() {
                    let (c, n) = char_at(s, j).map_err(|e| partial_from(e, i))?;
                    if !is_name_char(c) {
                        break;
                    }
                    j += n;
                }
                let q = quant_of(s.get(j));
                if q != 0 {
                    j += 1;
                }
                T::Name(q)
            }
        };
        out.push(Tok { t, start, end: j });
    }
}

/// The significant tokens of a declaration, with a cursor.
struct Decl<'a> {
    s: &'a [u8],
    toks: Vec<Tok>,
    k: usize,
}

impl Decl<'_> {
    fn peek(&self) -> Option<Tok> {
        self.toks.get(self.k).copied()
    }
    fn next(&mut self) -> R<Tok> {
        let t = self.peek().ok_or(Stop::Err(2, self.end()))?;
        self.k += 1;
        Ok(t)
    }
    fn end(&self) -> usize {
        self.toks.last().map_or(0, |t| t.end)
    }
    fn text(&self, t: Tok) -> String {
        text(&self.s[t.start..t.end])
    }
    /// A token of kind `want`.
    fn expect(&mut self, want: fn(T) -> bool) -> R<Tok> {
        let t = self.next()?;
        if want(t.t) {
            Ok(t)
        } else {
            Err(Stop::Err(2, t.start))
        }
    }
    fn name(&mut self) -> R<String> {
        let t = self.expect(|t| t == T::Name(0))?;
        Ok(self.text(t))
    }
    fn keyword(&mut self) -> Option<String> {
        match self.peek() {
            Some(t) if t.t == T::Name(0) => Some(self.text(t)),
            _ => None,
        }
    }
    fn literal(&mut self) -> R<(String, Tok)> {
        let t = self.expect(|t| t == T::Lit)?;
        Ok((text(&self.s[t.start + 1..t.end - 1]), t))
    }
    /// `SYSTEM lit` or `PUBLIC lit lit` (`PUBLIC lit` when `public_only`): system and
    /// public ids, and the last token.
    fn external_id(
        &mut self,
        public_only: bool,
    ) -> R<(Option<String>, Option<String>, Option<Tok>)> {
        match self.keyword().as_deref() {
            Some("SYSTEM") => {
                self.k += 1;
                let (sys, t) = self.literal()?;
                Ok((Some(sys), None, Some(t)))
            }
            Some("PUBLIC") => {
                self.k += 1;
                let (public, t) = self.literal()?;
                if public_only && !matches!(self.peek(), Some(t) if t.t == T::Lit) {
                    return Ok((None, Some(public), Some(t)));
                }
                let (sys, t) = self.literal()?;
                Ok((Some(sys), Some(public), Some(t)))
            }
            _ => Ok((None, None, None)),
        }
    }
}

impl Core {
    pub(super) fn doctype(&mut self, s: &[u8], i: usize, _fin: bool) -> R<usize> {
        let toks = tokenize(s, i)?;
        let end = toks.last().map_or(i, |t| t.end);
        let handled = |c: &Core, bit: u32| c.cfg.decl_handlers & bit != 0;
        // The header: up to `[` or the closing `>`.
        let split = toks
            .iter()
            .position(|t| matches!(t.t, T::LBr | T::Gt))
            .unwrap_or(toks.len() - 1);
        let mut head = Decl {
            s,
            toks: toks[..split]
                .iter()
                .copied()
                .filter(|t| t.t != T::Ws)
                .collect(),
            k: 1,
        };
        let name = head.name()?;
        let (sys, public, _) = head.external_id(false)?;
        if let Some(t) = head.peek() {
            return Err(Stop::Err(2, t.start));
        }
        if sys.is_some() {
            self.dtd_incomplete = true;
            if self.standalone != 1 && self.pe_parsing == 0 {
                let at = toks[..split].last().map_or(i, |t| t.start);
                self.emit(Ev::NotStandalone, at);
            }
        }
        let doctype_handled = handled(self, DECL_DOCTYPE);
        if !doctype_handled {
            for t in &toks[..split] {
                self.default(&s[t.start..t.end], t.start);
            }
        }
        let open = toks[split];
        let subset = open.t == T::LBr;
        let (sys_id, public_id) = (sys.clone(), public.clone());
        self.emit(Ev::StartDoctype(name, sys, public, subset), open.start);
        if !doctype_handled {
            self.default(&s[open.start..open.end], open.start);
        }
        let mut k = split + 1;
        let mut keep = true;
        if subset {
            while k < toks.len() {
                let t = toks[k];
                match t.t {
                    T::RBr => break,
                    T::Ws => self.default(&s[t.start..t.end], t.start),
                    T::Comment => {
                        let body = normalize_newlines(&text(&s[t.start + 4..t.end - 3]));
                        self.emit(Ev::Comment(body), t.start);
                    }
                    T::Pi => {
                        self.pi(s, t.start, false)?;
                    }
                    T::PeRef => {
                        self.dtd_incomplete = true;
                        keep = self.standalone == 1;
                        // Unread: skipped when parameter entities are parsed, else
                        // only the default handler sees it.
                        if self.pe_parsing != 0 {
                            let name = text(&s[t.start + 1..t.end - 1]);
                            let raw = text(&s[t.start..t.end]);
                            self.emit(Ev::Skipped(name, true, raw), t.start);
                        } else {
                            self.default(&s[t.start..t.end], t.start);
                        }
                        if self.standalone != 1 {
                            self.emit(Ev::NotStandalone, t.start);
                        }
                    }
                    T::Open => {
                        let close = toks[k..]
                            .iter()
                            .position(|t| t.t == T::Gt)
                            .map_or(toks.len() - 1, |p| p + k);
                        self.declaration(s, &toks[k..=close], keep)?;
                        k = close;
                    }
                    _ => return Err(Stop::Err(2, t.start)),
                }
                k += 1;
            }
            // `]`, spaces, `>`.
            for t in &toks[k..] {
                if !matches!(t.t, T::RBr | T::Ws | T::Gt) {
                    return Err(Stop::Err(2, t.start));
                }
                if !doctype_handled {
                    self.default(&s[t.start..t.end], t.start);
                }
            }
        }
        let gt = toks[toks.len() - 1];
        // The external subset is the handler's to read (`SetParamEntityParsing`).
        if (sys_id.is_some() || self.foreign_dtd) && self.pe_parsing != 0 {
            self.emit(Ev::ExternalRef(None, sys_id, public_id), gt.start);
        }
        self.foreign_dtd = false;
        self.emit(Ev::EndDoctype, gt.start);
        Ok(end)
    }

    /// One `<!ELEMENT`, `<!ATTLIST`, `<!ENTITY` or `<!NOTATION` (its tokens through
    /// `>`); `keep`: declarations are still processed.
    fn declaration(&mut self, s: &[u8], toks: &[Tok], keep: bool) -> R<()> {
        let kind = text(&s[toks[0].start + 2..toks[0].end]);
        let bit = match kind.as_str() {
            "ENTITY" => DECL_ENTITY,
            "NOTATION" => DECL_NOTATION,
            "ELEMENT" => DECL_ELEMENT,
            "ATTLIST" => DECL_ATTLIST,
            _ => return Err(Stop::Err(2, toks[0].start)),
        };
        if self.cfg.decl_handlers & bit == 0 {
            for t in toks {
                self.default(&s[t.start..t.end], t.start);
            }
        }
        let mut d = Decl {
            s,
            toks: toks.iter().copied().filter(|t| t.t != T::Ws).collect(),
            k: 1,
        };
        match bit {
            DECL_ENTITY => self.entity_decl(&mut d, keep),
            DECL_NOTATION => {
                let name = d.name()?;
                let (sys, public, last) = d.external_id(true)?;
                let last = last.ok_or(Stop::Err(2, d.end()))?;
                d.expect(|t| t == T::Gt)?;
                self.emit(Ev::NotationDecl(name, sys, public), last.start);
                Ok(())
            }
            DECL_ELEMENT => {
                let name = d.name()?;
                let model = match d.keyword().as_deref() {
                    Some("EMPTY") | Some("ANY") => {
                        let t = d.next()?;
                        let ctype = if d.text(t) == "EMPTY" { 1 } else { 2 };
                        (leaf(ctype, 0, None), t)
                    }
                    _ => {
                        d.expect(|t| t == T::LPar)?;
                        content_model(&mut d)?
                    }
                };
                d.expect(|t| t == T::Gt)?;
                self.emit(Ev::ElementDecl(name, model.0), model.1.start);
                Ok(())
            }
            _ => self.attlist_decl(&mut d, keep),
        }
    }

    fn entity_decl(&mut self, d: &mut Decl, keep: bool) -> R<()> {
        let pe = matches!(d.peek(), Some(t) if t.t == T::Pct);
        if pe {
            d.k += 1;
        }
        let name = d.name()?;
        let (mut value, mut sys, mut public, mut notation) = (None, None, None, None);
        let last;
        if matches!(d.peek(), Some(t) if t.t == T::Lit) {
            let t = d.next()?;
            match self.entity_value(d.s, t) {
                Ok(v) => value = Some(v),
                // expat declares the entity with the text before the reference.
                Err((partial, Stop::Err(10, at))) => {
                    if keep && !pe && !self.entities.contains_key(&name) {
                        self.emit(
                            Ev::EntityDecl(name, pe, Some(partial), None, None, None),
                            at,
                        );
                    }
                    return Err(Stop::Err(10, at));
                }
                Err((_, e)) => return Err(e),
            }
            last = t;
        } else {
            let (s_id, p_id, t) = d.external_id(false)?;
            sys = s_id;
            public = p_id;
            let mut l = t.ok_or(Stop::Err(2, d.end()))?;
            // expat reports an external parsed entity at the `>`.
            if let Some(gt) = d.peek().filter(|t| t.t == T::Gt) {
                l = gt;
            }
            if d.keyword().as_deref() == Some("NDATA") {
                if pe {
                    return Err(Stop::Err(2, l.end));
                }
                d.k += 1;
                let n = d.expect(|t| t == T::Name(0))?;
                notation = Some(d.text(n));
                l = n;
            }
            last = l;
        }
        d.expect(|t| t == T::Gt)?;
        let table = if pe { &self.pentities } else { &self.entities };
        if !keep || table.contains_key(&name) {
            return Ok(());
        }
        let entity = Entity {
            value: value.as_deref().map(Rc::from),
            sysid: sys.clone(),
            pubid: public.clone(),
            notation: notation.clone(),
            open: false,
        };
        if pe {
            self.pentities.insert(name.clone(), entity);
        } else {
            self.entities.insert(name.clone(), entity);
        }
        self.emit(
            Ev::EntityDecl(name, pe, value, sys, public, notation),
            last.start,
        );
        Ok(())
    }

    /// An entity's literal value: character references expanded, newlines
    /// normalized, general entity references kept.
    fn entity_value(&mut self, s: &[u8], t: Tok) -> Result<String, (String, Stop)> {
        let mut out = String::new();
        let r = self.literal_text(s, t, &mut out);
        r.map(|_| out.clone()).map_err(|e| (out, e))
    }

    fn literal_text(&mut self, s: &[u8], t: Tok, out: &mut String) -> R<()> {
        let mut k = t.start + 1;
        let end = t.end - 1;
        while k < end {
            match s[k] {
                b'%' => return Err(Stop::Err(10, k)),
                b'&' if s.get(k + 1) == Some(&b'#') => {
                    let (r, e) = reference(&s[..end], k).map_err(|e| partial_from(e, k))?;
                    if let Ref::Char(c) = r {
                        out.push(c);
                    }
                    k = e;
                }
                b'&' => {
                    let (_, e) = reference(&s[..end], k).map_err(|e| match e {
                        Stop::Partial(_) => Stop::Err(4, end),
                        e => e,
                    })?;
                    out.push_str(&text(&s[k..e]));
                    k = e;
                }
                b'\r' => {
                    out.push('\n');
                    k += if s.get(k + 1) == Some(&b'\n') { 2 } else { 1 };
                }
                _ => {
                    let (c, n) = char_at(s, k)?;
                    out.push(c);
                    k += n;
                }
            }
        }
        Ok(())
    }

    fn attlist_decl(&mut self, d: &mut Decl, keep: bool) -> R<()> {
        let elem = d.name()?;
        loop {
            if matches!(d.peek(), Some(t) if t.t == T::Gt) {
                return Ok(());
            }
            let att = d.name()?;
            let t = d.next()?;
            let ty = match t.t {
                T::Name(0) if d.text(t) == "NOTATION" => {
                    d.expect(|t| t == T::LPar)?;
                    format!("NOTATION{}", enumeration(d)?)
                }
                T::Name(0) => {
                    let ty = d.text(t);
                    if !matches!(
                        ty.as_str(),
                        "CDATA"
                            | "ID"
                            | "IDREF"
                            | "IDREFS"
                            | "ENTITY"
                            | "ENTITIES"
                            | "NMTOKEN"
                            | "NMTOKENS"
                    ) {
                        return Err(Stop::Err(2, t.start));
                    }
                    ty
                }
                T::LPar => enumeration(d)?,
                _ => return Err(Stop::Err(2, t.start)),
            };
            let t = d.next()?;
            let (default, required, last) = match t.t {
                T::Hash => match d.text(t).as_str() {
                    "#REQUIRED" => (None, true, t),
                    "#IMPLIED" => (None, false, t),
                    "#FIXED" => {
                        let l = d.expect(|t| t == T::Lit)?;
                        (Some(l), true, l)
                    }
                    _ => return Err(Stop::Err(2, t.start)),
                },
                T::Lit => (Some(t), false, t),
                _ => return Err(Stop::Err(2, t.start)),
            };
            let tokenized = ty != "CDATA";
            let default = match default {
                Some(l) => {
                    let mut v =
                        self.attr_value(&d.s[l.start + 1..l.end - 1], l.start + 1, l.start)?;
                    if tokenized {
                        v = v
                            .split(' ')
                            .filter(|p| !p.is_empty())
                            .collect::<Vec<_>>()
                            .join(" ");
                    }
                    Some(v)
                }
                None => None,
            };
            if !keep {
                continue;
            }
            let key = (elem.clone(), att.clone());
            if self.att_tokenized.contains_key(&key) {
                continue;
            }
            self.att_tokenized.insert(key, tokenized);
            if let Some(v) = &default {
                self.att_defaults
                    .entry(elem.clone())
                    .or_default()
                    .push((att.clone(), v.clone()));
            }
            self.emit(
                Ev::AttlistDecl(elem.clone(), att, ty, default, required),
                last.start,
            );
        }
    }
}

fn leaf(ctype: i64, quant: u8, name: Option<String>) -> Model {
    Model {
        ctype,
        quant: quant as i64,
        name,
        children: Vec::new(),
    }
}

/// `(a|b|c)` after its `(`: the text as expat reports it.
fn enumeration(d: &mut Decl) -> R<String> {
    let mut out = String::from("(");
    loop {
        let t = d.expect(|t| t == T::Name(0))?;
        out.push_str(&d.text(t));
        let t = d.next()?;
        match t.t {
            T::Or => out.push('|'),
            T::RPar(0) => {
                out.push(')');
                return Ok(out);
            }
            _ => return Err(Stop::Err(2, t.start)),
        }
    }
}

/// A content model after its `(`: the model and its last token.
fn content_model(d: &mut Decl) -> R<(Model, Tok)> {
    if matches!(d.peek(), Some(t) if t.t == T::Hash) {
        let t = d.next()?;
        if d.text(t) != "#PCDATA" {
            return Err(Stop::Err(2, t.start));
        }
        let mut children = Vec::new();
        loop {
            let t = d.next()?;
            match t.t {
                T::RPar(q) if q == 0 || (q == 2) => {
                    if q == 0 && !children.is_empty() {
                        return Err(Stop::Err(2, t.start));
                    }
                    let mut m = leaf(3, q, None);
                    m.children = children;
                    return Ok((m, t));
                }
                T::Or => {
                    let n = d.expect(|t| t == T::Name(0))?;
                    children.push(leaf(4, 0, Some(d.text(n))));
                }
                _ => return Err(Stop::Err(2, t.start)),
            }
        }
    }
    group(d)
}

/// Children of a group after its `(`, through its `)`.
fn group(d: &mut Decl) -> R<(Model, Tok)> {
    let mut children = Vec::new();
    let mut sep: Option<T> = None;
    loop {
        let t = d.next()?;
        let child = match t.t {
            T::Name(q) => {
                let text = d.text(t);
                let name = if q != 0 {
                    &text[..text.len() - 1]
                } else {
                    &text[..]
                };
                leaf(4, q, Some(name.to_owned()))
            }
            T::LPar => group(d)?.0,
            _ => return Err(Stop::Err(2, t.start)),
        };
        children.push(child);
        let t = d.next()?;
        match t.t {
            T::RPar(q) => {
                let ctype = if sep == Some(T::Or) { 5 } else { 6 };
                let mut m = leaf(ctype, q, None);
                m.children = children;
                return Ok((m, t));
            }
            T::Or | T::Comma if sep.is_none() || sep == Some(t.t) => sep = Some(t.t),
            _ => return Err(Stop::Err(2, t.start)),
        }
    }
}
