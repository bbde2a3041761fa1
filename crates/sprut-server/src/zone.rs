//! The company's local date: "today" is a calendar date in the company's time zone (a setting),
//! not in UTC; at 01:30 in Moscow it is already tomorrow there.

use time::{Date, Month, OffsetDateTime};

/// The date at `now` in the IANA time zone `name` (`Europe/Moscow`); UTC's when the name is
/// unknown, with a warning in the log.
pub fn local_date(now: OffsetDateTime, name: &str) -> Date {
    let local = jiff::tz::TimeZone::get(name)
        .and_then(|tz| Ok(tz.to_datetime(jiff::Timestamp::from_second(now.unix_timestamp())?).date()));
    match local {
        Ok(d) => Month::try_from(d.month() as u8)
            .ok()
            .and_then(|m| Date::from_calendar_date(i32::from(d.year()), m, d.day() as u8).ok())
            .unwrap_or(now.date()),
        Err(e) => {
            tracing::warn!(time_zone = name, error = %e, "unknown time zone; using UTC");
            now.date()
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
}
