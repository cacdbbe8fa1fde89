//! The result of a screening as text for a person: immediate danger first, then the level,
//! the routes in urgency order, why, what to find out, learning points and the review date.

use std::fmt::Write as _;

use super::table;
use crate::engine::Assessment;
use crate::history::review_due;

/// What the result needs beyond the assessment.
pub struct Context<'a> {
    /// The screening's date, `YYYY-MM-DD`.
    pub date: &'a str,
    /// Where the screening was saved, if it was.
    pub saved_to: Option<&'a str>,
}

/// How many contributions "why" lists.
const TOP_CONTRIBUTIONS: usize = 5;

/// Renders `a` for the terminal, `width` columns wide.
pub fn render(a: &Assessment, ctx: &Context<'_>, width: u16) -> String {
    let mut out = String::new();
    let danger = &a.immediate_danger;
    let contact = danger
        .contact
        .as_deref()
        .map_or_else(String::new, |c| format!(" ({c})"));
    let _ = writeln!(out, "IMMEDIATE DANGER: {}{contact}", danger.action);
    let _ = writeln!(out);

    let set_by = super::set_by(a);
    let _ = writeln!(
        out,
        "Suggested level: {} (score {}; set by {set_by})",
        a.level.label, a.score
    );
    if let Some(d) = &a.level.description {
        let _ = writeln!(out, "{d}");
    }
    if let Some(j) = &a.judgement {
        let verb = if j.raised {
            "raised the level to"
        } else {
            "judged the level to be at least"
        };
        let _ = writeln!(
            out,
            "Professional judgement {verb} {}: {}",
            j.raise_to, j.reason
        );
    }

    let _ = writeln!(out, "\nWhat to do, most urgent first");
    let mut t = table(width, &["", "route", "what to do", "contact", "when"]);
    for (i, r) in a.routes.iter().enumerate() {
        t.add_row(super::shown_row(vec![
            (i + 1).to_string(),
            r.title.clone(),
            r.action.clone(),
            r.contact.clone().unwrap_or_default(),
            r.timescale.clone(),
        ]));
    }
    let _ = writeln!(out, "{t}");
    for reminder in &a.reminders {
        let _ = writeln!(out, "Reminder: {reminder}");
    }

    let _ = writeln!(out, "\nWhy");
    if a.fired_rules.is_empty() {
        let _ = writeln!(out, "No rule raised the level; it comes from the score.");
    } else {
        let mut t = table(width, &["rule", "reason"]);
        for r in &a.fired_rules {
            t.add_row(super::shown_row(vec![r.id.clone(), r.reason.clone()]));
        }
        let _ = writeln!(out, "{t}");
    }
    if !a.contributions.is_empty() {
        let mut top: Vec<_> = a.contributions.iter().collect();
        top.sort_by_key(|c| std::cmp::Reverse(c.points));
        let mut t = table(width, &["indicator present", "when", "points"]);
        for c in top.iter().take(TOP_CONTRIBUTIONS) {
            let when = if c.window_assumed {
                "not known (counted as recent)".to_owned()
            } else {
                c.windows.join(", ")
            };
            t.add_row(super::shown_row(vec![
                c.indicator.clone(),
                when,
                c.points.to_string(),
            ]));
        }
        let _ = writeln!(out, "{t}");
        if a.contributions.len() > TOP_CONTRIBUTIONS {
            let _ = writeln!(
                out,
                "({} more indicators present)",
                a.contributions.len() - TOP_CONTRIBUTIONS
            );
        }
    }

    if !a.curiosity.is_empty() {
        let _ = writeln!(
            out,
            "\nFind out first: each of these could change the outcome"
        );
        for c in &a.curiosity {
            let _ = writeln!(out, "- {}", c.text);
        }
    }
    let asked: Vec<&str> = a.curiosity.iter().map(|c| c.id.as_str()).collect();
    let other_unknowns: Vec<_> = a
        .not_known
        .iter()
        .filter(|i| !asked.contains(&i.id.as_str()))
        .collect();
    if !other_unknowns.is_empty() || !a.undetermined.is_empty() || !a.unanswered.is_empty() {
        let _ = writeln!(out, "\nAlso not known");
        for i in other_unknowns {
            let _ = writeln!(out, "- {} ({})", i.prompt, i.id);
        }
        if !a.unanswered.is_empty() {
            let n = a.unanswered.len();
            let _ = writeln!(
                out,
                "- {n} question{} not answered yet",
                if n == 1 { "" } else { "s" }
            );
        }
        for u in &a.undetermined {
            let _ = writeln!(
                out,
                "- Rule {} could not be decided: not known: {}",
                u.rule,
                u.needs.join(", ")
            );
        }
    }

    if !a.learning_points.is_empty() {
        let _ = writeln!(out, "\nLearning points");
        for l in &a.learning_points {
            let _ = writeln!(out, "- {} ({})", l.text, l.indicator);
        }
    }

    let _ = writeln!(out);
    match review_due(ctx.date, a.review_interval_days) {
        Some(due) => {
            let _ = writeln!(
                out,
                "Review due: {due} ({} days), or sooner if anything changes.",
                a.review_interval_days
            );
        }
        None => {
            let _ = writeln!(
                out,
                "Review within {} days, or sooner if anything changes.",
                a.review_interval_days
            );
        }
    }
    if let Some(path) = ctx.saved_to {
        let _ = writeln!(out, "Saved to: {path}");
    }
    let _ = writeln!(out, "\n{}", a.disclaimer);
    out
}
