// Max pooling over a validated Plan (see shape.hpp). Buffers must hold
// planes·in_h·in_w (input, grad_input) or planes·out_h·out_w elements.
#pragma once
#include "poolgrad/shape.hpp"
#include "poolgrad/tensor.hpp"

namespace poolgrad {

// `indices` receives, per output element, h·in_w + w of the chosen input
// element inside its plane; -1 (and -inf output) for a window that covers no
// input element. Ties pick the first maximum in row-major window order; a NaN
// wins over every number and the first NaN is chosen.
void max_pool2d_forward(const Plan& plan, ConstFloats input, Floats output,
                        Indices indices);

// Scatter-adds grad_output into grad_input at `indices`; -1 contributes
// nothing. Returns Status::bad_indices (leaving grad_input untouched) when an
// index lies outside [-1, in_h·in_w).
Status max_pool2d_backward(const Plan& plan, ConstFloats grad_output,
                           ConstIndices indices, Floats grad_input);

}  // namespace poolgrad
