#include "poolgrad/shape.hpp"

#include <initializer_list>

namespace poolgrad {
namespace {

// Kernel, stride, dilation and each padding are bounded so that window
// arithmetic over sizes ≤ kMaxElements stays inside 32 bits.
constexpr int64_t kMaxOption = int64_t{1} << 30;

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int64_t effective_kernel(const AxisOptions& a) {
  return int64_t{a.dilation} * (a.kernel - 1) + 1;
}

Status refuse(Refusal* why, Status status, int32_t axis, int64_t value) {
  if (why) *why = {status, axis, value};
  return status;
}

// The first axis (0 = h, 1 = w) whose `field` breaks `ok`, or -1.
template <typename Field, typename Ok>
int32_t failing_axis(const PoolOptions& o, Field field, Ok ok) {
  if (!ok(field(o.h))) return 0;
  if (!ok(field(o.w))) return 1;
  return -1;
}

Status check_sizes(int64_t planes, int64_t h, int64_t w) {
  if (planes < 1 || h < 1 || w < 1) return Status::bad_shape;
  if (h > kMaxElements || w > kMaxElements || planes > kMaxElements ||
      planes * h > kMaxElements || planes * h * w > kMaxElements)
    return Status::too_large;
  return Status::ok;
}

// ONNX auto_pad: SAME keeps ceil(in / stride) windows and pads the
// difference, the odd one at the end (upper) or the start (lower); VALID
// pads nothing.
void resolve_auto_padding(PadRule rule, int64_t in, AxisOptions* a) {
  if (rule == PadRule::valid) {
    a->padding = a->padding_end = 0;
    return;
  }
  const int64_t out = (in + a->stride - 1) / a->stride;
  int64_t total = (out - 1) * a->stride + effective_kernel(*a) - in;
  if (total < 0) total = 0;
  const int64_t small = total / 2;
  const int64_t large = total - small;
  a->padding = static_cast<int32_t>(rule == PadRule::same_upper ? small : large);
  a->padding_end = static_cast<int32_t>(rule == PadRule::same_upper ? large : small);
}

}  // namespace

int64_t pooled_size(int64_t in, const AxisOptions& a, bool ceil_mode) {
  const int64_t span = in + int64_t{a.padding} + end_padding(a) - effective_kernel(a);
  int64_t out = floor_div(span + (ceil_mode ? a.stride - 1 : 0), a.stride) + 1;
  if (ceil_mode && out > 0 && (out - 1) * a.stride >= in + a.padding) --out;
  return out;
}

Status make_scatter_plan(int64_t planes, int64_t in_h, int64_t in_w, int64_t out_h,
                         int64_t out_w, Plan* plan, Layout layout, int64_t channels) {
  if (layout != Layout::nchw && layout != Layout::nhwc) return Status::bad_layout;
  if (Status s = check_sizes(planes, in_h, in_w); s != Status::ok) return s;
  if (channels < 1 || planes % channels != 0) return Status::bad_shape;
  if (out_h < 1 || out_w < 1) return Status::bad_output_size;
  if (Status s = check_sizes(planes, out_h, out_w); s != Status::ok) return s;
  *plan = Plan{};
  plan->kind = PoolKind::max;
  plan->planes = planes;
  plan->channels = channels;
  plan->in_h = static_cast<int32_t>(in_h);
  plan->in_w = static_cast<int32_t>(in_w);
  plan->out_h = static_cast<int32_t>(out_h);
  plan->out_w = static_cast<int32_t>(out_w);
  plan->opt.layout = layout;
  return Status::ok;
}

Status make_plan(PoolKind kind, int64_t planes, int64_t in_h, int64_t in_w,
                 const PoolOptions& given, Plan* plan, Refusal* why, int64_t channels) {
  PoolOptions o = given;
  const auto at_least = [](int64_t min) { return [min](int64_t v) { return v >= min; }; };
  const auto at_most = [](int64_t max) { return [max](int64_t v) { return v <= max; }; };
  using Field = int64_t (*)(const AxisOptions&);
  const Field kernel = [](const AxisOptions& a) { return int64_t{a.kernel}; };
  const Field stride = [](const AxisOptions& a) { return int64_t{a.stride}; };
  const Field dilation = [](const AxisOptions& a) { return int64_t{a.dilation}; };
  const Field begin = [](const AxisOptions& a) { return int64_t{a.padding}; };
  const Field end = [](const AxisOptions& a) { return int64_t{a.padding_end}; };
  const auto axis_value = [&](int32_t axis, auto field) { return field(axis == 0 ? o.h : o.w); };

  if (int32_t ax = failing_axis(o, kernel, at_least(1)); ax >= 0)
    return refuse(why, Status::bad_kernel_size, ax, axis_value(ax, kernel));
  if (int32_t ax = failing_axis(o, stride, at_least(1)); ax >= 0)
    return refuse(why, Status::bad_stride, ax, axis_value(ax, stride));
  if (int32_t ax = failing_axis(o, dilation, at_least(1)); ax >= 0)
    return refuse(why, Status::bad_dilation, ax, axis_value(ax, dilation));
  switch (o.pad_rule) {
    case PadRule::symmetric:
      o.h.padding_end = o.h.padding;
      o.w.padding_end = o.w.padding;
      if (int32_t ax = failing_axis(o, begin, at_least(0)); ax >= 0)
        return refuse(why, Status::bad_padding, ax, axis_value(ax, begin));
      // PyTorch checks both: pad ≤ kernel/2 and pad ≤ effective kernel/2
      // (the second never binds tighter).
      for (int32_t ax : {0, 1}) {
        const AxisOptions& a = ax == 0 ? o.h : o.w;
        if (a.padding > a.kernel / 2 || a.padding > effective_kernel(a) / 2)
          return refuse(why, Status::bad_padding, ax, a.padding);
      }
      break;
    case PadRule::explicit_pads:
      for (auto field : {begin, end}) {
        if (int32_t ax = failing_axis(o, field, at_least(0)); ax >= 0)
          return refuse(why, Status::bad_padding, ax, axis_value(ax, field));
      }
      break;
    case PadRule::valid:
    case PadRule::same_upper:
    case PadRule::same_lower:
      o.ceil_mode = false;  // ONNX: auto_pad output sizes do not depend on it
      break;
    default:
      return refuse(why, Status::bad_padding, -1, static_cast<int32_t>(o.pad_rule));
  }
  if (kind == PoolKind::avg && o.has_divisor_override && o.divisor_override == 0)
    return refuse(why, Status::bad_divisor, -1, 0);
  if (int32_t ax = failing_axis(o, kernel, at_most(kMaxOption)); ax >= 0)
    return refuse(why, Status::bad_kernel_size, ax, axis_value(ax, kernel));
  if (int32_t ax = failing_axis(o, stride, at_most(kMaxOption)); ax >= 0)
    return refuse(why, Status::bad_stride, ax, axis_value(ax, stride));
  if (int32_t ax = failing_axis(o, dilation, at_most(kMaxOption)); ax >= 0)
    return refuse(why, Status::bad_dilation, ax, axis_value(ax, dilation));
  if (o.pad_rule == PadRule::explicit_pads) {
    for (auto field : {begin, end}) {
      if (int32_t ax = failing_axis(o, field, at_most(kMaxOption)); ax >= 0)
        return refuse(why, Status::bad_padding, ax, axis_value(ax, field));
    }
  }
  if (o.layout != Layout::nchw && o.layout != Layout::nhwc)
    return refuse(why, Status::bad_layout, -1, static_cast<int32_t>(o.layout));
  if (Status s = check_sizes(planes, in_h, in_w); s != Status::ok)
    return refuse(why, s, -1, 0);
  if (channels < 1 || planes % channels != 0) return refuse(why, Status::bad_shape, -1, channels);
  if (o.pad_rule == PadRule::valid || o.pad_rule == PadRule::same_upper ||
      o.pad_rule == PadRule::same_lower) {
    resolve_auto_padding(o.pad_rule, in_h, &o.h);
    resolve_auto_padding(o.pad_rule, in_w, &o.w);
  }
  // The padded extent bounds every window position the kernels compute.
  if (in_h + o.h.padding + o.h.padding_end > kMaxElements)
    return refuse(why, Status::too_large, 0, in_h + o.h.padding + o.h.padding_end);
  if (in_w + o.w.padding + o.w.padding_end > kMaxElements)
    return refuse(why, Status::too_large, 1, in_w + o.w.padding + o.w.padding_end);
  const int64_t out_h = pooled_size(in_h, o.h, o.ceil_mode);
  const int64_t out_w = pooled_size(in_w, o.w, o.ceil_mode);
  if (out_h < 1) return refuse(why, Status::bad_output_size, 0, out_h);
  if (out_w < 1) return refuse(why, Status::bad_output_size, 1, out_w);
  if (Status s = check_sizes(planes, out_h, out_w); s != Status::ok)
    return refuse(why, s, -1, 0);
  if (kind == PoolKind::avg) o.indices = false;

  plan->kind = kind;
  plan->planes = planes;
  plan->channels = channels;
  plan->in_h = static_cast<int32_t>(in_h);
  plan->in_w = static_cast<int32_t>(in_w);
  plan->out_h = static_cast<int32_t>(out_h);
  plan->out_w = static_cast<int32_t>(out_w);
  plan->opt = o;
  if (why) *why = Refusal{};
  return Status::ok;
}

}  // namespace poolgrad
