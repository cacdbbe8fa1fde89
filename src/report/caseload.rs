//! `caseload`: the oversight report as a [`Document`] (terminal, Markdown and HTML, with its
//! charts) and as CSV, one row per case; the JSON form is the serde form of [`Caseload`].

use super::document::{Chart, Document, Tone};
use crate::caseload::{CaseRow, Caseload};
use crate::history::ReviewStatus;
use crate::text::OneLine;

/// The CSV columns, in their documented, stable order.
pub const CSV_COLUMNS: [&str; 26] = [
    "case_reference",
    "screenings",
    "level",
    "trend",
    "previous_level",
    "latest_screening",
    "review_status",
    "review_due",
    "review_days",
    "escalation_due",
    "escalation_because",
    "missing_episodes",
    "return_home_conversation",
    "not_known",
    "significant_not_known",
    "in_progress_since",
    "in_progress_days",
    "raised_by_judgement",
    "practitioner",
    "agency",
    "attention_rank",
    "attention_reasons",
    "missing_episodes_not_recorded",
    "files_not_read",
    "judgement_below_level",
    "immediate_danger",
];

/// The whole report.
pub fn document(c: &Caseload) -> Document {
    let mut doc = Document::new(format!("Caseload oversight as of {}", c.as_of));
    let n = c.cases.len();
    doc.paragraph(format!(
        "{n} case{}, {} screening{} counted once each{}. Screenings dated after {} are left out ({}).{}",
        if n == 1 { "" } else { "s" },
        c.screenings,
        if c.screenings == 1 { "" } else { "s" },
        if c.duplicates > 0 {
            format!(" ({} more paths named a screening already counted)", c.duplicates)
        } else {
            String::new()
        },
        c.as_of,
        c.after_as_of,
        if c.pseudonymised {
            " Case references are replaced with pseudonyms made with a key this team holds."
        } else {
            ""
        }
    ));
    if c.not_read > 0 {
        doc.callout(Tone::Warning, "Not read:", not_read(c));
    }
    if c.after_today > 0 {
        doc.callout(
            Tone::Warning,
            "Dated in the future:",
            format!(
                "{} screening{} dated after today: check the date in `cse-screen history` for the case.",
                c.after_today,
                if c.after_today == 1 { " is" } else { "s are" }
            ),
        );
    }
    if c.unsaved_copies > 0 {
        doc.callout(
            Tone::Warning,
            "Unsaved copies:",
            format!(
                "{} screening{} counted here {} an unsaved copy, a file named like EX-1.unsaved-1.yaml that cse-screen saved beside a record it could not write over, because another program changed that record while the screening was open. Each is a second version of one screening: compare it with its record (cse-screen history marks it), keep one version and delete the other.",
                c.unsaved_copies,
                if c.unsaved_copies == 1 { "" } else { "s" },
                if c.unsaved_copies == 1 { "is" } else { "are each" }
            ),
        );
    }
    doc.callout(
        Tone::Note,
        "What this is:",
        "a view of saved screenings to help supervision and oversight. It supports professional judgement and does not decide; children's social care decides the level of risk. A case not screened recently may be missing from here altogether.",
    );

    doc.heading(2, "Needs attention first");
    if c.attention.is_empty() {
        doc.paragraph(format!(
            "No case needs attention by these rules as of {}.",
            c.as_of
        ));
    } else {
        doc.paragraph(
            "Most urgent first: the 999 route at the latest screening; escalation due; the highest level (or a review set as for it, because of what is not known) with its review overdue; a latest screening dated after today; a file naming the case not read; rising; a professional judgement below the level, or one made before and not made again; left in progress; significant indicators or many answers not known; other reviews overdue. Each case once, with every reason.",
        );
        doc.table(
            &["#", "case", "level now", "why"],
            c.attention
                .iter()
                .map(|a| {
                    vec![
                        a.rank.to_string(),
                        OneLine(&a.case_reference).to_string(),
                        a.level_label.clone(),
                        a.reasons.join("\n"),
                    ]
                })
                .collect(),
        );
    }

    doc.heading(2, "Measures");
    doc.table(
        &["measure", "value", "how it is counted"],
        c.measures
            .list
            .iter()
            .map(|m| vec![m.name.to_owned(), m.value.clone(), m.definition.to_owned()])
            .collect(),
    );
    let months: Vec<String> = c.measures.months.iter().map(|m| m.month.clone()).collect();
    doc.chart(Chart {
        title: "Cases by level at the end of each month".to_owned(),
        category: "month".to_owned(),
        categories: months.clone(),
        series: c
            .measures
            .levels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                (
                    l.clone(),
                    c.measures
                        .months
                        .iter()
                        .map(|m| m.by_level.get(i).map_or(0, |&n| n as u64))
                        .collect(),
                )
            })
            .collect(),
    });
    doc.chart(Chart {
        title: "Missing episodes first recorded each month".to_owned(),
        category: "month".to_owned(),
        categories: months,
        series: vec![(
            "missing episodes".to_owned(),
            c.measures
                .months
                .iter()
                .map(|m| m.missing_episodes)
                .collect(),
        )],
    });

    doc.heading(2, "Cases");
    doc.table(
        &[
            "case",
            "level now",
            "latest",
            "review",
            "escalation",
            "missing",
            "not known",
            "in progress",
            "judgement",
            "last by",
        ],
        c.cases.iter().map(cells).collect(),
    );
    doc
}

/// What the files not read leave out, and which cases they name.
fn not_read(c: &Caseload) -> String {
    let n = c.not_read;
    let one = n == 1;
    let mut s = format!(
        "{n} file{} could not be read or {} refused; the errors were printed when this report was made.",
        if one { "" } else { "s" },
        if one { "was" } else { "were" },
    );
    let in_rows: usize = c.cases.iter().map(|r| r.files_not_read).sum();
    let in_only: usize = c.not_read_cases.iter().map(|u| u.files).sum();
    if in_rows > 0 {
        s.push_str(
            " A case named in one is on the attention list below: a screening of it, perhaps its latest, is not counted, so its level may be out of date.",
        );
    }
    if !c.not_read_cases.is_empty() {
        let names: Vec<String> = c
            .not_read_cases
            .iter()
            .map(|u| OneLine(&u.case_reference).to_string())
            .collect();
        s.push_str(&format!(
            " Named only in files not read, and so missing from this report: {}.",
            names.join(", ")
        ));
    }
    let unnamed = n.saturating_sub(in_rows + in_only);
    if unnamed > 0 {
        s.push_str(&format!(
            " {} could not be read far enough to tell which case {} about: a case screened only there is missing from this report, and any case here may be shown without its latest screening.",
            if unnamed == n {
                if one { "It".to_owned() } else { "They".to_owned() }
            } else if unnamed == 1 {
                "One of them".to_owned()
            } else {
                format!("{unnamed} of them")
            },
            if unnamed == 1 { "it is" } else { "they are" },
        ));
    }
    s.push_str(&format!(
        " Correct {} and make the report again.",
        if one { "it" } else { "them" }
    ));
    s
}

/// One case's row. The one-line fields (case reference, date, practitioner, agency) keep no
/// line break or tab ([`OneLine`]): the table keeps a cell's line breaks, which would show
/// "C. Example\nLevel: Low" as two lines of the row.
fn cells(r: &CaseRow) -> Vec<String> {
    vec![
        format!(
            "{} ({})",
            OneLine(&r.case_reference),
            plural(i64::try_from(r.screenings).unwrap_or(i64::MAX), "screening")
        ),
        r.trend.sentence(),
        match r.files_not_read {
            0 => OneLine(&r.latest_screening).to_string(),
            n => format!(
                "{}; {} not read",
                OneLine(&r.latest_screening),
                plural(i64::try_from(n).unwrap_or(i64::MAX), "file")
            ),
        },
        review(r),
        match &r.escalation {
            Some(e) => format!("due: {}", e.route),
            None => "no".to_owned(),
        },
        {
            let counted = r
                .missing_episodes_counted_with
                .as_ref()
                .map(|q| format!(" (counted in the {q} screenings)"))
                .unwrap_or_default();
            match (r.missing_episodes, r.missing_episodes_not_recorded) {
                (Some(n), false) if r.return_home_conversation => {
                    format!("{n}{counted}; return-home conversation")
                }
                (Some(n), true) if r.return_home_conversation => {
                    format!("at least {n}{counted}; return-home conversation")
                }
                (Some(n), false) => format!("{n}{counted}"),
                (Some(n), true) => format!("at least {n} (number not recorded){counted}"),
                (None, _) => "none recorded".to_owned(),
            }
        },
        if r.significant_not_known.is_empty() {
            r.not_known.to_string()
        } else {
            format!(
                "{} ({} significant)",
                r.not_known,
                r.significant_not_known.len()
            )
        },
        match &r.in_progress {
            Some(p) if p.left => format!("since {}, {}: left", p.date, plural(p.days, "day")),
            Some(p) => format!("since {}", p.date),
            None => "no".to_owned(),
        },
        match (&r.raised_by_judgement, &r.judgement_below) {
            (Some(j), _) => format!("raised {} to {}", j.from, j.to),
            (None, Some(j)) => format!("view {}, below {}", j.view, j.level),
            (None, None) => "no".to_owned(),
        },
        super::practitioner_and_agency(&r.practitioner, &r.agency),
    ]
}

fn plural(n: impl Into<i64>, one: &str) -> String {
    let n = n.into();
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

/// The review in words: "overdue since 2026-04-13 (18 days)".
fn review(r: &CaseRow) -> String {
    let due = r.review.due.clone().unwrap_or_default();
    match r.review.status {
        ReviewStatus::Overdue => format!("overdue since {due} ({})", plural(-r.review.days, "day")),
        ReviewStatus::DueToday => format!("due today ({due})"),
        ReviewStatus::Due => format!("due {due} (in {})", plural(r.review.days, "day")),
        ReviewStatus::Unknown => "unknown: check the screening date".to_owned(),
    }
}

/// The header line of the CSV.
pub fn csv_header() -> String {
    line(CSV_COLUMNS.iter().map(|c| (*c).to_owned()))
}

/// One case as a CSV line, every cell through [`crate::text::csv_cell`].
pub fn csv_row(c: &Caseload, r: &CaseRow) -> String {
    let attention = c
        .attention
        .iter()
        .find(|a| a.case_reference == r.case_reference);
    let status = match r.review.status {
        ReviewStatus::Due => "due",
        ReviewStatus::DueToday => "due_today",
        ReviewStatus::Overdue => "overdue",
        ReviewStatus::Unknown => "unknown",
    };
    line(
        [
            r.case_reference.clone(),
            r.screenings.to_string(),
            r.trend.level.clone(),
            r.trend.direction.id().to_owned(),
            r.trend
                .since
                .as_ref()
                .map(|s| s.level_label.clone())
                .unwrap_or_default(),
            r.latest_screening.clone(),
            status.to_owned(),
            r.review.due.clone().unwrap_or_default(),
            r.review.days.to_string(),
            r.escalation.is_some().to_string(),
            r.escalation
                .as_ref()
                .map(|e| e.because.join(" "))
                .unwrap_or_default(),
            r.missing_episodes
                .map(|n| n.to_string())
                .unwrap_or_default(),
            r.return_home_conversation.to_string(),
            r.not_known.to_string(),
            r.significant_not_known.join(";"),
            r.in_progress
                .as_ref()
                .map(|p| p.date.clone())
                .unwrap_or_default(),
            r.in_progress
                .as_ref()
                .map(|p| p.days.to_string())
                .unwrap_or_default(),
            r.raised_by_judgement
                .as_ref()
                .map(|j| format!("{} to {}", j.from, j.to))
                .unwrap_or_default(),
            r.practitioner.clone(),
            r.agency.clone(),
            attention.map(|a| a.rank.to_string()).unwrap_or_default(),
            attention.map(|a| a.reasons.join(" ")).unwrap_or_default(),
            r.missing_episodes_not_recorded.to_string(),
            r.files_not_read.to_string(),
            r.judgement_below
                .as_ref()
                .map(|j| format!("{} below {}", j.view, j.level))
                .unwrap_or_default(),
            r.immediate_danger
                .as_ref()
                .map(|d| d.route.clone())
                .unwrap_or_default(),
        ]
        .into_iter(),
    )
}

fn line(cells: impl Iterator<Item = String>) -> String {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(Vec::new());
    // Writing to memory cannot fail; an empty line would be the visible symptom if it did.
    let _ = w.write_record(cells.map(|c| crate::text::csv_cell(&c).into_owned()));
    w.into_inner()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}
