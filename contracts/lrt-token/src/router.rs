//! The token's routing table: each selector to its function of [`LrtToken`], arguments read
//! with [`Args`] and results written with [`returndata`] (see [`restaking_common::router`]
//! for why the SDK's generated router is not used, and what stays the same).

use crate::{LrtToken, errors::Error};
use restaking_common::{
    access_control,
    calldata::Args,
    returndata::{self, Encoder, Returned},
    router::Routed,
};

restaking_common::selectors! {
    NAME = "name()";
    SYMBOL = "symbol()";
    DECIMALS = "decimals()";
    TOTAL_SUPPLY = "totalSupply()";
    BALANCE_OF = "balanceOf(address)";
    TRANSFER = "transfer(address,uint256)";
    ALLOWANCE = "allowance(address,address)";
    APPROVE = "approve(address,uint256)";
    TRANSFER_FROM = "transferFrom(address,address,uint256)";
    MINT = "mint(address,uint256)";
    BURN = "burn(address,uint256)";
    BURN_FROM = "burnFrom(address,address,uint256)";
    PERMIT = "permit(address,address,uint256,uint256,uint8,bytes32,bytes32)";
    NONCES = "nonces(address)";
    DOMAIN_SEPARATOR = "DOMAIN_SEPARATOR()";
    EIP712_DOMAIN = "eip712Domain()";
    SUPPORTS_INTERFACE = "supportsInterface(bytes4)";
    DEFAULT_ADMIN_ROLE = "DEFAULT_ADMIN_ROLE()";
    MINTER_ROLE_ = "MINTER_ROLE()";
}

impl Routed for LrtToken {
    fn call(&mut self, selector: u32, a: Args<'_>) -> Option<Returned> {
        Some(match selector {
            NAME => returndata::string(&self.name()),
            SYMBOL => returndata::string(&self.symbol()),
            DECIMALS => returndata::word(self.decimals()),
            TOTAL_SUPPLY => returndata::word(self.total_supply()),
            BALANCE_OF => (|| returndata::word(self.balance_of(a.address(0)?)))(),
            TRANSFER => (|| {
                let (to, value) = (a.address(0)?, a.uint256(1)?);
                returndata::word(self.transfer(to, value)?)
            })(),
            ALLOWANCE => (|| returndata::word(self.allowance(a.address(0)?, a.address(1)?)))(),
            APPROVE => (|| {
                let (spender, value) = (a.address(0)?, a.uint256(1)?);
                returndata::word(self.approve(spender, value)?)
            })(),
            TRANSFER_FROM => (|| {
                let (from, to, value) = (a.address(0)?, a.address(1)?, a.uint256(2)?);
                returndata::word(self.transfer_from(from, to, value)?)
            })(),
            MINT => (|| {
                let (to, amount) = (a.address(0)?, a.uint256(1)?);
                returndata::unit(self.mint(to, amount))
            })(),
            BURN => (|| {
                let (from, amount) = (a.address(0)?, a.uint256(1)?);
                returndata::unit(self.burn(from, amount))
            })(),
            BURN_FROM => (|| {
                let (from, spender, amount) = (a.address(0)?, a.address(1)?, a.uint256(2)?);
                returndata::unit(self.burn_from(from, spender, amount))
            })(),
            PERMIT => (|| {
                let (owner, spender, value) = (a.address(0)?, a.address(1)?, a.uint256(2)?);
                let (deadline, v) = (a.uint256(3)?, a.uint8(4)?);
                let (r, s) = (a.bytes32(5)?, a.bytes32(6)?);
                returndata::unit(self.permit(owner, spender, value, deadline, v, r, s))
            })(),
            NONCES => (|| returndata::word(self.nonces(a.address(0)?)))(),
            DOMAIN_SEPARATOR => returndata::word(self.domain_separator()),
            EIP712_DOMAIN => {
                let (fields, name, version, chain_id, contract, salt, extensions) =
                    self.eip712_domain();
                Encoder::new(7)
                    .push(fields)
                    .push_bytes(name.as_bytes())
                    .push_bytes(version.as_bytes())
                    .push(chain_id)
                    .push(contract)
                    .push(salt)
                    .push_uint_array(&extensions)
                    .finish()
            }
            SUPPORTS_INTERFACE => (|| returndata::word(self.supports_interface(a.bytes4(0)?)))(),
            DEFAULT_ADMIN_ROLE => returndata::word(self.default_admin_role()),
            MINTER_ROLE_ => returndata::word(self.minter_role()),
            access_control::selectors::GRANT_ROLE => {
                (|| returndata::unit(self.grant_role(a.bytes32(0)?, a.address(1)?)))()
            }
            #[cfg(feature = "uups")]
            restaking_common::uups::UPGRADE_TO_AND_CALL
            | restaking_common::uups::PROXIABLE_UUID => {
                return restaking_common::uups::route::<Error>(&self.roles, selector, a);
            }
            _ => return access_control::route::<Error>(&mut self.roles, selector, a),
        })
    }

    fn is_payable(_selector: u32) -> bool {
        false
    }

    fn construct(&mut self, a: Args<'_>) -> Returned {
        let (name, symbol) = (a.string(0)?, a.string(1)?);
        let (decimals, admin) = (a.uint8(2)?, a.address(3)?);
        returndata::unit(self.constructor(name, symbol, decimals, admin))
    }
}

restaking_common::entrypoint!(crate::LrtToken);

#[cfg(test)]
mod tests {
    #[test]
    fn routes_exactly_the_functions_of_the_committed_abi() {
        restaking_common::router::assert_routes_abi(
            include_str!("../../../abi/LrtToken.json"),
            &[
                super::SIGNATURES,
                restaking_common::access_control::selectors::SIGNATURES,
            ],
            24,
        );
    }
}
