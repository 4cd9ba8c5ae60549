//! What the user asked for on the command line, as plain options ([`args`]
//! holds what clap parses). Nothing past this module sees clap types.

mod args;

use std::path::PathBuf;

use clap::{Parser, ValueEnum};
use jiff::civil::Date;

use args::{Cli, CommandArgs};

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Like rustc: path:line:col, the line, a caret, help
    Human,
    /// One JSON array: path, line, column, severity, message, help
    Json,
    /// GitHub Actions annotations on stdout (`::error file=…,line=…,col=…::…`)
    Github,
}

/// CI services `cairn init --ci` writes a publishing recipe for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Ci {
    /// GitHub Actions to GitHub Pages
    Github,
    /// GitLab CI to GitLab Pages
    Gitlab,
}

impl Ci {
    /// The recipe's name in [`crate::recipes`].
    pub fn name(self) -> &'static str {
        match self {
            Ci::Github => "github",
            Ci::Gitlab => "gitlab",
        }
    }
}

/// What `cairn export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

/// What `cairn changes` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ChangesFormat {
    Markdown,
    Json,
}

/// Shells `cairn completions` writes for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

/// Options shared by `build` and `check`.
#[derive(Debug, Clone)]
pub struct Flags {
    pub portal: Option<PathBuf>,
    pub drafts: bool,
    pub public: bool,
    pub today: Option<Date>,
    pub deny_warnings: bool,
    pub format: Format,
    pub timings: bool,
    pub verbose: bool,
}

/// What the user asked for, validated.
#[derive(Debug, Clone)]
pub enum Command {
    /// `cairn init DIR`.
    Init { dir: PathBuf, ci: Option<Ci> },
    /// `cairn build`.
    Build {
        flags: Flags,
        output: Option<PathBuf>,
        base_url: Option<String>,
        force: bool,
    },
    /// `cairn check`.
    Check { flags: Flags },
    /// `cairn export`.
    Export {
        portal: Option<PathBuf>,
        public: bool,
        drafts: bool,
        today: Option<Date>,
        format: crate::export::Format,
        output: Option<PathBuf>,
    },
    /// `cairn completions SHELL`.
    Completions { shell: Shell },
    /// `cairn changes`.
    Changes {
        portal: Option<PathBuf>,
        since: String,
        format: ChangesFormat,
        public: bool,
        today: Option<Date>,
    },
    /// `cairn new KIND ID`.
    New {
        request: crate::scaffold::Request,
        portal: Option<PathBuf>,
        today: Option<Date>,
    },
    /// `cairn serve`.
    Serve {
        portal: Option<PathBuf>,
        port: u16,
        bind: std::net::IpAddr,
        open: bool,
        drafts: bool,
        today: Option<Date>,
    },
}

/// Parses the process arguments; prints help or usage errors and exits
/// (code 2) the way clap does.
pub fn parse() -> Command {
    match Cli::parse().command {
        CommandArgs::Init { dir, ci } => Command::Init { dir, ci },
        CommandArgs::Build {
            flags,
            output,
            base_url,
            force,
        } => Command::Build {
            flags: flags.into(),
            output,
            base_url,
            force,
        },
        CommandArgs::New {
            kind,
            id,
            title,
            parent,
            serves,
            with,
            audience,
            since,
            portal,
            today,
        } => Command::New {
            request: crate::scaffold::Request {
                kind,
                id,
                title,
                parent,
                serves,
                with,
                audience,
                since,
            },
            portal,
            today,
        },
        CommandArgs::Completions { shell } => Command::Completions { shell },
        CommandArgs::Changes {
            portal,
            since,
            format,
            public,
            today,
        } => Command::Changes {
            portal,
            since,
            format,
            public,
            today,
        },
        CommandArgs::Export {
            portal,
            public,
            drafts,
            today,
            format,
            output,
        } => Command::Export {
            portal,
            public,
            drafts,
            today,
            format: match format {
                ExportFormat::Json => crate::export::Format::Json,
                ExportFormat::Csv => crate::export::Format::Csv,
            },
            output,
        },
        CommandArgs::Check { flags } => Command::Check {
            flags: flags.into(),
        },
        CommandArgs::Serve {
            portal,
            port,
            bind,
            open,
            drafts,
            today,
        } => Command::Serve {
            portal,
            port,
            bind,
            open,
            drafts,
            today,
        },
    }
}

/// The clap definition, for completion scripts.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}
