//! Errors of the LRT token: EIP-6093 ERC-20 errors, EIP-2612 permit errors, the token's own,
//! and those of the shared components it embeds, gathered in one [`Error`].

use restaking_common::{
    access_control::{
        self, AccessControlBadConfirmation, AccessControlLastAdmin,
        AccessControlUnauthorizedAccount, AccessControlZeroAddress,
    },
    ecdsa::{self, ECDSAInvalidSignature, ECDSAInvalidSignatureS},
    initializable::InvalidInitialization,
};

restaking_common::sol_items! {
    /// ERC-20 (EIP-6093), EIP-2612 and token errors.
    LrtTokenErrors {
        /// `sender` holds `balance`, less than the `needed` amount.
        error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed);

        /// Tokens cannot come from `sender` (the zero address).
        error ERC20InvalidSender(address sender);

        /// Tokens cannot go to `receiver` (the zero address).
        error ERC20InvalidReceiver(address receiver);

        /// `spender` may spend `allowance`, less than the `needed` amount.
        error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed);

        /// `approver` (the zero address) cannot approve.
        error ERC20InvalidApprover(address approver);

        /// `spender` (the zero address) cannot be approved.
        error ERC20InvalidSpender(address spender);

        /// The permit's `deadline` has passed.
        error ERC2612ExpiredSignature(uint256 deadline);

        /// The permit was signed by `signer`, not by `owner`.
        error ERC2612InvalidSigner(address signer, address owner);

        /// Minting or burning zero tokens.
        error LrtTokenZeroAmount();

        /// A name or symbol of `length` bytes; at most 31 fit.
        error LrtTokenMetadataTooLong(uint256 length);

        /// Minting `amount` would take the total supply past `2^256 - 1`.
        error LrtTokenSupplyOverflow(uint256 totalSupply, uint256 amount);

        /// Another account holds `MINTER_ROLE`: the token has at most one minter, so that no
        /// vault can burn LRT another minted. Revoke it before granting it to a new one.
        error LrtTokenMinterAlreadyGranted();
    }
}

restaking_common::contract_errors! {
    /// Every error the LRT token returns.
    pub enum Error {
        /// See [`ERC20InsufficientBalance`].
        InsufficientBalance(ERC20InsufficientBalance) [sender, balance, needed],
        /// See [`ERC20InvalidSender`].
        InvalidSender(ERC20InvalidSender) [sender],
        /// See [`ERC20InvalidReceiver`].
        InvalidReceiver(ERC20InvalidReceiver) [receiver],
        /// See [`ERC20InsufficientAllowance`].
        InsufficientAllowance(ERC20InsufficientAllowance) [spender, allowance, needed],
        /// See [`ERC20InvalidApprover`].
        InvalidApprover(ERC20InvalidApprover) [approver],
        /// See [`ERC20InvalidSpender`].
        InvalidSpender(ERC20InvalidSpender) [spender],
        /// See [`ERC2612ExpiredSignature`].
        ExpiredSignature(ERC2612ExpiredSignature) [deadline],
        /// See [`ERC2612InvalidSigner`].
        InvalidSigner(ERC2612InvalidSigner) [signer, owner],
        /// See [`LrtTokenZeroAmount`].
        ZeroAmount(LrtTokenZeroAmount) [],
        /// See [`LrtTokenMetadataTooLong`].
        MetadataTooLong(LrtTokenMetadataTooLong) [length],
        /// See [`LrtTokenSupplyOverflow`].
        SupplyOverflow(LrtTokenSupplyOverflow) [totalSupply, amount],
        /// See [`LrtTokenMinterAlreadyGranted`].
        MinterAlreadyGranted(LrtTokenMinterAlreadyGranted) [],
        /// See [`ECDSAInvalidSignature`].
        InvalidSignature(ECDSAInvalidSignature) [],
        /// See [`ECDSAInvalidSignatureS`].
        InvalidSignatureS(ECDSAInvalidSignatureS) [s],
        /// See [`AccessControlUnauthorizedAccount`].
        UnauthorizedAccount(AccessControlUnauthorizedAccount) [account, neededRole],
        /// See [`AccessControlBadConfirmation`].
        BadConfirmation(AccessControlBadConfirmation) [],
        /// See [`AccessControlZeroAddress`].
        RoleToZeroAddress(AccessControlZeroAddress) [],
        /// See [`InvalidInitialization`]: written by the router, declared here for the ABI.
        AlreadyInitialized(InvalidInitialization) [],
        /// See [`AccessControlLastAdmin`].
        LastAdmin(AccessControlLastAdmin) [],
    }
}

impl From<access_control::Error> for Error {
    fn from(error: access_control::Error) -> Self {
        match error {
            access_control::Error::UnauthorizedAccount(e) => Self::UnauthorizedAccount(e),
            access_control::Error::BadConfirmation(e) => Self::BadConfirmation(e),
            access_control::Error::ZeroAddress(e) => Self::RoleToZeroAddress(e),
            access_control::Error::LastAdmin(e) => Self::LastAdmin(e),
        }
    }
}

impl From<ecdsa::Error> for Error {
    fn from(error: ecdsa::Error) -> Self {
        match error {
            ecdsa::Error::InvalidSignature(e) => Self::InvalidSignature(e),
            ecdsa::Error::InvalidSignatureS(e) => Self::InvalidSignatureS(e),
        }
    }
}
