//! A validated questionnaire: every reference resolved to an index, every number in range.
//!
//! Values of these types only come out of `validate`, so the engine can index them
//! without checks that could fail. Indices refer to the vectors of [`Questionnaire`].

pub use super::raw::{Accept, FactKind, FollowUpKind, YesNo};

/// A questionnaire that passed validation.
#[derive(Debug, Clone)]
pub struct Questionnaire {
    /// The file format it was written in: 1 or 2.
    pub format: u32,
    pub id: String,
    pub version: String,
    pub title: String,
    pub jurisdiction: String,
    pub description: Option<String>,
    pub disclaimer: String,
    /// sha256 of the file's text (BOM removed, line ends normalised to `\n`), in hex.
    pub sha256: String,
    pub ages: AgeRange,
    /// Who the tool is for (format 2; empty in format 1).
    pub eligibility: Eligibility,
    /// Answer scales (format 2).
    pub scales: Vec<Scale>,
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

/// Who the tool is for, and where to turn for a child outside its ages.
#[derive(Debug, Clone, Default)]
pub struct Eligibility {
    /// For example "Not a screening tool for a child with no prior concern".
    pub statement: Option<String>,
    /// For a child younger than `ages.min`.
    pub younger: Option<Referral>,
    /// For a child older than `ages.max`.
    pub older: Option<Referral>,
}

/// Where to turn instead.
#[derive(Debug, Clone)]
pub struct Referral {
    pub message: String,
    /// Another questionnaire's id.
    pub tool: Option<String>,
}

impl Referral {
    /// The author's message, naming the other tool (as the command that screens with it)
    /// where one is given.
    pub fn words(&self) -> String {
        let message = self.message.trim().trim_end_matches('.');
        match &self.tool {
            Some(tool) => {
                format!("{message} (another tool: cse-screen screen --questionnaire {tool}).")
            }
            None => format!("{message}."),
        }
    }
}

/// An answer scale: options lowest first, points never decreasing. `no` is the lowest option.
#[derive(Debug, Clone)]
pub struct Scale {
    pub id: String,
    pub label: String,
    pub options: Vec<ScaleOption>,
}

#[derive(Debug, Clone)]
pub struct ScaleOption {
    pub id: String,
    pub label: String,
    pub description: Option<String>,
    pub points: u32,
}

impl Scale {
    /// The index of the option with this id.
    pub fn option(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|o| o.id == id)
    }
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
    /// How a "yes" with no window recorded scores (indicators with windows).
    pub undated: Undated,
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
    /// Rated on a scale: the scale's index and the points of its options, lowest first.
    /// `no` and not known score the lowest option; a "yes" scores its rating.
    Scale { scale: usize, points: Vec<u32> },
}

/// How a "yes" with no window recorded scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Undated {
    /// The highest single window weight (format 1, and the default).
    #[default]
    HighestWindow,
    /// This window's weight (a window index).
    Window(usize),
    /// A fixed number of points.
    Points(u32),
}

impl Scoring {
    /// The most one "yes" can score (every window ticked, or the highest option).
    pub fn max_points(&self) -> u32 {
        match self {
            Scoring::Single(points) => *points,
            Scoring::Windows(weights) => weights.iter().map(|(_, p)| *p).sum(),
            Scoring::Scale { points, .. } => points.iter().copied().max().unwrap_or(0),
        }
    }

    /// What "no" and not known score: the lowest option of a scale, else 0.
    pub fn floor_points(&self) -> u32 {
        match self {
            Scoring::Scale { points, .. } => points.first().copied().unwrap_or(0),
            Scoring::Single(_) | Scoring::Windows(_) => 0,
        }
    }

    /// Whether the indicator is asked with this window.
    pub fn has_window(&self, window: usize) -> bool {
        matches!(self, Scoring::Windows(w) if w.iter().any(|(id, _)| *id == window))
    }
}

impl Indicator {
    /// The most this indicator can score, counting an undated "yes" scored at fixed points.
    pub fn max_points(&self) -> u32 {
        match (&self.scoring, self.undated) {
            (Scoring::Windows(_), Undated::Points(p)) => self.scoring.max_points().max(p),
            _ => self.scoring.max_points(),
        }
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
    /// The lowest score at this level; `None` for a level only rules or judgement reach.
    pub min_score: Option<u32>,
    /// Routes this level adds to those of the levels below it (or, when it does not
    /// inherit, its own routes).
    pub routes: Vec<usize>,
    /// Whether the level's routes include those of the level below it (and so on down).
    pub inherit_routes: bool,
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
        /// Only indicators on this scale rated at least this option (format 2).
        rated: Option<Rated>,
        at_least: u32,
    },
    /// The points of a section or category are at least N (format 2).
    Subtotal {
        scope: Scope,
        at_least: u32,
    },
    /// The indicator is yes and its follow-up value is at least the fact's value plus N.
    Compare {
        indicator: usize,
        follow_up: usize,
        fact: usize,
        plus: u32,
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

/// A scale and one of its options (an index above the lowest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rated {
    pub scale: usize,
    pub at_least: usize,
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
    /// Whether it counts missing episodes (has escalation settings for them): `history` and
    /// `caseload` count a case's episodes with the latest questionnaire that does.
    pub fn counts_missing_episodes(&self) -> bool {
        self.escalation
            .as_ref()
            .is_some_and(|e| e.missing.is_some())
    }

    /// The index of the indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i.id == id)
    }

    /// As [`Questionnaire::indicator`], looking first at index `hint`: a file's answers come
    /// in the questionnaire's order, so each is found at once, not after every id before it.
    /// Ids are unique, so the answer is the same whatever the hint.
    pub fn indicator_near(&self, id: &str, hint: usize) -> Option<usize> {
        match self.indicators.get(hint) {
            Some(i) if i.id == id => Some(hint),
            _ => self.indicator(id),
        }
    }

    /// The index of the profile fact with this id.
    pub fn fact(&self, id: &str) -> Option<usize> {
        self.profile.iter().position(|f| f.id == id)
    }

    /// The index of the level with this id.
    pub fn level(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }

    /// Where the author points for a child of `age` outside `ages` (format 2): `None` for an
    /// age inside them, or where no referral is written.
    pub fn referral(&self, age: u32) -> Option<&Referral> {
        if age < self.ages.min {
            self.eligibility.younger.as_ref()
        } else if age > self.ages.max {
            self.eligibility.older.as_ref()
        } else {
            None
        }
    }

    /// The label of option `option` (an id) of indicator `i`'s scale, if it is rated on one.
    pub fn rating_label(&self, i: usize, option: &str) -> Option<&str> {
        match &self.indicators.get(i)?.scoring {
            Scoring::Scale { scale, .. } => {
                let scale = self.scales.get(*scale)?;
                scale
                    .options
                    .get(scale.option(option)?)
                    .map(|o| o.label.as_str())
            }
            Scoring::Single(_) | Scoring::Windows(_) => None,
        }
    }

    /// The index of the window with this id.
    pub fn window(&self, id: &str) -> Option<usize> {
        self.windows.iter().position(|w| w.id == id)
    }

    /// The highest score the questionnaire can give.
    pub fn max_score(&self) -> u32 {
        self.indicators
            .iter()
            .fold(0u32, |sum, i| sum.saturating_add(i.max_points()))
    }

    /// Whether any level is reached by score: a tool with no scored level above the first
    /// (and no points) is a tool without a score.
    pub fn has_score(&self) -> bool {
        self.max_score() > 0 && self.levels.iter().skip(1).any(|l| l.min_score.is_some())
    }

    /// The routes level `level` recommends: its own, and those of the levels below it for as
    /// long as each inherits (format 1: always), as route indices in level order.
    pub fn level_routes(&self, level: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for l in (0..=level.min(self.levels.len().saturating_sub(1))).rev() {
            out.extend(self.levels[l].routes.iter().copied());
            if !self.levels[l].inherit_routes {
                break;
            }
        }
        out
    }

    /// The levels whose routes level `level` recommends (itself and the ones it inherits).
    pub fn route_levels(&self, level: usize) -> std::ops::RangeInclusive<usize> {
        let level = level.min(self.levels.len().saturating_sub(1));
        let mut from = level;
        while from > 0 && self.levels[from].inherit_routes {
            from -= 1;
        }
        from..=level
    }
}

impl Condition {
    /// Calls `f` with every profile fact this condition reads.
    pub fn for_each_fact(&self, f: &mut impl FnMut(usize)) {
        match self {
            Condition::All(cs) | Condition::Any(cs) => {
                cs.iter().for_each(|c| c.for_each_fact(f));
            }
            Condition::Age { fact, .. }
            | Condition::Fact { fact, .. }
            | Condition::Compare { fact, .. } => f(*fact),
            Condition::Answer { .. }
            | Condition::Count { .. }
            | Condition::Subtotal { .. }
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

#[cfg(test)]
mod tests {
    use super::super::{BUNDLED, from_str};

    #[test]
    fn an_indicator_is_found_wherever_the_search_starts() {
        for b in BUNDLED {
            let q = from_str(b.text).expect("a bundled questionnaire is valid");
            let ids = q.indicators.iter().map(|i| i.id.as_str());
            for id in ids.chain(["no_such_indicator", ""]) {
                for hint in 0..=q.indicators.len() + 1 {
                    assert_eq!(
                        q.indicator_near(id, hint),
                        q.indicator(id),
                        "{id} from {hint}"
                    );
                }
            }
        }
    }
}
