//! The pack cache of a history walk: the last few objects resolved, their
//! buffers reused. Resolving a version of a big tree stops at the version
//! resolved just before it (its delta base in a clone's pack), so each
//! costs one delta, with no allocation once the slots are sized.

use gix::odb::pack::cache::DecodeEntry;

/// How many resolved objects are kept: a tree's versions come one after
/// another, with the few small trees above them in between.
const SLOTS: usize = 16;

/// A resolved object: (pack, offset), kind, compressed size, bytes.
type Slot = ((u32, u64), gix::objs::Kind, usize, Vec<u8>);

#[derive(Default)]
pub struct Recent {
    slots: Vec<Slot>,
    /// The slot written next once all are used.
    next: usize,
}

impl DecodeEntry for Recent {
    fn put(&mut self, pack: u32, offset: u64, data: &[u8], kind: gix::objs::Kind, size: usize) {
        let key = (pack, offset);
        if self.slots.len() < SLOTS {
            self.slots.push((key, kind, size, data.to_vec()));
            return;
        }
        let slot = &mut self.slots[self.next];
        self.next = (self.next + 1) % SLOTS;
        slot.0 = key;
        slot.1 = kind;
        slot.2 = size;
        slot.3.clear();
        slot.3.extend_from_slice(data);
    }

    fn get(
        &mut self,
        pack: u32,
        offset: u64,
        out: &mut Vec<u8>,
    ) -> Option<(gix::objs::Kind, usize)> {
        let (_, kind, size, data) = self.slots.iter().find(|s| s.0 == (pack, offset))?;
        out.clear();
        out.extend_from_slice(data);
        Some((*kind, *size))
    }
}
