//! Return data of an external call, written as ABI words without the generic encoder.
//!
//! The routers of the contracts return what their functions return through these: a static
//! value is one word ([`word`]), a tuple of static values its words one after the other
//! ([`words`]), nothing is no data ([`nothing`]); the few dynamic results (a string, the
//! ERC-5267 domain) are assembled with [`Encoder`].

use alloc::vec::Vec;

use alloy_primitives::{B256, U256};

use crate::abi_words::IntoWord;

/// What a router returns: the return data, or the revert data.
pub type Returned = Result<Vec<u8>, Vec<u8>>;

/// No return data (a function that returns nothing).
pub fn nothing() -> Returned {
    Ok(Vec::new())
}

/// No return data for a function that returns nothing, or its error as revert data.
pub fn unit<E: Into<Vec<u8>>>(result: Result<(), E>) -> Returned {
    result.map(|()| Vec::new()).map_err(Into::into)
}

/// One static value as its word.
pub fn word<T: IntoWord>(value: T) -> Returned {
    Ok(value.into_word().to_vec())
}

/// Static values as their words, one after the other (a tuple of static values).
#[inline(never)]
pub fn words(words: &[B256]) -> Returned {
    let mut out = Vec::with_capacity(words.len().saturating_mul(32));
    for word in words {
        out.extend_from_slice(word.as_slice());
    }
    Ok(out)
}

/// The ABI encoding of a tuple with dynamic members: a head of one word per member (the
/// value of a static member, the offset of a dynamic one) and a tail with the dynamic
/// members' contents, in order.
#[derive(Debug)]
pub struct Encoder {
    head: Vec<u8>,
    tail: Vec<u8>,
    head_len: usize,
}

impl Encoder {
    /// An encoder for a tuple of `members` members.
    pub fn new(members: usize) -> Self {
        Self {
            head: Vec::new(),
            tail: Vec::new(),
            head_len: members.saturating_mul(32),
        }
    }

    /// Appends a static member.
    pub fn push<T: IntoWord>(mut self, value: T) -> Self {
        self.head.extend_from_slice(value.into_word().as_slice());
        self
    }

    /// The offset word of the next dynamic member, which starts at the current end of the tail.
    fn push_offset(&mut self) {
        let offset = self.head_len.saturating_add(self.tail.len());
        self.head
            .extend_from_slice(U256::from(offset).into_word().as_slice());
    }

    /// Appends a `bytes` or `string` member: its length, then its bytes padded to words.
    #[inline(never)]
    pub fn push_bytes(mut self, bytes: &[u8]) -> Self {
        self.push_offset();
        self.tail
            .extend_from_slice(U256::from(bytes.len()).into_word().as_slice());
        self.tail.extend_from_slice(bytes);
        let padding = bytes.len().wrapping_neg() % 32;
        self.tail.resize(self.tail.len().saturating_add(padding), 0);
        self
    }

    /// Appends a `uint256[]` member.
    pub fn push_uint_array(mut self, values: &[U256]) -> Self {
        self.push_offset();
        self.tail
            .extend_from_slice(U256::from(values.len()).into_word().as_slice());
        for value in values {
            self.tail.extend_from_slice(value.into_word().as_slice());
        }
        self
    }

    /// The encoding.
    pub fn finish(mut self) -> Returned {
        self.head.append(&mut self.tail);
        Ok(self.head)
    }
}

/// A single `string` or `bytes` value, as a function returning one returns it.
pub fn string(text: &str) -> Returned {
    Encoder::new(1).push_bytes(text.as_bytes()).finish()
}

#[cfg(test)]
mod tests {
    use alloy_primitives::{FixedBytes, address};
    use alloy_sol_types::SolValue;

    use super::*;

    #[test]
    fn static_values_match_alloy() {
        let a = address!("0x00000000000000000000000000000000000000a1");
        assert_eq!(word(a).unwrap(), a.abi_encode());
        assert_eq!(word(true).unwrap(), true.abi_encode());
        assert_eq!(word(7u64).unwrap(), 7u64.abi_encode());
        assert_eq!(
            words(&[a.into_word(), U256::from(3).into_word()]).unwrap(),
            (a, U256::from(3)).abi_encode_params()
        );
        assert_eq!(nothing().unwrap(), Vec::<u8>::new());
    }

    #[test]
    fn strings_match_alloy() {
        for text in [
            "",
            "rstETH",
            "a name of exactly 32 bytes long!",
            "thirty-three bytes long string..",
        ] {
            assert_eq!(
                string(text).unwrap(),
                text.to_owned().abi_encode(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn mixed_tuples_match_alloy() {
        let contract = address!("0x00000000000000000000000000000000000000c3");
        let ours = Encoder::new(7)
            .push(B256::from(FixedBytes::<32>::left_padding_from(&[0x0f])))
            .push_bytes(b"Restaked ETH")
            .push_bytes(b"1")
            .push(U256::from(412_346))
            .push(contract)
            .push(B256::ZERO)
            .push_uint_array(&[])
            .finish()
            .unwrap();
        let expected = (
            FixedBytes::<32>::left_padding_from(&[0x0f]),
            String::from("Restaked ETH"),
            String::from("1"),
            U256::from(412_346),
            contract,
            B256::ZERO,
            Vec::<U256>::new(),
        )
            .abi_encode_params();
        assert_eq!(ours, expected);
    }
}
