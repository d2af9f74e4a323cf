//! The theme's template graph, read from the templates' text: which template extends or includes
//! which, which components each calls, and which `t(key=…)` and `url(key=…)` calls each template
//! and component makes, at their line and column. The theme check (`check.rs`) reads it for the messages and
//! pages the templates a site renders need.
//!
//! Tera 2 keeps its syntax tree private (`Template`'s fields are crate-private, and `State`
//! gives a function neither its template nor its position), so the graph comes from a small
//! scan of the tags (`{{ }}`, `{% %}`) that skips comments, `raw` blocks and string literals.
//! Tera itself has parsed every template before this runs (a syntax error stops the build
//! first), so the scan only ever reads valid templates. Cycles need no graph any more: Tera 2
//! refuses circular includes and extends when the theme is loaded, and stops a component that
//! calls itself at a recursion depth of 20.

use std::collections::{BTreeMap, BTreeSet};

/// A node of the graph: a template, or a component (Tera 2's components are global: a call
/// names the component, not its file).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Target {
    Template(String),
    Component { file: String, name: String },
}

impl Target {
    /// The template file the node is written in.
    pub(crate) fn file(&self) -> &str {
        match self {
            Target::Template(t) => t,
            Target::Component { file, .. } => file,
        }
    }
}

/// The `key` argument of a function call in a template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum KeyArg {
    /// `key="x"`: known before rendering.
    Literal(String),
    /// `key="status-" ~ s`, `key=page.key`: known only while rendering.
    Computed,
    /// No `key` argument at all (the function reports that while rendering).
    Absent,
}

/// A call of a template function (`t`, `url`, …), with where its name is written (1-based).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Call {
    pub(crate) function: String,
    pub(crate) key: KeyArg,
    pub(crate) line: usize,
    pub(crate) column: usize,
}

/// What the templates of a theme extend, include and call.
#[derive(Debug, Default)]
pub(crate) struct Graph {
    /// Templates and components each node leads to when it is rendered.
    edges: BTreeMap<Target, BTreeSet<Target>>,
    /// The template each template extends.
    parents: BTreeMap<String, String>,
    /// Function calls written directly in each node (a template's exclude its components').
    calls: BTreeMap<Target, Vec<Call>>,
}

impl Graph {
    /// Scans every template once; `sources` are the templates' texts by name, as written.
    pub(crate) fn of(sources: &BTreeMap<String, String>) -> Graph {
        let mut graph = Graph::default();
        // Component name → the node of its definition, for calls written before or in another file.
        let mut components: BTreeMap<String, Target> = BTreeMap::new();
        let mut component_calls: Vec<(Target, String)> = Vec::new();
        for (name, source) in sources {
            let text = blank_comments_and_raw(source);
            let index = crate::diagnostics::LineIndex::new(source);
            let mut node = Target::Template(name.clone());
            graph.edges.entry(node.clone()).or_default();
            for tag in tags(&text) {
                let body = tag.body.trim_start();
                let body_at = tag.start + (tag.body.len() - body.len());
                if tag.statement {
                    let (word, rest) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
                    match word {
                        "extends" => {
                            if let Some(parent) = first_string(rest) {
                                graph.parents.insert(name.clone(), parent);
                            }
                            continue;
                        }
                        "include" => {
                            if let Some(included) = first_string(rest) {
                                graph.edges.entry(node.clone()).or_default().insert(Target::Template(included));
                            }
                            continue;
                        }
                        "component" => {
                            let component = rest.trim_start().split(|c: char| c == '(' || c.is_whitespace()).next().unwrap_or_default();
                            node = Target::Component { file: name.clone(), name: component.to_string() };
                            components.insert(component.to_string(), node.clone());
                            graph.edges.entry(node.clone()).or_default();
                            // Default values of the arguments may call functions: they belong to it.
                            let args_at = body_at + (body.len() - rest.len());
                            graph.calls.entry(node.clone()).or_default().extend(calls(args_at, rest, &index));
                            continue;
                        }
                        "endcomponent" => {
                            node = Target::Template(name.clone());
                            continue;
                        }
                        _ => {}
                    }
                }
                // `{{ <card title=x /> }}` and `{% <card> %}` call a component.
                if let Some(called) = body.strip_prefix('<').filter(|b| !b.starts_with('/')) {
                    let called = called.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.')).next().unwrap_or_default();
                    component_calls.push((node.clone(), called.to_string()));
                }
                graph.calls.entry(node.clone()).or_default().extend(calls(body_at, body, &index));
            }
        }
        for (from, called) in component_calls {
            if let Some(to) = components.get(&called) {
                graph.edges.entry(from).or_default().insert(to.clone());
            }
        }
        graph
    }

    /// Every node that rendering `roots` (template names) can reach, the roots included.
    pub(crate) fn reachable<'a>(&self, roots: impl IntoIterator<Item = &'a str>) -> BTreeSet<Target> {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<Target> = roots.into_iter().map(|r| Target::Template(r.to_string())).collect();
        while let Some(node) = todo.pop() {
            if !self.edges.contains_key(&node) || !seen.insert(node.clone()) {
                continue;
            }
            todo.extend(self.edges[&node].iter().cloned());
            // Rendering a template that extends another renders the other one with its blocks.
            if let Target::Template(name) = &node {
                todo.extend(self.parents.get(name).map(|p| Target::Template(p.clone())));
            }
        }
        seen
    }

    /// Every node with its calls, in order of template and component name.
    pub(crate) fn calls(&self) -> impl Iterator<Item = (&Target, &Call)> {
        self.calls.iter().flat_map(|(target, calls)| calls.iter().map(move |c| (target, c)))
    }
}

/// A tag of a template: `{{ … }}` (an expression) or `{% … %}` (a statement), its inside
/// without the delimiters and the whitespace-control dashes, and where that inside starts.
struct Tag<'a> {
    statement: bool,
    body: &'a str,
    start: usize,
}

/// The tags of `text` in order. Quotes inside a tag are skipped, so `"}}"` in a string does not
/// end it.
fn tags(text: &str) -> Vec<Tag<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        let statement = match (bytes[i], bytes[i + 1]) {
            (b'{', b'{') => false,
            (b'{', b'%') => true,
            _ => {
                i += 1;
                continue;
            }
        };
        let close = if statement { b'%' } else { b'}' };
        let mut start = i + 2;
        if bytes.get(start) == Some(&b'-') {
            start += 1;
        }
        let mut j = start;
        let mut quote = None;
        let mut end = None;
        while j + 1 < bytes.len() {
            match (quote, bytes[j]) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, q @ (b'"' | b'\'' | b'`')) => quote = Some(q),
                (None, c) if c == close && bytes[j + 1] == b'}' => {
                    end = Some(j);
                    break;
                }
                _ => {}
            }
            j += 1;
        }
        let Some(end) = end else { break };
        let body_end = if end > start && bytes[end - 1] == b'-' { end - 1 } else { end };
        out.push(Tag { statement, body: &text[start..body_end], start });
        i = end + 2;
    }
    out
}

/// `text` with comments (`{# … #}`) and `{% raw %}…{% endraw %}` blanked out, every byte offset
/// and line kept: neither holds calls.
fn blank_comments_and_raw(source: &str) -> String {
    let mut text = source.to_string();
    let blank = |text: &mut String, start: usize, end: usize| {
        let spaces: String =
            text[start..end].chars().map(|c| if c == '\n' { "\n".to_string() } else { " ".repeat(c.len_utf8()) }).collect();
        text.replace_range(start..end, &spaces);
    };
    let mut from = 0;
    while let Some(start) = text[from..].find("{#").map(|i| from + i) {
        let end = text[start..].find("#}").map_or(text.len(), |i| start + i + 2);
        blank(&mut text, start, end);
        from = end;
    }
    let mut from = 0;
    while let Some(open) = text[from..].find("{%").map(|i| from + i) {
        let Some(close) = text[open..].find("%}").map(|i| open + i + 2) else { break };
        if text[open + 2..close - 2].trim_matches(|c: char| c == '-' || c.is_whitespace()) != "raw" {
            from = close;
            continue;
        }
        let end = text[close..].find("endraw").and_then(|i| text[close + i..].find("%}").map(|j| close + i + j + 2)).unwrap_or(text.len());
        blank(&mut text, close, end);
        from = end;
    }
    text
}

/// The first string literal in `text`, without its quotes.
fn first_string(text: &str) -> Option<String> {
    let text = text.trim_start();
    let quote = text.chars().next().filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let rest = &text[1..];
    rest.find(quote).map(|end| rest[..end].to_string())
}

/// The function calls in a tag's `body` (which starts at byte `at` of the template): an identifier
/// followed by `(` that is not a filter (`| replace(…)`), a test (`is starting_with(…)`) or a
/// method-like path (`a.b(`).
fn calls(at: usize, body: &str, index: &crate::diagnostics::LineIndex) -> Vec<Call> {
    let bytes = body.as_bytes();
    let mut out = Vec::new();
    let mut previous_word = "";
    let mut previous_symbol: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if matches!(c, b'"' | b'\'' | b'`') {
            let end = body[i + 1..].find(c as char).map_or(bytes.len(), |e| i + 1 + e + 1);
            previous_symbol = Some(b'"');
            previous_word = "";
            i = end;
            continue;
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            let word = &body[start..i];
            let after = body[i..].trim_start();
            let is_filter_or_test = previous_symbol == Some(b'|') || previous_symbol == Some(b'.') || matches!(previous_word, "is" | "not");
            if after.starts_with('(') && !is_filter_or_test {
                let args = &after[1..];
                let (line, column) = index.position(at + start);
                out.push(Call { function: word.to_string(), key: key_argument(args), line, column });
            }
            previous_word = word;
            previous_symbol = None;
            continue;
        }
        if !c.is_ascii_whitespace() {
            previous_symbol = Some(c);
            previous_word = "";
        }
        i += 1;
    }
    out
}

/// The `key` argument of a call's argument text (after the opening parenthesis), read as Tera
/// would: `key = "x"` or `key='x'` is literal unless an operator or filter follows it.
fn key_argument(args: &str) -> KeyArg {
    let mut rest = args;
    loop {
        let trimmed = rest.trim_start();
        if trimmed.starts_with(')') || trimmed.is_empty() {
            return KeyArg::Absent;
        }
        let name_len = trimmed.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(trimmed.len());
        let (name, after) = trimmed.split_at(name_len);
        let Some(value) = after.trim_start().strip_prefix('=') else { return KeyArg::Absent };
        let value = value.trim_start();
        // The value runs to the next `,` or `)` outside quotes and brackets.
        let mut depth = 0usize;
        let mut quote = None;
        let mut end = value.len();
        for (i, c) in value.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'' | '`') => quote = Some(c),
                (None, '(' | '[' | '{') => depth += 1,
                (None, ')' | ']' | '}') if depth > 0 => depth -= 1,
                (None, ',' | ')') if depth == 0 => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        if name == "key" {
            let literal = value[..end].trim_end();
            let mut chars = literal.chars();
            return match (chars.next(), chars.next_back()) {
                (Some(q @ ('"' | '\'' | '`')), Some(last))
                    if last == q && literal.len() >= 2 && !literal[1..literal.len() - 1].contains(q) =>
                {
                    KeyArg::Literal(literal[1..literal.len() - 1].to_string())
                }
                _ => KeyArg::Computed,
            };
        }
        match value[end..].strip_prefix(',') {
            Some(next) => rest = next,
            None => return KeyArg::Absent,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(templates: &[(&str, &str)]) -> Graph {
        Graph::of(&templates.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect())
    }

    #[test]
    fn reachable_follows_extends_includes_and_components() {
        let g = graph(&[
            ("base.html", "{% include \"p.html\" %}{% block b %}{% endblock %}"),
            ("page.html", "{% extends \"base.html\" %}{% block b %}{{ <a /> }}{% endblock %}"),
            ("p.html", "{{ t(key=\"in-p\") }}"),
            (
                "c.html",
                "{% component a() %}{{ t(key = 'in-a') }}{% endcomponent a %}{% component b() %}{{ t(key=\"in-b\") }}{% endcomponent b %}",
            ),
            ("unused.html", "{{ t(key=\"in-unused\") }}"),
        ]);
        let used = g.reachable(["page.html"]);
        let mut keys: Vec<String> = g
            .calls()
            .filter(|(target, _)| used.contains(target))
            .filter_map(|(_, c)| match &c.key {
                KeyArg::Literal(k) => Some(k.clone()),
                _ => None,
            })
            .collect();
        keys.sort();
        // Component `b` is defined but never called.
        assert_eq!(keys, ["in-a", "in-p"]);
    }

    #[test]
    fn keys_are_literal_computed_or_absent_and_positioned() {
        let g = graph(&[(
            "a.html",
            "{# t(key=\"no\") #}{{ t(key=\"x\") }}\n{{ t(key=\"s-\" ~ s) }}{{ url(key=page.key) }}{{ t(key=\"y\" | upper) }}{{ t() }}{{ s | replace(from=\"a\", to=\"b\") }}{% if s is starting_with(\"a\") %}{% endif %}{{ \"t(key='z')\" }}",
        )]);
        let calls: Vec<(String, KeyArg, usize, usize)> =
            g.calls().map(|(_, c)| (c.function.clone(), c.key.clone(), c.line, c.column)).collect();
        assert_eq!(
            calls,
            [
                ("t".to_string(), KeyArg::Literal("x".into()), 1, 21),
                ("t".to_string(), KeyArg::Computed, 2, 4),
                ("url".to_string(), KeyArg::Computed, 2, 25),
                ("t".to_string(), KeyArg::Computed, 2, 48),
                ("t".to_string(), KeyArg::Absent, 2, 72),
            ]
        );
    }

    #[test]
    fn raw_blocks_hold_no_calls() {
        let g = graph(&[("a.html", "{% raw %}{{ t(key=\"no\") }}{% endraw %}{{ t(key=\"yes\") }}")]);
        let keys: Vec<KeyArg> = g.calls().map(|(_, c)| c.key.clone()).collect();
        assert_eq!(keys, [KeyArg::Literal("yes".into())]);
    }
}
