//! Attribute values (normalized, references expanded) and namespace resolution
//! of a start tag, as expat's `storeAtts`.

use super::scan::*;

/// A start tag after namespace processing: its name, its attributes, and how many
/// of them were specified.
pub(super) type Resolved = (String, Vec<(String, String)>, usize);

impl Core {
    /// The normalized value of the attribute literal `v` (at `at` in the source);
    /// errors inside an entity's text are reported at `tag` (the tag's start).
    pub(super) fn attr_value(&mut self, v: &[u8], at: usize, tag: usize) -> R<String> {
        let mut out = String::with_capacity(v.len());
        self.append_value(v, &mut out, at).map_err(|e| match e {
            Stop::Err(c, i) if i == usize::MAX => Stop::Err(c, tag),
            e => e,
        })?;
        Ok(out)
    }

    fn append_value(&mut self, v: &[u8], out: &mut String, at: usize) -> R<()> {
        let mut k = 0;
        while k < v.len() {
            match v[k] {
                b'\r' => {
                    out.push(' ');
                    k += if v.get(k + 1) == Some(&b'\n') { 2 } else { 1 };
                }
                b'\n' | b'\t' => {
                    out.push(' ');
                    k += 1;
                }
                b'<' => return Err(Stop::Err(4, at + k)),
                b'&' => {
                    let (r, end) = reference(v, k).map_err(|e| match e {
                        Stop::Err(c, i) => Stop::Err(c, at + i),
                        _ => Stop::Err(4, at + k),
                    })?;
                    match r {
                        Ref::Char(c) => out.push(c),
                        Ref::Named(name) => {
                            if let Some(c) = predefined(&name) {
                                out.push(c);
                            } else {
                                self.entity_in_value(&name, out, at + k)?;
                            }
                        }
                    }
                    k = end;
                }
                _ => {
                    let (c, n) = char_at(v, k).map_err(|_| Stop::Err(4, at + k))?;
                    out.push(c);
                    k += n;
                }
            }
        }
        Ok(())
    }

    /// Entity `name`'s text in an attribute value (referenced at `at`); its errors
    /// are marked to be reported at the tag (`usize::MAX`), but for an external
    /// entity's, reported at the reference.
    fn entity_in_value(&mut self, name: &str, out: &mut String, at: usize) -> R<()> {
        let Some(e) = self.entities.get(name) else {
            if !self.dtd_incomplete || self.standalone == 1 {
                return Err(Stop::Err(11, usize::MAX));
            }
            return Ok(());
        };
        if e.open {
            return Err(Stop::Err(12, usize::MAX));
        }
        let Some(value) = e.value.clone() else {
            return Err(Stop::Err(if e.notation.is_some() { 15 } else { 16 }, at));
        };
        self.set_open(name, true);
        let r = self.append_value(value.as_bytes(), out, 0);
        self.set_open(name, false);
        // (Marked: reported at the tag.)
        r.map_err(|e| match e {
            Stop::Err(c, _) => Stop::Err(c, usize::MAX),
            e => e,
        })
    }

    fn set_open(&mut self, name: &str, open: bool) {
        if let Some(e) = self.entities.get_mut(name) {
            e.open = open;
        }
    }

    /// The namespace URI bound to `prefix` (`None`: the default namespace).
    fn lookup(&self, prefix: Option<&str>) -> Option<Option<String>> {
        if prefix == Some("xml") {
            return Some(Some(XML_NS.to_owned()));
        }
        self.bindings
            .iter()
            .rev()
            .find(|(p, _)| p.as_deref() == prefix)
            .map(|(_, u)| u.clone())
    }

    /// A qualified name as reported: `uri<sep>local[<sep>prefix]`, or the local name.
    fn expanded(&self, qname: &str, attr: bool) -> Option<String> {
        let sep = self.cfg.ns.clone().unwrap_or_default();
        let (prefix, local) = match qname.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, qname),
        };
        let uri = match prefix {
            Some(p) => Some(self.lookup(Some(p))??),
            None if attr => None,
            None => self.lookup(None).flatten(),
        };
        Some(match (uri, prefix) {
            (Some(u), Some(p)) if self.cfg.triplets => format!("{u}{sep}{local}{sep}{p}"),
            (Some(u), _) => format!("{u}{sep}{local}"),
            (None, _) => local.to_owned(),
        })
    }

    /// Namespace processing of a start tag at `at`: the declarations it makes
    /// (reported now), its name and attributes expanded.
    pub(super) fn resolve(
        &mut self,
        qname: &str,
        attrs: Vec<(String, String, usize)>,
        specified: usize,
        at: usize,
    ) -> R<Resolved> {
        let mut kept = Vec::new();
        let mut kept_specified = 0;
        for (k, (n, v, a)) in attrs.into_iter().enumerate() {
            let prefix = match n.strip_prefix("xmlns") {
                Some("") => None,
                Some(rest) if rest.starts_with(':') => Some(rest[1..].to_owned()),
                _ => {
                    if k < specified {
                        kept_specified += 1;
                    }
                    kept.push((n, v, a));
                    continue;
                }
            };
            match prefix.as_deref() {
                Some("xmlns") => return Err(Stop::Err(39, at)),
                Some("xml") if v != XML_NS => return Err(Stop::Err(38, at)),
                Some("xml") => {}
                _ if v == XML_NS || v == XMLNS_NS => return Err(Stop::Err(40, at)),
                Some(_) if v.is_empty() => return Err(Stop::Err(28, at)),
                _ => {}
            }
            // (expat 2.4.5+: a URI holding the separator could not be split again.)
            let sep = self.cfg.ns.as_deref().unwrap_or_default();
            if !sep.is_empty() && v.contains(sep) {
                return Err(Stop::Err(2, at));
            }
            let uri = if v.is_empty() { None } else { Some(v) };
            self.bindings.push((prefix.clone(), uri.clone()));
            self.emit(Ev::StartNs(prefix, uri), at);
        }
        let Some(name) = self.expanded(qname, false) else {
            return Err(Stop::Err(27, at));
        };
        let mut out: Vec<(String, String)> = Vec::with_capacity(kept.len());
        for (n, v, a) in kept {
            let Some(x) = self.expanded(&n, true) else {
                return Err(Stop::Err(27, at));
            };
            if out.iter().any(|(o, _)| *o == x) {
                return Err(Stop::Err(8, a));
            }
            out.push((x, v));
        }
        Ok((name, out, kept_specified))
    }
}
