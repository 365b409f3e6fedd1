#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <sstream>
#include <vector>

#include "poolgrad/avgpool.hpp"
#include "poolgrad/maxpool.hpp"
#include "reference.hpp"

using namespace poolgrad;

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kSentinel = 12345.0f;  // outputs start with this to catch unwritten cells

const std::vector<float> kNotebookInput = {
    1, 2, 3, 4, 5, 2, 3, 5, 4, 4, 5, 1, 2, 3, 1, 4, 6, 0, 2, 1, 1, 2, 1, 0, 1,
    1, 2, 3, 4, 1, 0, 3, 1, 2, 3, 5, 4, 7, 0, 1, 1, 6, 2, 2, 1, 0, 2, 3, 4, 5};

Plan plan_of(PoolKind kind, int64_t planes, int64_t h, int64_t w, const PoolOptions& o) {
  Plan p;
  EXPECT_EQ(make_plan(kind, planes, h, w, o, &p), Status::ok);
  return p;
}

PoolOptions square(int32_t k, int32_t s, int32_t p = 0, int32_t d = 1) {
  PoolOptions o;
  o.h = o.w = AxisOptions{k, s, p, d};
  return o;
}

struct MaxOut {
  std::vector<float> output;
  std::vector<int32_t> indices;
};

MaxOut run_max(const Plan& p, const std::vector<float>& in) {
  const size_t n = p.planes * p.out_h * p.out_w;
  MaxOut r{std::vector<float>(n, kSentinel), std::vector<int32_t>(n, 777)};
  max_pool2d_forward(p, {in.data(), (int64_t)in.size()}, {r.output.data(), (int64_t)n},
                     {r.indices.data(), (int64_t)n});
  return r;
}

std::vector<float> run_max_backward(const Plan& p, const std::vector<float>& go,
                                    const std::vector<int32_t>& idx) {
  std::vector<float> gi(p.planes * p.in_h * p.in_w, kSentinel);
  EXPECT_EQ(max_pool2d_backward(p, {go.data(), (int64_t)go.size()}, {idx.data(), (int64_t)idx.size()},
                                {gi.data(), (int64_t)gi.size()}),
            Status::ok);
  return gi;
}

std::vector<float> run_avg(const Plan& p, const std::vector<float>& in) {
  std::vector<float> out(p.planes * p.out_h * p.out_w, kSentinel);
  avg_pool2d_forward(p, {in.data(), (int64_t)in.size()}, {out.data(), (int64_t)out.size()});
  return out;
}

std::vector<float> run_avg_backward(const Plan& p, const std::vector<float>& go) {
  std::vector<float> gi(p.planes * p.in_h * p.in_w, kSentinel);
  avg_pool2d_backward(p, {go.data(), (int64_t)go.size()}, {gi.data(), (int64_t)gi.size()});
  return gi;
}

std::string describe(const Plan& p) {
  std::ostringstream s;
  s << "planes=" << p.planes << " in=" << p.in_h << "x" << p.in_w << " out=" << p.out_h << "x"
    << p.out_w << " k=" << p.opt.h.kernel << "x" << p.opt.w.kernel << " s=" << p.opt.h.stride << "x"
    << p.opt.w.stride << " p=" << p.opt.h.padding << "x" << p.opt.w.padding
    << " d=" << p.opt.h.dilation << "x" << p.opt.w.dilation << " ceil=" << p.opt.ceil_mode
    << " cip=" << p.opt.count_include_pad << " div="
    << (p.opt.has_divisor_override ? p.opt.divisor_override : 0);
  return s.str();
}

// Same value, NaN equal to NaN; relative tolerance for sums.
bool same(float a, float b, float tol) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::fabs(a - b) <= tol * std::max(1.0f, std::fabs(b));
}

template <typename T>
void expect_all(const std::vector<T>& got, const std::vector<T>& want, const std::string& what,
                const Plan& p, float tol = 0) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (size_t i = 0; i < got.size(); ++i) {
    const int64_t plane_size = (int64_t)got.size() / p.planes;
    if constexpr (std::is_same_v<T, float>) {
      ASSERT_TRUE(same(got[i], want[i], tol))
          << what << " differs at flat " << i << " (plane " << i / plane_size << ", cell "
          << i % plane_size << "): got " << got[i] << ", want " << want[i] << "\n" << describe(p);
    } else {
      ASSERT_EQ(got[i], want[i]) << what << " differs at flat " << i << "\n" << describe(p);
    }
  }
}

}  // namespace

TEST(MaxPool, notebook_forward_indices_and_scatter_add_gradient) {
  const Plan p = plan_of(PoolKind::max, 2, 5, 5, square(3, 2));
  const MaxOut r = run_max(p, kNotebookInput);
  EXPECT_EQ(r.output, (std::vector<float>{5, 5, 6, 3, 7, 7, 7, 7}));
  EXPECT_EQ(r.indices, (std::vector<int32_t>{7, 4, 16, 13, 12, 12, 12, 12}));
  const auto gi = run_max_backward(p, {3, 1, 2, 6, 1, 2, 5, 8}, r.indices);
  std::vector<float> want(50, 0.0f);
  want[4] = 1; want[7] = 3; want[13] = 6; want[16] = 2; want[25 + 12] = 16;
  EXPECT_EQ(gi, want);
}

TEST(AvgPool, notebook_backward_is_independent_of_input) {
  const Plan p = plan_of(PoolKind::avg, 2, 5, 5, square(3, 2));
  const auto gi = run_avg_backward(p, {18, 9, 0, -9, 9, 9, 0, -9});
  const std::vector<float> want = {2, 2, 3, 1, 1, 2, 2, 3, 1, 1, 2, 2, 2, 0, 0, 0, 0, -1, -1, -1, 0, 0, -1, -1, -1,
                                   1, 1, 2, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 0, 0, 0, 0, -1, -1, -1, 0, 0, -1, -1, -1};
  expect_all(gi, want, "avg grad", p, 1e-6f);
}

TEST(MaxPool, ties_pick_first_in_row_major) {
  const Plan p = plan_of(PoolKind::max, 1, 2, 2, square(2, 2));
  const MaxOut r = run_max(p, {1, 3, 3, 3});
  EXPECT_EQ(r.indices[0], 1);
}

TEST(MaxPool, nan_propagates_and_points_at_first_nan) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const Plan p = plan_of(PoolKind::max, 1, 2, 2, square(2, 2));
  const MaxOut r = run_max(p, {1, nan, 9, nan});
  EXPECT_TRUE(std::isnan(r.output[0]));
  EXPECT_EQ(r.indices[0], 1);
}

TEST(MaxPool, all_negative_infinity_window_points_at_first_element) {
  const Plan p = plan_of(PoolKind::max, 1, 2, 2, square(2, 2));
  const MaxOut r = run_max(p, {-kInf, -kInf, -kInf, -kInf});
  EXPECT_EQ(r.output[0], -kInf);
  EXPECT_EQ(r.indices[0], 0);
}

TEST(MaxPool, negative_inputs_with_padding_never_pick_the_padding) {
  const Plan p = plan_of(PoolKind::max, 1, 2, 2, square(2, 1, 1));
  const MaxOut r = run_max(p, {-5, -4, -3, -2});
  EXPECT_EQ(r.output, (std::vector<float>{-5, -4, -4, -3, -2, -2, -3, -2, -2}));
}

TEST(MaxPool, window_without_input_element_gives_minus_inf_index_minus_one_no_gradient) {
  // in=2, k=2, d=3, p=1: the only window taps positions -1 and 2, both outside.
  const Plan p = plan_of(PoolKind::max, 1, 2, 2, square(2, 1, 1, 3));
  ASSERT_EQ(p.out_h, 1);
  const MaxOut r = run_max(p, {1, 2, 3, 4});
  EXPECT_EQ(r.output[0], -kInf);
  EXPECT_EQ(r.indices[0], -1);
  EXPECT_EQ(run_max_backward(p, {5}, r.indices), (std::vector<float>{0, 0, 0, 0}));
}

TEST(MaxPool, backward_refuses_out_of_range_indices_untouched) {
  const Plan p = plan_of(PoolKind::max, 1, 2, 2, square(2, 2));
  std::vector<float> gi(4, kSentinel);
  const std::vector<float> go = {1};
  for (int32_t bad : {4, -2}) {
    const std::vector<int32_t> idx = {bad};
    EXPECT_EQ(max_pool2d_backward(p, {go.data(), 1}, {idx.data(), 1}, {gi.data(), 4}),
              Status::bad_indices);
    EXPECT_EQ(gi, std::vector<float>(4, kSentinel));
  }
}

TEST(AvgPool, count_include_pad_and_divisor_override) {
  PoolOptions o = square(3, 1, 1);
  const std::vector<float> in = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  EXPECT_NEAR(run_avg(plan_of(PoolKind::avg, 1, 3, 3, o), in)[0], 12.0f / 9, 1e-6);
  o.count_include_pad = false;
  EXPECT_NEAR(run_avg(plan_of(PoolKind::avg, 1, 3, 3, o), in)[0], 12.0f / 4, 1e-6);
  o.has_divisor_override = true;
  o.divisor_override = -2;
  EXPECT_NEAR(run_avg(plan_of(PoolKind::avg, 1, 3, 3, o), in)[0], -6.0f, 1e-6);
}

TEST(AvgPool, ceil_mode_window_past_padding_divides_by_padded_count) {
  // in=4, k=3, s=2, p=1, ceil: windows start at -1, 1, 3; the last spans
  // [3, 6) but the padded input ends at 5, so it counts 2 positions per axis.
  PoolOptions o = square(3, 2, 1);
  o.ceil_mode = true;
  const Plan p = plan_of(PoolKind::avg, 1, 4, 4, o);
  ASSERT_EQ(p.out_h, 3);
  const std::vector<float> in(16, 1.0f);
  EXPECT_NEAR(run_avg(p, in).back(), 1.0f / 4, 1e-6);
}

// Randomized differential test: every option mix, against the naive reference.
TEST(Differential, random_shapes_and_options_match_naive_reference) {
  std::mt19937 rng(20261125);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  int checked = 0;
  for (int iter = 0; iter < 3000; ++iter) {
    const PoolKind kind = iter % 2 ? PoolKind::avg : PoolKind::max;
    PoolOptions o;
    for (AxisOptions* a : {&o.h, &o.w}) {
      a->kernel = pick(1, 5);
      a->stride = pick(1, 4);
      a->dilation = kind == PoolKind::max ? pick(1, 3) : 1;
      a->padding = pick(0, a->kernel / 2);
    }
    o.ceil_mode = pick(0, 1);
    o.count_include_pad = pick(0, 1);
    o.has_divisor_override = kind == PoolKind::avg && pick(0, 3) == 0;
    o.divisor_override = o.has_divisor_override ? (pick(0, 1) ? pick(1, 9) : -pick(1, 9)) : 0;
    const int64_t planes = pick(1, 3), h = pick(1, 12), w = pick(1, 12);
    Plan p;
    if (make_plan(kind, planes, h, w, o, &p) != Status::ok) continue;
    std::vector<float> in(planes * h * w);
    // Few distinct values so that ties are common; some specials.
    for (float& v : in) {
      const int r = pick(0, 40);
      v = r == 0 ? -kInf : r == 1 ? kInf : r == 2 && kind == PoolKind::max ? NAN : (float)pick(-4, 4);
    }
    std::vector<float> go(p.planes * p.out_h * p.out_w);
    for (float& v : go) v = (float)pick(-8, 8) / 2;
    if (kind == PoolKind::max) {
      const MaxOut got = run_max(p, in);
      const ref::Result want = ref::max_forward(p, in);
      expect_all(got.output, want.output, "max output", p);
      expect_all(got.indices, want.indices, "max indices", p);
      expect_all(run_max_backward(p, go, got.indices), ref::max_backward(p, go, want.indices),
                 "max grad", p, 1e-6f);
    } else {
      for (float& v : in) if (std::isinf(v)) v = 3;
      expect_all(run_avg(p, in), ref::avg_forward(p, in), "avg output", p, 1e-5f);
      expect_all(run_avg_backward(p, go), ref::avg_backward(p, go), "avg grad", p, 1e-5f);
    }
    ++checked;
  }
  EXPECT_GT(checked, 1000);
}
