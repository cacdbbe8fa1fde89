//! `explain`: a step-by-step account of a scored screening that a trainer can read aloud,
//! and the before-and-after of a what-if.
//!
//! Order: every answer with its points by section, the levels with where the score falls,
//! every rule (fired and why, or which part was not met), the routes and where each came
//! from, and what finding out could change. Tables where they help; short lines elsewhere.

use std::fmt::Write as _;

use super::{basis_label, questionnaire::describe, table, when};
use crate::screening::Scored;

use crate::engine::{Assessment, RouteFrom, Verdict, verdict};
use crate::questionnaire::{Condition, Questionnaire, Scope};
use crate::text::{OneLine, Shown};

/// The full account, `width` columns wide. Text from the file or the questionnaire written
/// outside a table is escaped here, as the tables' cells are ([`super::shown_row`]): a
/// one-line field (the file name, case reference, date, names, titles, labels) keeps no line
/// break ([`OneLine`]), nor does a curiosity sentence; prose (a reason, the disclaimer) keeps
/// its own ([`Shown`]).
/// The output guard must never see raw text from a file: it lets the emphasis sequences
/// through whole.
pub fn render(s: &Scored<'_>, width: u16) -> String {
    let (q, a) = (s.questionnaire, &s.assessment);
    let d = &s.screening.screening;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: case {}, screened {} by {}",
        OneLine(&s.file),
        OneLine(&d.case_reference),
        OneLine(&d.date),
        super::practitioner_and_agency(&d.practitioner, &d.agency)
    );
    let _ = writeln!(
        out,
        "Questionnaire: {} ({} {})",
        OneLine(&q.title),
        OneLine(&q.id),
        OneLine(&q.version)
    );
    // The stamp in the file names another text: say so here too, not only on stderr.
    let stamp = &s.screening.questionnaire;
    if stamp.sha256 != q.sha256 {
        let _ = writeln!(
            out,
            "The answers were given to {} {} (sha256 {}); they are scored with the version above, whose questions, weights and rules may differ.",
            OneLine(&stamp.id),
            OneLine(&stamp.version),
            OneLine(&stamp.sha256)
        );
    }
    let added = super::result::not_asked_count(s.not_asked.as_ref());
    let gaps = a.unanswered.len().saturating_sub(added);
    if gaps > 0 {
        let _ = writeln!(
            out,
            "INCOMPLETE: {gaps} questions not answered yet; they count as not known."
        );
    }
    if let Some(na) = s.not_asked.as_ref().filter(|_| added > 0) {
        let _ = writeln!(
            out,
            "Not asked: {added} questions were added to {} after {}, the version this screening was made with; they count as not known: ask them at the next screening.",
            na.id,
            OneLine(&na.made_with)
        );
    }

    let _ = writeln!(out, "\n1. Answers and points");
    for (sec, score) in q.sections.iter().zip(&a.sections) {
        let _ = writeln!(out, "\n{}: {} points", OneLine(&sec.title), score.points);
        // A rating column only in a questionnaire with scales (format 2).
        let rated = !q.scales.is_empty();
        let header: &[&str] = if rated {
            &["indicator", "answer", "rating", "when", "basis", "points"]
        } else {
            &["indicator", "answer", "when", "basis", "points"]
        };
        let mut t = table(width, header);
        for i in sec.indicators.clone() {
            let ind = &q.indicators[i];
            let entry = s.screening.answers.get(&ind.id);
            let not_asked = s
                .not_asked
                .as_ref()
                .is_some_and(|n| n.indicators.contains(&i));
            let answer = s.responses.indicators[i].answer.map_or(
                if not_asked {
                    "(not asked: added later)"
                } else {
                    "(not answered)"
                },
                |x| x.as_str(),
            );
            let when = when(q, &s.responses, i);
            let basis = entry.and_then(|e| e.basis).map_or("", basis_label);
            let points = crate::engine::points(q, &s.responses, i);
            let mut row = vec![ind.id.clone(), answer.replace('_', " ")];
            if rated {
                row.push(super::rated_answer(q, &s.responses, i).unwrap_or_default());
            }
            row.extend([
                when,
                basis.to_owned(),
                if points > 0 {
                    points.to_string()
                } else {
                    String::new()
                },
            ]);
            t.add_row(super::shown_row(row));
        }
        let _ = writeln!(out, "{t}");
    }
    let _ = writeln!(out, "Total score: {}", a.score);
    if !a.categories.is_empty() {
        let parts: Vec<String> = a
            .categories
            .iter()
            .map(|c| format!("{}: {}", OneLine(&c.title), c.points))
            .collect();
        let _ = writeln!(out, "Category subtotals: {}", parts.join("; "));
    }

    let _ = writeln!(out, "\n2. Levels");
    let mut t = table(width, &["level", "from score", "this screening"]);
    for (rank, level) in q.levels.iter().enumerate() {
        let mut marks = Vec::new();
        if level.id == a.score_level {
            marks.push(format!("the score ({}) reaches this", a.score));
        }
        if rank == a.level.rank {
            marks.push("the outcome".to_owned());
        }
        t.add_row(super::shown_row(vec![
            level.label.clone(),
            level
                .min_score
                .map_or_else(|| "rules or judgement only".to_owned(), |m| m.to_string()),
            marks.join("; "),
        ]));
    }
    let _ = writeln!(out, "{t}");

    let _ = writeln!(
        out,
        "\n3. Rules (each can only raise the level or add routes)"
    );
    let mut t = table(width, &["rule", "result", "why"]);
    for rule in &q.rules {
        let fired = a.fired_rules.iter().any(|f| f.id == rule.id);
        let (result, why) = if fired {
            let raise = rule
                .raise_to
                .map_or_else(String::new, |l| format!(": at least {}", q.levels[l].label));
            (format!("FIRED{raise}"), rule.reason.clone())
        } else {
            let undecided = a.undetermined.iter().find(|u| u.rule == rule.id);
            // Found in review: a rule whose deciding answer was not known read "not met", which
            // a trainer reads as ruled out; the answers not known in it are named.
            let mut unknown = Vec::new();
            answers_not_known(s, &rule.when, &mut unknown);
            let result = match undecided {
                Some(u) => format!("not decided: {} not known", u.needs.join(", ")),
                None if unknown.is_empty() => "not met".to_owned(),
                None => format!(
                    "not met on the answers given ({} not known)",
                    unknown.join(", ")
                ),
            };
            (result, clauses(s, &rule.when))
        };
        t.add_row(super::shown_row(vec![rule.id.clone(), result, why]));
    }
    let _ = writeln!(out, "{t}");

    let _ = writeln!(
        out,
        "\n4. Outcome: {} (set by {})",
        OneLine(&a.level.label),
        OneLine(&super::set_by(a))
    );
    if let Some(j) = &a.judgement {
        let _ = writeln!(
            out,
            "Professional judgement: {}. Reason: {}",
            OneLine(&super::judgement_words(j)),
            Shown(&j.reason)
        );
    }

    let _ = writeln!(
        out,
        "\n5. Routes, most urgent first, and where each comes from"
    );
    let mut t = table(width, &["route", "when", "from"]);
    for r in &a.routes {
        let from: Vec<String> = r.from.iter().map(|x| plain_origin(q, x)).collect();
        t.add_row(super::shown_row(vec![
            r.title.clone(),
            r.timescale.clone(),
            from.join("\n"),
        ]));
    }
    let _ = writeln!(out, "{t}");

    let _ = writeln!(out, "\n6. What finding out could change");
    if a.curiosity.is_empty() {
        let _ = writeln!(
            out,
            "Nothing not known would change the level or the routes."
        );
    }
    for c in &a.curiosity {
        // One sentence, built from a question and a level's label: one line.
        let _ = writeln!(out, "- {}", OneLine(&c.text));
    }
    // All together, and the review it sets, as `score` and the record say (found in review:
    // this section listed only single answers reaching Medium, and gave no review date,
    // where `score` said 28 days, as for High).
    if let Some(l) = &a.could_reach {
        let _ = writeln!(
            out,
            "All together: finding out everything not known could raise the level to {}.",
            OneLine(&l.label)
        );
    }
    let _ = writeln!(out, "{}", super::result::review_line(a, &d.date));
    let _ = writeln!(out, "\n{}", Shown(&a.disclaimer));
    out
}

/// Each part of a rule's condition, marked met, not met or not known.
fn clauses(s: &Scored<'_>, c: &Condition) -> String {
    let parts: Vec<&Condition> = match c {
        Condition::All(items) | Condition::Any(items) => items.iter().collect(),
        other => vec![other],
    };
    let head = match c {
        Condition::All(_) => "needs all of:\n",
        Condition::Any(_) => "needs any of:\n",
        _ => "",
    };
    let lines: Vec<String> = parts
        .iter()
        .map(|p| {
            let mark = match verdict(s.questionnaire, &s.responses, p, s.assessment.level.rank) {
                Verdict::Met => "[met]",
                // An answer not known (or not given) is not "no": not met, but not ruled out.
                Verdict::NotMet
                    if matches!(p, Condition::Answer { indicator, .. }
                        if s.responses.answer(*indicator) == crate::engine::Answer::NotKnown) =>
                {
                    "[not known]"
                }
                Verdict::NotMet => "[not met]",
                Verdict::NotKnown => "[not known]",
            };
            format!("{mark} {}{}", describe(s.questionnaire, p), now(s, p))
        })
        .collect();
    format!("{head}{}", lines.join("\n"))
}

/// The ids of the indicators `c` reads that are answered not known or not answered, once each,
/// in the order the condition names them.
fn answers_not_known(s: &Scored<'_>, c: &Condition, out: &mut Vec<String>) {
    match c {
        Condition::All(items) | Condition::Any(items) => {
            for item in items {
                answers_not_known(s, item, out);
            }
        }
        Condition::Answer { indicator, .. }
            if s.responses.answer(*indicator) == crate::engine::Answer::NotKnown =>
        {
            if let Some(ind) = s.questionnaire.indicators.get(*indicator)
                && !out.contains(&ind.id)
            {
                out.push(ind.id.clone());
            }
        }
        _ => {}
    }
}

/// For a subtotal condition, the points it reads now: " (now 4)"; empty otherwise.
fn now(s: &Scored<'_>, c: &Condition) -> String {
    let a = &s.assessment;
    let points = match c {
        Condition::Subtotal {
            scope: Scope::Section(k),
            ..
        } => a.sections.get(*k).map(|x| x.points),
        Condition::Subtotal {
            scope: Scope::Category(k),
            ..
        } => a.categories.get(*k).map(|x| x.points),
        _ => None,
    };
    points.map_or_else(String::new, |p| format!(" (now {p})"))
}

/// Where a route came from, for a person: "Medium level", "rule x", "immediate danger".
fn plain_origin(q: &Questionnaire, origin: &RouteFrom) -> String {
    match origin {
        RouteFrom::Level(id) => q
            .level(id)
            .map_or_else(|| id.clone(), |l| format!("{} level", q.levels[l].label)),
        RouteFrom::Rule(id) => format!("rule {id}"),
        RouteFrom::ImmediateDanger => "immediate danger".to_owned(),
    }
}

/// A what-if: the outcome before and after the changes, side by side. Text outside the table
/// is escaped as in [`render`].
pub fn what_if(changes: &[String], before: &Assessment, after: &Assessment, width: u16) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "What if: {}", OneLine(&changes.join(", ")));
    let routes = |a: &Assessment| {
        a.routes
            .iter()
            .map(|r| r.title.clone())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let rules = |a: &Assessment| {
        a.fired_rules
            .iter()
            .map(|r| r.id.clone())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut t = table(width, &["", "before", "after"]);
    t.add_row(super::shown_row(vec![
        "score".to_owned(),
        before.score.to_string(),
        after.score.to_string(),
    ]));
    t.add_row(super::shown_row(vec![
        "level".to_owned(),
        before.level.label.clone(),
        after.level.label.clone(),
    ]));
    t.add_row(super::shown_row(vec![
        "routes".to_owned(),
        routes(before),
        routes(after),
    ]));
    t.add_row(super::shown_row(vec![
        "rules fired".to_owned(),
        rules(before),
        rules(after),
    ]));
    let _ = writeln!(out, "{t}");

    let fired = |a: &Assessment, id: &str| a.fired_rules.iter().any(|r| r.id == id);
    let newly: Vec<_> = after
        .fired_rules
        .iter()
        .filter(|r| !fired(before, &r.id))
        .collect();
    let gone: Vec<_> = before
        .fired_rules
        .iter()
        .filter(|r| !fired(after, &r.id))
        .collect();
    let (was, now) = (OneLine(&before.level.label), OneLine(&after.level.label));
    let verdict = match after.level.rank.cmp(&before.level.rank) {
        std::cmp::Ordering::Greater => format!("The level rises from {was} to {now}."),
        std::cmp::Ordering::Less => format!("The level falls from {was} to {now}."),
        std::cmp::Ordering::Equal => format!("The level stays {now}."),
    };
    let _ = writeln!(out, "{verdict}");
    for r in &newly {
        let _ = writeln!(out, "Newly fired: {}: {}", OneLine(&r.id), Shown(&r.reason));
    }
    for r in &gone {
        let _ = writeln!(out, "No longer fired: {}", OneLine(&r.id));
    }
    out
}
