//! Public result types of the analysis. Their JSON shape is part of Steady's public interface.

use serde::Serialize;

macro_rules! id_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $s:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in the order of the product brief.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable id, as it appears in JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $s),+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownId;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($s => Ok($name::$variant),)+
                    _ => Err(UnknownId(s.to_string())),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// An id that is not part of the taxonomy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownId(pub String);

impl std::fmt::Display for UnknownId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown id `{}`", self.0)
    }
}

impl std::error::Error for UnknownId {}

id_enum! {
    /// A thinking trap (cognitive distortion), named by its stable id.
    Trap {
        /// Seeing things in two boxes only: perfect or ruined.
        AllOrNothing => "all_or_nothing",
        /// One event taken as a rule: "always", "never", "everyone".
        Overgeneralization => "overgeneralization",
        /// Only the bad part is kept in view.
        MentalFilter => "mental_filter",
        /// Good things explained away.
        DiscountingPositive => "discounting_positive",
        /// Assuming what someone else thinks or feels.
        MindReading => "mind_reading",
        /// Predicting a bad future as if it were certain.
        FortuneTelling => "fortune_telling",
        /// Treating something painful as unbearable or the worst possible.
        Catastrophizing => "catastrophizing",
        /// Taking a feeling as proof of a fact.
        EmotionalReasoning => "emotional_reasoning",
        /// Rigid rules about how oneself or others must be.
        ShouldStatements => "should_statements",
        /// A one-word verdict on a whole person.
        Labeling => "labeling",
        /// Taking the blame for things one does not control.
        Personalization => "personalization",
        /// Handing all responsibility for one's feelings to someone else.
        Blaming => "blaming",
        /// Measuring oneself or the relationship against others.
        Comparing => "comparing",
    }
}

id_enum! {
    /// One of the Gottmans' "four horsemen" of conflict.
    Horseman {
        /// An attack on the person rather than a complaint about a behaviour.
        Criticism => "criticism",
        /// Mockery, sarcasm, insults: speaking from above.
        Contempt => "contempt",
        /// Counter-attack or innocent-victim stance instead of listening.
        Defensiveness => "defensiveness",
        /// Shutting down and withdrawing from the conversation.
        Stonewalling => "stonewalling",
    }
}

id_enum! {
    /// Indirect communication: saying a need without saying it.
    Indirect {
        /// A need dropped as a hint or a sideways remark.
        Hinting => "hinting",
        /// Setting up a test the partner does not know about.
        Testing => "testing",
        /// Expecting the partner to know a need that was never said.
        ExpectingMindReading => "expecting_mind_reading",
    }
}

id_enum! {
    /// A safety concern. These always come before everything else.
    Safety {
        /// Thoughts of self-harm or suicide.
        SelfHarm => "self_harm",
        /// Violence, threats or coercive control by a partner.
        Danger => "danger",
    }
}

id_enum! {
    /// The start-up tone of a message.
    Tone {
        /// Blame, absolutes, contempt: likely to start a fight.
        Harsh => "harsh",
        /// Feelings and needs said plainly and kindly.
        Gentle => "gentle",
        /// Neither: logistics, facts.
        Neutral => "neutral",
    }
}

id_enum! {
    /// What the partner did, as far as the text says.
    EventKind {
        /// They have not replied to a message or call.
        NoReply => "no_reply",
        /// They are quiet or not talking much.
        Quiet => "quiet",
        /// They are busy or working.
        Busy => "busy",
        /// They are out with friends.
        WithFriends => "with_friends",
        /// They cancelled or moved plans.
        CancelledPlans => "cancelled_plans",
        /// They are on their phone.
        OnPhone => "on_phone",
        /// They forgot something.
        Forgot => "forgot",
        /// They are late.
        Late => "late",
        /// They seem distant or less affectionate.
        Distant => "distant",
        /// Something else the person is worried about.
        Other => "other",
    }
}

/// A piece of the input that shows a finding: byte offsets on char boundaries, and the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The slice `input[start..end]`.
    pub text: String,
}

/// A thinking trap found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrapFinding {
    /// Which trap.
    pub id: Trap,
    /// How sure the engine is, from 0 to 1.
    pub confidence: f64,
    /// The words that show it.
    pub spans: Vec<Span>,
    /// What the trap is, in plain words.
    pub explanation: &'static str,
    /// One question that tests the thought.
    pub question: &'static str,
}

/// One of the four horsemen found in a message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HorsemanFinding {
    /// Which horseman.
    pub id: Horseman,
    /// How sure the engine is, from 0 to 1.
    pub confidence: f64,
    /// The words that show it.
    pub spans: Vec<Span>,
    /// What it is and why it hurts.
    pub explanation: &'static str,
    /// What to do instead.
    pub antidote: &'static str,
}

/// Indirect communication found in a message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndirectFinding {
    /// Which pattern.
    pub id: Indirect,
    /// How sure the engine is, from 0 to 1.
    pub confidence: f64,
    /// The words that show it.
    pub spans: Vec<Span>,
    /// What it is and what to try instead.
    pub explanation: &'static str,
}

/// The start-up tone of a message.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Startup {
    /// Harsh, gentle or neutral.
    pub tone: Tone,
    /// From -1 (harsh) to 1 (gentle).
    pub score: f64,
}

/// Communication patterns in a message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Communication {
    /// The four horsemen found.
    pub horsemen: Vec<HorsemanFinding>,
    /// Indirect communication found.
    pub indirect: Vec<IndirectFinding>,
    /// The start-up tone.
    pub startup: Startup,
}

/// A safety concern. When any is present, the app shows support resources first and does not
/// ask the person to challenge the thought.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SafetyFinding {
    /// Which concern.
    pub id: Safety,
    /// How sure the engine is, from 0 to 1.
    pub confidence: f64,
    /// The words that show it.
    pub spans: Vec<Span>,
}

/// What the partner did, with other possible explanations to consider.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// The kind of event.
    pub kind: EventKind,
    /// Possible, kind explanations to consider (never reassurance that all is well).
    pub alternatives: Vec<&'static str>,
}

/// Everything the engine found in one text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// Thinking traps.
    pub traps: Vec<TrapFinding>,
    /// Communication patterns and start-up tone.
    pub communication: Communication,
    /// Safety concerns; these win over everything else.
    pub safety: Vec<SafetyFinding>,
    /// What the partner did, if the text says; `null` in JSON otherwise.
    pub event: Option<Event>,
    /// Gentle start-up rewrites; empty unless the start-up is harsh.
    pub rewrites: Vec<String>,
}

impl Analysis {
    /// True when nothing was found: no traps, horsemen, indirect communication or safety concern.
    pub fn is_clean(&self) -> bool {
        self.traps.is_empty()
            && self.communication.horsemen.is_empty()
            && self.communication.indirect.is_empty()
            && self.safety.is_empty()
    }

    /// True when a safety concern was found and support resources must be shown first.
    pub fn needs_support(&self) -> bool {
        !self.safety.is_empty()
    }

    /// The ids of every finding (traps, horsemen, indirect, safety), for evaluation and tests.
    pub fn finding_ids(&self) -> Vec<&'static str> {
        let mut ids: Vec<&'static str> = Vec::new();
        ids.extend(self.traps.iter().map(|f| f.id.as_str()));
        ids.extend(self.communication.horsemen.iter().map(|f| f.id.as_str()));
        ids.extend(self.communication.indirect.iter().map(|f| f.id.as_str()));
        ids.extend(self.safety.iter().map(|f| f.id.as_str()));
        ids
    }
}
