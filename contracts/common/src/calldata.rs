//! Arguments of an external call, read straight from the calldata words.
//!
//! stylus-sdk's `#[public]` router decodes every function's arguments with alloy's generic
//! ABI decoder, instantiated once per parameter list, each with the Solidity name of the
//! list kept in the data segment (260 bytes apiece) for its error message. Every function of
//! this protocol takes static words, bar two constructor strings and one `uint64[]`, so the
//! routers of the contracts read their arguments here instead, with the same validation as
//! `abi_decode_params_validate`: a word that does not hold a value of its type (an address
//! with bits above 160 set, a `uint64` above 2^64 - 1, a `bool` other than 0 or 1, a `bytes4`
//! with bits past its 4 bytes) or calldata too short for the arguments is refused, and the
//! call reverts with empty data, as it did under the SDK's router. Bytes after the
//! arguments are ignored, as alloy ignores them.

use alloc::{string::String, vec::Vec};

use alloy_primitives::{Address, B256, FixedBytes, U256};

/// Calldata that does not decode as the function's arguments: the call reverts with empty
/// data (what the SDK's router returns when decoding fails).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadCalldata;

impl From<BadCalldata> for Vec<u8> {
    fn from(_: BadCalldata) -> Self {
        Vec::new()
    }
}

/// The arguments of a call: the calldata after the 4-byte selector.
#[derive(Clone, Copy, Debug)]
pub struct Args<'a>(&'a [u8]);

impl<'a> Args<'a> {
    /// The arguments in `data` (the calldata without its selector).
    pub fn new(data: &'a [u8]) -> Self {
        Self(data)
    }

    /// The bytes from `offset` to `offset + len`, if there are that many.
    fn bytes(&self, offset: usize, len: usize) -> Result<&'a [u8], BadCalldata> {
        let end = offset.checked_add(len).ok_or(BadCalldata)?;
        self.0.get(offset..end).ok_or(BadCalldata)
    }

    /// The word at byte `offset`.
    fn word_at(&self, offset: usize) -> Result<[u8; 32], BadCalldata> {
        let bytes = self.bytes(offset, 32)?;
        let mut word = [0u8; 32];
        word.copy_from_slice(bytes);
        Ok(word)
    }

    /// Word `index` of the head.
    #[inline(never)]
    pub fn word(&self, index: usize) -> Result<[u8; 32], BadCalldata> {
        self.word_at(index.checked_mul(32).ok_or(BadCalldata)?)
    }

    /// Word `index` as a `uint256`.
    pub fn uint256(&self, index: usize) -> Result<U256, BadCalldata> {
        Ok(U256::from_be_bytes(self.word(index)?))
    }

    /// Word `index` as a `bytes32`.
    pub fn bytes32(&self, index: usize) -> Result<B256, BadCalldata> {
        Ok(B256::new(self.word(index)?))
    }

    /// Word `index` as an unsigned integer of at most 64 bits: refused when it holds more
    /// than `bits` bits.
    #[inline(never)]
    fn small_uint(&self, index: usize, bits: u32) -> Result<u64, BadCalldata> {
        let word = self.word(index)?;
        if word[..24].iter().any(|b| *b != 0) {
            return Err(BadCalldata);
        }
        let mut low = [0u8; 8];
        low.copy_from_slice(&word[24..]);
        let value = u64::from_be_bytes(low);
        if bits < 64 && value >> bits != 0 {
            return Err(BadCalldata);
        }
        Ok(value)
    }

    /// Word `index` as a `uint64`.
    pub fn uint64(&self, index: usize) -> Result<u64, BadCalldata> {
        self.small_uint(index, 64)
    }

    /// Word `index` as a `uint16`.
    pub fn uint16(&self, index: usize) -> Result<u16, BadCalldata> {
        // `small_uint` checked the value fits 16 bits.
        u16::try_from(self.small_uint(index, 16)?).map_err(|_| BadCalldata)
    }

    /// Word `index` as a `uint8`.
    pub fn uint8(&self, index: usize) -> Result<u8, BadCalldata> {
        u8::try_from(self.small_uint(index, 8)?).map_err(|_| BadCalldata)
    }

    /// Word `index` as a `bool`: 0 or 1.
    pub fn boolean(&self, index: usize) -> Result<bool, BadCalldata> {
        match self.small_uint(index, 1)? {
            0 => Ok(false),
            _ => Ok(true),
        }
    }

    /// Word `index` as an `address`: its 12 high bytes must be zero.
    #[inline(never)]
    pub fn address(&self, index: usize) -> Result<Address, BadCalldata> {
        let word = self.word(index)?;
        if word[..12].iter().any(|b| *b != 0) {
            return Err(BadCalldata);
        }
        Ok(Address::from_slice(&word[12..]))
    }

    /// Word `index` as a `bytes4`: its 28 low bytes must be zero.
    pub fn bytes4(&self, index: usize) -> Result<FixedBytes<4>, BadCalldata> {
        let word = self.word(index)?;
        if word[4..].iter().any(|b| *b != 0) {
            return Err(BadCalldata);
        }
        Ok(FixedBytes([word[0], word[1], word[2], word[3]]))
    }

    /// The offset and length of the dynamic value whose offset is word `index`: the length
    /// word must be inside the calldata.
    fn dynamic(&self, index: usize) -> Result<(usize, usize), BadCalldata> {
        let offset = usize::try_from(self.small_uint(index, 32)?).map_err(|_| BadCalldata)?;
        let len_word = self.word_at(offset)?;
        if len_word[..28].iter().any(|b| *b != 0) {
            return Err(BadCalldata);
        }
        let len = u32::from_be_bytes([len_word[28], len_word[29], len_word[30], len_word[31]]);
        let len = usize::try_from(len).map_err(|_| BadCalldata)?;
        Ok((offset.checked_add(32).ok_or(BadCalldata)?, len))
    }

    /// Word `index` as the offset of a `uint64[]`; every element is checked as a `uint64`.
    pub fn uint64_array(&self, index: usize) -> Result<Vec<u64>, BadCalldata> {
        let (start, len) = self.dynamic(index)?;
        let elements = Args(self.bytes(start, len.checked_mul(32).ok_or(BadCalldata)?)?);
        (0..len).map(|i| elements.uint64(i)).collect()
    }

    /// Word `index` as the offset of a `bytes`; the padding after them is not read.
    pub fn dynamic_bytes(&self, index: usize) -> Result<&'a [u8], BadCalldata> {
        let (start, len) = self.dynamic(index)?;
        self.bytes(start, len)
    }

    /// Word `index` as the offset of a `string`: the bytes must be UTF-8 (as Rust's `String`
    /// and alloy's decoder require); the padding after them is not read.
    pub fn string(&self, index: usize) -> Result<String, BadCalldata> {
        let (start, len) = self.dynamic(index)?;
        let bytes = self.bytes(start, len)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| BadCalldata)
    }
}

#[cfg(test)]
mod tests {
    use alloy_primitives::address;
    use alloy_sol_types::SolType;
    use alloy_sol_types::{SolValue, sol_data};

    use super::*;

    #[test]
    fn dynamic_bytes_decode_as_alloy_does() {
        let holder = address!("0x00000000000000000000000000000000000000a1");
        let payload = alloy_primitives::Bytes::from(vec![1u8, 2, 3, 4, 5]);
        let data = (holder, payload.clone()).abi_encode_params();
        let args = Args::new(&data);
        assert_eq!(args.address(0), Ok(holder));
        assert_eq!(args.dynamic_bytes(1), Ok(&payload[..]));
        let empty = (holder, alloy_primitives::Bytes::new()).abi_encode_params();
        assert_eq!(Args::new(&empty).dynamic_bytes(1), Ok(&[][..]));
        assert_eq!(
            Args::new(&data[..data.len() - 32]).dynamic_bytes(1),
            Err(BadCalldata),
            "the bytes run past the calldata"
        );
    }

    #[test]
    fn static_words_decode_as_alloy_does() {
        let holder = address!("0x00000000000000000000000000000000000000a1");
        let data = (
            holder,
            U256::from(7),
            9u64,
            true,
            U256::from(3),
            U256::from(513),
        )
            .abi_encode_params();
        let args = Args::new(&data);
        assert_eq!(args.address(0), Ok(holder));
        assert_eq!(args.uint256(1), Ok(U256::from(7)));
        assert_eq!(args.uint64(2), Ok(9));
        assert_eq!(args.boolean(3), Ok(true));
        assert_eq!(args.uint8(4), Ok(3));
        assert_eq!(args.uint16(5), Ok(513));
        assert_eq!(args.word(6), Err(BadCalldata), "past the end");
    }

    #[test]
    fn dirty_words_are_refused_like_the_validating_decoder() {
        let mut word = [0u8; 32];
        word[11] = 1;
        assert_eq!(Args::new(&word).address(0), Err(BadCalldata));
        assert!(<sol_data::Address as SolType>::abi_decode_validate(&word).is_err());
        let mut word = [0u8; 32];
        word[23] = 1;
        assert_eq!(Args::new(&word).uint64(0), Err(BadCalldata));
        let mut word = [0u8; 32];
        word[31] = 2;
        assert_eq!(Args::new(&word).boolean(0), Err(BadCalldata));
        let mut word = [0u8; 32];
        word[30] = 1;
        assert_eq!(Args::new(&word).uint8(0), Err(BadCalldata));
        assert_eq!(Args::new(&word).uint16(0), Ok(256));
        let mut word = [0u8; 32];
        word[4] = 1;
        assert_eq!(Args::new(&word).bytes4(0), Err(BadCalldata));
        assert_eq!(Args::new(&word[..31]).uint256(0), Err(BadCalldata), "short");
    }

    #[test]
    fn dynamic_values_decode_as_alloy_does() {
        let owner = address!("0x00000000000000000000000000000000000000b2");
        let epochs: Vec<u64> = vec![1, 5, 9];
        let data = (epochs.clone(), owner).abi_encode_params();
        let args = Args::new(&data);
        assert_eq!(args.uint64_array(0), Ok(epochs));
        assert_eq!(args.address(1), Ok(owner));

        let data = (
            String::from("Restaked ETH"),
            String::from("rstETH"),
            U256::from(18),
        )
            .abi_encode_params();
        let args = Args::new(&data);
        assert_eq!(args.string(0).as_deref(), Ok("Restaked ETH"));
        assert_eq!(args.string(1).as_deref(), Ok("rstETH"));
        assert_eq!(args.uint8(2), Ok(18));

        let empty = (Vec::<u64>::new(),).abi_encode_params();
        assert_eq!(Args::new(&empty).uint64_array(0), Ok(vec![]));
    }

    #[test]
    fn dynamic_values_past_the_end_are_refused() {
        let mut data = (vec![1u64, 2, 3],).abi_encode_params();
        data.truncate(data.len() - 1);
        assert_eq!(Args::new(&data).uint64_array(0), Err(BadCalldata));
        let mut huge = [0u8; 64];
        huge[31] = 32;
        huge[32..].fill(0xff);
        assert_eq!(Args::new(&huge).uint64_array(0), Err(BadCalldata));
        let mut far = [0u8; 32];
        far[24..].fill(0xff);
        assert_eq!(Args::new(&far).string(0), Err(BadCalldata));
    }
}
