//! The driver: [`Interview`] owns the order of the steps, back navigation between them,
//! autosave through a [`Saver`], resuming a saved screening at its first unanswered question,
//! and how the walk-through ends ([`Outcome`]).

use std::io;
use std::path::PathBuf;

use super::{Choice, Prompter, Reply};
use crate::answers::{Details, Screening, Stamp, Status};
use crate::engine::{Answer, Assessment, assess};
use crate::language::{self, PhraseList};
use crate::questionnaire::{Questionnaire, Scoring};

/// Saves the screening; `first` is the first save of a new file (never overwrite it unless forced).
pub trait Saver {
    fn save(
        &mut self,
        path: &std::path::Path,
        screening: &Screening,
        first: bool,
    ) -> io::Result<()>;

    /// Moves the record from `from` to `to` (a new file: never one that exists), saving
    /// `screening` there, because the case reference or date its name is made of changed.
    /// `from` is removed only when it still holds what this interview last saved: `true`
    /// when it was.
    fn rename(
        &mut self,
        from: &std::path::Path,
        to: &std::path::Path,
        screening: &Screening,
    ) -> io::Result<bool>;
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
    /// `kept_as_started`: a screening carried to a later version of its questionnaire was
    /// stopped before every question asked again was answered, so nothing of this session
    /// was saved and the file is as it was.
    Interrupted {
        path: Option<PathBuf>,
        kept_as_started: bool,
    },
    /// The default file already exists and may not be overwritten.
    Exists { path: PathBuf },
}

/// One question of the walk-through, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
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

/// An interview in progress over `q`.
pub struct Interview<'a> {
    pub(super) q: &'a Questionnaire,
    pub(super) screening: Screening,
    path: Option<PathBuf>,
    /// True once this interview has written its file (later saves replace it).
    created: bool,
    /// True when the file's name is the one made from the case reference and date (a new
    /// screening without `--output`, or a resumed file with that name): it follows them if
    /// they are changed.
    named_for_case: bool,
    settings: Settings,
    steps: Vec<Step>,
    /// The wording check for free text; `None` turns it off.
    pub(super) phrases: Option<&'a PhraseList>,
    /// The section whose title and intro were shown last.
    section_shown: Option<usize>,
    /// Whether an answer has already made a rule recommend the immediate-danger route (999),
    /// and that was said at once.
    danger_said: bool,
    /// A complete screening as it was resumed: while what is saved differs from it, the
    /// file says `in_progress` (its result and judgement are not yet seen again), until the
    /// walk-through ends.
    completed: Option<Screening>,
    /// How many warnings the saved file's check printed before the opening, and the command
    /// that shows them again: the opening can scroll them off a small screen, so it ends by
    /// saying they are there.
    warned_above: Option<(usize, String)>,
    /// Said after the opening: why the screening goes on with another version of its
    /// questionnaire than it was started with, or why it cannot.
    notice: Option<String>,
    /// Questions answered before that are asked again, with the saved answers as the
    /// current ones (a screening carried to a later version of its questionnaire, whose
    /// wording changed or which gained a follow-up), until each is answered; with the line
    /// said at the question, which says why.
    ask_again: Vec<(Step, String)>,
    /// True from a carry until the first save: nothing is saved while a question is still
    /// to be asked again, so that a stop leaves the file in the version it was started with,
    /// and the next resume asks them again (a save would stamp the later version and forget
    /// which were still to be asked).
    carry_unsaved: bool,
}

impl<'a> Interview<'a> {
    /// Today, from the settings; with none readable, no date is too late.
    pub(super) fn today(&self) -> jiff::civil::Date {
        crate::answers::parse_date(&self.settings.today).unwrap_or(jiff::civil::Date::MAX)
    }

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
            named_for_case: settings.output.is_none(),
            steps: steps(q),
            settings,
            phrases: language::bundled().ok(),
            section_shown: None,
            danger_said: false,
            completed: None,
            warned_above: None,
            notice: None,
            ask_again: Vec::new(),
            carry_unsaved: false,
        }
    }

    /// Continues a saved screening (already checked against `q`), saved at `path`.
    pub fn resume(
        q: &'a Questionnaire,
        screening: Screening,
        path: PathBuf,
        settings: Settings,
    ) -> Interview<'a> {
        let completed = (screening.screening.status == Status::Complete).then(|| screening.clone());
        // A file named for its case reference and date, as a new screening's is, follows
        // them when they are changed; a file given another name keeps it.
        let d = &screening.screening;
        let named_for_case = path.file_name().is_some_and(|name| {
            *name == *crate::store::default_file_name(&d.case_reference, &d.date)
        });
        let mut interview = Interview {
            q,
            screening,
            path: Some(path),
            created: true,
            named_for_case,
            steps: steps(q),
            settings,
            phrases: language::bundled().ok(),
            section_shown: None,
            danger_said: false,
            completed,
            warned_above: None,
            notice: None,
            ask_again: Vec::new(),
            carry_unsaved: false,
        };
        // Answers given in an earlier session that already bring 999 were said then; the
        // next answer of this one is not to be read as the one that did.
        interview.danger_said = interview.brings_danger();
        interview
    }

    /// For a screening carried from `original`, made with an earlier version of the
    /// questionnaire: `notice` is said after the opening, the questions in `ask_again` are
    /// asked again before the review, and a complete screening is in progress once saved
    /// (its answers now meet other rules), until the walk-through ends.
    #[must_use]
    pub fn carried_from(
        mut self,
        original: &Screening,
        notice: String,
        ask_again: &[crate::answers::carry::AskAgain],
    ) -> Interview<'a> {
        use crate::answers::carry::Why;
        let q = self.q;
        self.ask_again = ask_again
            .iter()
            .filter_map(|a| {
                let step = if a.fact {
                    q.profile.iter().position(|f| f.id == a.id).map(Step::Fact)
                } else {
                    q.indicators
                        .iter()
                        .position(|i| i.id == a.id)
                        .map(Step::Indicator)
                };
                let why = match a.why {
                    Why::Reworded => format!(
                        "Asked again: its wording changed in version {}. Read it, then keep \
                         or change the saved answer.",
                        q.version
                    ),
                    Why::NewFollowUp => format!(
                        "Asked again: version {} asks something new after a yes to it.",
                        q.version
                    ),
                };
                step.map(|s| (s, why))
            })
            .collect();
        if original.screening.status == Status::Complete {
            self.completed = Some(original.clone());
        }
        self.notice = Some(notice);
        self.carry_unsaved = true;
        self
    }

    /// True while saving is put off: a carried screening with a question still to be asked
    /// again, not yet saved.
    fn save_put_off(&self) -> bool {
        self.carry_unsaved && !self.ask_again.is_empty()
    }

    /// True while nothing is saved: a screening carried to a later version of its
    /// questionnaire keeps its file as it was until every question asked again is answered.
    pub fn saving_put_off(&self) -> bool {
        self.save_put_off()
    }

    /// Checks free text against `phrases` instead of the built-in list.
    #[must_use]
    pub fn with_phrases(mut self, phrases: &'a PhraseList) -> Interview<'a> {
        self.phrases = Some(phrases);
        self
    }

    /// Says after the opening that `n` warnings about the resumed file were printed above
    /// it, and that `command` shows them again (none: nothing is said).
    #[must_use]
    pub fn with_warnings_above(mut self, n: usize, command: String) -> Interview<'a> {
        self.warned_above = (n > 0).then_some((n, command));
        self
    }

    /// The first question not yet answered (the review, if all are). A yes whose details
    /// were left part-way (no basis yet, or a scale's rating missing) counts as unanswered.
    /// And if the one found has no answer at all (the stop came between questions) and the
    /// indicator just before it is a "yes" whose details may have been cut off (its windows,
    /// note or follow-ups not all given), it starts there instead; a stop inside a yes is
    /// that yes, not the one before it. Either way its saved values come back as defaults,
    /// so going on costs an Enter each, and a count that a rule needs (two missing episodes)
    /// is never silently skipped.
    fn first_unanswered(&self) -> usize {
        let s = &self.screening;
        let at = self
            .steps
            .iter()
            .position(|step| match step {
                _ if self.asked_again(*step).is_some() => true,
                Step::CaseReference => reference_wanted(&s.screening.case_reference),
                Step::Date => false,
                Step::Practitioner => s.screening.practitioner.trim().is_empty(),
                Step::Agency => s.screening.agency.trim().is_empty(),
                Step::Fact(f) => s.profile.get(&self.q.profile[*f].id).is_none(),
                // A follow-up left empty ("Leave empty if not known") is saved as nothing, as
                // a note left empty is, so neither marks a question as unanswered: the
                // indicator just before the first unanswered one is asked again below.
                Step::Indicator(i) => self.unanswered(*i),
                Step::Review | Step::Judgement | Step::Decisions => true,
            })
            .unwrap_or(0);
        let between = match self.steps.get(at) {
            Some(Step::Indicator(i)) => s.answers.get(&self.q.indicators[*i].id).is_none(),
            _ => true,
        };
        match at.checked_sub(1).map(|before| (before, self.steps[before])) {
            Some((before, Step::Indicator(i))) if between && self.details_may_be_missing(i) => {
                before
            }
            _ => at,
        }
    }

    /// True for an indicator with no answer, or a yes whose basis (or rating) was never
    /// chosen: the walk-through chooses them, never defaults them.
    pub(super) fn unanswered(&self, i: usize) -> bool {
        let ind = &self.q.indicators[i];
        self.screening.answers.get(&ind.id).is_none_or(|e| {
            e.answer == Answer::Yes
                && (e.basis.is_none()
                    || (matches!(ind.scoring, Scoring::Scale { .. }) && e.rating.is_none()))
        })
    }

    /// Why `step` is asked again, if it is (a screening carried to a later version).
    pub(super) fn asked_again(&self, step: Step) -> Option<&str> {
        self.ask_again
            .iter()
            .find(|(s, _)| *s == step)
            .map(|(_, why)| why.as_str())
    }

    /// The review's step.
    fn review_step(&self) -> usize {
        self.steps
            .iter()
            .position(|s| *s == Step::Review)
            .unwrap_or(self.steps.len())
    }

    /// The first question from step `from` with no answer (or a yes with no basis), else the
    /// review.
    fn unasked_from(&self, from: usize) -> Option<usize> {
        let d = &self.screening.screening;
        let unasked = self.steps.iter().skip(from).position(|step| match step {
            _ if self.asked_again(*step).is_some() => true,
            Step::CaseReference => reference_wanted(&d.case_reference),
            Step::Practitioner => d.practitioner.trim().is_empty(),
            Step::Agency => d.agency.trim().is_empty(),
            Step::Indicator(i) => self.unanswered(*i),
            Step::Fact(f) => self.screening.profile.get(&self.q.profile[*f].id).is_none(),
            _ => false,
        });
        let review = self.review_step();
        unasked
            .map(|n| from + n)
            .or((review < self.steps.len()).then_some(review))
    }

    /// True for a "yes" without every detail the walk-through asks after it.
    fn details_may_be_missing(&self, i: usize) -> bool {
        let ind = &self.q.indicators[i];
        let Some(e) = self.screening.answers.get(&ind.id) else {
            return false;
        };
        let has_windows = matches!(ind.scoring, Scoring::Windows(_));
        let has_scale = matches!(ind.scoring, Scoring::Scale { .. });
        e.answer == Answer::Yes
            && ((has_windows && e.windows.is_empty())
                || (has_scale && e.rating.is_none())
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
        // A complete screening opens at the review, unless a question has no answer, or a yes
        // has no basis (the file was edited by hand): each such question is asked first,
        // never finished unseen, and then the review, not every question after it. Any
        // resumed screening goes on from an answer to the next question still to answer,
        // past those already answered (a screening changed at the review and stopped).
        let catching_up = self.created;
        if self.screening.screening.status == Status::Complete {
            at = self.unasked_from(0).unwrap_or(at);
        }
        p.say(&self.opening(p.keys()))?;
        if let Some(notice) = self.notice.take() {
            p.say(&notice)?;
        }
        // Said just above the first prompt: the review says it under its list of answers.
        if self.steps.get(at) != Some(&Step::Review) {
            self.say_warnings_above(p)?;
        }
        while at < self.steps.len() {
            if let Step::Indicator(i) = self.steps[at] {
                self.say_section(p, i)?;
            }
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
                    let step = self.steps[at];
                    self.ask_again.retain(|(s, _)| *s != step);
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
                    } else if matches!(self.steps[at], Step::CaseReference | Step::Date) {
                        self.save_under_its_name(p, saver)?;
                    } else {
                        self.save(saver)?;
                    }
                    // Said once saved, so "every answer so far is saved" is true.
                    if matches!(step, Step::Indicator(_)) && self.say_danger_now(p)? == Reply::Quit
                    {
                        return Ok(Outcome::Interrupted {
                            path: self.created.then(|| self.path.clone()).flatten(),
                            kept_as_started: self.save_put_off(),
                        });
                    }
                    at = if catching_up && at < self.review_step() {
                        self.unasked_from(at + 1).unwrap_or(at + 1)
                    } else {
                        at + 1
                    };
                }
                Reply::Back => at = at.saturating_sub(1),
                Reply::Quit => {
                    return Ok(Outcome::Interrupted {
                        path: self.created.then(|| self.path.clone()).flatten(),
                        kept_as_started: self.save_put_off(),
                    });
                }
            }
        }
        self.completed = None;
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

    /// A complete screening resumed is complete while it is as it was, and in progress
    /// once anything in it is changed, until the walk-through ends again.
    fn mark_status(&mut self) {
        if let Some(done) = &self.completed {
            self.screening.screening.status = Status::Complete;
            if self.screening != *done {
                self.screening.screening.status = Status::InProgress;
            }
        }
    }

    /// Saves after the case reference or date was given again: a file named after them
    /// moves to the name they now make, so that the name always matches what it holds.
    pub(super) fn save_under_its_name(
        &mut self,
        p: &mut dyn Prompter,
        saver: &mut dyn Saver,
    ) -> io::Result<()> {
        if self.save_put_off() {
            return Ok(());
        }
        let d = &self.screening.screening;
        // In the folder it is in: a screening resumed from another folder stays there.
        let name = crate::store::default_file_name(&d.case_reference, &d.date);
        let Some((old, wanted)) = self
            .path
            .clone()
            .map(|old| {
                let wanted = old.with_file_name(&name);
                (old, wanted)
            })
            .filter(|(old, wanted)| self.created && self.named_for_case && old != wanted)
        else {
            return self.save(saver);
        };
        self.mark_status();
        match saver.rename(&old, &wanted, &self.screening) {
            Ok(removed) => {
                p.say(&format!(
                    "The screening is now saved as {} (its name follows the case reference \
                     and date); {}",
                    crate::text::shown_path(&wanted),
                    if removed {
                        format!("{} is removed.", crate::text::shown_path(&old))
                    } else {
                        format!(
                            "{} is kept, because another program changed it since it was \
                             last saved here: compare the two, keep the right one and delete \
                             the other.",
                            crate::text::shown_path(&old)
                        )
                    }
                ))?;
                self.path = Some(wanted);
                Ok(())
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                p.say(&format!(
                    "{} already exists, so the screening stays saved as {}.",
                    crate::text::shown_path(&wanted),
                    crate::text::shown_path(&old)
                ))?;
                self.save(saver)
            }
            Err(e) => Err(e),
        }
    }

    pub(super) fn save(&mut self, saver: &mut dyn Saver) -> io::Result<()> {
        if self.save_put_off() {
            return Ok(());
        }
        self.mark_status();
        match &self.path {
            Some(path) if self.created => {
                saver.save(path, &self.screening, false)?;
                self.carry_unsaved = false;
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn assessment(&self) -> Option<Assessment> {
        self.screening
            .responses(self.q)
            .ok()
            .map(|r| assess(self.q, &r))
    }

    /// The opening screen: what the questionnaire is, what the screening is for and what it
    /// is not, what to do if the child is in immediate danger, and how to answer.
    pub(super) fn opening(&self, keys: String) -> String {
        let q = self.q;
        let mut out = format!("{} (version {})", q.title, q.version);
        if let Some(d) = &q.description {
            out.push_str(&format!("\n\n{}", d.trim()));
        }
        if let Some(who) = &q.eligibility.statement {
            out.push_str(&format!("\n\nWho it is for: {}", who.trim()));
        }
        out.push_str(&format!("\n\n{}", q.disclaimer.trim()));
        let danger = &q.routes[q.immediate_danger];
        out.push_str(&format!("\n\nIMMEDIATE DANGER: {}", danger.action.trim()));
        if let Some(contact) = &danger.contact {
            out.push_str(&format!(" ({})", contact.trim()));
        }
        out.push_str(&format!("\n\n{keys}"));
        out
    }

    /// Shows a section's title and intro when the walk-through enters it.
    fn say_section(&mut self, p: &mut dyn Prompter, i: usize) -> io::Result<()> {
        let section = self.q.indicators[i].section;
        if self.section_shown == Some(section) {
            return Ok(());
        }
        self.section_shown = Some(section);
        let s = &self.q.sections[section];
        let n = s.indicators.len();
        let mut text = format!(
            "{} ({n} question{})",
            s.title,
            if n == 1 { "" } else { "s" }
        );
        if let Some(intro) = &s.intro {
            text.push_str(&format!("\n{}", intro.trim()));
        }
        p.say(&text)
    }

    /// The first time the answers make a rule recommend the immediate-danger route (a child
    /// missing now, or with someone harming them now), says it at once, with its action and
    /// contact, rather than at the result after every other question: 999 comes before the
    /// screening. It waits for Enter, so the next question cannot scroll it off a small
    /// screen (not when replaying a file of replies); then the walk-through goes on. `Reply::Quit` if the practitioner stopped there
    /// (every answer is saved).
    pub(super) fn say_danger_now(&mut self, p: &mut dyn Prompter) -> io::Result<Reply<()>> {
        if self.danger_said || !self.brings_danger() {
            return Ok(Reply::Answer(()));
        }
        self.danger_said = true;
        let danger = &self.q.routes[self.q.immediate_danger];
        let mut text = format!("IMMEDIATE DANGER: {}", danger.action.trim());
        if let Some(contact) = &danger.contact {
            text.push_str(&format!(" ({})", contact.trim()));
        }
        // A screening carried to a later version is saved only once every question asked
        // again is answered (decision 31): say so rather than that it is saved.
        text.push_str(&match self.ask_again.len() {
            n if self.save_put_off() => format!(
                "\nYour answer says the child may be in danger now: do this before going on. \
                 This answer is not saved yet: the screening was started with an earlier \
                 version of the questionnaire, and is saved once {} asked again {} answered.",
                if n == 1 {
                    "the 1 more question".to_owned()
                } else {
                    format!("the {n} more questions")
                },
                if n == 1 { "is" } else { "are" }
            ),
            _ => "\nYour answer says the child may be in danger now: do this before going on. \
                  Every answer so far is saved."
                .to_owned(),
        });
        p.say(&text)?;
        // A file of replies has no one to wait for, and no line for the pause: it would take
        // the next question's.
        if p.replaying() {
            return Ok(Reply::Answer(()));
        }
        let go_on = Choice {
            prompt: "When you have called for help, go on with the screening.".to_owned(),
            note: None,
            options: vec!["Go on with the screening".to_owned()],
            start: Some(0),
        };
        Ok(match p.select(&go_on)? {
            Reply::Quit => Reply::Quit,
            _ => Reply::Answer(()),
        })
    }

    /// Whether the answers so far make a rule recommend the immediate-danger route.
    fn brings_danger(&self) -> bool {
        let danger = &self.q.routes[self.q.immediate_danger];
        self.assessment()
            .is_some_and(|a| a.routes.iter().any(|r| r.id == danger.id))
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

impl Interview<'_> {
    /// Says, once, that the saved file's check warned of something above the opening.
    pub(super) fn say_warnings_above(&mut self, p: &mut dyn Prompter) -> io::Result<()> {
        match self.warned_above.take() {
            Some((n, command)) => p.say(&warnings_above(n, &command)),
            None => Ok(()),
        }
    }
}

/// That the saved file's check warned of `n` things, printed before the opening, and the
/// `command` that shows them again.
fn warnings_above(n: usize, command: &str) -> String {
    let (what, them) = match n {
        1 => ("one thing".to_owned(), "it"),
        n => (format!("{n} things"), "them"),
    };
    format!(
        "Before you go on: the check of the saved file found {what} to look at, printed \
         before the opening (scroll up to read {them}). To see {them} again: {command}"
    )
}

/// A case reference to ask for: none yet, or one that looks like a name (a file written by
/// hand; found in review: `--resume` saved the child's name again without a word).
fn reference_wanted(reference: &str) -> bool {
    reference.trim().is_empty() || crate::reference::looks_like_a_name(reference)
}
