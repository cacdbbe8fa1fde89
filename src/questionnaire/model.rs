//! A validated questionnaire: every reference resolved to an index, every number in range.
//!
//! Values of these types only come out of `validate`, so the engine can index them
//! without checks that could fail. Indices refer to the vectors of [`Questionnaire`].

pub use super::raw::{Accept, FactKind, FollowUpKind, YesNo};

/// A questionnaire that passed validation.
#[derive(Debug, Clone)]
pub struct Questionnaire {
    pub id: String,
    pub version: String,
    pub title: String,
    pub jurisdiction: String,
    pub description: Option<String>,
    pub disclaimer: String,
    /// sha256 of the file's text (BOM removed, line ends normalised to `\n`), in hex.
    pub sha256: String,
    pub ages: AgeRange,
    pub sources: Vec<Source>,
    /// Index into `routes` of the route shown first on every result.
    pub immediate_danger: usize,
    pub profile: Vec<Fact>,
    pub windows: Vec<Window>,
    pub categories: Vec<Category>,
    pub sections: Vec<Section>,
    /// All indicators in the order asked; each names its section.
    pub indicators: Vec<Indicator>,
    /// Lowest first; the index is the level's rank.
    pub levels: Vec<Level>,
    pub rules: Vec<Rule>,
    pub routes: Vec<Route>,
    pub reminders: Vec<Reminder>,
    pub escalation: Option<Escalation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeRange {
    pub min: u32,
    pub max: u32,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone)]
pub struct Fact {
    pub id: String,
    pub kind: FactKind,
    pub prompt: String,
    pub help: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Window {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct Category {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub intro: Option<String>,
    /// Indices into `Questionnaire::indicators`, in order.
    pub indicators: std::ops::Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: String,
    pub section: usize,
    pub category: usize,
    pub prompt: String,
    pub help: String,
    pub scoring: Scoring,
    pub learning: Vec<String>,
    pub follow_ups: Vec<FollowUp>,
    /// Indices into `Questionnaire::sources`.
    pub sources: Vec<usize>,
}

/// How a "yes" to an indicator scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scoring {
    /// A fixed number of points.
    Single(u32),
    /// Points per window ticked: `(window index, points)`, in the order written.
    Windows(Vec<(usize, u32)>),
}

impl Scoring {
    /// The most one "yes" can score (every window ticked).
    pub fn max_points(&self) -> u32 {
        match self {
            Scoring::Single(points) => *points,
            Scoring::Windows(weights) => weights.iter().map(|(_, p)| *p).sum(),
        }
    }

    /// Whether the indicator is asked with this window.
    pub fn has_window(&self, window: usize) -> bool {
        matches!(self, Scoring::Windows(w) if w.iter().any(|(id, _)| *id == window))
    }
}

#[derive(Debug, Clone)]
pub struct FollowUp {
    pub id: String,
    pub prompt: String,
    pub help: Option<String>,
    pub kind: FollowUpKind,
    pub max: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct Level {
    pub id: String,
    pub label: String,
    pub description: Option<String>,
    pub min_score: u32,
    /// Routes this level adds to those of the levels below it.
    pub routes: Vec<usize>,
    pub review_days: u32,
    /// Indices into `Questionnaire::sources`.
    pub sources: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub when: Condition,
    pub raise_to: Option<usize>,
    pub add_routes: Vec<usize>,
    pub reason: String,
    /// Indices into `Questionnaire::sources`.
    pub sources: Vec<usize>,
}

/// A resolved rule condition. Every variant is monotone in the answers and the level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Answer {
        indicator: usize,
        accept: Accept,
    },
    Count {
        scope: Scope,
        accept: Accept,
        window: Option<usize>,
        at_least: u32,
    },
    Score {
        at_least: u32,
    },
    Level {
        at_least: usize,
    },
    Age {
        fact: usize,
        test: AgeTest,
    },
    Fact {
        fact: usize,
        is: YesNo,
    },
    FollowUp {
        indicator: usize,
        follow_up: usize,
        at_least: u32,
    },
}

/// Which indicators a count looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Section(usize),
    Category(usize),
}

/// An age comparison, in whole years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgeTest {
    Below(u32),
    AtMost(u32),
    AtLeast(u32),
}

impl AgeTest {
    pub fn holds(self, age: u32) -> bool {
        match self {
            AgeTest::Below(n) => age < n,
            AgeTest::AtMost(n) => age <= n,
            AgeTest::AtLeast(n) => age >= n,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Route {
    pub id: String,
    pub title: String,
    pub action: String,
    pub contact: Option<String>,
    pub timescale: String,
    pub urgency: u32,
    /// Indices into `Questionnaire::reminders`.
    pub reminders: Vec<usize>,
    /// Indices into `Questionnaire::sources`.
    pub sources: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Reminder {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Escalation {
    pub not_reducing_after: u32,
    pub from_level: usize,
    pub when_rising: bool,
    pub route: usize,
    pub reason: String,
    pub missing: Option<MissingEscalation>,
}

#[derive(Debug, Clone)]
pub struct MissingEscalation {
    pub indicator: usize,
    pub follow_up: usize,
    pub at_least: u32,
    pub reason: String,
}

impl Questionnaire {
    /// The index of the indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i.id == id)
    }

    /// The index of the profile fact with this id.
    pub fn fact(&self, id: &str) -> Option<usize> {
        self.profile.iter().position(|f| f.id == id)
    }

    /// The index of the level with this id.
    pub fn level(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }

    /// The index of the window with this id.
    pub fn window(&self, id: &str) -> Option<usize> {
        self.windows.iter().position(|w| w.id == id)
    }

    /// The highest score the questionnaire can give.
    pub fn max_score(&self) -> u32 {
        self.indicators
            .iter()
            .fold(0u32, |sum, i| sum.saturating_add(i.scoring.max_points()))
    }
}

impl Condition {
    /// Calls `f` with every profile fact this condition reads.
    pub fn for_each_fact(&self, f: &mut impl FnMut(usize)) {
        match self {
            Condition::All(cs) | Condition::Any(cs) => {
                cs.iter().for_each(|c| c.for_each_fact(f));
            }
            Condition::Age { fact, .. } | Condition::Fact { fact, .. } => f(*fact),
            Condition::Answer { .. }
            | Condition::Count { .. }
            | Condition::Score { .. }
            | Condition::Level { .. }
            | Condition::FollowUp { .. } => {}
        }
    }
}

impl Questionnaire {
    /// The profile facts some rule reads, in profile order.
    pub fn facts_in_rules(&self) -> Vec<usize> {
        let mut used = vec![false; self.profile.len()];
        for r in &self.rules {
            r.when.for_each_fact(&mut |f| used[f] = true);
        }
        (0..used.len()).filter(|&f| used[f]).collect()
    }
}
