//! `samenop-server`: the SamenOp sync backend and its operations CLI.

mod triage_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Triage => triage_cmd::run(),
    }
}
