//! A small document model for printable output, rendered once as Markdown and once as HTML.
//!
//! Records are built as [`Block`]s of plain text; the renderers do all the escaping. No text
//! is ever pasted into markup anywhere else, so a note containing `<script>` or a case
//! reference containing `"><img onerror=…>` can only ever come out as text. The HTML is one
//! self-contained file: inline CSS with a print stylesheet, no scripts, no external
//! resources, and a Content-Security-Policy that would block them if any slipped in.
//!
//! The title, headings and a chart's labels are one line each in every rendering: a line
//! break or tab in them is shown escaped ([`crate::text::line`]), never kept, so a case
//! reference in a heading cannot start a heading or line of its own (docs/decisions.md,
//! "Hidden characters are shown, never sent"). Builders pass one-line fields that go into
//! paragraphs and cells through [`crate::text::line`] themselves.

use std::fmt::Write as _;

use super::md_cell;
use crate::text::line;

/// A document: a title and blocks in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// How a callout should stand out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Immediate danger, overdue reviews, escalation.
    Alert,
    /// Warnings and incomplete records.
    Warning,
    /// The disclaimer and record ownership.
    Note,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Alert => "alert",
            Tone::Warning => "warning",
            Tone::Note => "note",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A section heading (level 2) or sub-heading (level 3).
    Heading(u8, String),
    Paragraph(String),
    /// A paragraph set apart: a label in bold, then the text.
    Callout {
        tone: Tone,
        label: String,
        text: String,
    },
    /// Label and value pairs (case details, profile).
    Fields(Vec<(String, String)>),
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    List(Vec<String>),
    /// Numbers by category (bars, stacked when there are several series): a table in text
    /// and Markdown, an inline SVG chart and the same table in HTML.
    Chart(Chart),
}

/// A bar chart's data; the renderers draw it. Labels are text like any other, escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub title: String,
    /// What the categories are ("month").
    pub category: String,
    /// One label per bar.
    pub categories: Vec<String>,
    /// Stacked bottom first: a label and one value per category.
    pub series: Vec<(String, Vec<u64>)>,
}

impl Chart {
    /// The category's name and each series' label (a level's label from a questionnaire),
    /// one line each.
    fn header(&self) -> Vec<String> {
        std::iter::once(&self.category)
            .chain(self.series.iter().map(|(l, _)| l))
            .map(|l| line(l).into_owned())
            .collect()
    }

    fn rows(&self) -> Vec<Vec<String>> {
        self.categories
            .iter()
            .enumerate()
            .map(|(i, c)| {
                std::iter::once(c.clone())
                    .chain(
                        self.series
                            .iter()
                            .map(|(_, v)| v.get(i).copied().unwrap_or(0).to_string()),
                    )
                    .collect()
            })
            .collect()
    }
}

impl Document {
    pub fn new(title: impl Into<String>) -> Document {
        Document {
            title: title.into(),
            blocks: Vec::new(),
        }
    }

    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.blocks.push(Block::Heading(level, text.into()));
    }

    pub fn paragraph(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Paragraph(text.into()));
    }

    pub fn callout(&mut self, tone: Tone, label: impl Into<String>, text: impl Into<String>) {
        self.blocks.push(Block::Callout {
            tone,
            label: label.into(),
            text: text.into(),
        });
    }

    pub fn fields(&mut self, fields: Vec<(String, String)>) {
        if !fields.is_empty() {
            self.blocks.push(Block::Fields(fields));
        }
    }

    pub fn table(&mut self, header: &[&str], rows: Vec<Vec<String>>) {
        self.blocks.push(Block::Table {
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows,
        });
    }

    pub fn chart(&mut self, chart: Chart) {
        self.blocks.push(Block::Chart(chart));
    }

    pub fn list(&mut self, items: Vec<String>) {
        if !items.is_empty() {
            self.blocks.push(Block::List(items));
        }
    }

    /// The document as plain text for a terminal, `width` columns wide: prose wrapped at
    /// spaces ([`super::wrap`]: no word, number or file name split), tables drawn to fit
    /// where every column can hold its longest word, and otherwise each row as a record
    /// (its first cell, then `column: value` lines).
    pub fn text(&self, width: u16) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}", line(&self.title));
        for block in &self.blocks {
            match block {
                Block::Heading(2, text) => {
                    let text = line(text);
                    let _ = writeln!(out, "\n{text}\n{}", "=".repeat(text.chars().count()));
                }
                Block::Heading(_, text) => {
                    let _ = writeln!(out, "\n{}", line(text));
                }
                Block::Paragraph(text) => {
                    let _ = writeln!(out, "{}", super::wrap(text, width, ""));
                }
                Block::Callout { label, text, .. } => {
                    let _ = writeln!(
                        out,
                        "{}",
                        super::wrap(&format!("{label} {text}"), width, "  ")
                    );
                }
                Block::Fields(fields) => {
                    for (label, value) in fields {
                        let _ = writeln!(
                            out,
                            "{}",
                            super::wrap(&format!("{label}: {value}"), width, "  ")
                        );
                    }
                }
                Block::Table { header, rows } if !fits(header, rows, width) => {
                    // Too narrow for every column to hold its longest word: a table would
                    // split words a letter a line. Each row as a record instead.
                    for row in rows {
                        let mut cells = header.iter().zip(super::shown_row(row));
                        if let Some((_, first)) = cells.next() {
                            let _ = writeln!(out, "\n{}", super::wrap(&first, width, "  "));
                        }
                        for (name, cell) in cells {
                            let text = format!("{}: {}", line(name), cell.replace('\n', " "));
                            let _ =
                                writeln!(out, "  {}", super::wrap_after(&text, width, 2, "    "));
                        }
                    }
                    out.push('\n');
                }
                Block::Table { header, rows } => {
                    let header: Vec<&str> = header.iter().map(String::as_str).collect();
                    let mut t = super::table(width, &header);
                    for row in rows {
                        t.add_row(super::shown_row(row.clone()));
                    }
                    let _ = writeln!(out, "{t}");
                }
                Block::List(items) => {
                    for item in items {
                        let _ = writeln!(out, "{}", super::wrap(&format!("- {item}"), width, "  "));
                    }
                }
                Block::Chart(chart) => {
                    let _ = writeln!(out, "\n{}", line(&chart.title));
                    let header = chart.header();
                    let header: Vec<&str> = header.iter().map(String::as_str).collect();
                    let mut t = super::table(width, &header);
                    for row in chart.rows() {
                        t.add_row(super::shown_row(row));
                    }
                    let _ = writeln!(out, "{t}");
                }
            }
        }
        out
    }

    /// The document as CommonMark with GitHub tables; every piece of text escaped.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {}", md_cell(&line(&self.title)));
        for block in &self.blocks {
            out.push('\n');
            match block {
                Block::Heading(level, text) => {
                    let hashes = "#".repeat(usize::from((*level).clamp(2, 6)));
                    let _ = writeln!(out, "{hashes} {}", md_cell(&line(text)));
                }
                Block::Paragraph(text) => {
                    let _ = writeln!(out, "{}", md_cell(text));
                }
                Block::Callout { label, text, .. } => {
                    let _ = writeln!(out, "> **{}** {}", md_cell(label), md_cell(text));
                }
                Block::Fields(fields) => {
                    for (label, value) in fields {
                        let _ = writeln!(out, "- **{}:** {}", md_cell(label), md_cell(value));
                    }
                }
                Block::Table { header, rows } => {
                    let cells = |row: &[String]| {
                        row.iter()
                            .map(|c| md_cell(c))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    };
                    let _ = writeln!(out, "| {} |", cells(header));
                    let _ = writeln!(out, "|{}", " --- |".repeat(header.len()));
                    for row in rows {
                        let _ = writeln!(out, "| {} |", cells(row));
                    }
                }
                Block::List(items) => {
                    for item in items {
                        let _ = writeln!(out, "- {}", md_cell(item));
                    }
                }
                Block::Chart(chart) => {
                    let _ = writeln!(out, "**{}**\n", md_cell(&line(&chart.title)));
                    let cells = |row: &[String]| {
                        row.iter()
                            .map(|c| md_cell(c))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    };
                    let header = chart.header();
                    let _ = writeln!(out, "| {} |", cells(&header));
                    let _ = writeln!(out, "|{}", " --- |".repeat(header.len()));
                    for row in chart.rows() {
                        let _ = writeln!(out, "| {} |", cells(&row));
                    }
                }
            }
        }
        out
    }

    /// The document as one self-contained HTML file.
    pub fn html(&self) -> String {
        let mut out = String::new();
        out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
        );
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        let _ = writeln!(out, "<title>{}</title>", escape(&line(&self.title)));
        out.push_str("<style>\n");
        out.push_str(STYLE);
        out.push_str("</style>\n</head>\n<body>\n<main>\n");
        let _ = writeln!(out, "<h1>{}</h1>", escape(&line(&self.title)));
        for block in &self.blocks {
            match block {
                Block::Heading(level, text) => {
                    let level = (*level).clamp(2, 6);
                    let _ = writeln!(out, "<h{level}>{}</h{level}>", escape(&line(text)));
                }
                Block::Paragraph(text) => {
                    let _ = writeln!(out, "<p>{}</p>", lines(text));
                }
                Block::Callout { tone, label, text } => {
                    let _ = writeln!(
                        out,
                        "<p class=\"{}\"><strong>{}</strong> {}</p>",
                        tone.class(),
                        escape(label),
                        lines(text)
                    );
                }
                Block::Fields(fields) => {
                    out.push_str("<dl>\n");
                    for (label, value) in fields {
                        let _ =
                            writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(label), lines(value));
                    }
                    out.push_str("</dl>\n");
                }
                Block::Table { header, rows } => {
                    out.push_str("<table>\n<thead><tr>");
                    for h in header {
                        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(h));
                    }
                    out.push_str("</tr></thead>\n<tbody>\n");
                    for row in rows {
                        out.push_str("<tr>");
                        for cell in row {
                            let _ = write!(out, "<td>{}</td>", lines(cell));
                        }
                        out.push_str("</tr>\n");
                    }
                    out.push_str("</tbody>\n</table>\n");
                }
                Block::List(items) => {
                    out.push_str("<ul>\n");
                    for item in items {
                        let _ = writeln!(out, "<li>{}</li>", lines(item));
                    }
                    out.push_str("</ul>\n");
                }
                Block::Chart(chart) => svg(&mut out, chart),
            }
        }
        out.push_str("</main>\n</body>\n</html>\n");
        out
    }
}

/// Fills for stacked series, bottom first, dark enough to tell apart on a grey printer.
const FILLS: [&str; 6] = [
    "#8fb8de", "#e0a030", "#b00020", "#555555", "#2e7d32", "#6a1b9a",
];

/// A bar chart as inline SVG (no script, no external resource), then its numbers as a table
/// for screen readers and for paper. Every label is escaped; every number is computed here.
fn svg(out: &mut String, chart: &Chart) {
    const W: u64 = 720;
    const H: u64 = 240;
    const LEFT: u64 = 40;
    const BOTTOM: u64 = 40;
    const TOP: u64 = 30;
    let n = u64::try_from(chart.categories.len()).unwrap_or(0).max(1);
    let totals: Vec<u64> = (0..chart.categories.len())
        .map(|i| {
            chart
                .series
                .iter()
                .map(|(_, v)| v.get(i).copied().unwrap_or(0))
                .sum()
        })
        .collect();
    let max = totals.iter().copied().max().unwrap_or(0).max(1);
    let plot = H - TOP - BOTTOM;
    let slot = (W - LEFT - 10) / n;
    let bar = slot * 7 / 10;
    let _ = writeln!(out, "<figure>");
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\">",
        escape(&chart.title)
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&chart.title));
    let axis = H - BOTTOM;
    let _ = writeln!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{axis}\" x2=\"{W}\" y2=\"{axis}\" stroke=\"#333\"></line>"
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{max}</text>",
        LEFT - 4,
        TOP + 4
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{axis}\" font-size=\"11\" text-anchor=\"end\">0</text>",
        LEFT - 4
    );
    for (i, label) in chart.categories.iter().enumerate() {
        let i64_ = u64::try_from(i).unwrap_or(0);
        let x = LEFT + 5 + i64_ * slot;
        let mut y = axis;
        for (s, (name, values)) in chart.series.iter().enumerate() {
            let v = values.get(i).copied().unwrap_or(0);
            if v == 0 {
                continue;
            }
            let h = (v * plot).div_ceil(max);
            y -= h;
            let _ = writeln!(
                out,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{bar}\" height=\"{h}\" fill=\"{}\"><title>{}: {}, {v}</title></rect>",
                FILLS[s % FILLS.len()],
                escape(&line(label)),
                escape(&line(name))
            );
        }
        if totals[i] > 0 {
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
                x + bar / 2,
                y.saturating_sub(3),
                totals[i]
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
            x + bar / 2,
            axis + 14,
            escape(&line(label))
        );
    }
    // The key, for stacked series.
    if chart.series.len() > 1 {
        let mut x = LEFT;
        for (s, (name, _)) in chart.series.iter().enumerate() {
            let _ = writeln!(
                out,
                "<rect x=\"{x}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"></rect><text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
                H - 16,
                FILLS[s % FILLS.len()],
                x + 16,
                H - 6,
                escape(&line(name))
            );
            x += 24 + 8 * u64::try_from(name.chars().count()).unwrap_or(0).min(30);
        }
    }
    out.push_str("</svg>\n");
    let _ = writeln!(out, "<figcaption>{}</figcaption>", escape(&chart.title));
    out.push_str("</figure>\n<table>\n<thead><tr>");
    for h in chart.header() {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(&h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in chart.rows() {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", escape(&cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Text made safe for HTML element content and quoted attribute values; hidden characters
/// (controls, bidi controls, invisible formatting) shown as [`crate::text`] escapes them,
/// so "EX-\u{202e}9001" cannot display as "EX-1009". Line breaks and tabs stay.
pub fn escape(text: &str) -> String {
    let text = crate::text::prose(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escaped text with its line breaks kept (a multi-line note stays on its lines), and a
/// place to wrap after each `_` and `/`, so ids and paths wrap there rather than stretch a
/// printed table past the page.
fn lines(text: &str) -> String {
    escape(text)
        .replace('\n', "<br>\n")
        .replace('_', "_<wbr>")
        .replace('/', "/<wbr>")
}

/// The record's stylesheet: readable on screen, and on paper without colour.
const STYLE: &str = "\
body { font-family: system-ui, sans-serif; line-height: 1.45; color: #111; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin-top: 0; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #333; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; }
th, td { border: 1px solid #999; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #eee; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; overflow-wrap: anywhere; }
td { overflow-wrap: break-word; hyphens: auto; }
p.alert, p.warning, p.note { padding: .5rem .7rem; border-left: .4rem solid; }
p.alert { border-color: #b00020; background: #fde8eb; }
p.warning { border-color: #b36b00; background: #fff4e0; }
p.note { border-color: #555; background: #f3f3f3; }
figure { margin: .8rem 0; }
figure svg { width: 100%; height: auto; max-height: 16rem; }
figcaption { font-size: .9rem; color: #333; }
@page {
  size: A4;
  margin: 18mm 15mm;
  @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages); font: 9pt sans-serif; }
}
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  tr, li, dt, dd, p.alert, p.warning, p.note, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  th, p.alert, p.warning, p.note { background: none; }
  p.alert { border-left-width: .6rem; }
}
";

/// Whether a table of `header` and `rows` can be drawn `width` columns wide with every
/// column as wide as its longest word (the house style: a border, and a space either side
/// of each cell and a separator between), so that no word is split.
fn fits(header: &[String], rows: &[Vec<String>], width: u16) -> bool {
    let longest = |text: &str| {
        crate::text::visible(text, crate::text::Keep::Newline)
            .split_whitespace()
            .map(textwrap::core::display_width)
            .max()
            .unwrap_or(0)
    };
    let need: usize = (0..header.len())
        .map(|c| {
            let cells = rows.iter().filter_map(|r| r.get(c));
            cells
                .map(|cell| longest(cell))
                .chain([longest(&line(&header[c]))])
                .max()
                .unwrap_or(0)
                + 3
        })
        .sum::<usize>()
        + 1;
    need <= usize::from(width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_every_markup_character_and_shows_hidden_ones() {
        assert_eq!(
            escape("<a href=\"x\" onclick='y'>&</a>\u{7}"),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;\\u{7}"
        );
        assert_eq!(escape("EX-\u{202e}9001\r"), "EX-\\u{202e}9001\\r");
    }

    #[test]
    fn both_renderings_carry_the_same_text() {
        let mut d = Document::new("Record <1>");
        d.heading(2, "Answers");
        d.fields(vec![("Case".to_owned(), "A|B".to_owned())]);
        d.table(&["a", "b"], vec![vec!["x\ny".to_owned(), "*z*".to_owned()]]);
        d.list(vec!["one".to_owned()]);
        let md = d.markdown();
        assert!(md.starts_with("# Record \\<1\\>\n"), "{md}");
        assert!(md.contains("- **Case:** A\\|B\n"), "{md}");
        assert!(md.contains("| x<br>y | \\*z\\* |\n"), "{md}");
        let html = d.html();
        assert!(html.contains("<title>Record &lt;1&gt;</title>"), "{html}");
        assert!(html.contains("<td>x<br>\ny</td><td>*z*</td>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
    }
}
