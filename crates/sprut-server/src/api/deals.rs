//! Deals: sales, open or closed, credited to the holder at close.

use super::extract::Caller;
use super::records::record_routes;
use crate::state::AppState;
use sprut_core::deal::{Deal, DealPatch, NewDeal};
use sprut_core::DealId;

record_routes!(
    Deal, NewDeal, DealPatch, DealId, kind: Deals, name: "deal",
    store: { list: deals, create: create_deal [dated], read: deal, update: update_deal [dated] },
    also: {
        async fn complete(new: &mut NewDeal, user: &Caller, state: &AppState) {
            new.owner_id = new.owner_id.or(Some(user.employee.id));
            state.default_currency(&mut new.currency).await;
        }
    },
    list: "/deals", item: "/deals/{id}", tag: "deals",
    docs: {
        list: "Deals of the clients in the caller's scope, newest first.",
        create: "Records a deal with a client in the caller's scope; a closed deal is credited to the holder at close.",
        one: "One deal.",
        update: "Changes a deal.",
    },
);
