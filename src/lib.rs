//! cairn: a product vision, its trade-offs, stakeholders and backlog, kept
//! as Markdown in git, checked and rendered to a static portal.
//!
//! The pipeline, one module per stage: [`load`] reads and parses files,
//! [`resolve`] relates them into an immutable [`model::Portal`] and
//! reports every problem, [`render`] turns the portal into pages, and
//! [`write`] puts them on disk atomically. [`build`] strings them together
//! for the CLI and the dev server.

pub mod annotations;
pub mod build;
pub mod cli;
pub mod completions;
pub mod config;
pub mod conversations;
pub mod diagnostics;
pub mod error;
pub mod export;
pub mod folders;
pub mod health;
pub mod history;
pub mod html_text;
pub mod init;
pub mod keywords;
pub mod kind;
pub mod leaks;
pub mod load;
pub mod markdown;
pub mod model;
pub mod outcome;
pub mod outcome_health;
pub mod page_links;
pub mod recipes;
pub mod render;
pub mod resolve;
pub mod roadmap;
pub mod scaffold;
pub mod serve;
pub mod session;
pub mod source;
pub mod suggest;
pub mod today;
pub mod write;
