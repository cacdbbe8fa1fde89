//! The engine's safety properties, proven over random answer sets for both bundled
//! questionnaires:
//! - switching any one answer from no, not known or unanswered to yes never lowers the level
//!   nor removes a route;
//! - not known never gives a lower level or fewer routes than no;
//! - no rule lowers the outcome: with rules the level and routes are never less than without;
//! - judgement only raises; the same input always gives the same output.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly on broken fixtures

use std::collections::BTreeSet;

mod common;

use common::{bundled, responses};
use cse_screen::engine::{Answer, Assessment, Responses, assess};
use cse_screen::questionnaire::Questionnaire;
use proptest::prelude::*;

fn route_ids(a: &Assessment) -> BTreeSet<String> {
    a.routes.iter().map(|r| r.id.clone()).collect()
}

/// `after` is at least `before`: level not lower, no route removed.
fn at_least(before: &Assessment, after: &Assessment) -> Result<(), TestCaseError> {
    prop_assert!(
        after.level.rank >= before.level.rank,
        "level fell from {} to {}",
        before.level.id,
        after.level.id
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
    at_least(&assess(&bare, r), &with_rules)?;
    // Each rule alone raises too.
    for rule in &q.rules {
        let mut one = bare.clone();
        one.rules.push(rule.clone());
        at_least(&assess(&bare, r), &assess(&one, r))?;
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
                #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

                #[test]
                fn one_more_yes_never_lowers_the_level_nor_removes_a_route(r in responses(&bundled($id))) {
                    check_one_more_yes(&bundled($id), &r)?;
                }

                #[test]
                fn not_known_never_gives_less_than_no(r in responses(&bundled($id))) {
                    check_not_known_not_below_no(&bundled($id), &r)?;
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
