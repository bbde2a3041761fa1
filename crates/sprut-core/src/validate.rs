//! Checks on input fields; they collect every problem instead of stopping at the first.

use crate::error::{CoreError, FieldError, Reason};

/// Collects field errors while an input is checked.
#[derive(Debug, Default)]
pub struct Checks(Vec<FieldError>);

impl Checks {
    /// No problem found yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem with `field`.
    pub fn fail(&mut self, field: &str, reason: Reason) {
        self.0.push(FieldError::new(field, reason));
    }

    /// Trims `value` and records an error when it is empty or longer than `max` characters.
    pub fn text(&mut self, field: &str, value: &str, max: usize) -> String {
        let v = value.trim().to_string();
        if v.is_empty() {
            self.fail(field, Reason::Required);
        } else if v.chars().count() > max {
            self.fail(field, Reason::TooLong { max });
        }
        v
    }

    /// Like [`Checks::text`] for an optional field: blank becomes `None`.
    pub fn optional_text(&mut self, field: &str, value: Option<&str>, max: usize) -> Option<String> {
        let v = value.map(str::trim).filter(|v| !v.is_empty())?;
        if v.chars().count() > max {
            self.fail(field, Reason::TooLong { max });
        }
        Some(v.to_string())
    }

    /// Records an error when `value` is negative.
    pub fn non_negative(&mut self, field: &str, value: i64) {
        if value < 0 {
            self.fail(field, Reason::Negative);
        }
    }

    /// Records an error when `value` is not a plausible e-mail address; returns it trimmed and lower-cased.
    pub fn email(&mut self, field: &str, value: &str) -> String {
        let v = value.trim().to_lowercase();
        if !is_email(&v) {
            self.fail(field, Reason::Email { value: String::new() });
        }
        v
    }

    /// Ok when nothing failed, else every problem found.
    pub fn finish(self) -> Result<(), CoreError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(CoreError::Validation(self.0))
        }
    }
}

/// Whether `v` looks like an e-mail address: one `@`, a non-empty local part, a dotted domain.
pub fn is_email(v: &str) -> bool {
    let Some((local, domain)) = v.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && v.len() <= 254
        && !v.chars().any(char::is_whitespace)
}

/// Lower-cased text used for search and sorting the same way on both engines.
pub fn search_key(parts: &[&str]) -> String {
    parts.iter().map(|p| p.trim().to_lowercase()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Serde helper: tells an absent field (`None`) from an explicit `null` (`Some(None)`) in patches.
pub fn double_option<'de, T, D>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    serde::Deserialize::deserialize(de).map(Some)
}

/// Shortest password a person may choose.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Refuses passwords shorter than [`MIN_PASSWORD_CHARS`].
pub fn password(p: &str) -> Result<(), CoreError> {
    if p.chars().count() < MIN_PASSWORD_CHARS {
        return Err(CoreError::field("password", Reason::PasswordTooShort { min: MIN_PASSWORD_CHARS }));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(is_email("a@b.ru"));
        assert!(!is_email("a@b"));
        assert!(!is_email("@b.ru"));
        assert!(!is_email("a b@c.ru"));
        assert!(!is_email("a@@c.ru"));
    }

    #[test]
    fn checks_collect_all_problems() {
        let mut c = Checks::new();
        c.text("name", "  ", 10);
        c.non_negative("potential", -1);
        match c.finish() {
            Err(CoreError::Validation(errs)) => assert_eq!(errs.len(), 2),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn search_key_lowercases_cyrillic() {
        assert_eq!(search_key(&["ООО Ромашка", "7701"]), "ооо ромашка 7701");
    }
}
