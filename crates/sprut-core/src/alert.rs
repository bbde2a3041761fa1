//! Alerts: what a head of sales or an auditor must look at, each with the figures that
//! raised it. One alert per kind, person, client and day; repeats raise its count.

use crate::settings::Settings;
use crate::{word_enum, AlertId, ClientId, EmployeeId};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

word_enum!(
    /// Why an alert was raised.
    AlertKind {
        /// Far more client cards opened in a day than usual.
        MassViewing = "mass_viewing",
        /// An attempt to open a record outside one's scope.
        OutOfScope = "out_of_scope",
        /// A rep or staff member tried to export a list.
        ExportAttempt = "export_attempt",
        /// A departing employee suddenly reads far more than before.
        DepartingSpike = "departing_spike",
        /// Repeated failed sign-ins to one account.
        FailedSignIns = "failed_sign_ins",
        /// The daily limit of records paged through was reached.
        PagingLimit = "paging_limit",
        /// A client given up as hopeless was later sold by someone else.
        HopelessThenSold = "hopeless_then_sold",
        /// One employee is the only thread of too large a share of his team's revenue.
        SingleThreaded = "single_threaded",
        /// A holder keeps the company's people away from his client (declines, far postponements).
        MeetingBlocked = "meeting_blocked",
        /// A spot check found contact data the head judged invented.
        InventedData = "invented_data",
    }
);

word_enum!(
    /// Whether someone has dealt with the alert.
    AlertStatus {
        /// Waiting for a look.
        Open = "open",
        /// Looked at and closed with a note.
        Closed = "closed",
    }
);

/// A stored alert.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Alert {
    /// Id.
    pub id: AlertId,
    /// Kind.
    pub kind: AlertKind,
    /// The employee it is about (`None` for sign-in attempts on unknown accounts).
    pub employee_id: Option<EmployeeId>,
    /// The client concerned, if one.
    pub client_id: Option<ClientId>,
    /// The business day it happened.
    pub day: Date,
    /// How many times it happened that day.
    pub count: i64,
    /// One line with the figures, in English.
    pub summary: String,
    /// The figures (JSON).
    pub details: serde_json::Value,
    /// Open or closed.
    pub status: AlertStatus,
    /// When first raised.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When last raised again.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// Who closed it.
    pub closed_by: Option<EmployeeId>,
    /// The closing note.
    pub note: Option<String>,
}

/// An alert to raise.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAlert {
    /// Kind.
    pub kind: AlertKind,
    /// About whom.
    pub employee_id: Option<EmployeeId>,
    /// About which client.
    pub client_id: Option<ClientId>,
    /// Which day.
    pub day: Date,
    /// One line with the figures.
    pub summary: String,
    /// The figures.
    pub details: serde_json::Value,
}

/// Which alerts to list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct AlertFilter {
    /// Only this kind.
    pub kind: Option<AlertKind>,
    /// Only open or only closed ones.
    pub status: Option<AlertStatus>,
    /// Only about this employee.
    pub employee_id: Option<EmployeeId>,
}

/// Closing an alert.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct CloseAlert {
    /// What was found and done.
    pub note: String,
}

/// Lifting a daily record limit for the alert's day.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct LiftLimit {
    /// Why the employee needs that many records that day (kept in the audit log).
    pub reason: String,
}

/// Days of history before a person's own habit counts in the mass-viewing rule.
pub const MIN_HABIT_DAYS: usize = 3;

/// The median of daily counts (0 for no days).
pub fn median(days: &[i64]) -> f64 {
    if days.is_empty() {
        return 0.0;
    }
    let mut v = days.to_vec();
    v.sort_unstable();
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2] as f64
    } else {
        (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0
    }
}

/// The mass-viewing rule: `today` distinct cards against the threshold and against the
/// person's own median of `past` days (the days of the last 30 on which they opened cards),
/// once there are [`MIN_HABIT_DAYS`] of them. Returns the summary and figures when it fires.
pub fn mass_viewing(today: i64, past: &[i64], s: &Settings) -> Option<(String, serde_json::Value)> {
    let median = median(past);
    let over_threshold = today > s.mass_view_threshold;
    // A habit needs a few days to be one: newcomers are held to the threshold only.
    let over_habit = past.len() >= MIN_HABIT_DAYS
        && today >= s.mass_view_floor
        && (today as f64) > s.mass_view_multiple as f64 * median;
    (over_threshold || over_habit).then(|| {
        let summary = format!(
            "opened {today} client cards today; threshold {}, own 30-day median {median} (x{} = {})",
            s.mass_view_threshold,
            s.mass_view_multiple,
            s.mass_view_multiple as f64 * median
        );
        let details = serde_json::json!({
            "cards_today": today, "threshold": s.mass_view_threshold, "median_30d": median,
            "multiple": s.mass_view_multiple, "floor": s.mass_view_floor,
        });
        (summary, details)
    })
}

/// The departing-spike rule: a departing employee opened `today` distinct cards, against his
/// own median day before (`past`).
pub fn departing_spike(today: i64, past: &[i64], s: &Settings) -> Option<(String, serde_json::Value)> {
    let median = median(past);
    (today >= s.departing_spike_floor && (today as f64) > s.departing_spike_multiple as f64 * median).then(|| {
        let summary = format!(
            "departing employee opened {today} client cards today; own median {median}, x{} = {}",
            s.departing_spike_multiple,
            s.departing_spike_multiple as f64 * median
        );
        let details = serde_json::json!({
            "cards_today": today, "median_30d": median,
            "multiple": s.departing_spike_multiple, "floor": s.departing_spike_floor,
        });
        (summary, details)
    })
}

/// What an alert says in `lang`: the stored English summary, or a Russian line built from its
/// figures, its verbs in the gender of `who` (the employee it is about, by full name); the
/// page of alerts and the letters to heads both use this one rendering.
pub fn summary_in(lang: crate::employee::Language, a: &Alert, who: &str) -> String {
    use crate::person_name::verb;
    use AlertKind::*;
    if lang == crate::employee::Language::En {
        return a.summary.clone();
    }
    let d = &a.details;
    let n = |k: &str| {
        d[k].as_f64().map(|v| if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v:.1}") }).unwrap_or_default()
    };
    let s = |k: &str| d[k].as_str().unwrap_or("").to_string();
    let opened = verb(who, "открыл", "открыла");
    let tried = verb(who, "пытался", "пыталась");
    match a.kind {
        MassViewing => format!(
            "{opened} {} карточек клиентов за день; порог {}, обычно {} в день",
            n("cards_today"),
            n("threshold"),
            n("median_30d")
        ),
        DepartingSpike => {
            format!("{opened} {} карточек за день перед уходом; обычно {} в день", n("cards_today"), n("median_30d"))
        }
        OutOfScope => {
            format!("{tried} открыть чужую запись ({} {}), попыток: {}", s("entity"), s("entity_id"), a.count)
        }
        ExportAttempt => {
            format!("{tried} выгрузить «{}» в {}; выгрузка доступна только руководителям", s("entity"), s("format"))
        }
        FailedSignIns => format!("{} неудачных входов в {} за час", n("failures_last_hour"), s("email")),
        PagingLimit => format!(
            "{} {} разных записей за день при пределе {}",
            verb(who, "прочитал бы", "прочитала бы"),
            n("records_today"),
            n("limit")
        ),
        HopelessThenSold => format!(
            "{} клиента бесперспективным, а другой держатель продал ему {}",
            verb(who, "назвал", "назвала"),
            s("won_on").split('-').rev().collect::<Vec<_>>().join(".")
        ),
        SingleThreaded => format!(
            "единственная нить {} клиентов с выручкой {} за 12 месяцев: {} % выручки команды (порог {} %)",
            n("single_threaded"),
            crate::money::format_minor(d["revenue_minor"].as_i64().unwrap_or(0)),
            n("share_percent"),
            n("alert_percent")
        ),
        InventedData => format!(
            "{} данные контакта: проверка нашла «{}», вывод руководителя — выдумано",
            verb(who, "внёс", "внесла"),
            s("outcome")
        ),
        MeetingBlocked => match d["pushed_days"].as_i64() {
            Some(days) if d["answer"] == "postponed" => format!(
                "{} встречу с клиентом на {days} дн. (допустимо {})",
                verb(who, "отложил", "отложила"),
                n("postpone_limit_days")
            ),
            _ => format!(
                "{} во встрече с клиентом {} раз за год (порог {}): «{}»",
                verb(who, "отказал", "отказала"),
                n("declines_in_year"),
                n("decline_limit"),
                s("reason")
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mass_viewing_by_threshold_or_by_habit() {
        let s = Settings::default();
        assert!(mass_viewing(80, &[], &s).is_none(), "the threshold itself is allowed");
        assert!(mass_viewing(81, &[], &s).is_some());
        // A rep who opens ~4 cards a day and suddenly opens 30: 30 > 5 x 4 and >= the floor.
        assert!(mass_viewing(30, &[4, 3, 5, 4], &s).is_some());
        assert!(mass_viewing(20, &[4, 3, 5, 4], &s).is_none(), "below the floor");
        assert!(mass_viewing(30, &[10, 12], &s).is_none(), "a busy rep's normal day");
        let (summary, details) = mass_viewing(30, &[4, 3, 5, 4], &s).unwrap();
        assert!(summary.contains("30") && details["median_30d"] == 4.0, "{summary}");
    }

    #[test]
    fn departing_spike_against_own_habit() {
        let s = Settings::default();
        assert!(departing_spike(15, &[3, 4, 5], &s).is_some());
        assert!(departing_spike(12, &[3, 4, 5], &s).is_none());
        assert!(departing_spike(14, &[], &s).is_none());
        assert_eq!(median(&[1, 9, 3, 7]), 5.0);
    }
}
