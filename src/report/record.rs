//! `report`: the printable record of one screening for the case file, as a [`Document`].
//!
//! Everything a reader of the case file needs without the tool: who screened, when, with
//! which questionnaire (id, version, sha256), every answer with its windows, basis and note,
//! the result and why, what is not known, the judgement, decisions and actions, the review
//! date, the disclaimer and who owns the record. Gaps are said out loud ("no decisions or
//! actions were recorded") rather than left blank.

use super::document::{Document, Tone};
use super::{Review, review_of};
use super::{basis_label, when};
use crate::answers::{ProfileValue, Status};
use crate::engine::{RouteFrom, SetBy};
use crate::language::Finding;
use crate::questionnaire::Questionnaire;
use crate::screening::Scored;
use crate::text::OneLine;

/// The record of `s`; `warnings` are the problems found while loading it that did not stop
/// scoring (another questionnaire version, gaps), and `wording` the language-check findings
/// in its free text.
///
/// One-line fields (the case reference, date, names, file name, the questionnaire's title
/// and a level's label) go in as [`OneLine`] shows them, wherever they go: the document keeps
/// the line breaks of paragraphs and cells, and a case reference holding "\n## Case ..."
/// would otherwise begin a heading of its own in Markdown, or be hidden as a space in HTML.
pub fn record(s: &Scored<'_>) -> Document {
    let (warnings, wording) = (&s.warnings, &s.language);
    let (q, a) = (s.questionnaire, &s.assessment);
    let d = &s.screening.screening;
    let case = OneLine(&d.case_reference);
    let (practitioner, agency) = (super::recorded(&d.practitioner), super::recorded(&d.agency));
    let file = OneLine(&s.file);
    let mut doc = Document::new(format!("Child exploitation screening: {case}"));

    // Questions added to the questionnaire after the screening was made were never asked:
    // they are not gaps in a complete screening (found in review: a complete 2.6.0
    // screening's record opened "INCOMPLETE ... has gaps" for three 2.7.0 questions).
    let gaps = s.unanswered_asked();
    if d.status == Status::InProgress || gaps > 0 {
        // The questions added since are counted apart, as the result counts them (found in
        // review: "48 questions are not answered yet" here, "45 ... and 3 not asked" below).
        let n = gaps;
        let added = a.unanswered.len().saturating_sub(gaps);
        let added = if d.status == Status::InProgress && added > 0 {
            format!(
                " (and {added} added to the questionnaire since it was started, asked when it \
                 is resumed)"
            )
        } else {
            String::new()
        };
        doc.callout(
            Tone::Warning,
            "INCOMPLETE:",
            format!(
                "this screening is {}: {n} question{} not answered yet{added}, counted as not \
                 known. Finish it before relying on this record: cse-screen screen --resume {}",
                if d.status == Status::InProgress {
                    "in progress"
                } else {
                    "marked complete but has gaps"
                },
                if n == 1 { " is" } else { "s are" },
                // Quoted for the shell: a name with a space or `$(...)` is copied as one
                // argument, never run; one starting with `-` is not read as an option.
                super::shell_quote(&match file.to_string() {
                    f if f.starts_with('-') => format!("./{f}"),
                    f => f,
                })
            ),
        );
    }
    let danger = &a.immediate_danger;
    doc.callout(
        Tone::Alert,
        "Immediate danger:",
        match &danger.contact {
            Some(c) => format!("{} ({c})", danger.action),
            None => danger.action.clone(),
        },
    );

    doc.heading(2, "Screening");
    doc.fields(vec![
        ("Case reference".to_owned(), case.to_string()),
        ("Date".to_owned(), OneLine(&d.date).to_string()),
        ("Practitioner".to_owned(), practitioner.clone()),
        ("Agency".to_owned(), agency.clone()),
        (
            "Status".to_owned(),
            match d.status {
                Status::Complete => "complete".to_owned(),
                Status::InProgress => "in progress".to_owned(),
            },
        ),
        (
            "Questionnaire".to_owned(),
            format!(
                "{} ({} version {})",
                OneLine(&q.title),
                q.id,
                OneLine(&q.version)
            ),
        ),
        ("Questionnaire sha256".to_owned(), q.sha256.clone()),
        ("Answers file".to_owned(), file.to_string()),
    ]);
    // The stamp in the file names another text: the record says both, so that what it shows
    // matches what the file holds (found in review: a 2.3.0 file's record said only 2.4.0).
    let stamp = &s.screening.questionnaire;
    if stamp.sha256 != q.sha256 {
        doc.callout(
            Tone::Warning,
            "Scored with another version:",
            format!(
                "the answers were given to {} version {} (sha256 {}); this record scores them \
                 with {} version {}, named above, whose questions, weights and rules may differ.",
                OneLine(&stamp.id),
                OneLine(&stamp.version),
                OneLine(&stamp.sha256),
                q.id,
                OneLine(&q.version)
            ),
        );
    }
    if let Some(na) = &s.not_asked {
        let n = na.len();
        let mut items: Vec<String> = na
            .indicators
            .iter()
            .filter_map(|&i| q.indicators.get(i))
            .map(|i| format!("{} ({})", i.prompt, i.id))
            .collect();
        items.extend(
            na.facts
                .iter()
                .filter_map(|&f| q.profile.get(f))
                .map(|f| format!("{} ({})", f.prompt, f.id)),
        );
        doc.callout(
            Tone::Warning,
            "Not asked:",
            format!(
                "{n} question{} added to {} after {}, the version this screening was made \
                 with; {} scored as not known: ask {} at the next screening.",
                if n == 1 { " was" } else { "s were" },
                na.id,
                OneLine(&na.made_with),
                if n == 1 { "it is" } else { "they are" },
                if n == 1 { "it" } else { "them" },
            ),
        );
        doc.list(items);
    }
    if !warnings.is_empty() {
        doc.heading(3, "Warnings");
        doc.list(
            warnings
                .iter()
                .map(|w| {
                    let at = w.position.map_or_else(String::new, |p| {
                        format!("line {}, column {}: ", p.line, p.column)
                    });
                    let help = w
                        .help
                        .as_deref()
                        .map_or_else(String::new, |h| format!(" ({h})"));
                    format!("{at}{}{help}", w.message)
                })
                .collect(),
        );
    }

    let (avoid, consider): (Vec<Finding>, Vec<Finding>) =
        wording.iter().cloned().partition(Finding::is_blaming);
    if !avoid.is_empty() {
        language(&mut doc, &avoid);
    }
    if !consider.is_empty() {
        prompts(&mut doc, &consider);
    }
    result(&mut doc, s);
    unknowns(&mut doc, s);
    answers(&mut doc, s);
    decisions(&mut doc, s);

    if !a.learning_points.is_empty() {
        doc.heading(2, "Learning points");
        doc.list(
            a.learning_points
                .iter()
                .map(|l| format!("{} ({})", l.text, l.indicator))
                .collect(),
        );
    }

    doc.heading(2, "Review");
    let interval = match &a.review_as_for {
        Some(_) => super::result::review_days_words(a),
        None => format!(
            "{} days at level {}",
            a.review_interval_days,
            OneLine(&a.level.label)
        ),
    };
    doc.paragraph(match review_of(&d.date, a.review_interval_days) {
        Review::Due(due) => {
            format!("Review due by {due} ({interval}), or sooner if anything changes.")
        }
        Review::AfterToday => format!(
            "Review within {interval}, counted from the real screening date, or sooner if anything \
             changes: the date in the file, {}, is after today, so a review date from it \
             would be wrong too. Check it.",
            OneLine(&d.date)
        ),
        Review::Unknown => format!("Review within {interval}, or sooner if anything changes."),
    });

    doc.heading(2, "About this record");
    doc.callout(Tone::Note, "Not a decision:", a.disclaimer.clone());
    let blank = |t: &str| crate::reference::shows_nothing(t);
    let owner = match (blank(&d.practitioner), blank(&d.agency)) {
        (true, true) => "not recorded (the file names no practitioner or agency)".to_owned(),
        _ => format!("{practitioner}, {agency}"),
    };
    let policy = if blank(&d.agency) {
        "your agency's".to_owned()
    } else {
        format!("{agency}'s")
    };
    doc.paragraph(format!(
        "Record owner: {owner}. This record belongs on the case file for {case}; keep it, \
         share it and correct it under {policy} records and information-sharing policy."
    ));
    // Found in review: nothing tied a printed record to the file it was made from, which is
    // rewritten at every resume. The identity is what `history` and `score` use to know a
    // copy: the same for a copy or the same screening in JSON, another for any change.
    let identity = s
        .screening
        .identity()
        .map(|id| {
            format!(
                " The screening's identity, the sha256 of what it holds, is {id} (cse-screen \
                 history --format json gives it for a file; a file changed since gives \
                 another)."
            )
        })
        .unwrap_or_default();
    doc.paragraph(format!(
        "Made by cse-screen {} from {file}.{identity}",
        env!("CARGO_PKG_VERSION")
    ));
    doc
}

/// A level's label, or its id if the questionnaire has no such level.
fn level_label<'a>(q: &'a Questionnaire, id: &'a str) -> &'a str {
    q.levels
        .iter()
        .find(|l| l.id == id)
        .map_or(id, |l| l.label.as_str())
}

/// The level, what set it, the routes, the rules that fired and the points.
fn result(doc: &mut Document, s: &Scored<'_>) {
    let (q, a) = (s.questionnaire, &s.assessment);
    doc.heading(2, "Result");
    let score_label = level_label(q, &a.score_level);
    let mut fields = vec![
        (
            "Suggested level".to_owned(),
            OneLine(&a.level.label).to_string(),
        ),
        (
            "Score".to_owned(),
            format!(
                "{} (the score alone reaches {})",
                a.score,
                OneLine(score_label)
            ),
        ),
        (
            "Level set by".to_owned(),
            // A rule is named by its id; its reason is in words in the table below (found
            // in review: a reader of the record met the ids with no key to them).
            if a.level_set_by.iter().any(|b| matches!(b, SetBy::Rule(_))) {
                format!(
                    "{} (each rule's reason is under \"Rules that fired\" below)",
                    OneLine(&super::set_by(a))
                )
            } else {
                OneLine(&super::set_by(a)).to_string()
            },
        ),
    ];
    // A level resting on answers not known is said to, beside the level, as on the screen
    // (found in review: only the "Not known" and "Review" sections said it).
    let not_known = super::result::not_known_words_with(a, s.not_asked.as_ref());
    if let Some(what) = not_known.strip_prefix(". Not known: ") {
        fields.push((
            "Not known".to_owned(),
            format!("{what} (see \"Not known\" below)"),
        ));
    }
    doc.fields(fields);
    if let Some(o) = &a.age_outside {
        doc.callout(Tone::Warning, "Age:", o.words());
    }
    if let Some(desc) = &a.level.description {
        doc.paragraph(desc.clone());
    }
    if let Some(j) = &a.judgement {
        doc.callout(
            Tone::Note,
            "Professional judgement:",
            format!("{}. Reason: {}", super::judgement_words(j), j.reason),
        );
    }

    doc.heading(3, "Recommended routes, most urgent first");
    doc.table(
        &["#", "route", "what to do", "contact", "when", "because of"],
        a.routes
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    (i + 1).to_string(),
                    r.title.clone(),
                    r.action.clone(),
                    r.contact.clone().unwrap_or_default(),
                    r.timescale.clone(),
                    r.from
                        .iter()
                        .map(|f| match f {
                            RouteFrom::Level(id) => format!("level {}", level_label(q, id)),
                            RouteFrom::Rule(id) => format!("rule {id}"),
                            RouteFrom::ImmediateDanger => "immediate_danger".to_owned(),
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                ]
            })
            .collect(),
    );
    doc.list(
        a.reminders
            .iter()
            .map(|r| format!("Reminder: {r}"))
            .collect(),
    );

    doc.heading(3, "Rules that fired");
    if a.fired_rules.is_empty() {
        doc.paragraph("No rule fired.");
    } else {
        doc.table(
            &["rule", "at least", "reason"],
            a.fired_rules
                .iter()
                .map(|r| {
                    let level = r.raise_to.as_deref().map_or("", |id| level_label(q, id));
                    vec![r.id.clone(), level.to_owned(), r.reason.clone()]
                })
                .collect(),
        );
    }

    doc.heading(3, "Points");
    if a.contributions.is_empty() {
        doc.paragraph("No indicator was answered yes, so the score is 0.");
    } else {
        // A rating column only where some indicator is rated on a scale (format 2).
        let rated = a.contributions.iter().any(|c| c.rating.is_some());
        let mut rows: Vec<Vec<String>> = a
            .contributions
            .iter()
            .map(|c| {
                let i = q.indicator(&c.indicator);
                let mut row = vec![
                    i.map_or_else(|| c.indicator.clone(), |i| q.indicators[i].prompt.clone()),
                    c.indicator.clone(),
                    i.map_or_else(String::new, |i| when(q, &s.responses, i)),
                ];
                if rated {
                    row.push(super::rating_words(q, c).unwrap_or_default());
                }
                row.push(c.points.to_string());
                row
            })
            .collect();
        let mut total = vec!["Total".to_owned(), String::new(), String::new()];
        if rated {
            total.push(String::new());
        }
        total.push(a.score.to_string());
        rows.push(total);
        if rated {
            doc.table(
                &["indicator present", "id", "when", "rating", "points"],
                rows,
            );
        } else {
            doc.table(&["indicator present", "id", "when", "points"], rows);
        }
    }
    subtotals(doc, s);
}

/// Format 2: the points of each section and category, which subtotal rules read.
fn subtotals(doc: &mut Document, s: &Scored<'_>) {
    let (q, a) = (s.questionnaire, &s.assessment);
    if q.format < 2 {
        return;
    }
    doc.heading(3, "Subtotals");
    let mut rows: Vec<Vec<String>> = a
        .sections
        .iter()
        .map(|x| vec![format!("Section: {}", x.title), x.points.to_string()])
        .collect();
    rows.extend(
        a.categories
            .iter()
            .map(|x| vec![format!("Category: {}", x.title), x.points.to_string()]),
    );
    doc.table(&["part", "points"], rows);
}

/// What is not known: curiosity prompts first, then everything else not known.
fn unknowns(doc: &mut Document, s: &Scored<'_>) {
    let a = &s.assessment;
    let prompted: Vec<&str> = a.curiosity.iter().map(|c| c.id.as_str()).collect();
    let mut other: Vec<String> = a
        .not_known
        .iter()
        .filter(|i| !prompted.contains(&i.id.as_str()))
        .map(|i| format!("{} ({})", i.prompt, i.id))
        .collect();
    // In words, as on the screen, with the rule's id after them as the record gives every
    // indicator's (found in review: the ids alone were "not known:
    // sexual_contact_concern.people_in_position_of_trust").
    other.extend(a.undetermined.iter().map(|u| {
        format!(
            "{} (rule {})",
            super::result::undetermined_words(s.questionnaire, u).trim_end_matches('.'),
            u.rule
        )
    }));
    let gaps = s.unanswered_asked();
    if gaps > 0 {
        other.push(format!(
            "{gaps} question{} not answered yet",
            if gaps == 1 { "" } else { "s" }
        ));
    }
    if let Some(na) = &s.not_asked {
        other.extend(
            na.indicators
                .iter()
                .filter_map(|&i| s.questionnaire.indicators.get(i))
                .map(|i| format!("{} ({}): not asked, {}", i.prompt, i.id, na.words())),
        );
    }
    if a.curiosity.is_empty() && other.is_empty() {
        return;
    }
    doc.heading(2, "Not known");
    if !a.curiosity.is_empty() {
        doc.paragraph("Find out first: each of these could change the outcome.");
        doc.list(a.curiosity.iter().map(|c| c.text.clone()).collect());
    }
    if !other.is_empty() {
        doc.paragraph(if a.curiosity.is_empty() {
            "Not known:"
        } else {
            "Also not known:"
        });
        doc.list(other);
    }
}

/// The profile and every indicator's answer, section by section.
fn answers(doc: &mut Document, s: &Scored<'_>) {
    let q = s.questionnaire;
    doc.heading(2, "Profile");
    doc.table(
        &["question", "answer"],
        q.profile
            .iter()
            .map(|f| {
                let value = match s.screening.profile.get(&f.id) {
                    Some(ProfileValue::Number(n)) => n.to_string(),
                    Some(ProfileValue::Answer(x)) => x.as_str().replace('_', " "),
                    None => match s.not_asked.as_ref() {
                        Some(na)
                            if na
                                .facts
                                .iter()
                                .any(|&k| q.profile.get(k).is_some_and(|x| x.id == f.id)) =>
                        {
                            format!("not asked: {}", na.words())
                        }
                        _ => "not recorded".to_owned(),
                    },
                };
                vec![f.prompt.clone(), value]
            })
            .collect(),
    );

    doc.heading(2, "Answers");
    for sec in &q.sections {
        doc.heading(3, sec.title.clone());
        let rows = sec
            .indicators
            .clone()
            .map(|i| {
                let ind = &q.indicators[i];
                let entry = s.screening.answers.get(&ind.id);
                let added = s.not_asked.as_ref().filter(|n| n.indicators.contains(&i));
                let mut answer = match (entry, added) {
                    (Some(e), _) => e.answer.as_str().replace('_', " "),
                    (None, Some(na)) => format!("not asked: {}", na.words()),
                    (None, None) => "not answered".to_owned(),
                };
                if let Some(rating) = super::rated_answer(q, &s.responses, i) {
                    answer.push_str(&format!(", rated {rating}"));
                }
                for f in &ind.follow_ups {
                    if let Some(n) = entry.and_then(|e| e.follow_up.get(&f.id)) {
                        answer.push_str(&format!("\n{}: {n}", f.id.replace('_', " ")));
                    }
                }
                vec![
                    format!("{} ({})", ind.prompt, ind.id),
                    answer,
                    when(q, &s.responses, i),
                    entry
                        .and_then(|e| e.basis)
                        .map_or("", basis_label)
                        .to_owned(),
                    entry.and_then(|e| e.note.clone()).unwrap_or_default(),
                ]
            })
            .collect();
        doc.table(&["question", "answer", "when", "basis", "note"], rows);
    }
}

/// Who it was discussed with, and what was agreed, by whom, by when.
fn decisions(doc: &mut Document, s: &Scored<'_>) {
    doc.heading(2, "Decisions and actions");
    let decisions = s.screening.decisions.as_ref();
    // Blank is not recorded, as the result's WHAT TO DO NOW says (found in review: the record
    // printed "Discussed with:" and nothing).
    let discussed = decisions
        .and_then(|d| d.discussed_with.clone())
        .filter(|d| !d.trim().is_empty());
    let actions = decisions.map_or(&[][..], |d| d.actions.as_slice());
    doc.fields(vec![(
        "Discussed with".to_owned(),
        discussed.unwrap_or_else(|| "not recorded".to_owned()),
    )]);
    if actions.is_empty() {
        doc.callout(
            Tone::Warning,
            "No actions were recorded.",
            "Record what was agreed, who will do it and by when, even if the decision was to \
             take no further action, and why.",
        );
    } else {
        doc.table(
            &["action", "owner", "due"],
            actions
                .iter()
                .map(|x| vec![x.action.clone(), x.owner.clone(), x.due.clone()])
                .collect(),
        );
    }
}

/// Wording in the free text that can blame the child: where, why, and what to say instead.
fn language(doc: &mut Document, wording: &[Finding]) {
    doc.heading(3, "Wording to reconsider");
    doc.paragraph(
        "These words can blame the child or hide the abuse. Whoever reads this record should \
         read them with that in mind.",
    );
    doc.table(&["where", "words", "why", "say instead"], rows(wording));
}

/// Wording to consider (blaming only in some contexts): prompts, not blaming wording.
fn prompts(doc: &mut Document, wording: &[Finding]) {
    doc.heading(3, "Wording to consider");
    doc.paragraph(
        "These words are not blaming in themselves, but may leave out what the reader needs \
         to know, such as who another person is and how old they are.",
    );
    doc.table(&["where", "words", "why", "for example"], rows(wording));
}

/// One row per finding: where, the words, why, and the better wordings.
fn rows(wording: &[Finding]) -> Vec<Vec<String>> {
    wording
        .iter()
        .map(|f| {
            let mut at = f.position.map_or_else(String::new, |p| {
                format!("line {}, column {}", p.line, p.column)
            });
            if let Some(field) = &f.field {
                if !at.is_empty() {
                    at.push_str(": ");
                }
                at.push_str(&field.to_string());
            }
            if f.kept {
                at.push_str(" (kept by the practitioner)");
            }
            let mut why = f.why.clone();
            if let Some(legal) = &f.legal {
                why.push(' ');
                why.push_str(legal);
            }
            vec![at, format!("\"{}\"", f.text), why, f.instead.join("; ")]
        })
        .collect()
}
