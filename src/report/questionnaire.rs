//! `questionnaires` and `show`: a questionnaire's metadata, weights, levels, rules and routes.

use std::fmt::Write as _;

use super::{md_cell, table};
use crate::questionnaire::{
    Accept, AgeTest, Condition, Questionnaire, Scope, Scoring, Undated, YesNo,
};
use crate::text::{OneLine, Shown, line};

/// One line per bundled questionnaire: id, version, title, indicator count.
pub fn list(items: &[Questionnaire], width: u16) -> String {
    let mut t = table(width, &["id", "version", "title", "indicators", "default"]);
    for (i, q) in items.iter().enumerate() {
        let default = if i == 0 { "yes" } else { "" };
        t.add_row(super::shown_row(vec![
            q.id.clone(),
            q.version.clone(),
            q.title.clone(),
            q.indicators.len().to_string(),
            default.to_owned(),
        ]));
    }
    format!("{t}\n")
}

/// One titled table of a questionnaire: the same content serves the terminal and Markdown.
struct Block {
    title: String,
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

/// The questionnaire's content as titled tables, in reading order.
fn blocks(q: &Questionnaire) -> Vec<Block> {
    let mut out = Vec::new();
    if !q.windows.is_empty() {
        out.push(Block {
            title: "Time windows".to_owned(),
            header: vec!["window", "label"],
            rows: q
                .windows
                .iter()
                .map(|w| vec![w.id.clone(), w.label.clone()])
                .collect(),
        });
    }
    out.push(Block {
        title: "Profile".to_owned(),
        header: vec!["fact", "kind", "question"],
        rows: q
            .profile
            .iter()
            .map(|f| {
                let kind = match f.kind {
                    crate::questionnaire::FactKind::Age => "age",
                    crate::questionnaire::FactKind::YesNo => "yes/no",
                };
                vec![f.id.clone(), kind.to_owned(), f.prompt.clone()]
            })
            .collect(),
    });
    for s in &q.scales {
        out.push(Block {
            title: format!(
                "Scale {}: {} (no is the lowest option; not known scores as the lowest)",
                s.id, s.label
            ),
            header: vec!["option", "label", "points", "meaning"],
            rows: s
                .options
                .iter()
                .map(|o| {
                    vec![
                        o.id.clone(),
                        o.label.clone(),
                        o.points.to_string(),
                        o.description.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
        });
    }
    for s in &q.sections {
        let n = s.indicators.len();
        out.push(Block {
            title: format!(
                "{} ({n} indicator{})",
                s.title,
                if n == 1 { "" } else { "s" }
            ),
            header: vec!["indicator", "question", "category", "points"],
            rows: q.indicators[s.indicators.clone()]
                .iter()
                .map(|ind| {
                    let mut points = match &ind.scoring {
                        Scoring::Single(p) => p.to_string(),
                        Scoring::Windows(ws) => ws
                            .iter()
                            .map(|(w, p)| format!("{} {p}", q.windows[*w].id))
                            .collect::<Vec<_>>()
                            .join(", "),
                        Scoring::Scale { scale, points } => format!(
                            "scale {} ({} to {})",
                            q.scales[*scale].id,
                            points.first().copied().unwrap_or(0),
                            points.last().copied().unwrap_or(0)
                        ),
                    };
                    if q.format >= 2 && matches!(ind.scoring, Scoring::Windows(_)) {
                        match ind.undated {
                            Undated::HighestWindow => {}
                            Undated::Window(w) => {
                                points.push_str(&format!("; undated yes {}", q.windows[w].id));
                            }
                            Undated::Points(p) => {
                                points.push_str(&format!("; undated yes {p}"));
                            }
                        }
                    }
                    vec![
                        ind.id.clone(),
                        ind.prompt.clone(),
                        q.categories[ind.category].id.clone(),
                        points,
                    ]
                })
                .collect(),
        });
    }
    let route_ids = |routes: &[usize]| {
        routes
            .iter()
            .map(|&r| q.routes[r].id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if q.format >= 2 {
        out.push(levels_2(q));
        out.push(subtotals(q));
    } else {
        out.push(Block {
            title: "Levels (a level's routes include those of the levels below it)".to_owned(),
            header: vec!["level", "label", "from score", "adds routes", "review"],
            rows: q
                .levels
                .iter()
                .map(|l| {
                    vec![
                        l.id.clone(),
                        l.label.clone(),
                        l.min_score.unwrap_or(0).to_string(),
                        route_ids(&l.routes),
                        format!("{} days", l.review_days),
                    ]
                })
                .collect(),
        });
    }
    if !q.rules.is_empty() {
        out.push(Block {
            title: "Rules (they can only raise the outcome)".to_owned(),
            header: vec!["rule", "when", "raise to", "adds routes"],
            rows: q
                .rules
                .iter()
                .map(|r| {
                    vec![
                        r.id.clone(),
                        describe(q, &r.when),
                        r.raise_to
                            .map_or_else(String::new, |l| q.levels[l].id.clone()),
                        route_ids(&r.add_routes),
                    ]
                })
                .collect(),
        });
    }
    let mut routes: Vec<usize> = (0..q.routes.len()).collect();
    routes.sort_by_key(|&i| (q.routes[i].urgency, i));
    out.push(Block {
        title: "Routes (most urgent first)".to_owned(),
        header: vec!["urgency", "route", "title", "timescale", "contact"],
        rows: routes
            .into_iter()
            .map(|i| {
                let r = &q.routes[i];
                vec![
                    r.urgency.to_string(),
                    r.id.clone(),
                    r.title.clone(),
                    r.timescale.clone(),
                    r.contact.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    });
    out
}

/// Format 2: levels with their score (or none), their routes and whether they inherit.
fn levels_2(q: &Questionnaire) -> Block {
    Block {
        title: "Levels (lowest first)".to_owned(),
        header: vec!["level", "label", "from score", "routes", "review"],
        rows: q
            .levels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let own: Vec<&str> = l.routes.iter().map(|&r| q.routes[r].id.as_str()).collect();
                let routes = match (i, l.inherit_routes) {
                    (0, _) => own.join(", "),
                    (_, true) => {
                        format!("those of {} and: {}", q.levels[i - 1].label, own.join(", "))
                    }
                    (_, false) => format!("only: {}", own.join(", ")),
                };
                vec![
                    l.id.clone(),
                    l.label.clone(),
                    l.min_score.map_or_else(
                        || "no score: rules or judgement".to_owned(),
                        |m| m.to_string(),
                    ),
                    routes,
                    format!("{} days", l.review_days),
                ]
            })
            .collect(),
    }
}

/// Format 2: the most each section and category can score, for subtotal rules.
fn subtotals(q: &Questionnaire) -> Block {
    let most = |f: &dyn Fn(usize) -> bool| {
        (0..q.indicators.len())
            .filter(|&i| f(i))
            .fold(0u32, |s, i| s.saturating_add(q.indicators[i].max_points()))
    };
    let mut rows = Vec::new();
    for (n, s) in q.sections.iter().enumerate() {
        let p = most(&|i| q.indicators[i].section == n);
        rows.push(vec![
            "section".to_owned(),
            s.id.clone(),
            s.title.clone(),
            p.to_string(),
        ]);
    }
    for (n, k) in q.categories.iter().enumerate() {
        let p = most(&|i| q.indicators[i].category == n);
        rows.push(vec![
            "category".to_owned(),
            k.id.clone(),
            k.title.clone(),
            p.to_string(),
        ]);
    }
    Block {
        title: "Subtotals (the most each section and category can score)".to_owned(),
        header: vec!["kind", "id", "title", "most points"],
        rows,
    }
}

/// The score line: the highest possible score, or that the tool has none (format 2).
fn score_line(q: &Questionnaire) -> String {
    if q.format >= 2 && q.max_score() == 0 {
        "No score: levels are reached by rules and professional judgement".to_owned()
    } else if q.format >= 2 && !q.has_score() {
        format!(
            "Highest possible score: {} (the score sets no level: rules and professional judgement do)",
            q.max_score()
        )
    } else {
        format!("Highest possible score: {}", q.max_score())
    }
}

/// Format 2: who the tool is for, and where to turn outside its ages.
fn eligibility_lines(q: &Questionnaire) -> Vec<String> {
    let e = &q.eligibility;
    let mut out = Vec::new();
    if let Some(s) = &e.statement {
        out.push(format!("Who it is for: {s}"));
    }
    let referral = |r: &crate::questionnaire::Referral| match &r.tool {
        Some(t) => format!("{} (questionnaire `{t}`)", r.message),
        None => r.message.clone(),
    };
    if let Some(r) = &e.younger {
        out.push(format!("Younger than {}: {}", q.ages.min, referral(r)));
    }
    if let Some(r) = &e.older {
        out.push(format!("Older than {}: {}", q.ages.max, referral(r)));
    }
    out
}

/// The whole questionnaire as tables. Its text outside the tables is escaped here, as the
/// cells are ([`super::shown_row`]): the title, id, version, jurisdiction and the tables'
/// titles keep no line break ([`OneLine`]), prose keeps its own ([`Shown`]).
pub fn show(q: &Questionnaire, width: u16) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({} {})",
        OneLine(&q.title),
        OneLine(&q.id),
        OneLine(&q.version)
    );
    let _ = writeln!(out, "Jurisdiction: {}", OneLine(&q.jurisdiction));
    let _ = writeln!(out, "Ages: {} to {}", q.ages.min, q.ages.max);
    let _ = writeln!(out, "sha256: {}", q.sha256);
    let _ = writeln!(out, "{}", score_line(q));
    for line in eligibility_lines(q) {
        let _ = writeln!(out, "{}", Shown(&line));
    }
    if let Some(d) = &q.description {
        let _ = writeln!(out, "\n{}", Shown(d));
    }
    let _ = writeln!(out, "\n{}", Shown(&q.disclaimer));
    for b in blocks(q) {
        let mut t = table(width, &b.header);
        for row in b.rows {
            t.add_row(super::shown_row(row));
        }
        let _ = writeln!(out, "\n{}\n{t}", OneLine(&b.title));
    }
    out
}

/// The whole questionnaire as a Markdown handout: weights, levels, rules, routes, sources.
pub fn markdown(q: &Questionnaire) -> String {
    let mut out = String::new();
    // Headings keep no line break: a `<br>` would carry the rest onto a line of its own.
    let _ = writeln!(out, "# {}\n", md_cell(&line(&q.title)));
    let score = if q.format >= 2 && q.max_score() == 0 {
        "no score (rules and professional judgement)".to_owned()
    } else if q.format >= 2 && !q.has_score() {
        format!(
            "highest possible score {} (the score sets no level)",
            q.max_score()
        )
    } else {
        format!("highest possible score {}", q.max_score())
    };
    let _ = writeln!(
        out,
        "`{}` version {} · {} · ages {} to {} · {score}  ",
        q.id,
        md_cell(&line(&q.version)),
        md_cell(&line(&q.jurisdiction)),
        q.ages.min,
        q.ages.max,
    );
    let _ = writeln!(out, "sha256 `{}`\n", q.sha256);
    let lines = eligibility_lines(q);
    for line in &lines {
        let _ = writeln!(out, "- **{}**", md_cell(line));
    }
    if !lines.is_empty() {
        let _ = writeln!(out);
    }
    if let Some(d) = &q.description {
        let _ = writeln!(out, "{}\n", md_cell(d));
    }
    let _ = writeln!(out, "> {}", md_cell(&q.disclaimer));
    for b in blocks(q) {
        let _ = writeln!(out, "\n## {}\n", md_cell(&line(&b.title)));
        let _ = writeln!(out, "| {} |", b.header.join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(b.header.len()));
        for row in b.rows {
            let cells: Vec<String> = row.iter().map(|c| md_cell(c)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
    }
    let _ = writeln!(out, "\n## Sources\n");
    for s in &q.sources {
        let _ = writeln!(out, "- {}: <{}>", md_cell(&s.title), s.url);
    }
    let cited: Vec<(String, &[usize])> = q
        .levels
        .iter()
        .map(|l| (format!("level `{}`", l.id), l.sources.as_slice()))
        .chain(
            q.rules
                .iter()
                .map(|r| (format!("rule `{}`", r.id), r.sources.as_slice())),
        )
        .chain(
            q.routes
                .iter()
                .map(|r| (format!("route `{}`", r.id), r.sources.as_slice())),
        )
        .filter(|(_, s)| !s.is_empty())
        .collect();
    if !cited.is_empty() {
        let _ = writeln!(out, "\n## Where the levels, rules and routes come from\n");
        for (what, sources) in cited {
            let ids: Vec<&str> = sources.iter().map(|&i| q.sources[i].id.as_str()).collect();
            let _ = writeln!(out, "- {what}: {}", ids.join(", "));
        }
    }
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
            rated,
            at_least,
        } => {
            let scope = scope_words(q, *scope);
            let window = window.map_or_else(String::new, |w| {
                format!(" ({})", q.windows[w].label.to_lowercase())
            });
            match rated {
                None => format!("at least {at_least} {} in {scope}{window}", accept(*a)),
                Some(r) => {
                    let option = &q.scales[r.scale].options[r.at_least].id;
                    let nk = if *a == Accept::YesOrNotKnown {
                        " or not known"
                    } else {
                        ""
                    };
                    format!("at least {at_least} rated {option} or higher{nk} in {scope}{window}")
                }
            }
        }
        Condition::Subtotal { scope, at_least } => {
            format!("points of {} at least {at_least}", scope_words(q, *scope))
        }
        Condition::Compare {
            indicator,
            follow_up,
            fact,
            plus,
        } => {
            let ind = &q.indicators[*indicator];
            let fact = &q.profile[*fact].id;
            let plus = if *plus == 0 {
                String::new()
            } else {
                format!(" + {plus}")
            };
            format!(
                "{}.{} at least {fact}{plus}",
                ind.id, ind.follow_ups[*follow_up].id
            )
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

fn scope_words(q: &Questionnaire, scope: Scope) -> String {
    match scope {
        Scope::Section(s) => format!("section {}", q.sections[s].id),
        Scope::Category(k) => format!("category {}", q.categories[k].id),
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
