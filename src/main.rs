//! The `cairn` binary: parses arguments, runs the pipeline, prints what it
//! found, and decides the exit code (0 success, 1 content errors, 2 usage
//! or I/O problems). Nothing else in the crate exits or prints diagnostics.

use std::io::Write;
use std::process::ExitCode;

use cairn::cli::{self, Command, Flags, Format};
use cairn::diagnostics::{self, Severity};
use cairn::error::Error;
use cairn::format::count;
use cairn::pipeline::{self, Options, Run, Target};
use cairn::{export, health, init, load, scaffold, serve, today};

// A build allocates millions of small strings from two threads; mimalloc
// does that measurably faster than the system allocator. Its v2 series
// (the `v2` feature), as fast here as v3, gives freed pages back sooner:
// ~40 MiB less at the peak of a 10,000-item build (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let command = cli::parse();
    // A panic is a bug of ours; the user gets one clear line, not a trace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "error: internal error in cairn: {info}\n  help: this is a bug; please report it with the portal that caused it"
        );
    }));
    match std::panic::catch_unwind(|| execute(command)) {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => {
            eprintln!("error: {}", diagnostics::escape(&e.to_string()));
            ExitCode::from(2)
        }
        Err(_) => ExitCode::from(2),
    }
}

fn execute(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Init { dir, ci } => {
            let recipe = init::create_with_ci(&dir, ci.map(cli::Ci::name))?;
            println!("{}", init::next_steps(&dir));
            if let Some(path) = recipe {
                println!(
                    "\nPublishing: {}/{path} builds and publishes the portal on every push;\nset CAIRN_GIT in it to where your team gets cairn (docs/publishing.md in cairn's repository).",
                    dir.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            portal,
            public,
            drafts,
            today,
            format,
            output,
        } => {
            if format == export::Format::Csv && output.is_none() {
                return Err(Error::Usage(
                    "a CSV export is one file per kind: name a folder for them with `-o FOLDER`"
                        .into(),
                ));
            }
            let options = Options {
                root: load::find_root(portal.as_deref())?,
                include_drafts: drafts,
                public,
                today: today::build_date(today)?,
                base_url: None,
            };
            let exported = export::run(&options, format)?;
            let d = &exported.diagnostics;
            if !d.is_empty() {
                let text = diagnostics::to_text(d, &exported.sources, diagnostics::use_color());
                let _ = std::io::stderr().write_all(&text);
            }
            let Some(files) = &exported.files else {
                return Ok(exit(true));
            };
            for path in export::write(files, format, output.as_deref())? {
                eprintln!("wrote {}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Changes {
            portal,
            since,
            format,
            public,
            today,
        } => {
            let options = Options {
                root: load::find_root(portal.as_deref())?,
                include_drafts: false,
                public,
                today: today::build_date(today)?,
                base_url: None,
            };
            let digest = cairn::history::digest::run(&options, &since, format)?;
            if !digest.diagnostics.is_empty() {
                let text = diagnostics::to_text(
                    &digest.diagnostics,
                    &digest.sources,
                    diagnostics::use_color(),
                );
                let _ = std::io::stderr().write_all(&text);
            }
            match digest.text {
                Some(text) => {
                    let _ = std::io::stdout().write_all(text.as_bytes());
                    Ok(ExitCode::SUCCESS)
                }
                None => Ok(exit(true)),
            }
        }
        Command::Completions { shell } => {
            cairn::completions::write(shell, &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::New {
            request,
            portal,
            today,
        } => {
            let root = load::find_root(portal.as_deref())?;
            let path = scaffold::create(&root, &request, today::build_date(today)?)?;
            println!("{path}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            portal,
            port,
            bind,
            open,
            drafts,
            today,
        } => {
            let root = load::find_root(portal.as_deref())?;
            let options = serve::ServeOptions {
                build: Options {
                    root,
                    include_drafts: drafts,
                    public: false,
                    today: today::build_date(today)?,
                    base_url: None,
                },
                bind,
                port,
                open,
            };
            serve::serve(options)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { flags } => {
            let run = run_pipeline(&flags, None, &Target::Check)?;
            let failed = report(&run, &flags, true);
            if !failed && flags.format == Format::Human {
                eprintln!("{}", summary_line(&run, "checked"));
            }
            leave(run);
            Ok(exit(failed))
        }
        Command::Build {
            flags,
            output,
            base_url,
            force,
        } => {
            // Ctrl-C, SIGTERM or SIGHUP: the staging folder goes, a swap
            // under way ends first, and the previous output stays whole.
            ctrlc::set_handler(|| {
                cairn::write::interrupted();
                eprintln!("\ninterrupted: the staging folder is removed; the output is whole");
                std::process::exit(130);
            })
            .map_err(|e| Error::Usage(format!("cannot handle Ctrl-C: {e}")))?;
            let target = Target::Folder {
                flag: output,
                force,
                deny_warnings: flags.deny_warnings,
            };
            let run = run_pipeline(&flags, base_url, &target)?;
            let failed = report(&run, &flags, false);
            let written = run.site.as_ref().and_then(|s| s.written.as_ref());
            let (Some((out, written)), false) = (written, failed) else {
                leave(run);
                return Ok(exit(true));
            };
            if flags.format == Format::Human {
                eprintln!(
                    "{} into {} ({} written, {} unchanged)",
                    summary_line(&run, "built"),
                    out.display(),
                    count(written.written, "file"),
                    written.unchanged
                );
            }
            leave(run);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn run_pipeline(flags: &Flags, base_url: Option<String>, target: &Target) -> Result<Run, Error> {
    let root = load::find_root(flags.portal.as_deref())?;
    let options = Options {
        root: root.clone(),
        include_drafts: flags.drafts,
        public: flags.public,
        today: today::build_date(flags.today)?,
        base_url,
    };
    let run = pipeline::run(&options, target)?;
    if flags.timings {
        for (stage, took) in &run.timings {
            eprintln!("  {stage:<8} {:>8.1} ms", took.as_secs_f64() * 1000.0);
        }
    }
    Ok(run)
}

/// Prints the diagnostics; returns whether the run failed.
fn report(run: &Run, flags: &Flags, list_health: bool) -> bool {
    let d = &run.diagnostics;
    let failed = d.has_errors()
        || (flags.deny_warnings && d.count(Severity::Warning) > 0)
        || run.site.is_none();
    match flags.format {
        Format::Json | Format::Github => {
            let mut all = diagnostics::Diagnostics::default();
            all.extend(d.iter().cloned());
            all.extend(run.health.iter().map(|f| {
                let path = f
                    .path
                    .as_deref()
                    .map_or("cairn.toml".to_string(), |p| format!("content/{p}"));
                diagnostics::Diagnostic::note_at_path(
                    f.message.clone(),
                    cairn::source::display_path(&run.root, &path),
                )
            }));
            if flags.format == Format::Json {
                println!("{}", diagnostics::to_json(&all, &run.sources));
            } else {
                print!("{}", cairn::annotations::to_github(&all, &run.sources));
            }
        }
        Format::Human => {
            if !d.is_empty() {
                let text = diagnostics::to_text(d, &run.sources, diagnostics::use_color());
                let _ = std::io::stderr().write_all(&text);
            }
            if flags.deny_warnings && !d.has_errors() && d.count(Severity::Warning) > 0 {
                eprintln!("error: warnings are denied (--deny-warnings)");
            }
            print_health(run, flags.verbose || list_health);
        }
    }
    failed
}

/// Portal health: not problems in the content, so a build counts them in
/// one line (a large portal has hundreds); `check` and `--verbose` list each.
fn print_health(run: &Run, list: bool) {
    if run.health.is_empty() {
        return;
    }
    let summary = health::summary(&run.health);
    // A public build keeps the findings off its pages unless `[public]`
    // says otherwise; the terminal is the team's either way.
    let on_pages = run.site.as_ref().is_some_and(|s| s.portal.shows.health);
    let where_ = if on_pages {
        "on the home page"
    } else {
        "not shown on the pages of this public build"
    };
    if !list {
        eprintln!(
            "note: portal health: {summary} ({where_}; `--verbose` or `cairn check` lists each)"
        );
        return;
    }
    if on_pages {
        eprintln!("note: portal health: {summary}");
    } else {
        eprintln!("note: portal health: {summary} ({where_})");
    }
    // Findings quote content (names, titles): escaped like diagnostics.
    for f in &run.health {
        let message = diagnostics::escape(&f.message);
        match &f.path {
            Some(path) => eprintln!(
                "  - {message} ({})",
                diagnostics::escape(&cairn::source::display_path(
                    &run.root,
                    &format!("content/{path}")
                ))
            ),
            None => eprintln!("  - {message}"),
        }
    }
}

fn summary_line(run: &Run, verb: &str) -> String {
    match &run.site {
        Some(site) => {
            let p = &site.portal;
            format!(
                "{verb} {}: {}, {}, {}, {}, {}; {}",
                diagnostics::escape(&p.config.title),
                count(p.goals.len(), "goal"),
                count(p.items.len(), "backlog item"),
                count(p.decisions.len(), "decision"),
                count(p.stakeholders.len(), "stakeholder"),
                count(p.updates.len(), "update"),
                count(site.pages, "page")
            )
        }
        None => format!("{verb} with errors"),
    }
}

/// Leaves a finished run to the operating system: freeing a large portal
/// piece by piece just before exiting takes longer than the exit itself.
fn leave(run: Run) {
    std::mem::forget(run);
}

fn exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
