//! The review step: the review screen's text (every answer by section, not known
//! highlighted) and the choice of an answer to change before finishing.

use std::io;

use super::driver::Interview;
use super::{Choice, Prompter, Reply, Saver};
use crate::answers::ProfileValue;
use crate::engine::Answer;

impl<'a> Interview<'a> {
    /// Lists every answer by section (not known highlighted) and lets any be changed.
    pub(super) fn review(
        &mut self,
        p: &mut dyn Prompter,
        saver: &mut dyn Saver,
    ) -> io::Result<Reply<()>> {
        // The whole list once; after a change, only what changed (the list is long, and
        // reprinting it on every change pushed the question off a small screen).
        let mut changed: Option<String> = None;
        loop {
            match changed.take() {
                None => p.say(&self.review_text())?,
                Some(line) => p.say(&line)?,
            }
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
                start: Some(0),
            };
            match p.select(&choice)? {
                Reply::Answer(0) => return Ok(Reply::Answer(())),
                Reply::Answer(k) if k <= self.q.indicators.len() => {
                    let ind = &self.q.indicators[k - 1];
                    let before = self.answer_label(&ind.id);
                    if self.ask_indicator(p, k - 1, saver)? == Reply::Quit {
                        return Ok(Reply::Quit);
                    }
                    self.save(saver)?;
                    let after = self.answer_label(&ind.id);
                    changed = Some(change_line(&ind.prompt, &before, &after));
                }
                Reply::Answer(k) => {
                    let f = k - 1 - self.q.indicators.len();
                    if let Some(fact) = self.q.profile.get(f) {
                        let before = self.fact_label(&fact.id);
                        if self.ask_fact(p, f)? == Reply::Quit {
                            return Ok(Reply::Quit);
                        }
                        self.save(saver)?;
                        let after = self.fact_label(&fact.id);
                        changed = Some(change_line(&fact.prompt, &before, &after));
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

/// "Changed: prompt: no → yes", or "Unchanged: prompt: no".
fn change_line(prompt: &str, before: &str, after: &str) -> String {
    if before == after {
        format!("Unchanged: {prompt}: {after}")
    } else {
        format!("Changed: {prompt}: {before} → {after}")
    }
}
