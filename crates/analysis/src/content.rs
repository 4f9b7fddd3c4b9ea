//! The words Steady shows people: explanations, questions, antidotes and alternative
//! explanations. All written by the Steady team in its own words.

use crate::types::{EventKind, Horseman, Indirect, Trap};

/// A short explanation of a thinking trap.
pub fn trap_explanation(t: Trap) -> &'static str {
    match t {
        Trap::AllOrNothing => "This puts things in two boxes only: perfect or ruined, all or nothing. Most of life, and most relationships, sit somewhere in between.",
        Trap::Overgeneralization => "One moment is being treated as a rule (\"always\", \"never\", \"everyone\"). A painful event is real, but it may not be the whole pattern.",
        Trap::MentalFilter => "One painful detail is filling the whole picture, and the rest of what happened has faded from view.",
        Trap::DiscountingPositive => "Something good happened, and the thought explains it away so it doesn't count. Good moments are evidence too.",
        Trap::MindReading => "This guesses what someone else is thinking or feeling, and treats the guess as fact. You may be right or wrong; only they know.",
        Trap::FortuneTelling => "This predicts how things will turn out, as if the future were already known. Fear is good at forecasts, but not reliable at them.",
        Trap::Catastrophizing => "This paints the outcome as unbearable or the worst possible. It may be painful, and people often cope with more than fear expects.",
        Trap::EmotionalReasoning => "A feeling is being taken as proof. Feelings are real and worth listening to, but they report on what is happening inside you, not always on the facts outside.",
        Trap::ShouldStatements => "This holds you or someone else to a rigid rule. Rules like these tend to turn into guilt when aimed at yourself, and resentment when aimed at others.",
        Trap::Labeling => "This sums up a whole person in one harsh word. People are more than one moment or one mistake.",
        Trap::Personalization => "This takes responsibility for something that may have many causes, most of them outside your control.",
        Trap::Blaming => "This puts all of your feelings in someone else's hands. Others affect us, and we still have a say in what we do next.",
        Trap::Comparing => "This measures you or your relationship against someone else's, usually their best side against your hardest moments.",
    }
}

/// One question that tests a thought caught in a trap.
pub fn trap_question(t: Trap) -> &'static str {
    match t {
        Trap::AllOrNothing => "Is there a middle ground between the two extremes? What would \"partly OK\" look like?",
        Trap::Overgeneralization => "Can you think of one time it went differently?",
        Trap::MentalFilter => "What else happened that you haven't given as much weight to?",
        Trap::DiscountingPositive => "If a friend told you this good thing had happened to them, would you say it didn't count?",
        Trap::MindReading => "What would you need to see to know what they are thinking? Could you ask them?",
        Trap::FortuneTelling => "How often have your fearful predictions come true before? What else could happen?",
        Trap::Catastrophizing => "If the worst did happen, how might you get through it? What is the most likely outcome?",
        Trap::EmotionalReasoning => "What facts, apart from the feeling, point for and against this?",
        Trap::ShouldStatements => "What would change if you said \"I would prefer\" instead of \"should\"?",
        Trap::Labeling => "Would you use this word for a friend who did the same thing? What is a fairer description of what happened?",
        Trap::Personalization => "What other causes might have played a part here?",
        Trap::Blaming => "Which part of this is yours to act on, whatever the other person does?",
        Trap::Comparing => "Are you comparing your inside with someone else's outside? What matters to you, apart from the comparison?",
    }
}

/// What a horseman is and why it hurts a conversation.
pub fn horseman_explanation(h: Horseman) -> &'static str {
    match h {
        Horseman::Criticism => "This goes after who your partner is rather than what happened. Words like \"you always\" or \"you're so…\" tend to make people defend themselves instead of listening.",
        Horseman::Contempt => "Sarcasm, mockery and insults speak from above. Of all the patterns in couples' conflicts, this is the one that wears trust down fastest.",
        Horseman::Defensiveness => "Pushing the problem back (\"it's not my fault\", \"you do it too\") is understandable when you feel attacked, but it tells your partner their concern doesn't matter.",
        Horseman::Stonewalling => "Shutting the conversation down leaves your partner alone with the problem. Often it happens because you feel flooded, which is worth noticing.",
    }
}

/// The antidote to a horseman.
pub fn horseman_antidote(h: Horseman) -> &'static str {
    match h {
        Horseman::Criticism => "Use a gentle start-up: describe the situation, say how you feel about it, and ask for what you need (\"I feel … about … I need …\").",
        Horseman::Contempt => "Say what you need directly, and remind yourself of what you appreciate about your partner. Respect can hold a complaint.",
        Horseman::Defensiveness => "Look for the part of the complaint you can agree with, and take responsibility for that part, even if it is small.",
        Horseman::Stonewalling => "Take a real break: say you need time, how long, and that you will come back (\"I need 20 minutes, then I want to keep talking\"). Do something soothing meanwhile.",
    }
}

/// What an indirect pattern is and what to try instead.
pub fn indirect_explanation(i: Indirect) -> &'static str {
    match i {
        Indirect::Hinting => "This drops a hint instead of asking. Hints are easy to miss or to hear as a dig; saying the need plainly gives your partner a fair chance to meet it.",
        Indirect::Testing => "This sets up a test your partner doesn't know they are taking. Whatever happens, it rarely brings the closeness you want; asking for it directly does more.",
        Indirect::ExpectingMindReading => "This expects your partner to know a need you haven't said. Even people who love each other can't read minds; telling them is not a failure.",
    }
}

/// The short message shown when a safety concern is found.
pub const SAFETY_MESSAGE: &str = "What you wrote suggests you may not be safe right now. This matters more than anything else here. Please reach out to someone now: a local emergency number, a crisis line, or a person you trust. You deserve support.";

/// Possible explanations to consider for what the partner did. At least six per kind.
pub fn alternatives(kind: EventKind) -> &'static [&'static str] {
    match kind {
        EventKind::NoReply => &[
            "They may be in a meeting, driving, or somewhere they can't use their phone.",
            "Their phone might be on silent, out of battery, or in another room.",
            "They may have read it, meant to answer properly later, and got pulled into something.",
            "They could be tired and saving their energy for a real conversation.",
            "They might not have realised the message needed a quick answer.",
            "They may be dealing with something of their own that has nothing to do with you.",
            "Have you ever left a message unanswered for a while? What was going on for you then?",
        ],
        EventKind::Quiet => &[
            "They may be tired after a long day and have little left for talking.",
            "Something at work or with family could be on their mind.",
            "They might not feel well.",
            "Some people go quiet to recharge, not to pull away.",
            "They may be thinking something through before they are ready to talk about it.",
            "They might be comfortable enough with you to share a silence.",
            "You could ask gently how they are, without needing a particular answer.",
        ],
        EventKind::Busy => &[
            "They may have a deadline or a heavy week that is taking most of their attention.",
            "Being busy can crowd out messages without changing how someone feels.",
            "They might be stressed and trying to get through their list.",
            "They may be looking forward to having time once this stretch is over.",
            "Other people, like family or colleagues, may be counting on them right now.",
            "They might not realise how the busy stretch is landing for you.",
            "Is there a small, concrete way to connect that fits around their week?",
        ],
        EventKind::WithFriends => &[
            "Time with friends is a normal, healthy part of most people's lives.",
            "They may be enjoying themselves and simply not looking at their phone.",
            "Having their own friendships can make them a happier partner to come home to.",
            "They may be catching up with someone they haven't seen in a while.",
            "They might assume you are fine with it, because it has been fine before.",
            "This could be a chance to spend the evening on something that matters to you.",
            "If you want to be included sometimes, that is a need you can ask for directly.",
        ],
        EventKind::CancelledPlans => &[
            "Something may have come up that they couldn't move, at work or with family.",
            "They may be exhausted or unwell and not want to be poor company.",
            "They might feel bad about it and not know how to say so.",
            "They may be overcommitted this week and trying to catch up.",
            "A cancelled plan is one event; it may not say much about how they feel about you.",
            "You could ask to find another time, which shows what you want without a test.",
            "Have you ever had to cancel on someone you care about? What was behind it?",
        ],
        EventKind::OnPhone => &[
            "They may be handling something for work or family.",
            "Scrolling can be a way to unwind after a long day, without meaning anything about you.",
            "They might not notice how long they have been on it; many people don't.",
            "They could be reading news or messages that worry them.",
            "They may not know that you would like their attention right now.",
            "You could suggest a phone-free time together, and offer to do the same.",
        ],
        EventKind::Forgot => &[
            "They may have a lot on their mind right now and things are slipping.",
            "Forgetting something often says more about memory and stress than about love.",
            "They might not have known how much this mattered to you.",
            "Some people rely on reminders and calendars; they may not have set one.",
            "They may feel embarrassed about it and not know how to bring it up.",
            "Have you ever forgotten something important to someone you care about?",
        ],
        EventKind::Late => &[
            "Traffic, transport or a late meeting could be holding them up.",
            "They might have lost track of time.",
            "Their phone may be flat, so they can't let you know.",
            "They may have underestimated how long something would take.",
            "Something small may have come up on the way.",
            "They might think they told you a later time than you heard.",
        ],
        EventKind::Distant => &[
            "They may be stressed or worried about something they haven't talked about yet.",
            "They could be tired, unwell, or low in a way that has little to do with you.",
            "Closeness naturally comes and goes in long relationships; a quiet spell can pass.",
            "They might be waiting for a calm moment to talk about something.",
            "They may be feeling some distance from you too, and not know how to say it.",
            "You could name what you have noticed, gently, and ask how they are doing.",
        ],
        EventKind::Other => &[
            "There may be reasons for this that you don't know about yet.",
            "They may be dealing with something of their own right now.",
            "Tiredness, stress and distraction explain a lot of everyday behaviour.",
            "They might see the situation quite differently from you.",
            "One event may not tell you much about the relationship as a whole.",
            "You could ask them about it directly and calmly when you are both ready.",
        ],
    }
}
