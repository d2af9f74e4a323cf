//! The module graph of the library has no cycle: a module may use another only if that one
//! does not (directly or through others) use it back. Stages then read one way (README,
//! "Design notes"), and a type lives in the module that produces it, not in the one that uses
//! it last.
//!
//! The graph is read from the sources, not from the compiler: every `crate::…` (and `super::…`)
//! path in `src/**/*.rs`, outside `#[cfg(test)]` items and outside comments and string literals,
//! is an edge from the file's module to the longest module the path names. Edges between a
//! module and its own parent folder module (`feature` and `feature::finance`) are structure, not
//! use, and are left out. `main.rs` is a separate crate (it uses `plein::…`) and is not read.
//!
//! [`KNOWN`] lists the edges of cycles that are still to be broken, each with what would break
//! it; the test fails when a new cycle appears and when a listed edge is gone (so the list only
//! shrinks).

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

/// Edges that still close a cycle, each `(from, to, what would break it)`: none since the
/// model's cycles were broken (issue 18). Remove an entry when its edge is gone; never add one to make the test pass
/// without saying in the commit why the cycle cannot be broken now.
const KNOWN: &[(&str, &str, &str)] = &[];

/// One `crate::` reference: where it is.
#[derive(Debug, Clone)]
struct At {
    file: PathBuf,
    line: usize,
}

/// The module graph: edges `from → to` with the first place each is used.
#[derive(Debug, Default)]
struct Graph {
    edges: BTreeMap<(String, String), At>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    /// `::`
    Path,
    Punct(char),
}

/// Rust source as tokens, with comments, strings, character literals and lifetimes removed.
fn tokens(source: &str) -> Vec<(Tok, usize)> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let ident_start = |c: char| c.is_alphabetic() || c == '_';
    let ident_char = |c: char| c.is_alphanumeric() || c == '_';
    // Skips a (raw or plain) string literal whose opening quote is at `i`, counting lines.
    let skip_string = |i: &mut usize, line: &mut usize, hashes: Option<usize>| {
        *i += 1;
        while *i < chars.len() {
            let c = chars[*i];
            if c == '\n' {
                *line += 1;
            }
            match hashes {
                None if c == '\\' => *i += 1,
                None if c == '"' => {
                    *i += 1;
                    return;
                }
                Some(n) if c == '"' && chars[*i + 1..].iter().take(n).filter(|&&h| h == '#').count() == n => {
                    *i += 1 + n;
                    return;
                }
                _ => {}
            }
            *i += 1;
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied().unwrap_or('\0');
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == '/' {
            let start = i;
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            let comment: String = chars[start..i].iter().collect();
            if comment.starts_with("///") || comment.starts_with("//!") {
                doc_links(&comment, line, &mut out);
            }
        } else if c == '/' && next == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if c == '"' {
            skip_string(&mut i, &mut line, None);
        } else if c == '\'' {
            if next == '\\' {
                // An escaped character literal: '\n', '\'', '\u{1F600}'.
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                // A lifetime or a label.
                i += 1;
                while i < chars.len() && ident_char(chars[i]) {
                    i += 1;
                }
            }
        } else if ident_start(c) {
            let start = i;
            while i < chars.len() && ident_char(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let at = chars.get(i).copied().unwrap_or('\0');
            if matches!(word.as_str(), "r" | "br" | "cr") && (at == '"' || at == '#') {
                let hashes = chars[i..].iter().take_while(|&&h| h == '#').count();
                if chars.get(i + hashes) == Some(&'"') {
                    i += hashes;
                    skip_string(&mut i, &mut line, Some(hashes));
                    continue;
                }
                if word == "r" && hashes == 1 {
                    // A raw identifier, r#type.
                    continue;
                }
            }
            if matches!(word.as_str(), "b" | "c") && at == '"' {
                skip_string(&mut i, &mut line, None);
                continue;
            }
            if word == "b" && at == '\'' {
                continue;
            }
            out.push((Tok::Ident(word), line));
        } else if c.is_ascii_digit() {
            while i < chars.len() && ident_char(chars[i]) {
                i += 1;
            }
        } else if c == ':' && next == ':' {
            out.push((Tok::Path, line));
            i += 2;
        } else {
            out.push((Tok::Punct(c), line));
            i += 1;
        }
    }
    out
}

/// An intra-doc link to another module (`[`crate::check`]`) is a use too: rustdoc resolves
/// it, and it says that this module knows the other. Its path becomes tokens.
fn doc_links(comment: &str, line: usize, out: &mut Vec<(Tok, usize)>) {
    for (at, _) in comment.match_indices("[`crate::") {
        let path: String = comment[at + 2..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
        for (n, segment) in path.split("::").enumerate() {
            if n > 0 {
                out.push((Tok::Path, line));
            }
            out.push((Tok::Ident(segment.to_string()), line));
        }
        out.push((Tok::Punct(']'), line));
    }
}

fn is_ident(tok: Option<&(Tok, usize)>, word: &str) -> bool {
    matches!(tok, Some((Tok::Ident(w), _)) if w == word)
}

fn is_punct(tok: Option<&(Tok, usize)>, c: char) -> bool {
    matches!(tok, Some((Tok::Punct(p), _)) if *p == c)
}

/// The length of a `#[cfg(test)]` / `#![cfg(test)]` attribute at `i`, if there is one.
fn cfg_test_at(toks: &[(Tok, usize)], i: usize) -> Option<usize> {
    if !is_punct(toks.get(i), '#') {
        return None;
    }
    let j = i + usize::from(is_punct(toks.get(i + 1), '!'));
    let expected =
        [Tok::Punct('['), Tok::Ident("cfg".into()), Tok::Punct('('), Tok::Ident("test".into()), Tok::Punct(')'), Tok::Punct(']')];
    expected.iter().enumerate().all(|(k, t)| toks.get(j + 1 + k).is_some_and(|(tok, _)| tok == t)).then_some(j + 1 + expected.len() - i)
}

/// The index after the item that starts at `i` (after its attributes): up to its `;` or its
/// closing brace.
fn item_end(toks: &[(Tok, usize)], mut i: usize) -> usize {
    while is_punct(toks.get(i), '#') {
        // Another attribute: skip its brackets.
        let mut depth = 0;
        i += 1;
        while i < toks.len() {
            match &toks[i].0 {
                Tok::Punct('[') => depth += 1,
                Tok::Punct(']') => {
                    depth -= 1;
                    if depth == 0 {
                        i += 1;
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
    let mut k = i;
    while is_ident(toks.get(k), "pub") || is_punct(toks.get(k), '(') && k > i {
        if is_punct(toks.get(k), '(') {
            while k < toks.len() && !is_punct(toks.get(k), ')') {
                k += 1;
            }
        }
        k += 1;
    }
    let semicolon_item = ["use", "const", "static", "type", "extern", "let"].iter().any(|w| is_ident(toks.get(k), w));
    let mut depth = 0i32;
    while i < toks.len() {
        match &toks[i].0 {
            Tok::Punct('{' | '(' | '[') => depth += 1,
            Tok::Punct('}' | ')' | ']') => {
                depth -= 1;
                if depth == 0 && !semicolon_item && toks[i].0 == Tok::Punct('}') {
                    return i + 1;
                }
            }
            Tok::Punct(';') if depth == 0 => return i + 1,
            _ => {}
        }
        i += 1;
    }
    i
}

/// The paths a `use` tree or path expression names, starting after `crate::` at `i`.
fn paths_at(toks: &[(Tok, usize)], i: &mut usize, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let mut path = prefix.to_vec();
    loop {
        match toks.get(*i).map(|t| &t.0) {
            Some(Tok::Ident(word)) if word != "as" => {
                if word != "self" {
                    path.push(word.clone());
                }
                *i += 1;
                if toks.get(*i).map(|t| &t.0) == Some(&Tok::Path) {
                    *i += 1;
                    continue;
                }
                out.push(path);
                return;
            }
            Some(Tok::Punct('{')) => {
                *i += 1;
                while *i < toks.len() && !is_punct(toks.get(*i), '}') {
                    paths_at(toks, i, &path, out);
                    // `as name`, then the comma.
                    while *i < toks.len() && !is_punct(toks.get(*i), ',') && !is_punct(toks.get(*i), '}') {
                        if is_punct(toks.get(*i), '{') {
                            break;
                        }
                        *i += 1;
                    }
                    if is_punct(toks.get(*i), ',') {
                        *i += 1;
                    }
                }
                *i += 1;
                return;
            }
            _ => {
                // `crate::*` or the end of the path.
                out.push(path);
                return;
            }
        }
    }
}

/// The module a source file is, from its path below `src/`: `a.rs` and `a/mod.rs` are `a`,
/// `a/b.rs` is `a::b`; `lib.rs` is the crate root (empty).
fn module_of(rel: &Path) -> String {
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().to_string()).collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts.join("::")
}

/// Adds the edges of one source file (module `module`) to `graph`; the modules of
/// `#[cfg(test)] mod name;` declarations go to `test_modules`.
fn read_file(module: &str, file: &Path, source: &str, modules: &BTreeSet<String>, graph: &mut Graph, test_modules: &mut BTreeSet<String>) {
    let toks = tokens(source);
    let mut i = 0;
    let parent = |m: &str| m.rsplit_once("::").map_or(String::new(), |(p, _)| p.to_string());
    while i < toks.len() {
        if let Some(len) = cfg_test_at(&toks, i) {
            if is_punct(toks.get(i + 1), '!') {
                // The whole file is for tests.
                return;
            }
            let start = i + len;
            let end = item_end(&toks, start);
            // `#[cfg(test)] mod name;`: the file of that module is test code too.
            let body = &toks[start..end];
            if let [.., (Tok::Ident(m), _), (Tok::Ident(name), _), (Tok::Punct(';'), _)] = body {
                if m == "mod" {
                    test_modules.insert(if module.is_empty() { name.clone() } else { format!("{module}::{name}") });
                }
            }
            i = end;
            continue;
        }
        let preceded_by_path = i > 0 && toks[i - 1].0 == Tok::Path;
        let root = match &toks[i].0 {
            Tok::Ident(w) if w == "crate" => Some(Vec::new()),
            Tok::Ident(w) if w == "super" => {
                let mut base = parent(module);
                let mut j = i;
                while toks.get(j + 1).map(|t| &t.0) == Some(&Tok::Path) && is_ident(toks.get(j + 2), "super") {
                    base = parent(&base);
                    j += 2;
                }
                i = j;
                Some(base.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect())
            }
            _ => None,
        };
        if let (Some(root), false, Some(Tok::Path)) = (root, preceded_by_path, toks.get(i + 1).map(|t| &t.0)) {
            let line = toks[i].1;
            let mut j = i + 2;
            let mut paths = Vec::new();
            paths_at(&toks, &mut j, &root, &mut paths);
            for path in paths {
                let target = (1..=path.len()).rev().map(|n| path[..n].join("::")).find(|m| modules.contains(m));
                let Some(target) = target else { continue };
                let related = target == module
                    || target.starts_with(&format!("{module}::"))
                    || module.starts_with(&format!("{target}::"))
                    || module.is_empty();
                if !related {
                    graph.edges.entry((module.to_string(), target)).or_insert(At { file: file.to_path_buf(), line });
                }
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
}

/// The graph of the library below `src` (every `.rs` file but `main.rs` and `bin/`).
fn library_graph(src: &Path) -> Graph {
    let files: Vec<PathBuf> = walk(src)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter(|p| {
            let rel = p.strip_prefix(src).unwrap();
            rel != Path::new("main.rs") && !rel.starts_with("bin")
        })
        .collect();
    let sources: Vec<(String, PathBuf, String)> =
        files.iter().map(|p| (module_of(p.strip_prefix(src).unwrap()), p.clone(), std::fs::read_to_string(p).unwrap())).collect();
    graph_of(&sources)
}

/// The graph of `(module, file, source)` triples.
fn graph_of(sources: &[(String, PathBuf, String)]) -> Graph {
    let modules: BTreeSet<String> = sources.iter().map(|(m, _, _)| m.clone()).filter(|m| !m.is_empty()).collect();
    let mut graph = Graph::default();
    let mut test_modules = BTreeSet::new();
    // Parents before children, so a `#[cfg(test)] mod x;` is known when x's file is read.
    let mut ordered: Vec<&(String, PathBuf, String)> = sources.iter().collect();
    ordered.sort_by_key(|(m, _, _)| (m.matches("::").count() + usize::from(!m.is_empty()), m.clone()));
    for (module, file, source) in ordered {
        if test_modules.iter().any(|t| module == t || module.starts_with(&format!("{t}::"))) {
            continue;
        }
        read_file(module, file, source, &modules, &mut graph, &mut test_modules);
    }
    graph
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The cycles of `edges`: for each strongly connected part of more than one module, one
/// shortest cycle through its first module, as the modules in order.
fn cycles(edges: &BTreeSet<(String, String)>) -> Vec<Vec<String>> {
    let nodes: BTreeSet<&String> = edges.iter().flat_map(|(a, b)| [a, b]).collect();
    let next = |n: &String| -> Vec<String> { edges.iter().filter(|(a, _)| a == n).map(|(_, b)| b.clone()).collect() };
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut queue = VecDeque::from([from.clone()]);
        while let Some(n) = queue.pop_front() {
            for m in next(&n) {
                if seen.insert(m.clone()) {
                    queue.push_back(m);
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> = nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for n in &nodes {
        if done.contains(*n) || !reaches[n].contains(*n) {
            continue;
        }
        let part: BTreeSet<String> = reaches[n].iter().filter(|m| reaches[m].contains(*n)).cloned().collect();
        done.extend(part.iter().cloned());
        // Shortest way back to `n` inside its part.
        let mut from: BTreeMap<String, String> = BTreeMap::new();
        let mut queue = VecDeque::from([(*n).clone()]);
        'search: while let Some(m) = queue.pop_front() {
            for k in next(&m).into_iter().filter(|k| part.contains(k)) {
                if k == **n {
                    let mut cycle = vec![m.clone()];
                    let mut at = m.clone();
                    while let Some(p) = from.get(&at) {
                        cycle.push(p.clone());
                        at = p.clone();
                    }
                    cycle.reverse();
                    if cycle[0] != **n {
                        cycle.insert(0, (*n).clone());
                    }
                    out.push(cycle);
                    break 'search;
                }
                if !from.contains_key(&k) && k != **n {
                    from.insert(k.clone(), m.clone());
                    queue.push_back(k);
                }
            }
        }
    }
    out
}

/// Each cycle as `a → b → a`, with the first use of each of its edges, then every edge among
/// the modules of its strongly connected part (all of them must go to break it).
fn describe(graph: &Graph, edges: &BTreeSet<(String, String)>, cycles: &[Vec<String>], root: &Path) -> String {
    let mut text = String::new();
    let at = |a: &String, b: &String| {
        graph.edges.get(&(a.clone(), b.clone())).map_or(String::new(), |at| {
            let file = at.file.strip_prefix(root).unwrap_or(&at.file);
            format!("{}:{}", file.display(), at.line)
        })
    };
    for cycle in cycles {
        let mut ring = cycle.clone();
        ring.push(cycle[0].clone());
        text.push_str(&format!("cycle: {}\n", ring.join(" → ")));
        for pair in ring.windows(2) {
            text.push_str(&format!("  {} → {}: {}\n", pair[0], pair[1], at(&pair[0], &pair[1])));
        }
        let part = strongly_connected(edges, &cycle[0]);
        text.push_str(&format!("  modules in this cycle: {}; edges among them:\n", part.iter().cloned().collect::<Vec<_>>().join(", ")));
        for (a, b) in edges.iter().filter(|(a, b)| part.contains(a) && part.contains(b)) {
            text.push_str(&format!("    {a} → {b}: {}\n", at(a, b)));
        }
    }
    text
}

/// The modules that reach `n` and that `n` reaches.
fn strongly_connected(edges: &BTreeSet<(String, String)>, n: &String) -> BTreeSet<String> {
    let reach = |from: &String, forward: bool| {
        let mut seen = BTreeSet::new();
        let mut queue = VecDeque::from([from.clone()]);
        while let Some(m) = queue.pop_front() {
            for (a, b) in edges {
                let (here, there) = if forward { (a, b) } else { (b, a) };
                if *here == m && seen.insert(there.clone()) {
                    queue.push_back(there.clone());
                }
            }
        }
        seen
    };
    let back = reach(n, false);
    reach(n, true).into_iter().filter(|m| back.contains(m)).collect()
}

#[test]
fn the_library_has_no_import_cycle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let graph = library_graph(&root.join("src"));
    assert!(graph.edges.len() > 20, "the reader found almost no `crate::` edge: {:?}", graph.edges.keys());
    let known: BTreeSet<(String, String)> = KNOWN.iter().map(|(a, b, _)| (a.to_string(), b.to_string())).collect();
    let gone: Vec<&(String, String)> = known.iter().filter(|e| !graph.edges.contains_key(*e)).collect();
    assert!(gone.is_empty(), "these edges of KNOWN are gone from the code; remove them from the list: {gone:?}");
    let edges: BTreeSet<(String, String)> = graph.edges.keys().filter(|e| !known.contains(*e)).cloned().collect();
    let found = cycles(&edges);
    assert!(
        found.is_empty(),
        "import cycles between modules (break them by moving the type to the module that produces it):\n{}",
        describe(&graph, &edges, &found, root)
    );
}

fn module(name: &str, source: &str) -> (String, PathBuf, String) {
    (name.to_string(), PathBuf::from(format!("src/{}.rs", name.replace("::", "/"))), source.to_string())
}

fn found_cycles(sources: &[(String, PathBuf, String)]) -> Vec<Vec<String>> {
    cycles(&graph_of(sources).edges.keys().cloned().collect())
}

#[test]
fn a_cycle_is_found_and_named() {
    let sources = [
        module("build", "use crate::render::Renderer;\npub struct PageFacts;"),
        module("render", "use crate::{check, diagnostics::Diagnostic};\nfn f(x: crate::build::PageFacts) {}"),
        module("check", "pub fn c() {}"),
        module("diagnostics", "pub struct Diagnostic;"),
    ];
    let doc = [module("a", "use crate::b::X;"), module("b", "/// Read by [`crate::a::f`].\npub struct X;")];
    assert_eq!(found_cycles(&doc).len(), 1, "a doc link is a use");
    assert_eq!(found_cycles(&sources), vec![vec!["build".to_string(), "render".to_string()]]);
    let graph = graph_of(&sources);
    let edges = graph.edges.keys().cloned().collect();
    let text = describe(&graph, &edges, &found_cycles(&sources), Path::new(""));
    assert!(text.contains("build → render → build"), "{text}");
    assert!(text.contains("render → build: src/render.rs:2"), "{text}");
    // A longer ring through a grouped `use`.
    let ring = [
        module("a", "use crate::{b::{self, X}};"),
        module("b", "pub(crate) fn f() { crate::c::g() }"),
        module("c", "use crate::a as other;"),
    ];
    assert_eq!(found_cycles(&ring), vec![vec!["a".to_string(), "b".to_string(), "c".to_string()]]);
}

#[test]
fn test_code_comments_and_strings_are_not_edges() {
    let sources = [
        module("a", "use crate::b::X;"),
        module(
            "b",
            "// See [`crate::a`].\n/// `crate::a::Y`\nconst S: &str = \"crate::a::Y\";\nconst R: &str = r#\"crate::a\"#;\n\
             const C: char = '\\'';\nfn f<'a>(x: &'a str) {}\n/* crate::a /* nested */ crate::a */\n\
             #[cfg(test)]\nmod tests {\n    use crate::a::Y;\n    fn t() { crate::a::z(); }\n}\n#[cfg(test)]\nuse crate::a::W;\n\
             #[cfg(test)]\nmod more;\npub struct X;",
        ),
        module("b::more", "use crate::a::Y;"),
    ];
    let graph = graph_of(&sources);
    let edges: Vec<&(String, String)> = graph.edges.keys().collect();
    assert_eq!(edges, vec![&("a".to_string(), "b".to_string())], "{edges:?}");
    // The same reference outside test code closes the cycle.
    let cycle = [module("a", "use crate::b::X;"), module("b", "#[cfg(not(test))]\nuse crate::a::Y;")];
    assert_eq!(found_cycles(&cycle).len(), 1);
}

#[test]
fn nested_modules_and_super_resolve_to_their_files() {
    let sources = [
        module("site", "use crate::feature::finance::Table;"),
        module("feature", "pub mod finance;\npub mod progress;\nuse crate::feature::progress::Status;"),
        module("feature::finance", "use super::progress::Status;\nuse crate::feature::Shared;"),
        module("feature::progress", "use crate::diagnostics::Diagnostic;"),
        module("diagnostics", "pub struct Diagnostic;"),
    ];
    let graph = graph_of(&sources);
    let edges: BTreeSet<(String, String)> = graph.edges.keys().cloned().collect();
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert!(edges.contains(&pair("feature::finance", "feature::progress")), "{edges:?}");
    assert!(!edges.contains(&pair("feature::finance", "feature")), "a module's own folder module is structure: {edges:?}");
    assert!(edges.contains(&pair("feature::progress", "diagnostics")), "{edges:?}");
    assert_eq!(found_cycles(&sources), Vec::<Vec<String>>::new(), "{edges:?}");
    let with_cycle = [module("site", "use crate::feature::progress::X;"), module("feature::progress", "use super::super::site::Site;")];
    assert_eq!(found_cycles(&with_cycle), vec![vec!["feature::progress".to_string(), "site".to_string()]]);
}
