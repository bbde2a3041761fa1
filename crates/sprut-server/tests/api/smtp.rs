//! A real SMTP server on loopback for the mail tests: Python's aiosmtpd running
//! `tests/data/smtp_sink.py`, which writes what it receives as JSON for the test to read.
//! Without aiosmtpd the tests that need it print `SKIPPED` and pass, unless `CI` is set.

use serde::Deserialize;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// What the server does with letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sink {
    /// Accepts every letter.
    Accept,
    /// Refuses every recipient with 550.
    Refuse,
}

/// One letter as the server received it, decoded as a mail client would.
#[derive(Debug, Clone, Deserialize)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_tos: Vec<String>,
    pub from: String,
    pub to: String,
    pub subject: String,
    pub content_type: String,
    pub charset: Option<String>,
    pub message_id: String,
    pub body: String,
}

impl Received {
    /// The body with the line ends a Rust string has.
    pub fn text(&self) -> String {
        self.body.replace("\r\n", "\n")
    }
}

/// A running server; stopped when dropped.
pub struct SmtpSink {
    child: Child,
    dir: tempfile::TempDir,
    /// Its port on 127.0.0.1.
    pub port: u16,
}

/// The script the server runs (found from either crate that includes this helper).
fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../sprut-server/tests/data/smtp_sink.py")
}

/// Whether Python's aiosmtpd is installed.
fn aiosmtpd_installed() -> bool {
    Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

impl SmtpSink {
    /// Starts a server, or `None` (with a visible message) when aiosmtpd is missing outside CI.
    pub fn start(mode: Sink) -> Option<SmtpSink> {
        if !aiosmtpd_installed() {
            if std::env::var_os("CI").is_some() {
                panic!("CI is set but Python's aiosmtpd is not installed: pip install aiosmtpd");
            }
            eprintln!("SKIPPED: SMTP test needs a real mail server (pip install aiosmtpd)");
            return None;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let mode = match mode {
            Sink::Accept => "accept",
            Sink::Refuse => "refuse",
        };
        let mut child = Command::new("python3")
            .arg(script())
            .arg(dir.path())
            .arg(mode)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the SMTP sink");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("sink stdout");
        BufReader::new(stdout).read_line(&mut line).expect("read the sink's port");
        let port = line.trim().parse().unwrap_or_else(|_| panic!("the SMTP sink printed no port: {line:?}"));
        Some(SmtpSink { child, dir, port })
    }

    /// The `--smtp` URL of this server.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}?tls=none", self.port)
    }

    /// The letters received so far, in order.
    pub fn received(&self) -> Vec<Received> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .expect("sink dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).expect("read letter")).expect("letter JSON"))
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        // Closing its standard input stops it; kill it (our own child, by its handle) in case.
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port on 127.0.0.1 where nothing listens.
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}
