//! Questionnaire format 2: the bundled SERAF and Pan-Cheshire tools scored on fictional
//! vignettes computed by hand from the published rules, and the safety properties of scales
//! and the new conditions on random format-2 questionnaires.

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
