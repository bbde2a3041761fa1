//! Fresh stores for the contract suite: a SQLite file, and a new PostgreSQL database
//! per test when `SPRUT_TEST_POSTGRES_URL` is set (required when `CI` is set).

use sprut_store::scratch::ScratchDb;
use sprut_store::Db;

/// A store plus what must be cleaned up after the test.
pub struct Fresh {
    pub db: Db,
    _dir: Option<tempfile::TempDir>,
    scratch: Option<ScratchDb>,
}

impl Fresh {
    /// Closes the store and drops its PostgreSQL database.
    pub async fn finish(self) {
        self.db.close().await;
        if let Some(s) = self.scratch {
            s.drop().await.expect("drop the test database");
        }
    }
}

/// A store on a new SQLite file.
pub async fn sqlite() -> Fresh {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("sprut.db").display());
    let db = Db::open(&url).await.expect("open sqlite");
    Fresh { db, _dir: Some(dir), scratch: None }
}

/// The PostgreSQL server to test against, or `None` (with a visible message) to skip.
pub fn postgres_url() -> Option<String> {
    match std::env::var("SPRUT_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var_os("CI").is_some() => {
            panic!("CI is set but SPRUT_TEST_POSTGRES_URL is not: the PostgreSQL tests must run in CI")
        }
        _ => {
            eprintln!(
                "SKIPPED: PostgreSQL contract test (set SPRUT_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test to run it)"
            );
            None
        }
    }
}

/// A store on a brand-new PostgreSQL database, or `None` when PostgreSQL tests are skipped.
pub async fn postgres() -> Option<Fresh> {
    let server = postgres_url()?;
    let scratch =
        ScratchDb::create(&server, "sprut_t").await.expect("create a test database on SPRUT_TEST_POSTGRES_URL");
    let db = Db::open(&scratch.url).await.expect("open postgres");
    Some(Fresh { db, _dir: None, scratch: Some(scratch) })
}
