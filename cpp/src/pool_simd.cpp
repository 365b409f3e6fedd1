// Dispatch: which kernel handles a plan. Kept apart from the kernels so the
// fast-path tests can assert the choice without running anything.
#include <algorithm>

#include "pool_simd.hpp"

namespace poolgrad::detail {
namespace {

// A vector step covers 4 adjacent output columns; narrower interiors are
// left to the scalar window code.
constexpr int32_t kLanes = 4;

int32_t floor_div(int64_t a, int64_t b) {
  return static_cast<int32_t>(a >= 0 ? a / b : -((-a + b - 1) / b));
}

Interior clip(const Plan& p, int64_t lo, int64_t last) {
  Interior r;
  r.lo = static_cast<int32_t>(std::max<int64_t>(lo, 0));
  r.hi = static_cast<int32_t>(std::min<int64_t>(last + 1, p.out_w));
  if (r.hi < r.lo) r.hi = r.lo;
  return r;
}

// The vector average paths walk zero padding as if it were input, which
// costs the whole kernel per window: fine while the kernel is on the scale of
// the input, but a kernel far wider than the input (padding ≈ kernel / 2) would
// make each window cost the kernel's size instead of the few input elements it
// covers. Those plans take the clipped scalar code.
bool kernel_fits_input(const Plan& p) {
  return p.opt.h.kernel <= 2 * int64_t{p.in_h} && p.opt.w.kernel <= 2 * int64_t{p.in_w};
}

}  // namespace

const char* path_name(Path path) {
  switch (path) {
    case Path::general: return "general";
    case Path::max_k2s2: return "max_k2s2";
    case Path::max_k3s2: return "max_k3s2";
    case Path::max_s1: return "max_s1";
    case Path::max_any: return "max_any";
    case Path::avg_s1: return "avg_s1";
    case Path::avg_s2: return "avg_s2";
    case Path::avg_any: return "avg_any";
    case Path::avg_back_s1: return "avg_back_s1";
    case Path::avg_back_disjoint: return "avg_back_disjoint";
    case Path::max_values: return "max_values";
    case Path::max_nhwc: return "max_nhwc";
    case Path::max_nhwc_values: return "max_nhwc_values";
    case Path::avg_nhwc: return "avg_nhwc";
    case Path::avg_back_nhwc: return "avg_back_nhwc";
    case Path::max_back_nhwc: return "max_back_nhwc";
    case Path::max_back: return "max_back";
  }
  return "?";
}

// Columns whose window starts at or after 0 and whose last tap is < in_w.
Interior interior_columns(const Plan& p) {
  const AxisOptions& a = p.opt.w;
  const int64_t lo = (int64_t{a.padding} + a.stride - 1) / a.stride;
  const int64_t reach = int64_t{p.in_w} - 1 + a.padding - int64_t{a.kernel - 1} * a.dilation;
  return clip(p, lo, floor_div(reach, a.stride));
}

bool pytorch_shaped(const Plan& p) {
  const AxisOptions& h = p.opt.h;
  const AxisOptions& w = p.opt.w;
  const bool symmetric = end_padding(h) == h.padding && end_padding(w) == w.padding &&
                         h.padding <= h.kernel / 2 && w.padding <= w.kernel / 2;
  const bool max_with_indices = p.kind == PoolKind::max && p.opt.indices;
  const bool avg_undilated = p.kind == PoolKind::avg && h.dilation == 1 && w.dilation == 1;
  return p.opt.layout == Layout::nchw && symmetric && (max_with_indices || avg_undilated);
}

Path path_for(Op op, const Plan& p) {
  const bool nhwc = p.opt.layout == Layout::nhwc;
  switch (op) {
    case Op::max_forward:
      if (nhwc) return p.opt.indices ? Path::max_nhwc : Path::max_nhwc_values;
      if (!p.opt.indices) return Path::max_values;
      return pytorch_shaped(p) ? max_forward_path(p) : Path::general;
    case Op::max_backward:
      return nhwc ? Path::max_back_nhwc : Path::max_back;
    case Op::avg_forward:
      if (nhwc) return Path::avg_nhwc;
      return pytorch_shaped(p) ? avg_forward_path(p) : Path::general;
    case Op::avg_backward:
      if (nhwc) return Path::avg_back_nhwc;
      return pytorch_shaped(p) ? avg_backward_path(p) : Path::general;
  }
  return Path::general;
}

Path max_forward_path(const Plan& p) {
  const Interior in = interior_columns(p);
  if (in.hi - in.lo < kLanes) return Path::general;
  const AxisOptions& a = p.opt.w;
  if (a.dilation == 1 && a.stride == 2 && a.kernel == 2) return Path::max_k2s2;
  if (a.dilation == 1 && a.stride == 2 && a.kernel == 3) return Path::max_k3s2;
  if (a.stride == 1) return Path::max_s1;
  return Path::max_any;
}

Path avg_forward_path(const Plan& p) {
  // Clipped windows are handled by a zero-padded copy of each plane, so
  // only the output width matters.
  if (p.out_w < kLanes || !kernel_fits_input(p)) return Path::general;
  if (p.opt.w.stride == 1) return Path::avg_s1;
  if (p.opt.w.stride == 2) return Path::avg_s2;
  return Path::avg_any;
}

Path avg_backward_path(const Plan& p) {
  const AxisOptions& h = p.opt.h;
  const AxisOptions& w = p.opt.w;
  // The gather writes 4 adjacent gradient cells per step.
  if (h.stride == 1 && w.stride == 1 && p.in_w >= kLanes && kernel_fits_input(p)) return Path::avg_back_s1;
  if (h.stride >= h.kernel && w.stride >= w.kernel) return Path::avg_back_disjoint;
  return Path::general;
}

}  // namespace poolgrad::detail
