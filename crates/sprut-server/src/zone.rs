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

/// The moment the clocks of the IANA time zone `name` show as `local` (`2026-12-06T14:30`, as
/// a browser's date-and-time field sends it); `None` when it is not such a time. At UTC when
/// the zone is unknown.
pub fn instant(local: &str, name: &str) -> Option<OffsetDateTime> {
    let civil: jiff::civil::DateTime = local.trim().parse().ok()?;
    let tz = jiff::tz::TimeZone::get(name).unwrap_or(jiff::tz::TimeZone::UTC);
    let second = civil.to_zoned_datetime(tz).ok()?.timestamp().as_second();
    OffsetDateTime::from_unix_timestamp(second).ok()
}

/// The moment `at` as a date-and-time field shows it on the clocks of zone `name`.
pub fn field_value(at: OffsetDateTime, name: &str) -> String {
    let l = local(at, name);
    format!("{}T{:02}:{:02}", l.date(), l.hour(), l.minute())
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
    fn a_field_time_is_read_on_the_company_clocks() {
        let at = instant("2026-12-06T14:30", "Europe/Moscow").unwrap();
        assert_eq!(at, datetime!(2026-12-06 11:30 UTC));
        assert_eq!(field_value(at, "Europe/Moscow"), "2026-12-06T14:30");
        assert_eq!(instant("06.12.2026 14:30", "Europe/Moscow"), None);
    }

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
