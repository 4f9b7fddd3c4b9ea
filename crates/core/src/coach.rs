//! The message coach: drafts of messages to a partner, how they started, and how they went.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::moment::MAX_TEXT_CHARS;
use crate::ValidationError;

/// How a sent message went, as the person saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DraftOutcome {
    /// We connected.
    Connected,
    /// Neither better nor worse.
    Neutral,
    /// It got worse.
    Worse,
}

impl DraftOutcome {
    /// Every outcome, in display order.
    pub const ALL: &'static [DraftOutcome] = &[Self::Connected, Self::Neutral, Self::Worse];

    /// The stable id.
    pub fn id(self) -> &'static str {
        match self {
            Self::Connected => "connected",
            Self::Neutral => "neutral",
            Self::Worse => "worse",
        }
    }

    /// The words shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Connected => "We connected",
            Self::Neutral => "Neutral",
            Self::Worse => "It got worse",
        }
    }

    /// Parses a stable id.
    pub fn parse(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|o| o.id() == id)
    }
}

/// Checks the text of a draft: something written, and not longer than a journal field.
pub fn check_draft_text(
    field: &'static str,
    text: &str,
    required: bool,
) -> Result<(), ValidationError> {
    if required && text.trim().is_empty() {
        return Err(ValidationError::new(
            field,
            "Write the message you are thinking of sending.",
        ));
    }
    let chars = text.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(ValidationError::new(
            field,
            format!("This is {chars} characters; a message here can have at most {MAX_TEXT_CHARS}. Nothing was saved."),
        ));
    }
    Ok(())
}

/// One week of saved messages: how many, and how many started gently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct GentleWeek {
    /// First day of the week (Monday), in the person's time zone.
    #[schema(value_type = String, format = Date)]
    pub week_start: Date,
    /// Messages saved that week.
    pub saved: u32,
    /// Of those, how many started gently.
    pub gentle: u32,
}

/// Counts saved messages per week over the last `weeks` weeks (oldest first, empty weeks
/// included). Each entry is the time it was saved and whether it started gently.
pub fn gentle_weeks(
    saved: &[(Timestamp, bool)],
    now: Timestamp,
    zone: &TimeZone,
    weeks: u32,
) -> Vec<GentleWeek> {
    let starts = crate::ledger::week_starts(now, zone, weeks);
    let mut out: Vec<GentleWeek> = starts
        .iter()
        .map(|&week_start| GentleWeek {
            week_start,
            saved: 0,
            gentle: 0,
        })
        .collect();
    for (at, gentle) in saved {
        let start = crate::ledger::week_start(*at, zone);
        if let Some(week) = out.iter_mut().find(|w| w.week_start == start) {
            week.saved += 1;
            if *gentle {
                week.gentle += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_round_trip() {
        for o in DraftOutcome::ALL {
            assert_eq!(DraftOutcome::parse(o.id()), Some(*o));
        }
        assert_eq!(DraftOutcome::parse("great"), None);
    }

    #[test]
    fn drafts_need_text_within_limits() {
        assert!(check_draft_text("text", "  ", true).is_err());
        assert!(check_draft_text("final_text", "", false).is_ok());
        assert!(check_draft_text("text", &"x".repeat(MAX_TEXT_CHARS + 1), true).is_err());
    }

    #[test]
    fn weeks_count_saved_and_gentle_in_the_persons_zone() {
        let zone = TimeZone::get("America/New_York").unwrap();
        let now: Timestamp = "2026-11-25T12:00:00Z".parse().unwrap(); // a Wednesday
                                                                      // Monday 00:30 in New York is still Monday 05:30 UTC; Sunday 23:30 New York is Monday UTC.
        let this_monday: Timestamp = "2026-11-23T05:30:00Z".parse().unwrap();
        let last_sunday_late: Timestamp = "2026-11-23T04:30:00Z".parse().unwrap();
        let weeks = gentle_weeks(
            &[(this_monday, true), (last_sunday_late, false), (now, true)],
            now,
            &zone,
            3,
        );
        assert_eq!(weeks.len(), 3);
        assert_eq!(weeks[2].week_start.to_string(), "2026-11-23");
        assert_eq!((weeks[2].saved, weeks[2].gentle), (2, 2));
        assert_eq!(
            (weeks[1].saved, weeks[1].gentle),
            (1, 0),
            "Sunday night in New York belongs to the week before"
        );
        assert_eq!(
            (weeks[0].saved, weeks[0].gentle),
            (0, 0),
            "empty weeks are kept"
        );
    }
}
