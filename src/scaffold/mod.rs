//! `cairn new KIND ID`: starts a document in the right folder with front
//! matter that builds as written, after checking the ids it is given
//! against the portal.

pub mod blueprints;
mod flags;
pub mod prefill;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::error::Error;
use crate::keywords::{Keyword, Level};
use crate::kind::{self, Kind};
use crate::load::Front as Parsed;
use crate::load::session::{Purpose, Session};
use crate::source::display_path;
use blueprints::{Blueprint, Filled, Fills, Flag, Line};

/// What `cairn new` was asked for.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// A blueprint's name (`story`).
    pub kind: String,
    /// The new document's id.
    pub id: String,
    pub title: Option<String>,
    pub parent: Option<String>,
    pub serves: Vec<String>,
    pub with: Vec<String>,
    pub audience: Vec<String>,
    /// `--since`: prefill an update with what changed since then.
    pub since: Option<String>,
}

/// The ids a portal already has, by kind, and its backlog levels.
struct Known {
    goals: Vec<String>,
    ids: BTreeMap<Kind, Vec<String>>,
    levels: BTreeMap<String, Level>,
}

impl Known {
    fn read(session: &Session) -> Known {
        let mut known = Known {
            goals: Vec::new(),
            ids: BTreeMap::new(),
            levels: BTreeMap::new(),
        };
        for doc in session.documents() {
            known.ids.entry(doc.kind).or_default().push(doc.id.clone());
            match &doc.front {
                Parsed::Vision(v) => {
                    known.goals.extend(
                        v.goals
                            .iter()
                            .filter_map(|g| g.id.as_ref())
                            .map(|i| i.value.clone()),
                    );
                }
                Parsed::Item(i) => {
                    if let Some(level) = &i.place.level {
                        known.levels.insert(doc.id.clone(), level.value);
                    }
                }
                _ => {}
            }
        }
        known
    }

    fn of(&self, kind: Kind) -> &[String] {
        self.ids.get(&kind).map_or(&[], Vec::as_slice)
    }
}

/// Writes the document; returns its path as the user would type it.
pub fn create(root: &Path, request: &Request, today: Date) -> Result<String, Error> {
    let blueprint = blueprints::find(&request.kind).ok_or_else(|| {
        Error::Usage(format!(
            "cairn cannot write a `{}`; it writes {}",
            request.kind,
            blueprints::names().join(", ")
        ))
    })?;
    if !kind::is_valid_id(&request.id) {
        return Err(refused(
            format!("`{}` is not a valid id", request.id),
            format!(
                "ids are lowercase letters, digits and `-`, e.g. `{}`",
                kind::suggest_id(&request.id)
            ),
        ));
    }
    if request.id == "index" {
        return Err(refused(
            "`index` cannot be an id: it is the name of each folder's list page".into(),
            "choose another id".into(),
        ));
    }
    let folder = root.join("content").join(blueprint.kind.folder());
    if let Some(existing) = find_file(&folder, &format!("{}.md", request.id)) {
        let rel = existing.strip_prefix(root).unwrap_or(&existing);
        return Err(refused(
            format!(
                "{} with the id `{}` already exists: {}",
                blueprint.kind.noun(),
                request.id,
                display_path(root, &rel.to_string_lossy().replace('\\', "/"))
            ),
            "choose another id, or edit that file".into(),
        ));
    }
    let session = Session::open_for(root, Purpose::Check)?;
    let known = Known::read(&session);
    let given = flags_given(request);
    for (flag, values) in &given {
        if !blueprint.flags.iter().any(|(f, _)| f == flag) {
            return Err(refused(
                format!(
                    "`{}` does not apply to {} {}",
                    flag.spelling(),
                    article(blueprint.name),
                    blueprint.name
                ),
                format!(
                    "{} {} takes {}",
                    article(blueprint.name),
                    blueprint.name,
                    takes(blueprint)
                ),
            ));
        }
        check_ids(*flag, values, &known)?;
    }
    if let (Some(parent), Some(level)) = (&request.parent, blueprint.level) {
        check_nesting(parent, level, &known)?;
    }
    if blueprint.kind == Kind::Backlog && request.serves.is_empty() && request.parent.is_none() {
        return Err(refused(
            format!("the backlog item `{}` must trace to a goal", request.id),
            format!(
                "give `--serves GOAL` ({}) or `--parent ITEM`",
                list_or_none(&known.goals)
            ),
        ));
    }
    if blueprint.kind == Kind::Conversation && request.with.is_empty() {
        return Err(refused(
            format!("the conversation `{}` must be with someone", request.id),
            format!(
                "give `--with STAKEHOLDER…` ({})",
                list_or_none(known.of(Kind::Stakeholder))
            ),
        ));
    }
    let prefill = match &request.since {
        Some(spec) => Some(prefill::body(&session, root, spec, today)?),
        None => None,
    };
    let text = document(blueprint, request, &given, today, prefill.as_deref());
    std::fs::create_dir_all(&folder).map_err(|e| Error::io("create", &folder, e))?;
    let path = folder.join(format!("{}.md", request.id));
    // `create_new`: a file made since the check above is not overwritten.
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| Error::io("create", &path, e))?;
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io("write", &path, e))?;
    Ok(display_path(
        root,
        &format!("content/{}/{}.md", blueprint.kind.folder(), request.id),
    ))
}

/// The front matter and body of the new document; `prefill` follows the
/// body's opening line.
pub fn document(
    blueprint: &Blueprint,
    request: &Request,
    given: &[(Flag, Vec<String>)],
    today: Date,
    prefill: Option<&str>,
) -> String {
    let title = request.title.clone().unwrap_or_else(|| {
        if blueprint.kind == Kind::Stakeholder {
            name_from_id(&request.id)
        } else {
            title_from_id(&request.id)
        }
    });
    let front = (blueprint.front)(&Filled {
        title: &title,
        today,
    });
    let mut lines = front.head;
    for (flag, fills) in blueprint.flags {
        let Fills::Key(key) = *fills else {
            continue;
        };
        let values = given
            .iter()
            .find(|(f, _)| f == flag)
            .map(|(_, v)| v.as_slice());
        match (flag, values) {
            (Flag::Parent, Some([one])) => {
                lines.push(Line::Set(key, blueprints::quoted(one), "a backlog id"));
            }
            (_, Some(list)) => {
                let quoted: Vec<String> = list.iter().map(|v| blueprints::quoted(v)).collect();
                lines.push(Line::Set(
                    key,
                    format!("[{}]", quoted.join(", ")),
                    note(*flag),
                ));
            }
            (Flag::Parent, None) => lines.push(Line::Off(key, "\"item-id\"", note(*flag))),
            (_, None) => lines.push(Line::Off(key, "[\"id\"]", note(*flag))),
        }
    }
    lines.extend(front.tail);
    let mut out = String::from("+++\n");
    blueprints::render(&lines, &mut out);
    out.push_str("+++\n\n");
    out.push_str(blueprint.body);
    if let Some(prefill) = prefill {
        out.push('\n');
        out.push_str(prefill);
    }
    out
}

fn note(flag: Flag) -> &'static str {
    match flag {
        Flag::Parent => "the backlog item above this one",
        Flag::Serves => "goal ids of the vision",
        Flag::With => "stakeholder ids",
        Flag::Audience => "stakeholder ids it is written for",
        Flag::Since => "what changed since then",
    }
}

fn flags_given(r: &Request) -> Vec<(Flag, Vec<String>)> {
    let mut out = Vec::new();
    if let Some(p) = &r.parent {
        out.push((Flag::Parent, vec![p.clone()]));
    }
    for (flag, list) in [
        (Flag::Serves, &r.serves),
        (Flag::With, &r.with),
        (Flag::Audience, &r.audience),
    ] {
        if !list.is_empty() {
            out.push((flag, list.clone()));
        }
    }
    if let Some(since) = &r.since {
        out.push((Flag::Since, vec![since.clone()]));
    }
    out
}

fn check_ids(flag: Flag, values: &[String], known: &Known) -> Result<(), Error> {
    let (candidates, what): (&[String], &str) = match flag {
        Flag::Parent => (known.of(Kind::Backlog), "backlog item"),
        Flag::Serves => (&known.goals, "goal"),
        Flag::With | Flag::Audience => (known.of(Kind::Stakeholder), "stakeholder"),
        // Read when the update is written.
        Flag::Since => return Ok(()),
    };
    for value in values {
        if candidates.contains(value) {
            continue;
        }
        let help = match crate::suggest::closest(value, candidates.iter().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the portal's {what} ids: {}", list_or_none(candidates)),
        };
        return Err(refused(
            format!(
                "`{} {value}`: there is no {what} `{value}`",
                flag.spelling()
            ),
            help,
        ));
    }
    Ok(())
}

/// Levels nest downward only: an mmf under an idea, a story under either.
fn check_nesting(parent: &str, level: Level, known: &Known) -> Result<(), Error> {
    let Some(&above) = known.levels.get(parent) else {
        return Ok(());
    };
    let fits = match level {
        Level::Idea => false,
        Level::Mmf => above == Level::Idea,
        Level::Story => matches!(above, Level::Idea | Level::Mmf),
    };
    if fits {
        return Ok(());
    }
    Err(refused(
        format!(
            "{} {} cannot sit under `{parent}`, which is {} {}",
            article(level.key()),
            level.key(),
            article(above.key()),
            above.key()
        ),
        "an mmf's parent is an idea; a story's is an mmf or an idea".into(),
    ))
}

fn refused(reason: String, help: String) -> Error {
    Error::Refused { reason, help }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) || word == "mmf" {
        "an"
    } else {
        "a"
    }
}

fn takes(b: &Blueprint) -> String {
    if b.flags.is_empty() {
        return "only `--title`".into();
    }
    let flags: Vec<&str> = b.flags.iter().map(|(f, _)| f.spelling()).collect();
    format!("`--title`, `{}`", flags.join("`, `"))
}

fn list_or_none(ids: &[String]) -> String {
    const SHOWN: usize = 12;
    match ids.len() {
        0 => "none yet".into(),
        n if n > SHOWN => format!("{} and {} more", ids[..SHOWN].join(", "), n - SHOWN),
        _ => ids.join(", "),
    }
}

/// `guided-setup` -> `Guided setup`.
pub fn title_from_id(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `dana-whitfield` -> `Dana Whitfield`.
pub fn name_from_id(id: &str) -> String {
    id.split('-')
        .filter(|w| !w.is_empty())
        .map(title_from_id)
        .collect::<Vec<_>>()
        .join(" ")
}

/// `name` anywhere under `dir` (ids ignore subfolders).
fn find_file(dir: &Path, name: &str) -> Option<PathBuf> {
    walkdir::WalkDir::new(dir)
        .max_depth(32)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_type().is_file() && e.file_name() == name)
        .map(|e| e.into_path())
}
