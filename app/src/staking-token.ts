// The ERC-20 a vault may hold instead of ETH, with EIP-2612 permits (the demo's token is
// OpenZeppelin's ERC20Permit, deploy/solidity/DemoStakingToken.sol): the part the page uses,
// its typed errors included, and the permit a restaker signs with eth_signTypedData_v4.
import { Contract, Signature, type ContractRunner, type Signer, type TypedDataField } from "ethers";
import { errorChain } from "./error-chain";

/** The functions and errors the page uses (OpenZeppelin 5's ERC20, ERC20Permit, EIP-5267). */
export const STAKING_TOKEN_ABI = [
  "function symbol() view returns (string)",
  "function decimals() view returns (uint8)",
  "function balanceOf(address account) view returns (uint256)",
  "function allowance(address owner, address spender) view returns (uint256)",
  "function approve(address spender, uint256 value) returns (bool)",
  "function nonces(address owner) view returns (uint256)",
  "function eip712Domain() view returns (bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)",
  "error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)",
  "error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)",
  "error ERC2612ExpiredSignature(uint256 deadline)",
  "error ERC2612InvalidSigner(address signer, address owner)",
];

export function stakingToken(address: string, runner: ContractRunner): Contract {
  return new Contract(address, STAKING_TOKEN_ABI, runner);
}

const PERMIT_TYPES: Record<string, TypedDataField[]> = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

/** What a permit deposit sends with the signature. */
export interface SignedPermit {
  deadline: bigint;
  v: number;
  r: string;
  s: string;
}

/** Has `signer` sign (eth_signTypedData_v4) a permit of `value` of `token` to `spender` until
 * `deadline`, over the domain the token publishes (EIP-5267) and its current nonce. */
export async function signPermit(
  token: Contract,
  signer: Signer,
  owner: string,
  spender: string,
  value: bigint,
  deadline: bigint,
): Promise<SignedPermit> {
  const [, name, version, chainId, verifyingContract] = (await token.eip712Domain()) as [
    string,
    string,
    string,
    bigint,
    string,
  ];
  const nonce = (await token.nonces(owner)) as bigint;
  const signature = Signature.from(
    await signer.signTypedData(
      { name, version, chainId, verifyingContract },
      PERMIT_TYPES,
      { owner, spender, value, nonce, deadline },
    ),
  );
  return { deadline, v: signature.v, r: signature.r, s: signature.s };
}

/** Whether `error` is a wallet saying it cannot sign typed data at all (EIP-1193 4200, or
 * JSON-RPC's method not found), as opposed to the person refusing (4001). */
export function cannotSignTypedData(error: unknown): boolean {
  for (const record of errorChain(error)) {
    if (record.code === 4200 || record.code === -32601) return true;
  }
  return false;
}
