//! Structured logs via `tracing`. What is logged is ids, counts, routes,
//! status codes and timings: never request bodies, names, addresses or
//! other free text, because these are police and Veilig Thuis case files.

use tracing_subscriber::EnvFilter;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Compact,
    Json,
}

/// Installs the global subscriber; `RUST_LOG` overrides the default level.
/// Logs go to stderr so that stdout stays free for CLI output.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false);
    // A second init (tests) is harmless: keep whichever came first.
    let _ = match format {
        LogFormat::Compact => builder.compact().try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}
