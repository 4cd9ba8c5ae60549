//! cairn: a product vision, its trade-offs, stakeholders and backlog, kept
//! as Markdown in git, checked and rendered to a static portal.
//!
//! The pipeline, one module per stage: [`load`] reads and parses files,
//! [`resolve`] relates them into an immutable [`model::Portal`] and
//! reports every problem, [`render`] turns the portal into pages, and
//! [`write`](mod@write) puts them on disk atomically. [`pipeline`] strings them together
//! for the CLI and the dev server.

pub mod annotations;
pub mod cli;
pub mod completions;
pub mod conversations;
pub mod diagnostics;
pub mod error;
pub mod export;
pub mod fields;
pub mod folders;
pub mod format;
pub mod health;
pub mod history;
pub mod init;
pub mod keywords;
pub mod kind;
pub mod load;
pub mod markdown;
pub mod model;
pub mod outcome;
pub mod outcome_health;
pub mod page_links;
pub mod pages;
pub mod pipeline;
pub mod recipes;
pub mod render;
pub mod resolve;
pub mod roadmap;
pub mod scaffold;
pub mod serve;
pub mod source;
pub mod suggest;
pub mod today;
pub mod write;
