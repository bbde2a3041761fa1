//! Receivables: invoices a client owes.

use super::extract::Caller;
use super::records::record_routes;
use crate::state::AppState;
use sprut_core::receivable::{NewReceivable, Receivable, ReceivablePatch};
use sprut_core::ReceivableId;

record_routes!(
    Receivable, NewReceivable, ReceivablePatch, ReceivableId, kind: Receivables, name: "receivable",
    store: { list: receivables, create: create_receivable, read: receivable, update: update_receivable },
    also: {
        async fn complete(new: &mut NewReceivable, _user: &Caller, state: &AppState) {
            state.default_currency(&mut new.currency).await;
        }
    },
    list: "/receivables", item: "/receivables/{id}", tag: "receivables",
    docs: {
        list: "Invoices of the clients in the caller's scope, newest first.",
        create: "Records an invoice of a client in the caller's scope.",
        one: "One receivable.",
        update: "Changes an invoice.",
    },
);
