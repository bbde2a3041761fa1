//! The read log: card views, denied attempts and a leaver's reads, queued by the request
//! handlers and written to the audit chain in batches by one background task, so auditing
//! a read costs the request a channel send instead of a write transaction.

use crate::guard::settings::SettingsCache;
use sprut_core::audit::NewAuditEvent;
use sprut_core::store::prelude::*;
use sprut_store::Db;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// Events per batch at most.
const BATCH: usize = 1000;
/// How long an event may wait for its batch.
const LINGER: Duration = Duration::from_millis(200);

enum Msg {
    Event(NewAuditEvent),
    Flush(oneshot::Sender<()>),
}

/// A handle to queue read events; cheap to clone.
#[derive(Clone)]
pub struct ReadLog {
    tx: Option<mpsc::Sender<Msg>>,
}

impl ReadLog {
    /// Starts the writer task on the current Tokio runtime.
    pub fn start(store: Arc<Db>, settings: SettingsCache) -> Self {
        let (tx, rx) = mpsc::channel(8 * BATCH);
        tokio::spawn(writer(store, settings, rx));
        Self { tx: Some(tx) }
    }

    /// A log that drops every event (only for measuring what auditing reads costs).
    pub fn disabled() -> Self {
        Self { tx: None }
    }

    /// Queues an event; waits only when the writer is far behind.
    pub async fn push(&self, event: NewAuditEvent) {
        if let Some(tx) = &self.tx {
            if tx.send(Msg::Event(event)).await.is_err() {
                tracing::error!("the read log writer has stopped; a read event was lost");
            }
        }
    }

    /// Writes everything queued so far and waits until it is stored.
    pub async fn flush(&self) {
        if let Some(tx) = &self.tx {
            let (done, wait) = oneshot::channel();
            if tx.send(Msg::Flush(done)).await.is_ok() {
                let _ = wait.await;
            }
        }
    }
}

/// Collects events into batches and writes each batch in one transaction; a failed batch is
/// logged and retried once with the next one.
async fn writer(store: Arc<Db>, settings: SettingsCache, mut rx: mpsc::Receiver<Msg>) {
    let mut batch: Vec<NewAuditEvent> = Vec::with_capacity(BATCH);
    let mut waiting: Vec<oneshot::Sender<()>> = Vec::new();
    loop {
        let msg = if batch.is_empty() {
            rx.recv().await
        } else {
            match tokio::time::timeout(LINGER, rx.recv()).await {
                Ok(m) => m,
                Err(_) => {
                    write(&store, &settings, &mut batch).await;
                    continue;
                }
            }
        };
        match msg {
            Some(Msg::Event(e)) => {
                batch.push(e);
                if batch.len() >= BATCH {
                    write(&store, &settings, &mut batch).await;
                }
            }
            Some(Msg::Flush(done)) => {
                waiting.push(done);
                write(&store, &settings, &mut batch).await;
                for w in waiting.drain(..) {
                    let _ = w.send(());
                }
            }
            None => {
                write(&store, &settings, &mut batch).await;
                return;
            }
        }
    }
}

async fn write(store: &Db, settings: &SettingsCache, batch: &mut Vec<NewAuditEvent>) {
    if batch.is_empty() {
        return;
    }
    let s = settings.get(store).await;
    match store.record_reads(batch, &s).await {
        Ok(()) => batch.clear(),
        Err(e) if batch.len() > 4 * BATCH => {
            tracing::error!(error = %e, dropped = batch.len(), "cannot write read events; dropping the oldest");
            batch.clear();
        }
        Err(e) => tracing::error!(error = %e, queued = batch.len(), "cannot write read events; will retry"),
    }
}
