//! Rate limits per user (or per e-mail and address for sign-in): a count per key and minute.

use crate::error::AppError;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use time::OffsetDateTime;

/// Counts of requests per key in the current minute.
#[derive(Clone, Default)]
pub struct RateLimiter(Arc<Mutex<HashMap<String, (i64, i64)>>>);

impl RateLimiter {
    /// Counts one request for `key` at `now`; a 429 saying when to retry once more than
    /// `per_minute` were made this minute.
    pub fn check(&self, key: &str, per_minute: i64, now: OffsetDateTime) -> Result<(), AppError> {
        let minute = now.unix_timestamp().div_euclid(60);
        let mut map = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if map.len() > 10_000 {
            map.retain(|_, (m, _)| *m == minute);
        }
        let entry = map.entry(key.to_string()).or_insert((minute, 0));
        if entry.0 != minute {
            *entry = (minute, 0);
        }
        entry.1 += 1;
        if entry.1 > per_minute {
            let wait = 60 - now.unix_timestamp().rem_euclid(60);
            return Err(AppError::TooManyRequests(format!(
                "too many requests: at most {per_minute} a minute; try again in {wait} seconds"
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn counts_per_key_and_minute() {
        let l = RateLimiter::default();
        let t = datetime!(2026-03-02 09:00:10 UTC);
        assert!(l.check("a", 2, t).is_ok() && l.check("a", 2, t).is_ok());
        assert!(l.check("b", 2, t).is_ok(), "another key has its own count");
        let e = l.check("a", 2, t).unwrap_err();
        assert!(e.message().contains("50 seconds"), "{}", e.message());
        assert!(l.check("a", 2, datetime!(2026-03-02 09:01:00 UTC)).is_ok(), "a new minute starts afresh");
    }
}
