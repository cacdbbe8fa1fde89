//! Curiosity prompts are exactly the unknowns whose finding-out would change the outcome.
//!
//! The engine tries a "yes" for each unknown indicator, the ages a rule distinguishes for
//! each unknown fact, and the values a rule distinguishes for each follow-up of a yes left
//! empty. These tests check that against brute force through the public `assess`: every
//! unknown indicator set to yes, every unknown fact set to every possible value (every age
//! from 0 to 25), every empty follow-up to every value from 0 to 130, comparing level and
//! routes in full.

use std::collections::BTreeSet;

use crate::common::{bundled, responses};
use cse_screen::engine::{Answer, Assessment, FactValue, Responses, assess};
use cse_screen::questionnaire::{FactKind, Questionnaire, YesNo};
use proptest::prelude::*;

fn changed(before: &Assessment, after: &Assessment) -> bool {
    let routes = |a: &Assessment| {
        a.routes
            .iter()
            .map(|r| r.id.clone())
            .collect::<BTreeSet<_>>()
    };
    after.level.rank > before.level.rank || !routes(after).is_subset(&routes(before))
}

/// (kind, id) of every unknown whose some value changes the outcome, found by brute force.
fn brute_force(q: &Questionnaire, r: &Responses) -> BTreeSet<(String, String)> {
    let before = assess(q, r);
    let mut out = BTreeSet::new();
    for (i, ind) in q.indicators.iter().enumerate() {
        if matches!(r.indicators[i].answer, Some(Answer::Yes | Answer::No)) {
            continue;
        }
        let mut yes = r.clone();
        yes.indicators[i].answer = Some(Answer::Yes);
        if changed(&before, &assess(q, &yes)) {
            out.insert(("indicator".to_owned(), ind.id.clone()));
        }
    }
    for (f, fact) in q.profile.iter().enumerate() {
        if r.profile[f] != FactValue::NotKnown {
            continue;
        }
        let values: Vec<FactValue> = match fact.kind {
            FactKind::Age => (0..=25).map(FactValue::Age).collect(),
            FactKind::YesNo => vec![FactValue::YesNo(YesNo::Yes), FactValue::YesNo(YesNo::No)],
        };
        for v in values {
            let mut known = r.clone();
            known.profile[f] = v;
            if changed(&before, &assess(q, &known)) {
                out.insert(("profile".to_owned(), fact.id.clone()));
                break;
            }
        }
    }
    // Each follow-up of a yes left empty, at every value to 130 (an age in years is at most
    // 120; counts are far below).
    for (i, ind) in q.indicators.iter().enumerate() {
        if r.indicators[i].answer != Some(Answer::Yes) {
            continue;
        }
        for (k, fu) in ind.follow_ups.iter().enumerate() {
            if r.indicators[i]
                .follow_ups
                .get(k)
                .copied()
                .flatten()
                .is_some()
            {
                continue;
            }
            for v in 0..=130 {
                let mut known = r.clone();
                let slots = &mut known.indicators[i].follow_ups;
                if slots.len() <= k {
                    slots.resize(k + 1, None);
                }
                slots[k] = Some(v);
                if changed(&before, &assess(q, &known)) {
                    out.insert(("follow_up".to_owned(), format!("{}.{}", ind.id, fu.id)));
                    break;
                }
            }
        }
    }
    out
}

fn prompted(a: &Assessment) -> BTreeSet<(String, String)> {
    a.curiosity
        .iter()
        .map(|c| (c.kind.as_str().to_owned(), c.id.clone()))
        .collect()
}

fn check(q: &Questionnaire, r: &Responses) -> Result<(), TestCaseError> {
    let a = assess(q, r);
    prop_assert_eq!(prompted(&a), brute_force(q, r));
    // Ordered by impact: a prompt that raises the level never follows one that does not.
    let ranks: Vec<usize> = a
        .curiosity
        .iter()
        .map(|c| c.raises_to.as_deref().map_or(0, |l| q.level(l).unwrap()))
        .collect();
    let mut sorted = ranks.clone();
    sorted.sort_by(|x, y| y.cmp(x));
    prop_assert_eq!(ranks, sorted);
    Ok(())
}

proptest! {
    #![proptest_config(crate::common::proptest_config(64))]
    #[test]
    fn oxfordshire_curiosity_is_exactly_what_brute_force_finds(r in responses(&bundled("oxfordshire-cse"))) {
        check(&bundled("oxfordshire-cse"), &r)?;
    }

    #[test]
    fn national_curiosity_is_exactly_what_brute_force_finds(r in responses(&bundled("national-cse"))) {
        check(&bundled("national-cse"), &r)?;
    }
}

#[test]
fn an_unknown_age_is_a_prompt_when_a_young_age_would_change_the_outcome() {
    let q = bundled("oxfordshire-cse");
    let mut r = Responses::empty(&q);
    for i in 0..q.indicators.len() {
        r.indicators[i].answer = Some(Answer::No);
    }
    let sexualised = q.indicator("sexualised_behaviour").unwrap();
    r.indicators[sexualised].answer = Some(Answer::Yes);
    for f in 0..q.profile.len() {
        r.profile[f] = FactValue::YesNo(YesNo::No);
    }
    let age = q.fact("age").unwrap();
    r.profile[age] = FactValue::NotKnown;
    let a = assess(&q, &r);
    let first = a.curiosity.first().expect("a prompt");
    assert_eq!((first.kind.as_str(), first.id.as_str()), ("profile", "age"));
    // Sexual behaviour beyond the age is High at 13 or under (questionnaire 2.1.0), so the
    // oldest age that changes the outcome is 13.
    assert_eq!(first.value, "13");
    assert_eq!(first.raises_to.as_deref(), Some("high"));
    assert!(first.text.starts_with("Finding out \""), "{}", first.text);
    assert!(
        first
            .text
            .contains("(if the answer is 13) could change the outcome to High"),
        "{}",
        first.text
    );
}

/// Every answer no and every fact no, at `age`.
fn all_no_at(q: &Questionnaire, age: u32) -> Responses {
    let mut r = Responses::empty(q);
    for (f, fact) in q.profile.iter().enumerate() {
        r.profile[f] = match fact.kind {
            FactKind::Age => FactValue::Age(age),
            FactKind::YesNo => FactValue::YesNo(YesNo::No),
        };
    }
    for x in &mut r.indicators {
        x.answer = Some(Answer::No);
    }
    r
}

/// Not known is never reviewed as late as no: a 12-year-old with sexual contact not known is
/// Low, but screened again when High would be (28 days, not 90), and says why.
#[test]
fn a_level_resting_on_something_not_known_is_reviewed_as_the_level_it_could_reach() {
    use cse_screen::engine::{Detail, assess_with};
    let q = bundled("national-cse");
    let mut r = all_no_at(&q, 12);
    let all_no = assess(&q, &r);
    assert_eq!(
        (all_no.level.id.as_str(), all_no.review_interval_days),
        ("low", 90)
    );
    assert!(all_no.review_as_for.is_none());
    let contact = q.indicator("sexual_contact_concern").expect("indicator");
    r.indicators[contact].answer = Some(Answer::NotKnown);
    let a = assess(&q, &r);
    assert_eq!((a.level.id.as_str(), a.review_interval_days), ("low", 28));
    let as_for = a.review_as_for.as_ref().expect("shortened");
    assert_eq!(
        (
            as_for.level.as_str(),
            as_for.label.as_str(),
            as_for.level_days
        ),
        ("high", "High", 90)
    );
    // Found out: a yes is High, reviewed in 28 days; a no is Low again, in 90.
    r.indicators[contact].answer = Some(Answer::Yes);
    assert_eq!(assess(&q, &r).review_interval_days, 28);
    // A summary row shows no review date: its assessment keeps the level's own.
    r.indicators[contact].answer = Some(Answer::NotKnown);
    let summary = assess_with(&q, &r, Detail::Summary);
    assert_eq!(
        (summary.review_interval_days, summary.review_as_for),
        (90, None)
    );
}

/// Two unknowns can raise the level together where neither does alone: at 16, a controlling
/// older person and sexual contact, both not known, are High if both are yes (found in
/// review: the review and the level line said Medium, from one unknown at a time).
#[test]
fn unknowns_that_raise_the_level_together_set_the_review_and_what_it_could_reach() {
    let q = bundled("oxfordshire-cse");
    let mut r = all_no_at(&q, 16);
    let both = ["controlled_by_older_person", "sexual_contact_concern"];
    for id in both {
        let i = q.indicator(id).expect("indicator");
        r.indicators[i].answer = Some(Answer::NotKnown);
    }
    let a = assess(&q, &r);
    // Each alone reaches no higher than Medium...
    let single = a
        .curiosity
        .iter()
        .filter_map(|c| c.raises_to.as_deref())
        .collect::<Vec<_>>();
    assert!(!single.contains(&"high"), "{single:?}");
    // ...both together reach High, as both answered yes do.
    let mut yes = r.clone();
    for id in both {
        let i = q.indicator(id).expect("indicator");
        yes.indicators[i].answer = Some(Answer::Yes);
    }
    assert_eq!(assess(&q, &yes).level.id, "high");
    assert_eq!(a.could_reach.as_ref().map(|l| l.id.as_str()), Some("high"));
    assert_eq!(a.review_interval_days, 28);
}

proptest! {
    #![proptest_config(crate::common::proptest_config(32))]

    /// What finding out everything could reach is at least what any one prompt says.
    #[test]
    fn what_everything_could_reach_is_at_least_each_prompt(r in responses(&bundled("national-cse"))) {
        let q = bundled("national-cse");
        let a = assess(&q, &r);
        let reach = a.could_reach.as_ref().map_or(a.level.rank, |l| {
            q.levels.iter().position(|x| x.id == l.id).unwrap_or(0)
        });
        prop_assert!(reach >= a.level.rank);
        for c in &a.curiosity {
            if let Some(to) = &c.raises_to {
                let rank = q.levels.iter().position(|x| &x.id == to).unwrap_or(0);
                prop_assert!(reach >= rank, "{} reaches {} alone", c.id, to);
            }
        }
    }
}
