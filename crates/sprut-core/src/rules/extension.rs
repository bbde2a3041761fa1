//! Extensions (продление): longer development for an objective reason and a firm date.
//!
//! No reason and no date, no extension; and never open-ended: at most a configured
//! multiple of the sales cycle past the current due date.

use crate::validate::Checks;
use crate::Reason;
use crate::{word_enum, CoreError};
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

word_enum!(
    /// The objective reason for an extension.
    ExtensionReason {
        /// The client buys on a known cycle.
        PurchaseCycle = "purchase_cycle",
        /// Waiting for the client's next budget period.
        BudgetPeriod = "budget_period",
        /// A corporate group («куст») takes longer.
        CorporateGroup = "corporate_group",
        /// Depends on state funding.
        StateFunding = "state_funding",
        /// The market is seasonal.
        Seasonality = "seasonality",
    }
);

/// A head's request to extend a development assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ExtensionRequest {
    /// Why.
    pub reason: ExtensionReason,
    /// The facts behind the reason, in words.
    pub text: String,
    /// The new due date.
    pub until: Date,
}

/// Default longest extension, as a multiple of the sales cycle.
pub const DEFAULT_MAX_MULTIPLE: f64 = 1.0;

/// Longest allowed text of an extension.
const MAX_TEXT_CHARS: usize = 2000;

/// Refuses an extension unless it has a text and `until` is after today, after
/// `current_due` (the due date in force, extension included) and at most
/// `ceil(max_multiple × cycle_days)` days after `current_due`. Every problem is reported,
/// each under its field (`text`, `until`).
pub fn check_extension(
    req: &ExtensionRequest,
    current_due: Date,
    cycle_days: i64,
    max_multiple: f64,
    today: Date,
) -> Result<(), CoreError> {
    let mut c = Checks::new();
    c.text("text", &req.text, MAX_TEXT_CHARS);
    let max_days = max_extension_days(cycle_days, max_multiple);
    let latest = current_due.checked_add(Duration::days(max_days)).unwrap_or(Date::MAX);
    if latest <= today {
        c.fail("until", Reason::ExtensionExhausted { latest });
    } else if req.until <= today {
        c.fail("until", Reason::AfterToday { today });
    } else if req.until <= current_due {
        c.fail("until", Reason::AfterDue { due: current_due });
    } else if req.until > latest {
        c.fail(
            "until",
            Reason::ExtensionTooLong { latest, days: max_days, multiple: max_multiple.to_string(), cycle_days },
        );
    }
    c.finish()
}

/// `ceil(max_multiple × cycle_days)`, never negative.
fn max_extension_days(cycle_days: i64, max_multiple: f64) -> i64 {
    let days = (max_multiple * cycle_days as f64).ceil();
    if days.is_nan() || days < 0.0 {
        0
    } else {
        days as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FieldError;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 03 - 10);
    const DUE: Date = date!(2026 - 03 - 20);

    fn req(until: Date) -> ExtensionRequest {
        ExtensionRequest {
            reason: ExtensionReason::BudgetPeriod,
            text: "Budget for 2026 approved in April; tender announced".into(),
            until,
        }
    }

    fn errors(r: Result<(), CoreError>) -> Vec<FieldError> {
        match r {
            Err(CoreError::Validation(e)) => e,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_reasoned_firm_date_within_one_cycle_is_accepted() {
        // Cycle 90 days: latest 2026-03-20 + 90 = 2026-06-18.
        assert!(check_extension(&req(date!(2026 - 06 - 18)), DUE, 90, 1.0, TODAY).is_ok());
        assert!(check_extension(&req(date!(2026 - 03 - 21)), DUE, 90, DEFAULT_MAX_MULTIPLE, TODAY).is_ok());
    }

    #[test]
    fn too_far_names_the_latest_date() {
        let e = errors(check_extension(&req(date!(2026 - 06 - 19)), DUE, 90, 1.0, TODAY));
        assert_eq!(
            e,
            [FieldError::new(
                "until",
                Reason::ExtensionTooLong {
                    latest: date!(2026 - 06 - 18),
                    days: 90,
                    multiple: "1".into(),
                    cycle_days: 90
                }
            )]
        );
        assert_eq!(
            e[0].reason.to_string(),
            "must be at most 90 days (1 × the sales cycle of 90 days) after the current due date: 2026-06-18 at the latest"
        );
        // 0.5 × 45 = 22.5 -> 23 days: 2026-04-12.
        let e = errors(check_extension(&req(date!(2026 - 04 - 13)), DUE, 45, 0.5, TODAY));
        assert!(matches!(e[0].reason, Reason::ExtensionTooLong { latest, .. } if latest == date!(2026 - 04 - 12)));
    }

    #[test]
    fn until_must_be_after_today_and_after_the_due_date() {
        let e = errors(check_extension(&req(TODAY), DUE, 90, 1.0, TODAY));
        assert_eq!(e, [FieldError::new("until", Reason::AfterToday { today: TODAY })]);
        let e = errors(check_extension(&req(DUE), DUE, 90, 1.0, TODAY));
        assert_eq!(e, [FieldError::new("until", Reason::AfterDue { due: DUE })]);
    }

    #[test]
    fn empty_text_is_refused_with_every_other_problem() {
        let blank = ExtensionRequest { text: "   ".into(), ..req(TODAY) };
        let e = errors(check_extension(&blank, DUE, 90, 1.0, TODAY));
        let fields: Vec<&str> = e.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["text", "until"]);
    }

    #[test]
    fn a_due_date_too_long_past_cannot_be_extended() {
        let e = errors(check_extension(&req(date!(2026 - 03 - 11)), date!(2025 - 12 - 01), 90, 1.0, TODAY));
        assert_eq!(e[0].field, "until");
        assert!(matches!(e[0].reason, Reason::ExtensionExhausted { .. }), "{}", e[0].reason);
        // Past due, but still within one cycle of the due date: fine.
        assert!(check_extension(&req(date!(2026 - 03 - 11)), date!(2026 - 01 - 01), 90, 1.0, TODAY).is_ok());
    }
}
