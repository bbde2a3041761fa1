//! The mailer: takes the letters due in the outbox (leased, so several `sprut serve`
//! processes never send one twice), sends each by SMTP, and records it sent, or failed and
//! due again after the core's backoff. Without mail settings nothing runs and the letters
//! wait in the outbox as pending, where administrators see them.

mod smtp;

pub use smtp::{parse_from, MailConfigError, Mailer, Security, SmtpServer, SMTP_TIMEOUT};

use crate::state::AppState;
use sprut_core::error::CoreResult;
use sprut_core::outbox::{OutboxStore, MAX_ATTEMPTS};
use std::sync::Arc;
use time::OffsetDateTime;

/// Letters taken per pass.
pub const BATCH: u32 = 10;
/// How long taken letters stay reserved for this process: longer than a batch can take
/// ([`BATCH`] × the SMTP timeout), so no other process sends them meanwhile.
pub const LEASE: time::Duration = time::Duration::minutes(10);
/// How often `sprut serve` looks for letters due.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(30);

/// What a dispatch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dispatched {
    /// Accepted by the mail server.
    pub sent: u64,
    /// Failed, to be tried again later.
    pub retrying: u64,
    /// Failed for the last allowed time: given up, now `failed`.
    pub gave_up: u64,
}

impl Dispatched {
    /// Letters handled.
    pub fn total(&self) -> u64 {
        self.sent + self.retrying + self.gave_up
    }

    fn add(&mut self, other: Dispatched) {
        self.sent += other.sent;
        self.retrying += other.retrying;
        self.gave_up += other.gave_up;
    }
}

/// One pass: takes up to [`BATCH`] letters due at `now` and sends them.
pub async fn dispatch_once<S: OutboxStore>(store: &S, mailer: &Mailer, now: OffsetDateTime) -> CoreResult<Dispatched> {
    let mut done = Dispatched::default();
    for m in store.claim_messages(now, BATCH, LEASE).await? {
        match mailer.send(&m).await {
            Ok(()) => {
                store.mark_sent(m.id, now).await?;
                tracing::info!(message = %m.id, to = %m.to_address, kind = %m.kind, "letter sent");
                done.sent += 1;
            }
            Err(error) => {
                store.mark_failed(m.id, now, &error).await?;
                if m.attempts + 1 >= MAX_ATTEMPTS {
                    tracing::error!(message = %m.id, to = %m.to_address, %error, "letter given up after {MAX_ATTEMPTS} attempts");
                    done.gave_up += 1;
                } else {
                    tracing::warn!(message = %m.id, to = %m.to_address, %error, "letter not sent; will try again");
                    done.retrying += 1;
                }
            }
        }
    }
    Ok(done)
}

/// Passes until no letter is due at `now` (those that fail are due again only later), with
/// `progress` told after each pass.
pub async fn dispatch_due<S: OutboxStore>(
    store: &S,
    mailer: &Mailer,
    now: OffsetDateTime,
    mut progress: impl FnMut(&Dispatched),
) -> CoreResult<Dispatched> {
    let mut done = Dispatched::default();
    // Each pass takes letters no pass took before (sent, or due later), so this ends; the
    // bound only guards against a store that keeps handing out the same letters.
    for _ in 0..100_000 {
        let pass = dispatch_once(store, mailer, now).await?;
        done.add(pass);
        progress(&done);
        if pass.total() < u64::from(BATCH) {
            break;
        }
    }
    Ok(done)
}

/// Starts sending in the background of `sprut serve`: now, then every [`EVERY`].
pub fn spawn(state: AppState, mailer: Arc<Mailer>) -> tokio::task::JoinHandle<()> {
    tracing::info!(server = %mailer.server(), from = %mailer.from(), "mail: sending the outbox");
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            if let Err(e) = dispatch_due(&*state.store, &mailer, state.clock.now(), |_| {}).await {
                tracing::error!(error = %e, "mail: the outbox cannot be read or updated");
            }
        }
    })
}
