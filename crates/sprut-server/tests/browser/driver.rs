//! Driving Debian's headless Chromium over W3C WebDriver (chromedriver).

use serde_json::{json, Value};
use sprut_core::dataset::Dataset;
use sprut_core::store::prelude::*;
use sprut_core::Actor;
use sprut_server::{AppState, Clock};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const PASSWORD: &str = sprut_demo::DEMO_PASSWORD;

/// Where screenshots are kept (gitignored).
pub fn screenshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../screenshots")
}

/// Decodes standard base64 (the screenshot format of WebDriver).
pub fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let sextets: Vec<u8> = text.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(sextets.len() * 3 / 4);
    for chunk in sextets.chunks(4) {
        let mut n = 0u32;
        for (i, s) in chunk.iter().enumerate() {
            n |= u32::from(*s) << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len().max(1)]);
    }
    out
}

/// chromedriver running as a child process; killed when dropped.
pub struct Driver {
    child: Child,
    base: String,
}

impl Driver {
    pub fn start() -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let ready = ureq::get(&format!("{base}/status"))
                .call()
                .ok()
                .and_then(|r| r.into_json::<Value>().ok())
                .is_some_and(|v| v["value"]["ready"] == json!(true));
            if ready {
                break;
            }
            assert!(Instant::now() < deadline, "chromedriver did not become ready");
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver { child, base }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A WebDriver session: the few commands the test needs.
pub struct Browser {
    url: String,
    app: String,
}

impl Browser {
    pub fn open(driver: &Driver, profile: &std::path::Path, app: &str) -> Browser {
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1400,1000",
            &format!("--user-data-dir={}", profile.display()),
        ];
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args},
        }}});
        let resp = Self::send(ureq::post(&format!("{}/session", driver.base)), Some(caps));
        let id = resp["value"]["sessionId"].as_str().expect("a session id").to_string();
        Browser { url: format!("{}/session/{id}", driver.base), app: app.to_string() }
    }

    pub fn send(req: ureq::Request, body: Option<Value>) -> Value {
        let result = match body {
            Some(b) => req.send_json(b),
            None => req.call(),
        };
        match result {
            Ok(r) => r.into_json().expect("JSON from chromedriver"),
            Err(ureq::Error::Status(code, r)) => panic!("webdriver {code}: {}", r.into_string().unwrap_or_default()),
            Err(e) => panic!("webdriver: {e}"),
        }
    }

    pub fn post(&self, path: &str, body: Value) -> Value {
        Self::send(ureq::post(&format!("{}{path}", self.url)), Some(body))
    }

    /// Runs JavaScript in the page (to fill a date field, whose typing depends on the locale).
    pub fn script(&self, js: &str) -> Value {
        self.post("/execute/sync", json!({ "script": js, "args": [] }))
    }

    pub fn get(&self, path: &str) -> Value {
        Self::send(ureq::get(&format!("{}{path}", self.url)), None)
    }

    pub fn goto(&self, path: &str) {
        self.post("/url", json!({"url": format!("{}{path}", self.app)}));
    }

    pub fn current_path(&self) -> String {
        let url = self.get("/url")["value"].as_str().unwrap_or_default().to_string();
        url.strip_prefix(&self.app).unwrap_or(&url).to_string()
    }

    pub fn source(&self) -> String {
        self.get("/source")["value"].as_str().unwrap_or_default().to_string()
    }

    /// Element ids matching `css` (possibly none).
    pub fn find_all(&self, css: &str) -> Vec<String> {
        let v = self.post("/elements", json!({"using": "css selector", "value": css}));
        v["value"]
            .as_array()
            .map(|a| a.iter().filter_map(|e| e.as_object()?.values().next()?.as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    }

    /// The first element matching `css`, waiting up to ten seconds for it.
    pub fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(id) = self.find_all(css).into_iter().next() {
                return id;
            }
            assert!(Instant::now() < deadline, "no element '{css}' on {}", self.current_path());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn text(&self, css: &str) -> String {
        let id = self.find(css);
        self.get(&format!("/element/{id}/text"))["value"].as_str().unwrap_or_default().to_string()
    }

    /// The texts of all elements matching `css`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.find_all(css)
            .iter()
            .map(|id| self.get(&format!("/element/{id}/text"))["value"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    pub fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css);
        self.post(&format!("/element/{id}/clear"), json!({}));
        self.post(&format!("/element/{id}/value"), json!({"text": text}));
    }

    pub fn click(&self, css: &str) {
        let id = self.find(css);
        self.post(&format!("/element/{id}/click"), json!({}));
    }

    /// Clicks `css` (a form's button) and waits for the page it loads, even one at the same
    /// path: the old page is marked first, so its elements are never read as the new one's.
    pub fn click_and_load(&self, css: &str) {
        self.script("document.documentElement.dataset.left = 'yes';");
        self.click(css);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let state = self.script(
                "return document.documentElement.dataset.left === undefined && document.readyState === 'complete';",
            );
            if state["value"] == json!(true) {
                return;
            }
            assert!(Instant::now() < deadline, "no new page after clicking {css} on {}", self.current_path());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the browser shows a page whose path starts with `prefix`.
    pub fn wait_path(&self, prefix: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.current_path().starts_with(prefix) {
            assert!(Instant::now() < deadline, "still on {} instead of {prefix}", self.current_path());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the page's source contains `needle`.
    pub fn wait_source(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.source().contains(needle) {
            assert!(Instant::now() < deadline, "'{needle}' never appeared on {}", self.current_path());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until at least `n` elements match `css` (the page may still be loading when
    /// asked, so a count taken once can miss what is about to appear).
    pub fn wait_count(&self, css: &str, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.find_all(css).len() < n {
            assert!(Instant::now() < deadline, "fewer than {n} '{css}' on {}", self.current_path());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn cookie(&self, name: &str) -> String {
        self.get(&format!("/cookie/{name}"))["value"]["value"].as_str().unwrap_or_default().to_string()
    }

    /// Saves a screenshot of the whole page as `screenshots/<name>.png`.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let height = self
            .post("/execute/sync", json!({"script": "return document.documentElement.scrollHeight", "args": []}))
            ["value"]
            .as_u64()
            .unwrap_or(1000)
            .clamp(600, 8000);
        self.post("/window/rect", json!({"width": 1400, "height": height + 140}));
        let path = self.screenshot_as_is(name);
        self.post("/window/rect", json!({"width": 1400, "height": 1000}));
        path
    }

    /// Saves a screenshot of the window as it is (a phone-size one, say) as `screenshots/<name>.png`.
    pub fn screenshot_as_is(&self, name: &str) -> PathBuf {
        let png = base64_decode(self.get("/screenshot")["value"].as_str().unwrap_or_default());
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write screenshot");
        path
    }
}

impl Drop for Browser {
    /// Ends the session, which closes Chromium, even when an assertion failed.
    fn drop(&mut self) {
        let _ = ureq::delete(&self.url).call();
    }
}

/// The demo company (seed 7, as of `now`) served on loopback, with the demo logins' passwords.
pub struct DemoServer {
    /// The base URL.
    pub app: String,
    /// The company.
    pub data: Dataset,
    /// The ids of the printed demo logins.
    pub logins: Vec<sprut_core::EmployeeId>,
    /// The database's URL (to read what the server wrote, e.g. its outbox).
    pub db_url: String,
    _runtime: tokio::runtime::Runtime,
    _tmp: tempfile::TempDir,
}

/// Starts [`DemoServer`].
pub fn serve_demo(now: time::OffsetDateTime) -> DemoServer {
    let tmp = tempfile::tempdir().expect("tempdir");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let mut data = sprut_demo::generate(7, now.date());
    let hash = sprut_server::auth::hash_password(PASSWORD).expect("hash");
    let logins: Vec<_> = sprut_demo::logins(&data).iter().map(|e| e.id).collect();
    data.passwords = logins.iter().map(|id| (*id, hash.clone())).collect();
    let url = format!("sqlite://{}?mode=rwc", tmp.path().join("sprut.db").display());
    let addr: SocketAddr = runtime.block_on(async {
        let db = sprut_store::Db::open(&url).await.expect("open db");
        db.load_dataset(&Actor::system(now), &data).await.expect("load demo");
        let state = AppState::with_clock(db, Clock::Fixed(now));
        sprut_server::serve::spawn(state).await.expect("serve").0
    });
    DemoServer { app: format!("http://{addr}"), data, logins, db_url: url, _runtime: runtime, _tmp: tmp }
}

/// Whether the browser tests can run here; prints why not (and fails in CI) otherwise.
pub fn browser_available() -> bool {
    if std::path::Path::new(CHROMEDRIVER).exists() {
        return true;
    }
    assert!(std::env::var_os("CI").is_none(), "chromedriver not found at {CHROMEDRIVER} (CI is set)");
    eprintln!("SKIPPED: chromedriver not found at {CHROMEDRIVER}; install chromium-driver");
    false
}

/// Signs in through the form of the sign-in page in `lang`.
pub fn sign_in(b: &Browser, lang: &str, email: &str, password: &str) {
    b.goto(&format!("/login?lang={lang}"));
    b.type_into("#email", email);
    b.type_into("#password", password);
    b.click("form.stack button[type=submit]");
}
