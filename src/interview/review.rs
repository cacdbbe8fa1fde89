//! The review step: the review screen's text (every answer by section, not known
//! highlighted), then the sections to open and, in each, the answer to change before finishing.

use std::io;

use super::driver::{Interview, Step};
use super::script::detail_label;
use super::{Choice, Prompter, Reply, Saver};
use crate::answers::ProfileValue;
use crate::engine::Answer;

impl<'a> Interview<'a> {
    /// Lists every answer by section (not known highlighted) once, then asks which section to
    /// open, and in it which answer to change. Grouping keeps each list short enough that the
    /// selected item stays on a small screen; after a change only the change is shown.
    pub(super) fn review(
        &mut self,
        p: &mut dyn Prompter,
        saver: &mut dyn Saver,
    ) -> io::Result<Reply<()>> {
        p.say(&self.review_text())?;
        self.say_warnings_above(p)?;
        let mut at = 0;
        loop {
            let mut options = vec![FINISH.to_owned(), self.details_label(), self.group_label(0)];
            options.extend((1..=self.q.sections.len()).map(|g| self.group_label(g)));
            let choice = Choice {
                prompt: "Review the answers: choose a section to see or change its answers, \
                         or finish."
                    .to_owned(),
                note: None,
                options,
                start: Some(at),
            };
            match p.select(&choice)? {
                Reply::Answer(0) => return Ok(Reply::Answer(())),
                Reply::Answer(1) => {
                    at = 1;
                    match self.review_details(p, saver)? {
                        Opened::Sections => {}
                        Opened::Finish => return Ok(Reply::Answer(())),
                        Opened::Quit => return Ok(Reply::Quit),
                    }
                }
                Reply::Answer(k) => {
                    at = k;
                    match self.review_group(p, saver, k - 2)? {
                        Opened::Sections => {}
                        Opened::Finish => return Ok(Reply::Answer(())),
                        Opened::Quit => return Ok(Reply::Quit),
                    }
                }
                Reply::Back => return Ok(Reply::Back),
                Reply::Quit => return Ok(Reply::Quit),
            }
        }
    }

    /// One group's answers (0: about the child; then each section), any of which can be
    /// changed. Stays in the group after a change, on the next answer.
    fn review_group(
        &mut self,
        p: &mut dyn Prompter,
        saver: &mut dyn Saver,
        group: usize,
    ) -> io::Result<Opened> {
        let mut at = 2;
        let mut changed: Option<String> = None;
        loop {
            if let Some(line) = changed.take() {
                p.say(&line)?;
            }
            let items = self.group_items(group);
            let mut options = vec![BACK.to_owned(), FINISH.to_owned()];
            options.extend(
                items
                    .iter()
                    .map(|&(prompt, ref label)| format!("{prompt} [{label}]")),
            );
            let choice = Choice {
                prompt: format!(
                    "{}: choose an answer to change it, or go back to the sections.",
                    self.group_title(group)
                ),
                note: None,
                options,
                start: Some(at.min(items.len() + 1)),
            };
            let k = match p.select(&choice)? {
                Reply::Answer(0) | Reply::Back => return Ok(Opened::Sections),
                Reply::Answer(1) => return Ok(Opened::Finish),
                Reply::Answer(k) => k - 2,
                Reply::Quit => return Ok(Opened::Quit),
            };
            let Some((prompt, before)) = items.get(k).map(|(p, l)| ((*p).to_owned(), l.clone()))
            else {
                continue;
            };
            // The indicator asked (none for a fact), and its whole entry: for details its
            // label does not show (a basis, a note, a rating, a follow-up).
            let ind = (group > 0).then(|| self.q.sections[group - 1].indicators.start + k);
            let entry = |me: &Self| {
                ind.and_then(|i| me.screening.answers.get(&me.q.indicators[i].id).cloned())
            };
            let entry_before = entry(self);
            let asked = match ind {
                None => self.ask_fact(p, k)?,
                Some(i) => self.ask_indicator(p, i, saver)?,
            };
            if asked == Reply::Quit {
                return Ok(Opened::Quit);
            }
            self.save(saver)?;
            if self.say_danger_now(p)? == Reply::Quit {
                return Ok(Opened::Quit);
            }
            let after = self.group_items(group).get(k).map(|(_, l)| l.clone());
            let entry_after = entry(self);
            let details_changed = entry_after != entry_before;
            let mut line = change_line(
                &prompt,
                &before,
                &after.unwrap_or_default(),
                details_changed,
            );
            if let Some(was) = &entry_before
                && entry_after
                    .as_ref()
                    .is_some_and(|now| now.answer != was.answer)
            {
                line.push_str(&removed_with(was));
            }
            changed = Some(line);
            at = k + 3;
        }
    }

    /// The case details in the list of sections: "Case details: EX-0001, 2026-11-24, A.
    /// Example, Example Academy".
    fn details_label(&self) -> String {
        let d = &self.screening.screening;
        let shown = [&d.case_reference, &d.date, &d.practitioner, &d.agency]
            .map(|t| crate::text::OneLine(t).to_string());
        format!("Case details: {}", shown.join(", "))
    }

    /// The case reference, date, practitioner and agency, any of which can be changed at the
    /// review (before, only by going back question by question to the start). A file named
    /// for the reference and date follows them, as when they are first given.
    fn review_details(
        &mut self,
        p: &mut dyn Prompter,
        saver: &mut dyn Saver,
    ) -> io::Result<Opened> {
        const DETAILS: [Step; 4] = [
            Step::CaseReference,
            Step::Date,
            Step::Practitioner,
            Step::Agency,
        ];
        let value = |me: &Self, step: Step| {
            let d = &me.screening.screening;
            match step {
                Step::CaseReference => d.case_reference.clone(),
                Step::Date => d.date.clone(),
                Step::Practitioner => d.practitioner.clone(),
                _ => d.agency.clone(),
            }
        };
        let mut at = 2;
        let mut changed: Option<String> = None;
        loop {
            if let Some(line) = changed.take() {
                p.say(&line)?;
            }
            let mut options = vec![BACK.to_owned(), FINISH.to_owned()];
            options.extend(DETAILS.iter().map(|&step| {
                format!(
                    "{} [{}]",
                    detail_label(step),
                    crate::text::OneLine(&value(self, step))
                )
            }));
            let choice = Choice {
                prompt: "Case details: choose one to change it, or go back to the sections."
                    .to_owned(),
                note: None,
                options,
                start: Some(at),
            };
            let k = match p.select(&choice)? {
                Reply::Answer(0) | Reply::Back => return Ok(Opened::Sections),
                Reply::Answer(1) => return Ok(Opened::Finish),
                Reply::Answer(k) => k - 2,
                Reply::Quit => return Ok(Opened::Quit),
            };
            let Some(&step) = DETAILS.get(k) else {
                continue;
            };
            let before = value(self, step);
            match self.ask_detail(p, step)? {
                Reply::Answer(()) => {
                    if matches!(step, Step::CaseReference | Step::Date) {
                        self.save_under_its_name(p, saver)?;
                    } else {
                        self.save(saver)?;
                    }
                }
                Reply::Back => {}
                Reply::Quit => return Ok(Opened::Quit),
            }
            let after = value(self, step);
            changed = Some(change_line(
                detail_label(step),
                &crate::text::OneLine(&before).to_string(),
                &crate::text::OneLine(&after).to_string(),
                false,
            ));
            at = (k + 3).min(DETAILS.len() + 1);
        }
    }

    /// Each question of a group with its answer as shown.
    fn group_items(&self, group: usize) -> Vec<(&'a str, String)> {
        let q = self.q;
        match group.checked_sub(1).and_then(|s| q.sections.get(s)) {
            None => q
                .profile
                .iter()
                .map(|f| (f.prompt.as_str(), self.fact_label(&f.id)))
                .collect(),
            Some(s) => q.indicators[s.indicators.clone()]
                .iter()
                .map(|ind| (ind.prompt.as_str(), self.answer_label(&ind.id)))
                .collect(),
        }
    }

    fn group_title(&self, group: usize) -> &'a str {
        match group.checked_sub(1).and_then(|s| self.q.sections.get(s)) {
            None => "About the child",
            Some(s) => s.title.as_str(),
        }
    }

    /// A group in the list of sections, with how its answers stand: "Risk indicators: 2
    /// yes, 1 not known, 11 no".
    fn group_label(&self, group: usize) -> String {
        let items = self.group_items(group);
        let title = self.group_title(group);
        if group == 0 {
            let n = items.len();
            return format!("{title}: {n} question{}", if n == 1 { "" } else { "s" });
        }
        let count = |f: &dyn Fn(&str) -> bool| items.iter().filter(|(_, l)| f(l)).count();
        let parts = [
            (count(&|l| l.starts_with("yes")), "yes"),
            (count(&|l| l == "NOT KNOWN"), "NOT KNOWN"),
            (count(&|l| l == "no"), "no"),
            (count(&|l| l == "not answered"), "not answered"),
        ];
        let shown: Vec<String> = parts
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {what}"))
            .collect();
        format!("{title}: {}", shown.join(", "))
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
                let not_known = self
                    .screening
                    .answers
                    .get(&ind.id)
                    .is_some_and(|e| e.answer == Answer::NotKnown);
                let mark = if not_known { "  ← find out" } else { "" };
                out.push_str(&format!("  {}: {label}{mark}\n", ind.prompt));
            }
        }
        out
    }
}

/// The review's way out: to judgement and the result.
const FINISH: &str = "Finish: go on to judgement and the result";
/// From a section back to the list of sections.
const BACK: &str = "Back to the sections";

/// Where a section's list was left.
enum Opened {
    Sections,
    Finish,
    Quit,
}

/// What an answer's change took with it, to add to its change line: "; the note given with
/// the yes was removed". A changed answer starts its details afresh (`ask_indicator`), so a
/// typed evidence note does not stay under a "no"; but it is never dropped unsaid.
fn removed_with(was: &crate::answers::AnswerEntry) -> String {
    let mut gone = Vec::new();
    if !was.windows.is_empty() {
        gone.push("time windows");
    }
    if was.basis.is_some() {
        gone.push("basis");
    }
    if was.rating.is_some() {
        gone.push("rating");
    }
    if was.note.is_some() {
        gone.push("note");
    }
    if !was.follow_up.is_empty() {
        gone.push("follow-up answers");
    }
    let Some((last, rest)) = gone.split_last() else {
        return String::new();
    };
    let list = if rest.is_empty() {
        (*last).to_owned()
    } else {
        format!("{} and {last}", rest.join(", "))
    };
    format!(
        "; the {list} given with the {} {} removed",
        was.answer.as_str().replace('_', " "),
        if gone.len() == 1 { "was" } else { "were" }
    )
}

/// "Changed: prompt: no → yes", "Changed: prompt: yes (its details)" when only what the
/// label does not show changed, or "Unchanged: prompt: no".
fn change_line(prompt: &str, before: &str, after: &str, details_changed: bool) -> String {
    if before != after {
        format!("Changed: {prompt}: {before} → {after}")
    } else if details_changed {
        format!("Changed: {prompt}: {after} (its details)")
    } else {
        format!("Unchanged: {prompt}: {after}")
    }
}
