//! Going back in time: what a stretch of execution changed, kept as the values from before
//! it, so that the state after it can be turned back into the state before it. A node keeps
//! one [`Undo`] per block and serves the state at a past block by undoing the blocks after it,
//! newest first, on a copy of the current state (anvil and geth keep state per block for the
//! same RPC methods; an in-memory chain only needs what each block changed).

use revm::{
    database::AccountState,
    primitives::{Address, U256, map::HashMap},
    state::{AccountInfo, EvmState},
};

use crate::context::Db;

/// The values from before a stretch of changes, for every account and storage slot the
/// stretch changed: the first value seen wins, later changes of the same entry add nothing.
#[derive(Clone, Debug, Default)]
pub struct Undo {
    accounts: HashMap<Address, AccountUndo>,
}

/// One account's values from before.
#[derive(Clone, Debug)]
struct AccountUndo {
    /// Its info and state, `None` when the database had no entry for it.
    before: Option<(AccountInfo, AccountState)>,
    /// Each changed slot's value, `None` when the database had no entry for it.
    slots: HashMap<U256, Option<U256>>,
    /// Its whole storage, once a change cleared it (a creation or a self-destruct).
    whole: Option<HashMap<U256, U256>>,
}

impl Undo {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty()
    }

    /// Records the values that committing `changes` into `db` is about to replace: call it
    /// just before `DatabaseCommit::commit`. It follows what `CacheDB::commit` writes (revm
    /// `database/src/in_memory_db.rs`): untouched accounts are skipped; a created or
    /// self-destructed account loses its whole storage; any other touched account gets its
    /// info and the slots the execution loaded.
    pub fn record_commit(&mut self, db: &Db, changes: &EvmState) {
        for (address, account) in changes {
            if !account.is_touched() {
                continue;
            }
            let clears_storage = account.is_created() || account.is_selfdestructed();
            self.record_account(db, *address);
            if clears_storage {
                self.record_whole_storage(db, *address);
            } else {
                for slot in account.storage.keys() {
                    self.record_slot(db, *address, *slot);
                }
            }
        }
    }

    /// Records an account's info before a direct change of it (a dev tool's).
    pub fn record_account(&mut self, db: &Db, address: Address) {
        self.accounts.entry(address).or_insert_with(|| AccountUndo {
            before: db
                .cache
                .accounts
                .get(&address)
                .map(|account| (account.info.clone(), account.account_state.clone())),
            slots: HashMap::default(),
            whole: None,
        });
    }

    /// Records a slot's value before a direct change of it (a dev tool's).
    pub fn record_slot(&mut self, db: &Db, address: Address, slot: U256) {
        self.record_account(db, address);
        let before = storage_entry(db, address, slot);
        if let Some(account) = self.accounts.get_mut(&address)
            && account.whole.is_none()
        {
            account.slots.entry(slot).or_insert(before);
        }
    }

    /// Records an account's whole storage before a change that clears it. Slots recorded
    /// earlier in the stretch keep their older values.
    fn record_whole_storage(&mut self, db: &Db, address: Address) {
        let Some(account) = self.accounts.get_mut(&address) else {
            return;
        };
        if account.whole.is_some() {
            return;
        }
        let mut whole: HashMap<U256, U256> = db
            .cache
            .accounts
            .get(&address)
            .map(|current| current.storage.iter().map(|(k, v)| (*k, *v)).collect())
            .unwrap_or_default();
        for (slot, before) in account.slots.drain() {
            match before {
                Some(value) => whole.insert(slot, value),
                None => whole.remove(&slot),
            };
        }
        account.whole = Some(whole);
    }

    /// Turns `db`, the state after the stretch, back into the state before it.
    pub fn apply(&self, db: &mut Db) {
        for (address, undo) in &self.accounts {
            let Some((info, account_state)) = &undo.before else {
                db.cache.accounts.remove(address);
                continue;
            };
            let account = db.cache.accounts.entry(*address).or_default();
            account.info = info.clone();
            account.account_state = account_state.clone();
            if let Some(whole) = &undo.whole {
                account.storage = whole.iter().map(|(k, v)| (*k, *v)).collect();
            }
            for (slot, before) in &undo.slots {
                match before {
                    Some(value) => account.storage.insert(*slot, *value),
                    None => account.storage.remove(slot),
                };
            }
        }
    }
}

/// A slot's entry in the database, `None` when it has none.
fn storage_entry(db: &Db, address: Address, slot: U256) -> Option<U256> {
    db.cache
        .accounts
        .get(&address)
        .and_then(|account| account.storage.get(&slot).copied())
}

#[cfg(test)]
mod tests {
    use revm::{database::CacheDB, database_interface::EmptyDB, primitives::address};

    use super::*;

    fn funded(db: &mut Db, address: Address, wei: u64) {
        db.insert_account_info(
            address,
            AccountInfo {
                balance: U256::from(wei),
                ..AccountInfo::default()
            },
        );
    }

    fn balance(db: &Db, address: Address) -> Option<U256> {
        db.cache
            .accounts
            .get(&address)
            .map(|account| account.info.balance)
    }

    #[test]
    fn direct_changes_are_undone_to_the_first_values_seen() {
        let alice = address!("00000000000000000000000000000000000a11ce");
        let bob = address!("0000000000000000000000000000000000000b0b");
        let mut db: Db = CacheDB::new(EmptyDB::new());
        funded(&mut db, alice, 7);
        db.insert_account_storage(alice, U256::from(1), U256::from(10))
            .unwrap_or_else(|never| match never {});
        let before = db.clone();

        let mut undo = Undo::default();
        undo.record_account(&db, alice);
        funded(&mut db, alice, 8);
        undo.record_account(&db, alice);
        funded(&mut db, alice, 9);
        undo.record_slot(&db, alice, U256::from(1));
        undo.record_slot(&db, alice, U256::from(2));
        db.insert_account_storage(alice, U256::from(1), U256::from(11))
            .unwrap_or_else(|never| match never {});
        db.insert_account_storage(alice, U256::from(2), U256::from(12))
            .unwrap_or_else(|never| match never {});
        undo.record_account(&db, bob);
        funded(&mut db, bob, 5);

        undo.apply(&mut db);
        assert_eq!(balance(&db, alice), Some(U256::from(7)));
        assert_eq!(
            balance(&db, bob),
            None,
            "an account that was not there is gone"
        );
        assert_eq!(
            db.cache.accounts[&alice].storage,
            before.cache.accounts[&alice].storage
        );
    }
}
