//! `steady`: serve the web app, analyse text, manage users and configuration.

mod analyze_cmd;

use std::collections::HashMap;
use std::io::{BufRead, IsTerminal, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};
use steady_web::{Config, Server};

/// Steady: a private companion for relationship insecurity.
#[derive(Debug, Parser)]
#[command(name = "steady", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web app (creates the data folder, database and keys on first run).
    Serve(ServeArgs),
    /// Analyse a thought or a message: thinking traps, communication patterns, safety.
    Analyze(analyze_cmd::AnalyzeArgs),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Configuration helpers.
    #[command(subcommand)]
    Config(ConfigCommand),
}

#[derive(Debug, Args)]
struct Settings {
    /// Configuration file (TOML). Also STEADY_CONFIG.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Data folder for the SQLite database and master key. Also STEADY_DATA_DIR.
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ServeArgs {
    #[command(flatten)]
    settings: Settings,
    /// Address to listen on, such as 127.0.0.1:8080. Also STEADY_LISTEN.
    #[arg(long, value_name = "ADDR")]
    listen: Option<SocketAddr>,
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Create an account (works when sign-ups are closed). The password is read from the
    /// terminal without echo, or as one line from standard input.
    Add {
        /// Username.
        username: String,
        /// IANA time zone, such as Europe/Lisbon (default UTC).
        #[arg(long)]
        time_zone: Option<String>,
        #[command(flatten)]
        settings: Settings,
    },
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Print a commented configuration file with every setting and its default.
    Default,
}

fn load_config(settings: &Settings) -> anyhow::Result<Config> {
    let env: HashMap<String, String> = std::env::vars().collect();
    let mut config = Config::load(settings.config.as_deref(), &env)?;
    if let Some(dir) = &settings.data_dir {
        config.data_dir = dir.clone();
    }
    for name in Config::unknown_env_vars(&env) {
        eprintln!("warning: ignoring unknown environment variable {name}");
    }
    Ok(config)
}

fn init_logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let mut config = load_config(&args.settings)?;
    if let Some(listen) = args.listen {
        config.listen = listen;
    }
    init_logging(&config.log);
    tracing::info!(database = %config.database(), "starting");
    let server = Server::build(config).await?;
    let addr = server.local_addr();
    println!("Steady is running at http://{addr}/");
    std::io::stdout().flush()?;
    server.run(shutdown_signal()).await
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 10 characters): ")?;
        let second = rpassword::prompt_password("Same password again: ")?;
        anyhow::ensure!(first == second, "the two passwords differ");
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

async fn user(command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add {
            username,
            time_zone,
            settings,
        } => {
            let config = load_config(&settings)?;
            let password = read_password()?;
            let name =
                steady_web::add_user(&config, &username, password, time_zone.as_deref()).await?;
            println!("Created the account {name}.");
            Ok(())
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze_cmd::run(args),
        Command::Config(ConfigCommand::Default) => {
            print!("{}", Config::default_toml());
            Ok(())
        }
        Command::Serve(args) => run_async(serve(args)),
        Command::User(command) => run_async(user(command)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("steady: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run_async(future: impl std::future::Future<Output = anyhow::Result<()>>) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?
        .block_on(future)
}
