//! The emotional bank account: bids tallied per week in the person's own time zone.
//!
//! A deposit is a bid that was turned toward; a withdrawal one that was turned away from or
//! against. "Not sure yet" is counted as logged but left out of every rate. Weeks start on
//! Monday (ISO 8601) at local midnight, so a bid logged late on a Sunday evening belongs to
//! the week it felt like it belonged to, wherever the person lives.
//!
//! ```
//! use jiff::{tz::TimeZone, Timestamp};
//! use steady_core::{BidDirection, BidFact, BidKind, BidResponse, Ledger};
//!
//! let now: Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
//! let fact = |response| BidFact {
//!     at: now,
//!     direction: BidDirection::PartnerToMe,
//!     kind: BidKind::CheckedIn,
//!     response,
//! };
//! let facts = [fact(BidResponse::TurnedToward), fact(BidResponse::TurnedToward),
//!              fact(BidResponse::TurnedAway), fact(BidResponse::NotSure)];
//! let ledger = Ledger::build(&facts, now, &TimeZone::UTC, 4);
//! assert_eq!(ledger.weeks.len(), 4);
//! let this_week = ledger.weeks[3].partner_to_me;
//! assert_eq!((this_week.deposits(), this_week.withdrawals(), this_week.total()), (2, 1, 4));
//! assert_eq!(this_week.turning_toward_rate().unwrap().percent(), 67);
//! assert!(!ledger.enough_data(BidDirection::PartnerToMe)); // four bids mean little yet
//! ```

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};

use crate::bid::{BidDirection, BidKind, BidResponse};

/// Answered bids (turned toward, away or against) one direction needs, over at least
/// [`MIN_WEEKS`] weeks, before its rate is set beside research figures.
pub const MIN_ANSWERED: u32 = 20;
/// Distinct weeks with answered bids needed before a rate is set beside research figures.
pub const MIN_WEEKS: usize = 2;
/// Answered bids of one kind needed before a pattern about that kind is shown.
pub const MIN_PATTERN_ANSWERED: u32 = 3;
/// Most weeks a ledger covers.
pub const MAX_WEEKS: u32 = 104;

/// Reference points from the Gottmans' research, and what they can and cannot say.
pub mod reference {
    /// Percent of bids turned toward by newlywed couples still together six years later.
    pub const STAYED_TOGETHER_PERCENT: u32 = 86;
    /// Percent of bids turned toward by newlywed couples who had divorced six years later.
    pub const DIVORCED_PERCENT: u32 = 33;
    /// Positive interactions for each negative one in stable couples, during conflict.
    pub const CONFLICT_RATIO: u32 = 5;
    /// Said next to every comparison.
    pub const CAVEAT: &str = "These figures come from couples observed and coded by researchers \
        in a lab. Your log is your own view of the moments you happened to notice and write down, \
        so it is not comparable with them, and no number here predicts what will happen in your \
        relationship.";
}

/// One logged bid, without its note: all the ledger needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BidFact {
    /// When it happened.
    pub at: Timestamp,
    /// Who made it.
    pub direction: BidDirection,
    /// What kind of bid it was.
    pub kind: BidKind,
    /// How it was answered.
    pub response: BidResponse,
}

/// Bids counted by how they were answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Turned toward (deposits).
    pub turned_toward: u32,
    /// Turned away.
    pub turned_away: u32,
    /// Turned against.
    pub turned_against: u32,
    /// Not sure yet (in no rate).
    pub not_sure: u32,
}

impl Tally {
    /// Counts one bid.
    pub fn add(&mut self, response: BidResponse) {
        let slot = match response {
            BidResponse::TurnedToward => &mut self.turned_toward,
            BidResponse::TurnedAway => &mut self.turned_away,
            BidResponse::TurnedAgainst => &mut self.turned_against,
            BidResponse::NotSure => &mut self.not_sure,
        };
        *slot = slot.saturating_add(1);
    }

    /// Adds another tally to this one.
    pub fn merge(&mut self, other: &Tally) {
        self.turned_toward = self.turned_toward.saturating_add(other.turned_toward);
        self.turned_away = self.turned_away.saturating_add(other.turned_away);
        self.turned_against = self.turned_against.saturating_add(other.turned_against);
        self.not_sure = self.not_sure.saturating_add(other.not_sure);
    }

    /// Deposits: bids turned toward.
    pub fn deposits(&self) -> u32 {
        self.turned_toward
    }

    /// Withdrawals: bids turned away from or against.
    pub fn withdrawals(&self) -> u32 {
        self.turned_away.saturating_add(self.turned_against)
    }

    /// Bids whose answer is known.
    pub fn answered(&self) -> u32 {
        self.deposits().saturating_add(self.withdrawals())
    }

    /// Every bid logged, including "not sure yet".
    pub fn total(&self) -> u32 {
        self.answered().saturating_add(self.not_sure)
    }

    /// Turned toward ÷ answered; `None` when nothing was answered.
    pub fn turning_toward_rate(&self) -> Option<Rate> {
        Rate::new(self.deposits(), self.answered())
    }
}

/// A share of answered bids that were turned toward. The denominator is never zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    toward: u32,
    answered: u32,
}

impl Rate {
    /// `toward` of `answered`; `None` when `answered` is zero or smaller than `toward`.
    pub fn new(toward: u32, answered: u32) -> Option<Self> {
        (answered > 0 && toward <= answered).then_some(Self { toward, answered })
    }

    /// Bids turned toward.
    pub fn toward(&self) -> u32 {
        self.toward
    }

    /// Bids answered.
    pub fn answered(&self) -> u32 {
        self.answered
    }

    /// The share, from 0 to 1.
    pub fn fraction(&self) -> f64 {
        f64::from(self.toward) / f64::from(self.answered)
    }

    /// The share in whole percent, rounded half up (2 of 3 is 67).
    pub fn percent(&self) -> u32 {
        let (t, a) = (u64::from(self.toward), u64::from(self.answered));
        // Exact integer rounding: floor((200t + a) / 2a).
        ((200 * t + a) / (2 * a)) as u32
    }
}

/// Positive to negative moments: deposits and withdrawals, both directions together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    /// Deposits.
    pub positive: u32,
    /// Withdrawals.
    pub negative: u32,
}

impl Ratio {
    /// Positive moments for each negative one; `None` when there were no negative ones.
    pub fn per_negative(&self) -> Option<f64> {
        (self.negative > 0).then(|| f64::from(self.positive) / f64::from(self.negative))
    }
}

/// One week's bids, per direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekTally {
    /// The Monday the week starts on (local date).
    pub start: Date,
    /// My partner's bids, by how I answered.
    pub partner_to_me: Tally,
    /// My bids, by how my partner answered.
    pub me_to_partner: Tally,
}

impl WeekTally {
    /// The Sunday the week ends on.
    pub fn end(&self) -> Date {
        self.start
            .checked_add(Span::new().days(6))
            .unwrap_or(self.start)
    }

    /// The tally of one direction.
    pub fn of(&self, direction: BidDirection) -> &Tally {
        match direction {
            BidDirection::PartnerToMe => &self.partner_to_me,
            BidDirection::MeToPartner => &self.me_to_partner,
        }
    }

    fn of_mut(&mut self, direction: BidDirection) -> &mut Tally {
        match direction {
            BidDirection::PartnerToMe => &mut self.partner_to_me,
            BidDirection::MeToPartner => &mut self.me_to_partner,
        }
    }
}

/// How often one kind of bid was logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindCount {
    /// The kind.
    pub kind: BidKind,
    /// How many were logged.
    pub count: u32,
}

/// How one kind of bid was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindTally {
    /// The kind.
    pub kind: BidKind,
    /// Its answers.
    pub tally: Tally,
}

/// What recurs in the log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Patterns {
    /// Kinds of my partner's bids I noticed, most often first.
    pub noticed: Vec<KindCount>,
    /// Kinds of my own bids with at least [`MIN_PATTERN_ANSWERED`] answers, most often turned
    /// toward first.
    pub my_bids: Vec<KindTally>,
}

/// The ledger over a number of whole weeks ending with the current one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    /// Every week of the window, oldest first, including weeks with nothing logged.
    pub weeks: Vec<WeekTally>,
    /// My partner's bids over the window.
    pub partner_to_me: Tally,
    /// My bids over the window.
    pub me_to_partner: Tally,
    /// What recurs over the window.
    pub patterns: Patterns,
}

/// The Monday (local date) of the week containing `at` in `zone`.
pub fn week_start(at: Timestamp, zone: &TimeZone) -> Date {
    monday_of(at.to_zoned(zone.clone()).date())
}

fn monday_of(date: Date) -> Date {
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_sub(Span::new().days(back)).unwrap_or(date)
}

fn weeks_before(date: Date, weeks: u32) -> Date {
    date.checked_sub(Span::new().days(7 * i64::from(weeks)))
        .unwrap_or(date)
}

/// The week starts (Mondays) of the `weeks` whole weeks ending with the one containing `now`,
/// oldest first. `weeks` is clamped to 1..=[`MAX_WEEKS`].
pub fn week_starts(now: Timestamp, zone: &TimeZone, weeks: u32) -> Vec<Date> {
    let weeks = weeks.clamp(1, MAX_WEEKS);
    let current = week_start(now, zone);
    (0..weeks)
        .rev()
        .map(|back| weeks_before(current, back))
        .collect()
}

/// The first instant of the window [`Ledger::build`] covers: local midnight (or the first
/// instant after it, on a day a clock change skips midnight) of its oldest Monday.
pub fn window_start(now: Timestamp, zone: &TimeZone, weeks: u32) -> Timestamp {
    let starts = week_starts(now, zone, weeks);
    let oldest = starts
        .first()
        .copied()
        .unwrap_or_else(|| week_start(now, zone));
    oldest
        .to_zoned(zone.clone())
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::MIN)
}

impl Ledger {
    /// Tallies `facts` into the `weeks` whole weeks (clamped to 1..=[`MAX_WEEKS`]) ending with
    /// the week containing `now`, in `zone`. Facts outside the window are left out.
    pub fn build(facts: &[BidFact], now: Timestamp, zone: &TimeZone, weeks: u32) -> Self {
        let mut tallies: Vec<WeekTally> = week_starts(now, zone, weeks)
            .into_iter()
            .map(|start| WeekTally {
                start,
                partner_to_me: Tally::default(),
                me_to_partner: Tally::default(),
            })
            .collect();
        let mut noticed: Vec<KindCount> = Vec::new();
        let mut mine: Vec<KindTally> = Vec::new();
        for fact in facts {
            let start = week_start(fact.at, zone);
            let Some(week) = tallies.iter_mut().find(|w| w.start == start) else {
                continue;
            };
            week.of_mut(fact.direction).add(fact.response);
            match fact.direction {
                BidDirection::PartnerToMe => match noticed.iter_mut().find(|k| k.kind == fact.kind)
                {
                    Some(k) => k.count = k.count.saturating_add(1),
                    None => noticed.push(KindCount {
                        kind: fact.kind,
                        count: 1,
                    }),
                },
                BidDirection::MeToPartner => match mine.iter_mut().find(|k| k.kind == fact.kind) {
                    Some(k) => k.tally.add(fact.response),
                    None => {
                        let mut tally = Tally::default();
                        tally.add(fact.response);
                        mine.push(KindTally {
                            kind: fact.kind,
                            tally,
                        });
                    }
                },
            }
        }
        let mut partner_to_me = Tally::default();
        let mut me_to_partner = Tally::default();
        for week in &tallies {
            partner_to_me.merge(&week.partner_to_me);
            me_to_partner.merge(&week.me_to_partner);
        }
        noticed.sort_by(|a, b| b.count.cmp(&a.count).then(a.kind.cmp(&b.kind)));
        mine.retain(|k| k.tally.answered() >= MIN_PATTERN_ANSWERED);
        mine.sort_by(|a, b| {
            // Compare toward/answered exactly: a.t * b.n vs b.t * a.n.
            let left = u64::from(b.tally.deposits()) * u64::from(a.tally.answered());
            let right = u64::from(a.tally.deposits()) * u64::from(b.tally.answered());
            left.cmp(&right)
                .then(b.tally.answered().cmp(&a.tally.answered()))
                .then(a.kind.cmp(&b.kind))
        });
        Self {
            weeks: tallies,
            partner_to_me,
            me_to_partner,
            patterns: Patterns {
                noticed,
                my_bids: mine,
            },
        }
    }

    /// The window's tally for one direction.
    pub fn totals(&self, direction: BidDirection) -> &Tally {
        match direction {
            BidDirection::PartnerToMe => &self.partner_to_me,
            BidDirection::MeToPartner => &self.me_to_partner,
        }
    }

    /// Deposits against withdrawals over the window, both directions together.
    pub fn ratio(&self) -> Ratio {
        Ratio {
            positive: self
                .partner_to_me
                .deposits()
                .saturating_add(self.me_to_partner.deposits()),
            negative: self
                .partner_to_me
                .withdrawals()
                .saturating_add(self.me_to_partner.withdrawals()),
        }
    }

    /// Weeks in which at least one bid of `direction` was answered.
    pub fn weeks_with_answers(&self, direction: BidDirection) -> usize {
        self.weeks
            .iter()
            .filter(|w| w.of(direction).answered() > 0)
            .count()
    }

    /// Whether `direction` has enough answered bids, over enough weeks, for its rate to be set
    /// beside research figures at all.
    pub fn enough_data(&self, direction: BidDirection) -> bool {
        self.totals(direction).answered() >= MIN_ANSWERED
            && self.weeks_with_answers(direction) >= MIN_WEEKS
    }

    /// Whether the ratio of positive to negative moments has enough behind it to be shown
    /// beside the 5:1 reference.
    pub fn enough_data_for_ratio(&self) -> bool {
        let r = self.ratio();
        r.positive.saturating_add(r.negative) >= MIN_ANSWERED
            && self
                .weeks
                .iter()
                .filter(|w| w.partner_to_me.answered() + w.me_to_partner.answered() > 0)
                .count()
                >= MIN_WEEKS
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn zone(name: &str) -> TimeZone {
        TimeZone::get(name).unwrap()
    }

    fn fact(at: &str, direction: BidDirection, response: BidResponse) -> BidFact {
        BidFact {
            at: ts(at),
            direction,
            kind: BidKind::CheckedIn,
            response,
        }
    }

    use BidDirection::{MeToPartner, PartnerToMe};
    use BidResponse::{NotSure, TurnedAgainst, TurnedAway, TurnedToward};

    #[test]
    fn a_sunday_evening_belongs_to_that_week_in_the_persons_zone() {
        // Sunday 29 Nov 2026, 23:30 in New York is Monday 30 Nov, 04:30 UTC.
        let at = ts("2026-11-30T04:30:00Z");
        assert_eq!(
            week_start(at, &zone("America/New_York")).to_string(),
            "2026-11-23"
        );
        assert_eq!(week_start(at, &TimeZone::UTC).to_string(), "2026-11-30");
        // Monday 00:30 in Tokyo is still Sunday in UTC.
        let at = ts("2026-11-29T15:30:00Z");
        assert_eq!(
            week_start(at, &zone("Asia/Tokyo")).to_string(),
            "2026-11-30"
        );
        assert_eq!(week_start(at, &TimeZone::UTC).to_string(), "2026-11-23");

        let now = ts("2026-12-02T12:00:00Z");
        let facts = [fact("2026-11-30T04:30:00Z", PartnerToMe, TurnedToward)];
        let ny = Ledger::build(&facts, now, &zone("America/New_York"), 2);
        assert_eq!(ny.weeks[0].partner_to_me.turned_toward, 1);
        assert_eq!(ny.weeks[1].partner_to_me.turned_toward, 0);
        let utc = Ledger::build(&facts, now, &TimeZone::UTC, 2);
        assert_eq!(utc.weeks[0].partner_to_me.turned_toward, 0);
        assert_eq!(utc.weeks[1].partner_to_me.turned_toward, 1);
    }

    #[test]
    fn window_starts_at_local_midnight_of_the_oldest_monday() {
        let now = ts("2026-11-25T12:00:00Z"); // a Wednesday
        let lisbon = zone("Europe/Lisbon");
        assert_eq!(window_start(now, &lisbon, 1), ts("2026-11-23T00:00:00Z"));
        assert_eq!(
            window_start(now, &zone("America/New_York"), 2),
            ts("2026-11-16T05:00:00Z")
        );
        // The week of the spring clock change in Lisbon (29 March 2026) is still one week.
        let spring = Ledger::build(&[], ts("2026-03-29T12:00:00Z"), &lisbon, 1);
        assert_eq!(spring.weeks[0].start.to_string(), "2026-03-23");
        assert_eq!(spring.weeks[0].end().to_string(), "2026-03-29");
    }

    #[test]
    fn weeks_without_bids_are_kept_empty_and_have_no_rate() {
        let now = ts("2026-11-25T12:00:00Z");
        let facts = [fact("2026-11-04T10:00:00Z", MeToPartner, TurnedAway)];
        let ledger = Ledger::build(&facts, now, &TimeZone::UTC, 4);
        let starts: Vec<String> = ledger.weeks.iter().map(|w| w.start.to_string()).collect();
        assert_eq!(
            starts,
            ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]
        );
        assert_eq!(ledger.weeks[0].me_to_partner.withdrawals(), 1);
        for week in &ledger.weeks[1..] {
            assert_eq!(week.me_to_partner, Tally::default());
            assert_eq!(week.me_to_partner.turning_toward_rate(), None);
        }
        assert_eq!(
            ledger.weeks[0]
                .me_to_partner
                .turning_toward_rate()
                .unwrap()
                .percent(),
            0
        );
        // Before the window and in a later week: left out.
        let outside = [
            fact("2026-11-01T23:59:59Z", PartnerToMe, TurnedToward),
            fact("2026-11-30T00:00:00Z", PartnerToMe, TurnedToward),
        ];
        let ledger = Ledger::build(&outside, now, &TimeZone::UTC, 4);
        assert_eq!(ledger.partner_to_me.total(), 0);
    }

    #[test]
    fn rates_leave_out_bids_not_yet_answered() {
        let mut t = Tally::default();
        for r in [
            TurnedToward,
            TurnedToward,
            TurnedToward,
            TurnedAway,
            NotSure,
            NotSure,
        ] {
            t.add(r);
        }
        assert_eq!(
            (t.deposits(), t.withdrawals(), t.answered(), t.total()),
            (3, 1, 4, 6)
        );
        let rate = t.turning_toward_rate().unwrap();
        assert_eq!((rate.toward(), rate.answered(), rate.percent()), (3, 4, 75));
        assert!((rate.fraction() - 0.75).abs() < 1e-12);
        assert_eq!(Rate::new(2, 3).unwrap().percent(), 67);
        assert_eq!(Rate::new(1, 3).unwrap().percent(), 33);
        assert_eq!(Rate::new(1, 8).unwrap().percent(), 13); // 12.5 rounds half up
        assert_eq!(Rate::new(0, 0), None);
        assert_eq!(Rate::new(3, 2), None);
        let mut only_unsure = Tally::default();
        only_unsure.add(NotSure);
        assert_eq!(only_unsure.turning_toward_rate(), None);
    }

    #[test]
    fn ratio_of_positive_to_negative_moments() {
        let now = ts("2026-11-25T12:00:00Z");
        let mut facts = vec![];
        for _ in 0..8 {
            facts.push(fact("2026-11-24T10:00:00Z", PartnerToMe, TurnedToward));
        }
        facts.push(fact("2026-11-24T10:00:00Z", MeToPartner, TurnedToward));
        facts.push(fact("2026-11-24T10:00:00Z", MeToPartner, TurnedToward));
        facts.push(fact("2026-11-24T10:00:00Z", MeToPartner, TurnedAgainst));
        facts.push(fact("2026-11-24T10:00:00Z", PartnerToMe, TurnedAway));
        facts.push(fact("2026-11-24T10:00:00Z", PartnerToMe, NotSure));
        let ledger = Ledger::build(&facts, now, &TimeZone::UTC, 1);
        let ratio = ledger.ratio();
        assert_eq!((ratio.positive, ratio.negative), (10, 2));
        assert_eq!(ratio.per_negative(), Some(5.0));
        assert_eq!(
            Ratio {
                positive: 3,
                negative: 0
            }
            .per_negative(),
            None
        );
    }

    #[test]
    fn research_comparisons_wait_for_enough_answers_over_enough_weeks() {
        let now = ts("2026-11-25T12:00:00Z");
        let many = |n: usize, at: &str| vec![fact(at, PartnerToMe, TurnedToward); n];
        let nineteen = [
            many(10, "2026-11-24T10:00:00Z"),
            many(9, "2026-11-17T10:00:00Z"),
        ]
        .concat();
        assert!(!Ledger::build(&nineteen, now, &TimeZone::UTC, 4).enough_data(PartnerToMe));
        let one_week = many(25, "2026-11-24T10:00:00Z");
        assert!(!Ledger::build(&one_week, now, &TimeZone::UTC, 4).enough_data(PartnerToMe));
        let twenty = [
            many(10, "2026-11-24T10:00:00Z"),
            many(10, "2026-11-17T10:00:00Z"),
        ]
        .concat();
        let ledger = Ledger::build(&twenty, now, &TimeZone::UTC, 4);
        assert!(ledger.enough_data(PartnerToMe));
        assert!(!ledger.enough_data(MeToPartner));
        assert!(ledger.enough_data_for_ratio());
        let mut unsure = twenty.clone();
        for f in &mut unsure {
            f.response = NotSure;
        }
        assert!(!Ledger::build(&unsure, now, &TimeZone::UTC, 4).enough_data(PartnerToMe));
    }

    #[test]
    fn patterns_name_the_kinds_noticed_and_the_own_bids_turned_toward() {
        let now = ts("2026-11-25T12:00:00Z");
        let at = ts("2026-11-24T10:00:00Z");
        let f = |direction, kind, response| BidFact {
            at,
            direction,
            kind,
            response,
        };
        let mut facts = vec![
            f(PartnerToMe, BidKind::Gesture, NotSure),
            f(PartnerToMe, BidKind::Affection, TurnedToward),
            f(PartnerToMe, BidKind::Affection, TurnedAway),
        ];
        for r in [TurnedToward, TurnedToward, TurnedAway] {
            facts.push(f(MeToPartner, BidKind::Invitation, r));
        }
        for r in [TurnedToward, TurnedToward, TurnedToward] {
            facts.push(f(MeToPartner, BidKind::Humour, r));
        }
        // Too few answers to say anything about.
        facts.push(f(MeToPartner, BidKind::Help, TurnedToward));
        facts.push(f(MeToPartner, BidKind::Help, NotSure));
        let p = Ledger::build(&facts, now, &TimeZone::UTC, 2).patterns;
        assert_eq!(
            p.noticed,
            vec![
                KindCount {
                    kind: BidKind::Affection,
                    count: 2
                },
                KindCount {
                    kind: BidKind::Gesture,
                    count: 1
                },
            ]
        );
        let kinds: Vec<BidKind> = p.my_bids.iter().map(|k| k.kind).collect();
        assert_eq!(kinds, [BidKind::Humour, BidKind::Invitation]);
        assert_eq!(
            p.my_bids[1].tally.turning_toward_rate().unwrap().percent(),
            67
        );
    }

    const ZONES: &[&str] = &[
        "UTC",
        "America/New_York",
        "Europe/Lisbon",
        "Asia/Kolkata",
        "Australia/Lord_Howe",
        "Pacific/Chatham",
        "America/St_Johns",
        "Pacific/Kiritimati",
    ];

    fn arb_fact(now: i64) -> impl Strategy<Value = BidFact> {
        (
            (now - 30 * 7 * 86_400)..(now + 14 * 86_400),
            prop::sample::select(BidDirection::ALL),
            prop::sample::select(BidKind::ALL),
            prop::sample::select(BidResponse::ALL),
        )
            .prop_map(|(secs, direction, kind, response)| BidFact {
                at: Timestamp::from_second(secs).unwrap(),
                direction,
                kind,
                response,
            })
    }

    fn arb_case() -> impl Strategy<Value = (i64, &'static str, u32, Vec<BidFact>)> {
        // 2020 to 2035: clock changes, leap years and year ends all occur.
        (
            1_577_836_800i64..2_051_222_400,
            prop::sample::select(ZONES),
            1u32..30,
        )
            .prop_flat_map(|(now, zone, weeks)| {
                (
                    Just(now),
                    Just(zone),
                    Just(weeks),
                    prop::collection::vec(arb_fact(now), 0..80),
                )
            })
    }

    proptest! {
        #[test]
        fn weeks_are_consecutive_mondays_ending_with_this_week((now, zone_name, weeks, facts) in arb_case()) {
            let zone = zone(zone_name);
            let now = Timestamp::from_second(now).unwrap();
            let ledger = Ledger::build(&facts, now, &zone, weeks);
            prop_assert_eq!(ledger.weeks.len(), weeks as usize);
            for w in &ledger.weeks {
                prop_assert_eq!(w.start.weekday(), jiff::civil::Weekday::Monday);
                prop_assert_eq!(w.end().weekday(), jiff::civil::Weekday::Sunday);
            }
            for pair in ledger.weeks.windows(2) {
                prop_assert_eq!(weeks_before(pair[1].start, 1), pair[0].start);
            }
            let today = now.to_zoned(zone.clone()).date();
            let last = ledger.weeks[ledger.weeks.len() - 1];
            prop_assert!(last.start <= today && today <= last.end());
            prop_assert!(window_start(now, &zone, weeks) <= now);
        }

        #[test]
        fn every_bid_in_the_window_is_counted_once_in_its_local_week((now, zone_name, weeks, facts) in arb_case()) {
            let zone = zone(zone_name);
            let now = Timestamp::from_second(now).unwrap();
            let ledger = Ledger::build(&facts, now, &zone, weeks);
            let first = ledger.weeks[0].start;
            let last = ledger.weeks[ledger.weeks.len() - 1].end();
            for direction in BidDirection::ALL {
                // Counted independently: by local calendar date, not by week arithmetic.
                let expected = facts
                    .iter()
                    .filter(|f| f.direction == *direction)
                    .filter(|f| {
                        let d = f.at.to_zoned(zone.clone()).date();
                        first <= d && d <= last
                    })
                    .count() as u32;
                let summed: u32 = ledger.weeks.iter().map(|w| w.of(*direction).total()).sum();
                prop_assert_eq!(summed, expected);
                prop_assert_eq!(ledger.totals(*direction).total(), expected);
            }
            for f in &facts {
                let d = f.at.to_zoned(zone.clone()).date();
                let start = week_start(f.at, &zone);
                prop_assert!(start <= d && d < start.checked_add(Span::new().days(7)).unwrap());
                // Inside the window exactly when its local date is at or after the window start.
                let inside = first <= d && d <= last;
                prop_assert_eq!(inside, f.at >= window_start(now, &zone, weeks) && d <= last);
            }
        }

        #[test]
        fn rates_and_ratios_stay_in_bounds_and_ignore_order((now, zone_name, weeks, facts) in arb_case()) {
            let zone = zone(zone_name);
            let now = Timestamp::from_second(now).unwrap();
            let ledger = Ledger::build(&facts, now, &zone, weeks);
            for w in &ledger.weeks {
                for direction in BidDirection::ALL {
                    let t = w.of(*direction);
                    prop_assert_eq!(t.deposits() + t.withdrawals(), t.answered());
                    match t.turning_toward_rate() {
                        None => prop_assert_eq!(t.answered(), 0),
                        Some(rate) => {
                            prop_assert!(rate.percent() <= 100);
                            prop_assert!((0.0..=1.0).contains(&rate.fraction()));
                            prop_assert_eq!(rate.toward(), t.deposits());
                        }
                    }
                }
            }
            let ratio = ledger.ratio();
            prop_assert_eq!(
                ratio.positive + ratio.negative,
                ledger.partner_to_me.answered() + ledger.me_to_partner.answered()
            );
            let noticed: u32 = ledger.patterns.noticed.iter().map(|k| k.count).sum();
            prop_assert_eq!(noticed, ledger.partner_to_me.total());
            let mut reversed = facts.clone();
            reversed.reverse();
            prop_assert_eq!(Ledger::build(&reversed, now, &zone, weeks), ledger);
        }
    }
}
