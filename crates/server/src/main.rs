//! `samenop-server`: the SamenOp sync backend and its operations CLI.

mod triage_cmd;
mod users;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use samenop_server::config::{Config, DatabaseConfig};
use samenop_server::telemetry::{self, LogFormat};
use samenop_server::{Application, demo};

#[derive(Parser)]
#[command(name = "samenop-server", version, about = "SamenOp sync backend and operations CLI")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate one Bijlage II triage: JSON on stdin, JSON on stdout.
    Triage,
    /// Run the sync backend.
    Serve(ServeArgs),
    /// Manage accounts.
    #[command(subcommand)]
    Users(users::UsersCommand),
    /// Retention: delete cases past the convenant's period.
    #[command(subcommand)]
    Retention(RetentionCommand),
    /// Recompute the read models (case list and board rows) from the
    /// stored events; prints how many cases.
    Reindex {
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand)]
enum RetentionCommand {
    /// Delete now every case declared "niet meer acuut" with no activity
    /// for --retention-days; prints how many.
    Run {
        #[command(flatten)]
        retention: RetentionArgs,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Args)]
struct RetentionArgs {
    /// Days after "niet meer acuut" (and the case's last activity) that a
    /// case is deleted from the server and the devices. No default: the
    /// regional convenant sets it; without it nothing is ever deleted.
    #[arg(long, env = "SAMENOP_RETENTION_DAYS", value_parser = clap::value_parser!(u32).range(1..))]
    retention_days: Option<u32>,
    /// Tests only: run the lead window's and retention's clock this many
    /// days ahead.
    #[arg(long, hide = true, default_value_t = 0)]
    clock_offset_days: i64,
}

impl RetentionArgs {
    fn period(&self) -> Option<samenop_core::retention::RetentionPeriod> {
        self.retention_days
            .map(|days| samenop_core::retention::RetentionPeriod { days })
    }

    fn offset(&self) -> chrono::Duration {
        chrono::Duration::try_days(self.clock_offset_days).unwrap_or_default()
    }
}

#[derive(Args)]
struct DbArgs {
    /// Directory for the embedded SQLite database.
    #[arg(long, env = "SAMENOP_DATA_DIR", default_value = "./samenop-data")]
    data_dir: PathBuf,
    /// PostgreSQL URL (postgres://…); when set, used instead of SQLite.
    #[arg(long, env = "SAMENOP_DATABASE_URL")]
    database_url: Option<String>,
}

impl DbArgs {
    fn database(&self) -> DatabaseConfig {
        DatabaseConfig::from_args(Path::new(&self.data_dir), self.database_url.as_deref())
    }
}

#[derive(Args)]
struct ServeArgs {
    /// Address to listen on; plain HTTP only on loopback.
    #[arg(long, env = "SAMENOP_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    #[command(flatten)]
    db: DbArgs,
    /// PEM certificate chain for TLS.
    #[arg(long, env = "SAMENOP_TLS_CERT")]
    tls_cert: Option<PathBuf>,
    /// PEM private key for TLS.
    #[arg(long, env = "SAMENOP_TLS_KEY")]
    tls_key: Option<PathBuf>,
    /// Seed a demo region, users and case (synthetic data) and print how to log in.
    #[arg(long)]
    demo: bool,
    /// With --demo: also seed a busy case of this many synthetic events.
    #[arg(long, requires = "demo", default_value_t = 0)]
    demo_busy_case: usize,
    /// Serve the field app's web build (scripts/build-web.sh → target/web) at `/`.
    #[arg(long, env = "SAMENOP_WEB_DIR")]
    web_dir: Option<PathBuf>,
    /// Hours after a case opened that police and Veilig Thuis join it
    /// without a written reason (later joins need one and are shown to
    /// the participants).
    #[arg(long, env = "SAMENOP_JOIN_WINDOW_HOURS", default_value_t = samenop_core::membership::DEFAULT_JOIN_WINDOW_HOURS as u64)]
    join_window: u64,
    /// Who makes the specialist risk analysis in eergerelateerd-geweld
    /// cases, as the summaries name it (default: a description of the
    /// successor of the unit MEP; set your region's exact name).
    #[arg(long, env = "SAMENOP_EGG_EXPERTISE_CENTRE")]
    egg_expertise_centre: Option<String>,
    /// Let shift leads and admins sign in without a second factor (TOTP).
    /// Off by default; `--demo` implies it for the synthetic demo accounts.
    #[arg(long, env = "SAMENOP_ALLOW_SINGLE_FACTOR_LEADS", default_value_t = false)]
    allow_single_factor_leads: bool,
    /// Log format.
    #[arg(long, env = "SAMENOP_LOG_FORMAT", value_enum, default_value = "compact")]
    log_format: LogFormat,
    /// Hours a phone may go without a successful sync before its vault
    /// refuses to open until the user signs in again online (issue 16 §2).
    #[arg(long, env = "SAMENOP_MAX_OFFLINE_HOURS", default_value_t = samenop_core::wire::DEFAULT_MAX_OFFLINE_HOURS, value_parser = clap::value_parser!(u32).range(1..))]
    max_offline_hours: u32,
    /// Hours a field phone keeps a handed-over case once everything of it
    /// is sent, counted from its last entry (0: it leaves at the next sync;
    /// the seeds set no period, the regional convenant may; issue 16 §2).
    #[arg(long, env = "SAMENOP_DEVICE_KEEP_HOURS", default_value_t = 0)]
    device_keep_hours: u32,
    /// A reverse proxy or load balancer (address or range, e.g. 10.0.0.5 or
    /// 10.0.0.0/24; repeat or comma-separate) whose `X-Forwarded-For` names
    /// the client. None by default: the header is then ignored.
    #[arg(long = "trusted-proxy", env = "SAMENOP_TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_proxy)]
    trusted_proxies: Vec<ipnet::IpNet>,
    /// A session unused this many minutes ends (besides its 12 h lifetime).
    #[arg(long, env = "SAMENOP_SESSION_IDLE_MINUTES", default_value_t = 240)]
    session_idle_minutes: u64,
    /// Logins per client address: this many at once …
    #[arg(long, env = "SAMENOP_LOGIN_IP_BURST", default_value_t = 30)]
    login_ip_burst: u32,
    /// … then this many a minute.
    #[arg(long, env = "SAMENOP_LOGIN_IP_PER_MINUTE", default_value_t = 60)]
    login_ip_per_minute: u32,
    /// Logins over all addresses: this many at once …
    #[arg(long, env = "SAMENOP_LOGIN_GLOBAL_BURST", default_value_t = 40)]
    login_global_burst: u32,
    /// … then this many a minute.
    #[arg(long, env = "SAMENOP_LOGIN_GLOBAL_PER_MINUTE", default_value_t = 1200)]
    login_global_per_minute: u32,
    /// How far (seconds) an event may be dated after the server's clock or
    /// before its case opened; at most 300, the drift devices follow.
    #[arg(long, env = "SAMENOP_CLOCK_TOLERANCE_SECS", default_value_t = 300)]
    clock_tolerance_secs: u64,
    /// Most events one case may hold.
    #[arg(long, env = "SAMENOP_MAX_CASE_EVENTS", default_value_t = 10_000)]
    max_case_events: usize,
    /// Days of activity a shift lead's case list and board cover; older
    /// cases only by an (audited) search.
    #[arg(long, env = "SAMENOP_LEAD_WINDOW_DAYS", default_value_t = samenop_core::retention::DEFAULT_LEAD_WINDOW_DAYS)]
    lead_window_days: u32,
    #[command(flatten)]
    retention: RetentionArgs,
    /// How often (seconds) `serve` runs retention, when --retention-days is set.
    #[arg(long, env = "SAMENOP_RETENTION_EVERY_SECS", default_value_t = 3600)]
    retention_every_secs: u64,
}

/// glibc's allocator, tuned for a small steady footprint: a fixed mmap
/// threshold returns large blocks (argon2's 7 MiB) to the OS when freed,
/// instead of keeping them in per-thread arenas; two arenas bound
/// fragmentation across the runtime's and SQLite's threads.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    const M_MMAP_THRESHOLD: i32 = -3;
    const M_ARENA_MAX: i32 = -8;
    unsafe extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    // SAFETY: mallopt only adjusts allocator parameters; called once at
    // start, before any other thread exists.
    unsafe {
        mallopt(M_MMAP_THRESHOLD, 256 * 1024);
        mallopt(M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}

fn main() -> ExitCode {
    tune_allocator();
    let cli = Cli::parse();
    match cli.command {
        Command::Triage => triage_cmd::run(),
        Command::Serve(args) => block_on(serve(args)),
        Command::Users(cmd) => block_on(users::run(cmd)),
        Command::Retention(RetentionCommand::Run { retention, db }) => block_on(retention_run(retention, db)),
        Command::Reindex { db } => block_on(reindex(db)),
    }
}

fn block_on(f: impl std::future::Future<Output = Result<(), String>>) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("samenop-server: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(f) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("samenop-server: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(args: ServeArgs) -> Result<(), String> {
    telemetry::init(args.log_format);
    let mut config = Config::new(args.listen, args.db.database())
        .with_tls(args.tls_cert, args.tls_key)
        .map_err(|e| e.to_string())?;
    config.demo = args.demo;
    config.require_second_factor = !args.allow_single_factor_leads;
    config.demo_busy_events = args.demo_busy_case;
    config.web_dir = args.web_dir;
    config.max_offline_hours = args.max_offline_hours;
    config.device_keep = samenop_core::retention::DeviceKeep {
        hours: args.device_keep_hours,
    };
    config.trusted_proxies = args.trusted_proxies;
    config.session_idle = std::time::Duration::from_secs(args.session_idle_minutes.max(1) * 60);
    config.login.ip_burst = args.login_ip_burst;
    config.login.ip_per_minute = args.login_ip_per_minute;
    config.login.global_burst = args.login_global_burst;
    config.login.global_per_minute = args.login_global_per_minute;
    config.join_window = std::time::Duration::from_secs(args.join_window.saturating_mul(3600));
    if let Some(centre) = args.egg_expertise_centre.filter(|c| !c.trim().is_empty()) {
        config.egg_expertise_centre = centre.trim().to_string();
    }
    config.limits.clock_tolerance = std::time::Duration::from_secs(args.clock_tolerance_secs);
    config.limits.max_case_events = args.max_case_events;
    config.lead_window_days = args.lead_window_days;
    config.retention = args.retention.period();
    config.retention_every = std::time::Duration::from_secs(args.retention_every_secs);
    config.clock_offset = args.retention.offset();
    let app = Application::build(config).await.map_err(|e| e.to_string())?;
    if args.demo {
        println!("{}", demo::banner(&app.base_url()));
    }
    tracing::info!(addr = %app.local_addr(), "listening");
    app.run_until_stopped().await.map_err(|e| e.to_string())
}

async fn reindex(db: DbArgs) -> Result<(), String> {
    use samenop_server::storage;
    let db = storage::Db::connect(&db.database()).await.map_err(|e| e.to_string())?;
    storage::migrate::run(&db).await.map_err(|e| e.to_string())?;
    // No pulls wait on this process: its change counter has no listeners.
    let (writer, task) = storage::writer::Writer::spawn(db.clone(), storage::changes::Changes::new());
    let n = storage::read_models::reindex(&db, &writer)
        .await
        .map_err(|e| e.to_string())?;
    drop(writer);
    task.await.map_err(|e| e.to_string())?;
    println!("{n} casus(sen) herberekend / case(s) reindexed");
    db.close().await;
    Ok(())
}

async fn retention_run(args: RetentionArgs, db: DbArgs) -> Result<(), String> {
    let period = args
        .period()
        .ok_or("--retention-days is required: the regional convenant sets the period")?;
    let db = samenop_server::storage::Db::connect(&db.database())
        .await
        .map_err(|e| e.to_string())?;
    samenop_server::storage::migrate::run(&db)
        .await
        .map_err(|e| e.to_string())?;
    let now = chrono::Utc::now() + args.offset();
    let purged = samenop_server::retention::run(&db, period, now)
        .await
        .map_err(|e| e.to_string())?;
    println!("{purged} casus(sen) verwijderd / case(s) deleted");
    db.close().await;
    Ok(())
}

/// An address (one host) or a range in CIDR notation.
fn parse_proxy(text: &str) -> Result<ipnet::IpNet, String> {
    let text = text.trim();
    text.parse::<ipnet::IpNet>()
        .or_else(|_| text.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        .map_err(|_| format!("`{text}` is not an address or range (e.g. 10.0.0.5 or 10.0.0.0/24)"))
}
