//! What the engine scores: answers aligned with a questionnaire's indicators and profile.
//!
//! Built by `answers` from a saved screening (which checks every id), by the interview as
//! it goes, or directly by tests. Indices refer to the questionnaire's vectors.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::questionnaire::{Questionnaire, YesNo};

/// An answer to an indicator. Never a `bool`: "not known" is an answer of its own.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    No,
    NotKnown,
    Yes,
}

impl Answer {
    pub const ALL: [Answer; 3] = [Answer::Yes, Answer::No, Answer::NotKnown];

    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::NotKnown => "not_known",
        }
    }
}

/// Text that is not `yes`, `no` or `not_known`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAnAnswer(pub String);

impl fmt::Display for NotAnAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not yes, no or not_known", self.0)
    }
}

impl std::error::Error for NotAnAnswer {}

impl FromStr for Answer {
    type Err = NotAnAnswer;
    /// `yes`, `no` or `not_known`, exactly as written in an answers file: the inverse of
    /// [`Answer::as_str`].
    fn from_str(s: &str) -> Result<Answer, NotAnAnswer> {
        Answer::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| NotAnAnswer(s.to_owned()))
    }
}

/// The answer to one indicator.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Response {
    pub answer: Option<Answer>,
    /// Window indices ticked (for a "yes"); empty means the window is not known.
    pub windows: Vec<usize>,
    /// Follow-up values, aligned with the indicator's follow-ups; `None` is not recorded.
    pub follow_ups: Vec<Option<u32>>,
    /// For an indicator rated on a scale and answered yes: the option's index (above the
    /// lowest). `None` with a "yes" is not recorded, and scores the highest option.
    pub option: Option<usize>,
}

impl Response {
    pub fn answered(answer: Answer) -> Response {
        Response {
            answer: Some(answer),
            ..Response::default()
        }
    }
}

/// The value of a profile fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FactValue {
    #[default]
    NotKnown,
    Age(u32),
    YesNo(YesNo),
}

/// The practitioner's judgement: raise the level, with a reason. It can only raise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub raise_to: usize,
    pub reason: String,
}

/// All answers of one screening, aligned with a questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Responses {
    /// One per indicator, in questionnaire order. `answer: None` means not yet answered.
    pub indicators: Vec<Response>,
    /// One per profile fact, in questionnaire order.
    pub profile: Vec<FactValue>,
    pub judgement: Option<Judgement>,
}

impl Responses {
    /// Nothing answered yet: every indicator unanswered, every fact not known.
    pub fn empty(q: &Questionnaire) -> Responses {
        Responses {
            indicators: q
                .indicators
                .iter()
                .map(|i| Response {
                    answer: None,
                    windows: Vec::new(),
                    follow_ups: vec![None; i.follow_ups.len()],
                    option: None,
                })
                .collect(),
            profile: vec![FactValue::NotKnown; q.profile.len()],
            judgement: None,
        }
    }

    /// The answer to indicator `i`; unanswered counts as not known.
    pub fn answer(&self, i: usize) -> Answer {
        self.indicators
            .get(i)
            .and_then(|r| r.answer)
            .unwrap_or(Answer::NotKnown)
    }

    /// The rating of indicator `i` on its scale of `options` options, where it is rated:
    /// `no` is the lowest option, a "yes" its option (the highest when not recorded), and
    /// not known is `None`.
    pub fn rating(&self, i: usize, options: usize) -> Option<usize> {
        let top = options.saturating_sub(1);
        match self.answer(i) {
            Answer::No => Some(0),
            Answer::NotKnown => None,
            Answer::Yes => Some(
                self.indicators
                    .get(i)
                    .and_then(|r| r.option)
                    .map_or(top, |o| o.min(top)),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_reads_back_what_it_writes_and_nothing_else() {
        for a in Answer::ALL {
            assert_eq!(a.as_str().parse::<Answer>(), Ok(a));
        }
        for bad in ["", "Yes", " yes", "not known", "true", "1"] {
            assert_eq!(bad.parse::<Answer>(), Err(NotAnAnswer(bad.to_owned())));
        }
    }
}
