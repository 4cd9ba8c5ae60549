//! `cairn init`: writes a small starter portal that builds cleanly and
//! shows each kind of document once or twice.

use std::fs;
use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::error::Error;

static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/starter");

/// Creates a starter portal in `dir`, which must not exist or be empty,
/// with the publishing recipe of `ci` (`github`, `gitlab`) when given.
pub fn create_with_ci(dir: &Path, ci: Option<&str>) -> Result<Option<&'static str>, Error> {
    let recipe = match ci {
        Some(name) => Some(crate::recipes::for_ci(name).ok_or_else(|| {
            Error::Usage(format!(
                "cairn has no CI recipe `{name}`; it has github and gitlab"
            ))
        })?),
        None => None,
    };
    create(dir)?;
    let Some(recipe) = recipe else {
        return Ok(None);
    };
    let path = dir.join(recipe.target);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
    }
    fs::write(&path, recipe.text).map_err(|e| Error::io("write", &path, e))?;
    Ok(Some(recipe.target))
}

/// Creates a starter portal in `dir`, which must not exist or be empty.
pub fn create(dir: &Path) -> Result<(), Error> {
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(|e| Error::io("read", dir, e))?;
        if entries.next().is_some() {
            return Err(Error::Refused {
                reason: format!("`{}` already exists and is not empty", dir.display()),
                help: "choose a new folder name; cairn init never overwrites files".into(),
            });
        }
    }
    write_dir(&STARTER, dir)
}

/// What to do after `cairn init DIR`: the commands in the order a
/// newcomer needs them, and where every key is described.
pub fn next_steps(dir: &Path) -> String {
    let dir = dir.display();
    format!(
        "Created a starter portal in {dir}/

Next:
  cairn serve {dir}    see it at http://127.0.0.1:1111/; it reloads as you edit {dir}/content/
  cairn check {dir}    report every problem in the content, all at once
  cairn build {dir}    render it to {dir}/public/

Every key of every document and of cairn.toml: docs/reference.md in cairn's source."
    )
}

fn write_dir(source: &Dir<'static>, target: &Path) -> Result<(), Error> {
    fs::create_dir_all(target).map_err(|e| Error::io("create", target, e))?;
    for file in source.files() {
        let name = file.path().file_name().unwrap_or_default();
        let path = target.join(name);
        fs::write(&path, file.contents()).map_err(|e| Error::io("write", &path, e))?;
    }
    for sub in source.dirs() {
        let name = sub.path().file_name().unwrap_or_default();
        write_dir(sub, &target.join(name))?;
    }
    Ok(())
}
