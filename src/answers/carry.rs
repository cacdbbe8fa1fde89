//! Carrying a saved screening to a later version of its questionnaire: which answers carry
//! over as they are, which questions are asked again, and when the screening must stay with
//! the version it was started with (docs/decisions.md, decision 31). Pure: no I/O.

use super::Screening;
use super::check;
use crate::questionnaire::{Fact, Indicator, Questionnaire, Scoring};

/// A screening moved to a later version of its questionnaire.
#[derive(Debug, Clone)]
pub struct Carried {
    /// The screening stamped with the later version, every answer and fact as it was.
    pub screening: Screening,
    /// Questions to ask again, with their saved answers shown as the current ones, in the
    /// later version's order.
    pub ask_again: Vec<AskAgain>,
    /// How many answers were carried over (those asked again included).
    pub answers: usize,
    /// How many facts about the child were carried over.
    pub facts: usize,
    /// How many questions and facts of the later version the screening had no answer for
    /// in the earlier one because they are new.
    pub new_questions: usize,
}

/// A question whose saved answer is carried over but must be seen again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskAgain {
    /// The indicator or fact id.
    pub id: String,
    /// True for a profile fact, false for an indicator.
    pub fact: bool,
    pub why: Why,
}

/// Why a carried answer is asked again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Its question, its choices or a follow-up answered under it is worded differently.
    Reworded,
    /// It is a "yes" and the later version asks a follow-up question after it that the
    /// earlier one did not.
    NewFollowUp,
}

/// Moves `s`, made with `from`, to `to`, a later version of the same questionnaire. Every
/// answer and fact carries over unchanged, or none does: when an answered question or a
/// fact is not in `to`, or asks for a different kind of answer, or an answer no longer
/// fits `to` (a window or rating it does not have), the reasons are returned, one sentence
/// each, and the screening stays with `from`. An answer is never changed or dropped here.
pub fn carry(
    s: &Screening,
    from: &Questionnaire,
    to: &Questionnaire,
) -> Result<Carried, Vec<String>> {
    let mut reasons = Vec::new();
    let mut ask_again = Vec::new();
    for (id, _) in s.profile.iter() {
        let Some(before) = from.profile.iter().find(|f| f.id == *id) else {
            continue; // Not a fact of `from`: the check of the saved file refused it.
        };
        match to.profile.iter().find(|f| f.id == *id) {
            None => reasons.push(format!(
                "the fact \"{}\" is not asked in {} {}",
                before.prompt, to.id, to.version
            )),
            Some(after) if after.kind != before.kind => reasons.push(format!(
                "the fact \"{}\" is asked for a different kind of answer in {} {}",
                before.prompt, to.id, to.version
            )),
            Some(after) if !same_fact(before, after) => ask_again.push(AskAgain {
                id: id.clone(),
                fact: true,
                why: Why::Reworded,
            }),
            Some(_) => {}
        }
    }
    for (id, entry) in s.answers.iter() {
        let Some(before) = from.indicators.iter().find(|i| i.id == *id) else {
            continue;
        };
        let Some(after) = to.indicators.iter().find(|i| i.id == *id) else {
            reasons.push(format!(
                "the question \"{}\" is not in {} {}",
                before.prompt, to.id, to.version
            ));
            continue;
        };
        let answered: Vec<&String> = entry.follow_up.keys().collect();
        let follow_ups_gone = answered
            .iter()
            .any(|f| !after.follow_ups.iter().any(|a| a.id == **f));
        if std::mem::discriminant(&before.scoring) != std::mem::discriminant(&after.scoring)
            || follow_ups_gone
        {
            reasons.push(format!(
                "the question \"{}\" asks for a different kind of answer in {} {}",
                before.prompt, to.id, to.version
            ));
            continue;
        }
        let reworded = before.prompt != after.prompt
            || shape(before, from) != shape(after, to)
            || answered.iter().any(|f| {
                let b = before.follow_ups.iter().find(|x| x.id == **f);
                let a = after.follow_ups.iter().find(|x| x.id == **f);
                b.map(|b| (&b.prompt, b.kind)) != a.map(|a| (&a.prompt, a.kind))
            });
        let new_follow_up = entry.answer == crate::engine::Answer::Yes
            && after
                .follow_ups
                .iter()
                .any(|a| !before.follow_ups.iter().any(|b| b.id == a.id));
        let why = if reworded {
            Some(Why::Reworded)
        } else if new_follow_up {
            Some(Why::NewFollowUp)
        } else {
            None
        };
        if let Some(why) = why {
            ask_again.push(AskAgain {
                id: id.clone(),
                fact: false,
                why,
            });
        }
    }
    let mut moved = s.clone();
    moved.questionnaire.id.clone_from(&to.id);
    moved.questionnaire.version.clone_from(&to.version);
    moved.questionnaire.sha256.clone_from(&to.sha256);
    if reasons.is_empty()
        && let Err(problems) = check::check(&moved, to)
    {
        reasons.extend(
            problems
                .into_iter()
                .map(|p| format!("{} in {} {}", p.problem.message, to.id, to.version)),
        );
    }
    if !reasons.is_empty() {
        return Err(reasons);
    }
    // In the later version's order: facts first, then the questions as they are asked.
    let order = |a: &AskAgain| {
        if a.fact {
            to.profile.iter().position(|f| f.id == a.id)
        } else {
            to.indicators
                .iter()
                .position(|i| i.id == a.id)
                .map(|i| i + to.profile.len())
        }
    };
    ask_again.sort_by_key(order);
    let new_questions = to
        .profile
        .iter()
        .filter(|f| !from.profile.iter().any(|b| b.id == f.id))
        .count()
        + to.indicators
            .iter()
            .filter(|i| !from.indicators.iter().any(|b| b.id == i.id))
            .count();
    Ok(Carried {
        answers: s.answers.len(),
        facts: s.profile.len(),
        screening: moved,
        ask_again,
        new_questions,
    })
}

fn same_fact(a: &Fact, b: &Fact) -> bool {
    a.prompt == b.prompt && a.kind == b.kind
}

/// What a "yes" to `i` is asked with, in words: the windows' labels, or the scale's options.
fn shape<'q>(i: &Indicator, q: &'q Questionnaire) -> Vec<(&'q str, &'q str)> {
    match &i.scoring {
        Scoring::Single(_) => Vec::new(),
        Scoring::Windows(w) => w
            .iter()
            .filter_map(|(at, _)| q.windows.get(*at))
            .map(|w| (w.id.as_str(), w.label.as_str()))
            .collect(),
        Scoring::Scale { scale, .. } => q
            .scales
            .get(*scale)
            .map(|s| {
                s.options
                    .iter()
                    .map(|o| (o.id.as_str(), o.label.as_str()))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{AnswerEntry, Details, ProfileValue, Stamp, Status};
    use crate::engine::Answer;
    use crate::questionnaire::{self, EARLIER};

    const MINIMAL: &str = include_str!("../../examples/questionnaire-minimal.yaml");

    fn minimal(edit: &[(&str, &str)]) -> Questionnaire {
        let mut text = MINIMAL.replace("version: 0.1.0", "version: 0.2.0");
        for (from, to) in edit {
            assert_eq!(text.matches(from).count(), 1, "{from}");
            text = text.replace(from, to);
        }
        questionnaire::from_str(&text).expect("valid")
    }

    /// Every question of `q` answered `answer` (a yes with a window, a basis and its
    /// follow-ups), its facts given, status complete.
    fn answered(q: &Questionnaire, answer: Answer) -> Screening {
        let mut s = Screening {
            schema: None,
            format: Some(1),
            questionnaire: Stamp {
                id: q.id.clone(),
                version: q.version.clone(),
                sha256: q.sha256.clone(),
            },
            screening: Details {
                case_reference: "EX-0001".into(),
                date: "2026-11-24".into(),
                practitioner: "A. Example".into(),
                agency: "Example Academy".into(),
                status: Status::Complete,
            },
            profile: Default::default(),
            answers: Default::default(),
            judgement: None,
            decisions: None,
        };
        for f in &q.profile {
            let v = match f.kind {
                crate::questionnaire::FactKind::Age => ProfileValue::Number(14),
                _ => ProfileValue::Answer(Answer::No),
            };
            s.profile.set(&f.id, v);
        }
        for i in &q.indicators {
            let mut e = AnswerEntry::new(answer);
            if answer == Answer::Yes {
                e.basis = Some(crate::answers::Basis::Concern);
                match &i.scoring {
                    Scoring::Windows(w) => e.windows = vec![q.windows[w[0].0].id.clone()],
                    Scoring::Scale { scale, .. } => {
                        e.rating = q.scales[*scale].options.last().map(|o| o.id.clone());
                    }
                    Scoring::Single(_) => {}
                }
                for f in &i.follow_ups {
                    e.follow_up.insert(f.id.clone(), 1);
                }
            }
            s.answers.set(&i.id, e);
        }
        s
    }

    #[test]
    fn an_unchanged_question_carries_over_as_it_was_and_only_the_stamp_changes() {
        let from = questionnaire::from_str(MINIMAL).expect("valid");
        let to = minimal(&[]);
        for answer in [Answer::Yes, Answer::No, Answer::NotKnown] {
            let s = answered(&from, answer);
            let c = carry(&s, &from, &to).expect("carried");
            assert!(c.ask_again.is_empty());
            assert_eq!((c.answers, c.facts, c.new_questions), (2, 2, 0));
            assert_eq!(c.screening.questionnaire.version, "0.2.0");
            assert_eq!(c.screening.questionnaire.sha256, to.sha256);
            let mut back = c.screening.clone();
            back.questionnaire = s.questionnaire.clone();
            assert_eq!(back, s, "nothing but the stamp may change");
        }
    }

    #[test]
    fn a_reworded_question_and_a_yes_with_a_new_follow_up_are_asked_again() {
        let from = questionnaire::from_str(MINIMAL).expect("valid");
        let to = minimal(&[
            (
                "prompt: Does the child have money, phones or other items that cannot be explained?",
                "prompt: Does the child have money, phones, clothes or other items nobody can explain?",
            ),
            (
                "prompt: How many episodes are known?}",
                "prompt: How many episodes are known?}\n          - {id: nights, kind: count, prompt: How many nights away?}",
            ),
            (
                "prompt: Is the child looked after?",
                "prompt: Is the child in care?",
            ),
        ]);
        let c = carry(&answered(&from, Answer::Yes), &from, &to).expect("carried");
        let asked: Vec<(&str, bool, Why)> = c
            .ask_again
            .iter()
            .map(|a| (a.id.as_str(), a.fact, a.why))
            .collect();
        assert_eq!(
            asked,
            [
                ("looked_after", true, Why::Reworded),
                ("missing", false, Why::NewFollowUp),
                ("unexplained_gifts", false, Why::Reworded),
            ]
        );
        // A "no" needs none of the new follow-up's questions.
        let c = carry(&answered(&from, Answer::No), &from, &to).expect("carried");
        let ids: Vec<&str> = c.ask_again.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["looked_after", "unexplained_gifts"]);
    }

    #[test]
    fn a_new_question_is_counted_and_left_to_be_asked() {
        let from = questionnaire::from_str(MINIMAL).expect("valid");
        let to = minimal(&[(
            "        weight: 1\n",
            "        weight: 1\n      - {id: new_phone, prompt: Does the child have a new phone?, help: Ask who gave it., category: risk, weight: 1}\n",
        )]);
        let c = carry(&answered(&from, Answer::No), &from, &to).expect("carried");
        assert_eq!((c.new_questions, c.ask_again.len()), (1, 0));
        assert!(c.screening.answers.get("new_phone").is_none());
    }

    #[test]
    fn an_answer_with_no_place_in_the_later_version_keeps_the_earlier_one() {
        let from = questionnaire::from_str(MINIMAL).expect("valid");
        // The question gone, its kind changed, a window gone, a fact's kind changed: each
        // is a reason, and nothing is carried.
        let gone = minimal(&[(
            "      - id: unexplained_gifts\n        prompt: Does the child have money, phones or other items that cannot be explained?\n        help: Ask who gave them and what was expected in return.\n        category: risk\n        weight: 1\n",
            "      - id: new_phone\n        prompt: Does the child have a new phone?\n        help: Ask who gave it.\n        category: risk\n        weight: 1\n",
        )]);
        let single = minimal(&[(
            "        weights: {recent: 5, earlier: 1}\n",
            "        weight: 5\n",
        )]);
        let fact = minimal(&[(
            "  - id: looked_after\n    kind: yes_no\n    prompt: Is the child looked after?\n",
            "",
        )]);
        for (to, says) in [
            (&gone, "the question \"Does the child have money"),
            (
                &single,
                "the question \"Has the child been missing from home or care?\" asks for a different kind of answer",
            ),
            (
                &fact,
                "the fact \"Is the child looked after?\" is not asked",
            ),
        ] {
            let reasons = carry(&answered(&from, Answer::Yes), &from, to).expect_err("kept");
            assert!(reasons.iter().any(|r| r.starts_with(says)), "{reasons:?}");
        }
        // A window the answer ticked, gone from the later version: the check says so.
        let window = minimal(&[(
            "        weights: {recent: 5, earlier: 1}\n",
            "        weights: {earlier: 5}\n",
        )]);
        let reasons = carry(&answered(&from, Answer::Yes), &from, &window).expect_err("kept");
        assert!(reasons.iter().any(|r| r.contains("recent")), "{reasons:?}");
    }

    /// Every kept version to the current one, answered yes to everything and no to
    /// everything: carried with every answer as it was, or kept with reasons; never changed.
    #[test]
    fn every_earlier_version_carries_to_the_current_one_unchanged_or_not_at_all() {
        let mut carried = Vec::new();
        for e in EARLIER {
            let from = questionnaire::from_str(e.text).expect("valid");
            let to = questionnaire::bundled(e.id)
                .and_then(|b| questionnaire::from_str(b.text).ok())
                .expect("current");
            for answer in [Answer::Yes, Answer::No] {
                let s = answered(&from, answer);
                match carry(&s, &from, &to) {
                    Ok(c) => {
                        let mut back = c.screening.clone();
                        back.questionnaire = s.questionnaire.clone();
                        assert_eq!(back, s, "{}", e.path);
                        carried.push(format!("{}@{}", e.id, e.version));
                    }
                    Err(reasons) => assert!(!reasons.is_empty()),
                }
            }
        }
        // The versions whose questions the current ones still ask in the same way.
        for v in [
            "national-cse@2.3.0",
            "oxfordshire-cse@2.0.0",
            "seraf@1.4.0",
            "pan-cheshire@1.4.0",
        ] {
            assert!(carried.iter().any(|c| c == v), "{v}: {carried:?}");
        }
        assert!(
            !carried.iter().any(|c| c == "national-cse@1.0.0"),
            "{carried:?}"
        );
    }
}
