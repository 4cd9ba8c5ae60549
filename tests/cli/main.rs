//! Integration tests: the real `cairn` binary on fixture portals copied to
//! temporary folders.

mod bad_input;
mod browser;
mod build;
mod disk;
mod hostile;
mod newcomer;
mod privacy;
mod properties;
mod reference;
mod refused;
mod serve;
mod support;
mod views;
