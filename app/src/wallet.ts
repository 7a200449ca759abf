// Finding and using the person's wallet: EIP-6963 discovery (window.ethereum as the fallback),
// EIP-3085/3326 chain switching with the 4902 path, EIP-747 watchAsset.

/** An EIP-1193 provider. */
export interface Eip1193Provider {
  request(args: { method: string; params?: unknown[] | object }): Promise<unknown>;
  on?(event: string, listener: (...args: unknown[]) => void): void;
  removeListener?(event: string, listener: (...args: unknown[]) => void): void;
}

/** What an EIP-6963 wallet announces about itself. */
export interface WalletInfo {
  uuid: string;
  name: string;
  icon: string;
  rdns: string;
}

/** A wallet found on the page. */
export interface FoundWallet {
  info: WalletInfo;
  provider: Eip1193Provider;
}

/** Asks the page's wallets to announce themselves (EIP-6963) and collects them for `waitMs`. */
export async function discoverWallets(waitMs = 300): Promise<FoundWallet[]> {
  const found = new Map<string, FoundWallet>();
  const onAnnounce = (event: Event) => {
    const detail = (event as CustomEvent<FoundWallet>).detail;
    if (detail?.info?.uuid && detail.provider) found.set(detail.info.uuid, detail);
  };
  window.addEventListener("eip6963:announceProvider", onAnnounce);
  window.dispatchEvent(new Event("eip6963:requestProvider"));
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  window.removeEventListener("eip6963:announceProvider", onAnnounce);
  const wallets = [...found.values()];
  const injected = (window as unknown as { ethereum?: Eip1193Provider }).ethereum;
  if (wallets.length === 0 && injected) {
    wallets.push({
      info: { uuid: "window.ethereum", name: "Browser wallet", icon: "", rdns: "" },
      provider: injected,
    });
  }
  return wallets;
}

/** The chain the page works with. */
export interface ChainSettings {
  chainId: bigint;
  name: string;
  rpcUrl: string;
}

function hexChainId(chainId: bigint): string {
  return `0x${chainId.toString(16)}`;
}

/** Makes the wallet use `chain`: switches to it, and adds it first when the wallet does not know it (error 4902). */
export async function ensureChain(provider: Eip1193Provider, chain: ChainSettings): Promise<void> {
  const current = BigInt((await provider.request({ method: "eth_chainId" })) as string);
  if (current === chain.chainId) return;
  const chainId = hexChainId(chain.chainId);
  try {
    await provider.request({ method: "wallet_switchEthereumChain", params: [{ chainId }] });
  } catch (error) {
    const code = (error as { code?: number }).code;
    if (code !== 4902) throw error;
    await provider.request({
      method: "wallet_addEthereumChain",
      params: [
        {
          chainId,
          chainName: chain.name,
          rpcUrls: [chain.rpcUrl],
          nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
        },
      ],
    });
  }
}

/** Offers a token to the wallet (EIP-747); true when the wallet added it. */
export async function watchToken(
  provider: Eip1193Provider,
  token: { address: string; symbol: string; decimals: number },
): Promise<boolean> {
  const added = await provider.request({
    method: "wallet_watchAsset",
    params: { type: "ERC20", options: token },
  });
  return added === true;
}
