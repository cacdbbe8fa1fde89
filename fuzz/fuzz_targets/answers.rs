//! Fuzz target: any bytes as an answers file, read, parsed (YAML, or JSON when it starts
//! with `{`), checked against the bundled questionnaires and scored as `cse-screen score`
//! does, then rendered in every output format.
#![no_main]

use std::sync::OnceLock;

use cse_screen::answers::Format;
use cse_screen::batch::FileResult;
use cse_screen::screening::{self, Catalogue, Options};
use cse_screen::report::batch as render;
use cse_screen::input;
use libfuzzer_sys::fuzz_target;

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| match Catalogue::new(None) {
        Ok(c) => c,
        Err(problems) => panic!("the bundled questionnaires are invalid: {problems:?}"),
    })
}

fuzz_target!(|data: &[u8]| {
    let outcome = input::read_stream(data, &input::ANSWERS, data.len()).and_then(|text| {
        let format = Format::detect(None, &text);
        screening::from_text("fuzz.yaml".to_owned(), &text, format, catalogue(), Options::default())
    });
    let result = FileResult {
        file: "fuzz.yaml".to_owned(),
        outcome,
    };
    let _ = render::json_record(&result, true);
    let _ = render::csv_record(&result);
    let _ = render::markdown_row(&result);
    let _ = render::single(&result, 80);
    let _ = render::diagnostics(&result);
});
