//! Command-line arguments, and their validation into plain options. Nothing
//! past this module sees clap types.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

const ABOUT: &str =
    "Publish a product vision: Markdown and TOML in git, checked and rendered to a static portal.";

const AFTER: &str = "\
Examples:
  cairn init my-portal              create a starter portal in my-portal/
  cairn serve my-portal             see it in a browser, reloading as you edit
  cairn check my-portal             report every problem in the content
  cairn build my-portal             render it to my-portal/public/

Every key of every document and of cairn.toml: docs/reference.md in cairn's source.

Exit codes: 0 success, 1 the content has errors, 2 usage or I/O problems.";

/// Raw arguments as clap parses them.
#[derive(Parser, Debug)]
#[command(name = "cairn", version, about = ABOUT, after_help = AFTER, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: CommandArgs,
}

#[derive(Subcommand, Debug)]
enum CommandArgs {
    /// Create a starter portal (a vision with two goals, three stakeholders, a decision and a small backlog)
    #[command(after_help = "Example:\n  cairn init my-portal && cairn serve my-portal")]
    Init {
        /// Folder to create; must not exist or be empty
        dir: PathBuf,
    },
    /// Check the portal and render it to a folder of static HTML
    #[command(after_help = "\
Examples:
  cairn build                          build the portal around the current folder into public/
  cairn build content-example -o site  build into ./site
  cairn build --today 2026-11-22       judge overdue contacts as of that date (reproducible)
  cairn build --public -o site         a build for outside readers: no private content at all

The site is written to a staging folder and swapped in only when the build
succeeds: a failed build leaves the previous output as it was.")]
    Build {
        #[command(flatten)]
        common: CommonArgs,
        /// Output folder [default: `[build] output` of cairn.toml, else PORTAL/public]
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Absolute URL the portal will be published at (overrides cairn.toml)
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Replace the output folder even if it holds files cairn did not write
        #[arg(long)]
        force: bool,
    },
    /// Serve the portal from memory and reload open pages on every save
    #[command(after_help = "\
Examples:
  cairn serve                          serve the portal around the current folder at http://127.0.0.1:1111/
  cairn serve content-example --open   and open it in the browser

Edits to content, templates, static files and cairn.toml rebuild at once;
errors show over the page while the last good build stays served. Nothing
is written to the output folder.")]
    Serve {
        /// Portal folder, holding cairn.toml [default: the nearest one upward from here]
        portal: Option<PathBuf>,
        /// Port to listen on (the next free one if it is taken)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; anything but loopback exposes the portal to your network
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the portal in a browser
        #[arg(long)]
        open: bool,
        /// Include documents marked `draft = true`
        #[arg(long)]
        drafts: bool,
        /// Date to judge overdue conversations against, YYYY-MM-DD [default: $SOURCE_DATE_EPOCH, else today]
        #[arg(long, value_name = "DATE", value_parser = crate::today::parse_date)]
        today: Option<Date>,
    },
    /// Check the portal and report every problem, writing nothing
    #[command(after_help = "\
Examples:
  cairn check                        check the portal around the current folder
  cairn check my-portal --format json  one JSON array of problems, for editors and CI")]
    Check {
        #[command(flatten)]
        common: CommonArgs,
    },
}

#[derive(clap::Args, Debug)]
struct CommonArgs {
    /// Portal folder, holding cairn.toml [default: the nearest one upward from here]
    portal: Option<PathBuf>,
    /// Include documents marked `draft = true`
    #[arg(long)]
    drafts: bool,
    /// Leave out documents marked `private = true` and stakeholders' motivations, risks and notes
    #[arg(long)]
    public: bool,
    /// Date to judge overdue conversations against, YYYY-MM-DD [default: $SOURCE_DATE_EPOCH, else today]
    #[arg(long, value_name = "DATE", value_parser = crate::today::parse_date)]
    today: Option<Date>,
    /// Fail when there are warnings, not only errors
    #[arg(long)]
    deny_warnings: bool,
    /// How to print problems
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Print how long each stage took
    #[arg(long)]
    timings: bool,
    /// List every portal-health finding, not only their count (`check` always lists them)
    #[arg(short, long)]
    verbose: bool,
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Like rustc: path:line:col, the line, a caret, help
    Human,
    /// One JSON array: path, line, column, severity, message, help
    Json,
}

/// Options shared by `build` and `check`.
#[derive(Debug, Clone)]
pub struct Common {
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
    Init { dir: PathBuf },
    /// `cairn build`.
    Build {
        common: Common,
        output: Option<PathBuf>,
        base_url: Option<String>,
        force: bool,
    },
    /// `cairn check`.
    Check { common: Common },
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

impl From<CommonArgs> for Common {
    fn from(a: CommonArgs) -> Self {
        Common {
            portal: a.portal,
            drafts: a.drafts,
            public: a.public,
            today: a.today,
            deny_warnings: a.deny_warnings,
            format: a.format,
            timings: a.timings,
            verbose: a.verbose,
        }
    }
}

/// Parses the process arguments; prints help or usage errors and exits
/// (code 2) the way clap does.
pub fn parse() -> Command {
    match Cli::parse().command {
        CommandArgs::Init { dir } => Command::Init { dir },
        CommandArgs::Build {
            common,
            output,
            base_url,
            force,
        } => Command::Build {
            common: common.into(),
            output,
            base_url,
            force,
        },
        CommandArgs::Check { common } => Command::Check {
            common: common.into(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
