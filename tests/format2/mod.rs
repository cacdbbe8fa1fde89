//! Questionnaire format 2: the bundled SERAF and Pan-Cheshire tools scored on fictional
//! vignettes computed by hand from the published rules, and the safety properties of scales
//! and the new conditions on random format-2 questionnaires.

mod outputs;
mod pan_cheshire;
mod properties;
mod seraf;

use cse_screen::engine::{Answer, Assessment, FactValue, Response, Responses, assess};
use cse_screen::questionnaire::{self, Questionnaire, Scoring};

/// A bundled questionnaire, parsed.
pub fn bundled(id: &str) -> Questionnaire {
    let b = questionnaire::bundled(id).expect("bundled");
    questionnaire::from_str(b.text).expect("valid")
}

/// One answer in a vignette: `("id", "no")`, `("id", "yes")`, `("id", "not_known")`,
/// `("id", "yes@recent+earlier")` with windows, or `("id", "high")` for a scale rating.
pub fn responses(q: &Questionnaire, age: Option<u32>, answers: &[(&str, &str)]) -> Responses {
    let mut r = Responses::empty(q);
    // Every indicator not named is answered no: a complete screening.
    for x in &mut r.indicators {
        *x = Response {
            answer: Some(Answer::No),
            ..x.clone()
        };
    }
    for (id, value) in answers {
        let i = q
            .indicator(id)
            .unwrap_or_else(|| panic!("no indicator {id}"));
        let ind = &q.indicators[i];
        let (word, windows) = value.split_once('@').unwrap_or((value, ""));
        let e = &mut r.indicators[i];
        e.windows = windows
            .split('+')
            .filter(|w| !w.is_empty())
            .map(|w| q.window(w).expect("window"))
            .collect();
        match (word, &ind.scoring) {
            ("yes", _) => e.answer = Some(Answer::Yes),
            ("no", _) => e.answer = Some(Answer::No),
            ("not_known", _) => e.answer = Some(Answer::NotKnown),
            (option, Scoring::Scale { scale, .. }) => {
                let o = q.scales[*scale].option(option).expect("option");
                e.answer = Some(if o == 0 { Answer::No } else { Answer::Yes });
                e.option = (o > 0).then_some(o);
            }
            _ => panic!("{id}: {value}"),
        }
    }
    if let (Some(age), Some(f)) = (age, q.fact("age")) {
        r.profile[f] = FactValue::Age(age);
    }
    r
}

/// Scores a vignette.
pub fn score(q: &Questionnaire, age: Option<u32>, answers: &[(&str, &str)]) -> Assessment {
    assess(q, &responses(q, age, answers))
}

/// A vignette's level id, fired rule ids and route ids, at `age`.
pub fn outcome(
    q: &Questionnaire,
    age: u32,
    answers: &[(&str, &str)],
) -> (String, Vec<String>, Vec<String>) {
    let a = score(q, Some(age), answers);
    (
        a.level.id,
        a.fired_rules.iter().map(|r| r.id.clone()).collect(),
        a.routes.iter().map(|r| r.id.clone()).collect(),
    )
}

/// The reason `rule` gives for a vignette at `age`; the rule must fire.
pub fn reason(q: &Questionnaire, age: u32, answers: &[(&str, &str)], rule: &str) -> String {
    score(q, Some(age), answers)
        .fired_rules
        .into_iter()
        .find(|r| r.id == rule)
        .unwrap_or_else(|| panic!("{rule} did not fire"))
        .reason
}

#[test]
fn the_documented_format_2_example_is_the_tested_example_and_validates() {
    let doc = include_str!("../../docs/questionnaire-format.md");
    let block = doc
        .split("### A complete format-2 example")
        .nth(1)
        .and_then(|s| s.split("```yaml\n").nth(1))
        .and_then(|s| s.split("```").next())
        .expect("docs/questionnaire-format.md has a format-2 example");
    let file = include_str!("../../examples/questionnaire-format-2.yaml");
    assert_eq!(block, file);
    let q = questionnaire::from_str(file).expect("valid");
    // The compare rule: other person 17, child 14 -> 17 >= 14 + 3 -> High.
    let mut r = responses(&q, Some(14), &[("older_person", "yes@recent")]);
    let i = q.indicator("older_person").expect("indicator");
    r.indicators[i].follow_ups[0] = Some(17);
    assert_eq!(assess(&q, &r).level.id, "high");
    // 16 is not 14 + 3: missing weights 5 -> Low; no rule.
    r.indicators[i].follow_ups[0] = Some(16);
    assert_eq!(assess(&q, &r).level.id, "low");
    // Their age not known: the rule is undetermined, never false-then-lower.
    r.indicators[i].follow_ups[0] = None;
    let a = assess(&q, &r);
    assert_eq!(a.level.id, "low");
    assert_eq!(a.undetermined[0].rule, "age_gap");
}

#[test]
fn format_2_fields_in_a_format_1_file_are_located_problems() {
    let file = include_str!("../../examples/questionnaire-format-2.yaml")
        .replace("format: 2", "format: 1");
    let problems = questionnaire::from_str(&file).expect_err("refused");
    let text: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
    let all = text.join("\n");
    for want in [
        "`eligibility` needs `format: 2`",
        "`scales` needs `format: 2`",
        "level `high` has no `min_score`",
        "`inherit_routes` of level `medium` needs `format: 2`",
        "a `subtotal` condition needs `format: 2`",
        "a `compare` condition needs `format: 2`",
    ] {
        assert!(all.contains(want), "{want}\n{all}");
    }
}
