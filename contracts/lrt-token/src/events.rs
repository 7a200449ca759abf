//! Events of the LRT token (ERC-20). Role events come from
//! [`restaking_common::access_control`].

restaking_common::sol_items! {
    /// ERC-20 events.
    LrtTokenEvents {
        /// `value` tokens moved from `from` to `to`; `from` is zero on mint, `to` on burn.
        event Transfer(address indexed from, address indexed to, uint256 value);

        /// `owner` allowed `spender` to spend `value` of its tokens (by `approve` or `permit`).
        event Approval(address indexed owner, address indexed spender, uint256 value);
    }
}
