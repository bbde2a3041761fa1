//! The company settings, cached for a few seconds: limits and thresholds are read on every
//! list request, and they change rarely.

use sprut_core::settings::Settings;
use sprut_core::store::prelude::*;
use sprut_store::Db;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

/// How long a read of the settings is reused.
const FRESH_FOR: Duration = Duration::from_secs(5);

/// A shared cache of the settings.
#[derive(Clone, Default)]
pub struct SettingsCache(Arc<RwLock<Option<(Instant, Settings)>>>);

impl SettingsCache {
    /// The settings, read again from `store` when the cached copy is older than a few seconds
    /// (the defaults if the store cannot be read).
    pub async fn get(&self, store: &Db) -> Settings {
        if let Some((at, s)) = &*self.0.read().await {
            if at.elapsed() < FRESH_FOR {
                return s.clone();
            }
        }
        match store.settings().await {
            Ok(s) => {
                *self.0.write().await = Some((Instant::now(), s.clone()));
                s
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot read the settings; using the defaults");
                Settings::default()
            }
        }
    }

    /// Forgets the cached copy (after the settings were saved).
    pub async fn forget(&self) {
        *self.0.write().await = None;
    }
}
