//! `sprut mail` as an administrator runs it: one dispatch pass through a real SMTP server on
//! loopback, the outbox's totals, and clear errors for missing or wrong mail settings.

// The same SMTP sink as the server's tests; not every helper is used here.
#[allow(dead_code)]
#[path = "../../sprut-server/tests/api/smtp.rs"]
mod smtp;

use smtp::{Sink, SmtpSink};
use sprut_core::alert::{AlertKind, NewAlert};
use sprut_core::employee::{NewEmployee, Role};
use sprut_core::store::prelude::*;
use sprut_core::Actor;
use sprut_store::Db;
use std::process::{Command, Output};

fn sprut(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sprut"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("SPRUT_SMTP_URL")
        .env_remove("SPRUT_MAIL_FROM")
        .output()
        .expect("run sprut")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A database with an admin and one letter to him: failed sign-ins to an unknown account.
async fn one_letter(url: &str) {
    let db = Db::open(url).await.unwrap();
    let now = time::OffsetDateTime::now_utc();
    let sys = Actor::system(now);
    let boss = NewEmployee {
        email: "boss@firm.ru".into(),
        name: "Ирина Петрова".into(),
        role: Role::Admin,
        department: None,
        team_id: None,
        region: None,
        capacity: None,
        specialisation: None,
        language: None,
    };
    db.create_employee(&sys, boss, None).await.unwrap();
    let alert = NewAlert {
        kind: AlertKind::FailedSignIns,
        employee_id: None,
        client_id: None,
        day: now.date(),
        summary: "5 failed sign-ins to ghost@firm.ru within an hour".into(),
        details: serde_json::json!({ "email": "ghost@firm.ru", "failures_last_hour": 5 }),
    };
    db.raise_alert(&sys, &alert).await.unwrap();
    db.close().await;
}

#[tokio::test]
async fn send_due_delivers_the_outbox_once() {
    let Some(sink) = SmtpSink::start(Sink::Accept) else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
    one_letter(&db).await;

    let out = sprut(&db, &["mail", "status"]);
    assert_eq!(text(&out.stdout).lines().next(), Some("pending 1, sent 0, failed 0"), "{}", text(&out.stderr));
    let send = ["mail", "send-due", "--smtp", &sink.url(), "--mail-from", "Компания <noreply@firm.ru>"];
    let out = sprut(&db, &send);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("sent 1, failed and will be retried 0, given up 0"), "{}", text(&out.stdout));
    let got = sink.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].rcpt_tos, vec!["boss@firm.ru".to_string()]);
    assert!(got[0].subject.starts_with("Сигнал sprut: учётная запись ghost@firm.ru"), "{}", got[0].subject);
    assert!(got[0].text().contains("5 неудачных входов в ghost@firm.ru за час"), "{}", got[0].text());
    // Nothing is due any more.
    let out = sprut(&db, &send);
    assert!(text(&out.stdout).contains("sent 0"), "{}", text(&out.stdout));
    assert_eq!(sink.received().len(), 1);
    let out = sprut(&db, &["mail", "status"]);
    assert_eq!(text(&out.stdout).lines().next(), Some("pending 0, sent 1, failed 0"));
}

#[test]
fn mail_settings_that_cannot_work_say_what_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
    let out = sprut(&db, &["mail", "send-due"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("give --smtp URL and --mail-from ADDRESS"), "{}", text(&out.stderr));
    let out = sprut(&db, &["mail", "send-due", "--smtp", "smtp.firm.ru", "--mail-from", "a@firm.ru"]);
    assert!(text(&out.stderr).contains("--smtp (SPRUT_SMTP_URL): not a URL"), "{}", text(&out.stderr));
    let out = sprut(&db, &["serve", "--listen", "127.0.0.1:0", "--smtp", "smtp://u:p@smtp.firm.ru"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--mail-from (SPRUT_MAIL_FROM): is needed with --smtp"),
        "{}",
        text(&out.stderr)
    );
    let out = sprut(
        &db,
        &["serve", "--listen", "127.0.0.1:0", "--smtp", "smtp://u:p@smtp.firm.ru?tls=none", "--mail-from", "a@firm.ru"],
    );
    assert!(text(&out.stderr).contains("unencrypted"), "{}", text(&out.stderr));
}
