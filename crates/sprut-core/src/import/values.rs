//! Reading dates, times and money amounts as other systems write them.
//!
//! Each parser takes one trimmed, non-blank cell and returns the value or a reason that quotes
//! the cell and says what was expected.

use crate::money::Currency;
use crate::Reason;
use time::{Date, Month, OffsetDateTime, Time, UtcOffset};

/// Reads a calendar date: ISO `2024-03-05`, `05.03.2024`, `05.03.24`, `3/5/2024`, `03/05/24`
/// (month first; day first when the first number is over 12), `2024/03/05`; a time after the
/// date (`05.03.2024 10:00`, Salesforce `2024-03-05T10:00:00.000+0000`) is ignored.
pub fn parse_date(s: &str) -> Result<Date, Reason> {
    parse_local_date(s, &|at| at.date())
}

/// Reads a date like [`parse_date`]; a date and time with an offset (`2026-02-23T22:30:00.000+0000`,
/// Salesforce's `CreatedDate`) is the moment's date in the company's time zone, told by `local`.
pub fn parse_local_date(s: &str, local: &dyn Fn(OffsetDateTime) -> Date) -> Result<Date, Reason> {
    let (date, rest) = split_date_time(s);
    match (read_date(date), rest.map(read_time)) {
        (Some(d), None) => Ok(d),
        (Some(d), Some(Some((time, offset)))) => Ok(match offset {
            Some(o) => local(d.with_time(time).assume_offset(o)),
            None => d,
        }),
        _ => Err(Reason::Date { value: s.to_string() }),
    }
}

/// Reads a moment: any date [`parse_date`] reads, optionally followed by `hh:mm[:ss[.fff]]`,
/// `AM`/`PM`, and an offset (`Z`, `+03:00`, `+0000`). Without an offset the time is taken as
/// UTC; without a time, midnight.
pub fn parse_datetime(s: &str) -> Result<OffsetDateTime, Reason> {
    let err = || Reason::DateTime { value: s.to_string() };
    let (date, rest) = split_date_time(s);
    let date = read_date(date).ok_or_else(err)?;
    let (time, offset) = match rest {
        None => (Time::MIDNIGHT, None),
        Some(t) => read_time(t).ok_or_else(err)?,
    };
    Ok(date.with_time(time).assume_offset(offset.unwrap_or(UtcOffset::UTC)).to_offset(UtcOffset::UTC))
}

/// Splits `date[ T,]time` into the date and the (trimmed) rest.
fn split_date_time(s: &str) -> (&str, Option<&str>) {
    let s = s.trim();
    match s.find([' ', 'T', 't', ',']) {
        None => (s, None),
        Some(i) => {
            let rest = s[i + 1..].trim_start_matches([' ', ',']).trim();
            (&s[..i], (!rest.is_empty()).then_some(rest))
        }
    }
}

fn number(s: &str, min_len: usize, max_len: usize) -> Option<u32> {
    if (min_len..=max_len).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

fn ymd(year: u32, month: u32, day: u32) -> Option<Date> {
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?).ok()
}

/// A four-digit year as is; a two-digit one in 1970..=2069.
fn year(s: &str) -> Option<u32> {
    match s.len() {
        4 => number(s, 4, 4),
        2 => number(s, 2, 2).map(|y| if y < 70 { 2000 + y } else { 1900 + y }),
        _ => None,
    }
}

fn read_date(s: &str) -> Option<Date> {
    let parts: Vec<&str> = s.split(['-', '.', '/']).collect();
    let [a, b, c] = parts[..] else { return None };
    let sep = s.chars().find(|c| matches!(c, '-' | '.' | '/'))?;
    if s.chars().filter(|c| matches!(c, '-' | '.' | '/')).any(|c| c != sep) {
        return None;
    }
    if a.len() == 4 && sep != '.' {
        return ymd(number(a, 4, 4)?, number(b, 1, 2)?, number(c, 1, 2)?);
    }
    match sep {
        '.' => ymd(year(c)?, number(b, 1, 2)?, number(a, 1, 2)?),
        '/' => {
            let (first, second) = (number(a, 1, 2)?, number(b, 1, 2)?);
            if first > 12 {
                ymd(year(c)?, second, first)
            } else {
                ymd(year(c)?, first, second)
            }
        }
        _ => None,
    }
}

/// Reads `hh:mm[:ss[.fff]]`, then an optional `AM`/`PM` and an optional offset.
fn read_time(s: &str) -> Option<(Time, Option<UtcOffset>)> {
    let mut s = s.trim();
    let mut offset = None;
    let lower = s.to_ascii_lowercase();
    if lower.ends_with('z') {
        offset = Some(UtcOffset::UTC);
        s = s[..s.len() - 1].trim_end();
    } else if lower.ends_with("utc") || lower.ends_with("gmt") {
        offset = Some(UtcOffset::UTC);
        s = s[..s.len() - 3].trim_end();
    } else if let Some(i) = s.rfind(['+', '-']) {
        offset = Some(read_offset(&s[i..])?);
        s = s[..i].trim_end();
    }
    let lower = s.to_ascii_lowercase();
    let mut pm = None;
    if let Some(stripped) = lower.strip_suffix("am").or_else(|| lower.strip_suffix("a.m.")) {
        pm = Some(false);
        s = s[..stripped.len()].trim_end();
    } else if let Some(stripped) = lower.strip_suffix("pm").or_else(|| lower.strip_suffix("p.m.")) {
        pm = Some(true);
        s = s[..stripped.len()].trim_end();
    }
    let (hms, frac) = match s.split_once('.') {
        Some((hms, frac)) => (hms, Some(frac)),
        None => (s, None),
    };
    let parts: Vec<&str> = hms.split(':').collect();
    let (mut hour, minute, second) = match parts[..] {
        [h, m] => (number(h, 1, 2)?, number(m, 2, 2)?, 0),
        [h, m, sec] => (number(h, 1, 2)?, number(m, 2, 2)?, number(sec, 2, 2)?),
        _ => return None,
    };
    let milli = match frac {
        None => 0,
        Some(f) if !f.is_empty() && f.len() <= 9 && f.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{f:0<3}")[..3].parse::<u16>().ok()?
        }
        Some(_) => return None,
    };
    if let Some(pm) = pm {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = match (hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
    }
    let time = Time::from_hms_milli(u8::try_from(hour).ok()?, minute as u8, second as u8, milli).ok()?;
    Some((time, offset))
}

/// Reads `+03:00`, `+0300`, `+03` or `-05:30`.
fn read_offset(s: &str) -> Option<UtcOffset> {
    let sign: i8 = if s.starts_with('-') { -1 } else { 1 };
    let digits: String = s[1..].chars().filter(|c| *c != ':').collect();
    let (h, m) = match digits.len() {
        2 => (number(&digits, 2, 2)?, 0),
        4 => (number(&digits[..2], 2, 2)?, number(&digits[2..], 2, 2)?),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    UtcOffset::from_hms(sign * i8::try_from(h).ok()?, sign * i8::try_from(m).ok()?, 0).ok()
}

/// An amount in minor units, with the currency the cell named, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    /// The amount in minor units (kopecks, cents): two decimal places.
    pub minor: i64,
    /// The currency written beside the number (`руб.`, `$`, `EUR`), if any.
    pub currency: Option<Currency>,
}

/// Reads a currency code or sign: `RUB`, `руб.`, `р.`, `₽`, `$`, `€`, `USD`...
pub fn parse_currency(s: &str) -> Result<Currency, Reason> {
    let key: String = s.trim().to_lowercase().chars().filter(|c| !matches!(c, '.' | ' ' | '\u{a0}')).collect();
    let code = match key.as_str() {
        // Signs, abbreviations, and the currency names Bitrix24 exports («Российский рубль»).
        "₽" | "руб" | "р" | "рублей" | "рубль" | "российскийрубль" | "rur" | "rub" => {
            "RUB"
        }
        "$" | "us$" | "usd" | "долл" | "доллар" | "долларсша" => "USD",
        "€" | "eur" | "евро" => "EUR",
        "£" | "gbp" | "фунтстерлингов" => "GBP",
        "¥" | "cny" | "юань" | "юаней" | "китайскийюань" => "CNY",
        "₸" | "тг" | "тенге" | "kzt" => "KZT",
        "₴" | "грн" | "гривна" | "uah" => "UAH",
        "br" | "белруб" | "белорусскийрубль" | "byn" => "BYN",
        _ => return Currency::parse(s).map_err(|_| Reason::Currency { value: s.trim().to_string() }),
    };
    Ok(Currency::parse(code).expect("known code"))
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '\u{2019}')
}

/// Reads an amount as people and systems write it: `1 234,56 руб.`, `$1,234.56`, `1234.5`,
/// `1.234.567,00 €`, `-500`, `(500)`; spaces, NBSP and apostrophes group thousands. The result
/// is exact (integer arithmetic), with at most two decimal places.
pub fn parse_money(s: &str) -> Result<Money, Reason> {
    let cell = s.trim();
    let bad = || Reason::Amount { value: cell.to_string() };
    let first = cell.find(|c: char| c.is_ascii_digit()).ok_or_else(bad)?;
    let last = cell.rfind(|c: char| c.is_ascii_digit()).ok_or_else(bad)?;
    let mut start = first;
    if cell[..first].ends_with(['.', ',']) {
        start -= 1;
    }
    let (prefix, core, suffix) = (&cell[..start], &cell[start..=last], &cell[last + 1..]);
    let negative = prefix.contains('-') || (prefix.contains('(') && suffix.contains(')'));
    let strip = |t: &str| t.replace(['-', '+', '(', ')'], "").trim().to_string();
    let (prefix, suffix) = (strip(prefix), strip(suffix));
    let currency_text = match (prefix.is_empty(), suffix.is_empty()) {
        (true, true) => None,
        (false, true) => Some(prefix),
        (true, false) => Some(suffix),
        (false, false) => return Err(bad()),
    };
    let currency = currency_text.map(|t| parse_currency(&t)).transpose()?;
    let core: String = core.chars().filter(|c| !is_space(*c)).collect();
    if !core.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return Err(bad());
    }
    let (int_part, frac_part) = split_decimal(&core).ok_or_else(bad)?;
    let frac = frac_part.trim_end_matches('0');
    if frac.len() > 2 {
        return Err(Reason::Decimals { value: cell.to_string() });
    }
    let units: i64 = if int_part.is_empty() { 0 } else { int_part.parse().map_err(|_| bad())? };
    let cents: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    let minor = units
        .checked_mul(100)
        .and_then(|m| m.checked_add(cents))
        .ok_or_else(|| Reason::TooLarge { value: cell.to_string() })?;
    Ok(Money { minor: if negative { -minor } else { minor }, currency })
}

/// Splits digits with `.`/`,` into the integer digits (grouping removed) and the decimals.
fn split_decimal(core: &str) -> Option<(String, &str)> {
    let dots = core.matches('.').count();
    let commas = core.matches(',').count();
    let (group, decimal) = match (dots, commas) {
        (0, 0) => return Some((core.to_string(), "")),
        (_, 0) | (0, _) => {
            let sep = if dots > 0 { '.' } else { ',' };
            let count = dots + commas;
            let (int, after) = core.rsplit_once(sep)?;
            // One separator with three digits after it, behind a short non-zero integer part,
            // groups thousands (1,234 or 1.234); otherwise a single one is the decimal point.
            let grouping = count > 1 || (after.len() == 3 && !int.is_empty() && int.len() <= 3 && int != "0");
            if grouping {
                (Some(sep), None)
            } else {
                (None, Some(sep))
            }
        }
        _ => {
            let last = core.rfind(['.', ','])?;
            let decimal = core[last..].chars().next()?;
            let group = if decimal == '.' { ',' } else { '.' };
            if core.matches(decimal).count() > 1 || core[last..].contains(group) {
                return None;
            }
            (Some(group), Some(decimal))
        }
    };
    let (int, frac) = match decimal {
        Some(d) => core.rsplit_once(d)?,
        None => (core, ""),
    };
    let int = match group {
        None => int.to_string(),
        Some(g) => {
            let groups: Vec<&str> = int.split(g).collect();
            let ok = !groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
            if !ok {
                return None;
            }
            groups.concat()
        }
    };
    Some((int, frac))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn a_moment_with_an_offset_gives_the_company_s_date() {
        let moscow = |at: OffsetDateTime| at.to_offset(time::macros::offset!(+3)).date();
        assert_eq!(parse_local_date("2024-06-09T22:30:00.000+0000", &moscow), Ok(date!(2024 - 06 - 10)));
        assert_eq!(parse_local_date("2024-06-09T22:30:00.000Z", &moscow), Ok(date!(2024 - 06 - 10)));
        assert_eq!(parse_local_date("09.06.2024 22:30", &moscow), Ok(date!(2024 - 06 - 09)), "no offset: as written");
        assert_eq!(parse_date("2024-06-09T22:30:00.000+0000"), Ok(date!(2024 - 06 - 09)));
        assert!(parse_local_date("2024-06-09T25:00", &moscow).is_err());
    }

    #[test]
    fn dates_in_every_export_format() {
        assert_eq!(parse_date("2024-03-05"), Ok(date!(2024 - 03 - 05)));
        assert_eq!(parse_date("05.03.2024"), Ok(date!(2024 - 03 - 05)));
        assert_eq!(parse_date("5.3.24"), Ok(date!(2024 - 03 - 05)));
        assert_eq!(parse_date("3/5/2024"), Ok(date!(2024 - 03 - 05)));
        assert_eq!(parse_date("03/05/24"), Ok(date!(2024 - 03 - 05)));
        assert_eq!(parse_date("25/03/2024"), Ok(date!(2024 - 03 - 25)));
        assert_eq!(parse_date("2024/03/05"), Ok(date!(2024 - 03 - 05)));
        assert_eq!(parse_date("05.03.2024 17:45:10"), Ok(date!(2024 - 03 - 05)));
        assert_eq!(parse_date("2024-03-05T10:00:00.000+0000"), Ok(date!(2024 - 03 - 05)));
        assert_eq!(parse_date("3/5/2024, 10:00 AM"), Ok(date!(2024 - 03 - 05)));
    }

    #[test]
    fn bad_dates_say_what_was_expected() {
        assert_eq!(
            parse_date("31.02.2024").map_err(|e| e.to_string()),
            Err("'31.02.2024' is not a date (expected dd.mm.yyyy, yyyy-mm-dd or mm/dd/yy)".into())
        );
        for bad in ["2024-13-01", "yesterday", "05.03", "05.03.2024 25:00", "1/2/3/4", "05-03.2024", "45356"] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn datetimes_with_am_pm_and_offsets() {
        assert_eq!(parse_datetime("2024-03-05T10:00:00.000+0000"), Ok(datetime!(2024-03-05 10:00 UTC)));
        assert_eq!(parse_datetime("2024-03-05T13:00:00+03:00"), Ok(datetime!(2024-03-05 10:00 UTC)));
        assert_eq!(parse_datetime("2024-03-05 10:00:30Z"), Ok(datetime!(2024-03-05 10:00:30 UTC)));
        assert_eq!(parse_datetime("05.03.2024 10:00"), Ok(datetime!(2024-03-05 10:00 UTC)));
        assert_eq!(parse_datetime("03/05/24 01:30 PM"), Ok(datetime!(2024-03-05 13:30 UTC)));
        assert_eq!(parse_datetime("3/5/2024 12:05 AM"), Ok(datetime!(2024-03-05 00:05 UTC)));
        assert_eq!(parse_datetime("3/5/2024 12:05 pm"), Ok(datetime!(2024-03-05 12:05 UTC)));
        assert_eq!(parse_datetime("05.03.2024"), Ok(datetime!(2024-03-05 00:00 UTC)));
        assert_eq!(parse_datetime("2024-03-05T10:00:00.5"), Ok(datetime!(2024-03-05 10:00:00.5 UTC)));
        assert!(parse_datetime("3/5/2024 13:05 PM").is_err());
        assert!(parse_datetime("05.03.2024 10").is_err());
        assert!(parse_datetime("05.03.2024 10:00 +25:00").is_err());
    }

    fn money(s: &str) -> (i64, Option<String>) {
        let m = parse_money(s).unwrap_or_else(|e| panic!("{e}"));
        (m.minor, m.currency.map(|c| c.to_string()))
    }

    #[test]
    fn amounts_in_russian_and_english_notation() {
        assert_eq!(money("1 234,56 руб."), (123_456, Some("RUB".into())));
        assert_eq!(money("1\u{a0}234\u{a0}567,8"), (123_456_780, None));
        assert_eq!(money("$1,234.56"), (123_456, Some("USD".into())));
        assert_eq!(money("1.234.567,00 €"), (123_456_700, Some("EUR".into())));
        assert_eq!(money("1234.5"), (123_450, None));
        assert_eq!(money("1,234"), (123_400, None));
        assert_eq!(money("0,5"), (50, None));
        assert_eq!(money("100 000 ₽"), (10_000_000, Some("RUB".into())));
        assert_eq!(money("USD 250"), (25_000, Some("USD".into())));
        assert_eq!(money("-500"), (-50_000, None));
        assert_eq!(money("(500.10)"), (-50_010, None));
        assert_eq!(money("1'000'000"), (100_000_000, None));
        assert_eq!(money("12.500"), (1_250_000, None));
        assert_eq!(money("1234.500"), (123_450, None));
        assert_eq!(money("15000 RUB"), (1_500_000, Some("RUB".into())));
    }

    #[test]
    fn bad_amounts_are_refused() {
        assert_eq!(
            parse_money("abc").map_err(|e| e.to_string()),
            Err("'abc' is not an amount (expected digits like 1 234,56 or 1,234.56, optionally with a currency)".into())
        );
        assert!(parse_money("1234,567").is_err());
        assert!(parse_money("1,23,4").is_err());
        assert!(parse_money("1.234,5.6").is_err());
        assert!(parse_money("12 попугаев").is_err());
        assert!(parse_money("99999999999999999999").is_err());
        assert!(parse_money("1e6").is_err());
    }

    #[test]
    fn currencies_by_code_or_sign() {
        assert_eq!(parse_currency("руб.").unwrap().as_str(), "RUB");
        assert_eq!(parse_currency("₽").unwrap().as_str(), "RUB");
        assert_eq!(parse_currency("Российский рубль").unwrap().as_str(), "RUB");
        assert_eq!(parse_currency("Доллар США").unwrap().as_str(), "USD");
        assert_eq!(parse_currency("usd").unwrap().as_str(), "USD");
        assert!(parse_currency("попугаи").is_err());
    }
}
