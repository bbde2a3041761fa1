//! Dead clients and rotation through the API: a head's refused and accepted decisions, the
//! holder's weekly report, the dead list, a dry-run rotation and the decision trail.

use crate::support::{date, fields, Company, NOW};
use serde_json::json;
use sprut_core::store::prelude::*;
use time::Duration;

/// A client developed by rep 1 since 100 days ago, due 10 days ago.
async fn overdue_client(c: &Company) -> String {
    overdue_client_named(c, "Просроченный").await
}

/// The same, named `name`.
async fn overdue_client_named(c: &Company, name: &str) -> String {
    let id = c.client(name).await;
    let start = NOW.date() - Duration::days(100);
    let body = json!({ "employee_id": c.rep1.employee.id, "kind": "development", "started_on": date(start),
        "due_on": date(start + Duration::days(90)), "explanation": "разработка" });
    let (s, b) = c.post(&format!("/api/v1/clients/{id}/assignments"), &c.head, body).await;
    assert_eq!(s, 201, "{b}");
    id
}

#[tokio::test]
async fn head_reviews_decides_and_the_trail_says_why() {
    let c = Company::new().await;
    let id = overdue_client(&c).await;
    let (s, dead) = c.get("/api/v1/rotation/dead", &c.head).await;
    assert_eq!(s, 200);
    let row = dead.as_array().unwrap().iter().find(|d| d["dead"]["client_id"] == id.as_str()).expect("listed");
    assert_eq!(row["dead"]["reasons"][0]["rule"], "past_due");
    assert_eq!(c.get("/api/v1/rotation/dead", &c.rep1).await.0, 403);

    // An extension without text and past the limit: 422 naming both fields, nothing recorded.
    let bad = json!({ "reason": "budget_period", "text": "", "until": date(NOW.date() + Duration::days(400)) });
    let (s, b) = c.post(&format!("/api/v1/clients/{id}/extend"), &c.head, bad).await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(fields(&b), ["text", "until"]);
    assert_eq!(c.get(&format!("/api/v1/clients/{id}/decisions"), &c.head).await.1, json!([]));

    // The holder reports; another rep may not.
    let report = json!({ "client_id": id, "week": date(NOW.date()), "status": "hopeless", "text": "не отвечают", "next_step": "в архив" });
    assert_eq!(c.post(&format!("/api/v1/clients/{id}/reports"), &c.rep2, report.clone()).await.0, 404);
    let (s, b) = c.post(&format!("/api/v1/clients/{id}/reports"), &c.rep1, report).await;
    assert_eq!(s, 201, "{b}");

    // The dry run would release it; the extension to a firm date keeps it.
    let (s, plan) = c.post("/api/v1/rotation/rotate", &c.head, json!({ "dry_run": true })).await;
    assert_eq!(s, 200);
    assert!(plan["releases"].as_array().unwrap().iter().any(|r| r["client_id"] == id.as_str()), "{plan}");
    let ok =
        json!({ "reason": "budget_period", "text": "бюджет в апреле", "until": date(NOW.date() + Duration::days(30)) });
    assert_eq!(c.post(&format!("/api/v1/clients/{id}/extend"), &c.head, ok).await.0, 201);
    let (_, plan) = c.post("/api/v1/rotation/rotate", &c.head, json!({ "dry_run": true })).await;
    assert!(plan["releases"].as_array().unwrap().is_empty(), "{plan}");

    // Next month's rotation can be looked at, not applied to the live base.
    let later = json!({ "as_of": date(NOW.date() + Duration::days(40)) });
    let (s, b) = c.post("/api/v1/rotation/rotate", &c.head, later.clone()).await;
    assert_eq!(s, 422, "{b}");
    assert!(b["message"].as_str().unwrap().contains("only today (2026-03-02, in the company's time zone)"), "{b}");
    let mut peek = later;
    peek["dry_run"] = json!(true);
    let (s, plan) = c.post("/api/v1/rotation/rotate", &c.head, peek).await;
    assert_eq!(s, 200, "{plan}");
    assert!(plan["releases"].as_array().unwrap().iter().any(|r| r["client_id"] == id.as_str()), "past the extension");

    // Recall to rest; a second recall is refused as already resting.
    assert_eq!(
        c.post(&format!("/api/v1/clients/{id}/recall"), &c.head, json!({ "reason": "безнадёжен" })).await.0,
        201
    );
    let (s, b) = c.post(&format!("/api/v1/clients/{id}/recall"), &c.head, json!({ "reason": "ещё" })).await;
    assert_eq!(s, 409, "{b}");
    let (_, trail) = c.get(&format!("/api/v1/clients/{id}/decisions"), &c.auditor).await;
    let kinds: Vec<_> = trail.as_array().unwrap().iter().map(|d| d["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["extend", "recall_to_rest"]);
    assert_eq!(trail[0]["decided_by"], c.head.employee.id.to_string());
}

#[tokio::test]
async fn review_page_lists_the_dead_client_in_both_languages() {
    let c = Company::new().await;
    overdue_client(&c).await;
    for (lang, word) in [("ru", "Продлить"), ("en", "Extend")] {
        let patch = json!({ "language": lang });
        c.state
            .store
            .update_employee(
                &sprut_core::Actor::system(NOW),
                c.head.employee.id,
                serde_json::from_value(patch).unwrap(),
            )
            .await
            .unwrap();
        let req = axum::http::Request::get("/rotation")
            .header("authorization", format!("Bearer {}", c.head.token))
            .body(axum::body::Body::empty())
            .unwrap();
        let res = tower::ServiceExt::oneshot(c.app.clone(), req).await.unwrap();
        let status = res.status();
        let html = String::from_utf8(axum::body::to_bytes(res.into_body(), 1 << 24).await.unwrap().to_vec()).unwrap();
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("Просроченный") && html.contains(word), "{lang}");
    }
}

/// The review offers Extend only where it can work: on a development, not on an account that
/// went quiet (the store would answer "only a development assignment can be extended").
#[tokio::test]
async fn the_review_offers_extend_only_on_a_development() {
    let c = Company::new().await;
    let developing = overdue_client(&c).await;
    let quiet = c.client("Затихший").await;
    let start = NOW.date() - Duration::days(400);
    let body = json!({ "employee_id": c.rep1.employee.id, "kind": "account", "started_on": date(start),
        "explanation": "клиент" });
    let (s, b) = c.post(&format!("/api/v1/clients/{quiet}/assignments"), &c.head, body).await;
    assert_eq!(s, 201, "{b}");
    let (s, dead) = c.get("/api/v1/rotation/dead", &c.head).await;
    assert_eq!(s, 200);
    let kinds: Vec<_> =
        dead.as_array().unwrap().iter().map(|d| (d["dead"]["client_id"].clone(), d["dead"]["kind"].clone())).collect();
    assert!(kinds.contains(&(json!(developing), json!("development"))), "{kinds:?}");
    assert!(kinds.contains(&(json!(quiet), json!("account"))), "{kinds:?}");
    let (s, html) = c.call(axum::http::Method::GET, "/rotation", Some(&c.head.token), None).await;
    assert_eq!(s, 200);
    let html = html.as_str().unwrap_or_default();
    assert!(html.contains(&format!("/clients/{developing}/decide/extend")), "{html}");
    assert!(!html.contains(&format!("/clients/{quiet}/decide/extend")));
    assert!(html.contains(&format!("/clients/{quiet}/decide/recall")));
    // The missing weekly reports name the client and the holder who owes it, not an id.
    let missing = &html[html.find("id=\"missing\"").expect("missing reports listed")..];
    assert!(missing.contains("Просроченный") && missing.contains(&c.rep1.employee.name), "{missing}");
    assert!(!missing.contains(&format!(">{developing}<")), "{missing}");
}

/// The scorecard names its rep; a head picks among his reps, a rep sees only his own.
#[tokio::test]
async fn the_scorecard_names_its_rep_and_offers_a_picker_to_the_head() {
    let c = Company::new().await;
    let page = |token: &str, q: &str| {
        let path = format!("/rotation/scorecard{q}");
        let token = token.to_string();
        let c = &c;
        async move {
            let (s, html) = c.call(axum::http::Method::GET, &path, Some(&token), None).await;
            (s, html.as_str().unwrap_or_default().to_string())
        }
    };
    let (s, html) = page(&c.head.token, &format!("?employee_id={}", c.rep1.employee.id)).await;
    assert_eq!(s, 200);
    assert!(html.contains(&format!("· {}", c.rep1.employee.name)), "{html}");
    assert!(html.contains("id=\"sc-rep\"") && html.contains(&c.rep2.employee.name), "the head picks among his reps");
    let (s, html) = page(&c.rep1.token, "").await;
    assert_eq!(s, 200);
    assert!(html.contains(&format!("· {}", c.rep1.employee.name)) && !html.contains("id=\"sc-rep\""));
    assert_eq!(page(&c.rep1.token, &format!("?employee_id={}", c.rep2.employee.id)).await.0, 404);
}

/// A weekly report refused by the rules comes back on the page with what the rep typed and
/// why, in his language, instead of a bare error page.
#[tokio::test]
async fn a_refused_weekly_report_keeps_what_was_typed() {
    let c = Company::new().await;
    let id = overdue_client(&c).await;
    let form = "status=postponed&postponed_until=&text=%D0%B2%D1%81%D1%82%D1%80%D0%B5%D1%87%D0%B0%20%D0%BF%D0%B5%D1%80%D0%B5%D0%BD%D0%B5%D1%81%D0%B5%D0%BD%D0%B0&next_step=%D0%BF%D0%BE%D0%B7%D0%B2%D0%BE%D0%BD%D0%B8%D1%82%D1%8C";
    let (status, html) = c.form(&format!("/clients/{id}/report"), &c.rep1, form).await;
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains(r#"value="встреча перенесена""#) && html.contains(r#"value="позвонить""#),
        "input kept: {html}"
    );
    assert!(html.contains("Отложен до: заполните это поле"), "the refusal in Russian beside the form: {html}");
    assert!(html.contains(r#"<option value="postponed" selected>"#), "the status kept");
}

/// A page shorter than the dead list sorts every client on its outline and gives the clients it
/// shows their whole brief: the latest weekly report here.
#[tokio::test]
async fn a_review_page_gives_its_clients_their_whole_brief() {
    let c = Company::new().await;
    let id = overdue_client(&c).await;
    overdue_client_named(&c, "Ярус").await;
    let (status, html) = c.form(&format!("/clients/{id}/report"), &c.rep1, "status=working&text=x&next_step=y").await;
    assert_eq!(status, 303, "{html}");
    let (s, dead) = c.get("/api/v1/rotation/dead?limit=1&sort=name", &c.head).await;
    assert_eq!(s, 200, "{dead}");
    let rows = dead.as_array().unwrap();
    assert_eq!((rows.len(), rows[0]["brief"]["name"].as_str()), (1, Some("Просроченный")), "{dead}");
    assert!(rows[0]["brief"]["last_report_week"].is_string(), "the report, read for the page: {dead}");
}

/// A head's refused decision comes back on the review, beside the client's row, with what he
/// typed and why, on the page and filters he took it on.
#[tokio::test]
async fn a_refused_decision_keeps_what_the_head_typed() {
    let c = Company::new().await;
    let id = overdue_client(&c).await;
    let until = NOW.date() - Duration::days(1);
    let form = format!(
        "reason=purchase_cycle&text=%D0%B7%D0%B0%D0%BA%D1%83%D0%BF%D0%BA%D0%B0%20%D0%B2%20%D0%BC%D0%B0%D1%80%D1%82%D0%B5\
         &until={until}&back=%2Frotation%3Fsort%3Dname"
    );
    let (status, html) = c.form(&format!("/clients/{id}/decide/extend"), &c.head, &form).await;
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains(r#"value="закупка в марте""#) && html.contains(&format!(r#"value="{until}""#)),
        "kept: {html}"
    );
    assert!(html.contains("позже сегодняшнего дня"), "why, in Russian: {html}");
    assert!(html.contains(r#"<option value="name" selected>"#), "the filters it was taken on");
}

/// A bulk decision refused for its client comes back on the review it was taken on, with the
/// decision, the reason and the ticks kept and why beside the client; a decision without a
/// client ticked says so there too.
#[tokio::test]
async fn a_refused_bulk_decision_keeps_its_ticks_and_reason() {
    let c = Company::new().await;
    let id = overdue_client(&c).await;
    // A reason of spaces only: archiving needs one.
    let form = format!("action=archive&reason=%20%20&client={id}&back=%2Frotation%3Fsort%3Dname");
    let (status, html) = c.form("/rotation/bulk", &c.head, &form).await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains(r#"id="bulk-refused""#) && html.contains("Просроченный"), "the client named: {html}");
    assert!(html.contains(r#"<option value="archive" selected>"#), "the decision kept: {html}");
    assert!(html.contains(&format!(r#"value="{id}" form="bulk" checked"#)), "the tick kept: {html}");
    assert!(html.contains(r#"<option value="name" selected>"#), "the filters it was taken on");
    let (status, html) = c
        .form("/rotation/bulk", &c.head, "action=archive&reason=%D0%B4%D1%83%D0%B1%D0%BB%D1%8C&back=%2Frotation")
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains(r#"id="bulk-error""#) && html.contains("назовите хотя бы одного клиента"), "{html}");
    assert!(html.contains(r#"value="дубль""#), "the reason kept as typed: {html}");
    // Decided: back to the same filters with the count.
    let form = format!(
        "action=archive&reason=%D0%B7%D0%B0%D0%BA%D1%80%D1%8B%D1%82&client={id}&back=%2Frotation%3Fsort%3Dname"
    );
    let (status, _) = c.form("/rotation/bulk", &c.head, &form).await;
    assert_eq!(status, 303);
}

/// A refused checklist step comes back on the transfer's page beside its client's checklist,
/// with why in the user's language, instead of a bare error page.
#[tokio::test]
async fn a_refused_checklist_step_stays_on_the_transfer() {
    let c = Company::new().await;
    let a = c.rep_client(&c.rep1, "Альфа").await;
    let body = json!({
        "from_id": c.rep1.employee.id, "clients": [a], "to": [c.rep2.employee.id],
        "effective_on": date(NOW.date() + Duration::days(3)),
    });
    let (s, t) = c.post("/api/v1/transfers", &c.head, body).await;
    assert_eq!(s, 201, "{t}");
    let id = t["id"].as_str().unwrap();
    let yesterday = NOW.date() - Duration::days(1);
    let form = format!("client_id={a}&step=plan_visit&on={yesterday}");
    let (status, html) = c.form(&format!("/transfers/{id}/check"), &c.head, &form).await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("step-error") && html.contains("не раньше сегодняшнего дня"), "{html}");
    assert!(html.contains("Альфа") && html.contains("transfer-state"), "the transfer's own page");
}

/// A transfer the rules refuse comes back in the wizard with the clients ticked and the note
/// typed, and why, instead of a bare error page.
#[tokio::test]
async fn a_refused_transfer_keeps_the_wizard_filled() {
    let c = Company::new().await;
    let a = c.rep_client(&c.rep1, "Альфа").await;
    let form = format!(
        "from_id={}&client={a}&effective_on={}&cause=manual&note=%D0%BF%D0%B5%D1%80%D0%B5%D0%B4%D0%B0%D1%87%D0%B0",
        c.rep1.employee.id,
        NOW.date()
    );
    let (status, html) = c.form("/transfers", &c.head, &form).await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("transfer-error") && html.contains("назовите хотя бы одного получателя"), "{html}");
    assert!(html.contains(&format!(r#"value="{a}" checked"#)), "the client stays ticked");
    assert!(html.contains(">передача</textarea>"), "the note stays typed");
}
