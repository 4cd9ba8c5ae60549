//! The `cairn` binary: parses arguments, runs the pipeline, prints what it
//! found, and decides the exit code (0 success, 1 content errors, 2 usage
//! or I/O problems). Nothing else in the crate exits or prints diagnostics.

use std::io::Write;
use std::process::ExitCode;

use cairn::build::{self, Options, Run, Target};
use cairn::cli::{self, Command, Common, Format};
use cairn::diagnostics::{self, Severity};
use cairn::error::Error;
use cairn::{init, load, serve, today};

// A build allocates millions of small strings from two threads; mimalloc
// does that measurably faster than the system allocator. Its v2 series
// (the `v2` feature), as fast here as v3, gives freed pages back sooner:
// ~40 MiB less at the peak of a 10,000-item build (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`, by its place in the options of its
/// v2 `mimalloc.h` (`libmimalloc-sys` has no name for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Freed pages go back to the system 1 ms after they are freed instead
    // of 10: the peak of a 10,000-item build is 10 MiB lower (139 → 129
    // MiB) at no measurable cost in time (BENCHMARKS.md, ninth session).
    // SAFETY: sets a number mimalloc reads when it next purges; every
    // value is valid and nothing else is touched.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 1) };
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
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
        Err(_) => ExitCode::from(2),
    }
}

fn execute(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Init { dir } => {
            init::create(&dir)?;
            println!(
                "Created a starter portal in {0}/\n\nNext:\n  cairn check {0}    see that it is sound\n  cairn build {0}    render it to {0}/public/",
                dir.display()
            );
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
        Command::Check { common } => {
            let run = run_pipeline(&common, None, &Target::Check)?;
            let failed = report(&run, &common);
            if !failed && common.format == Format::Human {
                eprintln!("{}", summary_line(&run, "checked"));
            }
            leave(run);
            Ok(exit(failed))
        }
        Command::Build {
            common,
            output,
            base_url,
            force,
        } => {
            let target = Target::Folder {
                flag: output,
                force,
                deny_warnings: common.deny_warnings,
            };
            let run = run_pipeline(&common, base_url, &target)?;
            let failed = report(&run, &common);
            let written = run.site.as_ref().and_then(|s| s.written.as_ref());
            let (Some((out, written)), false) = (written, failed) else {
                leave(run);
                return Ok(exit(true));
            };
            if common.format == Format::Human {
                eprintln!(
                    "{} into {} ({} files written, {} unchanged)",
                    summary_line(&run, "built"),
                    out.display(),
                    written.written,
                    written.unchanged
                );
            }
            leave(run);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn run_pipeline(common: &Common, base_url: Option<String>, target: &Target) -> Result<Run, Error> {
    let root = load::find_root(common.portal.as_deref())?;
    let options = Options {
        root: root.clone(),
        include_drafts: common.drafts,
        public: common.public,
        today: today::build_date(common.today)?,
        base_url,
    };
    let run = build::run(&options, target)?;
    if common.timings {
        for (stage, took) in &run.timings {
            eprintln!("  {stage:<8} {:>8.1} ms", took.as_secs_f64() * 1000.0);
        }
    }
    Ok(run)
}

/// Prints the diagnostics; returns whether the run failed.
fn report(run: &Run, common: &Common) -> bool {
    let d = &run.diagnostics;
    let failed = d.has_errors()
        || (common.deny_warnings && d.count(Severity::Warning) > 0)
        || run.site.is_none();
    match common.format {
        Format::Json => {
            let mut all = diagnostics::Diagnostics::default();
            all.extend(d.iter().cloned());
            all.extend(run.health.iter().map(|f| {
                let path = f
                    .path
                    .as_deref()
                    .map_or("cairn.toml".to_string(), |p| format!("content/{p}"));
                diagnostics::Diagnostic::note_at_path(
                    f.message.clone(),
                    load::display_path(&run.root, &path),
                )
            }));
            println!("{}", diagnostics::to_json(&all, &run.sources));
        }
        Format::Human => {
            if !d.is_empty() {
                let text = diagnostics::to_text(d, &run.sources, diagnostics::use_color());
                let _ = std::io::stderr().write_all(&text);
            }
            if common.deny_warnings && !d.has_errors() && d.count(Severity::Warning) > 0 {
                eprintln!("error: warnings are denied (--deny-warnings)");
            }
            print_health(run);
        }
    }
    failed
}

/// Portal health, compactly: these are not problems in the content.
fn print_health(run: &Run) {
    const SHOWN: usize = 12;
    if run.health.is_empty() {
        return;
    }
    // A public build keeps the findings off its pages unless `[public]`
    // says otherwise; the terminal is the team's either way.
    let on_pages = run.site.as_ref().is_some_and(|s| s.portal.shows.health);
    eprintln!(
        "note: portal health: {} to look at{}",
        run.health.len(),
        if on_pages {
            " (also on the home page)"
        } else {
            " (not shown on the pages of this public build)"
        }
    );
    for f in run.health.iter().take(SHOWN) {
        match &f.path {
            Some(path) => eprintln!(
                "  - {} ({})",
                f.message,
                load::display_path(&run.root, &format!("content/{path}"))
            ),
            None => eprintln!("  - {}", f.message),
        }
    }
    if run.health.len() > SHOWN {
        eprintln!("  - and {} more", run.health.len() - SHOWN);
    }
}

fn summary_line(run: &Run, verb: &str) -> String {
    match &run.site {
        Some(site) => {
            let p = &site.portal;
            format!(
                "{verb} {}: {} goals, {} backlog items, {} decisions, {} stakeholders, {} updates; {} pages",
                p.config.title,
                p.goals.len(),
                p.items.len(),
                p.decisions.len(),
                p.stakeholders.len(),
                p.updates.len(),
                site.pages
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_is_the_option_set() {
        // Its default is 10 (ms); the options next to it default to 1
        // (eager commit delay) and 0 (NUMA nodes).
        let option = |o| unsafe { libmimalloc_sys::mi_option_get(o) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(option(MI_OPTION_PURGE_DELAY), 10);
        }
        assert_eq!(option(MI_OPTION_PURGE_DELAY - 1), 1);
    }
}
