//! Company settings, stored as key/value pairs with defaults.

use serde::{Deserialize, Serialize};

/// The company's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Settings {
    /// Company name shown in the UI and in letters.
    pub company_name: String,
    /// The company's time zone (IANA name) for business dates.
    pub time_zone: String,
    /// Default currency for new money fields.
    pub currency: String,
    /// Sales cycle when there are too few samples, in days.
    pub default_cycle_days: i64,
    /// Rest between holders, in days.
    pub rest_days: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            company_name: "sprut".into(),
            time_zone: "Europe/Moscow".into(),
            currency: "RUB".into(),
            default_cycle_days: 90,
            rest_days: 45,
        }
    }
}

impl Settings {
    /// Builds settings from stored pairs; unknown keys are ignored, missing ones default.
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut value = serde_json::to_value(Settings::default()).unwrap_or_default();
        if let Some(map) = value.as_object_mut() {
            for (k, v) in pairs {
                if let Some(slot) = map.get_mut(k) {
                    *slot = serde_json::from_str(v).unwrap_or_else(|_| serde_json::Value::String(v.clone()));
                }
            }
        }
        serde_json::from_value(value).unwrap_or_default()
    }

    /// The settings as stored pairs (values in JSON).
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let value = serde_json::to_value(self).unwrap_or_default();
        value.as_object().map(|m| m.iter().map(|(k, v)| (k.clone(), v.to_string())).collect()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_round_trip() {
        let s = Settings { rest_days: 30, company_name: "ООО Альфа".into(), ..Settings::default() };
        assert_eq!(Settings::from_pairs(&s.to_pairs()), s);
        assert_eq!(Settings::from_pairs(&[]), Settings::default());
    }
}
