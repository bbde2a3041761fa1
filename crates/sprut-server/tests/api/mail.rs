//! Mail through a real SMTP server on loopback: letters delivered with the right recipient,
//! subject and Russian text; refusals retried with backoff until given up, visible in the
//! outbox; nothing sent without mail settings; an alert mailed to the head in his language.

use crate::smtp::{closed_port, Sink, SmtpSink};
use crate::support::{Company, NOW};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use sprut_core::alert::{AlertKind, NewAlert};
use sprut_core::outbox::{retry_after, MAX_ATTEMPTS};
use sprut_core::store::prelude::*;
use sprut_core::Actor;
use sprut_server::mail::{dispatch_due, dispatch_once, Dispatched, Mailer};

/// The sender every test uses.
const FROM: &str = "Компания Спрут <noreply@firm.ru>";

/// Raises a mass-viewing alert about rep 1, which queues a letter to his head.
async fn alert_about_rep1(c: &Company) {
    let alert = NewAlert {
        kind: AlertKind::MassViewing,
        employee_id: Some(c.rep1.employee.id),
        client_id: None,
        day: NOW.date(),
        summary: "opened 120 client cards today; threshold 80, own 30-day median 6 (x5 = 30)".into(),
        details: json!({ "cards_today": 120, "threshold": 80, "median_30d": 6 }),
    };
    c.state.store.raise_alert(&Actor::system(NOW), &alert).await.unwrap();
}

/// The outbox as the admin reads it through the API.
async fn outbox(c: &Company, query: &str) -> Vec<Value> {
    let (s, body) = c.get(&format!("/api/v1/outbox{query}"), &c.admin).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    body["items"].as_array().unwrap().clone()
}

/// A page of the UI as `token`'s owner sees it.
async fn page(c: &Company, path: &str, token: &str) -> (StatusCode, String) {
    let (s, body) = c.call(Method::GET, path, Some(token), None).await;
    (s, body.as_str().unwrap_or_default().to_string())
}

#[tokio::test]
async fn a_queued_letter_is_delivered_and_marked_sent() {
    let Some(sink) = SmtpSink::start(Sink::Accept) else { return };
    let c = Company::new().await;
    alert_about_rep1(&c).await;
    let queued = outbox(&c, "").await;
    assert_eq!(queued.len(), 1);
    assert_eq!(
        (queued[0]["status"].clone(), queued[0]["to_address"].clone()),
        (json!("pending"), json!("head@firm.ru"))
    );

    let mailer = Mailer::from_options(Some(&sink.url()), Some(FROM)).unwrap().unwrap();
    let done = dispatch_once(&*c.state.store, &mailer, NOW).await.unwrap();
    assert_eq!(done, Dispatched { sent: 1, retrying: 0, gave_up: 0 });

    let got = sink.received();
    assert_eq!(got.len(), 1, "{got:?}");
    let letter = &got[0];
    assert_eq!(letter.rcpt_tos, vec!["head@firm.ru".to_string()]);
    assert_eq!(letter.mail_from, "noreply@firm.ru");
    assert_eq!(letter.from, FROM);
    assert_eq!(letter.to, "head <head@firm.ru>");
    assert_eq!(letter.subject, "Сигнал sprut: rep1, 02.03.2026");
    assert_eq!(letter.subject, queued[0]["subject"].as_str().unwrap());
    assert_eq!((letter.content_type.as_str(), letter.charset.as_deref()), ("text/plain", Some("utf-8")));
    assert_eq!(letter.text(), queued[0]["body"].as_str().unwrap());
    assert_eq!(letter.message_id, format!("<{}@firm.ru>", queued[0]["id"].as_str().unwrap()));
    assert!(letter.text().starts_with("rep1: открыл 120 карточек клиентов за день; порог 80, обычно 6 в день."));

    let sent = outbox(&c, "?status=sent").await;
    assert_eq!(sent.len(), 1);
    assert_eq!((sent[0]["attempts"].clone(), sent[0]["last_error"].clone()), (json!(1), Value::Null));
    assert_eq!(sent[0]["sent_at"], json!("2026-03-02T09:00:00Z"));
    // Sent once: another pass finds nothing due.
    assert_eq!(dispatch_once(&*c.state.store, &mailer, NOW).await.unwrap(), Dispatched::default());
    assert_eq!(sink.received().len(), 1);
}

#[tokio::test]
async fn a_refusing_server_means_retries_with_backoff_then_failed() {
    let Some(sink) = SmtpSink::start(Sink::Refuse) else { return };
    let c = Company::new().await;
    alert_about_rep1(&c).await;
    let mailer = Mailer::from_options(Some(&sink.url()), Some(FROM)).unwrap().unwrap();
    let store = &*c.state.store;

    let mut at = NOW;
    for attempt in 1..MAX_ATTEMPTS {
        assert_eq!(dispatch_once(store, &mailer, at).await.unwrap().retrying, 1, "attempt {attempt}");
        let m = &outbox(&c, "").await[0];
        assert_eq!((m["status"].clone(), m["attempts"].clone()), (json!("pending"), json!(attempt)));
        assert!(m["last_error"].as_str().unwrap().contains("Relaying denied"), "{m}");
        // Not again before the backoff is over.
        let wait = retry_after(attempt - 1);
        assert_eq!(dispatch_once(store, &mailer, at + wait - time::Duration::seconds(1)).await.unwrap().total(), 0);
        at += wait;
    }
    assert_eq!(dispatch_once(store, &mailer, at).await.unwrap().gave_up, 1);
    assert!(sink.received().is_empty());
    assert!(outbox(&c, "?status=pending").await.is_empty());
    let failed = outbox(&c, "?status=failed").await;
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["attempts"], json!(MAX_ATTEMPTS));
    assert!(failed[0]["last_error"].as_str().unwrap().contains("550"), "{}", failed[0]);
    assert_eq!(dispatch_due(store, &mailer, at + time::Duration::days(1), |_| {}).await.unwrap().total(), 0);

    // Visible on the page, with a button to send it again for the admin only.
    let (s, html) = page(&c, "/outbox?status=failed", &c.admin.token).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("не отправлено") && html.contains("Relaying denied"), "{html}");
    assert!(html.contains("Отправить снова") && html.contains("<details"), "{html}");
    let (s, html) = page(&c, "/outbox?status=failed", &c.auditor.token).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Relaying denied") && !html.contains("Отправить снова"));
    let id = failed[0]["id"].as_str().unwrap();
    let (s, _) = c.post(&format!("/api/v1/outbox/{id}/retry"), &c.auditor, json!({})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, back) = c.post(&format!("/api/v1/outbox/{id}/retry"), &c.admin, json!({})).await;
    assert_eq!((s, back["status"].clone()), (StatusCode::OK, json!("pending")), "{back}");
    let (s, again) = c.post(&format!("/api/v1/outbox/{id}/retry"), &c.admin, json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{again}");
}

#[tokio::test]
async fn an_unreachable_server_is_a_failed_attempt() {
    let c = Company::new().await;
    alert_about_rep1(&c).await;
    let url = format!("smtp://127.0.0.1:{}?tls=none", closed_port());
    let mailer = Mailer::from_options(Some(&url), Some(FROM)).unwrap().unwrap();
    assert_eq!(dispatch_once(&*c.state.store, &mailer, NOW).await.unwrap().retrying, 1);
    let m = &outbox(&c, "").await[0];
    assert_eq!((m["status"].clone(), m["attempts"].clone()), (json!("pending"), json!(1)));
    assert!(m["last_error"].as_str().unwrap().contains("127.0.0.1"), "{m}");
    assert_eq!(m["next_attempt_at"], json!("2026-03-02T09:01:00Z"));
}

#[tokio::test]
async fn without_mail_settings_letters_stay_pending() {
    let c = Company::new().await;
    assert!(Mailer::from_options(None, None).unwrap().is_none());
    assert!(c.state.mailer.is_none());
    alert_about_rep1(&c).await;
    sprut_server::jobs::run_once(&c.state).await;
    let (s, status) = c.get("/api/v1/outbox/status", &c.auditor).await;
    assert_eq!(s, StatusCode::OK);
    // The alert to the head, and the day's audit anchor to the auditor.
    assert_eq!(status, json!({ "pending": 2, "sent": 0, "failed": 0, "server": null }));
    let (s, html) = page(&c, "/outbox", &c.admin.token).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("не отправляет почту") && html.contains("ожидает"), "{html}");
    assert!(html.contains("Сигнал sprut: rep1, 02.03.2026"));
    assert!(html.contains("Якорь журнала аудита sprut на 02.03.2026"), "{html}");
    // Queued at 09:00 UTC: 12:00 on the company's clocks (Europe/Moscow), written the Russian way.
    assert!(html.contains("02.03.2026 12:00") && !html.contains("09:00") && !html.contains("UTC"), "{html}");
    // With settings the page says where mail goes.
    let mut state = c.state.clone();
    let url = format!("smtp://127.0.0.1:{}?tls=none", closed_port());
    state.mailer = Some(std::sync::Arc::new(Mailer::from_options(Some(&url), Some(FROM)).unwrap().unwrap()));
    let app = sprut_server::app(state.clone());
    let req = axum::http::Request::get("/api/v1/outbox/status")
        .header("authorization", format!("Bearer {}", c.admin.token))
        .body(axum::body::Body::empty())
        .unwrap();
    let res = tower::ServiceExt::oneshot(app, req).await.unwrap();
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
    let status: Value = serde_json::from_slice(&bytes).unwrap();
    assert!(status["server"].as_str().unwrap().ends_with("(unencrypted)"), "{status}");
    let req = axum::http::Request::get("/outbox")
        .header("authorization", format!("Bearer {}", c.auditor.token))
        .body(axum::body::Body::empty())
        .unwrap();
    let res = tower::ServiceExt::oneshot(sprut_server::app(state.clone()), req).await.unwrap();
    let html = String::from_utf8(axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap().to_vec()).unwrap();
    assert!(html.contains("Почта уходит через 127.0.0.1:") && html.contains("(без шифрования)"), "{html}");
    // The page and the API are for admins and auditors only.
    let (s, _) = c.get("/api/v1/outbox", &c.head).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_alert_mails_the_head_once_in_his_language() {
    let Some(sink) = SmtpSink::start(Sink::Accept) else { return };
    let c = Company::new().await;
    let (s, body) =
        c.patch(&format!("/api/v1/employees/{}", c.head.employee.id), &c.admin, json!({ "language": "en" })).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    // A rep tries to export twice: one alert (counted twice), one letter.
    for _ in 0..2 {
        let (s, _) = c.call(Method::GET, "/api/v1/export/clients", Some(&c.rep1.token), None).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
    }
    let queued = outbox(&c, "?kind=alert_notice").await;
    assert_eq!(queued.len(), 1, "{queued:?}");
    let mailer = Mailer::from_options(Some(&sink.url()), Some(FROM)).unwrap().unwrap();
    assert_eq!(dispatch_due(&*c.state.store, &mailer, NOW, |_| {}).await.unwrap().sent, 1);
    let got = sink.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].rcpt_tos, vec!["head@firm.ru".to_string()]);
    assert_eq!(got[0].subject, "sprut alert: rep1, 2026-03-02");
    let text = got[0].text();
    assert!(text.starts_with("rep1: tried to export clients as csv"), "{text}");
    assert!(text.contains("Open Alerts in sprut"), "{text}");
}

#[tokio::test]
async fn a_server_without_tls_gets_nothing_when_tls_is_asked_for() {
    let Some(sink) = SmtpSink::start(Sink::Accept) else { return };
    let c = Company::new().await;
    alert_about_rep1(&c).await;
    // smtp:// means STARTTLS, required: a server that does not offer it must not get the letter
    // in the clear; smtps:// expects TLS from the first byte.
    let urls = [format!("smtp://u:p@127.0.0.1:{}", sink.port), format!("smtps://127.0.0.1:{}", sink.port)];
    for (day, url) in (1..).zip(urls) {
        let mailer = Mailer::from_options(Some(&url), Some(FROM)).unwrap().unwrap();
        let at = NOW + time::Duration::days(day);
        assert_eq!(dispatch_once(&*c.state.store, &mailer, at).await.unwrap().retrying, 1, "{url}");
        let m = &outbox(&c, "").await[0];
        assert_eq!(m["status"], json!("pending"));
        assert!(m["last_error"].as_str().unwrap().contains("127.0.0.1"), "{m}");
    }
    assert!(sink.received().is_empty(), "nothing may travel unencrypted");
}
