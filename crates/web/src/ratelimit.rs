//! Sign-in rate limits, per client address and per account.
//!
//! Three keyed limits: one per address, one per account *from* an address, and a looser one per
//! account from anywhere. A guesser on another machine exhausts only their own buckets, so the real
//! person at their own address can still sign in; every bucket refills on its own, so nobody is
//! locked out for longer than the refill time. The limits live in each process's memory.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// The sign-in limiters.
pub struct SignInLimits {
    per_address: DefaultKeyedRateLimiter<IpAddr>,
    per_account_address: DefaultKeyedRateLimiter<(String, IpAddr)>,
    per_account: DefaultKeyedRateLimiter<String>,
}

fn quota(burst: u32, every: Duration) -> Quota {
    let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(every)
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(burst)
}

impl Default for SignInLimits {
    fn default() -> Self {
        Self {
            // 30 attempts in a burst, then one every 2 s from one address.
            per_address: RateLimiter::keyed(quota(30, Duration::from_secs(2))),
            // 10 attempts at one account from one address, then one every 30 s.
            per_account_address: RateLimiter::keyed(quota(10, Duration::from_secs(30))),
            // 100 attempts at one account from anywhere, then one every 6 s.
            per_account: RateLimiter::keyed(quota(100, Duration::from_secs(6))),
        }
    }
}

impl SignInLimits {
    /// Counts one sign-in attempt. `Err(seconds)` says how long to wait.
    pub fn check(&self, account: &str, address: IpAddr) -> Result<(), u64> {
        let clock = DefaultClock::default();
        let wait = |not_until: governor::NotUntil<_>| {
            not_until.wait_time_from(clock.now()).as_secs().max(1)
        };
        self.per_address.check_key(&address).map_err(wait)?;
        self.per_account_address
            .check_key(&(account.to_owned(), address))
            .map_err(wait)?;
        self.per_account
            .check_key(&account.to_owned())
            .map_err(wait)?;
        Ok(())
    }

    /// Forgets buckets that have refilled, so memory stays bounded.
    pub fn forget_idle(&self) {
        self.per_address.retain_recent();
        self.per_account_address.retain_recent();
        self.per_account.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_limited_per_address_but_not_for_other_addresses() {
        let limits = SignInLimits::default();
        let attacker: IpAddr = "192.0.2.1".parse().unwrap();
        let owner: IpAddr = "198.51.100.7".parse().unwrap();
        for _ in 0..10 {
            assert!(limits.check("ana", attacker).is_ok());
        }
        let wait = limits.check("ana", attacker).unwrap_err();
        assert!((1..=30).contains(&wait), "{wait}");
        assert!(limits.check("ana", owner).is_ok());
        assert!(limits.check("bea", attacker).is_ok());
    }
}
