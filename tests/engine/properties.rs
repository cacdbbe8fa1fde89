//! The engine's safety properties, proven over random answer sets for both bundled
//! questionnaires:
//! - switching any one answer from no, not known or unanswered to yes never lowers the level,
//!   makes the review later, nor removes a route;
//! - not known never gives a lower level, a later review or fewer routes than no;
//! - no rule lowers the outcome: with rules the level and routes are never less than without;
//! - judgement only raises; the same input always gives the same output.

use std::collections::BTreeSet;

use crate::common::{bundled, responses};
use cse_screen::engine::{Answer, Assessment, Responses, assess};
use cse_screen::questionnaire::Questionnaire;
use proptest::prelude::*;

fn route_ids(a: &Assessment) -> BTreeSet<String> {
    a.routes.iter().map(|r| r.id.clone()).collect()
}

/// `after` is at least `before`: level not lower, review not later, no route removed.
fn at_least(before: &Assessment, after: &Assessment) -> Result<(), TestCaseError> {
    prop_assert!(
        after.level.rank >= before.level.rank,
        "level fell from {} to {}",
        before.level.id,
        after.level.id
    );
    prop_assert!(
        after.review_interval_days <= before.review_interval_days,
        "review later: {} days, then {}",
        before.review_interval_days,
        after.review_interval_days
    );
    let (b, a) = (route_ids(before), route_ids(after));
    prop_assert!(
        b.is_subset(&a),
        "routes removed: {:?}",
        b.difference(&a).collect::<Vec<_>>()
    );
    Ok(())
}

fn with_answer(r: &Responses, i: usize, answer: Option<Answer>) -> Responses {
    let mut r = r.clone();
    r.indicators[i].answer = answer;
    r
}

fn check_one_more_yes(q: &Questionnaire, r: &Responses) -> Result<(), TestCaseError> {
    let before = assess(q, r);
    for i in 0..q.indicators.len() {
        if r.indicators[i].answer != Some(Answer::Yes) {
            at_least(&before, &assess(q, &with_answer(r, i, Some(Answer::Yes))))?;
        }
    }
    Ok(())
}

fn check_not_known_not_below_no(q: &Questionnaire, r: &Responses) -> Result<(), TestCaseError> {
    for i in 0..q.indicators.len() {
        let no = assess(q, &with_answer(r, i, Some(Answer::No)));
        at_least(&no, &assess(q, &with_answer(r, i, Some(Answer::NotKnown))))?;
        // Unanswered (in progress) counts as not known, so it is never below no either.
        at_least(&no, &assess(q, &with_answer(r, i, None)))?;
    }
    Ok(())
}

fn check_rules_only_raise(q: &Questionnaire, r: &Responses) -> Result<(), TestCaseError> {
    let with_rules = assess(q, r);
    let mut bare = q.clone();
    bare.rules.clear();
    let without_rules = assess(&bare, r);
    at_least(&without_rules, &with_rules)?;
    // Each rule alone raises too: `one` is `bare` with that rule only.
    let mut one = bare;
    for rule in &q.rules {
        one.rules.push(rule.clone());
        at_least(&without_rules, &assess(&one, r))?;
        one.rules.clear();
    }
    let score_level = q
        .levels
        .iter()
        .position(|l| l.id == with_rules.score_level)
        .unwrap_or(0);
    prop_assert!(with_rules.level.rank >= score_level);
    Ok(())
}

fn check_judgement_only_raises(q: &Questionnaire, r: &Responses) -> Result<(), TestCaseError> {
    let mut without = r.clone();
    without.judgement = None;
    let base = assess(q, &without);
    let judged = assess(q, r);
    at_least(&base, &judged)?;
    if let Some(j) = &r.judgement {
        prop_assert!(judged.level.rank >= j.raise_to);
    }
    Ok(())
}

macro_rules! properties {
    ($module:ident, $id:literal) => {
        mod $module {
            use super::*;

            proptest! {
                #![proptest_config(crate::common::proptest_config(96))]

                #[test]
                fn one_more_yes_never_lowers_the_level_nor_removes_a_route(r in responses(&bundled($id))) {
                    check_one_more_yes(&bundled($id), &r)?;
                }

                #[test]
                fn no_rule_lowers_the_outcome(r in responses(&bundled($id))) {
                    check_rules_only_raise(&bundled($id), &r)?;
                }

                #[test]
                fn judgement_only_raises(r in responses(&bundled($id))) {
                    check_judgement_only_raises(&bundled($id), &r)?;
                }

                #[test]
                fn scoring_is_deterministic(r in responses(&bundled($id))) {
                    let q = bundled($id);
                    prop_assert_eq!(assess(&q, &r), assess(&q, &r));
                }
            }

            proptest! {
                // Each case assesses the screening three times per indicator (129 times for
                // Oxfordshire), so fewer cases cover as much as the others' 96; a deeper run
                // sets PROPTEST_CASES (README, Development).
                #![proptest_config(crate::common::proptest_config(32))]

                #[test]
                fn not_known_never_gives_less_than_no(r in responses(&bundled($id))) {
                    check_not_known_not_below_no(&bundled($id), &r)?;
                }
            }
        }
    };
}

properties!(oxfordshire, "oxfordshire-cse");
properties!(national, "national-cse");

/// The properties above would catch a non-monotone engine: this shows the check itself bites,
/// by feeding it a pair where the level does fall.
#[test]
fn the_monotonicity_check_detects_a_fall() {
    let q = bundled("oxfordshire-cse");
    let mut high = Responses::empty(&q);
    let disclosure = q.indicator("disclosure_of_assault").expect("indicator");
    high.indicators[disclosure].answer = Some(Answer::Yes);
    let low = Responses::empty(&q);
    assert!(at_least(&assess(&q, &high), &assess(&q, &low)).is_err());
}

// ---- The same properties for random valid questionnaires -------------------------------
//
// The bundled questionnaires are two points in a large space. These properties are proven
// again for questionnaires generated at random within the format's rules: any number of
// windows, categories, sections, indicators (weights, per-window weights, follow-ups),
// levels, routes, and rules built from every kind of condition, nested in `all` and `any`.

/// A questionnaire to generate, before it is written out as YAML.
#[derive(Debug, Clone)]
struct Spec {
    windows: usize,
    categories: usize,
    /// Per section, its indicators.
    sections: Vec<Vec<IndicatorSpec>>,
    looked_after: bool,
    /// Increments of `min_score` from one level to the next.
    steps: Vec<u32>,
    routes: usize,
    rules: Vec<RuleSpec>,
}

/// An indicator: its category, its weight(s), and its follow-up (with its `max`, if any).
type IndicatorSpec = (usize, Weights, Option<Option<u32>>);

#[derive(Debug, Clone)]
enum Weights {
    One(u32),
    /// Points for each window; `None` where the indicator is not asked with that window.
    Windows(Vec<Option<u32>>),
}

#[derive(Debug, Clone)]
struct RuleSpec {
    when: Cond,
    /// A level index (taken modulo the number of levels), if the rule raises.
    raise_to: Option<usize>,
    /// Route indices (modulo the number of routes).
    add_routes: Vec<usize>,
}

/// A condition over indices that are resolved (modulo what exists) when written.
#[derive(Debug, Clone)]
enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Answer {
        indicator: usize,
        or_not_known: bool,
    },
    Count {
        section: Option<usize>,
        category: usize,
        or_not_known: bool,
        window: Option<usize>,
        at_least: usize,
    },
    Score {
        at_least: u32,
    },
    Level {
        at_least: usize,
    },
    Age {
        test: usize,
        years: u32,
    },
    LookedAfter {
        yes: bool,
    },
    FollowUp {
        indicator: usize,
        at_least: u32,
    },
}

fn weights(windows: usize) -> BoxedStrategy<Weights> {
    let one = (0u32..12).prop_map(Weights::One);
    if windows == 0 {
        return one.boxed();
    }
    let per_window = proptest::collection::vec(proptest::option::of(0u32..12), windows)
        .prop_filter("asked with at least one window", |w| {
            w.iter().any(Option::is_some)
        })
        .prop_map(Weights::Windows);
    prop_oneof![one, per_window].boxed()
}

fn condition() -> impl Strategy<Value = Cond> {
    let leaf = prop_oneof![
        (any::<usize>(), any::<bool>()).prop_map(|(indicator, or_not_known)| Cond::Answer {
            indicator,
            or_not_known
        }),
        (
            proptest::option::of(any::<usize>()),
            any::<usize>(),
            any::<bool>(),
            proptest::option::of(any::<usize>()),
            any::<usize>()
        )
            .prop_map(
                |(section, category, or_not_known, window, at_least)| Cond::Count {
                    section,
                    category,
                    or_not_known,
                    window,
                    at_least
                }
            ),
        (1u32..40).prop_map(|at_least| Cond::Score { at_least }),
        any::<usize>().prop_map(|at_least| Cond::Level { at_least }),
        (0usize..3, 0u32..26).prop_map(|(test, years)| Cond::Age { test, years }),
        any::<bool>().prop_map(|yes| Cond::LookedAfter { yes }),
        (any::<usize>(), 1u32..6).prop_map(|(indicator, at_least)| Cond::FollowUp {
            indicator,
            at_least
        }),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 1..4).prop_map(Cond::All),
            proptest::collection::vec(inner, 1..4).prop_map(Cond::Any),
        ]
    })
}

fn spec() -> impl Strategy<Value = Spec> {
    (0usize..3, 1usize..3).prop_flat_map(|(windows, categories)| {
        let indicator = (
            0..categories,
            weights(windows),
            proptest::option::of(proptest::option::of(5u32..20)),
        );
        (
            proptest::collection::vec(proptest::collection::vec(indicator, 1..4), 1..4),
            any::<bool>(),
            proptest::collection::vec(1u32..9, 1..4),
            1usize..4,
            proptest::collection::vec(
                (
                    condition(),
                    proptest::option::of(any::<usize>()),
                    proptest::collection::vec(any::<usize>(), 0..3),
                )
                    .prop_map(|(when, raise_to, add_routes)| RuleSpec {
                        when,
                        raise_to,
                        add_routes,
                    }),
                0..4,
            ),
        )
            .prop_map(move |(sections, looked_after, steps, routes, rules)| Spec {
                windows,
                categories,
                sections,
                looked_after,
                steps,
                routes,
                rules,
            })
    })
}

impl Spec {
    fn indicators(&self) -> Vec<(String, usize, &Weights, Option<Option<u32>>)> {
        let mut out = Vec::new();
        for (s, section) in self.sections.iter().enumerate() {
            for (k, (category, w, follow_up)) in section.iter().enumerate() {
                out.push((format!("i{s}_{k}"), *category, w, *follow_up));
            }
        }
        out
    }

    fn max_score(&self) -> u32 {
        self.indicators()
            .iter()
            .map(|(_, _, w, _)| match w {
                Weights::One(p) => *p,
                Weights::Windows(ws) => ws.iter().flatten().sum(),
            })
            .sum()
    }

    /// The condition as YAML flow text, with every index resolved to something that exists
    /// and every number within what the format allows.
    fn condition(&self, c: &Cond) -> String {
        let indicators = self.indicators();
        let levels = self.steps.len() + 1;
        let is = |nk: bool| if nk { "yes_or_not_known" } else { "yes" };
        match c {
            Cond::All(cs) | Cond::Any(cs) => {
                let word = if matches!(c, Cond::All(_)) {
                    "all"
                } else {
                    "any"
                };
                let parts: Vec<String> = cs.iter().map(|c| self.condition(c)).collect();
                format!("{{{word}: [{}]}}", parts.join(", "))
            }
            Cond::Answer {
                indicator,
                or_not_known,
            } => format!(
                "{{answer: {{indicator: {}, is: {}}}}}",
                indicators[indicator % indicators.len()].0,
                is(*or_not_known)
            ),
            Cond::Count {
                section,
                category,
                or_not_known,
                window,
                at_least,
            } => {
                // Count a section, or a category that has indicators.
                let used: Vec<usize> = (0..self.categories)
                    .filter(|k| indicators.iter().any(|i| i.1 == *k))
                    .collect();
                let (scope, members): (String, Vec<_>) = match section {
                    Some(s) => {
                        let s = s % self.sections.len();
                        let prefix = format!("i{s}_");
                        (
                            format!("section: s{s}"),
                            indicators
                                .iter()
                                .filter(|i| i.0.starts_with(&prefix))
                                .collect(),
                        )
                    }
                    None => {
                        let k = used[category % used.len()];
                        (
                            format!("category: c{k}"),
                            indicators.iter().filter(|i| i.1 == k).collect(),
                        )
                    }
                };
                // A window only with `of: yes`, and only one some counted indicator is asked with.
                let window = window.filter(|_| !or_not_known).and_then(|w| {
                    let asked: Vec<usize> = (0..self.windows)
                        .filter(|w| {
                            members
                                .iter()
                                .any(|i| matches!(i.2, Weights::Windows(ws) if ws[*w].is_some()))
                        })
                        .collect();
                    (!asked.is_empty()).then(|| asked[w % asked.len()])
                });
                let window = window.map_or(String::new(), |w| format!(", window: w{w}"));
                format!(
                    "{{count: {{{scope}, of: {}{window}, at_least: {}}}}}",
                    is(*or_not_known),
                    1 + at_least % members.len()
                )
            }
            Cond::Score { at_least } => {
                format!(
                    "{{score: {{at_least: {}}}}}",
                    (*at_least).min(self.max_score().max(1))
                )
            }
            Cond::Level { at_least } => format!("{{level: {{at_least: l{}}}}}", at_least % levels),
            Cond::Age { test, years } => {
                let test = ["below", "at_most", "at_least"][*test];
                format!("{{profile: {{fact: age, {test}: {years}}}}}")
            }
            Cond::LookedAfter { yes } if self.looked_after => format!(
                "{{profile: {{fact: looked_after, is: {}}}}}",
                if *yes { "yes" } else { "no" }
            ),
            Cond::LookedAfter { .. } => "{profile: {fact: age, below: 13}}".to_owned(),
            Cond::FollowUp {
                indicator,
                at_least,
            } => {
                let with: Vec<_> = indicators.iter().filter(|i| i.3.is_some()).collect();
                match with.get(indicator % with.len().max(1)) {
                    Some(i) => format!(
                        "{{follow_up: {{indicator: {}, follow_up: n, at_least: {at_least}}}}}",
                        i.0
                    ),
                    None => format!("{{answer: {{indicator: {}, is: yes}}}}", indicators[0].0),
                }
            }
        }
    }

    fn yaml(&self) -> String {
        let mut y = String::from(
            "format: 1\nid: generated\nversion: 0.0.1\ntitle: Generated\njurisdiction: Nowhere\n\
             disclaimer: Generated for a test.\nages: {min: 10, max: 17}\n\
             sources:\n  - {id: src, title: A source, url: https://example.org/source}\n\
             immediate_danger: r0\nprofile:\n  - {id: age, kind: age, prompt: Age?}\n",
        );
        if self.looked_after {
            y.push_str("  - {id: looked_after, kind: yes_no, prompt: Looked after?}\n");
        }
        if self.windows > 0 {
            y.push_str("windows:\n");
            for w in 0..self.windows {
                y.push_str(&format!("  - {{id: w{w}, label: Window {w}}}\n"));
            }
        }
        y.push_str("categories:\n");
        for k in 0..self.categories {
            y.push_str(&format!("  - {{id: c{k}, title: Category {k}}}\n"));
        }
        y.push_str("sections:\n");
        for (s, section) in self.sections.iter().enumerate() {
            y.push_str(&format!(
                "  - id: s{s}\n    title: Section {s}\n    indicators:\n"
            ));
            for (k, (category, w, follow_up)) in section.iter().enumerate() {
                y.push_str(&format!(
                    "      - {{id: i{s}_{k}, prompt: Question?, help: Ask., category: c{category}"
                ));
                match w {
                    Weights::One(p) => y.push_str(&format!(", weight: {p}")),
                    Weights::Windows(ws) => {
                        let parts: Vec<String> = ws
                            .iter()
                            .enumerate()
                            .filter_map(|(w, p)| p.map(|p| format!("w{w}: {p}")))
                            .collect();
                        y.push_str(&format!(", weights: {{{}}}", parts.join(", ")));
                    }
                }
                match follow_up {
                    Some(Some(max)) => y.push_str(&format!(
                        ", follow_up: [{{id: n, kind: count, prompt: How many?, max: {max}}}]"
                    )),
                    Some(None) => {
                        y.push_str(", follow_up: [{id: n, kind: count, prompt: How many?}]");
                    }
                    None => {}
                }
                y.push_str("}\n");
            }
        }
        // Levels: strictly increasing; each route beyond r0 belongs to one level.
        let levels = self.steps.len() + 1;
        y.push_str("levels:\n");
        let mut min = 0;
        for l in 0..levels {
            if l > 0 {
                min += self.steps[l - 1];
            }
            let routes: Vec<String> = (1..=self.routes)
                .filter(|r| (r - 1) % levels == l)
                .map(|r| format!("r{r}"))
                .collect();
            y.push_str(&format!(
                "  - {{id: l{l}, label: Level {l}, min_score: {min}, routes: [{}], review_days: {}}}\n",
                routes.join(", "),
                // Sooner at each level up, so that a later review is caught.
                120 / (l + 1)
            ));
        }
        let first = &self.indicators()[0].0;
        let mut rules = String::new();
        for (n, r) in self.rules.iter().enumerate() {
            let routes: Vec<String> = r
                .add_routes
                .iter()
                .map(|i| format!("r{}", i % (self.routes + 1)))
                .collect();
            let raise_to = match (r.raise_to, routes.is_empty()) {
                (Some(l), _) => format!("    raise_to: l{}\n", l % levels),
                (None, true) => format!("    raise_to: l{}\n", levels - 1),
                (None, false) => String::new(),
            };
            rules.push_str(&format!(
                "  - id: rule{n}\n    when: {}\n{raise_to}    add_routes: [{}]\n    reason: Rule {n}.\n",
                self.condition(&r.when),
                routes.join(", ")
            ));
        }
        // A level the score cannot reach is raised to by a rule, as the format requires.
        let mut min = 0;
        for l in 1..levels {
            min += self.steps[l - 1];
            if min > self.max_score() {
                rules.push_str(&format!(
                    "  - {{id: reach{l}, when: {{answer: {{indicator: {first}, is: yes}}}}, raise_to: l{l}, reason: Reach {l}.}}\n"
                ));
            }
        }
        if rules.is_empty() {
            y.push_str("rules: []\n");
        } else {
            y.push_str("rules:\n");
            y.push_str(&rules);
        }
        y.push_str("routes:\n");
        for r in 0..=self.routes {
            y.push_str(&format!(
                "  - {{id: r{r}, title: Route {r}, action: Act., timescale: Now, urgency: {}}}\n",
                r + 1
            ));
        }
        y
    }
}

/// A random questionnaire that passes validation (the generator only writes valid ones; a
/// rejection is a failure of the generator or the validator, and shows the problems).
fn generated() -> impl Strategy<Value = Questionnaire> {
    spec().prop_map(|s| {
        let yaml = s.yaml();
        cse_screen::questionnaire::from_str(&yaml)
            .unwrap_or_else(|p| panic!("generated questionnaire rejected: {p:#?}\n{yaml}"))
    })
}

fn generated_with_responses() -> impl Strategy<Value = (Questionnaire, Responses)> {
    generated().prop_flat_map(|q| {
        let r = responses(&q);
        (Just(q), r)
    })
}

proptest! {
    #![proptest_config(crate::common::proptest_config(128))]

    #[test]
    fn generated_one_more_yes_never_lowers_the_level_nor_removes_a_route((q, r) in generated_with_responses()) {
        check_one_more_yes(&q, &r)?;
    }

    #[test]
    fn generated_not_known_never_gives_less_than_no((q, r) in generated_with_responses()) {
        check_not_known_not_below_no(&q, &r)?;
    }

    #[test]
    fn generated_no_rule_lowers_the_outcome((q, r) in generated_with_responses()) {
        check_rules_only_raise(&q, &r)?;
    }

    #[test]
    fn generated_judgement_only_raises((q, r) in generated_with_responses()) {
        check_judgement_only_raises(&q, &r)?;
    }
}

/// The generator reaches what the properties need: rules of every kind that fire.
#[test]
fn the_generator_writes_every_kind_of_condition_and_rules_that_fire() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut kinds, mut fired) = (BTreeSet::new(), 0);
    for _ in 0..200 {
        let (q, r) = generated_with_responses()
            .new_tree(&mut runner)
            .expect("a questionnaire")
            .current();
        for rule in &q.rules {
            kinds.insert(
                format!("{:?}", rule.when)
                    .split([' ', '(', '{'])
                    .next()
                    .unwrap_or("")
                    .to_owned(),
            );
        }
        fired += assess(&q, &r).fired_rules.len();
    }
    for kind in [
        "All", "Any", "Answer", "Count", "Score", "Level", "Age", "Fact", "FollowUp",
    ] {
        assert!(kinds.contains(kind), "no {kind} condition in {kinds:?}");
    }
    assert!(fired > 50, "only {fired} rules fired");
}
