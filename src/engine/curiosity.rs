//! Curiosity prompts: which unknowns, once found out, could change the outcome, and how.
//!
//! For every indicator answered "not known" (or not answered yet) the engine re-scores with
//! a "yes"; for every profile fact a rule reads that is not known, and every follow-up of a
//! yes left empty that a rule reads, with each value a rule distinguishes. An item is a
//! prompt when that raises the level or adds a route. The Serious Case Review found too
//! little curiosity; this names, in plain words, what to find out first.

use std::cmp::Reverse;

use super::assessment::{Curiosity, CuriosityKind, CuriosityStatus};
use super::{Answer, FactValue, Outcome, Responses, outcome};
use crate::questionnaire::{AgeTest, Condition, FactKind, Questionnaire, Scoring, YesNo};

/// The order of prompts: levels gained (most first), routes added (most first), profile
/// facts (0) before indicators (1) before follow-ups (2), then questionnaire order.
type Rank = (Reverse<usize>, Reverse<usize>, usize, usize);

/// What a change would do, compared with the outcome now.
struct Impact {
    levels_up: usize,
    to: Outcome,
    added: Vec<usize>,
}

fn impact(q: &Questionnaire, now: &Outcome, r: &Responses) -> Option<Impact> {
    let to = outcome(q, r);
    let added: Vec<usize> = to
        .routes
        .iter()
        .copied()
        .filter(|i| !now.routes.contains(i))
        .collect();
    let levels_up = to.level.saturating_sub(now.level);
    (levels_up > 0 || !added.is_empty()).then_some(Impact {
        levels_up,
        to,
        added,
    })
}

/// The curiosity prompts for `r`, most impact first (a higher level, then more routes, then
/// profile facts before indicators, then questionnaire order).
pub fn curiosity(q: &Questionnaire, r: &Responses) -> Vec<Curiosity> {
    let now = outcome(q, r);
    let mut found: Vec<(Rank, Curiosity)> = Vec::new();

    for f in q.facts_in_rules() {
        if r.profile.get(f) != Some(&FactValue::NotKnown) {
            continue;
        }
        let best = candidates(q, f)
            .into_iter()
            .filter_map(|(value, shown)| {
                let mut changed = r.clone();
                changed.profile[f] = value;
                impact(q, &now, &changed).map(|i| (i, shown))
            })
            .max_by_key(|(i, _)| (i.levels_up, i.added.len(), Reverse(i.to.level)));
        if let Some((i, value)) = best {
            let fact = &q.profile[f];
            let key = (Reverse(i.levels_up), Reverse(i.added.len()), 0, f);
            found.push((
                key,
                prompt(
                    q,
                    CuriosityKind::Profile,
                    &fact.id,
                    &fact.prompt,
                    CuriosityStatus::NotKnown,
                    value,
                    &i,
                ),
            ));
        }
    }

    for (n, ind) in q.indicators.iter().enumerate() {
        let status = match r.indicators.get(n).and_then(|x| x.answer) {
            Some(Answer::NotKnown) => CuriosityStatus::NotKnown,
            None => CuriosityStatus::Unanswered,
            Some(Answer::Yes | Answer::No) => continue,
        };
        let mut changed = r.clone();
        changed.indicators[n].answer = Some(Answer::Yes);
        // On a scale, a "yes" with no rating scores the highest option: the prompt names the
        // lowest rating that would change the outcome, and says what that rating does.
        let tried = match &ind.scoring {
            Scoring::Scale { scale, .. } => {
                let options = q.scales.get(*scale).map_or(&[][..], |s| &s.options[..]);
                (1..options.len()).find_map(|k| {
                    let mut rated = changed.clone();
                    rated.indicators[n].option = Some(k);
                    impact(q, &now, &rated).map(|i| (i, format!("rated {}", options[k].label)))
                })
            }
            Scoring::Single(_) | Scoring::Windows(_) => {
                impact(q, &now, &changed).map(|i| (i, "yes".to_owned()))
            }
        };
        if let Some((i, value)) = tried {
            let key = (Reverse(i.levels_up), Reverse(i.added.len()), 1, n);
            found.push((
                key,
                prompt(
                    q,
                    CuriosityKind::Indicator,
                    &ind.id,
                    &ind.prompt,
                    status,
                    value,
                    &i,
                ),
            ));
        }
    }

    // A follow-up of a yes left empty ("Leave empty if not known") that a rule reads: the
    // number of missing episodes, whether the person is in a position of trust, their age.
    for (n, ind) in q.indicators.iter().enumerate() {
        let Some(given) = r.indicators.get(n) else {
            continue;
        };
        if given.answer != Some(Answer::Yes) {
            continue;
        }
        for (k, fu) in ind.follow_ups.iter().enumerate() {
            if given.follow_ups.get(k).copied().flatten().is_some() {
                continue;
            }
            let best = follow_up_values(q, r, n, k)
                .into_iter()
                .filter_map(|value| {
                    let mut changed = r.clone();
                    let slots = &mut changed.indicators[n].follow_ups;
                    if slots.len() <= k {
                        slots.resize(k + 1, None);
                    }
                    slots[k] = Some(value);
                    impact(q, &now, &changed).map(|i| (i, value))
                })
                .max_by_key(|(i, value)| (i.levels_up, i.added.len(), Reverse(*value)));
            if let Some((i, value)) = best {
                let key = (Reverse(i.levels_up), Reverse(i.added.len()), 2, n);
                found.push((
                    key,
                    prompt(
                        q,
                        CuriosityKind::FollowUp,
                        &format!("{}.{}", ind.id, fu.id),
                        &fu.prompt,
                        CuriosityStatus::NotKnown,
                        format!("{value} or more"),
                        &i,
                    ),
                ));
            }
        }
    }

    found.sort_by_key(|(rank, _)| *rank);
    found.into_iter().map(|(_, c)| c).collect()
}

/// The values of follow-up `k` of indicator `n` that a rule distinguishes: each `at_least`,
/// and for a comparison with a known fact (the other person's age against the child's), the
/// fact's value plus the gap.
fn follow_up_values(q: &Questionnaire, r: &Responses, n: usize, k: usize) -> Vec<u32> {
    fn walk(c: &Condition, n: usize, k: usize, r: &Responses, out: &mut Vec<u32>) {
        match c {
            Condition::All(cs) | Condition::Any(cs) => {
                cs.iter().for_each(|c| walk(c, n, k, r, out));
            }
            Condition::FollowUp {
                indicator,
                follow_up,
                at_least,
            } if (*indicator, *follow_up) == (n, k) => out.push(*at_least),
            Condition::Compare {
                indicator,
                follow_up,
                fact,
                plus,
            } if (*indicator, *follow_up) == (n, k) => {
                if let Some(FactValue::Age(age)) = r.profile.get(*fact) {
                    out.push(age.saturating_add(*plus));
                }
            }
            _ => {}
        }
    }
    let mut values = Vec::new();
    for rule in &q.rules {
        walk(&rule.when, n, k, r, &mut values);
    }
    values.sort_unstable();
    values.dedup();
    values
}

fn prompt(
    q: &Questionnaire,
    kind: CuriosityKind,
    id: &str,
    question: &str,
    status: CuriosityStatus,
    value: String,
    i: &Impact,
) -> Curiosity {
    let titles: Vec<&str> = i
        .added
        .iter()
        .map(|&r| q.routes[r].title.as_str())
        .collect();
    let level = &q.levels[i.to.level];
    let answer = match kind {
        CuriosityKind::Profile => format!(" (if the answer is {value})"),
        CuriosityKind::FollowUp => format!(" (if it is {value})"),
        // A rating on a scale: which one would change the outcome.
        CuriosityKind::Indicator if value != "yes" => format!(" (if it is {value})"),
        CuriosityKind::Indicator => String::new(),
    };
    // The most urgent route it would add, and how many more: short enough to read aloud.
    let routes = match titles.split_first() {
        None => String::new(),
        Some((first, [])) => (*first).to_owned(),
        Some((first, rest)) => format!("{first} (and {} more)", rest.len()),
    };
    let text = match (i.levels_up > 0, routes.is_empty()) {
        (true, true) => format!(
            "Finding out \"{question}\"{answer} could change the outcome to {}",
            level.label
        ),
        (true, false) => format!(
            "Finding out \"{question}\"{answer} could change the outcome to {}: {routes}",
            level.label
        ),
        (false, _) => format!("Finding out \"{question}\"{answer} could add: {routes}"),
    };
    Curiosity {
        kind,
        id: id.to_owned(),
        question: question.to_owned(),
        status,
        value,
        raises_to: (i.levels_up > 0).then(|| level.id.clone()),
        raises_to_label: (i.levels_up > 0).then(|| level.label.clone()),
        adds_routes: i.added.iter().map(|&r| q.routes[r].id.clone()).collect(),
        text,
    }
}

/// The values of fact `f` worth trying: yes and no, or each age a rule distinguishes.
fn candidates(q: &Questionnaire, f: usize) -> Vec<(FactValue, String)> {
    match q.profile[f].kind {
        FactKind::YesNo => vec![
            (FactValue::YesNo(YesNo::Yes), "yes".to_owned()),
            (FactValue::YesNo(YesNo::No), "no".to_owned()),
        ],
        FactKind::Age => {
            let mut ages = Vec::new();
            for rule in &q.rules {
                age_tests(&rule.when, f, &mut |t| {
                    ages.extend(match t {
                        AgeTest::Below(n) => vec![n.saturating_sub(1), n],
                        AgeTest::AtMost(n) => vec![n, n + 1],
                        AgeTest::AtLeast(n) => vec![n.saturating_sub(1), n],
                    });
                });
            }
            ages.sort_unstable();
            ages.dedup();
            ages.into_iter()
                .map(|a| (FactValue::Age(a), a.to_string()))
                .collect()
        }
    }
}

fn age_tests(c: &Condition, fact: usize, f: &mut impl FnMut(AgeTest)) {
    match c {
        Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| age_tests(c, fact, f)),
        Condition::Age { fact: g, test } if *g == fact => f(*test),
        _ => {}
    }
}

/// The highest level finding out everything not known could bring, all at once: every
/// indicator not known or unanswered a "yes", every follow-up of a yes left empty at its
/// highest value, and every profile fact a rule reads that is not known at whichever of the
/// values a rule distinguishes gives the highest level. The prompts above try one unknown at
/// a time; two unknowns can raise the level together where neither does alone (a controlling
/// older person and sexual contact, both not known). Monotone: an answer given as yes, or
/// not known in place of no, never lowers it (every condition on a follow-up is "at least",
/// and the engine is monotone in answers). `facts_not_known`: the facts a rule reads that are
/// not known in `r`. `None` when it is no higher than now.
pub fn worst_case(q: &Questionnaire, r: &Responses, facts_not_known: &[usize]) -> Option<usize> {
    let now = outcome(q, r).level;
    let mut w = r.clone();
    let mut unknown = false;
    for (n, x) in w.indicators.iter_mut().enumerate() {
        if !matches!(x.answer, Some(Answer::Yes | Answer::No)) {
            x.answer = Some(Answer::Yes);
            unknown = true;
        }
        if x.answer == Some(Answer::Yes) {
            for (value, f) in x.follow_ups.iter_mut().zip(&q.indicators[n].follow_ups) {
                if value.is_none() {
                    *value = Some(f.max.unwrap_or(FOLLOW_UP_HIGHEST));
                    unknown = true;
                }
            }
        }
    }
    // Every combination of the values that matter for the facts not known (at most an age's
    // few and two yes-or-no facts' two each in the bundled questionnaires).
    let facts: Vec<(usize, Vec<FactValue>)> = facts_not_known
        .iter()
        .map(|&f| (f, candidates(q, f).into_iter().map(|(v, _)| v).collect()))
        .collect();
    if !unknown && facts.is_empty() {
        return None;
    }
    let mut best = outcome(q, &w).level;
    let combinations: usize = facts
        .iter()
        .map(|(_, values)| values.len().max(1))
        .fold(1, usize::saturating_mul);
    if combinations <= FACT_COMBINATIONS {
        for k in 0..combinations {
            let mut rest = k;
            for (f, values) in &facts {
                if let Some(v) = values.get(rest % values.len().max(1)) {
                    w.profile[*f] = *v;
                }
                rest /= values.len().max(1);
            }
            best = best.max(outcome(q, &w).level);
        }
    } else {
        // Too many to try (not so in any bundled questionnaire): each fact at its own worst,
        // the others not known.
        for (f, values) in &facts {
            for v in values {
                w.profile[*f] = *v;
                best = best.max(outcome(q, &w).level);
            }
            w.profile[*f] = FactValue::NotKnown;
        }
    }
    (best > now).then_some(best)
}

/// The value a follow-up without a `max` is tried at: above any count or age a rule names.
const FOLLOW_UP_HIGHEST: u32 = 1_000;

/// How many combinations of unknown facts' values [`worst_case`] tries at most.
const FACT_COMBINATIONS: usize = 256;
