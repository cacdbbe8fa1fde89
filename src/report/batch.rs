//! `score` output: one record per file as JSON, CSV or Markdown, and the tables for people.
//!
//! Records are rendered one at a time so a batch can stream them. The CSV columns and the
//! JSON field names are a contract for scripts (docs/answers-format.md): add, never rename.

use std::borrow::Cow;
use std::fmt::Write as _;

use serde::Serialize;

use super::{md_cell, result, table};
use crate::answers::Details;
use crate::batch::{Failure, FileResult};
use crate::diagnostic::Problem;
use crate::engine::{Assessment, SetBy};
use crate::screening::Scored;
use crate::text::{OneLine, Shown, line};

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 15] = [
    "file",
    "case_reference",
    "date",
    "questionnaire",
    "version",
    "status",
    "score",
    "level",
    "routes",
    "fired_rules",
    "not_known_count",
    "unanswered_count",
    "warning",
    "error",
    "level_set_by",
];

/// The header line of the CSV output.
pub fn csv_header() -> String {
    let mut line = CSV_COLUMNS.join(",");
    line.push('\n');
    line
}

/// One file as a CSV line, ending in a newline, safe to open in a spreadsheet: every cell
/// quoted, hidden characters escaped, and a `'` before a cell a spreadsheet would read as a
/// formula ([`crate::text::csv_cell`]; docs/answers-format.md).
pub fn csv_record(r: &FileResult<'_>) -> String {
    csv_line(r, false)
}

/// One file as a CSV line with each cell exactly as in the file, quoted only where CSV
/// needs it (`score --raw-csv`, for scripts).
pub fn csv_raw_record(r: &FileResult<'_>) -> String {
    csv_line(r, true)
}

/// The cells of one file in [`CSV_COLUMNS`] order, borrowed from the result where they
/// can be. Lists are joined with `;`; empty cells for a file that was not scored.
fn csv_cells<'r>(r: &'r FileResult<'_>) -> [Cow<'r, str>; 15] {
    let number = |n: usize| Cow::Owned(n.to_string());
    match &r.outcome {
        Ok(s) => {
            let d = &s.screening.screening;
            let a = &s.assessment;
            [
                Cow::Borrowed(r.file.as_str()),
                Cow::Borrowed(d.case_reference.as_str()),
                Cow::Borrowed(d.date.as_str()),
                Cow::Borrowed(a.questionnaire.id.as_str()),
                Cow::Borrowed(a.questionnaire.version.as_str()),
                Cow::Borrowed(status_id(s)),
                Cow::Owned(a.score.to_string()),
                Cow::Borrowed(a.level.id.as_str()),
                join(a.routes.iter().map(|r| r.id.as_str())),
                join(a.fired_rules.iter().map(|r| r.id.as_str())),
                number(a.not_known.len()),
                number(a.unanswered.len()),
                Cow::Owned(summary(&s.warnings)),
                Cow::Borrowed(""),
                // Added after `error` (columns are only ever added at the end): a level
                // raised by professional judgement reads as such, not as the score's.
                set_by_ids(a),
            ]
        }
        Err(f) => {
            let mut cells: [Cow<'r, str>; 15] = Default::default();
            cells[0] = Cow::Borrowed(r.file.as_str());
            cells[13] = Cow::Owned(failure_summary(f));
            cells
        }
    }
}

fn csv_line(r: &FileResult<'_>, raw: bool) -> String {
    let cells = csv_cells(r);
    // One line at a time: a small buffer, not the writer's default 8 KB zeroed for every
    // file (it only decides how often the writer copies into the Vec, never what it writes).
    let mut w = csv::WriterBuilder::new()
        .buffer_capacity(1024)
        .has_headers(false)
        .quote_style(if raw {
            csv::QuoteStyle::Necessary
        } else {
            csv::QuoteStyle::Always
        })
        .from_writer(Vec::with_capacity(256));
    // Writing to memory cannot fail; an empty line would be the visible symptom if it did.
    let _ = if raw {
        w.write_record(cells.iter().map(|c| c.as_bytes()))
    } else {
        cells
            .iter()
            .try_for_each(|c| w.write_field(crate::text::csv_cell(c).as_bytes()))
            .and_then(|()| w.write_record(None::<&[u8]>))
    };
    w.into_inner()
        .map(|bytes| {
            String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        })
        .unwrap_or_default()
}

/// What set the level, as in JSON (`score`, `rule:ID`, `judgement`), joined with `;`.
fn set_by_ids(a: &Assessment) -> Cow<'static, str> {
    match a.level_set_by.as_slice() {
        [SetBy::Score] => Cow::Borrowed("score"),
        [SetBy::Judgement] => Cow::Borrowed("judgement"),
        all => Cow::Owned(
            all.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(";"),
        ),
    }
}

/// Items joined with `;`, borrowed when there is only one.
fn join<'a>(mut items: impl Iterator<Item = &'a str>) -> Cow<'a, str> {
    let Some(first) = items.next() else {
        return Cow::Borrowed("");
    };
    let Some(second) = items.next() else {
        return Cow::Borrowed(first);
    };
    let mut joined = String::with_capacity(first.len() + second.len() + 16);
    joined.push_str(first);
    for item in [second].into_iter().chain(items) {
        joined.push(';');
        joined.push_str(item);
    }
    Cow::Owned(joined)
}

fn status_id(s: &Scored<'_>) -> &'static str {
    if s.complete() {
        "complete"
    } else {
        "in_progress"
    }
}

/// The first problem in one line, with a count of the rest.
fn summary(problems: &[Problem]) -> String {
    let Some(first) = problems.first() else {
        return String::new();
    };
    let mut text = match first.position {
        Some(p) => format!("{}:{}: {}", p.line, p.column, first.message),
        None => first.message.clone(),
    };
    if problems.len() > 1 {
        let _ = write!(text, " (and {} more)", problems.len() - 1);
    }
    text
}

fn failure_summary(f: &Failure) -> String {
    match f {
        Failure::Unreadable(message) => message.clone(),
        Failure::Invalid(problems) => summary(problems),
    }
}

/// A problem as data.
#[derive(Debug, Serialize)]
struct ProblemOut<'a> {
    line: Option<u64>,
    column: Option<u64>,
    message: &'a str,
    help: Option<&'a str>,
}

fn problems_out(problems: &[Problem]) -> Vec<ProblemOut<'_>> {
    problems
        .iter()
        .map(|p| ProblemOut {
            line: p.position.map(|p| p.line),
            column: p.position.map(|p| p.column),
            message: &p.message,
            help: p.help.as_deref(),
        })
        .collect()
}

/// The JSON record of a scored file.
#[derive(Serialize)]
struct ScoredRecord<'a> {
    file: &'a str,
    screening: &'a Details,
    complete: bool,
    unanswered_count: usize,
    /// Of `unanswered_count`, the questions added to the questionnaire after the screening
    /// was made (never asked), with the versions; absent when there are none.
    #[serde(skip_serializing_if = "Option::is_none")]
    not_asked: Option<NotAskedOut<'a>>,
    warnings: Vec<ProblemOut<'a>>,
    /// Wording-check findings in the free text (docs/language.md has the shape).
    language: Vec<serde_json::Value>,
    assessment: &'a Assessment,
}

/// Questions added after a screening was made, in its JSON record.
#[derive(Serialize)]
struct NotAskedOut<'a> {
    scored_with: &'a str,
    made_with: &'a str,
    indicators: Vec<&'a str>,
    facts: Vec<&'a str>,
}

/// The JSON record of a file that was not scored.
#[derive(Serialize)]
struct FailedRecord<'a> {
    file: &'a str,
    error: String,
    problems: Vec<ProblemOut<'a>>,
}

/// One file as JSON: compact on one line, or pretty.
pub fn json_record(r: &FileResult<'_>, pretty: bool) -> String {
    let rendered = match &r.outcome {
        Ok(s) => to_json(
            &ScoredRecord {
                file: &r.file,
                screening: &s.screening.screening,
                complete: s.complete(),
                unanswered_count: s.assessment.unanswered.len(),
                not_asked: s.not_asked.as_ref().map(|n| NotAskedOut {
                    scored_with: &n.scored_with,
                    made_with: &n.made_with,
                    indicators: n
                        .indicators
                        .iter()
                        .filter_map(|&i| s.questionnaire.indicators.get(i))
                        .map(|i| i.id.as_str())
                        .collect(),
                    facts: n
                        .facts
                        .iter()
                        .filter_map(|&f| s.questionnaire.profile.get(f))
                        .map(|f| f.id.as_str())
                        .collect(),
                }),
                warnings: problems_out(&s.warnings),
                language: super::language::findings_json(&s.language),
                assessment: &s.assessment,
            },
            pretty,
        ),
        Err(f) => to_json(
            &FailedRecord {
                file: &r.file,
                error: failure_summary(f),
                problems: match f {
                    Failure::Invalid(ps) => problems_out(ps),
                    Failure::Unreadable(_) => Vec::new(),
                },
            },
            pretty,
        ),
    };
    rendered.map_or_else(
        |e| format!("{{\"file\":null,\"error\":\"cannot render: {e}\"}}"),
        crate::text::json,
    )
}

fn to_json(value: &impl Serialize, pretty: bool) -> serde_json::Result<String> {
    if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    }
}

/// The columns of the summary table and the Markdown table.
const SUMMARY_COLUMNS: [&str; 8] = [
    "file",
    "case",
    "date",
    "status",
    "score",
    "level",
    "most urgent route",
    "not known",
];

/// One file as the cells of the summary table.
pub fn summary_cells(r: &FileResult<'_>) -> [String; 8] {
    match &r.outcome {
        Ok(s) => {
            let a = &s.assessment;
            // Found in review: a screening marked complete with questions left unanswered
            // read "complete", not known 0, where its record says "INCOMPLETE ... has gaps".
            // Questions added to the questionnaire after it was made are not gaps.
            let gaps = s.unanswered_asked();
            let added = a.unanswered.len().saturating_sub(gaps);
            let status = if s.complete() {
                match (gaps, added) {
                    (0, 0) => "complete".to_owned(),
                    (0, n) => format!("complete; {n} not asked"),
                    (g, 0) => format!("complete with gaps: {g} unanswered"),
                    (g, n) => format!("complete with gaps: {g} unanswered, {n} not asked"),
                }
            } else {
                format!("IN PROGRESS: {} unanswered", a.unanswered.len())
            };
            let status = if s.warnings.is_empty() && s.language.is_empty() {
                status
            } else {
                format!("{status} (warning)")
            };
            // One-line fields: a line break in them is shown, not followed.
            [
                line(&r.file).into_owned(),
                line(&s.screening.screening.case_reference).into_owned(),
                line(&s.screening.screening.date).into_owned(),
                status,
                a.score.to_string(),
                // A level professional judgement raised says so: the score and rules
                // beside it do not reach it (the record and JSON say by how much).
                if a.level_set_by.contains(&SetBy::Judgement) {
                    format!("{}, by judgement", a.level.label)
                } else {
                    a.level.label.clone()
                },
                a.routes
                    .first()
                    .map(|r| r.title.clone())
                    .unwrap_or_default(),
                // In a screening marked complete an unanswered question is scored as not
                // known, and counted so (as `caseload` counts it); in progress, the status
                // says how many are unanswered.
                if s.complete() {
                    a.not_known.len() + a.unanswered.len()
                } else {
                    a.not_known.len()
                }
                .to_string(),
            ]
        }
        Err(f) => [
            line(&r.file).into_owned(),
            String::new(),
            String::new(),
            "NOT SCORED".to_owned(),
            String::new(),
            String::new(),
            failure_summary(f),
            String::new(),
        ],
    }
}

/// The summary table of many files, `width` columns wide.
pub fn summary_table(rows: &[[String; 8]], width: u16) -> String {
    let mut t = table(width, &SUMMARY_COLUMNS);
    for row in rows {
        t.add_row(super::shown_row(row.iter().cloned()));
    }
    // The status ("IN PROGRESS:") and the header "most urgent" read whole, however long
    // the other cells are.
    t.at_least(3, 14).at_least(6, 14);
    format!("{t}\n")
}

/// The header of the Markdown table.
pub fn markdown_header() -> String {
    format!(
        "| {} |\n|{}\n",
        SUMMARY_COLUMNS.join(" | "),
        "---|".repeat(SUMMARY_COLUMNS.len())
    )
}

/// One file as a Markdown table row.
pub fn markdown_row(r: &FileResult<'_>) -> String {
    let cells: Vec<String> = summary_cells(r).iter().map(|c| md_cell(c)).collect();
    format!("| {} |\n", cells.join(" | "))
}

/// One file in full, for a person: the screening, whether it is finished, and the result.
pub fn single(r: &FileResult<'_>, width: u16) -> String {
    single_styled(r, width, result::Style::default())
}

/// [`single`], drawn in `style`.
pub fn single_styled(r: &FileResult<'_>, width: u16, style: result::Style) -> String {
    let mut out = String::new();
    match &r.outcome {
        Ok(s) => {
            let d = &s.screening.screening;
            let heading = format!(
                "{}: case {}, screened {} by {}",
                OneLine(&r.file),
                OneLine(&d.case_reference),
                OneLine(&d.date),
                super::practitioner_and_agency(&d.practitioner, &d.agency)
            );
            let _ = writeln!(out, "{}", super::wrap(&heading, width, "  "));
            if !s.complete() {
                let n = s.assessment.unanswered.len();
                let note = format!(
                    "INCOMPLETE: this screening is in progress. {n} indicator{} not answered yet {} scored as not known; the level may rise when {} answered.",
                    if n == 1 { " is" } else { "s are" },
                    if n == 1 { "and is" } else { "and are" },
                    if n == 1 { "it is" } else { "they are" },
                );
                let _ = writeln!(out, "{}", super::wrap(&note, width, ""));
            }
            let warned = s.warnings.len() + s.language.len();
            if warned > 0 {
                let _ = writeln!(
                    out,
                    "WARNING: see the {} above this result.",
                    if warned == 1 { "warning" } else { "warnings" }
                );
            }
            let _ = writeln!(out);
            let record_command = (r.file != "-")
                .then(|| format!("cse-screen report {}", super::shell_quote(&r.file)));
            let ctx = result::Context {
                date: &d.date,
                saved_to: (r.file != "-").then_some(r.file.as_str()),
                record_command,
                questionnaire: s.questionnaire,
                decisions: s.screening.decisions.as_ref(),
                style,
                // On a terminal, the last block is made to fit it, as at the end of
                // `screen`: the 999 line and the first routes stay in view.
                height: super::terminal_height(),
                not_asked: s.not_asked.as_ref(),
            };
            out.push_str(&result::render(&s.assessment, &ctx, width));
        }
        Err(_) => {
            let _ = writeln!(
                out,
                "{}: not scored (see the errors above)",
                OneLine(&r.file)
            );
        }
    }
    out
}

/// What goes to stderr for one file: every problem of a failed file, every warning, each
/// starting `file:line:column:` as compilers do, so editors can jump to it.
pub fn diagnostics(r: &FileResult<'_>) -> String {
    let mut out = String::new();
    match &r.outcome {
        Ok(s) => {
            out.push_str(&warnings(&r.file, &s.warnings));
            out.push_str(&super::language::diagnostics(&r.file, &s.language));
        }
        Err(Failure::Unreadable(message)) => {
            let _ = writeln!(out, "{}: {}", OneLine(&r.file), Shown(message));
        }
        Err(Failure::Invalid(problems)) => {
            for p in problems {
                let _ = writeln!(out, "{}", p.display(&r.file));
            }
        }
    }
    out
}

/// Warnings for stderr, one per line: `file:line:column: warning: ...` and their help.
pub fn warnings(file: &str, warnings: &[Problem]) -> String {
    let mut out = String::new();
    for w in warnings {
        let mut w = w.clone();
        w.message = format!("warning: {}", w.message);
        let _ = writeln!(out, "{}", w.display(file));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::{Input, score_input};
    use crate::engine::Detail;
    use crate::language::Phrases;
    use crate::screening::{Catalogue, Options};

    /// A summary row is the same whether the assessment was built in full or only what the
    /// row holds ([`Detail::Summary`]), on every example, in every summary format.
    #[test]
    fn a_summary_row_is_the_same_from_a_summary_assessment() {
        let catalogue = Catalogue::new(None).unwrap();
        let mut files: Vec<_> = std::fs::read_dir("examples/answers")
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert!(files.len() > 30, "{files:?}");
        for path in files {
            let rows = |detail| {
                let options = Options {
                    language: Some(Phrases::Bundled),
                    detail,
                    ..Options::default()
                };
                let r = score_input(&Input::File(path.clone()), &catalogue, options);
                (
                    csv_record(&r),
                    csv_raw_record(&r),
                    markdown_row(&r),
                    summary_cells(&r),
                    diagnostics(&r),
                )
            };
            let (full, summary) = (rows(Detail::Full), rows(Detail::Summary));
            assert!(!full.0.is_empty());
            assert_eq!(full, summary, "{}", path.display());
        }
    }
}
