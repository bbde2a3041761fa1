//! API tokens: each named, dated, expiring and revocable; only its hash is kept.

use crate::{EmployeeId, TokenId};
use serde::Serialize;
use time::{Duration, OffsetDateTime};

/// How long a token lives when the settings say nothing else.
pub const DEFAULT_TOKEN_DAYS: i64 = 90;
/// How stale a token's "last used" may get before a use writes it again.
pub const LAST_USED_PRECISION: Duration = Duration::hours(1);

/// An API token as its owner and the administrators see it (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ApiToken {
    /// Id.
    pub id: TokenId,
    /// Whose it is.
    pub employee_id: EmployeeId,
    /// What it is for.
    pub label: String,
    /// When it was made.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When it was last used (to the hour).
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_used_at: Option<OffsetDateTime>,
    /// When it stops working.
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    /// When it was revoked.
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
}

impl ApiToken {
    /// Whether the token lets its owner in at `now`.
    pub fn is_live(&self, now: OffsetDateTime) -> bool {
        self.revoked_at.is_none() && now < self.expires_at
    }

    /// Whether a use at `now` should write "last used" again.
    pub fn needs_touch(&self, now: OffsetDateTime) -> bool {
        self.last_used_at.is_none_or(|t| now - t >= LAST_USED_PRECISION)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn live_until_expired_or_revoked() {
        let made = datetime!(2026-01-01 10:00 UTC);
        let t = ApiToken {
            id: TokenId::new(),
            employee_id: EmployeeId::new(),
            label: "api".into(),
            created_at: made,
            last_used_at: None,
            expires_at: made + Duration::days(DEFAULT_TOKEN_DAYS),
            revoked_at: None,
        };
        assert!(t.is_live(made + Duration::days(89)));
        assert!(!t.is_live(made + Duration::days(90)));
        assert!(!ApiToken { revoked_at: Some(made), ..t.clone() }.is_live(made));
        assert!(t.needs_touch(made));
        let used = ApiToken { last_used_at: Some(made), ..t };
        assert!(!used.needs_touch(made + Duration::minutes(59)) && used.needs_touch(made + Duration::hours(1)));
    }
}
