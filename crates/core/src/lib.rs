//! Domain types of Steady.
//!
//! Every value that comes from a person or a client is parsed into a type that can only hold a
//! valid value, so the rest of the program never has to check again. This crate does no I/O.
//!
//! ```
//! use steady_core::{NewPassword, TimeZoneName, Username};
//!
//! let name = Username::parse("  Ana_R ").unwrap();
//! assert_eq!(name.as_str(), "ana_r");
//! assert!(NewPassword::parse("password123").is_err()); // too short and too common
//! assert!(NewPassword::parse("calm-harbour-2718").is_ok());
//! assert_eq!(TimeZoneName::parse("Europe/Lisbon").unwrap().as_str(), "Europe/Lisbon");
//! ```
#![deny(missing_docs)]

/// Defines a closed set of choices with stable ids (the public interface) and the words shown
/// to people. Unknown ids are refused when parsing.
macro_rules! choices {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => ($id:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            ::serde::Serialize, ::serde::Deserialize, ::utoipa::ToSchema,
        )]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $(#[doc = $label] $variant),+
        }

        impl $name {
            /// Every choice, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable id.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }

            /// The words shown to people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parses a stable id.
            pub fn parse(id: &str) -> Option<Self> {
                match id { $($id => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

mod account;
mod bid;
pub mod coach;
mod ledger;
pub mod moment;
pub mod plan;
mod time;
pub mod week;

pub use account::{NewPassword, Password, TokenName, Username};
pub use bid::{BidDirection, BidKind, BidNote, BidResponse};
pub use ledger::{
    reference, week_start, week_starts, window_start, BidFact, KindCount, KindTally, Ledger,
    Patterns, Rate, Ratio, Tally, WeekTally, MAX_WEEKS, MIN_ANSWERED, MIN_PATTERN_ANSWERED,
    MIN_WEEKS,
};
pub use time::TimeZoneName;

/// Why a value given by a person was refused. The message is written for that person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ValidationError {
    /// The field the value was given for, as named in forms and JSON.
    pub field: &'static str,
    /// What is wrong and how to fix it, in plain words.
    pub message: String,
}

impl ValidationError {
    /// A refusal of `field` with a message for the person.
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}
