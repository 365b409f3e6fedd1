// ONNX/TensorFlow conventions: explicit and auto padding, dilated average
// pooling, channels-last layout and max pooling without indices. Each kernel
// is compared with the naive reference (NCHW); NHWC runs are transposed to
// NCHW before comparing, and the path that ran is asserted.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <random>
#include <sstream>
#include <vector>

#include "pool_simd.hpp"
#include "poolgrad/avgpool.hpp"
#include "poolgrad/maxpool.hpp"
#include "reference.hpp"

using namespace poolgrad;
using detail::Op;
using detail::Path;

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

struct Case {
  PoolKind kind;
  int64_t batches, channels;
  int32_t in_h, in_w;
  PoolOptions opt;
};

std::string describe(const Case& c) {
  std::ostringstream s;
  const auto& o = c.opt;
  s << (c.kind == PoolKind::max ? "max" : "avg") << " N=" << c.batches << " C=" << c.channels
    << " in=" << c.in_h << "x" << c.in_w << " k=" << o.h.kernel << "x" << o.w.kernel
    << " s=" << o.h.stride << "x" << o.w.stride << " pads=" << o.h.padding << "," << o.h.padding_end
    << "," << o.w.padding << "," << o.w.padding_end << " rule=" << static_cast<int>(o.pad_rule)
    << " d=" << o.h.dilation << "x" << o.w.dilation << " ceil=" << o.ceil_mode
    << " cip=" << o.count_include_pad << " layout=" << static_cast<int>(o.layout)
    << " indices=" << o.indices;
  return s.str();
}

// [N, C, H, W] ↔ [N, H, W, C]
template <typename T>
std::vector<T> to_nhwc(const std::vector<T>& x, int64_t n, int64_t c, int64_t h, int64_t w) {
  std::vector<T> y(x.size());
  for (int64_t a = 0; a < n; ++a)
    for (int64_t b = 0; b < c; ++b)
      for (int64_t i = 0; i < h * w; ++i) y[(a * h * w + i) * c + b] = x[(a * c + b) * h * w + i];
  return y;
}
template <typename T>
std::vector<T> to_nchw(const std::vector<T>& y, int64_t n, int64_t c, int64_t h, int64_t w) {
  std::vector<T> x(y.size());
  for (int64_t a = 0; a < n; ++a)
    for (int64_t b = 0; b < c; ++b)
      for (int64_t i = 0; i < h * w; ++i) x[(a * c + b) * h * w + i] = y[(a * h * w + i) * c + b];
  return x;
}

bool same_float(float a, float b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

struct Rng {
  std::mt19937 gen{20261130};
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gen); }
  float value() {
    const int r = pick(0, 40);
    if (r == 0) return std::numeric_limits<float>::quiet_NaN();
    if (r == 1) return -kInf;
    return static_cast<float>(pick(-4, 4)) * (r % 3 == 0 ? 0.37f : 1.0f);
  }
};

Case random_case(Rng& rng) {
  Case c;
  c.kind = rng.pick(0, 1) ? PoolKind::max : PoolKind::avg;
  c.batches = rng.pick(1, 2);
  c.channels = rng.pick(0, 3) == 0 ? rng.pick(16, 21) : rng.pick(1, 9);  // 16+: the 4-vector blocks
  c.in_h = rng.pick(1, 9);
  c.in_w = rng.pick(1, 13);
  PoolOptions& o = c.opt;
  for (AxisOptions* a : {&o.h, &o.w}) {
    a->kernel = rng.pick(1, 4);
    a->stride = rng.pick(1, 3);
    a->dilation = rng.pick(1, 3);
    a->padding = rng.pick(0, 4);
    a->padding_end = rng.pick(0, 4);
  }
  o.pad_rule = static_cast<PadRule>(rng.pick(0, 4));
  if (o.pad_rule == PadRule::symmetric) {
    o.h.padding = std::min(o.h.padding, o.h.kernel / 2);
    o.w.padding = std::min(o.w.padding, o.w.kernel / 2);
  }
  o.ceil_mode = rng.pick(0, 1);
  o.count_include_pad = rng.pick(0, 1);
  o.layout = rng.pick(0, 1) ? Layout::nhwc : Layout::nchw;
  o.indices = rng.pick(0, 2) != 0;
  return c;
}

// Runs one case forward and backward in its layout and compares with the
// reference; returns false (with a failure) on the first difference.
void check_case(const Case& c, Rng& rng, std::map<Path, int>* seen) {
  const int64_t planes = c.batches * c.channels;
  Plan p;
  Refusal why;
  const Status s = make_plan(c.kind, planes, c.in_h, c.in_w, c.opt, &p, &why, c.channels);
  if (s != Status::ok) return;  // an empty output: refused, nothing to compare
  const bool nhwc = c.opt.layout == Layout::nhwc;
  const int64_t in_n = planes * p.in_h * p.in_w;
  const int64_t out_n = planes * p.out_h * p.out_w;
  std::vector<float> x(in_n);
  for (float& v : x) v = rng.value();
  const auto in_layout = [&](const std::vector<float>& v) {
    return nhwc ? to_nhwc(v, c.batches, c.channels, p.in_h, p.in_w) : v;
  };
  const auto out_layout = [&](const std::vector<float>& v) {
    return nhwc ? to_nhwc(v, c.batches, c.channels, p.out_h, p.out_w) : v;
  };
  const auto from_out = [&](const auto& v) {
    return nhwc ? to_nchw(v, c.batches, c.channels, p.out_h, p.out_w) : v;
  };
  const auto from_in = [&](const std::vector<float>& v) {
    return nhwc ? to_nchw(v, c.batches, c.channels, p.in_h, p.in_w) : v;
  };
  std::vector<float> go(out_n);
  for (float& v : go) v = static_cast<float>(rng.pick(-3, 3));
  const std::vector<float> xs = in_layout(x);

  if (c.kind == PoolKind::max) {
    const ref::Result want = ref::max_forward(p, x);
    std::vector<float> out(out_n, 999.0f);
    std::vector<int32_t> idx(p.opt.indices ? out_n : 0, 777);
    (*seen)[detail::path_for(Op::max_forward, p)]++;
    max_pool2d_forward(p, {xs.data(), in_n}, {out.data(), out_n},
                       {p.opt.indices ? idx.data() : nullptr, p.opt.indices ? out_n : 0});
    const auto got = from_out(out);
    for (int64_t i = 0; i < out_n; ++i)
      ASSERT_TRUE(same_float(got[i], want.output[i])) << describe(c) << " output " << i;
    if (!p.opt.indices) return;
    const auto got_idx = from_out(idx);
    ASSERT_EQ(got_idx, want.indices) << describe(c);
    std::vector<float> gi(in_n, 555.0f);
    const auto gos = out_layout(go);
    (*seen)[detail::path_for(Op::max_backward, p)]++;
    ASSERT_EQ(max_pool2d_backward(p, {gos.data(), out_n}, {idx.data(), out_n}, {gi.data(), in_n}),
              Status::ok);
    ASSERT_EQ(from_in(gi), ref::max_backward(p, go, want.indices)) << describe(c);
  } else {
    const auto want = ref::avg_forward(p, x);
    std::vector<float> out(out_n, 999.0f);
    (*seen)[detail::path_for(Op::avg_forward, p)]++;
    avg_pool2d_forward(p, {xs.data(), in_n}, {out.data(), out_n});
    const auto got = from_out(out);
    for (int64_t i = 0; i < out_n; ++i) {
      if (std::isnan(want[i]) || std::isinf(want[i])) {
        ASSERT_TRUE(same_float(got[i], want[i]) || std::isnan(got[i])) << describe(c) << " " << i;
      } else {
        ASSERT_NEAR(got[i], want[i], 1e-5 * (1 + std::fabs(want[i]))) << describe(c) << " output " << i;
      }
    }
    std::vector<float> gi(in_n, 555.0f);
    const auto gos = out_layout(go);
    (*seen)[detail::path_for(Op::avg_backward, p)]++;
    avg_pool2d_backward(p, {gos.data(), out_n}, {gi.data(), in_n});
    const auto got_gi = from_in(gi);
    const auto want_gi = ref::avg_backward(p, go);
    for (int64_t i = 0; i < in_n; ++i)
      ASSERT_NEAR(got_gi[i], want_gi[i], 1e-5 * (1 + std::fabs(want_gi[i]))) << describe(c) << " grad " << i;
  }
}

Plan planned(PoolKind kind, int64_t planes, int32_t h, int32_t w, const PoolOptions& o,
             int64_t channels = 1) {
  Plan p;
  EXPECT_EQ(make_plan(kind, planes, h, w, o, &p, nullptr, channels), Status::ok);
  return p;
}

}  // namespace

TEST(Conventions, random_plans_of_every_convention_match_the_reference_in_both_layouts) {
  Rng rng;
  std::map<Path, int> seen;
  for (int i = 0; i < 4000; ++i) {
    const Case c = random_case(rng);
    check_case(c, rng, &seen);
    if (HasFatalFailure()) return;
  }
  for (Path path : {Path::general, Path::max_values, Path::max_nhwc, Path::max_nhwc_values,
                    Path::avg_nhwc, Path::avg_back_nhwc, Path::max_back_nhwc, Path::max_back})
    EXPECT_GT(seen[path], 20) << detail::path_name(path);
}

TEST(Conventions, same_upper_puts_the_odd_padding_at_the_end_same_lower_at_the_start) {
  PoolOptions o;
  o.h = o.w = AxisOptions{3, 2, 0, 1};
  o.pad_rule = PadRule::same_upper;
  // in 6, stride 2: 3 windows, (3-1)·2 + 3 - 6 = 1 padding in all.
  Plan p = planned(PoolKind::max, 1, 6, 6, o);
  EXPECT_EQ(p.out_h, 3);
  EXPECT_EQ(p.opt.h.padding, 0);
  EXPECT_EQ(p.opt.h.padding_end, 1);
  o.pad_rule = PadRule::same_lower;
  p = planned(PoolKind::max, 1, 6, 6, o);
  EXPECT_EQ(p.opt.h.padding, 1);
  EXPECT_EQ(p.opt.h.padding_end, 0);
}

TEST(Conventions, auto_padding_ignores_ceil_mode_as_onnx_defines_it) {
  PoolOptions o;
  o.h = o.w = AxisOptions{2, 2, 0, 1};
  o.ceil_mode = true;
  o.pad_rule = PadRule::valid;
  const Plan p = planned(PoolKind::avg, 1, 5, 5, o);
  EXPECT_EQ(p.out_h, 2);  // floor((5 - 2) / 2) + 1, not the ceil mode's 3
  EXPECT_FALSE(p.opt.ceil_mode);
}

TEST(Conventions, explicit_padding_may_exceed_half_the_kernel_symmetric_may_not) {
  PoolOptions o;
  o.h = o.w = AxisOptions{2, 1, 2, 1, 0};
  Plan p;
  Refusal why;
  EXPECT_EQ(make_plan(PoolKind::max, 1, 3, 3, o, &p, &why), Status::bad_padding);
  EXPECT_EQ(why.axis, 0);
  EXPECT_EQ(why.value, 2);
  o.pad_rule = PadRule::explicit_pads;
  ASSERT_EQ(make_plan(PoolKind::max, 1, 3, 3, o, &p, &why), Status::ok);
  EXPECT_EQ(p.out_h, 4);  // 3 + 2 + 0 - 2 + 1
  o.w.padding_end = -3;
  EXPECT_EQ(make_plan(PoolKind::max, 1, 3, 3, o, &p, &why), Status::bad_padding);
  EXPECT_EQ(why.axis, 1);
  EXPECT_EQ(why.value, -3);
}

TEST(Conventions, refusals_name_the_axis_and_the_value) {
  PoolOptions o;
  o.h = {2, 1, 0, 1};
  o.w = {2, 0, 0, 1};
  Plan p;
  Refusal why;
  EXPECT_EQ(make_plan(PoolKind::max, 1, 4, 4, o, &p, &why), Status::bad_stride);
  EXPECT_EQ(why.axis, 1);
  EXPECT_EQ(why.value, 0);
  o.w.stride = 1;
  o.h.kernel = 9;
  EXPECT_EQ(make_plan(PoolKind::max, 1, 4, 4, o, &p, &why), Status::bad_output_size);
  EXPECT_EQ(why.axis, 0);
  EXPECT_EQ(why.value, -4);
}

TEST(Conventions, windows_wholly_in_padding_give_minus_inf_index_minus_one_or_nan_average) {
  PoolOptions o;
  o.h = AxisOptions{1, 1, 0, 1, 0};
  o.w = AxisOptions{1, 1, 2, 1, 0};
  o.pad_rule = PadRule::explicit_pads;
  const Plan p = planned(PoolKind::max, 1, 1, 2, o);
  ASSERT_EQ(p.out_w, 4);
  std::vector<float> x = {5, 7}, out(4);
  std::vector<int32_t> idx(4);
  max_pool2d_forward(p, {x.data(), 2}, {out.data(), 4}, {idx.data(), 4});
  EXPECT_EQ(out, (std::vector<float>{-kInf, -kInf, 5, 7}));
  EXPECT_EQ(idx, (std::vector<int32_t>{-1, -1, 0, 1}));
  o.count_include_pad = false;
  const Plan a = planned(PoolKind::avg, 1, 1, 2, o);
  avg_pool2d_forward(a, {x.data(), 2}, {out.data(), 4});
  EXPECT_TRUE(std::isnan(out[0]));
  EXPECT_EQ(out[2], 5.0f);
  o.count_include_pad = true;
  const Plan b = planned(PoolKind::avg, 1, 1, 2, o);
  avg_pool2d_forward(b, {x.data(), 2}, {out.data(), 4});
  EXPECT_EQ(out[0], 0.0f);
}

TEST(Conventions, dilated_rows_with_no_input_element_all_give_index_minus_one) {
  // [1,1,1,8], kernel [2,1], stride 1, padding [1,0], dilation [2,1]: tap 0
  // of each window is row -1 (padding) and tap 1 is row 1 (past the input).
  PoolOptions o;
  o.h = {2, 1, 1, 2};
  o.w = {1, 1, 0, 1};
  const Plan p = planned(PoolKind::max, 1, 1, 8, o);
  ASSERT_EQ(p.out_h, 1);
  ASSERT_EQ(p.out_w, 8);
  std::vector<float> x = {3, 1, 4, 1, 5, 9, 2, 6}, out(8, 0.0f);
  std::vector<int32_t> idx(8, 0);
  EXPECT_NE(detail::path_for(Op::max_forward, p), Path::general);  // a vector path handles the row
  max_pool2d_forward(p, {x.data(), 8}, {out.data(), 8}, {idx.data(), 8});
  EXPECT_EQ(idx, std::vector<int32_t>(8, -1));
  EXPECT_EQ(out, std::vector<float>(8, -kInf));
}

TEST(Conventions, path_for_routes_each_convention) {
  PoolOptions o;
  o.h = o.w = AxisOptions{2, 2, 0, 1};
  EXPECT_EQ(detail::path_for(Op::max_forward, planned(PoolKind::max, 1, 16, 16, o)), Path::max_k2s2);
  o.indices = false;
  EXPECT_EQ(detail::path_for(Op::max_forward, planned(PoolKind::max, 1, 16, 16, o)), Path::max_values);
  o.layout = Layout::nhwc;
  EXPECT_EQ(detail::path_for(Op::max_forward, planned(PoolKind::max, 4, 16, 16, o, 4)), Path::max_nhwc_values);
  o.indices = true;
  EXPECT_EQ(detail::path_for(Op::max_forward, planned(PoolKind::max, 4, 16, 16, o, 4)), Path::max_nhwc);
  EXPECT_EQ(detail::path_for(Op::avg_backward, planned(PoolKind::avg, 4, 16, 16, o, 4)), Path::avg_back_nhwc);
  o.layout = Layout::nchw;
  o.h.padding_end = 1;
  o.w.padding_end = 0;
  o.pad_rule = PadRule::explicit_pads;
  EXPECT_EQ(detail::path_for(Op::max_forward, planned(PoolKind::max, 1, 16, 16, o)), Path::general);
  o.pad_rule = PadRule::symmetric;
  o.h.padding_end = o.w.padding_end = -1;
  o.w.dilation = 2;
  EXPECT_EQ(detail::path_for(Op::avg_forward, planned(PoolKind::avg, 1, 16, 16, o)), Path::general);
}

// The channels-last forward kernels take an output row at a time (pmax
// chains for max, with or without indices, row-major sums for average), and
// max rows whose windows hold a NaN again by the exact rule. Both must give the reference's
// bits, -0 and ties included: max against the naive reference, average
// against the float32 row-major window mean of the NCHW general path.
TEST(Conventions, nhwc_row_kernels_match_the_reference_bit_for_bit_and_nan_rows_take_the_exact_rule) {
  Rng rng;
  const uint64_t fast_before = detail::nhwc_fast_rows();
  const uint64_t exact_before = detail::nhwc_exact_rows();
  int cases = 0;
  for (int i = 0; i < 600; ++i) {
    Case c;
    c.kind = i % 2 ? PoolKind::max : PoolKind::avg;
    c.batches = rng.pick(1, 2);
    const int channel_picks[] = {1, 3, 4, 7, 16, 19, 32, 37, 64};
    c.channels = channel_picks[rng.pick(0, 8)];
    c.in_h = rng.pick(3, 12);
    c.in_w = rng.pick(3, 12);
    PoolOptions& o = c.opt;
    for (AxisOptions* a : {&o.h, &o.w}) {
      a->kernel = rng.pick(0, 2) ? rng.pick(2, 3) : rng.pick(1, 5);
      a->stride = rng.pick(1, 3);
      a->dilation = rng.pick(0, 3) ? 1 : 2;
      a->padding = rng.pick(0, 2);
      a->padding_end = rng.pick(0, 2);
    }
    o.pad_rule = rng.pick(0, 1) ? PadRule::explicit_pads : PadRule::symmetric;
    if (o.pad_rule == PadRule::symmetric) {
      o.h.padding = std::min(o.h.padding, o.h.kernel / 2);
      o.w.padding = std::min(o.w.padding, o.w.kernel / 2);
    }
    o.count_include_pad = rng.pick(0, 1);
    o.layout = Layout::nhwc;
    o.indices = c.kind == PoolKind::max && i % 4 == 1;
    const int64_t planes = c.batches * c.channels;
    Plan p;
    if (make_plan(c.kind, planes, c.in_h, c.in_w, o, &p, nullptr, c.channels) != Status::ok) continue;
    ++cases;
    // Ties, -0 and +0, fractions; in half the cases one input row also holds
    // NaN or an infinity.
    std::vector<float> x(planes * p.in_h * p.in_w);
    for (float& v : x) {
      const int r = rng.pick(0, 9);
      v = r == 0 ? -0.0f : r == 1 ? 0.0f : r < 5 ? static_cast<float>(rng.pick(-3, 3))
                                              : static_cast<float>(rng.pick(-999, 999)) / 7.0f;
    }
    if (rng.pick(0, 1)) {
      const int32_t row = rng.pick(0, p.in_h - 1);
      const float special[] = {std::numeric_limits<float>::quiet_NaN(), kInf, -kInf};
      for (int64_t plane = 0; plane < planes; ++plane)
        if (rng.pick(0, 3) == 0)
          x[(plane * p.in_h + row) * p.in_w + rng.pick(0, p.in_w - 1)] = special[rng.pick(0, 2)];
    }
    const std::vector<float> xs = to_nhwc(x, c.batches, c.channels, p.in_h, p.in_w);
    const int64_t out_n = planes * p.out_h * p.out_w;
    std::vector<float> out(out_n, 999.0f);
    std::vector<float> want;
    if (c.kind == PoolKind::max) {
      ASSERT_EQ(detail::path_for(Op::max_forward, p), o.indices ? Path::max_nhwc : Path::max_nhwc_values);
      std::vector<int32_t> idx(o.indices ? out_n : 0, 777);
      max_pool2d_forward(p, {xs.data(), static_cast<int64_t>(xs.size())}, {out.data(), out_n},
                         {o.indices ? idx.data() : nullptr, o.indices ? out_n : 0});
      const ref::Result r = ref::max_forward(p, x);
      want = r.output;
      if (o.indices) ASSERT_EQ(to_nchw(idx, c.batches, c.channels, p.out_h, p.out_w), r.indices) << describe(c);
    } else {
      ASSERT_EQ(detail::path_for(Op::avg_forward, p), Path::avg_nhwc);
      avg_pool2d_forward(p, {xs.data(), static_cast<int64_t>(xs.size())}, {out.data(), out_n});
      for (int64_t plane = 0; plane < planes; ++plane)
        for (int32_t oh = 0; oh < p.out_h; ++oh)
          for (int32_t ow = 0; ow < p.out_w; ++ow)
            want.push_back(detail::avg_window_mean(p, x.data() + plane * p.in_h * p.in_w, oh, ow));
    }
    const auto got = to_nchw(out, c.batches, c.channels, p.out_h, p.out_w);
    for (int64_t k = 0; k < out_n; ++k) {
      const bool both_nan = std::isnan(got[k]) && std::isnan(want[k]);
      ASSERT_TRUE(both_nan || std::memcmp(&got[k], &want[k], sizeof(float)) == 0)
          << describe(c) << " output " << k << ": " << got[k] << " vs " << want[k];
    }
  }
  EXPECT_GT(cases, 400);
  EXPECT_GT(detail::nhwc_fast_rows() - fast_before, 500u);
  EXPECT_GT(detail::nhwc_exact_rows() - exact_before, 50u);
}
