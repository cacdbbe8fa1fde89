//! The victim-blaming wording check: a phrase list (data, not code) and what it finds in text.
//!
//! The list is `language/phrases.yaml`, built into the binary and replaceable with
//! `--phrases PATH` ([`load`]); its patterns use a small syntax ([`pattern`]). [`PhraseList::check`]
//! finds the listed phrases in any text; [`check_screening`] in the free text of a saved
//! screening, and [`screening::locate`] puts file line:column on those findings;
//! [`questionnaire::check`] checks a questionnaire's own words. Findings are advice: they
//! never change a score, a level or a route. A phrase is of one of two [`Tier`]s: wording to
//! avoid (blaming), or wording to consider (blaming only in some contexts: a prompt, which
//! never fails a check). See docs/language.md.

pub mod load;
pub mod pattern;
pub mod questionnaire;
pub mod screening;

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use crate::diagnostic::Position;

pub use load::{BUNDLED_PATH, bundled};
pub use screening::{Field, check_screening};

/// A validated phrase list. Its regexes are compiled when text is first checked, each only
/// when a text holds one of its words (a list read from a file was compiled while it was
/// checked; the built-in list, proven by the tests, when first needed), so a command that
/// checks no text compiles nothing.
#[derive(Debug, Clone)]
pub struct PhraseList {
    pub sources: Vec<Source>,
    pub phrases: Vec<Phrase>,
    /// Which phrases a text may hold, from the words they need; built on first use.
    prefilter: OnceLock<Prefilter>,
}

/// Which phrases a text may hold, in one pass: every phrase's required words
/// ([`pattern::required_words`]) in one case-insensitive Aho-Corasick automaton. Building it
/// takes about a millisecond, where a set of every phrase's regex took most of the time to
/// start checking text; a phrase's own regex then decides, so what is found is the same
/// (`load::tests::the_words_a_phrase_needs_skip_nothing_it_would_find`).
#[derive(Debug, Clone)]
struct Prefilter {
    /// Every required word once; `None` if the automaton cannot be built (every phrase is
    /// then searched: slower, never skipped).
    words: Option<aho_corasick::AhoCorasick>,
    /// By phrase, `None` to search it always, or what each of its patterns needs.
    needs: Vec<Option<Vec<Needs>>>,
    /// By word, the phrases that need it.
    owners: Vec<Vec<usize>>,
    /// The phrases searched always.
    always: Vec<usize>,
}

/// What one pattern needs: groups of word indices, at least one word of every group.
type Needs = Vec<Vec<usize>>;

impl Prefilter {
    fn new<'a>(phrases: &'a [Phrase]) -> Prefilter {
        let mut words: Vec<&'a str> = Vec::new();
        let mut seen: HashMap<&'a str, usize> = HashMap::new();
        let mut index = |w: &'a str| {
            *seen.entry(w).or_insert_with(|| {
                words.push(w);
                words.len() - 1
            })
        };
        let needs: Vec<Option<Vec<Needs>>> = phrases
            .iter()
            .map(|p| {
                p.needs.as_ref().map(|patterns| {
                    patterns
                        .iter()
                        .map(|groups| {
                            groups
                                .iter()
                                .map(|group| group.iter().map(|w| index(w.as_str())).collect())
                                .collect()
                        })
                        .collect()
                })
            })
            .collect();
        let mut owners = vec![Vec::new(); words.len()];
        let mut always = Vec::new();
        for (i, need) in needs.iter().enumerate() {
            match need {
                None => always.push(i),
                Some(patterns) => {
                    for w in patterns.iter().flatten().flatten() {
                        if owners[*w].last() != Some(&i) {
                            owners[*w].push(i);
                        }
                    }
                }
            }
        }
        // A DFA: a few million instructions to build, once, on the thread that reads the
        // list (see `PhraseList::prepare`); then a byte or two of work per byte of text.
        let words = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&words)
            .ok();
        Prefilter {
            words,
            needs,
            owners,
            always,
        }
    }

    /// The indices of the phrases `text` may hold, in order. A case-insensitive regex also
    /// matches `k` to the Kelvin sign and `s` to the long s, which ASCII case folding does
    /// not: a text with either is searched for every phrase.
    fn candidates(&self, text: &str) -> Vec<usize> {
        let all = || (0..self.needs.len()).collect();
        let Some(words) = &self.words else {
            return all();
        };
        if !text.is_ascii() && text.contains(['\u{212A}', '\u{17F}']) {
            return all();
        }
        // Which words the text holds, and which phrases need one of them, as bit sets.
        // On the stack when they fit, as they do for the built-in list: this runs for every
        // text of every file.
        let has = |set: &[u64], i: usize| set[i / 64] & (1 << (i % 64)) != 0;
        let (words_n, phrases_n) = (
            self.owners.len().div_ceil(64),
            self.needs.len().div_ceil(64),
        );
        let (mut stack, mut heap) = ([0u64; 16], Vec::new());
        let both: &mut [u64] = match stack.get_mut(..words_n + phrases_n) {
            Some(fits) => fits,
            None => {
                heap.resize(words_n + phrases_n, 0);
                &mut heap
            }
        };
        let (found, touched) = both.split_at_mut(words_n);
        for m in words.find_overlapping_iter(text) {
            let w = m.pattern().as_usize();
            if !has(found, w) {
                found[w / 64] |= 1 << (w % 64);
                for &i in &self.owners[w] {
                    touched[i / 64] |= 1 << (i % 64);
                }
            }
        }
        for &i in &self.always {
            touched[i / 64] |= 1 << (i % 64);
        }
        let holds = |group: &Vec<usize>| group.iter().any(|&w| has(found, w));
        // Only the phrases touched, read off the set bits (most texts touch few or none).
        let mut out = Vec::new();
        for (n, &block) in touched.iter().enumerate() {
            let mut rest = block;
            while rest != 0 {
                let i = n * 64 + rest.trailing_zeros() as usize;
                rest &= rest - 1;
                let needed = self.needs[i]
                    .as_ref()
                    .is_none_or(|patterns| patterns.iter().any(|groups| groups.iter().all(holds)));
                if needed {
                    out.push(i);
                }
            }
        }
        out
    }
}

/// The phrase list a command checks text with: one it has read (from `--phrases`), or the
/// built-in one, read the first time text is checked, so that `score` can read it on one
/// core while another reads the first screening and its questionnaire.
#[derive(Debug, Clone, Copy)]
pub enum Phrases<'a> {
    /// The built-in list ([`bundled`]).
    Bundled,
    /// A list already read.
    List(&'a PhraseList),
}

impl<'a> Phrases<'a> {
    /// The list, reading the built-in one if it has not been read yet. `None` only if the
    /// built-in list were invalid, which the tests rule out
    /// (`the_built_in_list_passes_every_check`); a command that uses [`Phrases::Bundled`]
    /// reports that error itself.
    pub fn get(self) -> Option<&'a PhraseList> {
        match self {
            Phrases::Bundled => bundled().ok(),
            Phrases::List(list) => Some(list),
        }
    }
}

/// Guidance a phrase's advice comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub url: String,
}

/// How strongly a phrase is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Tier {
    /// Wording that blames the child: a finding to change (or keep, on the record).
    #[default]
    Avoid,
    /// Wording that is blaming only in some contexts: a prompt to consider, shown with its
    /// advice, never counted as blaming and never changing an exit code.
    Consider,
}

impl Tier {
    /// The name used in phrase lists and JSON: `avoid` or `consider`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Avoid => "avoid",
            Tier::Consider => "consider",
        }
    }

    /// The tier named `name` in a phrase list.
    pub fn parse(name: &str) -> Option<Tier> {
        match name {
            "avoid" => Some(Tier::Avoid),
            "consider" => Some(Tier::Consider),
            _ => None,
        }
    }
}

/// One phrase to avoid, or to consider.
#[derive(Debug, Clone)]
pub struct Phrase {
    /// Stable id, recorded in answers files when a practitioner keeps the wording.
    pub id: String,
    /// `avoid` (blaming) or `consider` (a prompt).
    pub tier: Tier,
    /// The phrase as people know it ("putting themselves at risk").
    pub phrase: String,
    /// Why it harms.
    pub why: String,
    /// Said as well when the child is under 13 (the law on consent).
    pub under_13: Option<String>,
    /// Better wordings.
    pub instead: Vec<String>,
    /// Indices into [`PhraseList::sources`].
    pub sources: Vec<usize>,
    /// The source of its regex: every pattern, as whole words in any case
    /// ([`pattern::whole_words`]).
    source: String,
    /// By pattern, the words a match needs, lower case ([`pattern::required_words`]);
    /// `None` if a pattern needs none, and the phrase is searched in every text.
    needs: Option<Vec<Vec<pattern::Group>>>,
    /// Its regex, compiled on first use.
    regex: OnceLock<Option<pattern::Regex>>,
}

impl Phrase {
    /// The phrase's regex, compiled the first time it is needed. `None` only if it cannot be
    /// compiled, which the checks when a list is read rule out.
    fn regex(&self) -> Option<&pattern::Regex> {
        self.regex
            .get_or_init(|| pattern::build(&self.source))
            .as_ref()
    }
}

/// One listed phrase found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The phrase's id.
    pub id: String,
    /// The phrase's tier: only [`Tier::Avoid`] findings are blaming wording.
    pub tier: Tier,
    /// The phrase as listed.
    pub phrase: String,
    /// The words found, as written.
    pub text: String,
    /// Byte range of `text` within the text checked (for a screening: within the field).
    pub span: Range<usize>,
    /// Line and column (1-based, in characters) in the file, where known.
    pub position: Option<Position>,
    /// Which free-text field of a screening it is in; `None` for plain text.
    pub field: Option<Field>,
    pub why: String,
    /// The legal explanation, when the child is under 13 and the phrase has one.
    pub legal: Option<String>,
    pub instead: Vec<String>,
    pub sources: Vec<Source>,
    /// The practitioner chose to keep this wording (recorded in the answers file).
    pub kept: bool,
}

impl Finding {
    /// True for wording to avoid: blaming wording, which the `language` command fails on.
    /// A [`Tier::Consider`] finding is a prompt, never counted as blaming.
    pub fn is_blaming(&self) -> bool {
        self.tier == Tier::Avoid
    }
}

impl PhraseList {
    pub(crate) fn new(sources: Vec<Source>, phrases: Vec<Phrase>) -> PhraseList {
        PhraseList {
            sources,
            phrases,
            prefilter: OnceLock::new(),
        }
    }

    /// Builds now what the first text checked would build: for a command that knows it will
    /// check text, on a core that would otherwise wait.
    pub fn prepare(&self) {
        self.prefilter.get_or_init(|| Prefilter::new(&self.phrases));
    }

    /// The phrase with this id.
    pub fn phrase(&self, id: &str) -> Option<&Phrase> {
        self.phrases.iter().find(|p| p.id == id)
    }

    /// Every listed phrase in `text`, in order, except those quoted after an "avoid saying"
    /// marker (see [`allowed_quotes`]), and except a phrase to consider on words that a phrase
    /// to avoid already covers ("older boyfriend" is one finding, not two). `under_13` adds the
    /// legal explanation where a phrase has one. Positions are line:column within `text`.
    pub fn check(&self, text: &str, under_13: bool) -> Vec<Finding> {
        // An invisible character inside a word (a soft hyphen or a zero-width space, as text
        // pasted from a word processor can hold) would hide a phrase from the check while a
        // reader sees the words: such characters are set aside for the search, and each
        // finding is placed back in the text as written, with them.
        if let Some((folded, at)) = without_invisible(text) {
            let mut found = self.check_plain(&folded, under_13);
            // Each byte of `folded` has its place in `text`; an empty match (which no listed
            // phrase makes) sits where its neighbour does.
            let place = |i: usize| at.get(i).copied().unwrap_or(text.len());
            for f in &mut found {
                let start = place(f.span.start);
                // Past the whole character the last byte belongs to (a blank read as a
                // space is one byte here and three in `text`).
                let end = match f.span.end.checked_sub(1) {
                    Some(last) if f.span.end > f.span.start => {
                        let mut end = place(last) + 1;
                        while !text.is_char_boundary(end) {
                            end += 1;
                        }
                        end
                    }
                    _ => start,
                };
                *f = self.finding_at(f, text, start..end);
            }
            return found;
        }
        self.check_plain(text, under_13)
    }

    /// [`PhraseList::check`] of a text with no invisible character to set aside.
    fn check_plain(&self, text: &str, under_13: bool) -> Vec<Finding> {
        // Which phrases the text may hold, in one pass over it; each one's own regex then
        // finds where, if anywhere.
        let hits = self
            .prefilter
            .get_or_init(|| Prefilter::new(&self.phrases))
            .candidates(text);
        self.check_among(hits, text, under_13)
    }

    /// `f`, found in a text with its invisible characters set aside, placed at `span` of
    /// the text as written.
    fn finding_at(&self, f: &Finding, text: &str, span: Range<usize>) -> Finding {
        Finding {
            text: text[span.clone()].to_owned(),
            position: Some(position_at(text, span.start)),
            span,
            ..f.clone()
        }
    }

    /// [`PhraseList::check`] searching only the phrases `hits` (indices, in order).
    fn check_among(&self, hits: Vec<usize>, text: &str, under_13: bool) -> Vec<Finding> {
        if hits.is_empty() {
            return Vec::new();
        }
        // Where quoting is allowed, worked out at the first match (most texts have none).
        let allowed = OnceCell::new();
        let mut out = Vec::new();
        for i in hits {
            let p = &self.phrases[i];
            let Some(regex) = p.regex() else { continue };
            for m in regex.find_iter(text) {
                let quoted = allowed
                    .get_or_init(|| allowed_quotes(text))
                    .iter()
                    .any(|r| r.start <= m.start() && m.end() <= r.end);
                if !quoted {
                    out.push(self.finding(p, text, m.range(), under_13));
                }
            }
        }
        let avoid: Vec<Range<usize>> = out
            .iter()
            .filter(|f| f.is_blaming())
            .map(|f| f.span.clone())
            .collect();
        out.retain(|f| {
            f.is_blaming()
                || !avoid
                    .iter()
                    .any(|a| a.start < f.span.end && f.span.start < a.end)
        });
        out.sort_by(|a, b| (a.span.start, &a.id).cmp(&(b.span.start, &b.id)));
        out
    }

    fn finding(&self, p: &Phrase, text: &str, span: Range<usize>, under_13: bool) -> Finding {
        Finding {
            id: p.id.clone(),
            tier: p.tier,
            phrase: p.phrase.clone(),
            text: text[span.clone()].to_owned(),
            position: Some(position_at(text, span.start)),
            span,
            field: None,
            why: p.why.clone(),
            legal: if under_13 { p.under_13.clone() } else { None },
            instead: p.instead.clone(),
            sources: p.sources.iter().map(|&s| self.sources[s].clone()).collect(),
            kept: false,
        }
    }

    /// Byte ranges of every match of phrase `id` in `text`, quoted or not, in order.
    fn matches(&self, id: &str, text: &str) -> Vec<Range<usize>> {
        self.phrase(id)
            .and_then(Phrase::regex)
            .map_or_else(Vec::new, |regex| {
                regex.find_iter(text).map(|m| m.range()).collect()
            })
    }
}

/// The 1-based line and character column of byte `offset` in `text`, as YAML counts them
/// and as an editor shows them: a line ends at a line feed, a carriage return and line feed,
/// or a carriage return alone (an old Mac file); a byte-order mark at the start takes no
/// column.
pub fn position_at(text: &str, offset: usize) -> Position {
    let before = text.get(..offset).unwrap_or(text);
    let bytes = text.as_bytes();
    let mut line = 1;
    let mut line_start = 0;
    for (i, &b) in before.as_bytes().iter().enumerate() {
        let ends = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if ends {
            line += 1;
            line_start = i + 1;
        }
    }
    let on_line = &before[line_start..];
    let on_line = if line_start == 0 {
        on_line.strip_prefix('\u{feff}').unwrap_or(on_line)
    } else {
        on_line
    };
    Position {
        line,
        column: on_line.chars().count() as u64 + 1,
    }
}

/// Byte offsets just after each "avoid saying" marker: `avoid saying`, `avoid writing`, or
/// `avoid the word(s)`, `phrase(s)` or `term(s)`, in any case.
fn markers(text: &str) -> Vec<usize> {
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            words.push((s, &text[s..i]));
        }
    }
    if let Some(s) = start {
        words.push((s, &text[s..]));
    }
    let is = |k: usize, options: &[&str]| {
        words
            .get(k)
            .is_some_and(|(_, w)| options.iter().any(|o| w.eq_ignore_ascii_case(o)))
    };
    let end = |k: usize| words[k].0 + words[k].1.len();
    let mut out = Vec::new();
    for k in 0..words.len() {
        if !is(k, &["avoid"]) {
            continue;
        }
        if is(k + 1, &["saying", "writing"]) {
            out.push(end(k + 1));
        } else if is(k + 1, &["the"])
            && is(
                k + 2,
                &["word", "words", "phrase", "phrases", "term", "terms"],
            )
        {
            out.push(end(k + 2));
        }
    }
    out
}

/// Byte ranges of text in double quotes ("..." or “...”) that follow an "avoid saying" marker
/// in the same sentence: the places where a listed phrase may be quoted as an example of what
/// not to say. The sentence ends at `.`, `!`, `?` or `;` outside quotes.
pub fn allowed_quotes(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for after in markers(text) {
        let mut chars = text[after..].char_indices().map(|(i, c)| (after + i, c));
        while let Some((i, c)) = chars.next() {
            match c {
                '"' | '\u{201c}' => {
                    let start = i + c.len_utf8();
                    match chars.by_ref().find(|(_, c)| matches!(c, '"' | '\u{201d}')) {
                        Some((end, _)) => out.push(start..end),
                        None => break,
                    }
                }
                '.' | '!' | '?' | ';' => break,
                _ => {}
            }
        }
    }
    out
}

/// `text` without the invisible characters that can sit inside a word (format characters
/// such as U+00AD, U+200B and U+2060, and other hidden characters that are not white space),
/// with each character that is drawn as a blank but is not white space (the Hangul
/// fillers, the Braille pattern blank) read as a space, and each letter of another script
/// or width that cannot be told apart from an ASCII one (a Cyrillic `е`, a full-width `Ｅ`:
/// [`crate::reference::looks_like`]) read as that letter, as a reader sees it; with, for
/// each byte kept, its offset in `text`; `None` when `text` holds none of these.
fn without_invisible(text: &str) -> Option<(String, Vec<usize>)> {
    let invisible = |c: char| !c.is_ascii() && !c.is_whitespace() && crate::text::is_hidden(c);
    // Only letters: phrases are words, and a curly apostrophe is matched as it is. The Kelvin
    // sign and the long s are left to the regexes, which take them for `k` and `s` (a long s
    // looks like an `f`).
    let look_alike = |c: char| {
        if c.is_ascii() || !c.is_alphabetic() || matches!(c, '\u{212A}' | '\u{17F}') {
            return None;
        }
        crate::reference::looks_like(c).filter(char::is_ascii_alphabetic)
    };
    if text.is_ascii()
        || !text
            .chars()
            .any(|c| invisible(c) || look_alike(c).is_some())
    {
        return None;
    }
    let mut folded = String::with_capacity(text.len());
    let mut at = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if drawn_blank(c) {
            folded.push(' ');
            at.push(i);
        } else if let Some(a) = look_alike(c) {
            folded.push(a);
            at.push(i);
        } else if !invisible(c) {
            folded.push(c);
            at.extend(i..i + c.len_utf8());
        }
    }
    Some((folded, at))
}

/// Hidden characters a font draws as a blank the width of a letter or more, so that a
/// reader takes them for a space between words.
fn drawn_blank(c: char) -> bool {
    matches!(
        c,
        '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}' | '\u{2800}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invisible_character_inside_a_phrase_does_not_hide_it() {
        let list = super::load::bundled().unwrap_or_else(|p| panic!("{p:?}"));
        let plain = "Staff said she put herself at risk again.";
        let found = list.check(plain, false);
        assert_eq!(found.len(), 1, "{found:?}");
        let (id, at) = (found[0].id.clone(), found[0].span.clone());
        // Each invisible character, at every place inside the phrase.
        for c in [
            '\u{ad}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}',
        ] {
            for i in at.start + 1..at.end {
                let mut text = plain.to_owned();
                text.insert(i, c);
                let f = list.check(&text, false);
                assert_eq!(f.len(), 1, "{c:?} at {i}: {f:?}");
                assert_eq!(f[0].id, id, "{c:?} at {i}");
                // Placed in the text as written, the character with it.
                assert_eq!(f[0].span, at.start..at.end + c.len_utf8(), "{c:?} at {i}");
                assert_eq!(f[0].text, text[f[0].span.clone()], "{c:?} at {i}");
                assert!(f[0].text.contains(c), "{c:?} at {i}");
                assert_eq!(f[0].position, found[0].position, "{c:?} at {i}");
            }
        }
        // Before the phrase, the place moves by the character; after it, nothing moves.
        let before = format!("\u{200b}{plain}");
        assert_eq!(list.check(&before, false)[0].span, at.start + 3..at.end + 3);
        let after = format!("{plain}\u{200b}");
        assert_eq!(list.check(&after, false)[0].span, at);
        // A line separator is white space, as a reader sees it: the phrase across it is found.
        let across = plain.replace("herself at", "herself\u{2028}at");
        assert_eq!(list.check(&across, false).len(), 1);
        // So are the characters drawn as a blank that are not white space.
        for blank in ['\u{2800}', '\u{3164}', '\u{ffa0}', '\u{115f}', '\u{1160}'] {
            let across = plain.replace("herself at", &format!("herself{blank}at"));
            let f = list.check(&across, false);
            assert_eq!(f.len(), 1, "{blank:?}: {f:?}");
            assert!(f[0].text.contains(blank), "{blank:?}: {f:?}");
        }
    }

    #[test]
    fn a_letter_of_another_script_that_looks_the_same_does_not_hide_a_phrase() {
        let list = super::load::bundled().unwrap_or_else(|p| panic!("{p:?}"));
        let plain = "Staff said she put herself at risk again.";
        let at = list.check(plain, false)[0].span.clone();
        // Cyrillic е, р and о, Greek ο, a full-width Ｈ: each looks like the ASCII letter.
        for (ascii, like) in [
            ("herself", "h\u{435}rself"),
            ("put", "\u{440}ut"),
            ("at risk", "at ri\u{455}k"),
            ("put", "\u{3c1}ut"),
            ("herself", "\u{ff28}erself"),
        ] {
            let text = plain.replace(ascii, like);
            let f = list.check(&text, false);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            // Placed in the text as written, the letter with it.
            assert_eq!(f[0].span.start, at.start, "{text}");
            assert_eq!(f[0].text, text[f[0].span.clone()], "{text}");
            assert!(f[0].text.contains(like), "{text}: {f:?}");
        }
        // Letters that look different are not read as others, and a text in another script
        // is not read as English.
        assert!(
            list.check("Staff said she put hérself at risk again.", false)
                .is_empty()
        );
        assert!(list.check("Она сказала, что всё хорошо.", false).is_empty());
    }

    #[test]
    fn positions_are_lines_and_character_columns() {
        let text = "first line\nsecond – é line";
        assert_eq!(position_at(text, 0), Position { line: 1, column: 1 });
        let at = text.rfind("line").unwrap();
        assert_eq!(
            position_at(text, at),
            Position {
                line: 2,
                column: 12
            }
        );
        // Windows and old Mac line ends, and a byte-order mark (found in review: a file
        // with carriage returns alone was all line 1, and the mark took a column).
        for (text, line, column) in [
            ("first\r\nsecond line", 2, 8),
            ("first\rsecond line", 2, 8),
            ("first\r\rsecond line", 3, 8),
            ("\u{feff}second line", 1, 8),
            ("\u{feff}first\nsecond line", 2, 8),
        ] {
            let at = text.rfind("line").unwrap();
            assert_eq!(position_at(text, at), Position { line, column }, "{text:?}");
        }
    }

    #[test]
    fn quotes_after_the_marker_are_allowed_up_to_the_end_of_the_sentence() {
        let text = "Avoid saying \"boyfriend\" or “lifestyle choice”. Later \"boyfriend\".";
        let allowed: Vec<&str> = allowed_quotes(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(allowed, ["boyfriend", "lifestyle choice"]);
        assert!(allowed_quotes("Say \"boyfriend\".").is_empty());
        assert_eq!(allowed_quotes("avoid writing \"unclosed").len(), 0);
    }
}
