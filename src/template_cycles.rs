//! The theme's template graph, from Tera's parsed templates (its AST), not from their text: which
//! template includes, extends or calls which (down to single macros), and which `t(key=…)` and
//! `url(key=…)` calls each template and macro makes. One walk of the AST serves two checks:
//!
//! - includes and macro calls may not form a cycle. Tera 1 follows them while rendering
//!   without a depth limit, so a template that includes itself, or a macro that calls itself,
//!   would overflow the stack and abort the process (`docs/theme.md`, "Rules");
//! - the messages and pages the templates a site renders need (the theme check of `check.rs`).
//!
//! Tera 1's AST has no positions: [`call_position`] finds a call's line in the template's text.

use crate::diagnostics::Diagnostic;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use tera::ast::{Expr, ExprVal, Node};
use tera::Tera;

/// A node of the graph: a template, or a macro of a template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Target {
    Template(String),
    Macro { file: String, name: String },
}

impl Target {
    fn describe(&self) -> String {
        match self {
            Target::Template(t) => t.clone(),
            Target::Macro { file, name } => format!("macro `{name}` of {file}"),
        }
    }

    /// The template file the node is written in.
    pub(crate) fn file(&self) -> &str {
        match self {
            Target::Template(t) => t,
            Target::Macro { file, .. } => file,
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
    /// No `key` argument at all (Tera reports that while rendering).
    Absent,
}

/// A call of a template function (`t`, `url`, …) found in the AST.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Call {
    pub(crate) function: String,
    pub(crate) key: KeyArg,
}

/// What the templates of a theme include, extend and call.
#[derive(Debug, Default)]
pub(crate) struct Graph {
    /// Templates and macros each node leads to when it is rendered.
    edges: BTreeMap<Target, BTreeSet<Target>>,
    /// The template each template extends. Not an edge of the cycle check: a child's blocks
    /// replace the parent's, so a parent's block may include its own child without looping.
    parents: BTreeMap<String, String>,
    /// Function calls written directly in each node (a template's calls exclude its macros').
    calls: BTreeMap<Target, Vec<Call>>,
}

impl Graph {
    /// Walks every template of `tera` once.
    pub(crate) fn of(tera: &Tera) -> Graph {
        let mut graph = Graph::default();
        for (name, template) in &tera.templates {
            let namespaces: BTreeMap<&str, &str> = template.imported_macro_files.iter().map(|(f, ns)| (ns.as_str(), f.as_str())).collect();
            let mut walk = Walk { file: name, namespaces: &namespaces, out: BTreeSet::new(), calls: Vec::new() };
            walk.nodes(&template.ast);
            if let Some(parent) = &template.parent {
                graph.parents.insert(name.clone(), parent.clone());
            }
            let target = Target::Template(name.clone());
            graph.edges.entry(target.clone()).or_default().extend(walk.out);
            graph.calls.entry(target).or_default().extend(walk.calls);
            for (macro_name, definition) in &template.macros {
                let mut walk = Walk { file: name, namespaces: &namespaces, out: BTreeSet::new(), calls: Vec::new() };
                definition.args.values().flatten().for_each(|e| walk.expr(e));
                walk.nodes(&definition.body);
                let target = Target::Macro { file: name.clone(), name: macro_name.clone() };
                graph.edges.entry(target.clone()).or_default().extend(walk.out);
                graph.calls.entry(target).or_default().extend(walk.calls);
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

    /// Every node with its calls, in order of template and macro name.
    pub(crate) fn calls(&self) -> impl Iterator<Item = (&Target, &Call)> {
        self.calls.iter().flat_map(|(target, calls)| calls.iter().map(move |c| (target, c)))
    }
}

/// One error per cycle of includes and macro calls in `tera`'s templates.
pub fn check(tera: &Tera, path_of: &dyn Fn(&str) -> PathBuf) -> Vec<Diagnostic> {
    let edges = Graph::of(tera).edges;
    let mut errors = Vec::new();
    let mut reported: BTreeSet<BTreeSet<Target>> = BTreeSet::new();
    let mut done: BTreeSet<Target> = BTreeSet::new();
    for start in edges.keys() {
        let mut path = Vec::new();
        find_cycles(start, &edges, &mut path, &mut done, &mut |cycle: &[Target]| {
            let members: BTreeSet<Target> = cycle.iter().cloned().collect();
            if !reported.insert(members) {
                return;
            }
            let chain: Vec<String> = cycle.iter().chain(cycle.first()).map(Target::describe).collect();
            errors.push(
                Diagnostic::error(path_of(cycle[0].file()), 0, 0, format!("the theme's templates form a cycle: {}", chain.join(" → ")))
                    .with_help("an include or macro may not lead back to itself (it would never finish); break the cycle in the theme"),
            );
        });
    }
    errors
}

/// Depth-first search with an explicit path, reporting each cycle found.
fn find_cycles(
    node: &Target,
    edges: &BTreeMap<Target, BTreeSet<Target>>,
    path: &mut Vec<Target>,
    done: &mut BTreeSet<Target>,
    report: &mut dyn FnMut(&[Target]),
) {
    if let Some(i) = path.iter().position(|n| n == node) {
        report(&path[i..]);
        return;
    }
    if done.contains(node) {
        return;
    }
    path.push(node.clone());
    for next in edges.get(node).into_iter().flatten() {
        find_cycles(next, edges, path, done, report);
    }
    path.pop();
    done.insert(node.clone());
}

/// One walk over a template's or macro's nodes, collecting where they lead and what they call.
struct Walk<'a> {
    file: &'a str,
    namespaces: &'a BTreeMap<&'a str, &'a str>,
    out: BTreeSet<Target>,
    calls: Vec<Call>,
}

impl Walk<'_> {
    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            match node {
                Node::Include(_, names, _) => self.out.extend(names.iter().map(|n| Target::Template(n.clone()))),
                Node::VariableBlock(_, expr) => self.expr(expr),
                Node::Set(_, set) => self.expr(&set.value),
                Node::FilterSection(_, section, _) => {
                    section.filter.args.values().for_each(|e| self.expr(e));
                    self.nodes(&section.body);
                }
                Node::Block(_, block, _) => self.nodes(&block.body),
                Node::Forloop(_, forloop, _) => {
                    self.expr(&forloop.container);
                    self.nodes(&forloop.body);
                    if let Some(body) = &forloop.empty_body {
                        self.nodes(body);
                    }
                }
                Node::If(condition, _) => {
                    for (_, expr, body) in &condition.conditions {
                        self.expr(expr);
                        self.nodes(body);
                    }
                    if let Some((_, body)) = &condition.otherwise {
                        self.nodes(body);
                    }
                }
                // Macro definitions are walked on their own (as their own nodes); `extends` is the
                // template's parent; the rest (text, raw, comments, imports, super) calls nothing.
                _ => {}
            }
        }
    }

    fn expr(&mut self, expr: &Expr) {
        for filter in &expr.filters {
            filter.args.values().for_each(|e| self.expr(e));
        }
        self.val(&expr.val);
    }

    fn val(&mut self, val: &ExprVal) {
        match val {
            ExprVal::MacroCall(call) => {
                let target = if call.namespace == "self" { Some(self.file) } else { self.namespaces.get(call.namespace.as_str()).copied() };
                if let Some(target) = target {
                    self.out.insert(Target::Macro { file: target.to_string(), name: call.name.clone() });
                }
                call.args.values().for_each(|e| self.expr(e));
            }
            ExprVal::Math(m) => {
                self.expr(&m.lhs);
                self.expr(&m.rhs);
            }
            ExprVal::Logic(l) => {
                self.expr(&l.lhs);
                self.expr(&l.rhs);
            }
            ExprVal::In(i) => {
                self.expr(&i.lhs);
                self.expr(&i.rhs);
            }
            ExprVal::Test(t) => t.args.iter().for_each(|e| self.expr(e)),
            ExprVal::FunctionCall(f) => {
                let key = match f.args.get("key") {
                    // A filter on the key (`key="x" | upper`) changes it while rendering.
                    Some(Expr { val: ExprVal::String(s), filters, .. }) if filters.is_empty() => KeyArg::Literal(s.clone()),
                    Some(_) => KeyArg::Computed,
                    None => KeyArg::Absent,
                };
                self.calls.push(Call { function: f.name.clone(), key });
                f.args.values().for_each(|e| self.expr(e));
            }
            ExprVal::Array(items) => items.iter().for_each(|e| self.expr(e)),
            ExprVal::StringConcat(c) => c.values.iter().for_each(|v| self.val(v)),
            ExprVal::String(_) | ExprVal::Int(_) | ExprVal::Float(_) | ExprVal::Bool(_) | ExprVal::Ident(_) => {}
        }
    }
}

/// Where a call of `function` with `key` is written in a template's `source`: the 1-based line
/// and column of the function's name, at its first such call. Tera 1's AST carries no positions,
/// so the text is searched (comments left out); `(0, 0)`, the template as a whole, when the
/// call is not found there (a call split in an unusual way, or a template without its text).
pub(crate) fn call_position(source: &str, function: &str, key: &KeyArg) -> (usize, usize) {
    // Comments hold no calls: blank them out, keeping every byte offset.
    let mut text = source.to_string();
    let mut from = 0;
    while let Some(start) = text[from..].find("{#").map(|i| from + i) {
        let end = text[start..].find("#}").map_or(text.len(), |i| start + i + 2);
        let blank: String = text[start..end].chars().map(|c| if c == '\n' { "\n".to_string() } else { " ".repeat(c.len_utf8()) }).collect();
        text.replace_range(start..end, &blank);
        from = end;
    }
    let needle = format!("{function}(");
    let calls: Vec<(usize, KeyArg)> = text
        .match_indices(&needle)
        .filter(|(at, _)| !text[..*at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == ':'))
        .map(|(at, _)| (at, key_argument(&text[at + needle.len()..])))
        .collect();
    // Tera joins literals (`"a" ~ "b"` is the key `ab`): such a call reads as computed here.
    let found = calls
        .iter()
        .find(|(_, k)| k == key)
        .or_else(|| matches!(key, KeyArg::Literal(_)).then(|| calls.iter().find(|(_, k)| *k == KeyArg::Computed)).flatten());
    found.map_or((0, 0), |(at, _)| crate::diagnostics::LineIndex::new(source).position(*at))
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
                (None, '(' | '[') => depth += 1,
                (None, ')' | ']') if depth > 0 => depth -= 1,
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

    fn tera(templates: &[(&str, &str)]) -> Tera {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.iter().copied()).unwrap();
        tera
    }

    #[test]
    fn finds_include_and_macro_cycles() {
        let t = tera(&[("a.html", "{% include \"b.html\" %}"), ("b.html", "x{% if y %}{% include \"a.html\" %}{% endif %}")]);
        let errors = check(&t, &|n: &str| PathBuf::from("templates").join(n));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("a.html → b.html → a.html"), "{}", errors[0].message);

        let t = tera(&[("self.html", "{% include \"self.html\" %}")]);
        assert_eq!(check(&t, &|n: &str| PathBuf::from(n)).len(), 1);

        let t = tera(&[("m.html", "{% macro f(n) %}{% for i in [1] %}{{ self::f(n=n) | upper }}{% endfor %}{% endmacro %}")]);
        assert!(check(&t, &|n: &str| PathBuf::from(n))[0].message.contains("macro `f` of m.html"));

        let t = tera(&[
            ("macros.html", "{% macro g() %}{{ self::h() }}{% endmacro %}{% macro h() %}{{ self::g() }}{% endmacro %}"),
            ("page.html", "{% import \"macros.html\" as m %}{{ m::g() }}"),
        ]);
        assert_eq!(check(&t, &|n: &str| PathBuf::from(n)).len(), 1);
    }

    #[test]
    fn a_tree_of_includes_is_fine() {
        let t = tera(&[
            ("base.html", "{% include \"p.html\" %}{% include \"p.html\" %}{% block b %}{% endblock %}"),
            ("page.html", "{% extends \"base.html\" %}{% block b %}{% include \"p.html\" %}{% endblock %}"),
            ("p.html", "{% import \"m.html\" as m %}{{ m::a() }}"),
            ("m.html", "{% macro a() %}{{ self::b() }}{% endmacro %}{% macro b() %}x{% endmacro %}"),
        ]);
        assert!(check(&t, &|n: &str| PathBuf::from(n)).is_empty());
    }

    #[test]
    fn reachable_follows_extends_includes_and_macro_imports() {
        let t = tera(&[
            ("base.html", "{% include \"p.html\" %}{% block b %}{% endblock %}"),
            ("page.html", "{% extends \"base.html\" %}{% import \"m.html\" as m %}{% block b %}{{ m::a() }}{% endblock %}"),
            ("p.html", "{{ t(key=\"in-p\") }}"),
            ("m.html", "{% macro a() %}{{ t(key = 'in-a') }}{% endmacro %}{% macro b() %}{{ t(key=\"in-b\") }}{% endmacro %}"),
            ("unused.html", "{{ t(key=\"in-unused\") }}"),
        ]);
        let graph = Graph::of(&t);
        let used = graph.reachable(["page.html"]);
        let keys: Vec<String> = graph
            .calls()
            .filter(|(target, _)| used.contains(target))
            .filter_map(|(_, c)| match &c.key {
                KeyArg::Literal(k) => Some(k.clone()),
                _ => None,
            })
            .collect();
        // Macro `b` is in an imported file but never called.
        assert_eq!(keys, ["in-p", "in-a"]);
    }

    #[test]
    fn keys_are_literal_computed_or_absent() {
        let t = tera(&[("a.html", "{{ t(key=\"x\") }}{{ t(key=\"s-\" ~ s) }}{{ url(key=page.key) }}{{ t(key=\"y\" | upper) }}{{ t() }}")]);
        let calls: Vec<Call> = Graph::of(&t).calls().map(|(_, c)| c.clone()).collect();
        let call = |f: &str, key: KeyArg| Call { function: f.into(), key };
        assert_eq!(
            calls,
            [
                call("t", KeyArg::Literal("x".into())),
                call("t", KeyArg::Computed),
                call("url", KeyArg::Computed),
                call("t", KeyArg::Computed),
                call("t", KeyArg::Absent)
            ]
        );
    }

    #[test]
    fn call_position_finds_the_call_in_the_text() {
        let source = "{# t(key=\"x\") #}\n<p>{{ t(n=1, key = 'x') }}</p>\n{{ url(key='x') }}{{ format(key=\"x\") }}";
        assert_eq!(call_position(source, "t", &KeyArg::Literal("x".into())), (2, 7));
        assert_eq!(call_position(source, "url", &KeyArg::Literal("x".into())), (3, 4));
        assert_eq!(call_position(source, "t", &KeyArg::Literal("y".into())), (0, 0));
        assert_eq!(call_position("{{ t(key=\"a\" ~ b) }}", "t", &KeyArg::Computed), (1, 4));
        // Tera joins `"a" ~ "b"` into the literal `ab`.
        assert_eq!(call_position("x\n{{ t(key=\"a\" ~ \"b\") }}", "t", &KeyArg::Literal("ab".into())), (2, 4));
    }
}
