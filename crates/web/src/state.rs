use std::sync::Arc;

use steady_store::{MasterKey, SessionLifetimes, Store};

use crate::config::Config;
use crate::password::Hasher;
use crate::ratelimit::SignInLimits;

/// Everything a request handler needs. Cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub store: Store,
    pub master: MasterKey,
    pub config: Config,
    pub hasher: Hasher,
    pub limits: SignInLimits,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(store: Store, master: MasterKey, config: Config, hasher: Hasher) -> Self {
        Self(Arc::new(Inner {
            store,
            master,
            config,
            hasher,
            limits: SignInLimits::default(),
        }))
    }

    /// The current time, to the millisecond (the precision the database keeps).
    pub fn now(&self) -> jiff::Timestamp {
        let now = jiff::Timestamp::now();
        jiff::Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now)
    }

    pub fn lifetimes(&self) -> SessionLifetimes {
        SessionLifetimes {
            idle: self.config.session_idle,
            absolute: self.config.session_absolute,
        }
    }
}
