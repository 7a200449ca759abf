// The restaking page: connect a wallet, choose a vault, see the position, deposit (ETH, or an
// ERC-20 with a permit or approve-then-deposit), transfer the LRT, redeem and claim.
import { BrowserProvider, JsonRpcProvider, MaxUint256, Network, type TransactionResponse } from "ethers";
import { formatAmount, parseAmount, parsePercentBps, withSlippage } from "./amounts";
import { explainFailure, type ErrorUnits } from "./errors";
import { contracts, isNative, loadDeployments, readPosition, type Deployment, type Position } from "./protocol";
import { cannotSignTypedData, signPermit, type SignedPermit } from "./staking-token";
import { readHistory } from "./history";
import { readRateMoves } from "./rate";
import { readRequests, type RedeemRequest } from "./requests";
import { discoverWallets, ensureChain, watchToken, type Eip1193Provider, type FoundWallet } from "./wallet";
import "./style.css";

const CHAIN_NAME = "Stylus restaking devnet";

/** How long a permit the page asks for stays valid, in seconds. */
const PERMIT_LIFETIME = 1_200n;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

function show(id: string, text: string) {
  element(id).textContent = text;
}

/** Shows `message` as the status of something that failed. */
function showFailure(message: string) {
  show("status", message);
  element("status").dataset.state = "failed";
}

interface Session {
  wallet: FoundWallet;
  account: string;
}

const state: {
  deployments: Deployment[];
  deployment: Deployment | null;
  reader: JsonRpcProvider | null;
  session: Session | null;
  position: Position | null;
} = { deployments: [], deployment: null, reader: null, session: null, position: null };

function units(balances: ErrorUnits["balances"] = "share"): ErrorUnits {
  return {
    assetSymbol: state.position?.assetSymbol ?? "ETH",
    assetDecimals: state.position?.assetDecimals ?? 18,
    shareSymbol: state.position?.symbol ?? "LRT",
    decimals: state.position?.decimals ?? 18,
    balances,
  };
}

/** An amount of the vault's asset, for people. */
function assetAmount(value: bigint, position: Position): string {
  return `${formatAmount(value, position.assetDecimals)} ${position.assetSymbol}`;
}

function rpcUrl(): string {
  return new URL("/", window.location.href).href;
}

// Refreshes run one after another, so that an older read never overwrites a newer one.
let refreshes: Promise<void> = Promise.resolve();
let queued = 0;

function refresh(): Promise<void> {
  queued += 1;
  refreshes = refreshes
    .then(readAndShow)
    .catch((error) => console.warn("refresh failed", error))
    .finally(() => {
      queued -= 1;
    });
  return refreshes;
}

async function readAndShow() {
  const { deployment, reader } = state;
  if (!deployment || !reader) return;
  const account = state.session?.account ?? null;
  const position = await readPosition(reader, deployment, account);
  state.position = position;
  const d = position.decimals;
  show("rate", `1 ${position.symbol} = ${formatAmount(position.rate, 18)} ${position.assetSymbol}`);
  show("min-deposit", assetAmount(position.minDeposit, position));
  show("epoch", `${position.epoch}`);
  show("next-epoch", time(position.nextEpochAt));
  show(
    "pending-slash",
    position.pendingSlash === 0n
      ? "none"
      : `${assetAmount(position.pendingSlash, position)}, until ${time(position.pendingSlashUntil)}`,
  );
  show("eth-balance", position.ethBalance === null ? "-" : `${formatAmount(position.ethBalance, 18)} ETH`);
  element("asset-balance-row").hidden = position.assetBalance === null;
  show("asset-balance", position.assetBalance === null ? "-" : assetAmount(position.assetBalance, position));
  show(
    "lrt-balance",
    position.lrtBalance === null ? "-" : `${formatAmount(position.lrtBalance, d)} ${position.symbol}`,
  );
  show("lrt-worth", position.lrtWorth === null ? "-" : assetAmount(position.lrtWorth, position));
  show(
    "deposit-room",
    position.depositRoom === null
      ? "-"
      : position.depositCap === MaxUint256 && position.depositRoom > 0n
        ? "no cap"
        : assetAmount(position.depositRoom, position),
  );
  document.querySelectorAll(".symbol").forEach((node) => (node.textContent = position.symbol));
  document.querySelectorAll(".asset-symbol").forEach((node) => (node.textContent = position.assetSymbol));
  await updatePreview();
  await showRequests(account, position.blockTag);
  await showHistory(account, position);
  await showRateMoves(position);
}

async function showRateMoves(position: Position) {
  const { deployment, reader } = state;
  if (!deployment || !reader) return;
  const moves = await readRateMoves(contracts(deployment, reader).vault, position.blockTag);
  element("rate-moves").replaceChildren(
    ...moves.map((move) => {
      const item = document.createElement("li");
      item.dataset.cause = move.cause;
      item.textContent = `Block ${move.block}: ${formatAmount(move.before, 18)} → ${formatAmount(move.after, 18)} ${position.assetSymbol} (${move.cause})`;
      return item;
    }),
  );
}

async function showHistory(account: string | null, position: Position) {
  const { deployment, reader } = state;
  if (!deployment || !reader) return;
  const { vault, lrt } = contracts(deployment, reader);
  const entries = account
    ? await readHistory(vault, lrt, account, position, { symbol: position.assetSymbol, decimals: position.assetDecimals }, position.blockTag)
    : [];
  element("history-list").replaceChildren(
    ...entries.map((entry) => {
      const item = document.createElement("li");
      item.dataset.kind = entry.kind;
      item.textContent = `Block ${entry.block}: ${entry.text}`;
      return item;
    }),
  );
}

function time(seconds: bigint): string {
  return new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");
}

async function showRequests(account: string | null, blockTag: number) {
  const { deployment, reader } = state;
  const body = element("requests").querySelector("tbody");
  if (!deployment || !reader || !body) return;
  const requests: RedeemRequest[] = account
    ? await readRequests(contracts(deployment, reader).vault, account, blockTag)
    : [];
  body.replaceChildren(
    ...requests.map((request) => {
      const row = document.createElement("tr");
      row.dataset.request = request.id.toString();
      row.dataset.state = request.state;
      const cells = [
        `#${request.id}`,
        request.state === "claimed" ? "-" : formatAmount(request.shares, state.position?.decimals ?? 18),
        request.state,
        time(request.claimableAt),
      ];
      for (const text of cells) {
        const cell = document.createElement("td");
        cell.textContent = text;
        row.append(cell);
      }
      const action = document.createElement("td");
      if (request.state === "claimable") {
        const button = document.createElement("button");
        button.textContent = "Claim";
        button.className = "claim";
        button.addEventListener("click", () => void claim([request.id]));
        action.append(button);
      }
      row.append(action);
      return row;
    }),
  );
  const claimable = requests.filter((request) => request.state === "claimable").map((request) => request.id);
  const all = element<HTMLButtonElement>("claim-all");
  all.hidden = claimable.length < 2;
  all.onclick = () => void claim(claimable);
}

async function requestRedeem() {
  const shares = parseAmount(element<HTMLInputElement>("redeem-amount").value, state.position?.decimals ?? 18);
  if (shares === null) {
    showFailure("Enter an amount to redeem");
    return;
  }
  await track("Redemption request", ({ vault, account, overrides }) =>
    vault.requestRedeem(shares, account, account, overrides),
  );
}

async function claim(ids: bigint[]) {
  if (ids.length === 0) return;
  await track(ids.length === 1 ? "Claim" : "Claim all", ({ vault, account, overrides }) =>
    ids.length === 1 ? vault.claim(ids[0], account, overrides) : vault.claimBatch(ids, account, overrides),
  );
}

// Each preview has a number; a slower, older one never overwrites a newer one.
let previews = 0;

async function updatePreview() {
  const { deployment, reader } = state;
  if (!deployment || !reader) return;
  previews += 1;
  const ticket = previews;
  const amount = parseAmount(element<HTMLInputElement>("deposit-amount").value, state.position?.assetDecimals ?? 18);
  const slippage = parsePercentBps(element<HTMLInputElement>("slippage").value);
  if (amount === null || amount === 0n || slippage === null) {
    show("deposit-preview", "");
    return;
  }
  const { vault } = contracts(deployment, reader);
  const shares = (await vault.previewDeposit(amount)) as bigint;
  if (ticket !== previews || deployment !== state.deployment) return;
  const symbol = state.position?.symbol ?? "LRT";
  const decimals = state.position?.decimals ?? 18;
  show(
    "deposit-preview",
    `You get about ${formatAmount(shares, decimals)} ${symbol}, at least ${formatAmount(withSlippage(shares, slippage), decimals)} ${symbol}`,
  );
}

/** Sends a transaction and shows it: pending, then mined or failed (with the contract's error in words). */
async function track(label: string, send: (signed: Signed) => Promise<TransactionResponse>) {
  await busy(() => sendAndShow(label, send));
}

/** Runs `work` with the page's buttons disabled: one transaction (or one deposit's sequence of
 * them) at a time, a second click while one is pending sends nothing. */
async function busy(work: () => Promise<unknown>) {
  const buttons = [...document.querySelectorAll<HTMLButtonElement | HTMLSelectElement>("#actions button, #vault-select")];
  buttons.forEach((button) => (button.disabled = true));
  try {
    await work();
  } finally {
    buttons.forEach((button) => (button.disabled = false));
  }
}

/** Sends one transaction and shows it; whether it was mined. Balances named in a refusal are
 * of the share token, or with `balances` "asset" of the vault's asset. */
async function sendAndShow(
  label: string,
  send: (signed: Signed) => Promise<TransactionResponse>,
  balances: ErrorUnits["balances"] = "share",
): Promise<boolean> {
  const status = element("status");
  status.dataset.state = "pending";
  status.textContent = `${label}: waiting for the wallet`;
  try {
    const tx = await send(await signed());
    status.textContent = `${label}: pending (${tx.hash})`;
    const receipt = await tx.wait();
    status.dataset.state = "mined";
    status.textContent = `${label}: mined in block ${receipt?.blockNumber}`;
    await refresh();
    return true;
  } catch (error) {
    status.dataset.state = "failed";
    status.textContent = `${label} failed: ${explainFailure(error, units(balances))}`;
    await refresh();
    return false;
  }
}

/** What a transaction is sent with: the contracts bound to the wallet's signer, the signer's
 * own address (the receiver and controller of what it sends) and overrides naming the chain. */
type Contracts = ReturnType<typeof contracts>;

interface Signed extends Contracts {
  signer: Awaited<ReturnType<BrowserProvider["getSigner"]>>;
  account: string;
  overrides: { chainId: bigint };
}

async function signed(): Promise<Signed> {
  const { session, deployment } = state;
  if (!session || !deployment) throw new Error("connect a wallet first");
  // Never send on another chain: a person may have switched networks in the wallet since.
  await ensureChain(session.wallet.provider, { chainId: deployment.chainId, name: CHAIN_NAME, rpcUrl: rpcUrl() });
  const browser = new BrowserProvider(session.wallet.provider as never);
  const signer = await browser.getSigner(session.account);
  return {
    ...contracts(deployment, signer),
    signer,
    account: await signer.getAddress(),
    overrides: { chainId: deployment.chainId },
  };
}

async function deposit() {
  const deployment = state.deployment;
  if (!deployment) return;
  const amount = parseAmount(element<HTMLInputElement>("deposit-amount").value, state.position?.assetDecimals ?? 18);
  const slippage = parsePercentBps(element<HTMLInputElement>("slippage").value);
  if (amount === null || slippage === null) {
    showFailure(`Enter an amount of ${state.position?.assetSymbol ?? "ETH"} and a slippage between 0 and 100%`);
    return;
  }
  if (!isNative(deployment)) {
    await busy(() => depositToken(deployment, amount, slippage));
    return;
  }
  await track("Deposit", async ({ vault, account, overrides }) => {
    // The bound comes from the preview at the moment of sending, not the one on screen.
    const reader = contracts(deployment, state.reader as JsonRpcProvider).vault;
    const expected = (await reader.previewDeposit(amount)) as bigint;
    return vault.depositWithMinShares(amount, account, withSlippage(expected, slippage), {
      ...overrides,
      value: amount,
    });
  });
}

/** The least the deposit of `amount` may mint: the preview at the moment of sending (not the
 * one on screen), less the slippage. */
async function minShares(deployment: Deployment, amount: bigint, slippage: bigint): Promise<bigint> {
  const reader = contracts(deployment, state.reader as JsonRpcProvider).vault;
  return withSlippage((await reader.previewDeposit(amount)) as bigint, slippage);
}

/** Deposits an ERC-20: with a permit (one signature, one transaction through the permit
 * depositor) when the deployment has one and the wallet signs typed data; otherwise, or when
 * the wallet cannot (EIP-1193 4200), an approval (unless the allowance covers it) and then the
 * deposit. */
async function depositToken(deployment: Deployment, amount: bigint, slippage: bigint) {
  const depositor = deployment.permitDepositor;
  if (depositor) {
    let permit: SignedPermit | null = null;
    try {
      const { signer, account, asset } = await signed();
      if (!asset) throw new Error("the vault has no ERC-20 asset");
      show("status", "Deposit with permit: sign the permit in your wallet");
      element("status").dataset.state = "pending";
      const latest = await (state.reader as JsonRpcProvider).getBlock("latest");
      const deadline = BigInt(latest?.timestamp ?? Math.floor(Date.now() / 1000)) + PERMIT_LIFETIME;
      permit = await signPermit(asset, signer, account, depositor, amount, deadline);
    } catch (error) {
      if (!cannotSignTypedData(error)) {
        showFailure(`Deposit with permit failed: ${explainFailure(error, units("asset"))}`);
        return;
      }
    }
    if (permit) {
      const { deadline, v, r, s } = permit;
      await sendAndShow(
        "Deposit with permit",
        async ({ depositor: contract, account, overrides }) =>
          (contract as NonNullable<Contracts["depositor"]>).depositWithPermit(
            account,
            amount,
            await minShares(deployment, amount, slippage),
            deadline,
            v,
            r,
            s,
            overrides,
          ),
        "asset",
      );
      return;
    }
  }
  const reader = contracts(deployment, state.reader as JsonRpcProvider).asset;
  const account = state.session?.account;
  if (!reader || !account) return;
  if (((await reader.allowance(account, deployment.vault)) as bigint) < amount) {
    const approved = await sendAndShow(
      "Approval",
      ({ asset, overrides }) => (asset as NonNullable<Contracts["asset"]>).approve(deployment.vault, amount, overrides),
      "asset",
    );
    if (!approved) return;
  }
  await sendAndShow(
    "Deposit",
    async ({ vault, account: sender, overrides }) =>
      vault.depositWithMinShares(amount, sender, await minShares(deployment, amount, slippage), overrides),
    "asset",
  );
}

async function transfer() {
  const to = element<HTMLInputElement>("transfer-to").value.trim();
  const amount = parseAmount(element<HTMLInputElement>("transfer-amount").value, state.position?.decimals ?? 18);
  if (amount === null || !/^0x[0-9a-fA-F]{40}$/.test(to)) {
    showFailure("Enter a recipient address and an amount");
    return;
  }
  await track("Transfer", ({ lrt, overrides }) => lrt.transfer(to, amount, overrides));
}

function onAccounts(accounts: unknown) {
  const list = accounts as string[];
  if (!state.session) return;
  if (list.length === 0) {
    state.session = null;
    show("account", "not connected");
  } else {
    state.session.account = list[0];
    show("account", list[0]);
  }
  void refresh();
}

function onChain(chainId: unknown) {
  const expected = state.deployment?.chainId;
  const current = BigInt(chainId as string);
  show("network", current === expected ? CHAIN_NAME : `wrong network (chain ${current})`);
}

async function connect(wallet: FoundWallet) {
  const deployment = state.deployment;
  if (!deployment) return;
  const provider: Eip1193Provider = wallet.provider;
  try {
    const accounts = (await provider.request({ method: "eth_requestAccounts" })) as string[];
    await ensureChain(provider, { chainId: deployment.chainId, name: CHAIN_NAME, rpcUrl: rpcUrl() });
    // Only the wallet in use is listened to: the previous one's events no longer count.
    const previous = state.session?.wallet.provider;
    previous?.removeListener?.("accountsChanged", onAccounts);
    previous?.removeListener?.("chainChanged", onChain);
    state.session = { wallet, account: accounts[0] };
    provider.on?.("accountsChanged", onAccounts);
    provider.on?.("chainChanged", onChain);
    show("account", accounts[0]);
    show("wallet-name", wallet.info.name);
    element("connect").textContent = "Change wallet";
    onChain(await provider.request({ method: "eth_chainId" }));
    element("actions").hidden = false;
    await refresh();
  } catch (error) {
    showFailure(`Connecting failed: ${explainFailure(error, units())}`);
  }
}

async function chooseWallet() {
  const wallets = await discoverWallets();
  const list = element("wallets");
  list.replaceChildren();
  if (wallets.length === 0) {
    show("status", "No wallet found: install MetaMask or another browser wallet");
    return;
  }
  if (wallets.length === 1) {
    await connect(wallets[0]);
    return;
  }
  for (const wallet of wallets) {
    const button = document.createElement("button");
    button.textContent = wallet.info.name;
    button.addEventListener("click", () => void connect(wallet));
    list.append(button);
  }
}

async function addToken() {
  const { deployment, session, position } = state;
  if (!deployment || !session || !position) return;
  const added = await watchToken(session.wallet.provider, {
    address: deployment.lrt,
    symbol: position.symbol,
    decimals: position.decimals,
  });
  show("status", added ? `${position.symbol} added to your wallet` : `${position.symbol} was not added`);
}

/** Fills the vault selector: each deployment by its LRT and asset. */
async function listVaults(deployments: Deployment[], reader: JsonRpcProvider) {
  const options = await Promise.all(
    deployments.map(async (deployment, index) => {
      const { lrt, asset } = contracts(deployment, reader);
      const [symbol, assetSymbol] = await Promise.all([
        lrt.symbol() as Promise<string>,
        asset ? (asset.symbol() as Promise<string>) : Promise.resolve("ETH"),
      ]);
      const option = document.createElement("option");
      option.value = String(index);
      option.textContent = `${symbol}: restake ${assetSymbol}`;
      return option;
    }),
  );
  element("vault-select").replaceChildren(...options);
}

/** Shows deployment `index` of the list: its vault, token and the account's position in it. */
async function chooseVault(index: number) {
  const deployment = state.deployments[index];
  if (!deployment) return;
  state.deployment = deployment;
  state.position = null;
  element<HTMLSelectElement>("vault-select").value = String(index);
  show("vault-address", deployment.vault);
  show("lrt-address", deployment.lrt);
  show("deposit-preview", "");
  // What the page said about the other vault no longer applies.
  show("status", "");
  delete element("status").dataset.state;
  element("deposit-button").textContent = deployment.permitDepositor ? "Deposit with permit" : "Deposit";
  await refresh();
}

async function start() {
  try {
    const deployments = await loadDeployments();
    const deployment = deployments[0];
    state.deployments = deployments;
    state.reader = new JsonRpcProvider(rpcUrl(), Network.from(deployment.chainId), {
      staticNetwork: true,
    });
    await listVaults(deployments, state.reader);
    await chooseVault(0);
  } catch (error) {
    showFailure(`Cannot load the deployment: ${String(error)}`);
    return;
  }
  element("connect").addEventListener("click", () => void chooseWallet());
  element("deposit-button").addEventListener("click", () => void deposit());
  element("transfer-button").addEventListener("click", () => void transfer());
  element("watch-asset").addEventListener("click", () => void addToken());
  element("redeem-button").addEventListener("click", () => void requestRedeem());
  element("refresh").addEventListener("click", () => void refresh());
  // New blocks change what the page shows: read again every few seconds.
  setInterval(() => {
    if (queued === 0) void refresh();
  }, 5_000);
  element("deposit-amount").addEventListener("input", () => void updatePreview());
  element("slippage").addEventListener("input", () => void updatePreview());
  element("vault-select").addEventListener("change", (event) => {
    void chooseVault(Number((event.target as HTMLSelectElement).value));
  });
  document.body.dataset.ready = "true";
}

void start();
