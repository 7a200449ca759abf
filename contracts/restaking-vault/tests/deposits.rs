//! Deposits and mints (ERC-4626 face) on native-ETH and ERC-20 vaults, with every rejection
//! leaving the books untouched; the inflation and donation attacks.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used
)]

mod support;

use alloy_primitives::{Address, U256};
use restaking_vault::{FLOW_DEPOSIT, asset::NATIVE_ASSET, errors::*, events::Deposit};
use support::*;

#[test]
fn first_deposit_mints_one_share_per_asset_and_emits_deposit() {
    for native in [true, false] {
        let mut f = deploy(native);
        assert_eq!(f.vault.asset(), if native { NATIVE_ASSET } else { TOKEN });
        assert_eq!(f.vault.share(), LRT);
        let shares = f.deposit(ALICE, 1_000, BOB);
        assert_eq!(shares, n(1_000));
        assert_eq!(f.vault.total_assets(), Ok(n(1_000)));
        assert_eq!(f.vault.get_rate(), Ok(U256::from(10u64.pow(18))));
        let deposit = events::<Deposit>(&f.host).pop().unwrap();
        assert_eq!(
            (
                deposit.sender,
                deposit.owner,
                deposit.assets,
                deposit.shares
            ),
            (ALICE, BOB, n(1_000), n(1_000))
        );
    }
}

#[test]
fn mint_charges_assets_rounded_up() {
    let mut f = deploy(true);
    f.deposit(ALICE, 1_000, ALICE);
    // Raise the rate: rewards of 900 (fee 90) fully vested -> 1_810 assets for 1_000 shares.
    f.vm.set_sender(BOB);
    f.vm.set_value(n(900));
    f.expect_payout(TREASURY, n(90));
    f.vault.distribute_rewards(n(900)).unwrap();
    f.vm.set_value(U256::ZERO);
    f.at(START + VESTING);
    let assets = f.vault.preview_mint(n(3)).unwrap();
    // 3 * 1_811 / 1_001 = 5.42... -> 6
    assert_eq!(assets, n(6));
    assert_eq!(f.vault.preview_deposit(n(6)), Ok(n(3)));
    f.expect_payment(BOB, assets);
    f.expect_mint(BOB, n(3));
    f.vm.set_sender(BOB);
    assert_eq!(f.vault.mint(n(3), BOB), Ok(n(6)));
}

#[test]
fn bad_deposits_are_rejected_and_change_nothing() {
    let mut f = deploy(true);
    f.deposit(ALICE, 1_000, ALICE);
    let logs = log_count(&f.host);
    f.vm.set_sender(ALICE);

    f.vm.set_value(U256::ZERO);
    assert_eq!(
        f.vault.deposit(U256::ZERO, ALICE),
        Err(Error::ZeroAmount(RestakingVaultZeroAmount {}))
    );
    f.vm.set_value(n(5));
    assert_eq!(
        f.vault.deposit(n(5), Address::ZERO),
        Err(Error::ZeroAddress(RestakingVaultZeroAddress {}))
    );
    // msg.value must equal the assets in a native vault.
    f.vm.set_value(n(4));
    assert_eq!(
        f.vault.deposit(n(5), ALICE),
        Err(Error::InvalidValue(RestakingVaultInvalidValue {
            value: n(4),
            expected: n(5)
        }))
    );
    f.vm.set_value(n(5));
    assert_eq!(
        f.vault.deposit_with_min_shares(n(5), ALICE, n(6)),
        Err(Error::Slippage(RestakingVaultSlippage {
            shares: n(5),
            minShares: n(6)
        }))
    );
    f.vm.set_value(U256::ZERO);
    assert_eq!(
        f.vault.mint(U256::ZERO, ALICE),
        Err(Error::ZeroShares(RestakingVaultZeroShares {}))
    );
    assert_eq!(f.vault.total_assets(), Ok(n(1_000)));
    assert_eq!(log_count(&f.host), logs);
}

#[test]
fn erc20_vault_rejects_value_and_failed_transfers() {
    let mut f = deploy(false);
    f.vm.set_sender(ALICE);
    f.vm.set_value(n(1));
    assert_eq!(
        f.vault.deposit(n(10), ALICE),
        Err(Error::InvalidValue(RestakingVaultInvalidValue {
            value: n(1),
            expected: U256::ZERO
        }))
    );
    f.vm.set_value(U256::ZERO);
    // A token returning false.
    f.expect_call(
        TOKEN,
        alloy_sol_types::SolCall::abi_encode(&transferFromCall {
            from: ALICE,
            to: f.vm_contract(),
            value: n(10),
        }),
        U256::ZERO,
        Ok(U256::ZERO.to_be_bytes::<32>().to_vec()),
    );
    assert_eq!(
        f.vault.deposit(n(10), ALICE),
        Err(Error::AssetTransferFailed(
            RestakingVaultAssetTransferFailed { asset: TOKEN }
        ))
    );
    // A token returning nothing is accepted (USDT-style).
    f.expect_call(
        TOKEN,
        alloy_sol_types::SolCall::abi_encode(&transferFromCall {
            from: ALICE,
            to: f.vm_contract(),
            value: n(10),
        }),
        U256::ZERO,
        Ok(vec![]),
    );
    f.expect_mint(ALICE, n(10));
    assert_eq!(f.vault.deposit(n(10), ALICE), Ok(n(10)));
}

#[test]
fn cap_minimum_and_pause_bound_deposits_and_max_views() {
    let mut f = deploy(true);
    f.vm.set_sender(ADMIN);
    use restaking_vault::admin::IVaultAdmin;
    f.vault.set_deposit_cap(n(1_500)).unwrap();
    f.vault.set_min_deposit(n(100)).unwrap();
    f.deposit(ALICE, 1_000, ALICE);
    assert_eq!(f.vault.max_deposit(ALICE), n(500));
    assert_eq!(f.vault.max_mint(ALICE), n(500));

    f.vm.set_sender(ALICE);
    f.vm.set_value(n(99));
    assert_eq!(
        f.vault.deposit(n(99), ALICE),
        Err(Error::BelowMinDeposit(RestakingVaultBelowMinDeposit {
            assets: n(99),
            minDeposit: n(100)
        }))
    );
    f.vm.set_value(n(501));
    assert_eq!(
        f.vault.deposit(n(501), ALICE),
        Err(Error::DepositCapExceeded(
            RestakingVaultDepositCapExceeded {
                assets: n(501),
                max: n(500)
            }
        ))
    );

    f.vm.set_sender(PAUSER);
    f.vault.pause(FLOW_DEPOSIT).unwrap();
    assert_eq!(f.vault.max_deposit(ALICE), U256::ZERO);
    assert_eq!(f.vault.max_mint(ALICE), U256::ZERO);
    f.vm.set_sender(ALICE);
    f.vm.set_value(n(100));
    assert!(matches!(
        f.vault.deposit(n(100), ALICE),
        Err(Error::EnforcedPause(_))
    ));
    assert_eq!(f.vault.total_assets(), Ok(n(1_000)));
}

#[test]
fn a_donation_does_not_move_the_rate() {
    let mut f = deploy(true);
    f.deposit(ALICE, 1_000, ALICE);
    let rate = f.vault.get_rate().unwrap();
    // Ether sent to the vault outside its functions (a donation) is not in the books.
    f.vm.set_balance(f.vm_contract(), n(1_000_000));
    assert_eq!(f.vault.get_rate(), Ok(rate));
    assert_eq!(f.vault.total_assets(), Ok(n(1_000)));
    assert_eq!(f.vault.convert_to_assets(n(1_000)), Ok(n(1_000)));
}

#[test]
fn inflation_attack_costs_the_attacker_and_bounds_the_victims_loss() {
    let mut f = deploy(true);
    // The attacker deposits the minimum (1 wei) and inflates the lone share with rewards.
    let attacker = BOB;
    let attacker_shares = f.deposit(attacker, 1, attacker);
    let donated = 10_000u64;
    f.vm.set_sender(attacker);
    f.vm.set_value(n(donated));
    f.expect_payout(TREASURY, n(donated / 10));
    f.vault.distribute_rewards(n(donated)).unwrap();
    f.vm.set_value(U256::ZERO);
    f.at(START + VESTING);

    // A victim depositing less than a share's worth gets no shares: the deposit is refused.
    f.vm.set_sender(ALICE);
    f.vm.set_value(n(4_000));
    assert_eq!(
        f.vault.deposit(n(4_000), ALICE),
        Err(Error::ZeroShares(RestakingVaultZeroShares {}))
    );
    f.vm.set_value(U256::ZERO);

    // A larger deposit loses at most one share's worth to rounding...
    let victim_assets = 15_000u64;
    let victim_shares = f.deposit(ALICE, victim_assets, ALICE);
    let total_shares = attacker_shares + victim_shares;
    let total_assets = f.vault.total_assets().unwrap();
    let value = |shares: U256| shares * (total_assets + n(1)) / (total_shares + n(1));
    let victim_value = value(victim_shares);
    let one_share = value(n(1));
    assert!(
        victim_value + one_share >= n(victim_assets),
        "victim lost more than a share"
    );
    // ...and the attacker gets back less than it paid (1 + 10_000).
    assert!(value(attacker_shares) < n(1 + donated));
}
