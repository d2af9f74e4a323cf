//! UI strings from Fluent (`locales/<edition>/*.ftl`), with fallback along each edition's chain,
//! and numbers formatted for the edition's language with ICU4X.

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use icu_decimal::input::Decimal;
use icu_decimal::DecimalFormatter;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A message as declared in a Fluent file: where, and which variables it uses.
#[derive(Debug, Clone)]
pub(crate) struct MessageInfo {
    pub(crate) path: PathBuf,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) variables: BTreeSet<String>,
    /// Messages and terms (`-term`) this message refers to.
    pub(crate) references: Vec<Reference>,
}

/// A message or term (`-term`) named inside another message, where it is named.
#[derive(Debug, Clone)]
pub(crate) struct Reference {
    pub(crate) id: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
}

/// A formatted message: its text, the edition it came from, and Fluent's errors.
#[derive(Debug, Clone)]
pub(crate) struct Formatted {
    pub(crate) text: String,
    pub(crate) from: usize,
    pub(crate) errors: Vec<String>,
}

/// A formatting error of fluent-bundle in an editor's words.
fn editor_words(error: &fluent_bundle::FluentError) -> String {
    use fluent_bundle::resolver::{errors::ReferenceKind, ResolverError};
    match error {
        fluent_bundle::FluentError::ResolverError(ResolverError::Reference(ReferenceKind::Variable { id })) => {
            format!("it uses the variable `${id}`, which the template does not give it")
        }
        other => other.to_string(),
    }
}

/// The strings of one edition.
pub(crate) struct EditionStrings {
    bundle: FluentBundle<FluentResource>,
    /// Messages declared by this edition's own files.
    pub(crate) messages: BTreeMap<String, MessageInfo>,
    /// The variables of the theme's message of each id for this language: what the theme's
    /// templates give the message, whoever wrote the text shown.
    theme_variables: BTreeMap<String, BTreeSet<String>>,
    numbers: Option<DecimalFormatter>,
}

/// UI strings and number formatting of every edition.
pub struct I18n {
    editions: Vec<EditionStrings>,
    /// For each edition: itself, then its fallbacks, then the default edition.
    chains: Vec<Vec<usize>>,
}

impl I18n {
    /// Loads every edition's Fluent files, reporting syntax errors and references to missing
    /// messages with their positions.
    pub fn load(root: &Path, config: &Config, diagnostics: &Diagnostics) -> I18n {
        Self::load_with_theme(root, config, &crate::theme::Theme::default(), diagnostics)
    }

    /// [`I18n::load`] with the theme's own strings under the site's: a message the site's
    /// `locales/<code>/` defines replaces the theme's message of the same id; the rest comes from
    /// the theme's `locales/<language>/` for the edition's `lang`.
    pub(crate) fn load_with_theme(root: &Path, config: &Config, theme: &crate::theme::Theme, diagnostics: &Diagnostics) -> I18n {
        let chains = fallback_chains(config);
        let editions = config
            .editions
            .iter()
            .map(|e| {
                let mut strings = load_edition(root, &e.code, &e.lang, diagnostics);
                for layer in &theme.locales {
                    add_theme_strings(&mut strings, layer.for_lang(&e.lang), diagnostics);
                }
                strings
            })
            .collect();
        let i18n = I18n { editions, chains };
        i18n.check_references(diagnostics);
        i18n.check_expansion(diagnostics);
        i18n.check_variables(default_index(config), diagnostics);
        i18n
    }

    /// Formats every message once: one that refers to itself, or expands into more placeables
    /// than fluent-bundle allows (a "billion laughs" of messages), would otherwise be published
    /// as raw `{…}` text on every page that uses it. Variables are given as numbers so that only
    /// these two errors are seen.
    fn check_expansion(&self, diagnostics: &Diagnostics) {
        use fluent_bundle::resolver::ResolverError;
        use fluent_bundle::FluentError;
        for edition in &self.editions {
            for (id, info) in &edition.messages {
                let Some(pattern) = edition.bundle.get_message(id).and_then(|m| m.value()) else { continue };
                let mut args = FluentArgs::new();
                for variable in &info.variables {
                    args.set(variable.as_str(), FluentValue::from(1));
                }
                let mut errors = Vec::new();
                let _ = edition.bundle.format_pattern(pattern, Some(&args), &mut errors);
                let problem = errors.iter().find_map(|e| match e {
                    FluentError::ResolverError(ResolverError::Cyclic) => Some("refers back to itself"),
                    FluentError::ResolverError(ResolverError::TooManyPlaceables) => Some("expands into too many placeables"),
                    _ => None,
                });
                if let Some(problem) = problem {
                    diagnostics.push(
                        Diagnostic::error(&info.path, info.line, info.column, format!("message `{id}` {problem} and cannot be shown"))
                            .with_help(
                            "a message may use other messages, but not itself, and not in a chain that multiplies them; write the text out",
                        ),
                    );
                }
            }
        }
    }

    /// An I18n without any strings (for tests and tools).
    pub fn empty(config: &Config) -> I18n {
        I18n { editions: config.editions.iter().map(|e| empty_edition(&e.lang)).collect(), chains: fallback_chains(config) }
    }

    fn check_references(&self, diagnostics: &Diagnostics) {
        for (index, edition) in self.editions.iter().enumerate() {
            for info in edition.messages.values() {
                for Reference { id: reference, line, column } in &info.references {
                    if !self.has_message(index, reference) {
                        let kind = if reference.starts_with('-') { "term" } else { "message" };
                        diagnostics.push(
                            Diagnostic::error(&info.path, *line, *column, format!("reference to missing {kind} `{reference}`"))
                                .with_help(format!("define `{reference}` in this edition's .ftl files or correct the name")),
                        );
                    }
                }
            }
        }
    }

    fn has_message(&self, edition: usize, id: &str) -> bool {
        self.chains[edition].iter().any(|&e| self.editions[e].messages.contains_key(id))
    }

    /// Formats message `key` for `edition`, falling back along the chain. Returns the text and
    /// the edition it came from, or `None` when no edition in the chain has it.
    pub fn message(&self, edition: usize, key: &str, args: Option<&FluentArgs>) -> Option<(String, usize)> {
        self.formatted(edition, key, args).map(|f| (f.text, f.from))
    }

    /// [`I18n::message`] with the errors Fluent met while formatting it (a variable the caller
    /// did not give, say): the text then shows `{$name}` as written.
    pub(crate) fn formatted(&self, edition: usize, key: &str, args: Option<&FluentArgs>) -> Option<Formatted> {
        for &e in &self.chains[edition] {
            let bundle = &self.editions[e].bundle;
            let Some(message) = bundle.get_message(key) else { continue };
            let Some(pattern) = message.value() else { continue };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors).into_owned();
            return Some(Formatted { text, from: e, errors: errors.iter().map(editor_words).collect() });
        }
        None
    }

    /// Variables a message uses that its caller does not give, so the name is misspelt
    /// (`{ $langauge }`) and would be published as written. A warning at the message's line.
    /// The caller's variables are those of the theme's own message of that id when the theme
    /// has one (a site's message replacing it, in any edition, must use those); for the site's
    /// own messages, those of the default edition's message.
    fn check_variables(&self, default: usize, diagnostics: &Diagnostics) {
        for edition in &self.editions {
            for (id, info) in &edition.messages {
                let Some(given) = edition.theme_variables.get(id) else { continue };
                for variable in info.variables.difference(given) {
                    let known: Vec<String> = given.iter().map(|v| format!("`${v}`")).collect();
                    let help = if known.is_empty() {
                        "the theme gives this message no variables; write the text without this one".to_string()
                    } else {
                        format!("the theme gives this message {}; correct the name", known.join(", "))
                    };
                    // An error, not a warning: shown, the message would print `{$name}` as
                    // written (and formatting it is not reported again, see `misspelt_variable`).
                    diagnostics.push(
                        Diagnostic::error(
                            &info.path,
                            info.line,
                            info.column,
                            format!("message `{id}` uses the variable `${variable}`, which the theme does not give it"),
                        )
                        .with_help(help),
                    );
                }
            }
        }
        let base = &self.editions[default].messages;
        for (_, edition) in self.editions.iter().enumerate().filter(|(i, _)| *i != default) {
            for (id, info) in edition.messages.iter().filter(|(id, _)| !edition.theme_variables.contains_key(*id)) {
                let Some(original) = base.get(id) else { continue };
                for variable in info.variables.difference(&original.variables) {
                    let known: Vec<String> = original.variables.iter().map(|v| format!("`${v}`")).collect();
                    let help = if known.is_empty() {
                        "the default edition's message has no variables; write the text without this one".to_string()
                    } else {
                        format!("the default edition's message has {}; correct the name", known.join(", "))
                    };
                    diagnostics.push(
                        Diagnostic::warning(
                            &info.path,
                            info.line,
                            info.column,
                            format!("message `{id}` uses the variable `${variable}`, which the default edition's message does not have"),
                        )
                        .with_help(help),
                    );
                }
            }
        }
    }

    /// Whether the message `key` that edition `edition` shows was reported when loading for a
    /// variable its caller does not give: formatting it then fails for the same reason, which
    /// is not reported a second time.
    pub(crate) fn misspelt_variable(&self, edition: usize, key: &str) -> bool {
        let strings = &self.editions[edition];
        match (strings.messages.get(key), strings.theme_variables.get(key)) {
            (Some(info), Some(given)) => !info.variables.is_subset(given),
            _ => false,
        }
    }

    /// The message ids an edition declares itself, with where and how.
    pub(crate) fn declared(&self, edition: usize) -> &BTreeMap<String, MessageInfo> {
        &self.editions[edition].messages
    }

    /// The ids of the messages an edition declares itself, in order.
    pub fn message_ids(&self, edition: usize) -> impl Iterator<Item = &str> {
        self.editions[edition].messages.keys().map(String::as_str)
    }

    /// Formats a number for the edition's language ("0,25" in Dutch, "0.25" in English), with a
    /// true minus sign so screen readers say "minus".
    pub fn format_number(&self, edition: usize, value: f64, decimals: Option<usize>) -> String {
        let text = match decimals {
            Some(d) => format!("{value:.d$}"),
            None => trim_float(value),
        };
        let formatted = match (&self.editions[edition].numbers, Decimal::from_str(&text)) {
            (Some(formatter), Ok(decimal)) => formatter.format(&decimal).to_string(),
            _ => text,
        };
        formatted.replacen('-', "\u{2212}", 1)
    }
}

impl I18n {
    /// Formats an ISO date (`2027-03-01`) for the edition's language with the Fluent messages
    /// `month-1` … `month-12` and `date-long` (with `$day`, `$month`, `$year`), so translators
    /// control the form ("1 maart 2027", "1 March 2027"). Other text is returned as it is.
    pub(crate) fn format_date(&self, edition: usize, iso: &str) -> String {
        let parts: Vec<&str> = iso.split('-').collect();
        let [year, month, day] = parts[..] else { return iso.to_string() };
        let (Ok(m), Ok(d)) = (month.parse::<u32>(), day.parse::<u32>()) else { return iso.to_string() };
        let Some((month_name, _)) = self.message(edition, &format!("month-{m}"), None) else { return iso.to_string() };
        let mut args = FluentArgs::new();
        args.set("day", FluentValue::from(d.to_string()));
        args.set("month", FluentValue::from(month_name));
        args.set("year", FluentValue::from(year.to_string()));
        self.message(edition, "date-long", Some(&args)).map(|(text, _)| text).unwrap_or_else(|| iso.to_string())
    }
}

/// Shortest text of a float without noise digits (0.25, -4.2, 300000).
fn trim_float(value: f64) -> String {
    let mut text = format!("{value:.6}");
    if text.contains('.') {
        text = text.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    if text == "-0" {
        text = "0".into();
    }
    text
}

fn default_index(config: &Config) -> usize {
    config.editions.iter().position(|e| e.code == config.default_edition).unwrap_or(0)
}

/// Each edition's lookup chain: itself, its fallbacks (recursively), then the default edition.
pub fn fallback_chains(config: &Config) -> Vec<Vec<usize>> {
    let index_of = |code: &str| config.editions.iter().position(|e| e.code == code);
    let default = default_index(config);
    (0..config.editions.len())
        .map(|start| {
            let mut chain = vec![start];
            let mut i = 0;
            while i < chain.len() {
                for code in &config.editions[chain[i]].fallback {
                    if let Some(e) = index_of(code) {
                        if !chain.contains(&e) {
                            chain.push(e);
                        }
                    }
                }
                i += 1;
            }
            if !chain.contains(&default) {
                chain.push(default);
            }
            chain
        })
        .collect()
}

fn empty_edition(lang: &str) -> EditionStrings {
    let langid: unic_langid::LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(false);
    let numbers = icu_locale_core::Locale::try_from_str(lang)
        .ok()
        .and_then(|locale| DecimalFormatter::try_new((&locale).into(), Default::default()).ok());
    EditionStrings { bundle, messages: BTreeMap::new(), theme_variables: BTreeMap::new(), numbers }
}

fn load_edition(root: &Path, code: &str, lang: &str, diagnostics: &Diagnostics) -> EditionStrings {
    let mut strings = empty_edition(lang);
    let dir = root.join("locales").join(code);
    let site_root = crate::boundary::SiteRoot::new(root);
    for folder in [root.join("locales"), dir.clone()] {
        if let Err(d) = crate::boundary::check_source_folder(&site_root, &folder) {
            diagnostics.push(d);
            return strings;
        }
    }
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return strings;
    };
    let mut files: Vec<PathBuf> =
        entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "ftl")).collect();
    files.sort();
    for path in files {
        if let Err(d) = site_root.check(&path) {
            diagnostics.push(d);
            continue;
        }
        let text = match crate::content::read_text(&path) {
            Ok(text) => text,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        let Some(resource) = parse_reported(&text, &path, diagnostics) else { continue };
        collect_messages(&resource, &text, &path, &mut strings.messages, diagnostics);
        if let Err(errors) = strings.bundle.add_resource(resource) {
            // Messages defined twice are already reported, with their position.
            for error in errors.into_iter().filter(|e| !matches!(e, fluent_bundle::FluentError::Overriding { .. })) {
                diagnostics.push(
                    Diagnostic::error(&path, 0, 0, format!("Fluent: {error}"))
                        .with_help("every message id may be defined once per edition"),
                );
            }
        }
    }
    strings
}

/// Adds a theme layer's Fluent files to an edition's strings, below what is there already: a
/// message the edition (or a higher layer) defines keeps its text. The theme's files are
/// trusted, but parsed as carefully as the site's.
fn add_theme_strings(strings: &mut EditionStrings, files: &[crate::theme::ThemeFile], diagnostics: &Diagnostics) {
    let mut layer = BTreeMap::new();
    for file in files {
        let path = file.path();
        let text = file.text().into_owned();
        let Some(resource) = parse_reported(&text, &path, diagnostics) else { continue };
        collect_messages(&resource, &text, &path, &mut layer, diagnostics);
        // Ids already defined are kept (fluent-bundle ignores the new entry and says so).
        let _ = strings.bundle.add_resource(resource);
    }
    for (id, info) in layer {
        strings.theme_variables.entry(id.clone()).or_insert_with(|| info.variables.clone());
        strings.messages.entry(id).or_insert(info);
    }
}

/// How deep placeables, select expressions and call arguments may nest in a Fluent file. Real
/// strings use two or three levels.
pub(crate) const MAX_FLUENT_NESTING: usize = 32;

/// Stack the Fluent parser may use per `{` or `(` of the text, with room to spare.
const FLUENT_STACK_PER_LEVEL: usize = 16 * 1024;

type Parsed = Result<FluentResource, (FluentResource, Vec<fluent_syntax::parser::ParserError>)>;

/// Parses a Fluent file and reports what is wrong in it at its position: `None` if nothing of
/// it can be used, else the resource with its good messages (each syntax error reported).
fn parse_reported(text: &str, path: &Path, diagnostics: &Diagnostics) -> Option<FluentResource> {
    match parse_resource(text.to_string()) {
        Ok(Ok(resource)) => Some(resource),
        Ok(Err((resource, errors))) => {
            let index = LineIndex::new(text);
            for error in errors {
                // The parser reports a missing `}` or `]` where it gave up looking, which is
                // after the line break that ended the placeable: the place to type it is right
                // after the last character before that, on the line before.
                let start = error.pos.start.min(text.len());
                let before = text[..start].trim_end();
                let at = match matches!(error.kind, fluent_syntax::parser::ErrorKind::ExpectedToken(_)) && before.len() < start {
                    true if text[before.len()..start].contains('\n') => before.len(),
                    _ => start,
                };
                let (line, column) = index.position(at);
                diagnostics.push(Diagnostic::error(path, line, column, format!("Fluent syntax error: {}", error.kind)).with_help(
                    match &error.kind {
                        fluent_syntax::parser::ErrorKind::ExpectedToken(token) => {
                            format!("type `{token}` here to close what the line opened")
                        }
                        _ => "a message is `key = text`; continuation lines are indented; see TRANSLATING.md".into(),
                    },
                ));
            }
            Some(resource)
        }
        Err((offset, message, help)) => {
            let (line, column) = offset.map_or((0, 0), |o| LineIndex::new(text).position(o));
            diagnostics.push(Diagnostic::error(path, line, column, message).with_help(help));
            None
        }
    }
}

/// `FluentResource::try_new`, safe against deep nesting. fluent-syntax parses recursively with no
/// depth limit (projectfluent/fluent#284), so `a = {{{{…` a few thousand levels deep overflows
/// the stack and aborts plein. It parses here on a thread whose stack fits the deepest nesting
/// the text allows (one level per `{` or `(`); a resource nested deeper than
/// [`MAX_FLUENT_NESTING`] is dropped on that thread too (dropping recurses) and reported, so our
/// own walk and fluent-bundle's resolver on the 2 MiB render threads only see shallow strings.
///
/// fluent-syntax also panics on `\u` or `\U` followed by too few hex digits and then a non-ASCII
/// character (projectfluent/fluent-rs#389): such text is reported before parsing.
fn parse_resource(text: String) -> Result<Parsed, (Option<usize>, String, &'static str)> {
    if let Some(offset) = bad_unicode_escape(&text) {
        let message = "invalid unicode escape: `\\u` needs 4 hex digits and `\\U` 6, like \"\\u00A0\"".to_string();
        return Err((Some(offset), message, "write the escape with all its digits, or type the character itself"));
    }
    let nesting_help = "placeables `{ }` and function calls may nest a few levels; see TRANSLATING.md";
    let levels = text.bytes().filter(|b| matches!(b, b'{' | b'(')).count();
    let stack = levels.saturating_mul(FLUENT_STACK_PER_LEVEL).saturating_add(1 << 20);
    let too_deep = |depth: usize| format!("placeables are nested {depth} levels deep; at most {MAX_FLUENT_NESTING} are allowed");
    std::thread::scope(|scope| {
        let parse = move || {
            let parsed = FluentResource::try_new(text);
            let resource = match &parsed {
                Ok(resource) | Err((resource, _)) => resource,
            };
            let depth = resource.entries().map(entry_depth).max().unwrap_or(0);
            if depth > MAX_FLUENT_NESTING {
                Err(depth)
            } else {
                Ok(parsed)
            }
        };
        match std::thread::Builder::new().stack_size(stack).spawn_scoped(scope, parse) {
            Ok(handle) => match handle.join() {
                Ok(Ok(parsed)) => Ok(parsed),
                Ok(Err(depth)) => Err((None, too_deep(depth), nesting_help)),
                Err(panic) => std::panic::resume_unwind(panic),
            },
            Err(e) => Err((None, format!("cannot parse the file ({levels} placeables or calls): {e}"), nesting_help)),
        }
    })
}

/// Byte offset of a `\u` / `\U` escape cut short by a non-ASCII character, on which fluent-syntax
/// panics (it slices one byte past the last hex digit).
fn bad_unicode_escape(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    bytes.windows(2).enumerate().find_map(|(i, pair)| {
        let digits = match pair {
            [b'\\', b'u'] => 4,
            [b'\\', b'U'] => 6,
            _ => return None,
        };
        let hex = bytes[i + 2..].iter().take(digits).take_while(|b| b.is_ascii_hexdigit()).count();
        (hex < digits && bytes.get(i + 2 + hex).is_some_and(|b| !b.is_ascii())).then_some(i)
    })
}

/// Nesting depth of a message or term: placeables, select expressions and call arguments.
fn entry_depth(entry: &ast::Entry<&str>) -> usize {
    let (value, attributes) = match entry {
        ast::Entry::Message(m) => (m.value.as_ref(), &m.attributes),
        ast::Entry::Term(t) => (Some(&t.value), &t.attributes),
        _ => return 0,
    };
    value.into_iter().chain(attributes.iter().map(|a| &a.value)).map(pattern_depth).max().unwrap_or(0)
}

fn pattern_depth(pattern: &ast::Pattern<&str>) -> usize {
    let placeable = |e: &ast::PatternElement<&str>| match e {
        ast::PatternElement::Placeable { expression } => 1 + expression_depth(expression),
        ast::PatternElement::TextElement { .. } => 0,
    };
    pattern.elements.iter().map(placeable).max().unwrap_or(0)
}

fn expression_depth(expression: &ast::Expression<&str>) -> usize {
    match expression {
        ast::Expression::Select { selector, variants } => {
            let deepest = variants.iter().map(|v| pattern_depth(&v.value)).max().unwrap_or(0);
            1 + inline_depth(selector).max(deepest)
        }
        ast::Expression::Inline(inline) => inline_depth(inline),
    }
}

fn inline_depth(inline: &ast::InlineExpression<&str>) -> usize {
    let arguments = |args: &ast::CallArguments<&str>| {
        let named = args.named.iter().map(|n| &n.value);
        1 + args.positional.iter().chain(named).map(inline_depth).max().unwrap_or(0)
    };
    match inline {
        ast::InlineExpression::FunctionReference { arguments: args, .. } => arguments(args),
        ast::InlineExpression::TermReference { arguments: Some(args), .. } => arguments(args),
        ast::InlineExpression::Placeable { expression } => 1 + expression_depth(expression),
        _ => 0,
    }
}

fn collect_messages(
    resource: &FluentResource,
    text: &str,
    path: &Path,
    messages: &mut BTreeMap<String, MessageInfo>,
    diagnostics: &Diagnostics,
) {
    let index = LineIndex::new(text);
    for entry in resource.entries() {
        let (id, pattern, attributes) = match entry {
            ast::Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
            ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
            _ => continue,
        };
        let earlier = if messages.get(&id).is_some_and(|m| m.path == path) { 1 } else { 0 };
        let position = find_definition(text, &id, earlier).map(|o| index.position(o)).unwrap_or((0, 0));
        if messages.contains_key(&id) {
            diagnostics.push(
                Diagnostic::error(path, position.0, position.1, format!("message `{id}` is defined twice"))
                    .with_help("remove or rename one of them"),
            );
        }
        let mut info = MessageInfo {
            path: path.to_path_buf(),
            line: position.0,
            column: position.1,
            variables: BTreeSet::new(),
            references: Vec::new(),
        };
        let mut patterns: Vec<&ast::Pattern<&str>> = pattern.into_iter().collect();
        patterns.extend(attributes.iter().map(|a| &a.value));
        for pattern in patterns {
            walk_pattern(pattern, &mut info, position);
        }
        messages.insert(id, info);
    }
}

/// Byte offset of the definition of `id` in `text`, skipping `skip` earlier definitions.
fn find_definition(text: &str, id: &str, mut skip: usize) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(id) {
            if rest.trim_start().starts_with('=') {
                if skip == 0 {
                    return Some(offset);
                }
                skip -= 1;
            }
        }
        offset += line.len();
    }
    None
}

fn walk_pattern(pattern: &ast::Pattern<&str>, info: &mut MessageInfo, at: (usize, usize)) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            walk_expression(expression, info, at);
        }
    }
}

fn walk_expression(expression: &ast::Expression<&str>, info: &mut MessageInfo, at: (usize, usize)) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, info, at);
            for variant in variants {
                walk_pattern(&variant.value, info, at);
            }
        }
        ast::Expression::Inline(inline) => walk_inline(inline, info, at),
    }
}

fn walk_inline(inline: &ast::InlineExpression<&str>, info: &mut MessageInfo, at: (usize, usize)) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            info.variables.insert(id.name.to_string());
        }
        ast::InlineExpression::MessageReference { id, .. } => {
            info.references.push(Reference { id: id.name.to_string(), line: at.0, column: at.1 })
        }
        ast::InlineExpression::TermReference { id, arguments, .. } => {
            info.references.push(Reference { id: format!("-{}", id.name), line: at.0, column: at.1 });
            if let Some(args) = arguments {
                for arg in &args.positional {
                    walk_inline(arg, info, at);
                }
            }
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for arg in &arguments.positional {
                walk_inline(arg, info, at);
            }
        }
        ast::InlineExpression::Placeable { expression } => walk_expression(expression, info, at),
        _ => {}
    }
}

/// Converts template arguments (JSON values) into Fluent arguments.
pub(crate) fn fluent_args(args: &BTreeMap<String, serde_json::Value>) -> FluentArgs<'static> {
    let mut out = FluentArgs::new();
    for (name, value) in args {
        let value: FluentValue<'static> = match value {
            serde_json::Value::Number(n) => n.as_f64().map(FluentValue::from).unwrap_or(FluentValue::None),
            serde_json::Value::String(s) => FluentValue::from(s.clone()),
            serde_json::Value::Bool(b) => FluentValue::from(b.to_string()),
            other => FluentValue::from(other.to_string()),
        };
        out.set(name.clone(), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::parse(
            "base_url: https://e.org/\ndefault_edition: nl\ntheme: default\neditions:\n  - {code: nl, prefix: \"\", lang: nl, name: NL}\n  - {code: en, prefix: en, lang: en, name: EN}\n  - {code: ar, prefix: ar, lang: ar, dir: rtl, name: AR, fallback: [en]}\n",
            Path::new("site.yaml"),
        )
        .unwrap()
    }

    #[test]
    fn chains_end_with_default() {
        assert_eq!(fallback_chains(&config()), vec![vec![0], vec![1, 0], vec![2, 1, 0]]);
    }

    #[test]
    fn numbers_follow_the_language() {
        let i = I18n::empty(&config());
        assert_eq!(i.format_number(0, 0.25, None), "0,25");
        assert_eq!(i.format_number(1, 0.25, None), "0.25");
        assert_eq!(i.format_number(0, 300000.0, None), "300.000");
        assert_eq!(i.format_number(1, -4.2, Some(1)), "\u{2212}4.2");
    }
}
