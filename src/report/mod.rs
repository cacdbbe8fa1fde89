//! Renderers: turn questionnaires and assessments into text. Pure: they return strings.

pub mod batch;
pub mod caseload;
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
/// [`MAX_CELL_CHARS`]. Where the width allows, no column is narrower than its longest word
/// (up to [`WHOLE_WORD`] columns), so a case reference, a date or a number in groups is never
/// split across lines ("OX-2026-0045" / "12" read as another reference).
pub struct Grid {
    table: Table,
    width: u16,
    /// The longest word of each column so far, in screen columns, up to [`WHOLE_WORD`].
    words: Vec<usize>,
    /// The longest word holding a digit (a reference, a date, a number) of each column.
    numbers: Vec<usize>,
    /// The least width asked for each column ([`Grid::at_least`]).
    floors: Vec<u16>,
}

/// The longest word a column is widened to hold whole; a longer one is split, as before.
pub const WHOLE_WORD: usize = 20;

impl Grid {
    fn new(table: Table, width: u16, header: &[&str]) -> Grid {
        let mut g = Grid {
            table,
            width,
            words: Vec::new(),
            numbers: Vec::new(),
            floors: Vec::new(),
        };
        let header: Vec<String> = header
            .iter()
            .map(|h| crate::text::line(h).into_owned())
            .collect();
        g.measure(&header);
        g
    }

    /// Adds a row; each cell longer than [`MAX_CELL_CHARS`] is cut, with a note of how much.
    pub fn add_row<I, S>(&mut self, cells: I) -> &mut Grid
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        // Numbers in groups are held together here too ([`wrap`]); the holds are spaces again
        // when the table is drawn.
        let cells: Vec<String> = cells
            .into_iter()
            .map(|c| hold_numbers(&cell(c.as_ref())))
            .collect();
        self.measure(&cells);
        self.table.add_row(cells);
        self.hold_words();
        self
    }

    /// Keeps column `index` at least `width` characters wide (with its padding of one space
    /// each side), so a short word that must read whole ("IN PROGRESS:") is never broken.
    pub fn at_least(&mut self, index: usize, width: u16) -> &mut Grid {
        if self.floors.len() <= index {
            self.floors.resize(index + 1, 0);
        }
        self.floors[index] = self.floors[index].max(width);
        self.hold_words();
        self
    }

    /// Notes the longest word, and the longest word holding a digit, of each cell.
    fn measure(&mut self, cells: &[String]) {
        for (i, c) in cells.iter().enumerate() {
            if self.words.len() <= i {
                self.words.resize(i + 1, 0);
                self.numbers.resize(i + 1, 0);
            }
            for word in c.split([' ', '\n']) {
                let w = textwrap::core::display_width(word);
                // A longer word is split whatever the column's width: it widens nothing.
                if w > WHOLE_WORD {
                    continue;
                }
                self.words[i] = self.words[i].max(w);
                if word.bytes().any(|b| b.is_ascii_digit()) {
                    self.numbers[i] = self.numbers[i].max(w);
                }
            }
        }
    }

    /// Widens columns so that their words read whole, as far as the width allows: first the
    /// words holding a digit (references, dates, numbers), narrowest first, then every word,
    /// narrowest first; a column never goes below its floor ([`Grid::at_least`]). A word
    /// longer than [`WHOLE_WORD`], or one there is no room for, is split by comfy-table.
    fn hold_words(&mut self) {
        use comfy_table::{ColumnConstraint, Width};
        /// What a column needs at the least: one character and its padding.
        const NARROW: usize = 3;
        let columns = self.words.len().max(self.floors.len());
        let floor = |i: usize| usize::from(self.floors.get(i).copied().unwrap_or(0));
        // One border between columns and one at each side.
        let room = usize::from(self.width).saturating_sub(columns + 1);
        let mut least: Vec<usize> = (0..columns).map(|i| floor(i).max(NARROW)).collect();
        let mut used: usize = least.iter().sum();
        for longest in [&self.numbers, &self.words] {
            let want = |i: usize| longest.get(i).copied().unwrap_or(0) + 2;
            let mut order: Vec<usize> = (0..columns).collect();
            order.sort_by_key(|&i| want(i));
            for i in order {
                let wanted = want(i).max(least[i]);
                let after = used - least[i] + wanted;
                if after <= room {
                    used = after;
                    least[i] = wanted;
                }
            }
        }
        // A column widened for an earlier row that no longer fits is let go again, so the
        // widths asked for never add up to more than the table's.
        for (i, l) in least.iter().enumerate() {
            let held = *l > NARROW || floor(i) > 0;
            if let Some(column) = self.table.column_mut(i) {
                if held {
                    let l = u16::try_from(*l).unwrap_or(u16::MAX);
                    column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(l)));
                } else {
                    column.remove_constraint();
                }
            }
        }
    }
}

impl std::fmt::Display for Grid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.table.to_string().replace(HOLD, " "))
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

/// A table in the house style, wrapped to `width` columns. Each header is one line, shown
/// as [`crate::text::line`] shows it (a chart's header holds a questionnaire's level labels);
/// the rows are the caller's to escape ([`shown_row`]).
pub fn table(width: u16, header: &[&str]) -> Grid {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(header.iter().map(|h| crate::text::line(h)));
    Grid::new(t, width, header)
}

/// A table row with each cell as shown on a terminal: hidden characters escaped before the
/// table measures the cells, so the columns line up. A cell keeps its line breaks but not
/// its tabs: a tab would jump to the terminal's next tab stop, which the table cannot
/// measure, so it is shown as `\t` (as in a Markdown or CSV cell).
pub fn shown_row<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> Vec<String> {
    use crate::text::{Keep, visible};
    cells
        .into_iter()
        .map(|c| visible(c.as_ref(), Keep::Newline).into_owned())
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

/// The rows of the terminal on stdout, if it is one (`LINES` when set, as with `COLUMNS`):
/// the result's last block is made to fit them.
pub fn terminal_height() -> Option<u16> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let lines = std::env::var("LINES")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok());
    #[cfg(unix)]
    let terminal = || {
        rustix::termios::tcgetwinsize(rustix::stdio::stdout())
            .ok()
            .map(|s| s.ws_row)
    };
    #[cfg(not(unix))]
    let terminal = || None;
    lines.or_else(terminal).filter(|h| *h > 0)
}

/// A name or other one-line field as a person reads it ([`crate::text::OneLine`]), or
/// "not recorded" where the file holds nothing a reader can see (found in review: an empty
/// practitioner and agency made the record read "Record owner: ,   .").
pub fn recorded(text: &str) -> String {
    recorded_as(text, "not recorded")
}

/// Who made a screening, `PRACTITIONER (AGENCY)`, each said "not recorded" where blank.
pub fn practitioner_and_agency(practitioner: &str, agency: &str) -> String {
    format!(
        "{} ({})",
        recorded_as(practitioner, "practitioner not recorded"),
        recorded_as(agency, "agency not recorded")
    )
}

fn recorded_as(text: &str, blank: &str) -> String {
    if crate::reference::shows_nothing(text) {
        blank.to_owned()
    } else {
        crate::text::OneLine(text).to_string()
    }
}

/// Text made safe for a Markdown table cell: pipes escaped, line breaks as `<br>`,
/// characters Markdown would read as markup escaped (`~` too: GitHub strikes text through
/// between one or two of them), and every other hidden character
/// (a carriage return too) shown as [`crate::text`] escapes it. An `&` that could begin an
/// entity (`&rlm;`, `&lt;`) is escaped too: a renderer would otherwise show the character
/// it names, which may be one the tool escapes everywhere else, where the file holds text.
pub fn md_cell(text: &str) -> String {
    let text = crate::text::visible(text, crate::text::Keep::Newline);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push_str("<br>"),
            '|' | '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
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

/// The rating of a contribution on a scale, in words: its option's label ("High"), or that
/// none was recorded and what it counted as. `None` off a scale.
pub fn rating_words(q: &Questionnaire, c: &crate::engine::Contribution) -> Option<String> {
    let id = c.rating.as_deref()?;
    let label = q
        .indicator(&c.indicator)
        .and_then(|i| q.rating_label(i, id))
        .unwrap_or(id);
    Some(if c.rating_assumed {
        format!("no rating recorded, counted as {label}")
    } else {
        label.to_owned()
    })
}

/// The rating recorded for indicator `i` in words ("High"), for answers lists;
/// `None` off a scale or for an answer other than yes.
pub fn rated_answer(q: &Questionnaire, r: &Responses, i: usize) -> Option<String> {
    let ind = q.indicators.get(i)?;
    let Scoring::Scale { scale, .. } = &ind.scoring else {
        return None;
    };
    if r.answer(i) != Answer::Yes {
        return None;
    }
    let scale = q.scales.get(*scale)?;
    Some(match r.indicators.get(i).and_then(|x| x.option) {
        Some(o) => scale
            .options
            .get(o)
            .map_or_else(String::new, |o| o.label.clone()),
        None => format!(
            "no rating recorded (counted as {})",
            scale.options.last().map_or("", |o| o.label.as_str())
        ),
    })
}

/// How a basis is written for a person.
pub fn basis_label(b: Basis) -> &'static str {
    match b {
        Basis::Evidence => "evidence",
        Basis::Concern => "concern",
    }
}

/// What set the level, for a person: `score`, `rule ID`, `professional judgement from
/// Medium to High`, joined with commas.
pub fn set_by(a: &Assessment) -> String {
    a.level_set_by
        .iter()
        .map(|s| match s {
            SetBy::Score => "score".to_owned(),
            SetBy::Rule(id) => format!("rule {id}"),
            SetBy::Judgement => match &a.judgement {
                Some(j) if j.raised => format!("professional judgement {}", from_to(j)),
                _ => "professional judgement".to_owned(),
            },
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What professional judgement did, from what to what: "raised from Medium to High", "at
/// least High, which the answers already reach", or, for a judgement below the level (a
/// file edited by hand: the interview offers only to keep or raise), that it was below and
/// the level stays (found in review: "at least Low, which the answers already reach" hid a
/// practitioner's view of Low beside a High).
pub fn judgement_words(j: &crate::engine::JudgementOut) -> String {
    if j.raised {
        format!("raised {}", from_to(j))
    } else if j.raise_to == j.from {
        format!(
            "at least {}, which the answers already reach",
            j.raise_to_label
        )
    } else {
        format!(
            "{} was recorded as the practitioner's view, below {}, which the answers reach; \
             judgement can raise the level, never lower it, so it stays {}: talk the \
             difference through with your safeguarding lead",
            j.raise_to_label, j.from_label, j.from_label
        )
    }
}

/// "from Medium to High": the levels a judgement raised from and to.
pub fn from_to(j: &crate::engine::JudgementOut) -> String {
    format!("from {} to {}", j.from_label, j.raise_to_label)
}

/// The non-breaking space that holds a number's groups together while text is wrapped.
const HOLD: char = '\u{a0}';

/// `text` as shown ([`crate::text::prose`]) and wrapped at spaces to `width` columns, each
/// line after the first indented by `indent`. A word is never split, and neither is a number
/// written in groups ("0345 050 7666", "8.30-5"): a space between two groups that start with
/// a digit does not break. A hyphen never breaks either ("EX-0001-2026-11-24.yaml"). A word
/// wider than the line stands on a line of its own.
pub fn wrap(text: &str, width: u16, indent: &str) -> String {
    wrap_after(text, width, 0, indent)
}

/// A writer for plain lines on a terminal (`screen --plain`): each whole line is folded at
/// spaces to `width` columns, never inside a word, a case reference or a number, and its
/// later lines indented as it is. A terminal would otherwise break a long line wherever its
/// edge falls, inside a word (`EX` at the end of one row, `-5001` at the start of the next),
/// for the eye and for a screen reader reading row by row. Text not yet ended by a line
/// break (a prompt waiting for its answer) is written as it is when flushed. With no width
/// (not a terminal: a replies file, a log), lines are written whole.
pub struct Folded<W: std::io::Write> {
    inner: W,
    width: Option<usize>,
    pending: Vec<u8>,
}

impl<W: std::io::Write> Folded<W> {
    pub fn new(inner: W, width: Option<u16>) -> Folded<W> {
        Folded {
            inner,
            width: width.map(|w| usize::from(w).max(20)),
            pending: Vec::new(),
        }
    }

    /// Writes one line (with its line break), folded if it is wider than the width.
    fn line(&mut self, line: &[u8]) -> std::io::Result<()> {
        let text = String::from_utf8_lossy(line);
        let body = text.trim_end_matches(['\n', '\r']);
        let width = match self.width {
            Some(w) if textwrap::core::display_width(body) > w => w,
            _ => return self.inner.write_all(line),
        };
        let indent: String = body.chars().take_while(|c| *c == ' ').collect();
        // A list item's later lines hang under its text, past "- " or "12. ".
        let text = &body[indent.len()..];
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        let marker = if text.starts_with("- ") {
            2
        } else if digits > 0 && text[digits..].starts_with(". ") {
            digits + 2
        } else {
            0
        };
        let hanging = format!("{indent}{}", " ".repeat(marker));
        let options = textwrap::Options::new(width)
            .initial_indent(&indent)
            .subsequent_indent(&hanging)
            .break_words(false)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for part in textwrap::wrap(body.trim_start_matches(' '), options) {
            self.inner.write_all(part.as_bytes())?;
            self.inner.write_all(b"\n")?;
        }
        Ok(())
    }
}

impl<W: std::io::Write> std::io::Write for Folded<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        while let Some(end) = self.pending.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=end).collect();
            self.line(&line)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            self.inner.write_all(&self.pending)?;
            self.pending.clear();
        }
        self.inner.flush()
    }
}

impl<W: std::io::Write> Drop for Folded<W> {
    fn drop(&mut self) {
        // Nothing can be reported from here; an error shows when the program writes next.
        let _ = std::io::Write::flush(self);
    }
}

/// [`wrap`] for text that starts `taken` columns into its first line (after a prompt's
/// "? " or an option's "> "): the first line is that much shorter.
pub fn wrap_after(text: &str, width: u16, taken: usize, indent: &str) -> String {
    let shown = crate::text::prose(text);
    let held = hold_numbers(&shown);
    let pad = " ".repeat(taken);
    let options = textwrap::Options::new(usize::from(width).max(10))
        .initial_indent(&pad)
        .subsequent_indent(indent)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let filled = textwrap::fill(&held, options).replace(HOLD, " ");
    match filled.strip_prefix(&pad) {
        Some(rest) => rest.to_owned(),
        None => filled,
    }
}

/// `text` with each space between two groups that start with a digit made non-breaking.
fn hold_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_numbers = c == ' '
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        out.push(if between_numbers { HOLD } else { c });
    }
    out
}

/// A screening's review date as the readers of one screening show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Review {
    Due(String),
    /// Dated after today: a date known to be wrong, so no review date is given from it (as
    /// `history` and `caseload` give none; found in review: `report` and `score` gave
    /// 2027-04-15 from a screening dated 2027-01-15, where 2026 was meant and the review was
    /// already overdue).
    AfterToday,
    /// The date cannot be read, or the review date would be past 9999-12-31.
    Unknown,
}

/// The review date of a screening dated `date`, `days` on ([`crate::history::review_due`]),
/// unless the date is after today.
pub(crate) fn review_of(date: &str, days: u32) -> Review {
    match crate::answers::parse_date(date) {
        Some(d) if d > crate::app::today() => Review::AfterToday,
        _ => crate::history::review_due(date, days).map_or(Review::Unknown, Review::Due),
    }
}

/// `text` cut to at most `width` columns at a space (never inside a word or a number written
/// in groups), with `…` where it was cut.
pub fn shorten(text: &str, width: usize) -> String {
    use textwrap::core::display_width;
    if display_width(text) <= width {
        return text.to_owned();
    }
    let held = hold_numbers(text);
    let mut out = String::new();
    for word in held.split(' ') {
        let next = if out.is_empty() {
            word.to_owned()
        } else {
            format!("{out} {word}")
        };
        if display_width(&next) + 1 > width {
            break;
        }
        out = next;
    }
    let out = out.trim_end_matches([',', ';', ':', '-', ' ']);
    format!("{out}…").replace(HOLD, " ")
}

/// Quotes `s` for a POSIX shell when it needs it.
pub fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@+,".contains(c))
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Whether the result on standard output may use colour: `--color always`, or `auto` on a
/// terminal with `NO_COLOR` unset or empty. Never with `--color never`.
pub fn colour_on_stdout(when: crate::cli::ColorWhen) -> bool {
    use std::io::IsTerminal;
    match when {
        crate::cli::ColorWhen::Always => true,
        crate::cli::ColorWhen::Never => false,
        crate::cli::ColorWhen::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_keeps_words_whole_where_it_can_and_is_never_wider_than_asked() {
        let words = [
            "OX-2026-004512",
            "2026-11-30",
            "a",
            "safeguarding",
            "abcdefghijklmnopqrs",
            "0345 050 7666",
            "x",
        ];
        for width in [40u16, 60, 80, 100] {
            let mut t = table(width, &["case", "date", "why", "contact"]);
            // Rows whose words grow, so that a column widened early may not fit later.
            for n in 0..words.len() {
                let cell = |k: usize| words[(n + k) % words.len()].to_owned();
                t.add_row([
                    cell(0),
                    cell(1),
                    format!("{} {}", cell(2), cell(3)),
                    cell(4),
                ]);
            }
            let text = t.to_string();
            for line in text.lines() {
                assert!(
                    textwrap::core::display_width(line) <= usize::from(width),
                    "wider than {width}:\n{text}"
                );
            }
            if width >= 80 {
                for whole in ["OX-2026-004512", "2026-11-30", "0345 050 7666"] {
                    assert!(text.contains(whole), "{whole} split at {width}:\n{text}");
                }
            }
        }
    }

    #[test]
    fn folded_lines_break_at_spaces_never_inside_a_reference_and_keep_their_indent() {
        use std::io::Write;
        let mut out = Vec::new();
        {
            let mut f = Folded::new(&mut out, Some(30));
            let _ = write!(
                f,
                "  The case EX-2026-0045 was seen on 2026-11-30 again.\nshort\n"
            );
            // A list item's later lines hang under its text.
            let _ = write!(
                f,
                "- The child has been missing overnight.\n12. Refer to the MASH today now.\n"
            );
            // A prompt waits for its answer without a line break: written as it is.
            let _ = write!(
                f,
                "Type, then Enter (< back): a prompt longer than the width"
            );
            let _ = f.flush();
        }
        assert_eq!(
            String::from_utf8_lossy(&out),
            "  The case EX-2026-0045 was\n  seen on 2026-11-30 again.\nshort\n- The child has been missing\n  overnight.\n12. Refer to the MASH today\n    now.\nType, then Enter (< back): a prompt longer than the width"
        );
        // Not a terminal: lines go out whole.
        let mut out = Vec::new();
        {
            let mut f = Folded::new(&mut out, None);
            let _ = writeln!(f, "{}", "word ".repeat(40));
        }
        assert_eq!(out.iter().filter(|b| **b == b'\n').count(), 1);
    }

    #[test]
    fn markdown_cells_escape_every_markup_character() {
        assert_eq!(
            md_cell("~~struck~~ and ~16~"),
            "\\~\\~struck\\~\\~ and \\~16\\~"
        );
        assert_eq!(
            md_cell("a|b *c* _d_ `e` [f] <g> #h"),
            "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\] \\<g\\> \\#h"
        );
        assert_eq!(md_cell("line\nnext"), "line<br>next");
    }
}
