// Which kernel runs a validated Plan, and the fast kernels themselves.
// The dispatch functions are the only place that decides; the public entry
// points in maxpool.cpp / avgpool.cpp switch on them, and the fast-path tests
// assert them, so every path a test claims to cover is the one that ran.
#pragma once
#include <cstdint>

#include "poolgrad/shape.hpp"
#include "poolgrad/tensor.hpp"

namespace poolgrad::detail {

enum class Path : int32_t {
  general = 0,          // window-by-window scalar code (maxpool.cpp / avgpool.cpp)
  max_k2s2 = 1,         // 4 output columns per step, kernel width 2, stride 2
  max_k3s2 = 2,         // kernel width 3, stride 2
  max_s1 = 3,           // stride 1, any kernel width / dilation
  max_any = 4,          // any stride (lanes gathered), any kernel width / dilation
  avg_s1 = 5,           // forward, stride 1
  avg_s2 = 6,           // forward, stride 2
  avg_any = 7,          // forward, other strides
  avg_back_s1 = 8,      // backward by gathering, stride 1 on both axes
  avg_back_disjoint = 9,  // backward, windows that never overlap (stride ≥ kernel)
  max_values = 10,      // NCHW max without indices: one tap at a time over a row
  max_nhwc = 11,        // channels last: every loop runs over the channels
  max_nhwc_values = 12,  // channels last, without indices
  avg_nhwc = 13,
  avg_back_nhwc = 14,
  max_back_nhwc = 15,
  max_back = 16,        // NCHW scatter
};

enum class Op : int32_t { max_forward, max_backward, avg_forward, avg_backward };

// The one place that picks the kernel for an operation on a validated Plan;
// the entry points switch on it and the tests assert it.
Path path_for(Op op, const Plan& p);

// True for the plans the vector NCHW kernels were written for: NCHW,
// symmetric padding of at most half the kernel (PyTorch's rule), average
// windows without dilation, max pooling with indices.
bool pytorch_shaped(const Plan& p);

const char* path_name(Path path);

// Output columns [lo, hi) whose window lies wholly inside the input along W;
// the vector paths handle those as one run, the border columns apart.
struct Interior {
  int32_t lo = 0, hi = 0;
};
Interior interior_columns(const Plan& p);

Path max_forward_path(const Plan& p);
Path avg_forward_path(const Plan& p);
Path avg_backward_path(const Plan& p);

// How many max vector steps found a NaN (or inf + -inf) in their windows and
// were computed again with the exact rule: the tests' proof that both ways run.
uint64_t max_exact_steps();
// How many kernel-3, stride-2, padding-1 rows had their clipped output
// column 0 computed by a vector step instead of the scalar window code.
uint64_t max_clipped_steps();
// Channels-last rows: how many output rows the row kernels computed, and how
// many of those (max pooling) found a NaN in their windows and were computed
// again by the exact rule (the tests' proof that both ran).
uint64_t nhwc_fast_rows();
uint64_t nhwc_exact_rows();

// Fast kernels (maxpool_simd.cpp, avgpool_simd.cpp); `path` must be what the
// dispatch chose.
void max_forward_fast(Path path, const Plan& p, ConstFloats input, Floats output,
                      Indices indices);
// The average kernels return false, having written nothing, when their
// scratch memory cannot be had; the caller then runs the general path.
bool avg_forward_fast(Path path, const Plan& p, ConstFloats input, Floats output);
bool avg_backward_fast(Path path, const Plan& p, ConstFloats grad_output,
                       Floats grad_input);

// Channels-last kernels (nhwc.cpp) and NCHW max without indices (maxpool.cpp).
void max_forward_nhwc(const Plan& p, ConstFloats input, Floats output, Indices indices);
void max_forward_values(const Plan& p, ConstFloats input, Floats output);
void avg_forward_nhwc(const Plan& p, ConstFloats input, Floats output);
void avg_backward_nhwc(const Plan& p, ConstFloats grad_output, Floats grad_input);
// Expects indices already checked to lie in [-1, in_h·in_w).
void max_backward_nhwc(const Plan& p, ConstFloats grad_output, ConstIndices indices,
                       Floats grad_input);

// The scalar per-window code, shared by the general paths and the border
// columns of the fast ones so both agree bit for bit.
void max_window(const Plan& p, const float* in_plane, int32_t oh, int32_t ow, float* out,
                int32_t* idx);
float avg_divisor(const Plan& p, int32_t oh, int32_t ow);
// Sum of the window in row-major order, divided by its divisor.
float avg_window_mean(const Plan& p, const float* in_plane, int32_t oh, int32_t ow);

}  // namespace poolgrad::detail
