//! The keys one file has shown so far, kept in 12 bytes each, so that the duplicate check of
//! a file of millions of rows costs tens of megabytes, not hundreds.

use std::collections::HashMap;

/// Keys recorded since the last merge, before they join the sorted list.
const RECENT: usize = 1 << 16;

/// 64-bit key hashes, each with the row it was first seen in: the latest ones in a small
/// hash map, the rest in one sorted list (hashes and rows side by side) merged in place.
#[derive(Debug)]
pub(super) struct SeenKeys {
    recent: HashMap<u64, u32>,
    recent_cap: usize,
    hashes: Vec<u64>,
    rows: Vec<u32>,
}

impl Default for SeenKeys {
    fn default() -> Self {
        Self::with_recent(RECENT)
    }
}

impl SeenKeys {
    /// Nothing seen; at most `recent_cap` keys wait in the hash map before a merge.
    fn with_recent(recent_cap: usize) -> Self {
        Self { recent: HashMap::new(), recent_cap: recent_cap.max(1), hashes: Vec::new(), rows: Vec::new() }
    }

    /// The row `hash` was first seen in.
    pub(super) fn get(&self, hash: u64) -> Option<u64> {
        if let Some(&row) = self.recent.get(&hash) {
            return Some(u64::from(row));
        }
        self.hashes.binary_search(&hash).ok().map(|i| u64::from(self.rows[i]))
    }

    /// Records `hash` as seen first in `row` (a row past 2^32 is recorded as the last one).
    pub(super) fn insert(&mut self, hash: u64, row: u64) {
        self.recent.insert(hash, u32::try_from(row).unwrap_or(u32::MAX));
        if self.recent.len() >= self.recent_cap {
            self.merge();
        }
    }

    /// How many keys are recorded.
    pub(super) fn len(&self) -> usize {
        self.recent.len() + self.hashes.len()
    }

    /// Moves the recent keys into the sorted list, merging from the back so that nothing is
    /// copied twice and no second list is allocated.
    fn merge(&mut self) {
        let mut new: Vec<(u64, u32)> = self.recent.drain().collect();
        new.sort_unstable();
        let old = self.hashes.len();
        self.hashes.reserve_exact(new.len());
        self.rows.reserve_exact(new.len());
        self.hashes.resize(old + new.len(), 0);
        self.rows.resize(old + new.len(), 0);
        let (mut i, mut write) = (old, old + new.len());
        while let Some(&(hash, row)) = new.last() {
            write -= 1;
            if i > 0 && self.hashes[i - 1] > hash {
                i -= 1;
                self.hashes[write] = self.hashes[i];
                self.rows[write] = self.rows[i];
            } else {
                self.hashes[write] = hash;
                self.rows[write] = row;
                new.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SeenKeys;
    use std::collections::HashMap;

    #[test]
    fn finds_every_key_with_its_first_row_across_merges() {
        let mut seen = SeenKeys::with_recent(7);
        let mut model: HashMap<u64, u64> = HashMap::new();
        // A xorshift walk: keys in no order, some repeated, some the smallest and largest.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for row in 1..=2_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let key = match row % 11 {
                0 => 0,
                1 => u64::MAX,
                2 => x % 300,
                _ => x,
            };
            assert_eq!(seen.get(key), model.get(&key).copied(), "row {row}");
            if let std::collections::hash_map::Entry::Vacant(e) = model.entry(key) {
                e.insert(row);
                seen.insert(key, row);
            }
        }
        assert_eq!(seen.len(), model.len());
        assert!(seen.hashes.windows(2).all(|w| w[0] < w[1]));
        for (key, row) in &model {
            assert_eq!(seen.get(*key), Some(*row));
        }
    }
}
