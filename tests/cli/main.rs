//! Integration tests: the real `cairn` binary on fixture portals copied to
//! temporary folders.

mod bad_input;
mod browser;
mod build;
mod disk;
mod export;
mod history;
mod hostile;
mod links;
mod local_refs;
mod new;
mod newcomer;
mod pages;
mod privacy;
mod properties;
mod publish;
mod reference;
mod refused;
mod serve;
mod support;
mod trust_files;
mod trust_serve;
mod views;
