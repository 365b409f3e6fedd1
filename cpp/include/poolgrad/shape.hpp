// Output sizes and validation of 2-D pooling options: the one place that
// decides whether a call is allowed. Kernels only ever see a validated Plan.
#pragma once
#include <cstdint>

namespace poolgrad {

enum class PoolKind : int32_t { max = 0, avg = 1 };

// How the padding of a call is given. `symmetric` is PyTorch's (one number
// per axis, at most half the kernel); the others follow ONNX: `explicit_pads`
// (begin and end per axis, any value ≥ 0), and the auto_pad modes, which
// derive the padding from the input size and ignore ceil_mode.
enum class PadRule : int32_t { symmetric = 0, explicit_pads = 1, valid = 2, same_upper = 3, same_lower = 4 };

// Memory order of a tensor: planes of H×W (NCHW) or H×W positions of C
// channels each (NHWC, "channels last").
enum class Layout : int32_t { nchw = 0, nhwc = 1 };

// Status codes cross the wasm boundary as plain ints; the bindings export
// them by name, so JS never spells a number.
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
  bad_pointer = 11,
  bad_layout = 12,
  size_mismatch = 13,  // the caller's output size differs from the plan's
};
// The largest status: a code above it is no status at all.
constexpr Status kLastStatus = Status::size_mismatch;

// Which option broke a rule and with what value, for the error message.
// axis: 0 = height, 1 = width, -1 = not tied to an axis.
struct Refusal {
  Status status = Status::ok;
  int32_t axis = -1;
  int64_t value = 0;
};

struct AxisOptions {
  int32_t kernel = 1;
  int32_t stride = 1;
  int32_t padding = 0;  // before the input (top, left)
  int32_t dilation = 1;
  int32_t padding_end = -1;  // after the input (bottom, right); -1: same as padding
};

inline int32_t end_padding(const AxisOptions& a) {
  return a.padding_end < 0 ? a.padding : a.padding_end;
}

struct PoolOptions {
  AxisOptions h, w;
  bool ceil_mode = false;
  bool count_include_pad = true;  // avg only
  bool has_divisor_override = false;  // avg only
  int32_t divisor_override = 0;       // any non-zero integer, as in PyTorch
  PadRule pad_rule = PadRule::symmetric;
  Layout layout = Layout::nchw;
  bool indices = true;  // max only: false runs kernels that do no index work
};

// Everything a kernel needs: sizes of one call, in elements.
// In a Plan, padding and padding_end are resolved (both ≥ 0) whatever the
// PadRule was, and ceil_mode is false for the auto_pad rules.
struct Plan {
  PoolKind kind = PoolKind::max;
  int64_t planes = 0;  // N * C
  int64_t channels = 1;  // C; the kernels need it apart from N only for NHWC
  int32_t in_h = 0, in_w = 0;
  int32_t out_h = 0, out_w = 0;
  PoolOptions opt;
};

// Largest element count a tensor may have: its float32 bytes must be
// addressable by a 32-bit size_t (wasm32) without wrapping.
constexpr int64_t kMaxElements = (int64_t{1} << 30) - 16;

// PyTorch's pooling_output_shape (ONNX's for explicit pads): floor (or ceil)
// of the window count over in + padding + padding_end, and in ceil mode the
// last window is dropped if it starts at or after in + padding.
int64_t pooled_size(int64_t in, const AxisOptions& axis, bool ceil_mode);

// Checks every option and size in PyTorch's order and fills `plan`; on a
// refusal `why` (if given) names the axis and value. `channels` divides
// `planes` (N·C); only NHWC kernels use it.
Status make_plan(PoolKind kind, int64_t planes, int64_t in_h, int64_t in_w,
                 const PoolOptions& options, Plan* plan, Refusal* why = nullptr,
                 int64_t channels = 1);

// Plan for max pooling's backward pass, which needs only the sizes: the
// indices of the forward carry the window geometry.
Status make_scatter_plan(int64_t planes, int64_t in_h, int64_t in_w, int64_t out_h,
                         int64_t out_w, Plan* plan, Layout layout = Layout::nchw,
                         int64_t channels = 1);

}  // namespace poolgrad
