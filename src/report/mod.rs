//! Renderers: turn questionnaires and assessments into text. Pure: they return strings.

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

/// The width to render for: the terminal's when stdout is one, else `COLUMNS`, else 100.
/// Piped output therefore does not depend on the terminal that happens to run it.
pub fn terminal_width() -> u16 {
    use std::io::IsTerminal;
    let terminal = std::io::stdout()
        .is_terminal()
        .then(|| Table::new().width())
        .flatten();
    terminal
        .or_else(|| {
            std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse::<u16>().ok())
        })
        .unwrap_or(100)
        .max(40)
}
