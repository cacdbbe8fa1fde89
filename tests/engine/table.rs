//! Table-driven engine tests over the small example questionnaire (examples/questionnaire-minimal.yaml):
//! `missing` (recent 5, earlier 1, follow-up `episodes`), `unexplained_gifts` (1);
//! levels low 0, medium 5, high 6; rule `under_13` (age below 13 and a significant yes → high);
//! rule `two_missing_episodes` (episodes ≥ 2 → return-home conversation).
//! Each row is an answer set and everything the assessment must say about it.

use cse_screen::engine::{
    Answer, Assessment, FactValue, Judgement, Responses, RouteFrom, SetBy, assess,
};
use cse_screen::questionnaire::{self, Questionnaire, YesNo};

const EXAMPLE: &str = include_str!("../../examples/questionnaire-minimal.yaml");

fn example() -> Questionnaire {
    questionnaire::from_str(EXAMPLE).expect("the example is valid")
}

/// One answer to `missing`: the answer, its windows and the episodes follow-up.
type Missing = (Answer, &'static [&'static str], Option<u32>);

struct Row {
    name: &'static str,
    age: Option<u32>,
    missing: Option<Missing>,
    gifts: Option<Answer>,
    judgement: Option<&'static str>,
    // expected
    score: u32,
    level: &'static str,
    routes: &'static [&'static str],
    fired: &'static [&'static str],
    undetermined: &'static [(&'static str, &'static [&'static str])],
}

const YES: Answer = Answer::Yes;
const NO: Answer = Answer::No;
const NK: Answer = Answer::NotKnown;

#[rustfmt::skip]
const ROWS: &[Row] = &[
    Row { name: "nothing answered yet", age: Some(14), missing: None, gifts: None, judgement: None,
          score: 0, level: "low", routes: &["record_and_rescreen"], fired: &[], undetermined: &[] },
    Row { name: "all no", age: Some(14), missing: Some((NO, &[], None)), gifts: Some(NO), judgement: None,
          score: 0, level: "low", routes: &["record_and_rescreen"], fired: &[], undetermined: &[] },
    Row { name: "recent window scores 5", age: Some(14), missing: Some((YES, &["recent"], Some(0))), gifts: Some(NO), judgement: None,
          score: 5, level: "medium", routes: &["discuss_with_dsl", "record_and_rescreen"], fired: &[], undetermined: &[] },
    Row { name: "earlier window scores 1", age: Some(14), missing: Some((YES, &["earlier"], Some(0))), gifts: Some(NO), judgement: None,
          score: 1, level: "low", routes: &["record_and_rescreen"], fired: &[], undetermined: &[] },
    Row { name: "both windows score 6", age: Some(14), missing: Some((YES, &["recent", "earlier"], Some(0))), gifts: Some(NO), judgement: None,
          score: 6, level: "high", routes: &["strategy_meeting", "discuss_with_dsl", "record_and_rescreen"], fired: &[], undetermined: &[] },
    Row { name: "yes with no window recorded scores the highest window", age: Some(14), missing: Some((YES, &[], Some(0))), gifts: Some(NO), judgement: None,
          score: 5, level: "medium", routes: &["discuss_with_dsl", "record_and_rescreen"], fired: &[], undetermined: &[] },
    Row { name: "points add across sections", age: Some(14), missing: Some((YES, &["recent"], Some(0))), gifts: Some(YES), judgement: None,
          score: 6, level: "high", routes: &["strategy_meeting", "discuss_with_dsl", "record_and_rescreen"], fired: &[], undetermined: &[] },
    Row { name: "not known scores nothing but is listed", age: Some(14), missing: Some((NK, &[], None)), gifts: Some(NK), judgement: None,
          score: 0, level: "low", routes: &["record_and_rescreen"], fired: &[], undetermined: &[] },
    Row { name: "under 13 with a significant indicator is high", age: Some(12), missing: Some((YES, &["earlier"], Some(0))), gifts: Some(NO), judgement: None,
          score: 1, level: "high", routes: &["strategy_meeting", "discuss_with_dsl", "record_and_rescreen"], fired: &["under_13"], undetermined: &[] },
    Row { name: "13 is not under 13", age: Some(13), missing: Some((YES, &["earlier"], Some(0))), gifts: Some(NO), judgement: None,
          score: 1, level: "low", routes: &["record_and_rescreen"], fired: &[], undetermined: &[] },
    Row { name: "under 13 with only a risk indicator", age: Some(12), missing: Some((NO, &[], None)), gifts: Some(YES), judgement: None,
          score: 1, level: "low", routes: &["record_and_rescreen"], fired: &[], undetermined: &[] },
    Row { name: "age not known leaves the age rule undetermined", age: None, missing: Some((YES, &["earlier"], Some(0))), gifts: Some(NO), judgement: None,
          score: 1, level: "low", routes: &["record_and_rescreen"], fired: &[], undetermined: &[("under_13", &["age"])] },
    Row { name: "age not known does not matter when no significant indicator", age: None, missing: Some((NO, &[], None)), gifts: Some(YES), judgement: None,
          score: 1, level: "low", routes: &["record_and_rescreen"], fired: &[], undetermined: &[] },
    Row { name: "two episodes add the return-home conversation, in urgency order", age: Some(14), missing: Some((YES, &["earlier"], Some(2))), gifts: Some(NO), judgement: None,
          score: 1, level: "low", routes: &["return_home_conversation", "record_and_rescreen"], fired: &["two_missing_episodes"], undetermined: &[] },
    Row { name: "one episode does not", age: Some(14), missing: Some((YES, &["earlier"], Some(1))), gifts: Some(NO), judgement: None,
          score: 1, level: "low", routes: &["record_and_rescreen"], fired: &[], undetermined: &[] },
    Row { name: "episodes not recorded leaves the rule undetermined", age: Some(14), missing: Some((YES, &["earlier"], None)), gifts: Some(NO), judgement: None,
          score: 1, level: "low", routes: &["record_and_rescreen"], fired: &[], undetermined: &[("two_missing_episodes", &["missing.episodes"])] },
    Row { name: "episodes are ignored unless the answer is yes", age: Some(14), missing: Some((NK, &[], Some(4))), gifts: Some(NO), judgement: None,
          score: 0, level: "low", routes: &["record_and_rescreen"], fired: &[], undetermined: &[] },
    Row { name: "judgement raises the level and brings its routes", age: Some(14), missing: Some((NO, &[], None)), gifts: Some(NO), judgement: Some("high"),
          score: 0, level: "high", routes: &["strategy_meeting", "discuss_with_dsl", "record_and_rescreen"], fired: &[], undetermined: &[] },
    Row { name: "judgement never lowers", age: Some(14), missing: Some((YES, &["recent"], Some(0))), gifts: Some(NO), judgement: Some("low"),
          score: 5, level: "medium", routes: &["discuss_with_dsl", "record_and_rescreen"], fired: &[], undetermined: &[] },
    Row { name: "rules and level routes together, each once", age: Some(12), missing: Some((YES, &["recent", "earlier"], Some(3))), gifts: Some(YES), judgement: None,
          score: 7, level: "high", routes: &["strategy_meeting", "return_home_conversation", "discuss_with_dsl", "record_and_rescreen"], fired: &["under_13", "two_missing_episodes"], undetermined: &[] },
];

fn responses(q: &Questionnaire, row: &Row) -> Responses {
    let mut r = Responses::empty(q);
    let age = q.fact("age").expect("age");
    r.profile[age] = row.age.map_or(FactValue::NotKnown, FactValue::Age);
    r.profile[q.fact("looked_after").expect("fact")] = FactValue::YesNo(YesNo::No);
    if let Some((answer, windows, episodes)) = row.missing {
        let i = q.indicator("missing").expect("indicator");
        r.indicators[i].answer = Some(answer);
        r.indicators[i].windows = windows
            .iter()
            .map(|w| q.window(w).expect("window"))
            .collect();
        r.indicators[i].follow_ups = vec![episodes];
    }
    if let Some(answer) = row.gifts {
        r.indicators[q.indicator("unexplained_gifts").expect("indicator")].answer = Some(answer);
    }
    r.judgement = row.judgement.map(|l| Judgement {
        raise_to: q.level(l).expect("level"),
        reason: "Discussed with the safeguarding lead.".to_owned(),
    });
    r
}

/// What a row checks: score, level, routes, fired rules, undetermined rules and their needs.
type Summary = (
    u32,
    String,
    Vec<String>,
    Vec<String>,
    Vec<(String, Vec<String>)>,
);

fn summary(a: &Assessment) -> Summary {
    (
        a.score,
        a.level.id.clone(),
        a.routes.iter().map(|r| r.id.clone()).collect(),
        a.fired_rules.iter().map(|r| r.id.clone()).collect(),
        a.undetermined
            .iter()
            .map(|u| (u.rule.clone(), u.needs.clone()))
            .collect(),
    )
}

#[test]
fn every_row_scores_as_expected() {
    let q = example();
    let mut failures = Vec::new();
    for row in ROWS {
        let got = summary(&assess(&q, &responses(&q, row)));
        let want: Summary = (
            row.score,
            row.level.to_owned(),
            row.routes.iter().map(|s| (*s).to_owned()).collect(),
            row.fired.iter().map(|s| (*s).to_owned()).collect(),
            row.undetermined
                .iter()
                .map(|(r, n)| ((*r).to_owned(), n.iter().map(|s| (*s).to_owned()).collect()))
                .collect(),
        );
        if got != want {
            failures.push(format!("{}:\n  got  {got:?}\n  want {want:?}", row.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_immediate_danger_route_and_disclaimer_come_with_every_result() {
    let q = example();
    for row in ROWS {
        let a = assess(&q, &responses(&q, row));
        assert_eq!(a.immediate_danger.id, "call_999", "{}", row.name);
        assert!(a.disclaimer.contains("not a decision"), "{}", row.name);
    }
}

#[test]
fn the_assessment_explains_itself() {
    let q = example();
    let row = &ROWS[19];
    let a = assess(&q, &responses(&q, row));
    let contributions: Vec<(&str, &[String], u32)> = a
        .contributions
        .iter()
        .map(|c| (c.indicator.as_str(), c.windows.as_slice(), c.points))
        .collect();
    assert_eq!(
        contributions,
        [
            (
                "missing",
                &["recent".to_owned(), "earlier".to_owned()][..],
                6
            ),
            ("unexplained_gifts", &[][..], 1)
        ]
    );
    assert_eq!(
        a.sections
            .iter()
            .map(|s| (s.id.as_str(), s.points))
            .collect::<Vec<_>>(),
        [("significant_indicators", 6), ("risk_indicators", 1)]
    );
    assert_eq!(
        a.fired_rules[0].reason,
        "A child under 13 cannot consent to any sexual activity."
    );
    assert_eq!(
        a.level_set_by,
        [SetBy::Score, SetBy::Rule("under_13".to_owned())]
    );
    assert_eq!(a.review_interval_days, 14);
    assert_eq!(
        a.reminders,
        ["Share information with the agencies involved and record what you shared and why."]
    );
    let strategy = &a.routes[0];
    assert_eq!(
        (strategy.id.as_str(), strategy.from.as_slice()),
        (
            "strategy_meeting",
            &[RouteFrom::Level("high".to_owned())][..]
        )
    );
    let home = a
        .routes
        .iter()
        .find(|r| r.id == "return_home_conversation")
        .expect("route");
    assert_eq!(
        home.from,
        [RouteFrom::Rule("two_missing_episodes".to_owned())]
    );
}

#[test]
fn not_known_and_unanswered_are_listed_as_things_to_find_out() {
    let q = example();
    let a = assess(&q, &responses(&q, &ROWS[7]));
    assert_eq!(
        a.not_known
            .iter()
            .map(|i| i.id.as_str())
            .collect::<Vec<_>>(),
        ["missing", "unexplained_gifts"]
    );
    let fresh = assess(&q, &responses(&q, &ROWS[0]));
    assert_eq!(fresh.unanswered.len(), 2);
    assert!(fresh.not_known.is_empty());
}

#[test]
fn a_window_assumed_is_marked() {
    let q = example();
    let a = assess(&q, &responses(&q, &ROWS[5]));
    assert!(a.contributions[0].window_assumed);
    let b = assess(&q, &responses(&q, &ROWS[2]));
    assert!(!b.contributions[0].window_assumed);
}

#[test]
fn a_judgement_below_the_outcome_is_recorded_but_changes_nothing() {
    let q = example();
    let a = assess(&q, &responses(&q, &ROWS[18]));
    let j = a.judgement.expect("judgement recorded");
    assert_eq!((j.raise_to.as_str(), j.raised), ("low", false));
    let b = assess(&q, &responses(&q, &ROWS[17]));
    assert_eq!(b.level_set_by, [SetBy::Judgement]);
    assert!(b.judgement.expect("judgement").raised);
}
