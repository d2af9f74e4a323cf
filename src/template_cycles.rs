//! A theme rule checked before anything is rendered: `include`s and macro calls may not form a
//! cycle. Tera 1 follows them while rendering without a depth limit, so a template that includes
//! itself, or a macro that calls itself, would overflow the stack and abort the process
//! (`docs/theme.md`, "Rules"). The check walks Tera's parsed templates (its AST), not their text.

use crate::diagnostics::Diagnostic;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use tera::ast::{Expr, ExprVal, Node};
use tera::Tera;

/// A node of the call graph: a template, or a macro of a template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
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
    fn file(&self) -> &str {
        match self {
            Target::Template(t) => t,
            Target::Macro { file, .. } => file,
        }
    }
}

/// One error per cycle of includes and macro calls in `tera`'s templates.
pub fn check(tera: &Tera, path_of: &dyn Fn(&str) -> PathBuf) -> Vec<Diagnostic> {
    let mut edges: BTreeMap<Target, BTreeSet<Target>> = BTreeMap::new();
    for (name, template) in &tera.templates {
        let namespaces: BTreeMap<&str, &str> = template.imported_macro_files.iter().map(|(f, ns)| (ns.as_str(), f.as_str())).collect();
        let mut out = BTreeSet::new();
        collect(&template.ast, name, &namespaces, &mut out);
        edges.entry(Target::Template(name.clone())).or_default().extend(out);
        for (macro_name, definition) in &template.macros {
            let mut out = BTreeSet::new();
            collect(&definition.body, name, &namespaces, &mut out);
            edges.entry(Target::Macro { file: name.clone(), name: macro_name.clone() }).or_default().extend(out);
        }
    }
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

fn collect(nodes: &[Node], file: &str, namespaces: &BTreeMap<&str, &str>, out: &mut BTreeSet<Target>) {
    for node in nodes {
        match node {
            Node::Include(_, names, _) => out.extend(names.iter().map(|n| Target::Template(n.clone()))),
            Node::VariableBlock(_, expr) => expr_calls(expr, file, namespaces, out),
            Node::Set(_, set) => expr_calls(&set.value, file, namespaces, out),
            Node::FilterSection(_, section, _) => {
                section.filter.args.values().for_each(|e| expr_calls(e, file, namespaces, out));
                collect(&section.body, file, namespaces, out);
            }
            Node::Block(_, block, _) => collect(&block.body, file, namespaces, out),
            Node::Forloop(_, forloop, _) => {
                expr_calls(&forloop.container, file, namespaces, out);
                collect(&forloop.body, file, namespaces, out);
                if let Some(body) = &forloop.empty_body {
                    collect(body, file, namespaces, out);
                }
            }
            Node::If(condition, _) => {
                for (_, expr, body) in &condition.conditions {
                    expr_calls(expr, file, namespaces, out);
                    collect(body, file, namespaces, out);
                }
                if let Some((_, body)) = &condition.otherwise {
                    collect(body, file, namespaces, out);
                }
            }
            // Macro definitions are walked on their own; the rest calls nothing.
            _ => {}
        }
    }
}

fn expr_calls(expr: &Expr, file: &str, namespaces: &BTreeMap<&str, &str>, out: &mut BTreeSet<Target>) {
    for filter in &expr.filters {
        filter.args.values().for_each(|e| expr_calls(e, file, namespaces, out));
    }
    val_calls(&expr.val, file, namespaces, out);
}

fn val_calls(val: &ExprVal, file: &str, namespaces: &BTreeMap<&str, &str>, out: &mut BTreeSet<Target>) {
    match val {
        ExprVal::MacroCall(call) => {
            let target = if call.namespace == "self" { Some(file) } else { namespaces.get(call.namespace.as_str()).copied() };
            if let Some(target) = target {
                out.insert(Target::Macro { file: target.to_string(), name: call.name.clone() });
            }
            call.args.values().for_each(|e| expr_calls(e, file, namespaces, out));
        }
        ExprVal::Math(m) => {
            expr_calls(&m.lhs, file, namespaces, out);
            expr_calls(&m.rhs, file, namespaces, out);
        }
        ExprVal::Logic(l) => {
            expr_calls(&l.lhs, file, namespaces, out);
            expr_calls(&l.rhs, file, namespaces, out);
        }
        ExprVal::In(i) => {
            expr_calls(&i.lhs, file, namespaces, out);
            expr_calls(&i.rhs, file, namespaces, out);
        }
        ExprVal::Test(t) => t.args.iter().for_each(|e| expr_calls(e, file, namespaces, out)),
        ExprVal::FunctionCall(f) => f.args.values().for_each(|e| expr_calls(e, file, namespaces, out)),
        ExprVal::Array(items) => items.iter().for_each(|e| expr_calls(e, file, namespaces, out)),
        ExprVal::StringConcat(c) => c.values.iter().for_each(|v| val_calls(v, file, namespaces, out)),
        _ => {}
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
}
