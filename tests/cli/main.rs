//! Integration tests: the real `cairn` binary on fixture portals copied to
//! temporary folders.

mod bad_input;
mod browser;
mod build;
mod disk;
mod engagement;
mod export;
mod export_csv;
mod history;
mod history_digest;
mod history_people;
mod history_privacy;
mod history_public;
mod history_roadmap;
mod history_serve;
mod hostile;
mod links;
mod local_refs;
mod new;
mod new_update_since;
mod newcomer;
mod outcomes;
mod pages;
mod politics;
mod privacy;
mod properties;
mod publish;
mod reference;
mod refused;
mod serve;
mod serve_fresh;
mod support;
mod trust_body;
mod trust_files;
mod trust_serve;
mod views;
