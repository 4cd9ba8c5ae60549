//! Integration tests: the real `cairn` binary on fixture portals copied to
//! temporary folders.

mod bad_input;
mod browser;
mod build;
mod disk;
mod export;
mod hostile;
mod links;
mod new;
mod privacy;
mod properties;
mod publish;
mod refused;
mod serve;
mod support;
mod views;
