//! `questionnaires` and `show`: a questionnaire's metadata, weights, levels, rules and routes.

use std::fmt::Write as _;

use super::table;
use crate::questionnaire::{Accept, AgeTest, Condition, Questionnaire, Scope, Scoring, YesNo};

/// One line per bundled questionnaire: id, version, title, indicator count.
pub fn list(items: &[Questionnaire], width: u16) -> String {
    let mut t = table(width, &["id", "version", "title", "indicators", "default"]);
    for (i, q) in items.iter().enumerate() {
        let default = if i == 0 { "yes" } else { "" };
        t.add_row(vec![
            q.id.clone(),
            q.version.clone(),
            q.title.clone(),
            q.indicators.len().to_string(),
            default.to_owned(),
        ]);
    }
    format!("{t}\n")
}

/// The whole questionnaire as tables.
pub fn show(q: &Questionnaire, width: u16) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({} {})", q.title, q.id, q.version);
    let _ = writeln!(out, "Jurisdiction: {}", q.jurisdiction);
    let _ = writeln!(out, "Ages: {} to {}", q.ages.min, q.ages.max);
    let _ = writeln!(out, "sha256: {}", q.sha256);
    let _ = writeln!(out, "Highest possible score: {}", q.max_score());
    if let Some(d) = &q.description {
        let _ = writeln!(out, "\n{d}");
    }
    let _ = writeln!(out, "\n{}", q.disclaimer);

    if !q.windows.is_empty() {
        let _ = writeln!(out, "\nTime windows");
        let mut t = table(width, &["window", "label"]);
        for w in &q.windows {
            t.add_row(vec![w.id.clone(), w.label.clone()]);
        }
        let _ = writeln!(out, "{t}");
    }

    let _ = writeln!(out, "\nProfile");
    let mut t = table(width, &["fact", "kind", "question"]);
    for f in &q.profile {
        t.add_row(vec![
            f.id.clone(),
            format!("{:?}", f.kind)
                .to_lowercase()
                .replace("yesno", "yes/no"),
            f.prompt.clone(),
        ]);
    }
    let _ = writeln!(out, "{t}");

    for s in &q.sections {
        let n = s.indicators.len();
        let _ = writeln!(
            out,
            "\n{} ({n} indicator{})",
            s.title,
            if n == 1 { "" } else { "s" }
        );
        let mut t = table(width, &["indicator", "question", "category", "points"]);
        for ind in &q.indicators[s.indicators.clone()] {
            let points = match &ind.scoring {
                Scoring::Single(p) => p.to_string(),
                Scoring::Windows(ws) => ws
                    .iter()
                    .map(|(w, p)| format!("{} {p}", q.windows[*w].id))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            t.add_row(vec![
                ind.id.clone(),
                ind.prompt.clone(),
                q.categories[ind.category].id.clone(),
                points,
            ]);
        }
        let _ = writeln!(out, "{t}");
    }

    let _ = writeln!(
        out,
        "\nLevels (a level's routes include those of the levels below it)"
    );
    let mut t = table(
        width,
        &["level", "label", "from score", "adds routes", "review"],
    );
    for l in &q.levels {
        let routes = l
            .routes
            .iter()
            .map(|&r| q.routes[r].id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        t.add_row(vec![
            l.id.clone(),
            l.label.clone(),
            l.min_score.to_string(),
            routes,
            format!("{} days", l.review_days),
        ]);
    }
    let _ = writeln!(out, "{t}");

    if !q.rules.is_empty() {
        let _ = writeln!(out, "\nRules (they can only raise the outcome)");
        let mut t = table(width, &["rule", "when", "raise to", "adds routes"]);
        for r in &q.rules {
            let raise = r
                .raise_to
                .map_or_else(String::new, |l| q.levels[l].id.clone());
            let routes = r
                .add_routes
                .iter()
                .map(|&i| q.routes[i].id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            t.add_row(vec![r.id.clone(), describe(q, &r.when), raise, routes]);
        }
        let _ = writeln!(out, "{t}");
    }

    let _ = writeln!(out, "\nRoutes (most urgent first)");
    let mut t = table(
        width,
        &["urgency", "route", "title", "timescale", "contact"],
    );
    let mut routes: Vec<usize> = (0..q.routes.len()).collect();
    routes.sort_by_key(|&i| (q.routes[i].urgency, i));
    for i in routes {
        let r = &q.routes[i];
        t.add_row(vec![
            r.urgency.to_string(),
            r.id.clone(),
            r.title.clone(),
            r.timescale.clone(),
            r.contact.clone().unwrap_or_default(),
        ]);
    }
    let _ = writeln!(out, "{t}");
    out
}

/// A condition in plain words, for tables and explanations.
pub fn describe(q: &Questionnaire, c: &Condition) -> String {
    let accept = |a: Accept| match a {
        Accept::Yes => "yes",
        Accept::YesOrNotKnown => "yes or not known",
    };
    match c {
        Condition::All(items) => join(q, items, " and "),
        Condition::Any(items) => join(q, items, " or "),
        Condition::Answer {
            indicator,
            accept: a,
        } => format!("{} is {}", q.indicators[*indicator].id, accept(*a)),
        Condition::Count {
            scope,
            accept: a,
            window,
            at_least,
        } => {
            let scope = match scope {
                Scope::Section(s) => format!("section {}", q.sections[*s].id),
                Scope::Category(k) => format!("category {}", q.categories[*k].id),
            };
            let window = window.map_or_else(String::new, |w| {
                format!(" ({})", q.windows[w].label.to_lowercase())
            });
            format!("at least {at_least} {} in {scope}{window}", accept(*a))
        }
        Condition::Score { at_least } => format!("score at least {at_least}"),
        Condition::Level { at_least } => format!("level at least {}", q.levels[*at_least].id),
        Condition::Age { fact, test } => {
            let fact = &q.profile[*fact].id;
            match test {
                AgeTest::Below(n) => format!("{fact} below {n}"),
                AgeTest::AtMost(n) => format!("{fact} {n} or under"),
                AgeTest::AtLeast(n) => format!("{fact} {n} or over"),
            }
        }
        Condition::Fact { fact, is } => {
            let is = match is {
                YesNo::Yes => "yes",
                YesNo::No => "no",
            };
            format!("{} is {is}", q.profile[*fact].id)
        }
        Condition::FollowUp {
            indicator,
            follow_up,
            at_least,
        } => {
            let ind = &q.indicators[*indicator];
            format!(
                "{}.{} at least {at_least}",
                ind.id, ind.follow_ups[*follow_up].id
            )
        }
    }
}

fn join(q: &Questionnaire, items: &[Condition], word: &str) -> String {
    let parts: Vec<String> = items
        .iter()
        .map(|c| match c {
            Condition::All(i) | Condition::Any(i) if i.len() > 1 => format!("({})", describe(q, c)),
            _ => describe(q, c),
        })
        .collect();
    parts.join(word)
}
