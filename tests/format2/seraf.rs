//! SERAF (questionnaires/seraf.yaml): fictional vignettes whose score and category are
//! computed by hand from the published scoring guidance (reference §5.1), not from the tool:
//! a vulnerability 1; a moderate indicator 1; a significant indicator 5 for the date or the
//! past 6 months, 1 for 6 to 12 months ago only, 6 for both; a disability adds 1. Bands:
//! 0-5 Category 1, 6-10 Category 2, 11-15 Category 3, 16 or more Category 4. Two rules are
//! added to SERAF's scoring (version 1.1.0, found in review: an 11-year-old with an infection
//! was Category 1, "not at risk"): under 13, a sign of sexual activity or harm is Category 4,
//! and any risk indicator at least Category 3 (reference §11 and §6: the consent law, the
//! under-13 floors and referral). Version 1.2.0 adds, at any age, a disclosure (even taken
//! back), an injury nobody has explained, and an infection with a sign of control or
//! exchange: Category 4 (found in review: each was Category 1, "not at risk", on its own).
//! Version 1.4.0 asks whether anyone has reported current sexual abuse (a question SERAF's
//! form does not have, scoring no points): under 16 Category 4, at 16 or 17 at least
//! Category 3, and Category 4 with a sign of control or exchange (found in review: a
//! 12-year-old the police reported a man of 30 had sexual contact with was Category 1).

use super::{bundled, score};
use cse_screen::questionnaire::Questionnaire;

/// (what, age, answers, hand-computed score, category).
type Vignette = (
    &'static str,
    u32,
    &'static [(&'static str, &'static str)],
    u32,
    &'static str,
);

const VIGNETTES: &[Vignette] = &[
    // V1: nothing ticked: 0 -> Category 1.
    ("nothing", 14, &[], 0, "category_1"),
    // V2: five vulnerabilities, 5 x 1 = 5 -> Category 1 (top edge of 0-5).
    (
        "five vulnerabilities",
        15,
        &[
            ("emotional_neglect", "yes"),
            ("physical_abuse", "yes"),
            ("family_breakdown", "yes"),
            ("low_self_esteem", "yes"),
            ("isolated_from_peers", "yes"),
        ],
        5,
        "category_1",
    ),
    // V3: five vulnerabilities and one moderate indicator: 5 + 1 = 6 -> Category 2 (bottom
    // edge of 6-10).
    (
        "five vulnerabilities and staying out late",
        15,
        &[
            ("emotional_neglect", "yes"),
            ("physical_abuse", "yes"),
            ("family_breakdown", "yes"),
            ("low_self_esteem", "yes"),
            ("isolated_from_peers", "yes"),
            ("out_late", "yes"),
        ],
        6,
        "category_2",
    ),
    // V4: one significant indicator in the past 6 months: 5 -> Category 1.
    (
        "missing overnight this month",
        13,
        &[("missing_overnight", "yes@recent")],
        5,
        "category_1",
    ),
    // V5: the same and a learning disability: 5 + 1 = 6 -> Category 2 (2016 form: +1).
    (
        "missing overnight, with a learning disability",
        13,
        &[("missing_overnight", "yes@recent"), ("disability", "yes")],
        6,
        "category_2",
    ),
    // V6: one significant indicator in both windows: 5 + 1 = 6 -> Category 2.
    (
        "missing overnight, recently and earlier",
        16,
        &[("missing_overnight", "yes@recent+earlier")],
        6,
        "category_2",
    ),
    // V6b: the same score for cars with unknown adults: 6, but at least Category 3 by the
    // rule `cars_or_places_known_for_exploitation` (1.6.0: a referral at any age).
    (
        "cars with unknown adults, recently and earlier",
        16,
        &[("cars_unknown_adults", "yes@recent+earlier")],
        6,
        "category_3",
    ),
    // V7: two significant indicators in the past 6 months: 5 + 5 = 10 -> Category 2 (top
    // edge of 6-10).
    (
        "two significant indicators now",
        14,
        &[
            ("unexplained_money_or_items", "yes@recent"),
            ("older_controlling_adult", "yes@recent"),
        ],
        10,
        "category_2",
    ),
    // V7b: the same score with a place known for exploitation: 10, Category 3 by the rule
    // `cars_or_places_known_for_exploitation` (1.6.0).
    (
        "money and a place known for exploitation now",
        14,
        &[
            ("unexplained_money_or_items", "yes@recent"),
            ("exploitation_hotspots", "yes@recent"),
        ],
        10,
        "category_3",
    ),
    // V8: the same and one moderate indicator: 10 + 1 = 11 -> Category 3 (bottom edge).
    (
        "two significant indicators and alcohol",
        14,
        &[
            ("unexplained_money_or_items", "yes@recent"),
            ("exploitation_hotspots", "yes@recent"),
            ("alcohol_misuse", "yes"),
        ],
        11,
        "category_3",
    ),
    // V9: three vulnerabilities (3), two moderate (2), two significant now (10): 15 ->
    // Category 3 (top edge of 11-15).
    (
        "a mixed picture at 15",
        15,
        &[
            ("sexual_abuse", "yes"),
            ("domestic_abuse_history", "yes"),
            ("no_protective_adult", "yes"),
            ("drug_misuse", "yes"),
            ("worrying_phone_use", "yes"),
            ("older_controlling_adult", "yes@recent"),
            ("abused_by_that_person", "yes@recent"),
        ],
        15,
        "category_3",
    ),
    // V10: three significant now (15) and one 6 to 12 months ago only (1): 16 -> Category 4
    // (bottom edge of 16+).
    (
        "three significant now, one earlier",
        16,
        &[
            ("missing_overnight", "yes@recent"),
            ("older_controlling_adult", "yes@recent"),
            ("cars_unknown_adults", "yes@recent"),
            ("unexplained_injury", "yes@earlier"),
        ],
        16,
        "category_4",
    ),
    // V11: three significant indicators 6 to 12 months ago only: 3 x 1 = 3 -> Category 1.
    (
        "three significant indicators, all 6 to 12 months ago",
        14,
        &[
            ("missing_overnight", "yes@earlier"),
            ("older_controlling_adult", "yes@earlier"),
            ("unexplained_money_or_items", "yes@earlier"),
        ],
        3,
        "category_1",
    ),
    // V11b: five, cars and places known for exploitation among them: 5 x 1 = 5, but
    // Category 3 by the rule `cars_or_places_known_for_exploitation` (1.6.0: whenever it
    // happened, one significant indicator is enough to act on).
    (
        "five significant indicators, all 6 to 12 months ago",
        14,
        &[
            ("missing_overnight", "yes@earlier"),
            ("older_controlling_adult", "yes@earlier"),
            ("cars_unknown_adults", "yes@earlier"),
            ("unexplained_money_or_items", "yes@earlier"),
            ("exploitation_hotspots", "yes@earlier"),
        ],
        5,
        "category_3",
    ),
    // V12: every item at its most: 11 vulnerabilities + 12 moderate + 7 x 6 significant +
    // 1 disability = 11 + 12 + 42 + 1 = 66 -> Category 4.
    ("everything", 15, ALL, 66, "category_4"),
    // V13: a significant indicator with no window recorded. SERAF gives no rule; this tool's
    // author chose `undated_yes: {window: recent}` (the most recent is assumed): 5, plus a
    // moderate indicator 1 = 6 -> Category 2.
    (
        "an undated significant indicator",
        15,
        &[("missing_overnight", "yes"), ("out_of_education", "yes")],
        6,
        "category_2",
    ),
    // V14: V11 at 12: the same 5 points, but a risk indicator under 13 is at least
    // Category 3 (rule `under_13_any_risk_indicator`).
    (
        "five significant indicators long ago, at 12",
        12,
        &[
            ("missing_overnight", "yes@earlier"),
            ("older_controlling_adult", "yes@earlier"),
            ("cars_unknown_adults", "yes@earlier"),
            ("unexplained_money_or_items", "yes@earlier"),
            ("exploitation_hotspots", "yes@earlier"),
        ],
        5,
        "category_3",
    ),
    // V15: an infection at 11: 1 point, Category 4 by the consent law (rule
    // `under_13_sign_of_sexual_harm`).
    (
        "an infection at 11",
        11,
        &[("sexually_transmitted_infection", "yes")],
        1,
        "category_4",
    ),
];

const ALL: &[(&str, &str)] = &[
    ("emotional_neglect", "yes"),
    ("physical_abuse", "yes"),
    ("sexual_abuse", "yes"),
    ("family_breakdown", "yes"),
    ("domestic_abuse_history", "yes"),
    ("substance_misuse_history", "yes"),
    ("mental_health_history", "yes"),
    ("low_self_esteem", "yes"),
    ("unsuitable_accommodation", "yes"),
    ("isolated_from_peers", "yes"),
    ("no_protective_adult", "yes"),
    ("out_late", "yes"),
    ("unknown_callers", "yes"),
    ("worrying_phone_use", "yes"),
    ("expressions_of_despair", "yes"),
    ("out_of_education", "yes"),
    ("disclosure_withdrawn", "yes"),
    ("sexually_transmitted_infection", "yes"),
    ("peers_exploited", "yes"),
    ("drug_misuse", "yes"),
    ("alcohol_misuse", "yes"),
    ("worrying_internet_use", "yes"),
    ("independent_not_engaging", "yes"),
    ("missing_overnight", "yes@recent+earlier"),
    ("older_controlling_adult", "yes@recent+earlier"),
    ("abused_by_that_person", "yes@recent+earlier"),
    ("cars_unknown_adults", "yes@recent+earlier"),
    ("unexplained_money_or_items", "yes@recent+earlier"),
    ("exploitation_hotspots", "yes@recent+earlier"),
    ("unexplained_injury", "yes@recent+earlier"),
    ("disability", "yes"),
];

#[test]
fn seraf_vignettes_score_as_computed_by_hand() {
    let q = bundled("seraf");
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
fn seraf_categories_keep_the_actions_below_them() {
    let q = bundled("seraf");
    let routes = |answers: &[(&str, &str)]| -> Vec<String> {
        score(&q, Some(15), answers)
            .routes
            .iter()
            .map(|r| r.id.clone())
            .collect()
    };
    // Category 4 keeps the actions of Categories 1 to 3: one more "yes" never drops an action
    // (before 1.1.0, Category 4 dropped "repeat within three months").
    let v10 = VIGNETTES
        .iter()
        .find(|v| v.0 == "three significant now, one earlier")
        .expect("V10");
    assert_eq!(
        routes(v10.2),
        [
            "refer_same_day_strategy",
            "refer_to_social_care",
            // Seen in cars with unknown adults: the police are told (1.8.0).
            "police_information",
            // The vignette's child was missing overnight (1.3.0).
            "return_interview",
            "discuss_with_lead",
            "record_and_review"
        ]
    );
    assert_eq!(routes(&[]), ["record_and_review"]);
    for level in &q.levels {
        assert!(
            level.inherit_routes,
            "{} drops the routes below it",
            level.id
        );
    }
    // Judgement can raise to any category; the raised category's own actions follow.
    let mut r = super::responses(&q, Some(15), &[]);
    r.judgement = Some(cse_screen::engine::Judgement {
        raise_to: 3,
        reason: "fictional".to_owned(),
    });
    let a = cse_screen::engine::assess(&q, &r);
    assert_eq!(a.level.id, "category_4");
}

#[test]
fn seraf_is_bundled_and_passes_validate_and_the_wording_check() {
    crate::common::cse()
        .args(["validate", "questionnaires/seraf.yaml"])
        .assert()
        .code(0);
    crate::common::cse()
        .args(["show", "seraf"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains(
            "Who it is for: SERAF is not a screening tool",
        ))
        .stdout(predicates::str::contains("Highest possible score: 66"));
}

#[test]
fn under_13_a_sign_of_sexual_harm_is_category_4_and_any_risk_indicator_category_3() {
    let q = bundled("seraf");
    let fired = |age: u32, answers: &[(&str, &str)]| -> (String, Vec<String>) {
        let a = score(&q, Some(age), answers);
        let rules = a.fired_rules.iter().map(|r| r.id.clone()).collect();
        (a.level.id, rules)
    };
    let harm = "under_13_sign_of_sexual_harm".to_owned();
    let any = "under_13_any_risk_indicator".to_owned();
    for sign in ["sexually_transmitted_infection", "disclosure_withdrawn"] {
        let (level, rules) = fired(12, &[(sign, "yes")]);
        assert_eq!(level, "category_4", "{sign}");
        assert!(
            rules.contains(&harm) && rules.contains(&any),
            "{sign}: {rules:?}"
        );
        // At 13 the consent law of under-13s does not apply, nor does its rule.
        let (_, rules) = fired(13, &[(sign, "yes")]);
        assert!(!rules.contains(&harm), "{sign} at 13: {rules:?}");
    }
    // An infection alone at 13 scores SERAF's 1 point; under 16 it is at least Category 2
    // (1.3.0), not the under-13 Category 4.
    let (level, rules) = fired(13, &[("sexually_transmitted_infection", "yes")]);
    assert_eq!(level, "category_2");
    assert_eq!(rules, ["under_16_sexually_transmitted_infection"]);
    // A moderate or a significant indicator under 13: Category 3, a referral.
    for indicator in ["out_late", "unexplained_money_or_items"] {
        let (level, rules) = fired(12, &[(indicator, "yes")]);
        assert_eq!(level, "category_3", "{indicator}");
        assert_eq!(rules, std::slice::from_ref(&any), "{indicator}");
    }
    // A vulnerability alone is not a risk indicator; nothing is not a concern.
    assert_eq!(fired(12, &[("low_self_esteem", "yes")]).0, "category_1");
    assert_eq!(fired(12, &[]).0, "category_1");
    // An unknown age: the rules are undetermined, listed, never read as false.
    let a = score(&q, None, &[("sexually_transmitted_infection", "yes")]);
    let undetermined: Vec<&str> = a.undetermined.iter().map(|u| u.rule.as_str()).collect();
    assert!(
        undetermined.contains(&"under_13_sign_of_sexual_harm"),
        "{undetermined:?}"
    );
    // The reason states the legal fact.
    let why = &super::reason(&q, 11, &[("sexually_transmitted_infection", "yes")], &harm);
    assert!(
        why.contains("cannot consent") && why.contains("Sexual Offences Act 2003"),
        "{why}"
    );
}

#[test]
fn at_any_age_a_disclosure_an_unexplained_injury_or_exploitation_is_category_4() {
    let q = bundled("seraf");
    let outcome = |age: u32, answers: &[(&str, &str)]| super::outcome(&q, age, answers);
    let cases: [(&[(&str, &str)], &str); 8] = [
        (&[("disclosure_withdrawn", "yes")], "disclosure_at_any_age"),
        // A disclosure that stands (seraf 1.3.0): before, SERAF asked only about one taken
        // back, and a child who stood by her account was Category 1.
        (&[("disclosure", "yes")], "disclosure_at_any_age"),
        (
            &[
                ("sexually_transmitted_infection", "yes"),
                ("abused_by_that_person", "yes"),
            ],
            "sexual_harm_with_exchange_or_control",
        ),
        (
            &[("unexplained_injury", "yes")],
            "unexplained_injury_at_any_age",
        ),
        (
            &[("unexplained_injury", "yes@earlier")],
            "unexplained_injury_at_any_age",
        ),
        (
            &[
                ("sexually_transmitted_infection", "yes"),
                ("older_controlling_adult", "yes@earlier"),
            ],
            "sexual_harm_with_exchange_or_control",
        ),
        (
            &[
                ("sexually_transmitted_infection", "yes"),
                ("unexplained_money_or_items", "yes"),
            ],
            "sexual_harm_with_exchange_or_control",
        ),
        (
            &[
                ("sexually_transmitted_infection", "yes"),
                ("exploitation_hotspots", "yes"),
            ],
            "sexual_harm_with_exchange_or_control",
        ),
    ];
    for age in [13, 15, 17] {
        for (answers, rule) in cases {
            let (level, rules, routes) = outcome(age, answers);
            assert_eq!(level, "category_4", "{answers:?} at {age}");
            assert!(
                rules.iter().any(|r| r == rule),
                "{answers:?} at {age}: {rules:?}"
            );
            assert!(
                routes.iter().any(|r| r == "refer_same_day_strategy"),
                "{answers:?} at {age}: {routes:?}"
            );
        }
    }
    // Not the exploitation rule: an infection alone, or a sign of control with no sign of
    // sexual harm, is scored as SERAF scores it.
    let (_, rules, _) = outcome(16, &[("sexually_transmitted_infection", "yes")]);
    assert!(rules.is_empty(), "{rules:?}");
    let (level, rules, _) = outcome(16, &[("older_controlling_adult", "yes")]);
    assert_eq!(level, "category_1");
    assert!(rules.is_empty(), "{rules:?}");
    // A disclosure that stands scores no points: SERAF's scoring is kept, the rule raises.
    assert_eq!(score(&q, Some(15), &[("disclosure", "yes")]).score, 0);
    // A rule's category says it was set by a rule, not only by a band of scores.
    let a = score(&q, Some(15), &[("disclosure_withdrawn", "yes")]);
    let description = a.level.description.unwrap_or_default();
    assert!(description.contains("or a rule"), "{description}");
}

#[test]
fn under_16_an_infection_is_at_least_category_2_and_a_missing_child_gets_a_return_interview() {
    let q = bundled("seraf");
    let outcome = |age: u32, answers: &[(&str, &str)]| super::outcome(&q, age, answers);
    // An infection under 16 (1 point, Category 1 as SERAF scores it) is at least Category
    // 2, with the designated lead; at 16 it is scored as SERAF scores it.
    for age in [13, 14, 15] {
        let (level, rules, routes) = outcome(age, &[("sexually_transmitted_infection", "yes")]);
        assert_eq!(level, "category_2", "{age}");
        assert_eq!(rules, ["under_16_sexually_transmitted_infection"], "{age}");
        assert!(
            routes.iter().any(|r| r == "discuss_with_lead"),
            "{routes:?}"
        );
    }
    let (level, _, _) = outcome(16, &[("sexually_transmitted_infection", "yes")]);
    assert_eq!(level, "category_1");
    // Missing overnight, recently or earlier, at any age: a return interview within 72
    // hours, whatever the category.
    for age in [9, 15, 17] {
        for when in ["yes", "yes@earlier"] {
            let (_, rules, routes) = outcome(age, &[("missing_overnight", when)]);
            assert!(
                rules.iter().any(|r| r == "missing_return_interview"),
                "{rules:?}"
            );
            assert!(
                routes.iter().any(|r| r == "return_interview"),
                "{age} {when}: {routes:?}"
            );
        }
    }
    let a = score(&q, Some(15), &[("missing_overnight", "yes")]);
    let route = a.routes.iter().find(|r| r.id == "return_interview");
    assert!(
        route.is_some_and(|r| r.timescale.contains("72 hours")),
        "{:?}",
        a.routes
    );
    // Not known is not a yes: no return interview is claimed, but finding out could add it.
    let (_, _, routes) = outcome(15, &[("missing_overnight", "not_known")]);
    assert!(
        !routes.iter().any(|r| r == "return_interview"),
        "{routes:?}"
    );
}

#[test]
fn sexual_harm_reported_by_others_is_category_4_under_16_and_at_least_category_3_at_16_and_17() {
    // seraf 1.4.0, found in review: SERAF had no place for current sexual abuse reported by
    // others. Recorded as the vulnerability `sexual_abuse` (1 point), a 12-year-old the
    // police reported a man of 30 had sexual contact with was Category 1, and a 14-year-old
    // with a controlling older person as well was Category 2.
    let q = bundled("seraf");
    let outcome = |age: u32, answers: &[(&str, &str)]| super::outcome(&q, age, answers);
    let reported = ("sexual_harm_reported", "yes");
    let under_13 = "under_13_sign_of_sexual_harm";
    let under_16 = "under_16_sexual_harm_reported";
    let any_age = "sexual_harm_reported_at_any_age";
    // The review's two children: the question scores no points, the rules raise.
    let a = score(&q, Some(12), &[("sexual_abuse", "yes"), reported]);
    assert_eq!((a.score, a.level.id.as_str()), (1, "category_4"));
    let a = score(
        &q,
        Some(14),
        &[
            ("sexual_abuse", "yes"),
            reported,
            ("older_controlling_adult", "yes@recent"),
        ],
    );
    assert_eq!((a.score, a.level.id.as_str()), (6, "category_4"));
    assert_eq!(score(&q, Some(15), &[reported]).score, 0);
    by_age(&q, &[reported], under_16, any_age);
    for age in [16, 17] {
        // The sign of control alone, with no report, is scored as SERAF scores it.
        assert_eq!(
            outcome(age, &[("older_controlling_adult", "yes@recent")]).0,
            "category_1"
        );
    }
    // Recorded only as the vulnerability, as before: SERAF's 1 point, no rule.
    let (level, rules, _) = outcome(14, &[("sexual_abuse", "yes")]);
    assert_eq!(level, "category_1");
    assert!(rules.is_empty(), "{rules:?}");
    // Not known is not a yes: no rule fires, and finding out is a prompt naming the category.
    for (age, want) in [(14, "category_4"), (17, "category_3")] {
        let a = score(&q, Some(age), &[("sexual_harm_reported", "not_known")]);
        assert_eq!(a.level.id, "category_1", "{age}");
        assert!(
            a.curiosity
                .iter()
                .any(|c| c.id == "sexual_harm_reported" && c.raises_to.as_deref() == Some(want)),
            "{age}: {:?}",
            a.curiosity
        );
    }
    // The reasons state the law and what to do.
    let reason = |age: u32, rule: &str| super::reason(&q, age, &[reported], rule);
    let why = reason(12, under_13);
    assert!(
        why.contains("cannot consent") && why.contains("someone else has reported"),
        "{why}"
    );
    let why = reason(14, under_16);
    assert!(
        why.contains("sections 9 to 15") && why.contains("strategy discussion with the police"),
        "{why}"
    );
    let why = reason(17, any_age);
    assert!(
        why.contains("at 16 and 17 too") && why.contains("power imbalance"),
        "{why}"
    );
}

#[test]
fn sexual_images_asked_for_is_category_4_under_16_and_at_least_category_3_at_16_and_17() {
    // seraf 1.5.0, found in review: a child an adult asked for sexual images could be recorded
    // only as worrying internet use (1 point): at 14, Category 1, "not at risk", with "record
    // and repeat within 3 months"; at 12, Category 3 with no police.
    let q = bundled("seraf");
    let outcome = |age: u32, answers: &[(&str, &str)]| super::outcome(&q, age, answers);
    let images = ("sexual_images_asked_for", "yes");
    let internet = ("worrying_internet_use", "yes");
    let under_13 = "under_13_sign_of_sexual_harm";
    let under_16 = "under_16_sexual_images_asked_for";
    let any_age = "sexual_images_at_any_age";
    // The question scores no points: SERAF's scoring is kept, the rules raise.
    assert_eq!(score(&q, Some(14), &[internet, images]).score, 1);
    assert_eq!(score(&q, Some(14), &[images]).score, 0);
    by_age(&q, &[images], under_16, any_age);
    // Worrying internet use alone is scored as SERAF scores it, at 13 and over.
    for age in [13, 14, 17] {
        let (level, rules, _) = outcome(age, &[internet]);
        assert_eq!(level, "category_1", "{age}");
        assert!(rules.is_empty(), "{age}: {rules:?}");
    }
    // Not known is not a yes: nothing fires, and finding out is a prompt naming the category.
    for (age, want) in [(12, "category_4"), (14, "category_4"), (17, "category_3")] {
        let a = score(&q, Some(age), &[("sexual_images_asked_for", "not_known")]);
        assert!(a.fired_rules.is_empty(), "{age}: {:?}", a.fired_rules);
        assert!(
            a.curiosity
                .iter()
                .any(|c| c.id == "sexual_images_asked_for" && c.raises_to.as_deref() == Some(want)),
            "{age}: {:?}",
            a.curiosity
        );
    }
    // The reasons state the law and what to do.
    let why = super::reason(&q, 14, &[images], under_16);
    assert!(
        why.contains("grooming") && why.contains("sections 9 to 15"),
        "{why}"
    );
    let why = super::reason(&q, 12, &[images], under_13);
    assert!(
        why.contains("cannot consent") && why.contains("sexual images"),
        "{why}"
    );
    let why = super::reason(&q, 17, &[images], any_age);
    assert!(why.contains("under 18") && why.contains("online"), "{why}");
}

/// A sign of sexual harm that SERAF scores no points for, by age: under 13, Category 4 by the
/// consent law and the under-16 rule; 13 to 15, Category 4 by the under-16 rule alone; 16
/// and 17, Category 3 (a referral) by the any-age rule, and Category 4 with each sign of
/// control or exchange, now or earlier; an unknown age, Category 3 with the age rules
/// listed as undetermined, never read as false.
fn by_age(q: &Questionnaire, sign: &[(&str, &str)], under_16: &str, any_age: &str) {
    let outcome = |age: u32, answers: &[(&str, &str)]| super::outcome(q, age, answers);
    let under_13 = "under_13_sign_of_sexual_harm";
    let exploitation = "sexual_harm_with_exchange_or_control";
    let same_day = |routes: &[String]| routes.iter().any(|r| r == "refer_same_day_strategy");
    let referral = |routes: &[String]| routes.iter().any(|r| r == "refer_to_social_care");
    for age in [9, 12] {
        let (level, rules, routes) = outcome(age, sign);
        assert_eq!(level, "category_4", "{age}");
        assert!(
            rules.iter().any(|r| r == under_13) && rules.iter().any(|r| r == under_16),
            "{age}: {rules:?}"
        );
        assert!(same_day(&routes), "{age}: {routes:?}");
    }
    for age in [13, 14, 15] {
        let (level, rules, routes) = outcome(age, sign);
        assert_eq!(level, "category_4", "{age}");
        assert!(rules.iter().any(|r| r == under_16), "{age}: {rules:?}");
        assert!(!rules.iter().any(|r| r == under_13), "{age}: {rules:?}");
        assert!(same_day(&routes), "{age}: {routes:?}");
    }
    for age in [16, 17] {
        let (level, rules, routes) = outcome(age, sign);
        assert_eq!(level, "category_3", "{age}");
        assert_eq!(rules, [any_age], "{age}");
        assert!(referral(&routes) && !same_day(&routes), "{age}: {routes:?}");
        for control in [
            "older_controlling_adult",
            "abused_by_that_person",
            "unexplained_money_or_items",
            "cars_unknown_adults",
            "exploitation_hotspots",
        ] {
            for when in ["yes@recent", "yes@earlier"] {
                let answers = [sign, &[(control, when)]].concat();
                let (level, rules, routes) = outcome(age, &answers);
                assert_eq!(level, "category_4", "{control} {when} at {age}");
                assert!(
                    rules.iter().any(|r| r == exploitation),
                    "{control} {when} at {age}: {rules:?}"
                );
                assert!(same_day(&routes), "{control} {when} at {age}: {routes:?}");
            }
        }
    }
    let a = score(q, None, sign);
    assert_eq!(a.level.id, "category_3");
    let undetermined: Vec<&str> = a.undetermined.iter().map(|u| u.rule.as_str()).collect();
    assert!(
        undetermined.contains(&under_16) && undetermined.contains(&under_13),
        "{undetermined:?}"
    );
}

#[test]
fn a_return_interview_for_episodes_long_past_is_checked_not_promised_within_72_hours() {
    // seraf 1.5.0, found in review: a 13-year-old missing overnight 6 to 12 months ago only
    // was told "within 72 hours of the child's return". SERAF's conditions cannot tell one
    // indicator's window apart, so the one route says both.
    let q = bundled("seraf");
    let a = score(&q, Some(13), &[("missing_overnight", "yes@earlier")]);
    let route = a
        .routes
        .iter()
        .find(|r| r.id == "return_interview")
        .expect("a return interview route");
    assert!(route.timescale.contains("72 hours"), "{route:?}");
    assert!(
        route.timescale.contains("where 72 hours have passed")
            && route.action.contains("6 to 12 months ago")
            && route.action.contains("record any decision not to"),
        "{route:?}"
    );
}

#[test]
fn a_recent_episode_whose_72_hours_have_passed_is_checked_and_the_child_seen_now() {
    // seraf 1.7.0: a 14-year-old missing overnight 5 months ago (the recent window) was told
    // only "Within 72 hours of the child's return after a recent episode". Every episode is
    // offered an interview, whatever its length (DfE 2014, the national procedures), so, as
    // in oxfordshire-cse and national-cse 2.5.0, once 72 hours have passed the practitioner
    // checks whether one was offered and, if not, arranges one now. The short form in WHAT
    // TO DO NOW is cut at the first ";" or "(", so the words for 72 hours passed come first.
    let q = bundled("seraf");
    for when in ["yes@recent", "yes@earlier", "yes@recent+earlier", "yes"] {
        let a = score(&q, Some(14), &[("missing_overnight", when)]);
        let route = a
            .routes
            .iter()
            .find(|r| r.id == "return_interview")
            .expect("a return interview route");
        let short = route.timescale.split([';', '(']).next().unwrap_or_default();
        assert!(
            short.contains("Within 72 hours of the child's return")
                && short.contains("where 72 hours have passed")
                && short.contains("talk with the child"),
            "{when}: {short}"
        );
        assert!(
            route
                .action
                .contains("Where 72 hours have passed since the child came back")
                && route.action.contains("offered and recorded")
                && route.action.contains("talk with the child now")
                && route.action.contains("record any decision not to hold one"),
            "{when}: {route:?}"
        );
    }
    let why = super::reason(
        &q,
        14,
        &[("missing_overnight", "yes@recent")],
        "missing_return_interview",
    );
    assert!(
        why.contains("whatever the length") && why.contains("where 72 hours have passed"),
        "{why}"
    );
}

#[test]
fn a_learning_disability_with_a_concern_is_at_least_category_3_with_a_referral() {
    // seraf 1.7.0: SERAF asked about a physical or learning disability in one question (the
    // 2016 form's extra point), so no floor could tell them apart, and a 15-year-old with a
    // learning disability who stayed out late with unknown callers was Category 1, "not at
    // risk". No child with a learning disability about whom there is a concern of sexual
    // exploitation is rated low (Croydon, Herefordshire), and such a concern is referred to
    // children's social care (the checklist tool for partner agencies). A question asks about
    // a learning disability alone, scoring no points (SERAF's +1 stays on the disability
    // question); with any moderate or significant indicator it is at least Category 3.
    let q = bundled("seraf");
    let rule = "learning_disability_with_concern";
    let referral = |routes: &[String]| routes.iter().any(|r| r == "refer_to_social_care");
    let rank = |level: &str| {
        q.levels
            .iter()
            .position(|l| l.id == level)
            .expect("a level")
    };
    let ld = [("learning_disability", "yes"), ("disability", "yes")];
    for age in [9, 12, 13, 14, 15, 16, 17] {
        for indicator in [
            ("out_late", "yes"),
            ("unknown_callers", "yes"),
            ("missing_overnight", "yes@earlier"),
            ("older_controlling_adult", "yes@recent"),
            ("disclosure", "yes"),
        ] {
            let answers = [ld[0], ld[1], indicator];
            let (level, rules, routes) = super::outcome(&q, age, &answers);
            assert!(
                rank(&level) >= rank("category_3"),
                "{indicator:?} at {age}: {level}"
            );
            assert!(
                rules.iter().any(|r| r == rule),
                "{indicator:?} at {age}: {rules:?}"
            );
            assert!(referral(&routes), "{indicator:?} at {age}: {routes:?}");
        }
    }
    // SERAF's points are kept: the new question scores nothing.
    assert_eq!(
        score(&q, Some(15), &[("learning_disability", "yes")]).score,
        0
    );
    assert_eq!(
        score(&q, Some(15), &[ld[0], ld[1], ("out_late", "yes")]).score,
        2
    );
    // No age is needed.
    let a = score(&q, None, &[ld[0], ("out_late", "yes")]);
    assert!(
        a.fired_rules.iter().any(|r| r.id == rule),
        "{:?}",
        a.fired_rules
    );
    // What does not fire it: a learning disability alone, or with a vulnerability only (a
    // vulnerability is not a concern of exploitation); a physical disability (the disability
    // question alone); not known, which is listed as something to find out.
    for answers in [
        &[ld[0], ld[1]][..],
        &[ld[0], ("low_self_esteem", "yes")][..],
        &[("disability", "yes"), ("out_late", "yes")][..],
    ] {
        let (level, rules, routes) = super::outcome(&q, 15, answers);
        assert_eq!(level, "category_1", "{answers:?}");
        assert!(!rules.iter().any(|r| r == rule), "{answers:?}: {rules:?}");
        assert!(!referral(&routes), "{answers:?}: {routes:?}");
    }
    let a = score(
        &q,
        Some(15),
        &[("learning_disability", "not_known"), ("out_late", "yes")],
    );
    assert_eq!(a.level.id, "category_1");
    assert!(!a.fired_rules.iter().any(|r| r.id == rule));
    assert!(
        a.curiosity
            .iter()
            .any(|c| c.id == "learning_disability" && c.raises_to.as_deref() == Some("category_3")),
        "{:?}",
        a.curiosity
    );
    let why = super::reason(&q, 15, &[ld[0], ("out_late", "yes")], rule);
    assert!(
        why.contains("learning disability") && why.contains("refer"),
        "{why}"
    );
}

#[test]
fn cars_places_known_for_exploitation_and_abuse_by_the_controlling_person_are_referred_at_any_age()
{
    // seraf 1.6.0, found in review: a 15-year-old seen in cars with unknown adults was
    // Category 1, "not at risk" (5 points), and a 16-year-old physically abused by the older
    // person controlling her was Category 2 (10 points) with no referral. A single significant
    // indicator is enough to act on (West Midlands form), the Surrey tool refers cars with
    // unknown adults and places known for exploitation, and an injury suggesting an assault is
    // rated High: each is now at least Category 3, with the referral, at any age. SERAF's
    // points and bands are kept.
    let q = bundled("seraf");
    let referral = |routes: &[String]| routes.iter().any(|r| r == "refer_to_social_care");
    let rank = |level: &str| {
        q.levels
            .iter()
            .position(|l| l.id == level)
            .expect("a level")
    };
    let places = "cars_or_places_known_for_exploitation";
    let abuse = "abuse_by_the_controlling_person";
    // The reviewer's cases, before and after.
    let (level, rules, routes) = super::outcome(&q, 15, &[("cars_unknown_adults", "yes@recent")]);
    assert_eq!(
        score(&q, Some(15), &[("cars_unknown_adults", "yes@recent")]).score,
        5
    );
    assert_eq!(level, "category_3");
    assert_eq!(rules, [places]);
    assert!(referral(&routes), "{routes:?}");
    let controlled_and_abused = [
        ("older_controlling_adult", "yes@recent"),
        ("abused_by_that_person", "yes@recent"),
    ];
    assert_eq!(score(&q, Some(16), &controlled_and_abused).score, 10);
    let (level, rules, routes) = super::outcome(&q, 16, &controlled_and_abused);
    assert_eq!(level, "category_3");
    assert_eq!(rules, [abuse]);
    assert!(referral(&routes), "{routes:?}");
    // Every age, each window: at least Category 3 with the referral.
    for age in [9, 12, 13, 15, 16, 17] {
        for (indicator, rule) in [
            ("cars_unknown_adults", places),
            ("exploitation_hotspots", places),
            ("abused_by_that_person", abuse),
        ] {
            for when in ["yes@recent", "yes@earlier", "yes@recent+earlier", "yes"] {
                let (level, rules, routes) = super::outcome(&q, age, &[(indicator, when)]);
                assert!(
                    rank(&level) >= rank("category_3"),
                    "{indicator} {when} at {age}: {level}"
                );
                assert!(
                    rules.iter().any(|r| r == rule),
                    "{indicator} {when} at {age}: {rules:?}"
                );
                assert!(referral(&routes), "{indicator} {when} at {age}: {routes:?}");
            }
        }
    }
    // With no age recorded the rules still fire: they need none.
    let a = score(&q, None, &[("exploitation_hotspots", "yes@recent")]);
    assert!(
        a.fired_rules.iter().any(|r| r.id == places),
        "{:?}",
        a.fired_rules
    );
    // What does not fire them: the other significant indicators alone, a controlling older
    // person with no abuse, and not known (a prompt to find out, never read as yes).
    for other in [
        "older_controlling_adult",
        "unexplained_money_or_items",
        "missing_overnight",
    ] {
        let (level, rules, routes) = super::outcome(&q, 15, &[(other, "yes@recent")]);
        assert_eq!(level, "category_1", "{other}");
        assert!(
            !rules.iter().any(|r| r == places || r == abuse),
            "{other}: {rules:?}"
        );
        assert!(!referral(&routes), "{other}: {routes:?}");
    }
    for unknown in [
        "cars_unknown_adults",
        "exploitation_hotspots",
        "abused_by_that_person",
    ] {
        let a = score(&q, Some(15), &[(unknown, "not_known")]);
        assert_eq!(a.level.id, "category_1", "{unknown}");
        assert!(a.fired_rules.is_empty(), "{unknown}: {:?}", a.fired_rules);
        assert!(
            a.curiosity
                .iter()
                .any(|c| c.id == unknown && c.raises_to.as_deref() == Some("category_3")),
            "{unknown}: {:?}",
            a.curiosity
        );
    }
    // The reasons say why and what to do.
    let why = super::reason(&q, 15, &[("cars_unknown_adults", "yes")], places);
    assert!(
        why.contains("single significant indicator") && why.contains("Surrey"),
        "{why}"
    );
    let why = super::reason(&q, 16, &[("abused_by_that_person", "yes")], abuse);
    assert!(
        why.contains("refer to children's social care") && why.contains("strategy discussion"),
        "{why}"
    );
}

#[test]
fn the_age_when_sexual_harm_happened_counts_as_well_as_the_age_today() {
    // seraf 1.8.0, found in review: a 16-year-old the police reported a man of 30 had sexual
    // contact with when she was 15 was Category 3, as at 16; at 15 it was Category 4. The age
    // rules read the age today; two questions (no points) ask the age when it happened.
    let q = bundled("seraf");
    let reported = [("sexual_harm_reported", "yes")];
    let (level, _, _) = super::outcome(&q, 16, &reported);
    assert_eq!(level, "category_3");
    let when_15 = [
        ("sexual_harm_reported", "yes"),
        ("harm_when_under_16", "yes"),
    ];
    let (level, rules, _) = super::outcome(&q, 16, &when_15);
    assert_eq!(level, "category_4");
    assert!(
        rules.iter().any(|r| r == "under_16_sexual_harm_reported"),
        "{rules:?}"
    );
    assert_eq!(score(&q, Some(16), &when_15).score, 0, "no points");
    // Under 13 then: the consent law, at 17 now, for an infection or images too.
    for sign in [
        "sexually_transmitted_infection",
        "sexual_images_asked_for",
        "disclosure",
    ] {
        let (level, rules, _) =
            super::outcome(&q, 17, &[(sign, "yes"), ("harm_when_under_13", "yes")]);
        assert_eq!(level, "category_4", "{sign}");
        assert!(
            rules.iter().any(|r| r == "under_13_sign_of_sexual_harm"),
            "{sign}: {rules:?}"
        );
    }
    // An infection at 15, screened at 17: at least Category 2, as at 15.
    let (level, rules, _) = super::outcome(
        &q,
        17,
        &[
            ("sexually_transmitted_infection", "yes"),
            ("harm_when_under_16", "yes"),
        ],
    );
    assert_eq!(level, "category_2");
    assert!(
        rules
            .iter()
            .any(|r| r == "under_16_sexually_transmitted_infection"),
        "{rules:?}"
    );
    // Not known is something to find out, never a no and never a yes.
    let a = score(
        &q,
        Some(16),
        &[
            ("sexual_harm_reported", "yes"),
            ("harm_when_under_16", "not_known"),
        ],
    );
    assert_eq!(a.level.id, "category_3");
    assert!(
        a.curiosity
            .iter()
            .any(|c| c.id == "harm_when_under_16" && c.raises_to.as_deref() == Some("category_4")),
        "{:?}",
        a.curiosity
    );
    // A yes with no sexual harm answered yes changes nothing.
    let (level, rules, _) = super::outcome(
        &q,
        16,
        &[("harm_when_under_13", "yes"), ("harm_when_under_16", "yes")],
    );
    assert_eq!(level, "category_1");
    assert!(rules.is_empty(), "{rules:?}");
}

#[test]
fn a_disclosure_long_ago_is_asked_at_any_time_and_scores_no_points() {
    // seraf 1.8.0, found in review: a 12-year-old who told a teacher 8 months ago that a man of
    // 30 raped her could not be recorded, as the disclosure questions were among the moderate
    // indicators (the past 6 months); she was Category 1. The three questions that score no
    // points are asked at any time, in their own section; SERAF's scored questions stay.
    let q = bundled("seraf");
    let section = q
        .sections
        .iter()
        .find(|s| s.id == "at_any_time")
        .expect("a section for what was told, reported or asked at any time");
    assert!(section.title.contains("at any time"), "{}", section.title);
    for id in [
        "disclosure",
        "sexual_harm_reported",
        "sexual_images_asked_for",
    ] {
        let i = q.indicator(id).expect(id);
        assert!(section.indicators.contains(&i), "{id}");
        assert_eq!(super::score(&q, Some(14), &[(id, "yes")]).score, 0, "{id}");
    }
    // SERAF's own questions stay where the published form has them.
    let moderate = q
        .sections
        .iter()
        .find(|s| s.id == "moderate_indicators")
        .expect("moderate");
    for id in ["disclosure_withdrawn", "sexually_transmitted_infection"] {
        assert!(
            moderate.indicators.contains(&q.indicator(id).expect(id)),
            "{id}"
        );
    }
    let told = [
        ("sexual_abuse", "yes"),
        ("disclosure", "yes"),
        ("harm_when_under_13", "yes"),
    ];
    let (level, rules, routes) = super::outcome(&q, 12, &told);
    assert_eq!(score(&q, Some(12), &told).score, 1);
    assert_eq!(level, "category_4");
    assert!(
        rules.iter().any(|r| r == "disclosure_at_any_age"),
        "{rules:?}"
    );
    assert!(
        routes.iter().any(|r| r == "refer_same_day_strategy"),
        "{routes:?}"
    );
}

#[test]
fn a_child_missing_now_or_in_danger_now_is_category_4_with_999() {
    // seraf 1.8.0, found in review: a 15-year-old missing overnight now with an older
    // controlling adult was Category 2, with no referral and no 999 beyond the banner.
    let q = bundled("seraf");
    for age in [9, 12, 15, 17] {
        let (level, rules, routes) =
            super::outcome(&q, age, &[("missing_or_in_danger_now", "yes")]);
        assert_eq!(level, "category_4", "{age}");
        assert_eq!(rules, ["in_danger_now"], "{age}");
        for route in ["call_999", "refer_same_day_strategy"] {
            assert!(routes.iter().any(|r| r == route), "{age}: {routes:?}");
        }
        assert_eq!(routes[0], "call_999", "the most urgent first");
    }
    let a = score(&q, Some(15), &[("missing_or_in_danger_now", "not_known")]);
    assert_eq!(a.level.id, "category_1");
    assert!(!a.routes.iter().any(|r| r.id == "call_999"));
    assert!(
        a.curiosity
            .iter()
            .any(|c| c.id == "missing_or_in_danger_now"
                && c.raises_to.as_deref() == Some("category_4")),
        "{:?}",
        a.curiosity
    );
    assert!(
        a.not_known
            .iter()
            .any(|i| i.id == "missing_or_in_danger_now")
    );
}

#[test]
fn going_missing_overnight_with_sexual_harm_is_exchange_or_control() {
    // seraf 1.8.0, found in review: a 16-year-old missing overnight and reported sexually abused
    // by a man of 35 at the address was Category 3.
    let q = bundled("seraf");
    let rule = "sexual_harm_with_exchange_or_control";
    for sign in [
        "sexual_harm_reported",
        "sexually_transmitted_infection",
        "sexual_images_asked_for",
    ] {
        for when in ["yes@recent", "yes@earlier", "yes"] {
            let (level, rules, _) =
                super::outcome(&q, 16, &[(sign, "yes"), ("missing_overnight", when)]);
            assert_eq!(level, "category_4", "{sign} {when}");
            assert!(rules.iter().any(|r| r == rule), "{sign} {when}: {rules:?}");
        }
    }
    let (_, rules, _) = super::outcome(
        &q,
        16,
        &[
            ("sexual_harm_reported", "not_known"),
            ("missing_overnight", "yes@recent"),
        ],
    );
    assert!(!rules.iter().any(|r| r == rule), "{rules:?}");
}

#[test]
fn the_rules_whose_reasons_say_tell_the_police_bring_the_police_route() {
    // seraf 1.8.0, found in review: SERAF had no route to the police; its Category 3 rules said
    // "tell the police" only in their reasons. The route's contact is worded as in the other
    // questionnaires.
    let q = bundled("seraf");
    let police = |age: u32, answers: &[(&str, &str)]| {
        super::outcome(&q, age, answers)
            .2
            .iter()
            .any(|r| r == "police_information")
    };
    for (age, sign) in [
        (16, "sexual_harm_reported"),
        (17, "sexual_images_asked_for"),
        (16, "abused_by_that_person"),
        (15, "cars_unknown_adults"),
        (14, "exploitation_hotspots"),
    ] {
        assert!(police(age, &[(sign, "yes")]), "{sign} at {age}");
    }
    assert!(!police(15, &[("out_late", "yes")]));
    let route = q
        .routes
        .iter()
        .find(|r| r.id == "police_information")
        .expect("a police route");
    let national = super::bundled("national-cse");
    let theirs = national
        .routes
        .iter()
        .find(|r| r.id == "police_information")
        .expect("national's police route");
    assert_eq!(route.contact, theirs.contact);
    assert_eq!(route.timescale, theirs.timescale);
}

#[test]
fn a_disclosure_taken_back_an_infection_or_reported_abuse_long_ago_can_be_recorded_at_any_time() {
    // seraf 1.9.0, found in review: the at-any-time section asked for a disclosure "not taken
    // back", SERAF's own question on one taken back is for the past 6 months, and the
    // infection question is for the past 6 months, so a 14-year-old who told and took it back
    // 9 months ago, or a 13-year-old with an infection at 12 eight months ago, could not be
    // recorded as they were; the question on abuse reported by others asked about abuse that
    // "is being, or has recently been" happening, in the at-any-time section.
    let q = bundled("seraf");
    let indicator = |id: &str| &q.indicators[q.indicator(id).unwrap_or_else(|| panic!("{id}"))];
    let section = q
        .sections
        .iter()
        .find(|s| s.id == "at_any_time")
        .expect("the at-any-time section");
    // 1. The disclosure counts whether or not it was taken back; each help says which to answer.
    let disclosure = indicator("disclosure");
    assert!(
        !disclosure.prompt.contains("not taken it back")
            && disclosure.prompt.contains("whether or not"),
        "{}",
        disclosure.prompt
    );
    assert!(
        disclosure.help.contains("taken back") && disclosure.help.contains("past 6 months"),
        "{}",
        disclosure.help
    );
    let withdrawn = indicator("disclosure_withdrawn");
    assert!(
        withdrawn.help.contains("more than 6 months ago")
            && withdrawn.help.contains("disclosure at any time"),
        "{}",
        withdrawn.help
    );
    let (level, rules, _) = super::outcome(&q, 14, &[("disclosure", "yes")]);
    assert_eq!(level, "category_4");
    assert!(
        rules.iter().any(|r| r == "disclosure_at_any_age"),
        "{rules:?}"
    );
    // 2. An infection at any time: in the section, the recent question's category, no points,
    // and every rule that reads the recent one reads it.
    let recent = "sexually_transmitted_infection";
    let any_time = "sexually_transmitted_infection_at_any_time";
    let i = q
        .indicator(any_time)
        .expect("a question on an infection at any time");
    assert!(section.indicators.contains(&i));
    assert_eq!(
        q.indicators[i].category,
        indicator(recent).category,
        "the same category as the recent question"
    );
    for age in [9, 12, 13, 14, 15, 16, 17] {
        assert_eq!(score(&q, Some(age), &[(any_time, "yes")]).score, 0, "{age}");
    }
    for age in 9..=17 {
        for with in [
            &[][..],
            &[("harm_when_under_16", "yes")][..],
            &[("harm_when_under_13", "yes")][..],
            &[("older_controlling_adult", "yes@earlier")][..],
            &[("unexplained_money_or_items", "yes@earlier")][..],
            &[("missing_overnight", "yes@earlier")][..],
            &[("exploitation_hotspots", "yes@earlier")][..],
        ] {
            let (level_recent, rules_recent, _) =
                super::outcome(&q, age, &[&[(recent, "yes")], with].concat());
            let (level, rules, _) = super::outcome(&q, age, &[&[(any_time, "yes")], with].concat());
            assert_eq!(rules, rules_recent, "{age} {with:?}");
            if !rules.is_empty() {
                assert_eq!(level, level_recent, "{age} {with:?}");
            }
        }
    }
    // The review's scenario: 13, an infection at 12, eight months ago.
    let (level, rules, routes) =
        super::outcome(&q, 13, &[(any_time, "yes"), ("harm_when_under_13", "yes")]);
    assert_eq!(level, "category_4");
    assert!(
        rules.iter().any(|r| r == "under_13_sign_of_sexual_harm"),
        "{rules:?}"
    );
    assert!(
        routes.iter().any(|r| r == "refer_same_day_strategy"),
        "{routes:?}"
    );
    // 14 and 15: at least Category 2; 16 with a controlling adult: Category 4.
    for age in [14, 15] {
        let (level, rules, _) = super::outcome(&q, age, &[(any_time, "yes")]);
        assert_eq!(level, "category_2", "{age}");
        assert_eq!(rules, ["under_16_sexually_transmitted_infection"], "{age}");
    }
    let (level, rules, _) = super::outcome(
        &q,
        16,
        &[(any_time, "yes"), ("older_controlling_adult", "yes@recent")],
    );
    assert_eq!(level, "category_4");
    assert!(
        rules
            .iter()
            .any(|r| r == "sexual_harm_with_exchange_or_control"),
        "{rules:?}"
    );
    // Not known is not a yes, and never lowers: a prompt to Category 4 at 12.
    let a = score(&q, Some(12), &[(any_time, "not_known")]);
    assert!(a.fired_rules.is_empty(), "{:?}", a.fired_rules);
    assert!(
        a.curiosity
            .iter()
            .any(|c| c.id == any_time && c.raises_to.as_deref() == Some("category_4")),
        "{:?}",
        a.curiosity
    );
    // An unknown age: the age rules wait on it.
    let a = score(&q, None, &[(any_time, "yes")]);
    let undetermined: Vec<&str> = a.undetermined.iter().map(|u| u.rule.as_str()).collect();
    assert!(
        undetermined.contains(&"under_13_sign_of_sexual_harm")
            && undetermined.contains(&"under_16_sexually_transmitted_infection"),
        "{undetermined:?}"
    );
    // 3. Sexual abuse reported by others, at any time, whenever it came to light.
    let reported = indicator("sexual_harm_reported");
    assert!(
        !reported.prompt.contains("recently") && reported.prompt.contains("at any time"),
        "{}",
        reported.prompt
    );
    assert!(
        reported.help.contains("whenever it came to light"),
        "{}",
        reported.help
    );
    for rule in [
        "under_16_sexual_harm_reported",
        "sexual_harm_reported_at_any_age",
    ] {
        let why = super::reason(&q, 12, &[("sexual_harm_reported", "yes")], rule);
        assert!(!why.contains("recently"), "{rule}: {why}");
    }
    // The review's se16: 12, abused at 10, known to the police: Category 4 by the consent law,
    // with the police told.
    let se16 = [("sexual_abuse", "yes"), ("sexual_harm_reported", "yes")];
    let (level, rules, routes) = super::outcome(&q, 12, &se16);
    assert_eq!(level, "category_4");
    for rule in [
        "under_13_sign_of_sexual_harm",
        "under_16_sexual_harm_reported",
        "sexual_harm_reported_at_any_age",
    ] {
        assert!(rules.iter().any(|r| r == rule), "{rule}: {rules:?}");
    }
    assert!(
        routes.iter().any(|r| r == "police_information"),
        "{routes:?}"
    );
    assert_eq!(score(&q, Some(12), &se16).score, 1, "SERAF's 1 point only");
}
