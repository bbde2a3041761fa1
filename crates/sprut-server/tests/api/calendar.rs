//! The employee's calendar feed, read by a real iCalendar parser (Python's `icalendar`): his
//! tasks as to-dos and his touches and head meetings as all-day events on their company dates,
//! in the company's time zone; a revoked or replaced address ends at once.

use crate::support::Company;
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use std::process::Command;

/// Parses `ics` with Python's `icalendar` and returns the calendar's time zone and each
/// component as (kind, summary, date, whether the date is a whole day); `None` when the parser
/// is missing outside CI.
fn parsed(ics: &str) -> Option<Value> {
    let script = r#"
import json, sys, datetime
import icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.read())
out = {"zone": str(cal.get("X-WR-TIMEZONE")), "items": []}
for c in cal.walk():
    if c.name in ("VEVENT", "VTODO"):
        d = (c.get("DTSTART") or c.get("DUE")).dt
        out["items"].append({"kind": c.name, "summary": str(c.get("SUMMARY")), "uid": str(c.get("UID")),
            "date": d.isoformat(), "whole_day": not isinstance(d, datetime.datetime),
            "description": str(c.get("DESCRIPTION"))})
print(json.dumps(out))
"#;
    let mut child = match Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => return missing(&format!("python3: {e}")),
    };
    use std::io::Write;
    child.stdin.take().unwrap().write_all(ics.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        if err.contains("No module named 'icalendar'") {
            return missing("the Python package icalendar is not installed");
        }
        panic!("the parser refused the feed: {err}\n{ics}");
    }
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

/// Skips outside CI with a visible message; in CI the parser must be there.
fn missing(what: &str) -> Option<Value> {
    if std::env::var_os("CI").is_some() {
        panic!("{what}: .ci/run installs it (pip install icalendar)");
    }
    eprintln!("SKIPPED the iCalendar parse: {what} (pip install icalendar)");
    None
}

async fn feed(c: &Company, path: &str) -> (StatusCode, String) {
    let (s, body) = c.call(Method::GET, path, None, None).await;
    (s, body.as_str().unwrap_or_default().to_string())
}

#[tokio::test]
async fn the_calendar_feed_lists_tasks_touches_and_meetings_until_it_is_revoked() {
    let c = Company::new().await;
    let alfa = c.rep_client(&c.rep1, "Альфа «Север»").await;
    let (s, body) = c
        .post(
            "/api/v1/tasks",
            &c.rep1,
            json!({ "client_id": alfa, "title": "Отправить КП; счёт, акт", "due_on": "2026-03-05" }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let (s, body) = c.post("/api/v1/me/calendar", &c.rep1, json!({})).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let path = body["path"].as_str().unwrap().to_string();
    assert!(path.starts_with("/ical/") && path.ends_with(".ics"));

    // Read without signing in: the address is the key.
    let (s, ics) = feed(&c, &path).await;
    assert_eq!(s, StatusCode::OK, "{ics}");
    assert!(ics.starts_with("BEGIN:VCALENDAR"));
    if let Some(cal) = parsed(&ics) {
        assert_eq!(cal["zone"], "Europe/Moscow");
        let items = cal["items"].as_array().unwrap();
        let task = items.iter().find(|i| i["kind"] == "VTODO").expect("the task");
        assert_eq!(task["summary"], "Отправить КП; счёт, акт — Альфа «Север»", "escaped and read back whole");
        assert_eq!((&task["date"], &task["whole_day"]), (&json!("2026-03-05"), &json!(true)));
        // The client has a task, so its touch is that task; no separate touch event.
        assert!(!items.iter().any(|i| i["kind"] == "VEVENT"), "{items:?}");
    }

    // A head's meeting is his event; a held client without a task has its touch planned.
    let key = c.rep_client(&c.rep1, "Ключ").await;
    c.patch(&format!("/api/v1/clients/{key}"), &c.admin, json!({ "tier": "key" })).await;
    let meeting =
        json!({ "client_id": key, "kind": "head_meeting", "title": "Квартальная встреча", "due_on": "2026-03-20" });
    let (s, body) = c.post("/api/v1/tasks", &c.head, meeting).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let (_, body) = c.post("/api/v1/me/calendar", &c.head, json!({})).await;
    let (_, ics) = feed(&c, body["path"].as_str().unwrap()).await;
    if let Some(cal) = parsed(&ics) {
        let items = cal["items"].as_array().unwrap();
        let event = items.iter().find(|i| i["summary"] == "Встреча руководителя: Ключ").expect("the meeting");
        assert_eq!(
            (&event["kind"], &event["date"], &event["whole_day"]),
            (&json!("VEVENT"), &json!("2026-03-20"), &json!(true))
        );
    }
    c.rep_client(&c.rep1, "Тишина").await;
    let (_, ics) = feed(&c, &path).await;
    if let Some(cal) = parsed(&ics) {
        let touch = cal["items"].as_array().unwrap().iter().find(|i| i["summary"] == "Касание: Тишина").cloned();
        let touch = touch.expect("the planned touch of a client without a task");
        // Taken today (2 March), a regular client: touched within 45 days.
        assert_eq!((&touch["date"], &touch["whole_day"]), (&json!("2026-04-16"), &json!(true)), "{touch}");
    }

    // Revoked: gone at once. A new address works; the one before it does not.
    let (s, _) = c.call(Method::DELETE, "/api/v1/me/calendar", Some(&c.rep1.token), None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(feed(&c, &path).await.0, StatusCode::NOT_FOUND);
    let (_, body) = c.post("/api/v1/me/calendar", &c.rep1, json!({})).await;
    let fresh = body["path"].as_str().unwrap().to_string();
    assert_eq!(feed(&c, &fresh).await.0, StatusCode::OK);
    let (_, body) = c.post("/api/v1/me/calendar", &c.rep1, json!({})).await;
    assert_eq!(feed(&c, &fresh).await.0, StatusCode::NOT_FOUND, "replaced");
    assert_eq!(feed(&c, body["path"].as_str().unwrap()).await.0, StatusCode::OK);
    assert_eq!(feed(&c, "/ical/nothing.ics").await.0, StatusCode::NOT_FOUND);
    assert_eq!(feed(&c, "/ical/nothing").await.0, StatusCode::NOT_FOUND);

    // The page shows the address once and revokes it.
    let (s, page) = c.form("/calendar-feed", &c.rep1, "").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Адрес календаря. Скопируйте его сейчас") && page.contains("/ical/"), "{page}");
    let (s, _) = c.form("/calendar-feed/revoke", &c.rep1, "").await;
    assert_eq!(s, StatusCode::SEE_OTHER);
}
