//! The one place that parses YAML (serde-saphyr; see the README's design notes for the choice).
//!
//! Every YAML input of a site (front matter, `site.yaml`, data files) is untrusted, so parsing is
//! bounded by [`LIMITS`] and every error is turned into a [`Diagnostic`] in an editor's words:
//! what YAML understood, and what to type instead, taken from the line itself. Values that later
//! checks need to point at are read as [`Spanned`], so positions come from the parser and never
//! from searching the text.

use crate::diagnostics::Diagnostic;
use serde::de::DeserializeOwned;
use serde_saphyr::Error;
use std::collections::HashMap;
use std::path::Path;

/// A value with the position of its YAML node (see [`position`]).
pub(crate) use serde_saphyr::Spanned;

/// The input budgets of one YAML document. A site's YAML is small and flat (front matter, a
/// configuration, tables of figures), so the limits are far above what a site needs and far
/// below what makes a parse slow or deep: a file beyond them is refused with its position.
pub(crate) struct Limits {
    /// Bytes of YAML text (checked before parsing; the parser's own limit only covers readers).
    pub(crate) max_bytes: usize,
    /// Nesting of lists and mappings.
    pub(crate) max_depth: usize,
    /// Values (mappings, lists and scalars) in one document.
    pub(crate) max_nodes: usize,
    /// `*alias` references; anchors (`&name`) are bounded the same.
    pub(crate) max_aliases: usize,
}

/// The budgets used for every YAML input.
pub(crate) const LIMITS: Limits = Limits { max_bytes: 8 * 1024 * 1024, max_depth: 32, max_nodes: 200_000, max_aliases: 1_000 };

/// 1-based line and column of a spanned value, in the file (`first_line` as given to [`parse`]
/// is already applied); (0, 0) when the parser did not record one.
pub(crate) fn position<T>(value: &Spanned<T>) -> (usize, usize) {
    let at = value.referenced;
    (usize::try_from(at.line()).unwrap_or(0), usize::try_from(at.column()).unwrap_or(0))
}

/// Where every key and value of a YAML text stands, by path (`["editions", "1", "fallback", "0"]`:
/// list entries count from zero, as in the parsed data). Built from the parser's spans, only when
/// a check has something to report, so a good site never parses twice.
#[derive(Debug, Default)]
pub(crate) struct Index {
    keys: HashMap<String, (usize, usize)>,
    values: HashMap<String, (usize, usize)>,
}

impl Index {
    /// Indexes `text` (`first_line` as for [`parse`]). Text that does not parse gives an empty
    /// index: its parse error has been reported already.
    pub(crate) fn new(text: &str, first_line: usize) -> Index {
        let mut index = Index::default();
        if text.len() > LIMITS.max_bytes {
            return index;
        }
        let input = padded(text, first_line);
        if let Ok(root) = serde_saphyr::from_str_with_options::<Spanned<Node>>(&input, options()) {
            index.add(String::new(), &root);
        }
        index
    }

    fn add(&mut self, path: String, node: &Spanned<Node>) {
        self.values.insert(path.clone(), position(node));
        let join = |segment: &str| if path.is_empty() { segment.to_string() } else { format!("{path}\u{1f}{segment}") };
        match &node.value {
            Node::Leaf => {}
            Node::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.add(join(&i.to_string()), item);
                }
            }
            Node::Map(entries) => {
                for (key, value) in entries {
                    let path = join(&key.value.0);
                    self.keys.insert(path.clone(), position(key));
                    self.add(path, value);
                }
            }
        }
    }

    fn path(path: &[&str]) -> String {
        path.join("\u{1f}")
    }

    /// Line and column of the value at `path`.
    pub(crate) fn value(&self, path: &[&str]) -> Option<(usize, usize)> {
        self.values.get(&Self::path(path)).copied()
    }

    /// Line and column of the key of the mapping entry at `path`.
    pub(crate) fn key(&self, path: &[&str]) -> Option<(usize, usize)> {
        self.keys.get(&Self::path(path)).copied()
    }

    /// The value at `path`, or the nearest enclosing value that has a position; (0, 0) when the
    /// text did not parse.
    pub(crate) fn at(&self, path: &[&str]) -> (usize, usize) {
        (0..=path.len()).rev().find_map(|n| self.value(&path[..n])).unwrap_or((0, 0))
    }
}

/// A YAML node reduced to its shape, each part with its span (for [`Index`]).
enum Node {
    Leaf,
    Seq(Vec<Spanned<Node>>),
    Map(Vec<(Spanned<KeyText>, Spanned<Node>)>),
}

/// A mapping key as text (`2027-03-01`, `1`, `true` are keys too).
struct KeyText(String);

impl<'de> serde::Deserialize<'de> for KeyText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = KeyText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a scalar key")
            }
            fn visit_str<E>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<KeyText, E> {
                Ok(KeyText(String::new()))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
            fn visit_str<E>(self, _: &str) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                serde::Deserialize::deserialize(d)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Seq(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key()? {
                    entries.push((key, map.next_value()?));
                }
                Ok(Node::Map(entries))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

/// `text` behind `first_line - 1` blank lines, so the parser counts lines as the file does
/// (columns are unchanged).
fn padded(text: &str, first_line: usize) -> std::borrow::Cow<'_, str> {
    if first_line > 1 {
        format!("{}{text}", "\n".repeat(first_line - 1)).into()
    } else {
        text.into()
    }
}

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: LIMITS.max_depth,
            max_nodes: LIMITS.max_nodes,
            max_aliases: LIMITS.max_aliases,
            max_anchors: LIMITS.max_aliases,
            max_documents: 1,
        },
        with_snippet: false,
    }
}

/// Parses `text` as `T`. `first_line` is the line of the file where `text` starts (1 for a whole
/// file, 2 for front matter after its `---` fence), so errors and [`Spanned`] positions are the
/// user's real lines.
pub fn parse<T: DeserializeOwned>(text: &str, path: &Path, first_line: usize) -> Result<T, Diagnostic> {
    if text.len() > LIMITS.max_bytes {
        return Err(Diagnostic::error(path, first_line, 1, format!("this YAML is larger than {} MiB", LIMITS.max_bytes / (1024 * 1024)))
            .with_help("split the data over several files, or move long text into the page's markdown"));
    }
    if let Some((line, column)) = find_tab_indent(text) {
        let line = line + first_line - 1;
        return Err(Diagnostic::error(path, line, column, "this line is indented with a tab, which YAML does not allow")
            .with_help("replace the tab at the start of the line by spaces (two per level)"));
    }
    let input = padded(text, first_line);
    serde_saphyr::from_str_with_options(&input, options()).map_err(|e| explain(&e, &input, path))
}

/// The diagnostic for a parse error: the parser's position, and a message that says what YAML
/// understood and what to type instead.
fn explain(error: &Error, input: &str, path: &Path) -> Diagnostic {
    let error = error.without_snippet();
    let (line, column) = error.location().map_or((0, 0), |l| (to_usize(l.line()), to_usize(l.column())));
    let source = input.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let entry = Entry::of(source);
    let (message, help) = words(error, &entry, source, column);
    Diagnostic::error(path, line, column, message).with_help(help)
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// The `key: value` written on a line (after its indentation and any `- `), for messages.
struct Entry<'a> {
    indent: usize,
    key: Option<&'a str>,
    value: &'a str,
}

impl<'a> Entry<'a> {
    fn of(line: &'a str) -> Self {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let item = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        match item.split_once(':') {
            Some((key, value)) if !key.is_empty() && !key.contains(['"', '\'', '{', '[', ' ']) => {
                Entry { indent, key: Some(key), value: value.trim() }
            }
            _ => Entry { indent, key: None, value: item.trim() },
        }
    }

    /// `key: "value"` with the value in double quotes (quotes inside escaped).
    fn quoted(&self) -> String {
        let value = self.value.replace('\\', "\\\\").replace('"', "\\\"");
        match self.key {
            Some(key) => format!("{key}: \"{value}\""),
            None => format!("\"{value}\""),
        }
    }

    fn field(&self) -> String {
        self.key.map_or_else(|| "this value".to_string(), |k| format!("the value of `{k}`"))
    }
}

/// Message and help for one parse error.
fn words(error: &Error, entry: &Entry, source: &str, column: usize) -> (String, String) {
    let quote = || format!("put the value in quotes: `{}`", entry.quoted());
    match error {
        Error::SerdeUnknownField { field, expected, .. } => {
            let list = expected.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
            let help = match crate::suggest::closest(field, expected.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? The fields here are {list}"),
                None if expected.is_empty() => "remove this field".to_string(),
                None => format!("remove the field or correct its spelling; the fields here are {list}"),
            };
            (format!("unknown field `{field}`"), help)
        }
        Error::SerdeMissingField { field, .. } => {
            (format!("the field `{field}` is missing"), format!("add a line `{field}: …` here; see docs/content-format.md"))
        }
        Error::DuplicateMappingKey { key, .. } => {
            let key = key.clone().unwrap_or_else(|| entry.key.unwrap_or("this key").to_string());
            (format!("`{key}` is given a second time"), format!("keep one `{key}:` line and remove the other"))
        }
        Error::SerdeUnknownVariant { variant, expected, .. } => {
            let list = expected.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
            let help = match crate::suggest::closest(variant, expected.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? Use one of {list}"),
                None => format!("use one of {list}"),
            };
            (format!("`{variant}` is not a value allowed here"), help)
        }
        Error::UnknownAnchor { .. } => {
            (format!("{} starts with `*`, which YAML reads as a reference to an anchor", entry.field()), quote())
        }
        Error::NullIntoString { .. } if entry.value.starts_with('#') => {
            (format!("{} is empty: YAML reads everything after ` #` as a comment", entry.field()), quote())
        }
        Error::NullIntoString { .. } => match entry.key {
            Some(key) => (format!("`{key}` has no value"), format!("write the text after `{key}: `, or remove the line")),
            None => ("this value is empty".to_string(), "write the text, or remove the line".to_string()),
        },
        Error::InvalidScalar { ty, .. } if is_number(ty) => {
            let what = if ty.starts_with('f') { "a number" } else { "a whole number" };
            let example = if ty.starts_with('f') { "12.5" } else { "10" };
            (format!("{} must be {what}", entry.field()), format!("write a number such as `{example}`, without quotes"))
        }
        Error::InvalidScalar { ty: "bool", .. } | Error::InvalidBooleanStrict { .. } => {
            (format!("{} must be `true` or `false`", entry.field()), "write `true` or `false`, without quotes".to_string())
        }
        Error::Unexpected { expected: "mapping start", .. } if no_space_after_colon(source).is_some() => {
            let (key, value) = no_space_after_colon(source).unwrap_or_default();
            (format!("`{key}:{value}` needs a space after the colon"), format!("write `{key}: {value}`"))
        }
        Error::Unexpected { expected: "mapping start", .. } => {
            let found = if source.trim_start().starts_with("- ") { "a list (lines starting with `- `)" } else { "a single value" };
            (
                format!("expected fields (`name: value` lines) here, found {found}"),
                "write the fields one per line, indented under the line above, without `- `".to_string(),
            )
        }
        Error::Unexpected { expected, .. } if expected.contains("scalar") => {
            let found = match entry.value.chars().next() {
                Some('[') => "a list in `[ ]`",
                Some('{') => "fields in `{ }`",
                _ => "a list or fields",
            };
            (format!("{} must be a single value, found {found}", entry.field()), quote())
        }
        // At the value (not at the key starting the line): that field's value must be a list.
        Error::Unexpected { expected: "sequence start", .. } => {
            match entry.key.filter(|_| !entry.value.is_empty() && column > entry.indent + 1) {
                Some(key) => (
                    format!("`{key}` must be a list"),
                    format!("write it as a list: `{key}: [{}]`, or one `- ` line per entry under `{key}:`", entry.value),
                ),
                None => (
                    "expected a list here (lines starting with `- `)".to_string(),
                    "start every entry of the list with `- `, indented under the line above".to_string(),
                ),
            }
        }
        Error::SerdeInvalidType { unexpected, expected, .. } => {
            (format!("expected {}, found {}", plain_type(expected), plain_type(unexpected)), type_help(expected))
        }
        Error::Budget { .. } => ("this YAML is too large or too deeply nested".to_string(), budget_help()),
        Error::ExternalMessage { msg, .. } => parser_words(msg, entry, source, column),
        Error::Eof { .. } => {
            ("the YAML ends in the middle of a value".to_string(), "check that every quote and bracket is closed".to_string())
        }
        other => (plain_message(other), "check quotes, brackets and indentation on this line and the one above".to_string()),
    }
}

/// `key:value` on a line (a colon directly followed by text), as (key, value).
fn no_space_after_colon(line: &str) -> Option<(String, String)> {
    let item = line.trim_start().trim_start_matches("- ");
    let (key, value) = item.split_once(':')?;
    let simple = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    (simple && !value.is_empty() && !value.starts_with([' ', '/'])).then(|| (key.to_string(), value.trim_end().to_string()))
}

fn is_number(ty: &str) -> bool {
    let ty = ty.trim_start_matches("a ");
    matches!(ty, "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" | "f32" | "f64")
}

/// serde's type descriptions in an editor's words.
fn plain_type(text: &str) -> String {
    let text = text.trim();
    if text.starts_with("a sequence") || text == "sequence" {
        "a list (lines starting with `- `)".into()
    } else if text.starts_with("a map") || text == "map" || text.starts_with("struct ") {
        "fields (`name: value` lines)".into()
    } else if text.starts_with("a string") || text.starts_with("string") {
        "text".into()
    } else if text.starts_with("integer") || text.starts_with("i64") || text.starts_with("u64") {
        "a whole number".into()
    } else if text.starts_with("floating point") || text.starts_with("f64") {
        "a number".into()
    } else if text.starts_with("boolean") || text == "a boolean" {
        "`true` or `false`".into()
    } else {
        text.to_string()
    }
}

fn type_help(expected: &str) -> String {
    let expected = plain_type(expected);
    if expected.starts_with("a list") {
        "write the entries one per line, each starting with `- `, or as `[a, b]`".into()
    } else if expected.starts_with("fields") {
        "write `name: value` lines, indented under the line above".into()
    } else if expected == "text" {
        "put the value in quotes".into()
    } else {
        format!("write {expected} here")
    }
}

fn budget_help() -> String {
    format!(
        "a YAML file may nest lists and fields {} levels deep and hold {} values; split the data over several files",
        LIMITS.max_depth, LIMITS.max_nodes
    )
}

/// The YAML parser's messages (scanner errors), in an editor's words.
fn parser_words(msg: &str, entry: &Entry, source: &str, column: usize) -> (String, String) {
    let quote = || format!("put the value in quotes: `{}`", entry.quoted());
    let before = source.chars().take(column.saturating_sub(1)).collect::<String>();
    if msg.contains("mapping values are not allowed") {
        // The `:` at the error is either inside a value (an unquoted `: `), or the key's own
        // when the line is indented deeper than the mapping it continues.
        let key_colon = entry.key.is_some_and(|k| before.trim_start().trim_start_matches("- ") == k);
        if !key_colon {
            return (format!("{} contains `: `, which YAML reads as the start of another field", entry.field()), quote());
        }
        let key = entry.key.unwrap_or("");
        return (
            format!("`{key}` is indented by {} spaces, more than the field above it", entry.indent),
            format!("start `{key}:` in the same column as the field above it, or put the value above in quotes"),
        );
    }
    if let Some(rest) = msg.strip_prefix("unexpected character: `") {
        let c = rest.chars().next().unwrap_or('?');
        let shown = if c == '`' { "a backtick".to_string() } else { format!("`{c}`") };
        return (format!("{} may not start with {shown} in YAML", entry.field()), quote());
    }
    if msg.contains("unclosed quote") || msg.contains("found unexpected end of stream") {
        return ("the quote that starts here is not closed".to_string(), "add the closing quote at the end of the value".to_string());
    }
    if msg.contains("trailing content after") && entry.value.starts_with('"') {
        let inner = entry.value.trim_matches('"').replace('\'', "''");
        let suggestion = entry.key.map_or_else(|| format!("'{inner}'"), |k| format!("{k}: '{inner}'"));
        return (
            format!("{} has text after its closing quote", entry.field()),
            format!("put the value in single quotes, so the double quotes inside stay: `{suggestion}`"),
        );
    }
    if msg.contains("trailing content after") {
        return (
            format!("{} has text after its closing quote", entry.field()),
            "inside single quotes write an apostrophe twice (`'it''s'`), or put the whole value in double quotes".to_string(),
        );
    }
    if msg.contains("recursion limit exceeded") || msg.contains("nesting limit") {
        return ("this YAML is too large or too deeply nested".to_string(), budget_help());
    }
    if let Some(rest) = msg.strip_prefix("unclosed bracket '") {
        let open = rest.chars().next().unwrap_or('[');
        let close = if open == '{' { '}' } else { ']' };
        return (format!("the `{open}` that starts here is not closed"), format!("add `{close}` at the end of the value"));
    }
    if msg.contains("simple key expected") && entry.key.is_none() {
        return (
            "this line continues the text above, but YAML reads it as a new field".to_string(),
            "indent the continuation by two spaces, or put the whole value in quotes on one line".to_string(),
        );
    }
    if msg.contains("did not find expected key") || msg.contains("block sequence entries are not allowed") {
        return (
            "this line does not line up with the lines around it".to_string(),
            "indent fields of one level by the same number of spaces, and list entries (`- `) under their field".to_string(),
        );
    }
    (msg.to_string(), "check quotes, brackets and indentation on this line and the one above".to_string())
}

/// The parser's own message, without the position it appends (we print positions ourselves).
fn plain_message(error: &Error) -> String {
    let text = error.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Finds a tab used in indentation (1-based line and column), which YAML forbids but users type.
fn find_tab_indent(text: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let indent: String = line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        indent.find('\t').map(|col| (i + 1, col + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        a: u32,
        #[serde(default)]
        title: Option<String>,
        #[serde(default)]
        list: Vec<String>,
        #[serde(default)]
        map: Option<std::collections::BTreeMap<String, String>>,
    }

    fn error(input: &str) -> Diagnostic {
        parse::<T>(input, Path::new("x.md"), 1).unwrap_err()
    }

    #[test]
    fn offset_lines_and_unknown_field() {
        let err = parse::<T>("a: 1\ntitel: 2\n", Path::new("x.md"), 2).unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert_eq!(err.message, "unknown field `titel`");
        assert_eq!(err.help.as_deref(), Some("did you mean `title`? The fields here are `a`, `title`, `list`, `map`"));
    }

    #[test]
    fn tabs_are_reported() {
        let err = error("a:\n\t1\n");
        assert_eq!((err.line, err.column), (2, 1));
        assert!(err.message.contains("tab"), "{}", err.message);
    }

    #[test]
    fn wrong_type() {
        let err = error("a: hello\n");
        assert_eq!((err.line, err.column, err.message.as_str()), (1, 4, "the value of `a` must be a whole number"));
    }

    #[test]
    fn no_message_says_invalid_yaml() {
        for input in ["a: 1\ntitle: A: b\n", "a: 1\ntitle: *x\n", "a: 1\ntitle: @x\n", "a: 1\nmap:\n  - x\n", "a: 1\na: 2\n", "a: [1\n"] {
            let err = error(input);
            assert!(!err.message.contains("invalid YAML") && err.help.is_some() && err.line > 0, "{input:?}: {err}");
        }
    }

    #[test]
    fn index_gives_positions_of_keys_and_values() {
        let text = "# a comment: with a colon\nupdates:\n  - commitment: \"wonen-1\"\n    date: 2027-03-01\n    links:\n      - {url: 'x', title: \"a, date: b\"}\n  - {date: 2027-04-01, commitment: wonen-2}\nexplanations:\n  wonen-1:\n    \"2027-03-01\": Text\n";
        let index = Index::new(text, 1);
        assert_eq!(index.value(&["updates", "0", "commitment"]), Some((3, 17)));
        assert_eq!(index.value(&["updates", "0", "date"]), Some((4, 11)));
        assert_eq!(index.value(&["updates", "0", "links", "0", "url"]), Some((6, 15)));
        assert_eq!(index.value(&["updates", "1", "commitment"]), Some((7, 36)));
        assert_eq!(index.key(&["explanations", "wonen-1", "2027-03-01"]), Some((10, 5)));
        // Missing paths fall back to the nearest parent that exists.
        assert_eq!(index.at(&["updates", "1", "links", "0"]), (7, 5));
        assert_eq!(Index::new("a: [", 1).at(&["a"]), (0, 0));
        assert_eq!(Index::new("title: x\n", 2).value(&["title"]), Some((2, 8)));
    }

    #[test]
    fn budgets_bound_depth_size_values_and_aliases() {
        let deep = format!("{}1{}", "[".repeat(40_000), "]".repeat(40_000));
        let started = std::time::Instant::now();
        let err = parse::<serde_json::Value>(&deep, Path::new("d.yaml"), 1).unwrap_err();
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "a deep file is refused quickly");
        assert!(err.message.contains("too large or too deeply nested"), "{err}");
        let within = format!("{}1{}", "[".repeat(LIMITS.max_depth - 1), "]".repeat(LIMITS.max_depth - 1));
        assert!(parse::<serde_json::Value>(&within, Path::new("d.yaml"), 1).is_ok(), "depth within the budget");
        let block_deep: String = (0..LIMITS.max_depth + 5).map(|i| format!("{}k{i}:\n", "  ".repeat(i))).collect::<String>()
            + &"  ".repeat(LIMITS.max_depth + 5)
            + "v\n";
        let err = parse::<serde_json::Value>(&block_deep, Path::new("d.yaml"), 1).unwrap_err();
        assert!(err.message.contains("too large or too deeply nested"), "{err}");
        let big = format!("a: \"{}\"\n", "x".repeat(LIMITS.max_bytes));
        let err = parse::<serde_json::Value>(&big, Path::new("b.yaml"), 1).unwrap_err();
        assert_eq!(err.message, "this YAML is larger than 8 MiB");
        let many = format!("[{}]", "1,".repeat(LIMITS.max_nodes + 1));
        let err = parse::<serde_json::Value>(&many, Path::new("m.yaml"), 1).unwrap_err();
        assert!(err.message.contains("too large or too deeply nested"), "{err}");
        let aliases = format!("a: &x 1\nb: [{}]\n", "*x, ".repeat(LIMITS.max_aliases + 1));
        let err = parse::<serde_json::Value>(&aliases, Path::new("a.yaml"), 1).unwrap_err();
        assert!(err.message.contains("too large or too deeply nested"), "{err}");
    }
}
