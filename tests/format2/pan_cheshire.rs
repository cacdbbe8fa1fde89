//! Pan-Cheshire family tool (questionnaires/pan-cheshire.yaml): fictional vignettes computed
//! by hand from the reference (§3): a present indicator is rated Low 1, Medium 2, High 3
//! [PC2]; what matters is a higher-risk factor or several factors together [PC1]; 13 or
//! under (13 included), a single higher-risk factor is a possible sign [PC1]; workers may
//! amend the suggested level [PC3]; concerns confirmed -> CSE operational group, High risk ->
//! also children's social care [PC4]. The thresholds "3 factors at Medium or higher" and
//! "a domain total of 6" are this tool's local defaults (the published banding is missing).
//! Under 13, a sign of sexual activity or harm is High risk with the police, at any rating
//! (version 1.1.0, found in review: a pregnant 12-year-old rated Medium was "no concerns
//! confirmed"; reference §11, the consent law). Version 1.2.0 adds the floors found in a later
//! review: under 13, or with a learning disability and another indicator, any concern is
//! confirmed and referred to children's social care; an injury suggesting an assault is high
//! risk; a sign of sexual harm with lifts from unknown adults is high risk with the police, at
//! any age (reference §6 and §11: the no-low floors, the definition of exploitation).
//! Version 1.4.0, found in review: under 16, an infection or a pregnancy confirms concerns at
//! any rating (reference §11, the flow chart for 13- to 15-year-olds); at 13 or under, any
//! factor the tool suggests is High confirms concerns at any rating (reference §3.1).

use super::{bundled, score};
use cse_screen::engine::{Judgement, assess};

type Vignette = (
    &'static str,
    u32,
    &'static [(&'static str, &'static str)],
    u32,
    &'static str,
);

const NONE: &str = "no_concerns_confirmed";
const CONCERNS: &str = "concerns_confirmed";

const VIGNETTES: &[Vignette] = &[
    // P1: nothing present: 0, no concerns confirmed.
    ("nothing", 15, &[], 0, NONE),
    // P2: petty crime rated Low: 1; a single low factor is not enough.
    ("petty crime", 15, &[("petty_crime", "low")], 1, NONE),
    // P3: two Medium factors: 2 + 2 = 4; fewer than three together.
    (
        "two medium factors",
        15,
        &[("self_harm", "medium"), ("secretive", "medium")],
        4,
        NONE,
    ),
    // P4: three Medium factors: 2 + 2 + 2 = 6; several factors together -> concerns.
    (
        "three medium factors",
        15,
        &[
            ("self_harm", "medium"),
            ("secretive", "medium"),
            ("volatile_mood", "medium"),
        ],
        6,
        CONCERNS,
    ),
    // P5: one High factor at 15: 3; a higher-risk factor -> concerns.
    (
        "cars with unknown adults, rated high",
        15,
        &[("cars_with_unknown_adults", "high")],
        3,
        CONCERNS,
    ),
    // P6: one High factor at 13 (13 or under includes 13): 3 -> concerns.
    (
        "heavy phone use at 13",
        13,
        &[("heavy_phone_use", "high")],
        3,
        CONCERNS,
    ),
    // P7: the worker amends a suggested High to Medium at 14: 2; no high factor, one factor.
    (
        "amended to medium",
        14,
        // Late-night calls, not lifts from unknown adults: since 1.7.0 those confirm concerns
        // at any rating (`cars_with_unknown_adults_referred`).
        &[("heavy_phone_use", "medium")],
        2,
        NONE,
    ),
    // P8: behaviour domain 2 + 2 + 1 = 5: below a domain total of 6; two Medium factors.
    (
        "behaviour total 5",
        15,
        &[
            ("volatile_mood", "medium"),
            ("hostile_when_asked", "medium"),
            ("petty_crime", "low"),
        ],
        5,
        NONE,
    ),
    // P9: behaviour domain 2 + 2 + 1 + 1 = 6: a domain total of 6 -> concerns (edge).
    (
        "behaviour total 6",
        15,
        &[
            ("volatile_mood", "medium"),
            ("hostile_when_asked", "medium"),
            ("petty_crime", "low"),
            ("secretive", "low"),
        ],
        6,
        CONCERNS,
    ),
    // P10: "possible" (not known) on every indicator: scores as not present, 0.
    (
        "everything possible",
        15,
        &[
            ("unexplained_injuries", "not_known"),
            ("sexually_transmitted_infections", "not_known"),
            ("pregnancy", "not_known"),
            ("self_harm", "not_known"),
            ("substance_misuse", "not_known"),
            ("learning_disability", "not_known"),
            ("harmful_sexual_behaviour", "not_known"),
            ("disengaged_from_school", "not_known"),
            ("volatile_mood", "not_known"),
            ("hostile_when_asked", "not_known"),
            ("secretive", "not_known"),
            ("petty_crime", "not_known"),
            ("cars_with_unknown_adults", "not_known"),
            ("heavy_phone_use", "not_known"),
        ],
        0,
        NONE,
    ),
    // P11: a "yes" with no rating recorded is scored at the highest option (the tool's
    // choice, never lower): 3 -> a higher-risk factor -> concerns.
    (
        "pregnancy, rating not recorded",
        16,
        &[("pregnancy", "yes")],
        3,
        CONCERNS,
    ),
];

#[test]
fn pan_cheshire_vignettes_score_as_computed_by_hand() {
    let q = bundled("pan-cheshire");
    assert!(VIGNETTES.len() >= 10);
    for (what, age, answers, want_score, want_level) in VIGNETTES {
        let a = score(&q, Some(*age), answers);
        assert_eq!(
            (a.score, a.level.id.as_str()),
            (*want_score, *want_level),
            "{what}"
        );
    }
}

#[test]
fn thirteen_or_under_is_its_own_rule_and_possible_is_something_to_find_out() {
    let q = bundled("pan-cheshire");
    let fired = |age| -> Vec<String> {
        score(&q, Some(age), &[("heavy_phone_use", "high")])
            .fired_rules
            .iter()
            .map(|r| r.id.clone())
            .collect()
    };
    assert!(fired(13).contains(&"thirteen_or_under_one_factor".to_owned()));
    assert!(!fired(14).contains(&"thirteen_or_under_one_factor".to_owned()));
    let a = score(&q, Some(15), VIGNETTES[9].2);
    assert!(!a.curiosity.is_empty(), "possible answers are prompts");
    assert_eq!(a.not_known.len(), 14);
}

#[test]
fn high_risk_is_reached_by_judgement_and_adds_childrens_social_care() {
    let q = bundled("pan-cheshire");
    // Late-night calls rated High (lifts from unknown adults would bring the police as well,
    // since 1.7.0).
    let mut r = super::responses(&q, Some(15), &[("heavy_phone_use", "high")]);
    r.judgement = Some(Judgement {
        raise_to: 2,
        reason: "fictional".to_owned(),
    });
    let a = assess(&q, &r);
    assert_eq!(a.level.id, "high_risk");
    let routes: Vec<&str> = a.routes.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        routes,
        [
            "childrens_social_care",
            "cse_operational_group",
            "discuss_with_manager",
            "record_and_rescreen"
        ]
    );
}

#[test]
fn show_presents_the_scale_subtotals_and_eligibility() {
    let out = crate::common::cse()
        .args(["show", "--format", "markdown", "pan-cheshire"])
        .output()
        .expect("run");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    for want in [
        "## Scale suggested\\_level: Level of concern",
        "| high | High | 3 |",
        "## Subtotals (the most each section and category can score)",
        "| section | health | Health | 18 |",
        "**Younger than 10: Children as young as 8",
        "no score: rules or judgement",
        "highest possible score 42",
    ] {
        assert!(text.contains(want), "{want}\n{text}");
    }
    crate::common::cse()
        .args(["validate", "questionnaires/pan-cheshire.yaml"])
        .assert()
        .code(0);
}

#[test]
fn a_rating_not_known_names_the_lowest_rating_that_would_change_the_outcome() {
    let q = bundled("pan-cheshire");
    // P3: two Medium factors, no concerns confirmed; each other indicator in turn not known.
    let base: &[(&str, &str)] = VIGNETTES[2].2;
    let ids = ["low", "medium", "high"];
    let mut prompts = 0;
    for ind in &q.indicators {
        // Only the rated items (not whether the child is in danger now, 1.7.0).
        if base.iter().any(|(id, _)| *id == ind.id)
            || !matches!(
                ind.scoring,
                cse_screen::questionnaire::Scoring::Scale { .. }
            )
        {
            continue;
        }
        let mut answers = base.to_vec();
        answers.push((ind.id.as_str(), "not_known"));
        let a = score(&q, Some(15), &answers);
        assert_eq!(a.level.id, NONE);
        for c in &a.curiosity {
            let label = c
                .value
                .strip_prefix("rated ")
                .unwrap_or_else(|| panic!("a scale item names a rating: {:?}", c.value));
            assert!(
                c.text.contains(&format!("(if it is rated {label})")),
                "{}",
                c.text
            );
            let k = ids
                .iter()
                .position(|id| id.eq_ignore_ascii_case(label))
                .expect("a rating of the scale");
            let level_with = |rating: &'static str| {
                let mut rated = base.to_vec();
                rated.push((ind.id.as_str(), rating));
                score(&q, Some(15), &rated).level.id
            };
            // The rating named changes the outcome; the one below it does not.
            assert_eq!(Some(level_with(ids[k])), c.raises_to, "{}", ind.id);
            if k > 0 {
                assert_eq!(level_with(ids[k - 1]), NONE, "{}", ind.id);
            }
            prompts += 1;
        }
    }
    assert!(prompts > 0, "some rating would confirm concerns");
}

#[test]
fn under_13_a_sign_of_sexual_harm_is_high_risk_with_the_police_at_any_rating() {
    let q = bundled("pan-cheshire");
    let outcome = |age: u32, answers: &[(&str, &str)]| -> (String, Vec<String>) {
        let a = score(&q, Some(age), answers);
        (a.level.id, a.routes.iter().map(|r| r.id.clone()).collect())
    };
    for sign in [
        "sexually_transmitted_infections",
        "pregnancy",
        "harmful_sexual_behaviour",
        "unexplained_injuries",
    ] {
        for rating in ["low", "medium", "high"] {
            let (level, routes) = outcome(12, &[(sign, rating)]);
            assert_eq!(level, "high_risk", "{sign} rated {rating}");
            assert_eq!(
                routes[..2],
                ["childrens_social_care".to_owned(), "police".to_owned()],
                "{sign} rated {rating}"
            );
        }
        // At 13 the rule does not apply: a Medium rating alone is not high risk with the
        // police, but concerns are confirmed (13 or under, a higher-risk factor: 1.3.0). An
        // injury suggesting an assault is high risk with the police at any age, by its own
        // rule (1.6.0).
        let (level, routes) = outcome(13, &[(sign, "medium")]);
        if sign == "unexplained_injuries" {
            assert_eq!(level, "high_risk", "{sign} at 13");
            assert!(routes.contains(&"police".to_owned()), "{sign} at 13");
        } else {
            assert_eq!(level, "concerns_confirmed", "{sign} at 13");
            assert!(!routes.contains(&"police".to_owned()), "{sign} at 13");
        }
    }
    // Another factor under 13 is not a sign of sexual harm: concerns, not high risk.
    assert_eq!(
        outcome(12, &[("petty_crime", "medium")]).0,
        "concerns_confirmed"
    );
    let why = &super::reason(
        &q,
        12,
        &[("pregnancy", "medium")],
        "under_13_sign_of_sexual_harm",
    );
    assert!(
        why.contains("cannot consent") && why.contains("Sexual Offences Act 2003"),
        "{why}"
    );
}

#[test]
fn floors_for_young_children_learning_disability_injury_and_exploitation() {
    let q = bundled("pan-cheshire");
    let outcome = |age: u32, answers: &[(&str, &str)]| super::outcome(&q, age, answers);
    let referred = |routes: &[String]| routes.iter().any(|r| r == "childrens_social_care");
    let police = |routes: &[String]| routes.iter().any(|r| r == "police");
    // Under 13, any indicator at any rating: concerns confirmed and a referral.
    for rating in ["low", "medium", "high"] {
        let (level, rules, routes) = outcome(12, &[("cars_with_unknown_adults", rating)]);
        assert_ne!(level, NONE, "{rating}");
        assert!(
            rules.iter().any(|r| r == "under_13_any_concern"),
            "{rules:?}"
        );
        assert!(referred(&routes), "{rating}: {routes:?}");
    }
    // At 13 a Low rating alone is not that floor.
    let (level, rules, _) = outcome(13, &[("volatile_mood", "low")]);
    assert_eq!(level, NONE);
    assert!(rules.is_empty(), "{rules:?}");
    // But at 13 a sign of sexual harm, a factor the tools suggest is High, is: whatever it
    // was rated, concerns are confirmed and referred (pan-cheshire 1.3.0; before, a
    // pregnant 13-year-old rated Medium was "No concerns confirmed").
    for indicator in [
        "pregnancy",
        "sexually_transmitted_infections",
        "harmful_sexual_behaviour",
    ] {
        for rating in ["low", "medium", "high"] {
            let (level, rules, routes) = outcome(13, &[(indicator, rating)]);
            assert_ne!(level, NONE, "{indicator} {rating}");
            assert!(
                rules.iter().any(|r| r == "thirteen_sign_of_sexual_harm"),
                "{indicator} {rating}: {rules:?}"
            );
            assert!(referred(&routes), "{indicator} {rating}: {routes:?}");
        }
        // At 14 it is rated as the practitioner rated it.
        let (_, rules, _) = outcome(14, &[(indicator, "low")]);
        assert!(
            !rules.iter().any(|r| r == "thirteen_sign_of_sexual_harm"),
            "{rules:?}"
        );
    }
    // A learning disability and another indicator, at any age: confirmed and referred; a
    // learning disability alone is not a concern of exploitation.
    let (level, rules, routes) = outcome(
        15,
        &[("learning_disability", "medium"), ("secretive", "low")],
    );
    assert_eq!(level, "concerns_confirmed");
    assert!(
        rules
            .iter()
            .any(|r| r == "learning_disability_with_concern")
    );
    assert!(referred(&routes), "{routes:?}");
    assert_eq!(outcome(15, &[("learning_disability", "medium")]).0, NONE);
    // An injury suggesting an assault, at any rating and age: high risk, referred.
    for (age, rating) in [(15, "low"), (16, "medium"), (17, "high")] {
        let (level, rules, routes) = outcome(age, &[("unexplained_injuries", rating)]);
        assert_eq!(level, "high_risk", "{age} {rating}");
        assert!(rules.iter().any(|r| r == "injury_suggesting_assault"));
        assert!(referred(&routes), "{routes:?}");
    }
    // A sign of sexual harm with lifts from unknown adults, at any age: high risk and the police.
    for sign in ["sexually_transmitted_infections", "pregnancy"] {
        for age in [14, 16, 17] {
            let (level, rules, routes) = outcome(
                age,
                &[(sign, "medium"), ("cars_with_unknown_adults", "low")],
            );
            assert_eq!(level, "high_risk", "{sign} at {age}");
            assert!(
                rules
                    .iter()
                    .any(|r| r == "sexual_harm_with_lifts_from_unknown_adults"),
                "{sign} at {age}: {rules:?}"
            );
            assert!(police(&routes) && referred(&routes), "{routes:?}");
        }
        // Without the lifts, at 16: no police route from this rule.
        let (_, rules, routes) = outcome(16, &[(sign, "medium")]);
        assert!(
            !rules
                .iter()
                .any(|r| r == "sexual_harm_with_lifts_from_unknown_adults")
        );
        assert!(!police(&routes), "{routes:?}");
    }
}

/// `rule` fired and the outcome (`level`, `rules`, `routes`) is above no concerns, with the
/// manager; `what` names the case in a failure.
fn confirms_with_manager(level: &str, rules: &[String], routes: &[String], rule: &str, what: &str) {
    assert_ne!(level, NONE, "{what}");
    assert!(rules.iter().any(|r| r == rule), "{what}: {rules:?}");
    assert!(
        routes.iter().any(|r| r == "discuss_with_manager"),
        "{what}: {routes:?}"
    );
}

#[test]
fn under_16_an_infection_or_a_pregnancy_confirms_concerns_at_any_rating() {
    // pan-cheshire 1.4.0, found in review: a pregnant 14-year-old rated Medium was "No
    // concerns confirmed"; the flow chart for 13- to 15-year-olds asks for an assessment of
    // power imbalance, coercion and grooming, and a record of why if there is no referral.
    let q = bundled("pan-cheshire");
    let outcome = |age: u32, answers: &[(&str, &str)]| super::outcome(&q, age, answers);
    let rule = "under_16_sign_of_sexual_harm";
    for sign in ["sexually_transmitted_infections", "pregnancy"] {
        for age in [12, 13, 14, 15] {
            for rating in ["low", "medium", "high"] {
                let (level, rules, routes) = outcome(age, &[(sign, rating)]);
                confirms_with_manager(
                    &level,
                    &rules,
                    &routes,
                    rule,
                    &format!("{sign} {rating} at {age}"),
                );
                // At 14 and 15 this floor is concerns confirmed (the assessment the flow
                // chart asks for); the under-13 and 13-or-under rules still give more.
                if age >= 14 {
                    assert_eq!(level, CONCERNS, "{sign} {rating} at {age}");
                }
            }
        }
        // At 16 and 17 it is rated as the practitioner rated it.
        for age in [16, 17] {
            let (level, rules, _) = outcome(age, &[(sign, "medium")]);
            assert_eq!(level, NONE, "{sign} at {age}");
            assert!(!rules.iter().any(|r| r == rule), "{sign} at {age}");
        }
        // Not known is not a yes: it does not fire, and finding out is a prompt.
        let a = score(&q, Some(15), &[(sign, "not_known")]);
        assert_eq!(a.level.id, NONE, "{sign} not known");
        assert!(
            a.curiosity
                .iter()
                .any(|c| c.id == sign && c.raises_to.as_deref() == Some(CONCERNS)),
            "{sign}: {:?}",
            a.curiosity
        );
    }
    // Another factor at 15, rated Medium, is not this floor.
    assert_eq!(outcome(15, &[("self_harm", "medium")]).0, NONE);
    // The reason gives the flow chart's questions and what to do.
    let why = &super::reason(&q, 14, &[("pregnancy", "medium")], rule);
    for want in [
        "how old they are",
        "power imbalance",
        "coercion",
        "grooming",
        "something given in return",
        "children's social care and the police",
        "record why if you do not",
    ] {
        assert!(why.contains(want), "{want}: {why}");
    }
}

#[test]
fn at_13_or_under_a_factor_the_tool_suggests_is_high_confirms_concerns_at_any_rating() {
    // pan-cheshire 1.4.0, found in review: at 13 a factor suggested High (lifts from unknown
    // adults, late-night calls) rated Medium or Low did nothing; "for a child aged 13 or
    // under, even a single high-risk factor must be treated as a possible sign" [PC1].
    let q = bundled("pan-cheshire");
    let outcome = |age: u32, answers: &[(&str, &str)]| super::outcome(&q, age, answers);
    let rule = "thirteen_or_under_factor_suggested_high";
    // The factors the tool suggests are High, read from each indicator's own help.
    let suggested_high: Vec<&str> = q
        .indicators
        .iter()
        .filter(|i| i.help.starts_with("Suggested level High"))
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(
        suggested_high,
        [
            "unexplained_injuries",
            "sexually_transmitted_infections",
            "pregnancy",
            "harmful_sexual_behaviour",
            "cars_with_unknown_adults",
            "heavy_phone_use"
        ]
    );
    for indicator in &suggested_high {
        for age in [10, 12, 13] {
            for rating in ["low", "medium", "high"] {
                let (level, rules, routes) = outcome(age, &[(indicator, rating)]);
                confirms_with_manager(
                    &level,
                    &rules,
                    &routes,
                    rule,
                    &format!("{indicator} {rating} at {age}"),
                );
            }
        }
        // At 14 the rule does not apply.
        let (_, rules, _) = outcome(14, &[(indicator, "low")]);
        assert!(!rules.iter().any(|r| r == rule), "{indicator} at 14");
    }
    // The review's cases: at 13, lifts from unknown adults or late-night calls rated Medium
    // or Low; at 14 and 15 they are rated as the practitioner rated them.
    for indicator in ["cars_with_unknown_adults", "heavy_phone_use"] {
        for rating in ["low", "medium"] {
            assert_eq!(outcome(13, &[(indicator, rating)]).0, CONCERNS);
            // Since 1.7.0 lifts from unknown adults confirm concerns at any age and rating
            // (`cars_with_unknown_adults_referred`); late-night calls do not.
            let older = if indicator == "cars_with_unknown_adults" {
                CONCERNS
            } else {
                NONE
            };
            assert_eq!(outcome(14, &[(indicator, rating)]).0, older);
            assert_eq!(outcome(15, &[(indicator, rating)]).0, older);
        }
    }
    // A factor suggested Medium or Low, rated as suggested at 13, is not this floor.
    for (indicator, rating) in [("self_harm", "medium"), ("petty_crime", "low")] {
        let (level, rules, _) = outcome(13, &[(indicator, rating)]);
        assert_eq!(level, NONE, "{indicator}");
        assert!(rules.is_empty(), "{indicator}: {rules:?}");
    }
    let why = &super::reason(&q, 13, &[("cars_with_unknown_adults", "medium")], rule);
    assert!(
        why.contains("your rating does not lower a factor the tool rates High"),
        "{why}"
    );
}

#[test]
fn no_concerns_confirmed_says_what_the_tool_does_not_ask() {
    // pan-cheshire 1.5.0, found in review: "No concerns confirmed" was read as covering things
    // the tool has no question for (missing episodes, older or controlling people, gifts,
    // online grooming and images, disclosure); the limitation was only in a YAML comment.
    // It is now where a practitioner reads it: the description (`show`), the lowest level's
    // description and the record-and-screen-again route (every result).
    let q = bundled("pan-cheshire");
    let names_the_gaps = |text: &str| {
        [
            "missing episodes",
            "older or controlling people",
            "gifts or money",
            "online grooming or sexual images",
            "disclos",
            "national-cse",
        ]
        .iter()
        .all(|w| text.contains(w))
    };
    let description = q.description.clone().unwrap_or_default();
    assert!(names_the_gaps(&description), "{description}");
    let a = score(&q, Some(15), &[]);
    assert_eq!(a.level.id, "no_concerns_confirmed");
    let level = a.level.description.clone().unwrap_or_default();
    assert!(names_the_gaps(&level), "{level}");
    assert!(
        level.contains("does\nnot mean") || level.contains("does not mean"),
        "{level}"
    );
    let route = a
        .routes
        .iter()
        .find(|r| r.id == "record_and_rescreen")
        .expect("record and screen again");
    assert!(names_the_gaps(&route.action), "{}", route.action);
    // At a higher level the route still says it: what was not asked is still not asked.
    let a = score(&q, Some(15), &[("unexplained_injuries", "yes")]);
    assert!(a.level.rank > 0);
    assert!(
        a.routes
            .iter()
            .any(|r| r.id == "record_and_rescreen" && names_the_gaps(&r.action)),
        "{:?}",
        a.routes
    );
    let out = crate::common::cse()
        .args(["show", "pan-cheshire"])
        .output()
        .expect("run");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.contains("It does not ask about missing episodes"),
        "{text}"
    );
}

#[test]
fn an_injury_suggesting_an_assault_brings_the_police_at_any_age_and_rating() {
    // pan-cheshire 1.6.0, found in review: a 14-year-old with injuries suggesting an assault
    // was High risk with children's social care and no police route, at any rating, while
    // oxfordshire-cse and national-cse tell the police at High. A screening tool helps decide
    // whether children's social care and the police need to investigate (Berkshire); under 16
    // the flow chart sends aggression and coercion to both; the North Wales police list an
    // unexplained injury among the high-risk signs.
    let q = bundled("pan-cheshire");
    for age in [10, 12, 13, 14, 15, 16, 17] {
        for rating in ["low", "medium", "high"] {
            let (level, rules, routes) =
                super::outcome(&q, age, &[("unexplained_injuries", rating)]);
            assert_eq!(level, "high_risk", "{age} {rating}");
            assert!(
                rules.iter().any(|r| r == "injury_suggesting_assault"),
                "{age} {rating}: {rules:?}"
            );
            for route in ["childrens_social_care", "police"] {
                assert!(
                    routes.iter().any(|r| r == route),
                    "{age} {rating}: {routes:?}"
                );
            }
        }
    }
    // No age is needed; not known brings no police route, and is listed to find out.
    let a = score(&q, None, &[("unexplained_injuries", "medium")]);
    assert!(a.routes.iter().any(|r| r.id == "police"), "{:?}", a.routes);
    let a = score(&q, Some(14), &[("unexplained_injuries", "not_known")]);
    assert!(!a.routes.iter().any(|r| r.id == "police"), "{:?}", a.routes);
    assert!(
        a.curiosity.iter().any(|c| c.id == "unexplained_injuries"),
        "{:?}",
        a.curiosity
    );
    // The police route says why for an injury, not only for sexual activity.
    let police = q
        .routes
        .iter()
        .find(|r| r.id == "police")
        .expect("a police route");
    assert!(police.action.contains("assault"), "{}", police.action);
    let why = super::reason(
        &q,
        14,
        &[("unexplained_injuries", "low")],
        "injury_suggesting_assault",
    );
    assert!(why.contains("tell the police"), "{why}");
}

#[test]
fn a_child_missing_now_or_in_danger_now_is_high_risk_with_999() {
    // pan-cheshire 1.7.0: no answer could bring 999 or children's social care for a child
    // missing now or with someone harming them now.
    let q = bundled("pan-cheshire");
    for age in [10, 13, 16] {
        let (level, rules, routes) =
            super::outcome(&q, age, &[("missing_or_in_danger_now", "yes")]);
        assert_eq!(level, "high_risk", "{age}");
        assert_eq!(rules, ["in_danger_now"], "{age}");
        assert_eq!(routes[0], "call_999");
        assert!(
            routes.iter().any(|r| r == "childrens_social_care"),
            "{routes:?}"
        );
    }
    let a = super::score(&q, Some(15), &[("missing_or_in_danger_now", "not_known")]);
    assert_eq!(a.level.id, "no_concerns_confirmed");
    assert!(
        a.curiosity
            .iter()
            .any(|c| c.id == "missing_or_in_danger_now"
                && c.raises_to.as_deref() == Some("high_risk")),
        "{:?}",
        a.curiosity
    );
}

#[test]
fn cars_with_unknown_adults_confirm_concerns_with_social_care_and_the_police_at_any_rating() {
    // pan-cheshire 1.7.0, found in review: at 14, cars with unknown adults rated Medium was
    // "No concerns confirmed", and rated High confirmed concerns with no referral. The Surrey tool
    // refers it as a significant incident, as SERAF does (decision 33).
    let q = bundled("pan-cheshire");
    let rank = |level: &str| q.levels.iter().position(|l| l.id == level).expect("level");
    for age in [10, 13, 14, 15, 16, 17] {
        for rating in ["low", "medium", "high", "yes"] {
            let (level, rules, routes) =
                super::outcome(&q, age, &[("cars_with_unknown_adults", rating)]);
            assert!(
                rank(&level) >= rank("concerns_confirmed"),
                "{rating} at {age}: {level}"
            );
            assert!(
                rules
                    .iter()
                    .any(|r| r == "cars_with_unknown_adults_referred"),
                "{rating} at {age}: {rules:?}"
            );
            for route in ["childrens_social_care", "police"] {
                assert!(
                    routes.iter().any(|r| r == route),
                    "{rating} at {age}: {routes:?}"
                );
            }
        }
    }
    let (level, _, routes) = super::outcome(&q, 15, &[("cars_with_unknown_adults", "not_known")]);
    assert_eq!(level, "no_concerns_confirmed");
    assert!(!routes.iter().any(|r| r == "police"), "{routes:?}");
}
