//! Renderers: turn questionnaires and assessments into text. Pure: they return strings.

pub mod batch;
pub mod explain;
pub mod language;
pub mod questionnaire;
pub mod result;

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

/// A table in the house style, wrapped to `width` columns.
pub fn table(width: u16, header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(header.iter().copied());
    t
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
/// and characters Markdown would read as markup escaped.
pub fn md_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("<br>"),
            '\r' => {}
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}
