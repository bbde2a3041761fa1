//! The user's `--value field:SOURCE_VALUE=value` translations of cell values.

use super::fields::{field_names, spec};
use super::headers::normalise;
use super::words::parse_bool;
use super::{FileError, ImportEntity};
use crate::activity::ActivityKind;
use crate::client::Tier;
use crate::deal::DealStage;
use crate::employee::{Department, Role};

/// Cell values to read as other values, per field (e.g. stage `Engaging` → `open`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValueMaps {
    /// (field, the source value as given, its normalised form, the value to use).
    entries: Vec<(&'static str, String, String, String)>,
}

impl ValueMaps {
    /// No translations.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads `--value field:SOURCE_VALUE=value` options for `entity`.
    pub fn parse<S: AsRef<str>>(entity: ImportEntity, options: &[S]) -> Result<Self, FileError> {
        let mut maps = Self::new();
        for option in options {
            let option = option.as_ref();
            let bad = || FileError::bad_option(format!("--value expects 'field:SOURCE VALUE=value', got '{option}'"));
            let (field, rest) = option.split_once(':').ok_or_else(bad)?;
            let (source, value) = rest.rsplit_once('=').ok_or_else(bad)?;
            maps.add(entity, field.trim(), source, value)?;
        }
        Ok(maps)
    }

    /// Reads `source` in `field` as `value`; a word field's `value` must be one of its words.
    pub fn add(&mut self, entity: ImportEntity, field: &str, source: &str, value: &str) -> Result<(), FileError> {
        let spec = spec(entity, field).ok_or_else(|| FileError::UnknownField {
            entity,
            field: field.to_string(),
            valid: field_names(entity),
        })?;
        let value = value.trim();
        let checked = match spec.name {
            "stage" => value.parse::<DealStage>().map(|_| ()),
            "tier" => value.parse::<Tier>().map(|_| ()),
            "kind" => value.parse::<ActivityKind>().map(|_| ()),
            "role" => value.parse::<Role>().map(|_| ()),
            "department" => value.parse::<Department>().map(|_| ()),
            "decision_maker" | "consent" | "is_won" | "is_closed" => {
                parse_bool(value).map(|_| ()).map_err(|e| e.to_string())
            }
            _ => Ok(()),
        };
        checked.map_err(|reason| FileError::bad_option(format!("--value {field}:{source}={value}: {reason}")))?;
        let source = source.trim();
        self.entries.push((spec.name, source.to_string(), normalise(source), value.to_string()));
        Ok(())
    }

    /// The value to use for `cell` in `field`, when the user translated it: an exact match
    /// first, then one that ignores case, spaces and punctuation.
    pub fn get(&self, field: &str, cell: &str) -> Option<&str> {
        if !self.entries.iter().any(|e| e.0 == field) {
            return None;
        }
        let cell = cell.trim();
        let of_field = || self.entries.iter().filter(move |e| e.0 == field);
        if let Some(e) = of_field().find(|e| e.1 == cell) {
            return Some(&e.3);
        }
        let key = normalise(cell);
        of_field().find(|e| !key.is_empty() && e.2 == key).map(|e| e.3.as_str())
    }

    /// Whether there are no translations.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_options() {
        let maps = ValueMaps::parse(
            ImportEntity::Deals,
            &["stage:Engaging=open", "stage:C1:WON=won", "owner:Вася=vasya@x.ru"],
        )
        .unwrap();
        assert_eq!(maps.get("stage", "engaging"), Some("open"));
        assert_eq!(maps.get("stage", "C1:WON"), Some("won"));
        assert_eq!(maps.get("owner", " Вася "), Some("vasya@x.ru"));
        assert_eq!(maps.get("stage", "Other"), None);
        assert_eq!(maps.get("title", "Engaging"), None);
    }

    #[test]
    fn bad_value_options() {
        let err = ValueMaps::parse(ImportEntity::Deals, &["stage:Engaging=maybe"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--value stage:Engaging=maybe: unknown value 'maybe'; expected one of: open, won, lost"
        );
        assert!(matches!(
            ValueMaps::parse(ImportEntity::Deals, &["stagex:A=open"]),
            Err(FileError::UnknownField { .. })
        ));
        assert!(matches!(ValueMaps::parse(ImportEntity::Deals, &["stage=open"]), Err(FileError::BadOption { .. })));
        assert!(ValueMaps::parse(ImportEntity::Clients, &["tier:VIP=key"]).is_ok());
        assert!(ValueMaps::parse(ImportEntity::Contacts, &["consent:подписан=да"]).is_ok());
    }
}
