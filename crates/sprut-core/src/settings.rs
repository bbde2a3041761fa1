//! Company settings, stored as key/value pairs with defaults.

use crate::Reason;
use serde::{Deserialize, Serialize};

/// The company's settings; a field left out of a document keeps its default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Settings {
    /// Company name shown in the UI and in letters.
    pub company_name: String,
    /// The company's time zone (IANA name) for business dates.
    pub time_zone: String,
    /// Default currency for new money fields.
    pub currency: String,
    /// The country (two letters, RU) of phone numbers written without a country code.
    pub phone_region: String,
    /// Sales cycle when there are too few samples, in days.
    pub default_cycle_days: i64,
    /// Rest between holders, in days.
    pub rest_days: i64,
    /// Records a rep or staff member may page through in list views per day.
    pub daily_record_limit: i64,
    /// Distinct client cards a rep or staff member may open in a day before an alert.
    pub mass_view_threshold: i64,
    /// An alert also when the cards opened in a day exceed this multiple of the person's
    /// own median day of the last 30 days...
    pub mass_view_multiple: i64,
    /// ...and are at least this many.
    pub mass_view_floor: i64,
    /// A departing employee's day is a spike above this multiple of his own median day...
    pub departing_spike_multiple: i64,
    /// ...and at least this many cards.
    pub departing_spike_floor: i64,
    /// Failed sign-ins to one account within an hour before an alert.
    pub failed_sign_in_limit: i64,
    /// Sign-in attempts allowed per account and per address per minute.
    pub sign_ins_per_minute: i64,
    /// List and search requests allowed per user per minute.
    pub list_requests_per_minute: i64,
    /// Canary rows in each exported file.
    pub export_canaries: i64,
    /// Yearly revenue (minor units) from which a leaver's client counts as a big one.
    pub risk_revenue_minor: i64,
    /// Risk points from which a leaver's client is at risk.
    pub risk_threshold: i64,
    /// Which figure of the sales cycle drives the rules: mean, median, p80 or km_median.
    pub cycle_figure: String,
    /// Fewest sales a segment (or the company) needs before its own cycle is used.
    pub cycle_min_samples: i64,
    /// A corporate group's («куст») cycle as a percentage of the plain one.
    pub group_cycle_percent: i64,
    /// Days without a logged touch after which a held client is dead.
    pub no_activity_days: i64,
    /// Days without a sale after which a customer has lapsed.
    pub lapse_days: i64,
    /// Longest extension past the due date, as a percentage of the sales cycle.
    pub max_extension_percent: i64,
    /// A rested client goes only to reps of its last holder's team.
    pub rotation_same_team: bool,
    /// A rested client goes only to reps of its own region.
    pub rotation_same_region: bool,
    /// Days a new API token works before it expires.
    pub api_token_days: i64,
    /// Days between planned touches of a key client.
    pub touch_key_days: i64,
    /// Days between planned touches of a regular client.
    pub touch_regular_days: i64,
    /// Days between planned touches of a small client.
    pub touch_small_days: i64,
    /// The least tier whose clients need a quarterly meeting with their holder's head: key,
    /// regular, small, or none.
    pub head_meeting_tier: String,
    /// A client whose potential (minor units) is at least this needs one too, whatever its
    /// tier (0: the tier alone decides).
    pub head_meeting_potential_minor: i64,
    /// An alert fires when one employee is the only thread of clients with at least this
    /// share (percent) of his team's revenue of the last twelve months.
    pub single_thread_alert_percent: i64,
    /// Declines of meetings with one client in a year that raise a red flag on its holder.
    pub meeting_decline_limit: i64,
    /// Days past the earliest date proposed a holder may postpone a meeting before it is a red flag.
    pub meeting_postpone_days: i64,
    /// Contacts of each rep drawn for the weekly spot check (0: no spot checks).
    pub spot_check_per_rep: i64,
    /// The staff department whose people check the contacts drawn, in turn (empty: the head of
    /// the holder's team).
    pub spot_check_department: String,
    /// The least coverage score (0–100) a key client should have; those below are listed for
    /// their heads with what they lack.
    pub key_coverage_min: i64,
    /// The share (percent) of a key client's yearly potential expected of its holder: his
    /// sales plan counts it day by day while he holds the client.
    pub plan_key_percent: i64,
    /// The same for a regular client.
    pub plan_regular_percent: i64,
    /// The same for a small client.
    pub plan_small_percent: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            company_name: "sprut".into(),
            time_zone: "Europe/Moscow".into(),
            currency: "RUB".into(),
            phone_region: crate::channel::DEFAULT_PHONE_REGION.into(),
            default_cycle_days: 90,
            rest_days: 45,
            daily_record_limit: 2000,
            mass_view_threshold: 80,
            mass_view_multiple: 5,
            mass_view_floor: 25,
            departing_spike_multiple: 3,
            departing_spike_floor: 15,
            failed_sign_in_limit: 5,
            sign_ins_per_minute: 10,
            list_requests_per_minute: 120,
            export_canaries: 3,
            risk_revenue_minor: 1_000_000_00,
            risk_threshold: 4,
            cycle_figure: "mean".into(),
            cycle_min_samples: 5,
            group_cycle_percent: 150,
            no_activity_days: 60,
            lapse_days: 365,
            max_extension_percent: 100,
            rotation_same_team: true,
            rotation_same_region: false,
            api_token_days: crate::token::DEFAULT_TOKEN_DAYS,
            touch_key_days: 14,
            touch_regular_days: 45,
            touch_small_days: 90,
            head_meeting_tier: "key".into(),
            head_meeting_potential_minor: 0,
            single_thread_alert_percent: 25,
            meeting_decline_limit: 2,
            meeting_postpone_days: 30,
            spot_check_per_rep: 2,
            spot_check_department: String::new(),
            key_coverage_min: 50,
            plan_key_percent: 100,
            plan_regular_percent: 100,
            plan_small_percent: 100,
        }
    }
}

impl Settings {
    /// The settings trimmed and checked, naming every bad field; `known_zone` says whether a
    /// time zone is one the caller's zone database holds (the core has none).
    pub fn checked(mut self, known_zone: &dyn Fn(&str) -> bool) -> Result<Settings, crate::CoreError> {
        let mut c = crate::validate::Checks::new();
        self.company_name = c.text("company_name", &self.company_name, 200);
        self.time_zone = self.time_zone.trim().to_string();
        if self.time_zone.is_empty() || self.time_zone.contains(char::is_whitespace) || !known_zone(&self.time_zone) {
            c.fail("time_zone", Reason::TimeZone);
        }
        self.phone_region = self.phone_region.trim().to_uppercase();
        if !crate::channel::is_phone_region(&self.phone_region) {
            c.fail("phone_region", Reason::CountryCode);
        }
        match crate::money::Currency::parse(&self.currency) {
            Ok(code) => self.currency = code.as_str().to_string(),
            Err(_) => c.fail("currency", Reason::Currency { value: self.currency.clone() }),
        }
        for (field, value, min, max) in [
            ("default_cycle_days", self.default_cycle_days, 1, 3650),
            ("rest_days", self.rest_days, 0, 3650),
            ("daily_record_limit", self.daily_record_limit, 1, i64::MAX),
            ("mass_view_threshold", self.mass_view_threshold, 1, i64::MAX),
            ("mass_view_multiple", self.mass_view_multiple, 1, 1000),
            ("mass_view_floor", self.mass_view_floor, 1, i64::MAX),
            ("departing_spike_multiple", self.departing_spike_multiple, 1, 1000),
            ("departing_spike_floor", self.departing_spike_floor, 1, i64::MAX),
            ("failed_sign_in_limit", self.failed_sign_in_limit, 1, 1000),
            ("sign_ins_per_minute", self.sign_ins_per_minute, 1, 10_000),
            ("list_requests_per_minute", self.list_requests_per_minute, 1, 1_000_000),
            ("export_canaries", self.export_canaries, 1, 20),
            ("risk_revenue_minor", self.risk_revenue_minor, 0, i64::MAX),
            ("risk_threshold", self.risk_threshold, 1, 100),
            ("cycle_min_samples", self.cycle_min_samples, 1, 1_000_000),
            ("group_cycle_percent", self.group_cycle_percent, 100, 1000),
            ("no_activity_days", self.no_activity_days, 1, 3650),
            ("lapse_days", self.lapse_days, 1, 3650),
            ("max_extension_percent", self.max_extension_percent, 1, 1000),
            ("api_token_days", self.api_token_days, 1, 3650),
            ("touch_key_days", self.touch_key_days, 1, 3650),
            ("touch_regular_days", self.touch_regular_days, 1, 3650),
            ("touch_small_days", self.touch_small_days, 1, 3650),
            ("head_meeting_potential_minor", self.head_meeting_potential_minor, 0, i64::MAX),
            ("single_thread_alert_percent", self.single_thread_alert_percent, 1, 100),
            ("meeting_decline_limit", self.meeting_decline_limit, 1, 100),
            ("meeting_postpone_days", self.meeting_postpone_days, 1, 365),
            ("spot_check_per_rep", self.spot_check_per_rep, 0, 50),
            ("key_coverage_min", self.key_coverage_min, 0, 100),
            ("plan_key_percent", self.plan_key_percent, 0, 1000),
            ("plan_regular_percent", self.plan_regular_percent, 0, 1000),
            ("plan_small_percent", self.plan_small_percent, 0, 1000),
        ] {
            if value < min || value > max {
                c.fail(field, Reason::Range { min, max: (max != i64::MAX).then_some(max) });
            }
        }
        self.cycle_figure = self.cycle_figure.trim().to_lowercase();
        if self.cycle_figure.parse::<crate::rules::cycle::CycleFigure>().is_err() {
            c.fail("cycle_figure", Reason::CycleFigure);
        }
        self.head_meeting_tier = self.head_meeting_tier.trim().to_lowercase();
        if let Err(reason) = crate::meeting::MeetingRule::tier_of(&self.head_meeting_tier) {
            c.fail("head_meeting_tier", reason);
        }
        self.spot_check_department = self.spot_check_department.trim().to_lowercase();
        if !self.spot_check_department.is_empty()
            && self.spot_check_department.parse::<crate::employee::Department>().is_err()
        {
            let list = crate::reason::WordList::Department;
            c.fail("spot_check_department", Reason::Word { value: self.spot_check_department.clone(), list });
        }
        c.finish()?;
        Ok(self)
    }

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

    #[test]
    fn rule_settings_are_checked_and_reach_the_policy() {
        let bad = Settings { cycle_figure: "average".into(), group_cycle_percent: 50, ..Settings::default() };
        let err = bad.checked(&|_| true).unwrap_err().to_string();
        assert!(err.contains("cycle_figure") && err.contains("group_cycle_percent"), "{err}");
        let s = Settings {
            cycle_figure: " P80 ".into(),
            no_activity_days: 30,
            group_cycle_percent: 200,
            max_extension_percent: 50,
            rotation_same_team: false,
            ..Settings::default()
        }
        .checked(&|_| true)
        .unwrap();
        let p = crate::rules::day::RotationPolicy::from_settings(&s);
        assert_eq!(p.cycle.figure, crate::rules::cycle::CycleFigure::P80);
        assert_eq!((p.dead.no_activity_days, p.cycle.group_factor, p.max_extension_multiple), (30, 2.0, 0.5));
        assert!(!p.rotation.same_team);
    }
}
