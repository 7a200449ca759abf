// The deployment the page works with: addresses from the deploy tool's manifest, contracts
// from abi/*.json, and the figures a restaker sees.
import { Contract, JsonRpcProvider, type ContractRunner } from "ethers";
import lrtAbi from "../../abi/LrtToken.json";
import vaultAbi from "../../abi/RestakingVault.json";
import depositorOutput from "../../deploy/solidity/out/PermitDepositor.json";
import { stakingToken } from "./staking-token";

/** The asset address of a native-ETH vault (ERC-7535). */
export const NATIVE_ASSET = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";

/** What the page needs from the deploy tool's manifest (`contracts.<name>.address`, `chain_id`). */
export interface Deployment {
  chainId: bigint;
  lrt: string;
  vault: string;
  manager: string;
  /** The vault's asset: an ERC-20, or NATIVE_ASSET for ETH. */
  asset: string;
  /** The permit depositor next to an ERC-20 vault, when the deployment has one. */
  permitDepositor: string | null;
}

interface ManifestJson {
  chain_id: number;
  params: { asset: string };
  contracts: Record<string, { address: string }>;
}

/** Whether `deployment`'s vault holds ETH. */
export function isNative(deployment: Deployment): boolean {
  return deployment.asset.toLowerCase() === NATIVE_ASSET.toLowerCase();
}

/** Reads the deployments served next to the page: `deployments.json` lists their manifests
 * (the deploy tool's, `demo --keep-running` publishes them); without it, `manifest.json`. */
export async function loadDeployments(): Promise<Deployment[]> {
  const list = await fetch("deployments.json");
  const names = list.ok ? ((await list.json()) as string[]) : ["manifest.json"];
  return Promise.all(names.map((name) => loadDeployment(name)));
}

async function loadDeployment(url: string): Promise<Deployment> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot read the deployment manifest ${url} (${response.status})`);
  const manifest = (await response.json()) as ManifestJson;
  const address = (name: string) => {
    const record = manifest.contracts[name];
    if (!record) throw new Error(`the manifest ${url} has no ${name}`);
    return record.address;
  };
  return {
    chainId: BigInt(manifest.chain_id),
    lrt: address("lrt-token"),
    vault: address("restaking-vault"),
    manager: address("slashing-manager"),
    asset: manifest.params.asset,
    permitDepositor: manifest.contracts["permit-depositor"]?.address ?? null,
  };
}

/** The protocol's contracts, bound to `runner` (a read provider or a signer); `asset` and
 * `depositor` only where the deployment has them. */
export function contracts(deployment: Deployment, runner: ContractRunner) {
  return {
    lrt: new Contract(deployment.lrt, lrtAbi, runner),
    vault: new Contract(deployment.vault, vaultAbi, runner),
    asset: isNative(deployment) ? null : stakingToken(deployment.asset, runner),
    depositor: deployment.permitDepositor
      ? new Contract(deployment.permitDepositor, depositorOutput.abi, runner)
      : null,
  };
}

/** Figures of the protocol and, when connected, of the account. */
export interface Position {
  /** The block every figure was read at. */
  blockTag: number;
  symbol: string;
  decimals: number;
  /** The vault's asset: ETH, or the ERC-20's symbol and decimals. */
  assetSymbol: string;
  assetDecimals: number;
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
  /** The account's balance of an ERC-20 asset (null for ETH: see ethBalance). */
  assetBalance: bigint | null;
  lrtBalance: bigint | null;
  lrtWorth: bigint | null;
}

/** Reads every figure the page shows, at one block. */
export async function readPosition(
  provider: JsonRpcProvider,
  deployment: Deployment,
  account: string | null,
): Promise<Position> {
  const { lrt, vault, asset } = contracts(deployment, provider);
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
  const [assetSymbol, assetDecimals] = asset
    ? await Promise.all([asset.symbol(at) as Promise<string>, asset.decimals(at) as Promise<bigint>])
    : ["ETH", 18n];
  let assetBalance: bigint | null = null;
  let ethBalance: bigint | null = null;
  let lrtBalance: bigint | null = null;
  let lrtWorth: bigint | null = null;
  let depositRoom: bigint | null = null;
  if (account) {
    ethBalance = await provider.getBalance(account, blockTag);
    assetBalance = asset ? ((await asset.balanceOf(account, at)) as bigint) : null;
    lrtBalance = (await lrt.balanceOf(account, at)) as bigint;
    lrtWorth = (await vault.convertToAssets(lrtBalance, at)) as bigint;
    depositRoom = (await vault.maxDeposit(account, at)) as bigint;
  }
  return {
    blockTag,
    symbol,
    decimals: Number(decimals),
    assetSymbol,
    assetDecimals: Number(assetDecimals),
    rate,
    minDeposit,
    depositCap,
    depositRoom,
    pendingSlash: pending[0],
    pendingSlashUntil: pending[1],
    epoch,
    nextEpochAt,
    ethBalance,
    assetBalance,
    lrtBalance,
    lrtWorth,
  };
}
