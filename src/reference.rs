//! Case references and names as typed: the one normalisation rule that makes one case one
//! case, and the characters that can only be mistakes there (controls, invisible formatting).
//!
//! The rule (docs/decisions.md, "One screening, one count; one case, one reference"):
//! a reference is read in Unicode NFC, with control characters and invisible characters
//! ([`unwanted`]) removed, whitespace trimmed from both ends and each run of whitespace inside
//! it made one space ([`normalise`]). Two references are the same case when their normal
//! forms are equal ignoring case, once every letter, digit or dash of another script or
//! width that looks like an ASCII one is read as that one ([`case_key`], [`looks_like`]).
//! `screen` refuses an unwanted character in a reference or a name ([`refuse_unwanted`]),
//! and a look-alike in a reference ([`refuse_look_alike`]); a file that holds either is read
//! with a warning ([`Unwanted`], [`LookAlike`]), never refused, so no saved screening is lost
//! from a history.
//!
//! Pure: text in, text out.

use unicode_normalization::UnicodeNormalization;

/// Why a character cannot belong in a case reference or a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A C0 or C1 control (U+0000–U+001F, U+007F–U+009F): tab, new line, escape, ...
    Control,
    /// A bidirectional control: reorders what is shown (U+202A–U+202E, U+2066–U+2069,
    /// U+200E, U+200F, U+061C).
    Bidi,
    /// Any other character that shows nothing: the format characters (Unicode category Cf,
    /// such as U+200B zero width space, U+FEFF, U+00AD soft hyphen) and the other default
    /// ignorable characters (variation selectors, Hangul fillers, U+034F), and the Braille
    /// pattern blank U+2800, drawn as a blank but not white space.
    Invisible,
}

impl Kind {
    /// "a control character", as said in messages.
    pub fn described(self) -> &'static str {
        match self {
            Kind::Control => "a control character",
            Kind::Bidi => "a bidirectional control, which reorders the text shown",
            Kind::Invisible => "an invisible character",
        }
    }
}

/// Whether `c` cannot belong in a case reference or a name, and why: exactly the characters
/// the display sanitiser shows as escapes ([`crate::text::is_hidden`]), so what `screen`
/// refuses and what a table escapes are one set. Spaces (including the no-break space) are
/// not unwanted: they are trimmed and collapsed by [`normalise`].
pub fn unwanted(c: char) -> Option<Kind> {
    if !crate::text::is_hidden(c) {
        return None;
    }
    Some(match c {
        '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{061c}' => Kind::Bidi,
        _ if c.is_control() => Kind::Control,
        _ => Kind::Invisible,
    })
}

/// Whether `text` shows nothing: only white space and [`unwanted`] characters (a zero width
/// space, the Braille blank, a Hangul filler). A reason made of them is no reason.
pub fn shows_nothing(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || unwanted(c).is_some())
}

/// The common name of an unwanted character, where it has one people would recognise.
fn name(c: char) -> Option<&'static str> {
    Some(match c {
        '\t' => "tab",
        '\n' => "line feed",
        '\r' => "carriage return",
        '\u{1b}' => "escape",
        '\u{0}' => "null",
        '\u{7f}' => "delete",
        '\u{ad}' => "soft hyphen",
        '\u{200b}' => "zero width space",
        '\u{200c}' => "zero width non-joiner",
        '\u{200d}' => "zero width joiner",
        '\u{200e}' => "left-to-right mark",
        '\u{200f}' => "right-to-left mark",
        '\u{202a}' => "left-to-right embedding",
        '\u{202b}' => "right-to-left embedding",
        '\u{202c}' => "pop directional formatting",
        '\u{202d}' => "left-to-right override",
        '\u{202e}' => "right-to-left override",
        '\u{2060}' => "word joiner",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        '\u{feff}' => "zero width no-break space (byte-order mark)",
        '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}' => "Hangul filler",
        '\u{2800}' => "Braille pattern blank",
        _ => return None,
    })
}

/// `U+200B (zero width space)`: a character shown by its code, never as itself.
pub fn code(c: char) -> String {
    match name(c) {
        Some(n) => format!("U+{:04X} ({n})", u32::from(c)),
        None => format!("U+{:04X}", u32::from(c)),
    }
}

/// The unwanted characters of a text: how many, and the first with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unwanted {
    /// The first one.
    pub first: char,
    pub kind: Kind,
    /// Its position in the text, counting characters from 1.
    pub position: usize,
    /// How many there are in all.
    pub count: usize,
}

impl Unwanted {
    /// The unwanted characters of `text`, if any.
    pub fn find(text: &str) -> Option<Unwanted> {
        let mut found = text
            .chars()
            .enumerate()
            .filter_map(|(i, c)| unwanted(c).map(|k| (i, c, k)));
        let (i, first, kind) = found.next()?;
        Some(Unwanted {
            first,
            kind,
            position: i + 1,
            count: 1 + found.count(),
        })
    }

    /// "U+200B (zero width space), an invisible character, at character 8" (and how many
    /// more there are).
    pub fn described(&self) -> String {
        let more = more(self.count);
        format!(
            "{}, {}, at character {}{more}",
            code(self.first),
            self.kind.described(),
            self.position
        )
    }
}

/// " (and 2 more such characters)", after the first of `count`; nothing when it is alone.
fn more(count: usize) -> String {
    match count {
        0 | 1 => String::new(),
        2 => " (and 1 more such character)".to_owned(),
        n => format!(" (and {} more such characters)", n - 1),
    }
}

/// The normal form of a case reference or name: NFC, without unwanted characters, trimmed,
/// each run of whitespace inside made one space. `" EX-1009\u{200b} "` is `"EX-1009"`. An
/// unwanted character is removed even where it is also whitespace (a tab, a line break, the
/// next-line and line separators): `"EX-\u{85}2001"` is `"EX-2001"`, as the warning about it
/// says, not `"EX- 2001"`, another case.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfc() {
        if unwanted(c).is_some() {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// What two case references are compared by: the [`normalise`]d form, with look-alikes read
/// as ASCII ([`read_as_ascii`]), in lower case. So `EX-1009`, `ex-1009`, `EX-1009 `,
/// `EX-1009<U+200B>`, `ЕХ-1009` and `ех-1009` (Cyrillic letters) and `ＥＸ-１００９` (full
/// width) are one case.
pub fn case_key(reference: &str) -> String {
    as_typed_in_ascii(&normalise(reference)).to_lowercase()
}

/// The ASCII character a reference's character `c` is read as when references are
/// compared: the look-alike ([`looks_like`]) of its upper-case form, else of its lower-case
/// form, in `c`'s own case. Both forms of a letter are read alike, so ignoring case still
/// holds across scripts: Cyrillic `В` looks like `B`, and its small letter `в`, which looks
/// like no ASCII letter, is read as `b`; Greek `Ν` and `ν` are both read as `n`. `None` for
/// ASCII, and for a character neither of whose forms looks like an ASCII one.
pub fn read_as_ascii(c: char) -> Option<char> {
    if c.is_ascii() {
        return None;
    }
    // The other case, where it is one character.
    fn single(mut chars: impl Iterator<Item = char>) -> Option<char> {
        let first = chars.next()?;
        chars.next().is_none().then_some(first)
    }
    let upper = single(c.to_uppercase());
    let lower = single(c.to_lowercase());
    let ascii = [upper, lower, Some(c)]
        .into_iter()
        .flatten()
        .find_map(looks_like)?;
    Some(if c.is_lowercase() {
        ascii.to_ascii_lowercase()
    } else if c.is_uppercase() {
        ascii.to_ascii_uppercase()
    } else {
        ascii
    })
}

/// A case reference as it is matched, before case is ignored: [`normalise`]d, look-alikes
/// read as ASCII. What a warning says the case is matched as.
pub fn matched_as(reference: &str) -> String {
    as_typed_in_ascii(&normalise(reference))
}

/// A reference as written, for a sentence that sets it beside others: hidden characters and
/// look-alikes shown by their code (`\u{422}R-0005`), so two that differ do not look the
/// same.
pub fn marked(text: &str) -> String {
    text.chars()
        .map(|c| {
            if read_as_ascii(c).is_some() {
                c.escape_unicode().to_string()
            } else {
                c.escape_debug().to_string()
            }
        })
        .collect()
}

/// `text` with every look-alike replaced by the ASCII character it is read as
/// ([`read_as_ascii`]): how a reference is matched, as a warning shows it. Everything else
/// is kept.
pub fn as_typed_in_ascii(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    text.chars()
        .map(|c| read_as_ascii(c).unwrap_or(c))
        .collect()
}

/// The ASCII letter, digit or sign that `c`, a character of another script or width, cannot
/// be told apart from: Cyrillic `Е` and Greek `Ε` look like `E`, full-width `１` like `1`, an
/// en dash or a minus sign like `-`. `None` for ASCII itself, for letters that look
/// different (`é`, `ß`), and where the look-alike is not one character.
///
/// Which characters look alike is Unicode's confusables data (UTS #39, through
/// unicode-security): `c` looks like an ASCII character when their skeletons are the same.
/// Several ASCII characters share a skeleton (`I`, `l`, `1` and `|`); the one taken is of
/// `c`'s own kind: upper case for an upper-case letter, lower case for a lower-case one, a
/// digit for a digit, or the only one there is. ASCII characters are never read as each
/// other: `EX-1009` and `EX-l009` stay two references.
pub fn looks_like(c: char) -> Option<char> {
    use std::collections::BTreeMap;
    use std::sync::LazyLock;
    // The ASCII characters by skeleton.
    static ASCII: LazyLock<BTreeMap<String, Vec<char>>> = LazyLock::new(|| {
        let mut by_shape: BTreeMap<String, Vec<char>> = BTreeMap::new();
        for a in '!'..='~' {
            by_shape.entry(shape(a)).or_default().push(a);
        }
        by_shape
    });
    fn shape(c: char) -> String {
        unicode_security::confusable_detection::skeleton(c.encode_utf8(&mut [0; 4])).collect()
    }
    if c.is_ascii() || unwanted(c).is_some() {
        return None;
    }
    if DASHES.contains(&c) {
        return Some('-');
    }
    let candidates = ASCII.get(&shape(c))?;
    let of_kind = |kind: fn(&char) -> bool| candidates.iter().copied().find(kind);
    let kind = if c.is_uppercase() {
        of_kind(char::is_ascii_uppercase)
    } else if c.is_lowercase() {
        of_kind(char::is_ascii_lowercase)
    } else if c.is_numeric() {
        // A digit is read only as a digit: Arabic-Indic zero is shaped like a full stop,
        // but `EX-٢٠٠١` read as `EX-٢..1` would be a reference in no file.
        return of_kind(char::is_ascii_digit);
    } else {
        None
    };
    kind.or(match candidates.as_slice() {
        [only] => Some(*only),
        _ => None,
    })
}

/// The dashes and horizontal lines typed for a hyphen, read as `-` though Unicode's
/// confusables data does not give them its skeleton: the full-width hyphen-minus and the
/// long sound mark a Japanese or Chinese input method gives for the `-` key (U+FF0D,
/// U+30FC, U+FF70), the em dash and horizontal bar a word processor makes of one or two
/// hyphens, the other dashes of Unicode's dash punctuation that are drawn as a horizontal
/// line (not the wave dashes, double hyphens or vertical forms), and the horizontal lines of
/// box drawing and mathematics. Which dash was typed never tells two children's cases apart,
/// and a case split by one loses its escalation (decision 38). The pseudonymised report's
/// check for references reads every dash as `-` too.
pub const DASHES: [char; 21] = [
    '\u{058a}', // Armenian hyphen
    '\u{05be}', // Hebrew punctuation maqaf
    '\u{2010}', // hyphen
    '\u{2011}', // non-breaking hyphen
    '\u{2012}', // figure dash
    '\u{2013}', // en dash
    '\u{2014}', // em dash
    '\u{2015}', // horizontal bar
    '\u{2043}', // hyphen bullet
    '\u{2212}', // minus sign
    '\u{23af}', // horizontal line extension
    '\u{2500}', // box drawings light horizontal
    '\u{2501}', // box drawings heavy horizontal
    '\u{2796}', // heavy minus sign
    '\u{2e3a}', // two-em dash
    '\u{2e3b}', // three-em dash
    '\u{30fc}', // katakana-hiragana prolonged sound mark
    '\u{fe58}', // small em dash
    '\u{fe63}', // small hyphen-minus
    '\u{ff0d}', // full-width hyphen-minus
    '\u{ff70}', // half-width katakana-hiragana prolonged sound mark
];

/// The look-alikes of a text ([`read_as_ascii`]): how many, and the first with what it is
/// read as and its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookAlike {
    /// The first one.
    pub first: char,
    /// The ASCII character it is read as.
    pub like: char,
    /// Its position in the text, counting characters from 1.
    pub position: usize,
    /// How many there are in all.
    pub count: usize,
}

impl LookAlike {
    /// The look-alikes of `text`, if any.
    pub fn find(text: &str) -> Option<LookAlike> {
        if text.is_ascii() {
            return None;
        }
        let mut found = text
            .chars()
            .enumerate()
            .filter_map(|(i, c)| read_as_ascii(c).map(|like| (i, c, like)));
        let (i, first, like) = found.next()?;
        Some(LookAlike {
            first,
            like,
            position: i + 1,
            count: 1 + found.count(),
        })
    }

    /// "U+0415, a Cyrillic letter that looks like the ASCII `E`, at character 1" (and how
    /// many more there are).
    pub fn described(&self) -> String {
        use unicode_script::UnicodeScript;
        let dash = DASHES.contains(&self.first);
        let what = match self.first.script() {
            _ if dash => "a dash".to_owned(),
            unicode_script::Script::Common
            | unicode_script::Script::Inherited
            | unicode_script::Script::Unknown => {
                if self.first.is_alphabetic() {
                    "a letter".to_owned()
                } else if self.first.is_numeric() {
                    "a digit".to_owned()
                } else {
                    "a character".to_owned()
                }
            }
            // Full-width letters and a dotless i are Latin, but not ASCII.
            unicode_script::Script::Latin => "a Latin letter that is not ASCII".to_owned(),
            script => {
                let kind = if self.first.is_alphabetic() {
                    "letter"
                } else {
                    "character"
                };
                format!("a {} {kind}", script.full_name().replace('_', " "))
            }
        };
        let more = more(self.count);
        // A small letter read as ASCII because its capital looks like one (Cyrillic `в`).
        let seen = if looks_like(self.first) == Some(self.like) && !dash {
            "that looks like"
        } else {
            "read as"
        };
        format!(
            "U+{:04X}, {what} {seen} the ASCII `{}`, at character {}{more}",
            u32::from(self.first),
            self.like,
            self.position
        )
    }
}

/// For `screen`: `Err(message)` when `text` holds an unwanted character, saying which, where
/// and what to do. `what` names the field ("The case reference").
pub fn refuse_unwanted(what: &str, text: &str) -> Result<(), String> {
    match Unwanted::find(text) {
        None => Ok(()),
        Some(u) => Err(format!(
            "{what} holds {}. Retype it without that character: it cannot be seen, or it changes \
             how the text is shown, so two entries that look the same would differ (it often \
             comes with text pasted from a web page or a document).",
            u.described()
        )),
    }
}

/// True when a case reference looks like a person's name: words with spaces between them,
/// more than three letters and no digit ("Jane Smith"). `screen` refuses such a reference as
/// typed; in a file it is a warning, and `screen --resume` asks for the reference again.
pub fn looks_like_a_name(s: &str) -> bool {
    let s = s.trim();
    s.contains(char::is_whitespace)
        && s.chars().filter(|c| c.is_alphabetic()).count() > 3
        && !s.chars().any(|c| c.is_ascii_digit())
}

/// For `screen`: `Err(message)` when a case reference holds a look-alike ([`LookAlike`]),
/// saying which, where and what to do. The case would still be matched; but the reference
/// would not be what the child's other records hold, and searching them for it would not
/// find it.
pub fn refuse_look_alike(what: &str, text: &str) -> Result<(), String> {
    match LookAlike::find(text) {
        None => Ok(()),
        Some(l) => Err(format!(
            "{what} holds {}. Retype it with the keyboard set to English (UK): it would be read \
             as `{}`, but searching the child's other records for it as typed would not find \
             them.",
            l.described(),
            matched_as(text)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_typed_differently_are_one_case() {
        let key = case_key("EX-1009");
        for typed in [
            "EX-1009",
            "EX-1009 ",
            " EX-1009\t",
            "EX-1009\u{200b}",
            "\u{feff}EX-1009",
            "EX-\u{2060}1009",
            "ex-1009",
            "Ex-1009\u{00a0}",
            "EX-\u{85}1009",
            "EX-\u{2028}1009",
            "EX-\t1009",
            "EX-\r\n1009",
            // Drawn as blanks, but not white space: a space that is not one.
            "EX-1009\u{2800}",
            "EX-\u{3164}1009",
            "\u{ffa0}EX-1009",
            // Letters of another script or width that cannot be told apart: Cyrillic, Greek,
            // mixed, full width, with an en dash or a minus sign.
            "\u{415}\u{425}-1009",
            "\u{395}\u{3a7}-1009",
            "E\u{445}-1009",
            "\u{ff25}\u{ff38}-\u{ff11}\u{ff10}\u{ff10}\u{ff19}",
            "EX\u{2013}1009",
            "EX\u{2212}1009",
            // Any dash: full width, an input method's long sound mark, an em dash.
            "EX\u{ff0d}1009",
            "EX\u{30fc}1009",
            "EX\u{2014}1009",
        ] {
            assert_eq!(case_key(typed), key, "{typed:?}");
        }
        assert_ne!(case_key("EX-1008"), key);
        // The reversed text is what the file holds, whatever it looks like on screen.
        assert_eq!(normalise("EX-\u{202e}9001"), "EX-9001");
    }

    #[test]
    fn a_look_alike_is_read_as_the_ascii_character_of_its_own_kind() {
        for (c, like) in [
            ('\u{415}', 'E'),  // Cyrillic capital IE
            ('\u{435}', 'e'),  // Cyrillic small IE
            ('\u{440}', 'p'),  // Cyrillic small ER
            ('\u{399}', 'I'),  // Greek capital iota: I, not l, 1 or |
            ('\u{406}', 'I'),  // Cyrillic capital Byelorussian-Ukrainian I
            ('\u{456}', 'i'),  // its small letter
            ('\u{41e}', 'O'),  // Cyrillic capital O: O, not 0
            ('\u{ff10}', '0'), // full-width zero: 0, not O
            ('\u{ff11}', '1'), // full-width one: 1, not l
            ('\u{2113}', 'l'), // script small l
            ('\u{2013}', '-'), // en dash
            ('\u{2010}', '-'), // hyphen
            ('\u{2212}', '-'), // minus sign
            ('\u{ff0d}', '-'), // full-width hyphen-minus, from an input method
            ('\u{30fc}', '-'), // long sound mark, the `-` key in a Japanese input method
            ('\u{2014}', '-'), // em dash, a word processor's two hyphens
            ('\u{2015}', '-'), // horizontal bar
            ('\u{2500}', '-'), // box drawings light horizontal
            ('\u{ff11}', '1'), // full-width one
            ('\u{661}', '1'),  // Arabic-Indic one
        ] {
            assert_eq!(looks_like(c), Some(like), "U+{:04X}", u32::from(c));
        }
        // ASCII is never read as other ASCII, and letters that look different stay; a
        // digit is read only as a digit (Arabic-Indic zero is shaped like a full stop).
        for c in [
            'E', 'l', '1', '0', 'O', 'm', '-', 'é', 'ß', 'ñ', '\u{b7}', '\u{660}',
        ] {
            assert_eq!(looks_like(c), None, "U+{:04X}", u32::from(c));
        }
        // Both cases of a letter are read alike, so ignoring case still holds: a small
        // letter that looks like no ASCII one is read as its capital is.
        for (a, b) in [
            ("\u{412}\u{425}-2001", "\u{432}\u{445}-2001"), // ВХ and вх
            ("\u{412}\u{425}-2001", "bx-2001"),
            ("\u{39d}\u{39f}-4001", "\u{3bd}\u{3bf}-4001"), // ΝΟ and νο
            ("\u{411}-1", "\u{431}-1"),                     // Б and б
            (
                "\u{41a}\u{41c}\u{41d}\u{422}",
                "\u{43a}\u{43c}\u{43d}\u{442}",
            ), // КМНТ and кмнт
        ] {
            assert_eq!(case_key(a), case_key(b), "{a} {b}");
        }
        assert_eq!(matched_as("\u{432}\u{445}-2001"), "bx-2001");
        assert_eq!(
            LookAlike::find("\u{432}X-1")
                .map(|l| l.described())
                .as_deref(),
            Some("U+0432, a Cyrillic letter read as the ASCII `b`, at character 1")
        );
        for (a, b) in [
            ("EX-1009", "EX-l009"),
            ("EX-1009", "EX-I009"),
            ("EX-1009", "EX-1OO9"),
            ("CAFÉ-12", "CAFE-12"),
        ] {
            assert_ne!(case_key(a), case_key(b), "{a} {b}");
        }
        assert_eq!(
            as_typed_in_ascii("\u{415}\u{425}\u{2013}5001 Ж"),
            "EX-5001 Ж"
        );
    }

    #[test]
    fn a_look_alike_is_found_with_what_it_looks_like_and_refused_when_typed() {
        assert_eq!(LookAlike::find("EX-5001"), None);
        assert_eq!(LookAlike::find("CAFÉ-12"), None);
        let l = LookAlike::find("\u{415}\u{425}-5001").unwrap_or_else(|| panic!("found"));
        assert_eq!(
            (l.first, l.like, l.position, l.count),
            ('\u{415}', 'E', 1, 2)
        );
        assert_eq!(
            l.described(),
            "U+0415, a Cyrillic letter that looks like the ASCII `E`, at character 1 (and 1 more such character)"
        );
        let described = |t: &str| LookAlike::find(t).map(|l| l.described());
        assert_eq!(
            described("EX-5\u{ff10}01").as_deref(),
            Some("U+FF10, a digit that looks like the ASCII `0`, at character 5")
        );
        assert_eq!(
            described("\u{ff25}X-5001").as_deref(),
            Some(
                "U+FF25, a Latin letter that is not ASCII that looks like the ASCII `E`, at character 1"
            )
        );
        assert_eq!(
            described("EX\u{2013}5001").as_deref(),
            Some("U+2013, a dash read as the ASCII `-`, at character 3")
        );
        assert_eq!(marked("\u{415}X-5001\u{200b}"), r"\u{415}X-5001\u{200b}");
        assert_eq!(marked("CAFÉ \"12\""), r#"CAFÉ \"12\""#);
        assert_eq!(refuse_look_alike("The case reference", "EX-5001"), Ok(()));
        let m = refuse_look_alike("The case reference", " \u{415}X-5001 ")
            .err()
            .unwrap_or_default();
        assert_eq!(
            m,
            "The case reference holds U+0415, a Cyrillic letter that looks like the ASCII `E`, \
             at character 2. Retype it with the keyboard set to English (UK): it would be read \
             as `EX-5001`, but searching the child's other records for it as typed would not \
             find them."
        );
    }

    #[test]
    fn composed_and_decomposed_letters_are_one_reference() {
        let composed = "CAFÉ-12";
        let decomposed = "CAFE\u{301}-12";
        assert_ne!(composed, decomposed);
        assert_eq!(normalise(composed), normalise(decomposed));
        assert_eq!(case_key(decomposed), "café-12");
    }

    #[test]
    fn whitespace_inside_is_one_space() {
        assert_eq!(normalise("  EX  \t 10\u{3000}09  "), "EX 10 09");
        assert_eq!(normalise(""), "");
        assert_eq!(normalise("\u{200b} \u{200b}"), "");
    }

    #[test]
    fn unwanted_characters_are_found_with_their_place() {
        assert_eq!(Unwanted::find("EX-1009"), None);
        assert_eq!(Unwanted::find("Zoë Example-Née"), None);
        let u = Unwanted::find("EX-1009\u{200b}\u{200b}").unwrap_or_else(|| panic!("found"));
        assert_eq!(
            (u.first, u.kind, u.position, u.count),
            ('\u{200b}', Kind::Invisible, 8, 2)
        );
        assert_eq!(
            u.described(),
            "U+200B (zero width space), an invisible character, at character 8 (and 1 more such character)"
        );
        for (c, kind) in [
            ('\u{1b}', Kind::Control),
            ('\u{85}', Kind::Control),
            ('\t', Kind::Control),
            ('\u{202e}', Kind::Bidi),
            ('\u{2067}', Kind::Bidi),
            ('\u{ad}', Kind::Invisible),
            ('\u{fe0f}', Kind::Invisible),
            ('\u{e0041}', Kind::Invisible),
        ] {
            assert_eq!(unwanted(c), Some(kind), "{:04X}", u32::from(c));
        }
        for c in [' ', '\u{a0}', 'é', '-', '/', '\u{301}'] {
            assert_eq!(unwanted(c), None, "{:04X}", u32::from(c));
        }
    }

    #[test]
    fn the_refusal_says_which_character_where_and_what_to_do() {
        assert_eq!(refuse_unwanted("The case reference", "EX-1009"), Ok(()));
        let m = refuse_unwanted("The case reference", "EX-\u{202e}9001")
            .err()
            .unwrap_or_default();
        assert!(
            m.starts_with("The case reference holds U+202E (right-to-left override), a bidirectional control, which reorders the text shown, at character 4."),
            "{m}"
        );
        assert!(m.contains("Retype it without that character"), "{m}");
    }
}
