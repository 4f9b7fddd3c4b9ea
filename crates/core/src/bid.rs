//! Bids for connection: who reached out, what kind of bid it was, and how it was answered.
//!
//! The ids (`partner_to_me`, `checked_in`, `turned_toward`, …) are part of the public interface:
//! the API, exports and the database use them.

use std::fmt;

use crate::ValidationError;

macro_rules! id_enum {
    (
        $(#[$meta:meta])*
        $name:ident, field = $field:literal, what = $what:literal {
            $($(#[$vmeta:meta])* $variant:ident = $id:literal, $label:literal;)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in the order they are offered to people.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable id, such as it appears in the API.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id,)+ }
            }

            /// A short label for people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Parses a stable id; anything else is refused with a message listing the ids.
            pub fn parse(raw: &str) -> Result<Self, ValidationError> {
                let raw = raw.trim();
                $(if raw == $id { return Ok($name::$variant); })+
                let ids: Vec<&str> = Self::ALL.iter().map(|v| v.id()).collect();
                Err(ValidationError::new(
                    $field,
                    format!(concat!("That is not a ", $what, " Steady knows. Use one of: {}."), ids.join(", ")),
                ))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.id())
            }
        }
    };
}

id_enum! {
    /// Who made the bid.
    BidDirection, field = "direction", what = "direction" {
        /// My partner reached out to me.
        PartnerToMe = "partner_to_me", "From my partner";
        /// I reached out to my partner.
        MeToPartner = "me_to_partner", "From me";
    }
}

id_enum! {
    /// What kind of bid it was.
    BidKind, field = "kind", what = "kind of bid" {
        /// A check-in: a message, a call, "how's your day?".
        CheckedIn = "checked_in", "Checked in";
        /// A hug, a touch, a kind word.
        Affection = "affection", "Affection";
        /// A gesture or a gift: brought coffee, a small surprise.
        Gesture = "gesture", "A gesture or gift";
        /// Practical help.
        Help = "help", "Help";
        /// Interest in the other's plans or day.
        Interest = "interest", "Interest in plans";
        /// Remembered something that mattered.
        Remembered = "remembered", "Remembered something";
        /// Humour or play.
        Humour = "humour", "Humour or play";
        /// An invitation to do something together.
        Invitation = "invitation", "An invitation";
        /// Shared news, something seen or read.
        SharedNews = "shared_news", "Shared news";
        /// Anything else.
        Other = "other", "Something else";
    }
}

id_enum! {
    /// How the bid was answered.
    BidResponse, field = "response", what = "response" {
        /// Turned toward: noticed and answered with interest or warmth (a deposit).
        TurnedToward = "turned_toward", "Turned toward";
        /// Turned away: missed or ignored (a withdrawal).
        TurnedAway = "turned_away", "Turned away";
        /// Turned against: answered with irritation or hostility (a withdrawal).
        TurnedAgainst = "turned_against", "Turned against";
        /// Not sure yet; not counted in rates.
        NotSure = "not_sure", "Not sure yet";
    }
}

impl BidKind {
    /// The partner's most common small bids, offered as one-tap "I noticed" buttons, with the
    /// words on the button.
    pub const NOTICED: &'static [(BidKind, &'static str)] = &[
        (BidKind::CheckedIn, "Checked in on me"),
        (BidKind::Affection, "Showed affection"),
        (BidKind::Gesture, "Brought me something"),
        (BidKind::Remembered, "Remembered something"),
        (BidKind::Interest, "Asked about my plans"),
        (BidKind::Help, "Helped me"),
    ];
}

impl BidResponse {
    /// Whether this answer was a deposit (turned toward).
    pub fn is_deposit(self) -> bool {
        self == BidResponse::TurnedToward
    }

    /// Whether this answer was a withdrawal (turned away or against).
    pub fn is_withdrawal(self) -> bool {
        matches!(self, BidResponse::TurnedAway | BidResponse::TurnedAgainst)
    }
}

/// An optional note about a bid: at most [`BidNote::MAX_CHARS`] characters, surrounding space
/// removed. It is free text, so it is only ever stored sealed.
#[derive(Clone, PartialEq, Eq)]
pub struct BidNote(String);

impl BidNote {
    /// Longest note accepted, in characters.
    pub const MAX_CHARS: usize = 1000;

    /// Parses a note; empty (or only space) means no note.
    pub fn parse(raw: &str) -> Result<Option<Self>, ValidationError> {
        let text = raw.trim();
        if text.is_empty() {
            return Ok(None);
        }
        if text.chars().count() > Self::MAX_CHARS {
            return Err(ValidationError::new(
                "note",
                format!("A note can be up to {} characters.", Self::MAX_CHARS),
            ));
        }
        Ok(Some(Self(text.to_owned())))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for BidNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BidNote({} chars)", self.0.chars().count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_unknown_ids_name_their_field() {
        for k in BidKind::ALL {
            assert_eq!(BidKind::parse(k.id()).unwrap(), *k);
        }
        for d in BidDirection::ALL {
            assert_eq!(BidDirection::parse(d.id()).unwrap(), *d);
        }
        for r in BidResponse::ALL {
            assert_eq!(BidResponse::parse(r.id()).unwrap(), *r);
        }
        let err = BidKind::parse("hug").unwrap_err();
        assert_eq!(err.field, "kind");
        assert!(err.message.contains("checked_in"));
        assert_eq!(
            BidDirection::parse("sideways").unwrap_err().field,
            "direction"
        );
        assert_eq!(
            BidResponse::parse("TURNED_TOWARD").unwrap_err().field,
            "response"
        );
    }

    #[test]
    fn deposits_and_withdrawals() {
        assert!(BidResponse::TurnedToward.is_deposit());
        assert!(BidResponse::TurnedAway.is_withdrawal());
        assert!(BidResponse::TurnedAgainst.is_withdrawal());
        assert!(!BidResponse::NotSure.is_deposit() && !BidResponse::NotSure.is_withdrawal());
    }

    #[test]
    fn notes_are_trimmed_bounded_and_never_printed() {
        assert_eq!(BidNote::parse("  ").unwrap(), None);
        assert_eq!(
            BidNote::parse(" coffee ").unwrap().unwrap().as_str(),
            "coffee"
        );
        assert_eq!(
            BidNote::parse(&"é".repeat(1000))
                .unwrap()
                .unwrap()
                .as_str()
                .chars()
                .count(),
            1000
        );
        assert_eq!(BidNote::parse(&"a".repeat(1001)).unwrap_err().field, "note");
        let note = BidNote::parse("secret words").unwrap().unwrap();
        assert!(!format!("{note:?}").contains("secret"));
    }
}
