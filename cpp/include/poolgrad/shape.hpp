// Output sizes and validation of 2-D pooling options: the one place that
// decides whether a call is allowed. Kernels only ever see a validated Plan.
#pragma once
#include <cstdint>

namespace poolgrad {

enum class PoolKind : int32_t { max = 0, avg = 1 };

// Status codes cross the wasm boundary as plain ints; the JS wrapper maps each
// to an Error naming the parameter. Never reorder: JS mirrors these numbers.
enum class Status : int32_t {
  ok = 0,
  bad_kernel_size = 1,
  bad_stride = 2,
  bad_padding = 3,
  bad_dilation = 4,
  bad_output_size = 5,
  bad_divisor = 6,
  bad_shape = 7,
  too_large = 8,
  bad_indices = 9,
  out_of_memory = 10,
  bad_pointer = 11,
};

struct AxisOptions {
  int32_t kernel = 1;
  int32_t stride = 1;
  int32_t padding = 0;
  int32_t dilation = 1;
};

struct PoolOptions {
  AxisOptions h, w;
  bool ceil_mode = false;
  bool count_include_pad = true;  // avg only
  bool has_divisor_override = false;  // avg only
  int32_t divisor_override = 0;       // any non-zero integer, as in PyTorch
};

// Everything a kernel needs: sizes of one call, in elements.
struct Plan {
  PoolKind kind = PoolKind::max;
  int64_t planes = 0;  // N * C
  int32_t in_h = 0, in_w = 0;
  int32_t out_h = 0, out_w = 0;
  PoolOptions opt;
};

// Largest element count a tensor may have: its float32 bytes must be
// addressable by a 32-bit size_t (wasm32) without wrapping.
constexpr int64_t kMaxElements = (int64_t{1} << 30) - 16;

// PyTorch's pooling_output_shape: floor (or ceil) of the window count, and in
// ceil mode the last window is dropped if it starts at or after in + padding.
int64_t pooled_size(int64_t in, const AxisOptions& axis, bool ceil_mode);

// Checks every option and size in PyTorch's order and fills `plan`.
// For average pooling the dilation must be 1 on both axes.
Status make_plan(PoolKind kind, int64_t planes, int64_t in_h, int64_t in_w,
                 const PoolOptions& options, Plan* plan);

// Plan for max pooling's backward pass, which needs only the sizes: the
// indices of the forward carry the window geometry.
Status make_scatter_plan(int64_t planes, int64_t in_h, int64_t in_w, int64_t out_h,
                         int64_t out_w, Plan* plan);

}  // namespace poolgrad
