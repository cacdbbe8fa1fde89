//! Pseudonyms for case references in papers that leave the team: HMAC-SHA256 with a key the
//! user supplies, so the same case gets the same pseudonym every week (with the same key) and
//! nobody without the key can work back from a pseudonym to a reference, or test a guess.
//!
//! HMAC is RFC 2104 over sha2's SHA-256 (already a dependency), checked against the test
//! vectors of RFC 4231. Pure: bytes in, text out.

use sha2::{Digest, Sha256};

/// SHA-256's block size in bytes.
const BLOCK: usize = 64;

/// The shortest key accepted, in bytes: a key that can be guessed makes every pseudonym
/// reversible by trying references (they follow a pattern such as `EX-1234`).
pub const MIN_KEY_BYTES: usize = 16;

/// HMAC-SHA256 of `message` under `key` (RFC 2104).
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    inner.update(message);
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// The pseudonym of a case, from its case key ([`crate::reference::case_key`], so every way
/// of typing one reference gives one pseudonym): `CASE-` and the first 12 hex digits (48 bits)
/// of the HMAC. Two cases with the same pseudonym are possible (about one chance in 28
/// million among 20,000 cases); the caller checks and refuses rather than merge them.
pub fn pseudonym(key: &[u8], case_key: &str) -> String {
    let mac = hmac_sha256(key, case_key.as_bytes());
    let mut out = String::from("CASE-");
    for b in &mac[..6] {
        out.push_str(&format!("{b:02X}"));
    }
    out
}

/// The key in a key file: its bytes with trailing line ends and spaces removed (an editor
/// adds a final newline), which must leave at least [`MIN_KEY_BYTES`].
pub fn key_from_file_bytes(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let end = bytes
        .iter()
        .rposition(|b| !matches!(b, b'\n' | b'\r' | b' ' | b'\t'))
        .map_or(0, |i| i + 1);
    let key = &bytes[..end];
    if key.len() < MIN_KEY_BYTES {
        return Err(format!(
            "the key is {} bytes long; it must be at least {MIN_KEY_BYTES}",
            key.len()
        ));
    }
    Ok(key.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap_or_default())
            .collect()
    }

    #[test]
    fn hmac_matches_the_rfc_4231_test_vectors() {
        // Test cases 1, 2, 3, 4, 6 and 7 (5 truncates the output).
        let cases: [(Vec<u8>, Vec<u8>, &str); 6] = [
            (
                vec![0x0b; 20],
                b"Hi There".to_vec(),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            ),
            (
                b"Jefe".to_vec(),
                b"what do ya want for nothing?".to_vec(),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (
                vec![0xaa; 20],
                vec![0xdd; 50],
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
            ),
            (
                unhex("0102030405060708090a0b0c0d0e0f10111213141516171819"),
                vec![0xcd; 50],
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
            ),
            (
                vec![0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
            (
                vec![0xaa; 131],
                b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".to_vec(),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
            ),
        ];
        for (key, message, want) in cases {
            assert_eq!(hex(&hmac_sha256(&key, &message)), want);
        }
    }

    #[test]
    fn pseudonyms_are_stable_per_key_and_differ_between_keys() {
        let a = pseudonym(b"0123456789abcdef", "ex-1001");
        assert_eq!(a, pseudonym(b"0123456789abcdef", "ex-1001"));
        assert_ne!(a, pseudonym(b"0123456789abcdeF", "ex-1001"));
        assert_ne!(a, pseudonym(b"0123456789abcdef", "ex-1002"));
        assert!(a.starts_with("CASE-") && a.len() == 17, "{a}");
    }

    #[test]
    fn a_key_file_loses_its_final_newline_and_must_be_long_enough() {
        assert_eq!(
            key_from_file_bytes(b"a long enough secret\n").ok(),
            Some(b"a long enough secret".to_vec())
        );
        assert!(key_from_file_bytes(b"short\n").is_err());
        assert!(key_from_file_bytes(b"\n\n").is_err());
    }
}
