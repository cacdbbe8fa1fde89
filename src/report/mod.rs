//! Renderers: turn questionnaires and assessments into text. Pure: they return strings.

pub mod batch;
pub mod document;
pub mod explain;
pub mod history;
pub mod language;
pub mod questionnaire;
pub mod record;
pub mod result;

use crate::answers::Basis;
use crate::engine::{Answer, Assessment, Responses, SetBy};
use crate::questionnaire::{Questionnaire, Scoring};

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

/// The most characters of one cell a terminal table shows; the rest is cut with a note.
/// comfy-table splits a long word one line at a time, each split scanning the rest of the
/// word, so its time grows with the square of a cell's length (a 200 KB case reference took
/// 14 s; 1 MiB did not finish in a minute). Cut to this length, a cell costs at most a few
/// milliseconds, and a table's time grows only with its number of cells. The full text is
/// still in the file and in every other format (JSON, CSV, Markdown, the record).
pub const MAX_CELL_CHARS: usize = 2_000;

/// A table in the house style, wrapped to `width` columns, every cell cut to
/// [`MAX_CELL_CHARS`].
pub struct Grid(Table);

impl Grid {
    /// Adds a row; each cell longer than [`MAX_CELL_CHARS`] is cut, with a note of how much.
    pub fn add_row<I, S>(&mut self, cells: I) -> &mut Grid
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.0
            .add_row(cells.into_iter().map(|c| cell(c.as_ref()).into_owned()));
        self
    }
}

impl std::fmt::Display for Grid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// `text`, or its first [`MAX_CELL_CHARS`] characters and a note of how many more there are.
pub fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(MAX_CELL_CHARS) {
        None => std::borrow::Cow::Borrowed(text),
        Some((cut, _)) => {
            let more = text[cut..].chars().count();
            std::borrow::Cow::Owned(format!(
                "{}… [{more} more characters, not shown in a table]",
                &text[..cut]
            ))
        }
    }
}

/// A table in the house style, wrapped to `width` columns.
pub fn table(width: u16, header: &[&str]) -> Grid {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(header.iter().copied());
    Grid(t)
}

/// A table row with each cell as shown on a terminal ([`crate::text::prose`]): hidden
/// characters escaped before the table measures the cells, so the columns line up.
pub fn shown_row<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> Vec<String> {
    cells
        .into_iter()
        .map(|c| crate::text::prose(c.as_ref()).into_owned())
        .collect()
}

/// The width to render for: `COLUMNS` when set (as `ls` does), else the terminal's when stdout
/// is one, else 100. Piped output therefore does not depend on the terminal that runs it.
pub fn terminal_width() -> u16 {
    use std::io::IsTerminal;
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok());
    let terminal = || {
        std::io::stdout()
            .is_terminal()
            .then(|| Table::new().width())
            .flatten()
            .filter(|w| *w > 0)
    };
    columns.or_else(terminal).unwrap_or(100).max(40)
}

/// Text made safe for a Markdown table cell: pipes escaped, line breaks as `<br>`,
/// characters Markdown would read as markup escaped, and every other hidden character
/// (a carriage return too) shown as [`crate::text`] escapes it.
pub fn md_cell(text: &str) -> String {
    let text = crate::text::visible(text, crate::text::Keep::Newline);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("<br>"),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// When indicator `i` applied, as window labels, for a "yes" with windows; empty otherwise.
pub fn when(q: &Questionnaire, r: &Responses, i: usize) -> String {
    match (&q.indicators[i].scoring, r.answer(i)) {
        (Scoring::Windows(_), Answer::Yes) if r.indicators[i].windows.is_empty() => {
            "not known (counted at the highest weight)".to_owned()
        }
        (Scoring::Windows(_), Answer::Yes) => (0..q.windows.len())
            .filter(|w| r.indicators[i].windows.contains(w))
            .map(|w| q.windows[w].label.clone())
            .collect::<Vec<_>>()
            .join("; "),
        _ => String::new(),
    }
}

/// How a basis is written for a person.
pub fn basis_label(b: Basis) -> &'static str {
    match b {
        Basis::Evidence => "evidence",
        Basis::Concern => "concern",
    }
}

/// What set the level, for a person: `score`, `rule ID`, `judgement`, joined with commas.
pub fn set_by(a: &Assessment) -> String {
    a.level_set_by
        .iter()
        .map(|s| match s {
            SetBy::Score => "score".to_owned(),
            SetBy::Rule(id) => format!("rule {id}"),
            SetBy::Judgement => "judgement".to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
