// The account's redemption requests (ERC-7540): found from the vault's RedeemRequest events
// (controller = the account), each with its state read from the vault. A request booked in
// bucket `id` becomes claimable when epoch `id + 1` starts.
import { type Contract } from "ethers";

/** Where a request stands. */
export type RequestState = "pending" | "claimable" | "claimed";

/** One of the account's requests. */
export interface RedeemRequest {
  id: bigint;
  /** Shares still in the request (pending or claimable); 0 once claimed. */
  shares: bigint;
  state: RequestState;
  /** When it becomes (or became) claimable, unix seconds. */
  claimableAt: bigint;
}

/** The requests `account` controls, oldest first, as of block `blockTag`. */
export async function readRequests(vault: Contract, account: string, blockTag: number): Promise<RedeemRequest[]> {
  const filter = vault.filters.RedeemRequest(account);
  const logs = await vault.queryFilter(filter, 0, blockTag);
  const ids = [...new Set(logs.map((log) => BigInt(log.topics[3])))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const at = { blockTag };
  return Promise.all(
    ids.map(async (id) => {
      const [pending, claimable, claimableAt] = await Promise.all([
        vault.pendingRedeemRequest(id, account, at) as Promise<bigint>,
        vault.claimableRedeemRequest(id, account, at) as Promise<bigint>,
        vault.epochStart(id + 1n, at) as Promise<bigint>,
      ]);
      const state: RequestState = claimable > 0n ? "claimable" : pending > 0n ? "pending" : "claimed";
      return { id, shares: claimable > 0n ? claimable : pending, state, claimableAt };
    }),
  );
}
