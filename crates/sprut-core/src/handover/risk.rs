//! Which clients of a leaver are at risk of leaving with him: the revenue at stake and how
//! thin the company's own ties to the client are.

use super::share::ClientFacts;
use crate::settings::Settings;
use crate::word_enum;
use serde::Serialize;
use time::{Date, Duration};

word_enum!(
    /// A reason a client is at risk.
    RiskReason {
        /// High revenue over the last twelve months.
        HighRevenue = "high_revenue",
        /// One contact person or none: the rep is the only bridge.
        SingleContact = "single_contact",
        /// No contact checked by anyone else in a year.
        UnverifiedContacts = "unverified_contacts",
        /// No meeting with a head in a year.
        NoManagementMeeting = "no_management_meeting",
        /// Unpaid invoices.
        OpenReceivables = "open_receivables",
        /// Overdue invoices.
        OverdueReceivables = "overdue_receivables",
    }
);

/// How much of a client could leave with its holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Risk {
    /// The score: the sum of the reasons' weights.
    pub score: i64,
    /// Whether the score reaches the threshold.
    pub at_risk: bool,
    /// The reasons.
    pub reasons: Vec<RiskReason>,
}

/// The weight of a reason in the score.
pub fn weight(r: RiskReason) -> i64 {
    match r {
        RiskReason::HighRevenue => 3,
        RiskReason::SingleContact => 2,
        RiskReason::UnverifiedContacts => 1,
        RiskReason::NoManagementMeeting => 2,
        RiskReason::OpenReceivables => 1,
        RiskReason::OverdueReceivables => 2,
    }
}

/// Scores a client on `today`: high revenue (the setting `risk_revenue_minor`), a single
/// point of contact, no contact verified in a year, no management meeting in a year, open or
/// overdue invoices. At risk from `risk_threshold` points, and only a client that bought in
/// the last twelve months: a prospect has no revenue to keep with a retention offer.
pub fn assess(f: &ClientFacts, today: Date, s: &Settings) -> Risk {
    let year_ago = today - Duration::days(365);
    let mut reasons = Vec::new();
    if f.revenue_12m >= s.risk_revenue_minor && f.revenue_12m > 0 {
        reasons.push(RiskReason::HighRevenue);
    }
    if f.contacts <= 1 {
        reasons.push(RiskReason::SingleContact);
    }
    if f.verified_contacts == 0 {
        reasons.push(RiskReason::UnverifiedContacts);
    }
    if f.last_management_meeting.is_none_or(|d| d < year_ago) {
        reasons.push(RiskReason::NoManagementMeeting);
    }
    if f.overdue_receivables > 0 {
        reasons.push(RiskReason::OverdueReceivables);
    } else if f.open_receivables > 0 {
        reasons.push(RiskReason::OpenReceivables);
    }
    let score = reasons.iter().map(|r| weight(*r)).sum();
    Risk { score, at_risk: score >= s.risk_threshold && f.revenue_12m > 0, reasons }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ClientId;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 03 - 02);

    fn facts() -> ClientFacts {
        ClientFacts {
            client_id: ClientId::new(),
            name: "Альфа".into(),
            region: None,
            potential_minor: 0,
            is_customer: true,
            revenue_12m: 0,
            contacts: 3,
            verified_contacts: 2,
            last_management_meeting: Some(date!(2025 - 12 - 01)),
            open_receivables: 0,
            overdue_receivables: 0,
        }
    }

    #[test]
    fn a_well_tied_client_is_safe_and_a_one_man_client_is_not() {
        let s = Settings::default();
        assert_eq!(assess(&facts(), TODAY, &s), Risk { score: 0, at_risk: false, reasons: vec![] });
        let lonely =
            ClientFacts { contacts: 1, verified_contacts: 0, last_management_meeting: None, revenue_12m: 1, ..facts() };
        let r = assess(&lonely, TODAY, &s);
        assert_eq!(r.score, 5);
        assert!(r.at_risk);
        let prospect = ClientFacts { revenue_12m: 0, ..lonely };
        assert!(!assess(&prospect, TODAY, &s).at_risk, "nothing bought this year: no revenue to keep");
        let big =
            ClientFacts { revenue_12m: s.risk_revenue_minor, overdue_receivables: 1, open_receivables: 1, ..facts() };
        let r = assess(&big, TODAY, &s);
        assert_eq!(r.reasons, [RiskReason::HighRevenue, RiskReason::OverdueReceivables]);
        assert!(r.at_risk, "3 + 2 reaches the threshold of 4");
        let old_meeting = ClientFacts { last_management_meeting: Some(date!(2025 - 03 - 01)), ..facts() };
        assert_eq!(assess(&old_meeting, TODAY, &s).reasons, [RiskReason::NoManagementMeeting]);
    }
}
