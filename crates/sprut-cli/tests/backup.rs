//! `sprut backup` of a live demo under writes, and `sprut restore` of it into a new base: the
//! restored base holds every row of the backup and an intact audit chain.

use sprut_core::store::prelude::*;
use sprut_store::Db;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn sprut(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sprut")).arg("--db").arg(db).args(args).output().expect("run sprut")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// One HTTP request; the status line and the body.
fn call(addr: &str, method: &str, path: &str, token: &str, body: &str) -> Option<(String, String)> {
    let mut s = TcpStream::connect(addr).ok()?;
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    let (head, body) = out.split_once("\r\n\r\n")?;
    Some((head.lines().next()?.to_string(), body.to_string()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_under_writes_restores_whole() {
    let dir = tempfile::tempdir().unwrap();
    let live = format!("sqlite://{}?mode=rwc", dir.path().join("live.db").display());
    let out = sprut(&live, &["demo", "--today", "2026-11-23"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let token = text(&sprut(&live, &["user", "token", "head1@demo.sprut"]).stdout).trim().to_string();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let addr = format!("127.0.0.1:{port}");
    let mut server = Command::new(env!("CARGO_BIN_EXE_sprut"))
        .args(["--db", &live, "serve", "--listen", &addr])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let clients = loop {
        if let Some((status, body)) = call(&addr, "GET", "/api/v1/clients?limit=5", &token, "") {
            assert!(status.contains("200"), "{status} {body}");
            break serde_json::from_str::<serde_json::Value>(&body).unwrap();
        }
        assert!(started.elapsed() < Duration::from_secs(60), "sprut serve did not start");
        std::thread::sleep(Duration::from_millis(100));
    };
    let client = clients["items"][0]["id"].as_str().unwrap().to_string();

    // A writer logs touches on a client while the backup is taken.
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicUsize::new(0));
    let writer = {
        let (stop, written, addr, token) = (stop.clone(), written.clone(), addr.clone(), token.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let body = format!(
                    r#"{{"client_id":"{client}","kind":"call","text":"звонок {}"}}"#,
                    written.load(Ordering::Relaxed)
                );
                if let Some((status, _)) = call(&addr, "POST", "/api/v1/activities", &token, &body) {
                    if status.contains("201") {
                        written.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        })
    };
    while written.load(Ordering::Relaxed) < 20 {
        std::thread::sleep(Duration::from_millis(20));
    }
    let file = dir.path().join("backup.db");
    let out = sprut(&live, &["backup", "--to", file.to_str().unwrap()]);
    let during = written.load(Ordering::Relaxed);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("the audit log is intact"), "{}", text(&out.stdout));
    while written.load(Ordering::Relaxed) < during + 20 {
        std::thread::sleep(Duration::from_millis(20));
    }
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();
    Command::new("kill").args(["-TERM", &server.id().to_string()]).status().unwrap();
    server.wait().unwrap();
    let again = sprut(&live, &["backup", "--to", file.to_str().unwrap()]);
    assert!(text(&again.stderr).contains("already exists"), "{}", text(&again.stderr));

    // Restored into a new base: the backup's every row, and an intact chain.
    let restored = format!("sqlite://{}?mode=rwc", dir.path().join("restored.db").display());
    let out = sprut(&restored, &["restore", "--from", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let backup = Db::open(&format!("sqlite://{}", file.display())).await.unwrap();
    let back = Db::open(&restored).await.unwrap();
    assert_eq!(backup.counts().await.unwrap(), back.counts().await.unwrap(), "every table, every row");
    assert!(sprut_core::audit::verify(&back, None, |_, _| {}).await.unwrap().is_ok());
    let touches = back.counts().await.unwrap().into_iter().find(|(t, _)| *t == "activities").unwrap().1;
    let live_db = Db::open(&live).await.unwrap();
    let live_touches = live_db.counts().await.unwrap().into_iter().find(|(t, _)| *t == "activities").unwrap().1;
    assert!(touches < live_touches, "the writes after the backup are not in it: {touches} vs {live_touches}");
    assert!(live_touches - touches >= 20, "{touches} vs {live_touches}");
    // Restoring over a base that holds a company is refused.
    let out = sprut(&restored, &["restore", "--from", file.to_str().unwrap()]);
    assert!(!out.status.success() && text(&out.stderr).contains("already holds a company"), "{}", text(&out.stderr));
    assert!(!back.is_empty().await.unwrap());
}

/// The same on PostgreSQL, through pg_dump and pg_restore (run where PostgreSQL is given).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_backup_restores_whole() {
    let Ok(server) = std::env::var("SPRUT_TEST_POSTGRES_URL") else {
        assert!(std::env::var_os("CI").is_none(), "CI must run the PostgreSQL backup test");
        eprintln!("SKIPPED: PostgreSQL backup test (set SPRUT_TEST_POSTGRES_URL)");
        return;
    };
    let live = sprut_store::scratch::ScratchDb::create(&server, "sprut_bk").await.unwrap();
    let target = sprut_store::scratch::ScratchDb::create(&server, "sprut_rs").await.unwrap();
    let out = sprut(&live.url, &["demo", "--today", "2026-11-23"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backup.dump");
    let out = sprut(&live.url, &["backup", "--to", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = sprut(&target.url, &["restore", "--from", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("the audit log is intact"), "{}", text(&out.stdout));
    let (a, b) = (Db::open(&live.url).await.unwrap(), Db::open(&target.url).await.unwrap());
    let columns = a.columns().await.unwrap();
    assert_eq!(a.checksums(&columns).await.unwrap(), b.checksums(&columns).await.unwrap(), "every row, every value");
    a.close().await;
    b.close().await;
    live.drop().await.unwrap();
    target.drop().await.unwrap();
}
