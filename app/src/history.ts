// The account's history, read from events: its deposits, LRT transfers, redemption requests
// and claims, and the vault's slashes and rewards. Newest first.
import { type Contract, type EventLog, type Log } from "ethers";
import { formatAmount } from "./amounts";

/** One line of history. */
export interface HistoryEntry {
  block: number;
  index: number;
  kind: string;
  text: string;
}

function isEventLog(log: EventLog | Log): log is EventLog {
  return "args" in log;
}

/** Reads the history of `account` up to block `blockTag`. */
export async function readHistory(
  vault: Contract,
  lrt: Contract,
  account: string,
  share: { symbol: string; decimals: number },
  asset: { symbol: string; decimals: number },
  blockTag: number,
): Promise<HistoryEntry[]> {
  const assetAmount = (value: bigint) => `${formatAmount(value, asset.decimals)} ${asset.symbol}`;
  const lrtAmount = (value: bigint) => `${formatAmount(value, share.decimals)} ${share.symbol}`;
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const queries: [Contract, ReturnType<Contract["filters"][string]>, (log: EventLog) => [string, string]][] = [
    [vault, vault.filters.Deposit(null, account), (log) => ["deposit", `Deposited ${assetAmount(log.args.assets)} for ${lrtAmount(log.args.shares)}`]],
    [lrt, lrt.filters.Transfer(account), (log) =>
      same(log.args.to, "0x0000000000000000000000000000000000000000")
        ? ["burn", `${lrtAmount(log.args.value)} burnt`]
        : ["transfer", `Sent ${lrtAmount(log.args.value)} to ${log.args.to}`]],
    [lrt, lrt.filters.Transfer(null, account), (log) =>
      same(log.args.from, "0x0000000000000000000000000000000000000000")
        ? ["mint", `Received ${lrtAmount(log.args.value)} (minted)`]
        : ["transfer", `Received ${lrtAmount(log.args.value)} from ${log.args.from}`]],
    [vault, vault.filters.RedeemRequest(account), (log) => ["request", `Requested to redeem ${lrtAmount(log.args.shares)} (request #${log.args.requestId})`]],
    [vault, vault.filters.Withdraw(null, null, account), (log) => ["claim", `Claimed ${assetAmount(log.args.assets)} for ${lrtAmount(log.args.shares)}`]],
    [vault, vault.filters.Slashed(), (log) => ["slash", `The vault was slashed ${assetAmount(log.args.slashed)}`]],
    [vault, vault.filters.RewardsDistributed(), (log) => ["rewards", `Rewards of ${assetAmount(log.args.amount)} distributed (fee ${assetAmount(log.args.fee)})`]],
  ];
  const entries: HistoryEntry[] = [];
  for (const [contract, filter, describe] of queries) {
    const logs = await contract.queryFilter(filter, 0, blockTag);
    for (const log of logs) {
      if (!isEventLog(log)) continue;
      const [kind, text] = describe(log);
      entries.push({ block: log.blockNumber, index: log.index, kind, text });
    }
  }
  // A mint is the other side of a deposit, and a burn of a request: keep one line for each.
  const filtered = entries.filter((entry) => entry.kind !== "mint" && entry.kind !== "burn");
  return filtered.sort((a, b) => b.block - a.block || b.index - a.index);
}
