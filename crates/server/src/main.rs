use clap::Parser;
use portico_server::commands;
use portico_server::config::{Cli, Command, UserCommand};

// Rows, JSON and requests allocate and free across threads all the time; mimalloc does that
// with far less contention than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    init_logging();
    let cli = Cli::parse();
    let outcome = match cli.command {
        None => commands::serve(cli.serve).await,
        Some(Command::User(UserCommand::Create(args))) => commands::create_user(args).await,
        Some(Command::LoadData(args)) => commands::load_data(args).await,
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("portico: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Human-readable logs on a terminal; one JSON object per line with `PORTICO_LOG_FORMAT=json`,
/// for log collectors. `RUST_LOG` sets the levels.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx=warn".into());
    let logs = tracing_subscriber::fmt().with_env_filter(filter);
    if std::env::var("PORTICO_LOG_FORMAT").is_ok_and(|f| f == "json") {
        logs.json().init();
    } else {
        logs.with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
            .init();
    }
}
