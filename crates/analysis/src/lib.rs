//! Offline, explainable text analysis for Steady.
//!
//! [`analyze`] reads a thought or a message draft and finds thinking traps, the four horsemen,
//! indirect communication, the start-up tone, safety concerns and what the partner did, with
//! other possible explanations and gentle rewrites. Every finding names the words that show it.
//!
//! ```
//! use steady_analysis::{analyze, Trap, Tone};
//!
//! let a = analyze("They haven't texted back. They must be pulling away.");
//! assert_eq!(a.traps[0].id, Trap::MindReading);
//! assert_eq!(a.traps[0].spans[0].text, "They must be pulling away");
//! assert_eq!(a.event.as_ref().map(|e| e.kind.as_str()), Some("no_reply"));
//!
//! let m = analyze("You never help around the house.");
//! assert_eq!(m.communication.startup.tone, Tone::Harsh);
//! assert!(m.rewrites.len() >= 2);
//!
//! assert!(analyze("She always calls her mom on Sundays.").is_clean());
//! ```
//!
//! The engine is a set of hand-written patterns (compiled once, on first use or by
//! [`warm_up`]) with checks for negation, hedges, questions, quotes and language. It does no
//! I/O and loads nothing at run time. Precision matters more than recall: ordinary sentences
//! with "always", "never", "should" or "feel" are meant to come back clean.
//!
//! Safety findings ([`Analysis::needs_support`]) come first in how an app responds: when one is
//! present, the analysis carries no alternative explanations or rewrites.
#![deny(missing_docs)]

pub mod cli;
pub mod content;
mod engine;
pub mod eval;
pub mod rewrite;
mod rules;
pub mod text;
mod types;

pub use engine::{analyze, warm_up};
pub use types::*;
