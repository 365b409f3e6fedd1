#include "reference.hpp"

#include <cmath>
#include <limits>

namespace ref {
namespace {

bool inside(int64_t v, int64_t n) { return v >= 0 && v < n; }

// Divisor of the window at (oh, ow), spelled out from PyTorch's documentation.
double avg_divisor(const poolgrad::Plan& p, int64_t oh, int64_t ow) {
  const auto& o = p.opt;
  if (o.has_divisor_override) return o.divisor_override;
  int64_t count = 0;
  for (int64_t i = 0; i < o.h.kernel; ++i) {
    for (int64_t j = 0; j < o.w.kernel; ++j) {
      const int64_t h = oh * o.h.stride - o.h.padding + i * o.h.dilation;
      const int64_t w = ow * o.w.stride - o.w.padding + j * o.w.dilation;
      const bool in_padded = h >= -o.h.padding && h < p.in_h + poolgrad::end_padding(o.h) &&
                             w >= -o.w.padding && w < p.in_w + poolgrad::end_padding(o.w);
      const bool in_input = inside(h, p.in_h) && inside(w, p.in_w);
      count += o.count_include_pad ? in_padded : in_input;
    }
  }
  return static_cast<double>(count);
}

}  // namespace

Result max_forward(const poolgrad::Plan& p, const std::vector<float>& input) {
  Result r;
  const auto& o = p.opt;
  for (int64_t c = 0; c < p.planes; ++c) {
    for (int64_t oh = 0; oh < p.out_h; ++oh) {
      for (int64_t ow = 0; ow < p.out_w; ++ow) {
        float best = -std::numeric_limits<float>::infinity();
        int32_t best_index = -1;
        bool seen_nan = false;
        for (int64_t i = 0; i < o.h.kernel; ++i) {
          for (int64_t j = 0; j < o.w.kernel; ++j) {
            const int64_t h = oh * o.h.stride - o.h.padding + i * o.h.dilation;
            const int64_t w = ow * o.w.stride - o.w.padding + j * o.w.dilation;
            if (!inside(h, p.in_h) || !inside(w, p.in_w)) continue;
            const float v = input[(c * p.in_h + h) * p.in_w + w];
            if (seen_nan) continue;
            if (std::isnan(v)) seen_nan = true;
            if (best_index == -1 || std::isnan(v) || v > best) {
              best = v;
              best_index = static_cast<int32_t>(h * p.in_w + w);
            }
          }
        }
        r.output.push_back(best);
        r.indices.push_back(best_index);
      }
    }
  }
  return r;
}

std::vector<float> max_backward(const poolgrad::Plan& p, const std::vector<float>& grad_output,
                                const std::vector<int32_t>& indices) {
  std::vector<float> gi(p.planes * p.in_h * p.in_w, 0.0f);
  const int64_t out_plane = int64_t{p.out_h} * p.out_w;
  for (size_t k = 0; k < grad_output.size(); ++k) {
    if (indices[k] < 0) continue;
    const int64_t c = static_cast<int64_t>(k) / out_plane;
    gi[c * p.in_h * p.in_w + indices[k]] += grad_output[k];
  }
  return gi;
}

std::vector<float> avg_forward(const poolgrad::Plan& p, const std::vector<float>& input) {
  std::vector<float> out;
  const auto& o = p.opt;
  for (int64_t c = 0; c < p.planes; ++c) {
    for (int64_t oh = 0; oh < p.out_h; ++oh) {
      for (int64_t ow = 0; ow < p.out_w; ++ow) {
        double sum = 0;
        for (int64_t i = 0; i < o.h.kernel; ++i) {
          for (int64_t j = 0; j < o.w.kernel; ++j) {
            const int64_t h = oh * o.h.stride - o.h.padding + i * o.h.dilation;
            const int64_t w = ow * o.w.stride - o.w.padding + j * o.w.dilation;
            if (inside(h, p.in_h) && inside(w, p.in_w)) sum += input[(c * p.in_h + h) * p.in_w + w];
          }
        }
        out.push_back(static_cast<float>(sum / avg_divisor(p, oh, ow)));
      }
    }
  }
  return out;
}

std::vector<float> avg_backward(const poolgrad::Plan& p, const std::vector<float>& grad_output) {
  std::vector<double> gi(p.planes * p.in_h * p.in_w, 0.0);
  const auto& o = p.opt;
  size_t k = 0;
  for (int64_t c = 0; c < p.planes; ++c) {
    for (int64_t oh = 0; oh < p.out_h; ++oh) {
      for (int64_t ow = 0; ow < p.out_w; ++ow, ++k) {
        const double share = grad_output[k] / avg_divisor(p, oh, ow);
        for (int64_t i = 0; i < o.h.kernel; ++i) {
          for (int64_t j = 0; j < o.w.kernel; ++j) {
            const int64_t h = oh * o.h.stride - o.h.padding + i * o.h.dilation;
            const int64_t w = ow * o.w.stride - o.w.padding + j * o.w.dilation;
            if (inside(h, p.in_h) && inside(w, p.in_w)) gi[(c * p.in_h + h) * p.in_w + w] += share;
          }
        }
      }
    }
  }
  return std::vector<float>(gi.begin(), gi.end());
}

}  // namespace ref
