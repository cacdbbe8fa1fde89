//! A [`Prompter`] that replays a script, for tests. It records every prompt it was shown
//! and fails loudly when asked something the script did not expect.

use std::collections::VecDeque;
use std::io;

use super::{Choice, Many, Prompter, Reply, TextQuestion};

/// One scripted reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// Choose the option whose text starts with this.
    Pick(&'static str),
    /// Tick the options whose text starts with these.
    Tick(&'static [&'static str]),
    /// Type this text (replacing what is in the box).
    Type(&'static str),
    /// Type this text, which must be refused: the prompt is asked again (the next step).
    Refused(&'static str),
    /// Accept what is already in the box (a default or an earlier answer).
    Keep,
    Back,
    Quit,
}

pub(crate) struct Scripted {
    steps: VecDeque<Step>,
    /// Every prompt asked, in order, with what was pre-selected or pre-filled.
    pub(crate) transcript: Vec<String>,
    /// Everything said (help, review, training lines).
    pub(crate) said: Vec<String>,
    /// The note shown under each choice's prompt, by prompt, in order.
    pub(crate) choice_notes: Vec<(String, String)>,
    /// The message of each refusal of a [`Step::Refused`] text, in order.
    pub(crate) refusals: Vec<String>,
    /// How many times Enter ([`Step::Keep`]) or typed text met a choice with nothing
    /// selected: as the prompters do, it recorded nothing and the choice was asked again.
    pub(crate) unchosen: usize,
}

impl Scripted {
    pub(crate) fn new(steps: impl IntoIterator<Item = Step>) -> Scripted {
        Scripted {
            steps: steps.into_iter().collect(),
            transcript: Vec::new(),
            said: Vec::new(),
            choice_notes: Vec::new(),
            refusals: Vec::new(),
            unchosen: 0,
        }
    }

    #[track_caller]
    fn next(&mut self, prompt: &str) -> Step {
        match self.steps.pop_front() {
            Some(step) => step,
            None => panic!(
                "script ran out at prompt {prompt:?}; transcript so far:\n{}",
                self.transcript.join("\n")
            ),
        }
    }

    pub(crate) fn finished(&self) -> bool {
        self.steps.is_empty()
    }
}

impl Prompter for Scripted {
    fn select(&mut self, q: &Choice) -> io::Result<Reply<usize>> {
        if let Some(note) = &q.note {
            self.choice_notes.push((q.prompt.clone(), note.clone()));
        }
        self.transcript.push(format!(
            "select {} [{}]",
            q.prompt,
            q.start
                .and_then(|s| q.options.get(s))
                .map_or("", String::as_str)
        ));
        Ok(match self.next(&q.prompt) {
            // Enter, or text typed ahead, with nothing selected: nothing is recorded and the
            // same choice is asked again (the prompter contract of `Choice::start`).
            Step::Keep | Step::Type(_) if q.start.is_none() => {
                self.unchosen += 1;
                return self.select(q);
            }
            Step::Pick(start) => match q.options.iter().position(|o| o.starts_with(start)) {
                Some(i) => Reply::Answer(i),
                None => panic!(
                    "no option starting {start:?} at {:?}: {:?}",
                    q.prompt, q.options
                ),
            },
            Step::Keep => Reply::Answer(q.start.unwrap_or_default()),
            Step::Back => Reply::Back,
            Step::Quit => Reply::Quit,
            other => panic!(
                "script has {other:?} but the prompt is a choice: {:?}",
                q.prompt
            ),
        })
    }

    fn select_many(&mut self, q: &Many) -> io::Result<Reply<Vec<usize>>> {
        let ticked: Vec<&str> = q
            .selected
            .iter()
            .filter_map(|&i| q.options.get(i))
            .map(String::as_str)
            .collect();
        self.transcript
            .push(format!("many {} [{}]", q.prompt, ticked.join(", ")));
        Ok(match self.next(&q.prompt) {
            Step::Tick(starts) => Reply::Answer(
                starts
                    .iter()
                    .map(|s| {
                        q.options
                            .iter()
                            .position(|o| o.starts_with(s))
                            .unwrap_or_else(|| panic!("no option starting {s:?}: {:?}", q.options))
                    })
                    .collect(),
            ),
            Step::Keep => Reply::Answer(q.selected.clone()),
            Step::Back => Reply::Back,
            Step::Quit => Reply::Quit,
            other => panic!(
                "script has {other:?} but the prompt is a multiple choice: {:?}",
                q.prompt
            ),
        })
    }

    fn text(&mut self, q: &TextQuestion) -> io::Result<Reply<String>> {
        self.transcript
            .push(format!("text {} [{}]", q.prompt, q.initial));
        Ok(match self.next(&q.prompt) {
            Step::Type(text) => match q.check.run(text) {
                Ok(()) => Reply::Answer(text.to_owned()),
                Err(message) => panic!("{text:?} was refused at {:?}: {message}", q.prompt),
            },
            Step::Refused(text) => match q.check.run(text) {
                Ok(()) => panic!(
                    "{text:?} was accepted at {:?}, but should be refused",
                    q.prompt
                ),
                Err(message) => {
                    self.refusals.push(message);
                    return self.text(q);
                }
            },
            Step::Keep => Reply::Answer(q.initial.clone()),
            Step::Back => Reply::Back,
            Step::Quit => Reply::Quit,
            other => panic!(
                "script has {other:?} but the prompt is text: {:?}",
                q.prompt
            ),
        })
    }

    fn keys(&self) -> String {
        "Keys: scripted".to_owned()
    }

    fn say(&mut self, text: &str) -> io::Result<()> {
        self.said.push(text.to_owned());
        Ok(())
    }
}
