//! The self plan: concrete intentions in four areas of life outside the relationship, a weekly
//! check-in, a guided self-compassion exercise, and progress over weeks and months.
//!
//! A week with no check-in is simply empty: it is shown as a gap, never as a broken streak or a
//! zero.
//!
//! ```
//! use steady_core::plan::{Area, FollowThrough, FollowScore, IntentionText, Rating};
//!
//! assert_eq!(Area::parse("self_compassion"), Some(Area::SelfCompassion));
//! assert!(IntentionText::parse("   ").is_err());
//! assert!(Rating::parse("value_self", 11).is_err());
//! let mut score = FollowScore::default();
//! for f in [FollowThrough::Done, FollowThrough::Partly, FollowThrough::NotThisWeek] {
//!     score.add(f);
//! }
//! assert_eq!(score.percent(), Some(50)); // partly counts as half
//! ```

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::week::{months_ending, recent_weeks, Month, Week, WeekStart};
use crate::ValidationError;

/// Longest intention, in characters.
pub const MAX_INTENTION_CHARS: usize = 300;
/// Longest note, "one thing that helped" or exercise answer, in characters.
pub const MAX_NOTE_CHARS: usize = 5_000;
/// Most intentions a check-in can hold.
pub const MAX_ITEMS: usize = 100;
/// Largest weekly target.
pub const MAX_WEEKLY_TARGET: u8 = 21;

choices! {
    /// One of the four areas of a self plan.
    Area {
        Friendships => ("friendships", "Friendships"),
        Hobbies => ("hobbies", "Hobbies"),
        PersonalGoals => ("personal_goals", "Personal goals"),
        SelfCompassion => ("self_compassion", "Self-compassion"),
    }
}

impl Area {
    /// Why the area matters and examples of concrete intentions.
    pub fn hint(self) -> &'static str {
        match self {
            Area::Friendships => {
                "People who know you apart from your relationship. For example: call my sister on Sunday; coffee with Sam."
            }
            Area::Hobbies => {
                "Things you enjoy for their own sake. For example: run twice a week; an hour of guitar."
            }
            Area::PersonalGoals => {
                "Something you are building for yourself. For example: finish the course module; apply for two jobs."
            }
            Area::SelfCompassion => {
                "Treating yourself as you would treat a friend. For example: one kind sentence to myself each evening."
            }
        }
    }
}

choices! {
    /// Whether an intention is part of this week's plan.
    IntentionStatus {
        Active => ("active", "Active"),
        Paused => ("paused", "Paused"),
        Archived => ("archived", "Archived"),
    }
}

choices! {
    /// How an intention went this week.
    FollowThrough {
        Done => ("done", "Done"),
        Partly => ("partly", "Partly"),
        NotThisWeek => ("not_this_week", "Not this week"),
    }
}

/// A concrete intention, such as "call my sister": 1–300 characters, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntentionText(String);

impl IntentionText {
    /// Parses an intention.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(ValidationError::new(
                "text",
                "Write the intention in a few words, such as \u{201c}call my sister\u{201d}.",
            ));
        }
        if text.chars().count() > MAX_INTENTION_CHARS {
            return Err(ValidationError::new(
                "text",
                format!(
                    "Keep an intention under {MAX_INTENTION_CHARS} characters: one concrete thing."
                ),
            ));
        }
        Ok(Self(text.to_owned()))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How many times a week the person means to do it: 1–21.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(try_from = "i64", into = "u8")]
#[schema(value_type = u8, description = "1 to 21 times a week")]
pub struct WeeklyTarget(u8);

impl WeeklyTarget {
    /// Parses 1–21.
    pub fn parse(value: i64) -> Result<Self, ValidationError> {
        u8::try_from(value)
            .ok()
            .filter(|v| (1..=MAX_WEEKLY_TARGET).contains(v))
            .map(Self)
            .ok_or_else(|| {
                ValidationError::new(
                    "weekly_target",
                    format!(
                        "A weekly target is a number of times from 1 to {MAX_WEEKLY_TARGET}; {value} is not."
                    ),
                )
            })
    }

    /// The number of times.
    pub fn get(self) -> u8 {
        self.0
    }

    /// "once a week", "3 times a week".
    pub fn describe(self) -> String {
        match self.0 {
            1 => "once a week".to_owned(),
            2 => "twice a week".to_owned(),
            n => format!("{n} times a week"),
        }
    }
}

impl TryFrom<i64> for WeeklyTarget {
    type Error = String;
    fn try_from(value: i64) -> Result<Self, String> {
        Self::parse(value).map_err(|e| e.message)
    }
}

impl From<WeeklyTarget> for u8 {
    fn from(t: WeeklyTarget) -> u8 {
        t.0
    }
}

/// A rating from 0 to 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(try_from = "i64", into = "u8")]
#[schema(value_type = u8, description = "0 to 10")]
pub struct Rating(u8);

impl Rating {
    /// Parses 0–10 for `field`.
    pub fn parse(field: &'static str, value: i64) -> Result<Self, ValidationError> {
        u8::try_from(value)
            .ok()
            .filter(|v| *v <= 10)
            .map(Self)
            .ok_or_else(|| {
                ValidationError::new(field, format!("A rating is from 0 to 10; {value} is not."))
            })
    }

    /// The value.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Rating {
    type Error = String;
    fn try_from(value: i64) -> Result<Self, String> {
        Self::parse("rating", value).map_err(|e| e.message)
    }
}

impl From<Rating> for u8 {
    fn from(r: Rating) -> u8 {
        r.0
    }
}

fn check_length(field: &'static str, text: &str) -> Result<(), ValidationError> {
    if text.chars().count() > MAX_NOTE_CHARS {
        Err(ValidationError::new(
            field,
            format!("Keep this under {MAX_NOTE_CHARS} characters."),
        ))
    } else {
        Ok(())
    }
}

/// How one intention went in a week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckinItem {
    /// The intention.
    pub intention_id: String,
    /// The intention's area when the check-in was saved (filled in by Steady).
    #[serde(default)]
    pub area: Option<Area>,
    /// Done, partly, or not this week.
    pub status: FollowThrough,
    /// A note, in the person's words.
    #[serde(default)]
    pub note: String,
}

/// A weekly check-in. Everything is optional, but it must hold something.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CheckinContent {
    /// How each intention went.
    pub items: Vec<CheckinItem>,
    /// "How much did I value myself this week?" 0–10.
    pub value_self: Option<Rating>,
    /// "How secure did I feel in my relationship this week?" 0–10.
    pub secure: Option<Rating>,
    /// One thing that helped.
    pub helped: String,
}

impl CheckinContent {
    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
            && self.value_self.is_none()
            && self.secure.is_none()
            && self.helped.trim().is_empty()
    }

    /// Checks sizes, repeated intentions, and that something was recorded.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.is_empty() {
            return Err(ValidationError::new(
                "items",
                "Mark at least one intention, give a rating, or write one thing that helped.",
            ));
        }
        if self.items.len() > MAX_ITEMS {
            return Err(ValidationError::new(
                "items",
                format!("A check-in holds at most {MAX_ITEMS} intentions."),
            ));
        }
        for (i, item) in self.items.iter().enumerate() {
            if self.items[..i]
                .iter()
                .any(|other| other.intention_id == item.intention_id)
            {
                return Err(ValidationError::new(
                    "items",
                    "Each intention can appear once in a check-in.",
                ));
            }
            check_length("note", &item.note)?;
        }
        check_length("helped", &self.helped)
    }

    /// Every piece of free text, for safety checks.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.items
            .iter()
            .map(|i| i.note.as_str())
            .chain(std::iter::once(self.helped.as_str()))
            .filter(|t| !t.trim().is_empty())
    }
}

/// The guided self-compassion exercise. At least one answer is needed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CompassionContent {
    /// What I'm going through right now.
    pub going_through: String,
    /// Others feel this too: how this is part of being human.
    pub common_humanity: String,
    /// What I would say to a friend in my place.
    pub kind_words: String,
}

impl CompassionContent {
    /// The three prompts, in order, with the answer to each.
    pub fn answers(&self) -> [(&'static str, &str); 3] {
        [
            ("What I'm going through", &self.going_through),
            ("Others feel this too", &self.common_humanity),
            ("What I would say to a friend in my place", &self.kind_words),
        ]
    }

    /// Checks sizes and that at least one answer was written.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.answers().iter().all(|(_, a)| a.trim().is_empty()) {
            return Err(ValidationError::new(
                "going_through",
                "Write at least a line, even just what you're going through.",
            ));
        }
        check_length("going_through", &self.going_through)?;
        check_length("common_humanity", &self.common_humanity)?;
        check_length("kind_words", &self.kind_words)
    }
}

/// Intentions marked done, partly, or not this week. Partly counts as half.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FollowScore {
    /// Done.
    pub done: u32,
    /// Partly.
    pub partly: u32,
    /// Not this week.
    pub not_this_week: u32,
}

impl FollowScore {
    /// Counts one.
    pub fn add(&mut self, f: FollowThrough) {
        let slot = match f {
            FollowThrough::Done => &mut self.done,
            FollowThrough::Partly => &mut self.partly,
            FollowThrough::NotThisWeek => &mut self.not_this_week,
        };
        *slot = slot.saturating_add(1);
    }

    /// Adds another score.
    pub fn merge(&mut self, other: &FollowScore) {
        self.done = self.done.saturating_add(other.done);
        self.partly = self.partly.saturating_add(other.partly);
        self.not_this_week = self.not_this_week.saturating_add(other.not_this_week);
    }

    /// Intentions marked.
    pub fn total(&self) -> u32 {
        self.done
            .saturating_add(self.partly)
            .saturating_add(self.not_this_week)
    }

    /// Follow-through in whole percent (done = 1, partly = ½), rounded half up; `None` when
    /// nothing was marked.
    pub fn percent(&self) -> Option<u32> {
        let total = u64::from(self.total());
        if total == 0 {
            return None;
        }
        // Points in halves; percent = points / (2 total) × 100, rounded half up.
        let points = 2 * u64::from(self.done) + u64::from(self.partly);
        Some(((100 * points + total) / (2 * total)) as u32)
    }
}

/// The average of some ratings, kept exact as a sum and a count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Average {
    sum: u32,
    count: u32,
}

impl Average {
    /// Adds a rating.
    pub fn add(&mut self, r: Rating) {
        self.sum = self.sum.saturating_add(u32::from(r.get()));
        self.count = self.count.saturating_add(1);
    }

    /// How many ratings.
    pub fn count(&self) -> u32 {
        self.count
    }

    /// The average in tenths (6.5 is 65), rounded half up; `None` without ratings.
    pub fn tenths(&self) -> Option<u32> {
        (self.count > 0).then(|| (20 * self.sum + self.count) / (2 * self.count))
    }

    /// The average with one decimal, such as "6.5"; `None` without ratings.
    pub fn text(&self) -> Option<String> {
        self.tenths().map(|t| format!("{}.{}", t / 10, t % 10))
    }
}

/// What progress needs from one check-in (no free text).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CheckinFacts {
    /// The day its week started.
    pub week_start: Date,
    /// The area and follow-through of each intention marked.
    pub items: Vec<(Area, FollowThrough)>,
    /// How much I valued myself.
    pub value_self: Option<Rating>,
    /// How secure I felt.
    pub secure: Option<Rating>,
}

/// Follow-through in each area, in [`Area::ALL`] order.
pub type AreaScores = [FollowScore; 4];

fn area_index(area: Area) -> usize {
    match area {
        Area::Friendships => 0,
        Area::Hobbies => 1,
        Area::PersonalGoals => 2,
        Area::SelfCompassion => 3,
    }
}

fn scores_of(items: &[(Area, FollowThrough)]) -> AreaScores {
    let mut scores = AreaScores::default();
    for (area, f) in items {
        scores[area_index(*area)].add(*f);
    }
    scores
}

/// One week of progress. A week without a check-in has `checked_in == false` and nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekProgress {
    /// The week.
    pub week: Week,
    /// Whether there was a check-in.
    pub checked_in: bool,
    /// Follow-through per area.
    pub areas: AreaScores,
    /// How much I valued myself.
    pub value_self: Option<Rating>,
    /// How secure I felt.
    pub secure: Option<Rating>,
}

impl WeekProgress {
    /// Follow-through in one area.
    pub fn area(&self, area: Area) -> &FollowScore {
        &self.areas[area_index(area)]
    }
}

/// One month of progress: the check-ins whose weeks fall mostly in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthProgress {
    /// The month.
    pub month: Month,
    /// Check-ins counted.
    pub checkins: u32,
    /// Follow-through per area.
    pub areas: AreaScores,
    /// Average of "how much did I value myself".
    pub value_self: Average,
    /// Average of "how secure did I feel".
    pub secure: Average,
}

impl MonthProgress {
    /// Follow-through in one area.
    pub fn area(&self, area: Area) -> &FollowScore {
        &self.areas[area_index(area)]
    }
}

/// Progress over recent weeks and months.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Every week of the window, oldest first, with or without a check-in.
    pub weeks: Vec<WeekProgress>,
    /// Every month of the window, oldest first.
    pub months: Vec<MonthProgress>,
    /// Follow-through per area over the weeks of the window.
    pub areas: AreaScores,
}

impl Progress {
    /// Follow-through over the window in one area.
    pub fn area(&self, area: Area) -> &FollowScore {
        &self.areas[area_index(area)]
    }

    /// Gathers check-ins into the `weeks` weeks and `months` months ending now, in the person's
    /// zone, with weeks starting on `start`.
    ///
    /// A check-in belongs to the week (as the person's weeks run now) that contains the day its
    /// own week started, so changing the start day never loses one; if two then share a week,
    /// the one that started later counts. Months count every check-in whose week lies mostly in
    /// them.
    pub fn build(
        facts: &[CheckinFacts],
        now: Timestamp,
        zone: &TimeZone,
        start: WeekStart,
        weeks: u32,
        months: u32,
    ) -> Self {
        let mut week_rows: Vec<WeekProgress> = recent_weeks(now, zone, start, weeks)
            .into_iter()
            .map(|week| WeekProgress {
                week,
                checked_in: false,
                areas: AreaScores::default(),
                value_self: None,
                secure: None,
            })
            .collect();
        let mut sorted: Vec<&CheckinFacts> = facts.iter().collect();
        sorted.sort();
        for fact in &sorted {
            let week = Week::containing_date(fact.week_start, start);
            if let Some(row) = week_rows.iter_mut().find(|r| r.week == week) {
                row.checked_in = true;
                row.areas = scores_of(&fact.items);
                row.value_self = fact.value_self;
                row.secure = fact.secure;
            }
        }

        let today = now.to_zoned(zone.clone()).date();
        let current = Week::containing(now, zone, start).month();
        let last = Month::of(today).max(current);
        let mut month_rows: Vec<MonthProgress> = months_ending(last, months)
            .into_iter()
            .map(|month| MonthProgress {
                month,
                checkins: 0,
                areas: AreaScores::default(),
                value_self: Average::default(),
                secure: Average::default(),
            })
            .collect();
        for fact in &sorted {
            let month = Month::of(
                fact.week_start
                    .checked_add(jiff::Span::new().days(3))
                    .unwrap_or(fact.week_start),
            );
            let Some(row) = month_rows.iter_mut().find(|r| r.month == month) else {
                continue;
            };
            row.checkins += 1;
            let scores = scores_of(&fact.items);
            for (mine, other) in row.areas.iter_mut().zip(scores.iter()) {
                mine.merge(other);
            }
            if let Some(r) = fact.value_self {
                row.value_self.add(r);
            }
            if let Some(r) = fact.secure {
                row.secure.add(r);
            }
        }

        let mut areas = AreaScores::default();
        for row in &week_rows {
            for (total, week) in areas.iter_mut().zip(row.areas.iter()) {
                total.merge(week);
            }
        }
        Self {
            weeks: week_rows,
            months: month_rows,
            areas,
        }
    }

    /// Weeks of the window with a check-in.
    pub fn weeks_checked_in(&self) -> usize {
        self.weeks.iter().filter(|w| w.checked_in).count()
    }
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

    fn rating(v: i64) -> Option<Rating> {
        Some(Rating::parse("value_self", v).unwrap())
    }

    fn facts(week: &str, items: &[(Area, FollowThrough)], v: i64, s: i64) -> CheckinFacts {
        CheckinFacts {
            week_start: date(week),
            items: items.to_vec(),
            value_self: rating(v),
            secure: rating(s),
        }
    }

    use Area::{Friendships, Hobbies, SelfCompassion};
    use FollowThrough::{Done, NotThisWeek, Partly};

    #[test]
    fn values_are_parsed_with_a_field_and_a_message() {
        assert_eq!(
            IntentionText::parse("  call my sister ").unwrap().as_str(),
            "call my sister"
        );
        assert_eq!(IntentionText::parse("").unwrap_err().field, "text");
        assert!(IntentionText::parse(&"x".repeat(301)).is_err());
        assert!(IntentionText::parse(&"é".repeat(300)).is_ok());
        assert_eq!(WeeklyTarget::parse(2).unwrap().describe(), "twice a week");
        assert_eq!(WeeklyTarget::parse(0).unwrap_err().field, "weekly_target");
        assert!(WeeklyTarget::parse(22).is_err());
        assert_eq!(Rating::parse("secure", -1).unwrap_err().field, "secure");
        assert_eq!(Rating::parse("secure", 10).unwrap().get(), 10);
        let r: Result<Rating, _> = serde_json::from_str("11");
        assert!(r.is_err());
    }

    #[test]
    fn a_checkin_must_hold_something_and_name_each_intention_once() {
        assert_eq!(
            CheckinContent::default().validate().unwrap_err().field,
            "items"
        );
        let only_helped = CheckinContent {
            helped: "A long walk with Jo".into(),
            ..Default::default()
        };
        assert!(only_helped.validate().is_ok());
        let item = CheckinItem {
            intention_id: "a".into(),
            area: None,
            status: Done,
            note: String::new(),
        };
        let twice = CheckinContent {
            items: vec![item.clone(), item.clone()],
            ..Default::default()
        };
        assert!(twice.validate().is_err());
        let long_note = CheckinContent {
            items: vec![CheckinItem {
                note: "x".repeat(MAX_NOTE_CHARS + 1),
                ..item
            }],
            ..Default::default()
        };
        assert_eq!(long_note.validate().unwrap_err().field, "note");
        let unknown: Result<CheckinContent, _> = serde_json::from_str(r#"{"mood": 3}"#);
        assert!(unknown.is_err());
        assert!(CompassionContent::default().validate().is_err());
        let one = CompassionContent {
            kind_words: "You're doing your best.".into(),
            ..Default::default()
        };
        assert!(one.validate().is_ok());
    }

    #[test]
    fn follow_through_counts_partly_as_half() {
        let mut s = FollowScore::default();
        assert_eq!(s.percent(), None);
        s.add(Done);
        s.add(Partly);
        assert_eq!(s.percent(), Some(75));
        s.add(NotThisWeek);
        assert_eq!(s.percent(), Some(50));
        let mut third = FollowScore::default();
        third.add(Partly);
        third.add(NotThisWeek);
        third.add(NotThisWeek);
        assert_eq!(third.percent(), Some(17)); // 16.67 rounds to 17
        let mut avg = Average::default();
        assert_eq!(avg.text(), None);
        for v in [6, 7] {
            avg.add(Rating::parse("x", v).unwrap());
        }
        assert_eq!(avg.text().as_deref(), Some("6.5"));
        avg.add(Rating::parse("x", 7).unwrap());
        assert_eq!(avg.tenths(), Some(67)); // 6.666…
    }

    #[test]
    fn missed_weeks_stay_empty_and_are_not_zeros() {
        let now = ts("2026-11-25T12:00:00Z"); // Wednesday
        let f = [
            facts(
                "2026-11-02",
                &[(Friendships, Done), (Hobbies, NotThisWeek)],
                4,
                5,
            ),
            facts("2026-11-23", &[(Friendships, Partly)], 6, 5),
        ];
        let p = Progress::build(&f, now, &TimeZone::UTC, WeekStart::Monday, 4, 3);
        let checked: Vec<bool> = p.weeks.iter().map(|w| w.checked_in).collect();
        assert_eq!(checked, [true, false, false, true]);
        for empty in &p.weeks[1..3] {
            assert_eq!(empty.value_self, None);
            assert_eq!(empty.area(Friendships).percent(), None);
        }
        assert_eq!(p.weeks[0].area(Friendships).percent(), Some(100));
        assert_eq!(p.weeks[0].area(Hobbies).percent(), Some(0));
        assert_eq!(p.weeks[3].area(Friendships).percent(), Some(50));
        assert_eq!(p.area(Friendships).percent(), Some(75));
        assert_eq!(p.area(SelfCompassion).percent(), None);
        assert_eq!(p.weeks_checked_in(), 2);
        // Months: September and October empty, November holds both check-ins.
        let months: Vec<(String, u32)> = p
            .months
            .iter()
            .map(|m| (m.month.id(), m.checkins))
            .collect();
        assert_eq!(
            months,
            [
                ("2026-09".into(), 0),
                ("2026-10".into(), 0),
                ("2026-11".into(), 2)
            ]
        );
        assert_eq!(p.months[2].value_self.text().as_deref(), Some("5.0"));
        assert_eq!(p.months[0].value_self.text(), None);
    }

    #[test]
    fn the_start_day_and_time_zone_decide_which_week_is_this_week() {
        // Saturday 28 Nov 2026, 20:00 in Los Angeles (Sunday 04:00 UTC).
        let now = ts("2026-11-29T04:00:00Z");
        let f = [facts("2026-11-22", &[(Hobbies, Done)], 7, 7)];
        let la = TimeZone::get("America/Los_Angeles").unwrap();
        let p = Progress::build(&f, now, &la, WeekStart::Sunday, 2, 1);
        assert_eq!(p.weeks[1].week.start(), date("2026-11-22"));
        assert!(p.weeks[1].checked_in);
        // In UTC it is already Sunday 29th: that check-in is last week's.
        let p = Progress::build(&f, now, &TimeZone::UTC, WeekStart::Sunday, 2, 1);
        assert_eq!(p.weeks[1].week.start(), date("2026-11-29"));
        assert!(p.weeks[0].checked_in && !p.weeks[1].checked_in);
    }

    #[test]
    fn changing_the_start_day_keeps_every_checkin() {
        let now = ts("2026-11-25T12:00:00Z");
        // Recorded with Monday weeks, then the person switched to Sunday weeks and checked in again.
        let f = [
            facts("2026-11-09", &[(Hobbies, Done)], 3, 3),
            facts("2026-11-16", &[(Hobbies, Partly)], 4, 4),
            facts("2026-11-22", &[(Hobbies, NotThisWeek)], 5, 5),
        ];
        let p = Progress::build(&f, now, &TimeZone::UTC, WeekStart::Sunday, 3, 1);
        let starts: Vec<String> = p.weeks.iter().map(|w| w.week.start().to_string()).collect();
        assert_eq!(starts, ["2026-11-08", "2026-11-15", "2026-11-22"]);
        let values: Vec<Option<u8>> = p
            .weeks
            .iter()
            .map(|w| w.value_self.map(Rating::get))
            .collect();
        assert_eq!(values, [Some(3), Some(4), Some(5)]);
        assert_eq!(p.months[0].checkins, 3);
    }

    #[test]
    fn the_month_window_reaches_the_month_this_week_counts_in() {
        // Tuesday 1 December 2026 with Friday weeks: this week is 27 Nov – 3 Dec and counts in
        // November; the window still ends with December.
        let now = ts("2026-12-01T12:00:00Z");
        let f = [facts("2026-11-27", &[], 8, 8)];
        let p = Progress::build(&f, now, &TimeZone::UTC, WeekStart::Friday, 1, 2);
        assert_eq!(p.months[0].month.id(), "2026-11");
        assert_eq!(p.months[0].checkins, 1);
        assert_eq!(p.months[1].month.id(), "2026-12");
        // Monday 30 November with Monday weeks: this week counts in December.
        let now = ts("2026-11-30T12:00:00Z");
        let f = [facts("2026-11-30", &[], 8, 8)];
        let p = Progress::build(&f, now, &TimeZone::UTC, WeekStart::Monday, 1, 2);
        assert_eq!(p.months[1].month.id(), "2026-12");
        assert_eq!(p.months[1].checkins, 1);
    }

    fn arb_facts() -> impl Strategy<Value = Vec<CheckinFacts>> {
        let fact = (
            0i64..400,
            prop::collection::vec(
                (
                    prop::sample::select(Area::ALL),
                    prop::sample::select(FollowThrough::ALL),
                ),
                0..6,
            ),
            prop::option::of(0i64..=10),
            prop::option::of(0i64..=10),
        )
            .prop_map(|(back, items, v, s)| CheckinFacts {
                week_start: date("2026-12-31")
                    .checked_sub(jiff::Span::new().days(back))
                    .unwrap(),
                items,
                value_self: v.map(|v| Rating::parse("v", v).unwrap()),
                secure: s.map(|s| Rating::parse("s", s).unwrap()),
            });
        prop::collection::vec(fact, 0..30)
    }

    proptest! {
        #[test]
        fn progress_stays_in_bounds_and_ignores_order(
            f in arb_facts(),
            start in prop::sample::select(WeekStart::ALL),
            weeks in 1u32..60,
            months in 1u32..15,
        ) {
            let now = ts("2027-01-01T12:00:00Z");
            let p = Progress::build(&f, now, &TimeZone::UTC, start, weeks, months);
            prop_assert_eq!(p.weeks.len(), weeks as usize);
            prop_assert_eq!(p.months.len(), months as usize);
            for w in &p.weeks {
                if !w.checked_in {
                    prop_assert_eq!(w.value_self, None);
                    prop_assert_eq!(w.areas, AreaScores::default());
                }
                for a in Area::ALL {
                    prop_assert!(w.area(*a).percent().is_none_or(|p| p <= 100));
                }
            }
            for m in &p.months {
                prop_assert!(m.value_self.tenths().is_none_or(|t| t <= 100));
                prop_assert!(m.value_self.count() <= m.checkins);
            }
            let counted: u32 = p.months.iter().map(|m| m.checkins).sum();
            prop_assert!(counted as usize <= f.len());
            let mut reversed = f.clone();
            reversed.reverse();
            prop_assert_eq!(Progress::build(&reversed, now, &TimeZone::UTC, start, weeks, months), p);
        }
    }
}
