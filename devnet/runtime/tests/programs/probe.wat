;; The runtime's probe: one Stylus program that exercises every `vm_hooks` host function.
;;
;; Calldata is `op ++ args`; `read_args` copies it to address 0, so the arguments start at 1.
;; Each op calls its host function(s) and returns what they produced with `write_result`
;; (u32/u64 results little endian, words and addresses as the host wrote them). Unknown ops
;; revert with no data. The op numbers are mirrored by `Op` in tests/common/mod.rs; the list
;; below is generated in that order (0x00 first).
;;
;; Memory: calldata at 0; `$zero` (0x8000) is 32 zero bytes (a zero call value); `$retlen`
;; (0x8100) receives return-data lengths; results are assembled at `$out` (0x9000).
;;
;; Ops:
;;   0x00 echo
;;   0x01 store
;;   0x02 load
;;   0x03 tstore
;;   0x04 tload
;;   0x05 call
;;   0x06 delegate
;;   0x07 static
;;   0x08 try_call
;;   0x09 window
;;   0x0a create1
;;   0x0b create2
;;   0x0c emit_log
;;   0x0d balance
;;   0x0e code
;;   0x0f code_size
;;   0x10 codehash
;;   0x11 basefee
;;   0x12 coinbase
;;   0x13 gas_limit
;;   0x14 number
;;   0x15 timestamp
;;   0x16 chainid
;;   0x17 address
;;   0x18 gas_left
;;   0x19 ink_left
;;   0x1a div
;;   0x1b mod
;;   0x1c pow
;;   0x1d add_mod
;;   0x1e mul_mod
;;   0x1f reentrant
;;   0x20 sender
;;   0x21 value
;;   0x22 keccak
;;   0x23 gas_price
;;   0x24 ink_price
;;   0x25 origin
;;   0x26 grow
;;   0x27 pay_for_memory
;;   0x28 exit_early
;;   0x29 revert
;;   0x2a spin
;;   0x2b store_then_call
;;   0x2c store_then_revert
;;   0x2d cached_load
;;   0x2e tstore_then_call
;;   0x2f call_then_revert
(module
  (import "vm_hooks" "read_args" (func $read_args (param i32)))
  (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
  (import "vm_hooks" "exit_early" (func $exit_early (param i32)))
  (import "vm_hooks" "storage_load_bytes32" (func $storage_load_bytes32 (param i32 i32)))
  (import "vm_hooks" "storage_cache_bytes32" (func $storage_cache_bytes32 (param i32 i32)))
  (import "vm_hooks" "storage_flush_cache" (func $storage_flush_cache (param i32)))
  (import "vm_hooks" "transient_load_bytes32" (func $transient_load_bytes32 (param i32 i32)))
  (import "vm_hooks" "transient_store_bytes32" (func $transient_store_bytes32 (param i32 i32)))
  (import "vm_hooks" "call_contract" (func $call_contract (param i32 i32 i32 i32 i64 i32) (result i32)))
  (import "vm_hooks" "delegate_call_contract" (func $delegate_call_contract (param i32 i32 i32 i64 i32) (result i32)))
  (import "vm_hooks" "static_call_contract" (func $static_call_contract (param i32 i32 i32 i64 i32) (result i32)))
  (import "vm_hooks" "create1" (func $create1 (param i32 i32 i32 i32 i32)))
  (import "vm_hooks" "create2" (func $create2 (param i32 i32 i32 i32 i32 i32)))
  (import "vm_hooks" "read_return_data" (func $read_return_data (param i32 i32 i32) (result i32)))
  (import "vm_hooks" "return_data_size" (func $return_data_size (result i32)))
  (import "vm_hooks" "emit_log" (func $emit_log (param i32 i32 i32)))
  (import "vm_hooks" "account_balance" (func $account_balance (param i32 i32)))
  (import "vm_hooks" "account_code" (func $account_code (param i32 i32 i32 i32) (result i32)))
  (import "vm_hooks" "account_code_size" (func $account_code_size (param i32) (result i32)))
  (import "vm_hooks" "account_codehash" (func $account_codehash (param i32 i32)))
  (import "vm_hooks" "evm_gas_left" (func $evm_gas_left (result i64)))
  (import "vm_hooks" "evm_ink_left" (func $evm_ink_left (result i64)))
  (import "vm_hooks" "block_basefee" (func $block_basefee (param i32)))
  (import "vm_hooks" "chainid" (func $chainid (result i64)))
  (import "vm_hooks" "block_coinbase" (func $block_coinbase (param i32)))
  (import "vm_hooks" "block_gas_limit" (func $block_gas_limit (result i64)))
  (import "vm_hooks" "block_number" (func $block_number (result i64)))
  (import "vm_hooks" "block_timestamp" (func $block_timestamp (result i64)))
  (import "vm_hooks" "contract_address" (func $contract_address (param i32)))
  (import "vm_hooks" "math_div" (func $math_div (param i32 i32)))
  (import "vm_hooks" "math_mod" (func $math_mod (param i32 i32)))
  (import "vm_hooks" "math_pow" (func $math_pow (param i32 i32)))
  (import "vm_hooks" "math_add_mod" (func $math_add_mod (param i32 i32 i32)))
  (import "vm_hooks" "math_mul_mod" (func $math_mul_mod (param i32 i32 i32)))
  (import "vm_hooks" "msg_reentrant" (func $msg_reentrant (result i32)))
  (import "vm_hooks" "msg_sender" (func $msg_sender (param i32)))
  (import "vm_hooks" "msg_value" (func $msg_value (param i32)))
  (import "vm_hooks" "native_keccak256" (func $native_keccak256 (param i32 i32 i32)))
  (import "vm_hooks" "tx_gas_price" (func $tx_gas_price (param i32)))
  (import "vm_hooks" "tx_ink_price" (func $tx_ink_price (result i32)))
  (import "vm_hooks" "tx_origin" (func $tx_origin (param i32)))
  (import "vm_hooks" "pay_for_memory_grow" (func $pay_for_memory_grow (param i32)))
  (memory (export "memory") 1)
  (global $zero i32 (i32.const 0x8000))
  (global $retlen i32 (i32.const 0x8100))
  (global $out i32 (i32.const 0x9000))

  ;; Returns `len` bytes at `ptr` as the result, with status 0 (success).
  (func $ret (param $ptr i32) (param $len i32) (result i32)
    (call $write_result (local.get $ptr) (local.get $len))
    (i32.const 0))

  ;; Returns the last call's return data as the result; the status is the call's (0 ok, 1
  ;; failed), so a failed call reverts with the callee's revert data.
  (func $bubble (param $status i32) (result i32)
    (local $n i32)
    (local.set $n (call $return_data_size))
    (drop (call $read_return_data (global.get $out) (i32.const 0) (local.get $n)))
    (call $write_result (global.get $out) (local.get $n))
    (local.get $status))

  ;; After create1/create2: returns the 20-byte address (zero on failure) followed by the
  ;; init code's revert data.
  (func $created (result i32)
    (local $n i32)
    (local.set $n (i32.load (global.get $retlen)))
    (drop (call $read_return_data (i32.add (global.get $out) (i32.const 20)) (i32.const 0) (local.get $n)))
    (call $ret (global.get $out) (i32.add (local.get $n) (i32.const 20))))

  (func (export "user_entrypoint") (param $len i32) (result i32)
    (local $i i32) (local $n i32) (local $r i32)
    (call $read_args (i32.const 0))
    (if (i32.eqz (local.get $len)) (then (return (i32.const 1))))
    (block $default
    (block $op2f
    (block $op2e
    (block $op2d
    (block $op2c
    (block $op2b
    (block $op2a
    (block $op29
    (block $op28
    (block $op27
    (block $op26
    (block $op25
    (block $op24
    (block $op23
    (block $op22
    (block $op21
    (block $op20
    (block $op1f
    (block $op1e
    (block $op1d
    (block $op1c
    (block $op1b
    (block $op1a
    (block $op19
    (block $op18
    (block $op17
    (block $op16
    (block $op15
    (block $op14
    (block $op13
    (block $op12
    (block $op11
    (block $op10
    (block $op0f
    (block $op0e
    (block $op0d
    (block $op0c
    (block $op0b
    (block $op0a
    (block $op09
    (block $op08
    (block $op07
    (block $op06
    (block $op05
    (block $op04
    (block $op03
    (block $op02
    (block $op01
    (block $op00
      (br_table $op00 $op01 $op02 $op03 $op04 $op05 $op06 $op07 $op08 $op09 $op0a $op0b $op0c $op0d $op0e $op0f $op10 $op11 $op12 $op13 $op14 $op15 $op16 $op17 $op18 $op19 $op1a $op1b $op1c $op1d $op1e $op1f $op20 $op21 $op22 $op23 $op24 $op25 $op26 $op27 $op28 $op29 $op2a $op2b $op2c $op2d $op2e $op2f $default (i32.load8_u (i32.const 0))))
      ;; 0x00 echo
      (return (call $ret (i32.const 1) (i32.sub (local.get $len) (i32.const 1)))))
      ;; 0x01 store
      (local.set $i (i32.const 1))
      (block $done (loop $next
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 64)) (local.get $len)))
        (call $storage_cache_bytes32 (local.get $i) (i32.add (local.get $i) (i32.const 32)))
        (local.set $i (i32.add (local.get $i) (i32.const 64)))
        (br $next)))
      (call $storage_flush_cache (i32.const 0))
      (return (i32.const 0)))
      ;; 0x02 load
      (call $storage_load_bytes32 (i32.const 1) (global.get $out))
      (return (call $ret (global.get $out) (i32.const 32))))
      ;; 0x03 tstore
      (call $transient_store_bytes32 (i32.const 1) (i32.const 33))
      (return (i32.const 0)))
      ;; 0x04 tload
      (call $transient_load_bytes32 (i32.const 1) (global.get $out))
      (return (call $ret (global.get $out) (i32.const 32))))
      ;; 0x05 call
      (return (call $bubble (call $call_contract (i32.const 1) (i32.const 53) (i32.sub (local.get $len) (i32.const 53)) (i32.const 21) (i64.const -1) (global.get $retlen)))))
      ;; 0x06 delegate
      (return (call $bubble (call $delegate_call_contract (i32.const 1) (i32.const 21) (i32.sub (local.get $len) (i32.const 21)) (i64.const -1) (global.get $retlen)))))
      ;; 0x07 static
      (return (call $bubble (call $static_call_contract (i32.const 1) (i32.const 21) (i32.sub (local.get $len) (i32.const 21)) (i64.const -1) (global.get $retlen)))))
      ;; 0x08 try_call
      (local.set $r (call $call_contract (i32.const 1) (i32.const 53) (i32.sub (local.get $len) (i32.const 53)) (i32.const 21) (i64.const -1) (global.get $retlen)))
      (local.set $n (call $return_data_size))
      (i32.store8 (global.get $out) (local.get $r))
      (i32.store (i32.add (global.get $out) (i32.const 1)) (i32.load (global.get $retlen)))
      (drop (call $read_return_data (i32.add (global.get $out) (i32.const 5)) (i32.const 0) (local.get $n)))
      (return (call $ret (global.get $out) (i32.add (local.get $n) (i32.const 5)))))
      ;; 0x09 window
      (drop (call $call_contract (i32.const 1) (i32.const 29) (i32.sub (local.get $len) (i32.const 29)) (global.get $zero) (i64.const -1) (global.get $retlen)))
      (local.set $n (call $read_return_data (i32.add (global.get $out) (i32.const 4)) (i32.load (i32.const 21)) (i32.load (i32.const 25))))
      (i32.store (global.get $out) (local.get $n))
      (return (call $ret (global.get $out) (i32.add (local.get $n) (i32.const 4)))))
      ;; 0x0a create1
      (call $create1 (i32.const 33) (i32.sub (local.get $len) (i32.const 33)) (i32.const 1) (global.get $out) (global.get $retlen))
      (return (call $created)))
      ;; 0x0b create2
      (call $create2 (i32.const 65) (i32.sub (local.get $len) (i32.const 65)) (i32.const 1) (i32.const 33) (global.get $out) (global.get $retlen))
      (return (call $created)))
      ;; 0x0c emit_log
      (call $emit_log (i32.const 2) (i32.sub (local.get $len) (i32.const 2)) (i32.load8_u (i32.const 1)))
      (return (i32.const 0)))
      ;; 0x0d balance
      (call $account_balance (i32.const 1) (global.get $out))
      (return (call $ret (global.get $out) (i32.const 32))))
      ;; 0x0e code
      (local.set $n (call $account_code (i32.const 1) (i32.load (i32.const 21)) (i32.load (i32.const 25)) (global.get $out)))
      (return (call $ret (global.get $out) (local.get $n))))
      ;; 0x0f code_size
      (i32.store (global.get $out) (call $account_code_size (i32.const 1)))
      (return (call $ret (global.get $out) (i32.const 4))))
      ;; 0x10 codehash
      (call $account_codehash (i32.const 1) (global.get $out))
      (return (call $ret (global.get $out) (i32.const 32))))
      ;; 0x11 basefee
      (call $block_basefee (global.get $out))
      (return (call $ret (global.get $out) (i32.const 32))))
      ;; 0x12 coinbase
      (call $block_coinbase (global.get $out))
      (return (call $ret (global.get $out) (i32.const 20))))
      ;; 0x13 gas_limit
      (i64.store (global.get $out) (call $block_gas_limit))
      (return (call $ret (global.get $out) (i32.const 8))))
      ;; 0x14 number
      (i64.store (global.get $out) (call $block_number))
      (return (call $ret (global.get $out) (i32.const 8))))
      ;; 0x15 timestamp
      (i64.store (global.get $out) (call $block_timestamp))
      (return (call $ret (global.get $out) (i32.const 8))))
      ;; 0x16 chainid
      (i64.store (global.get $out) (call $chainid))
      (return (call $ret (global.get $out) (i32.const 8))))
      ;; 0x17 address
      (call $contract_address (global.get $out))
      (return (call $ret (global.get $out) (i32.const 20))))
      ;; 0x18 gas_left
      (i64.store (global.get $out) (call $evm_gas_left))
      (return (call $ret (global.get $out) (i32.const 8))))
      ;; 0x19 ink_left
      (i64.store (global.get $out) (call $evm_ink_left))
      (return (call $ret (global.get $out) (i32.const 8))))
      ;; 0x1a div
      (call $math_div (i32.const 1) (i32.const 33))
      (return (call $ret (i32.const 1) (i32.const 32))))
      ;; 0x1b mod
      (call $math_mod (i32.const 1) (i32.const 33))
      (return (call $ret (i32.const 1) (i32.const 32))))
      ;; 0x1c pow
      (call $math_pow (i32.const 1) (i32.const 33))
      (return (call $ret (i32.const 1) (i32.const 32))))
      ;; 0x1d add_mod
      (call $math_add_mod (i32.const 1) (i32.const 33) (i32.const 65))
      (return (call $ret (i32.const 1) (i32.const 32))))
      ;; 0x1e mul_mod
      (call $math_mul_mod (i32.const 1) (i32.const 33) (i32.const 65))
      (return (call $ret (i32.const 1) (i32.const 32))))
      ;; 0x1f reentrant
      (i32.store (global.get $out) (call $msg_reentrant))
      (return (call $ret (global.get $out) (i32.const 4))))
      ;; 0x20 sender
      (call $msg_sender (global.get $out))
      (return (call $ret (global.get $out) (i32.const 20))))
      ;; 0x21 value
      (call $msg_value (global.get $out))
      (return (call $ret (global.get $out) (i32.const 32))))
      ;; 0x22 keccak
      (call $native_keccak256 (i32.const 1) (i32.sub (local.get $len) (i32.const 1)) (global.get $out))
      (return (call $ret (global.get $out) (i32.const 32))))
      ;; 0x23 gas_price
      (call $tx_gas_price (global.get $out))
      (return (call $ret (global.get $out) (i32.const 32))))
      ;; 0x24 ink_price
      (i32.store (global.get $out) (call $tx_ink_price))
      (return (call $ret (global.get $out) (i32.const 4))))
      ;; 0x25 origin
      (call $tx_origin (global.get $out))
      (return (call $ret (global.get $out) (i32.const 20))))
      ;; 0x26 grow
      (i32.store (global.get $out) (memory.grow (i32.load8_u (i32.const 1))))
      (i32.store (i32.add (global.get $out) (i32.const 4)) (memory.size))
      (return (call $ret (global.get $out) (i32.const 8))))
      ;; 0x27 pay_for_memory
      (call $pay_for_memory_grow (i32.load8_u (i32.const 1)))
      (return (i32.const 0)))
      ;; 0x28 exit_early
      (call $write_result (i32.const 2) (i32.sub (local.get $len) (i32.const 2)))
      (call $exit_early (i32.load8_u (i32.const 1)))
      (return (i32.const 0)))
      ;; 0x29 revert
      (call $write_result (i32.const 1) (i32.sub (local.get $len) (i32.const 1)))
      (return (i32.const 1)))
      ;; 0x2a spin
      (loop $forever (br $forever))
      (return (i32.const 0)))
      ;; 0x2b store_then_call
      (call $storage_cache_bytes32 (i32.const 1) (i32.const 33))
      (call $storage_flush_cache (i32.const 0))
      (i32.store8 (global.get $out) (call $call_contract (i32.const 65) (i32.const 85) (i32.sub (local.get $len) (i32.const 85)) (global.get $zero) (i64.const -1) (global.get $retlen)))
      (return (call $ret (global.get $out) (i32.const 1))))
      ;; 0x2c store_then_revert
      (call $storage_cache_bytes32 (i32.const 1) (i32.const 33))
      (call $storage_flush_cache (i32.const 0))
      (call $write_result (i32.const 65) (i32.sub (local.get $len) (i32.const 65)))
      (return (i32.const 1)))
      ;; 0x2d cached_load
      (call $storage_cache_bytes32 (i32.const 1) (i32.const 33))
      (call $storage_load_bytes32 (i32.const 1) (global.get $out))
      (return (call $ret (global.get $out) (i32.const 32))))
      ;; 0x2e tstore_then_call
      (call $transient_store_bytes32 (i32.const 1) (i32.const 33))
      (return (call $bubble (call $call_contract (i32.const 65) (i32.const 85) (i32.sub (local.get $len) (i32.const 85)) (global.get $zero) (i64.const -1) (global.get $retlen)))))
      ;; 0x2f call_then_revert
      (drop (call $call_contract (i32.const 1) (i32.const 21) (i32.sub (local.get $len) (i32.const 21)) (global.get $zero) (i64.const -1) (global.get $retlen)))
      (return (call $bubble (i32.const 1))))
    ;; unknown op
    (i32.const 1))
)
