//! The manager's routing table: each selector to its function of [`SlashingManager`],
//! arguments read with [`Args`] and results written with [`returndata`] (see
//! [`restaking_common::router`] for why the SDK's generated router is not used, and what
//! stays the same).

use restaking_common::{
    abi_words::IntoWord,
    access_control,
    calldata::Args,
    returndata::{self, Returned},
    router::Routed,
};

use crate::{SlashingManager, errors::Error};

restaking_common::selectors! {
    REGISTER_SERVICE = "registerService(address,uint64,address)";
    UPDATE_SERVICE = "updateService(address,uint64,address)";
    IS_SERVICE = "isService(address)";
    SERVICE_CONFIG_AT = "serviceConfigAt(address,uint64)";
    SERVICE_RECIPIENT = "serviceRecipient(address)";
    REGISTER_OPERATOR = "registerOperator()";
    IS_OPERATOR = "isOperator(address)";
    OPT_IN_SERVICE = "optInService(address)";
    OPT_OUT_SERVICE = "optOutService(address)";
    OPT_IN_VAULT = "optInVault(address)";
    OPT_OUT_VAULT = "optOutVault(address)";
    IS_OPTED_IN_SERVICE = "isOptedInService(address,address,uint64)";
    IS_OPTED_IN_VAULT = "isOptedInVault(address,address,uint64)";
    SET_ALLOCATION = "setAllocation(address,address,address,uint256)";
    ALLOCATION_AT = "allocationAt(address,address,address,uint64)";
    SLASH_TOTALS = "slashTotals(address,address,address)";
    PENDING_SLASHES = "pendingSlashes(address)";
    SLASHABLE_STAKE = "slashableStake(address,address,address,uint64)";
    REQUEST_SLASH = "requestSlash(address,address,uint256,uint64)";
    VETO_SLASH = "vetoSlash(uint256)";
    CANCEL_SLASH = "cancelSlash(uint256)";
    EXECUTE_SLASH = "executeSlash(uint256)";
    SLASH_REQUEST = "slashRequest(uint256)";
    SLASH_REQUEST_COUNT = "slashRequestCount()";
    MAX_VETO_DURATION = "maxVetoDuration()";
    EXECUTION_WINDOW = "executionWindow()";
    SERVICE_UPDATE_DELAY = "serviceUpdateDelay()";
    OPT_OUT_DELAY = "optOutDelay()";
    ALLOCATION_DELAY = "allocationDelay()";
    PAUSE = "pause()";
    UNPAUSE = "unpause()";
    PAUSED = "paused()";
    DEFAULT_ADMIN_ROLE = "DEFAULT_ADMIN_ROLE()";
    PAUSER_ROLE_ = "PAUSER_ROLE()";
}

impl Routed for SlashingManager {
    fn call(&mut self, selector: u32, a: Args<'_>) -> Option<Returned> {
        Some(match selector {
            REGISTER_SERVICE => (|| {
                let (resolver, veto, recipient) = (a.address(0)?, a.uint64(1)?, a.address(2)?);
                returndata::unit(self.register_service(resolver, veto, recipient))
            })(),
            UPDATE_SERVICE => (|| {
                let (resolver, veto, recipient) = (a.address(0)?, a.uint64(1)?, a.address(2)?);
                returndata::word(self.update_service(resolver, veto, recipient)?)
            })(),
            IS_SERVICE => (|| returndata::word(self.is_service(a.address(0)?)))(),
            SERVICE_CONFIG_AT => (|| {
                let (resolver, veto) = self.service_config_at(a.address(0)?, a.uint64(1)?);
                returndata::words(&[resolver.into_word(), veto.into_word()])
            })(),
            SERVICE_RECIPIENT => (|| {
                let (current, pending, from) = self.service_recipient(a.address(0)?);
                returndata::words(&[current.into_word(), pending.into_word(), from.into_word()])
            })(),
            REGISTER_OPERATOR => returndata::unit(self.register_operator()),
            IS_OPERATOR => (|| returndata::word(self.is_operator(a.address(0)?)))(),
            OPT_IN_SERVICE => (|| returndata::unit(self.opt_in_service(a.address(0)?)))(),
            OPT_OUT_SERVICE => (|| returndata::word(self.opt_out_service(a.address(0)?)?))(),
            OPT_IN_VAULT => (|| returndata::unit(self.opt_in_vault(a.address(0)?)))(),
            OPT_OUT_VAULT => (|| returndata::word(self.opt_out_vault(a.address(0)?)?))(),
            IS_OPTED_IN_SERVICE => (|| {
                let (operator, service, at) = (a.address(0)?, a.address(1)?, a.uint64(2)?);
                returndata::word(self.is_opted_in_service(operator, service, at))
            })(),
            IS_OPTED_IN_VAULT => (|| {
                let (operator, vault, at) = (a.address(0)?, a.address(1)?, a.uint64(2)?);
                returndata::word(self.is_opted_in_vault(operator, vault, at))
            })(),
            SET_ALLOCATION => (|| {
                let (vault, service, operator) = (a.address(0)?, a.address(1)?, a.address(2)?);
                let amount = a.uint256(3)?;
                returndata::word(self.set_allocation(vault, service, operator, amount)?)
            })(),
            ALLOCATION_AT => (|| {
                let (vault, service, operator) = (a.address(0)?, a.address(1)?, a.address(2)?);
                let at = a.uint64(3)?;
                returndata::word(self.allocation_at(vault, service, operator, at))
            })(),
            SLASH_TOTALS => (|| {
                let (vault, service, operator) = (a.address(0)?, a.address(1)?, a.address(2)?);
                let (slashed, pending) = self.slash_totals(vault, service, operator);
                returndata::words(&[slashed.into_word(), pending.into_word()])
            })(),
            PENDING_SLASHES => (|| returndata::word(self.pending_slashes(a.address(0)?)))(),
            SLASHABLE_STAKE => (|| {
                let (vault, service, operator) = (a.address(0)?, a.address(1)?, a.address(2)?);
                let capture = a.uint64(3)?;
                returndata::word(self.slashable_stake(vault, service, operator, capture)?)
            })(),
            REQUEST_SLASH => (|| {
                let (operator, vault) = (a.address(0)?, a.address(1)?);
                let (amount, capture) = (a.uint256(2)?, a.uint64(3)?);
                returndata::word(self.request_slash(operator, vault, amount, capture)?)
            })(),
            VETO_SLASH => (|| returndata::unit(self.veto_slash(a.uint256(0)?)))(),
            CANCEL_SLASH => (|| returndata::unit(self.cancel_slash(a.uint256(0)?)))(),
            EXECUTE_SLASH => (|| returndata::word(self.execute_slash(a.uint256(0)?)?))(),
            SLASH_REQUEST => (|| {
                let (
                    service,
                    operator,
                    vault,
                    resolver,
                    amount,
                    slashed,
                    capture,
                    veto,
                    expiry,
                    status,
                ) = self.slash_request(a.uint256(0)?)?;
                returndata::words(&[
                    service.into_word(),
                    operator.into_word(),
                    vault.into_word(),
                    resolver.into_word(),
                    amount.into_word(),
                    slashed.into_word(),
                    capture.into_word(),
                    veto.into_word(),
                    expiry.into_word(),
                    status.into_word(),
                ])
            })(),
            SLASH_REQUEST_COUNT => returndata::word(self.slash_request_count()),
            MAX_VETO_DURATION => returndata::word(self.max_veto_duration()),
            EXECUTION_WINDOW => returndata::word(self.execution_window()),
            SERVICE_UPDATE_DELAY => returndata::word(self.service_update_delay()),
            OPT_OUT_DELAY => returndata::word(self.opt_out_delay()),
            ALLOCATION_DELAY => returndata::word(self.allocation_delay()),
            PAUSE => returndata::unit(self.pause()),
            UNPAUSE => returndata::unit(self.unpause()),
            PAUSED => returndata::word(self.paused()),
            DEFAULT_ADMIN_ROLE => returndata::word(self.default_admin_role()),
            PAUSER_ROLE_ => returndata::word(self.pauser_role()),
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
        let (admin, max_veto, window) = (a.address(0)?, a.uint64(1)?, a.uint64(2)?);
        let (update_delay, opt_out_delay, allocation_delay) =
            (a.uint64(3)?, a.uint64(4)?, a.uint64(5)?);
        self.constructor(
            admin,
            max_veto,
            window,
            update_delay,
            opt_out_delay,
            allocation_delay,
        )?;
        returndata::nothing()
    }
}

restaking_common::entrypoint!(crate::SlashingManager);

#[cfg(test)]
mod tests {
    #[test]
    fn routes_exactly_the_functions_of_the_committed_abi() {
        restaking_common::router::assert_routes_abi(
            include_str!("../../../abi/SlashingManager.json"),
            &[
                super::SIGNATURES,
                restaking_common::access_control::selectors::SIGNATURES,
            ],
            39,
        );
    }
}
