//! Employees, teams and settings.

use crate::support::{fields, Company, NOW, PASSWORD};
use axum::http::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn employees() {
    let c = Company::new().await;
    let new = json!({"email": "New.Rep@Firm.ru", "name": "Новый", "role": "rep", "password": "long-enough-1"});
    let (s, body) = c.post("/api/v1/employees", &c.head, new.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{body}");
    let (s, created) = c.post("/api/v1/employees", &c.admin, new.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{created}");
    assert_eq!(created["email"], "new.rep@firm.ru");
    assert!(created.get("password").is_none());
    let (s, _) = c.post("/api/v1/employees", &c.admin, new).await;
    assert_eq!(s, StatusCode::CONFLICT, "the e-mail is taken");
    // The new rep can get a token with that password.
    let (s, _) = c
        .call(
            Method::POST,
            "/api/v1/tokens",
            None,
            Some(json!({"email": "new.rep@firm.ru", "password": "long-enough-1"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);

    let (s, body) = c
        .post("/api/v1/employees", &c.admin, json!({"email": "bad", "name": "X", "role": "staff", "password": "short"}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), vec!["password"]);
    let (s, body) = c.post("/api/v1/employees", &c.admin, json!({"email": "bad", "name": "X", "role": "staff"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), vec!["email", "department"]);
    let (s, body) =
        c.post("/api/v1/employees", &c.admin, json!({"email": "a@b.ru", "name": "X", "role": "boss"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), vec!["role"]);

    let id = created["id"].as_str().unwrap();
    let (s, one) = c.get(&format!("/api/v1/employees/{id}"), &c.rep1).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(one["name"], "Новый");
    let (s, _) = c.patch(&format!("/api/v1/employees/{id}"), &c.rep1, json!({"capacity": 10})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, patched) = c.patch(&format!("/api/v1/employees/{id}"), &c.admin, json!({"capacity": 10})).await;
    assert_eq!(s, StatusCode::OK, "{patched}");
    assert_eq!(patched["capacity"], 10);
    let (s, list) = c.get("/api/v1/employees?role=rep", &c.rep1).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list["items"].as_array().unwrap().len(), 3);
    let (s, _) = c.get(&format!("/api/v1/employees/{}", sprut_core::EmployeeId::new()), &c.rep1).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let _ = PASSWORD;
}

#[tokio::test]
async fn teams() {
    let c = Company::new().await;
    let (s, _) = c.post("/api/v1/teams", &c.head, json!({"name": "Тула"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, team) = c.post("/api/v1/teams", &c.admin, json!({"name": "Тула"})).await;
    assert_eq!(s, StatusCode::CREATED, "{team}");
    let id = team["id"].as_str().unwrap();
    let (s, patched) = c.patch(&format!("/api/v1/teams/{id}"), &c.admin, json!({"head_id": c.head.employee.id})).await;
    assert_eq!(s, StatusCode::OK, "{patched}");
    assert_eq!(patched["head_id"], json!(c.head.employee.id));
    let (s, one) = c.get(&format!("/api/v1/teams/{id}"), &c.rep1).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(one["name"], "Тула");
    let (_, all) = c.get("/api/v1/teams", &c.rep1).await;
    assert_eq!(all.as_array().unwrap().len(), 2);
    let (s, body) = c.post("/api/v1/teams", &c.admin, json!({"name": "  "})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&body), vec!["name"]);
}

#[tokio::test]
async fn settings() {
    let c = Company::new().await;
    let (s, mut settings) = c.get("/api/v1/settings", &c.rep1).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(settings["default_cycle_days"], 90);
    settings["rest_days"] = json!(30);
    let (s, _) = c.put_json("/api/v1/settings", &c.head, settings.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, saved) = c.put_json("/api/v1/settings", &c.admin, settings.clone()).await;
    assert_eq!(s, StatusCode::OK, "{saved}");
    let (_, again) = c.get("/api/v1/settings", &c.auditor).await;
    assert_eq!(again["rest_days"], 30);
    settings["currency"] = json!("рубли");
    settings["default_cycle_days"] = json!(0);
    let (s, body) = c.put_json("/api/v1/settings", &c.admin, settings.clone()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&body), vec!["currency", "default_cycle_days"]);
    let mut zoned = again;
    zoned["time_zone"] = json!("Europe/Atlantis");
    let (s, body) = c.put_json("/api/v1/settings", &c.admin, zoned.clone()).await;
    assert_eq!((s, fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["time_zone".to_string()]), "{body}");
    zoned["time_zone"] = json!("Asia/Yekaterinburg");
    assert_eq!(c.put_json("/api/v1/settings", &c.admin, zoned).await.0, StatusCode::OK);
}

/// A departure refused on the employee list comes back beside the employee, with the day typed
/// and why, not as an error page.
#[tokio::test]
async fn a_refused_departure_stays_on_the_list() {
    let c = Company::new().await;
    let yesterday = NOW.date() - time::Duration::days(1);
    let (s, html) =
        c.form(&format!("/employees/{}/depart", c.rep2.employee.id), &c.head, &format!("last_day={yesterday}")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(html.contains("depart-error") && html.contains("не раньше сегодняшнего дня"), "{html}");
    assert!(html.contains(&format!(r#"value="{yesterday}""#)), "the day typed is kept");
}
