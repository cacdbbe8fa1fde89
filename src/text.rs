//! The one sanitiser: text from a file or a questionnaire made visible before it reaches a
//! terminal, a Markdown, CSV or HTML record, or an error message; and file names as text.
//!
//! A *hidden* character is one that can change what a reader sees without being seen
//! itself: control characters (C0, DEL, C1: escape sequences move the cursor, set the
//! title, write the clipboard, make the terminal type a reply), format characters (`Cf`:
//! the bidi controls U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C, the zero-width
//! U+200B–U+200D, U+2060, U+FEFF, the soft hyphen, ...), the line and paragraph separators
//! U+2028/U+2029, the other default-ignorable code points (Hangul fillers, variation
//! selectors), the Braille pattern blank U+2800 (drawn as a blank, yet not white space, so it
//! passes for a space or for nothing), private-use characters (a font may draw anything there,
//! or nothing) and the noncharacters (U+FFFE, U+FFFF and the like, never meant to be shown).
//! Each is shown as
//! `\u{hex}` (Rust's notation, lower-case hex), except
//! newline, carriage return and tab, shown as `\n`, `\r` and `\t` where a sink does not
//! keep them. Backslashes are not doubled: the escaped form is for reading; JSON output
//! is the exact form. docs/decisions.md ("Hidden characters are shown, never sent") lists
//! the sinks and what each keeps.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

/// One hidden character (see the module documentation).
static HIDDEN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\p{Co}\p{Noncharacter_Code_Point}\u{2800}]",
    )
    .ok()
});

/// What a sink lets through as it is; every other hidden character is escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Line breaks and tabs: prose, tables (a note keeps its lines), messages.
    Lines,
    /// Line breaks only: a CSV cell (the writer quotes it) and a Markdown cell (as `<br>`).
    Newline,
    /// Nothing: a one-line field (a case reference, a name, a file name, a prompt's default).
    Nothing,
}

impl Keep {
    fn keeps(self, c: char) -> bool {
        match self {
            Keep::Lines => c == '\n' || c == '\t',
            Keep::Newline => c == '\n',
            Keep::Nothing => false,
        }
    }
}

/// True if `c` is hidden: it would not be seen, or would act on the terminal, if printed.
pub fn is_hidden(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    let mut buf = [0; 4];
    HIDDEN
        .as_ref()
        .is_none_or(|re| re.is_match(c.encode_utf8(&mut buf)))
}

/// Writes the visible form of one hidden character.
fn escape(c: char, out: &mut String) {
    use fmt::Write as _;
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

/// True when `text` has nothing to escape for `keep` (the common case, checked cheaply:
/// printable ASCII is checked 16 bytes at a time, with no branch per byte, so it
/// vectorises; every CSV cell and every byte written to the terminal comes through here).
fn plain(text: &str, keep: Keep) -> bool {
    let printable = |b: u8| b.wrapping_sub(0x20) < 0x5f;
    let ok = |b: u8| printable(b) || (b < 0x20 && keep.keeps(char::from(b)));
    let (chunks, rest) = text.as_bytes().as_chunks::<16>();
    chunks
        .iter()
        .all(|c| c.iter().fold(true, |all, &b| all & printable(b)) || c.iter().all(|&b| ok(b)))
        && rest.iter().all(|&b| ok(b))
}

/// `text` with every hidden character that `keep` does not keep shown as an escape.
/// Linear in the length of `text`.
pub fn visible(text: &str, keep: Keep) -> Cow<'_, str> {
    if plain(text, keep) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = 0;
    let mut each = |start: usize, c: char, out: &mut String| {
        if !keep.keeps(c) {
            out.push_str(&text[rest..start]);
            escape(c, out);
            rest = start + c.len_utf8();
        }
    };
    match HIDDEN.as_ref() {
        Some(re) => {
            for m in re.find_iter(text) {
                for (i, c) in m.as_str().char_indices() {
                    each(m.start() + i, c, &mut out);
                }
            }
        }
        // The pattern is fixed and compiles; if it ever did not, escape all but ASCII.
        None => {
            for (i, c) in text.char_indices() {
                if !c.is_ascii() || c.is_ascii_control() {
                    each(i, c, &mut out);
                }
            }
        }
    }
    out.push_str(&text[rest..]);
    Cow::Owned(out)
}

/// A one-line field as shown: every hidden character escaped, line breaks included.
pub fn line(text: &str) -> Cow<'_, str> {
    visible(text, Keep::Nothing)
}

/// Prose or a table cell as shown: line breaks and tabs kept, every other hidden character
/// escaped.
pub fn prose(text: &str) -> Cow<'_, str> {
    visible(text, Keep::Lines)
}

/// Displays text as [`prose`] does, without allocating when nothing needs escaping.
pub struct Shown<'a>(pub &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&prose(self.0))
    }
}

/// Displays a one-line field as [`line`] does.
pub struct OneLine<'a>(pub &'a str);

impl fmt::Display for OneLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&line(self.0))
    }
}

/// A writer for a text stream (a terminal, stderr, a Markdown or HTML record): what passes
/// through it has every hidden character but newline and tab escaped, and each byte that is
/// not UTF-8 shown as `\xNN`. Text already escaped passes unchanged, so it is the last line
/// of defence, not the only one: renderers escape one-line fields themselves.
pub struct Guard<W: Write> {
    inner: W,
    /// The start of a UTF-8 sequence split between two writes.
    pending: Vec<u8>,
}

impl<W: Write> Guard<W> {
    pub fn new(inner: W) -> Guard<W> {
        Guard {
            inner,
            pending: Vec::new(),
        }
    }

    fn pass(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut rest = bytes;
        while !rest.is_empty() {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    write_with_emphasis(&mut self.inner, s)?;
                    rest = &[];
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    // Checked by from_utf8 just above.
                    let good = std::str::from_utf8(good).unwrap_or_default();
                    write_with_emphasis(&mut self.inner, good)?;
                    match e.error_len() {
                        Some(n) => {
                            for b in &bad[..n] {
                                write!(self.inner, "\\x{b:02x}")?;
                            }
                            rest = &bad[n..];
                        }
                        None => {
                            self.pending.extend_from_slice(bad);
                            rest = &[];
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// Turns emphasis (bold red) on: with [`EMPHASIS_OFF`], the only escape sequences a
/// [`Guard`] lets through, each only when it arrives whole in one write. They change the
/// look of text, never what it says or where it goes: the result's immediate-danger line
/// uses them where colour is allowed. Any other escape sequence is escaped as before.
pub const EMPHASIS_ON: &str = "\x1b[1;31m";
/// Turns every attribute off (see [`EMPHASIS_ON`]).
pub const EMPHASIS_OFF: &str = "\x1b[0m";

/// Writes `s` as [`prose`], letting [`EMPHASIS_ON`] and [`EMPHASIS_OFF`] through unescaped.
fn write_with_emphasis<W: Write>(out: &mut W, s: &str) -> io::Result<()> {
    let mut rest = s;
    while let Some(at) = rest.find('\x1b') {
        let after = &rest[at..];
        let seq = [EMPHASIS_ON, EMPHASIS_OFF]
            .into_iter()
            .find(|seq| after.starts_with(seq));
        match seq {
            Some(seq) => {
                out.write_all(prose(&rest[..at]).as_bytes())?;
                out.write_all(seq.as_bytes())?;
                rest = &after[seq.len()..];
            }
            None => {
                // Escaped as any other hidden character.
                out.write_all(prose(&rest[..=at]).as_bytes())?;
                rest = &rest[at + 1..];
            }
        }
    }
    out.write_all(prose(rest).as_bytes())
}

impl<W: Write> Write for Guard<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.pending.is_empty() {
            self.pass(buf)?;
        } else {
            let mut joined = std::mem::take(&mut self.pending);
            joined.extend_from_slice(buf);
            self.pass(&joined)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for Guard<W> {
    fn drop(&mut self) {
        // A sequence cut off by the end of the output: show its bytes.
        for b in std::mem::take(&mut self.pending) {
            let _ = write!(self.inner, "\\x{b:02x}");
        }
    }
}

/// JSON text from serde_json with every hidden character that it leaves raw (DEL, C1,
/// format characters, separators) written as a `\uXXXX` escape instead. The JSON value is
/// exactly the same; the bytes are safe to print. serde_json already escapes C0 controls
/// inside strings, so a raw newline or space is layout and is kept.
pub fn json(text: String) -> String {
    if text.bytes().all(|b| b < 0x7f) {
        return text;
    }
    let Some(re) = HIDDEN.as_ref() else {
        return text;
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = 0;
    for m in re.find_iter(&text) {
        for (i, c) in m.as_str().char_indices() {
            if c == '\n' || c == '\r' || c == '\t' {
                continue;
            }
            use fmt::Write as _;
            out.push_str(&text[rest..m.start() + i]);
            for unit in c.encode_utf16(&mut [0; 2]) {
                let _ = write!(out, "\\u{unit:04x}");
            }
            rest = m.start() + i + c.len_utf8();
        }
    }
    out.push_str(&text[rest..]);
    out
}

/// A file name as text that identifies it: the name itself when it is UTF-8; otherwise
/// each byte that is not UTF-8 as `\xNN` and each backslash doubled, so two different names
/// never give the same text. (`Path::display` would turn them all into U+FFFD.) Hidden
/// characters stay in the returned text; sinks escape them as they do any other text.
pub fn path(p: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = p.as_os_str().as_bytes();
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(_) => {
                use fmt::Write as _;
                let mut out = String::with_capacity(bytes.len() + 8);
                for chunk in bytes.utf8_chunks() {
                    out.push_str(&chunk.valid().replace('\\', "\\\\"));
                    for b in chunk.invalid() {
                        let _ = write!(out, "\\x{b:02x}");
                    }
                }
                out
            }
        }
    }
    #[cfg(not(unix))]
    {
        p.to_string_lossy().into_owned()
    }
}

/// A file name for a message or a table: [`path`], then every hidden character escaped,
/// so a name holding a line break or an escape sequence is shown, not acted on.
pub fn shown_path(p: &Path) -> String {
    line(&path(p)).into_owned()
}

/// The first characters a spreadsheet reads as the start of a formula (OWASP, "CSV
/// Injection").
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV cell safe for a spreadsheet: hidden characters escaped (line breaks kept: the
/// writer quotes the cell), and a `'` put before a cell that begins with `=`, `+`, `-`,
/// `@`, tab or carriage return, so a spreadsheet shows it as text rather than running it.
/// A lone `-` (the name of standard input) is no formula and is left as it is, and nor is a
/// negative whole number (`-175`, a review 175 days overdue), which a spreadsheet reads as
/// the number and a script can parse. A cell that begins with `'` itself gets one more, so
/// stripping one leading `'` always gives the text back: `'=1` as written is `''=1`, never
/// the `'=1` that `=1` becomes.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    let shown = visible(text, Keep::Newline);
    let negative_number = shown
        .strip_prefix('-')
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    let formula = shown.starts_with(FORMULA_START) && shown != "-" && !negative_number;
    if formula || shown.starts_with('\'') {
        Cow::Owned(format!("'{shown}"))
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_bidi_and_invisible_characters_are_shown_as_escapes() {
        assert_eq!(
            line("a\u{1b}[1A\u{7}\u{7f}\u{9b}b\n\r\t"),
            "a\\u{1b}[1A\\u{7}\\u{7f}\\u{9b}b\\n\\r\\t"
        );
        assert_eq!(line("EX-\u{202e}9001"), "EX-\\u{202e}9001");
        for c in [
            '\u{202a}',
            '\u{202d}',
            '\u{2066}',
            '\u{2069}',
            '\u{200e}',
            '\u{200f}',
            '\u{61c}',
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{2060}',
            '\u{feff}',
            '\u{ad}',
            '\u{2028}',
            '\u{3164}',
            '\u{ffa0}',
            '\u{2800}',
            '\u{e0001}',
            '\u{e000}',
            '\u{f8ff}',
            '\u{10fffd}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{fdd0}',
            '\u{10ffff}',
        ] {
            assert!(is_hidden(c), "{c:?}");
            assert_eq!(line(&c.to_string()), format!("\\u{{{:x}}}", u32::from(c)));
        }
        // A Braille pattern with dots is seen; only the blank one passes for a space.
        for c in [
            'a', 'é', '€', '—', '│', 'ü', '\u{301}', ' ', '\u{2801}', '\u{28ff}',
        ] {
            assert!(!is_hidden(c), "{c:?}");
        }
    }

    #[test]
    fn the_quick_plain_check_misses_no_byte_at_any_place_in_a_chunk() {
        // Byte by byte, as `plain` is defined; then one odd byte at every place of texts
        // shorter, as long as and longer than the 16-byte chunks it reads.
        let slow = |t: &str, keep: Keep| {
            t.bytes()
                .all(|b| (0x20..0x7f).contains(&b) || (b < 0x20 && keep.keeps(char::from(b))))
        };
        let keeps = [Keep::Lines, Keep::Newline, Keep::Nothing];
        for len in [0, 1, 15, 16, 17, 31, 32, 33, 50] {
            let base = "a".repeat(len);
            for keep in keeps {
                assert!(plain(&base, keep) && slow(&base, keep));
            }
            for at in 0..len {
                for odd in [
                    "\u{1b}", "\n", "\t", "\u{7f}", "\u{e9}", "\u{202e}", "~", " ",
                ] {
                    let text = format!("{}{odd}{}", &base[..at], &base[at + 1..]);
                    for keep in keeps {
                        assert_eq!(plain(&text, keep), slow(&text, keep), "{text:?} {keep:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn each_sink_keeps_only_its_own_line_breaks() {
        assert_eq!(prose("a\nb\tc\rd"), "a\nb\tc\\rd");
        assert_eq!(visible("a\nb\tc", Keep::Newline), "a\nb\\tc");
        assert!(matches!(prose("plain text\n"), Cow::Borrowed(_)));
        assert_eq!(Shown("x\u{1b}]0;t\u{7}").to_string(), "x\\u{1b}]0;t\\u{7}");
        assert_eq!(OneLine("a\nb").to_string(), "a\\nb");
    }

    #[test]
    fn the_guard_escapes_what_passes_through_even_split_between_writes() {
        let mut out = Vec::new();
        {
            let mut g = Guard::new(&mut out);
            let text = "ok\n\u{1b}[2J é \u{202e}".as_bytes();
            // Split inside the two-byte é.
            let cut = text.iter().position(|&b| b == 0xc3).unwrap_or(0) + 1;
            g.write_all(&text[..cut]).ok();
            g.write_all(&text[cut..]).ok();
            g.write_all(b"\xff!").ok();
            g.write_all(b"\xe2\x80").ok();
        }
        assert_eq!(
            String::from_utf8(out).ok().as_deref(),
            Some("ok\n\\u{1b}[2J é \\u{202e}\\xff!\\xe2\\x80")
        );
    }

    #[test]
    fn json_stays_the_same_value_with_no_raw_hidden_character() {
        let value = "EX-\u{202e}9001 \u{9b}6n \u{1b} \u{e0001}";
        let text = json(serde_json::to_string(value).unwrap_or_default());
        assert!(!text.chars().any(is_hidden), "{text}");
        assert!(
            text.contains("\\u202e") && text.contains("\\udb40\\udc01"),
            "{text}"
        );
        let back: String = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(back, value);
    }

    #[test]
    fn formula_cells_are_prefixed_and_others_left_alone() {
        for bad in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            let cell = csv_cell(bad);
            assert!(cell.starts_with('\'') || cell.starts_with('\\'), "{cell}");
            assert!(!cell.starts_with(FORMULA_START), "{cell}");
        }
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("EX-1001"), "EX-1001");
        assert_eq!(csv_cell("-"), "-");
        // A negative whole number is a number, not a formula; anything more is guarded.
        assert_eq!(csv_cell("-175"), "-175");
        for guarded in ["-175+1", "-1e3", "-1.5", "--1", "-1 ", "-\u{661}"] {
            assert!(csv_cell(guarded).starts_with('\''), "{guarded}");
        }
        assert_eq!(csv_cell("a\nb\u{1b}"), "a\nb\\u{1b}");
        // Stripping one leading `'` gives back the text, whichever it was.
        assert_eq!(csv_cell("'=1"), "''=1");
        assert_eq!(csv_cell("'quoted'"), "''quoted'");
        for text in ["=1", "'=1", "''", "'", "EX-1", "-3", "+x"] {
            let cell = csv_cell(text);
            let back = match cell.strip_prefix('\'') {
                Some(rest) if rest.starts_with(['=', '+', '-', '@', '\'']) => rest,
                _ => &cell,
            };
            assert_eq!(back, text, "{cell}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_file_name_that_is_not_utf8_stays_identifiable() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let a = path(Path::new(OsStr::from_bytes(b"cases/EX-\xff.yaml")));
        let b = path(Path::new(OsStr::from_bytes(b"cases/EX-\xfe.yaml")));
        assert_eq!(a, "cases/EX-\\xff.yaml");
        assert_ne!(a, b);
        assert_eq!(
            path(Path::new(OsStr::from_bytes(b"a\\b\xff"))),
            "a\\\\b\\xff"
        );
        assert_eq!(path(Path::new("EX-\u{1b}.yaml")), "EX-\u{1b}.yaml");
    }
}
