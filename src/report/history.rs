//! `history`: each case's screenings over time as a [`Document`] (terminal and Markdown);
//! the JSON form is the serde form of [`History`].

use super::document::{Document, Tone};
use crate::engine::Answer;
use crate::history::{Case, Change, History, ReviewStatus, Sameness, dated};
use crate::text::OneLine;

/// The whole history as a document, one section per case.
pub fn document(h: &History) -> Document {
    let mut doc = Document::new(format!("Screening history as of {}", h.as_of));
    if h.after_as_of > 0 {
        let n = h.after_as_of;
        doc.paragraph(format!(
            "{n} screening{} dated after {} {} left out.",
            if n == 1 { "" } else { "s" },
            h.as_of,
            if n == 1 { "is" } else { "are" }
        ));
    }
    if h.after_today > 0 {
        let n = h.after_today;
        doc.callout(
            Tone::Warning,
            "Dated in the future:",
            format!(
                "{n} screening{} {} dated after today, so {} date{} wrong. {} shown where {} date puts {}, marked \"dated after today\": check the date{} and correct {}.",
                if n == 1 { "" } else { "s" },
                if n == 1 { "is" } else { "are" },
                if n == 1 { "its" } else { "their" },
                if n == 1 { " is" } else { "s are" },
                if n == 1 { "It is" } else { "They are" },
                if n == 1 { "its" } else { "each" },
                if n == 1 { "it" } else { "them" },
                if n == 1 { "" } else { "s" },
                if n == 1 { "it" } else { "them" },
            ),
        );
    }
    if !h.not_read.is_empty() {
        let n = h.not_read.len();
        doc.callout(
            Tone::Warning,
            "Not read:",
            format!(
                "{n} file{} could not be used (the problems are listed on standard error): {}. \
                 A case screened in {} is shown without that screening, which may be its \
                 latest: correct the file{} and run this again.",
                if n == 1 { "" } else { "s" },
                h.not_read
                    .iter()
                    .map(|f| f.file.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                if n == 1 { "it" } else { "them" },
                if n == 1 { "" } else { "s" },
            ),
        );
    }
    if h.cases.is_empty() {
        doc.paragraph(format!("No screenings dated on or before {}.", h.as_of));
    }
    for c in &h.cases {
        case(&mut doc, c);
    }
    doc
}

fn case(doc: &mut Document, c: &Case) {
    let n = c.screenings.len();
    // An unsaved copy is a second version of a screening: the count says how many are.
    let copies = match c
        .screenings
        .iter()
        .filter(|p| p.unsaved_copy_of.is_some())
        .count()
    {
        0 => String::new(),
        1 if n == 1 => ", an unsaved copy".to_owned(),
        1 => ", one of them an unsaved copy".to_owned(),
        k if k == n => ", each an unsaved copy".to_owned(),
        k => format!(", {k} of them unsaved copies"),
    };
    doc.heading(
        2,
        format!(
            "Case {}: {n} screening{}{copies}",
            c.case_reference,
            if n == 1 { "" } else { "s" }
        ),
    );
    doc.table(
        &[
            "date",
            "score",
            "level",
            "most urgent route",
            "review by",
            "file",
        ],
        c.screenings
            .iter()
            .map(|p| {
                let mut date = p.date.clone();
                if p.dated_after_today {
                    date.push_str(" (dated after today)");
                }
                if !p.complete {
                    date.push_str(" (in progress)");
                }
                if p.unsaved_copy_of.is_some() {
                    date.push_str(" (unsaved copy)");
                }
                vec![
                    date,
                    p.score.to_string(),
                    level(p),
                    match p.routes.as_slice() {
                        [] => String::new(),
                        [only] => only.title.clone(),
                        [first, rest @ ..] => format!("{} (+{} more)", first.title, rest.len()),
                    },
                    p.review_due.clone().unwrap_or_default(),
                    p.file.clone(),
                ]
            })
            .collect(),
    );

    // A copy `screen` saved when it could not write over a record is a second version of
    // one screening, not a second screening: say so, and what to do.
    for p in &c.screenings {
        if let Some(record) = &p.unsaved_copy_of {
            doc.paragraph(format!(
                "{} is an unsaved copy: cse-screen saved these answers beside {} because that record was changed by another program while the screening was open. Compare the two, keep the right version under the record's name and delete the other, so this screening is counted once.",
                crate::text::line(&p.file),
                crate::text::line(record)
            ));
        }
    }

    // What the practitioner judged, and why: a level that rests on judgement is not read as
    // one the answers give, and a view below the level is seen (found in review).
    for p in &c.screenings {
        if let Some(j) = &p.judgement {
            let what = if j.raised {
                format!(
                    "raised the level from {} (the answers' level) to {}",
                    j.from_label, j.raise_to_label
                )
            } else if j.raise_to_rank < p.level_rank {
                format!(
                    "the practitioner's view was {}, below {} from the answers, which stands: talk the difference through with the practitioner and the safeguarding lead",
                    j.raise_to_label, p.level_label
                )
            } else {
                format!(
                    "the practitioner's view was {}, which the answers already reach",
                    j.raise_to_label
                )
            };
            doc.paragraph(format!(
                "Professional judgement on {}, by {}: {what}. Reason given: {}",
                dated(&p.date, p.unsaved_copy_of.is_some()),
                super::practitioner_and_agency(&j.practitioner, &j.agency),
                crate::text::line(&j.reason)
            ));
        }
    }

    // One case, however its reference was typed: say where it was typed differently.
    let variants: Vec<String> = c
        .screenings
        .iter()
        .filter(|p| p.case_reference != c.case_reference)
        .map(|p| {
            format!(
                "\"{}\" in {}",
                crate::reference::marked(&p.case_reference),
                p.file
            )
        })
        .collect();
    if !variants.is_empty() {
        doc.paragraph(format!(
            "This is one case, {}: its reference is written {}. References are compared trimmed, Unicode-normalised, without invisible characters, with letters of other scripts that look like ASCII ones read as those, and ignoring case.",
            c.case_reference,
            variants.join(", ")
        ));
    }
    if !c.duplicates.is_empty() {
        let n = c.duplicates.len();
        doc.paragraph(format!(
            "Counted once: {n} more path{} named {} already counted above.",
            if n == 1 { "" } else { "s" },
            if n == 1 { "a screening" } else { "screenings" }
        ));
        doc.table(
            &["file", "counted as", "why"],
            c.duplicates
                .iter()
                .map(|d| {
                    vec![
                        d.file.clone(),
                        d.same_as.clone(),
                        match d.how {
                            Sameness::SameFile => "the same file".to_owned(),
                            Sameness::SameScreening => "the same screening".to_owned(),
                        },
                    ]
                })
                .collect(),
        );
    }

    doc.paragraph(format!("Level now: {}.", c.trend.sentence()));
    if !c.not_read.is_empty() {
        doc.callout(
            Tone::Warning,
            "A screening of this case was not read:",
            format!(
                "{} could not be used, so this case is shown without it, and it may be the \
                 latest: the level now may be out of date. Correct it and run this again.",
                c.not_read.join(", ")
            ),
        );
    }

    if let Some(e) = &c.escalation {
        let r = &e.route;
        let contact = r
            .contact
            .as_deref()
            .map_or_else(String::new, |c| format!(" Contact: {c}."));
        // The rule's guidance says what to do and why (with its local caveats); the route's
        // action says much the same, so only its contact and timescale are added.
        doc.callout(
            Tone::Alert,
            "ESCALATE:",
            format!("{}{contact} When: {}.", e.guidance, r.timescale),
        );
        doc.list(e.because.clone());
    }

    if let Some(m) = &c.missing {
        let counts: Vec<String> = m
            .recorded
            .iter()
            .map(|r| match r.episodes {
                Some(n) => format!("{n} on {}", dated(&r.date, r.unsaved_copy)),
                None => format!(
                    "yes on {} (number not recorded)",
                    dated(&r.date, r.unsaved_copy)
                ),
            })
            .collect();
        let unrecorded = m.recorded.iter().filter(|r| r.episodes.is_none()).count();
        let text = if unrecorded == 0 {
            format!(
                "{} episode{} known in total (recorded: {}).",
                m.episodes,
                if m.episodes == 1 { "" } else { "s" },
                counts.join(", ")
            )
        } else {
            // A yes with no number is at least one episode, not exactly one: the number is
            // not known, and not known is never read as the lowest it could be.
            format!(
                "At least {} episode{} known (recorded: {}). The number was not recorded at \
                 {unrecorded} screening{}: find out how many there were, since each yes may \
                 be another episode.",
                m.episodes,
                if m.episodes == 1 { "" } else { "s" },
                counts.join(", "),
                if unrecorded == 1 { "" } else { "s" }
            )
        };
        let text = match &m.counted_with {
            Some(q) => format!(
                "{text} Counted in the {q} screenings: the latest screening's questionnaire does \
                 not count missing episodes."
            ),
            None => text,
        };
        match &m.guidance {
            Some(g) => doc.callout(Tone::Alert, "Missing episodes:", format!("{text} {g}")),
            None => doc.callout(Tone::Note, "Missing episodes:", text),
        }
    }

    let r = &c.review;
    let basis = format!(
        "{} days after the {} screening of {}{}",
        r.interval_days,
        r.level_label,
        dated(&r.from_screening, r.from_unsaved_copy),
        r.as_for.as_ref().map_or_else(String::new, |label| format!(
            ", as for {label}: finding out what was not known then could raise the level to it"
        ))
    );
    let (tone, label, text) = match (r.due.as_deref(), r.status) {
        (_, ReviewStatus::Unknown) => (
            Tone::Warning,
            "Review date unknown:",
            match crate::answers::parse_date(&r.from_screening) {
                Some(_) => format!(
                    "the {} screening of {} is dated after today, so its date is wrong and so would be a review date worked out from it; check the date, and review within {} days of the real screening date.",
                    r.level_label,
                    dated(&r.from_screening, r.from_unsaved_copy),
                    r.interval_days
                ),
                None => format!(
                    "the screening date cannot be read; review within {} days.",
                    r.interval_days
                ),
            },
        ),
        (Some(due), ReviewStatus::Overdue) => (
            Tone::Alert,
            "Review overdue:",
            format!(
                "it was due on {due}, {} day{} ago ({basis}).",
                -r.days,
                if r.days == -1 { "" } else { "s" }
            ),
        ),
        (Some(due), ReviewStatus::DueToday) => (
            Tone::Warning,
            "Review due today:",
            format!("{due} ({basis})."),
        ),
        (Some(due), _) => (
            Tone::Note,
            "Review due:",
            format!(
                "by {due}, in {} day{} ({basis}), or sooner if anything changes.",
                r.days,
                if r.days == 1 { "" } else { "s" }
            ),
        ),
        (None, _) => (
            Tone::Warning,
            "Review:",
            format!(
                "the screening date cannot be read; review within {} days.",
                r.interval_days
            ),
        ),
    };
    doc.callout(tone, label, text);
    if let Some(d) = &r.in_progress {
        doc.paragraph(format!(
            "The screening of {d} is still in progress: finish it, then it sets the review date."
        ));
    }

    if !c.changes.is_empty() {
        doc.heading(3, format!("Changes in case {}", c.case_reference));
        for ch in &c.changes {
            change(doc, ch);
        }
    }
}

/// A screening's level as its table shows it: with the level by the answers where
/// professional judgement raised it, and the practitioner's view where it was below.
fn level(p: &crate::history::Point) -> String {
    match &p.judgement {
        Some(j) if j.raised => format!(
            "{} (judgement; {} by the answers)",
            p.level_label, j.from_label
        ),
        Some(j) if j.raise_to_rank < p.level_rank => format!(
            "{} (practitioner's view {}, below)",
            p.level_label, j.raise_to_label
        ),
        _ => p.level_label.clone(),
    }
}

fn change(doc: &mut Document, ch: &Change) {
    // A record and its unsaved copy are two versions of one screening: say what differs
    // between them, in words that do not read as a change over time.
    let name = |copy: bool| if copy { "the copy" } else { "the record" };
    let (new, resolved) = if ch.versions {
        let (record, copy) = if ch.to_unsaved_copy {
            (&ch.from, &ch.to)
        } else {
            (&ch.to, &ch.from)
        };
        doc.paragraph(format!(
            "Two versions of one screening, the record ({record}) and its unsaved copy ({copy}); keep the right one. What differs:"
        ));
        (
            format!("Yes only in {}", name(ch.to_unsaved_copy)),
            format!("Yes only in {}", name(ch.from_unsaved_copy)),
        )
    } else {
        doc.paragraph(format!(
            "From {} to {}:",
            dated(&ch.from, ch.from_unsaved_copy),
            dated(&ch.to, ch.to_unsaved_copy)
        ));
        // Found in review: "Resolved" for every yes that became no, including questions
        // about the past that cannot un-happen. The files say only that the answer changed.
        (
            "New".to_owned(),
            format!(
                "Yes on {}, no on {}",
                dated(&ch.from, ch.from_unsaved_copy),
                dated(&ch.to, ch.to_unsaved_copy)
            ),
        )
    };
    if let Some([before, after]) = &ch.other_questionnaire {
        doc.list(vec![format!(
            "Not compared: the first used the {before} questionnaire and the second {after}, \
             whose questions are not the same (even where an indicator id is)."
        )]);
        return;
    }
    let mut items = Vec::new();
    let mut group = |label: &str, list: &[crate::history::IndicatorRef]| {
        for i in list {
            items.push(format!("{label}: {} ({})", i.prompt, i.id));
        }
    };
    group(&new, &ch.new);
    group(&resolved, &ch.resolved);
    let earlier = format!(
        "{resolved}, but it asks about earlier times too (if it happened, it stays yes with \
         the earlier window: check which answer is right)"
    );
    group(
        if ch.versions { &resolved } else { &earlier },
        &ch.yes_before_no_now,
    );
    group(
        "No longer known (find out; do not assume it stopped)",
        &ch.no_longer_known,
    );
    group(
        "No before, not known now (find out whether it is still no)",
        &ch.not_known_now,
    );
    for o in &ch.only_in {
        let answered = match o.answer {
            Some(Answer::Yes) => "; answered yes there",
            Some(Answer::No) => "; answered no there",
            Some(Answer::NotKnown) => "; answered not known there",
            None => "; not answered there",
        };
        items.push(format!(
            "Not compared: \"{}\" (`{}`) is only in {} version {}{answered}",
            OneLine(&o.prompt),
            o.indicator,
            o.questionnaire,
            o.version
        ));
    }
    if items.is_empty() {
        items.push("No change in the indicators answered yes.".to_owned());
    }
    doc.list(items);
    if !ch.versions && !ch.resolved.is_empty() {
        doc.paragraph(
            "A yes that became no is not shown as resolved, since the files say only that the answer changed. If it has stopped, record how you know; where the question asks about the past, one of the two answers is wrong: check which.",
        );
    }
}
