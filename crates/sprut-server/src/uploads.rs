//! Uploaded files: streamed to a temporary file under a size limit instead of held in memory,
//! and, for the UI's import wizard, kept on the server between the preview and the apply.

use crate::error::AppError;
use axum::body::Body;
use http_body_util::BodyExt;
use sprut_core::EmployeeId;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tempfile::TempPath;

/// The largest file an import takes, through the API and the UI (the CLI reads any size).
pub const MAX_UPLOAD: u64 = 64 * 1024 * 1024;
/// The largest body of every other request (a JSON document or a form).
pub const MAX_FORM: usize = 1024 * 1024;
/// How long the UI keeps an uploaded file for its apply step.
const STAGED_FOR: Duration = Duration::from_secs(60 * 60);
/// Files the UI keeps at once, over all users.
const MAX_STAGED: usize = 32;

/// A file received and written to disk; removed when dropped.
#[derive(Debug)]
pub struct Spooled {
    /// Where it is.
    pub path: TempPath,
    /// Its size in bytes.
    pub len: u64,
}

/// The refusal of an upload larger than `limit`.
pub fn too_large(limit: u64) -> AppError {
    AppError::PayloadTooLarge(format!(
        "the file is larger than {} MB, the most an upload may be; split it into smaller files, or import it \
         with the command line (sprut import)",
        limit / (1024 * 1024)
    ))
}

/// Writes the chunks of `body` to a temporary file, refusing it past `limit` bytes.
pub async fn spool(body: Body, limit: u64) -> Result<Spooled, AppError> {
    let mut file = Spool::new()?;
    let mut body = body;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| AppError::bad_request(format!("the upload was cut short: {e}")))?;
        if let Ok(data) = frame.into_data() {
            file.write(&data, limit)?;
        }
    }
    file.finish()
}

/// A temporary file being written under a size limit.
pub struct Spool {
    file: std::io::BufWriter<tempfile::NamedTempFile>,
    len: u64,
}

impl Spool {
    /// An empty temporary file.
    pub fn new() -> Result<Self, AppError> {
        let file = tempfile::NamedTempFile::new().map_err(AppError::internal)?;
        Ok(Self { file: std::io::BufWriter::new(file), len: 0 })
    }

    /// Appends `data`, refusing the file once it passes `limit` bytes.
    pub fn write(&mut self, data: &[u8], limit: u64) -> Result<(), AppError> {
        self.len += data.len() as u64;
        if self.len > limit {
            return Err(too_large(limit));
        }
        self.file.write_all(data).map_err(AppError::internal)
    }

    /// The file written.
    pub fn finish(self) -> Result<Spooled, AppError> {
        let file = self.file.into_inner().map_err(|e| AppError::internal(e.error()))?;
        Ok(Spooled { path: file.into_temp_path(), len: self.len })
    }
}

impl Spooled {
    /// An empty temporary file to write to, and a handle that writes into it.
    pub fn empty() -> Result<(Spooled, std::fs::File), AppError> {
        let file = tempfile::NamedTempFile::new().map_err(AppError::internal)?;
        let writer = file.reopen().map_err(AppError::internal)?;
        Ok((Spooled { path: file.into_temp_path(), len: 0 }, writer))
    }
}

/// An upload kept for its owner between the UI's preview and apply.
struct Staged {
    owner: EmployeeId,
    file: Arc<TempPath>,
    file_name: Option<String>,
    at: Instant,
}

/// The uploads the UI's import wizard keeps, each under a random key only its owner can use;
/// one server's own (an apply that reaches another server asks for the file again).
#[derive(Clone, Default)]
pub struct StagedUploads {
    files: Arc<Mutex<HashMap<String, Staged>>>,
}

/// A kept upload: its file (while the handle lives) and its name.
pub struct StagedFile {
    file: Arc<TempPath>,
    /// The name it was uploaded with.
    pub file_name: Option<String>,
}

impl StagedFile {
    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.file
    }
}

impl StagedUploads {
    /// Keeps `file` for `owner` and answers its key; drops expired files and, past the cap,
    /// the oldest.
    pub fn keep(&self, owner: EmployeeId, file: Spooled, file_name: Option<String>) -> String {
        let (key, _) = crate::auth::new_token();
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.retain(|_, s| s.at.elapsed() < STAGED_FOR);
        while files.len() >= MAX_STAGED {
            let Some(oldest) = files.iter().min_by_key(|(_, s)| s.at).map(|(k, _)| k.clone()) else { break };
            files.remove(&oldest);
        }
        files.insert(key.clone(), Staged { owner, file: Arc::new(file.path), file_name, at: Instant::now() });
        key
    }

    /// The file kept under `key` for `owner`, if it is still there.
    pub fn get(&self, owner: EmployeeId, key: &str) -> Option<StagedFile> {
        let files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files
            .get(key)
            .filter(|s| s.owner == owner && s.at.elapsed() < STAGED_FOR)
            .map(|s| StagedFile { file: s.file.clone(), file_name: s.file_name.clone() })
    }

    /// Forgets the file under `key` (after it was imported).
    pub fn forget(&self, key: &str) {
        self.files.lock().unwrap_or_else(|e| e.into_inner()).remove(key);
    }
}
