// The browser tests' wallet: a minimal EIP-1193 provider announced through EIP-6963, as
// MetaMask is. It signs with dev keys and forwards every other request to the devnet, so the
// page takes the same path as with a real wallet. Its config comes from
// `window.__testWalletConfig` (set by the test before the page loads); what it was asked is
// recorded in `window.__testWalletLog`.
import { JsonRpcProvider, Network, Wallet, getBytes, type TransactionRequest, type TypedDataField } from "ethers";

interface Config {
  rpcUrl: string;
  chainId: number;
  keys: string[];
  /** Whether the wallet starts on another chain and knows the devnet only once added. */
  startOnOtherChain: boolean;
}

type Listener = (...args: unknown[]) => void;

const page = window as unknown as {
  __testWalletConfig: Config;
  __testWalletLog: { method: string; params: unknown }[];
  __testWallet: TestWallet;
};

class TestWallet {
  private listeners = new Map<string, Set<Listener>>();
  private active = 0;
  private chainId: number;
  private knowsDevnet: boolean;
  private signsTypedData = true;
  private provider: JsonRpcProvider;

  constructor(private config: Config) {
    this.chainId = config.startOnOtherChain ? 1 : config.chainId;
    this.knowsDevnet = !config.startOnOtherChain;
    this.provider = new JsonRpcProvider(config.rpcUrl, Network.from(config.chainId), { staticNetwork: true });
  }

  private get wallet(): Wallet {
    return new Wallet(this.config.keys[this.active], this.provider);
  }

  on(event: string, listener: Listener) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)?.add(listener);
  }

  removeListener(event: string, listener: Listener) {
    this.listeners.get(event)?.delete(listener);
  }

  private emit(event: string, value: unknown) {
    this.listeners.get(event)?.forEach((listener) => listener(value));
  }

  /** Switches the wallet to chain `chainId`, as a person choosing another network in it. */
  switchChain(chainId: number) {
    this.chainId = chainId;
    this.emit("chainChanged", `0x${chainId.toString(16)}`);
  }

  /** Whether the wallet answers eth_signTypedData_v4 (some wallets do not: EIP-1193 4200). */
  setTypedDataSupport(supported: boolean) {
    this.signsTypedData = supported;
  }

  /** Switches to key `index`, as a person switching accounts in the wallet. */
  switchAccount(index: number) {
    this.active = index;
    this.emit("accountsChanged", [this.wallet.address]);
  }

  async request({ method, params }: { method: string; params?: unknown }): Promise<unknown> {
    page.__testWalletLog.push({ method, params });
    const list = (params ?? []) as unknown[];
    switch (method) {
      case "eth_requestAccounts":
      case "eth_accounts":
        return [this.wallet.address];
      case "eth_chainId":
        return `0x${this.chainId.toString(16)}`;
      case "wallet_switchEthereumChain": {
        const wanted = Number((list[0] as { chainId: string }).chainId);
        if (wanted === this.config.chainId && !this.knowsDevnet) {
          throw Object.assign(new Error("Unrecognized chain ID"), { code: 4902 });
        }
        this.switchChain(wanted);
        return null;
      }
      case "wallet_addEthereumChain": {
        const wanted = Number((list[0] as { chainId: string }).chainId);
        this.knowsDevnet = true;
        this.switchChain(wanted);
        return null;
      }
      case "wallet_watchAsset":
        return true;
      case "eth_sendTransaction": {
        const tx = { ...(list[0] as Record<string, unknown>) };
        // As MetaMask: only from the active account, and only on the chain the wallet is on,
        // which must be the devnet's (this wallet signs for no other).
        if (typeof tx.from === "string" && tx.from.toLowerCase() !== this.wallet.address.toLowerCase()) {
          throw Object.assign(new Error(`from ${tx.from} is not the active account`), { code: 4100 });
        }
        if (this.chainId !== this.config.chainId) {
          throw Object.assign(new Error(`the wallet is on chain ${this.chainId}`), { code: 4901 });
        }
        if (tx.chainId !== undefined && Number(tx.chainId) !== this.chainId) {
          throw Object.assign(new Error(`chainId ${String(tx.chainId)} is not the wallet's`), { code: 4901 });
        }
        delete tx.from;
        if (typeof tx.gas === "string") {
          tx.gasLimit = tx.gas;
          delete tx.gas;
        }
        const sent = await this.wallet.sendTransaction(tx as TransactionRequest);
        return sent.hash;
      }
      case "eth_signTypedData_v4": {
        if (!this.signsTypedData) {
          throw Object.assign(new Error("eth_signTypedData_v4 is not supported"), { code: 4200 });
        }
        // As MetaMask: only for the active account, and only for a domain of the chain the
        // wallet is on.
        if (String(list[0]).toLowerCase() !== this.wallet.address.toLowerCase()) {
          throw Object.assign(new Error(`${String(list[0])} is not the active account`), { code: 4100 });
        }
        const typed = JSON.parse(String(list[1])) as {
          domain: { chainId?: string | number };
          types: Record<string, TypedDataField[]>;
          message: Record<string, unknown>;
        };
        if (Number(typed.domain.chainId) !== this.chainId) {
          throw Object.assign(new Error(`the domain's chain ${typed.domain.chainId} is not the wallet's`), { code: -32603 });
        }
        const types = { ...typed.types };
        delete types.EIP712Domain;
        return this.wallet.signTypedData(typed.domain, types, typed.message);
      }
      case "personal_sign":
        return this.wallet.signMessage(getBytes(String(list[0])));
      default:
        return this.provider.send(method, list);
    }
  }
}

const wallet = new TestWallet(page.__testWalletConfig);
page.__testWalletLog = [];
page.__testWallet = wallet;
const info = {
  uuid: "5b1d7e52-3c3a-4c53-9a51-0b7c9a6c2f10",
  name: "Test Wallet",
  icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1 1'/%3E",
  rdns: "dev.stylus-restaking.test-wallet",
};
const announce = () =>
  window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider: wallet }) }));
window.addEventListener("eip6963:requestProvider", announce);
announce();
