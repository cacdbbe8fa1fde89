//! Parser errors in the words of the file's author: a serde-saphyr or serde_json error
//! becomes a located [`Problem`] with a plain message, what to do, and the line quoted.

use super::{Limits, scalar_at};
use crate::diagnostic::{Position, Problem, did_you_mean, excerpt};

/// A YAML or type error in `text` as a problem: position, a user-facing message, the source
/// excerpt, and a suggestion for a misspelt field. `limits` says which kind of file it is.
pub fn yaml_problem(e: &serde_saphyr::Error, text: &str, limits: &Limits) -> Problem {
    use serde_saphyr::{MessageFormatter, UserMessageFormatter};
    let position = e.location().as_ref().and_then(Position::of);
    let message = UserMessageFormatter.format_message(e).trim().to_owned();
    let (message, help) = budget_wording(e, &message, limits)
        .or_else(|| number_wording(&message, position.and_then(|p| scalar_at(text, p))))
        .unwrap_or_else(|| user_wording(&message, limits.docs));
    let message = lower_first(&message);
    // The rendered error is "error: ..." then " --> <input>:l:c" then the excerpt; keep the
    // excerpt, with these words (not the parser's) under its caret.
    let rendered = e.render_with_formatter(&Worded(&message));
    // serde-saphyr's excerpt shows a bidi control as U+FFFD and a control character as a
    // space: where its lines hold a hidden character, the line is quoted as every other
    // message quotes it, with the character escaped.
    let own = position
        .filter(|at| hidden_near(text, at.line))
        .and_then(|at| excerpt(text, at, &message));
    let mut problem = Problem::new(position, message).help(help);
    let theirs: Vec<&str> = rendered
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("-->"))
        .skip(1)
        .collect();
    if own.is_some() {
        problem.snippet = own;
    } else if !theirs.is_empty() {
        problem.snippet = Some(theirs.join("\n").trim_end().to_owned());
    }
    problem
}

/// Whether a line serde-saphyr quotes around `line` (two either side) holds a hidden
/// character other than a tab.
fn hidden_near(text: &str, line: u64) -> bool {
    let first = usize::try_from(line.saturating_sub(3)).unwrap_or(usize::MAX);
    text.lines()
        .skip(first)
        .take(5)
        .any(|l| l.chars().any(|c| c != '\t' && crate::text::is_hidden(c)))
}

/// A message formatter that says what it is given: puts our wording in the parser's excerpt.
struct Worded<'m>(&'m str);

impl serde_saphyr::MessageFormatter for Worded<'_> {
    fn format_message<'a>(&self, _: &'a serde_saphyr::Error) -> std::borrow::Cow<'a, str> {
        std::borrow::Cow::Owned(self.0.to_owned())
    }
}

/// A breached YAML budget (an alias bomb, deep nesting, a huge document) in plain words.
fn budget_wording(
    e: &serde_saphyr::Error,
    message: &str,
    limits: &Limits,
) -> Option<(String, String)> {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    let mut e = e;
    while let E::WithSnippet { error, .. } | E::AliasError { error, .. } = e {
        e = error;
    }
    let check = || format!("check that this is the file you meant; see {}", limits.docs);
    let (m, h) = match e {
        E::Budget {
            breach: B::Depth { .. },
            ..
        } => deep(limits),
        _ if message == "recursion limit exceeded" => deep(limits),
        E::Budget {
            breach: B::Documents { .. },
            ..
        } => (
            "the file holds more than one YAML document (a second `---`)".to_owned(),
            format!("one file holds one {}; split it into files", limits.name),
        ),
        E::MergeKeyNotAllowed { .. } => (
            format!("YAML merge keys (`<<`) are not accepted in {}", limits.what),
            "write the fields out in full".to_owned(),
        ),
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. }
        | E::Budget {
            breach:
                B::Aliases { .. }
                | B::Anchors { .. }
                | B::AliasAnchorRatio { .. }
                | B::RecordedAnchorEvents { .. },
            ..
        } => (
            format!(
                "the file's `*` aliases copy in too much (the limit is {} values)",
                limits.max_alias_copies
            ),
            "write the values out in full, or use fewer `&anchor` / `*alias` pairs".to_owned(),
        ),
        E::Budget {
            breach: B::Nodes { .. } | B::Events { .. },
            ..
        } => (
            format!(
                "the file is too large or too complex for {} (the limit is {} values)",
                limits.what, limits.max_nodes
            ),
            check(),
        ),
        E::Budget {
            breach: B::ScalarBytes { .. } | B::RecordedAnchorBytes { .. },
            ..
        } => (
            format!(
                "the file holds, or copies in with aliases, too much text for {} (the limit is {} MiB)",
                limits.what,
                limits.max_text_bytes() >> 20
            ),
            check(),
        ),
        E::Budget { .. } => (
            format!("the file is too large or too complex for {}", limits.what),
            check(),
        ),
        _ => return None,
    };
    Some((m, h))
}

/// Nesting deeper than the limit, in words.
fn deep(limits: &Limits) -> (String, String) {
    (
        format!(
            "the file nests lists and maps too deeply (the limit is {} levels)",
            limits.max_depth
        ),
        format!(
            "no {} nests this deep; check the brackets and indentation",
            limits.name
        ),
    )
}

/// "invalid u32" for `-3` or `99999999999999999999`: say which, with the number written.
/// `written` is the scalar on the error's line; when it fits the type after all, the value
/// was something else (a scalar running on over several lines), and this says nothing.
fn number_wording(message: &str, written: Option<&str>) -> Option<(String, String)> {
    let fits = |w: &str| match message.get(..11) {
        Some("invalid u64") => w.parse::<u64>().is_ok(),
        Some("invalid u32") => w.parse::<u32>().is_ok(),
        Some("invalid i64") => w.parse::<i64>().is_ok(),
        Some("invalid i32") => w.parse::<i32>().is_ok(),
        _ => true,
    };
    let written = written?;
    let digits = written.strip_prefix('-').unwrap_or(written);
    if fits(written) || digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let help = "write a whole number in the range the field allows".to_owned();
    Some(
        if message.starts_with("invalid u") && written.starts_with('-') {
            (format!("the number {written} must not be negative"), help)
        } else {
            (format!("the number {written} is too large"), help)
        },
    )
}

/// The parser's message in words for the file's author, with what to do.
pub fn user_wording(message: &str, docs: &str) -> (String, String) {
    // "unknown field `titel`, expected one of a, b, c": keep the first part, suggest the nearest.
    if let Some((field, expected)) = unknown_field(message) {
        let help = match did_you_mean(field, expected.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the fields allowed here are: {}", expected.join(", ")),
        };
        return (format!("unknown field `{field}`"), help);
    }
    if let Some(plain) = structure_wording(message) {
        return plain;
    }
    let help = if message.starts_with("unknown variant") && message.contains("yes_or_not_known") {
        "rules can only test `yes` or `yes_or_not_known`: a rule on \"no\" or \"not known\" alone \
         would stop firing when the answer became yes, and lower the outcome"
            .to_owned()
    } else if message.starts_with("duplicate mapping key") {
        "a key may appear only once in each mapping; remove or merge the repeated one".to_owned()
    } else if message.starts_with("missing field") {
        let field = message.split('`').nth(1).unwrap_or("it");
        format!("add `{field}:`; see {docs} for what it holds")
    } else if ["invalid i64", "invalid u64", "invalid u32", "invalid i32"]
        .iter()
        .any(|m| message.starts_with(m))
    {
        return (
            "expected a whole number".to_owned(),
            "write a whole number such as 2, without quotes or decimals".to_owned(),
        );
    } else if message.starts_with("value requires quoting") {
        return (
            "expected text, but this value reads as a number or true/false".to_owned(),
            "put it in quotes, for example \"1.0\" or \"12345\"; YAML 1.2 reads it unquoted as a number or a boolean, and so do editors".to_owned(),
        );
    } else if message.starts_with("invalid boolean") {
        return (
            "expected true or false".to_owned(),
            "write `true` or `false` (YAML 1.2: `yes`, `no`, `on` and `off` are text)".to_owned(),
        );
    } else if message.starts_with("expected string scalar") {
        return (
            "expected text".to_owned(),
            "write plain text; quote it if it starts with [, { or another YAML symbol".to_owned(),
        );
    } else if message.starts_with("unknown variant") {
        let (_, expected) = message.split_once("expected ").unwrap_or(("", ""));
        format!(
            "use {}",
            expected.trim_start_matches("one of ").replace('`', "")
        )
    } else {
        format!("see {docs} for the fields and their types")
    };
    (message.to_owned(), help)
}

/// A problem the lenient reading words in a serde type's terms, in the words the strict
/// reading uses for the same problem.
pub fn in_plain_terms(mut p: Problem) -> Problem {
    if p.message == "invalid type: sequence, expected a single value" {
        p.message = "expected one value here, not a list".to_owned();
        p.help = Some("write a single value such as `yes`".to_owned());
    }
    p
}

/// A problem in a JSON file, in JSON's terms: JSON (which the YAML reader reads too) writes
/// fields as `{"name": value}`, lists as `[...]` and all text in double quotes.
pub fn in_json_terms(mut p: Problem) -> Problem {
    let object = p.message.starts_with("invalid type:")
        && p.message.ends_with("expected fields (`name: value`)");
    let (message, help) = match p.message.as_str() {
        "expected fields (`name: value` lines) here" => (
            "expected an object here".to_owned(),
            "write it as `{\"name\": value, ...}`".to_owned(),
        ),
        _ if object => (
            "expected an object here".to_owned(),
            "write it as `{\"name\": value, ...}`".to_owned(),
        ),
        "expected a list here" => (
            "expected a list here".to_owned(),
            "write it as `[\"a\", \"b\"]`".to_owned(),
        ),
        "expected text" | "expected text, but this value reads as a number or true/false" => (
            "expected text".to_owned(),
            "write it in double quotes: `\"...\"`".to_owned(),
        ),
        "expected one value here, not a list" => (
            "expected one value here, not a list".to_owned(),
            "write a single value such as `\"yes\"`".to_owned(),
        ),
        m if m.starts_with("missing field `") => {
            let field = m.split('`').nth(1).unwrap_or_default();
            let docs = p
                .help
                .as_deref()
                .and_then(|h| h.split("; see ").nth(1))
                .unwrap_or("the format's documentation for what it holds")
                .to_owned();
            (m.to_owned(), format!("add `\"{field}\": ...`; see {docs}"))
        }
        _ => return p,
    };
    p.message = message;
    p.help = Some(help);
    p
}

/// The parser's words for a wrong shape or bad indentation, as the file's author would say it.
fn structure_wording(message: &str) -> Option<(String, String)> {
    let (m, h) = match message {
        "expected mapping start" => (
            "expected fields (`name: value` lines) here",
            "write this as `name: value` lines indented under it, or as `{name: value, ...}`",
        ),
        "expected sequence start" => (
            "expected a list here",
            "write each item on its own line starting with `- `, or as `[a, b]`",
        ),
        "externally tagged enum expected scalar or mapping" => (
            "expected one value here, not a list",
            "write a single value such as `yes`",
        ),
        "mapping values are not allowed in this context" => (
            message,
            "check the indentation of this line and the ones above; quote text that contains `: `",
        ),
        _ if message.contains("found a tab") || message.starts_with("tabs disallowed") => (
            message,
            "indent with spaces: YAML does not allow tabs for indentation",
        ),
        _ => return None,
    };
    Some((m.to_owned(), h.to_owned()))
}

/// Splits serde's "unknown field `x`, expected one of `a`, `b`" into the field and the choices.
fn unknown_field(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected = rest.split_once("expected ").map_or("", |(_, e)| e);
    let expected = expected.strip_prefix("one of ").unwrap_or(expected);
    let names = expected
        .split(", ")
        .map(|n| n.trim_matches('`'))
        .filter(|n| !n.is_empty())
        .collect();
    Some((field, names))
}

/// The message with its first letter lower-case, unless it starts an acronym ("YAML").
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) if !chars.clone().next().is_some_and(char::is_uppercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => s.to_owned(),
    }
}
