//! Comparing two versions of a git tree by their bytes. A commit changes a
//! few entries of a folder that may hold 10,000: the runs of identical
//! bytes are skipped with a wide comparison, and entries are parsed only
//! where the two versions differ. Where the entries of one version start
//! is known (kept from the previous commit); the other's are derived from
//! it, so a big folder is never parsed entry by entry again.

use std::cmp::Ordering;

/// One entry of a tree, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a> {
    pub kind: EntryKind,
    pub name: &'a [u8],
    pub oid: &'a [u8],
    /// Where the next entry starts.
    end: usize,
}

/// What an entry is, as far as history cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Tree,
    /// A regular or executable file.
    File,
    /// A symbolic link or a submodule: not followed.
    Other,
}

/// The entry starting at `pos`; `None` when the bytes there are not one
/// (git itself refuses an empty name, `.`, `..` and a `/` in a name).
fn entry_at(data: &[u8], pos: usize, hash_len: usize) -> Option<Entry<'_>> {
    let rest = data.get(pos..)?;
    let space = memchr::memchr(b' ', rest)?;
    let after_space = rest.get(space + 1..)?;
    let nul = space + 1 + memchr::memchr(0, after_space)?;
    let end = nul + 1 + hash_len;
    let kind = match &rest[..space] {
        b"40000" | b"040000" => EntryKind::Tree,
        b"100644" | b"100755" | b"100664" => EntryKind::File,
        _ => EntryKind::Other,
    };
    let name = rest.get(space + 1..nul)?;
    if matches!(name, b"" | b"." | b"..") || memchr::memchr(b'/', name).is_some() {
        return None;
    }
    Some(Entry {
        kind,
        name,
        oid: rest.get(nul + 1..end)?,
        end: pos + end,
    })
}

/// Where each entry of `data` starts, and the end; `None` when the bytes
/// are not a tree.
pub fn bounds(data: &[u8], hash_len: usize) -> Option<Vec<u32>> {
    u32::try_from(data.len()).ok()?;
    let mut out = Vec::with_capacity(data.len() / 40 + 1);
    let mut pos = 0;
    out.push(0);
    while pos < data.len() {
        pos = entry_at(data, pos, hash_len)?.end;
        out.push(pos as u32);
    }
    Some(out)
}

/// How many leading bytes `a` and `b` share, compared 16 at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut at = 0;
    for (x, y) in a.chunks_exact(16).zip(b.chunks_exact(16)) {
        if x != y {
            break;
        }
        at += 16;
    }
    at + a[at..]
        .iter()
        .zip(&b[at..])
        .take_while(|(x, y)| x == y)
        .count()
}

/// Git's order of entries: a folder sorts as if its name ended in `/`.
fn order(a: &Entry<'_>, b: &Entry<'_>) -> Ordering {
    let suffix =
        |e: &Entry<'_>| -> &'static [u8] { if e.kind == EntryKind::Tree { b"/" } else { b"" } };
    a.name
        .iter()
        .chain(suffix(a))
        .cmp(b.name.iter().chain(suffix(b)))
}

/// An entry that differs: its name and kind, and its id in the known
/// version and in the other (`None`: not there).
pub type Differs<'a> = (&'a [u8], EntryKind, Option<&'a [u8]>, Option<&'a [u8]>);

/// The entries that differ between `known` (whose entry starts are
/// `known_bounds`, or empty when not known) and `other`, and the entry
/// starts of `other`. `None` when either is not a tree (or the bounds are
/// not those of `known`): git does not write such trees, but a repository
/// may hold anything, and history must not fail on it.
pub fn diff<'a>(
    known: &'a [u8],
    known_bounds: &[u32],
    other: &'a [u8],
    hash_len: usize,
) -> Option<(Vec<Differs<'a>>, Vec<u32>)> {
    if known_bounds.is_empty() {
        return diff(known, &bounds(known, hash_len)?, other, hash_len);
    }
    u32::try_from(other.len()).ok()?;
    let last = known_bounds.len() - 1;
    if known_bounds[0] != 0 || known_bounds[last] as usize != known.len() {
        return None;
    }
    let mut out = Vec::new();
    let mut other_bounds = Vec::with_capacity(known_bounds.len() + 4);
    // Entry index in `known`, and byte positions in both.
    let (mut i, mut k, mut o) = (0usize, 0usize, 0usize);
    loop {
        // The entries of `known` wholly inside the common run are the same
        // in `other`, shifted.
        let same_to = k + common_prefix(known.get(k..)?, other.get(o..)?);
        let e = i + known_bounds
            .get(i + 1..=last)?
            .partition_point(|&b| b as usize <= same_to);
        for &b in known_bounds.get(i..e)? {
            other_bounds.push(((b as usize).checked_sub(k)? + o) as u32);
        }
        let end = *known_bounds.get(e)? as usize;
        o += end.checked_sub(k)?;
        (k, i) = (end, e);
        let a = if k < known.len() {
            Some(entry_at(known, k, hash_len)?)
        } else {
            None
        };
        let b = if o < other.len() {
            Some(entry_at(other, o, hash_len)?)
        } else {
            None
        };
        let step = match (&a, &b) {
            (None, None) => break,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some(x), Some(y)) => order(x, y),
        };
        match (step, a, b) {
            (Ordering::Less, Some(x), _) => {
                out.push((x.name, x.kind, Some(x.oid), None));
                k = x.end;
                i += 1;
            }
            (Ordering::Greater, _, Some(y)) => {
                out.push((y.name, y.kind, None, Some(y.oid)));
                other_bounds.push(o as u32);
                o = y.end;
            }
            (_, Some(x), Some(y)) => {
                if x.kind != y.kind {
                    // A file become a link (or back): one gone, one new.
                    out.push((x.name, x.kind, Some(x.oid), None));
                    out.push((y.name, y.kind, None, Some(y.oid)));
                } else if x.oid != y.oid {
                    out.push((y.name, y.kind, Some(x.oid), Some(y.oid)));
                }
                other_bounds.push(o as u32);
                k = x.end;
                o = y.end;
                i += 1;
            }
            _ => return None,
        }
        // An entry of `known` ends where its bounds say the next starts.
        if known_bounds.get(i).map(|&b| b as usize) != Some(k) {
            return None;
        }
    }
    other_bounds.push(other.len() as u32);
    Some((out, other_bounds))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(entries: &[(&str, &str, u8)]) -> Vec<u8> {
        let mut out = Vec::new();
        for (mode, name, id) in entries {
            out.extend_from_slice(format!("{mode} {name}\0").as_bytes());
            out.extend_from_slice(&[*id; 20]);
        }
        out
    }

    fn names(d: &[Differs<'_>]) -> Vec<(String, Option<u8>, Option<u8>)> {
        d.iter()
            .map(|(n, _, a, b)| {
                (
                    String::from_utf8_lossy(n).into_owned(),
                    a.map(|a| a[0]),
                    b.map(|b| b[0]),
                )
            })
            .collect()
    }

    #[test]
    fn only_the_entries_that_differ_are_reported_with_the_others_bounds() {
        let many: Vec<(String, u8)> = (0..300).map(|n| (format!("item-{n:04}.md"), 1)).collect();
        let old: Vec<(&str, &str, u8)> = many
            .iter()
            .map(|(n, i)| ("100644", n.as_str(), *i))
            .collect();
        let mut new = old.clone();
        new[10].2 = 2; // edited
        new.remove(200); // removed
        new.insert(50, ("100644", "item-0049a.md", 3)); // added
        new.push(("40000", "zz", 4)); // a folder added
        let (a, b) = (tree(&old), tree(&new));
        let (found, bounds_b) = diff(&a, &bounds(&a, 20).unwrap(), &b, 20).unwrap();
        assert_eq!(
            names(&found),
            vec![
                ("item-0010.md".into(), Some(1), Some(2)),
                ("item-0049a.md".into(), None, Some(3)),
                ("item-0200.md".into(), Some(1), None),
                ("zz".into(), None, Some(4)),
            ]
        );
        assert_eq!(Some(bounds_b.clone()), bounds(&b, 20));
        // Either way round.
        let (back, bounds_a) = diff(&b, &bounds_b, &a, 20).unwrap();
        assert_eq!(back.len(), 4);
        assert_eq!(Some(bounds_a), bounds(&a, 20));
    }

    #[test]
    fn a_folder_sorts_as_if_its_name_ended_in_a_slash() {
        let a = tree(&[("100644", "a.md", 1), ("40000", "a", 2)]);
        let b = tree(&[("100644", "a.md", 1), ("40000", "a", 3)]);
        let (found, _) = diff(&a, &[], &b, 20).unwrap();
        assert_eq!(names(&found), vec![("a".into(), Some(2), Some(3))]);
    }

    /// A valid tree with some of its bytes changed, cut or repeated.
    fn mangled(edits: &[(usize, u8)], cut: usize) -> Vec<u8> {
        let mut t = tree(&[
            ("100644", "a.md", 1),
            ("40000", "b", 2),
            ("100644", "c.md", 3),
            ("120000", "d", 4),
            ("100644", "e.md", 5),
        ]);
        for &(at, byte) in edits {
            let at = at % t.len();
            match byte % 3 {
                0 => t[at] = byte,
                1 => t.insert(at, byte),
                _ => {
                    t.remove(at);
                }
            }
        }
        t.truncate(t.len() - cut % 8);
        t
    }

    proptest::proptest! {
        /// Trees git never writes (the bytes a repository may hold all
        /// the same) are refused, never a panic, however the comparison
        /// meets them: bounds known, derived or not known.
        #[test]
        fn malformed_trees_are_refused_not_a_panic(
            edits in proptest::collection::vec((0usize..400, 0u8..=255), 0..6),
            other_edits in proptest::collection::vec((0usize..400, 0u8..=255), 0..6),
            cuts in (0usize..8, 0usize..8),
        ) {
            let good = tree(&[("100644", "a.md", 1), ("40000", "b", 7), ("100644", "e.md", 5)]);
            let (x, y) = (mangled(&edits, cuts.0), mangled(&other_edits, cuts.1));
            for (a, b) in [(&good, &x), (&x, &good), (&x, &y), (&y, &x)] {
                let _ = diff(a, &[], b, 20);
                let known = bounds(a, 20).unwrap_or_default();
                if let Some((_, derived)) = diff(a, &known, b, 20) {
                    // Derived bounds are those of a readable tree.
                    proptest::prop_assert_eq!(Some(derived.clone()), bounds(b, 20));
                    let _ = diff(b, &derived, a, 20);
                }
                // Bounds that are not those of the bytes.
                let _ = diff(a, &[0, 3, 1], b, 20);
                let _ = diff(a, &[0, u32::MAX], b, 20);
            }
        }
    }
}
