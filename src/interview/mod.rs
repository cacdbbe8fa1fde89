//! The interactive walk-through: the driver that owns the order of questions, back navigation,
//! autosave, review, judgement and decisions, and the [`Prompter`] trait it asks through.
//!
//! Free text (notes, the judgement reason, actions) goes through the wording check: findings
//! are shown with why they harm and what to say instead, and the practitioner rephrases or
//! keeps the text; kept phrases are recorded in the file (`language_kept`).
//!
//! The driver never touches a terminal: `inquire.rs` (the only file that imports inquire)
//! implements [`Prompter`] for people, `scripted.rs` for tests. Its state is the saved file
//! itself (a [`Screening`]), written through a [`Saver`] after every answer, so an
//! interruption loses at most the answer being typed.

pub mod inquire;
pub mod plain;
#[cfg(test)]
mod scripted;
#[cfg(test)]
mod tests;

use std::io;
use std::path::PathBuf;

use crate::answers::{
    Action, AnswerEntry, Basis, Decisions, Details, JudgementEntry, ProfileValue, Screening, Stamp,
    Status,
};
use crate::engine::{Answer, Assessment, assess};
use crate::language::{self, PhraseList};
use crate::questionnaire::{FactKind, Questionnaire, Scoring};

/// What the person did at a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply<T> {
    Answer(T),
    /// Esc: go back one question.
    Back,
    /// Ctrl-C: stop now (everything answered so far is already saved).
    Quit,
}

/// Choose one of `options`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub prompt: String,
    /// A line under the prompt (progress, what the options mean).
    pub note: Option<String>,
    pub options: Vec<String>,
    /// The option selected when the prompt opens (an earlier answer).
    pub start: usize,
}

/// Choose any of `options` (possibly none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Many {
    pub prompt: String,
    pub note: Option<String>,
    pub options: Vec<String>,
    /// Options ticked when the prompt opens (an earlier answer).
    pub selected: Vec<usize>,
}

/// Checks typed text: `Err(message)` rejects it, and the prompt asks again showing the message.
pub type Check = fn(&str) -> Result<(), String>;

/// A line of text, checked by `check` before it is accepted.
#[derive(Debug, Clone)]
pub struct TextQuestion {
    pub prompt: String,
    pub note: Option<String>,
    /// Text already in the box when the prompt opens (an earlier answer or a default).
    pub initial: String,
    /// `Err(message)` rejects the text and asks again with the message.
    pub check: Check,
}

/// Asks questions. Implementations only ask; every decision is the driver's.
pub trait Prompter {
    fn select(&mut self, q: &Choice) -> io::Result<Reply<usize>>;
    fn select_many(&mut self, q: &Many) -> io::Result<Reply<Vec<usize>>>;
    fn text(&mut self, q: &TextQuestion) -> io::Result<Reply<String>>;
    /// Shows information (help text, the review, the running score).
    fn say(&mut self, text: &str) -> io::Result<()>;
}

/// Saves the screening; `first` is the first save of a new file (never overwrite it unless forced).
pub trait Saver {
    fn save(
        &mut self,
        path: &std::path::Path,
        screening: &Screening,
        first: bool,
    ) -> io::Result<()>;
}

/// Settings for one interview.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Today's date, `YYYY-MM-DD` (the driver has no clock).
    pub today: String,
    /// Where to save; default: `<case reference>-<date>.yaml` in the current directory.
    pub output: Option<PathBuf>,
    /// Show the running score and level after each answer.
    pub training: bool,
}

/// How an interview ended.
#[derive(Debug)]
pub enum Outcome {
    /// Finished: the file is saved with status complete.
    Complete {
        path: PathBuf,
        screening: Box<Screening>,
        assessment: Box<Assessment>,
    },
    /// Stopped with Ctrl-C; `path` is where the answers so far are saved, if anywhere yet.
    Interrupted { path: Option<PathBuf> },
    /// The default file already exists and may not be overwritten.
    Exists { path: PathBuf },
}

/// One question of the walk-through, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    CaseReference,
    Date,
    Practitioner,
    Agency,
    Fact(usize),
    Indicator(usize),
    Review,
    Judgement,
    Decisions,
}

/// Options of the yes / no / not known question, with help one choice away.
const ANSWER_OPTIONS: [&str; 4] = ["Yes", "No", "Not known", "? Help: what to look for"];
const HELP_OPTION: usize = 3;

fn answer_index(a: Answer) -> usize {
    match a {
        Answer::Yes => 0,
        Answer::No => 1,
        Answer::NotKnown => 2,
    }
}

/// An interview in progress over `q`.
pub struct Interview<'a> {
    q: &'a Questionnaire,
    screening: Screening,
    path: Option<PathBuf>,
    /// True once this interview has written its file (later saves replace it).
    created: bool,
    settings: Settings,
    steps: Vec<Step>,
    /// The wording check for free text; `None` turns it off.
    phrases: Option<&'a PhraseList>,
}

fn nonempty(s: &str) -> Result<(), String> {
    if s.trim().is_empty() {
        Err("Please type an answer.".to_owned())
    } else {
        Ok(())
    }
}

fn anything(_: &str) -> Result<(), String> {
    Ok(())
}

fn date(s: &str) -> Result<(), String> {
    crate::answers::parse_date(s.trim())
        .map(|_| ())
        .ok_or_else(|| "Type the date as YYYY-MM-DD, for example 2026-11-24.".to_owned())
}

fn age(s: &str) -> Result<(), String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(());
    }
    match s.parse::<u32>() {
        Ok(n) if n <= 25 => Ok(()),
        _ => {
            Err("Type the age in whole years (0 to 25), or leave it empty if not known.".to_owned())
        }
    }
}

fn count(s: &str) -> Result<(), String> {
    let s = s.trim();
    if s.is_empty() || s.parse::<u32>().is_ok() {
        Ok(())
    } else {
        Err("Type a whole number, or leave it empty if not known.".to_owned())
    }
}

fn case_reference(s: &str) -> Result<(), String> {
    nonempty(s)?;
    if s.trim().contains(char::is_whitespace)
        && s.trim().chars().filter(|c| c.is_alphabetic()).count() > 3
        && !s.chars().any(|c| c.is_ascii_digit())
    {
        return Err("This looks like a name. Use the case reference from your records, never the child's name.".to_owned());
    }
    Ok(())
}

impl<'a> Interview<'a> {
    /// A new screening of `q`.
    pub fn new(q: &'a Questionnaire, settings: Settings) -> Interview<'a> {
        let screening = Screening {
            schema: None,
            format: Some(crate::answers::FORMAT),
            questionnaire: Stamp {
                id: q.id.clone(),
                version: q.version.clone(),
                sha256: q.sha256.clone(),
            },
            screening: Details {
                case_reference: String::new(),
                date: settings.today.clone(),
                practitioner: String::new(),
                agency: String::new(),
                status: Status::InProgress,
            },
            profile: Default::default(),
            answers: Default::default(),
            judgement: None,
            decisions: None,
        };
        Interview {
            q,
            screening,
            path: settings.output.clone(),
            created: false,
            steps: steps(q),
            settings,
            phrases: language::bundled().ok(),
        }
    }

    /// Continues a saved screening (already checked against `q`), saved at `path`.
    pub fn resume(
        q: &'a Questionnaire,
        screening: Screening,
        path: PathBuf,
        settings: Settings,
    ) -> Interview<'a> {
        Interview {
            q,
            screening,
            path: Some(path),
            created: true,
            steps: steps(q),
            settings,
            phrases: language::bundled().ok(),
        }
    }

    /// Checks free text against `phrases` instead of the built-in list.
    #[must_use]
    pub fn with_phrases(mut self, phrases: &'a PhraseList) -> Interview<'a> {
        self.phrases = Some(phrases);
        self
    }

    /// Asks `q` for free text, then checks its wording. Each finding is shown with why it
    /// harms and what to say instead, and the practitioner chooses to rephrase (back to the
    /// text as typed) or keep it; kept phrase ids come back with the text, trimmed. Text saved
    /// earlier (`earlier`) with its phrases kept is taken again without asking.
    fn ask_wording(
        &self,
        p: &mut dyn Prompter,
        mut q: TextQuestion,
        earlier: Option<(&str, &[String])>,
    ) -> io::Result<Reply<(String, Vec<String>)>> {
        loop {
            let text = match p.text(&q)? {
                Reply::Answer(text) => text.trim().to_owned(),
                Reply::Back => return Ok(Reply::Back),
                Reply::Quit => return Ok(Reply::Quit),
            };
            let young = language::screening::under_13(&self.screening);
            let findings = self
                .phrases
                .map(|list| list.check(&text, young))
                .unwrap_or_default();
            let mut ids: Vec<String> = findings.iter().map(|f| f.id.clone()).collect();
            ids.sort_unstable();
            ids.dedup();
            let seen = earlier.is_some_and(|(before, kept)| {
                before == text && ids.iter().all(|id| kept.contains(id))
            });
            if ids.is_empty() || seen {
                return Ok(Reply::Answer((text, ids)));
            }
            p.say(&crate::report::language::advice(&findings))?;
            let choice = Choice {
                prompt: "Rephrase it, or keep it as written?".to_owned(),
                note: Some(
                    "Wording that blames the child can cost them protection. If you keep it, that is recorded with the screening."
                        .to_owned(),
                ),
                options: vec![
                    "Rephrase it".to_owned(),
                    "Keep it as written".to_owned(),
                ],
                start: 0,
            };
            match p.select(&choice)? {
                Reply::Answer(1) => return Ok(Reply::Answer((text, ids))),
                Reply::Answer(_) | Reply::Back => q.initial = text,
                Reply::Quit => return Ok(Reply::Quit),
            }
        }
    }

    /// The first question not yet answered (the review, if all are). A yes whose details
    /// were left part-way (no basis yet, or a follow-up count missing) counts as unanswered.
    /// And if the indicator just before the one found is a "yes" whose details may have been
    /// cut off (its windows, basis, note or follow-ups not all given), it starts there
    /// instead. Either way its saved values come back as defaults, so going on costs an Enter
    /// each, and a count that a rule needs (two missing episodes) is never silently skipped.
    fn first_unanswered(&self) -> usize {
        let s = &self.screening;
        let at = self
            .steps
            .iter()
            .position(|step| match step {
                Step::CaseReference => s.screening.case_reference.trim().is_empty(),
                Step::Date => false,
                Step::Practitioner => s.screening.practitioner.trim().is_empty(),
                Step::Agency => s.screening.agency.trim().is_empty(),
                Step::Fact(f) => s.profile.get(&self.q.profile[*f].id).is_none(),
                Step::Indicator(i) => {
                    let ind = &self.q.indicators[*i];
                    s.answers.get(&ind.id).is_none_or(|e| {
                        e.answer == Answer::Yes
                            && (e.basis.is_none()
                                || ind
                                    .follow_ups
                                    .iter()
                                    .any(|f| !e.follow_up.contains_key(&f.id)))
                    })
                }
                Step::Review | Step::Judgement | Step::Decisions => true,
            })
            .unwrap_or(0);
        match at.checked_sub(1).map(|before| (before, self.steps[before])) {
            Some((before, Step::Indicator(i))) if self.details_may_be_missing(i) => before,
            _ => at,
        }
    }

    /// True for a "yes" without every detail the walk-through asks after it.
    fn details_may_be_missing(&self, i: usize) -> bool {
        let ind = &self.q.indicators[i];
        let Some(e) = self.screening.answers.get(&ind.id) else {
            return false;
        };
        let has_windows = matches!(ind.scoring, Scoring::Windows(_));
        e.answer == Answer::Yes
            && ((has_windows && e.windows.is_empty())
                || e.basis.is_none()
                || e.note.is_none()
                || ind
                    .follow_ups
                    .iter()
                    .any(|f| !e.follow_up.contains_key(&f.id)))
    }

    /// Runs the walk-through to the end, or until Ctrl-C.
    pub fn run(mut self, p: &mut dyn Prompter, saver: &mut dyn Saver) -> io::Result<Outcome> {
        let mut at = if self.created {
            self.first_unanswered()
        } else {
            0
        };
        if self.screening.screening.status == Status::Complete {
            at = self
                .steps
                .iter()
                .position(|s| *s == Step::Review)
                .unwrap_or(at);
        }
        while at < self.steps.len() {
            let reply = match self.steps[at] {
                step @ (Step::CaseReference | Step::Date | Step::Practitioner | Step::Agency) => {
                    self.ask_detail(p, step)?
                }
                Step::Fact(f) => self.ask_fact(p, f)?,
                Step::Indicator(i) => {
                    let reply = self.ask_indicator(p, i, saver)?;
                    if reply == Reply::Answer(()) && self.settings.training {
                        self.say_running_score(p)?;
                    }
                    reply
                }
                Step::Review => self.review(p, saver)?,
                Step::Judgement => self.ask_judgement(p, saver)?,
                Step::Decisions => self.ask_decisions(p, saver)?,
            };
            match reply {
                Reply::Answer(()) => {
                    // The file name needs the case reference and date: nothing is saved before.
                    if self.steps[at] == Step::Date && !self.created {
                        let path = self.path.clone().unwrap_or_else(|| {
                            PathBuf::from(crate::store::default_file_name(
                                &self.screening.screening.case_reference,
                                &self.screening.screening.date,
                            ))
                        });
                        self.path = Some(path.clone());
                        match saver.save(&path, &self.screening, true) {
                            Ok(()) => self.created = true,
                            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                                return Ok(Outcome::Exists { path });
                            }
                            Err(e) => return Err(e),
                        }
                    } else {
                        self.save(saver)?;
                    }
                    at += 1;
                }
                Reply::Back => at = at.saturating_sub(1),
                Reply::Quit => {
                    return Ok(Outcome::Interrupted {
                        path: self.created.then(|| self.path.clone()).flatten(),
                    });
                }
            }
        }
        self.screening.screening.status = Status::Complete;
        self.save(saver)?;
        let assessment = self
            .assessment()
            .ok_or_else(|| io::Error::other("the answers no longer match the questionnaire"))?;
        let path = self.path.clone().unwrap_or_default();
        Ok(Outcome::Complete {
            path,
            screening: Box::new(self.screening),
            assessment: Box::new(assessment),
        })
    }

    fn save(&mut self, saver: &mut dyn Saver) -> io::Result<()> {
        match &self.path {
            Some(path) if self.created => saver.save(path, &self.screening, false),
            _ => Ok(()),
        }
    }

    fn assessment(&self) -> Option<Assessment> {
        self.screening
            .responses(self.q)
            .ok()
            .map(|r| assess(self.q, &r))
    }

    /// Asks one case detail (a line of text) and stores it, trimmed, in its field.
    fn ask_detail(&mut self, p: &mut dyn Prompter, step: Step) -> io::Result<Reply<()>> {
        const NEVER_A_NAME: &str = "The reference from your case records. Never the child's name.";
        let d = &mut self.screening.screening;
        let (prompt, note, check, field) = match step {
            Step::CaseReference => (
                "Case reference",
                Some(NEVER_A_NAME),
                case_reference as Check,
                &mut d.case_reference,
            ),
            Step::Date => (
                "Date of the screening",
                Some("YYYY-MM-DD"),
                date as Check,
                &mut d.date,
            ),
            Step::Practitioner => (
                "Your name (the practitioner)",
                None,
                nonempty as Check,
                &mut d.practitioner,
            ),
            _ => (
                "Your agency or team",
                None,
                nonempty as Check,
                &mut d.agency,
            ),
        };
        let q = TextQuestion {
            prompt: prompt.to_owned(),
            note: note.map(str::to_owned),
            initial: field.clone(),
            check,
        };
        // Back at the first question stays there: the driver asks it again.
        Ok(p.text(&q)?.map(|text| *field = text.trim().to_owned()))
    }

    fn ask_fact(&mut self, p: &mut dyn Prompter, f: usize) -> io::Result<Reply<()>> {
        let fact = &self.q.profile[f];
        let earlier = self.screening.profile.get(&fact.id).copied();
        let note = fact.help.clone();
        let value = match fact.kind {
            FactKind::Age => {
                let initial = match earlier {
                    Some(ProfileValue::Number(n)) => n.to_string(),
                    _ => String::new(),
                };
                let note = Some(note.map_or_else(
                    || "Leave empty if not known.".to_owned(),
                    |n| format!("{n} Leave empty if not known."),
                ));
                match p.text(&TextQuestion {
                    prompt: fact.prompt.clone(),
                    note,
                    initial,
                    check: age,
                })? {
                    Reply::Answer(text) => ProfileValue::for_kind(FactKind::Age, text.trim())
                        .unwrap_or(ProfileValue::Answer(Answer::NotKnown)),
                    Reply::Back => return Ok(Reply::Back),
                    Reply::Quit => return Ok(Reply::Quit),
                }
            }
            FactKind::YesNo => {
                let start = match earlier {
                    Some(ProfileValue::Answer(a)) => answer_index(a),
                    _ => 2,
                };
                let options = ANSWER_OPTIONS[..3]
                    .iter()
                    .map(|s| (*s).to_owned())
                    .collect();
                match p.select(&Choice {
                    prompt: fact.prompt.clone(),
                    note,
                    options,
                    start,
                })? {
                    Reply::Answer(i) => ProfileValue::Answer(
                        Answer::ALL.get(i).copied().unwrap_or(Answer::NotKnown),
                    ),
                    Reply::Back => return Ok(Reply::Back),
                    Reply::Quit => return Ok(Reply::Quit),
                }
            }
        };
        self.screening.profile.set(&fact.id, value);
        Ok(Reply::Answer(()))
    }

    /// "Significant indicators · 4 of 9 · 12 of 38 overall"
    fn progress(&self, i: usize) -> String {
        let ind = &self.q.indicators[i];
        let section = &self.q.sections[ind.section];
        format!(
            "{} · {} of {} · {} of {} overall",
            section.title,
            i - section.indicators.start + 1,
            section.indicators.len(),
            i + 1,
            self.q.indicators.len()
        )
    }

    /// Asks indicator `i`: the answer, then for a yes its windows, basis, note and follow-ups.
    /// Saves after each of them. Esc inside goes back one question within the indicator.
    fn ask_indicator(
        &mut self,
        p: &mut dyn Prompter,
        i: usize,
        saver: &mut dyn Saver,
    ) -> io::Result<Reply<()>> {
        let ind = &self.q.indicators[i];
        let id = ind.id.clone();
        let windows: Vec<usize> = match &ind.scoring {
            Scoring::Windows(w) => w.iter().map(|(w, _)| *w).collect(),
            Scoring::Single(_) => Vec::new(),
        };
        // Sub-questions of a yes, in order.
        let mut sub: Vec<Sub> = Vec::new();
        if !windows.is_empty() {
            sub.push(Sub::Windows);
        }
        sub.push(Sub::Basis);
        sub.push(Sub::Note);
        sub.extend((0..ind.follow_ups.len()).map(Sub::FollowUp));

        let mut at = 0usize; // 0 is the answer itself; 1.. are `sub`
        loop {
            let entry = self.screening.answers.get(&id).cloned();
            if at == 0 {
                let start = entry.as_ref().map_or(0, |e| answer_index(e.answer));
                let choice = Choice {
                    prompt: ind.prompt.clone(),
                    note: Some(self.progress(i)),
                    options: ANSWER_OPTIONS.iter().map(|s| (*s).to_owned()).collect(),
                    start,
                };
                match p.select(&choice)? {
                    Reply::Answer(HELP_OPTION) => {
                        p.say(&format!("Help: {}", ind.help))?;
                        continue;
                    }
                    Reply::Answer(k) => {
                        let answer = Answer::ALL.get(k).copied().unwrap_or(Answer::NotKnown);
                        let mut e = entry.unwrap_or(AnswerEntry::new(answer));
                        if answer != e.answer || answer != Answer::Yes {
                            // Details belong to a yes; a changed answer starts them afresh.
                            e = AnswerEntry::new(answer);
                        }
                        self.screening.answers.set(&id, e);
                        if answer != Answer::Yes {
                            return Ok(Reply::Answer(()));
                        }
                        self.save(saver)?;
                        at = 1;
                    }
                    Reply::Back => return Ok(Reply::Back),
                    Reply::Quit => return Ok(Reply::Quit),
                }
                continue;
            }
            let Some(step) = sub.get(at - 1).copied() else {
                return Ok(Reply::Answer(()));
            };
            let mut e = entry.unwrap_or(AnswerEntry::new(Answer::Yes));
            let reply = match step {
                Sub::Windows => {
                    let options = windows
                        .iter()
                        .map(|&w| self.q.windows[w].label.clone())
                        .collect();
                    let selected = windows
                        .iter()
                        .enumerate()
                        .filter(|(_, w)| e.windows.contains(&self.q.windows[**w].id))
                        .map(|(k, _)| k)
                        .collect();
                    let many = Many {
                        prompt: "When? Tick every time window that applies".to_owned(),
                        note: Some("Tick none if it is not known when.".to_owned()),
                        options,
                        selected,
                    };
                    p.select_many(&many)?.map(|ticked| {
                        e.windows = ticked
                            .iter()
                            .filter_map(|&k| windows.get(k))
                            .map(|&w| self.q.windows[w].id.clone())
                            .collect();
                    })
                }
                Sub::Basis => {
                    let start = match e.basis {
                        Some(Basis::Concern) => 1,
                        _ => 0,
                    };
                    let options = vec![
                        "Evidence: something seen, said or recorded".to_owned(),
                        "Concern: a professional worry or \"gut feeling\"".to_owned(),
                    ];
                    p.select(&Choice {
                        prompt: "What is this based on?".to_owned(),
                        note: Some(
                            "Evidence and concerns are recorded apart; both count.".to_owned(),
                        ),
                        options,
                        start,
                    })?
                    .map(|k| {
                        e.basis = Some(if k == 1 {
                            Basis::Concern
                        } else {
                            Basis::Evidence
                        });
                    })
                }
                Sub::Note => {
                    let q = TextQuestion {
                        prompt: "Note (optional): what, when, who said it".to_owned(),
                        note: None,
                        initial: e.note.clone().unwrap_or_default(),
                        check: anything,
                    };
                    let earlier = e.note.as_deref().map(|n| (n, e.language_kept.as_slice()));
                    self.ask_wording(p, q, earlier)?.map(|(text, kept)| {
                        e.note = Some(text).filter(|t| !t.is_empty());
                        e.language_kept = kept;
                    })
                }
                Sub::FollowUp(f) => {
                    let fu = &ind.follow_ups[f];
                    let initial = e
                        .follow_up
                        .get(&fu.id)
                        .map(u32::to_string)
                        .unwrap_or_default();
                    let note = Some(fu.help.clone().map_or_else(
                        || "Leave empty if not known.".to_owned(),
                        |h| format!("{h} Leave empty if not known."),
                    ));
                    p.text(&TextQuestion {
                        prompt: fu.prompt.clone(),
                        note,
                        initial,
                        check: count,
                    })?
                    .map(|text| match text.trim().parse::<u32>() {
                        Ok(n) => {
                            let n = fu.max.map_or(n, |m| n.min(m));
                            e.follow_up.insert(fu.id.clone(), n);
                        }
                        Err(_) => {
                            e.follow_up.remove(&fu.id);
                        }
                    })
                }
            };
            match reply {
                Reply::Answer(()) => {
                    self.screening.answers.set(&id, e);
                    if at < sub.len() {
                        self.save(saver)?;
                    }
                    at += 1;
                }
                Reply::Back => at -= 1,
                Reply::Quit => return Ok(Reply::Quit),
            }
        }
    }

    fn say_running_score(&self, p: &mut dyn Prompter) -> io::Result<()> {
        if let Some(a) = self.assessment() {
            let routes: Vec<&str> = a.routes.iter().map(|r| r.title.as_str()).collect();
            p.say(&format!(
                "Training: score {} · level {} · routes: {}",
                a.score,
                a.level.label,
                routes.join("; ")
            ))?;
        }
        Ok(())
    }

    /// Lists every answer by section (not known highlighted) and lets any be changed.
    fn review(&mut self, p: &mut dyn Prompter, saver: &mut dyn Saver) -> io::Result<Reply<()>> {
        loop {
            p.say(&self.review_text())?;
            let mut options = vec!["Finish: go on to judgement and the result".to_owned()];
            options.extend(
                self.q
                    .indicators
                    .iter()
                    .map(|ind| format!("Change: {} [{}]", ind.prompt, self.answer_label(&ind.id))),
            );
            options.extend(
                self.q
                    .profile
                    .iter()
                    .map(|f| format!("Change: {} [{}]", f.prompt, self.fact_label(&f.id))),
            );
            let choice = Choice {
                prompt: "Review the answers. Choose one to change it, or finish.".to_owned(),
                note: None,
                options,
                start: 0,
            };
            match p.select(&choice)? {
                Reply::Answer(0) => return Ok(Reply::Answer(())),
                Reply::Answer(k) if k <= self.q.indicators.len() => {
                    if self.ask_indicator(p, k - 1, saver)? == Reply::Quit {
                        return Ok(Reply::Quit);
                    }
                    self.save(saver)?;
                }
                Reply::Answer(k) => {
                    let f = k - 1 - self.q.indicators.len();
                    if f < self.q.profile.len() {
                        if self.ask_fact(p, f)? == Reply::Quit {
                            return Ok(Reply::Quit);
                        }
                        self.save(saver)?;
                    }
                }
                Reply::Back => return Ok(Reply::Back),
                Reply::Quit => return Ok(Reply::Quit),
            }
        }
    }

    fn answer_label(&self, id: &str) -> String {
        match self.screening.answers.get(id) {
            None => "not answered".to_owned(),
            Some(e) => match e.answer {
                Answer::Yes if e.windows.is_empty() => "yes".to_owned(),
                Answer::Yes => {
                    let labels: Vec<&str> = e
                        .windows
                        .iter()
                        .filter_map(|w| self.q.window(w))
                        .map(|w| self.q.windows[w].label.as_str())
                        .collect();
                    format!("yes: {}", labels.join(", ").to_lowercase())
                }
                Answer::No => "no".to_owned(),
                Answer::NotKnown => "NOT KNOWN".to_owned(),
            },
        }
    }

    fn fact_label(&self, id: &str) -> String {
        match self.screening.profile.get(id) {
            None => "not answered".to_owned(),
            Some(ProfileValue::Number(n)) => n.to_string(),
            Some(ProfileValue::Answer(Answer::NotKnown)) => "NOT KNOWN".to_owned(),
            Some(ProfileValue::Answer(a)) => a.as_str().to_owned(),
        }
    }

    fn review_text(&self) -> String {
        let mut out = String::from("Review\n");
        for f in &self.q.profile {
            out.push_str(&format!("  {}: {}\n", f.prompt, self.fact_label(&f.id)));
        }
        for s in &self.q.sections {
            out.push_str(&format!("{}\n", s.title));
            for ind in &self.q.indicators[s.indicators.clone()] {
                let label = self.answer_label(&ind.id);
                let mark = if label == "NOT KNOWN" {
                    "  ← find out"
                } else {
                    ""
                };
                out.push_str(&format!("  {}: {label}{mark}\n", ind.prompt));
            }
        }
        out
    }

    /// The practitioner may raise the level (never lower it), with a reason.
    fn ask_judgement(
        &mut self,
        p: &mut dyn Prompter,
        saver: &mut dyn Saver,
    ) -> io::Result<Reply<()>> {
        // The suggested level without any earlier judgement.
        let mut plain = self.screening.clone();
        plain.judgement = None;
        let Some(level) = plain
            .responses(self.q)
            .ok()
            .map(|r| assess(self.q, &r).level.rank)
        else {
            return Ok(Reply::Answer(()));
        };
        loop {
            let higher: Vec<usize> = (level + 1..self.q.levels.len()).collect();
            if higher.is_empty() {
                self.screening.judgement = None;
                return Ok(Reply::Answer(()));
            }
            let mut options = vec![format!(
                "Keep the suggested level: {}",
                self.q.levels[level].label
            )];
            options.extend(
                higher
                    .iter()
                    .map(|&l| format!("Raise to {}", self.q.levels[l].label)),
            );
            let start = self
                .screening
                .judgement
                .as_ref()
                .and_then(|j| {
                    higher
                        .iter()
                        .position(|&l| self.q.levels[l].id == j.raise_to)
                })
                .map_or(0, |k| k + 1);
            let note =
                Some("Your professional judgement can raise the level, never lower it.".to_owned());
            match p.select(&Choice {
                prompt: "Does the level match your professional judgement?".to_owned(),
                note,
                options,
                start,
            })? {
                Reply::Answer(0) => {
                    self.screening.judgement = None;
                    return Ok(Reply::Answer(()));
                }
                Reply::Answer(k) => {
                    let Some(&to) = higher.get(k - 1) else {
                        continue;
                    };
                    let earlier = self.screening.judgement.clone();
                    let q = TextQuestion {
                        prompt: format!("Why raise it to {}?", self.q.levels[to].label),
                        note: Some("Required: this is recorded with the screening.".to_owned()),
                        initial: earlier
                            .as_ref()
                            .map(|j| j.reason.clone())
                            .unwrap_or_default(),
                        check: nonempty,
                    };
                    let earlier = earlier
                        .as_ref()
                        .map(|j| (j.reason.as_str(), j.language_kept.as_slice()));
                    match self.ask_wording(p, q, earlier)? {
                        Reply::Answer((reason, language_kept)) => {
                            self.screening.judgement = Some(JudgementEntry {
                                raise_to: self.q.levels[to].id.clone(),
                                reason,
                                language_kept,
                            });
                            self.save(saver)?;
                            return Ok(Reply::Answer(()));
                        }
                        Reply::Back => continue,
                        Reply::Quit => return Ok(Reply::Quit),
                    }
                }
                Reply::Back => return Ok(Reply::Back),
                Reply::Quit => return Ok(Reply::Quit),
            }
        }
    }

    /// Who it was discussed with, and the actions agreed (action, owner, due date).
    fn ask_decisions(
        &mut self,
        p: &mut dyn Prompter,
        saver: &mut dyn Saver,
    ) -> io::Result<Reply<()>> {
        let mut decisions = self.screening.decisions.clone().unwrap_or(Decisions {
            discussed_with: None,
            actions: Vec::new(),
        });
        let q = TextQuestion {
            prompt: "Who was this discussed with? (optional)".to_owned(),
            note: Some(
                "For example your designated safeguarding lead. Leave empty if not yet.".to_owned(),
            ),
            initial: decisions.discussed_with.clone().unwrap_or_default(),
            check: anything,
        };
        match p.text(&q)? {
            Reply::Answer(text) => {
                decisions.discussed_with = Some(text.trim().to_owned()).filter(|t| !t.is_empty());
            }
            Reply::Back => return Ok(Reply::Back),
            Reply::Quit => return Ok(Reply::Quit),
        }
        self.screening.decisions = Some(decisions.clone());
        self.save(saver)?;
        loop {
            let listed: Vec<String> = decisions
                .actions
                .iter()
                .map(|a| format!("{} (owner: {}, due {})", a.action, a.owner, a.due))
                .collect();
            if !listed.is_empty() {
                p.say(&format!("Actions agreed:\n  {}", listed.join("\n  ")))?;
            }
            let options = vec![
                "Done: show the result".to_owned(),
                "Add an action agreed".to_owned(),
            ];
            match p.select(&Choice {
                prompt: "Actions agreed".to_owned(),
                note: None,
                options,
                start: 0,
            })? {
                Reply::Answer(1) => {}
                Reply::Answer(_) => break,
                Reply::Back => return Ok(Reply::Back),
                Reply::Quit => return Ok(Reply::Quit),
            }
            let mut fields = [
                String::new(),
                String::new(),
                self.screening.screening.date.clone(),
            ];
            let prompts = ["Action", "Owner", "Due date (YYYY-MM-DD)"];
            let checks: [Check; 3] = [nonempty, nonempty, date];
            let mut kept = Vec::new();
            let mut k = 0;
            while k < 3 {
                let q = TextQuestion {
                    prompt: prompts[k].to_owned(),
                    note: None,
                    initial: fields[k].clone(),
                    check: checks[k],
                };
                // The action is free text; the owner and date are not worded.
                let reply = if k == 0 {
                    let earlier = (!fields[0].is_empty()).then(|| (fields[0].as_str(), &kept[..]));
                    self.ask_wording(p, q, earlier)?
                } else {
                    p.text(&q)?.map(|text| (text, Vec::new()))
                };
                match reply {
                    Reply::Answer((text, found)) => {
                        fields[k] = text.trim().to_owned();
                        if k == 0 {
                            kept = found;
                        }
                        k += 1;
                    }
                    Reply::Back if k == 0 => break,
                    Reply::Back => k -= 1,
                    Reply::Quit => return Ok(Reply::Quit),
                }
            }
            if k == 3 {
                let [action, owner, due] = fields;
                decisions.actions.push(Action {
                    action,
                    owner,
                    due,
                    language_kept: kept,
                });
                self.screening.decisions = Some(decisions.clone());
                self.save(saver)?;
            }
        }
        if decisions.discussed_with.is_none() && decisions.actions.is_empty() {
            self.screening.decisions = None;
        }
        Ok(Reply::Answer(()))
    }
}

/// A sub-question of a "yes".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sub {
    Windows,
    Basis,
    Note,
    FollowUp(usize),
}

fn steps(q: &Questionnaire) -> Vec<Step> {
    let mut steps = vec![
        Step::CaseReference,
        Step::Date,
        Step::Practitioner,
        Step::Agency,
    ];
    steps.extend((0..q.profile.len()).map(Step::Fact));
    steps.extend((0..q.indicators.len()).map(Step::Indicator));
    steps.extend([Step::Review, Step::Judgement, Step::Decisions]);
    steps
}

impl<T> Reply<T> {
    /// Applies `f` to an answer; Back and Quit pass through.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Reply<U> {
        match self {
            Reply::Answer(t) => Reply::Answer(f(t)),
            Reply::Back => Reply::Back,
            Reply::Quit => Reply::Quit,
        }
    }
}
