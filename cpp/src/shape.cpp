#include "poolgrad/shape.hpp"

#include <initializer_list>

namespace poolgrad {
namespace {

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int64_t effective_kernel(const AxisOptions& a) {
  return int64_t{a.dilation} * (a.kernel - 1) + 1;
}

}  // namespace

int64_t pooled_size(int64_t in, const AxisOptions& a, bool ceil_mode) {
  const int64_t span = in + 2 * int64_t{a.padding} - effective_kernel(a);
  int64_t out = floor_div(span + (ceil_mode ? a.stride - 1 : 0), a.stride) + 1;
  if (ceil_mode && out > 0 && (out - 1) * a.stride >= in + a.padding) --out;
  return out;
}

namespace {

Status check_sizes(int64_t planes, int64_t h, int64_t w) {
  if (planes < 1 || h < 1 || w < 1) return Status::bad_shape;
  if (h > kMaxElements || w > kMaxElements || planes > kMaxElements ||
      planes * h > kMaxElements || planes * h * w > kMaxElements)
    return Status::too_large;
  return Status::ok;
}

}  // namespace

Status make_scatter_plan(int64_t planes, int64_t in_h, int64_t in_w, int64_t out_h,
                         int64_t out_w, Plan* plan) {
  if (Status s = check_sizes(planes, in_h, in_w); s != Status::ok) return s;
  if (out_h < 1 || out_w < 1) return Status::bad_output_size;
  if (Status s = check_sizes(planes, out_h, out_w); s != Status::ok) return s;
  *plan = Plan{};
  plan->kind = PoolKind::max;
  plan->planes = planes;
  plan->in_h = static_cast<int32_t>(in_h);
  plan->in_w = static_cast<int32_t>(in_w);
  plan->out_h = static_cast<int32_t>(out_h);
  plan->out_w = static_cast<int32_t>(out_w);
  return Status::ok;
}

Status make_plan(PoolKind kind, int64_t planes, int64_t in_h, int64_t in_w,
                 const PoolOptions& o, Plan* plan) {
  if (o.h.kernel < 1 || o.w.kernel < 1) return Status::bad_kernel_size;
  if (o.h.stride < 1 || o.w.stride < 1) return Status::bad_stride;
  if (o.h.dilation < 1 || o.w.dilation < 1) return Status::bad_dilation;
  if (kind == PoolKind::avg && (o.h.dilation != 1 || o.w.dilation != 1))
    return Status::bad_dilation;
  if (o.h.padding < 0 || o.w.padding < 0) return Status::bad_padding;
  // PyTorch checks both: pad ≤ kernel/2 and pad ≤ effective kernel/2.
  for (const AxisOptions* a : {&o.h, &o.w}) {
    if (a->padding > a->kernel / 2 || a->padding > effective_kernel(*a) / 2)
      return Status::bad_padding;
  }
  if (kind == PoolKind::avg && o.has_divisor_override && o.divisor_override == 0)
    return Status::bad_divisor;
  if (Status s = check_sizes(planes, in_h, in_w); s != Status::ok) return s;
  const int64_t out_h = pooled_size(in_h, o.h, o.ceil_mode);
  const int64_t out_w = pooled_size(in_w, o.w, o.ceil_mode);
  if (out_h < 1 || out_w < 1) return Status::bad_output_size;
  if (Status s = check_sizes(planes, out_h, out_w); s != Status::ok) return s;

  plan->kind = kind;
  plan->planes = planes;
  plan->in_h = static_cast<int32_t>(in_h);
  plan->in_w = static_cast<int32_t>(in_w);
  plan->out_h = static_cast<int32_t>(out_h);
  plan->out_w = static_cast<int32_t>(out_w);
  plan->opt = o;
  return Status::ok;
}

}  // namespace poolgrad
