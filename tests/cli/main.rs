//! Integration tests: the real `cairn` binary on fixture portals copied to
//! temporary folders.

mod bad_input;
mod browser;
mod build;
mod disk;
mod hostile;
mod privacy;
mod properties;
mod refused;
mod serve;
mod support;
mod trust_body;
mod views;
