//! Deploying programs and contracts onto a [`Chain`] the way users do on Arbitrum:
//! Solidity by CREATE, Stylus through the StylusDeployer (deploy, activate and construct in
//! one transaction) or by CREATE then `ArbWasm.activateProgram`.
//!
//! Also finds the build outputs the workspace produces: `artifacts/<name>.code` (from
//! `cargo xtask build`) and `devnet/solidity/out/<Name>.json` (from `cargo xtask solc`).

use std::path::PathBuf;

use alloy_sol_types::{SolCall, SolEvent, sol};
use revm::primitives::{Address, Bytes, U256, keccak256};

use crate::{
    chain::{Chain, Receipt, Tx},
    genesis::STYLUS_DEPLOYER,
    precompiles::ARB_WASM,
};

sol! {
    /// The StylusDeployer's interface (see devnet/solidity/StylusDeployer.sol).
    interface IStylusDeployer {
        function deploy(bytes bytecode, bytes initData, uint256 initValue, bytes32 salt) external payable returns (address);
        event ContractDeployed(address deployedContract);
    }

    /// The constructor entry point of stylus-sdk 0.10 programs.
    function stylus_constructor();

    /// ArbWasm's activation call.
    function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
}

/// Why a deployment failed.
#[derive(Debug, thiserror::Error)]
pub enum DeployError {
    /// A build output is missing or unreadable.
    #[error("{0}")]
    Artifact(String),
    /// The chain refused the transaction.
    #[error(transparent)]
    Chain(#[from] crate::ChainError),
    /// The transaction ran and failed.
    #[error("deployment failed: {status:?}, output 0x{output}, stylus: {stylus:?}")]
    Failed {
        /// How it ended.
        status: crate::Status,
        /// Revert data, hex.
        output: String,
        /// The Stylus failure reason, if any.
        stylus: Option<String>,
    },
}

impl DeployError {
    fn from_receipt(receipt: &Receipt) -> Self {
        Self::Failed {
            status: receipt.status.clone(),
            output: revm::primitives::hex::encode(&receipt.output),
            stylus: receipt.stylus_failure.clone(),
        }
    }
}

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The deployable code (`EF F0 00 00 ++ brotli(wasm)`) of a contract built by
/// `cargo xtask build`, e.g. `"lrt-token"`.
pub fn stylus_artifact(name: &str) -> Result<Vec<u8>, DeployError> {
    let path = workspace_root()
        .join("artifacts")
        .join(format!("{name}.code"));
    std::fs::read(&path).map_err(|error| {
        DeployError::Artifact(format!(
            "{}: {error}; run `cargo xtask build` first",
            path.display()
        ))
    })
}

/// A compiled Solidity contract from `devnet/solidity/out`.
#[derive(Clone, Debug)]
pub struct SolidityArtifact {
    /// Creation code.
    pub bytecode: Bytes,
    /// Runtime code.
    pub deployed_bytecode: Bytes,
}

/// Reads `devnet/solidity/out/<name>.json` (written by `cargo xtask solc`).
pub fn solidity_artifact(name: &str) -> Result<SolidityArtifact, DeployError> {
    let path = workspace_root()
        .join("devnet/solidity/out")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).map_err(|error| {
        DeployError::Artifact(format!(
            "{}: {error}; run `cargo xtask solc`",
            path.display()
        ))
    })?;
    let json: serde_json::Value = serde_json::from_str(&text)
        .map_err(|error| DeployError::Artifact(format!("{}: {error}", path.display())))?;
    let hex = |field: &str| -> Result<Bytes, DeployError> {
        json[field]
            .as_str()
            .and_then(|hex| hex.parse::<Bytes>().ok())
            .ok_or_else(|| DeployError::Artifact(format!("{}: no {field}", path.display())))
    };
    Ok(SolidityArtifact {
        bytecode: hex("bytecode")?,
        deployed_bytecode: hex("deployedBytecode")?,
    })
}

/// Constructor calldata for a stylus-sdk 0.10 program: `stylus_constructor()`'s selector
/// followed by the ABI-encoded arguments (`abi_encode_params` of the argument tuple).
pub fn constructor_calldata(encoded_args: &[u8]) -> Bytes {
    let mut data = stylus_constructorCall::SELECTOR.to_vec();
    data.extend_from_slice(encoded_args);
    data.into()
}

/// Value sent along with activations: far above any data fee; the excess is refunded.
pub const ACTIVATION_BUDGET: U256 = U256::from_limbs([1_000_000_000_000_000_000, 0, 0, 0]);

impl Chain {
    /// Deploys EVM creation code (`bytecode ++ constructor args`) from `from`.
    pub fn deploy_evm(&mut self, from: Address, init_code: Bytes) -> Result<Address, DeployError> {
        let receipt = self.transact(Tx {
            from,
            to: None,
            data: init_code,
            ..Tx::default()
        })?;
        receipt
            .contract_address
            .ok_or_else(|| DeployError::from_receipt(&receipt))
    }

    /// Deploys a Stylus program (`code` = `EF F0 00 ..`) through the StylusDeployer: one
    /// transaction deploys it, activates it and calls its constructor with
    /// `constructor_args` (ABI-encoded, without selector; empty for no constructor call).
    /// `from` must hold [`ACTIVATION_BUDGET`] for the data fee (the rest is refunded).
    pub fn deploy_stylus(
        &mut self,
        from: Address,
        code: &[u8],
        constructor_args: Option<&[u8]>,
    ) -> Result<(Address, Receipt), DeployError> {
        let init_data = constructor_args
            .map(constructor_calldata)
            .unwrap_or_default();
        let call = IStylusDeployer::deployCall {
            bytecode: stylus_program::code::init_code(code).into(),
            initData: init_data,
            initValue: U256::ZERO,
            salt: Default::default(),
        };
        let receipt = self.transact(Tx {
            from,
            to: Some(STYLUS_DEPLOYER),
            data: call.abi_encode().into(),
            value: ACTIVATION_BUDGET,
            gas_limit: None,
        })?;
        if !receipt.is_success() {
            return Err(DeployError::from_receipt(&receipt));
        }
        let deployed = receipt
            .logs
            .iter()
            .filter(|log| log.address == STYLUS_DEPLOYER)
            .find_map(|log| IStylusDeployer::ContractDeployed::decode_log_data(&log.data).ok())
            .map(|event| event.deployedContract)
            .ok_or_else(|| DeployError::Artifact("no ContractDeployed event".into()))?;
        Ok((deployed, receipt))
    }

    /// Deploys a Stylus program with plain CREATE, without activating it.
    pub fn deploy_stylus_unactivated(
        &mut self,
        from: Address,
        code: &[u8],
    ) -> Result<Address, DeployError> {
        self.deploy_evm(from, stylus_program::code::init_code(code).into())
    }

    /// Activates the program at `program` through ArbWasm, sending [`ACTIVATION_BUDGET`].
    pub fn activate(&mut self, from: Address, program: Address) -> Result<Receipt, DeployError> {
        Ok(self.transact(Tx {
            from,
            to: Some(ARB_WASM),
            data: activateProgramCall { program }.abi_encode().into(),
            value: ACTIVATION_BUDGET,
            gas_limit: None,
        })?)
    }
}

/// The code hash of deployable code, as the chain computes it.
pub fn code_hash(code: &[u8]) -> revm::primitives::B256 {
    keccak256(code)
}
