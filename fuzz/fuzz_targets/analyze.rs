//! Fuzz target: no input panics; every span lies on char boundaries inside the input and its
//! text equals the slice; the jsonl loop survives any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use steady_analysis::{analyze, cli};

fuzz_target!(|data: &[u8]| {
    if let Ok(input) = std::str::from_utf8(data) {
        let a = analyze(input);
        let spans = a
            .traps
            .iter()
            .flat_map(|f| f.spans.iter())
            .chain(a.communication.horsemen.iter().flat_map(|f| f.spans.iter()))
            .chain(a.communication.indirect.iter().flat_map(|f| f.spans.iter()))
            .chain(a.safety.iter().flat_map(|f| f.spans.iter()));
        for s in spans {
            assert!(s.start < s.end && s.end <= input.len());
            assert!(input.is_char_boundary(s.start) && input.is_char_boundary(s.end));
            assert_eq!(&input[s.start..s.end], s.text);
        }
        let score = a.communication.startup.score;
        assert!((-1.0..=1.0).contains(&score));
    }
    let mut out = Vec::new();
    let _ = cli::run_jsonl(data, &mut out);
});
