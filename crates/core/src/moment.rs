//! A moment of insecurity, as a person records it: what happened, the feelings and urge, the
//! pause, the reflection, the thought and the balanced thought, and an optional prediction.
//!
//! Every step is optional: a moment may hold only one line. Built-in choices have stable ids;
//! a person can add their own words beside them.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ValidationError;

/// Longest free-text field, in characters.
pub const MAX_TEXT_CHARS: usize = 5_000;
/// Longest custom tag, feeling or urge, in characters.
pub const MAX_LABEL_CHARS: usize = 60;
/// Most entries in one list (tags, feelings, urges, alternatives).
pub const MAX_LIST: usize = 20;

/// A strength from 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(try_from = "i64", into = "u8")]
#[schema(value_type = u8, description = "0 to 100")]
pub struct Intensity(u8);

impl Intensity {
    /// Parses 0–100.
    pub fn parse(value: i64) -> Result<Self, ValidationError> {
        u8::try_from(value)
            .ok()
            .filter(|v| *v <= 100)
            .map(Self)
            .ok_or_else(|| ValidationError::new("intensity", format!("{value} is outside 0–100.")))
    }

    /// The value.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Intensity {
    type Error = String;
    fn try_from(value: i64) -> Result<Self, String> {
        Self::parse(value).map_err(|e| e.message)
    }
}

impl From<Intensity> for u8 {
    fn from(i: Intensity) -> u8 {
        i.0
    }
}

choices! {
    /// What was going on, as a built-in context tag.
    ContextTag {
        PartnerBusy => ("partner_busy", "Partner busy"),
        WithFriends => ("with_friends", "Out with friends"),
        NoReply => ("no_reply", "No reply"),
        Quiet => ("quiet", "Seemed quiet"),
        OnPhone => ("on_phone", "On their phone"),
        CancelledPlans => ("cancelled_plans", "Cancelled plans"),
        Late => ("late", "Late"),
        SomethingSaid => ("something_said", "Something they said"),
        SocialMedia => ("social_media", "Social media"),
        Other => ("other", "Other"),
    }
}

choices! {
    /// A feeling.
    Feeling {
        Anxious => ("anxious", "Anxious"),
        Jealous => ("jealous", "Jealous"),
        Hurt => ("hurt", "Hurt"),
        Angry => ("angry", "Angry"),
        Sad => ("sad", "Sad"),
        Lonely => ("lonely", "Lonely"),
        Ashamed => ("ashamed", "Ashamed"),
        Afraid => ("afraid", "Afraid"),
    }
}

choices! {
    /// What the person felt pulled to do.
    Urge {
        CheckPhone => ("check_phone", "Check their phone, location or social media"),
        SendMoreMessages => ("send_more_messages", "Send more messages"),
        Confront => ("confront", "Confront them"),
        Withdraw => ("withdraw", "Withdraw"),
        AskReassurance => ("ask_reassurance", "Ask for reassurance"),
    }
}

choices! {
    /// Where the feeling seems to come from.
    Root {
        Now => ("now", "About now: how things are between us"),
        AttachmentHistory => ("attachment_history", "About then: my attachment history"),
        PastRelationship => ("past_relationship", "About then: a past relationship"),
        SelfWorth => ("self_worth", "About then: how I see my own worth"),
        NotSure => ("not_sure", "Not sure"),
    }
}

choices! {
    /// How the person paused.
    PauseKind {
        Breathing => ("breathing", "Guided breathing"),
        Walk => ("walk", "A brisk walk"),
    }
}

choices! {
    /// Whether a feared outcome happened.
    Outcome {
        Yes => ("yes", "Yes, it happened"),
        Partly => ("partly", "Partly"),
        No => ("no", "No, it didn't"),
    }
}

/// One feeling and how strong it was, before and after working through the moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeelingRating {
    /// A built-in feeling, or `null` with `custom` set.
    #[serde(default)]
    pub feeling: Option<Feeling>,
    /// The person's own word for the feeling.
    #[serde(default)]
    pub custom: Option<String>,
    /// Strength at the time, 0–100.
    pub intensity: Intensity,
    /// Strength after the balanced thought, 0–100.
    #[serde(default)]
    pub after: Option<Intensity>,
}

impl FeelingRating {
    /// The words shown for this feeling.
    pub fn name(&self) -> &str {
        match (&self.feeling, &self.custom) {
            (Some(f), _) => f.label(),
            (None, Some(c)) => c,
            (None, None) => "Feeling",
        }
    }
}

/// A pause that happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Pause {
    /// Breathing or a walk.
    pub kind: PauseKind,
    /// How long, in seconds.
    pub seconds: u32,
}

/// A fear recorded as a prediction, to check later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Prediction {
    /// What the person fears will happen.
    pub fear: String,
    /// The day to check.
    #[schema(value_type = String, format = Date)]
    pub check_on: jiff::civil::Date,
    /// Whether it happened, once checked.
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// What actually happened.
    #[serde(default)]
    pub actual: String,
}

/// Everything a person wrote or chose for a moment. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct MomentContent {
    /// What happened, in the person's words (the quick-capture line).
    pub situation: String,
    /// Overall strength of the feeling at capture, 0–100.
    pub intensity: Option<Intensity>,
    /// Built-in context tags.
    pub tags: Vec<ContextTag>,
    /// The person's own context tags.
    pub custom_tags: Vec<String>,
    /// Feelings and their strength.
    pub feelings: Vec<FeelingRating>,
    /// Built-in urges.
    pub urges: Vec<Urge>,
    /// The person's own urges.
    pub custom_urges: Vec<String>,
    /// The pause, if one happened.
    pub pause: Option<Pause>,
    /// Where the feeling seems to come from.
    pub root: Option<Root>,
    /// Evidence for the fear.
    pub evidence_for: String,
    /// Evidence against the fear.
    pub evidence_against: String,
    /// What I would tell a friend.
    pub friend_advice: String,
    /// Have I reacted like this myself, and what was behind it?
    pub own_reaction: String,
    /// The automatic thought.
    pub thought: String,
    /// How strongly the thought is believed, 0–100.
    pub belief: Option<Intensity>,
    /// Thinking traps the person agreed with (stable ids).
    pub traps_confirmed: Vec<String>,
    /// Suggested thinking traps the person dismissed (stable ids).
    pub traps_dismissed: Vec<String>,
    /// Thinking traps the person added by hand (stable ids).
    pub traps_added: Vec<String>,
    /// Alternative explanations the person kept.
    pub alternatives: Vec<String>,
    /// The balanced thought.
    pub balanced_thought: String,
    /// How strongly the automatic thought is believed afterwards, 0–100.
    pub belief_after: Option<Intensity>,
    /// A fear to check later.
    pub prediction: Option<Prediction>,
}

fn check_text(field: &'static str, text: &str) -> Result<(), ValidationError> {
    let chars = text.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(ValidationError::new(
            field,
            format!("This is {chars} characters; the most Steady keeps in one field is {MAX_TEXT_CHARS}. Nothing was saved."),
        ));
    }
    Ok(())
}

fn check_labels(field: &'static str, labels: &[String]) -> Result<(), ValidationError> {
    if labels.len() > MAX_LIST {
        return Err(ValidationError::new(
            field,
            format!("Keep it to {MAX_LIST} or fewer."),
        ));
    }
    for label in labels {
        let chars = label.trim().chars().count();
        if chars == 0 || chars > MAX_LABEL_CHARS {
            return Err(ValidationError::new(
                field,
                format!("Each entry needs 1 to {MAX_LABEL_CHARS} characters."),
            ));
        }
    }
    Ok(())
}

impl MomentContent {
    /// Checks sizes and combinations the types alone cannot express. `is_trap` says whether a
    /// string is a known thinking-trap id.
    pub fn validate(&self, is_trap: impl Fn(&str) -> bool) -> Result<(), ValidationError> {
        for (field, text) in [
            ("situation", &self.situation),
            ("evidence_for", &self.evidence_for),
            ("evidence_against", &self.evidence_against),
            ("friend_advice", &self.friend_advice),
            ("own_reaction", &self.own_reaction),
            ("thought", &self.thought),
            ("balanced_thought", &self.balanced_thought),
        ] {
            check_text(field, text)?;
        }
        check_labels("custom_tags", &self.custom_tags)?;
        check_labels("custom_urges", &self.custom_urges)?;
        if self.alternatives.len() > MAX_LIST {
            return Err(ValidationError::new(
                "alternatives",
                format!("Keep it to {MAX_LIST} or fewer."),
            ));
        }
        for alternative in &self.alternatives {
            check_text("alternatives", alternative)?;
        }
        if self.feelings.len() > MAX_LIST {
            return Err(ValidationError::new(
                "feelings",
                format!("Keep it to {MAX_LIST} or fewer."),
            ));
        }
        for rating in &self.feelings {
            match (&rating.feeling, &rating.custom) {
                (Some(_), None) => {}
                (None, Some(custom)) => check_labels("feelings", std::slice::from_ref(custom))?,
                _ => {
                    return Err(ValidationError::new(
                        "feelings",
                        "Each feeling is either a built-in one (\"feeling\") or your own word (\"custom\").",
                    ))
                }
            }
        }
        for (field, traps) in [
            ("traps_confirmed", &self.traps_confirmed),
            ("traps_dismissed", &self.traps_dismissed),
            ("traps_added", &self.traps_added),
        ] {
            if let Some(unknown) = traps.iter().find(|t| !is_trap(t)) {
                return Err(ValidationError::new(
                    field,
                    format!("\u{201c}{unknown}\u{201d} is not a thinking trap Steady knows."),
                ));
            }
        }
        if let Some(prediction) = &self.prediction {
            check_text("prediction", &prediction.fear)?;
            check_text("prediction", &prediction.actual)?;
            if prediction.fear.trim().is_empty() {
                return Err(ValidationError::new(
                    "prediction",
                    "Write down what you fear will happen, so you can check it later.",
                ));
            }
        }
        if let Some(pause) = &self.pause {
            if pause.seconds > 24 * 3600 {
                return Err(ValidationError::new(
                    "pause",
                    "A pause is at most a day long.",
                ));
            }
        }
        Ok(())
    }

    /// Whether nothing at all was written or chosen.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// The words to keep in view while the person works on the moment: the thought if there is
    /// one, else what happened.
    pub fn pinned(&self) -> &str {
        if !self.thought.trim().is_empty() {
            &self.thought
        } else {
            &self.situation
        }
    }

    /// Every confirmed or hand-added trap id.
    pub fn traps(&self) -> impl Iterator<Item = &str> {
        self.traps_confirmed
            .iter()
            .chain(self.traps_added.iter())
            .map(String::as_str)
    }

    /// Lowercased text of every free-text field, for searching a person's own moments.
    pub fn search_text(&self) -> String {
        let mut all = String::new();
        for text in [
            &self.situation,
            &self.evidence_for,
            &self.evidence_against,
            &self.friend_advice,
            &self.own_reaction,
            &self.thought,
            &self.balanced_thought,
        ] {
            all.push_str(text);
            all.push('\n');
        }
        for text in self
            .custom_tags
            .iter()
            .chain(&self.custom_urges)
            .chain(&self.alternatives)
        {
            all.push_str(text);
            all.push('\n');
        }
        if let Some(p) = &self.prediction {
            all.push_str(&p.fear);
            all.push('\n');
            all.push_str(&p.actual);
        }
        all.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any_trap(id: &str) -> bool {
        id == "mind_reading"
    }

    #[test]
    fn intensity_is_0_to_100() {
        assert!(Intensity::parse(0).is_ok());
        assert!(Intensity::parse(100).is_ok());
        assert!(Intensity::parse(101).is_err());
        assert!(Intensity::parse(-1).is_err());
        let bad: Result<MomentContent, _> = serde_json::from_str(r#"{"intensity": 140}"#);
        assert!(bad.unwrap_err().to_string().contains("outside 0–100"));
    }

    #[test]
    fn unknown_ids_and_fields_are_refused_when_parsing() {
        assert!(serde_json::from_str::<MomentContent>(r#"{"tags": ["no_reply"]}"#).is_ok());
        let err = serde_json::from_str::<MomentContent>(r#"{"tags": ["stalking"]}"#).unwrap_err();
        assert!(err.to_string().contains("unknown variant"));
        assert!(serde_json::from_str::<MomentContent>(r#"{"mood": 3}"#).is_err());
    }

    #[test]
    fn one_line_is_a_whole_moment() {
        let m: MomentContent =
            serde_json::from_str(r#"{"situation": "No reply for 3 hours"}"#).unwrap();
        assert!(m.validate(any_trap).is_ok());
        assert_eq!(m.pinned(), "No reply for 3 hours");
        assert!(!m.is_empty());
        assert!(MomentContent::default().is_empty());
    }

    #[test]
    fn sizes_and_traps_are_checked() {
        let long = MomentContent {
            thought: "x".repeat(MAX_TEXT_CHARS + 1),
            ..Default::default()
        };
        assert_eq!(long.validate(any_trap).unwrap_err().field, "thought");
        let trap = MomentContent {
            traps_added: vec!["astrology".into()],
            ..Default::default()
        };
        assert_eq!(trap.validate(any_trap).unwrap_err().field, "traps_added");
        let tag = MomentContent {
            custom_tags: vec!["x".repeat(61)],
            ..Default::default()
        };
        assert_eq!(tag.validate(any_trap).unwrap_err().field, "custom_tags");
        let feeling = MomentContent {
            feelings: vec![FeelingRating {
                feeling: Some(Feeling::Anxious),
                custom: Some("numb".into()),
                intensity: Intensity::parse(50).unwrap(),
                after: None,
            }],
            ..Default::default()
        };
        assert_eq!(feeling.validate(any_trap).unwrap_err().field, "feelings");
    }

    #[test]
    fn the_thought_is_pinned_once_written() {
        let m = MomentContent {
            situation: "He went quiet at dinner".into(),
            thought: "He's bored of me".into(),
            ..Default::default()
        };
        assert_eq!(m.pinned(), "He's bored of me");
        assert!(m.search_text().contains("quiet at dinner"));
    }
}
