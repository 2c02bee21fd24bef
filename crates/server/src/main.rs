use clap::Parser;
use portico_server::commands;
use portico_server::config::{Cli, Command, UserCommand};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=info".into()),
        )
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    let cli = Cli::parse();
    let outcome = match cli.command {
        None => commands::serve(cli.serve).await,
        Some(Command::User(UserCommand::Create(args))) => commands::create_user(args).await,
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("portico: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}
