// A deliberately naive pooling reference for the tests: it walks every tap
// of every window, treats padding explicitly, and shares no code with the
// kernels under test.
#pragma once
#include <cstdint>
#include <vector>

#include "poolgrad/shape.hpp"

namespace ref {

struct Result {
  std::vector<float> output;
  std::vector<int32_t> indices;  // max only
};

Result max_forward(const poolgrad::Plan& p, const std::vector<float>& input);
std::vector<float> max_backward(const poolgrad::Plan& p, const std::vector<float>& grad_output,
                                const std::vector<int32_t>& indices);
std::vector<float> avg_forward(const poolgrad::Plan& p, const std::vector<float>& input);
std::vector<float> avg_backward(const poolgrad::Plan& p, const std::vector<float>& grad_output);

}  // namespace ref
