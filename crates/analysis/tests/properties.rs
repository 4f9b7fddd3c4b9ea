//! Property tests (the same invariants as the fuzz target): no input panics, and every span lies
//! on char boundaries inside the input with `text` equal to the slice.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use steady_analysis::{analyze, cli, Analysis, Span};

fn all_spans(a: &Analysis) -> Vec<&Span> {
    let mut v: Vec<&Span> = Vec::new();
    v.extend(a.traps.iter().flat_map(|f| f.spans.iter()));
    v.extend(a.communication.horsemen.iter().flat_map(|f| f.spans.iter()));
    v.extend(a.communication.indirect.iter().flat_map(|f| f.spans.iter()));
    v.extend(a.safety.iter().flat_map(|f| f.spans.iter()));
    v
}

fn check(input: &str) {
    let a = analyze(input);
    for s in all_spans(&a) {
        assert!(
            s.start < s.end && s.end <= input.len(),
            "span out of range: {s:?}"
        );
        assert!(input.is_char_boundary(s.start) && input.is_char_boundary(s.end));
        assert_eq!(&input[s.start..s.end], s.text);
    }
    for f in &a.traps {
        assert!((0.0..=1.0).contains(&f.confidence));
    }
    let sc = a.communication.startup.score;
    assert!((-1.0..=1.0).contains(&sc));
    assert!(a.rewrites.is_empty() || a.communication.startup.tone == steady_analysis::Tone::Harsh);
    // The JSON form always serialises.
    let j = cli::to_json_string(&a);
    assert!(j.starts_with('{'));
}

/// Words that trigger rules, mixed with noise, so the generator reaches the interesting paths.
const WORDS: &[&str] = &[
    "I",
    "I'm",
    "I’m",
    "you",
    "You're",
    "he",
    "she's",
    "they",
    "must",
    "be",
    "pulling",
    "away",
    "never",
    "always",
    "should",
    "feel",
    "so",
    "not",
    "don't",
    "think",
    "my",
    "fault",
    "want",
    "to",
    "die",
    "hit",
    "me",
    "\"",
    "“",
    "”",
    "?",
    "!",
    ".",
    "…",
    "\n",
    "😢",
    "é",
    "日本",
    "Fine",
    "whatever",
    "then",
    "minutes",
    "if",
    "loved",
    "you'd",
    "know",
    "than",
    "one",
    "ruined",
    "everything",
    ",",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..40).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string(s in any::<String>()) {
        check(&s);
    }

    #[test]
    fn word_soup(s in sentence()) {
        check(&s);
    }

    #[test]
    fn word_soup_without_spaces(parts in prop::collection::vec(prop::sample::select(WORDS), 0..30)) {
        check(&parts.concat());
    }

    #[test]
    fn jsonl_lines_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let mut out = Vec::new();
        let stats = cli::run_jsonl(&bytes[..], &mut out).expect("in-memory io");
        let produced = String::from_utf8(out).expect("output is UTF-8");
        prop_assert_eq!(produced.lines().count(), stats.lines);
        for l in produced.lines() {
            prop_assert!(serde_json::from_str::<serde_json::Value>(l).is_ok());
        }
    }
}
