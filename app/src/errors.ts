// Reverts shown in words: the revert data is decoded with the contracts' ABIs (abi/*.json)
// and each typed error has a sentence; an unknown one is shown by its name and arguments.
import { Interface, isError, type ErrorDescription } from "ethers";
import lrtAbi from "../../abi/LrtToken.json";
import vaultAbi from "../../abi/RestakingVault.json";
import managerAbi from "../../abi/SlashingManager.json";
import depositorOutput from "../../deploy/solidity/out/PermitDepositor.json";
import { formatAmount } from "./amounts";
import { errorChain } from "./error-chain";
import { STAKING_TOKEN_ABI } from "./staking-token";

const interfaces = [vaultAbi, lrtAbi, managerAbi, depositorOutput.abi, STAKING_TOKEN_ABI].map(
  (abi) => new Interface(abi),
);

/** How amounts in errors are shown: the vault's asset and the share token, each with its
 * decimals; `balances` says whose balance an ERC-20 error is about (the LRT and an ERC-20
 * asset share OpenZeppelin's error selectors). */
export interface ErrorUnits {
  assetSymbol: string;
  assetDecimals: number;
  shareSymbol: string;
  decimals: number;
  balances: "share" | "asset";
}

/** Finds revert data in what ethers or a wallet threw. */
function revertData(error: unknown): string | null {
  for (const record of errorChain(error)) {
    const data = record.data;
    if (typeof data === "string" && data.startsWith("0x") && data.length >= 10) return data;
    if (data && typeof data === "object") {
      const inner = (data as Record<string, unknown>).data;
      if (typeof inner === "string" && inner.startsWith("0x") && inner.length >= 10) return inner;
    }
  }
  return null;
}

/** The typed error in `data`, if one of the contracts declares it. */
export function decodeError(data: string): ErrorDescription | null {
  for (const iface of interfaces) {
    try {
      const parsed = iface.parseError(data);
      if (parsed) return parsed;
    } catch {
      // not this contract's
    }
  }
  return null;
}

/** A sentence for a typed error. */
export function describeError(error: ErrorDescription, units: ErrorUnits): string {
  const asset = (value: bigint) => `${formatAmount(value, units.assetDecimals)} ${units.assetSymbol}`;
  const shares = (value: bigint) => `${formatAmount(value, units.decimals)} ${units.shareSymbol}`;
  const a = error.args;
  switch (error.name) {
    case "EnforcedPause":
      return `${["Deposits", "Redemption requests", "Claims"][Number(a[0])] ?? `Flow ${a[0]}`} are paused`;
    case "RestakingVaultBelowMinDeposit":
      return `Below the minimum deposit of ${asset(a[1])}`;
    case "RestakingVaultDepositCapExceeded":
      return `Over the deposit cap: at most ${asset(a[1])} can be deposited now`;
    case "RestakingVaultSlippage":
      return `The price moved: you would get ${shares(a[0])}, less than your minimum of ${shares(a[1])}`;
    case "RestakingVaultSlashPending":
      return `A slash of ${asset(a[0])} is pending: deposits wait until it is executed or vetoed`;
    case "RestakingVaultZeroAmount":
      return "The amount must be more than zero";
    case "RestakingVaultZeroShares":
      return "The amount is too small to mint any shares";
    case "RestakingVaultInvalidValue":
      return `The ETH sent (${asset(a[0])}) must equal the amount (${asset(a[1])})`;
    case "ERC20InsufficientBalance":
      return units.balances === "asset"
        ? `Not enough ${units.assetSymbol}: you have ${asset(a[1])}, ${asset(a[2])} needed`
        : `Not enough ${units.shareSymbol}: you have ${shares(a[1])}, ${shares(a[2])} needed`;
    case "ERC20InsufficientAllowance":
      return `The allowance is ${units.balances === "asset" ? asset(a[1]) : shares(a[1])}, ${units.balances === "asset" ? asset(a[2]) : shares(a[2])} needed`;
    case "ERC2612ExpiredSignature":
      return "The permit expired before the transaction was mined: sign a new one";
    case "ERC2612InvalidSigner":
      return "The permit's signature is not valid (already used, or signed for another spender)";
    case "ERC20InvalidReceiver":
      return "The recipient address is not valid";
    case "LrtTokenZeroAmount":
      return "The amount must be more than zero";
    default: {
      const words = error.name.replace(/([a-z0-9])([A-Z])/g, "$1 $2");
      const args = error.fragment.inputs.map((input, i) => `${input.name} ${String(a[i])}`);
      return args.length ? `${words} (${args.join(", ")})` : words;
    }
  }
}

/** What to show for a failed request: the contract's error in words, or the wallet's message. */
export function explainFailure(error: unknown, units: ErrorUnits): string {
  const data = revertData(error);
  if (data) {
    const decoded = decodeError(data);
    if (decoded) return describeError(decoded, units);
  }
  if (isError(error, "ACTION_REJECTED")) return "You rejected the request in your wallet";
  const record = error as Record<string, unknown> | null;
  // EIP-1193: 4001 is the person refusing in the wallet.
  if (record?.code === 4001) return "You rejected the request in your wallet";
  if (record && typeof record.shortMessage === "string") return record.shortMessage;
  if (record && typeof record.message === "string") return record.message;
  return String(error);
}
