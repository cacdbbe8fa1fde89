//! Fuzz target: any text read as an answers file by the quick reader for plain YAML and by
//! serde-saphyr. Wherever the quick reader vouches for a screening, serde-saphyr (with the
//! project's options and its check for a repeated key) must read the same one: a
//! difference is a crash (safety case H10, C7).
#![no_main]

use cse_screen::answers::Screening;
use cse_screen::input;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = input::strip_bom(text);
    if let Some(quick) = input::ANSWERS.from_plain_yaml::<Screening>(text) {
        match input::ANSWERS.from_yaml::<Screening>(text) {
            Ok(full) => assert_eq!(quick, full, "the readers disagree"),
            Err(e) => panic!("the quick reader accepted what serde-saphyr refuses: {e}"),
        }
    }
});
