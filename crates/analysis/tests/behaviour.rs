//! Behaviour people rely on: every id is found on a plain example, everyday sentences stay
//! clean, negation and self-soothing are respected, safety wins, rewrites are gentle.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use steady_analysis::{analyze, EventKind, Horseman, Indirect, Safety, Tone, Trap};

fn ids(text: &str) -> Vec<&'static str> {
    analyze(text).finding_ids()
}

#[test]
fn every_id_is_detected_on_an_example() {
    let examples: &[(&str, &str)] = &[
        (
            "all_or_nothing",
            "One fight and the whole relationship is over.",
        ),
        ("overgeneralization", "Nobody ever stays with me."),
        (
            "mental_filter",
            "All I can think about is the one thing he said.",
        ),
        (
            "discounting_positive",
            "He said I looked nice, but he was just being polite.",
        ),
        ("mind_reading", "She must be bored of me."),
        ("fortune_telling", "He's going to leave me."),
        ("catastrophizing", "If she leaves, I won't survive it."),
        (
            "emotional_reasoning",
            "I feel unwanted, so I must be unwanted.",
        ),
        ("should_statements", "I shouldn't feel this jealous."),
        ("labeling", "I'm so pathetic."),
        ("personalization", "It's my fault he's in a bad mood."),
        ("blaming", "She makes me feel this way."),
        ("comparing", "Other couples are so much happier than us."),
        ("criticism", "You never listen to me."),
        ("contempt", "Oh great job, genius."),
        ("defensiveness", "It's not my fault."),
        ("stonewalling", "I'm done talking."),
        ("hinting", "Must be nice to sleep in."),
        ("testing", "Let's see if he notices I'm gone."),
        ("expecting_mind_reading", "You should know what I want."),
        ("self_harm", "I want to end it all."),
        ("danger", "He hit me last night."),
    ];
    let mut covered: Vec<&str> = Vec::new();
    for (id, text) in examples {
        assert!(
            ids(text).contains(id),
            "{id} not found in {text:?}: {:?}",
            ids(text)
        );
        covered.push(id);
    }
    for id in steady_analysis::eval::all_ids() {
        assert!(covered.contains(&id), "no example for {id}");
    }
}

#[test]
fn everyday_sentences_are_clean() {
    for text in [
        "She always calls her mom on Sundays",
        "I should water the plants",
        "I feel sad today and I'm calling a friend",
        "He always makes me coffee in the morning.",
        "We never miss our Friday movie night.",
        "I must remember to buy a gift for her birthday.",
        "She's probably still at work.",
        "I know she's at the gym until seven.",
        "The movie was better than I expected.",
        "He should be home by six.",
        "You always make me laugh.",
        "I'm crazy about him.",
        "",
        "   ",
        "🙂❤️",
    ] {
        let a = analyze(text);
        assert!(a.is_clean(), "{text:?} flagged: {:?}", a.finding_ids());
        assert_ne!(a.communication.startup.tone, Tone::Harsh, "{text:?}");
        assert!(a.rewrites.is_empty(), "{text:?}");
    }
}

#[test]
fn negation_and_doubt_cancel_a_trap() {
    assert!(analyze("I don't think he's pulling away.").is_clean());
    assert!(analyze("I'm not sure she's losing interest.").is_clean());
    assert!(
        analyze("I don’t think he’s pulling away.").is_clean(),
        "curly apostrophes"
    );
    assert!(!analyze("He's pulling away.").is_clean());
}

#[test]
fn case_apostrophes_and_emoji_do_not_matter() {
    for text in [
        "SHE MUST BE BORED OF ME",
        "she must be bored of me 😢",
        "She must be bored of me…",
    ] {
        assert!(ids(text).contains(&"mind_reading"), "{text:?}");
    }
    assert!(ids("It’s not my fault").contains(&"defensiveness"));
    assert!(ids("I’m such an idiot").contains(&"labeling"));
}

#[test]
fn quotes_are_reported_speech() {
    let a = analyze("He told me \"you never listen\" and I said I'd try.");
    assert!(a.communication.horsemen.is_empty(), "{:?}", a.finding_ids());
}

#[test]
fn a_break_with_a_promise_to_return_is_not_stonewalling() {
    let a = analyze("I need 20 minutes, then I want to keep talking.");
    assert!(a.communication.horsemen.is_empty());
    assert_eq!(a.communication.startup.tone, Tone::Gentle);
    let b = analyze("I'm done talking.");
    assert_eq!(b.communication.horsemen[0].id, Horseman::Stonewalling);
}

#[test]
fn multi_sentence_text_aggregates_spans_per_id() {
    let t = "She must be bored of me. He must be losing interest too. I'm fine.";
    let a = analyze(t);
    let mr = a
        .traps
        .iter()
        .find(|f| f.id == Trap::MindReading)
        .expect("mind reading");
    assert_eq!(mr.spans.len(), 2);
    for s in &mr.spans {
        assert_eq!(&t[s.start..s.end], s.text);
    }
}

#[test]
fn non_english_text_has_no_findings() {
    for text in [
        "Siempre llega tarde y nunca me escucha cuando hablo.",
        "Il ne m'écoute jamais et je suis toujours seule.",
        "Er hört mir nie zu und ich bin immer allein.",
        "彼はいつも遅れて来る。",
        "Он никогда меня не слушает.",
    ] {
        let a = analyze(text);
        assert!(
            a.is_clean() && a.event.is_none(),
            "{text:?}: {:?}",
            a.finding_ids()
        );
    }
}

#[test]
fn safety_wins() {
    let a = analyze("He hasn't texted back. If he leaves I'll kill myself.");
    assert_eq!(a.safety[0].id, Safety::SelfHarm);
    assert!(a.needs_support());
    assert!(
        a.event.is_none(),
        "no alternative explanations next to a safety concern"
    );
    assert!(a.rewrites.is_empty());
    let d = analyze("You never listen. He said he'd kill me if I left.");
    assert!(d.safety.iter().any(|s| s.id == Safety::Danger));
    assert!(d.rewrites.is_empty());
}

#[test]
fn events_come_with_at_least_six_alternatives() {
    for kind in EventKind::ALL {
        assert!(
            steady_analysis::content::alternatives(*kind).len() >= 6,
            "{kind}"
        );
    }
    let cases = [
        ("He hasn't replied in three hours.", EventKind::NoReply),
        ("She cancelled our dinner again.", EventKind::CancelledPlans),
        ("He's out with his friends tonight.", EventKind::WithFriends),
        ("She has been so quiet all evening.", EventKind::Quiet),
        ("He's been on his phone all night.", EventKind::OnPhone),
        ("She forgot our anniversary.", EventKind::Forgot),
        ("He's late again.", EventKind::Late),
        ("She seems distant lately.", EventKind::Distant),
        ("He's busy with work all week.", EventKind::Busy),
    ];
    for (text, kind) in cases {
        assert_eq!(analyze(text).event.map(|e| e.kind), Some(kind), "{text:?}");
    }
    assert!(analyze("I should water the plants").event.is_none());
}

#[test]
fn harsh_messages_get_gentle_rewrites_that_keep_the_topic() {
    let cases = [
        ("You never help around the house.", "housework"),
        ("You always put your friends first.", "time"),
        ("You never text me back.", "hearing from you"),
        ("You're always late, what is wrong with you?", "late"),
        ("You're completely useless with money.", "money"),
        ("You never listen to me.", "conversations"),
        (
            "You forgot my birthday, you always forget the things that matter.",
            "plans",
        ),
        ("You're pathetic.", "speaking to each other"),
        ("It's not my fault.", "between us"),
    ];
    for (text, topic) in cases {
        let a = analyze(text);
        assert_eq!(a.communication.startup.tone, Tone::Harsh, "{text:?}");
        assert!(a.rewrites.len() >= 2, "{text:?}");
        for w in &a.rewrites {
            assert!(
                w.starts_with("I feel") || w.starts_with("I've been feeling"),
                "{w}"
            );
            assert!(
                w.contains("I need") || w.contains("I would really like"),
                "{w}"
            );
            assert!(w.contains(topic), "{text:?} -> {w}");
            let again = analyze(w);
            assert_eq!(again.communication.startup.tone, Tone::Gentle, "{w}");
            assert!(
                again.communication.horsemen.is_empty(),
                "{w}: {:?}",
                again.finding_ids()
            );
            assert!(again.is_clean(), "{w}: {:?}", again.finding_ids());
        }
    }
    assert!(analyze("I feel lonely and I need a hug tonight.")
        .rewrites
        .is_empty());
}

#[test]
fn every_rewrite_template_is_gentle() {
    // Drive every topic, including the general one, through the rewriter directly.
    let probes = [
        "dishes", "kids", "money", "late", "text", "phone", "plans", "hug", "friends", "stupid",
        "xyz",
    ];
    for p in probes {
        for w in steady_analysis::rewrite::rewrites(p) {
            let a = analyze(&w);
            assert_eq!(a.communication.startup.tone, Tone::Gentle, "{w}");
            assert!(a.is_clean(), "{w}: {:?}", a.finding_ids());
        }
    }
}

#[test]
fn indirect_and_tone() {
    assert_eq!(
        analyze("If you really loved me, you'd know what's wrong.")
            .communication
            .indirect[0]
            .id,
        Indirect::ExpectingMindReading
    );
    assert_eq!(
        analyze("If you really loved me, you'd cancel your plans.")
            .communication
            .indirect[0]
            .id,
        Indirect::Testing
    );
    assert_eq!(
        analyze("Could we talk tonight? I miss you.")
            .communication
            .startup
            .tone,
        Tone::Gentle
    );
    assert_eq!(
        analyze("The keys are on the counter.")
            .communication
            .startup
            .tone,
        Tone::Neutral
    );
    let s = analyze("You're so selfish!!").communication.startup.score;
    assert!((-1.0..=1.0).contains(&s) && s < 0.0);
}

#[test]
fn huge_input_is_bounded() {
    let big = "He must be losing interest. ".repeat(20_000);
    let start = std::time::Instant::now();
    let a = analyze(&big);
    assert!(start.elapsed().as_secs() < 5);
    assert!(a.traps[0].spans.len() <= 16);
    for s in &a.traps[0].spans {
        assert_eq!(&big[s.start..s.end], s.text);
    }
}
