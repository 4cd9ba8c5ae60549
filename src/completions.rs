//! `cairn completions SHELL`: a completion script for the shell, from the
//! same clap definition the binary parses, so it cannot fall behind.

use std::io::Write;

use clap_complete::Shell as ClapShell;

use crate::cli::Shell;

/// Writes the completion script for `shell` to `out`.
pub fn write(shell: Shell, out: &mut dyn Write) {
    let shell = match shell {
        Shell::Bash => ClapShell::Bash,
        Shell::Zsh => ClapShell::Zsh,
        Shell::Fish => ClapShell::Fish,
        Shell::Powershell => ClapShell::PowerShell,
    };
    clap_complete::generate(shell, &mut crate::cli::command(), "cairn", out);
}
