//! The base stays with the company: audited reads, alerts, metering, watermarked exports,
//! leaver mode and what staff departments see, through the API.

use crate::support::{date, Company, Person, NOW};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use sprut_core::store::prelude::*;
use sprut_server::{AppState, Clock};
use time::Duration;

async fn settings(c: &Company, change: Value) {
    let (s, mut current) = c.get("/api/v1/settings", &c.admin).await;
    assert_eq!(s, StatusCode::OK);
    for (k, v) in change.as_object().unwrap() {
        current[k] = v.clone();
    }
    let (s, body) = c.put_json("/api/v1/settings", &c.admin, current).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    c.state.settings.forget().await;
}

async fn alerts(c: &Company, who: &Person, kind: &str) -> Vec<Value> {
    c.state.reads.flush().await;
    let (s, body) = c.get(&format!("/api/v1/alerts?kind={kind}"), who).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    body["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn card_views_are_audited_and_mass_viewing_alerts_the_head() {
    let c = Company::new().await;
    settings(&c, json!({ "mass_view_threshold": 2 })).await;
    let mut ids = Vec::new();
    for i in 0..3 {
        ids.push(c.rep_client(&c.rep1, &format!("Клиент {i}")).await);
    }
    for id in &ids {
        let (s, _) = c.get(&format!("/api/v1/clients/{id}"), &c.rep1).await;
        assert_eq!(s, StatusCode::OK);
    }
    let found = alerts(&c, &c.head, "mass_viewing").await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["employee_id"], json!(c.rep1.employee.id));
    assert_eq!(found[0]["count"], 3);
    let (s, body) = c.get("/api/v1/audit?action=client.view", &c.auditor).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(body["items"].as_array().unwrap().len(), 3);
    // Reps neither read alerts nor the audit log; the head reads alerts but not the log.
    assert_eq!(c.get("/api/v1/alerts", &c.rep1).await.0, StatusCode::FORBIDDEN);
    assert_eq!(c.get("/api/v1/audit", &c.head).await.0, StatusCode::FORBIDDEN);
    let (s, check) = c.get("/api/v1/audit/verify", &c.auditor).await;
    assert_eq!((s, check["intact"].clone()), (StatusCode::OK, json!(true)), "{check}");
    // The head closes the alert with a note.
    let id = found[0]["id"].as_str().unwrap();
    let (s, closed) =
        c.post(&format!("/api/v1/alerts/{id}/close"), &c.head, json!({ "note": "checked with him" })).await;
    assert_eq!((s, closed["status"].clone()), (StatusCode::OK, json!("closed")), "{closed}");
    assert_eq!(
        c.post(&format!("/api/v1/alerts/{id}/close"), &c.auditor, json!({"note": "x"})).await.0,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_record_outside_the_scope_is_a_recorded_404() {
    let c = Company::new().await;
    let theirs = c.rep_client(&c.rep1, "Чужой").await;
    let (s, hidden) = c.get(&format!("/api/v1/clients/{theirs}"), &c.rep2).await;
    let (s2, missing) = c.get(&format!("/api/v1/clients/{}", sprut_core::ClientId::new()), &c.rep2).await;
    assert_eq!((s, s2), (StatusCode::NOT_FOUND, StatusCode::NOT_FOUND));
    assert_eq!(hidden, missing, "a hidden client looks exactly like a missing one");
    let found = alerts(&c, &c.admin, "out_of_scope").await;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["employee_id"], json!(c.rep2.employee.id));
    assert_eq!(found[0]["count"], 2);
}

#[tokio::test]
async fn exports_are_for_heads_watermarked_and_traceable() {
    let c = Company::new().await;
    for i in 0..4 {
        c.rep_client(&c.rep1, &format!("ООО Клиент {i}")).await;
    }
    let (s, body) = c.call(Method::GET, "/api/v1/export/clients?format=csv", Some(&c.head.token), None).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let text = body.as_str().unwrap().to_string();
    let rows: Vec<Vec<String>> = text
        .trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|l| l.split(';').map(|c| c.trim_matches('"').to_string()).collect())
        .collect();
    assert_eq!(rows.len(), 4 + 3, "four clients and three canaries");
    let (s, log) = c.get("/api/v1/exports", &c.auditor).await;
    assert_eq!(s, StatusCode::OK);
    let export = &log["items"][0];
    assert_eq!((export["rows"].clone(), export["canaries"].clone()), (json!(4), json!(3)));
    // A leaked copy with its columns reversed and all but one row gone still names the export.
    let known = c.state.store.canary_tokens().await.unwrap();
    let leaked: Vec<Vec<String>> = rows
        .into_iter()
        .filter(|r| !r[0].contains("Клиент"))
        .take(1)
        .map(|mut r| {
            r.reverse();
            r
        })
        .collect();
    let hits = sprut_core::export::trace(leaked, &known);
    assert_eq!(hits[0].export_id.to_string(), export["id"].as_str().unwrap());
    // XLSX too.
    let req = axum::http::Request::get("/api/v1/export/contacts?format=xlsx")
        .header("authorization", format!("Bearer {}", c.admin.token))
        .body(axum::body::Body::empty())
        .unwrap();
    let res = tower::ServiceExt::oneshot(c.app.clone(), req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 24).await.unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX is a zip file");
    // A rep's attempt is refused, audited and alerted.
    let (s, body) = c.call(Method::GET, "/api/v1/export/clients", Some(&c.rep1.token), None).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{body}");
    assert!(body["message"].as_str().unwrap().contains("recorded"));
    let attempts = alerts(&c, &c.head, "export_attempt").await;
    assert_eq!(attempts[0]["employee_id"], json!(c.rep1.employee.id));
}

#[tokio::test]
async fn reps_cannot_page_through_more_than_the_daily_limit() {
    let c = Company::new().await;
    settings(&c, json!({ "daily_record_limit": 3 })).await;
    for i in 0..5 {
        c.rep_client(&c.rep1, &format!("Клиент {i}")).await;
    }
    let (s, first) = c.get("/api/v1/clients?limit=2", &c.rep1).await;
    assert_eq!(s, StatusCode::OK);
    let next = first["next"].as_str().unwrap();
    let (s, body) = c.get(&format!("/api/v1/clients?limit=2&after={next}"), &c.rep1).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(body["code"], "too_many_requests");
    // Heads are not metered.
    for _ in 0..3 {
        assert_eq!(c.get("/api/v1/clients", &c.head).await.0, StatusCode::OK);
    }
    let limit = alerts(&c, &c.head, "paging_limit").await;
    assert_eq!(limit.len(), 1);
    // Re-reading the first page is free however often it is done.
    for _ in 0..20 {
        assert_eq!(c.get("/api/v1/clients?limit=2", &c.rep1).await.0, StatusCode::OK);
    }
    // The head lifts the limit for the day from the alert, with a reason; the rep reads on.
    // On the page, a lift without a reason comes back beside its alert, not as an error page.
    let page_lift = format!("/alerts/{}/lift", limit[0]["id"].as_str().unwrap());
    let (s, html) = c.form(&page_lift, &c.head, "reason=%20").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("alert-refused") && html.contains("заполните это поле"), "{html}");
    let lift = format!("/api/v1/alerts/{}/lift", limit[0]["id"].as_str().unwrap());
    let (s, body) = c.call(Method::POST, &lift, Some(&c.rep1.token), Some(json!({ "reason": "x" }))).await;
    assert_ne!(s, StatusCode::OK, "a rep does not lift his own limit: {body}");
    let (s, body) = c.call(Method::POST, &lift, Some(&c.head.token), Some(json!({ "reason": " " }))).await;
    assert_eq!((s, body["fields"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("required")), "{body}");
    let (s, body) = c.call(Method::POST, &lift, Some(&c.head.token), Some(json!({ "reason": "book review" }))).await;
    assert_eq!((s, body["status"].as_str()), (StatusCode::OK, Some("closed")), "{body}");
    assert_eq!(c.get(&format!("/api/v1/clients?limit=2&after={next}"), &c.rep1).await.0, StatusCode::OK);
}

#[tokio::test]
async fn leaver_mode_across_the_last_day() {
    let c = Company::new().await;
    let mine = c.rep_client(&c.rep1, "Мой клиент").await;
    let last_day = NOW.date() + Duration::days(1);
    let uri = format!("/api/v1/employees/{}/depart", c.rep1.employee.id);
    let (s, body) = c.post(&uri, &c.rep2, json!({ "last_day": date(last_day) })).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "a rep records no departures: {body}");
    let (s, body) = c.post(&uri, &c.head, json!({ "last_day": date(NOW.date() - Duration::days(1)) })).await;
    assert_eq!((s, body["fields"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("last_day")));
    let (s, body) = c.post(&uri, &c.head, json!({ "last_day": date(last_day) })).await;
    assert_eq!((s, body["status"].clone()), (StatusCode::OK, json!("departing")), "{body}");
    // Read-only on his own book at once; every read logged.
    assert_eq!(c.get(&format!("/api/v1/clients/{mine}"), &c.rep1).await.0, StatusCode::OK);
    assert_eq!(c.get("/api/v1/clients", &c.rep1).await.1["items"].as_array().unwrap().len(), 1);
    let (s, _) = c.patch(&format!("/api/v1/clients/{mine}"), &c.rep1, json!({ "name": "Унесу" })).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    c.state.reads.flush().await;
    let (_, reads) = c.get(&format!("/api/v1/audit?action=read&actor_id={}", c.rep1.employee.id), &c.auditor).await;
    let paths: Vec<&str> = reads["items"].as_array().unwrap().iter().map(|e| e["details"].as_str().unwrap()).collect();
    assert_eq!(paths.len(), 2, "{reads}");
    assert!(paths.iter().any(|p| p.contains(&format!("/api/v1/clients/{mine}"))), "{paths:?}");
    // On his last day he still reads; the day after he is out, and the job closes the account.
    let on = |day: time::Date| AppState {
        clock: Clock::Fixed(day.midnight().assume_utc() + Duration::hours(10)),
        ..c.state.clone()
    };
    let last = Company { state: on(last_day), app: sprut_server::app(on(last_day)), ..c.shallow() };
    assert_eq!(last.get("/api/v1/me", &c.rep1).await.0, StatusCode::OK);
    let after = on(last_day + Duration::days(1));
    let gone = Company { state: after.clone(), app: sprut_server::app(after.clone()), ..c.shallow() };
    assert_eq!(gone.get("/api/v1/me", &c.rep1).await.0, StatusCode::UNAUTHORIZED);
    sprut_server::jobs::run_once(&after).await;
    let e = c.state.store.employee(c.rep1.employee.id).await.unwrap();
    assert_eq!(e.status, sprut_core::employee::EmployeeStatus::Departed);
    assert!(c.state.store.token_owner(&sprut_server::auth::sha256_hex(&c.rep1.token), NOW).await.unwrap().is_none());
}

#[tokio::test]
async fn failed_sign_ins_are_alerted_and_limited() {
    let c = Company::new().await;
    for _ in 0..5 {
        let (s, _) = c
            .call(Method::POST, "/api/v1/tokens", None, Some(json!({"email": "rep1@firm.ru", "password": "nope-nope"})))
            .await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
    let found = alerts(&c, &c.head, "failed_sign_ins").await;
    assert_eq!((found.len(), found[0]["count"].clone()), (1, json!(5)));
    let mut last = StatusCode::OK;
    for _ in 0..6 {
        last = c
            .call(Method::POST, "/api/v1/tokens", None, Some(json!({"email": "rep1@firm.ru", "password": "nope-nope"})))
            .await
            .0;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS, "ten attempts a minute per account");
}

#[tokio::test]
async fn staff_see_what_their_department_needs() {
    let c = Company::new().await;
    let id = c.rep_client(&c.rep1, "Альфа").await;
    let (s, _) = c
        .put_json(
            &format!("/api/v1/clients/{id}/account-team/legal"),
            &c.head,
            json!({ "employee_id": c.staff.employee.id }),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let contact = |name: &str, position: &str| json!({ "client_id": id, "name": name, "position": position });
    let (_, lawyer) = c.post("/api/v1/contacts", &c.rep1, contact("Юрист Иванов", "Юрист")).await;
    let (_, buh) = c.post("/api/v1/contacts", &c.rep1, contact("Бухгалтер Петрова", "Главный бухгалтер")).await;
    assert_eq!((lawyer["function"].clone(), buh["function"].clone()), (json!("legal"), json!("billing")));
    let deal =
        json!({ "client_id": id, "title": "Договор поставки", "amount_minor": 100000, "opened_on": date(NOW.date()) });
    assert_eq!(c.post("/api/v1/deals", &c.rep1, deal).await.0, StatusCode::CREATED);
    let invoice = json!({ "client_id": id, "number": "1", "amount_minor": 100, "issued_on": date(NOW.date()), "due_on": date(NOW.date()) });
    let (s, inv) = c.post("/api/v1/receivables", &c.rep1, invoice).await;
    assert_eq!(s, StatusCode::CREATED, "{inv}");
    // Legal sees the client, its legal contact and its contracts, not billing contacts or invoices.
    assert_eq!(c.get(&format!("/api/v1/clients/{id}"), &c.staff).await.0, StatusCode::OK);
    assert_eq!(
        c.get(&format!("/api/v1/contacts/{}", lawyer["id"].as_str().unwrap()), &c.staff).await.0,
        StatusCode::OK
    );
    assert_eq!(
        c.get(&format!("/api/v1/contacts/{}", buh["id"].as_str().unwrap()), &c.staff).await.0,
        StatusCode::NOT_FOUND
    );
    let (_, contacts) = c.get("/api/v1/contacts", &c.staff).await;
    assert_eq!(contacts["items"].as_array().unwrap().len(), 1);
    assert_eq!(c.get("/api/v1/deals", &c.staff).await.1["items"].as_array().unwrap().len(), 1);
    assert!(c.get("/api/v1/receivables", &c.staff).await.1["items"].as_array().unwrap().is_empty());
    assert_eq!(
        c.get(&format!("/api/v1/receivables/{}", inv["id"].as_str().unwrap()), &c.staff).await.0,
        StatusCode::NOT_FOUND
    );
}

/// A client named like a formula leaves the CSV as text a spreadsheet will not run.
#[tokio::test]
async fn exported_csv_cells_cannot_run_as_formulas() {
    let c = Company::new().await;
    c.rep_client(&c.rep1, "=HYPERLINK(\"http://evil.example\",\"Скидка\")").await;
    let (s, body) = c.call(Method::GET, "/api/v1/export/clients?format=csv", Some(&c.head.token), None).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let text = body.as_str().unwrap();
    assert!(text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Скидка\"\")\""), "{text}");
    assert!(!text.lines().any(|l| l.starts_with("\"=") || l.starts_with('=')), "{text}");
    // Tiers are written in the exporter's language, canary rows alike.
    let tiers: Vec<&str> = text.lines().skip(1).filter_map(|l| l.split(';').nth(4)).collect();
    assert!(!tiers.is_empty() && tiers.iter().all(|t| *t == "обычный"), "{tiers:?}");
}

/// A Russian CSV writes amounts with the decimal comma; a workbook holds amounts as numbers and
/// dates as dates, not as text.
#[tokio::test]
async fn exported_amounts_and_dates_are_typed() {
    let c = Company::new().await;
    let a = c.rep_client(&c.rep1, "ООО Сумма").await;
    let deal = json!({ "client_id": a, "title": "Поставка", "amount_minor": 150_050, "opened_on": "2026-11-02" });
    let (s, body) = c.post("/api/v1/deals", &c.rep1, deal).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let (s, body) = c.call(Method::GET, "/api/v1/export/deals?format=csv", Some(&c.head.token), None).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let text = body.as_str().unwrap();
    let row = text.lines().find(|l| l.starts_with("ООО Сумма;Поставка;")).unwrap();
    assert!(row.contains(";1500,50;") && row.contains(";2026-11-02;"), "{row}");
    let req = axum::http::Request::get("/api/v1/export/deals?format=xlsx")
        .header("authorization", format!("Bearer {}", c.head.token))
        .body(axum::body::Body::empty())
        .unwrap();
    let res = tower::ServiceExt::oneshot(c.app.clone(), req).await.unwrap();
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 24).await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet).unwrap();
    // 2026-11-02 is Excel's day 46328; a number or a date cell has no t="s" (shared string).
    assert!(sheet.contains("<v>1500.5</v>"), "the amount is a number: {sheet}");
    assert!(sheet.contains("<v>46328</v>"), "the opening is a date: {sheet}");
}

/// Every response forbids framing, sniffing and scripts; what a signed-in person sees is not
/// cached; a form posted from another site changes nothing; pages travel compressed.
#[tokio::test]
async fn the_browser_is_told_what_it_may_do_with_a_page() {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;
    let c = Company::new().await;
    let send = |req: Request<Body>| c.app.clone().oneshot(req);
    let page = send(
        Request::get("/clients")
            .header("authorization", format!("Bearer {}", c.head.token))
            .body(Body::empty())
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let h = page.headers();
    assert_eq!(h["x-frame-options"], "DENY");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["cache-control"], "no-store");
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'none'"), "{csp}");
    // The stylesheet keeps its own caching; the sign-in page is not a signed-in one.
    let css = send(Request::get("/assets/app.css").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(css.headers()["cache-control"], "public, max-age=86400");
    // The sign-in form carries a token paired with its own cookie.
    let login = send(Request::get("/login").body(Body::empty()).unwrap()).await.unwrap();
    let set = login.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(set.starts_with("sprut_sign_in=") && set.contains("HttpOnly") && set.contains("SameSite=Strict"), "{set}");
    let token = set["sprut_sign_in=".len()..].split(';').next().unwrap().to_string();
    let html = String::from_utf8(axum::body::to_bytes(login.into_body(), usize::MAX).await.unwrap().to_vec()).unwrap();
    assert!(html.contains(&format!(r#"name="csrf" value="{token}""#)), "the form holds the cookie's token");
    // A sign-in posted by a page of another site is refused before it is looked at.
    let form = |origin: &str, cookie: &str, csrf: &str| {
        Request::post("/login")
            .header("host", "crm.firm.ru")
            .header("origin", origin)
            .header("cookie", format!("sprut_sign_in={cookie}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(format!("csrf={csrf}&email=admin%40firm.ru&password=wrong")))
            .unwrap()
    };
    let own = "https://crm.firm.ru";
    assert_eq!(send(form("https://evil.example", &token, &token)).await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(send(form(own, &token, &token)).await.unwrap().status(), StatusCode::UNAUTHORIZED);
    // Without the token of its cookie the form is refused, and offered again with a fresh token.
    let forged = send(form(own, &token, "guessed")).await.unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let html = String::from_utf8(axum::body::to_bytes(forged.into_body(), usize::MAX).await.unwrap().to_vec()).unwrap();
    assert!(html.contains("Форма входа устарела"), "{html}");
    assert_eq!(send(form(own, "", "")).await.unwrap().status(), StatusCode::FORBIDDEN);
    // Compressed for a browser that asks.
    let gz = send(Request::get("/assets/app.css").header("accept-encoding", "gzip").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(gz.headers()["content-encoding"], "gzip");
}
