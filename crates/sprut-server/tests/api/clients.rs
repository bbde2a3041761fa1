//! Clients, holding, scopes and pagination.

use crate::support::{date, fields, Company, NOW};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;
use std::collections::HashSet;
use time::macros::date;

#[tokio::test]
async fn create_read_update_list() {
    let c = Company::new().await;
    let (s, created) = c
        .post(
            "/api/v1/clients",
            &c.admin,
            json!({"name": "  ООО Ромашка ", "legal_id": "7707083893", "tier": "key", "segment": "retail"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{created}");
    assert_eq!(created["name"], "ООО Ромашка");
    let id = created["id"].as_str().unwrap();

    let (s, one) = c.get(&format!("/api/v1/clients/{id}"), &c.admin).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(one["tier"], "key");
    assert_eq!(one["holder"], serde_json::Value::Null);

    let (s, patched) =
        c.patch(&format!("/api/v1/clients/{id}"), &c.head, json!({"segment": null, "region": "Тула"})).await;
    assert_eq!(s, StatusCode::OK, "{patched}");
    assert_eq!(patched["segment"], serde_json::Value::Null);
    assert_eq!(patched["region"], "Тула");

    let (s, list) = c.get("/api/v1/clients?tier=key", &c.auditor).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    let (_, list) = c.get("/api/v1/clients?tier=small", &c.auditor).await;
    assert!(list["items"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn bad_input_is_named() {
    let c = Company::new().await;
    let (s, body) = c
        .post("/api/v1/clients", &c.admin, json!({"name": " ", "legal_id": "7707083894", "potential_minor": -5}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["code"], "validation");
    let f = fields(&body);
    for name in ["name", "legal_id", "potential_minor"] {
        assert!(f.contains(&name.to_string()), "{name} missing in {body}");
    }
    // JSON of the wrong type: 422 naming the field.
    let (s, body) = c.post("/api/v1/clients", &c.admin, json!({"name": 5})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), vec!["name"]);
    let (s, body) = c.post("/api/v1/clients", &c.admin, json!({"tier": "key"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), vec!["name"]);
    // Malformed JSON: 400.
    let req = Request::post("/api/v1/clients")
        .header("authorization", format!("Bearer {}", c.admin.token))
        .header("content-type", "application/json")
        .body(Body::from("{\"name\": "))
        .unwrap();
    let (s, body) = c.send(req).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["code"], "bad_request");
    // A bad path parameter: 400 naming it; a bad query parameter: 400 naming it.
    let (s, body) = c.get("/api/v1/clients/not-a-uuid", &c.admin).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(fields(&body), vec!["id"]);
    let (s, body) = c.get("/api/v1/clients?tier=huge", &c.admin).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(fields(&body), vec!["tier"]);
    let (s, body) = c.get("/api/v1/clients?after=zz", &c.admin).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(fields(&body), vec!["after"]);
    let (s, body) = c.get(&format!("/api/v1/clients/{}/holder?on=2026-13-01", uuid_like()), &c.admin).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(fields(&body), vec!["on"]);
}

fn uuid_like() -> String {
    sprut_core::ClientId::new().to_string()
}

#[tokio::test]
async fn unknown_ids_are_404() {
    let c = Company::new().await;
    let (s, body) = c.get(&format!("/api/v1/clients/{}", uuid_like()), &c.admin).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "not_found");
    let (s, _) = c.patch(&format!("/api/v1/clients/{}", uuid_like()), &c.admin, json!({"name": "x"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = c.get(&format!("/api/v1/contacts/{}", uuid_like()), &c.admin).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, body) = c.get("/api/v1/no-such-thing", &c.admin).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "not_found");
}

#[tokio::test]
async fn a_rep_sees_his_clients_only() {
    let c = Company::new().await;
    let mine = c.rep_client(&c.rep1, "Своя компания").await;
    let theirs = c.rep_client(&c.rep2, "Чужая компания").await;
    let (s, one) = c.get(&format!("/api/v1/clients/{mine}"), &c.rep1).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(one["holder"]["employee_id"], json!(c.rep1.employee.id));
    let (s, body) = c.get(&format!("/api/v1/clients/{theirs}"), &c.rep1).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{body}");
    for sub in ["assignments", "holder", "group", "account-team"] {
        let (s, _) = c.get(&format!("/api/v1/clients/{theirs}/{sub}"), &c.rep1).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{sub}");
    }
    let (s, _) = c.patch(&format!("/api/v1/clients/{theirs}"), &c.rep1, json!({"name": "Моя"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, list) = c.get("/api/v1/clients", &c.rep1).await;
    let ids: Vec<_> = list["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, vec![mine.clone()]);
    // The rep's find is held by him for one default cycle (90 days).
    let (_, history) = c.get(&format!("/api/v1/clients/{mine}/assignments"), &c.rep1).await;
    assert_eq!(history[0]["kind"], "development");
    assert_eq!(history[0]["due_on"], date(date!(2026 - 05 - 31)));
    // ... and he may not archive it.
    let (s, _) = c.patch(&format!("/api/v1/clients/{mine}"), &c.rep1, json!({"status": "archived"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // The head sees both (his team's reps hold them).
    let (_, list) = c.get("/api/v1/clients", &c.head).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn auditors_and_staff_cannot_write() {
    let c = Company::new().await;
    let id = c.client("Альфа").await;
    let (s, body) = c.post("/api/v1/clients", &c.auditor, json!({"name": "x"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["code"], "forbidden");
    let (s, _) = c.patch(&format!("/api/v1/clients/{id}"), &c.auditor, json!({"name": "x"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = c.post("/api/v1/contacts", &c.auditor, json!({"client_id": id, "name": "Иван"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = c.post("/api/v1/clients", &c.staff, json!({"name": "x"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn duplicate_legal_ids_conflict() {
    let c = Company::new().await;
    let (s, _) = c.post("/api/v1/clients", &c.admin, json!({"name": "A", "legal_id": "7707083893"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, body) = c.post("/api/v1/clients", &c.admin, json!({"name": "B", "legal_id": "7707083893"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "conflict");
}

#[tokio::test]
async fn assigning_ending_and_holder_on_a_date() {
    let c = Company::new().await;
    let id = c.client("Бета").await;
    let uri = format!("/api/v1/clients/{id}/assignments");
    let give = |who: &sprut_core::EmployeeId, start| json!({"employee_id": who, "kind": "development", "started_on": date(start), "due_on": date(date!(2026 - 06 - 01)), "explanation": "first"});
    let (s, body) = c.post(&uri, &c.rep1, give(&c.rep1.employee.id, date!(2026 - 01 - 10))).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "an unheld client is outside a rep's scope: {body}");
    let (s, body) = c.post(&uri, &c.head, give(&c.rep1.employee.id, date!(2026 - 01 - 10))).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let (s, body) = c.post(&uri, &c.head, give(&c.rep2.employee.id, date!(2026 - 02 - 10))).await;
    assert_eq!(s, StatusCode::CONFLICT, "{body}");
    let (s, body) = c
        .post(
            &format!("{uri}/end"),
            &c.head,
            json!({"ended_on": date(date!(2026 - 02 - 01)), "reason": "recalled", "explanation": "no work"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(body["end_reason"], "recalled");
    let (s, body) = c.post(&uri, &c.head, give(&c.rep2.employee.id, date!(2026 - 02 - 10))).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");

    let holder = |on: &str| format!("/api/v1/clients/{id}/holder?on={on}");
    let (s, h) = c.get(&holder("2026-01-20"), &c.auditor).await;
    assert_eq!(s, StatusCode::OK, "{h}");
    assert_eq!(h["assignment"]["employee_id"], json!(c.rep1.employee.id));
    let (_, h) = c.get(&holder("2026-02-05"), &c.auditor).await;
    assert_eq!(h["assignment"], serde_json::Value::Null);
    let (_, h) = c.get(&holder("2026-02-10"), &c.auditor).await;
    assert_eq!(h["assignment"]["employee_id"], json!(c.rep2.employee.id));
    let (_, h) = c.get(&format!("/api/v1/clients/{id}/holder"), &c.auditor).await;
    assert_eq!(h["on"], date(NOW.date()));
    assert_eq!(h["assignment"]["employee_id"], json!(c.rep2.employee.id));
    let (_, history) = c.get(&uri, &c.rep2).await;
    assert_eq!(history.as_array().unwrap().len(), 2);
    // The holder himself may not hand his client over.
    let (s, body) = c.post(&uri, &c.rep2, give(&c.rep1.employee.id, date!(2026 - 03 - 01))).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "a rep does not assign: {body}");
    // A development assignment without a due date is invalid.
    let (s, body) = c
        .post(&uri, &c.admin, json!({"employee_id": c.rep1.employee.id, "kind": "development", "started_on": date(date!(2026 - 03 - 01)), "explanation": "x"}))
        .await;
    assert!(s == StatusCode::UNPROCESSABLE_ENTITY || s == StatusCode::CONFLICT, "{s} {body}");
}

#[tokio::test]
async fn account_team_seats() {
    let c = Company::new().await;
    let id = c.rep_client(&c.rep1, "Гамма").await;
    let seat = format!("/api/v1/clients/{id}/account-team/legal");
    let (s, body) = c.put_json(&seat, &c.head, json!({"employee_id": c.staff.employee.id})).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(body["department"], "legal");
    let (_, team) = c.get(&format!("/api/v1/clients/{id}/account-team"), &c.rep1).await;
    assert_eq!(team.as_array().unwrap().len(), 1);
    // The staff member now sees the client.
    let (s, _) = c.get(&format!("/api/v1/clients/{id}"), &c.staff).await;
    assert_eq!(s, StatusCode::OK);
    let (s, body) = c
        .put_json(
            &format!("/api/v1/clients/{id}/account-team/kitchen"),
            &c.head,
            json!({"employee_id": c.staff.employee.id}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(fields(&body), vec!["department"], "{body}");
    let (s, _) = c.delete(&seat, &c.rep1).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, body) = c.delete(&seat, &c.head).await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{body}");
    let (_, team) = c.get(&format!("/api/v1/clients/{id}/account-team"), &c.rep1).await;
    assert!(team.as_array().unwrap().is_empty());
}

#[tokio::test]
async fn corporate_group() {
    let c = Company::new().await;
    let parent = c.client("Холдинг").await;
    let (s, child) = c.post("/api/v1/clients", &c.admin, json!({"name": "Дочка", "parent_id": parent})).await;
    assert_eq!(s, StatusCode::CREATED, "{child}");
    let (s, group) = c.get(&format!("/api/v1/clients/{parent}/group"), &c.admin).await;
    assert_eq!(s, StatusCode::OK);
    let names: HashSet<_> = group.as_array().unwrap().iter().map(|g| g["name"].as_str().unwrap().to_string()).collect();
    assert!(names.contains("Дочка"), "{group}");
}

#[tokio::test]
async fn cursor_pagination_walks_every_client_once() {
    let c = Company::new().await;
    let mut expected = HashSet::new();
    for i in 0..11 {
        expected.insert(c.client(&format!("Клиент {:02}", i % 4)).await);
    }
    let mut seen = Vec::new();
    let mut uri = "/api/v1/clients?limit=3".to_string();
    for _ in 0..10 {
        let (s, page) = c.get(&uri, &c.admin).await;
        assert_eq!(s, StatusCode::OK, "{page}");
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 3);
        seen.extend(items.iter().map(|i| i["id"].as_str().unwrap().to_string()));
        match page["next"].as_str() {
            Some(next) => uri = format!("/api/v1/clients?limit=3&after={next}"),
            None => break,
        }
    }
    let unique: HashSet<_> = seen.iter().cloned().collect();
    assert_eq!(unique.len(), seen.len(), "duplicates in {seen:?}");
    assert_eq!(unique, expected);
}
