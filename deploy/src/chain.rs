//! The RPC side: a provider that signs, typed calls and transactions, receipts, revert
//! reasons in words, and the ABIs involved.

use std::time::Duration;

use alloy_network::{EthereumWallet, TransactionBuilder};
use alloy_primitives::{Address, B256, Bytes, U256, utils::format_ether};
use alloy_provider::{DynProvider, Provider, ProviderBuilder};
use alloy_rpc_types_eth::{
    BlockNumberOrTag, TransactionReceipt, TransactionRequest, state::StateOverride,
};
use alloy_signer_local::PrivateKeySigner;
use alloy_sol_types::{SolCall, SolInterface, sol};
use anyhow::{Context, anyhow, bail};

/// The protocol's interfaces, from the generated `abi/*.sol`.
#[allow(missing_docs)]
pub mod abi {
    alloy_sol_types::sol!(
        #![sol(all_derives)]
        "../abi/LrtToken.sol"
    );
    alloy_sol_types::sol!(
        #![sol(all_derives)]
        "../abi/RestakingVault.sol"
    );
    alloy_sol_types::sol!(
        #![sol(all_derives)]
        "../abi/SlashingManager.sol"
    );
}
pub use abi::{ILrtToken, IRestakingVault, ISlashingManager};

sol! {
    #![sol(all_derives)]
    /// The StylusDeployer (stylus-tools' interface).
    #[allow(missing_docs)]
    interface IStylusDeployer {
        function deploy(bytes bytecode, bytes initData, uint256 initValue, bytes32 salt) external payable returns (address);
        event ContractDeployed(address deployedContract);
        error ContractDeploymentError(bytes bytecode);
        error ContractInitializationError(address newContract, bytes data);
        error RefundExcessValueError(uint256 excessValue);
        error EmptyBytecode();
        error InitValueButNotInitData();
    }

    /// The part of ArbWasm (0x…71) the tool uses, with Nitro's errors.
    #[allow(missing_docs)]
    interface IArbWasm {
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
        function stylusVersion() external view returns (uint16 version);
        function codehashVersion(bytes32 codehash) external view returns (uint16 version);
        function programVersion(address program) external view returns (uint16 version);
        function programTimeLeft(address program) external view returns (uint64 _secs);
        function codehashKeepalive(bytes32 codehash) external payable;
        function expiryDays() external view returns (uint16 _days);
        function keepaliveDays() external view returns (uint16 _days);
        event ProgramLifetimeExtended(bytes32 indexed codehash, uint256 dataFee);
        error ProgramNotWasm();
        error ProgramNotActivated();
        error ProgramNeedsUpgrade(uint16 version, uint16 stylusVersion);
        error ProgramExpired(uint64 ageInSeconds);
        error ProgramUpToDate();
        error ProgramKeepaliveTooSoon(uint64 ageInSeconds);
        error ProgramInsufficientValue(uint256 have, uint256 want);
    }

    /// The part of ArbWasmCache (0x…72) the tool reads.
    #[allow(missing_docs)]
    interface IArbWasmCache {
        function codehashIsCached(bytes32 codehash) external view returns (bool);
    }

    /// The constructor entry point of stylus-sdk 0.10 programs.
    #[allow(missing_docs)]
    function stylus_constructor();

    /// Solidity's revert reason and panic.
    #[allow(missing_docs)]
    interface IStd {
        error Error(string reason);
        error Panic(uint256 code);
    }
}

/// ArbWasm's address.
pub const ARB_WASM: Address = Address::new([
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x71,
]);

/// ArbWasmCache's address.
pub const ARB_WASM_CACHE: Address = Address::new([
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x72,
]);

/// Revert data in words: decoded against every ABI involved, else hex.
pub fn describe_revert(data: &[u8]) -> String {
    fn try_decode<I: SolInterface + std::fmt::Debug>(data: &[u8]) -> Option<String> {
        I::abi_decode(data).ok().map(|error| format!("{error:?}"))
    }
    if data.is_empty() {
        return "reverted without data".to_string();
    }
    if let Ok(IStd::IStdErrors::Error(error)) = IStd::IStdErrors::abi_decode(data) {
        return format!("Error({:?})", error.reason);
    }
    // A StylusDeployer initialisation failure carries the constructor's own error.
    if let Ok(IStylusDeployer::IStylusDeployerErrors::ContractInitializationError(error)) =
        IStylusDeployer::IStylusDeployerErrors::abi_decode(data)
    {
        return format!(
            "the constructor of {} failed: {}",
            error.newContract,
            describe_revert(&error.data)
        );
    }
    try_decode::<IStd::IStdErrors>(data)
        .or_else(|| try_decode::<IArbWasm::IArbWasmErrors>(data))
        .or_else(|| try_decode::<IStylusDeployer::IStylusDeployerErrors>(data))
        .or_else(|| try_decode::<ILrtToken::ILrtTokenErrors>(data))
        .or_else(|| try_decode::<IRestakingVault::IRestakingVaultErrors>(data))
        .or_else(|| try_decode::<ISlashingManager::ISlashingManagerErrors>(data))
        .unwrap_or_else(|| format!("revert data {}", Bytes::copy_from_slice(data)))
}

/// An RPC error in words, with the revert decoded when there is one.
pub fn describe_rpc_error<E: std::fmt::Display>(
    error: &alloy_json_rpc_error::RpcError<E>,
) -> String {
    if let Some(payload) = error.as_error_resp() {
        if let Some(data) = payload.as_revert_data() {
            return format!("{} ({})", describe_revert(&data), payload.message);
        }
        return payload.message.to_string();
    }
    error.to_string()
}

/// Re-exported so callers name the error type.
pub mod alloy_json_rpc_error {
    pub use alloy_provider::transport::RpcError;
}

/// Ether with its unit.
pub fn eth(wei: U256) -> String {
    let text = format_ether(wei);
    let trimmed = text.trim_end_matches('0').trim_end_matches('.');
    format!("{trimmed} ETH")
}

/// A provider signing as `signers` (the first is the default sender).
pub fn connect(url: &str, signers: &[PrivateKeySigner]) -> anyhow::Result<DynProvider> {
    let url = url
        .parse()
        .with_context(|| format!("invalid RPC URL {url:?}"))?;
    let mut iter = signers.iter().cloned();
    let first = iter.next().context("no signer")?;
    let mut wallet = EthereumWallet::from(first);
    for signer in iter {
        wallet.register_signer(signer);
    }
    Ok(ProviderBuilder::new()
        .wallet(wallet)
        .connect_http(url)
        .erased())
}

/// A view call; the decoded return, or the revert in words.
pub async fn view<C: SolCall>(
    provider: &DynProvider,
    to: Address,
    call: C,
) -> anyhow::Result<C::Return> {
    let tx = TransactionRequest::default()
        .with_to(to)
        .with_input(call.abi_encode());
    let output = provider
        .call(tx)
        .await
        .map_err(|error| anyhow!("{}: {}", C::SIGNATURE, describe_rpc_error(&error)))?;
    C::abi_decode_returns(&output)
        .map_err(|error| anyhow!("{}: cannot decode the answer: {error}", C::SIGNATURE))
}

/// A view with state overrides.
pub async fn view_with<C: SolCall>(
    provider: &DynProvider,
    from: Address,
    to: Address,
    call: C,
    value: U256,
    overrides: StateOverride,
) -> anyhow::Result<C::Return> {
    let tx = TransactionRequest::default()
        .with_from(from)
        .with_to(to)
        .with_value(value)
        .with_input(call.abi_encode());
    let output = provider
        .call(tx)
        .overrides(overrides)
        .await
        .map_err(|error| anyhow!("{}: {}", C::SIGNATURE, describe_rpc_error(&error)))?;
    C::abi_decode_returns(&output)
        .map_err(|error| anyhow!("{}: cannot decode the answer: {error}", C::SIGNATURE))
}

/// `eth_estimateGas` of `tx` (with overrides); the revert in words on failure.
pub async fn estimate(
    provider: &DynProvider,
    tx: &TransactionRequest,
    overrides: Option<StateOverride>,
) -> anyhow::Result<u64> {
    provider
        .estimate_gas(tx.clone())
        .overrides_opt(overrides)
        .await
        .map_err(|error| anyhow!("{}", describe_rpc_error(&error)))
}

/// The fees the next transactions pay: (max fee per gas, max priority fee per gas).
pub async fn fees(provider: &DynProvider) -> anyhow::Result<(u128, u128)> {
    let estimate = provider
        .estimate_eip1559_fees()
        .await
        .map_err(|error| anyhow!("cannot estimate fees: {error}"))?;
    Ok((estimate.max_fee_per_gas, estimate.max_priority_fee_per_gas))
}

/// The latest block's timestamp.
pub async fn latest_timestamp(provider: &DynProvider) -> anyhow::Result<u64> {
    let block = provider
        .get_block_by_number(BlockNumberOrTag::Latest)
        .await?
        .context("no latest block")?;
    Ok(block.header.timestamp)
}

/// The genesis block's hash.
pub async fn genesis_hash(provider: &DynProvider) -> anyhow::Result<B256> {
    let block = provider
        .get_block_by_number(BlockNumberOrTag::Earliest)
        .await?
        .context("no genesis block")?;
    Ok(block.header.hash)
}

/// Waits for `hash`'s receipt, polling; prints a line every 15 s so a long wait shows.
pub async fn wait_receipt(
    provider: &DynProvider,
    hash: B256,
    timeout: Duration,
) -> anyhow::Result<TransactionReceipt> {
    let start = std::time::Instant::now();
    let mut last_note = start;
    let mut delay = Duration::from_millis(50);
    loop {
        if let Some(receipt) = provider.get_transaction_receipt(hash).await? {
            return Ok(receipt);
        }
        if start.elapsed() > timeout {
            bail!(
                "transaction {hash} not mined after {} s; rerun the command to pick it up",
                timeout.as_secs()
            );
        }
        if last_note.elapsed() > Duration::from_secs(15) {
            println!(
                "        … waiting for {hash} ({} s)",
                start.elapsed().as_secs()
            );
            last_note = std::time::Instant::now();
        }
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(Duration::from_secs(2));
    }
}

/// A transaction, sent: the fees and gas limit set explicitly from estimates, the sender's
/// balance checked first.
pub struct Sent {
    /// Its hash.
    pub hash: B256,
    /// Its gas limit.
    pub gas_limit: u64,
}

/// Estimates, checks the balance, signs and sends `tx` from `from` (no waiting).
pub async fn send(
    provider: &DynProvider,
    from: Address,
    tx: TransactionRequest,
) -> anyhow::Result<Sent> {
    let tx = tx.with_from(from);
    let estimated = estimate(provider, &tx, None).await?;
    // 20% over the estimate (a state change between estimate and inclusion).
    let gas_limit = estimated.saturating_add(estimated / 5);
    let (max_fee, priority) = fees(provider).await?;
    let value = tx.value.unwrap_or_default();
    let needed = U256::from(gas_limit)
        .saturating_mul(U256::from(max_fee))
        .saturating_add(value);
    let balance = provider.get_balance(from).await?;
    if balance < needed {
        return Err(crate::DeployError::InsufficientFunds {
            account: from,
            balance,
            needed,
        }
        .into());
    }
    let tx = tx
        .with_gas_limit(gas_limit)
        .with_max_fee_per_gas(max_fee)
        .with_max_priority_fee_per_gas(priority);
    let pending = provider
        .send_transaction(tx)
        .await
        .map_err(|error| anyhow!("sending failed: {}", describe_rpc_error(&error)))?;
    Ok(Sent {
        hash: *pending.tx_hash(),
        gas_limit,
    })
}

/// Sends a typed call from `from` and waits for a successful receipt.
pub async fn transact<C: SolCall>(
    provider: &DynProvider,
    from: Address,
    to: Address,
    call: C,
    value: U256,
) -> anyhow::Result<TransactionReceipt> {
    let tx = TransactionRequest::default()
        .with_to(to)
        .with_value(value)
        .with_input(call.abi_encode());
    let sent = send(provider, from, tx)
        .await
        .with_context(|| format!("{} from {from}", C::SIGNATURE))?;
    let receipt = wait_receipt(provider, sent.hash, Duration::from_secs(600)).await?;
    if !receipt.status() {
        bail!(
            "{} from {from}: transaction {} reverted",
            C::SIGNATURE,
            sent.hash
        );
    }
    Ok(receipt)
}

/// A provider that only reads.
pub fn connect_readonly(url: &str) -> anyhow::Result<DynProvider> {
    let url = url
        .parse()
        .with_context(|| format!("invalid RPC URL {url:?}"))?;
    Ok(ProviderBuilder::new().connect_http(url).erased())
}
