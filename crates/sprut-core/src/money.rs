//! Money in integer minor units with a currency code.

use serde::{Deserialize, Serialize};

/// An ISO 4217 currency code such as `RUB`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "RUB")]
pub struct Currency(String);

impl Currency {
    /// Parses three ASCII letters, upper-casing them.
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim().to_ascii_uppercase();
        if s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Self(s))
        } else {
            Err("must be a three-letter currency code such as RUB, USD or EUR".into())
        }
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Russian roubles, the default currency.
    pub fn rub() -> Self {
        Self("RUB".into())
    }
}

impl TryFrom<String> for Currency {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s)
    }
}

impl From<Currency> for String {
    fn from(c: Currency) -> String {
        c.0
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Formats minor units as `1 234 567,89` (Russian grouping), without the currency.
pub fn format_minor(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let units = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push('\u{a0}');
        }
        grouped.push(ch);
    }
    match abs % 100 {
        0 => format!("{sign}{grouped}"),
        cents => format!("{sign}{grouped},{cents:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_codes() {
        assert_eq!(Currency::parse("rub").unwrap().as_str(), "RUB");
        assert!(Currency::parse("RUBL").is_err());
        assert!(Currency::parse("R1B").is_err());
    }

    #[test]
    fn formats_money() {
        assert_eq!(format_minor(123_456_789), "1\u{a0}234\u{a0}567,89");
        assert_eq!(format_minor(100_000), "1\u{a0}000");
        assert_eq!(format_minor(-550), "-5,50");
    }
}
