//! Serving the application over TCP, with graceful shutdown on Ctrl-C and SIGTERM.

use crate::state::AppState;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// Binds `listen` (port 0 picks a free port) and returns the listener and its real address.
pub async fn bind(listen: SocketAddr) -> std::io::Result<(TcpListener, SocketAddr)> {
    let listener = TcpListener::bind(listen).await?;
    let addr = listener.local_addr()?;
    Ok((listener, addr))
}

/// Serves the application on `listen` (and `/metrics` alone on `metrics`, when given) until
/// Ctrl-C or SIGTERM, then finishes open requests.
pub async fn serve(state: AppState, listen: SocketAddr, metrics: Option<SocketAddr>) -> std::io::Result<()> {
    let (listener, addr) = bind(listen).await?;
    tracing::info!("listening on http://{addr}");
    let metrics = match metrics {
        Some(at) => {
            let (listener, addr) = bind(at).await?;
            tracing::info!("metrics on http://{addr}/metrics");
            let router = crate::metrics::router(state.clone());
            Some(tokio::spawn(async move { axum::serve(listener, router).await }))
        }
        None => None,
    };
    let jobs = crate::jobs::spawn(state.clone());
    let mail = match state.mailer.clone() {
        Some(mailer) => Some(crate::mail::spawn(state.clone(), mailer)),
        None => {
            tracing::warn!("mail: no --smtp and --mail-from; letters wait in the outbox as pending");
            None
        }
    };
    let reads = state.reads.clone();
    let store = state.store.clone();
    serve_on(listener, state, shutdown_signal()).await?;
    jobs.abort();
    if let Some(metrics) = metrics {
        metrics.abort();
    }
    if let Some(mail) = mail {
        mail.abort();
    }
    reads.flush().await;
    // A SQLite base is left as one whole file, its write-ahead log folded in.
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Serves the application on an already bound `listener` until `shutdown` completes.
pub async fn serve_on(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = crate::app(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await
}

/// Starts the application on a free port of 127.0.0.1 in the background (for tests).
///
/// Returns the address to call and the task serving it; abort the task to stop.
pub async fn spawn(state: AppState) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let (listener, addr) = bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
    let task = tokio::spawn(async move {
        if let Err(e) = serve_on(listener, state, std::future::pending()).await {
            tracing::error!(error = %e, "test server stopped");
        }
    });
    Ok((addr, task))
}

/// Completes on Ctrl-C, or on SIGTERM where there are Unix signals.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("Ctrl-C: shutting down"),
        () = terminate => tracing::info!("SIGTERM: shutting down"),
    }
}
