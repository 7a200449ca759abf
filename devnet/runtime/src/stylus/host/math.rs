//! Arithmetic on 256-bit words (`math_*`) and `native_keccak256`.

use revm::primitives::keccak256;
use stylus_program::pricing::hostio::{self, keccak_price, pow_price};
use wasmi::{Caller, Linker, errors::LinkerError};

use super::{Host, HostState, M};

/// Registers this group's host functions.
pub(super) fn register(linker: &mut Linker<HostState>) -> Result<(), LinkerError> {
    linker.func_wrap(
        M,
        "math_div",
        |caller: Caller<'_, HostState>, value: u32, divisor: u32| {
            // EVM semantics: division by zero gives zero.
            Host { caller }.math(hostio::MATH_DIV_BASE_INK, value, [divisor], |a, [b]| {
                a.checked_div(b).unwrap_or_default()
            })
        },
    )?;

    linker.func_wrap(
        M,
        "math_mod",
        |caller: Caller<'_, HostState>, value: u32, modulus: u32| {
            Host { caller }.math(hostio::MATH_MOD_BASE_INK, value, [modulus], |a, [b]| {
                a.checked_rem(b).unwrap_or_default()
            })
        },
    )?;

    linker.func_wrap(
        M,
        "math_pow",
        |caller: Caller<'_, HostState>, value: u32, exponent: u32| {
            let mut host = Host { caller };
            let exp = host.read_bytes32(exponent)?;
            host.buy_ink(pow_price(&exp.0))?;
            host.math(
                hostio::MATH_POW_BASE_INK,
                value,
                [exponent],
                |base, [exp]| base.wrapping_pow(exp),
            )
        },
    )?;

    linker.func_wrap(
        M,
        "math_add_mod",
        |caller: Caller<'_, HostState>, value: u32, addend: u32, modulus: u32| {
            Host { caller }.math(
                hostio::MATH_ADD_MOD_BASE_INK,
                value,
                [addend, modulus],
                |a, [b, m]| a.add_mod(b, m),
            )
        },
    )?;

    linker.func_wrap(
        M,
        "math_mul_mod",
        |caller: Caller<'_, HostState>, value: u32, multiplier: u32, modulus: u32| {
            Host { caller }.math(
                hostio::MATH_MUL_MOD_BASE_INK,
                value,
                [multiplier, modulus],
                |a, [b, m]| a.mul_mod(b, m),
            )
        },
    )?;

    linker.func_wrap(
        M,
        "native_keccak256",
        |caller: Caller<'_, HostState>, bytes: u32, len: u32, output: u32| {
            let mut host = Host { caller };
            host.buy_ink(keccak_price(len))?;
            let data = host.read_slice(bytes, len)?;
            host.write_slice(output, keccak256(data).as_slice())
        },
    )?;

    Ok(())
}
