// The flat interface the wasm bindings expose: buffers are wasm addresses,
// options travel in one int32 block, results are Status codes. Nothing here
// throws, so no C++ exception can ever reach JavaScript.
#pragma once
#include <cstdint>

namespace poolgrad::flat {

// Slots of the int32 parameter block; the bindings export them by name
// (Module.Param), so the JS side never spells a number.
enum Param : int32_t {
  kKind, kPlanes, kChannels, kInH, kInW,
  kKernelH, kKernelW, kStrideH, kStrideW,
  kPadTop, kPadBottom, kPadLeft, kPadRight, kPadRule,
  kDilationH, kDilationW,
  kCeilMode, kCountIncludePad, kHasDivisor, kDivisor, kLayout, kIndices,
  kOutH, kOutW,  // written back by every call that plans; read by max_backward
  // The output size the caller allocated for: when non-zero, a plan giving
  // another size is refused (Status::size_mismatch) before any kernel writes.
  kExpectOutH, kExpectOutW,
  kErrorAxis, kErrorValue,  // written back on a refusal: Refusal::axis, ::value (clamped to int32)
  kParamCount
};

using Address = uintptr_t;

// Validates the block and writes the output size into it.
int32_t plan(Address params);
int32_t max_forward(Address params, Address input, Address output, Address indices);
int32_t max_backward(Address params, Address grad_output, Address indices, Address grad_input);
int32_t avg_forward(Address params, Address input, Address output);
int32_t avg_backward(Address params, Address grad_output, Address grad_input);

// 64-byte aligned memory; 0 when the heap cannot grow that far.
Address allocate(uint32_t bytes);
void release(Address block);
// Bytes currently handed out by malloc, without the kernels' kept scratch
// block: lets tests prove nothing leaks.
uint32_t bytes_in_use();
// Size of the scratch block the average kernels keep between calls.
uint32_t kernel_scratch_bytes();

}  // namespace poolgrad::flat
