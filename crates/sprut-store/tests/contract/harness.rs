//! Fresh stores for the contract suite: a SQLite file, and a new PostgreSQL database
//! per test when `SPRUT_TEST_POSTGRES_URL` is set (required when `CI` is set).

use sprut_store::Db;
use sqlx::Connection;

/// A store plus what must be cleaned up after the test.
pub struct Fresh {
    pub db: Db,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl Fresh {
    /// Closes the store and drops its PostgreSQL database.
    pub async fn finish(self) {
        self.db.close().await;
        if let Some((admin_url, name)) = self.pg {
            if let Ok(mut c) = sqlx::PgConnection::connect(&admin_url).await {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut c).await;
            }
        }
    }
}

/// A store on a new SQLite file.
pub async fn sqlite() -> Fresh {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("sprut.db").display());
    let db = Db::open(&url).await.expect("open sqlite");
    Fresh { db, _dir: Some(dir), pg: None }
}

/// The PostgreSQL server to test against, or `None` (with a visible message) to skip.
pub fn postgres_url() -> Option<String> {
    match std::env::var("SPRUT_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var_os("CI").is_some() => {
            panic!("CI is set but SPRUT_TEST_POSTGRES_URL is not: the PostgreSQL tests must run in CI")
        }
        _ => {
            eprintln!("SKIPPED: PostgreSQL contract test (set SPRUT_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test to run it)");
            None
        }
    }
}

/// A store on a brand-new PostgreSQL database, or `None` when PostgreSQL tests are skipped.
pub async fn postgres() -> Option<Fresh> {
    let admin_url = postgres_url()?;
    let name = format!("sprut_t_{}", uuid::Uuid::now_v7().simple());
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.expect("connect to SPRUT_TEST_POSTGRES_URL");
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.expect("create test database");
    admin.close().await.ok();
    let url = with_database(&admin_url, &name);
    let db = Db::open(&url).await.expect("open postgres");
    Some(Fresh { db, _dir: None, pg: Some((admin_url, name)) })
}

/// `url` pointing at database `name` instead.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_end = base[scheme_end..].find('/').map(|i| i + scheme_end).unwrap_or(base.len());
    format!("{}/{}{}", &base[..host_end], name, query)
}
