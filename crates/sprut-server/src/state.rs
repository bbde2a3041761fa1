//! What every request handler can reach: the store, the clock, the read log, rate limits
//! and the server's settings.

use crate::guard::limits::RateLimiter;
use crate::guard::reads::ReadLog;
use crate::guard::settings::SettingsCache;
use sprut_core::settings::Settings;
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
    /// Read events waiting for the audit log.
    pub reads: ReadLog,
    /// Requests per minute per user.
    pub limits: RateLimiter,
    /// The company settings, cached.
    pub settings: SettingsCache,
    /// The mail server the outbox is sent through; `None` leaves letters pending.
    pub mailer: Option<Arc<crate::mail::Mailer>>,
    /// Files uploaded to the UI's import, kept between its preview and its apply.
    pub uploads: crate::uploads::StagedUploads,
    /// Requests, pools, jobs, outbox and alerts for `/metrics`.
    pub metrics: crate::metrics::Metrics,
}

impl AppState {
    /// State over `store` with the system clock; starts the read log writer (needs a Tokio runtime).
    pub fn new(store: Db) -> Self {
        Self::with_clock(store, Clock::System)
    }

    /// State over `store` with `clock`; starts the read log writer (needs a Tokio runtime).
    pub fn with_clock(store: Db, clock: Clock) -> Self {
        let store = Arc::new(store);
        let settings = SettingsCache::default();
        let reads = ReadLog::start(store.clone(), settings.clone());
        Self {
            store,
            clock,
            secure_cookies: false,
            reads,
            limits: RateLimiter::default(),
            settings,
            mailer: None,
            uploads: Default::default(),
            metrics: Default::default(),
        }
    }

    /// Today in the company's time zone.
    pub async fn today(&self) -> time::Date {
        crate::zone::local_date(self.clock.now(), &self.settings().await.time_zone)
    }

    /// The company's currency, for amounts given without one.
    pub async fn currency(&self) -> sprut_core::money::Currency {
        sprut_core::money::Currency::parse(&self.settings().await.currency)
            .unwrap_or_else(|_| sprut_core::money::Currency::rub())
    }

    /// Fills `currency` with the company's when a request gave none.
    pub async fn default_currency(&self, currency: &mut Option<sprut_core::money::Currency>) {
        if currency.is_none() {
            *currency = Some(self.currency().await);
        }
    }

    /// The company settings (cached for a few seconds).
    pub async fn settings(&self) -> Settings {
        self.settings.get(&self.store).await
    }
}
