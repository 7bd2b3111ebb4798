//! `samenop-server users …`: accounts and their sessions from the command
//! line (`samenop_server::users_cmd` does the work).

use clap::Subcommand;
use samenop_server::users_cmd;

use crate::DbArgs;

#[derive(Subcommand)]
pub enum UsersCommand {
    /// Add an account; the password is the first line of stdin.
    Add {
        #[arg(long)]
        username: String,
        #[arg(long)]
        display_name: String,
        /// police, veilig_thuis, …
        #[arg(long)]
        organisation: String,
        /// police, veilig_thuis, shift_lead or admin.
        #[arg(long)]
        role: String,
        /// Werkgebied, e.g. Testregio.
        #[arg(long)]
        region: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Disable an account and end its sessions.
    Disable {
        #[arg(long)]
        username: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Enable a disabled account again.
    Enable {
        #[arg(long)]
        username: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Set a new password (first line of stdin); ends every session of the account.
    SetPassword {
        #[arg(long)]
        username: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// List an account's live sessions: device, created, last used, expires.
    Sessions {
        #[arg(long)]
        username: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// End an account's sessions on one device, or all of them.
    Revoke {
        #[arg(long)]
        username: String,
        /// The device id as `users sessions` shows it; without it, every session.
        #[arg(long)]
        device: Option<String>,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Revoke one device of an account (lost or stolen): its sessions end and
    /// at its next contact the app is told so and wipes its vault. The
    /// account's other devices keep working.
    RevokeDevice {
        #[arg(long)]
        username: String,
        /// The device id as `users sessions` shows it.
        #[arg(long)]
        device: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Enrol an account for a TOTP second factor; prints the secret and otpauth URL.
    TotpEnroll {
        #[arg(long)]
        username: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// List accounts.
    List {
        #[command(flatten)]
        db: DbArgs,
    },
}

pub async fn run(cmd: UsersCommand) -> Result<(), String> {
    let out = match cmd {
        UsersCommand::Add {
            username,
            display_name,
            organisation,
            role,
            region,
            db,
        } => {
            users_cmd::add(
                &db.database(),
                users_cmd::NewUser {
                    username,
                    display_name,
                    organisation,
                    role,
                    region,
                },
            )
            .await?
        }
        UsersCommand::Disable { username, db } => users_cmd::disable(&db.database(), &username).await?,
        UsersCommand::Enable { username, db } => users_cmd::enable(&db.database(), &username).await?,
        UsersCommand::SetPassword { username, db } => users_cmd::set_password(&db.database(), &username).await?,
        UsersCommand::Sessions { username, db } => users_cmd::sessions(&db.database(), &username).await?,
        UsersCommand::Revoke { username, device, db } => {
            users_cmd::revoke(&db.database(), &username, device.as_deref()).await?
        }
        UsersCommand::RevokeDevice { username, device, db } => {
            users_cmd::revoke_device(&db.database(), &username, &device).await?
        }
        UsersCommand::TotpEnroll { username, db } => users_cmd::totp_enroll(&db.database(), &username).await?,
        UsersCommand::List { db } => users_cmd::list(&db.database()).await?,
    };
    print!("{out}");
    if !out.ends_with('\n') {
        println!();
    }
    Ok(())
}
