#![allow(clippy::unwrap_used, clippy::expect_used)]
//! No input makes the parsers panic, and what they return is consistent.

use proptest::prelude::*;
use steady_chat::{parse_export, parse_telegram, parse_whatsapp, MessageKind, ParseOptions};

/// Pieces that look like WhatsApp exports, to reach deep into the parser.
fn whatsapp_like() -> impl Strategy<Value = String> {
    let header = (
        1u32..40,
        1u32..40,
        prop_oneof![Just(0u32), 0u32..100, 2000u32..2700],
        0u32..30,
        0u32..70,
        prop::option::of(0u32..70),
        prop_oneof![
            Just(""),
            Just(" PM"),
            Just("\u{202F}AM"),
            Just(" p.\u{00A0}m."),
            Just(" a. m.")
        ],
        any::<bool>(),
        prop_oneof![Just("/"), Just("."), Just("-")],
    )
        .prop_map(|(a, b, y, h, mi, s, ap, bracket, sep)| {
            let sec = s.map(|s| format!(":{s:02}")).unwrap_or_default();
            let body = format!("{a}{sep}{b}{sep}{y}, {h}:{mi:02}{sec}{ap}");
            if bracket {
                format!("\u{200E}[{body}] ")
            } else {
                format!("{body} - ")
            }
        });
    let rest = prop_oneof![
        "[A-Za-z ]{0,8}: [ -~]{0,20}",
        Just("Ann: <Media omitted>".to_string()),
        Just("Ann: \u{200E}image omitted".to_string()),
        Just("Ann: This message was deleted".to_string()),
        Just("Ann: Missed video call, 3 min".to_string()),
        Just("Ann left".to_string()),
        "\\PC{0,20}",
    ];
    let line = prop_oneof![
        (header, rest).prop_map(|(h, r)| format!("{h}{r}")),
        "\\PC{0,30}",
    ];
    prop::collection::vec(line, 0..30).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn whatsapp_never_panics_on_any_text(text in "\\PC{0,400}") {
        let _ = parse_whatsapp(&text, &ParseOptions::default());
    }

    #[test]
    fn whatsapp_like_input_gives_a_consistent_chat(text in whatsapp_like()) {
        if let Ok(chat) = parse_whatsapp(&text, &ParseOptions::default()) {
            prop_assert!(!chat.messages.is_empty());
            for m in &chat.messages {
                prop_assert_eq!(m.sender.is_none(), m.kind == MessageKind::System);
                prop_assert!(m.line.is_some());
            }
            let mut lines: Vec<usize> = chat.messages.iter().filter_map(|m| m.line).collect();
            let before = lines.clone();
            lines.sort_unstable();
            prop_assert_eq!(lines, before, "messages stay in file order");
            for p in &chat.participants {
                prop_assert!(chat.messages.iter().any(|m| m.sender.as_ref() == Some(p)));
            }
            serde_json::to_string(&chat).unwrap();
        }
    }

    #[test]
    fn telegram_never_panics_on_any_text(text in "\\PC{0,400}") {
        let _ = parse_telegram(&text);
        let _ = parse_export(&text, &ParseOptions::default());
    }

    #[test]
    fn telegram_never_panics_on_json_like_input(
        date in prop_oneof![Just("\"2024-01-01T00:00:00\"".to_string()), "\\PC{0,12}".prop_map(|s| format!("{s:?}")), Just("null".into()), Just("-99999999999999".into())],
        unix in prop_oneof![Just("\"1700000000\"".to_string()), Just("\"-9223372036854775808\"".into()), Just("1e400".into()), Just("[]".into())],
        text in prop_oneof![Just("\"hi\\x0B\"".to_string()), Just("[\"a\", {\"text\": 1}, 3]".into()), Just("{}".into())],
        kind in prop_oneof![Just("message"), Just("service")],
        action in prop_oneof![Just("phone_call"), Just("group_call"), Just("x")],
        dur in prop_oneof![Just("-5".to_string()), Just("\"12\"".into()), Just("1.5".into())],
    ) {
        let json = format!(
            r#"{{"messages": [{{"type": "{kind}", "date": {date}, "date_unixtime": {unix}, "from": null, "actor": 7, "action": "{action}", "duration_seconds": {dur}, "text": {text}, "reply_to_message_id": "x"}}]}}"#
        );
        let _ = parse_telegram(&json);
    }
}

#[test]
fn huge_inputs_are_bounded() {
    // A long single line and many header-like lines stay fast (linear).
    let long = "a".repeat(5_000_000);
    assert!(parse_whatsapp(&long, &ParseOptions::default()).is_err());
    let mut many = String::new();
    for i in 0..50_000u32 {
        // Times go back and forth so the forged-header look-ahead runs everywhere.
        let minute = if i % 2 == 0 { 30 } else { 10 };
        many.push_str(&format!("13/05/2022, 20:{minute} - Ann: line {i}\n"));
    }
    let start = std::time::Instant::now();
    let chat = parse_whatsapp(&many, &ParseOptions::default()).unwrap();
    assert!(chat.messages.len() >= 25_000);
    assert!(chat.notes.len() <= steady_chat::MAX_NOTES + 1);
    assert!(start.elapsed().as_secs() < 20);
}
