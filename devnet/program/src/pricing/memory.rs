//! The gas cost of memory pages (`arbos/programs/memory.go`, `MemoryModel.GasCost`, the same
//! as `crates/prover/src/programs/memory.rs`).
//!
//! Pages up to `free_pages` are free; each page beyond them costs `page_gas` linearly, plus an
//! exponential term from [`MEMORY_EXPONENTS`] on the most pages ever open in the transaction,
//! so that 128 pages cost about 32 million gas.

use crate::params::StylusParams;

/// `memoryExponents` (`memory.go`): `floor(base^pages)` with `base = 31 874 000^(1/128)`, for
/// 0 to 128 pages.
pub const MEMORY_EXPONENTS: [u32; 129] = [
    1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 11, 12, 14, 17, 19, 22, 25, 29, 33, 38,
    43, 50, 57, 65, 75, 85, 98, 112, 128, 147, 168, 193, 221, 253, 289, 331, 379, 434, 497, 569,
    651, 745, 853, 976, 1117, 1279, 1463, 1675, 1917, 2194, 2511, 2874, 3290, 3765, 4309, 4932,
    5645, 6461, 7395, 8464, 9687, 11087, 12689, 14523, 16621, 19024, 21773, 24919, 28521, 32642,
    37359, 42758, 48938, 56010, 64104, 73368, 83971, 96106, 109994, 125890, 144082, 164904, 188735,
    216010, 247226, 282953, 323844, 370643, 424206, 485509, 555672, 635973, 727880, 833067, 953456,
    1091243, 1248941, 1429429, 1636000, 1872423, 2143012, 2452704, 2807151, 3212820, 3677113,
    4208502, 4816684, 5512756, 6309419, 7221210, 8264766, 9459129, 10826093, 12390601, 14181199,
    16230562, 18576084, 21260563, 24332984, 27849408, 31873999,
];

/// The exponential term for `pages` pages; `u64::MAX` beyond the table.
pub fn exp(pages: u16) -> u64 {
    MEMORY_EXPONENTS
        .get(usize::from(pages))
        .map_or(u64::MAX, |&value| value.into())
}

/// Gas to open `new_pages` more pages when `open` pages are open and at most `ever` have been
/// open in the transaction (`GasCost(new, open, ever)`):
///
/// ```text
/// new_open = open + new_pages            (saturating)
/// new_ever = max(ever, new_open)
/// 0                                       if new_ever <= free_pages
/// credit(p) = p - free_pages             (saturating at 0)
/// page_gas × (credit(new_open) - credit(open)) + exp(new_ever) - exp(ever)   (saturating)
/// ```
pub fn memory_cost(new_pages: u16, open: u16, ever: u16, params: &StylusParams) -> u64 {
    let new_open = open.saturating_add(new_pages);
    let new_ever = ever.max(new_open);
    if new_ever <= params.free_pages {
        return 0;
    }
    let credit = |pages: u16| pages.saturating_sub(params.free_pages);
    let adding = credit(new_open).saturating_sub(credit(open));
    let linear = u64::from(adding).saturating_mul(params.page_gas.into());
    // new_ever >= ever and the table is non-decreasing, so this does not wrap within the table;
    // beyond it exp is u64::MAX and Go's unsigned subtraction gives the same value as here.
    let expand = exp(new_ever).wrapping_sub(exp(ever));
    linear.saturating_add(expand)
}
