//! Gentle start-up rewrites in the "I feel … about … I need …" shape, keeping the complaint's topic.

use std::sync::LazyLock;

use regex::Regex;

use crate::rules::expand;

/// A complaint topic and the words used to rewrite it.
pub struct Topic {
    /// A short name for the topic.
    pub name: &'static str,
    keywords: &'static str,
    feeling: &'static str,
    feeling2: &'static str,
    about: &'static str,
    needs: [&'static str; 3],
}

const TOPICS: &[Topic] = &[
    Topic {
        name: "respect",
        keywords: r"\b(?:respect|talk to me like|stupid|idiot|pathetic|loser|joke|rude|mock\w*|sarcas\w*|disgusting|baby|grow up|genius|moron)\b",
        feeling: "hurt",
        feeling2: "small",
        about: "the way we have been speaking to each other",
        needs: [
            "us to talk to each other with respect, even when we disagree",
            "a few minutes to calm down, and then to try this conversation again more kindly",
            "to hear what is going on for you, and to tell you what is going on for me",
        ],
    },
    Topic {
        name: "chores",
        keywords: r"\b(?:dish(?:es)?|chores?|clean(?:ing|ed)?|laundry|housework|trash|rubbish|bins?|tidy|vacuum\w*|hoover\w*|cook(?:ing)?|groceries|around the house|mess)\b",
        feeling: "overwhelmed",
        feeling2: "stretched thin",
        about: "how the housework has been shared lately",
        needs: [
            "us to share the chores more evenly, maybe with a simple plan we both agree on",
            "some help with the housework this week",
            "us to sit down together and divide up the jobs at home",
        ],
    },
    Topic {
        name: "kids",
        keywords: r"\b(?:kids?|children|child|bedtime|school run|daycare|nappies|diapers)\b",
        feeling: "worn out",
        feeling2: "alone with it",
        about: "looking after the kids",
        needs: [
            "us to share the evenings with the kids more evenly",
            "a couple of hours to myself this weekend while you have the kids",
            "us to plan the week with the kids together",
        ],
    },
    Topic {
        name: "money",
        keywords: r"\b(?:money|spend\w*|spent|budget|bills?|rent|debt|credit card|expensive|savings|afford)\b",
        feeling: "anxious",
        feeling2: "uneasy",
        about: "our money",
        needs: [
            "us to sit down this week and look at the budget together",
            "us to agree on how we decide on bigger purchases",
            "to understand how you see our spending, and to share how I see it",
        ],
    },
    Topic {
        name: "lateness",
        keywords: r"\b(?:late|on time|waiting for you|kept me waiting|make us late|made us late)\b",
        feeling: "anxious",
        feeling2: "stressed",
        about: "the times we have been running late",
        needs: [
            "a quick message when you are going to be late",
            "us to plan to leave a little earlier next time",
            "us to agree on a time together and let each other know if it changes",
        ],
    },
    Topic {
        name: "contact",
        keywords: r"\b(?:text\w*|call(?:s|ed|ing)?|reply|replied|replies|respond\w*|answer\w*|message\w*|hear from you)\b",
        feeling: "worried",
        feeling2: "disconnected",
        about: "not hearing from you during the day",
        needs: [
            "a short text when you get a moment, even just a word",
            "us to agree on a simple way to check in when we are apart",
            "to know roughly when I will hear from you on busy days",
        ],
    },
    Topic {
        name: "attention",
        keywords: r"\b(?:phone|screen|scrolling|listen\w*|pay attention|ignor\w+|ask about my day|interrupt\w*|hear me)\b",
        feeling: "unheard",
        feeling2: "lonely",
        about: "our conversations lately",
        needs: [
            "some time each evening when we put our phones away and talk",
            "you to ask me about my day tonight, and I would love to hear about yours",
            "a few minutes of your full attention when I have something important to say",
        ],
    },
    Topic {
        name: "plans",
        keywords: r"\b(?:plans?|plann\w+|cancel\w*|anniversary|birthday|forgot|forget\w*|remember\w*|surprise\w*|promise\w*|date)\b",
        feeling: "hurt",
        feeling2: "let down",
        about: "what happened with our plans",
        needs: [
            "us to put the dates that matter in a shared calendar",
            "us to make a plan together and both keep it",
            "to talk about what these occasions mean to each of us",
        ],
    },
    Topic {
        name: "affection",
        keywords: r"\b(?:affection\w*|hug\w*|kiss\w*|touch\w*|cuddl\w*|romantic|romance|intimacy|sex|love me|close to me)\b",
        feeling: "lonely",
        feeling2: "far from you",
        about: "how little closeness there has been between us lately",
        needs: [
            "more closeness, like a hug when we get home",
            "us to make some unhurried time to be close",
            "to tell you what helps me feel loved, and to hear what helps you",
        ],
    },
    Topic {
        name: "priority",
        keywords: r"\b(?:prioriti[sz]\w*|priority|priorities|important to you|matter to you|last on your list|bottom of your list|second place|make time for me|care about me)\b",
        feeling: "unimportant",
        feeling2: "overlooked",
        about: "how little room there has been for us lately",
        needs: [
            "us to set aside some time this week that is just for us",
            "to hear how your week looks, and to find a time for us that works for both of us",
            "to feel that I matter to you, maybe with a small plan we make together",
        ],
    },
    Topic {
        name: "time_together",
        keywords: r"\b(?:friends?|time (?:together|with me|for me|for us)|weekends?|evenings?|go(?:ing)? out|out every|never (?:around|home)|date night|spend time|first|alone|together)\b",
        feeling: "lonely",
        feeling2: "left out",
        about: "how little time we have had together lately",
        needs: [
            "an evening this week that is just for the two of us",
            "us to plan some time together that we both look forward to",
            "us to find a balance between time with friends and time with each other",
        ],
    },
];

const DEFAULT: Topic = Topic {
    name: "general",
    keywords: "",
    feeling: "upset",
    feeling2: "tense",
    about: "what has been happening between us",
    needs: [
        "us to sit down and talk it through calmly",
        "to understand how things look from your side, and to share how they look from mine",
        "us to find a way forward together",
    ],
};

static TOPIC_RES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    TOPICS
        .iter()
        .map(|t| Regex::new(&expand(t.keywords)).expect("built-in pattern compiles"))
        .collect()
});

/// The complaint topic of a message, or a general one.
pub fn topic(text: &str) -> &'static Topic {
    TOPICS
        .iter()
        .zip(TOPIC_RES.iter())
        .find(|(_, re)| re.is_match(text))
        .map(|(t, _)| t)
        .unwrap_or(&DEFAULT)
}

/// Gentle start-up rewrites for a harsh message. Always three, all about the message's topic.
pub fn rewrites(text: &str) -> Vec<String> {
    let t = topic(text);
    vec![
        format!(
            "I feel {} about {}. I need {}.",
            t.feeling, t.about, t.needs[0]
        ),
        format!(
            "I've been feeling {} about {}, and I need {}. Could we talk about it?",
            t.feeling2, t.about, t.needs[1]
        ),
        format!(
            "I feel {} about {}, and I need {}.",
            t.feeling, t.about, t.needs[2]
        ),
    ]
}
