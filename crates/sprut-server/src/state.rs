//! What every request handler can reach: the store, the clock and the server's settings.

use sprut_store::Db;
use std::sync::Arc;
use time::OffsetDateTime;

/// Where "now" comes from: the system clock in production, a fixed moment in tests.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    /// The system clock.
    System,
    /// Always this moment.
    Fixed(OffsetDateTime),
}

impl Clock {
    /// The current moment, UTC.
    pub fn now(&self) -> OffsetDateTime {
        match self {
            Clock::System => OffsetDateTime::now_utc(),
            Clock::Fixed(t) => *t,
        }
    }
}

/// Shared state of the server.
#[derive(Clone)]
pub struct AppState {
    /// The client base.
    pub store: Arc<Db>,
    /// The clock.
    pub clock: Clock,
    /// Mark cookies `Secure` (when served over HTTPS).
    pub secure_cookies: bool,
}

impl AppState {
    /// State over `store` with the system clock and plain-HTTP cookies.
    pub fn new(store: Db) -> Self {
        Self { store: Arc::new(store), clock: Clock::System, secure_cookies: false }
    }
}
