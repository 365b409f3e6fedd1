#include <gtest/gtest.h>

#include "poolgrad/shape.hpp"

using poolgrad::AxisOptions;
using poolgrad::make_plan;
using poolgrad::Plan;
using poolgrad::PoolKind;
using poolgrad::PoolOptions;
using poolgrad::pooled_size;
using poolgrad::Status;

namespace {

PoolOptions square(int32_t k, int32_t s, int32_t p = 0, int32_t d = 1, bool ceil = false) {
  PoolOptions o;
  o.h = o.w = AxisOptions{k, s, p, d};
  o.ceil_mode = ceil;
  return o;
}

}  // namespace

TEST(OutputShape, notebook_max_pool_5x5_kernel3_stride2) {
  Plan p;
  ASSERT_EQ(make_plan(PoolKind::max, 2, 5, 5, square(3, 2), &p), Status::ok);
  EXPECT_EQ(p.out_h, 2);
  EXPECT_EQ(p.out_w, 2);
}

TEST(OutputShape, notebook_rectangular_with_stride_padding_dilation) {
  PoolOptions o;
  o.h = {3, 2, 0, 1};
  o.w = {4, 1, 2, 2};
  Plan p;
  ASSERT_EQ(make_plan(PoolKind::max, 1, 10, 11, o, &p), Status::ok);
  EXPECT_EQ(p.out_h, 4);
  EXPECT_EQ(p.out_w, 9);
}

TEST(OutputShape, ceil_mode_adds_partial_window) {
  EXPECT_EQ(pooled_size(5, {2, 2, 0, 1}, false), 2);
  EXPECT_EQ(pooled_size(5, {2, 2, 0, 1}, true), 3);
}

TEST(OutputShape, ceil_mode_drops_window_starting_in_right_padding) {
  // in=5, k=2, s=2, p=1: ceil gives 4 windows, the 4th starts at 6-1=5 = in,
  // i.e. in the right padding, so it is dropped.
  EXPECT_EQ(pooled_size(5, {2, 2, 1, 1}, true), 3);
  EXPECT_EQ(pooled_size(5, {2, 2, 1, 1}, false), 3);
  EXPECT_EQ(pooled_size(6, {3, 3, 1, 1}, true), 3);
}

TEST(Validation, kernel_stride_dilation_must_be_positive) {
  Plan p;
  EXPECT_EQ(make_plan(PoolKind::max, 1, 5, 5, square(0, 1), &p), Status::bad_kernel_size);
  EXPECT_EQ(make_plan(PoolKind::max, 1, 5, 5, square(2, 0), &p), Status::bad_stride);
  EXPECT_EQ(make_plan(PoolKind::max, 1, 5, 5, square(2, 1, 0, 0), &p), Status::bad_dilation);
  EXPECT_EQ(make_plan(PoolKind::avg, 1, 5, 5, square(2, 1, 0, 2), &p), Status::ok);  // ONNX dilations
}

TEST(Validation, padding_at_most_half_the_kernel) {
  Plan p;
  EXPECT_EQ(make_plan(PoolKind::max, 1, 5, 5, square(3, 1, 1), &p), Status::ok);
  EXPECT_EQ(make_plan(PoolKind::max, 1, 5, 5, square(3, 1, 2), &p), Status::bad_padding);
  EXPECT_EQ(make_plan(PoolKind::max, 1, 5, 5, square(2, 1, -1), &p), Status::bad_padding);
  // Dilation widens the window, but PyTorch still bounds padding by k/2.
  EXPECT_EQ(make_plan(PoolKind::max, 1, 9, 9, square(2, 1, 2, 3), &p), Status::bad_padding);
}

TEST(Validation, output_must_not_be_empty) {
  Plan p;
  EXPECT_EQ(make_plan(PoolKind::max, 1, 2, 2, square(3, 1), &p), Status::bad_output_size);
}

TEST(Validation, divisor_override_zero_refused_negative_allowed) {
  Plan p;
  PoolOptions o = square(2, 2);
  o.has_divisor_override = true;
  o.divisor_override = 0;
  EXPECT_EQ(make_plan(PoolKind::avg, 1, 4, 4, o, &p), Status::bad_divisor);
  o.divisor_override = -3;
  EXPECT_EQ(make_plan(PoolKind::avg, 1, 4, 4, o, &p), Status::ok);
}

TEST(Validation, empty_or_overflowing_shapes_refused) {
  Plan p;
  EXPECT_EQ(make_plan(PoolKind::max, 0, 4, 4, square(2, 2), &p), Status::bad_shape);
  EXPECT_EQ(make_plan(PoolKind::max, 1, 0, 4, square(2, 2), &p), Status::bad_shape);
  EXPECT_EQ(make_plan(PoolKind::max, 65536, 65536, 2, square(2, 2), &p), Status::too_large);
  EXPECT_EQ(make_plan(PoolKind::max, 1, int64_t{1} << 31, 2, square(2, 2), &p), Status::too_large);
}
