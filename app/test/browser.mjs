// The restaking page in headless Chromium (Debian's, found on PATH), driven by playwright-core,
// with the test wallet (app/test/wallet.ts, built to app/dist-test/wallet.js) injected and
// announced through EIP-6963. Walks: connect (the wallet starts on another chain and does not
// know the devnet: the 4902 path adds it), a deposit that fails with its typed error in words,
// a deposit, a transfer, wallet_watchAsset, a redemption through to its claim, an account
// switch; then, in the ERC-20 vault (the demo's staking token with permits), a deposit with
// one permit signature and one transaction, a refused one with its error in words, and the
// approve-then-deposit fallback for a wallet that cannot sign typed data. Asserts what the
// page shows; no request may leave localhost.
//
// Usage: node app/test/browser.mjs <page url> <screenshot dir>
// The restakers are two new accounts the harness funds (anvil_setBalance); the slash is
// requested and executed by the demo's service (a dev account the devnet signs for).
// Prints one JSON line with what it saw (the Chromium version among it), also written to
// <screenshot dir>/seen.json; exits non-zero on the first failed check.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { Interface, Wallet, parseUnits } from "ethers";

const [url, shots] = process.argv.slice(2);
if (!url || !shots) throw new Error("usage: browser.mjs <url> <shots>");
rmSync(shots, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });
const app = dirname(dirname(fileURLToPath(import.meta.url)));
const walletScript = readFileSync(join(app, "dist-test/wallet.js"), "utf8");

/** A JSON-RPC call to the devnet. */
async function rpc(method, params) {
  const response = await fetch(new URL("/", url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const answer = await response.json();
  if (answer.error) throw new Error(`${method}: ${JSON.stringify(answer.error)}`);
  return answer.result;
}

/** Sends a transaction from a dev account (the devnet signs) and requires it to succeed. */
async function sendAs(from, to, data) {
  const hash = await rpc("eth_sendTransaction", [{ from, to, data }]);
  const receipt = await rpc("eth_getTransactionReceipt", [hash]);
  if (receipt.status !== "0x1") throw new Error(`transaction to ${to} failed: ${JSON.stringify(receipt)}`);
  return receipt;
}

// Two new restakers with 100 ETH each.
const restakers = [Wallet.createRandom(), Wallet.createRandom()];
for (const wallet of restakers) {
  await rpc("anvil_setBalance", [wallet.address, "0x56bc75e2d63100000"]);
}
const keys = restakers.map((wallet) => wallet.privateKey);
// The deployments the page lists: the ETH vault first, then the ERC-20 vault.
const listed = await (await fetch(new URL("/deployments.json", url))).json();
const manifest = await (await fetch(new URL(`/${listed[0]}`, url))).json();
const managerAddress = manifest.contracts["slashing-manager"].address;
const vaultAddress = manifest.contracts["restaking-vault"].address;
// The ERC-20 vault.
const tokenManifest = await (await fetch(new URL(`/${listed[1]}`, url))).json();
const tokenAddress = tokenManifest.params.asset;
const depositorAddress = tokenManifest.contracts["permit-depositor"].address;
const tokenVaultAddress = tokenManifest.contracts["restaking-vault"].address;
const vaultInterface = new Interface(JSON.parse(readFileSync(join(app, "../abi/RestakingVault.json"), "utf8")));
const token = new Interface([
  "function mint(address to, uint256 value)",
  "function approve(address spender, uint256 value) returns (bool)",
  "function allowance(address owner, address spender) view returns (uint256)",
]);
// The demo's service and operator (dev accounts 3 and 4).
const SERVICE = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const OPERATOR = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const manager = new Interface(JSON.parse(readFileSync(join(app, "../abi/SlashingManager.json"), "utf8")));

function findChromium() {
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      return execFileSync("which", [name], { encoding: "utf8" }).trim();
    } catch {
      // not this one
    }
  }
  throw new Error("Chromium is not installed: apt-get install chromium (.ci/run does it)");
}

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

const executablePath = findChromium();
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const seen = { chromium: browser.version(), outside: [], steps: [] };
const local = (request) => {
  const host = new URL(request).hostname;
  return host === "127.0.0.1" || host === "localhost" || request.startsWith("data:");
};
try {
  const context = await browser.newContext();
  await context.route("**/*", (route) => {
    const target = route.request().url();
    if (local(target)) return route.continue();
    seen.outside.push(target);
    return route.abort();
  });
  const page = await context.newPage();
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  const config = { rpcUrl: new URL("/", url).href, chainId: 412346, keys, startOnOtherChain: true };
  await page.addInitScript(`window.__testWalletConfig = ${JSON.stringify(config)};`);
  await page.addInitScript(walletScript);
  const text = async (id) => ((await page.textContent(`#${id}`)) ?? "").trim();
  const status = async (state) => {
    await page.waitForSelector(`#status[data-state="${state}"]`, { timeout: 30_000 });
    return text("status");
  };
  const step = async (name) => {
    seen.steps.push(name);
    await page.screenshot({ path: join(shots, `${seen.steps.length}-${name}.png`), fullPage: true });
  };

  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  const rate = await text("rate");
  check(/^1 rstETH = 0\.8 ETH$/.test(rate), `rate shown before connecting: ${rate}`);
  seen.rate = rate;
  // The demo's slash moved it from 1 to 0.8 when it was requested (a pending slash counts).
  await page.waitForSelector('#rate-moves li[data-cause="slash requested"]');
  const firstMove = await page.textContent('#rate-moves li[data-cause="slash requested"]');
  check(/^Block \d+: 1 → 0\.8 ETH \(slash requested\)$/.test(firstMove ?? ""), `rate move: ${firstMove}`);
  await step("opened");

  const [first, second] = keys.map((key) => new Wallet(key).address);
  await page.click("#connect");
  await page.waitForFunction((address) => document.getElementById("account")?.textContent === address, first);
  await page.waitForFunction(() => document.getElementById("network")?.textContent === "Stylus restaking devnet");
  const asked = await page.evaluate(() => window.__testWalletLog.map((entry) => entry.method));
  const switchAt = asked.indexOf("wallet_switchEthereumChain");
  check(switchAt >= 0 && asked.indexOf("wallet_addEthereumChain") > switchAt, `4902 path: ${asked}`);
  await page.waitForFunction(() => document.getElementById("eth-balance")?.textContent?.endsWith(" ETH"));
  const ethBefore = await text("eth-balance");
  check(ethBefore.endsWith(" ETH") && ethBefore !== "0 ETH", `ETH balance: ${ethBefore}`);
  check((await text("lrt-balance")) === "0 rstETH", `LRT balance: ${await text("lrt-balance")}`);
  check((await text("deposit-room")) === "no cap", `room under the cap: ${await text("deposit-room")}`);
  await step("connected");

  // A deposit of nothing: the vault's RestakingVaultZeroAmount, in words.
  await page.fill("#deposit-amount", "0");
  await page.click("#deposit-button");
  const refused = await status("failed");
  check(refused === "Deposit failed: The amount must be more than zero", `refusal: ${refused}`);
  seen.refusal = refused;
  await step("refused");

  await page.fill("#deposit-amount", "2");
  await page.waitForFunction(() => document.getElementById("deposit-preview")?.textContent?.startsWith("You get about "));
  seen.preview = await text("deposit-preview");
  // At 0.8 ETH per rstETH, 2 ETH is about 2.5 rstETH (rounded down by the vault).
  const expected = /^You get about (2\.4999\d*|2\.5) rstETH, at least 2\.48\d* rstETH$/.exec(seen.preview);
  check(expected, `preview: ${seen.preview}`);
  const shares = expected[1];
  await page.click("#deposit-button");
  const mined = await status("mined");
  check(mined.startsWith("Deposit: mined in block"), `deposit: ${mined}`);
  await page.waitForFunction((want) => document.getElementById("lrt-balance")?.textContent === want, `${shares} rstETH`);
  const worth = await text("lrt-worth");
  check(/^(2|1\.9999\d*) ETH$/.test(worth), `worth: ${worth}`);
  seen.deposited = { shares, worth };
  await step("deposited");

  // The person picks another network in the wallet: the page says so, and sending switches
  // the wallet back before anything is signed.
  await page.evaluate(() => window.__testWallet.switchChain(1));
  await page.waitForFunction(() => document.getElementById("network")?.textContent === "wrong network (chain 1)");
  await page.fill("#transfer-to", second);
  await page.fill("#transfer-amount", "0.7");
  await page.click("#transfer-button");
  check((await status("mined")).startsWith("Transfer: mined in block"), "transfer mined");
  check((await text("network")) === "Stylus restaking devnet", `network after sending: ${await text("network")}`);
  await page.waitForFunction((before) => document.getElementById("lrt-balance")?.textContent !== before, `${shares} rstETH`);
  seen.afterTransfer = await text("lrt-balance");
  check(/^1\.(7999\d*|8) rstETH$/.test(seen.afterTransfer), `after transfer: ${seen.afterTransfer}`);
  await step("transferred");

  await page.click("#watch-asset");
  await page.waitForFunction(() => document.getElementById("status")?.textContent === "rstETH added to your wallet");
  const watched = await page.evaluate(() => window.__testWalletLog.find((entry) => entry.method === "wallet_watchAsset")?.params);
  check(watched?.options?.symbol === "rstETH" && watched?.options?.decimals === 18, `watchAsset: ${JSON.stringify(watched)}`);

  // A redemption: requested now, claimable once its epoch has passed (the chain's clock is
  // moved on by the harness), then claimed.
  await page.fill("#redeem-amount", "0.5");
  await page.click("#redeem-button");
  check((await status("mined")).startsWith("Redemption request: mined in block"), "request mined");
  const row = "#requests tbody tr";
  await page.waitForSelector(`${row}[data-state="pending"]`, { timeout: 30_000 });
  const pendingRow = await page.textContent(row);
  check(/^#\d+0\.5pending\d{4}-\d\d-\d\dT/.test(pendingRow ?? ""), `pending request row: ${pendingRow}`);
  seen.request = pendingRow;
  await step("requested");
  // Move the chain's clock to the time the page says the request becomes claimable.
  const claimableFrom = await page.textContent(`${row} td:nth-child(4)`);
  const latest = BigInt((await rpc("eth_getBlockByNumber", ["latest", false])).timestamp);
  const wait = BigInt(Date.parse(claimableFrom ?? "") / 1000) - latest;
  check(wait > 0n, `claimable from ${claimableFrom}, chain time ${latest}`);
  await rpc("evm_increaseTime", [Number(wait)]);
  await rpc("evm_mine", []);
  await page.click("#refresh");
  await page.waitForSelector(`${row}[data-state="claimable"] button.claim`, { timeout: 30_000 });
  const ethBeforeClaim = await text("eth-balance");
  await page.click(`${row} button.claim`);
  check((await status("mined")).startsWith("Claim: mined in block"), "claim mined");
  await page.waitForSelector(`${row}[data-state="claimed"]`, { timeout: 30_000 });
  const ethAfterClaim = await text("eth-balance");
  const units = (shown) => parseUnits(shown.replace(/[^0-9.]/g, ""), 18);
  check(units(ethAfterClaim) > units(ethBeforeClaim), `claim paid: ${ethBeforeClaim} -> ${ethAfterClaim}`);
  seen.claim = { before: ethBeforeClaim, after: ethAfterClaim };
  await step("claimed");

  // A slash requested by the service: the page shows it pending (deposits held back, with
  // the vault's typed error in words), then executed after the veto window, the rate lower.
  const rateBeforeSlash = await text("rate");
  await rpc("evm_increaseTime", [5]);
  await rpc("evm_mine", []);
  const capture = BigInt((await rpc("eth_getBlockByNumber", ["latest", false])).timestamp);
  await sendAs(SERVICE, managerAddress, manager.encodeFunctionData("requestSlash", [OPERATOR, vaultAddress, parseUnits("1", 18), capture]));
  const id = BigInt(await rpc("eth_call", [{ to: managerAddress, data: manager.encodeFunctionData("slashRequestCount", []) }, "latest"])) - 1n;
  await page.click("#refresh");
  await page.waitForFunction(() => document.getElementById("pending-slash")?.textContent?.startsWith("1 ETH, until "));
  seen.pendingSlash = await text("pending-slash");
  await page.fill("#deposit-amount", "1");
  await page.click("#deposit-button");
  const held = await status("failed");
  check(held.startsWith("Deposit failed: A slash of 1 ETH is pending"), `deposit during the slash: ${held}`);
  await step("slash-pending");
  await rpc("evm_increaseTime", [61]); // the demo's veto window is 60 s (deploy/src/demo.rs VETO)
  await rpc("evm_mine", []);
  await sendAs(SERVICE, managerAddress, manager.encodeFunctionData("executeSlash", [id]));
  await page.click("#refresh");
  await page.waitForFunction(() => document.getElementById("pending-slash")?.textContent === "none");
  await page.waitForFunction((before) => document.getElementById("rate")?.textContent !== before, rateBeforeSlash);
  seen.rateAfterSlash = await text("rate");
  await page.waitForFunction(() => document.querySelectorAll('#rate-moves li[data-cause="slash requested"]').length === 2);
  seen.rateMoves = await page.$$eval("#rate-moves li", (items) => items.map((item) => item.textContent));
  await page.waitForFunction(() => document.querySelectorAll('#history-list li[data-kind="slash"]').length === 2);
  const history = await page.$$eval("#history-list li", (items) => items.map((item) => item.dataset.kind));
  for (const kind of ["deposit", "transfer", "request", "claim", "slash"]) {
    check(history.includes(kind), `history lacks ${kind}: ${history}`);
  }
  seen.history = history;
  await step("slashed");

  await page.evaluate(() => window.__testWallet.switchAccount(1));
  await page.waitForFunction((address) => document.getElementById("account")?.textContent === address, second);
  await page.waitForFunction(() => document.getElementById("lrt-balance")?.textContent === "0.7 rstETH");
  await page.waitForFunction(() => document.querySelectorAll("#requests tbody tr").length === 0);
  await step("switched");

  // The ERC-20 vault. The harness gives the second restaker 100 of the staking token (its
  // faucet is open to anyone).
  await sendAs(SERVICE, tokenAddress, token.encodeFunctionData("mint", [second, parseUnits("100", 18)]));
  await page.selectOption("#vault-select", "1");
  await page.waitForFunction(() => document.getElementById("rate")?.textContent === "1 rtstETH = 1 tstETH");
  await page.waitForFunction(() => document.getElementById("asset-balance")?.textContent === "100 tstETH");
  check(await page.isVisible("#asset-balance-row"), "the asset's balance is shown");
  check((await text("deposit-button")) === "Deposit with permit", `deposit button: ${await text("deposit-button")}`);
  check((await text("lrt-balance")) === "0 rtstETH", `LRT balance in the token vault: ${await text("lrt-balance")}`);
  check((await text("status")) === "", `the status of the other vault is cleared: ${await text("status")}`);
  const since = async (mark) =>
    (await page.evaluate(() => window.__testWalletLog.map((entry) => entry.method))).slice(mark);
  const statusStarts = (prefix) =>
    page.waitForFunction((want) => document.getElementById("status")?.textContent?.startsWith(want), prefix, { timeout: 30_000 });
  await step("token-vault");

  // Nothing: the permit is signed, the vault refuses the deposit, the page says why.
  await page.fill("#deposit-amount", "0");
  await page.click("#deposit-button");
  await statusStarts("Deposit with permit failed: ");
  check((await text("status")) === "Deposit with permit failed: The amount must be more than zero", `refused permit deposit: ${await text("status")}`);

  // One signature and one transaction.
  let mark = (await since(0)).length;
  await page.fill("#deposit-amount", "3");
  await page.waitForFunction(() => document.getElementById("deposit-preview")?.textContent?.startsWith("You get about 3 rtstETH"));
  await page.click("#deposit-button");
  await statusStarts("Deposit with permit: mined in block");
  const permitAsked = (await since(mark)).filter((method) => method.startsWith("eth_sign") || method === "eth_sendTransaction");
  check(JSON.stringify(permitAsked) === '["eth_signTypedData_v4","eth_sendTransaction"]', `permit deposit asked: ${permitAsked}`);
  await page.waitForFunction(() => document.getElementById("lrt-balance")?.textContent === "3 rtstETH");
  await page.waitForFunction(() => document.getElementById("asset-balance")?.textContent === "97 tstETH");
  const left = BigInt(await rpc("eth_call", [{ to: tokenAddress, data: token.encodeFunctionData("allowance", [second, depositorAddress]) }, "latest"]));
  check(left === 0n, `allowance left to the depositor: ${left}`);
  seen.permitDeposit = { asked: permitAsked, lrt: await text("lrt-balance") };
  await step("permit-deposit");

  // A wallet that cannot sign typed data: the page approves, then deposits.
  await page.evaluate(() => window.__testWallet.setTypedDataSupport(false));
  mark = (await since(0)).length;
  await page.fill("#deposit-amount", "2");
  await page.click("#deposit-button");
  await statusStarts("Deposit: mined in block");
  const fallbackAsked = (await since(mark)).filter((method) => method.startsWith("eth_sign") || method === "eth_sendTransaction");
  check(
    JSON.stringify(fallbackAsked) === '["eth_signTypedData_v4","eth_sendTransaction","eth_sendTransaction"]',
    `fallback asked: ${fallbackAsked}`,
  );
  await page.waitForFunction(() => document.getElementById("lrt-balance")?.textContent === "5 rtstETH");
  await page.waitForFunction(() => document.getElementById("asset-balance")?.textContent === "95 tstETH");
  await page.waitForFunction(() => document.querySelectorAll('#history-list li[data-kind="deposit"]').length === 2);
  const deposits = await page.$$eval('#history-list li[data-kind="deposit"]', (items) => items.map((item) => item.textContent));
  check(deposits.every((line) => / tstETH for /.test(line ?? "")), `token deposits in the history: ${deposits}`);
  seen.fallbackDeposit = { asked: fallbackAsked, history: deposits };
  await step("approve-deposit");

  // Rewards, distributed by anyone (the service here): the history shows them, and the rate
  // rises as they vest (the demo's vesting period is 3600 s, its fee 10%).
  const reward = parseUnits("10", 18);
  await sendAs(SERVICE, tokenAddress, token.encodeFunctionData("mint", [SERVICE, reward]));
  await sendAs(SERVICE, tokenAddress, token.encodeFunctionData("approve", [tokenVaultAddress, reward]));
  await sendAs(SERVICE, tokenVaultAddress, vaultInterface.encodeFunctionData("distributeRewards", [reward]));
  await rpc("evm_increaseTime", [3600]);
  await rpc("evm_mine", []);
  await page.click("#refresh");
  await page.waitForSelector('#history-list li[data-kind="rewards"]');
  const rewardsLine = await page.textContent('#history-list li[data-kind="rewards"]');
  check(/^Block \d+: Rewards of 10 tstETH distributed \(fee 1 tstETH\)$/.test(rewardsLine ?? ""), `rewards: ${rewardsLine}`);
  await page.waitForFunction(() => document.getElementById("rate")?.textContent !== "1 rtstETH = 1 tstETH");
  const raised = /^1 rtstETH = (1\.\d+) tstETH$/.exec(await text("rate"));
  check(raised, `rate after the rewards vested: ${await text("rate")}`);
  seen.rewards = { line: rewardsLine, rate: await text("rate") };

  // Two redemption requests in two epochs, then both claimed with one click.
  await page.fill("#redeem-amount", "1");
  await page.click("#redeem-button");
  await statusStarts("Redemption request: mined in block");
  // The chain's clock moved to the next epoch, as the page shows it.
  const moveTo = async (shown) => {
    const latestNow = BigInt((await rpc("eth_getBlockByNumber", ["latest", false])).timestamp);
    const target = BigInt(Date.parse(shown ?? "") / 1000);
    check(target > latestNow, `moving the clock to ${shown}, chain time ${latestNow}`);
    await rpc("evm_increaseTime", [Number(target - latestNow)]);
    await rpc("evm_mine", []);
  };
  await moveTo(await text("next-epoch"));
  await page.click("#redeem-button");
  await statusStarts("Redemption request: mined in block");
  await page.waitForFunction(() => document.querySelectorAll("#requests tbody tr").length === 2);
  const claimableTimes = await page.$$eval(`${row} td:nth-child(4)`, (cells) => cells.map((cell) => cell.textContent));
  check(new Set(claimableTimes).size === 2, `two epochs: ${claimableTimes}`);
  await moveTo(claimableTimes.sort().at(-1));
  await page.click("#refresh");
  await page.waitForFunction(() => document.querySelectorAll('#requests tbody tr[data-state="claimable"]').length === 2);
  check(await page.isVisible("#claim-all"), "Claim all is offered for two claimable requests");
  const assetBeforeClaims = await text("asset-balance");
  await page.click("#claim-all");
  await statusStarts("Claim all: mined in block");
  await page.waitForFunction(() => document.querySelectorAll('#requests tbody tr[data-state="claimed"]').length === 2);
  await page.waitForFunction((before) => document.getElementById("asset-balance")?.textContent !== before, assetBeforeClaims);
  const assetAfterClaims = await text("asset-balance");
  // 2 rtstETH at a rate above 1: more than 2 tstETH back.
  check(units(assetAfterClaims) - units(assetBeforeClaims) > parseUnits("2", 18), `claimed: ${assetBeforeClaims} -> ${assetAfterClaims}`);
  check((await text("lrt-balance")) === "3 rtstETH", `LRT left: ${await text("lrt-balance")}`);
  // One claim of both requests: one transfer, one Withdraw event for the two.
  await page.waitForSelector('#history-list li[data-kind="claim"]');
  const claims = await page.$$eval('#history-list li[data-kind="claim"]', (items) => items.map((item) => item.textContent));
  check(claims.length === 1 && /: Claimed \d+(\.\d+)? tstETH for 2 rtstETH$/.test(claims[0] ?? ""), `claims in the history: ${claims}`);
  seen.claimAll = { before: assetBeforeClaims, after: assetAfterClaims, history: claims };
  await step("claimed-all");

  check(pageErrors.length === 0, `errors on the page: ${pageErrors}`);
  check(seen.outside.length === 0, `requests left localhost: ${seen.outside}`);
  seen.ok = true;
} finally {
  await browser.close();
  writeFileSync(join(shots, "seen.json"), `${JSON.stringify(seen, null, 2)}\n`);
  console.log(JSON.stringify(seen));
}
