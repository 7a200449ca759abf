// The deployment the page works with: addresses from the deploy tool's manifest, contracts
// from abi/*.json, and the figures a restaker sees.
import { Contract, JsonRpcProvider, type ContractRunner } from "ethers";
import lrtAbi from "../../abi/LrtToken.json";
import vaultAbi from "../../abi/RestakingVault.json";

/** What the page needs from the deploy tool's manifest (`contracts.<name>.address`, `chain_id`). */
export interface Deployment {
  chainId: bigint;
  lrt: string;
  vault: string;
  manager: string;
}

interface ManifestJson {
  chain_id: number;
  contracts: Record<string, { address: string }>;
}

/** Reads the manifest served next to the page. */
export async function loadDeployment(url = "manifest.json"): Promise<Deployment> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot read the deployment manifest (${response.status})`);
  const manifest = (await response.json()) as ManifestJson;
  const address = (name: string) => {
    const record = manifest.contracts[name];
    if (!record) throw new Error(`the manifest has no ${name}`);
    return record.address;
  };
  return {
    chainId: BigInt(manifest.chain_id),
    lrt: address("lrt-token"),
    vault: address("restaking-vault"),
    manager: address("slashing-manager"),
  };
}

/** The protocol's contracts, bound to `runner` (a read provider or a signer). */
export function contracts(deployment: Deployment, runner: ContractRunner) {
  return {
    lrt: new Contract(deployment.lrt, lrtAbi, runner),
    vault: new Contract(deployment.vault, vaultAbi, runner),
  };
}

/** Figures of the protocol and, when connected, of the account. */
export interface Position {
  /** The block every figure was read at. */
  blockTag: number;
  symbol: string;
  decimals: number;
  rate: bigint;
  minDeposit: bigint;
  /** The vault's deposit cap; the largest uint256 means none. */
  depositCap: bigint;
  depositRoom: bigint | null;
  pendingSlash: bigint;
  /** Until when the pending slash holds deposits and redemptions back, unix seconds. */
  pendingSlashUntil: bigint;
  epoch: bigint;
  nextEpochAt: bigint;
  ethBalance: bigint | null;
  lrtBalance: bigint | null;
  lrtWorth: bigint | null;
}

/** Reads every figure the page shows, at one block. */
export async function readPosition(
  provider: JsonRpcProvider,
  deployment: Deployment,
  account: string | null,
): Promise<Position> {
  const { lrt, vault } = contracts(deployment, provider);
  const blockTag = await provider.getBlockNumber();
  const at = { blockTag };
  const [symbol, decimals, rate, minDeposit, depositCap, pending, epoch] = await Promise.all([
    lrt.symbol(at) as Promise<string>,
    lrt.decimals(at) as Promise<bigint>,
    vault.getRate(at) as Promise<bigint>,
    vault.minDeposit(at) as Promise<bigint>,
    vault.depositCap(at) as Promise<bigint>,
    vault.pendingSlash(at) as Promise<[bigint, bigint]>,
    vault.currentEpoch(at) as Promise<bigint>,
  ]);
  const nextEpochAt = (await vault.epochStart(epoch + 1n, at)) as bigint;
  let ethBalance: bigint | null = null;
  let lrtBalance: bigint | null = null;
  let lrtWorth: bigint | null = null;
  let depositRoom: bigint | null = null;
  if (account) {
    ethBalance = await provider.getBalance(account, blockTag);
    lrtBalance = (await lrt.balanceOf(account, at)) as bigint;
    lrtWorth = (await vault.convertToAssets(lrtBalance, at)) as bigint;
    depositRoom = (await vault.maxDeposit(account, at)) as bigint;
  }
  return {
    blockTag,
    symbol,
    decimals: Number(decimals),
    rate,
    minDeposit,
    depositCap,
    depositRoom,
    pendingSlash: pending[0],
    pendingSlashUntil: pending[1],
    epoch,
    nextEpochAt,
    ethBalance,
    lrtBalance,
    lrtWorth,
  };
}
