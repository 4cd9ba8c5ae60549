//! Tree versions read straight from a clone's pack files. A pack stores a
//! big folder's tree once and each other version as a delta of another
//! version; gix resolves a delta into a fresh buffer and hands a cache
//! copies in and out, which moves each 724 KB version of the benchmark's
//! `backlog/` tree five times. Here a resolved version is shared (`Rc`)
//! between this cache and the comparison, and a delta is applied once,
//! into a reused buffer: on the 10,000-item benchmark with 1,000 commits
//! (`bench/history.py`, paired runs) this took what history adds to a build
//! from 0.28 s to 0.20 s of wall time (0.47 s to 0.36 s of CPU) and 12 MB
//! less peak memory. Anything else (loose objects, a
//! delta by object id, an object of another kind, a pack that fails to
//! read) is left to gix: `None`.

use std::path::Path;
use std::rc::Rc;

use gix::odb::pack;
use gix::odb::pack::data::entry::Header;

/// How many resolved trees are kept, least recently used out: git's delta
/// window makes one version the base of up to ten others.
const KEPT: usize = 16;

/// The largest tree or delta read: a folder of 10,000 documents is under
/// 1 MB; a pack entry claiming more than this is damaged.
const LARGEST: usize = 256 << 20;

/// Why a tree is not read here.
enum Miss {
    /// Not a chain of offset deltas ending in a tree: gix reads it.
    Elsewhere,
    /// A size past [`LARGEST`], bytes that do not inflate, a delta that
    /// does not fit: read as an empty folder.
    Damaged,
}

/// A size a pack entry claims, when within [`LARGEST`].
fn claimed(claimed: u64) -> Result<usize, Miss> {
    usize::try_from(claimed)
        .ok()
        .filter(|&n| n <= LARGEST)
        .ok_or(Miss::Damaged)
}

/// A chain longer than this is not followed here (git's own limit is 50
/// by default, 4095 at most).
const CHAIN: usize = 5_000;

/// A resolved tree: (bundle, pack offset), its bytes, when last used.
type Kept = ((usize, u64), Rc<Vec<u8>>, u64);

pub struct Packs {
    bundles: Vec<pack::Bundle>,
    inflate: gix_zlib::Inflate,
    kept: Vec<Kept>,
    clock: u64,
    /// The buffers of trees no longer kept nor compared.
    spare: Vec<Vec<u8>>,
    delta: Vec<u8>,
}

impl Packs {
    /// The packs of the repository at `git_dir` (none when unreadable).
    pub fn open(git_dir: &Path, hash: gix::hash::Kind) -> Packs {
        let mut bundles = Vec::new();
        if let Ok(dir) = std::fs::read_dir(git_dir.join("objects/pack")) {
            for entry in dir.filter_map(Result::ok) {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "idx")
                    && let Ok(bundle) = pack::Bundle::at(&path, hash)
                {
                    bundles.push(bundle);
                }
            }
        }
        Packs {
            bundles,
            inflate: gix_zlib::Inflate::default(),
            kept: Vec::new(),
            clock: 0,
            spare: Vec::new(),
            delta: Vec::new(),
        }
    }

    /// Gives back the buffer of a tree the comparison is done with.
    pub fn give_back(&mut self, tree: Rc<Vec<u8>>) {
        if let Ok(buffer) = Rc::try_unwrap(tree) {
            self.spare.push(buffer);
        }
    }

    /// The bytes of tree `id`, when a pack holds it as a tree or as a chain
    /// of deltas ending in one; empty when the pack is damaged (a size past
    /// [`LARGEST`], a delta that does not fit its base), so that no claim
    /// in a pack makes a huge allocation or fails the build.
    pub fn tree(&mut self, id: &gix::oid) -> Option<Rc<Vec<u8>>> {
        let (b, offset) = self.bundles.iter().enumerate().find_map(|(b, bundle)| {
            let n = bundle.index.lookup(id)?;
            Some((b, bundle.index.pack_offset_at_index(n)))
        })?;
        match self.resolve(b, offset) {
            Ok(tree) => Some(tree),
            Err(Miss::Elsewhere) => None,
            Err(Miss::Damaged) => Some(Rc::default()),
        }
    }

    fn resolve(&mut self, b: usize, offset: u64) -> Result<Rc<Vec<u8>>, Miss> {
        let mut chain = Vec::new();
        let mut at = offset;
        let mut current = loop {
            if let Some(found) = self.find(b, at) {
                break found;
            }
            let file = &self.bundles[b].pack;
            let entry = file.entry(at).map_err(|_| Miss::Damaged)?;
            match entry.header {
                Header::Tree => {
                    let mut buffer = self.spare.pop().unwrap_or_default();
                    buffer.clear();
                    buffer.resize(claimed(entry.decompressed_size)?, 0);
                    file.decompress_entry(&entry, &mut self.inflate, &mut buffer)
                        .map_err(|_| Miss::Damaged)?;
                    let tree = Rc::new(buffer);
                    self.keep((b, at), tree.clone());
                    break tree;
                }
                Header::OfsDelta { base_distance } if chain.len() < CHAIN => {
                    at = entry
                        .checked_base_pack_offset(base_distance)
                        .ok_or(Miss::Damaged)?;
                    chain.push(entry);
                }
                _ => return Err(Miss::Elsewhere),
            }
        };
        // Each step is kept: the versions in a chain are the bases of others.
        for entry in chain.iter().rev() {
            let file = &self.bundles[b].pack;
            self.delta.clear();
            self.delta.resize(claimed(entry.decompressed_size)?, 0);
            file.decompress_entry(entry, &mut self.inflate, &mut self.delta)
                .map_err(|_| Miss::Damaged)?;
            let mut buffer = self.spare.pop().unwrap_or_default();
            apply(&current, &self.delta, &mut buffer).ok_or(Miss::Damaged)?;
            current = Rc::new(buffer);
            self.keep((b, entry.pack_offset()), current.clone());
        }
        Ok(current)
    }

    fn find(&mut self, b: usize, offset: u64) -> Option<Rc<Vec<u8>>> {
        self.clock += 1;
        let clock = self.clock;
        let slot = self.kept.iter_mut().find(|k| k.0 == (b, offset))?;
        slot.2 = clock;
        Some(slot.1.clone())
    }

    fn keep(&mut self, at: (usize, u64), tree: Rc<Vec<u8>>) {
        self.clock += 1;
        if self.kept.len() < KEPT {
            self.kept.push((at, tree, self.clock));
            return;
        }
        if let Some(slot) = self.kept.iter_mut().min_by_key(|k| k.2) {
            let old = std::mem::replace(slot, (at, tree, self.clock));
            if let Ok(buffer) = Rc::try_unwrap(old.1) {
                self.spare.push(buffer);
            }
        }
    }
}

/// Applies a git delta to `base` into `out`: the base's size and the
/// result's, then instructions to copy a range of the base or to insert
/// the bytes that follow. gix keeps its own applier private; `None` when
/// the delta does not fit the base.
fn apply(base: &[u8], delta: &[u8], out: &mut Vec<u8>) -> Option<()> {
    let (base_size, rest) = size(delta)?;
    let (result_size, mut rest) = size(rest)?;
    if base_size != base.len() || result_size > LARGEST {
        return None;
    }
    out.clear();
    out.reserve(result_size);
    while let Some((&op, tail)) = rest.split_first() {
        rest = tail;
        if op & 0x80 != 0 {
            // Which bytes of the offset (4) and length (3) follow.
            let mut field = |bits: u8, first: u8| -> Option<usize> {
                let mut value = 0usize;
                for i in 0..bits {
                    if op & (first << i) != 0 {
                        let (&byte, tail) = rest.split_first()?;
                        rest = tail;
                        value |= usize::from(byte) << (8 * i);
                    }
                }
                Some(value)
            };
            let offset = field(4, 0x01)?;
            let length = match field(3, 0x10)? {
                0 => 0x10000,
                n => n,
            };
            out.extend_from_slice(base.get(offset..offset.checked_add(length)?)?);
        } else if op != 0 {
            let (insert, tail) = rest.split_at_checked(usize::from(op))?;
            out.extend_from_slice(insert);
            rest = tail;
        } else {
            return None;
        }
    }
    (out.len() == result_size).then_some(())
}

/// A size at the head of a delta: 7 bits a byte, least significant first.
fn size(data: &[u8]) -> Option<(usize, &[u8])> {
    let mut value = 0usize;
    for (i, &byte) in data.iter().enumerate().take(10) {
        value |= usize::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((value, &data[i + 1..]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git(dir: &Path, args: &[&str]) -> String {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=T", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}");
        String::from_utf8(out.stdout).unwrap()
    }

    #[test]
    fn every_tree_of_a_repacked_history_reads_as_gix_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/backlog")).unwrap();
        git(root, &["init", "-q"]);
        for commit in 0..40 {
            for n in 0..60 {
                if commit == 0 || (n * 7 + commit) % 19 == 0 {
                    let text = format!("+++\ntitle = \"{n}\"\nstatus = \"s{commit}\"\n+++\n");
                    std::fs::write(root.join(format!("content/backlog/item-{n}.md")), text)
                        .unwrap();
                }
            }
            git(root, &["add", "-A"]);
            git(root, &["commit", "-qm", "step"]);
        }
        git(root, &["repack", "-adfq", "--depth=50", "--window=10"]);
        let repo = gix::open(root).unwrap();
        let mut packs = Packs::open(repo.git_dir(), repo.object_hash());
        let listed = git(root, &["rev-list", "--objects", "--all"]);
        let mut trees = 0;
        let mut deltas = 0;
        for line in listed.lines() {
            let id = gix::ObjectId::from_hex(&line.as_bytes()[..40]).unwrap();
            let object = repo.find_object(id).unwrap();
            if object.kind != gix::objs::Kind::Tree {
                continue;
            }
            let read = packs.tree(&id).expect("a packed tree");
            assert_eq!(read.as_slice(), &object.data[..], "{line}");
            trees += 1;
            let (n, bundle) = (
                packs.bundles[0].index.lookup(id).unwrap(),
                &packs.bundles[0],
            );
            let entry = bundle
                .pack
                .entry(bundle.index.pack_offset_at_index(n))
                .unwrap();
            deltas += usize::from(matches!(entry.header, Header::OfsDelta { .. }));
        }
        // The backlog's versions, most of them deltas, and the trees above.
        assert!(
            trees >= 80 && deltas >= 30,
            "{trees} trees, {deltas} deltas"
        );
    }

    #[test]
    fn a_delta_copies_and_inserts() {
        let base = b"0123456789";
        // base 10, result 7: copy 3 bytes at 2, insert "ab", copy 2 at 8.
        let delta = [10, 7, 0x91, 2, 3, 2, b'a', b'b', 0x91, 8, 2];
        let mut out = Vec::new();
        assert_eq!(apply(base, &delta, &mut out), Some(()));
        assert_eq!(out, b"234ab89");
    }

    #[test]
    fn a_size_past_reason_is_damage_not_an_allocation() {
        assert!(matches!(claimed(1 << 62), Err(Miss::Damaged)));
        assert!(matches!(claimed(1 << 20), Ok(n) if n == 1 << 20));
        // A delta claiming a 2^40-byte result: refused before reserving.
        let mut delta = vec![10];
        let mut n: u64 = 1 << 40;
        while n >= 0x80 {
            delta.push((n as u8 & 0x7f) | 0x80);
            n >>= 7;
        }
        delta.push(n as u8);
        delta.extend([0x91, 0, 1]);
        let mut out = Vec::new();
        assert_eq!(apply(b"0123456789", &delta, &mut out), None);
        assert!(out.capacity() < 1 << 20);
    }

    #[test]
    fn a_delta_that_does_not_fit_its_base_is_refused() {
        let mut out = Vec::new();
        // Wrong base size; a copy past the end; a zero instruction; a
        // result shorter than announced; a truncated insert.
        for delta in [
            &[9, 1, 0x91, 0, 1][..],
            &[10, 4, 0x91, 8, 4],
            &[10, 1, 0],
            &[10, 5, 0x91, 0, 1],
            &[10, 3, 3, b'a'],
        ] {
            assert_eq!(apply(b"0123456789", delta, &mut out), None, "{delta:?}");
        }
    }
}
