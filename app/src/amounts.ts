// Amounts are bigints in the token's smallest unit; text goes through ethers' parseUnits and
// formatUnits, never through floating point.
import { formatUnits, parseUnits } from "ethers";

/** Parses what a person typed ("1.5") into units of a token with `decimals`; null if invalid. */
export function parseAmount(text: string, decimals: number): bigint | null {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  try {
    return parseUnits(trimmed, decimals);
  } catch {
    return null;
  }
}

/** Shows `units` of a token with `decimals`, without trailing zeros, at most `places` decimals (rounded down). */
export function formatAmount(units: bigint, decimals: number, places = 6): string {
  const text = formatUnits(units, decimals);
  const [whole, fraction = ""] = text.split(".");
  const cut = fraction.slice(0, places).replace(/0+$/, "");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return cut ? `${grouped}.${cut}` : grouped;
}

/** Basis points (parts per 10,000) from a percentage typed as text ("0.5" -> 50); null if invalid or over 100%. */
export function parsePercentBps(text: string): bigint | null {
  const bps = parseAmount(text, 2);
  if (bps === null || bps > 10_000n) return null;
  return bps;
}

/** The least an output may be after `slippageBps` of slippage, rounded down (a bound on what is accepted). */
export function withSlippage(expected: bigint, slippageBps: bigint): bigint {
  return (expected * (10_000n - slippageBps)) / 10_000n;
}
