//! The company's local date: "today" is a calendar date in the company's time zone (a setting),
//! not in UTC; at 01:30 in Moscow it is already tomorrow there.

use time::{Date, OffsetDateTime, UtcOffset};

/// The date at `now` in the IANA time zone `name` (`Europe/Moscow`); UTC's when the name is
/// unknown, with a warning in the log.
pub fn local_date(now: OffsetDateTime, name: &str) -> Date {
    local(now, name).date()
}

/// The moment `at` as the clocks of the IANA time zone `name` show it (the same instant, at
/// the zone's offset then, summer time included); at UTC when the name is unknown, with a
/// warning in the log.
pub fn local(at: OffsetDateTime, name: &str) -> OffsetDateTime {
    let offset = jiff::tz::TimeZone::get(name)
        .and_then(|tz| Ok(tz.to_offset(jiff::Timestamp::from_second(at.unix_timestamp())?).seconds()));
    match offset {
        Ok(seconds) => at.to_offset(UtcOffset::from_whole_seconds(seconds).unwrap_or(UtcOffset::UTC)),
        Err(e) => {
            tracing::warn!(time_zone = name, error = %e, "unknown time zone; using UTC");
            at.to_offset(UtcOffset::UTC)
        }
    }
}

/// Whether `name` is a time zone the server knows.
pub fn is_known(name: &str) -> bool {
    jiff::tz::TimeZone::get(name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn the_local_date_follows_the_zone() {
        let late = datetime!(2026-12-04 22:30 UTC);
        assert_eq!(local_date(late, "Europe/Moscow"), date!(2026 - 12 - 05));
        assert_eq!(local_date(late, "Asia/Vladivostok"), date!(2026 - 12 - 05));
        assert_eq!(local_date(late, "America/New_York"), date!(2026 - 12 - 04));
        assert_eq!(local_date(late, "Nowhere/Atlantis"), date!(2026 - 12 - 04));
        assert!(is_known("Europe/Kaliningrad") && !is_known("Nowhere/Atlantis"));
    }

    #[test]
    fn a_moment_is_shown_at_the_zone_offset_of_its_day() {
        let at = datetime!(2026-12-04 18:32:02 UTC);
        let h = |t: OffsetDateTime| (t.hour(), t.minute());
        assert_eq!(h(local(at, "Europe/Moscow")), (21, 32));
        assert_eq!(local(at, "Europe/Moscow"), at, "the same instant");
        // Berlin keeps summer time: +1 in December, +2 in July.
        assert_eq!(h(local(at, "Europe/Berlin")), (19, 32));
        assert_eq!(h(local(datetime!(2026-07-04 18:32 UTC), "Europe/Berlin")), (20, 32));
        assert_eq!(h(local(at, "Nowhere/Atlantis")), (18, 32));
    }
}
