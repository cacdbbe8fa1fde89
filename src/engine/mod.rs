//! The scoring engine: a pure function from a questionnaire and responses to an assessment.
//!
//! No I/O, no clock, no floats, no hash-map order: the same input gives the same output.
//! It cannot fail, because both inputs were validated at the boundary. Safety properties,
//! proven by the tests in `tests/engine_properties.rs`:
//! - one more "yes" never lowers the level nor removes a route (all conditions are monotone,
//!   weights are non-negative, and a level's routes include those of the levels below);
//! - "not known" never gives a lower level or fewer routes than "no";
//! - rules and judgement only raise the level.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod assessment;
pub mod curiosity;
pub mod responses;

pub use assessment::*;
pub use curiosity::{curiosity, worst_case};
pub use responses::*;

use crate::questionnaire::{Accept, Condition, Questionnaire, Rule, Scope, Scoring, Undated};

/// The bare outcome of a screening: what curiosity prompts and what-if compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The level's index (its rank).
    pub level: usize,
    /// Route indices, most urgent first.
    pub routes: Vec<usize>,
}

/// The level and routes only, without building an [`Assessment`] (cheap enough to run once
/// per not-known answer).
pub fn outcome(q: &Questionnaire, r: &Responses) -> Outcome {
    let score = (0..q.indicators.len()).fold(0u32, |s, i| s.saturating_add(points(q, r, i)));
    let judged = r.judgement.as_ref().map_or(0, |j| j.raise_to);
    let state = Evaluation { q, r, score };
    let (level, fired) = state.run_rules(level_for_score(q, score).max(judged));
    let level = level.min(q.levels.len().saturating_sub(1));
    let fired = fired_rules(q, &fired);
    Outcome {
        level,
        routes: routes(q, level, &fired),
    }
}

/// The rules marked fired, in questionnaire order.
fn fired_rules<'q>(q: &'q Questionnaire, fired: &[bool]) -> Vec<&'q Rule> {
    q.rules
        .iter()
        .zip(fired)
        .filter(|(_, f)| **f)
        .map(|(rule, _)| rule)
        .collect()
}

/// Whether a rule's condition holds for these answers at `level` (three-valued).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Met,
    NotMet,
    /// It depends on a profile fact or follow-up that is not known.
    NotKnown,
}

/// Evaluates condition `c` as the engine does when the outcome is `level`.
pub fn verdict(q: &Questionnaire, r: &Responses, c: &Condition, level: usize) -> Verdict {
    let score = (0..q.indicators.len()).fold(0u32, |s, i| s.saturating_add(points(q, r, i)));
    match (Evaluation { q, r, score }).eval(c, level) {
        Truth::True => Verdict::Met,
        Truth::False => Verdict::NotMet,
        Truth::Unknown(_) => Verdict::NotKnown,
    }
}

/// Scores `responses` against `q`.
pub fn assess(q: &Questionnaire, r: &Responses) -> Assessment {
    assess_with(q, r, Detail::Full)
}

/// How much of an [`Assessment`] is built.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Detail {
    /// Everything, with the curiosity prompts (which re-run the rules once per not-known
    /// answer): for any output that shows one result.
    #[default]
    Full,
    /// Only what a batch's summary row shows (CSV, Markdown, a batch's table): the
    /// questionnaire, score, level (id and label), routes (id and title), fired rules (id),
    /// and the not-known and unanswered indicators (id). The rest is left empty: the
    /// disclaimer, the level's description, each route's action, contact, timescale and
    /// origins, each fired rule's reason and routes, reminders, sections, categories,
    /// eligibility, contributions, undetermined rules, learning points, judgement, the facts
    /// not known and curiosity prompts; and the review interval is the level's own (shortening it for what
    /// is not known needs the prompts; no row shows it). Those rows are the same from either
    /// (`report::batch` tests).
    Summary,
}

/// Scores `responses` against `q`, in full or only what a summary row shows.
pub fn assess_with(q: &Questionnaire, r: &Responses, detail: Detail) -> Assessment {
    let full = detail == Detail::Full;
    // Text a summary row never shows is left empty in a summary.
    let shown = |text: &String| if full { text.clone() } else { String::new() };
    let points: Vec<u32> = (0..q.indicators.len()).map(|i| points(q, r, i)).collect();
    let score = points.iter().fold(0u32, |s, p| s.saturating_add(*p));
    let score_level = level_for_score(q, score);

    let judged = r.judgement.as_ref().map(|j| j.raise_to);
    let state = Evaluation { q, r, score };
    let (level, fired) = state.run_rules(score_level.max(judged.unwrap_or(0)));
    let level = level.min(q.levels.len().saturating_sub(1));
    let fired_list = fired_rules(q, &fired);

    let mut level_set_by = Vec::new();
    if score_level == level {
        level_set_by.push(SetBy::Score);
    }
    for rule in &fired_list {
        if rule.raise_to == Some(level) {
            level_set_by.push(SetBy::Rule(rule.id.clone()));
        }
    }
    // Judgement set the level only where it raised it above what score and rules give
    // without it (found in review: a judgement equal to a level the score reached was said
    // to have set it, while the same screening's judgement said "not raised").
    if judged == Some(level) && judged > Some(state.run_rules(score_level).0) {
        level_set_by.push(SetBy::Judgement);
    }

    let routes = routes(q, level, &fired_list);
    let mut reminders: Vec<usize> = routes
        .iter()
        .flat_map(|&i| q.routes[i].reminders.iter().copied())
        .collect();
    reminders.sort_unstable();
    reminders.dedup();

    let fired_rules = fired_list
        .iter()
        .map(|rule| FiredRule {
            id: rule.id.clone(),
            reason: shown(&rule.reason),
            raise_to: rule.raise_to.map(|l| q.levels[l].id.clone()),
            add_routes: rule
                .add_routes
                .iter()
                .filter(|_| full)
                .map(|&i| q.routes[i].id.clone())
                .collect(),
        })
        .collect();
    let undetermined = q
        .rules
        .iter()
        .zip(&fired)
        .filter(|(_, f)| full && !**f)
        .filter_map(|(rule, _)| match state.eval(&rule.when, level) {
            Truth::Unknown(needs) => Some(Undetermined {
                rule: rule.id.clone(),
                reason: rule.reason.clone(),
                needs: needs.iter().map(|n| n.describe(q)).collect(),
            }),
            Truth::True | Truth::False => None,
        })
        .collect();

    // A summary row counts these; it shows none of their sections or prompts.
    let indicator_ref = |i: usize| IndicatorRef {
        id: q.indicators[i].id.clone(),
        section: shown(&q.sections[q.indicators[i].section].id),
        prompt: shown(&q.indicators[i].prompt),
    };
    let with_answer = |want: Option<Answer>| {
        (0..q.indicators.len()).filter(move |&i| r.indicators.get(i).and_then(|x| x.answer) == want)
    };

    // A summary row shows a route's id and title only (its origins are left out by the caller).
    let route_out = |i: usize, from: Vec<RouteFrom>| {
        let route = &q.routes[i];
        RouteOut {
            id: route.id.clone(),
            title: route.title.clone(),
            action: shown(&route.action),
            contact: route.contact.as_ref().filter(|_| full).cloned(),
            timescale: shown(&route.timescale),
            urgency: route.urgency,
            from,
        }
    };
    let route_origins = |i: usize| {
        let mut from: Vec<RouteFrom> = q
            .route_levels(level)
            .filter(|&l| q.levels[l].routes.contains(&i))
            .map(|l| RouteFrom::Level(q.levels[l].id.clone()))
            .collect();
        for rule in &fired_list {
            if rule.add_routes.contains(&i) {
                from.push(RouteFrom::Rule(rule.id.clone()));
            }
        }
        from
    };
    // The facts a rule reads that are not known: shown, and tried by `worst_case`.
    let facts_not_known: Vec<usize> = if full {
        q.facts_in_rules()
            .into_iter()
            .filter(|&f| r.profile.get(f) == Some(&FactValue::NotKnown))
            .collect()
    } else {
        Vec::new()
    };
    let (curiosity, could_reach) = match detail {
        Detail::Full => (curiosity(q, r), worst_case(q, r, &facts_not_known)),
        Detail::Summary => (Vec::new(), None),
    };
    let review = review(q, level, could_reach);

    Assessment {
        questionnaire: QuestionnaireRef {
            id: q.id.clone(),
            version: q.version.clone(),
            sha256: q.sha256.clone(),
            title: q.title.clone(),
        },
        disclaimer: shown(&q.disclaimer),
        immediate_danger: route_out(q.immediate_danger, vec![RouteFrom::ImmediateDanger]),
        score,
        score_level: q.levels[score_level].id.clone(),
        level: LevelOut {
            id: q.levels[level].id.clone(),
            label: q.levels[level].label.clone(),
            rank: level,
            description: q.levels[level]
                .description
                .as_ref()
                .filter(|_| full)
                .cloned(),
        },
        level_set_by,
        routes: routes
            .iter()
            .map(|&i| route_out(i, if full { route_origins(i) } else { Vec::new() }))
            .collect(),
        reminders: reminders
            .iter()
            .filter(|_| full)
            .map(|&i| q.reminders[i].text.clone())
            .collect(),
        sections: q
            .sections
            .iter()
            .filter(|_| full)
            .map(|s| {
                let count = |want: Option<Answer>| {
                    s.indicators
                        .clone()
                        .filter(|&i| r.indicators.get(i).and_then(|x| x.answer) == want)
                        .count()
                };
                SectionScore {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    points: s
                        .indicators
                        .clone()
                        .fold(0u32, |sum, i| sum.saturating_add(points[i])),
                    yes: count(Some(Answer::Yes)),
                    no: count(Some(Answer::No)),
                    not_known: count(Some(Answer::NotKnown)),
                    unanswered: count(None),
                }
            })
            .collect(),
        categories: if full && q.format >= 2 {
            q.categories
                .iter()
                .enumerate()
                .map(|(k, c)| CategoryScore {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    points: (0..q.indicators.len())
                        .filter(|&i| q.indicators[i].category == k)
                        .fold(0u32, |s, i| s.saturating_add(points[i])),
                })
                .collect()
        } else {
            Vec::new()
        },
        eligibility: q.eligibility.statement.clone().filter(|_| full),
        age_outside: if full { age_outside(q, r) } else { None },
        contributions: (0..q.indicators.len())
            .filter(|&i| full && (r.answer(i) == Answer::Yes || points[i] > 0))
            .map(|i| {
                let ind = &q.indicators[i];
                let ticked = &r.indicators[i].windows;
                let uses_windows = matches!(ind.scoring, Scoring::Windows(_));
                let (rating, rating_assumed) = match (&ind.scoring, q.scales.get(scale_of(ind))) {
                    (Scoring::Scale { points, .. }, Some(scale)) => (
                        r.rating(i, points.len())
                            .or(Some(0))
                            .and_then(|o| scale.options.get(o))
                            .map(|o| o.id.clone()),
                        r.answer(i) == Answer::Yes && r.indicators[i].option.is_none(),
                    ),
                    _ => (None, false),
                };
                Contribution {
                    indicator: ind.id.clone(),
                    section: q.sections[ind.section].id.clone(),
                    category: q.categories[ind.category].id.clone(),
                    answer: r.answer(i),
                    rating,
                    rating_assumed,
                    windows: (0..q.windows.len())
                        .filter(|w| ticked.contains(w))
                        .map(|w| q.windows[w].id.clone())
                        .collect(),
                    window_assumed: uses_windows && ticked.is_empty(),
                    points: points[i],
                }
            })
            .collect(),
        fired_rules,
        undetermined,
        not_known: with_answer(Some(Answer::NotKnown))
            .map(indicator_ref)
            .collect(),
        unanswered: with_answer(None).map(indicator_ref).collect(),
        facts_not_known: facts_not_known
            .iter()
            .map(|&f| q.profile[f].id.clone())
            .collect(),
        learning_points: with_answer(Some(Answer::Yes))
            .filter(|_| full)
            .flat_map(|i| {
                let ind = &q.indicators[i];
                ind.learning.iter().map(|text| LearningPoint {
                    indicator: ind.id.clone(),
                    text: text.clone(),
                })
            })
            .collect(),
        judgement: r.judgement.as_ref().filter(|_| full).map(|j| {
            // The level score and rules give without the judgement.
            let before = state.run_rules(score_level).0;
            let label = |rank: usize| q.levels.get(rank).map(|l| (l.id.clone(), l.label.clone()));
            let (raise_to, raise_to_label) = label(j.raise_to).unwrap_or_default();
            let (from, from_label) = label(before).unwrap_or_default();
            JudgementOut {
                raise_to,
                reason: j.reason.clone(),
                // Raised only if above what score and rules give without the judgement.
                raised: j.raise_to > before,
                from,
                from_label,
                raise_to_label,
            }
        }),
        review_interval_days: review.0,
        review_as_for: review.1,
        could_reach: could_reach.and_then(|l| q.levels.get(l)).map(|l| LevelRef {
            id: l.id.clone(),
            label: l.label.clone(),
        }),
        curiosity,
    }
}

/// The review interval: the level's own, or the shorter one of the level that finding out
/// everything not known could raise it to ([`worst_case`]), with that level: a screening
/// resting on something not known is screened again as soon as the answers not known could
/// require.
fn review(
    q: &Questionnaire,
    level: usize,
    could_reach: Option<usize>,
) -> (u32, Option<ReviewAsFor>) {
    let own = q.levels[level].review_days;
    let sooner = could_reach
        .and_then(|l| q.levels.get(l))
        .filter(|l| l.review_days < own);
    match sooner {
        Some(l) => (
            l.review_days,
            Some(ReviewAsFor {
                level: l.id.clone(),
                label: l.label.clone(),
                level_days: own,
            }),
        ),
        None => (own, None),
    }
}

/// Format 2: the child's age, where it is known and outside the questionnaire's ages.
/// (Format 1 warns when the file is loaded; its output is kept as it was.)
fn age_outside(q: &Questionnaire, r: &Responses) -> Option<AgeOutside> {
    if q.format < 2 {
        return None;
    }
    let age = q
        .profile
        .iter()
        .zip(&r.profile)
        .find_map(|(f, v)| match (f.kind, v) {
            (crate::questionnaire::FactKind::Age, FactValue::Age(a)) => Some(*a),
            _ => None,
        })?;
    if (q.ages.min..=q.ages.max).contains(&age) {
        return None;
    }
    let referral = q.referral(age);
    Some(AgeOutside {
        age,
        min: q.ages.min,
        max: q.ages.max,
        message: referral.map(|x| x.message.trim().to_owned()),
        tool: referral.and_then(|x| x.tool.clone()),
    })
}

/// Points for indicator `i`: a "yes" scores its weight, or the sum of the weights of the
/// windows ticked; a "yes" with no window recorded scores as the questionnaire says (by
/// default the highest window weight). On a scale, `no` and not known score the lowest
/// option, a "yes" its rating (the highest option when the rating is not recorded).
pub fn points(q: &Questionnaire, r: &Responses, i: usize) -> u32 {
    let ind = &q.indicators[i];
    if let Scoring::Scale { points, .. } = &ind.scoring {
        let floor = ind.scoring.floor_points();
        return r
            .rating(i, points.len())
            .and_then(|o| points.get(o).copied())
            .unwrap_or(floor)
            .max(floor);
    }
    if r.answer(i) != Answer::Yes {
        return 0;
    }
    match &ind.scoring {
        Scoring::Scale { .. } => 0,
        Scoring::Single(p) => *p,
        Scoring::Windows(weights) => {
            let ticked = r
                .indicators
                .get(i)
                .map(|x| x.windows.as_slice())
                .unwrap_or_default();
            if ticked.is_empty() {
                match ind.undated {
                    Undated::HighestWindow => weights.iter().map(|(_, p)| *p).max().unwrap_or(0),
                    Undated::Window(w) => {
                        weights.iter().find(|(x, _)| *x == w).map_or(0, |(_, p)| *p)
                    }
                    Undated::Points(p) => p,
                }
            } else {
                weights
                    .iter()
                    .filter(|(w, _)| ticked.contains(w))
                    .fold(0u32, |s, (_, p)| s.saturating_add(*p))
            }
        }
    }
}

/// The scale an indicator is rated on (`usize::MAX`, no scale, for the others).
fn scale_of(ind: &crate::questionnaire::Indicator) -> usize {
    match ind.scoring {
        Scoring::Scale { scale, .. } => scale,
        _ => usize::MAX,
    }
}

/// The highest level whose minimum score `score` reaches.
pub fn level_for_score(q: &Questionnaire, score: u32) -> usize {
    q.levels
        .iter()
        .rposition(|l| l.min_score.is_some_and(|m| score >= m))
        .unwrap_or(0)
}

/// Routes of `level` and the levels below it that it inherits (format 1: every level below),
/// plus those of fired rules, most urgent first.
fn routes(q: &Questionnaire, level: usize, fired: &[&Rule]) -> Vec<usize> {
    let mut out: Vec<usize> = q.levels[q.route_levels(level)]
        .iter()
        .flat_map(|l| l.routes.iter().copied())
        .collect();
    for rule in fired {
        out.extend(rule.add_routes.iter().copied());
    }
    out.sort_by_key(|&i| (q.routes[i].urgency, i));
    out.dedup();
    out
}

/// Something a rule needs that is not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Need {
    Fact(usize),
    FollowUp(usize, usize),
}

impl Need {
    fn describe(self, q: &Questionnaire) -> String {
        match self {
            Need::Fact(f) => q.profile[f].id.clone(),
            Need::FollowUp(i, f) => format!(
                "{}.{}",
                q.indicators[i].id, q.indicators[i].follow_ups[f].id
            ),
        }
    }
}

/// Three-valued truth: a condition on something not known is neither true nor false.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Truth {
    True,
    False,
    Unknown(Vec<Need>),
}

struct Evaluation<'a> {
    q: &'a Questionnaire,
    r: &'a Responses,
    score: u32,
}

impl Evaluation<'_> {
    /// Fires rules until nothing changes, starting from `level`. Every condition is monotone
    /// in the level, so this reaches the same fixpoint whatever the rule order.
    fn run_rules(&self, mut level: usize) -> (usize, Vec<bool>) {
        let mut fired = vec![false; self.q.rules.len()];
        loop {
            let mut changed = false;
            for (i, rule) in self.q.rules.iter().enumerate() {
                if !fired[i] && self.eval(&rule.when, level) == Truth::True {
                    fired[i] = true;
                    changed = true;
                    if let Some(to) = rule.raise_to {
                        level = level.max(to);
                    }
                }
            }
            if !changed {
                return (level, fired);
            }
        }
    }

    fn eval(&self, c: &Condition, level: usize) -> Truth {
        let (q, r) = (self.q, self.r);
        let bool = |b: bool| if b { Truth::True } else { Truth::False };
        match c {
            Condition::All(items) => {
                let mut needs = Vec::new();
                for item in items {
                    match self.eval(item, level) {
                        Truth::False => return Truth::False,
                        Truth::Unknown(n) => needs.extend(n),
                        Truth::True => {}
                    }
                }
                unknown_or(needs, Truth::True)
            }
            Condition::Any(items) => {
                let mut needs = Vec::new();
                for item in items {
                    match self.eval(item, level) {
                        Truth::True => return Truth::True,
                        Truth::Unknown(n) => needs.extend(n),
                        Truth::False => {}
                    }
                }
                unknown_or(needs, Truth::False)
            }
            Condition::Answer { indicator, accept } => bool(accepts(*accept, r.answer(*indicator))),
            Condition::Count {
                scope,
                accept,
                window,
                rated: Some(rated),
                at_least,
            } => {
                let counted = (0..q.indicators.len())
                    .filter(|&i| in_scope(q, *scope, i))
                    .filter(|&i| match &q.indicators[i].scoring {
                        Scoring::Scale { scale, points } if *scale == rated.scale => {
                            match r.rating(i, points.len()) {
                                Some(o) => o >= rated.at_least,
                                // Not known counts where the rule says so, as in format 1.
                                None => *accept == Accept::YesOrNotKnown,
                            }
                        }
                        _ => false,
                    })
                    .filter(|&i| match window {
                        Some(w) => {
                            r.answer(i) != Answer::Yes
                                || r.indicators[i].windows.is_empty()
                                || r.indicators[i].windows.contains(w)
                        }
                        None => true,
                    })
                    .count();
                bool(counted >= *at_least as usize)
            }
            Condition::Subtotal { scope, at_least } => {
                let sum = (0..q.indicators.len())
                    .filter(|&i| in_scope(q, *scope, i))
                    .fold(0u32, |s, i| s.saturating_add(points(q, r, i)));
                bool(sum >= *at_least)
            }
            Condition::Compare {
                indicator,
                follow_up,
                fact,
                plus,
            } => {
                if r.answer(*indicator) != Answer::Yes {
                    return Truth::False;
                }
                let value = r.indicators[*indicator]
                    .follow_ups
                    .get(*follow_up)
                    .copied()
                    .flatten();
                let age = match r.profile.get(*fact) {
                    Some(FactValue::Age(a)) => Some(*a),
                    _ => None,
                };
                match (value, age) {
                    (Some(v), Some(a)) => bool(v >= a.saturating_add(*plus)),
                    // Unknown either side: the rule is undetermined, never "false then lower".
                    (v, a) => {
                        let mut needs = Vec::new();
                        if a.is_none() {
                            needs.push(Need::Fact(*fact));
                        }
                        if v.is_none() {
                            needs.push(Need::FollowUp(*indicator, *follow_up));
                        }
                        unknown_or(needs, Truth::False)
                    }
                }
            }
            Condition::Count {
                scope,
                accept,
                window,
                rated: None,
                at_least,
            } => {
                let in_scope = |i: &usize| match scope {
                    Scope::Section(s) => q.sections[*s].indicators.contains(i),
                    Scope::Category(k) => q.indicators[*i].category == *k,
                };
                let counted = (0..q.indicators.len())
                    .filter(in_scope)
                    .filter(|&i| match (r.answer(i), window) {
                        // A "yes" with no window recorded counts in every window.
                        (Answer::Yes, Some(w)) => {
                            r.indicators[i].windows.is_empty()
                                || r.indicators[i].windows.contains(w)
                        }
                        (answer, _) => accepts(*accept, answer),
                    })
                    .count();
                bool(counted >= *at_least as usize)
            }
            Condition::Score { at_least } => bool(self.score >= *at_least),
            Condition::Level { at_least } => bool(level >= *at_least),
            Condition::Age { fact, test } => match r.profile.get(*fact) {
                Some(FactValue::Age(age)) => bool(test.holds(*age)),
                _ => Truth::Unknown(vec![Need::Fact(*fact)]),
            },
            Condition::Fact { fact, is } => match r.profile.get(*fact) {
                Some(FactValue::YesNo(v)) => bool(v == is),
                _ => Truth::Unknown(vec![Need::Fact(*fact)]),
            },
            Condition::FollowUp {
                indicator,
                follow_up,
                at_least,
            } => {
                if r.answer(*indicator) != Answer::Yes {
                    return Truth::False;
                }
                match r.indicators[*indicator]
                    .follow_ups
                    .get(*follow_up)
                    .copied()
                    .flatten()
                {
                    Some(v) => bool(v >= *at_least),
                    None => Truth::Unknown(vec![Need::FollowUp(*indicator, *follow_up)]),
                }
            }
        }
    }
}

/// Whether indicator `i` is in a section or category.
fn in_scope(q: &Questionnaire, scope: Scope, i: usize) -> bool {
    match scope {
        Scope::Section(s) => q.sections[s].indicators.contains(&i),
        Scope::Category(k) => q.indicators[i].category == k,
    }
}

fn accepts(accept: Accept, answer: Answer) -> bool {
    match accept {
        Accept::Yes => answer == Answer::Yes,
        Accept::YesOrNotKnown => answer != Answer::No,
    }
}

fn unknown_or(mut needs: Vec<Need>, otherwise: Truth) -> Truth {
    if needs.is_empty() {
        otherwise
    } else {
        needs.sort_unstable();
        needs.dedup();
        Truth::Unknown(needs)
    }
}
