//! Contacts, deals, activities and receivables of a client.

use crate::support::{date, fields, Company, NOW};
use axum::http::StatusCode;
use serde_json::{json, Value};
use time::macros::date;

/// Creates, reads, patches and lists one kind; returns the created record.
async fn round_trip(c: &Company, kind: &str, client: &str, new: Value, patch: Value, check: (&str, Value)) -> Value {
    let (s, created) = c.post(&format!("/api/v1/{kind}"), &c.rep1, new).await;
    assert_eq!(s, StatusCode::CREATED, "{kind}: {created}");
    let id = created["id"].as_str().unwrap();
    let (s, one) = c.get(&format!("/api/v1/{kind}/{id}"), &c.rep1).await;
    assert_eq!(s, StatusCode::OK, "{kind}: {one}");
    assert_eq!(one, created);
    let (s, patched) = c.patch(&format!("/api/v1/{kind}/{id}"), &c.rep1, patch).await;
    assert_eq!(s, StatusCode::OK, "{kind}: {patched}");
    assert_eq!(patched[check.0], check.1, "{kind}: {patched}");
    let (s, list) = c.get(&format!("/api/v1/{kind}?client_id={client}"), &c.rep1).await;
    assert_eq!(s, StatusCode::OK, "{kind}: {list}");
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "{kind}: {list}");
    // Another rep neither lists nor reads nor changes it.
    let (_, list) = c.get(&format!("/api/v1/{kind}"), &c.rep2).await;
    assert!(list["items"].as_array().unwrap().is_empty(), "{kind}: {list}");
    let (s, _) = c.get(&format!("/api/v1/{kind}/{id}"), &c.rep2).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{kind}");
    let (s, _) = c.patch(&format!("/api/v1/{kind}/{id}"), &c.rep2, json!({})).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{kind}");
    // The auditor reads but does not write.
    let (s, _) = c.get(&format!("/api/v1/{kind}/{id}"), &c.auditor).await;
    assert_eq!(s, StatusCode::OK, "{kind}");
    let (s, _) = c.patch(&format!("/api/v1/{kind}/{id}"), &c.auditor, json!({})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{kind}");
    patched
}

#[tokio::test]
async fn contacts() {
    let c = Company::new().await;
    let client = c.rep_client(&c.rep1, "Дельта").await;
    let patched = round_trip(
        &c,
        "contacts",
        &client,
        json!({"client_id": client, "name": "Иван Петров", "phones": ["+7 (495) 123-45-67"], "emails": ["Ivan@Delta.ru"]}),
        json!({"decision_maker": true, "verified": true}),
        ("decision_maker", json!(true)),
    )
    .await;
    assert_eq!(patched["verified_by"], json!(c.rep1.employee.id));
    assert_eq!(patched["emails"], json!(["ivan@delta.ru"]));
    let (s, body) =
        c.post("/api/v1/contacts", &c.rep1, json!({"client_id": client, "name": "", "emails": ["nope"]})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), vec!["name", "emails"]);
    let other = c.rep_client(&c.rep2, "Чужой").await;
    let (s, _) = c.post("/api/v1/contacts", &c.rep1, json!({"client_id": other, "name": "Пётр"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn deals() {
    let c = Company::new().await;
    let client = c.rep_client(&c.rep1, "Эпсилон").await;
    let patched = round_trip(
        &c,
        "deals",
        &client,
        json!({"client_id": client, "title": "Поставка", "amount_minor": 1_000_000, "opened_on": date(date!(2026 - 03 - 01))}),
        json!({"stage": "won", "closed_on": date(date!(2026 - 03 - 02))}),
        ("stage", json!("won")),
    )
    .await;
    assert_eq!(patched["credited_to"], json!(c.rep1.employee.id), "credited to the holder at close");
    let (s, body) = c
        .post("/api/v1/deals", &c.rep1, json!({"client_id": client, "title": "x", "amount_minor": 5, "stage": "won", "opened_on": date(date!(2026 - 03 - 01))}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), vec!["closed_on"]);
}

#[tokio::test]
async fn activities() {
    let c = Company::new().await;
    let client = c.rep_client(&c.rep1, "Дзета").await;
    let created = round_trip(
        &c,
        "activities",
        &client,
        json!({"client_id": client, "kind": "call", "text": "Обсудили поставку"}),
        json!({"outcome": "перезвонить"}),
        ("outcome", json!("перезвонить")),
    )
    .await;
    assert_eq!(created["author_id"], json!(c.rep1.employee.id), "the author is the caller");
    let when = NOW.format(&time::format_description::well_known::Rfc3339).unwrap();
    assert_eq!(created["occurred_at"], json!(when));
}

#[tokio::test]
async fn receivables() {
    let c = Company::new().await;
    let client = c.rep_client(&c.rep1, "Эта").await;
    round_trip(
        &c,
        "receivables",
        &client,
        json!({"client_id": client, "number": "INV-1", "amount_minor": 50_000, "issued_on": date(date!(2026 - 02 - 01)), "due_on": date(date!(2026 - 02 - 15))}),
        json!({"paid_on": date(date!(2026 - 02 - 20))}),
        ("paid_on", date(date!(2026 - 02 - 20))),
    )
    .await;
    let (s, body) = c
        .post("/api/v1/receivables", &c.rep1, json!({"client_id": client, "number": "INV-2", "amount_minor": 1, "issued_on": date(date!(2026 - 02 - 01)), "due_on": date(date!(2026 - 01 - 15))}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), vec!["due_on"]);
}

/// A deal, a client or an invoice given without a currency takes the company's; a deal
/// without an owner is owned by whoever creates it.
#[tokio::test]
async fn new_amounts_take_the_company_currency_and_deals_their_creator() {
    let c = crate::support::Company::new().await;
    let (_, mut settings) = c.get("/api/v1/settings", &c.admin).await;
    settings["currency"] = serde_json::json!("USD");
    assert_eq!(c.put_json("/api/v1/settings", &c.admin, settings).await.0, axum::http::StatusCode::OK);
    let client = c.rep_client(&c.rep1, "Альфа").await;
    let today = crate::support::date(crate::support::NOW.date());
    let (s, deal) = c
        .post(
            "/api/v1/deals",
            &c.rep1,
            serde_json::json!({ "client_id": client, "title": "Поставка", "amount_minor": 100, "opened_on": today }),
        )
        .await;
    assert_eq!(s, axum::http::StatusCode::CREATED, "{deal}");
    assert_eq!(
        (deal["currency"].as_str(), deal["owner_id"].clone()),
        (Some("USD"), serde_json::json!(c.rep1.employee.id))
    );
    let (_, made) = c.get(&format!("/api/v1/clients/{client}"), &c.rep1).await;
    assert_eq!(made["currency"], "USD", "{made}");
}
