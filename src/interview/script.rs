//! The question scripts: what each step asks and how its answer is stored (the case
//! details, the profile facts, each indicator with the details of a yes, the judgement and
//! the decisions), with the wording and choices of every question.

use std::io;

use super::checks::{Kept, age, anything, case_reference, name, nonempty, owner};
use super::driver::{Interview, Step};
use super::{Check, Choice, DateRange, Many, Prompter, Reply, Saver, TextQuestion};
use crate::answers::{Action, AnswerEntry, Basis, Decisions, JudgementEntry, ProfileValue};
use crate::engine::{Answer, Assessment, SetBy, assess};
use crate::questionnaire::{FactKind, Scoring};

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

impl<'a> Interview<'a> {
    /// Asks one case detail (a line of text) and stores it in its field, trimmed, in NFC
    /// and with single spaces ([`crate::reference::normalise`]). References and names that
    /// hold control or invisible characters are refused; the date must be from
    /// [`crate::answers::EARLIEST_DATE`] to today.
    pub(super) fn ask_detail(&mut self, p: &mut dyn Prompter, step: Step) -> io::Result<Reply<()>> {
        const NEVER_A_NAME: &str = "The reference from your case records. Never the child's name.";
        let today = self.today();
        let d = &mut self.screening.screening;
        let prompt = detail_label(step);
        const SAVED_NAME: &str = "The saved reference looks like a name. Type the reference from your case records. Never the child's name.";
        let (note, check, field) = match step {
            Step::CaseReference => (
                Some(if crate::reference::looks_like_a_name(&d.case_reference) {
                    SAVED_NAME
                } else {
                    NEVER_A_NAME
                }),
                Check::Text(case_reference),
                &mut d.case_reference,
            ),
            Step::Date => (
                Some("YYYY-MM-DD"),
                Check::Date(DateRange {
                    earliest: crate::answers::EARLIEST_DATE,
                    before: "the earliest date a screening can have. Check the year.",
                    latest: today,
                    after: "today. Type the date the child was screened.",
                }),
                &mut d.date,
            ),
            Step::Practitioner => (None, Check::Text(name), &mut d.practitioner),
            _ => (None, Check::Text(name), &mut d.agency),
        };
        let q = TextQuestion {
            prompt: prompt.to_owned(),
            note: note.map(str::to_owned),
            initial: field.clone(),
            check,
            // Today's date is offered; typing a date replaces it rather than adding to it.
            default: step == Step::Date,
        };
        // Back at the first question stays there: the driver asks it again.
        Ok(p.text(&q)?.map(|text| {
            *field = if step == Step::Date {
                text.trim().to_owned()
            } else {
                crate::reference::normalise(&text)
            };
        }))
    }

    pub(super) fn ask_fact(&mut self, p: &mut dyn Prompter, f: usize) -> io::Result<Reply<()>> {
        let fact = &self.q.profile[f];
        let earlier = self.screening.profile.get(&fact.id).copied();
        let note = match (self.asked_again(Step::Fact(f)), &fact.help) {
            (Some(why), Some(help)) => Some(format!("{why}\n{help}")),
            (Some(why), None) => Some(why.to_owned()),
            (None, help) => help.clone(),
        };
        let value = match fact.kind {
            FactKind::Age => {
                let mut initial = match earlier {
                    Some(ProfileValue::Number(n)) => n.to_string(),
                    _ => String::new(),
                };
                let note = Some(note.map_or_else(
                    || "Leave empty if not known.".to_owned(),
                    |n| format!("{n} Leave empty if not known."),
                ));
                loop {
                    let value = match p.text(&TextQuestion {
                        prompt: fact.prompt.clone(),
                        note: note.clone(),
                        initial: initial.clone(),
                        check: Check::Text(age),
                        default: false,
                    })? {
                        Reply::Answer(text) => ProfileValue::for_kind(FactKind::Age, text.trim())
                            .unwrap_or(ProfileValue::Answer(Answer::NotKnown)),
                        Reply::Back => return Ok(Reply::Back),
                        Reply::Quit => return Ok(Reply::Quit),
                    };
                    let outside = match value {
                        ProfileValue::Number(n)
                            if (n < self.q.ages.min || n > self.q.ages.max)
                                && earlier != Some(value) =>
                        {
                            n
                        }
                        _ => break value,
                    };
                    // An age outside the questionnaire's range is a typing slip more often than
                    // not; kept, it is confirmed (and the result can say so).
                    let (min, max) = (self.q.ages.min, self.q.ages.max);
                    let cause = format!("{outside} is outside the ages {min} to {max}");
                    match p.select_by_words(&Choice {
                        prompt: format!(
                            "{outside} is outside the ages this questionnaire is for ({min} to {max}). Is {outside} right?"
                        ),
                        note: Some({
                            let mut note = format!(
                                "Its indicators, weights and rules were written for children \
                                 aged {min} to {max}."
                            );
                            // Format 2: where the author points for a younger or older child.
                            if let Some(r) = self.q.referral(outside) {
                                note.push(' ');
                                note.push_str(&r.words());
                            }
                            note
                        }),
                        options: vec![
                            "No: type the age again".to_owned(),
                            format!("Yes: the child is {outside}, outside {min} to {max}"),
                        ],
                        start: None,
                    }, Some(&cause))? {
                        Reply::Answer(1) => break value,
                        Reply::Answer(_) | Reply::Back => initial = outside.to_string(),
                        Reply::Quit => return Ok(Reply::Quit),
                    }
                }
            }
            FactKind::YesNo => {
                // Nothing is preselected until answered: a fact is chosen, never defaulted.
                let start = match earlier {
                    Some(ProfileValue::Answer(a)) => Some(answer_index(a)),
                    _ => None,
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
    pub(super) fn progress(&self, i: usize) -> String {
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
    pub(super) fn ask_indicator(
        &mut self,
        p: &mut dyn Prompter,
        i: usize,
        saver: &mut dyn Saver,
    ) -> io::Result<Reply<()>> {
        let ind = &self.q.indicators[i];
        let id = ind.id.clone();
        let windows: Vec<usize> = match &ind.scoring {
            Scoring::Windows(w) => w.iter().map(|(w, _)| *w).collect(),
            Scoring::Single(_) | Scoring::Scale { .. } => Vec::new(),
        };
        let scale = match &ind.scoring {
            Scoring::Scale { scale, .. } => self.q.scales.get(*scale),
            _ => None,
        };
        // Sub-questions of a yes, in order.
        let mut sub: Vec<Sub> = Vec::new();
        if scale.is_some() {
            sub.push(Sub::Rating);
        }
        if !windows.is_empty() {
            sub.push(Sub::Windows);
        }
        sub.push(Sub::Basis);
        sub.push(Sub::Note);
        sub.extend((0..ind.follow_ups.len()).map(Sub::FollowUp));
        // Indicators differ in their details (only some ask "When?"), so each question names
        // the steps that follow it: nothing typed for one step can land on another unseen.
        let names: Vec<String> = sub.iter().map(|s| self.sub_name(i, *s)).collect();

        // The answer as it was: Esc out of a changed yes before its basis (or rating) is
        // chosen puts it back, so a yes nobody finished is never left on the record.
        let before = self.screening.answers.get(&id).cloned();
        let mut at = 0usize; // 0 is the answer itself; 1.. are `sub`
        loop {
            let entry = self.screening.answers.get(&id).cloned();
            if at == 0 {
                // Nothing is preselected until answered: Enter alone records nothing.
                let start = entry.as_ref().map(|e| answer_index(e.answer));
                let choice = Choice {
                    prompt: ind.prompt.clone(),
                    note: Some(format!(
                        "{}{}\nIf yes, then: {}.",
                        self.asked_again(Step::Indicator(i))
                            .map_or_else(String::new, |why| format!("{why}\n")),
                        self.progress(i),
                        names.join(", ")
                    )),
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
                        if answer != e.answer {
                            // Details belong to the answer they were given with: a changed
                            // answer starts them afresh; the same answer keeps them all (a
                            // saved "no" keeps its note).
                            e = AnswerEntry::new(answer);
                        }
                        self.screening.answers.set(&id, e);
                        if answer != Answer::Yes {
                            return Ok(Reply::Answer(()));
                        }
                        self.save(saver)?;
                        at = 1;
                    }
                    Reply::Back => {
                        // A yes whose basis (or rating) was never chosen.
                        let unfinished = entry.is_some() && self.unanswered(i);
                        if unfinished && entry != before {
                            match &before {
                                Some(was) => self.screening.answers.set(&id, was.clone()),
                                None => {
                                    self.screening.answers.remove(&id);
                                }
                            }
                            self.save(saver)?;
                        }
                        return Ok(Reply::Back);
                    }
                    Reply::Quit => return Ok(Reply::Quit),
                }
                continue;
            }
            let Some(step) = sub.get(at - 1).copied() else {
                return Ok(Reply::Answer(()));
            };
            let mut e = entry.unwrap_or(AnswerEntry::new(Answer::Yes));
            let detail = details_line(at, &names);
            let reply = match step {
                Sub::Rating => {
                    // Options above the lowest: the lowest is what "no" means.
                    let higher: Vec<&crate::questionnaire::ScaleOption> = scale
                        .map(|s| s.options.iter().skip(1).collect())
                        .unwrap_or_default();
                    let options = higher
                        .iter()
                        .map(|o| match &o.description {
                            Some(d) => format!("{}: {d}", o.label),
                            None => o.label.clone(),
                        })
                        .collect();
                    let start = e
                        .rating
                        .as_ref()
                        .and_then(|r| higher.iter().position(|o| &o.id == r));
                    let label = scale.map(|s| s.label.clone()).unwrap_or_default();
                    p.select(&Choice {
                        prompt: format!("{label}: how would you rate it?"),
                        note: Some(format!(
                            "{detail}\nChoose the option that fits what is known; if unsure, the higher one."
                        )),
                        options,
                        start,
                    })?
                    .map(|k| {
                        e.rating = higher.get(k).map(|o| o.id.clone());
                    })
                }
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
                        note: Some(format!("{detail}\nTick none if it is not known when.")),
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
                    // Evidence and concern are kept apart: one is chosen, never defaulted.
                    let start = e.basis.map(|b| match b {
                        Basis::Evidence => 0,
                        Basis::Concern => 1,
                    });
                    let options = vec![
                        "Evidence: something seen, said or recorded".to_owned(),
                        "Concern: a professional worry or \"gut feeling\"".to_owned(),
                    ];
                    p.select(&Choice {
                        prompt: "What is this based on?".to_owned(),
                        note: Some(format!(
                            "{detail}\nEvidence and concerns are recorded apart; both count."
                        )),
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
                        note: Some(detail),
                        initial: e.note.clone().unwrap_or_default(),
                        check: Check::Text(anything),
                        default: false,
                    };
                    let earlier = e.note.as_deref().map(|n| (n, e.language_kept.as_slice()));
                    self.ask_wording(p, q, earlier, Kept::Recorded)?
                        .map(|(text, kept)| {
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
                        || format!("{detail}\nLeave empty if not known."),
                        |h| format!("{detail}\n{h} Leave empty if not known."),
                    ));
                    p.text(&TextQuestion {
                        prompt: fu.prompt.clone(),
                        note,
                        initial,
                        check: Check::Count(fu.max),
                        default: false,
                    })?
                    .map(|text| match text.trim().parse::<u32>() {
                        // Within the maximum: the check refuses more, never lowers it.
                        Ok(n) => {
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

    /// The judgement step, always shown: first the score, the suggested level and what set
    /// it in plain words; then the practitioner keeps the level or raises it (never lowers
    /// it), with a reason. At the highest level there is nothing to raise to: it says so and
    /// asks only for agreement, so the step is never skipped unseen.
    pub(super) fn ask_judgement(
        &mut self,
        p: &mut dyn Prompter,
        saver: &mut dyn Saver,
    ) -> io::Result<Reply<()>> {
        // The suggested level without any earlier judgement.
        let mut plain = self.screening.clone();
        plain.judgement = None;
        let Some(a) = plain.responses(self.q).ok().map(|r| assess(self.q, &r)) else {
            return Ok(Reply::Answer(()));
        };
        let level = a.level.rank;
        let label = self.q.levels[level].label.clone();
        p.say(&suggested_level_text(&a))?;
        // A judgement saved earlier is shown, never dropped unseen. One that no longer raises
        // the level (the answers now reach it themselves) stays on the record when the
        // suggested level is kept: only choosing "keep" while it still raises withdraws it.
        let saved = self
            .screening
            .judgement
            .as_ref()
            .and_then(|j| Some((self.q.level(&j.raise_to)?, j.reason.trim().to_owned())));
        if let Some((to, reason)) = &saved {
            let mut text = format!(
                "Your judgement saved earlier: raise to {}, because: {}",
                self.q.levels[*to].label,
                crate::text::prose(reason)
            );
            if *to <= level {
                text.push_str(&format!(
                    "\nThe answers now reach {label} themselves, so it raises nothing; it \
                     stays on the record."
                ));
            }
            p.say(&text)?;
        }
        let keeps_saved = saved.as_ref().is_some_and(|(to, _)| *to <= level);
        loop {
            let higher: Vec<usize> = (level + 1..self.q.levels.len()).collect();
            let (prompt, note, mut options) = if higher.is_empty() {
                (
                    format!(
                        "{label} is the highest level. Does it match your professional judgement?"
                    ),
                    "There is no higher level to raise it to. If it does not match, go back \
                     and check the answers."
                        .to_owned(),
                    vec![format!("Agree: the level stays {label}")],
                )
            } else {
                (
                    format!("Does {label} match your professional judgement?"),
                    "Your professional judgement can raise the level, never lower it.".to_owned(),
                    vec![format!("Keep the suggested level: {label}")],
                )
            };
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
            // What each number means depends on the level: a file of replies names it.
            let choice = Choice {
                prompt,
                note: Some(note),
                options,
                start: Some(start),
            };
            match p.select_by_words(&choice, None)? {
                Reply::Answer(0) => {
                    if !keeps_saved {
                        self.screening.judgement = None;
                    }
                    return Ok(Reply::Answer(()));
                }
                Reply::Answer(k) => {
                    let Some(&to) = higher.get(k - 1) else {
                        continue;
                    };
                    let earlier = self.screening.judgement.clone();
                    let q = TextQuestion {
                        prompt: format!(
                            "Why raise it from {label} to {}?",
                            self.q.levels[to].label
                        ),
                        note: Some(
                            "Required: this is recorded with the screening, and the result shows \
                             the level as raised by your professional judgement, with this reason."
                                .to_owned(),
                        ),
                        initial: earlier
                            .as_ref()
                            .map(|j| j.reason.clone())
                            .unwrap_or_default(),
                        check: Check::Text(nonempty),
                        default: false,
                    };
                    let earlier = earlier
                        .as_ref()
                        .map(|j| (j.reason.as_str(), j.language_kept.as_slice()));
                    match self.ask_wording(p, q, earlier, Kept::Recorded)? {
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
    pub(super) fn ask_decisions(
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
            check: Check::Text(anything),
            default: false,
        };
        // Checked for wording as `score` checks it. The file has no `language_kept` for this
        // field, so a wording kept here is not recorded, and is shown again on resume.
        let earlier = decisions
            .discussed_with
            .as_deref()
            .map(|who| (who, &[][..]));
        match self.ask_wording(p, q, earlier, Kept::NotRecorded)? {
            Reply::Answer((text, _)) => {
                decisions.discussed_with = Some(text).filter(|t| !t.is_empty());
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
            // An action added by mistake can be removed, one at a time, after a question.
            let mut options = vec![
                "Done: show the result".to_owned(),
                "Add an action agreed".to_owned(),
            ];
            options.extend(listed.iter().map(|a| format!("Remove: {a}")));
            match p.select(&Choice {
                prompt: "Actions agreed".to_owned(),
                note: None,
                options,
                start: Some(0),
            })? {
                Reply::Answer(1) => {}
                Reply::Answer(k) if k >= 2 && k - 2 < listed.len() => {
                    let sure = p.select(&Choice {
                        prompt: format!("Remove this action? {}", listed[k - 2]),
                        note: None,
                        options: vec!["No, keep it".to_owned(), "Yes, remove it".to_owned()],
                        start: Some(0),
                    })?;
                    match sure {
                        Reply::Answer(1) => {
                            decisions.actions.remove(k - 2);
                            self.screening.decisions = Some(decisions.clone());
                            self.save(saver)?;
                            p.say(&format!("Removed: {}", listed[k - 2]))?;
                        }
                        Reply::Quit => return Ok(Reply::Quit),
                        _ => {}
                    }
                    continue;
                }
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
            let screened = crate::answers::parse_date(&self.screening.screening.date)
                .unwrap_or(crate::answers::EARLIEST_DATE);
            let due = DateRange {
                earliest: screened,
                before: "the date of the screening: an action cannot be due before it was agreed.",
                latest: crate::answers::latest_due(screened),
                after: "a year after the screening: actions agreed at a screening are due sooner. Check the year.",
            };
            let checks = [Check::Text(nonempty), Check::Text(owner), Check::Date(due)];
            let mut kept = Vec::new();
            let mut k = 0;
            while k < 3 {
                let q = TextQuestion {
                    prompt: prompts[k].to_owned(),
                    note: None,
                    initial: fields[k].clone(),
                    check: checks[k],
                    // The due date starts as the screening's date, offered as a default.
                    default: k == 2,
                };
                // The action is free text; the owner and date are not worded.
                let reply = if k == 0 {
                    let earlier = (!fields[0].is_empty()).then(|| (fields[0].as_str(), &kept[..]));
                    self.ask_wording(p, q, earlier, Kept::Recorded)?
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

/// The score, the suggested level and what set it, in plain words (the reasons of the
/// rules, never their ids), shown before the judgement question.
fn suggested_level_text(a: &Assessment) -> String {
    let mut out = format!(
        "Suggested level: {} (score {})\nWhat set it:",
        a.level.label, a.score
    );
    for by in &a.level_set_by {
        match by {
            SetBy::Score => out.push_str(&format!(
                "\n- The score, {}, reaches {}.",
                a.score, a.level.label
            )),
            SetBy::Rule(id) => {
                if let Some(r) = a.fired_rules.iter().find(|r| &r.id == id) {
                    out.push_str(&format!("\n- {}", r.reason.trim()));
                }
            }
            // The judgement is set aside here: this is the level before it.
            SetBy::Judgement => {}
        }
    }
    let also: Vec<&str> = a
        .fired_rules
        .iter()
        .filter(|r| !a.level_set_by.contains(&SetBy::Rule(r.id.clone())))
        .map(|r| r.reason.trim())
        .collect();
    if !also.is_empty() {
        out.push_str("\nAlso found:");
        for reason in also {
            out.push_str(&format!("\n- {reason}"));
        }
    }
    // A level resting on answers not known is said to be, where the level is judged.
    let unknown = crate::report::result::not_known_words(a);
    if let Some(words) = unknown.strip_prefix(". ") {
        out.push_str(&format!("\n{words}."));
    }
    out
}

/// "Detail 2 of 3 of this yes · next: a note" for the detail at `at` (1-based) of `names`.
fn details_line(at: usize, names: &[String]) -> String {
    let next = names
        .get(at)
        .map_or("the next question".to_owned(), |n| n.clone());
    format!("Detail {at} of {} of this yes · next: {next}", names.len())
}

impl Interview<'_> {
    /// The name of a detail of indicator `i`'s yes, as listed before it is asked.
    fn sub_name(&self, i: usize, sub: Sub) -> String {
        match sub {
            Sub::Rating => "a rating".to_owned(),
            Sub::Windows => "when".to_owned(),
            Sub::Basis => "evidence or concern".to_owned(),
            Sub::Note => "a note".to_owned(),
            Sub::FollowUp(f) => {
                // The question itself: not a sentence after it ("Enter 0 if none."), whose
                // full stop would end the list of details twice.
                let prompt = self.q.indicators[i].follow_ups[f].prompt.trim();
                let prompt = prompt
                    .split_once('?')
                    .map_or(prompt, |(question, _)| question);
                let prompt = prompt.trim_end_matches(['.', ' ']);
                let mut chars = prompt.chars();
                chars.next().map_or_else(String::new, |c| {
                    c.to_lowercase().chain(chars).collect::<String>()
                })
            }
        }
    }
}

/// A sub-question of a "yes".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sub {
    Rating,
    Windows,
    Basis,
    Note,
    FollowUp(usize),
}

/// The name of a case detail, as asked and as listed at the review.
pub(super) fn detail_label(step: Step) -> &'static str {
    match step {
        Step::CaseReference => "Case reference",
        Step::Date => "Date of the screening",
        Step::Practitioner => "Your name (the practitioner)",
        _ => "Your agency or team",
    }
}
