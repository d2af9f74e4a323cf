//! The one place that parses YAML.
//!
//! `serde_yaml` is archived upstream; keeping it behind this module means swapping it for a
//! maintained fork touches one file.

use crate::diagnostics::Diagnostic;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses `text` as `T`. `first_line` is the line of the file where `text` starts (1 for a whole
/// file, 2 for front matter after its `---` fence), so errors point at the user's real line.
pub fn parse<T: DeserializeOwned>(text: &str, path: &Path, first_line: usize) -> Result<T, Diagnostic> {
    if let Some((line, column)) = find_tab_indent(text) {
        return Err(Diagnostic::error(path, line + first_line - 1, column, "YAML does not allow tabs for indentation")
            .with_help("indent with spaces instead of tabs"));
    }
    serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((0, 0), |l| (l.line() + first_line - 1, l.column()));
        let message = clean_message(&e.to_string());
        let diagnostic = Diagnostic::error(path, line, column, format!("invalid YAML: {message}"));
        match help_for(&message) {
            Some(help) => diagnostic.with_help(help),
            None => diagnostic,
        }
    })
}

/// serde_yaml appends " at line X column Y" to its messages; we print positions ourselves.
fn clean_message(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn help_for(message: &str) -> Option<String> {
    if message.starts_with("unknown field") {
        let expected = message.split("expected").nth(1).map(str::trim);
        return Some(match expected {
            Some(list) => format!("remove the field or correct its spelling; expected {list}"),
            None => "remove the field or correct its spelling".into(),
        });
    }
    if message.starts_with("missing field") {
        return Some("add the field; see docs/content-format.md".into());
    }
    if message.starts_with("duplicate field") || message.contains("duplicate entry") {
        return Some("each field may appear only once; remove one of them".into());
    }
    if message.contains("invalid type") {
        return Some("check the value's type (text in quotes, whole numbers without quotes, lists with `- `)".into());
    }
    if message.contains("did not find expected") || message.contains("found unexpected end of stream") {
        return Some("check quotes are closed and indentation is consistent".into());
    }
    None
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
    }

    #[test]
    fn offset_lines() {
        let err = parse::<T>("a: 1\nb: 2\n", Path::new("x.md"), 2).unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("unknown field `b`"), "{}", err.message);
        assert!(err.help.is_some());
    }

    #[test]
    fn tabs_are_reported() {
        let err = parse::<T>("a:\n\t1\n", Path::new("x.md"), 1).unwrap_err();
        assert_eq!((err.line, err.column), (2, 1));
    }

    #[test]
    fn wrong_type() {
        let err = parse::<T>("a: hello\n", Path::new("x.md"), 1).unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("invalid type"));
    }
}
