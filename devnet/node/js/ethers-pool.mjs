// ethers.js v6 against the devnet's transaction pool.
//
//   DEVNET_PRIVATE_KEY=0x... node devnet/node/js/ethers-pool.mjs <rpc-url> concurrent
//   DEVNET_PRIVATE_KEY=0x... node devnet/node/js/ethers-pool.mjs <rpc-url> speed-up
//
// concurrent: ethers' NonceManager hands out nonces 0..49 and the 50 transfers are sent at
//   once, so they reach the devnet in any order; every one must be mined, with status 1.
// speed-up (a devnet mining by interval, blocks made here with evm_mine): a transfer, then a
//   speed-up of it as MetaMask makes one (same nonce, same call, both fees raised by 10%
//   plus one wei), then a transfer cancelled as MetaMask cancels (same nonce, 0 to self, fees
//   raised). One block takes the replacements; with the next blocks, ethers' wait() on each
//   original reports TRANSACTION_REPLACED with reason "repriced" and "cancelled".
// Prints one JSON summary on stdout; exits 1 on any mismatch or error, with the reason on
// stderr.

import { JsonRpcProvider, NonceManager, Wallet } from "ethers";

function check(condition, message) {
  if (!condition) {
    throw new Error(`mismatch: ${message}`);
  }
}

const SINK = "0x00000000000000000000000000000000000A0050";

async function concurrent(provider, wallet) {
  const signer = new NonceManager(wallet);
  const start = await provider.getTransactionCount(wallet.address, "latest");
  const sends = [];
  for (let i = 0; i < 50; i++) {
    sends.push(signer.sendTransaction({ to: SINK, value: BigInt(i + 1) }));
  }
  const txs = await Promise.all(sends);
  const receipts = await Promise.all(txs.map((tx) => tx.wait()));
  const nonces = txs.map((tx) => tx.nonce).sort((a, b) => a - b);
  check(receipts.every((receipt) => receipt.status === 1), "every transfer succeeded");
  const end = await provider.getTransactionCount(wallet.address, "latest");
  return {
    sent: txs.length,
    mined: receipts.length,
    firstNonce: nonces[0] - start,
    lastNonce: nonces[nonces.length - 1] - start,
    nonceAfter: end - start,
    sinkBalance: (await provider.getBalance(SINK)).toString(),
  };
}

/// Sends `request`'s replacement as MetaMask does: both fees raised by 10%, plus one wei.
function raised(fees) {
  return {
    maxFeePerGas: (fees.maxFeePerGas * 11n) / 10n + 1n,
    maxPriorityFeePerGas: (fees.maxPriorityFeePerGas * 11n) / 10n + 1n,
  };
}

async function replaced(tx) {
  try {
    await tx.wait();
    return { replaced: false };
  } catch (error) {
    check(error.code === "TRANSACTION_REPLACED", `wait() failed with ${error.code}: ${error.message}`);
    return {
      replaced: true,
      reason: error.reason,
      replacementHash: error.replacement.hash,
      replacementStatus: error.receipt.status,
    };
  }
}

async function speedUp(provider, wallet) {
  const fees = { maxFeePerGas: 2_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n };
  const nonce = await provider.getTransactionCount(wallet.address, "pending");
  const original = await wallet.sendTransaction({ to: SINK, value: 7n, nonce, gasLimit: 21000n, ...fees });
  const fast = await wallet.sendTransaction({ to: SINK, value: 7n, nonce, gasLimit: 21000n, ...raised(fees) });
  const doomed = await wallet.sendTransaction({ to: SINK, value: 9n, nonce: nonce + 1, gasLimit: 21000n, ...fees });
  const cancel = await wallet.sendTransaction({
    to: wallet.address,
    value: 0n,
    nonce: nonce + 1,
    gasLimit: 21000n,
    ...raised(fees),
  });
  check((await provider.getTransactionReceipt(fast.hash)) === null, "nothing is mined before the block");
  await provider.send("evm_mine", []);
  // Blocks keep coming, as under --block-time: ethers learns of the replacement from a block
  // after the one it last saw (its block number is cached for 250 ms).
  const ticker = setInterval(() => provider.send("evm_mine", []).catch(() => {}), 200);
  let sped;
  let cancelled;
  try {
    sped = await replaced(original);
    cancelled = await replaced(doomed);
  } finally {
    clearInterval(ticker);
  }
  check(sped.replacementHash === fast.hash, "the speed-up is the replacement");
  check(cancelled.replacementHash === cancel.hash, "the cancellation is the replacement");
  const fastReceipt = await provider.getTransactionReceipt(fast.hash);
  const cancelReceipt = await provider.getTransactionReceipt(cancel.hash);
  return {
    speedUp: sped,
    cancel: cancelled,
    sameBlock: fastReceipt.blockNumber === cancelReceipt.blockNumber,
    originalReceipt: await provider.getTransactionReceipt(original.hash),
    nonceAfter: (await provider.getTransactionCount(wallet.address, "latest")) - nonce,
  };
}

async function main() {
  const [url, mode] = process.argv.slice(2);
  const provider = new JsonRpcProvider(url, undefined, { pollingInterval: 50 });
  const wallet = new Wallet(process.env.DEVNET_PRIVATE_KEY, provider);
  const summary = mode === "concurrent" ? await concurrent(provider, wallet) : await speedUp(provider, wallet);
  process.stdout.write(JSON.stringify(summary));
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
