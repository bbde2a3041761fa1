//! End-to-end test of the web UI in a real browser: Debian's Chromium driven headless over
//! W3C WebDriver (chromedriver), against the real server on a demo company in SQLite.
//!
//! Screenshots land in `<workspace>/screenshots/`. Without `/usr/bin/chromedriver` the test
//! is skipped (with a visible message), unless `CI` is set, where it fails.

use serde_json::{json, Value};
use sprut_core::assignment::Assignment;
use sprut_core::client::Client;
use sprut_core::dataset::Dataset;
use sprut_core::employee::{Employee, EmployeeStatus, Role};
use sprut_core::store::Store;
use sprut_core::Actor;
use sprut_server::{AppState, Clock};
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use time::macros::{date, datetime};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
const PASSWORD: &str = sprut_core::demo::DEMO_PASSWORD;

/// Where screenshots are kept (gitignored).
fn screenshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../screenshots")
}

/// Decodes standard base64 (the screenshot format of WebDriver).
fn base64_decode(text: &str) -> Vec<u8> {
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
struct Driver {
    child: Child,
    base: String,
}

impl Driver {
    fn start() -> Driver {
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
struct Browser {
    url: String,
    app: String,
}

impl Browser {
    fn open(driver: &Driver, profile: &std::path::Path, app: &str) -> Browser {
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

    fn send(req: ureq::Request, body: Option<Value>) -> Value {
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

    fn post(&self, path: &str, body: Value) -> Value {
        Self::send(ureq::post(&format!("{}{path}", self.url)), Some(body))
    }

    fn get(&self, path: &str) -> Value {
        Self::send(ureq::get(&format!("{}{path}", self.url)), None)
    }

    fn goto(&self, path: &str) {
        self.post("/url", json!({"url": format!("{}{path}", self.app)}));
    }

    fn current_path(&self) -> String {
        let url = self.get("/url")["value"].as_str().unwrap_or_default().to_string();
        url.strip_prefix(&self.app).unwrap_or(&url).to_string()
    }

    fn source(&self) -> String {
        self.get("/source")["value"].as_str().unwrap_or_default().to_string()
    }

    /// Element ids matching `css` (possibly none).
    fn find_all(&self, css: &str) -> Vec<String> {
        let v = self.post("/elements", json!({"using": "css selector", "value": css}));
        v["value"]
            .as_array()
            .map(|a| a.iter().filter_map(|e| e.as_object()?.values().next()?.as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    }

    /// The first element matching `css`, waiting up to ten seconds for it.
    fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(id) = self.find_all(css).into_iter().next() {
                return id;
            }
            assert!(Instant::now() < deadline, "no element '{css}' on {}", self.current_path());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn text(&self, css: &str) -> String {
        let id = self.find(css);
        self.get(&format!("/element/{id}/text"))["value"].as_str().unwrap_or_default().to_string()
    }

    /// The texts of all elements matching `css`.
    fn texts(&self, css: &str) -> Vec<String> {
        self.find_all(css)
            .iter()
            .map(|id| self.get(&format!("/element/{id}/text"))["value"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css);
        self.post(&format!("/element/{id}/clear"), json!({}));
        self.post(&format!("/element/{id}/value"), json!({"text": text}));
    }

    fn click(&self, css: &str) {
        let id = self.find(css);
        self.post(&format!("/element/{id}/click"), json!({}));
    }

    /// Waits until the browser shows a page whose path starts with `prefix`.
    fn wait_path(&self, prefix: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.current_path().starts_with(prefix) {
            assert!(Instant::now() < deadline, "still on {} instead of {prefix}", self.current_path());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the page's source contains `needle`.
    fn wait_source(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.source().contains(needle) {
            assert!(Instant::now() < deadline, "'{needle}' never appeared on {}", self.current_path());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn cookie(&self, name: &str) -> String {
        self.get(&format!("/cookie/{name}"))["value"]["value"].as_str().unwrap_or_default().to_string()
    }

    /// Saves a screenshot of the whole page as `screenshots/<name>.png`.
    fn screenshot(&self, name: &str) -> PathBuf {
        let height = self
            .post("/execute/sync", json!({"script": "return document.documentElement.scrollHeight", "args": []}))
            ["value"]
            .as_u64()
            .unwrap_or(1000)
            .clamp(600, 8000);
        self.post("/window/rect", json!({"width": 1400, "height": height + 140}));
        let png = base64_decode(self.get("/screenshot")["value"].as_str().unwrap_or_default());
        self.post("/window/rect", json!({"width": 1400, "height": 1000}));
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

/// The people and clients of the demo company the test walks through.
struct Cast {
    admin: Employee,
    rep: Employee,
    /// A client the rep holds now, with a unique name.
    client: Client,
    /// A client someone else holds now.
    foreign: Client,
}

fn pick_cast(data: &Dataset, logins: &[sprut_core::EmployeeId]) -> Cast {
    let open: Vec<&Assignment> = data.assignments.iter().filter(|a| a.ended_on.is_none()).collect();
    let active = |e: &&Employee| e.status == EmployeeStatus::Active && logins.contains(&e.id);
    let admin = data.employees.iter().filter(active).find(|e| e.role == Role::Admin).expect("an admin").clone();
    let held_by = |id| open.iter().filter(|a| a.employee_id == id).count();
    let rep = data
        .employees
        .iter()
        .filter(active)
        .filter(|e| e.role == Role::Rep)
        .max_by_key(|e| (held_by(e.id), std::cmp::Reverse(e.name.clone())))
        .expect("a rep")
        .clone();
    let mut names: HashMap<&str, usize> = HashMap::new();
    for c in &data.clients {
        *names.entry(c.name.as_str()).or_default() += 1;
    }
    let spans = |c: &Client| data.assignments.iter().filter(|a| a.client_id == c.id).count();
    let by_id: HashMap<_, _> = data.clients.iter().map(|c| (c.id, c)).collect();
    let client = open
        .iter()
        .filter(|a| a.employee_id == rep.id)
        .filter_map(|a| by_id.get(&a.client_id).copied())
        .filter(|c| names[c.name.as_str()] == 1)
        .max_by_key(|c| (spans(c), c.name.clone()))
        .expect("a client held by the rep")
        .clone();
    let foreign = open
        .iter()
        .find(|a| a.employee_id != rep.id)
        .and_then(|a| by_id.get(&a.client_id).copied())
        .expect("a client held by someone else")
        .clone();
    Cast { admin, rep, client, foreign }
}

/// The CSRF token of the first form on a page.
fn csrf_in(source: &str) -> String {
    source
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSRF field on the page")
        .to_string()
}

fn sign_in(b: &Browser, lang: &str, email: &str, password: &str) {
    b.goto(&format!("/login?lang={lang}"));
    b.type_into("#email", email);
    b.type_into("#password", password);
    b.click("form.stack button[type=submit]");
}

#[test]
fn browser_walkthrough() {
    if !std::path::Path::new(CHROMEDRIVER).exists() {
        assert!(std::env::var_os("CI").is_none(), "chromedriver not found at {CHROMEDRIVER} (CI is set)");
        eprintln!("SKIPPED: chromedriver not found at {CHROMEDRIVER}; install chromium-driver");
        return;
    }
    let today = date!(2026 - 03 - 02);
    let now = datetime!(2026-03-02 09:00 UTC);
    let tmp = tempfile::tempdir().expect("tempdir");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");

    let mut data = sprut_core::demo::generate(7, today);
    let hash = sprut_server::auth::hash_password(PASSWORD).expect("hash");
    let logins: Vec<_> = sprut_core::demo::logins(&data).iter().map(|e| e.id).collect();
    data.passwords = logins.iter().map(|id| (*id, hash.clone())).collect();
    let cast = pick_cast(&data, &logins);

    let url = format!("sqlite://{}?mode=rwc", tmp.path().join("sprut.db").display());
    let (addr, _server) = runtime.block_on(async {
        let db = sprut_store::Db::open(&url).await.expect("open db");
        db.load_dataset(&Actor::system(now), &data).await.expect("load demo");
        let state = AppState::with_clock(db, Clock::Fixed(now));
        sprut_server::serve::spawn(state).await.expect("serve")
    });
    let app = format!("http://{addr}");

    // Plain HTTP: the stylesheet is served, pages need a session.
    let css = ureq::get(&format!("{app}/assets/app.css")).call().expect("css");
    assert!(css.content_type().starts_with("text/css"));
    assert!(css.header("cache-control").is_some_and(|c| c.contains("max-age")));
    let no_redirects = ureq::AgentBuilder::new().redirects(0).build();
    let anon = no_redirects.get(&format!("{app}/clients")).call().expect("redirect");
    assert_eq!((anon.status(), anon.header("location")), (303, Some("/login")));
    match no_redirects.get(&format!("{app}/no/such/page")).call() {
        Err(ureq::Error::Status(404, r)) => assert!(r.into_string().unwrap_or_default().contains("404")),
        other => panic!("expected 404, got {:?}", other.map(|r| r.status())),
    }

    let driver = Driver::start();
    let profile = tempfile::tempdir().expect("profile dir");
    let b = Browser::open(&driver, profile.path(), &app);
    let mut shots = Vec::new();

    // Russian sign-in page; a wrong password is refused with a message.
    sign_in(&b, "ru", &cast.admin.email, "not the password");
    assert!(b.text("#sign-in-error").contains("Неверная"));
    assert!(b.source().contains("Пароль"));
    shots.push(b.screenshot("login-error-ru"));

    // Admin in Russian: the list, a search, the card.
    sign_in(&b, "ru", &cast.admin.email, PASSWORD);
    b.wait_path("/clients");
    if b.source().contains("aria-pressed=\"true\">EN") {
        b.click("form.lang-switch button[value=ru]");
        b.wait_source("Держатель");
    }
    assert!(!b.find_all("#clients tbody tr").is_empty(), "the admin sees clients");
    let src = b.source();
    assert!(src.contains("Клиенты") && src.contains("Держатель") && src.contains("Категория"));
    shots.push(b.screenshot("clients-ru"));
    if !b.find_all("#next-page").is_empty() {
        let first_page = b.texts("#clients tbody tr td.name a");
        b.click("#next-page");
        b.wait_path("/clients?after=");
        let second_page = b.texts("#clients tbody tr td.name a");
        assert!(!second_page.is_empty() && second_page.first() != first_page.first());
        b.click("#first-page");
        let deadline = Instant::now() + Duration::from_secs(10);
        while b.current_path() != "/clients" {
            assert!(Instant::now() < deadline, "the first-page link goes to /clients");
            std::thread::sleep(Duration::from_millis(100));
        }
        assert!(b.find_all("#first-page").is_empty());
        assert_eq!(b.texts("#clients tbody tr td.name a"), first_page);
    }

    b.type_into("#f-q", &cast.client.name);
    b.click("#apply");
    b.wait_path("/clients?q=");
    let names = b.texts("#clients tbody tr td.name a");
    assert!(names.contains(&cast.client.name), "the searched client is found: {names:?}");
    let wanted = cast.client.name.to_lowercase();
    assert!(names.iter().all(|n| n.to_lowercase().contains(&wanted)), "the search narrows the list: {names:?}");
    shots.push(b.screenshot("search-ru"));

    b.click("#clients tbody tr td.name a");
    b.wait_path("/clients/");
    assert_eq!(b.text("#client-name"), cast.client.name);
    assert!(b.text("#holder").contains(&cast.rep.name), "the card shows the holder");
    let history = b.text("#history");
    assert!(history.contains("История закреплений") && history.contains(&cast.rep.name));
    shots.push(b.screenshot("card-ru"));

    // Log an activity from the card.
    let card_path = b.current_path();
    b.click("details.log-form summary");
    b.type_into("#a-text", "Позвонили, договорились о встрече");
    b.type_into("#a-outcome", "встреча в четверг");
    b.click("#activity-form button[type=submit]");
    b.wait_path(&format!("{card_path}?saved=1"));
    assert!(b.text("#activities").contains("Позвонили, договорились о встрече"));

    // A form without the session's token is refused with a 403 page.
    let session = b.cookie("sprut_session");
    let forged = no_redirects
        .post(&format!("{app}/logout"))
        .set("Cookie", &format!("sprut_session={session}"))
        .send_form(&[("csrf", "forged")]);
    match forged {
        Err(ureq::Error::Status(403, r)) => assert!(r.into_string().unwrap_or_default().contains("Доступ запрещён")),
        other => panic!("expected 403, got {:?}", other.map(|r| r.status())),
    }

    // An empty activity is refused with the reason next to the field.
    let src = b.source();
    let csrf = csrf_in(&src);
    let empty = no_redirects
        .post(&format!("{app}/clients/{}/activities", cast.client.id))
        .set("Cookie", &format!("sprut_session={session}"))
        .send_form(&[("csrf", &csrf), ("kind", "call"), ("text", "  ")]);
    match empty {
        Err(ureq::Error::Status(422, r)) => {
            let page = r.into_string().unwrap_or_default();
            assert!(page.contains("field-error") && page.contains("заполните это поле"), "{page}");
        }
        other => panic!("expected 422, got {:?}", other.map(|r| r.status())),
    }

    // Switch to English: the same card, English labels.
    b.click("form.lang-switch button[value=en]");
    b.wait_source("Holding history");
    assert_eq!(b.current_path(), card_path);
    let src = b.source();
    assert!(src.contains("Holding history") && src.contains("Held now by") && !src.contains("История закреплений"));
    shots.push(b.screenshot("card-en"));

    b.goto(&format!("/clients?q={}", cast.client.legal_id.clone().unwrap_or_else(|| cast.client.name.clone())));
    assert_eq!(b.text("#clients tbody tr td.name a"), cast.client.name);
    let src = b.source();
    assert!(src.contains("Holder") && src.contains("Clients") && !src.contains("Держатель"));
    b.goto("/clients");
    shots.push(b.screenshot("clients-en"));
    b.goto("/employees");
    assert!(b.find_all("#employees tbody tr").len() > 1);
    shots.push(b.screenshot("employees-en"));
    b.click("form.lang-switch button[value=ru]");
    b.wait_source("Сотрудники");
    shots.push(b.screenshot("employees-ru"));

    // Sign out; the English sign-in page.
    b.click("form.sign-out button");
    b.wait_path("/login");
    b.goto("/login?lang=en");
    assert!(b.source().contains("Password"));
    shots.push(b.screenshot("login-en"));

    // The rep sees only his own clients, and others' cards do not exist for him.
    sign_in(&b, "en", &cast.rep.email, PASSWORD);
    b.wait_path("/clients");
    let holders = b.texts("#clients tbody tr td:last-child");
    assert!(!holders.is_empty(), "the rep sees his clients");
    for holder in &holders {
        assert!(holder.contains(&cast.rep.name), "a row held by {holder}, not by the rep");
    }
    assert!(b.find_all("#f-holder").is_empty(), "a rep gets no holder filter");
    shots.push(b.screenshot("clients-rep"));
    b.goto(&format!("/clients/{}", cast.foreign.id));
    assert!(b.source().contains("404"));
    shots.push(b.screenshot("not-found-rep"));
    b.goto(&format!("/clients/{}", cast.client.id));
    assert_eq!(b.text("#client-name"), cast.client.name);
    // Nor can he write on them.
    let session = b.cookie("sprut_session");
    let foreign = no_redirects
        .post(&format!("{app}/clients/{}/activities", cast.foreign.id))
        .set("Cookie", &format!("sprut_session={session}"))
        .send_form(&[("csrf", &csrf_in(&b.source())), ("kind", "note"), ("text", "not mine")]);
    assert!(matches!(foreign, Err(ureq::Error::Status(404, _))), "a rep cannot log on others' clients");

    drop(b);
    drop(driver);
    for shot in shots {
        eprintln!("screenshot: {}", shot.display());
    }
}
