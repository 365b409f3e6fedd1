// Average pooling over a validated Plan (see shape.hpp).
#pragma once
#include "poolgrad/shape.hpp"
#include "poolgrad/tensor.hpp"

namespace poolgrad {

void avg_pool2d_forward(const Plan& plan, ConstFloats input, Floats output);

// The input gradient depends only on grad_output and the window geometry,
// never on the forward's input values.
void avg_pool2d_backward(const Plan& plan, ConstFloats grad_output,
                         Floats grad_input);

}  // namespace poolgrad
