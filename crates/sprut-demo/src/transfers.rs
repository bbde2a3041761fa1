//! The demo's past handovers as completed transfers: each rebalancing in the holding history
//! (a holding ended `transferred` and the next one starting that day) becomes a transfer
//! with its checklist closed, so the transfer report has material from the first run.

use sprut_core::assignment::{AssignmentKind, EndReason};
use sprut_core::dataset::Dataset;
use sprut_core::handover::checklist::{Checklist, SnapshotLine};
use sprut_core::handover::transfer::{Transfer, TransferCause, TransferItem, TransferState};
use sprut_core::{ClientId, EmployeeId, TransferId};
use std::collections::{BTreeMap, HashMap};
use time::{Date, Duration, Time};

/// A client handed over: to whom, on which terms.
type Handed = (ClientId, EmployeeId, AssignmentKind);

/// The transfers behind the rebalancings of `data`'s history.
pub(super) fn history(data: &Dataset) -> Vec<Transfer> {
    let names: HashMap<ClientId, &str> = data.clients.iter().map(|c| (c.id, c.name.as_str())).collect();
    let mut by_client: BTreeMap<ClientId, Vec<&sprut_core::assignment::Assignment>> = BTreeMap::new();
    for a in &data.assignments {
        by_client.entry(a.client_id).or_default().push(a);
    }
    let mut groups: BTreeMap<(Date, EmployeeId), Vec<Handed>> = BTreeMap::new();
    for (client, spans) in &by_client {
        for pair in spans.windows(2) {
            let (old, new) = (pair[0], pair[1]);
            if old.end_reason == Some(EndReason::Transferred) && old.ended_on == Some(new.started_on) {
                groups.entry((new.started_on, old.employee_id)).or_default().push((*client, new.employee_id, new.kind));
            }
        }
    }
    let at = |d: Date, h: u8| d.with_time(Time::from_hms(h, 0, 0).unwrap_or(Time::MIDNIGHT)).assume_utc();
    groups
        .into_iter()
        .map(|((on, from), clients)| {
            let items = clients
                .into_iter()
                .map(|(client, to, kind)| {
                    let lines: Vec<SnapshotLine> = data
                        .receivables
                        .iter()
                        .filter(|r| r.client_id == client && r.issued_on <= on && r.paid_on.is_none_or(|p| p > on))
                        .map(|r| SnapshotLine {
                            number: r.number.clone(),
                            amount_minor: r.amount_minor,
                            currency: r.currency.as_str().into(),
                            issued_on: r.issued_on,
                            due_on: r.due_on,
                        })
                        .collect();
                    let total: i64 = lines.iter().map(|l| l.amount_minor).sum();
                    let notices = data
                        .contacts
                        .iter()
                        .filter(|c| c.client_id == client && c.consent && !c.emails.is_empty())
                        .count();
                    let checklist = Checklist {
                        joint_visit_on: Some(on + Duration::days(3)),
                        joint_visit_done_on: Some(on + Duration::days(3)),
                        documents: vec!["Договор поставки с приложениями".into(), "Акты сверки за год".into()],
                        documents_from_at: Some(at(on, 11)),
                        documents_to_at: Some(at(on + Duration::days(1), 10)),
                        receivables: Some(lines),
                        receivables_total: Some(total),
                        from_total: Some(total),
                        to_total: Some(total),
                        receivables_note: None,
                        receivables_closed_at: Some(at(on + Duration::days(1), 10)),
                        departments_notified_at: Some(at(on, 12)),
                        client_notified_at: Some(at(on, 12)),
                        client_notices: notices as i64,
                        questions: vec![],
                        questions_accepted_at: Some(at(on + Duration::days(3), 16)),
                    };
                    TransferItem {
                        client_id: client,
                        client_name: names.get(&client).copied().unwrap_or("").to_string(),
                        to_id: to,
                        kind,
                        reason: "выбор руководителя: выравнивание нагрузки".into(),
                        why: None,
                        checklist,
                        handed_over_at: Some(at(on, 9)),
                    }
                })
                .collect();
            Transfer {
                id: TransferId(uuid_at(at(on - Duration::days(7), 9), from)),
                cause: TransferCause::Rebalance,
                from_id: from,
                effective_on: on,
                state: TransferState::Completed,
                note: "Перераспределение нагрузки в команде".into(),
                offboarding_id: None,
                created_by: None,
                created_at: at(on - Duration::days(7), 9),
                handed_over_at: Some(at(on, 9)),
                completed_at: Some(at(on + Duration::days(3), 16)),
                cancelled_at: None,
                cancel_reason: None,
                items,
            }
        })
        .collect()
}

/// A time-ordered id for `at`, unique per giving holder (the demo must be the same every run).
fn uuid_at(at: time::OffsetDateTime, from: EmployeeId) -> uuid::Uuid {
    let mut rng = sprut_core::seeded::Rng::stream(from.0.as_u128() as u64, at.unix_timestamp() as u64);
    rng.uuid(at)
}
