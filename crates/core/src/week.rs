//! Weeks that start on the day a person chooses, in their own time zone, and the months that
//! weeks are gathered into.
//!
//! A week is identified by the local date it starts on. It runs from the first instant of that
//! day to the first instant of the same weekday seven days later, so a week with a clock change
//! is 167 or 169 hours long and still one week. A week belongs to the month that holds most of
//! its days (the month of its fourth day), so every week is counted in exactly one month.
//!
//! ```
//! use jiff::{tz::TimeZone, Timestamp};
//! use steady_core::week::{Week, WeekStart};
//!
//! // Sunday 29 November 2026, 23:30 in New York.
//! let at: Timestamp = "2026-11-30T04:30:00Z".parse().unwrap();
//! let ny = TimeZone::get("America/New_York").unwrap();
//! assert_eq!(Week::containing(at, &ny, WeekStart::Monday).start().to_string(), "2026-11-23");
//! assert_eq!(Week::containing(at, &ny, WeekStart::Sunday).start().to_string(), "2026-11-29");
//! assert_eq!(Week::containing(at, &TimeZone::UTC, WeekStart::Monday).start().to_string(), "2026-11-30");
//! ```

use std::fmt;

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ValidationError;

/// Most weeks or months a series covers.
pub const MAX_SERIES: u32 = 260;

/// The day a person's week starts on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WeekStart {
    /// Monday (the default, as in ISO 8601).
    #[default]
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl WeekStart {
    /// Every day, Monday first.
    pub const ALL: &'static [WeekStart] = &[
        WeekStart::Monday,
        WeekStart::Tuesday,
        WeekStart::Wednesday,
        WeekStart::Thursday,
        WeekStart::Friday,
        WeekStart::Saturday,
        WeekStart::Sunday,
    ];

    /// The stable id (`monday` … `sunday`).
    pub fn id(self) -> &'static str {
        match self {
            Self::Monday => "monday",
            Self::Tuesday => "tuesday",
            Self::Wednesday => "wednesday",
            Self::Thursday => "thursday",
            Self::Friday => "friday",
            Self::Saturday => "saturday",
            Self::Sunday => "sunday",
        }
    }

    /// The day's name as shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Monday => "Monday",
            Self::Tuesday => "Tuesday",
            Self::Wednesday => "Wednesday",
            Self::Thursday => "Thursday",
            Self::Friday => "Friday",
            Self::Saturday => "Saturday",
            Self::Sunday => "Sunday",
        }
    }

    /// Parses a stable id.
    pub fn parse(id: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .iter()
            .copied()
            .find(|d| d.id() == id.trim())
            .ok_or_else(|| {
                ValidationError::new(
                    "week_start",
                    format!("\u{201c}{id}\u{201d} is not a day of the week, such as monday."),
                )
            })
    }

    /// The weekday.
    pub fn weekday(self) -> Weekday {
        match self {
            Self::Monday => Weekday::Monday,
            Self::Tuesday => Weekday::Tuesday,
            Self::Wednesday => Weekday::Wednesday,
            Self::Thursday => Weekday::Thursday,
            Self::Friday => Weekday::Friday,
            Self::Saturday => Weekday::Saturday,
            Self::Sunday => Weekday::Sunday,
        }
    }
}

fn add_days(date: Date, days: i64) -> Date {
    date.checked_add(Span::new().days(days)).unwrap_or(date)
}

/// The local midnight that starts `date` in `zone`, or the first instant after it when a clock
/// change skips midnight.
fn first_instant(date: Date, zone: &TimeZone) -> Timestamp {
    date.to_zoned(zone.clone())
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::MIN)
}

/// Seven local days starting on the person's chosen weekday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    start: Date,
}

impl Week {
    /// The week, starting on `start`, that contains `date`.
    pub fn containing_date(date: Date, start: WeekStart) -> Self {
        let back = (i64::from(date.weekday().to_monday_zero_offset())
            - i64::from(start.weekday().to_monday_zero_offset()))
        .rem_euclid(7);
        Self {
            start: add_days(date, -back),
        }
    }

    /// The week, starting on `start`, that contains the instant `at` in `zone`.
    pub fn containing(at: Timestamp, zone: &TimeZone, start: WeekStart) -> Self {
        Self::containing_date(at.to_zoned(zone.clone()).date(), start)
    }

    /// The week that starts on `date`, which must be the person's start day.
    pub fn starting(date: Date, start: WeekStart) -> Result<Self, ValidationError> {
        if date.weekday() == start.weekday() {
            Ok(Self { start: date })
        } else {
            Err(ValidationError::new(
                "week",
                format!(
                    "Your weeks start on {}; {} is a {}. Use the date of the {} the week starts on.",
                    start.label(),
                    date,
                    date.strftime("%A"),
                    start.label()
                ),
            ))
        }
    }

    /// Parses `YYYY-MM-DD`, which must be the person's start day.
    pub fn parse(raw: &str, start: WeekStart) -> Result<Self, ValidationError> {
        let date: Date = raw.trim().parse().map_err(|_| {
            ValidationError::new(
                "week",
                format!("\u{201c}{raw}\u{201d} is not a date like 2026-11-23."),
            )
        })?;
        Self::starting(date, start)
    }

    /// The first day.
    pub fn start(&self) -> Date {
        self.start
    }

    /// The last day (six days after the first).
    pub fn end(&self) -> Date {
        add_days(self.start, 6)
    }

    /// Whether `date` is one of its seven days.
    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date <= self.end()
    }

    /// The week before.
    pub fn previous(&self) -> Self {
        Self {
            start: add_days(self.start, -7),
        }
    }

    /// The week after.
    pub fn next(&self) -> Self {
        Self {
            start: add_days(self.start, 7),
        }
    }

    /// The first instant of the week in `zone`.
    pub fn first_instant(&self, zone: &TimeZone) -> Timestamp {
        first_instant(self.start, zone)
    }

    /// The first instant after the week in `zone` (the start of the next one).
    pub fn end_instant(&self, zone: &TimeZone) -> Timestamp {
        first_instant(self.next().start, zone)
    }

    /// The month this week is counted in: the one holding most of its days.
    pub fn month(&self) -> Month {
        Month::of(add_days(self.start, 3))
    }

    /// A short label such as "23–29 Nov" or "28 Dec – 3 Jan".
    pub fn label(&self) -> String {
        let end = self.end();
        if end.month() == self.start.month() {
            format!("{}–{}", self.start.day(), end.strftime("%-d %b"))
        } else {
            format!(
                "{} – {}",
                self.start.strftime("%-d %b"),
                end.strftime("%-d %b")
            )
        }
    }
}

impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.start)
    }
}

/// The `count` weeks (clamped to 1..=[`MAX_SERIES`]) ending with the one containing `now`,
/// oldest first. Every week is there, whether anything was recorded in it or not.
pub fn recent_weeks(now: Timestamp, zone: &TimeZone, start: WeekStart, count: u32) -> Vec<Week> {
    let count = count.clamp(1, MAX_SERIES);
    let mut week = Week::containing(now, zone, start);
    let mut out = vec![week];
    for _ in 1..count {
        week = week.previous();
        out.push(week);
    }
    out.reverse();
    out
}

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    first: Date,
}

impl Month {
    /// The month containing `date`.
    pub fn of(date: Date) -> Self {
        Self {
            first: date.first_of_month(),
        }
    }

    /// Its first day.
    pub fn first_day(&self) -> Date {
        self.first
    }

    /// The month before.
    pub fn previous(&self) -> Self {
        Self::of(add_days(self.first, -1))
    }

    /// The month after.
    pub fn next(&self) -> Self {
        Self::of(add_days(self.first.last_of_month(), 1))
    }

    /// `YYYY-MM`.
    pub fn id(&self) -> String {
        self.first.strftime("%Y-%m").to_string()
    }

    /// A short label such as "Nov 2026".
    pub fn label(&self) -> String {
        self.first.strftime("%b %Y").to_string()
    }
}

/// The `count` months (clamped to 1..=[`MAX_SERIES`]) ending with `last`, oldest first.
pub fn months_ending(last: Month, count: u32) -> Vec<Month> {
    let count = count.clamp(1, MAX_SERIES);
    let mut month = last;
    let mut out = vec![month];
    for _ in 1..count {
        month = month.previous();
        out.push(month);
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn zone(name: &str) -> TimeZone {
        TimeZone::get(name).unwrap()
    }

    #[test]
    fn the_week_starts_on_the_chosen_day() {
        let wed = date("2026-11-25");
        let starts: Vec<String> = WeekStart::ALL
            .iter()
            .map(|d| Week::containing_date(wed, *d).start().to_string())
            .collect();
        assert_eq!(
            starts,
            [
                "2026-11-23", // Monday
                "2026-11-24", // Tuesday
                "2026-11-25", // Wednesday: the day itself
                "2026-11-19", // Thursday
                "2026-11-20", // Friday
                "2026-11-21", // Saturday
                "2026-11-22", // Sunday
            ]
        );
        let week = Week::containing_date(wed, WeekStart::Sunday);
        assert_eq!(week.end().to_string(), "2026-11-28");
        assert!(week.contains(date("2026-11-22")) && week.contains(date("2026-11-28")));
        assert!(!week.contains(date("2026-11-29")));
    }

    #[test]
    fn a_week_is_named_by_its_first_day_only() {
        assert!(Week::parse("2026-11-23", WeekStart::Monday).is_ok());
        let err = Week::parse("2026-11-24", WeekStart::Monday).unwrap_err();
        assert_eq!(err.field, "week");
        assert!(err.message.contains("Tuesday"), "{}", err.message);
        assert!(Week::parse("2026-11-29", WeekStart::Sunday).is_ok());
        assert!(Week::parse("last week", WeekStart::Monday).is_err());
        assert!(WeekStart::parse("sunday").is_ok());
        assert_eq!(WeekStart::parse("someday").unwrap_err().field, "week_start");
    }

    #[test]
    fn the_persons_time_zone_decides_the_day() {
        // Saturday 28 Nov 2026, 20:00 in Los Angeles is Sunday 04:00 UTC.
        let at = ts("2026-11-29T04:00:00Z");
        let sunday = WeekStart::Sunday;
        assert_eq!(
            Week::containing(at, &zone("America/Los_Angeles"), sunday)
                .start()
                .to_string(),
            "2026-11-22"
        );
        assert_eq!(
            Week::containing(at, &TimeZone::UTC, sunday)
                .start()
                .to_string(),
            "2026-11-29"
        );
        // Sunday 00:30 in Auckland is still Saturday in UTC.
        let at = ts("2026-11-28T11:30:00Z");
        assert_eq!(
            Week::containing(at, &zone("Pacific/Auckland"), sunday)
                .start()
                .to_string(),
            "2026-11-29"
        );
        let week = Week::containing(at, &zone("Pacific/Auckland"), sunday);
        assert_eq!(
            week.first_instant(&zone("Pacific/Auckland")),
            ts("2026-11-28T11:00:00Z")
        );
    }

    #[test]
    fn weeks_with_a_clock_change_are_still_one_week() {
        let lisbon = zone("Europe/Lisbon");
        // Clocks go forward on Sunday 29 March 2026: a Monday week loses an hour.
        let spring = Week::containing(ts("2026-03-27T12:00:00Z"), &lisbon, WeekStart::Monday);
        assert_eq!(spring.start().to_string(), "2026-03-23");
        let hours = spring
            .first_instant(&lisbon)
            .duration_until(spring.end_instant(&lisbon))
            .as_hours();
        assert_eq!(hours, 167);
        // Clocks go back on Sunday 25 October 2026: a Sunday week starting that day gains one.
        let autumn = Week::containing(ts("2026-10-25T12:00:00Z"), &lisbon, WeekStart::Sunday);
        assert_eq!(autumn.start().to_string(), "2026-10-25");
        let hours = autumn
            .first_instant(&lisbon)
            .duration_until(autumn.end_instant(&lisbon))
            .as_hours();
        assert_eq!(hours, 169);
        // The instant just before the change and just after it are in the same week.
        assert_eq!(
            Week::containing(ts("2026-10-25T00:59:59Z"), &lisbon, WeekStart::Sunday),
            Week::containing(ts("2026-10-25T01:00:00Z"), &lisbon, WeekStart::Sunday)
        );
    }

    #[test]
    fn a_week_starting_on_a_day_whose_midnight_is_skipped_starts_at_one() {
        // Santiago de Chile moves its clocks from 24:00 to 01:00 on Sunday 6 September 2026.
        let santiago = zone("America/Santiago");
        let week = Week::starting(date("2026-09-06"), WeekStart::Sunday).unwrap();
        let first = week.first_instant(&santiago);
        assert_eq!(first.to_zoned(santiago.clone()).date(), date("2026-09-06"));
        assert_eq!(first.to_zoned(santiago.clone()).hour(), 1);
        // The last instant of Saturday belongs to the week before.
        let before = first - jiff::SignedDuration::from_secs(1);
        assert_eq!(
            Week::containing(before, &santiago, WeekStart::Sunday),
            week.previous()
        );
        assert_eq!(Week::containing(first, &santiago, WeekStart::Sunday), week);
    }

    #[test]
    fn weeks_run_back_without_gaps_even_when_nothing_happened() {
        let weeks = recent_weeks(
            ts("2026-01-02T12:00:00Z"),
            &TimeZone::UTC,
            WeekStart::Saturday,
            4,
        );
        let starts: Vec<String> = weeks.iter().map(|w| w.start().to_string()).collect();
        assert_eq!(
            starts,
            ["2025-12-06", "2025-12-13", "2025-12-20", "2025-12-27"]
        );
        assert_eq!(weeks[3].label(), "27 Dec – 2 Jan");
        assert_eq!(weeks[2].label(), "20–26 Dec");
        assert_eq!(
            recent_weeks(
                ts("2026-01-02T12:00:00Z"),
                &TimeZone::UTC,
                WeekStart::Monday,
                0
            )
            .len(),
            1
        );
    }

    #[test]
    fn a_week_counts_in_the_month_holding_most_of_its_days() {
        let w = Week::starting(date("2026-11-30"), WeekStart::Monday).unwrap();
        assert_eq!(w.month().id(), "2026-12"); // 30 Nov – 6 Dec: six days in December
        let w = Week::starting(date("2026-11-27"), WeekStart::Friday).unwrap();
        assert_eq!(w.month().id(), "2026-11"); // 27 Nov – 3 Dec: four days in November
        let months: Vec<String> = months_ending(Month::of(date("2026-02-14")), 4)
            .iter()
            .map(Month::id)
            .collect();
        assert_eq!(months, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        assert_eq!(Month::of(date("2026-12-31")).next().label(), "Jan 2027");
    }

    const ZONES: &[&str] = &[
        "UTC",
        "America/New_York",
        "America/Santiago",
        "Europe/Lisbon",
        "Asia/Kolkata",
        "Australia/Lord_Howe",
        "Pacific/Chatham",
        "Pacific/Kiritimati",
    ];

    proptest! {
        #[test]
        fn every_instant_is_in_exactly_the_week_that_contains_its_local_date(
            secs in 1_577_836_800i64..2_051_222_400,
            zone_name in prop::sample::select(ZONES),
            start in prop::sample::select(WeekStart::ALL),
        ) {
            let zone = zone(zone_name);
            let at = Timestamp::from_second(secs).unwrap();
            let week = Week::containing(at, &zone, start);
            prop_assert_eq!(week.start().weekday(), start.weekday());
            prop_assert!(week.contains(at.to_zoned(zone.clone()).date()));
            prop_assert!(week.first_instant(&zone) <= at);
            prop_assert!(at < week.end_instant(&zone));
            prop_assert_eq!(week.end_instant(&zone), week.next().first_instant(&zone));
            prop_assert_eq!(week.next().previous(), week);
            let hours = week.first_instant(&zone).duration_until(week.end_instant(&zone)).as_hours();
            prop_assert!((166..=170).contains(&hours), "{} hours", hours);
            prop_assert_eq!(Week::starting(week.start(), start), Ok(week));
        }

        #[test]
        fn recent_weeks_are_consecutive_and_end_with_this_week(
            secs in 1_577_836_800i64..2_051_222_400,
            zone_name in prop::sample::select(ZONES),
            start in prop::sample::select(WeekStart::ALL),
            count in 1u32..60,
        ) {
            let zone = zone(zone_name);
            let now = Timestamp::from_second(secs).unwrap();
            let weeks = recent_weeks(now, &zone, start, count);
            prop_assert_eq!(weeks.len(), count as usize);
            for pair in weeks.windows(2) {
                prop_assert_eq!(pair[0].next(), pair[1]);
            }
            prop_assert_eq!(weeks[weeks.len() - 1], Week::containing(now, &zone, start));
        }
    }
}
