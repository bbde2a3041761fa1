//! How dates, money and small values read on a page in each language.

use sprut_core::employee::Language;
use sprut_core::money::{format_minor, Currency};
use time::Date;

/// A business date: `23.11.2026` in Russian, `2026-11-23` in English.
pub fn date(lang: Language, d: Date) -> String {
    let (y, m, day) = (d.year(), u8::from(d.month()), d.day());
    match lang {
        Language::Ru => format!("{day:02}.{m:02}.{y:04}"),
        Language::En => format!("{y:04}-{m:02}-{day:02}"),
    }
}

/// A moment as a date and a time to the minute, at its own offset: `04.12.2026 21:32` in
/// Russian (pages show moments through `Ctx::moment`, in the company's time zone).
pub fn moment(lang: Language, t: time::OffsetDateTime) -> String {
    format!("{} {:02}:{:02}", date(lang, t.date()), t.hour(), t.minute())
}

/// An optional date, or an empty string.
pub fn opt_date(lang: Language, d: Option<Date>) -> String {
    d.map(|d| date(lang, d)).unwrap_or_default()
}

/// An amount with its currency: `1 234 567 ₽` or `12 000,50 USD`.
pub fn money(minor: i64, currency: &Currency) -> String {
    let sign = match currency.as_str() {
        "RUB" => "₽",
        "USD" => "$",
        "EUR" => "€",
        other => other,
    };
    format!("{}\u{a0}{sign}", format_minor(minor))
}

/// A figure with one decimal: `70,9` in Russian, `70.9` in English.
pub fn decimal(lang: Language, v: f64) -> String {
    let text = format!("{v:.1}");
    match lang {
        Language::Ru => text.replace('.', ","),
        Language::En => text,
    }
}

/// A change rounded to a whole number with its sign (`+12`, `-3`), and `0` for what rounds to
/// nothing: never `-0`.
pub fn signed(v: f64) -> String {
    let r = v.round();
    if r == 0.0 {
        "0".into()
    } else {
        format!("{r:+.0}")
    }
}

/// At most `max` characters of `text`, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>())
    }
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    (to - from).whole_days()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_read_per_language() {
        assert_eq!(date(Language::Ru, date!(2026 - 11 - 23)), "23.11.2026");
        assert_eq!(date(Language::En, date!(2026 - 11 - 23)), "2026-11-23");
        assert_eq!(opt_date(Language::En, None), "");
    }

    #[test]
    fn money_has_its_currency() {
        assert_eq!(money(123_456_700, &Currency::rub()), "1\u{a0}234\u{a0}567\u{a0}₽");
        let usd = Currency::parse("usd").unwrap_or_else(|_| Currency::rub());
        assert_eq!(money(1_050, &usd), "10,50\u{a0}$");
        assert_eq!(days_between(date!(2026 - 01 - 01), date!(2026 - 01 - 31)), 30);
    }

    #[test]
    fn decimals_use_the_language_s_separator() {
        assert_eq!(decimal(Language::Ru, 70.94), "70,9");
        assert_eq!(decimal(Language::En, 70.94), "70.9");
    }

    #[test]
    fn a_change_that_rounds_to_nothing_has_no_sign() {
        assert_eq!(signed(-0.3), "0");
        assert_eq!(signed(0.4), "0");
        assert_eq!(signed(-0.0), "0");
        assert_eq!(signed(12.5), "+13");
        assert_eq!(signed(-3.2), "-3");
    }
}
