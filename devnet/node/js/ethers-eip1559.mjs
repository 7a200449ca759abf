// ethers.js v6 against the devnet: a signed EIP-1559 deployment and call, then the logs.
//
//   DEVNET_PRIVATE_KEY=0x... node devnet/node/js/ethers-eip1559.mjs <rpc-url> [contract.json]
//
// The key is a prefunded dev account's; the contract JSON defaults to
// devnet/solidity/out/Emitter.json (`cargo xtask solc`). Steps, each checked:
//  1. the chain id through ethers is 412346;
//  2. the fee data ethers reads from the devnet (base fee of the latest block, gas price,
//     eth_maxPriorityFeePerGas) gives maxFeePerGas = 2 * base fee + priority fee;
//  3. Emitter is deployed by a transaction the wallet signs itself, which ethers makes an
//     EIP-1559 one (type 2) with those fees, and that the devnet mines with status 1;
//  4. emitTyped is called twice (type 2 again) and each receipt's log is decoded with the
//     contract's interface and compared with the arguments sent;
//  5. contract.queryFilter (eth_getLogs) finds the same logs, all of them and by indexed tag.
// Prints one JSON summary on stdout (the Rust test compares it with what the devnet says);
// exits 1 on any mismatch or error, with the reason on stderr.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ContractFactory, JsonRpcProvider, Wallet, encodeBytes32String, hexlify, toUtf8Bytes } from "ethers";

const CHAIN_ID = 412346n;

function check(condition, message) {
  if (!condition) {
    throw new Error(`mismatch: ${message}`);
  }
}

function logJson(log, parsed) {
  return {
    blockNumber: log.blockNumber,
    blockHash: log.blockHash,
    transactionHash: log.transactionHash,
    transactionIndex: log.transactionIndex,
    logIndex: log.index,
    address: log.address,
    topics: [...log.topics],
    data: log.data,
    event: parsed.name,
    sender: parsed.args.sender,
    tag: parsed.args.tag,
    value: parsed.args.value.toString(),
    payload: parsed.args.data,
  };
}

async function main() {
  const [url, artifactArg] = process.argv.slice(2);
  if (!url) {
    throw new Error("usage: node ethers-eip1559.mjs <rpc-url> [contract.json]");
  }
  const key = process.env.DEVNET_PRIVATE_KEY;
  if (!key) {
    throw new Error("DEVNET_PRIVATE_KEY (a prefunded dev account's key) is not set");
  }
  const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
  const artifactPath = artifactArg ?? join(root, "devnet/solidity/out/Emitter.json");
  const artifact = JSON.parse(readFileSync(artifactPath, "utf8"));

  // cacheTimeout -1: ethers caches identical requests for 250 ms by default, and on a chain
  // that mines at once a second transaction sent within that time would be given the first
  // one's (cached) pending nonce.
  const provider = new JsonRpcProvider(url, undefined, { pollingInterval: 50, cacheTimeout: -1 });
  try {
    // 1. The chain.
    const network = await provider.getNetwork();
    check(network.chainId === CHAIN_ID, `chainId ${network.chainId}, expected ${CHAIN_ID}`);
    const wallet = new Wallet(key, provider);
    const balance = await provider.getBalance(wallet.address);
    check(balance > 0n, `${wallet.address} is not funded`);

    // 2. The fees.
    const latest = await provider.getBlock("latest");
    check(latest.baseFeePerGas != null, "the latest block has no baseFeePerGas");
    const feeData = await provider.getFeeData();
    check(feeData.gasPrice === latest.baseFeePerGas, `gasPrice ${feeData.gasPrice} != base fee ${latest.baseFeePerGas}`);
    check(feeData.maxPriorityFeePerGas != null, "no maxPriorityFeePerGas in the fee data");
    check(
      feeData.maxFeePerGas === latest.baseFeePerGas * 2n + feeData.maxPriorityFeePerGas,
      `maxFeePerGas ${feeData.maxFeePerGas} is not 2 * ${latest.baseFeePerGas} + ${feeData.maxPriorityFeePerGas}`,
    );

    const checkSent = (tx, what) => {
      check(tx.type === 2, `${what}: type ${tx.type}, expected 2 (EIP-1559)`);
      check(tx.chainId === CHAIN_ID, `${what}: chainId ${tx.chainId}`);
      check(tx.maxFeePerGas === feeData.maxFeePerGas, `${what}: maxFeePerGas ${tx.maxFeePerGas} != ${feeData.maxFeePerGas}`);
      check(
        tx.maxPriorityFeePerGas === feeData.maxPriorityFeePerGas,
        `${what}: maxPriorityFeePerGas ${tx.maxPriorityFeePerGas} != ${feeData.maxPriorityFeePerGas}`,
      );
      check(tx.gasPrice == null, `${what}: a type-2 transaction with a gasPrice`);
      check(tx.from === wallet.address, `${what}: from ${tx.from}`);
      check(tx.signature != null, `${what}: not signed locally`);
    };
    const checkMined = async (tx, receipt, what) => {
      check(receipt !== null && receipt.status === 1, `${what}: status ${receipt?.status}`);
      check(receipt.hash === tx.hash, `${what}: receipt hash ${receipt.hash} != ${tx.hash}`);
      check(receipt.type === 2, `${what}: receipt type ${receipt.type}`);
      check(receipt.from === wallet.address, `${what}: receipt from ${receipt.from}`);
      const block = await provider.getBlock(receipt.blockNumber);
      check(
        receipt.gasPrice === block.baseFeePerGas,
        `${what}: effectiveGasPrice ${receipt.gasPrice} != base fee ${block.baseFeePerGas} (priority fee 0)`,
      );
      // The devnet's view of the same transaction.
      const mined = await provider.getTransaction(tx.hash);
      check(mined.type === 2 && mined.maxFeePerGas === tx.maxFeePerGas, `${what}: the devnet reports ${mined.type}/${mined.maxFeePerGas}`);
      check(mined.from === wallet.address && mined.nonce === tx.nonce, `${what}: the devnet reports from ${mined.from} nonce ${mined.nonce}`);
    };

    // 3. Deploy.
    const nonceBefore = await provider.getTransactionCount(wallet.address);
    const factory = new ContractFactory(artifact.abi, artifact.bytecode, wallet);
    const contract = await factory.deploy();
    const deployTx = contract.deploymentTransaction();
    checkSent(deployTx, "deployment");
    check(deployTx.to === null, "deployment: has a recipient");
    const deployReceipt = await deployTx.wait();
    await checkMined(deployTx, deployReceipt, "deployment");
    const address = await contract.getAddress();
    check(deployReceipt.contractAddress === address, `contractAddress ${deployReceipt.contractAddress} != ${address}`);
    const code = await provider.getCode(address);
    check(code !== "0x" && code === artifact.deployedBytecode, "the deployed code is not Emitter's runtime code");

    // 4. Emit, decode the receipt's logs.
    const calls = [
      { tag: encodeBytes32String("ethers-one"), value: 12345n, data: hexlify(toUtf8Bytes("hello from ethers")) },
      { tag: encodeBytes32String("ethers-two"), value: 2n ** 200n + 7n, data: "0x" },
    ];
    const sent = [];
    const logs = [];
    for (const [i, call] of calls.entries()) {
      const tx = await contract.emitTyped(call.tag, call.value, call.data);
      checkSent(tx, `emitTyped #${i}`);
      check(tx.nonce === nonceBefore + 1 + i, `emitTyped #${i}: nonce ${tx.nonce}`);
      const receipt = await tx.wait();
      await checkMined(tx, receipt, `emitTyped #${i}`);
      check(receipt.to === address, `emitTyped #${i}: to ${receipt.to}`);
      check(receipt.logs.length === 1, `emitTyped #${i}: ${receipt.logs.length} logs`);
      const log = receipt.logs[0];
      check(log.address === address, `emitTyped #${i}: log address ${log.address}`);
      const parsed = contract.interface.parseLog(log);
      check(parsed !== null && parsed.name === "Emitted", `emitTyped #${i}: log is not Emitted`);
      check(parsed.args.sender === wallet.address, `emitTyped #${i}: sender ${parsed.args.sender}`);
      check(parsed.args.tag === call.tag, `emitTyped #${i}: tag ${parsed.args.tag}`);
      check(parsed.args.value === call.value, `emitTyped #${i}: value ${parsed.args.value}`);
      check(parsed.args.data === call.data, `emitTyped #${i}: data ${parsed.args.data}`);
      check(log.blockNumber === receipt.blockNumber && log.transactionHash === tx.hash, `emitTyped #${i}: log position`);
      sent.push({
        hash: tx.hash,
        type: tx.type,
        nonce: tx.nonce,
        maxFeePerGas: tx.maxFeePerGas.toString(),
        maxPriorityFeePerGas: tx.maxPriorityFeePerGas.toString(),
        blockNumber: receipt.blockNumber,
        gasUsed: receipt.gasUsed.toString(),
        effectiveGasPrice: receipt.gasPrice.toString(),
      });
      logs.push(logJson(log, parsed));
    }

    // 5. The same logs through queryFilter (eth_getLogs).
    const all = await contract.queryFilter(contract.filters.Emitted(), 0, "latest");
    check(all.length === logs.length, `queryFilter found ${all.length} logs, expected ${logs.length}`);
    all.forEach((event, i) => {
      const found = logJson(event, { name: event.eventName, args: event.args });
      check(JSON.stringify(found) === JSON.stringify(logs[i]), `queryFilter log #${i}: ${JSON.stringify(found)} != ${JSON.stringify(logs[i])}`);
    });
    const byTag = await contract.queryFilter(contract.filters.Emitted(wallet.address, calls[1].tag), deployReceipt.blockNumber);
    check(
      byTag.length === 1 && byTag[0].transactionHash === sent[1].hash,
      `queryFilter by tag: ${byTag.map((e) => e.transactionHash)}`,
    );
    const otherSender = await contract.queryFilter(contract.filters.Emitted(address), 0);
    check(otherSender.length === 0, `queryFilter by another sender found ${otherSender.length}`);

    const summary = {
      chainId: network.chainId.toString(),
      account: wallet.address,
      feeData: {
        baseFeePerGas: latest.baseFeePerGas.toString(),
        gasPrice: feeData.gasPrice.toString(),
        maxFeePerGas: feeData.maxFeePerGas.toString(),
        maxPriorityFeePerGas: feeData.maxPriorityFeePerGas.toString(),
      },
      contract: address,
      deployment: {
        hash: deployTx.hash,
        type: deployTx.type,
        nonce: deployTx.nonce,
        maxFeePerGas: deployTx.maxFeePerGas.toString(),
        maxPriorityFeePerGas: deployTx.maxPriorityFeePerGas.toString(),
        blockNumber: deployReceipt.blockNumber,
        gasUsed: deployReceipt.gasUsed.toString(),
        effectiveGasPrice: deployReceipt.gasPrice.toString(),
      },
      calls: sent,
      logs,
      queried: { all: all.length, byTag: byTag.length, otherSender: otherSender.length },
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } finally {
    provider.destroy();
  }
}

main().catch((error) => {
  console.error(`ethers-eip1559: ${error.stack ?? error}`);
  process.exit(1);
});
