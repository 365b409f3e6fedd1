#include "poolgrad/maxpool.hpp"

#include <cstring>
#include <limits>

#include "window.hpp"

namespace poolgrad {

using detail::axis_window;

void max_pool2d_forward(const Plan& p, ConstFloats input, Floats output,
                        Indices indices) {
  const int64_t in_plane = int64_t{p.in_h} * p.in_w;
  const int64_t out_plane = int64_t{p.out_h} * p.out_w;
  const AxisOptions& ah = p.opt.h;
  const AxisOptions& aw = p.opt.w;
  for (int64_t plane = 0; plane < p.planes; ++plane) {
    const float* in = input.data + plane * in_plane;
    float* out = output.data + plane * out_plane;
    int32_t* idx = indices.data + plane * out_plane;
    for (int32_t oh = 0; oh < p.out_h; ++oh) {
      const auto wh = axis_window(oh, p.in_h, ah);
      for (int32_t ow = 0; ow < p.out_w; ++ow) {
        const auto ww = axis_window(ow, p.in_w, aw);
        float best = -std::numeric_limits<float>::infinity();
        int32_t best_index = -1;
        for (int32_t th = wh.first; th < wh.last; ++th) {
          const int32_t h = wh.start + th * ah.dilation;
          const float* row = in + int64_t{h} * p.in_w;
          for (int32_t tw = ww.first; tw < ww.last; ++tw) {
            const int32_t w = ww.start + tw * aw.dilation;
            const float v = row[w];
            // The first element always wins; later ones only if strictly
            // greater, or if they are the first NaN (NaN beats every number).
            if (best_index < 0 || v > best || (v != v && best == best)) {
              best = v;
              best_index = h * p.in_w + w;
            }
          }
        }
        out[int64_t{oh} * p.out_w + ow] = best;
        idx[int64_t{oh} * p.out_w + ow] = best_index;
      }
    }
  }
}

Status max_pool2d_backward(const Plan& p, ConstFloats grad_output,
                           ConstIndices indices, Floats grad_input) {
  const int64_t in_plane = int64_t{p.in_h} * p.in_w;
  const int64_t out_plane = int64_t{p.out_h} * p.out_w;
  const int64_t out_total = p.planes * out_plane;
  for (int64_t i = 0; i < out_total; ++i) {
    if (indices.data[i] < -1 || indices.data[i] >= in_plane) return Status::bad_indices;
  }
  std::memset(grad_input.data, 0, sizeof(float) * p.planes * in_plane);
  for (int64_t plane = 0; plane < p.planes; ++plane) {
    const float* go = grad_output.data + plane * out_plane;
    const int32_t* idx = indices.data + plane * out_plane;
    float* gi = grad_input.data + plane * in_plane;
    for (int64_t i = 0; i < out_plane; ++i) {
      if (idx[i] >= 0) gi[idx[i]] += go[i];
    }
  }
  return Status::ok;
}

}  // namespace poolgrad
