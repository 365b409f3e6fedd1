// Randomized differential tests of the fast kernels (cpp/src/*_simd.cpp).
// Each test draws plans that the dispatch must route to one named path,
// asserts that it does (detail::*_path is the switch the entry points use),
// and compares every output with the naive reference: max pooling bit for
// bit (values and indices), average pooling bit for bit against a float32
// row-major oracle (PyTorch's CPU summation order) and within 1e-5 of the
// double-precision reference.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <tuple>
#include <sstream>
#include <vector>

#include "pool_simd.hpp"
#include "scratch.hpp"
#include "poolgrad/avgpool.hpp"
#include "poolgrad/maxpool.hpp"
#include "reference.hpp"

using namespace poolgrad;
using detail::Path;

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

struct Rng {
  std::mt19937 gen{20261125};
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gen); }
};

// Mostly small integers (ties everywhere), negatives, ±0, ±inf, NaN, and
// some non-integers so rounding order matters for the sums.
std::vector<float> draw_values(Rng& r, size_t n, bool specials) {
  std::vector<float> v(n);
  for (float& x : v) {
    const int k = r.pick(0, 59);
    if (specials && k == 0) x = std::numeric_limits<float>::quiet_NaN();
    else if (specials && k == 1) x = kInf;
    else if (specials && k == 2) x = -kInf;
    else if (k == 3) x = -0.0f;
    else if (k < 20) x = static_cast<float>(r.pick(-1000, 1000)) / 7.0f;
    else x = static_cast<float>(r.pick(-3, 3));
  }
  return v;
}

bool same(float a, float b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  return std::memcmp(&a, &b, sizeof a) == 0;
}

std::string describe(const Plan& p) {
  std::ostringstream s;
  s << "planes=" << p.planes << " in=" << p.in_h << "x" << p.in_w << " out=" << p.out_h << "x"
    << p.out_w << " k=" << p.opt.h.kernel << "x" << p.opt.w.kernel << " s=" << p.opt.h.stride
    << "x" << p.opt.w.stride << " p=" << p.opt.h.padding << "x" << p.opt.w.padding
    << " d=" << p.opt.h.dilation << "x" << p.opt.w.dilation << " ceil=" << p.opt.ceil_mode
    << " incl=" << p.opt.count_include_pad << " div=" << p.opt.has_divisor_override << ":"
    << p.opt.divisor_override;
  return s.str();
}

template <typename T>
void expect_bits(const std::vector<T>& got, const std::vector<T>& want, const char* what,
                 const Plan& p) {
  ASSERT_EQ(got.size(), want.size()) << what << " " << describe(p);
  for (size_t i = 0; i < got.size(); ++i) {
    bool ok;
    if constexpr (std::is_same_v<T, float>) ok = same(got[i], want[i]);
    else ok = got[i] == want[i];
    ASSERT_TRUE(ok) << what << " at " << i << ": got " << got[i] << ", want " << want[i] << " — "
                    << describe(p);
  }
}

void expect_near(const std::vector<float>& got, const std::vector<float>& want, const char* what,
                 const Plan& p) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    // float32 sums of up to 25 terms |x| ≤ 143 may cancel: their rounding
    // error reaches ~25·143·2^-24 ≈ 2e-4 however small the result is.
    const float tol = 1e-5f * std::fabs(want[i]) + 1e-3f;
    ASSERT_TRUE(std::fabs(got[i] - want[i]) <= tol || same(got[i], want[i]))
        << what << " at " << i << ": got " << got[i] << ", want " << want[i] << " — " << describe(p);
  }
}

// Float32 oracles in PyTorch's CPU order: a window's taps are summed row by
// row from 0.0f, then divided; the backward adds each output's share into a
// zeroed gradient in output row-major order.
float divisor(const Plan& p, int32_t oh, int32_t ow, int32_t* hb, int32_t* he, int32_t* wb,
              int32_t* we) {
  const auto& o = p.opt;
  const int32_t h0 = oh * o.h.stride - o.h.padding, w0 = ow * o.w.stride - o.w.padding;
  const int32_t h1 = std::min(h0 + o.h.kernel, p.in_h + o.h.padding);
  const int32_t w1 = std::min(w0 + o.w.kernel, p.in_w + o.w.padding);
  const int32_t padded = (h1 - h0) * (w1 - w0);
  *hb = std::max(h0, 0), *wb = std::max(w0, 0), *he = std::min(h1, p.in_h), *we = std::min(w1, p.in_w);
  if (o.has_divisor_override) return static_cast<float>(o.divisor_override);
  return static_cast<float>(o.count_include_pad ? padded : (*he - *hb) * (*we - *wb));
}

std::vector<float> avg_forward_f32(const Plan& p, const std::vector<float>& in) {
  std::vector<float> out;
  for (int64_t c = 0; c < p.planes; ++c)
    for (int32_t oh = 0; oh < p.out_h; ++oh)
      for (int32_t ow = 0; ow < p.out_w; ++ow) {
        int32_t hb, he, wb, we;
        const float d = divisor(p, oh, ow, &hb, &he, &wb, &we);
        float sum = 0.0f;
        for (int32_t h = hb; h < he; ++h)
          for (int32_t w = wb; w < we; ++w) sum += in[(c * p.in_h + h) * p.in_w + w];
        out.push_back(sum / d);
      }
  return out;
}

std::vector<float> avg_backward_f32(const Plan& p, const std::vector<float>& go) {
  std::vector<float> gi(p.planes * p.in_h * p.in_w, 0.0f);
  size_t k = 0;
  for (int64_t c = 0; c < p.planes; ++c)
    for (int32_t oh = 0; oh < p.out_h; ++oh)
      for (int32_t ow = 0; ow < p.out_w; ++ow, ++k) {
        int32_t hb, he, wb, we;
        const float share = go[k] / divisor(p, oh, ow, &hb, &he, &wb, &we);
        for (int32_t h = hb; h < he; ++h)
          for (int32_t w = wb; w < we; ++w) gi[(c * p.in_h + h) * p.in_w + w] += share;
      }
  return gi;
}

using Draw = std::function<PoolOptions(Rng&)>;

// Draws plans from `draw` until `want` of them dispatch to `path` (others are
// skipped, but each drawn plan that is valid must land on `path` or `general`
// only when `strict` is false), then runs `check` on each.
int for_path(Rng& r, PoolKind kind, Path path, const Draw& draw, int want,
             const std::function<void(const Plan&)>& check) {
  int hits = 0;
  for (int attempt = 0; attempt < want * 40 && hits < want; ++attempt) {
    const PoolOptions o = draw(r);
    Plan p;
    if (make_plan(kind, r.pick(1, 3), r.pick(1, 24), r.pick(1, 40), o, &p) != Status::ok) continue;
    const Path chosen = kind == PoolKind::max ? detail::max_forward_path(p) : detail::avg_forward_path(p);
    if (chosen != path) continue;
    check(p);
    if (::testing::Test::HasFatalFailure()) return hits;
    ++hits;
  }
  return hits;
}

void expect_max_matches_reference(const Plan& p, const std::vector<float>& in) {
  const size_t n = p.planes * p.out_h * p.out_w;
  std::vector<float> out(n, 12345.0f);
  std::vector<int32_t> idx(n, 777);
  max_pool2d_forward(p, {in.data(), (int64_t)in.size()}, {out.data(), (int64_t)n}, {idx.data(), (int64_t)n});
  const ref::Result want = ref::max_forward(p, in);
  expect_bits(out, want.output, "max output", p);
  expect_bits(idx, want.indices, "max indices", p);
}

void check_max(Rng& r, const Plan& p) {
  expect_max_matches_reference(p, draw_values(r, p.planes * p.in_h * p.in_w, true));
}

void check_avg(Rng& r, const Plan& p) {
  std::vector<float> in = draw_values(r, p.planes * p.in_h * p.in_w, false);
  std::vector<float> out(p.planes * p.out_h * p.out_w, 12345.0f);
  avg_pool2d_forward(p, {in.data(), (int64_t)in.size()}, {out.data(), (int64_t)out.size()});
  expect_bits(out, avg_forward_f32(p, in), "avg output (float32 row-major order)", p);
  expect_near(out, ref::avg_forward(p, in), "avg output (double reference)", p);
}

void check_avg_backward(Rng& r, const Plan& p) {
  const std::vector<float> go = draw_values(r, p.planes * p.out_h * p.out_w, false);
  std::vector<float> gi(p.planes * p.in_h * p.in_w, 12345.0f);
  avg_pool2d_backward(p, {go.data(), (int64_t)go.size()}, {gi.data(), (int64_t)gi.size()});
  expect_bits(gi, avg_backward_f32(p, go), "avg grad (float32 output-order scatter)", p);
  expect_near(gi, ref::avg_backward(p, go), "avg grad (double reference)", p);
}

PoolOptions axis_pair(Rng& r, int kw, int sw, int dw, bool max) {
  PoolOptions o;
  o.h.kernel = r.pick(1, 4);
  o.h.stride = r.pick(1, 3);
  o.h.dilation = max ? r.pick(1, 2) : 1;
  o.h.padding = r.pick(0, o.h.kernel / 2);
  o.w.kernel = kw;
  o.w.stride = sw;
  o.w.dilation = dw;
  o.w.padding = r.pick(0, kw / 2);
  o.ceil_mode = r.pick(0, 1);
  o.count_include_pad = r.pick(0, 1);
  o.has_divisor_override = !max && r.pick(0, 4) == 0;
  o.divisor_override = o.has_divisor_override ? (r.pick(0, 1) ? r.pick(1, 9) : -r.pick(1, 9)) : 0;
  return o;
}

}  // namespace

TEST(FastPath, max_k2s2_matches_reference_with_nan_ties_and_infinities) {
  Rng r;
  const int hits = for_path(r, PoolKind::max, Path::max_k2s2,
                            [](Rng& r) { return axis_pair(r, 2, 2, 1, true); }, 150,
                            [&](const Plan& p) { check_max(r, p); });
  EXPECT_EQ(hits, 150);
}

TEST(FastPath, max_k3s2_with_padding_matches_reference) {
  Rng r;
  const int hits = for_path(r, PoolKind::max, Path::max_k3s2,
                            [](Rng& r) { return axis_pair(r, 3, 2, 1, true); }, 150,
                            [&](const Plan& p) { check_max(r, p); });
  EXPECT_EQ(hits, 150);
}

TEST(FastPath, max_s1_any_kernel_and_dilation_matches_reference) {
  Rng r;
  const int hits = for_path(r, PoolKind::max, Path::max_s1,
                            [](Rng& r) { return axis_pair(r, r.pick(1, 5), 1, r.pick(1, 3), true); },
                            150, [&](const Plan& p) { check_max(r, p); });
  EXPECT_EQ(hits, 150);
}

TEST(FastPath, max_any_stride_equal_kernel_and_dilated_matches_reference) {
  Rng r;
  const int hits = for_path(r, PoolKind::max, Path::max_any,
                            [](Rng& r) {
                              const int k = r.pick(1, 5);
                              // stride = kernel (the non-overlapping case), or any other stride
                              const int s = r.pick(0, 1) ? std::max(k, 2) : r.pick(2, 4);
                              return axis_pair(r, k, s, r.pick(1, 3), true);
                            },
                            150, [&](const Plan& p) { check_max(r, p); });
  EXPECT_EQ(hits, 150);
}

TEST(FastPath, avg_forward_strides_1_2_and_other_match_float32_order_exactly) {
  Rng r;
  for (auto [path, stride] : {std::pair{Path::avg_s1, 1}, {Path::avg_s2, 2}, {Path::avg_any, 3}}) {
    const int hits = for_path(r, PoolKind::avg, path,
                              [s = stride](Rng& r) { return axis_pair(r, r.pick(1, 5), s, 1, false); },
                              150, [&](const Plan& p) { check_avg(r, p); });
    EXPECT_EQ(hits, 150) << detail::path_name(path);
  }
}

TEST(FastPath, avg_backward_gather_and_disjoint_match_float32_scatter_order_exactly) {
  Rng r;
  std::map<Path, int> hits;
  for (int i = 0; i < 1500; ++i) {
    PoolOptions o = axis_pair(r, r.pick(1, 5), r.pick(1, 5), 1, false);
    if (r.pick(0, 2) == 0) o.h.stride = 1, o.w.stride = 1;               // gather path
    else if (r.pick(0, 1)) o.h.stride = std::max(o.h.stride, o.h.kernel),  // disjoint path
                           o.w.stride = std::max(o.w.stride, o.w.kernel);
    Plan p;
    if (make_plan(PoolKind::avg, r.pick(1, 3), r.pick(1, 24), r.pick(1, 40), o, &p) != Status::ok)
      continue;
    const Path path = detail::avg_backward_path(p);
    const bool s1 = o.h.stride == 1 && o.w.stride == 1;
    const bool disjoint = o.h.stride >= o.h.kernel && o.w.stride >= o.w.kernel;
    // A kernel more than twice the input would walk mostly padding: scalar.
    const bool fits = o.h.kernel <= 2 * p.in_h && o.w.kernel <= 2 * p.in_w;
    const Path want = s1 && p.in_w >= 4 && fits ? Path::avg_back_s1
                      : disjoint          ? Path::avg_back_disjoint
                                          : Path::general;
    EXPECT_EQ(path, want);
    check_avg_backward(r, p);
    if (HasFatalFailure()) return;
    ++hits[path];
  }
  EXPECT_GT(hits[Path::avg_back_s1], 200);
  EXPECT_GT(hits[Path::avg_back_disjoint], 200);
  EXPECT_GT(hits[Path::general], 100);
}

// The benchmark's workloads, shrunk in N·C only: the geometry (and so the
// path) is the real one.
TEST(FastPath, benchmark_workloads_take_their_fast_paths_and_match_reference) {
  Rng r;
  auto square = [](int k, int s, int pad) {
    PoolOptions o;
    o.h = o.w = AxisOptions{k, s, pad, 1};
    return o;
  };
  Plan w1, w2, w3;
  ASSERT_EQ(make_plan(PoolKind::max, 2, 112, 112, square(3, 2, 1), &w1), Status::ok);
  ASSERT_EQ(make_plan(PoolKind::max, 2, 56, 56, square(2, 2, 0), &w2), Status::ok);
  ASSERT_EQ(make_plan(PoolKind::avg, 2, 28, 28, square(3, 1, 1), &w3), Status::ok);
  EXPECT_EQ(detail::max_forward_path(w1), Path::max_k3s2);
  EXPECT_EQ(detail::max_forward_path(w2), Path::max_k2s2);
  EXPECT_EQ(detail::avg_forward_path(w3), Path::avg_s1);
  EXPECT_EQ(detail::avg_backward_path(w3), Path::avg_back_s1);
  check_max(r, w1);
  check_max(r, w2);
  check_avg(r, w3);
  check_avg_backward(r, w3);
}

TEST(FastPath, narrow_planes_fall_back_to_general_path) {
  PoolOptions o;
  o.h = o.w = AxisOptions{2, 2, 0, 1};
  Plan p;
  ASSERT_EQ(make_plan(PoolKind::max, 1, 6, 6, o, &p), Status::ok);  // 3 output columns < 4 lanes
  EXPECT_EQ(detail::max_forward_path(p), Path::general);
  ASSERT_EQ(make_plan(PoolKind::avg, 1, 6, 6, o, &p), Status::ok);
  EXPECT_EQ(detail::avg_forward_path(p), Path::general);
}

TEST(FastPath, avg_kernel_far_wider_than_input_takes_the_clipped_path) {
  // 12×40 input, kernel 3×201 padded by 100: the vector paths would sum 201
  // zero-padded columns per window instead of the ≤ 40 real ones.
  PoolOptions o;
  o.h = AxisOptions{3, 1, 1, 1};
  o.w = AxisOptions{201, 1, 100, 1};
  Plan p;
  ASSERT_EQ(make_plan(PoolKind::avg, 1, 12, 40, o, &p), Status::ok);
  ASSERT_GE(p.out_w, 4);
  EXPECT_EQ(detail::avg_forward_path(p), Path::general);
  EXPECT_EQ(detail::avg_backward_path(p), Path::general);
  Rng r;
  check_avg(r, p);
  check_avg_backward(r, p);
  o.w = AxisOptions{79, 1, 39, 1};  // just within twice the input width
  ASSERT_EQ(make_plan(PoolKind::avg, 1, 12, 40, o, &p), Status::ok);
  EXPECT_EQ(detail::avg_forward_path(p), Path::avg_s1);
  EXPECT_EQ(detail::avg_backward_path(p), Path::avg_back_s1);
}

TEST(FastPath, max_lanes_pick_first_nan_and_first_tie_per_window) {
  // One row of 8 windows (k2 s2, 16 columns): lane patterns that differ per
  // window, including NaN after a larger number, a tie at +0/-0, -inf only.
  PoolOptions o;
  o.h = AxisOptions{1, 1, 0, 1};
  o.w = AxisOptions{2, 2, 0, 1};
  Plan p;
  ASSERT_EQ(make_plan(PoolKind::max, 1, 1, 16, o, &p), Status::ok);
  ASSERT_EQ(detail::max_forward_path(p), Path::max_k2s2);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> in = {5, nan, nan, 7, -0.0f, 0.0f, -kInf, -kInf,
                                 3, 3,   kInf, nan, -2, -1,  nan,  nan};
  std::vector<float> out(8);
  std::vector<int32_t> idx(8);
  max_pool2d_forward(p, {in.data(), 16}, {out.data(), 8}, {idx.data(), 8});
  EXPECT_EQ(idx, (std::vector<int32_t>{1, 2, 4, 6, 8, 11, 13, 14}));
  EXPECT_TRUE(std::isnan(out[0]) && std::isnan(out[1]) && std::isnan(out[5]) && std::isnan(out[7]));
  EXPECT_TRUE(std::signbit(out[2])) << "tie -0/+0 keeps the first (-0)";
  EXPECT_EQ(out[3], -kInf);
}

// A max vector step keeps to "a later tap wins iff greater" unless one of its
// windows holds a NaN; then it is computed again with the exact rule. Both
// must give the reference's bits, and the NaN must cost only its own steps.
TEST(FastPath, max_steps_take_the_exact_rule_only_where_a_window_holds_nan) {
  Rng r;
  for (auto [k, s, pad] : {std::tuple{3, 2, 1}, {2, 2, 0}, {3, 1, 1}, {2, 3, 0}}) {
    PoolOptions o;
    o.h = o.w = AxisOptions{k, s, pad, 1};
    Plan p;
    ASSERT_EQ(make_plan(PoolKind::max, 3, 37, 41, o, &p), Status::ok);
    ASSERT_NE(detail::max_forward_path(p), Path::general);
    // Ties, ±0, non-integers and one sign of infinity per plane: no NaN,
    // and no inf + -inf in any sum.
    std::vector<float> in = draw_values(r, p.planes * p.in_h * p.in_w, false);
    for (size_t i = 0; i < in.size(); i += 97) in[i] = (i / p.in_h / p.in_w) % 2 ? kInf : -kInf;
    const uint64_t before = detail::max_exact_steps();
    expect_max_matches_reference(p, in);
    if (HasFatalFailure()) return;
    EXPECT_EQ(detail::max_exact_steps(), before) << "k=" << k << " s=" << s;
    // One NaN inside a window of every geometry here (row 18, column 21 of
    // plane 1): it lies in at most 2 output rows × 3 steps.
    in[p.in_h * p.in_w + 18 * p.in_w + 21] = std::numeric_limits<float>::quiet_NaN();
    expect_max_matches_reference(p, in);
    if (HasFatalFailure()) return;
    const uint64_t exact = detail::max_exact_steps() - before;
    EXPECT_GE(exact, 1u) << "k=" << k << " s=" << s;
    EXPECT_LE(exact, 6u) << "k=" << k << " s=" << s;
  }
}

// ResNet's stem geometry (kernel 3, stride 2, padding 1): output column 0 of
// a row runs in a vector step whose first lane reads the element before the
// row (the previous row's last, here made larger than everything) and must
// treat it as padding. Every row but the very first of the tensor takes that
// step; a NaN in it sends the columns of that step to the scalar code.
TEST(FastPath, max_k3s2_padding1_column0_is_a_vector_step_that_never_picks_the_padding) {
  Rng r;
  PoolOptions o;
  o.h = o.w = AxisOptions{3, 2, 1, 1};
  Plan p;
  ASSERT_EQ(make_plan(PoolKind::max, 3, 9, 40, o, &p), Status::ok);
  ASSERT_EQ(detail::max_forward_path(p), Path::max_k3s2);
  const uint64_t rows = p.planes * p.out_h;
  const size_t n = p.planes * p.in_h * p.in_w;
  auto run = [&](std::vector<float> in, const char* what) {
    SCOPED_TRACE(what);
    for (size_t i = p.in_w - 1; i < n; i += p.in_w) in[i] = 1e30f;  // read as column -1
    const uint64_t before = detail::max_clipped_steps();
    expect_max_matches_reference(p, in);
    return detail::max_clipped_steps() - before;
  };
  EXPECT_EQ(run(draw_values(r, n, false), "ties, ±0, non-integers"), rows - 1);
  EXPECT_EQ(run(std::vector<float>(n, -kInf), "all -inf: index of the first input tap"), rows - 1);
  std::vector<float> negative(n);
  for (size_t i = 0; i < n; ++i) negative[i] = -1.0f - static_cast<float>(i % 7);
  EXPECT_EQ(run(negative, "all negative"), rows - 1);
  std::vector<float> with_nan = draw_values(r, n, false);
  with_nan[p.in_h * p.in_w + 5 * p.in_w + 5] = std::numeric_limits<float>::quiet_NaN();
  // Row 5, column 5 lies in output rows 2 and 3, columns 2 and 3.
  EXPECT_EQ(run(with_nan, "a NaN in plane 1"), rows - 3);
  std::vector<float> with_inf = draw_values(r, n, false);
  with_inf[2 * p.in_h * p.in_w + 1] = kInf;  // row 0, column 1 of plane 2: output row 0
  EXPECT_EQ(run(with_inf, "+inf in column 0's window"), rows - 2);
}

// The average kernels keep one scratch block: after the first call of a
// geometry, repeated forward and backward calls request nothing from malloc.
TEST(Scratch, repeated_average_calls_allocate_nothing_once_warm) {
  Rng r;
  PoolOptions o;
  o.h = o.w = AxisOptions{3, 1, 1, 1};
  Plan p;
  ASSERT_EQ(make_plan(PoolKind::avg, 3, 28, 28, o, &p), Status::ok);
  ASSERT_EQ(detail::avg_forward_path(p), Path::avg_s1);
  ASSERT_EQ(detail::avg_backward_path(p), Path::avg_back_s1);
  check_avg(r, p);
  check_avg_backward(r, p);
  const uint64_t before = detail::Scratch::blocks_allocated();
  const size_t kept = detail::Scratch::kept_bytes();
  EXPECT_GT(kept, 0u);
  for (int i = 0; i < 5; ++i) {
    check_avg(r, p);
    check_avg_backward(r, p);
  }
  EXPECT_EQ(detail::Scratch::blocks_allocated(), before);
  EXPECT_EQ(detail::Scratch::kept_bytes(), kept);
}

// A block over the kept limit lives only for its call; the kept one stays.
TEST(Scratch, blocks_over_the_kept_limit_are_not_kept) {
  const size_t kept = detail::Scratch::kept_bytes();
  const uint64_t before = detail::Scratch::blocks_allocated();
  {
    const detail::Scratch big(detail::Scratch::kKeptLimit + 64);
    ASSERT_NE(big.data(), nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(big.data()) % 64, 0u);
  }
  EXPECT_EQ(detail::Scratch::blocks_allocated(), before + 1);
  EXPECT_EQ(detail::Scratch::kept_bytes(), kept);
  // Sizes that cannot exist are refused, not wrapped around.
  const detail::Scratch impossible(~uint64_t{0});
  EXPECT_EQ(impossible.data(), nullptr);
}
