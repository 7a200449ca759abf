// viem against the devnet's event APIs: filters over HTTP, subscriptions over WebSocket.
//
//   DEVNET_PRIVATE_KEY=0x... node devnet/node/js/viem-events.mjs <http-url> <contract.json>
//
// contract.json is devnet/solidity/out/Emitter.json (`cargo xtask solc`). Steps, each checked:
//  1. Emitter is deployed by a wallet client that signs locally;
//  2. an event filter (eth_newFilter) and a block filter (eth_newBlockFilter) are installed
//     over HTTP, two `emitTyped` transactions are sent, and getFilterChanges returns exactly
//     the two logs (decoded by viem against the ABI) and the two blocks, then nothing new;
//     getFilterLogs (the filter's range starts at the deployment) returns the two logs again;
//     uninstallFilter answers true;
//  3. over WebSocket on the same port, watchEvent (eth_subscribe "logs") and watchBlocks
//     (eth_subscribe "newHeads") see a third transaction's log and its block.
// Prints one JSON summary on stdout; exits 1 on any mismatch or error, with the reason on
// stderr.

import { readFileSync } from "node:fs";
import { createPublicClient, createWalletClient, defineChain, http, webSocket } from "viem";
import { privateKeyToAccount } from "viem/accounts";

function check(condition, message) {
  if (!condition) {
    throw new Error(`mismatch: ${message}`);
  }
}

const [url, artifactPath] = process.argv.slice(2);
const artifact = JSON.parse(readFileSync(artifactPath, "utf8"));
const wsUrl = url.replace(/^http/, "ws");
const devnet = defineChain({
  id: 412346,
  name: "Stylus devnet",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [url], webSocket: [wsUrl] } },
});
const account = privateKeyToAccount(process.env.DEVNET_PRIVATE_KEY);
const wallet = createWalletClient({ account, chain: devnet, transport: http(url) });
const client = createPublicClient({ chain: devnet, transport: http(url), pollingInterval: 50 });
const emitted = artifact.abi.find((item) => item.type === "event" && item.name === "Emitted");

async function emit(address, tag, value) {
  const hash = await wallet.writeContract({
    address,
    abi: artifact.abi,
    functionName: "emitTyped",
    args: [tag, value, "0x1234"],
  });
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  check(receipt.status === "success", `emitTyped ${value} succeeded`);
  return receipt;
}

function withTimeout(promise, what) {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 20_000)),
  ]);
}

async function main() {
  const deployHash = await wallet.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode });
  const deployed = await client.waitForTransactionReceipt({ hash: deployHash, pollingInterval: 50 });
  const address = deployed.contractAddress;
  const tag = `0x${"ab".repeat(32)}`;

  // 2. Filters over HTTP.
  // From the deployment's block: without fromBlock, eth_getFilterLogs covers the latest block
  // only (geth's and anvil's reading of a filter's default range).
  const eventFilter = await client.createEventFilter({ address, event: emitted, fromBlock: deployed.blockNumber });
  const blockFilter = await client.createBlockFilter();
  const first = await emit(address, tag, 1n);
  const second = await emit(address, tag, 2n);
  const changes = await client.getFilterChanges({ filter: eventFilter });
  const blocks = await client.getFilterChanges({ filter: blockFilter });
  const again = await client.getFilterChanges({ filter: eventFilter });
  const all = await client.getFilterLogs({ filter: eventFilter });
  check(changes.length === 2, `two logs since the filter was installed, got ${changes.length}`);
  check(changes[0].args.value === 1n && changes[1].args.value === 2n, "decoded values 1 and 2");
  check(changes[0].transactionHash === first.transactionHash, "the first log is the first transaction's");
  check(again.length === 0, "nothing new on the second poll");
  check(all.length === 2, `getFilterLogs returns both, got ${all.length}`);
  check(
    blocks.length === 2 && blocks[0] === first.blockHash && blocks[1] === second.blockHash,
    "the block filter saw both blocks",
  );
  const uninstalled = await client.uninstallFilter({ filter: eventFilter });

  // 3. Subscriptions over WebSocket.
  const ws = createPublicClient({ chain: devnet, transport: webSocket(wsUrl) });
  let unwatchEvent;
  let unwatchBlocks;
  const seenLog = new Promise((resolve) => {
    unwatchEvent = ws.watchEvent({ address, event: emitted, onLogs: (logs) => resolve(logs[0]) });
  });
  const seenBlock = new Promise((resolve) => {
    unwatchBlocks = ws.watchBlocks({ onBlock: (block) => resolve(block) });
  });
  // Give the subscriptions time to be made before the transaction.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const third = await emit(address, tag, 3n);
  const log = await withTimeout(seenLog, "the log over WebSocket");
  const block = await withTimeout(seenBlock, "the block over WebSocket");
  unwatchEvent();
  unwatchBlocks();
  await (await ws.transport.getRpcClient()).close();
  check(log.args.value === 3n && log.transactionHash === third.transactionHash, "the third log over WebSocket");
  check(block.hash === third.blockHash, "the third block over WebSocket");

  process.stdout.write(
    JSON.stringify({
      contract: address,
      filterLogs: changes.length,
      filterBlocks: blocks.length,
      secondPoll: again.length,
      filterAllLogs: all.length,
      uninstalled,
      wsLogValue: log.args.value.toString(),
      wsLogTx: log.transactionHash,
      wsBlockNumber: Number(block.number),
      thirdTx: third.transactionHash,
      thirdBlock: Number(third.blockNumber),
    }),
  );
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
