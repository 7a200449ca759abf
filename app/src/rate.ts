// How the rate moved: at each block where the vault's pending slash changed (a requested slash
// already counts in the rate, the slashing-safety rule), a slash was executed or rewards were
// distributed, getRate just before and just after that block (the devnet and Arbitrum nodes
// serve state at past blocks); blocks where it did not move are left out. Vested rewards move
// it between blocks too, which this does not list.
import { type Contract, type EventLog } from "ethers";

/** One move of the rate. */
export interface RateMove {
  block: number;
  cause: "slash requested" | "slash" | "rewards";
  before: bigint;
  after: bigint;
}

/** The latest `limit` moves up to block `blockTag`, newest first. */
export async function readRateMoves(vault: Contract, blockTag: number, limit = 5): Promise<RateMove[]> {
  const [pending, slashes, rewards] = await Promise.all([
    vault.queryFilter(vault.filters.PendingSlashChanged(), 0, blockTag),
    vault.queryFilter(vault.filters.Slashed(), 0, blockTag),
    vault.queryFilter(vault.filters.RewardsDistributed(), 0, blockTag),
  ]);
  const causes = new Map<number, RateMove["cause"]>();
  for (const [logs, cause] of [
    [pending, "slash requested"],
    [slashes, "slash"],
    [rewards, "rewards"],
  ] as const) {
    for (const log of logs) causes.set((log as EventLog).blockNumber, cause);
  }
  const blocks = [...causes.keys()].sort((a, b) => b - a);
  const moves: RateMove[] = [];
  for (const block of blocks) {
    if (moves.length === limit) break;
    const [before, after] = await Promise.all([
      vault.getRate({ blockTag: block - 1 }) as Promise<bigint>,
      vault.getRate({ blockTag: block }) as Promise<bigint>,
    ]);
    const cause = causes.get(block);
    if (before !== after && cause) moves.push({ block, cause, before, after });
  }
  return moves;
}
