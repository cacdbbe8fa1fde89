//! Problems found in a user's file: where (file, line, column), what, and what to do.
//!
//! Every loader and validator reports through [`Problem`], so all messages share one
//! shape: `file:line:col: message` then an indented `help:` line. Nothing here panics.

use std::fmt;

/// A place in a file, 1-based. `None` parts were not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub line: u64,
    pub column: u64,
}

impl Position {
    /// The position of a spanned value, if the parser recorded one.
    pub fn of(location: &serde_saphyr::Location) -> Option<Position> {
        (location.line() > 0).then(|| Position {
            line: location.line(),
            column: location.column(),
        })
    }
}

/// One problem with a file. Messages are lower-case and name the id concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub position: Option<Position>,
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// A source excerpt (from the YAML parser), shown under the message.
    pub snippet: Option<String>,
}

impl Problem {
    pub fn new(position: Option<Position>, message: impl Into<String>) -> Problem {
        Problem {
            position,
            message: message.into(),
            help: None,
            snippet: None,
        }
    }

    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }

    /// Renders the problem for `file`, as `file:line:col: message` plus help.
    pub fn display<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        DisplayProblem {
            problem: self,
            file,
        }
    }
}

struct DisplayProblem<'a> {
    problem: &'a Problem,
    file: &'a str,
}

impl fmt::Display for DisplayProblem<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.problem;
        let (file, message) = (crate::text::OneLine(self.file), Printable(&p.message));
        match p.position {
            Some(pos) => write!(f, "{file}:{}:{}: {message}", pos.line, pos.column)?,
            None => write!(f, "{file}: {message}")?,
        }
        if let Some(snippet) = &p.snippet {
            for line in snippet.lines() {
                write!(f, "\n  {}", Printable(line))?;
            }
        }
        if let Some(help) = &p.help {
            write!(f, "\n  help: {}", Printable(help))?;
        }
        Ok(())
    }
}

/// Text from a file, safe to print on a terminal: hidden characters (an escape sequence
/// in a hostile file could rewrite the screen or the window title; a bidi control reorders
/// what is shown) are shown as `\u{1b}`, as [`crate::text`] does for every sink.
/// Tabs stay, as they keep a quoted line's caret in place.
pub struct Printable<'a>(pub &'a str);

impl fmt::Display for Printable<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::text::prose(self.0))
    }
}

/// The line at `pos` of `text` with a caret under the column, in the parser's style:
/// ```text
///     |
///   7 |   unexplained_gfts: {answer: yes}
///     |   ^ label
/// ```
pub fn excerpt(text: &str, pos: Position, label: &str) -> Option<String> {
    let index = usize::try_from(pos.line).ok()?.checked_sub(1)?;
    quote(text.lines().nth(index)?, pos, label)
}

/// A text's lines, found once, for quoting many places in it: [`excerpt`] finds its line
/// from the start of the text, which for thousands of problems in a large file is
/// thousands of passes over it.
pub struct Lines<'a>(Vec<&'a str>);

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        Lines(text.lines().collect())
    }

    /// [`excerpt`] of the text at `pos`.
    pub fn excerpt(&self, pos: Position, label: &str) -> Option<String> {
        let index = usize::try_from(pos.line).ok()?.checked_sub(1)?;
        quote(self.0.get(index)?, pos, label)
    }
}

/// `line`, line `pos.line` of its text, quoted with a caret under `pos.column`.
fn quote(line: &str, pos: Position, label: &str) -> Option<String> {
    let number = pos.line.to_string();
    let pad = " ".repeat(number.len());
    // The line as every message shows it (hidden characters escaped, tabs kept), and the
    // caret under the character at `pos.column` of that shown line, however wide the
    // escapes before it are, and however many screen columns each character takes (two for
    // a CJK character or an emoji, none for a combining accent).
    let upto = usize::try_from(pos.column.saturating_sub(1)).ok()?;
    let mut shown = String::with_capacity(line.len());
    let mut before = String::new();
    for (i, c) in line.chars().enumerate() {
        let mut buf = [0; 4];
        let visible = crate::text::prose(c.encode_utf8(&mut buf));
        if i < upto {
            match c {
                '\t' => before.push('\t'),
                _ => before.extend(std::iter::repeat_n(
                    ' ',
                    textwrap::core::display_width(&visible),
                )),
            }
        }
        shown.push_str(&visible);
    }
    Some(format!(
        "{pad} |\n{number} | {shown}\n{pad} | {before}^ {label}"
    ))
}

/// Problems of one file, sorted by position so reports read top to bottom.
pub fn sorted(mut problems: Vec<Problem>) -> Vec<Problem> {
    problems.sort_by(|a, b| {
        a.position
            .cmp(&b.position)
            .then_with(|| a.message.cmp(&b.message))
    });
    problems.dedup();
    problems
}

/// The candidate closest to `wrong` by edit distance, if it is close enough to be a typo.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (wrong.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .filter_map(|c| edit_distance(wrong, c, limit).map(|d| (d, c)))
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters, if it is at most `limit`. It stops as soon as
/// every way on is over the limit, so a file of thousands of unknown ids is not thousands
/// of full comparisons with every candidate.
fn edit_distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
        // A row's least value never falls in the rows after it.
        if row.iter().min().is_some_and(|&least| least > limit) {
            return None;
        }
    }
    Some(row[b.len()]).filter(|&d| d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_ids_only() {
        let ids = ["strategy_meeting", "mash_referral", "call_999"];
        assert_eq!(
            did_you_mean("strategy_meting", ids),
            Some("strategy_meeting")
        );
        assert_eq!(did_you_mean("mash_refferal", ids), Some("mash_referral"));
        assert_eq!(did_you_mean("kingfisher", ids), None);
    }

    #[test]
    fn the_distance_stops_at_the_limit_and_agrees_with_the_full_distance_below_it() {
        assert_eq!(edit_distance("kitten", "sitting", 3), Some(3));
        assert_eq!(edit_distance("kitten", "sitting", 2), None);
        assert_eq!(edit_distance("", "abc", 3), Some(3));
        assert_eq!(edit_distance("abc", "", 2), None);
        assert_eq!(edit_distance("same", "same", 0), Some(0));
        proptest::proptest!(|(a in "[ab_]{0,12}", b in "[ab_]{0,12}", limit in 0usize..8)| {
            let full = edit_distance(&a, &b, usize::MAX);
            proptest::prop_assert!(full.is_some());
            let expected = full.filter(|&d| d <= limit);
            proptest::prop_assert_eq!(edit_distance(&a, &b, limit), expected);
        });
    }

    #[test]
    fn lines_found_once_quote_each_place_as_the_text_does() {
        let text = "one\r\ntwo\n\nfour\tx\rstill four\n";
        let lines = Lines::new(text);
        for line in 0..=6 {
            for column in 0..=12 {
                let at = Position { line, column };
                assert_eq!(
                    lines.excerpt(at, "here"),
                    excerpt(text, at, "here"),
                    "{at:?}"
                );
            }
        }
        assert!(
            lines
                .excerpt(Position { line: 4, column: 2 }, "here")
                .is_some()
        );
        assert!(
            lines
                .excerpt(Position { line: 5, column: 1 }, "here")
                .is_none()
        );
    }

    #[test]
    fn control_characters_from_a_file_are_shown_not_sent_to_the_terminal() {
        let p = Problem::new(None, "unknown indicator `x\u{1b}]0;owned\u{7}`")
            .help("did you mean\u{9b}?");
        assert_eq!(
            p.display("q\u{1b}[2J.yaml").to_string(),
            "q\\u{1b}[2J.yaml: unknown indicator `x\\u{1b}]0;owned\\u{7}`\n  help: did you mean\\u{9b}?"
        );
        assert_eq!(Printable("a\tb\nc").to_string(), "a\tb\nc");
    }

    #[test]
    fn an_excerpt_escapes_hidden_characters_and_keeps_its_caret_under_the_column() {
        // Column 9 is the `x`: after a bidi override, a tab and a bell, each one character.
        let text = "first\nab\u{202e}c\td\u{7}ex\n";
        let at = Position { line: 2, column: 9 };
        assert_eq!(
            excerpt(text, at, "here").as_deref(),
            Some("  |\n2 | ab\\u{202e}c\td\\u{7}ex\n  |            \t       ^ here")
        );
        // The caret's line shows the quoted line's characters by column.
        let shown = excerpt(text, at, "here").unwrap_or_default();
        let lines: Vec<&str> = shown.lines().collect();
        let caret = lines[2].find('^').unwrap_or_default() - "  | ".len();
        let quoted = &lines[1]["2 | ".len()..];
        assert_eq!(quoted.as_bytes()[caret], b'x');
    }

    #[test]
    fn an_excerpt_s_caret_stands_under_its_column_on_screen_after_wide_and_combining_characters() {
        // Column 7 is the `x`: after two CJK characters and an emoji (two screen columns
        // each), and an `e` with a combining acute accent (one column for the two).
        let text = "a\u{4e2d}\u{6587}\u{1f600}e\u{301}x\n";
        let at = Position { line: 1, column: 7 };
        let shown = excerpt(text, at, "here").unwrap_or_default();
        let lines: Vec<&str> = shown.lines().collect();
        // a (1) + two CJK (4) + emoji (2) + e and its accent (1): the caret after 8 columns.
        assert_eq!(lines[2], format!("  | {}^ here", " ".repeat(8)), "{shown}");
    }

    #[test]
    fn renders_file_line_column_and_help() {
        let p = Problem::new(
            Some(Position { line: 3, column: 7 }),
            "weight of `x` is negative",
        )
        .help("use a whole number from 0 to 1000");
        assert_eq!(
            p.display("q.yaml").to_string(),
            "q.yaml:3:7: weight of `x` is negative\n  help: use a whole number from 0 to 1000"
        );
    }
}
