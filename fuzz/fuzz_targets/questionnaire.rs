//! Fuzz target: any bytes as a questionnaire file, read, parsed and validated as
//! `cse-screen validate` does; a questionnaire that passes is then scored with no answers
//! and with every answer yes, and shown, since validation promises the engine cannot fail.
#![no_main]

use cse_screen::engine::{Answer, Responses, assess};
use cse_screen::{input, questionnaire, report};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = input::read_stream(data, &input::QUESTIONNAIRE, data.len()) else {
        return;
    };
    let Ok(q) = questionnaire::from_str(&text) else {
        return;
    };
    let mut r = Responses::empty(&q);
    let _ = assess(&q, &r);
    for i in &mut r.indicators {
        i.answer = Some(Answer::Yes);
    }
    let _ = assess(&q, &r);
    let _ = report::questionnaire::show(&q, 80);
});
