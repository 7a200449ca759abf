;; The gas test's known program: echoes its calldata. Three basic blocks, whose ink is
;; worked out by hand in tests/gas.rs.
(module
  (import "vm_hooks" "read_args" (func $read_args (param i32)))
  (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
  (memory (export "memory") 1 1)
  (func (export "user_entrypoint") (param $len i32) (result i32)
    i32.const 0
    call $read_args
    i32.const 0
    local.get $len
    call $write_result
    i32.const 0))
