// libFuzzer target for the C++ core. Random bytes become shapes, options
// and data; every call must either be refused with a status or agree with
// the naive reference in cpp/tests/reference.cpp. Built with
// -fsanitize=fuzzer,address,undefined, so an out-of-bounds access, a leak or
// a signed overflow anywhere on the way is a finding too.
//
// Four modes, chosen by the first byte:
//   0 small shapes and options → make_plan against an independent validity
//     oracle, then all four kernels against the reference;
//   1 arbitrary int32 options and sizes → make_plan must return a status,
//     never overflow, and an accepted plan must be self-consistent; the
//     window helpers are run at the first and last window of each axis;
//   2 the flat API with a bogus parameter block (random int32s), bogus
//     pointers and random indices;
//   3 allocate/release with random sizes and bytes_in_use bookkeeping;
//   4 the ONNX/TensorFlow conventions (explicit and automatic padding,
//     dilated average windows, channels-last data, max pooling without
//     indices) against the reference, NHWC runs transposed.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <vector>

#include "poolgrad/avgpool.hpp"
#include "poolgrad/flat_api.hpp"
#include "poolgrad/maxpool.hpp"
#include "poolgrad/shape.hpp"
#include "reference.hpp"
#include "window.hpp"

using namespace poolgrad;

// Huge requests must come back as "no memory" (status / 0), as in wasm with
// ABORTING_MALLOC=0, rather than ASan's default abort.
extern "C" const char* __asan_default_options() { return "allocator_may_return_null=1"; }

namespace {

[[noreturn]] void fail(const char* what, const Plan& p) {
  std::fprintf(stderr,
               "pool_fuzz: %s\n  kind=%d planes=%lld in=%dx%d out=%dx%d k=%dx%d s=%dx%d p=%dx%d d=%dx%d "
               "ceil=%d cip=%d div=%d(%d)\n",
               what, static_cast<int>(p.kind), static_cast<long long>(p.planes), p.in_h, p.in_w,
               p.out_h, p.out_w, p.opt.h.kernel, p.opt.w.kernel, p.opt.h.stride, p.opt.w.stride,
               p.opt.h.padding, p.opt.w.padding, p.opt.h.dilation, p.opt.w.dilation, p.opt.ceil_mode,
               p.opt.count_include_pad, p.opt.divisor_override, p.opt.has_divisor_override);
  std::abort();
}

#define FUZZ_CHECK(cond, plan) \
  do {                         \
    if (!(cond)) fail(#cond, plan); \
  } while (0)

// Output size per axis spelled out with long double floor/ceil, independent
// of shape.cpp's integer arithmetic.
int64_t oracle_size(int64_t in, const AxisOptions& a, bool ceil_mode) {
  const long double span = static_cast<long double>(in) + 2.0L * a.padding -
                           static_cast<long double>(a.dilation) * (a.kernel - 1.0L) - 1.0L;
  const long double q = span / a.stride;
  int64_t out = static_cast<int64_t>(ceil_mode ? std::ceil(q) : std::floor(q)) + 1;
  if (ceil_mode && (out - 1) * static_cast<long double>(a.stride) >= in + static_cast<long double>(a.padding)) --out;
  return out;
}

// The validation rules of the README's semantics table (PyTorch's padding
// form), restated.
bool oracle_valid(PoolKind kind, int64_t planes, int64_t h, int64_t w, const PoolOptions& o) {
  constexpr int64_t kMaxOption = int64_t{1} << 30;
  for (const AxisOptions* a : {&o.h, &o.w}) {
    if (a->kernel < 1 || a->stride < 1 || a->dilation < 1 || a->padding < 0) return false;
    if (a->padding > a->kernel / 2) return false;
    if (a->kernel > kMaxOption || a->stride > kMaxOption || a->dilation > kMaxOption) return false;
  }
  if (h + 2 * int64_t{o.h.padding} > kMaxElements || w + 2 * int64_t{o.w.padding} > kMaxElements) return false;
  if (kind == PoolKind::avg && o.has_divisor_override && o.divisor_override == 0) return false;
  if (planes < 1 || h < 1 || w < 1) return false;
  const long double limit = static_cast<long double>(kMaxElements);
  if (static_cast<long double>(planes) * h * w > limit) return false;
  const int64_t oh = oracle_size(h, o.h, o.ceil_mode), ow = oracle_size(w, o.w, o.ceil_mode);
  if (oh < 1 || ow < 1) return false;
  return static_cast<long double>(planes) * oh * ow <= limit;
}

// True when a·b·c ≤ limit, without overflowing on arbitrary int32 sizes.
bool product_at_most(int64_t a, int64_t b, int64_t c, long double limit) {
  return static_cast<long double>(a) * b * c <= limit;
}

bool same_float(float a, float b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

bool close_float(float got, float want) {
  if (std::isnan(want) || std::isinf(want)) return same_float(got, want);
  return std::fabs(got - want) <= 1e-4f * (1.0f + std::fabs(want));
}

// Values with many ties, signed zeros and the occasional NaN/±inf.
float fuzz_value(FuzzedDataProvider& in) {
  static constexpr float kValues[] = {
      0.0f, -0.0f, 1.0f, -1.0f, 2.0f, 0.5f, -2.5f, 3.0f, 1e-3f, 7.0f, -7.0f, 4.0f,
      std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
      -std::numeric_limits<float>::infinity(), 1e30f};
  return kValues[in.ConsumeIntegralInRange<int>(0, 15)];
}

// Mostly small sizes; sometimes one far larger than the input to reach
// windows that hang over both edges.
int32_t fuzz_option(FuzzedDataProvider& in, int32_t lo, int32_t hi) {
  if (in.ConsumeIntegralInRange<int>(0, 15) == 0) return in.ConsumeIntegralInRange<int32_t>(lo, 100000);
  return in.ConsumeIntegralInRange<int32_t>(lo, hi);
}

// Reference cost in window taps; above it only the kernels run (the
// sanitizers still watch them).
constexpr long double kReferenceBudget = 2e6L;

void small_kernels(FuzzedDataProvider& in) {
  const PoolKind kind = in.ConsumeBool() ? PoolKind::max : PoolKind::avg;
  const int64_t planes = in.ConsumeIntegralInRange<int64_t>(0, 3);
  const int64_t h = in.ConsumeIntegralInRange<int64_t>(0, 12);
  // Rows up to 40 wide: the vector paths handle 4 output columns a step and
  // leave the edges to scalar code, so both and their seams get exercised.
  const int64_t w = in.ConsumeIntegralInRange<int64_t>(0, 40);
  PoolOptions o;
  o.h = {fuzz_option(in, 0, 7), in.ConsumeIntegralInRange<int32_t>(0, 5), fuzz_option(in, -1, 4),
         kind == PoolKind::max ? fuzz_option(in, 0, 3) : (in.ConsumeIntegralInRange<int>(0, 20) ? 1 : 2)};
  o.w = {fuzz_option(in, 0, 7), in.ConsumeIntegralInRange<int32_t>(0, 5), fuzz_option(in, -1, 4),
         kind == PoolKind::max ? fuzz_option(in, 0, 3) : (in.ConsumeIntegralInRange<int>(0, 20) ? 1 : 2)};
  if (in.ConsumeIntegralInRange<int>(0, 7) == 0) o.h.padding = o.h.kernel / 2;  // the padding bound
  if (in.ConsumeIntegralInRange<int>(0, 7) == 0) o.w.padding = o.w.kernel / 2;
  if (in.ConsumeIntegralInRange<int>(0, 7) == 0) {
    // Kernels far larger than a tiny input, kept valid by padding them to
    // about half their size: window counts up to 10^5 per axis.
    for (AxisOptions* a : {&o.h, &o.w}) {
      a->kernel = in.ConsumeIntegralInRange<int32_t>(1, 200000);
      a->padding = std::max(0, a->kernel / 2 - in.ConsumeIntegralInRange<int32_t>(0, 2));
      if (kind == PoolKind::avg) a->dilation = 1;
    }
  }
  o.ceil_mode = in.ConsumeBool();
  o.count_include_pad = in.ConsumeBool();
  o.has_divisor_override = in.ConsumeIntegralInRange<int>(0, 3) == 0;
  o.divisor_override = in.ConsumeIntegralInRange<int32_t>(-4, 9);

  Plan p;
  p.kind = kind;
  p.planes = planes;
  p.in_h = static_cast<int32_t>(h);
  p.in_w = static_cast<int32_t>(w);
  p.opt = o;
  const Status s = make_plan(kind, planes, h, w, o, &p);
  const bool valid = oracle_valid(kind, planes, h, w, o);
  FUZZ_CHECK((s == Status::ok) == valid, p);
  if (s != Status::ok) return;
  FUZZ_CHECK(p.out_h == oracle_size(h, o.h, o.ceil_mode) && p.out_w == oracle_size(w, o.w, o.ceil_mode), p);

  const size_t n_in = static_cast<size_t>(planes * h * w);
  const size_t n_out = static_cast<size_t>(planes * p.out_h * p.out_w);
  std::vector<float> x(n_in), go(n_out);
  for (float& v : x) v = fuzz_value(in);
  for (float& v : go) v = fuzz_value(in);
  const bool with_reference =
      static_cast<long double>(n_out) * o.h.kernel * o.w.kernel <= kReferenceBudget;

  if (kind == PoolKind::max) {
    std::vector<float> out(n_out, 12345.0f);
    std::vector<int32_t> idx(n_out, 777);
    max_pool2d_forward(p, {x.data(), (int64_t)n_in}, {out.data(), (int64_t)n_out}, {idx.data(), (int64_t)n_out});
    for (size_t i = 0; i < n_out; ++i) FUZZ_CHECK(idx[i] >= -1 && idx[i] < h * w, p);
    std::vector<float> gi(n_in, 12345.0f);
    FUZZ_CHECK(max_pool2d_backward(p, {go.data(), (int64_t)n_out}, {idx.data(), (int64_t)n_out},
                                   {gi.data(), (int64_t)n_in}) == Status::ok, p);
    if (with_reference) {
      const ref::Result r = ref::max_forward(p, x);
      for (size_t i = 0; i < n_out; ++i) {
        FUZZ_CHECK(same_float(out[i], r.output[i]), p);
        FUZZ_CHECK(idx[i] == r.indices[i], p);
      }
    }
    const std::vector<float> want = ref::max_backward(p, go, idx);
    for (size_t i = 0; i < n_in; ++i) FUZZ_CHECK(close_float(gi[i], want[i]), p);
    // An index past the plane must be refused and leave grad_input alone.
    if (n_out > 0 && in.ConsumeBool()) {
      const size_t at = in.ConsumeIntegralInRange<size_t>(0, n_out - 1);
      idx[at] = in.ConsumeBool() ? static_cast<int32_t>(h * w) + in.ConsumeIntegralInRange<int32_t>(0, 1000)
                                 : in.ConsumeIntegralInRange<int32_t>(std::numeric_limits<int32_t>::min(), -2);
      std::vector<float> untouched(n_in, 12345.0f);
      FUZZ_CHECK(max_pool2d_backward(p, {go.data(), (int64_t)n_out}, {idx.data(), (int64_t)n_out},
                                     {untouched.data(), (int64_t)n_in}) == Status::bad_indices, p);
      for (float v : untouched) FUZZ_CHECK(v == 12345.0f, p);
    }
  } else {
    std::vector<float> out(n_out, 12345.0f), gi(n_in, 12345.0f);
    avg_pool2d_forward(p, {x.data(), (int64_t)n_in}, {out.data(), (int64_t)n_out});
    avg_pool2d_backward(p, {go.data(), (int64_t)n_out}, {gi.data(), (int64_t)n_in});
    if (with_reference) {
      const std::vector<float> want = ref::avg_forward(p, x);
      for (size_t i = 0; i < n_out; ++i) FUZZ_CHECK(close_float(out[i], want[i]), p);
      const std::vector<float> want_gi = ref::avg_backward(p, go);
      for (size_t i = 0; i < n_in; ++i) FUZZ_CHECK(close_float(gi[i], want_gi[i]), p);
    }
  }
}

void raw_plan(FuzzedDataProvider& in) {
  const PoolKind kind = in.ConsumeBool() ? PoolKind::max : PoolKind::avg;
  int64_t planes = in.ConsumeIntegral<int32_t>();
  int64_t h = in.ConsumeIntegral<int32_t>();
  int64_t w = in.ConsumeIntegral<int32_t>();
  PoolOptions o;
  o.h = {in.ConsumeIntegral<int32_t>(), in.ConsumeIntegral<int32_t>(), in.ConsumeIntegral<int32_t>(),
         in.ConsumeIntegral<int32_t>()};
  o.w = {in.ConsumeIntegral<int32_t>(), in.ConsumeIntegral<int32_t>(), in.ConsumeIntegral<int32_t>(),
         in.ConsumeIntegral<int32_t>()};
  o.ceil_mode = in.ConsumeBool();
  o.count_include_pad = in.ConsumeBool();
  o.has_divisor_override = in.ConsumeBool();
  o.divisor_override = in.ConsumeIntegral<int32_t>();
  if (in.ConsumeBool()) {
    // The corners random int32s rarely reach: padding at its bound, sizes
    // at the element limit.
    for (AxisOptions* a : {&o.h, &o.w}) {
      if (in.ConsumeBool()) a->padding = a->kernel / 2;
    }
    const int64_t edge[] = {1, 2, kMaxElements, kMaxElements - 1, int64_t{1} << 15, 46341};
    if (in.ConsumeBool()) h = edge[in.ConsumeIntegralInRange<int>(0, 5)];
    if (in.ConsumeBool()) w = edge[in.ConsumeIntegralInRange<int>(0, 5)];
    if (in.ConsumeBool()) planes = 1;
  }
  Plan p;
  p.opt = o;
  const Status s = make_plan(kind, planes, h, w, o, &p);
  FUZZ_CHECK((s == Status::ok) == oracle_valid(kind, planes, h, w, o), p);
  if (s != Status::ok) return;
  FUZZ_CHECK(p.planes * p.out_h * p.out_w <= kMaxElements, p);
  // The first and last window of each axis: their arithmetic must not
  // overflow even when the sizes are at the limits.
  auto check_edges = [&](int32_t out, int32_t in, const AxisOptions& axis) {
    for (int32_t o_ : {0, out - 1}) {
      const auto a = detail::axis_window(o_, in, axis);
      FUZZ_CHECK(a.first <= a.last && a.last <= axis.kernel, p);
      if (kind == PoolKind::avg) {
        const auto v = detail::avg_window(o_, in, axis);
        FUZZ_CHECK(v.begin >= 0 && v.end <= in && v.padded_count >= 1, p);
      }
    }
  };
  check_edges(p.out_h, p.in_h, p.opt.h);
  check_edges(p.out_w, p.in_w, p.opt.w);
  // Plans small enough to run go through the kernels too.
  if (p.planes * p.in_h * p.in_w <= 4096 && p.planes * p.out_h * p.out_w <= 4096) {
    std::vector<float> x(p.planes * p.in_h * p.in_w, 1.0f), out(p.planes * p.out_h * p.out_w);
    std::vector<int32_t> idx(out.size());
    if (kind == PoolKind::max) {
      max_pool2d_forward(p, {x.data(), (int64_t)x.size()}, {out.data(), (int64_t)out.size()},
                         {idx.data(), (int64_t)idx.size()});
    } else {
      avg_pool2d_forward(p, {x.data(), (int64_t)x.size()}, {out.data(), (int64_t)out.size()});
      avg_pool2d_backward(p, {out.data(), (int64_t)out.size()}, {x.data(), (int64_t)x.size()});
    }
  }
}

using flat::Address;

Address address_of(const void* p) { return reinterpret_cast<Address>(p); }

void flat_api(FuzzedDataProvider& in) {
  int32_t block[flat::kParamCount];
  for (int32_t& v : block) {
    // Mix plausible small values with arbitrary ones.
    v = in.ConsumeBool() ? in.ConsumeIntegralInRange<int32_t>(-1, 6) : in.ConsumeIntegral<int32_t>();
  }
  const Address params = address_of(block);
  // Bogus pointers must be refused before anything is read through them.
  Address pointer_hole = 0;
  switch (in.ConsumeIntegralInRange<int>(0, 3)) {
    case 0: pointer_hole = 0; break;
    case 1: pointer_hole = address_of(block) + 1; break;  // misaligned
    default: pointer_hole = 1; break;
  }
  Plan none;
  FUZZ_CHECK(flat::plan(pointer_hole) == static_cast<int32_t>(Status::bad_pointer), none);
  const int32_t status = flat::plan(params);
  FUZZ_CHECK(status >= 0 && status <= static_cast<int32_t>(kLastStatus), none);
  const int64_t planes = block[flat::kPlanes], in_h = block[flat::kInH], in_w = block[flat::kInW];
  const bool runnable = status == 0 && product_at_most(planes, in_h, in_w, 4096) &&
                        product_at_most(planes, block[flat::kOutH], block[flat::kOutW], 4096);
  const bool is_max = block[flat::kKind] == 0;
  if (runnable) {
    std::vector<float> x(planes * in_h * in_w), out(planes * block[flat::kOutH] * block[flat::kOutW]);
    std::vector<int32_t> idx(out.size());
    for (float& v : x) v = fuzz_value(in);
    const int32_t forward = is_max ? flat::max_forward(params, address_of(x.data()), address_of(out.data()),
                                                       address_of(idx.data()))
                                   : flat::avg_forward(params, address_of(x.data()), address_of(out.data()));
    FUZZ_CHECK(forward == 0, none);
    // The wrong kind for the block is refused, never run.
    const int32_t crossed = is_max ? flat::avg_forward(params, address_of(x.data()), address_of(out.data()))
                                   : flat::max_forward(params, address_of(x.data()), address_of(out.data()),
                                                       address_of(idx.data()));
    FUZZ_CHECK(crossed == static_cast<int32_t>(Status::bad_pointer), none);
    FUZZ_CHECK(flat::max_forward(params, pointer_hole, address_of(out.data()), address_of(idx.data())) ==
                   static_cast<int32_t>(Status::bad_pointer), none);
    if (!is_max) {
      FUZZ_CHECK(flat::avg_backward(params, address_of(out.data()), address_of(x.data())) == 0, none);
    }
  }
  // max_backward reads only planes, in and out sizes: bogus ones must be
  // refused, and random indices either accepted (all in range) or refused.
  int32_t scatter[flat::kParamCount];
  std::memcpy(scatter, block, sizeof scatter);
  scatter[flat::kOutH] = in.ConsumeBool() ? in.ConsumeIntegralInRange<int32_t>(-1, 8) : in.ConsumeIntegral<int32_t>();
  scatter[flat::kOutW] = in.ConsumeBool() ? in.ConsumeIntegralInRange<int32_t>(-1, 8) : in.ConsumeIntegral<int32_t>();
  // Layout and channels are checked before anything else; a valid pair
  // (channels 1: NHWC data [N, H, W, 1] is NCHW [N, 1, H, W]) lets the
  // sizes and indices be what is tested, a bogus layout must be refused.
  scatter[flat::kLayout] = in.ConsumeBool() ? 0 : 1;
  scatter[flat::kChannels] = 1;
  if (in.ConsumeIntegralInRange<int>(0, 7) == 0) {
    int32_t bogus[flat::kParamCount];
    std::memcpy(bogus, scatter, sizeof bogus);
    bogus[flat::kLayout] = in.ConsumeBool() ? in.ConsumeIntegralInRange<int32_t>(2, 9) : in.ConsumeIntegralInRange<int32_t>(-9, -1);
    float g[1] = {0}, gi[1] = {12345.0f};
    int32_t ix[1] = {0};
    FUZZ_CHECK(flat::max_backward(address_of(bogus), address_of(g), address_of(ix), address_of(gi)) ==
                   static_cast<int32_t>(Status::bad_layout) && gi[0] == 12345.0f, none);
  }
  const int64_t oh = scatter[flat::kOutH], ow = scatter[flat::kOutW];
  const bool sizes_ok = planes >= 1 && in_h >= 1 && in_w >= 1 && oh >= 1 && ow >= 1;
  if (sizes_ok && product_at_most(planes, in_h, in_w, 4096) && product_at_most(planes, oh, ow, 4096)) {
    std::vector<float> go(planes * oh * ow), gi(planes * in_h * in_w, 12345.0f);
    std::vector<int32_t> idx(go.size());
    bool in_range = true;
    for (size_t i = 0; i < idx.size(); ++i) {
      go[i] = fuzz_value(in);
      idx[i] = in.ConsumeIntegralInRange<int>(0, 9) ? in.ConsumeIntegralInRange<int32_t>(-1, int32_t(in_h * in_w) - 1)
                                                    : in.ConsumeIntegral<int32_t>();
      in_range = in_range && idx[i] >= -1 && idx[i] < in_h * in_w;
    }
    const int32_t st = flat::max_backward(address_of(scatter), address_of(go.data()), address_of(idx.data()),
                                          address_of(gi.data()));
    FUZZ_CHECK(st == (in_range ? 0 : static_cast<int32_t>(Status::bad_indices)), none);
    if (in_range) {
      Plan p;
      FUZZ_CHECK(make_scatter_plan(planes, in_h, in_w, oh, ow, &p) == Status::ok, none);
      const std::vector<float> want = ref::max_backward(p, go, idx);
      for (size_t i = 0; i < gi.size(); ++i) FUZZ_CHECK(close_float(gi[i], want[i]), p);
    } else {
      for (float v : gi) FUZZ_CHECK(v == 12345.0f, none);
    }
  } else if (!sizes_ok) {
    float dummy[4];
    int32_t dummy_idx[4] = {0, 0, 0, 0};
    FUZZ_CHECK(flat::max_backward(address_of(scatter), address_of(dummy), address_of(dummy_idx),
                                  address_of(dummy)) != 0, none);
  }
}

void allocations(FuzzedDataProvider& in) {
  Plan none;
  std::vector<Address> blocks;
  const uint32_t before = flat::bytes_in_use();
  while (in.remaining_bytes() > 0 && blocks.size() < 64) {
    if (!blocks.empty() && in.ConsumeBool()) {
      const size_t at = in.ConsumeIntegralInRange<size_t>(0, blocks.size() - 1);
      flat::release(blocks[at]);
      blocks.erase(blocks.begin() + at);
      continue;
    }
    const uint32_t bytes = in.ConsumeIntegralInRange<uint32_t>(0, 1 << 16);
    const Address a = flat::allocate(bytes);
    FUZZ_CHECK(a != 0 && a % 64 == 0, none);
    std::memset(reinterpret_cast<void*>(a), 0xA5, bytes);  // ASan checks the block really is that large
    blocks.push_back(a);
  }
  for (Address a : blocks) flat::release(a);
  flat::release(0);  // free(NULL) is a no-op, as JS may release a failed allocation
  // bytes_in_use only means something with the ordinary malloc, not ASan's.
  (void)before;
}

// [N, C, H, W] → [N, H, W, C] (back = false) or the other way.
template <typename T>
std::vector<T> transposed(const std::vector<T>& v, int64_t n, int64_t c, int64_t hw, bool back) {
  std::vector<T> t(v.size());
  for (int64_t a = 0; a < n; ++a)
    for (int64_t b = 0; b < c; ++b)
      for (int64_t i = 0; i < hw; ++i) {
        const int64_t nchw = (a * c + b) * hw + i, nhwc = (a * hw + i) * c + b;
        t[back ? nchw : nhwc] = v[back ? nhwc : nchw];
      }
  return t;
}

void conventions(FuzzedDataProvider& in) {
  const PoolKind kind = in.ConsumeBool() ? PoolKind::max : PoolKind::avg;
  const int64_t batches = in.ConsumeIntegralInRange<int64_t>(0, 2);
  const int64_t channels = in.ConsumeIntegralInRange<int64_t>(1, 40);
  const int64_t h = in.ConsumeIntegralInRange<int64_t>(0, 12);
  const int64_t w = in.ConsumeIntegralInRange<int64_t>(0, 24);
  PoolOptions o;
  for (AxisOptions* a : {&o.h, &o.w}) {
    a->kernel = in.ConsumeIntegralInRange<int32_t>(1, 6);
    a->stride = in.ConsumeIntegralInRange<int32_t>(1, 4);
    a->dilation = in.ConsumeIntegralInRange<int32_t>(1, 3);
    a->padding = in.ConsumeIntegralInRange<int32_t>(0, 4);
    a->padding_end = in.ConsumeIntegralInRange<int32_t>(0, 4);
  }
  o.pad_rule = static_cast<PadRule>(in.ConsumeIntegralInRange<int>(0, 4));
  o.ceil_mode = in.ConsumeBool();
  o.count_include_pad = in.ConsumeBool();
  const bool nhwc = in.ConsumeBool();
  o.layout = nhwc ? Layout::nhwc : Layout::nchw;
  o.indices = kind == PoolKind::max && in.ConsumeBool();
  Plan p;
  if (make_plan(kind, batches * channels, h, w, o, &p, nullptr, channels) != Status::ok) return;
  const int64_t n_in = batches * channels * h * w;
  const int64_t n_out = batches * channels * p.out_h * p.out_w;
  if (static_cast<long double>(n_out) * o.h.kernel * o.w.kernel > kReferenceBudget) return;
  std::vector<float> x(static_cast<size_t>(n_in));
  for (float& v : x) v = fuzz_value(in);
  const auto in_layout = [&](const std::vector<float>& v) { return nhwc ? transposed(v, batches, channels, h * w, false) : v; };
  const auto from_out = [&](const auto& v) {
    return nhwc ? transposed(v, batches, channels, int64_t{p.out_h} * p.out_w, true) : v;
  };
  const std::vector<float> xs = in_layout(x);
  std::vector<float> out(static_cast<size_t>(n_out), 12345.0f);
  if (kind == PoolKind::max) {
    std::vector<int32_t> idx(o.indices ? static_cast<size_t>(n_out) : 0, 777);
    max_pool2d_forward(p, {xs.data(), n_in}, {out.data(), n_out}, {o.indices ? idx.data() : nullptr, o.indices ? n_out : 0});
    const ref::Result r = ref::max_forward(p, x);
    const std::vector<float> got = from_out(out);
    for (int64_t i = 0; i < n_out; ++i) FUZZ_CHECK(same_float(got[i], r.output[i]), p);
    if (o.indices) {
      const std::vector<int32_t> got_idx = from_out(idx);
      for (int64_t i = 0; i < n_out; ++i) FUZZ_CHECK(got_idx[i] == r.indices[i], p);
    }
  } else {
    avg_pool2d_forward(p, {xs.data(), n_in}, {out.data(), n_out});
    const std::vector<float> want = ref::avg_forward(p, x);
    const std::vector<float> got = from_out(out);
    for (int64_t i = 0; i < n_out; ++i) FUZZ_CHECK(close_float(got[i], want[i]), p);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  switch (in.ConsumeIntegralInRange<int>(0, 4)) {
    case 0: small_kernels(in); break;
    case 1: raw_plan(in); break;
    case 2: flat_api(in); break;
    case 3: allocations(in); break;
    default: conventions(in); break;
  }
  return 0;
}
