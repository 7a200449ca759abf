//! The manager's test chain: the shared decoding host (`restaking-test-host`) with model
//! restaking vaults that answer the manager's calls by decoding their calldata; a call no model
//! vault understands is recorded, and the tests check there is none.

use std::collections::HashMap;

use alloy_primitives::{Address, U256};
use alloy_sol_types::{SolCall, sol};
use restaking_test_host::{CallKind, DecodingHost, OutgoingCall, Responder};
use slashing_manager::vault::CURATOR_ROLE;

sol! {
    /// The vault functions the manager calls (the agreed interface).
    interface IRestakingVault {
        function hasRole(bytes32 role, address account) external view returns (bool);
        function epochDuration() external view returns (uint64);
        function slashableStake(uint64 captureTimestamp) external view returns (uint256);
        function onSlash(uint256 amount, uint64 captureTimestamp, address recipient)
            external returns (uint256 slashed);
        function holdSlash(uint256 amount, uint64 captureTimestamp, uint64 until)
            external returns (uint256 slashableStake, uint64 epochDuration);
        function releaseSlash(uint256 amount) external;
    }
}

/// How a model vault answers `onSlash`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlashBehaviour {
    /// Slashes `min(amount, slashable)`, as the real vault.
    Honest,
    /// Reverts.
    Revert,
    /// Claims to have slashed `amount + 1`.
    OverReport,
    /// Returns no data.
    Empty,
}

/// A vault reduced to what the manager sees: curators, epochs, one slashable stake figure.
#[derive(Clone, Debug)]
pub struct ModelVault {
    /// Accounts holding `CURATOR_ROLE`.
    pub curators: Vec<Address>,
    /// Seconds per epoch; epochs start at timestamp 0.
    pub epoch_duration: u64,
    /// What is slashable for any capture inside the window.
    pub stake: U256,
    /// Total sent to recipients by `onSlash`.
    pub slashed_total: U256,
    /// Every `onSlash`: (amount, capture, recipient, slashed).
    pub slashes: Vec<(U256, u64, Address, U256)>,
    /// The answer to `onSlash`.
    pub on_slash: SlashBehaviour,
    /// When set, the views (`hasRole`, `epochDuration`, `slashableStake`) revert, and so does
    /// `holdSlash`, which answers the same figures.
    pub views_revert: bool,
    /// What the manager holds pending (`holdSlash` adds, `releaseSlash` and `onSlash` remove).
    pub pending: U256,
    /// Every `holdSlash`: (amount, until as the vault keeps it, i.e. at most
    /// `capture + epoch_duration + 1`).
    pub holds: Vec<(U256, u64)>,
    /// When set, `holdSlash` and `releaseSlash` revert (the manager lost `SLASHER_ROLE`).
    pub holds_revert: bool,
}

impl ModelVault {
    /// A vault with `stake` and epochs of `epoch_duration` seconds.
    pub fn new(stake: u64, epoch_duration: u64) -> Self {
        Self {
            curators: Vec::new(),
            epoch_duration,
            stake: U256::from(stake),
            slashed_total: U256::ZERO,
            slashes: Vec::new(),
            on_slash: SlashBehaviour::Honest,
            views_revert: false,
            pending: U256::ZERO,
            holds: Vec::new(),
            holds_revert: false,
        }
    }

    /// The vault's rule: the stake for captures in the current or the previous epoch, zero for
    /// captures in the future or older.
    pub fn slashable_stake(&self, capture: u64, now: u64) -> U256 {
        if capture > now {
            return U256::ZERO;
        }
        let epoch = |t: u64| t / self.epoch_duration.max(1);
        if epoch(now) > epoch(capture) + 1 {
            return U256::ZERO;
        }
        self.stake
    }
}

/// The model vaults at their addresses, and the calls none of them understood.
#[derive(Clone, Default)]
pub struct Vaults {
    vaults: HashMap<Address, ModelVault>,
    /// Calls that reached no model vault or an unknown selector: (to, calldata).
    unexpected: Vec<(Address, Vec<u8>)>,
}

impl Responder for Vaults {
    fn answer(&mut self, call_made: &OutgoingCall) -> Result<Vec<u8>, Vec<u8>> {
        let (to, data, now) = (call_made.to, call_made.data.as_slice(), call_made.now);
        let mutating = call_made.kind == CallKind::Mutating;
        let Some(vault) = self.vaults.get_mut(&to) else {
            self.unexpected.push((to, data.to_vec()));
            return Ok(Vec::new());
        };
        assert!(call_made.value.is_zero(), "the manager never sends value");
        let selector = call_made.selector();
        let view_reverts = vault.views_revert;
        match selector {
            IRestakingVault::hasRoleCall::SELECTOR => {
                let call = IRestakingVault::hasRoleCall::abi_decode(data).expect("hasRole");
                if view_reverts {
                    return Err(b"view reverted".to_vec());
                }
                let held = call.role == CURATOR_ROLE && vault.curators.contains(&call.account);
                Ok(IRestakingVault::hasRoleCall::abi_encode_returns(&held))
            }
            IRestakingVault::epochDurationCall::SELECTOR => {
                IRestakingVault::epochDurationCall::abi_decode(data).expect("epochDuration");
                if view_reverts {
                    return Err(b"view reverted".to_vec());
                }
                Ok(IRestakingVault::epochDurationCall::abi_encode_returns(
                    &vault.epoch_duration,
                ))
            }
            IRestakingVault::slashableStakeCall::SELECTOR => {
                let call =
                    IRestakingVault::slashableStakeCall::abi_decode(data).expect("slashableStake");
                if view_reverts {
                    return Err(b"view reverted".to_vec());
                }
                let stake = vault.slashable_stake(call.captureTimestamp, now);
                Ok(IRestakingVault::slashableStakeCall::abi_encode_returns(
                    &stake,
                ))
            }
            IRestakingVault::onSlashCall::SELECTOR => {
                let call = IRestakingVault::onSlashCall::abi_decode(data).expect("onSlash");
                assert!(mutating, "onSlash must not be a static call");
                match vault.on_slash {
                    SlashBehaviour::Revert => return Err(b"slash refused".to_vec()),
                    SlashBehaviour::Empty => return Ok(Vec::new()),
                    SlashBehaviour::OverReport => {
                        return Ok(IRestakingVault::onSlashCall::abi_encode_returns(
                            &(call.amount + U256::from(1)),
                        ));
                    }
                    SlashBehaviour::Honest => {}
                }
                assert!(!call.amount.is_zero(), "the vault rejects zero slashes");
                let slashable = vault.slashable_stake(call.captureTimestamp, now);
                let slashed = call.amount.min(slashable);
                vault.stake -= slashed;
                vault.slashed_total += slashed;
                vault
                    .slashes
                    .push((call.amount, call.captureTimestamp, call.recipient, slashed));
                vault.pending = vault.pending.saturating_sub(call.amount);
                Ok(IRestakingVault::onSlashCall::abi_encode_returns(&slashed))
            }
            IRestakingVault::holdSlashCall::SELECTOR => {
                let call = IRestakingVault::holdSlashCall::abi_decode(data).expect("holdSlash");
                assert!(mutating, "holdSlash must not be a static call");
                if vault.holds_revert || view_reverts {
                    return Err(b"hold refused".to_vec());
                }
                assert!(!call.amount.is_zero(), "the vault rejects zero holds");
                let stake = vault.slashable_stake(call.captureTimestamp, now);
                let last = call.captureTimestamp + vault.epoch_duration + 1;
                vault.pending += call.amount;
                vault.holds.push((call.amount, call.until.min(last)));
                Ok(IRestakingVault::holdSlashCall::abi_encode_returns(
                    &IRestakingVault::holdSlashReturn {
                        slashableStake: stake,
                        epochDuration: vault.epoch_duration,
                    },
                ))
            }
            IRestakingVault::releaseSlashCall::SELECTOR => {
                let call =
                    IRestakingVault::releaseSlashCall::abi_decode(data).expect("releaseSlash");
                assert!(mutating, "releaseSlash must not be a static call");
                if vault.holds_revert {
                    return Err(b"release refused".to_vec());
                }
                assert!(!call.amount.is_zero(), "the vault rejects zero releases");
                vault.pending = vault.pending.saturating_sub(call.amount);
                Ok(Vec::new())
            }
            _ => {
                self.unexpected.push((to, data.to_vec()));
                Ok(Vec::new())
            }
        }
    }
}

/// The test chain: the manager runs on it as `SlashingManager::from(&chain)`.
pub type Chain = DecodingHost<Vaults>;

/// The model vaults on a [`Chain`].
pub trait ChainVaults {
    /// Deploys a model vault at `address`.
    fn add_vault(&self, address: Address, vault: ModelVault);
    /// The model vault at `address`.
    fn vault(&self, address: Address) -> ModelVault;
    /// Changes the model vault at `address`.
    fn with_vault<R>(&self, address: Address, f: impl FnOnce(&mut ModelVault) -> R) -> R;
    /// Calls the manager made that no model vault understands.
    fn unexpected_calls(&self) -> Vec<(Address, Vec<u8>)>;
}

impl ChainVaults for Chain {
    fn add_vault(&self, address: Address, vault: ModelVault) {
        self.with_responder(|world| world.vaults.insert(address, vault));
    }

    fn vault(&self, address: Address) -> ModelVault {
        self.with_responder(|world| world.vaults[&address].clone())
    }

    fn with_vault<R>(&self, address: Address, f: impl FnOnce(&mut ModelVault) -> R) -> R {
        self.with_responder(|world| f(world.vaults.get_mut(&address).expect("known vault")))
    }

    fn unexpected_calls(&self) -> Vec<(Address, Vec<u8>)> {
        self.with_responder(|world| world.unexpected.clone())
    }
}
