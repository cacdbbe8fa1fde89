//! Each rule the Oxfordshire questionnaire must carry, scored on a hand-built answer set.
//!
//! Answers are written in the saved-screening format (DESIGN.md section 4), so these tests
//! also exercise that contract. Each case asserts the level, the routes and the reason text,
//! and most pair it with a near-identical case where the rule does not apply, to show that
//! the rule is what made the difference. All data is fictional.

use cse_screen::answers::Screening;
use cse_screen::engine::{Assessment, SetBy, assess};
use cse_screen::questionnaire::{self, Questionnaire};

fn oxfordshire() -> Questionnaire {
    let b = questionnaire::bundled("oxfordshire-cse").expect("bundled");
    questionnaire::from_str(b.text).expect("the bundled questionnaire is valid")
}

/// Scores a screening with the given profile and answers (YAML flow maps / block text).
fn score(profile: &str, answers: &str) -> Assessment {
    let q = oxfordshire();
    let yaml = format!(
        "questionnaire: {{id: oxfordshire-cse, version: 2.3.0, sha256: test}}\n\
         screening: {{case_reference: EX-0001, date: 2026-11-23, practitioner: A. Example, agency: Example Academy, status: complete}}\n\
         profile: {profile}\n\
         answers:\n{answers}"
    );
    let screening: Screening =
        serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    let responses = screening.responses(&q).unwrap_or_else(|p| panic!("{p:?}"));
    assess(&q, &responses)
}

const PROFILE_15: &str =
    "{age: 15, looked_after: no, child_protection_plan: yes, learning_disability: no}";

fn routes(a: &Assessment) -> Vec<&str> {
    a.routes.iter().map(|r| r.id.as_str()).collect()
}

fn fired(a: &Assessment) -> Vec<&str> {
    a.fired_rules.iter().map(|r| r.id.as_str()).collect()
}

fn reason<'a>(a: &'a Assessment, rule: &str) -> &'a str {
    a.fired_rules.iter().find(|r| r.id == rule).map_or_else(
        || panic!("rule {rule} did not fire: {:?}", fired(a)),
        |r| r.reason.as_str(),
    )
}

fn highest(q: &Questionnaire) -> &str {
    &q.levels[q.levels.len() - 1].id
}

#[test]
fn a_significant_indicator_for_a_child_of_13_or_under_is_the_highest_level_with_a_strategy_meeting()
{
    // One significant indicator, more than six months ago: 1 point on its own.
    let answers = "  cars_with_unknown_adults: {answer: yes, windows: [earlier], basis: concern}\n";
    for age in [12, 13] {
        let young = score(
            &format!(
                "{{age: {age}, looked_after: no, child_protection_plan: yes, learning_disability: no}}"
            ),
            answers,
        );
        assert_eq!(young.score, 1);
        assert_eq!(young.level.id, highest(&oxfordshire()), "age {age}");
        assert!(
            routes(&young).contains(&"strategy_meeting"),
            "{:?}",
            routes(&young)
        );
        let why = reason(&young, "aged_13_or_under_significant_indicator");
        assert!(why.contains("13 or under"), "{why}");
        assert!(why.contains("Pan-Cheshire"), "{why}");
        // The consent law is the reason for sexual harm, not for every significant indicator.
        assert!(!why.contains("Sexual Offences Act"), "{why}");
    }

    // At 14 and 15 the same answer is still acted on (one significant indicator is enough,
    // whenever it happened), but it is not the highest level.
    for profile in [
        "{age: 14, looked_after: no, child_protection_plan: yes, learning_disability: no}",
        PROFILE_15,
    ] {
        let older = score(profile, answers);
        assert_eq!(older.level.id, "medium", "{profile}");
        assert!(!fired(&older).contains(&"aged_13_or_under_significant_indicator"));
        assert!(!routes(&older).contains(&"strategy_meeting"));
    }
}

#[test]
fn a_sexual_activity_concern_for_a_child_under_13_is_the_highest_level_with_the_legal_fact() {
    // Sexualised behaviour is a risk indicator (2 points) in the sexual-harm category.
    let answers = "  sexualised_behaviour: {answer: yes, basis: evidence}\n";
    let under_13 = score(
        "{age: 11, looked_after: no, child_protection_plan: yes, learning_disability: no}",
        answers,
    );
    assert_eq!(under_13.level.id, highest(&oxfordshire()));
    assert!(routes(&under_13).contains(&"strategy_meeting"));
    let why = reason(&under_13, "under_13_sexual_harm");
    assert!(why.contains("cannot consent"), "{why}");

    // At 15 it is not the under-13 floor, but it is never Low (2.6.0: the published tools
    // rate sexually harmful behaviour High).
    let aged_15 = score(PROFILE_15, answers);
    assert_eq!(aged_15.level.id, "medium");
    assert!(fired(&aged_15).contains(&"sexual_behaviour_not_low"));
    assert!(!routes(&aged_15).contains(&"strategy_meeting"));
}

#[test]
fn an_unexplained_physical_injury_always_brings_at_least_a_mash_referral() {
    let answers = "  unexplained_injury: {answer: yes, windows: [earlier], basis: evidence}\n";
    let a = score(PROFILE_15, answers);
    assert_eq!(a.score, 1, "the score alone would be low");
    assert!(routes(&a).contains(&"mash_referral"), "{:?}", routes(&a));
    assert!(
        reason(&a, "unexplained_injury_investigated")
            .to_lowercase()
            .contains("injur")
    );
}

#[test]
fn a_disclosure_even_if_withdrawn_is_the_highest_level() {
    let answers = "  disclosure_of_assault: {answer: yes, windows: [earlier], basis: evidence, note: Told a teacher in May; said later it was made up.}\n";
    let a = score(PROFILE_15, answers);
    assert_eq!(a.level.id, highest(&oxfordshire()));
    assert!(
        a.level_set_by
            .contains(&SetBy::Rule("disclosure_of_abuse".to_owned())),
        "{:?}",
        a.level_set_by
    );
    assert!(reason(&a, "disclosure_of_abuse").contains("even if the child later took it back"));
}

#[test]
fn a_looked_after_child_going_missing_raises_the_level() {
    let answers = "  missing_from_home_or_care: {answer: yes, windows: [recent], basis: evidence, follow_up: {episodes: 1}}\n";
    let at_home = score(PROFILE_15, answers);
    let looked_after = score(
        "{age: 15, looked_after: yes, child_protection_plan: yes, learning_disability: no}",
        answers,
    );
    assert_eq!(at_home.level.id, "medium");
    assert_eq!(looked_after.level.id, "high");
    assert!(looked_after.level.rank > at_home.level.rank);
    assert!(!reason(&looked_after, "looked_after_child_missing").is_empty());
    assert!(routes(&looked_after).contains(&"return_home_conversation"));
}

#[test]
fn missing_episodes_long_past_ask_whether_return_interviews_were_offered_not_72_hours() {
    // oxfordshire-cse 2.4.0, found in review: five episodes, the last 9 months ago, were told
    // "within 72 hours of the child's return". Earlier episodes now bring a check that a return
    // interview was offered for each (and, if not, a talk with the child now); a recent episode
    // keeps the return interview within 72 hours.
    let missing = |windows: &str, n: u32| {
        score(
            PROFILE_15,
            &format!(
                "  missing_from_home_or_care: {{answer: yes, windows: [{windows}], follow_up: {{episodes: {n}}}}}\n"
            ),
        )
    };
    for n in [1, 2, 5] {
        let earlier = missing("earlier", n);
        let r = routes(&earlier);
        assert!(r.contains(&"earlier_return_interviews"), "{n}: {r:?}");
        assert!(!r.contains(&"return_home_conversation"), "{n}: {r:?}");
        let recent = missing("recent", n);
        assert!(
            routes(&recent).contains(&"return_home_conversation"),
            "{n}: {:?}",
            routes(&recent)
        );
        let both = missing("recent, earlier", n);
        let r = routes(&both);
        assert!(
            r.contains(&"return_home_conversation") && r.contains(&"earlier_return_interviews"),
            "{n}: {r:?}"
        );
    }
    let twice = missing("earlier", 2);
    let why = reason(&twice, "repeat_missing_episodes").to_lowercase();
    assert!(why.contains("return"), "{why}");
    let route = twice
        .routes
        .iter()
        .find(|r| r.id == "earlier_return_interviews")
        .expect("the route");
    assert!(
        !route.timescale.contains("72 hours")
            && route
                .action
                .to_lowercase()
                .contains("record any decision not to"),
        "{route:?}"
    );
    // One recent episode: the return interview within 72 hours, and no check of earlier ones.
    let once = missing("recent", 1);
    assert!(
        !routes(&once).contains(&"earlier_return_interviews"),
        "{:?}",
        routes(&once)
    );
}

#[test]
fn a_missing_episode_count_that_is_not_recorded_is_listed_as_undetermined() {
    let a = score(
        PROFILE_15,
        "  missing_from_home_or_care: {answer: yes, windows: [earlier]}\n",
    );
    let pending: Vec<(&str, &[String])> = a
        .undetermined
        .iter()
        .map(|u| (u.rule.as_str(), u.needs.as_slice()))
        .collect();
    assert!(
        pending.contains(&(
            "repeat_missing_episodes",
            &["missing_from_home_or_care.episodes".to_owned()][..]
        )),
        "{pending:?}"
    );
}

#[test]
fn several_not_known_significant_indicators_mean_find_out_before_concluding() {
    let three = "  cars_with_unknown_adults: {answer: not_known}\n  unexplained_money_or_items: {answer: not_known}\n  controlled_by_older_person: {answer: not_known}\n";
    let a = score(PROFILE_15, three);
    assert!(
        routes(&a).contains(&"find_out_before_concluding"),
        "{:?}",
        routes(&a)
    );
    assert_eq!(a.not_known.len(), 3);
    assert!(!reason(&a, "significant_not_known").is_empty());

    // Two not known and everything else answered no: nothing further to find out by rule.
    let mut all_no: String = oxfordshire()
        .indicators
        .iter()
        .map(|i| format!("  {}: {{answer: no}}\n", i.id))
        .collect();
    all_no = all_no.replace(
        "  cars_with_unknown_adults: {answer: no}",
        "  cars_with_unknown_adults: {answer: not_known}",
    );
    all_no = all_no.replace(
        "  unexplained_money_or_items: {answer: no}",
        "  unexplained_money_or_items: {answer: not_known}",
    );
    let b = score(PROFILE_15, &all_no);
    assert!(
        !routes(&b).contains(&"find_out_before_concluding"),
        "{:?}",
        routes(&b)
    );
}

#[test]
fn a_medium_result_offers_the_exploitation_network_and_a_way_to_disagree_but_no_maramp() {
    let answers =
        "  controlled_by_older_person: {answer: yes, windows: [recent], basis: concern}\n";
    let a = score(
        "{age: 15, looked_after: no, child_protection_plan: no, learning_disability: no}",
        answers,
    );
    assert_eq!(a.level.id, "medium");
    for route in [
        "exploitation_network",
        "professional_disagreement",
        "kingfisher_consultation",
        "police_information",
    ] {
        assert!(routes(&a).contains(&route), "{route}: {:?}", routes(&a));
    }
    // MARAMP had no primary source and is gone; the level is the same with or without a plan.
    let q = oxfordshire();
    assert!(q.routes.iter().all(|r| r.id != "maramp"));
    assert!(q.rules.iter().all(|r| !r.reason.contains("MARAMP")));
    assert_eq!(score(PROFILE_15, answers).level.id, "medium");
}

#[test]
fn a_child_with_a_learning_disability_and_concerns_is_never_low() {
    let answers = "  not_in_education: {answer: yes, basis: evidence}\n";
    let without = score(PROFILE_15, answers);
    assert_eq!(without.level.id, "low");
    let with = score(
        "{age: 15, looked_after: no, child_protection_plan: yes, learning_disability: yes}",
        answers,
    );
    assert_eq!(with.level.id, "medium");
    assert!(!reason(&with, "learning_disability_not_low").is_empty());
}

#[test]
fn a_child_under_13_with_any_risk_indicator_is_never_low() {
    let answers = "  not_in_education: {answer: yes, basis: evidence}\n";
    let a = score(
        "{age: 12, looked_after: no, child_protection_plan: yes, learning_disability: no}",
        answers,
    );
    assert_eq!(a.level.id, "medium");
    assert!(!reason(&a, "under_13_any_risk_indicator").is_empty());
}

#[test]
fn an_unknown_age_leaves_the_under_13_rules_undetermined() {
    let answers = "  cars_with_unknown_adults: {answer: yes, windows: [earlier]}\n";
    let a = score(
        "{age: not_known, looked_after: no, child_protection_plan: yes, learning_disability: no}",
        answers,
    );
    assert!(!fired(&a).contains(&"aged_13_or_under_significant_indicator"));
    let pending = a
        .undetermined
        .iter()
        .find(|u| u.rule == "aged_13_or_under_significant_indicator")
        .expect("undetermined");
    assert_eq!(pending.needs, ["age"]);
}

#[test]
fn every_route_above_record_and_rescreen_carries_the_information_sharing_reminder() {
    let q = oxfordshire();
    for route in q.routes.iter().filter(|r| r.id != "record_and_rescreen") {
        let texts: Vec<&str> = route
            .reminders
            .iter()
            .map(|&i| q.reminders[i].text.as_str())
            .collect();
        assert!(
            texts
                .iter()
                .any(|t| t.contains("Information Sharing Protocol")
                    && t.contains("seven golden rules")),
            "route {} lacks the reminder",
            route.id
        );
    }
}

#[test]
fn escalation_names_the_complex_case_panel_and_missing_episodes() {
    let q = oxfordshire();
    let e = q.escalation.as_ref().expect("escalation");
    assert_eq!(q.routes[e.route].id, "complex_case_panel");
    let m = e.missing.as_ref().expect("missing escalation");
    assert_eq!(q.indicators[m.indicator].id, "missing_from_home_or_care");
    assert_eq!(m.at_least, 2);
}

#[test]
fn the_oxfordshire_questionnaire_has_40_to_55_indicators_each_with_help() {
    let q = oxfordshire();
    assert!(
        (40..=55).contains(&q.indicators.len()),
        "{}",
        q.indicators.len()
    );
    assert!(q.indicators.iter().all(|i| !i.help.is_empty()));
    let learning: Vec<&str> = q
        .indicators
        .iter()
        .filter(|i| !i.learning.is_empty())
        .map(|i| i.id.as_str())
        .collect();
    for id in [
        "missing_from_home_or_care",
        "unexplained_injury",
        "drug_use",
        "alcohol_use",
    ] {
        assert!(learning.contains(&id), "no learning point on {id}");
    }
}

/// A complete screening on the bundled questionnaire `id`: every indicator not named is "no".
fn complete(id: &str, profile: &str, yes: &[&str]) -> Assessment {
    let b = questionnaire::bundled(id).expect("bundled");
    let q = questionnaire::from_str(b.text).expect("valid");
    let mut answers = String::new();
    for ind in &q.indicators {
        let windows = matches!(ind.scoring, questionnaire::Scoring::Windows(_));
        let answer = if yes.contains(&ind.id.as_str()) {
            if windows {
                "{answer: yes, windows: [recent]}"
            } else {
                "{answer: yes}"
            }
        } else {
            "{answer: no}"
        };
        answers.push_str(&format!("  {}: {answer}\n", ind.id));
    }
    let yaml = format!(
        "questionnaire: {{id: {id}, version: {}, sha256: {}}}\n\
         screening: {{case_reference: EX-0002, date: 2026-12-01, practitioner: A. Example, agency: Example Academy, status: complete}}\n\
         profile: {profile}\n\
         answers:\n{answers}",
        q.version, q.sha256
    );
    let screening: Screening =
        serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    let responses = screening.responses(&q).unwrap_or_else(|p| panic!("{p:?}"));
    assess(&q, &responses)
}

/// Version 2.8.0, found in review: `child_protection_plan` was asked and read by nothing, and
/// `looked_after` only by the missing rule. A child with a social worker (looked after, or
/// with a child protection plan; national asks only looked after) with any sign of sexual
/// harm, significant indicator or criminal exploitation indicator brings the route to tell the
/// social worker the same day and send them the screening (Southwark: a case already open goes
/// to its worker; the tool goes with the referral). It adds a route; it never changes the level.
#[test]
fn a_child_with_a_social_worker_and_a_concern_brings_telling_the_social_worker() {
    let rule = "child_with_a_social_worker";
    let route = "tell_social_worker";
    // A sign of sexual harm (a risk indicator among them), a significant indicator, missing
    // from home, a criminal exploitation indicator, one of its risk indicators.
    let concerns = [
        "sexual_images_solicited",
        "sexualised_behaviour",
        "cars_with_unknown_adults",
        "missing_from_home_or_care",
        "weapon_concern",
        "given_drugs_by_others",
    ];
    // Only a route, never a level: the rule raises nothing.
    for id in ["oxfordshire-cse", "national-cse"] {
        let b = questionnaire::bundled(id).expect("bundled");
        let q = questionnaire::from_str(b.text).expect("valid");
        let r = q.rules.iter().find(|r| r.id == rule).expect("the rule");
        assert!(r.raise_to.is_none(), "{id}: {rule} raises the level");
    }
    for (id, social_worker, none) in [
        (
            "oxfordshire-cse",
            &[
                "{age: 14, looked_after: yes, child_protection_plan: no, learning_disability: no}",
                "{age: 16, looked_after: no, child_protection_plan: yes, learning_disability: no}",
                "{age: 12, looked_after: yes, child_protection_plan: yes, learning_disability: no}",
            ][..],
            "{age: 14, looked_after: no, child_protection_plan: no, learning_disability: no}",
        ),
        (
            "national-cse",
            &[
                "{age: 14, looked_after: yes, learning_disability: no}",
                "{age: 17, looked_after: yes, learning_disability: no}",
            ][..],
            "{age: 14, looked_after: no, learning_disability: no}",
        ),
    ] {
        for profile in social_worker {
            for concern in concerns {
                let a = complete(id, profile, &[concern]);
                assert!(
                    fired(&a).contains(&rule) && routes(&a).contains(&route),
                    "{id} {profile} {concern}: {:?} {:?}",
                    fired(&a),
                    routes(&a)
                );
            }
            // A risk indicator or a vulnerability alone is not one of these concerns.
            for other in ["drug_use", "low_self_esteem"] {
                let a = complete(id, profile, &[other]);
                assert!(
                    !routes(&a).contains(&route),
                    "{id} {profile} {other}: {:?}",
                    routes(&a)
                );
            }
            // Not known is not a yes.
            let a = complete(id, profile, &[]);
            assert!(!routes(&a).contains(&route), "{id} {profile}");
        }
        // No social worker: no route.
        let a = complete(id, none, &["sexual_images_solicited"]);
        assert!(!routes(&a).contains(&route), "{id}: {:?}", routes(&a));
        let a = complete(id, none, &["cars_with_unknown_adults"]);
        assert!(!routes(&a).contains(&route), "{id}: {:?}", routes(&a));
        // The route says what to do, and why (Southwark; the tool goes with the referral).
        let a = complete(id, social_worker[0], &["cars_with_unknown_adults"]);
        let r = a.routes.iter().find(|r| r.id == route).expect("the route");
        assert!(
            r.action.contains("social worker")
                && r.action.contains("same")
                && r.action.contains("send them this screening")
                && r.timescale.contains("same day"),
            "{id}: {} / {}",
            r.action,
            r.timescale
        );
        let why = reason(&a, rule);
        assert!(why.contains("already open"), "{id}: {why}");
    }
    // Not known in place of yes: the route is not claimed, and the rule is listed as waiting
    // on the facts, never read as no.
    let a = complete(
        "oxfordshire-cse",
        "{age: 14, looked_after: not_known, child_protection_plan: not_known, learning_disability: no}",
        &["cars_with_unknown_adults"],
    );
    assert!(!routes(&a).contains(&route), "{:?}", routes(&a));
    assert!(
        a.undetermined.iter().any(|u| u.rule == rule),
        "{:?}",
        a.undetermined
    );
}
