//! The interview driver through a scripted prompter: a full run, back navigation, help,
//! changing an answer at review, judgement, cancel mid-way, resume, autosave and training.
//! Questionnaire: examples/questionnaire-minimal.yaml (two indicators). Fictional data only.

use std::io;
use std::path::{Path, PathBuf};

use super::checks::case_reference;
use super::scripted::{Scripted, Step::*};
use super::*;
use crate::answers::{Action, Basis, ProfileValue, Screening, Status};
use crate::engine::{Answer, Assessment};
use crate::questionnaire::{self, Questionnaire};

fn example() -> Questionnaire {
    questionnaire::from_str(include_str!("../../examples/questionnaire-minimal.yaml"))
        .expect("valid example")
}

fn settings() -> Settings {
    Settings {
        today: "2026-11-24".to_owned(),
        output: None,
        training: false,
    }
}

/// Records every save instead of writing files.
#[derive(Default)]
struct Memory {
    saves: Vec<(PathBuf, Screening)>,
    /// Pretend the default file already exists.
    exists: bool,
    /// Each record moved, from and to.
    renames: Vec<(PathBuf, PathBuf)>,
}

impl Saver for Memory {
    fn save(&mut self, path: &Path, screening: &Screening, first: bool) -> io::Result<()> {
        if first && self.exists {
            return Err(io::Error::new(io::ErrorKind::AlreadyExists, "exists"));
        }
        self.saves.push((path.to_path_buf(), screening.clone()));
        Ok(())
    }

    fn rename(&mut self, from: &Path, to: &Path, screening: &Screening) -> io::Result<bool> {
        if self.saves.iter().any(|(p, _)| p == to) {
            return Err(io::Error::new(io::ErrorKind::AlreadyExists, "exists"));
        }
        self.renames.push((from.to_path_buf(), to.to_path_buf()));
        self.saves.push((to.to_path_buf(), screening.clone()));
        Ok(true)
    }
}

const CASE: [super::scripted::Step; 4] = [
    Type("EX-0001"),
    Keep,
    Type("A. Example"),
    Type("Example Academy"),
];
const PROFILE: [super::scripted::Step; 2] = [Type("14"), Pick("No")];
const MISSING_YES: [super::scripted::Step; 5] = [
    Pick("Yes"),
    Tick(&["Now"]),
    Pick("Evidence"),
    Type("Missing three nights in October."),
    Type("3"),
];
const GIFTS_NOT_KNOWN: [super::scripted::Step; 1] = [Pick("Not known")];
const FINISH: [super::scripted::Step; 6] = [
    Pick("Finish"),
    Pick("Keep"),
    Type("Designated safeguarding lead"),
    Pick("Add"),
    Type("Refer to MASH"),
    Type("A. Example"),
];
/// As FINISH, for a screening already at the highest level: judgement has nothing to raise
/// to, and asks only for agreement.
const FINISH_AT_HIGHEST: [super::scripted::Step; 6] = [
    Pick("Finish"),
    Pick("Agree: the level stays High"),
    Type("Designated safeguarding lead"),
    Pick("Add"),
    Type("Refer to MASH"),
    Type("A. Example"),
];
const DUE_AND_DONE: [super::scripted::Step; 2] = [Type("2026-11-25"), Pick("Done")];

fn full_script() -> Vec<super::scripted::Step> {
    [
        &CASE[..],
        &PROFILE,
        &MISSING_YES,
        &GIFTS_NOT_KNOWN,
        &FINISH,
        &DUE_AND_DONE,
    ]
    .concat()
}

fn run(
    q: &Questionnaire,
    interview: Interview<'_>,
    script: Vec<super::scripted::Step>,
) -> (Outcome, Scripted, Memory) {
    let _ = q;
    let mut p = Scripted::new(script);
    let mut saver = Memory::default();
    let outcome = interview.run(&mut p, &mut saver).expect("no I/O error");
    assert!(
        p.finished(),
        "script not used up; transcript:\n{}",
        p.transcript.join("\n")
    );
    (outcome, p, saver)
}

fn complete(outcome: Outcome) -> (PathBuf, Screening, Assessment) {
    match outcome {
        Outcome::Complete {
            path,
            screening,
            assessment,
        } => (path, *screening, *assessment),
        other => panic!("expected a complete screening, got {other:?}"),
    }
}

#[test]
fn a_full_run_saves_a_complete_screening_and_scores_it() {
    let q = example();
    let (outcome, p, saver) = run(&q, Interview::new(&q, settings()), full_script());
    let (path, s, a) = complete(outcome);
    assert_eq!(path, PathBuf::from("EX-0001-2026-11-24.yaml"));
    assert_eq!(s.screening.status, Status::Complete);
    assert_eq!(
        (
            s.screening.case_reference.as_str(),
            s.screening.date.as_str()
        ),
        ("EX-0001", "2026-11-24")
    );
    assert_eq!(s.profile.get("age"), Some(&ProfileValue::Number(14)));
    let missing = s.answers.get("missing").expect("answered");
    assert_eq!(
        (missing.answer, missing.windows.as_slice(), missing.basis),
        (
            Answer::Yes,
            &["recent".to_owned()][..],
            Some(Basis::Evidence)
        )
    );
    assert_eq!(
        missing.note.as_deref(),
        Some("Missing three nights in October.")
    );
    assert_eq!(missing.follow_up.get("episodes"), Some(&3));
    assert_eq!(
        s.answers.get("unexplained_gifts").map(|e| e.answer),
        Some(Answer::NotKnown)
    );
    let decisions = s.decisions.as_ref().expect("decisions");
    assert_eq!(
        decisions.discussed_with.as_deref(),
        Some("Designated safeguarding lead")
    );
    assert_eq!(
        decisions.actions,
        [Action {
            action: "Refer to MASH".to_owned(),
            owner: "A. Example".to_owned(),
            due: "2026-11-25".to_owned(),
            language_kept: Vec::new(),
        }]
    );
    assert_eq!(s.judgement, None);
    assert_eq!((a.score, a.level.id.as_str()), (5, "medium"));
    assert!(a.routes.iter().any(|r| r.id == "return_home_conversation"));
    // The last save is the complete file.
    assert_eq!(saver.saves.last().map(|(_, s)| s), Some(&s));
    // Progress is shown with every indicator.
    assert!(
        p.transcript
            .iter()
            .any(|t| t.starts_with("select Has the child been missing"))
    );
}

#[test]
fn progress_counts_within_the_section_and_overall() {
    let q = example();
    let interview = Interview::new(&q, settings());
    assert_eq!(
        interview.progress(0),
        "Significant indicators · 1 of 1 · 1 of 2 overall"
    );
    assert_eq!(
        interview.progress(1),
        "Risk indicators · 1 of 1 · 2 of 2 overall"
    );
}

#[test]
fn every_answer_is_saved_as_it_is_given() {
    let q = example();
    let (_, _, saver) = run(&q, Interview::new(&q, settings()), full_script());
    // Nothing can be saved before the case reference and date name the file.
    let first = &saver.saves[0].1;
    assert_eq!(
        (
            first.screening.case_reference.as_str(),
            first.screening.status
        ),
        ("EX-0001", Status::InProgress)
    );
    assert!(first.screening.practitioner.is_empty());
    // Every later answer produced a save: practitioner, agency, 2 facts, the missing answer
    // and its 4 details, gifts, judgement, discussed with, the action, and the final save.
    let answered: Vec<usize> = saver
        .saves
        .iter()
        .map(|(_, s)| s.answers.len() + s.profile.len())
        .collect();
    assert!(
        answered.windows(2).all(|w| w[0] <= w[1]),
        "answers never disappear between saves: {answered:?}"
    );
    assert!(saver.saves.len() >= 13, "{} saves", saver.saves.len());
    assert!(
        saver
            .saves
            .iter()
            .all(|(path, _)| path == Path::new("EX-0001-2026-11-24.yaml"))
    );
}

#[test]
fn esc_steps_back_with_the_earlier_answer_selected() {
    let q = example();
    let script = [
        &CASE[..],
        &PROFILE,
        &MISSING_YES,
        // At the gifts question, go back: the missing question comes again, with Yes selected
        // and every detail pre-filled; keep them all.
        &[Back, Keep, Keep, Keep, Keep, Keep],
        &GIFTS_NOT_KNOWN,
        &FINISH,
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, p, _) = run(&q, Interview::new(&q, settings()), script);
    let (_, s, _) = complete(outcome);
    let (_, plain, _) = {
        let (o, _, _) = run(&q, Interview::new(&q, settings()), full_script());
        complete(o)
    };
    assert_eq!(
        s, plain,
        "going back and keeping every answer changes nothing"
    );
    let asked = |prefix: &str| {
        p.transcript
            .iter()
            .filter(|t| t.starts_with(prefix))
            .cloned()
            .collect::<Vec<_>>()
    };
    // Asked first with nothing selected, then again with the answer given.
    assert_eq!(
        asked("select Has the child been missing"),
        [
            "select Has the child been missing from home or care? []",
            "select Has the child been missing from home or care? [Yes]"
        ]
    );
    assert_eq!(
        asked("many When?")[1],
        "many When? Tick every time window that applies [Now or in the last 6 months]"
    );
    assert_eq!(
        asked("text How many episodes")[1],
        "text How many episodes are known? [3]"
    );
}

#[test]
fn esc_inside_an_indicator_goes_back_one_question() {
    let q = example();
    let script = [
        &CASE[..],
        &PROFILE,
        // Yes, tick recent, then at the basis question go back and tick both windows instead.
        &[
            Pick("Yes"),
            Tick(&["Now"]),
            Back,
            Tick(&["Now", "More"]),
            Pick("Concern"),
            Keep,
            Keep,
        ],
        &GIFTS_NOT_KNOWN,
        &FINISH_AT_HIGHEST,
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, _, _) = run(&q, Interview::new(&q, settings()), script);
    let (_, s, a) = complete(outcome);
    let missing = s.answers.get("missing").expect("answered");
    assert_eq!(missing.windows, ["recent", "earlier"]);
    assert_eq!(missing.basis, Some(Basis::Concern));
    assert_eq!(a.score, 6);
}

#[test]
fn esc_at_the_first_question_asks_it_again() {
    let q = example();
    let script = [&[Back][..], &full_script()].concat();
    let (outcome, p, _) = run(&q, Interview::new(&q, settings()), script);
    complete(outcome);
    assert_eq!(p.transcript[0], p.transcript[1]);
}

#[test]
fn help_is_one_choice_away() {
    let q = example();
    let script = [
        &CASE[..],
        &PROFILE,
        &[Pick("? Help")],
        &MISSING_YES,
        &GIFTS_NOT_KNOWN,
        &FINISH,
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, p, _) = run(&q, Interview::new(&q, settings()), script);
    complete(outcome);
    assert_eq!(
        p.said
            .iter()
            .find(|t| t.starts_with("Help:"))
            .map(String::as_str),
        Some("Help: Ask what the child is running to, as well as from.")
    );
}

#[test]
fn the_review_is_grouped_by_section_and_stays_in_a_section_after_a_change() {
    let q = example();
    let script = [
        &CASE[..],
        &PROFILE,
        &MISSING_YES,
        &GIFTS_NOT_KNOWN,
        &[
            // Each section says how its answers stand; Esc in a section goes back to them.
            Pick("Risk indicators: 1 NOT KNOWN"),
            Back,
            Pick("About the child: 2 questions"),
            Pick("Age of the child"),
            Type("15"),
            // Still in "About the child", on the question after the one changed.
            Pick("Back to the sections"),
            Pick("Risk indicators: 1 NOT KNOWN"),
            Pick("Does the child have money"),
            Pick("Yes"),
            Pick("Concern"),
            Keep,
        ],
        // "Finish" is offered inside a section too.
        &FINISH_AT_HIGHEST,
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, p, _) = run(&q, Interview::new(&q, settings()), script);
    let (_, s, _) = complete(outcome);
    assert_eq!(
        s.profile.get("age"),
        Some(&crate::answers::ProfileValue::Number(15))
    );
    assert_eq!(
        s.answers.get("unexplained_gifts").map(|e| e.answer),
        Some(Answer::Yes)
    );
    let sections =
        "select Review the answers: choose a section to see or change its answers, or finish.";
    let reviews: Vec<&String> = p
        .transcript
        .iter()
        .filter(|t| t.starts_with(sections))
        .collect();
    // Opened on "Finish"; back from a section, on that section.
    assert_eq!(
        reviews,
        [
            &format!("{sections} [Finish: go on to judgement and the result]"),
            &format!("{sections} [Risk indicators: 1 NOT KNOWN]"),
            &format!("{sections} [About the child: 2 questions]"),
        ]
    );
    assert!(
        p.transcript.contains(
            &"select About the child: choose an answer to change it, or go back to the sections. [Is the child looked after? [no]]".to_owned()
        ),
        "{:#?}",
        p.transcript
    );
    assert!(
        p.said
            .iter()
            .any(|t| t == "Changed: Age of the child in whole years: 14 → 15"),
        "{:#?}",
        p.said
    );
}

#[test]
fn the_file_name_follows_a_case_reference_or_date_changed_later() {
    let q = example();
    let script = [
        &[
            Type("EX-0001"),
            Keep,
            // Back from the practitioner to the date, and to the reference: change both.
            Back,
            Back,
            Type("EX-0002"),
            Type("2026-11-20"),
            Type("A. Example"),
            Type("Example Academy"),
        ][..],
        &PROFILE,
        &MISSING_YES,
        &GIFTS_NOT_KNOWN,
        &FINISH,
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, p, saver) = run(&q, Interview::new(&q, settings()), script);
    let (path, s, _) = complete(outcome);
    assert_eq!(path, PathBuf::from("EX-0002-2026-11-20.yaml"));
    assert_eq!(s.screening.case_reference, "EX-0002");
    assert_eq!(
        saver.renames,
        [
            (
                PathBuf::from("EX-0001-2026-11-24.yaml"),
                PathBuf::from("EX-0002-2026-11-24.yaml")
            ),
            (
                PathBuf::from("EX-0002-2026-11-24.yaml"),
                PathBuf::from("EX-0002-2026-11-20.yaml")
            ),
        ]
    );
    // Every save after the last move went to the new name.
    let after: Vec<&PathBuf> = saver.saves.iter().skip(3).map(|(p, _)| p).collect();
    assert!(after.iter().all(|p| p.as_path() == path), "{after:?}");
    assert!(p.said.iter().any(|t| t.starts_with(
        "The screening is now saved as EX-0002-2026-11-20.yaml (its name follows the case reference and date); EX-0002-2026-11-24.yaml is removed."
    )), "{:#?}", p.said);
}

/// A resumed file named for its reference and date follows a changed reference, in its
/// own folder, and says so; a file with a name of its own keeps it.
#[test]
fn a_resumed_file_named_for_the_case_follows_a_changed_reference() {
    let q = example();
    let (_, _, saver) = run(
        &q,
        Interview::new(&q, settings()),
        [&CASE[..], &PROFILE, &[Quit]].concat(),
    );
    let (_, partial) = saver.saves.last().cloned().expect("saved");
    // From the first question (missing), back through two facts, agency, practitioner and
    // date to the reference; change it; it goes on at the first question still to answer.
    let script = [Back, Back, Back, Back, Back, Back, Type("EX-0009"), Quit].to_vec();
    let folder = PathBuf::from("cases");
    let named = folder.join("EX-0001-2026-11-24.yaml");
    let (_, p, saver) = run(
        &q,
        Interview::resume(&q, partial.clone(), named.clone(), settings()),
        script.clone(),
    );
    assert_eq!(
        saver.renames,
        [(named, folder.join("EX-0009-2026-11-24.yaml"))],
        "{:#?}",
        p.transcript
    );
    assert!(
        p.transcript
            .last()
            .is_some_and(|t| t.starts_with("select Has the child been missing")),
        "{:#?}",
        p.transcript
    );
    assert!(
        p.said
            .iter()
            .any(|t| t.starts_with("The screening is now saved as")),
        "{:#?}",
        p.said
    );
    let own = folder.join("my-notes.yaml");
    let (_, _, saver) = run(
        &q,
        Interview::resume(&q, partial, own.clone(), settings()),
        script,
    );
    assert!(saver.renames.is_empty());
    assert!(saver.saves.iter().all(|(p, _)| *p == own));
}

#[test]
fn a_file_named_with_output_keeps_its_name_when_the_reference_changes() {
    let q = example();
    let settings = Settings {
        output: Some(PathBuf::from("chosen.yaml")),
        ..settings()
    };
    let script = [
        &[
            Type("EX-0001"),
            Keep,
            Back,
            Back,
            Type("EX-0002"),
            Keep,
            Type("A. Example"),
            Type("Example Academy"),
        ][..],
        &PROFILE,
        &MISSING_YES,
        &GIFTS_NOT_KNOWN,
        &FINISH,
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, _, saver) = run(&q, Interview::new(&q, settings), script);
    let (path, _, _) = complete(outcome);
    assert_eq!(path, PathBuf::from("chosen.yaml"));
    assert!(saver.renames.is_empty());
}

#[test]
fn an_answer_can_be_changed_at_review() {
    let q = example();
    let script = [
        &CASE[..],
        &PROFILE,
        &MISSING_YES,
        &GIFTS_NOT_KNOWN,
        // At review: change the gifts answer to yes (concern, no note), then finish.
        &[
            Pick("Risk indicators: 1 NOT KNOWN"),
            Pick("Does the child have money"),
            Pick("Yes"),
            Pick("Concern"),
            Keep,
        ],
        &FINISH_AT_HIGHEST,
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, p, _) = run(&q, Interview::new(&q, settings()), script);
    let (_, s, a) = complete(outcome);
    assert_eq!(
        s.answers
            .get("unexplained_gifts")
            .map(|e| (e.answer, e.basis)),
        Some((Answer::Yes, Some(Basis::Concern)))
    );
    // The review listed the not-known answer, highlighted, before the change.
    assert!(p.said.iter().any(|t| t.contains("Does the child have money, phones or other items that cannot be explained?: NOT KNOWN  ← find out")));
    // After the change, only the change is shown, not the whole list again.
    assert_eq!(
        p.said.iter().filter(|t| t.starts_with("Review\n")).count(),
        1
    );
    assert!(p.said.iter().any(|t| t == "Changed: Does the child have money, phones or other items that cannot be explained?: NOT KNOWN → yes"), "{:#?}", p.said);
    // 5 + 1 = 6: high, so there is no higher level to raise to; judgement asks for agreement.
    assert_eq!(a.level.id, "high");
}

/// A complete screening changed at the review (no to yes) and stopped inside that yes is
/// resumed at that yes, not at the yes before it whose count was left empty, and then goes
/// on to the review, not through every question after it (found in review).
#[test]
fn a_screening_stopped_inside_a_changed_yes_resumes_at_it_then_the_review() {
    let q = example();
    // Missing: yes with its count left empty; gifts: not known. At the review, gifts changed
    // to yes, then Ctrl-C at "evidence or concern?".
    let walk = [
        &CASE[..],
        &PROFILE,
        &MISSING_YES[..4],
        &[Type("")],
        &GIFTS_NOT_KNOWN,
        &FINISH,
        &DUE_AND_DONE,
    ]
    .concat();
    let then = [Pick("Yes"), Pick("Concern"), Keep, Quit].to_vec();
    let t =
        stopped_inside_a_change_then_resumed(&q, walk, ["Risk indicators", "Does the child"], then);
    assert!(
        t[0].starts_with("select Does the child have money"),
        "{t:#?}"
    );
    assert!(
        t.last().is_some_and(|t| t.starts_with("select Review")),
        "{t:#?}"
    );
    // Changed at the first question and stopped inside it: once it is answered, the review
    // comes next, not the answered question after it.
    let walk = [
        &CASE[..],
        &PROFILE,
        &[Pick("No")],
        &GIFTS_NOT_KNOWN,
        &FINISH,
        &DUE_AND_DONE,
    ]
    .concat();
    let then = [&MISSING_YES[..], &[Quit]].concat();
    let section = ["Significant indicators", "Has the child been missing"];
    let t = stopped_inside_a_change_then_resumed(&q, walk, section, then);
    assert!(
        t[0].starts_with("select Has the child been missing"),
        "{t:#?}"
    );
    assert!(
        t.last().is_some_and(|t| t.starts_with("select Review")),
        "{t:#?}"
    );
}

/// Completes a screening with `walk`; resumes it, opens `change` (a section and a question)
/// at the review, answers yes and stops there; resumes it again with `then`. The prompts of
/// the last run.
fn stopped_inside_a_change_then_resumed(
    q: &Questionnaire,
    walk: Vec<super::scripted::Step>,
    change: [&'static str; 2],
    then: Vec<super::scripted::Step>,
) -> Vec<String> {
    let (outcome, _, _) = run(q, Interview::new(q, settings()), walk);
    let (path, s, _) = complete(outcome);
    let script = [Pick(change[0]), Pick(change[1]), Pick("Yes"), Quit].to_vec();
    let (_, _, saver) = run(q, Interview::resume(q, s, path.clone(), settings()), script);
    let stopped = last_saved(&saver);
    assert_eq!(stopped.screening.status, Status::InProgress);
    let (_, p, _) = run(q, Interview::resume(q, stopped, path, settings()), then);
    p.transcript
}

/// Esc out of an answer changed to yes before its basis is chosen puts the answer back: a
/// yes with no evidence or concern chosen is never left on the record, nor finished.
#[test]
fn esc_out_of_a_yes_before_its_basis_puts_the_answer_back() {
    let q = example();
    let (path, s) = completed();
    let script = [
        Pick("Risk indicators: 1 NOT KNOWN"),
        Pick("Does the child have money"),
        Pick("Yes"),
        Back, // at "evidence or concern?"
        Back, // at the answer, Yes selected
        Back, // the review's list of the section
        Pick("Finish"),
        Quit,
    ]
    .to_vec();
    let (_, p, saver) = run(
        &q,
        Interview::resume(&q, s.clone(), path, settings()),
        script,
    );
    let saved = last_saved(&saver);
    assert_eq!(
        saved.answers.get("unexplained_gifts"),
        s.answers.get("unexplained_gifts"),
        "{:#?}",
        p.transcript
    );
    assert_eq!(saved.screening.status, Status::Complete);
    assert!(
        !p.said.iter().any(|t| t.starts_with("Changed:")),
        "{:#?}",
        p.said
    );
    // In a new screening, Esc out of a yes with no basis leaves the question unanswered.
    let script = [
        &CASE[..],
        &PROFILE,
        &MISSING_YES,
        &[Pick("Yes"), Back, Back, Quit],
    ]
    .concat();
    let (_, _, saver) = run(&q, Interview::new(&q, settings()), script);
    assert!(
        last_saved(&saver)
            .answers
            .get("unexplained_gifts")
            .is_none()
    );
}

/// The case reference, date, practitioner and agency can be changed at the review, and the
/// file follows a changed reference (before, only by going back to the first question).
#[test]
fn the_case_details_can_be_changed_at_the_review() {
    let q = example();
    let (path, s) = completed();
    assert_eq!(path, PathBuf::from("EX-0001-2026-11-24.yaml"));
    let script = [
        Pick("Case details: EX-0001, 2026-11-24, A. Example, Example Academy"),
        Pick("Case reference [EX-0001]"),
        Type("EX-0009"),
        // After a change the list stays open, on the next detail.
        Keep,
        Type("2026-11-23"),
        Pick("Back to the sections"),
        Quit,
    ]
    .to_vec();
    let (_, p, saver) = run(&q, Interview::resume(&q, s, path, settings()), script);
    assert!(
        p.said
            .iter()
            .any(|t| t == "Changed: Case reference: EX-0001 → EX-0009"),
        "{:#?}",
        p.said
    );
    assert!(
        p.said
            .iter()
            .any(|t| t == "Changed: Date of the screening: 2026-11-24 → 2026-11-23"),
        "{:#?}",
        p.said
    );
    assert_eq!(
        saver.renames,
        [
            (
                PathBuf::from("EX-0001-2026-11-24.yaml"),
                PathBuf::from("EX-0009-2026-11-24.yaml")
            ),
            (
                PathBuf::from("EX-0009-2026-11-24.yaml"),
                PathBuf::from("EX-0009-2026-11-23.yaml")
            ),
        ]
    );
    let saved = last_saved(&saver);
    assert_eq!(saved.screening.case_reference, "EX-0009");
    assert_eq!(saved.screening.date, "2026-11-23");
    // Changed after it was complete: in progress until it is finished again.
    assert_eq!(saved.screening.status, Status::InProgress);
}

/// An action added by mistake can be removed, after a question whose first answer keeps it.
#[test]
fn an_action_added_by_mistake_can_be_removed() {
    let q = example();
    let script = [
        &CASE[..],
        &PROFILE,
        &MISSING_YES,
        &GIFTS_NOT_KNOWN,
        &FINISH,
        &[
            Type("2026-11-25"),
            Pick("Add"),
            Type("Wrong child's action"),
            Type("B. Example"),
            Type("2026-11-26"),
            // Asked first, kept: Enter on the question removes nothing.
            Pick("Remove: Wrong child's action"),
            Keep,
            Pick("Remove: Wrong child's action"),
            Pick("Yes, remove it"),
            Pick("Done"),
        ][..],
    ]
    .concat();
    let (outcome, p, saver) = run(&q, Interview::new(&q, settings()), script);
    let (_, s, _) = complete(outcome);
    let actions: Vec<&str> = s
        .decisions
        .iter()
        .flat_map(|d| &d.actions)
        .map(|a| a.action.as_str())
        .collect();
    assert_eq!(actions, ["Refer to MASH"]);
    assert!(
        p.said
            .iter()
            .any(|t| t.starts_with("Removed: Wrong child's action")),
        "{:#?}",
        p.said
    );
    // The removal was saved at once, as every answer is: the save after the last one with
    // both actions holds one, before the screening is complete.
    let count = |s: &Screening| s.decisions.as_ref().map_or(0, |d| d.actions.len());
    let last_with_two = saver
        .saves
        .iter()
        .rposition(|(_, s)| count(s) == 2)
        .expect("saved with both actions");
    let next = &saver.saves[last_with_two + 1].1;
    assert_eq!(count(next), 1);
    assert_eq!(next.screening.status, Status::InProgress);
}

#[test]
fn judgement_can_raise_the_level_with_a_reason() {
    let q = example();
    let (outcome, _, _) = run(&q, Interview::new(&q, settings()), raise_to_high_script());
    let (_, s, a) = complete(outcome);
    assert_eq!(
        s.judgement.as_ref().map(|j| j.raise_to.as_str()),
        Some("high")
    );
    assert_eq!(a.level.id, "high");
    assert_eq!(a.level_set_by, [crate::engine::SetBy::Judgement]);
    assert_eq!(
        s.decisions, None,
        "nothing recorded, no empty decisions block"
    );
}

/// A reason of only invisible characters shows nothing on the record: it is refused as an
/// empty one is (found in review: a zero width space was recorded as the reason).
#[test]
fn a_judgement_reason_that_shows_nothing_is_refused() {
    let q = example();
    let script = [
        &CASE[..],
        &PROFILE,
        &MISSING_YES,
        &GIFTS_NOT_KNOWN,
        &[
            Pick("Finish"),
            Pick("Raise to High"),
            Refused("\u{200b}\u{2800} "),
            Type("Older man seen collecting her from school; police intelligence."),
            Keep,
            Pick("Done"),
        ],
    ]
    .concat();
    let (outcome, p, _) = run(&q, Interview::new(&q, settings()), script);
    assert_eq!(
        p.refusals,
        ["Please type an answer: this shows nothing (only invisible characters)."]
    );
    let (_, s, _) = complete(outcome);
    assert_eq!(
        s.judgement.map(|j| j.reason),
        Some("Older man seen collecting her from school; police intelligence.".to_owned())
    );
}

/// When an answer makes a rule recommend the immediate-danger route (999), it is said at
/// once, after the answer is saved, and only once: not after every other question, at the
/// result. Here a rule sends a child missing now to 999.
#[test]
fn an_answer_that_brings_999_says_so_at_once_and_once() {
    let text = include_str!("../../examples/questionnaire-minimal.yaml").replace(
        "rules:\n",
        "rules:\n  - id: missing_now\n    when: {answer: {indicator: missing, is: yes}}\n    add_routes: [call_999]\n    reason: Missing now.\n",
    );
    let q = questionnaire::from_str(&text).expect("valid");
    let script = [
        &CASE[..],
        &PROFILE,
        &MISSING_YES,
        &[Keep],
        &GIFTS_NOT_KNOWN,
        &FINISH,
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, p, saver) = run(&q, Interview::new(&q, settings()), script);
    let danger: Vec<&String> = p
        .said
        .iter()
        .filter(|s| s.starts_with("IMMEDIATE DANGER"))
        .collect();
    assert_eq!(danger.len(), 1, "{:?}", p.said);
    assert!(
        danger[0].contains("do this before going on. Every answer so far is saved"),
        "{}",
        danger[0]
    );
    // It waits for Enter, so the next question cannot scroll it off a small screen.
    assert!(
        p.transcript
            .iter()
            .any(|t| t.contains("When you have called for help, go on with the screening.")),
        "{:?}",
        p.transcript
    );
    // Said after the yes and its details, and before the next question.
    let at = p
        .said
        .iter()
        .position(|s| s.starts_with("IMMEDIATE DANGER"));
    let gifts = p.said.iter().position(|s| s.starts_with("Risk indicators"));
    assert!(at < gifts, "{:?}", p.said);
    assert!(
        saver
            .saves
            .iter()
            .any(|(_, s)| s.answers.get("missing").is_some())
    );
    complete(outcome);
    // Resumed after that yes, the next answer is not said to be the one that brings 999:
    // it was said in the session that gave it.
    let (_, _, stopped) = run(
        &q,
        Interview::new(&q, settings()),
        [&CASE[..], &PROFILE, &MISSING_YES, &[Keep], &[Quit]].concat(),
    );
    let (path, partial) = stopped.saves.last().cloned().expect("saved");
    let (_, p, _) = run(
        &q,
        Interview::resume(&q, partial, path, settings()),
        [&GIFTS_NOT_KNOWN[..], &[Quit]].concat(),
    );
    assert!(
        !p.said.iter().any(|s| s.starts_with("IMMEDIATE DANGER")),
        "{:?}",
        p.said
    );
    // Without the rule, nothing is said beyond the opening.
    let q = example();
    let script = [
        &CASE[..],
        &PROFILE,
        &MISSING_YES,
        &GIFTS_NOT_KNOWN,
        &FINISH,
        &DUE_AND_DONE,
    ]
    .concat();
    let (_, p, _) = run(&q, Interview::new(&q, settings()), script);
    assert!(
        !p.said.iter().any(|s| s.starts_with("IMMEDIATE DANGER")),
        "{:?}",
        p.said
    );
}

#[test]
fn ctrl_c_stops_with_everything_so_far_saved() {
    let q = example();
    let script = [&CASE[..], &PROFILE, &MISSING_YES, &[Quit]].concat();
    let (outcome, _, saver) = run(&q, Interview::new(&q, settings()), script);
    let Outcome::Interrupted { path, .. } = outcome else {
        panic!("expected an interruption")
    };
    assert_eq!(path, Some(PathBuf::from("EX-0001-2026-11-24.yaml")));
    let (_, last) = saver.saves.last().expect("saved");
    assert_eq!(last.screening.status, Status::InProgress);
    assert_eq!(
        last.answers
            .get("missing")
            .and_then(|e| e.follow_up.get("episodes")),
        Some(&3)
    );
    assert!(last.answers.get("unexplained_gifts").is_none());
}

#[test]
fn ctrl_c_before_the_file_is_named_saves_nothing() {
    let q = example();
    let (outcome, _, saver) = run(
        &q,
        Interview::new(&q, settings()),
        vec![Type("EX-0001"), Quit],
    );
    assert!(matches!(outcome, Outcome::Interrupted { path: None, .. }));
    assert!(saver.saves.is_empty());
}

#[test]
fn resume_continues_at_the_first_unanswered_question_and_ends_the_same() {
    let q = example();
    let (_, _, saver) = run(
        &q,
        Interview::new(&q, settings()),
        [&CASE[..], &PROFILE, &MISSING_YES, &[Quit]].concat(),
    );
    let (path, partial) = saver.saves.last().cloned().expect("saved");
    let rest = [&GIFTS_NOT_KNOWN[..], &FINISH, &DUE_AND_DONE].concat();
    let (outcome, p, _) = run(&q, Interview::resume(&q, partial, path, settings()), rest);
    let (_, resumed, _) = complete(outcome);
    assert!(
        p.transcript[0].starts_with("select Does the child have money"),
        "{:?}",
        p.transcript[0]
    );
    let (uninterrupted, _, _) = run(&q, Interview::new(&q, settings()), full_script());
    assert_eq!(resumed, complete(uninterrupted).1);
}

#[test]
fn resume_after_a_follow_up_left_empty_goes_on_from_the_next_question_not_the_first() {
    let q = example();
    // The count of missing episodes left empty ("Leave empty if not known"), gifts answered.
    let missing_no_count = [&MISSING_YES[..4], &[Type("")]].concat();
    let (_, _, saver) = run(
        &q,
        Interview::new(&q, settings()),
        [
            &CASE[..],
            &PROFILE,
            &missing_no_count,
            &GIFTS_NOT_KNOWN,
            &[Quit],
        ]
        .concat(),
    );
    let (path, partial) = saver.saves.last().cloned().expect("saved");
    let missing = partial.answers.get("missing").expect("answered");
    assert!(missing.follow_up.is_empty() && missing.note.is_some());
    // Every question has its answer: resuming opens at the review, not at the first question.
    let (outcome, p, _) = run(
        &q,
        Interview::resume(&q, partial.clone(), path.clone(), settings()),
        [&FINISH[..], &DUE_AND_DONE].concat(),
    );
    assert!(
        p.transcript[0].starts_with("select Review"),
        "{:?}",
        p.transcript
    );
    let (_, resumed, _) = complete(outcome);
    assert!(
        resumed
            .answers
            .get("missing")
            .is_some_and(|e| e.follow_up.is_empty())
    );
    // Stopped inside the follow-up (nothing after it answered), its indicator is asked again.
    let (_, _, saver) = run(
        &q,
        Interview::new(&q, settings()),
        [&CASE[..], &PROFILE, &MISSING_YES[..4], &[Quit]].concat(),
    );
    let (path, partial) = saver.saves.last().cloned().expect("saved");
    let (_, p, _) = run(
        &q,
        Interview::resume(&q, partial, path, settings()),
        vec![Quit],
    );
    assert!(
        p.transcript[0].starts_with("select Has the child been missing"),
        "{:?}",
        p.transcript
    );
}

#[test]
fn resume_after_a_stop_inside_an_indicator_asks_its_details_again_with_what_was_saved() {
    let q = example();
    // Stopped at the note of a "yes": the answer, window and basis are saved, not the rest.
    let (_, _, saver) = run(
        &q,
        Interview::new(&q, settings()),
        [&CASE[..], &PROFILE, &MISSING_YES[..3], &[Quit]].concat(),
    );
    let (path, partial) = saver.saves.last().cloned().expect("saved");
    let missing = partial.answers.get("missing").expect("answered");
    assert!(missing.note.is_none() && missing.follow_up.is_empty());
    // Resuming asks the indicator again (yes selected), then each detail with its saved value.
    let rest = [
        &[Keep, Keep, Keep][..],
        &MISSING_YES[3..],
        &GIFTS_NOT_KNOWN,
        &FINISH,
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, p, _) = run(&q, Interview::resume(&q, partial, path, settings()), rest);
    assert!(
        p.transcript[0].starts_with("select Has the child been missing"),
        "{:?}",
        p.transcript
    );
    let (_, resumed, _) = complete(outcome);
    let (uninterrupted, _, _) = run(&q, Interview::new(&q, settings()), full_script());
    assert_eq!(resumed, complete(uninterrupted).1);
}

#[test]
fn an_existing_file_is_not_overwritten() {
    let q = example();
    let mut p = Scripted::new([Type("EX-0001"), Keep]);
    let mut saver = Memory {
        exists: true,
        ..Memory::default()
    };
    let outcome = Interview::new(&q, settings())
        .run(&mut p, &mut saver)
        .expect("run");
    assert!(
        matches!(outcome, Outcome::Exists { path } if path == Path::new("EX-0001-2026-11-24.yaml"))
    );
    assert!(saver.saves.is_empty());
}

#[test]
fn training_mode_shows_the_running_score_after_each_answer() {
    let q = example();
    let settings = Settings {
        training: true,
        ..settings()
    };
    let (outcome, p, _) = run(&q, Interview::new(&q, settings), full_script());
    complete(outcome);
    let training: Vec<&String> = p
        .said
        .iter()
        .filter(|s| s.starts_with("Training:"))
        .collect();
    assert_eq!(training.len(), 2);
    assert!(
        training[0].starts_with("Training: score 5 · level Medium"),
        "{}",
        training[0]
    );
}

#[test]
fn a_name_is_refused_as_a_case_reference() {
    assert!(case_reference("Jane Example Smith").is_err());
    assert!(case_reference("EX-0001").is_ok());
    assert!(case_reference("CASE 2041").is_ok());
}

#[test]
fn a_zero_width_character_in_a_case_reference_is_refused_with_where_it_is() {
    let q = example();
    let script = [
        &[
            Refused("EX-0001\u{200b}"),
            Refused("EX-\u{202e}1000"),
            // A Cyrillic Е, as a keyboard left on another layout types it.
            Refused("\u{415}X-0001"),
            Type("  EX-0001 "),
        ][..],
        &CASE[1..],
        &PROFILE,
        &MISSING_YES,
        &GIFTS_NOT_KNOWN,
        &FINISH,
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, p, saver) = run(&q, Interview::new(&q, settings()), script);
    assert!(
        p.refusals[0].starts_with(
            "The case reference holds U+200B (zero width space), an invisible character, at character 8."
        ),
        "{:?}",
        p.refusals
    );
    assert!(p.refusals[0].contains("Retype it without that character"));
    assert!(
        p.refusals[1].contains("U+202E (right-to-left override), a bidirectional control"),
        "{:?}",
        p.refusals
    );
    assert!(
        p.refusals[2].starts_with(
            "The case reference holds U+0415, a Cyrillic letter that looks like the ASCII `E`, at character 1. Retype it with the keyboard set to English (UK)"
        ),
        "{:?}",
        p.refusals
    );
    let (path, s, _) = complete(outcome);
    // Saved as typed, trimmed: nothing invisible reached the file or its name.
    assert_eq!(s.screening.case_reference, "EX-0001");
    assert_eq!(path, PathBuf::from("EX-0001-2026-11-24.yaml"));
    assert!(
        saver
            .saves
            .iter()
            .all(|(_, s)| s.screening.case_reference == "EX-0001")
    );
}

#[test]
fn control_and_invisible_characters_in_names_are_refused() {
    let q = example();
    let script = [
        &CASE[..2],
        &[
            Refused("A. Example\u{1b}[2J"),
            Type("A. Example"),
            Refused("Example\u{2066} Academy"),
            Type("Example Academy"),
        ][..],
        &PROFILE,
        &MISSING_YES,
        &GIFTS_NOT_KNOWN,
        &FINISH[..5],
        &[Refused("A. Example\u{feff}"), Type("A. Example")],
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, p, _) = run(&q, Interview::new(&q, settings()), script);
    assert_eq!(p.refusals.len(), 3, "{:?}", p.refusals);
    assert!(
        p.refusals[0]
            .starts_with("The name holds U+001B (escape), a control character, at character 11."),
        "{:?}",
        p.refusals
    );
    assert!(p.refusals[1].contains("U+2066 (left-to-right isolate)"));
    assert!(p.refusals[2].starts_with("The owner holds U+FEFF"));
    let (_, s, _) = complete(outcome);
    assert_eq!(
        (
            s.screening.practitioner.as_str(),
            s.screening.agency.as_str()
        ),
        ("A. Example", "Example Academy")
    );
}

#[test]
fn a_screening_date_before_2000_or_after_today_is_refused() {
    let q = example();
    // Today is 2026-11-24 in these settings.
    let script = [
        &CASE[..1],
        &[
            Refused("0000-01-01"),
            Refused("1999-12-31"),
            Refused("2062-11-29"),
            Refused("9999-12-31"),
            Refused("2026-11-25"),
            Refused("2026-02-31"),
            Refused("2024-13-01"),
            Refused("24-11-2026"),
            Type("2026-11-23"),
        ][..],
        &CASE[2..],
        &PROFILE,
        &MISSING_YES,
        &GIFTS_NOT_KNOWN,
        &FINISH,
        &[Type("2026-11-24"), Pick("Done")],
    ]
    .concat();
    let (outcome, p, _) = run(&q, Interview::new(&q, settings()), script);
    assert_eq!(
        p.refusals[..2],
        [
            "0000-01-01 is before 2000-01-01, the earliest date a screening can have. Check the year.",
            "1999-12-31 is before 2000-01-01, the earliest date a screening can have. Check the year.",
        ]
    );
    assert_eq!(
        p.refusals[2],
        "2062-11-29 is after 2026-11-24, today. Type the date the child was screened."
    );
    // A date written in the form but not a day says why, not only the form again.
    assert_eq!(
        p.refusals[5..],
        [
            "2026-02-31 is not a date: February 2026 has 28 days.",
            "2024-13-01 is not a date: a month is 01 to 12.",
            "Type the date as YYYY-MM-DD, for example 2026-11-24.",
        ]
    );
    assert_eq!(p.refusals.len(), 8);
    let (_, s, _) = complete(outcome);
    assert_eq!(s.screening.date, "2026-11-23");
}

#[test]
fn an_action_due_before_the_screening_or_years_after_it_is_refused() {
    let q = example();
    let script = [
        &CASE[..],
        &PROFILE,
        &MISSING_YES,
        &GIFTS_NOT_KNOWN,
        &FINISH,
        &[
            Refused("0000-01-01"),
            Refused("2026-11-23"),
            Refused("2062-11-29"),
            Refused("9999-12-31"),
            Type("2027-11-25"),
            Pick("Done"),
        ][..],
    ]
    .concat();
    let (outcome, p, _) = run(&q, Interview::new(&q, settings()), script);
    assert_eq!(
        p.refusals[1],
        "2026-11-23 is before 2026-11-24, the date of the screening: an action cannot be due before it was agreed."
    );
    assert_eq!(
        p.refusals[2],
        "2062-11-29 is after 2027-11-25, a year after the screening: actions agreed at a screening are due sooner. Check the year."
    );
    assert_eq!(p.refusals.len(), 4);
    let (_, s, _) = complete(outcome);
    let actions = s.decisions.map(|d| d.actions).unwrap_or_default();
    assert_eq!(actions[0].due, "2027-11-25");
}

/// A yes to `missing` whose note is typed as `note`; the wording step comes next.
fn missing_yes_noting(note: &'static str) -> Vec<super::scripted::Step> {
    vec![Pick("Yes"), Tick(&["Now"]), Pick("Evidence"), Type(note)]
}

const BLAMING_NOTE: &str = "She keeps putting herself at risk by going missing.";

#[test]
fn a_note_that_blames_the_child_is_shown_with_advice_and_can_be_rephrased() {
    let q = example();
    let script = [
        &CASE[..],
        &PROFILE,
        &missing_yes_noting(BLAMING_NOTE),
        &[
            Pick("Rephrase"),
            Type("Missing three nights; an adult may be exploiting her."),
            Type("3"),
        ],
        &GIFTS_NOT_KNOWN,
        &FINISH,
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, p, _) = run(&q, Interview::new(&q, settings()), script);
    let (_, s, a) = complete(outcome);
    let e = s.answers.get("missing").expect("answered");
    assert_eq!(
        e.note.as_deref(),
        Some("Missing three nights; an adult may be exploiting her.")
    );
    assert!(e.language_kept.is_empty());
    let advice = p
        .said
        .iter()
        .find(|t| t.starts_with("Wording check"))
        .expect("the findings were shown");
    assert!(advice.contains("\"putting herself at risk\" (putting themselves at risk)"));
    assert!(advice.contains("instead: \"may be being groomed\""));
    assert!(!advice.contains("under 13"), "the child is 14");
    // The text box came back with the note as typed, to be edited.
    assert!(p.transcript.contains(&format!(
        "text Note (optional): what, when, who said it [{BLAMING_NOTE}]"
    )));
    assert!(
        p.transcript
            .contains(&"select Rephrase it, or keep it as written? [Rephrase it]".to_owned())
    );
    // Wording never changes the outcome.
    assert_eq!((a.score, a.level.id.as_str()), (5, "medium"));
}

#[test]
fn a_note_kept_as_written_records_the_phrases_kept_and_is_not_asked_again() {
    let q = example();
    let script = [
        &CASE[..],
        &PROFILE,
        &missing_yes_noting(BLAMING_NOTE),
        &[Pick("Keep it as written"), Type("3")],
        &GIFTS_NOT_KNOWN,
        // At review, open the answer again and keep everything: no second wording question.
        &[
            Pick("Significant indicators: 1 yes"),
            Pick("Has the child been missing"),
            Keep,
            Keep,
            Keep,
            Keep,
            Keep,
        ],
        &FINISH,
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, p, saver) = run(&q, Interview::new(&q, settings()), script);
    let (_, s, _) = complete(outcome);
    let e = s.answers.get("missing").expect("answered");
    assert_eq!(e.note.as_deref(), Some(BLAMING_NOTE));
    assert_eq!(e.language_kept, ["putting_self_at_risk"]);
    assert_eq!(
        p.said
            .iter()
            .filter(|t| t.starts_with("Wording check"))
            .count(),
        1
    );
    // It is in the file as saved.
    let saved = crate::store::to_yaml(&saver.saves.last().expect("saved").1).expect("yaml");
    assert!(
        saved.contains("language_kept:\n    - putting_self_at_risk"),
        "{saved}"
    );
}

#[test]
fn a_note_with_only_wording_to_consider_shows_the_prompt_and_asks_nothing() {
    let q = example();
    let note = "Her boyfriend picks her up in his car; she met him online.";
    let script = [
        &CASE[..],
        &PROFILE,
        &missing_yes_noting(note),
        // No "Rephrase it, or keep it as written?": the next step is the follow-up.
        &[Type("3")],
        &GIFTS_NOT_KNOWN,
        &FINISH,
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, p, _) = run(&q, Interview::new(&q, settings()), script);
    let (_, s, a) = complete(outcome);
    let e = s.answers.get("missing").expect("answered");
    assert_eq!(e.note.as_deref(), Some(note));
    assert!(
        e.language_kept.is_empty(),
        "a prompt is never recorded as kept"
    );
    let shown: Vec<&String> = p
        .said
        .iter()
        .filter(|t| t.starts_with("Wording check"))
        .collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    let advice = shown[0];
    assert!(
        advice.starts_with("Wording check, to consider: this is not blaming in itself"),
        "{advice}"
    );
    assert!(!advice.contains("can blame the child"), "{advice}");
    assert!(advice.contains("\"boyfriend\" (boyfriend / girlfriend (who is the other person?))"));
    assert!(advice.contains("for example: \"a 15-year-old boy in her year at school\""));
    assert!(!p.transcript.iter().any(|l| l.contains("Rephrase it")));
    assert_eq!((a.score, a.level.id.as_str()), (5, "medium"));
}

#[test]
fn under_13_the_wording_advice_states_the_law() {
    let q = example();
    let script = [
        &CASE[..],
        &[Type("12"), Pick("No")],
        &missing_yes_noting("Known to be sexually active."),
        &[Pick("Keep it as written"), Type("1")],
        &GIFTS_NOT_KNOWN,
        &FINISH_AT_HIGHEST,
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, p, _) = run(&q, Interview::new(&q, settings()), script);
    let (_, s, _) = complete(outcome);
    let advice = p
        .said
        .iter()
        .find(|t| t.starts_with("Wording check"))
        .expect("the findings were shown");
    assert!(
        advice.contains("under 13: A child under 13 cannot consent to any sexual activity in law"),
        "{advice}"
    );
    assert_eq!(
        s.answers.get("missing").map(|e| e.language_kept.clone()),
        Some(vec!["sexually_active".to_owned()])
    );
}

#[test]
fn the_judgement_reason_who_it_was_discussed_with_and_actions_are_checked_too() {
    let q = example();
    let script = [
        &CASE[..],
        &PROFILE,
        &MISSING_YES,
        &GIFTS_NOT_KNOWN,
        &[
            Pick("Finish"),
            Pick("Raise to High"),
            Type("She is making bad choices."),
            Pick("Rephrase"),
            Type("An older man is controlling her."),
            // Who it was discussed with is checked as `score` checks it.
            Type("Her mother, who says she is promiscuous."),
            Pick("Rephrase"),
            Type("Her mother."),
            Pick("Add"),
            Type("Talk to her about her lifestyle choices"),
            Pick("Keep it as written"),
            Type("A. Example"),
            Type("2026-11-25"),
            Pick("Done"),
        ],
    ]
    .concat();
    let (outcome, p, _) = run(&q, Interview::new(&q, settings()), script);
    let (_, s, _) = complete(outcome);
    let j = s.judgement.expect("raised");
    assert_eq!(
        (j.reason.as_str(), j.language_kept.len()),
        ("An older man is controlling her.", 0)
    );
    let decisions = s.decisions.expect("decisions");
    assert_eq!(decisions.discussed_with.as_deref(), Some("Her mother."));
    assert_eq!(decisions.actions[0].language_kept, ["lifestyle_choice"]);
    assert_eq!(
        p.said
            .iter()
            .filter(|t| t.starts_with("Wording check"))
            .count(),
        3
    );
    // Keeping is recorded for the reason and an action; who it was discussed with has no
    // place for it, and the choice says so.
    let recorded: Vec<bool> = p
        .choice_notes
        .iter()
        .filter(|(prompt, _)| prompt.starts_with("Rephrase it"))
        .map(|(_, note)| note.contains("that is recorded with the screening"))
        .collect();
    assert_eq!(recorded, [true, false, true], "{:#?}", p.choice_notes);
}

// ---- No answer that nobody chose; the opening; section intros; judgement in the open ----

#[test]
fn enter_alone_and_typed_ahead_text_on_every_indicator_and_fact_record_nothing() {
    // The bundled questionnaire, every indicator and every yes/no fact: Enter alone, then a
    // number and a note typed ahead (keys meant for another question), then the answer.
    let bundled = questionnaire::bundled(questionnaire::DEFAULT_ID).expect("bundled");
    let q = questionnaire::from_str(bundled.text).expect("valid");
    let yes_no_facts = q
        .profile
        .iter()
        .filter(|f| f.kind == crate::questionnaire::FactKind::YesNo)
        .count();
    let mut script = CASE.to_vec();
    script.push(Type("14"));
    for _ in 0..yes_no_facts {
        script.extend([Keep, Type("2"), Pick("No")]);
    }
    for _ in &q.indicators {
        script.extend([
            Keep,
            Type("1"),
            Type("Missing three nights."),
            Keep,
            Pick("No"),
        ]);
    }
    script.extend([Pick("Finish"), Keep, Keep, Pick("Done")]);
    let (outcome, p, saver) = run(&q, Interview::new(&q, settings()), script);
    let (_, s, _) = complete(outcome);
    assert_eq!(p.unchosen, 4 * q.indicators.len() + 2 * yes_no_facts);
    // Only the explicit choices were recorded, in every save along the way.
    assert!(s.answers.iter().all(|(_, e)| e.answer == Answer::No));
    assert_eq!(s.answers.iter().count(), q.indicators.len());
    for (_, saved) in &saver.saves {
        assert!(saved.answers.iter().all(|(_, e)| e.answer == Answer::No));
    }
    // Every indicator and fact was first shown with nothing selected.
    let indicators = p
        .transcript
        .iter()
        .filter(|t| {
            q.indicators
                .iter()
                .any(|i| **t == format!("select {} []", i.prompt))
        })
        .count();
    assert_eq!(indicators, 4 * q.indicators.len() + q.indicators.len());
}

#[test]
fn enter_typed_ahead_after_a_note_does_not_answer_the_next_indicator() {
    let q = example();
    // Stop at the gifts indicator after extra Enters (typed ahead after the note and the
    // count): nothing about gifts may be in the file.
    let script = [
        &CASE[..],
        &PROFILE,
        &MISSING_YES[..4],
        &[Type("3"), Keep, Keep, Keep, Quit],
    ]
    .concat();
    let (outcome, p, saver) = run(&q, Interview::new(&q, settings()), script);
    assert!(matches!(outcome, Outcome::Interrupted { .. }));
    assert_eq!(p.unchosen, 3);
    let (_, last) = saver.saves.last().expect("saved");
    assert!(last.answers.get("unexplained_gifts").is_none());
}

#[test]
fn the_basis_of_a_new_yes_is_chosen_never_defaulted() {
    let q = example();
    let script = [
        &CASE[..],
        &PROFILE,
        &[Pick("Yes"), Tick(&["Now"]), Keep, Pick("Concern")],
        &MISSING_YES[3..],
        &GIFTS_NOT_KNOWN,
        &FINISH,
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, p, _) = run(&q, Interview::new(&q, settings()), script);
    let (_, s, _) = complete(outcome);
    assert_eq!(p.unchosen, 1);
    assert_eq!(
        s.answers.get("missing").and_then(|e| e.basis),
        Some(Basis::Concern)
    );
}

#[test]
fn each_indicator_names_the_steps_of_a_yes_before_asking() {
    let has = steps_named(&example());
    assert!(has(
        "If yes, then: when, evidence or concern, a note, how many episodes are known."
    ));
    assert!(has("If yes, then: evidence or concern, a note."));
    assert!(has("Detail 1 of 4 of this yes · next: evidence or concern"));
    assert!(has(
        "Detail 3 of 4 of this yes · next: how many episodes are known"
    ));
    assert!(has("Detail 4 of 4 of this yes · next: the next question"));
}

#[test]
fn a_follow_up_is_named_by_its_question_not_the_sentence_after_it() {
    let text = include_str!("../../examples/questionnaire-minimal.yaml").replace(
        "prompt: How many episodes are known?}",
        "prompt: How many episodes are known? Enter 0 if none.}",
    );
    let has = steps_named(&questionnaire::from_str(&text).expect("valid"));
    assert!(has(
        "If yes, then: when, evidence or concern, a note, how many episodes are known."
    ));
    assert!(has(
        "Detail 3 of 4 of this yes · next: how many episodes are known"
    ));
    assert!(!has("none."));
}

/// Whether the note of any question of the full script, as the prompters show it, holds
/// a text.
fn steps_named(q: &Questionnaire) -> impl Fn(&str) -> bool + use<> {
    let notes = {
        struct Notes(Vec<String>, Scripted);
        impl Prompter for Notes {
            fn select(&mut self, q: &Choice) -> io::Result<Reply<usize>> {
                self.0.push(q.note.clone().unwrap_or_default());
                self.1.select(q)
            }
            fn select_many(&mut self, q: &Many) -> io::Result<Reply<Vec<usize>>> {
                self.0.push(q.note.clone().unwrap_or_default());
                self.1.select_many(q)
            }
            fn text(&mut self, q: &TextQuestion) -> io::Result<Reply<String>> {
                self.0.push(q.note.clone().unwrap_or_default());
                self.1.text(q)
            }
            fn say(&mut self, text: &str) -> io::Result<()> {
                self.1.say(text)
            }
            fn keys(&self) -> String {
                self.1.keys()
            }
        }
        let mut n = Notes(Vec::new(), Scripted::new(full_script()));
        Interview::new(q, settings())
            .run(&mut n, &mut Memory::default())
            .expect("runs");
        n.0
    };
    move |s: &str| notes.iter().any(|n| n.contains(s))
}

#[test]
fn the_opening_shows_the_questionnaire_its_purpose_the_999_line_and_the_keys() {
    let q = example();
    let (_, p, _) = run(&q, Interview::new(&q, settings()), full_script());
    let opening = &p.said[0];
    assert!(
        opening.starts_with("Minimal example screening (version 0.1.0)"),
        "{opening}"
    );
    assert!(opening.contains("It is not a decision"), "{opening}");
    assert!(
        opening.contains(
            "IMMEDIATE DANGER: If the child is in immediate danger, call the police on 999."
        ),
        "{opening}"
    );
    assert!(opening.ends_with("Keys: scripted"), "{opening}");
    // Before the first question.
    assert!(p.transcript[0].starts_with("text Case reference"));
}

#[test]
fn each_section_opens_with_its_title_and_intro() {
    let bundled = questionnaire::bundled(questionnaire::DEFAULT_ID).expect("bundled");
    let q = questionnaire::from_str(bundled.text).expect("valid");
    let mut script = CASE.to_vec();
    script.push(Type("14"));
    script.extend(q.profile.iter().skip(1).map(|_| Pick("No")));
    script.extend(q.indicators.iter().map(|_| Pick("No")));
    script.extend([Pick("Finish"), Keep, Keep, Pick("Done")]);
    let (outcome, p, _) = run(&q, Interview::new(&q, settings()), script);
    complete(outcome);
    for s in &q.sections {
        let shown: Vec<&String> = p.said.iter().filter(|t| t.starts_with(&s.title)).collect();
        assert_eq!(shown.len(), 1, "{}: {shown:?}", s.title);
        if let Some(intro) = &s.intro {
            assert!(shown[0].contains(intro.trim()), "{}", shown[0]);
        }
    }
    assert!(q.sections.iter().filter(|s| s.intro.is_some()).count() >= 2);
}

#[test]
fn the_judgement_step_is_shown_at_the_highest_level_with_the_score_and_reasons() {
    let q = example();
    let script = [
        &CASE[..],
        &[Type("12"), Pick("No")],
        &MISSING_YES,
        &GIFTS_NOT_KNOWN,
        &FINISH_AT_HIGHEST,
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, p, _) = run(&q, Interview::new(&q, settings()), script);
    let (_, s, a) = complete(outcome);
    assert_eq!(a.level.id, "high");
    assert_eq!(s.judgement, None);
    assert!(p.transcript.contains(
        &"select High is the highest level. Does it match your professional judgement? [Agree: the level stays High]".to_owned()
    ), "{:#?}", p.transcript);
    let shown = p
        .said
        .iter()
        .find(|t| t.starts_with("Suggested level:"))
        .expect("the level was shown before the question");
    assert!(
        shown.starts_with("Suggested level: High (score 5)"),
        "{shown}"
    );
    // The rule's reason in words, not its id.
    assert!(
        shown.contains("- A child under 13 cannot consent to any sexual activity."),
        "{shown}"
    );
    assert!(!shown.contains("under_13"), "{shown}");
}

#[test]
fn a_raised_level_records_from_what_to_what_with_the_reason() {
    let q = example();
    let script = [
        &CASE[..],
        &PROFILE,
        &MISSING_YES,
        &GIFTS_NOT_KNOWN,
        &[
            Pick("Finish"),
            Pick("Raise to High"),
            Type("Older man seen collecting her from school."),
        ],
        &[Keep, Pick("Done")],
    ]
    .concat();
    let (outcome, p, _) = run(&q, Interview::new(&q, settings()), script);
    let (_, _, a) = complete(outcome);
    assert!(
        p.transcript
            .iter()
            .any(|t| t.starts_with("text Why raise it from Medium to High?"))
    );
    let j = a.judgement.expect("judgement");
    assert_eq!(
        (
            j.from_label.as_str(),
            j.raise_to_label.as_str(),
            j.raised,
            j.reason.as_str()
        ),
        (
            "Medium",
            "High",
            true,
            "Older man seen collecting her from school."
        )
    );
}

#[test]
fn an_age_outside_the_questionnaires_range_is_confirmed_before_it_is_kept() {
    let q = example();
    // The example is for ages 10 to 17: 25 is asked about, retyped as 15; then 9 is kept.
    let script = [
        &CASE[..],
        &[Type("25"), Keep, Pick("No: type the age again"), Type("15")][..],
        &[Pick("No")],
        &MISSING_YES,
        &GIFTS_NOT_KNOWN,
        &FINISH,
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, p, _) = run(&q, Interview::new(&q, settings()), script);
    let (_, s, _) = complete(outcome);
    assert_eq!(s.profile.get("age"), Some(&ProfileValue::Number(15)));
    assert_eq!(p.unchosen, 1, "Enter alone does not confirm it");
    assert!(
        p.transcript.contains(
            &"select 25 is outside the ages this questionnaire is for (10 to 17). Is 25 right? []"
                .to_owned()
        )
    );
    assert!(
        p.transcript
            .contains(&"text Age of the child in whole years [25]".to_owned())
    );

    let script = [
        &CASE[..],
        &[Type("9"), Pick("Yes: the child is 9")][..],
        &[Pick("No")],
        &MISSING_YES,
        &GIFTS_NOT_KNOWN,
        &FINISH_AT_HIGHEST,
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, _, _) = run(&q, Interview::new(&q, settings()), script);
    let (_, s, _) = complete(outcome);
    assert_eq!(s.profile.get("age"), Some(&ProfileValue::Number(9)));
}

// ---- Format 2: eligibility and the rating of a yes on a scale (questionnaires/pan-cheshire.yaml) ----

/// The bundled Pan-Cheshire tool: ages 10 to 17, a referral for a younger child naming
/// another tool, and every indicator rated Low / Medium / High after a yes.
fn pan_cheshire() -> Questionnaire {
    let bundled = questionnaire::bundled("pan-cheshire").expect("bundled");
    questionnaire::from_str(bundled.text).expect("valid")
}

/// A scripted prompter that also keeps the note of every question.
struct Noted(Vec<String>, Scripted);

impl Prompter for Noted {
    fn select(&mut self, q: &Choice) -> io::Result<Reply<usize>> {
        self.0.push(q.note.clone().unwrap_or_default());
        self.1.select(q)
    }
    fn select_many(&mut self, q: &Many) -> io::Result<Reply<Vec<usize>>> {
        self.0.push(q.note.clone().unwrap_or_default());
        self.1.select_many(q)
    }
    fn text(&mut self, q: &TextQuestion) -> io::Result<Reply<String>> {
        self.0.push(q.note.clone().unwrap_or_default());
        self.1.text(q)
    }
    fn say(&mut self, text: &str) -> io::Result<()> {
        self.1.say(text)
    }
    fn keys(&self) -> String {
        self.1.keys()
    }
}

/// The first rated Pan-Cheshire indicator answered yes and rated High; Enter alone on the rating
/// first, and Esc from the basis back to the rating (High kept selected).
const INJURIES_RATED_HIGH: [super::scripted::Step; 7] = [
    Pick("Yes"),
    Keep,
    Pick("High"),
    Back,
    Keep,
    Pick("Evidence"),
    Type("Bruising to both wrists, not explained."),
];
/// The end of a run: review, keep the level, nobody yet, no actions.
const FINISH_QUIETLY: [super::scripted::Step; 4] = [Pick("Finish"), Keep, Keep, Pick("Done")];

fn pan_cheshire_script(
    age: &'static [super::scripted::Step],
    q: &Questionnaire,
) -> Vec<super::scripted::Step> {
    let mut script = CASE.to_vec();
    script.extend_from_slice(age);
    // The first question, whether the child is missing or in danger now (1.7.0), is not rated.
    script.push(Pick("No"));
    script.extend(INJURIES_RATED_HIGH);
    script.extend(q.indicators.iter().skip(2).map(|_| Pick("No")));
    script.extend(FINISH_QUIETLY);
    script
}

#[test]
fn the_opening_says_who_a_format_2_tool_is_for() {
    let q = pan_cheshire();
    let (outcome, p, _) = run(
        &q,
        Interview::new(&q, settings()),
        pan_cheshire_script(&[Type("14")], &q),
    );
    complete(outcome);
    let opening = &p.said[0];
    assert!(
        opening.contains("\n\nWho it is for: For children aged 10 and over."),
        "{opening}"
    );
    // Before the disclaimer and the 999 line, after the description.
    let who = opening.find("Who it is for").unwrap_or(usize::MAX);
    assert!(
        who < opening.find("IMMEDIATE DANGER").unwrap_or(0),
        "{opening}"
    );
    // A format-1 questionnaire has no statement, and its opening is as before.
    let q1 = example();
    let (_, p1, _) = run(&q1, Interview::new(&q1, settings()), full_script());
    assert!(!p1.said[0].contains("Who it is for"), "{}", p1.said[0]);
}

#[test]
fn an_age_below_a_format_2_tools_ages_shows_the_authors_message_and_the_other_tool() {
    let q = pan_cheshire();
    let mut n = Noted(
        Vec::new(),
        Scripted::new(pan_cheshire_script(
            &[Type("9"), Keep, Pick("Yes: the child is 9")],
            &q,
        )),
    );
    let outcome = Interview::new(&q, settings())
        .run(&mut n, &mut Memory::default())
        .expect("runs");
    assert!(n.1.finished(), "{}", n.1.transcript.join("\n"));
    let (_, s, a) = complete(outcome);
    assert_eq!(s.profile.get("age"), Some(&ProfileValue::Number(9)));
    // Enter alone recorded nothing twice: on the age's confirmation and on the rating.
    assert_eq!(n.1.unchosen, 2, "Enter alone does not confirm the age");
    assert!(
        n.1.transcript.contains(
            &"select 9 is outside the ages this questionnaire is for (10 to 17). Is 9 right? []"
                .to_owned()
        )
    );
    let note =
        n.0.iter()
            .find(|t| t.starts_with("Its indicators, weights and rules were written for"))
            .expect("the confirmation's note");
    assert_eq!(
        note,
        "Its indicators, weights and rules were written for children aged 10 to 17. \
         Children as young as 8 have been sexually exploited. You may still use this tool \
         with professional judgement, or use a tool written for younger children (another \
         tool: cse-screen screen --questionnaire national-cse)."
    );
    // The result says so too.
    let outside = a.age_outside.expect("the age is outside");
    assert_eq!(
        (outside.age, outside.tool.as_deref()),
        (9, Some("national-cse"))
    );
}

#[test]
fn a_rating_is_asked_after_a_yes_on_a_scale_with_nothing_preselected_and_recorded() {
    let q = pan_cheshire();
    let (outcome, p, saver) = run(
        &q,
        Interview::new(&q, settings()),
        pan_cheshire_script(&[Type("14")], &q),
    );
    let (_, s, a) = complete(outcome);
    let e = s.answers.get("unexplained_injuries").expect("answered");
    assert_eq!(
        (e.answer, e.rating.as_deref(), e.basis),
        (Answer::Yes, Some("high"), Some(Basis::Evidence))
    );
    // Enter alone on the new rating recorded nothing and asked again.
    assert_eq!(p.unchosen, 1);
    let asked: Vec<&String> = p
        .transcript
        .iter()
        .filter(|t| t.starts_with("select Level of concern: how would you rate it?"))
        .collect();
    // First with nothing selected (twice: Enter alone), then after Esc with High selected.
    assert_eq!(
        asked,
        [
            "select Level of concern: how would you rate it? []",
            "select Level of concern: how would you rate it? []",
            "select Level of concern: how would you rate it? [High: Present; a higher-risk factor for this child]",
        ]
    );
    // No save along the way holds a rating nobody chose.
    for (_, saved) in &saver.saves {
        if let Some(e) = saved.answers.get("unexplained_injuries") {
            assert!(e.rating.is_none() || e.rating.as_deref() == Some("high"));
        }
    }
    // An injury suggesting an assault is high risk at any rating (pan-cheshire 1.2.0).
    assert_eq!((a.score, a.level.id.as_str()), (3, "high_risk"));
    let c = a
        .contributions
        .iter()
        .find(|c| c.indicator == "unexplained_injuries")
        .expect("counted");
    assert_eq!(
        (c.rating.as_deref(), c.rating_assumed, c.points),
        (Some("high"), false, 3)
    );
}

#[test]
fn resume_asks_again_a_yes_on_a_scale_saved_without_its_rating() {
    let q = pan_cheshire();
    let last = q.indicators.last().expect("indicators").id.clone();
    // A screening whose last indicator is a yes with basis and note but no rating (stopped
    // between the answer and the rating, or written by hand).
    let mut script = CASE.to_vec();
    script.push(Type("14"));
    script.extend(q.indicators.iter().skip(1).map(|_| Pick("No")));
    script.extend([
        Pick("Yes"),
        Pick("Low"),
        Pick("Concern"),
        Type("Calls after midnight."),
        Quit,
    ]);
    let (_, _, saver) = run(&q, Interview::new(&q, settings()), script);
    let (path, mut partial) = saver.saves.last().cloned().expect("saved");
    let mut e = partial.answers.get(&last).cloned().expect("answered");
    assert_eq!(e.rating.as_deref(), Some("low"));
    e.rating = None;
    partial.answers.set(&last, e);

    let rest = [
        &[Keep, Pick("Medium"), Keep, Keep][..],
        &[Pick("Finish"), Keep, Keep, Pick("Done")],
    ]
    .concat();
    let (outcome, p, _) = run(&q, Interview::resume(&q, partial, path, settings()), rest);
    assert!(
        p.transcript[0].starts_with("select Is the child using a phone heavily"),
        "{:?}",
        p.transcript
    );
    assert_eq!(
        p.transcript[1],
        "select Level of concern: how would you rate it? []"
    );
    let (_, s, _) = complete(outcome);
    let e = s.answers.get(&last).expect("answered");
    assert_eq!(
        (e.answer, e.rating.as_deref(), e.basis),
        (Answer::Yes, Some("medium"), Some(Basis::Concern))
    );
}

/// A complete screening of the minimal questionnaire, from the full script.
fn completed() -> (PathBuf, Screening) {
    let q = example();
    let (outcome, _, _) = run(&q, Interview::new(&q, settings()), full_script());
    let (path, s, _) = complete(outcome);
    (path, s)
}

/// The last screening saved.
fn last_saved(saver: &Memory) -> Screening {
    saver.saves.last().map(|(_, s)| s.clone()).expect("saved")
}

/// Review `missing` and keep each of its answers (yes, window, basis, note, episodes) as
/// saved, then stop.
const KEEP_MISSING_AS_SAVED: [super::scripted::Step; 8] = [
    Pick("Significant indicators"),
    Pick("Has the child been missing"),
    Keep,
    Keep,
    Keep,
    Keep,
    Keep,
    Quit,
];

const REVIEW_GIFTS: [super::scripted::Step; 2] = [
    Pick("Risk indicators: 1 NOT KNOWN"),
    Pick("Does the child have money"),
];

#[test]
fn enter_on_a_saved_no_or_not_known_keeps_its_note() {
    let q = example();
    let (path, mut s) = completed();
    let mut gifts = crate::answers::AnswerEntry::new(Answer::NotKnown);
    gifts.note = Some("Asked the school; they will check with her form tutor.".to_owned());
    s.answers.set("unexplained_gifts", gifts.clone());
    let script = [&REVIEW_GIFTS[..], &[Keep, Quit]].concat();
    let (_, p, saver) = run(
        &q,
        Interview::resume(&q, s.clone(), path, settings()),
        script,
    );
    let saved = last_saved(&saver);
    assert_eq!(saved.answers.get("unexplained_gifts"), Some(&gifts));
    assert_eq!(saved, s, "nothing changed, nothing is changed in the file");
    assert!(
        p.said
            .iter()
            .any(|t| t.starts_with("Unchanged: Does the child have money")),
        "{:#?}",
        p.said
    );
}

#[test]
fn warnings_printed_before_the_opening_are_recalled_just_above_the_first_prompt() {
    let q = example();
    let (path, s) = completed();
    let command = "cse-screen score EX-0001.yaml".to_owned();
    // A complete screening opens at the review: said under its list of answers, once.
    let interview = Interview::resume(&q, s.clone(), path.clone(), settings())
        .with_warnings_above(2, command.clone());
    let (_, p, _) = run(&q, interview, vec![Quit]);
    let recalled: Vec<&String> = p
        .said
        .iter()
        .filter(|t| t.starts_with("Before you go on"))
        .collect();
    assert_eq!(recalled.len(), 1, "{:#?}", p.said);
    assert_eq!(p.said.last(), recalled.first().copied(), "{:#?}", p.said);
    assert!(
        recalled[0].contains("found 2 things to look at")
            && recalled[0].ends_with("To see them again: cse-screen score EX-0001.yaml"),
        "{}",
        recalled[0]
    );
    // No warnings: nothing is said.
    let interview = Interview::resume(&q, s, path, settings()).with_warnings_above(0, command);
    let (_, p, _) = run(&q, interview, vec![Quit]);
    assert!(!p.said.iter().any(|t| t.starts_with("Before you go on")));
}

#[test]
fn enter_keeps_a_saved_note_byte_for_byte_with_its_final_line_break() {
    // `note: |` in YAML ends the note with a line break; spaces can lead a note too.
    let q = example();
    let (path, mut s) = completed();
    let mut missing = s.answers.get("missing").cloned().expect("answered");
    missing.note = Some("  Missing twice in March.\nBack by morning each time.\n".to_owned());
    s.answers.set("missing", missing.clone());
    let script = KEEP_MISSING_AS_SAVED.to_vec();
    let (_, p, saver) = run(&q, Interview::resume(&q, s, path, settings()), script);
    assert!(
        p.transcript
            .iter()
            .any(|t| t.starts_with("text ") && t.contains("Back by morning")),
        "the note was not asked: {:#?}",
        p.transcript
    );
    assert_eq!(last_saved(&saver).answers.get("missing"), Some(&missing));
}

#[test]
fn a_complete_screening_changed_on_resume_is_in_progress_until_it_is_finished_again() {
    let q = example();
    let (path, s) = completed();
    // Changed at review, then stopped: the file no longer says complete, so its result and
    // judgement are seen again before it does.
    let script = [&REVIEW_GIFTS[..], &[Pick("No"), Quit]].concat();
    let (_, _, saver) = run(
        &q,
        Interview::resume(&q, s.clone(), path.clone(), settings()),
        script,
    );
    let saved = last_saved(&saver);
    assert_eq!(saved.screening.status, Status::InProgress);
    assert_eq!(
        saved.answers.get("unexplained_gifts").map(|e| e.answer),
        Some(Answer::No)
    );
    // Changed and changed back: what is saved is the complete screening again.
    let script = [
        &REVIEW_GIFTS[..],
        &[Pick("No")],
        &[Pick("Does the child have money"), Pick("Not known"), Quit],
    ]
    .concat();
    let (_, _, saver) = run(
        &q,
        Interview::resume(&q, s.clone(), path, settings()),
        script,
    );
    assert_eq!(last_saved(&saver), s);
}

/// A file marked complete but missing an answer (edited by hand) is not finished with one
/// Enter at the review: the question with no answer is asked first.
#[test]
fn a_complete_screening_missing_an_answer_asks_it_before_the_review() {
    let q = example();
    let (path, mut s) = completed();
    s.answers.remove("unexplained_gifts");
    assert_eq!(s.screening.status, Status::Complete);
    let script = [Pick("No"), Quit].to_vec();
    let (_, p, saver) = run(&q, Interview::resume(&q, s, path, settings()), script);
    assert!(
        p.transcript
            .first()
            .is_some_and(|t| t.contains("Does the child have money")),
        "{:#?}",
        p.transcript
    );
    assert_eq!(
        last_saved(&saver)
            .answers
            .get("unexplained_gifts")
            .map(|e| e.answer),
        Some(Answer::No)
    );
}

/// Once the questions with no answer are answered, the review comes next: the answered
/// questions after them are not asked again one by one.
#[test]
fn a_complete_screening_missing_an_early_answer_goes_back_to_the_review_after_it() {
    let q = example();
    let (path, mut s) = completed();
    s.answers.remove("missing");
    let script = [Pick("No"), Quit].to_vec();
    let (_, p, saver) = run(&q, Interview::resume(&q, s, path, settings()), script);
    assert!(
        p.transcript[0].starts_with("select Has the child been missing"),
        "{:#?}",
        p.transcript
    );
    assert!(
        p.transcript[1].starts_with("select Review"),
        "{:#?}",
        p.transcript
    );
    let saved = last_saved(&saver);
    assert_eq!(
        saved.answers.get("missing").map(|e| e.answer),
        Some(Answer::No)
    );
    assert!(saved.answers.get("unexplained_gifts").is_some());
    // A yes whose basis was never chosen is asked again too, not finished as it is.
    let (path, mut s) = completed();
    if let Some(e) = s.answers.get("missing").cloned() {
        s.answers
            .set("missing", crate::answers::AnswerEntry { basis: None, ..e });
    }
    let (_, p, _) = run(&q, Interview::resume(&q, s, path, settings()), vec![Quit]);
    assert!(
        p.transcript[0].starts_with("select Has the child been missing"),
        "{:#?}",
        p.transcript
    );
}

#[test]
fn the_review_says_changed_when_only_the_details_of_a_yes_changed() {
    let q = example();
    let (path, s) = completed();
    let script = [
        Pick("Significant indicators"),
        Pick("Has the child been missing"),
        Keep,
        Keep,
        Pick("Concern"),
        Keep,
        Keep,
        Quit,
    ]
    .to_vec();
    let (_, p, saver) = run(&q, Interview::resume(&q, s, path, settings()), script);
    assert_eq!(
        last_saved(&saver)
            .answers
            .get("missing")
            .and_then(|e| e.basis),
        Some(Basis::Concern)
    );
    assert!(
        p.said
            .iter()
            .any(|t| t.starts_with("Changed: Has the child been missing")
                && t.ends_with("(its details)")),
        "{:#?}",
        p.said
    );
}

/// A yes changed to no at review takes its note, basis, time windows and follow-up with it,
/// and the review says so: a typed evidence note must not vanish without a word.
#[test]
fn the_review_says_what_a_changed_yes_took_with_it() {
    let q = example();
    let (path, s) = completed();
    let script = [
        Pick("Significant indicators"),
        Pick("Has the child been missing"),
        Pick("No"),
        Quit,
    ]
    .to_vec();
    let (_, p, saver) = run(&q, Interview::resume(&q, s, path, settings()), script);
    let saved = last_saved(&saver);
    let missing = saved.answers.get("missing").expect("answered");
    assert_eq!(missing.answer, Answer::No);
    assert_eq!(missing.note, None);
    assert!(
        p.said
            .iter()
            .any(|t| t.starts_with("Changed: Has the child been missing")
                && t.ends_with(
                    "; the time windows, basis, note and follow-up answers given with the yes \
                 were removed"
                )),
        "{:#?}",
        p.said
    );
}

/// A run that raises the level from Medium to High by judgement, with a reason; nobody to
/// name yet and no actions.
fn raise_to_high_script() -> Vec<super::scripted::Step> {
    [
        &CASE[..],
        &PROFILE,
        &MISSING_YES,
        &GIFTS_NOT_KNOWN,
        &[
            Pick("Finish"),
            Pick("Raise to High"),
            Type("Older man seen collecting her from school; police intelligence."),
            Keep,
            Pick("Done"),
        ],
    ]
    .concat()
}

/// The screening [`raise_to_high_script`] makes.
fn raised_to_high() -> (PathBuf, Screening) {
    let q = example();
    let (outcome, _, _) = run(&q, Interview::new(&q, settings()), raise_to_high_script());
    let (path, s, a) = complete(outcome);
    assert_eq!(a.level.id, "high");
    (path, s)
}

#[test]
fn a_saved_judgement_is_shown_and_kept_when_the_answers_reach_its_level_and_back() {
    let q = example();
    let (path, s) = raised_to_high();
    let judgement = s.judgement.clone();
    assert!(judgement.is_some());
    // The answers now reach High themselves (5 + 1): agreeing keeps the judgement on the
    // record, where it raises nothing.
    let script = [
        &REVIEW_GIFTS[..],
        &[Pick("Yes"), Pick("Concern"), Keep],
        &[Pick("Back to the sections"), Pick("Finish")],
        &[Pick("Agree: the level stays High"), Keep, Pick("Done")],
    ]
    .concat();
    let (outcome, p, _) = run(
        &q,
        Interview::resume(&q, s, path.clone(), settings()),
        script,
    );
    let (_, s, a) = complete(outcome);
    assert_eq!(s.judgement, judgement);
    assert_eq!(a.level.id, "high");
    assert!(
        p.said.iter().any(|t| t
            .starts_with("Your judgement saved earlier: raise to High, because: Older man seen")
            && t.contains("it raises nothing")),
        "{:#?}",
        p.said
    );
    // And back: the answer is not known again, the suggested level Medium; the judgement
    // is offered as it was (Enter keeps "Raise to High" and its reason), and still raises.
    let script = [
        Pick("Risk indicators: 1 yes"),
        Pick("Does the child have money"),
        Pick("Not known"),
        Pick("Back to the sections"),
        Pick("Finish"),
        Keep,
        Keep,
        Keep,
        Pick("Done"),
    ]
    .to_vec();
    let (outcome, _, _) = run(&q, Interview::resume(&q, s, path, settings()), script);
    let (_, s, a) = complete(outcome);
    assert_eq!(s.judgement, judgement);
    assert_eq!(a.level.id, "high");
    assert_eq!(a.level_set_by, [crate::engine::SetBy::Judgement]);
}

#[test]
fn a_follow_up_count_above_its_maximum_is_refused_not_lowered() {
    let text = include_str!("../../examples/questionnaire-minimal.yaml").replace(
        "prompt: How many episodes are known?}",
        "prompt: How many episodes are known?, max: 50}",
    );
    let q = questionnaire::from_str(&text).expect("valid");
    let script = [
        &CASE[..],
        &PROFILE,
        &MISSING_YES[..4],
        &[Refused("150"), Type("50")],
        &GIFTS_NOT_KNOWN,
        &FINISH,
        &DUE_AND_DONE,
    ]
    .concat();
    let (outcome, p, _) = run(&q, Interview::new(&q, settings()), script);
    let (_, s, _) = complete(outcome);
    assert_eq!(
        s.answers
            .get("missing")
            .and_then(|e| e.follow_up.get("episodes")),
        Some(&50)
    );
    assert_eq!(
        p.refusals,
        [
            "150 is more than 50, the most this question takes. Type a whole number from 0 to 50, or leave it empty if not known."
        ]
    );
}

#[test]
fn an_unchanged_note_keeps_its_record_of_wording_kept_under_another_phrase_list() {
    let full = include_str!("../../language/phrases.yaml");
    let (start, end) = (
        full.find("  - id: putting_self_at_risk")
            .expect("in the list"),
        full.find("  - id: sexually_active").expect("in the list"),
    );
    let local = crate::language::load::from_str(&format!("{}{}", &full[..start], &full[end..]))
        .expect("valid list");
    let q = example();
    let (path, mut s) = completed();
    let mut missing = s.answers.get("missing").cloned().expect("answered");
    missing.note = Some("She keeps putting herself at risk by going missing.".to_owned());
    missing.language_kept = vec!["putting_self_at_risk".to_owned()];
    s.answers.set("missing", missing.clone());
    let script = KEEP_MISSING_AS_SAVED.to_vec();
    let interview = Interview::resume(&q, s, path, settings()).with_phrases(&local);
    let (_, _, saver) = run(&q, interview, script);
    assert_eq!(last_saved(&saver).answers.get("missing"), Some(&missing));
}

#[test]
fn a_screening_carried_to_a_later_version_asks_again_what_changed_then_the_review() {
    let q = example();
    let (outcome, _, _) = run(&q, Interview::new(&q, settings()), full_script());
    let (path, done, _) = complete(outcome);
    // Version 0.2.0 asks one more thing after a "yes" to being missing, and words a fact
    // differently.
    let text = include_str!("../../examples/questionnaire-minimal.yaml")
        .replace("version: 0.1.0", "version: 0.2.0")
        .replace(
            "prompt: Is the child looked after?",
            "prompt: Is the child looked after by a local authority?",
        )
        .replace(
            "prompt: How many episodes are known?}",
            "prompt: How many episodes are known?}\n          - {id: nights, kind: count, prompt: How many nights away in all?}",
        );
    let later = questionnaire::from_str(&text).expect("valid");
    let carried = crate::answers::carry::carry(&done, &q, &later).expect("carried");
    // The saved answers come back as current: an Enter each, then the new count.
    let script = [
        &[Keep, Keep, Keep, Keep, Keep, Keep, Type("4")][..],
        &FINISH,
        &DUE_AND_DONE,
    ]
    .concat();
    let interview = Interview::resume(&later, carried.screening, path, settings()).carried_from(
        &done,
        "Carried to 0.2.0.".to_owned(),
        &carried.ask_again,
    );
    let (outcome, p, saver) = run(&later, interview, script);
    assert!(
        p.said.iter().any(|s| s == "Carried to 0.2.0."),
        "{:#?}",
        p.said
    );
    assert!(
        p.transcript[0].starts_with("select Is the child looked after by a local authority?"),
        "{:#?}",
        p.transcript
    );
    assert!(
        p.transcript[1].starts_with("select Has the child been missing"),
        "{:#?}",
        p.transcript
    );
    // Each question says why it is asked again, where it is asked.
    assert!(
        p.choice_notes[0]
            .1
            .starts_with("Asked again: its wording changed in version 0.2.0."),
        "{:#?}",
        p.choice_notes
    );
    assert!(
        p.choice_notes[1]
            .1
            .starts_with("Asked again: version 0.2.0 asks something new after a yes to it.\n"),
        "{:#?}",
        p.choice_notes
    );
    // Then the review, not the questions after it.
    assert!(
        p.transcript.iter().any(|t| t.starts_with("select Review")),
        "{:#?}",
        p.transcript
    );
    assert!(
        !p.transcript
            .iter()
            .any(|t| t.contains("cannot be explained"))
    );
    // Saved in progress until the walk-through ends: its answers now meet other rules.
    let (_, first) = saver.saves.first().expect("saved");
    assert_eq!(first.screening.status, Status::InProgress);
    assert_eq!(first.questionnaire.version, "0.2.0");
    let (_, finished, _) = complete(outcome);
    let missing = finished.answers.get("missing").expect("answered");
    assert_eq!(missing.follow_up.get("episodes"), Some(&3));
    assert_eq!(missing.follow_up.get("nights"), Some(&4));
    assert_eq!(finished.screening.status, Status::Complete);
    assert_eq!(
        finished.answers.get("unexplained_gifts"),
        done.answers.get("unexplained_gifts")
    );
    assert_eq!(finished.profile, done.profile);
}

/// A screening carried to a later version is saved only once every question asked again is
/// answered. An answer there that brings 999 says so, and must not say it is saved (found in
/// review: "Every answer so far is saved" was said, then Ctrl-C to make the call left the
/// file as it was, without the answer).
#[test]
fn an_answer_that_brings_999_while_a_carried_screening_is_not_yet_saved_says_so() {
    let q = example();
    let (outcome, _, _) = run(&q, Interview::new(&q, settings()), full_script());
    let (path, done, _) = complete(outcome);
    // Version 0.2.0 asks how many nights after a yes to being missing (three or more: 999),
    // and words the gifts question differently: both are asked again, in that order.
    let text = include_str!("../../examples/questionnaire-minimal.yaml")
        .replace("version: 0.1.0", "version: 0.2.0")
        .replace(
            "prompt: Does the child have money, phones or other items that cannot be explained?",
            "prompt: Does the child have money, phones, clothes or other items that cannot be explained?",
        )
        .replace(
            "prompt: How many episodes are known?}",
            "prompt: How many episodes are known?}\n          - {id: nights, kind: count, prompt: How many nights away in all?}",
        )
        .replace(
            "rules:\n",
            "rules:\n  - id: nights_away\n    when: {follow_up: {indicator: missing, follow_up: nights, at_least: 3}}\n    add_routes: [call_999]\n    reason: Away three nights or more.\n",
        );
    let later = questionnaire::from_str(&text).expect("valid");
    let carried = crate::answers::carry::carry(&done, &q, &later).expect("carried");
    assert_eq!(carried.ask_again.len(), 2, "{:?}", carried.ask_again);
    let script = [Keep, Keep, Keep, Keep, Keep, Type("4"), Quit];
    let interview = Interview::resume(&later, carried.screening, path, settings()).carried_from(
        &done,
        "Carried to 0.2.0.".to_owned(),
        &carried.ask_again,
    );
    let (outcome, p, saver) = run(&later, interview, script.to_vec());
    let danger: Vec<&String> = p
        .said
        .iter()
        .filter(|s| s.starts_with("IMMEDIATE DANGER"))
        .collect();
    assert_eq!(danger.len(), 1, "{:#?}", p.said);
    assert!(
        danger[0].contains(
            "This answer is not saved yet: the screening was started with an earlier version \
             of the questionnaire, and is saved once the 1 more question asked again is answered."
        ),
        "{}",
        danger[0]
    );
    assert!(!danger[0].contains("Every answer so far is saved"));
    assert!(
        saver.saves.is_empty(),
        "nothing saved: {:?}",
        saver.saves.len()
    );
    assert!(
        matches!(
            outcome,
            Outcome::Interrupted {
                kept_as_started: true,
                ..
            }
        ),
        "{outcome:?}"
    );
}

/// Where the level is judged, a level resting on an answer not known says so: the gifts not
/// known would make the example High (found reading the judgement screen: it said only
/// "Suggested level: Medium (score 5)").
#[test]
fn the_judgement_says_what_finding_out_the_answers_not_known_could_raise_the_level_to() {
    let q = example();
    let (_, p, _) = run(&q, Interview::new(&q, settings()), full_script());
    let line = "Not known: 1 answer; finding it out could raise the level to High.";
    let shown = p
        .said
        .iter()
        .chain(p.choice_notes.iter().map(|(_, n)| n))
        .any(|t| t.contains("Suggested level: Medium") && t.contains(line));
    assert!(shown, "{:#?}\n{:#?}", p.said, p.choice_notes);
}
