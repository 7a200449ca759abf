//! Locking the runtime's shared bookkeeping.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// Locks `mutex`, whose data stays consistent even if a holder panicked (every critical
/// section is a single read or write).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
