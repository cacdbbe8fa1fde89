//! Case references and names as typed: the one normalisation rule that makes one case one
//! case, and the characters that can only be mistakes there (controls, invisible formatting).
//!
//! The rule (docs/decisions.md, "One screening, one count; one case, one reference"):
//! a reference is read in Unicode NFC, with control characters and invisible characters
//! ([`unwanted`]) removed, whitespace trimmed from both ends and each run of whitespace inside
//! it made one space ([`normalise`]). Two references are the same case when their normal
//! forms are equal ignoring case ([`case_key`]). `screen` refuses an unwanted character in a
//! reference or a name ([`refuse_unwanted`]); a file that holds one is read with a warning
//! ([`Unwanted`]), never refused, so no saved screening is lost from a history.
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
        let more = match self.count {
            1 => String::new(),
            2 => " (and 1 more such character)".to_owned(),
            n => format!(" (and {} more such characters)", n - 1),
        };
        format!(
            "{}, {}, at character {}{more}",
            code(self.first),
            self.kind.described(),
            self.position
        )
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

/// What two case references are compared by: the [`normalise`]d form in lower case, so
/// `EX-1009`, `ex-1009`, `EX-1009 ` and `EX-1009<U+200B>` are one case.
pub fn case_key(reference: &str) -> String {
    normalise(reference).to_lowercase()
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
        ] {
            assert_eq!(case_key(typed), key, "{typed:?}");
        }
        assert_ne!(case_key("EX-1008"), key);
        // The reversed text is what the file holds, whatever it looks like on screen.
        assert_eq!(normalise("EX-\u{202e}9001"), "EX-9001");
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
