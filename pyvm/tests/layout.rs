//! The layers inside pyvm (ARCHITECTURE.md, "Layers inside pyvm"): arrows point one
//! way, so a layer never names a module above it. This test reads the sources under
//! `pyvm/src` and fails, naming file and line, when a file of a layer refers to a
//! module its rule forbids: `crate::vm::...`, `use crate::{vm, ...}`,
//! `super::super::vm` (resolved against the file's module and any inline `mod`), or a
//! name the crate root imports from a forbidden module (`crate::MicroThread`), or
//! when it reads a field its rule forbids (`cx.th` in `modules/`). Comments and
//! string literals are not code and are skipped.
//!
//! Rules live in [`RULES`]; a rule is added when it holds.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One layer's rule: the files under `pyvm/src/<layer>/` (or `<layer>.rs`) must not
/// refer to the crate's top-level modules in `forbidden`.
struct Rule {
    layer: &'static str,
    forbidden: &'static [&'static str],
    why: &'static str,
    /// Fields the layer must not read (`x.th`: `Cx::th`, the loop's `MicroThread`),
    /// whatever the value they are read from: what the layer needs of them is a method.
    fields: &'static [&'static str],
    /// At least this many files are checked (fewer: the folder was renamed or moved,
    /// and the rule would pass without looking).
    min_files: usize,
}

const RULES: &[Rule] = &[
    Rule {
        layer: "objects",
        forbidden: &["vm", "mt", "modules"],
        why: "the object model sits under the interpreter and asks for Python behaviour \
              (a user __eq__, a dict probe, a detached call) through native.rs",
        fields: &[],
        min_files: 30,
    },
    // Not `mt` yet: compile/mod.rs runs the parser on the OS thread's own stack
    // (`mt::worker::on_os_stack`).
    Rule {
        layer: "compile",
        forbidden: &["vm", "modules", "native"],
        why: "the compiler turns source into code objects and knows nothing of running them",
        fields: &[],
        min_files: 8,
    },
    Rule {
        layer: "modules",
        forbidden: &["vm", "mt"],
        why: "built-in modules are written against native.rs alone (as Lua's libraries see \
              only lua.h): the loop's and the driver's services are reached through its \
              functions, `Cx` methods, `native::io` and `native::driver`; the micro-thread \
              under a `Cx` (`cx.th`) is the loop's too",
        fields: &["th"],
        min_files: 40,
    },
];

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    /// `::`
    PathSep,
    Punct(char),
}

/// A token and the line it starts on (1-based).
struct Token {
    tok: Tok,
    line: usize,
}

/// Rust source as identifiers, `::` and punctuation; comments, string, char and
/// number literals and lifetimes are dropped.
fn tokenize(src: &str) -> Vec<Token> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let is_ident_start = |ch: char| ch == '_' || ch.is_alphabetic();
    let is_ident = |ch: char| ch == '_' || ch.is_alphanumeric();
    // Skip a quoted literal whose opening quote is at `i`; returns the index after it.
    let skip_quoted = |mut i: usize, quote: char, line: &mut usize| -> usize {
        i += 1;
        while i < c.len() && c[i] != quote {
            if c[i] == '\\' {
                i += 1;
            }
            if i < c.len() && c[i] == '\n' {
                *line += 1;
            }
            i += 1;
        }
        i + 1
    };
    // A raw string `r#*"..."#*` whose `r` is at `i` (already checked); index after it.
    let skip_raw = |mut i: usize, line: &mut usize| -> usize {
        i += 1;
        let mut hashes = 0;
        while i < c.len() && c[i] == '#' {
            hashes += 1;
            i += 1;
        }
        i += 1; // the opening quote
        while i < c.len() {
            if c[i] == '"' && (0..hashes).all(|k| c.get(i + 1 + k) == Some(&'#')) {
                return i + 1 + hashes;
            }
            if c[i] == '\n' {
                *line += 1;
            }
            i += 1;
        }
        i
    };
    while i < c.len() {
        let ch = c[i];
        let next = c.get(i + 1).copied();
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if c[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if ch == '"' {
            i = skip_quoted(i, '"', &mut line);
        } else if ch == '\'' {
            if next == Some('\\') {
                i = skip_quoted(i, '\'', &mut line);
            } else if c.get(i + 2) == Some(&'\'') {
                i += 3; // 'x'
            } else {
                // A lifetime or label: `'a`.
                i += 1;
                while i < c.len() && is_ident(c[i]) {
                    i += 1;
                }
            }
        } else if ch.is_ascii_digit() {
            while i < c.len()
                && (is_ident(c[i])
                    || (c[i] == '.' && c.get(i + 1).is_some_and(|d| d.is_ascii_digit())))
            {
                i += 1;
            }
        } else if is_ident_start(ch) {
            let start = i;
            while i < c.len() && is_ident(c[i]) {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            let here = c.get(i).copied();
            match (word.as_str(), here) {
                // Byte, C and raw strings, byte chars.
                ("b" | "c", Some('"')) => i = skip_quoted(i, '"', &mut line),
                ("b", Some('\'')) => i = skip_quoted(i, '\'', &mut line),
                ("r" | "br" | "cr", Some('"')) => i = skip_raw(i - 1, &mut line),
                ("r" | "br" | "cr", Some('#'))
                    if c.get(i + 1).is_some_and(|&d| d == '#' || d == '"') =>
                {
                    i = skip_raw(i - 1, &mut line)
                }
                // A raw identifier: `r#type`.
                ("r", Some('#')) => {
                    let start = i + 1;
                    i = start;
                    while i < c.len() && is_ident(c[i]) {
                        i += 1;
                    }
                    let raw: String = c[start..i].iter().collect();
                    out.push(Token {
                        tok: Tok::Ident(raw),
                        line,
                    });
                }
                _ => out.push(Token {
                    tok: Tok::Ident(word),
                    line,
                }),
            }
        } else if ch == ':' && next == Some(':') {
            out.push(Token {
                tok: Tok::PathSep,
                line,
            });
            i += 2;
        } else {
            out.push(Token {
                tok: Tok::Punct(ch),
                line,
            });
            i += 1;
        }
    }
    out
}

fn ident(t: Option<&Token>) -> Option<&str> {
    match t {
        Some(Token {
            tok: Tok::Ident(s), ..
        }) => Some(s),
        _ => None,
    }
}

fn is(t: Option<&Token>, want: &Tok) -> bool {
    t.is_some_and(|t| &t.tok == want)
}

/// A reference to a forbidden module.
#[derive(Debug, PartialEq)]
struct Violation {
    line: usize,
    /// The top-level module it reaches (`vm`).
    module: String,
    /// How the source spells the path up to that module (`super::super::vm`).
    written: String,
}

/// The names the crate root imports (`use vm::state::MicroThread;` in lib.rs makes
/// `crate::MicroThread` a way into `vm`): bound name -> top-level module.
fn root_imports(lib_rs: &str) -> HashMap<String, String> {
    let toks = tokenize(lib_rs);
    let mut out = HashMap::new();
    let mut depth = 0;
    let mut i = 0;
    while i < toks.len() {
        match &toks[i].tok {
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => depth -= 1,
            Tok::Ident(w) if w == "use" && depth == 0 => {
                i += 1;
                use_tree(&toks, &mut i, &mut Vec::new(), &mut out);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Parse one use tree at `toks[*i]` (after `use` or inside a group), recording each
/// name it binds with the top-level module its full path starts from.
fn use_tree(
    toks: &[Token],
    i: &mut usize,
    prefix: &mut Vec<String>,
    out: &mut HashMap<String, String>,
) {
    let depth = prefix.len();
    loop {
        match toks.get(*i).map(|t| &t.tok) {
            Some(Tok::Ident(w)) if w != "as" => {
                prefix.push(w.clone());
                *i += 1;
                if is(toks.get(*i), &Tok::PathSep) {
                    *i += 1;
                    continue;
                }
                let mut bound = prefix.last().cloned().unwrap_or_default();
                if bound == "self" && prefix.len() >= 2 {
                    bound = prefix[prefix.len() - 2].clone();
                }
                if ident(toks.get(*i)) == Some("as") {
                    bound = ident(toks.get(*i + 1)).unwrap_or("_").to_owned();
                    *i += 2;
                }
                let root = prefix
                    .iter()
                    .find(|s| *s != "crate" && *s != "self")
                    .cloned()
                    .unwrap_or_default();
                out.insert(bound, root);
                break;
            }
            Some(Tok::Punct('{')) => {
                *i += 1;
                while !is(toks.get(*i), &Tok::Punct('}')) && *i < toks.len() {
                    use_tree(toks, i, prefix, out);
                    if is(toks.get(*i), &Tok::Punct(',')) {
                        *i += 1;
                    }
                }
                *i += 1;
                break;
            }
            // A glob (`*`) binds no name we can see; anything else ends the tree.
            Some(Tok::Punct('*')) => {
                *i += 1;
                break;
            }
            _ => break,
        }
    }
    prefix.truncate(depth);
}

/// The references to the `forbidden` top-level modules in `source`, the file whose
/// module path is `module` (`["objects", "dict"]` for `objects/dict.rs`).
fn check_source(
    module: &[String],
    source: &str,
    forbidden: &[&str],
    root: &HashMap<String, String>,
) -> Vec<Violation> {
    let toks = tokenize(source);
    let mut found = Vec::new();
    // Inline modules (`mod tests { ... }`) open at a brace depth.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    for i in 0..toks.len() {
        match &toks[i].tok {
            Tok::Punct('{') => {
                depth += 1;
                continue;
            }
            Tok::Punct('}') => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth -= 1;
                continue;
            }
            _ => {}
        }
        let Some(word) = ident(toks.get(i)) else {
            continue;
        };
        if word == "mod" {
            if let (Some(name), true) = (
                ident(toks.get(i + 1)),
                is(toks.get(i + 2), &Tok::Punct('{')),
            ) {
                inline.push((name.to_owned(), depth + 1));
            }
            continue;
        }
        // Only the start of a path: not `a::crate`, not `a::super`.
        if i > 0 && is(toks.get(i - 1), &Tok::PathSep) {
            continue;
        }
        let here: Vec<&str> = module
            .iter()
            .map(String::as_str)
            .chain(inline.iter().map(|(n, _)| n.as_str()))
            .collect();
        let mut j = i + 1;
        let at_root = match word {
            "crate" => true,
            "super" => {
                let mut up = 1;
                while is(toks.get(j), &Tok::PathSep) && ident(toks.get(j + 1)) == Some("super") {
                    up += 1;
                    j += 2;
                }
                up == here.len()
            }
            _ => false,
        };
        if !at_root {
            continue;
        }
        let written: Vec<&str> = (i..j).filter_map(|k| ident(toks.get(k))).collect();
        let written = written.join("::");
        if ident(toks.get(j)) == Some("as") {
            // `use crate as c;` / `use super::super as c;`: paths through the alias
            // cannot be followed, so the alias itself is refused.
            found.push(Violation {
                line: toks[i].line,
                module: "(the crate root, renamed)".to_owned(),
                written: format!("{written} as ..."),
            });
            continue;
        }
        if !is(toks.get(j), &Tok::PathSep) {
            continue;
        }
        // The top-level names the path reaches, with their lines.
        let mut names: Vec<(&str, usize)> = Vec::new();
        match toks.get(j + 1) {
            Some(Token {
                tok: Tok::Ident(name),
                line,
            }) => names.push((name, *line)),
            Some(Token {
                tok: Tok::Punct('{'),
                ..
            }) => {
                // A group: the first name of each item at its top level.
                let mut level = 0;
                let mut item_start = true;
                for t in &toks[j + 1..] {
                    match &t.tok {
                        Tok::Punct('{') => {
                            level += 1;
                            item_start = level == 1;
                        }
                        Tok::Punct('}') => {
                            level -= 1;
                            if level == 0 {
                                break;
                            }
                        }
                        Tok::Punct(',') if level == 1 => item_start = true,
                        Tok::Ident(name) if item_start && level == 1 => {
                            names.push((name, t.line));
                            item_start = false;
                        }
                        _ => item_start = false,
                    }
                }
            }
            _ => {}
        }
        for (name, line) in names {
            let reached = if forbidden.contains(&name) {
                Some(name)
            } else {
                root.get(name)
                    .map(String::as_str)
                    .filter(|m| forbidden.contains(m))
            };
            if let Some(m) = reached {
                found.push(Violation {
                    line,
                    module: m.to_owned(),
                    written: format!("{written}::{name}"),
                });
            }
        }
    }
    found
}

/// The lines where `source` reads one of `fields` (`.th` not followed by `(`).
fn check_fields(source: &str, fields: &[&str]) -> Vec<(usize, String)> {
    let toks = tokenize(source);
    let mut found = Vec::new();
    for i in 1..toks.len() {
        let Some(name) = ident(toks.get(i)) else {
            continue;
        };
        if is(toks.get(i - 1), &Tok::Punct('.'))
            && fields.contains(&name)
            && !is(toks.get(i + 1), &Tok::Punct('('))
        {
            found.push((toks[i].line, name.to_owned()));
        }
    }
    found
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a file, from its path under `src` (`objects/methods/str/mod.rs`
/// is `objects::methods::str`).
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs");
        if stem != "mod" && stem != "lib" {
            parts.push(stem.to_owned());
        }
    }
    parts
}

/// Scan `pyvm/src` against [`RULES`]: the report lines of every violation, how many
/// files were read, and how many each rule checked.
fn scan() -> (Vec<String>, usize, Vec<usize>) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let root = root_imports(&std::fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs"));
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut report = Vec::new();
    let mut checked = vec![0; RULES.len()];
    for path in &files {
        let rel = path.strip_prefix(&src).expect("under src");
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        for (r, rule) in RULES.iter().enumerate() {
            let first = rel.iter().next().map(|p| p.to_string_lossy().into_owned());
            let in_layer =
                first.as_deref() == Some(rule.layer) || first == Some(format!("{}.rs", rule.layer));
            if !in_layer {
                continue;
            }
            checked[r] += 1;
            for v in check_source(&module_of(rel), &text, rule.forbidden, &root) {
                report.push(format!(
                    "pyvm/src/{}:{}: refers to `{}` (as `{}`): {}/ must not use {}: {}",
                    rel.display(),
                    v.line,
                    v.module,
                    v.written,
                    rule.layer,
                    rule.forbidden.join(", "),
                    rule.why
                ));
            }
            for (line, field) in check_fields(&text, rule.fields) {
                report.push(format!(
                    "pyvm/src/{}:{line}: reads `.{field}`: {}/ must not read {}: {}",
                    rel.display(),
                    rule.layer,
                    rule.fields.join(", "),
                    rule.why
                ));
            }
        }
    }
    (report, files.len(), checked)
}

#[test]
fn layers_point_one_way() {
    let (report, read, checked) = scan();
    assert!(
        read > 50,
        "the scan read only {read} files under pyvm/src: is it looking in the right place?"
    );
    for (rule, n) in RULES.iter().zip(&checked) {
        assert!(
            *n >= rule.min_files,
            "rule for {}/ checked only {n} files (at least {} expected): was the folder \
             renamed?",
            rule.layer,
            rule.min_files
        );
    }
    assert!(
        report.is_empty(),
        "layering rule broken (ARCHITECTURE.md, \"Layers inside pyvm\"):\n{}",
        report.join("\n")
    );
}

fn module(path: &str) -> Vec<String> {
    module_of(Path::new(path))
}

#[test]
fn the_checker_catches_planted_violations() {
    let planted = r#"
use crate::objects::value::Value;
use crate::vm::ops;
use super::super::mt::io;
use crate::{native::Cx, modules};
use crate::{
    objects::dict::Dict,
    vm::{self, frame::Frame},
};

fn f() {
    crate::vm::dunder::hash();
    let th: crate::MicroThread = todo!();
}

#[cfg(test)]
mod tests {
    use super::super::super::modules::frozen;
    use super::super::dict::Dict;
}
"#;
    let root = root_imports("use vm::state::MicroThread;\nuse objects::value::Value;\n");
    let found = check_source(
        &module("objects/planted.rs"),
        planted,
        &["vm", "mt", "modules"],
        &root,
    );
    let got: Vec<(usize, &str, &str)> = found
        .iter()
        .map(|v| (v.line, v.module.as_str(), v.written.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (3, "vm", "crate::vm"),
            (4, "mt", "super::super::mt"),
            (5, "modules", "crate::modules"),
            (8, "vm", "crate::vm"),
            (12, "vm", "crate::vm"),
            (13, "vm", "crate::MicroThread"),
            (18, "modules", "super::super::super::modules"),
        ]
    );
}

#[test]
fn the_checker_catches_a_module_reaching_past_native() {
    let planted = r#"
use crate::native::driver::{self, Waiter};
use crate::native::*;
use super::pipe::Pipe;
use crate::modules::micro_thread::thread_obj::Fate;
use super::super::super::mt::wait::Wait;
use super::super::os_threads::lock::Lock;

fn f(cx: &mut Cx) {
    crate::mt::spawn(todo!(), todo!());
    let th: crate::MicroThread = todo!();
    let _ = crate::objects::value::truthy;
}
"#;
    let root = root_imports("use vm::state::MicroThread;\nuse objects::value::Value;\n");
    let found = check_source(
        &module("modules/micro_thread/pipe.rs"),
        planted,
        &["vm", "mt"],
        &root,
    );
    let got: Vec<(usize, &str, &str)> = found
        .iter()
        .map(|v| (v.line, v.module.as_str(), v.written.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (6, "mt", "super::super::super::mt"),
            (10, "mt", "crate::mt"),
            (11, "vm", "crate::MicroThread"),
        ]
    );
}

#[test]
fn the_checker_catches_a_field_read() {
    let planted = r#"
fn f(cx: &mut Cx) {
    let n = cx.th.recursion_limit; // cx.th in a comment
    let s = "cx.th.frames";
    let t = cx.thread();
    cx.th(1);
    let depth = self.th
        .frames.len();
    other.th
"#;
    let got = check_fields(planted, &["th"]);
    let lines: Vec<usize> = got.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, vec![3, 7, 9], "{got:?}");
}

#[test]
fn the_checker_leaves_comments_strings_and_allowed_paths_alone() {
    let clean = r##"
//! Uses `crate::vm::ops` in prose only: /* crate::vm */
use crate::native::*;
use super::dict::Dict; // crate::mt::io
/* a block comment
   mentioning crate::modules::builtins */
fn f<'a>(x: &'a str) -> char {
    let s = "crate::vm::ops";
    let r = r#"super::super::vm "quoted""#;
    let b = b"crate::mt";
    let c = '"';
    self::vm::x(); // objects::planted::vm, not the crate's
    super::vm::y(); // objects::vm
    other::crate_like::vm::z();
    crate::objects::value::truthy(x);
    'x'
}
"##;
    let found = check_source(
        &module("objects/planted.rs"),
        clean,
        &["vm", "mt", "modules"],
        &HashMap::new(),
    );
    assert!(found.is_empty(), "false positives: {found:?}");
    // One level deeper, `super::super` is still inside objects.
    let deeper = "use super::super::vm::x;\nuse super::super::super::vm::y;\n";
    let found = check_source(
        &module("objects/methods/str/mod.rs"),
        deeper,
        &["vm"],
        &HashMap::new(),
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].line, 2);
}
