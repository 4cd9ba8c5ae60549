//! The command line as clap parses it: every command, flag and help text.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use jiff::civil::Date;

use super::{ChangesFormat, Ci, ExportFormat, Flags, Format, Shell};

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
pub(super) struct Cli {
    #[command(subcommand)]
    pub(super) command: CommandArgs,
}

#[derive(Subcommand, Debug)]
pub(super) enum CommandArgs {
    /// Create a starter portal (a vision with two goals, three stakeholders, a decision and a small backlog)
    #[command(
        after_help = "Examples:\n  cairn init my-portal && cairn serve my-portal\n  cairn init my-portal --ci github   with .github/workflows/publish.yml (GitHub Pages)"
    )]
    Init {
        /// Folder to create; must not exist or be empty
        dir: PathBuf,
        /// Also write the publishing workflow for this CI (see docs/publishing.md)
        #[arg(long, value_enum)]
        ci: Option<Ci>,
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
        flags: FlagArgs,
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
    /// Start a document: the right folder, front matter that builds, optional keys as comments
    #[command(after_help = "\
Examples:
  cairn new story csv-import --parent guided-setup --with dana
  cairn new idea self-serve --serves activation --title \"Self-serve onboarding\"
  cairn new update november            dated today (--today or SOURCE_DATE_EPOCH)
  cairn new update december --since last   starts with what changed since the last update

`--with` fills `requested_by` of a backlog item and `decided_by` of a decision.
Every id given is checked against the portal. An update is published, so
`--since` lists what a public build shows: never a private document, a
conversation or a draft; its links are `@/` links, checked by every build.")]
    New {
        /// What to write
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(crate::scaffold::blueprints::names()))]
        kind: String,
        /// The new document's id (its file name): lowercase letters, digits and `-`
        id: String,
        /// Its title (a stakeholder's name) [default: from the id]
        #[arg(long)]
        title: Option<String>,
        /// The backlog item above it (mmf, story)
        #[arg(long, value_name = "ITEM")]
        parent: Option<String>,
        /// Goal ids it serves (backlog items, decisions)
        #[arg(long, value_name = "GOAL", num_args = 1..)]
        serves: Vec<String>,
        /// Stakeholder ids involved: who asked for an item, who decided a decision, who took part in a conversation
        #[arg(long, value_name = "STAKEHOLDER", num_args = 1..)]
        with: Vec<String>,
        /// Stakeholder ids an update is for
        #[arg(long, value_name = "STAKEHOLDER", num_args = 1..)]
        audience: Vec<String>,
        /// Start an update's body with what changed since a date YYYY-MM-DD, a git revision, or `last` (the newest update's date): what a public build shows, never private documents or conversations
        #[arg(long, value_name = "REV|DATE")]
        since: Option<String>,
        /// Portal folder, holding cairn.toml [default: the nearest one upward from here]
        #[arg(long, value_name = "PORTAL")]
        portal: Option<PathBuf>,
        /// The date an update, a decision or a conversation gets, YYYY-MM-DD [default: $SOURCE_DATE_EPOCH, else today]
        #[arg(long, value_name = "DATE", value_parser = crate::today::parse_date)]
        today: Option<Date>,
    },
    /// Export the portal as data: one JSON document, or one CSV file per kind
    #[command(after_help = "\
Examples:
  cairn export -o portal.json                 every document and what the portal derives
  cairn export --format csv -o sheets/        backlog.csv, decisions.csv, stakeholders.csv, ...
  cairn export --public -o public.json        only what a public build shows, leak-scanned

The JSON's shape is docs/export.schema.json in cairn's repository.")]
    Export {
        /// Portal folder, holding cairn.toml [default: the nearest one upward from here]
        portal: Option<PathBuf>,
        /// What a public build shows and nothing more (scanned for private text)
        #[arg(long)]
        public: bool,
        /// Include documents marked `draft = true`
        #[arg(long)]
        drafts: bool,
        /// Date to judge overdue contacts against, YYYY-MM-DD [default: $SOURCE_DATE_EPOCH, else today]
        #[arg(long, value_name = "DATE", value_parser = crate::today::parse_date)]
        today: Option<Date>,
        /// JSON (one document) or CSV (one file per kind)
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// The JSON file [default: standard output], or the folder for the CSV files
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// Print what changed since a date or a revision, from the portal's git history
    #[command(after_help = "\
Examples:
  cairn changes --since 2026-11-01               changes on or after that day, as Markdown
  cairn changes --since v1.2 --format json       changes committed after that revision
  cairn changes --since last                     changes on or after the newest update's date
  cairn changes my-portal --since HEAD~10 --public   only what a public build shows

Grouped by week, newest first: ready to paste into the next stakeholder update.")]
    Changes {
        /// Portal folder, holding cairn.toml [default: the nearest one upward from here]
        portal: Option<PathBuf>,
        /// A date YYYY-MM-DD, a git revision (commit id, tag, branch, HEAD~3), or `last`: since the newest update's date
        #[arg(long, value_name = "REV|DATE")]
        since: String,
        /// Markdown (for an update) or JSON
        #[arg(long, value_enum, default_value_t = ChangesFormat::Markdown)]
        format: ChangesFormat,
        /// Only what a public build shows
        #[arg(long)]
        public: bool,
        /// The build date, YYYY-MM-DD: the date of uncommitted edits [default: $SOURCE_DATE_EPOCH, else today]
        #[arg(long, value_name = "DATE", value_parser = crate::today::parse_date)]
        today: Option<Date>,
    },
    /// Print a shell completion script
    #[command(after_help = "\
Examples:
  cairn completions bash > ~/.local/share/bash-completion/completions/cairn
  cairn completions zsh > ~/.zfunc/_cairn        (with fpath+=~/.zfunc before compinit)
  cairn completions fish > ~/.config/fish/completions/cairn.fish
  cairn completions powershell >> $PROFILE")]
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Check the portal and report every problem, writing nothing
    #[command(after_help = "\
Examples:
  cairn check                        check the portal around the current folder
  cairn check my-portal --format json  one JSON array of problems, for editors and CI
  cairn check --format github          annotations on a pull request's lines (GitHub Actions)")]
    Check {
        #[command(flatten)]
        flags: FlagArgs,
    },
}

#[derive(clap::Args, Debug)]
pub(super) struct FlagArgs {
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

impl From<FlagArgs> for Flags {
    fn from(a: FlagArgs) -> Self {
        Flags {
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
