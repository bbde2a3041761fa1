//! The `sprut` binary as a user runs it: demo, users, tokens, passwords, serve.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn sprut(db: &str, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sprut"))
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sprut");
    if let Some(input) = stdin {
        child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("sprut output")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn db_url(dir: &tempfile::TempDir) -> String {
    format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display())
}

/// A new SQLite file with the demo company of 2026-11-23, and what `sprut demo` printed; the
/// directory lives as long as the guard.
fn demo() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = db_url(&dir);
    let out = sprut(&db, &["demo", "--seed", "3", "--today", "2026-11-23"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    (dir, db, text(&out.stdout))
}

#[test]
fn demo_users_tokens_and_passwords() {
    let (_dir, db, logins) = demo();
    assert!(logins.contains("admin@demo.sprut") && logins.contains("head1@demo.sprut"), "{logins}");

    let again = sprut(&db, &["demo"], None);
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("already holds a company"), "{}", text(&again.stderr));

    let add =
        ["user", "add", "--email", "Boss@Firm.ru", "--name", "Ирина Петрова", "--role", "admin", "--password-stdin"];
    let out = sprut(&db, &add, Some("correct horse\n"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("boss@firm.ru"));
    let dup = sprut(&db, &add, Some("correct horse\n"));
    assert!(text(&dup.stderr).contains("already exists"), "{}", text(&dup.stderr));

    let bad_role = sprut(&db, &["user", "add", "--email", "x@y.ru", "--name", "X", "--role", "boss"], None);
    assert!(!bad_role.status.success());
    assert!(text(&bad_role.stderr).contains("expected one of"), "{}", text(&bad_role.stderr));
    let bad_team =
        sprut(&db, &["user", "add", "--email", "x@y.ru", "--name", "X", "--role", "rep", "--team", "Нет такой"], None);
    assert!(text(&bad_team.stderr).contains("no team named"), "{}", text(&bad_team.stderr));
    let short = sprut(&db, &["user", "passwd", "boss@firm.ru"], Some("short\n"));
    assert!(text(&short.stderr).contains("at least 8"), "{}", text(&short.stderr));
    let ok = sprut(&db, &["user", "passwd", "boss@firm.ru"], Some("a much longer one\n"));
    assert!(ok.status.success(), "{}", text(&ok.stderr));

    let token = sprut(&db, &["user", "token", "boss@firm.ru"], None);
    assert!(token.status.success(), "{}", text(&token.stderr));
    assert!(text(&token.stdout).trim().len() >= 32);
    let nobody = sprut(&db, &["user", "token", "nobody@firm.ru"], None);
    assert!(text(&nobody.stderr).contains("no employee with e-mail"), "{}", text(&nobody.stderr));
}

#[test]
fn bad_database_url_says_what_to_do() {
    let out = sprut("mysql://nowhere/db", &["migrate"], None);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("SPRUT_DATABASE_URL"), "{}", text(&out.stderr));
    // A password in the URL is never printed: not in errors, not in the help's environment.
    for url in ["postgres://sprut:hunter2secret@127.0.0.1:1/crm", "mysql://sprut:hunter2secret@nowhere/db"] {
        let out = sprut(url, &["migrate"], None);
        assert!(!out.status.success());
        let err = text(&out.stderr);
        assert!(!err.contains("hunter2secret") && err.contains("sprut:***@"), "{err}");
    }
    let help = Command::new(env!("CARGO_BIN_EXE_sprut"))
        .arg("--help")
        .env("SPRUT_DATABASE_URL", "postgres://sprut:hunter2secret@db/crm")
        .output()
        .unwrap();
    assert!(!text(&help.stdout).contains("hunter2secret"), "{}", text(&help.stdout));
}

fn get(addr: &str, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(addr).ok()?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").ok()?;
    let mut body = String::new();
    s.read_to_string(&mut body).ok()?;
    Some(body)
}

#[test]
fn serve_demo_answers_and_stops_gracefully() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sprut"))
        .args(["--db", &db_url(&dir), "serve", "--demo", "--listen", &addr])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let health = loop {
        if let Some(r) = get(&addr, "/healthz") {
            break r;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "sprut serve did not start");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(health.contains(r#""status":"ok""#) && health.contains(r#""engine":"sqlite""#), "{health}");
    let ready = get(&addr, "/readyz").unwrap();
    assert!(ready.starts_with("HTTP/1.1 200") && ready.contains(r#""schema_version":"#), "{ready}");
    let login = get(&addr, "/login").unwrap();
    assert!(login.starts_with("HTTP/1.1 200"), "{login}");
    let unauth = get(&addr, "/api/v1/clients").unwrap();
    assert!(unauth.starts_with("HTTP/1.1 401"), "{unauth}");
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "graceful shutdown exits 0: {status:?}");
    let mut out = String::new();
    child.stdout.take().unwrap().read_to_string(&mut out).unwrap();
    assert!(out.contains("password: demo"), "{out}");
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let (_dir, db, _) = demo();
    // A long listing into a reader that takes one line and goes, as `| head -1` does.
    let mut child = Command::new(env!("CARGO_BIN_EXE_sprut"))
        .args(["--db", &db, "weekly", "missing", "--as-of", "2026-11-23"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sprut");
    let mut first = [0u8; 64];
    child.stdout.take().expect("stdout").read_exact(&mut first).expect("some output");
    let out = child.wait_with_output().expect("sprut output");
    assert_eq!(out.status.code(), Some(141), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains("panicked"), "{}", text(&out.stderr));
}
