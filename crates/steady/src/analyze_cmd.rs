//! `steady analyze`: a thin wrapper over `steady_analysis::cli`.
use std::io::{self, IsTerminal, Read, Write};

use clap::{Args, ValueEnum};
use steady_analysis::cli;

/// Output format of `steady analyze`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable report with the words highlighted (colour on a terminal).
    #[default]
    Text,
    /// One JSON object.
    Json,
    /// Read standard input line by line; write one JSON object per line.
    Jsonl,
}

/// Arguments of `steady analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Text to analyse (a thought or a message draft). Read from standard input when absent.
    pub text: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Runs `steady analyze`.
pub fn run(args: AnalyzeArgs) -> anyhow::Result<()> {
    let stdout = io::stdout();
    if args.format == Format::Jsonl {
        if args.text.is_some() {
            anyhow::bail!("--format jsonl reads standard input; do not pass TEXT");
        }
        cli::run_jsonl(io::stdin().lock(), stdout.lock())?;
        return Ok(());
    }
    let text = match args.text {
        Some(t) => t,
        None => {
            let mut s = String::new();
            io::stdin().read_to_string(&mut s)?;
            s
        }
    };
    let analysis = steady_analysis::analyze(&text);
    let mut out = stdout.lock();
    match args.format {
        Format::Json => writeln!(out, "{}", cli::to_json_string(&analysis))?,
        _ => write!(
            out,
            "{}",
            cli::render_text(&text, &analysis, stdout.is_terminal())
        )?,
    }
    Ok(())
}
