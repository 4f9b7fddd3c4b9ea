//! Snapshot tests of the full analysis for representative sentences, so behaviour changes are
//! reviewed. Update with `INSTA_UPDATE=always` (or `cargo insta review`) and read the diff.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use steady_analysis::analyze;

macro_rules! snap {
    ($name:ident, $text:expr) => {
        #[test]
        fn $name() {
            insta::assert_json_snapshot!(stringify!($name), analyze($text), $text);
        }
    };
}

snap!(
    no_reply_mind_reading,
    "They haven't texted back. They must be pulling away."
);
snap!(
    harsh_chores,
    "You never help around the house. What is wrong with you?"
);
snap!(
    gentle_startup,
    "I feel lonely when we don't talk during the day, and I'd love a quick text at lunch."
);
snap!(
    self_soothing_break,
    "I need 20 minutes, then I want to keep talking."
);
snap!(
    negated_worry,
    "I don't think he's pulling away, he's just tired."
);
snap!(everyday_always, "She always calls her mom on Sundays.");
snap!(contempt_sarcasm, "Oh great job, genius. You forgot again.");
snap!(
    defensive_reply,
    "It's not my fault, you're the one who left it there."
);
snap!(stonewall, "Whatever, I don't care anymore.");
snap!(
    hinting_dishes,
    "I guess I'll just do the dishes myself again."
);
snap!(
    testing_and_fear,
    "I'm not going to text first, to see if she cares. She's going to leave me anyway."
);
snap!(
    emotional_reasoning_curly,
    "I feel like he doesn’t love me, so he must not."
);
snap!(self_harm, "If she leaves I don't want to be here anymore.");
snap!(danger, "He takes my phone and won't let me see my friends.");
snap!(
    comparing_and_label,
    "Her ex was so much prettier than me. I'm such an idiot."
);
snap!(
    cancelled_catastrophe,
    "He cancelled our date. This is the worst thing that could happen."
);
snap!(
    non_english,
    "Siempre llega tarde y nunca me escucha cuando hablo."
);
