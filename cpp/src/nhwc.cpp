// Channels-last kernels (the layout XNNPACK pools in). Every inner loop runs
// over the C channels of one position, which are contiguous. The forward
// passes take an output row at a time over lists of tap offsets (any kernel,
// stride, dilation or padding): the columns whose windows lie inside the
// input along W as one run, each border column as a run of its own over its
// clipped taps. Max rows with a NaN, windows wholly in the padding and
// kernels of more than kMaxTaps taps go window by window (Position).
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <limits>
#include <type_traits>

#include "pool_simd.hpp"
#include "simd.hpp"
#include "window.hpp"

namespace poolgrad::detail {
namespace {

struct Sizes {
  int64_t channels, batches, in_plane, out_plane;
  explicit Sizes(const Plan& p)
      : channels(p.channels),
        batches(p.planes / p.channels),
        in_plane(int64_t{p.in_h} * p.in_w),
        out_plane(int64_t{p.out_h} * p.out_w) {}
};

using simd::f32x4;
using simd::i32x4;

constexpr float kMinusInf = -std::numeric_limits<float>::infinity();

// One output position's window over channels [c, c + 4·V): V vectors of 4
// channels each. `taps(fn)` calls fn(offset, position) for every tap inside
// the input in row-major order. A later tap replaces the best where it is
// greater or the first NaN (simd::replaces), the first tap always.
template <int V, typename Taps>
void max_indices_block(const float* in, const Taps& taps, float* out, int32_t* idx) {
  f32x4 best[V];
  i32x4 at[V];
  for (int v = 0; v < V; ++v) {
    best[v] = simd::splat(kMinusInf);
    at[v] = simd::splat(int32_t{-1});
  }
  taps([&](int64_t offset, int32_t position) {
    const i32x4 here = simd::splat(position);
    for (int v = 0; v < V; ++v) {
      const f32x4 x = simd::load(in + offset + 4 * v);
      const i32x4 take = simd::replaces(x, best[v]) | (at[v] < 0);
      best[v] = simd::select(take, x, best[v]);
      at[v] = simd::select(take, here, at[v]);
    }
  });
  for (int v = 0; v < V; ++v) {
    simd::store(out + 4 * v, best[v]);
    simd::store(idx + 4 * v, at[v]);
  }
}

// Counters behind nhwc_fast_rows() / nhwc_exact_rows().
uint64_t fast_rows = 0;
uint64_t exact_rows = 0;

// One output position, any window (clipped or not), by the exact rules: the
// max rows that hold a NaN, windows wholly in the padding, and kernels of
// more than kMaxTaps taps.
struct Position {
  const Plan& p;
  const float* batch;  // the batch's input, [H, W, C]
  int64_t c_count;

  // With `idx` null the indices are dropped (returnIndices: false): the
  // value is the same, a window with a NaN gives its first NaN as PyTorch's
  // does. Not inlined: a copy in each kernel would cost kilobytes of wasm.
  POOLGRAD_SMALL __attribute__((noinline)) void max(int32_t oh, int32_t ow, float* out, int32_t* idx) const {
    const AxisOptions& ah = p.opt.h;
    const AxisOptions& aw = p.opt.w;
    const auto wh = axis_window(oh, p.in_h, ah);
    const auto ww = axis_window(ow, p.in_w, aw);
    const auto taps = [&](auto&& fn) {
      for (int32_t th = wh.first; th < wh.last; ++th) {
        const int32_t h = wh.start + th * ah.dilation;
        for (int32_t tw = ww.first; tw < ww.last; ++tw) {
          const int32_t w = ww.start + tw * aw.dilation;
          fn((int64_t{h} * p.in_w + w) * c_count, h * p.in_w + w);
        }
      }
    };
    int32_t dropped[8];
    int64_t c = 0;
    for (; c + 8 <= c_count; c += 8) max_indices_block<2>(batch + c, taps, out + c, idx ? idx + c : dropped);
    // The channels left over (C mod 8), one by one with the same rule.
    POOLGRAD_SCALAR_LOOP
    for (; c < c_count; ++c) {
      float best = kMinusInf;
      int32_t best_at = -1;
      taps([&](int64_t offset, int32_t position) {
        const float v = batch[offset + c];
        if (best_at < 0 || v > best || (v != v && best == best)) {
          best = v;
          best_at = position;
        }
      });
      out[c] = best;
      if (idx) idx[c] = best_at;
    }
  }

  // Summed in row-major tap order from 0 (so -0 sums to +0, as in PyTorch),
  // as the NCHW kernels and the row kernels do: every path gives the same
  // bits. Small rather than fast, as it seldom runs.
  POOLGRAD_SMALL __attribute__((noinline)) void avg(int32_t oh, int32_t ow, float* out) const {
    const AxisOptions& ah = p.opt.h;
    const AxisOptions& aw = p.opt.w;
    const auto wh = axis_window(oh, p.in_h, ah);
    const auto ww = axis_window(ow, p.in_w, aw);
    const auto sum = [&](std::ptrdiff_t c, auto zero) {
      auto s = zero;
      for (int32_t th = wh.first; th < wh.last; ++th) {
        const int32_t h = wh.start + th * ah.dilation;
        for (int32_t tw = ww.first; tw < ww.last; ++tw) {
          const float* x = batch + (int64_t{h} * p.in_w + ww.start + tw * aw.dilation) * c_count + c;
          if constexpr (std::is_same_v<decltype(zero), float>) s += *x;
          else s += simd::load(x);
        }
      }
      return s;
    };
    const float divisor = avg_divisor(p, oh, ow);
    std::ptrdiff_t c = 0;
    for (; c + 4 <= c_count; c += 4) simd::store(out + c, sum(c, simd::splat(0.0f)) / simd::splat(divisor));
    POOLGRAD_SCALAR_LOOP
    for (; c < c_count; ++c) out[c] = sum(c, 0.0f) / divisor;
  }
};

// A window's taps as offsets (in floats) from its first tap, row-major.
// Larger kernels are left to Position.
constexpr int kMaxTaps = 64;
struct Taps {
  int32_t count = 0;
  std::ptrdiff_t at[kMaxTaps];
};

POOLGRAD_SMALL bool window_taps(const Plan& p, int64_t c_count, Taps* t) {
  const AxisOptions& ah = p.opt.h;
  const AxisOptions& aw = p.opt.w;
  if (int64_t{ah.kernel} * aw.kernel > kMaxTaps) return false;
  for (int32_t i = 0; i < ah.kernel; ++i)
    POOLGRAD_SCALAR_LOOP
    for (int32_t j = 0; j < aw.kernel; ++j)
      t->at[t->count++] = static_cast<std::ptrdiff_t>(
          (int64_t{i} * ah.dilation * p.in_w + int64_t{j} * aw.dilation) * c_count);
  return true;
}

// The run of output columns whose windows lie wholly inside the input along
// W, and the window's taps (row-major, full kernel).
struct RowPlan {
  Interior cols;
  Taps taps;
  bool any = false;
  POOLGRAD_SMALL __attribute__((noinline)) RowPlan(const Plan& p, int64_t c_count) : cols(interior_columns(p)) {
    any = window_taps(p, c_count, &taps);
  }
};

// Output row oh's window rows inside the input.
struct RowWindow {
  AxisWindow wh;
  int32_t first_row, last_row;  // the input rows read, inclusive
  bool empty;
  RowWindow(const Plan& p, int32_t oh) : wh(axis_window(oh, p.in_h, p.opt.h)) {
    empty = wh.first == wh.last;
    first_row = wh.start + wh.first * p.opt.h.dilation;
    last_row = wh.start + (wh.last - 1) * p.opt.h.dilation;
  }
};

// The taps of a window clipped to rows `wh` and columns `ww`, as offsets from
// its first tap (so the first is 0 and none points before the input), made
// once per run of columns. The kernels read each offset once per step of 8
// (or 4) vectors.
struct LocalTaps {
  std::ptrdiff_t at[kMaxTaps];
  int32_t position[kMaxTaps];  // max pooling's index of each tap (h·W + w) in the first window
  int32_t count = 0;
  int32_t per_row;           // taps in each window row
  int32_t checked_from = 1;  // max pooling: the first tap whose NaN must be looked for
  POOLGRAD_SMALL __attribute__((noinline)) LocalTaps(const Plan& p, const Taps& taps, const AxisWindow& wh,
                                                     const AxisWindow& ww) {
    const int32_t kw = p.opt.w.kernel;
    per_row = ww.last - ww.first;
    const std::ptrdiff_t origin = taps.at[wh.first * kw + ww.first];
    for (int32_t i = wh.first; i < wh.last; ++i) {
      POOLGRAD_SCALAR_LOOP
      for (int32_t j = ww.first; j < ww.last; ++j) {
        position[count] = (wh.start + i * p.opt.h.dilation) * p.in_w + ww.start + j * p.opt.w.dilation;
        at[count++] = taps.at[i * kw + j] - origin;
      }
    }
  }
};

// Walks output row r's columns: span(ow, columns, first, taps) for the run
// of interior columns (one call) and for each border column whose window
// holds an input column (one call each, its window clipped), where `first`
// is the first tap of the first window and `taps` its taps; outside(ow) for
// the columns whose window lies wholly in the padding.
template <class Span, class Outside>
void row_spans(const Plan& p, const RowPlan& rp, const RowWindow& r, const float* batch, std::ptrdiff_t c_count,
               Span&& span, Outside&& outside) {
  for (int32_t ow = 0; ow < p.out_w; ++ow) {
    const auto ww = axis_window(ow, p.in_w, p.opt.w);
    if (ww.first == ww.last) {
      outside(ow);
      continue;
    }
    const int32_t columns = ow == rp.cols.lo && rp.cols.lo < rp.cols.hi ? rp.cols.hi - rp.cols.lo : 1;
    LocalTaps taps(p, rp.taps, r.wh, ww);
    span(ow, columns, batch + (int64_t{r.first_row} * p.in_w + ww.start + ww.first * p.opt.w.dilation) * c_count, taps);
    ow += columns - 1;
  }
}

// Max over a window's taps, V vectors of channels from `x`: V independent
// pmax chains (8 hide pmax's latency), each keeping the earlier tap on ties.
// With INDICES a later tap wins where it is greater, so the index is the
// largest position of a tap that won, max_s(at, won & position), as taps
// come in increasing position order. pmax ignores a NaN in a later tap, so
// the taps from `taps.checked_from` on are also added to `sum` (NaN in, NaN
// out) and the caller computes the row again by the exact rule if the sum is
// NaN. A NaN in the first tap needs no check: the chain keeps it, and the
// first NaN is the exact rule's answer. Adding as the taps come costs less
// than a separate scan for NaN, even where windows overlap.
template <int V, bool INDICES>
inline void max_taps(const float* x, const LocalTaps& taps, int32_t shift, float* out, int32_t* idx, f32x4& sum) {
  f32x4 best[V];
  i32x4 at[V];
  for (int v = 0; v < V; ++v) {
    best[v] = simd::load(x + taps.at[0] + 4 * v);
    if constexpr (INDICES) at[v] = simd::splat(taps.position[0] + shift);
  }
  const auto tap = [&](int32_t t, bool checked) {
    const float* q = x + taps.at[t];
    f32x4 in[V];
    for (int v = 0; v < V; ++v) in[v] = simd::load(q + 4 * v);
    if (checked) {
      f32x4 added = in[0];
      for (int v = 1; v < V; ++v) added += in[v];
      sum += added;
    }
    if constexpr (INDICES) {
      const i32x4 here = simd::splat(taps.position[t] + shift);
      for (int v = 0; v < V; ++v) at[v] = simd::max_s(at[v], simd::opaque(in[v] > best[v]) & here);
    }
    for (int v = 0; v < V; ++v) best[v] = simd::pmax(best[v], in[v]);
  };
  int32_t t = 1;
  for (; t < taps.checked_from; ++t) tap(t, false);
  for (; t < taps.count; ++t) tap(t, true);
  for (int v = 0; v < V; ++v) {
    simd::store(out + 4 * v, best[v]);
    if constexpr (INDICES) simd::store(idx + 4 * v, at[v]);
  }
}

// `columns` output positions from `first`, the first tap of the first one's
// window, `stride` columns apart. Returns whether a tap held NaN (or both
// infinities, which merely costs the exact computation). With indices 4
// vectors per step (the index chains need the registers), without 8.
template <bool INDICES>
__attribute__((noinline)) bool max_row(const float* first, int32_t stride, const LocalTaps& taps, int32_t columns,
                                       std::ptrdiff_t c_count, float* out, int32_t* idx) {
  constexpr int V = INDICES ? 4 : 8;
  f32x4 sum = simd::splat(0.0f);
  float tail = 0.0f;
  // Without indices `idx` is null, and no offset may be added to it.
  const auto index_at = [&](std::ptrdiff_t k) { return INDICES ? idx + k : nullptr; };
  for (int32_t i = 0; i < columns; ++i, first += stride * c_count, out += c_count) {
    const int32_t shift = i * stride;
    const std::ptrdiff_t o = std::ptrdiff_t{i} * c_count;
    std::ptrdiff_t c = 0;
    for (; c + 4 * V <= c_count; c += 4 * V) max_taps<V, INDICES>(first + c, taps, shift, out + c, index_at(o + c), sum);
    for (; c + 4 <= c_count; c += 4) max_taps<1, INDICES>(first + c, taps, shift, out + c, index_at(o + c), sum);
    POOLGRAD_SCALAR_LOOP
    for (; c < c_count; ++c) {
      float best = first[c + taps.at[0]];
      int32_t best_at = taps.position[0];
      for (int32_t t = 1; t < taps.count; ++t) {
        const float v = first[c + taps.at[t]];
        if (t >= taps.checked_from) tail += v;
        if (v > best) {  // pmax's rule
          best = v;
          best_at = taps.position[t];
        }
      }
      out[c] = best;
      if constexpr (INDICES) idx[o + c] = best_at + shift;
    }
  }
  return simd::any_nan(sum) || tail != tail;
}

// Each input row is looked at for NaN by the first output row that reads
// it, in the taps after each window's first (an element that is only ever a
// first tap is only ever read by that window, whose chain keeps its NaN).
// Later output rows trust rows already looked at, or go window by window
// when one of them held a NaN. With dilation along H a window's rows are not
// contiguous, and every row looks at all its taps.
// With `indices.data` null no index is computed (returnIndices: false).
void max_nhwc(const Plan& p, const RowPlan& rp, ConstFloats input, Floats output, Indices indices) {
  const Sizes z(p);
  const auto c_count = static_cast<std::ptrdiff_t>(z.channels);
  const int32_t stride = p.opt.w.stride;
  const bool contiguous = p.opt.h.dilation == 1;
  for (int64_t n = 0; n < z.batches; ++n) {
    const float* batch = input.data + n * z.in_plane * c_count;
    const Position at{p, batch, c_count};
    int32_t looked_at_until = -1;  // input rows [0, looked_at_until] were looked at
    int32_t nan_until = -1;        // and a NaN may lie at or before this one
    for (int32_t oh = 0; oh < p.out_h; ++oh) {
      const int64_t row_at = (n * z.out_plane + int64_t{oh} * p.out_w) * c_count;
      float* row_out = output.data + row_at;
      int32_t* row_idx = indices.data ? indices.data + row_at : nullptr;
      const auto exact = [&](int32_t ow) {
        at.max(oh, ow, row_out + int64_t{ow} * c_count, row_idx ? row_idx + int64_t{ow} * c_count : nullptr);
      };
      const RowWindow r(p, oh);
      bool by_window = !rp.any || r.empty || (contiguous && r.first_row <= nan_until);
      if (!by_window) {
        const int32_t seen_rows = contiguous ? std::max(0, looked_at_until + 1 - r.first_row) : 0;
        bool nan = false;
        row_spans(
            p, rp, r, batch, c_count,
            [&](int32_t ow, int32_t columns, const float* first, LocalTaps& taps) {
              taps.checked_from = std::max(1, seen_rows * taps.per_row);
              const int64_t o = int64_t{ow} * c_count;
              nan |= row_idx ? max_row<true>(first, stride, taps, columns, c_count, row_out + o, row_idx + o)
                             : max_row<false>(first, stride, taps, columns, c_count, row_out + o, nullptr);
            },
            exact);
        ++fast_rows;
        if (contiguous) looked_at_until = std::max(looked_at_until, r.last_row);
        if (nan) {
          by_window = true;
          nan_until = r.last_row;
          ++exact_rows;
        }
      } else if (rp.any && !r.empty) {
        ++exact_rows;
      }
      if (by_window)
        for (int32_t ow = 0; ow < p.out_w; ++ow) exact(ow);
    }
  }
}

// Sums a window's taps in row-major order from 0 (as PyTorch does, so -0
// sums to +0), V vectors of channels, then divides: the same operations in
// the same order as Position::avg, hence the same bits.
template <int V>
inline void avg_taps(const float* x, const LocalTaps& taps, f32x4 divisor, float* out) {
  f32x4 sum[V];
  for (int v = 0; v < V; ++v) sum[v] = simd::splat(0.0f);
  for (int32_t t = 0; t < taps.count; ++t) {
    const float* q = x + taps.at[t];
    for (int v = 0; v < V; ++v) sum[v] += simd::load(q + 4 * v);
  }
  for (int v = 0; v < V; ++v) simd::store(out + 4 * v, sum[v] / divisor);
}

__attribute__((noinline)) void avg_row(const float* first, std::ptrdiff_t step, const LocalTaps& taps, int32_t columns,
             std::ptrdiff_t c_count, float divisor, float* out) {
  const f32x4 d = simd::splat(divisor);
  for (int32_t i = 0; i < columns; ++i, first += step, out += c_count) {
    std::ptrdiff_t c = 0;
    // 8 vectors: 8 independent addition chains hide the adds' latency.
    for (; c + 32 <= c_count; c += 32) avg_taps<8>(first + c, taps, d, out + c);
    for (; c + 4 <= c_count; c += 4) avg_taps<1>(first + c, taps, d, out + c);
    POOLGRAD_SCALAR_LOOP
    for (; c < c_count; ++c) {
      float sum = 0.0f;
      for (int32_t t = 0; t < taps.count; ++t) sum += first[c + taps.at[t]];
      out[c] = sum / divisor;
    }
  }
}

void avg_nhwc(const Plan& p, const RowPlan& rp, ConstFloats input, Floats output) {
  const Sizes z(p);
  const auto c_count = static_cast<std::ptrdiff_t>(z.channels);
  const std::ptrdiff_t step = p.opt.w.stride * c_count;
  for (int64_t n = 0; n < z.batches; ++n) {
    const float* batch = input.data + n * z.in_plane * c_count;
    const Position at{p, batch, c_count};
    for (int32_t oh = 0; oh < p.out_h; ++oh) {
      float* row_out = output.data + (n * z.out_plane + int64_t{oh} * p.out_w) * c_count;
      const RowWindow r(p, oh);
      const auto by_window = [&](int32_t ow) { at.avg(oh, ow, row_out + int64_t{ow} * c_count); };
      if (!rp.any || r.empty) {
        for (int32_t ow = 0; ow < p.out_w; ++ow) by_window(ow);
        continue;
      }
      ++fast_rows;
      row_spans(
          p, rp, r, batch, c_count,
          [&](int32_t ow, int32_t columns, const float* first, const LocalTaps& taps) {
            // A run's windows all hold the same taps: one divisor.
            avg_row(first, step, taps, columns, c_count, avg_divisor(p, oh, ow), row_out + int64_t{ow} * c_count);
          },
          by_window);
    }
  }
}

}  // namespace

uint64_t nhwc_fast_rows() { return fast_rows; }
uint64_t nhwc_exact_rows() { return exact_rows; }

// With `indices.data` null no index is tracked (returnIndices: false).
void max_forward_nhwc(const Plan& p, ConstFloats input, Floats output, Indices indices) {
  max_nhwc(p, RowPlan(p, Sizes(p).channels), input, output, indices);
}

void avg_forward_nhwc(const Plan& p, ConstFloats input, Floats output) {
  avg_nhwc(p, RowPlan(p, Sizes(p).channels), input, output);
}

void avg_backward_nhwc(const Plan& p, ConstFloats grad_output, Floats grad_input) {
  const Sizes z(p);
  const int64_t c_count = z.channels;
  const AxisOptions& ah = p.opt.h;
  const AxisOptions& aw = p.opt.w;
  std::memset(grad_input.data, 0, sizeof(float) * z.batches * z.in_plane * c_count);
  for (int64_t n = 0; n < z.batches; ++n) {
    for (int32_t oh = 0; oh < p.out_h; ++oh) {
      const auto wh = axis_window(oh, p.in_h, ah);
      for (int32_t ow = 0; ow < p.out_w; ++ow) {
        const auto ww = axis_window(ow, p.in_w, aw);
        const float* go = grad_output.data + (n * z.out_plane + int64_t{oh} * p.out_w + ow) * c_count;
        const float divisor = avg_divisor(p, oh, ow);
        // The window's shares of V vectors of channels, added to each tap's
        // cell: every cell gets its shares in output order, as the scalar
        // scatter adds them.
        const auto spread = [&](int64_t c, auto width) {
          constexpr int V = decltype(width)::value;
          f32x4 share[V];
          for (int v = 0; v < V; ++v) share[v] = simd::load(go + c + 4 * v) / simd::splat(divisor);
          for (int32_t th = wh.first; th < wh.last; ++th) {
            const int32_t h = wh.start + th * ah.dilation;
            for (int32_t tw = ww.first; tw < ww.last; ++tw) {
              float* gi = grad_input.data + (n * z.in_plane + int64_t{h} * p.in_w + ww.start + tw * aw.dilation) * c_count + c;
              for (int v = 0; v < V; ++v) simd::store(gi + 4 * v, simd::load(gi + 4 * v) + share[v]);
            }
          }
        };
        int64_t c = 0;
        for (; c + 16 <= c_count; c += 16) spread(c, std::integral_constant<int, 4>{});
        for (; c + 4 <= c_count; c += 4) spread(c, std::integral_constant<int, 1>{});
        POOLGRAD_SCALAR_LOOP
        for (; c < c_count; ++c) {
          const float share = go[c] / divisor;
          for (int32_t th = wh.first; th < wh.last; ++th)
            for (int32_t tw = ww.first; tw < ww.last; ++tw)
              grad_input.data[(n * z.in_plane + int64_t{wh.start + th * ah.dilation} * p.in_w + ww.start + tw * aw.dilation) * c_count + c] += share;
        }
      }
    }
  }
}

void max_backward_nhwc(const Plan& p, ConstFloats grad_output, ConstIndices indices,
                       Floats grad_input) {
  const Sizes z(p);
  const int64_t c_count = z.channels;
  std::memset(grad_input.data, 0, sizeof(float) * z.batches * z.in_plane * c_count);
  for (int64_t n = 0; n < z.batches; ++n) {
    float* gi = grad_input.data + n * z.in_plane * c_count;
    for (int64_t o = 0; o < z.out_plane; ++o) {
      const int64_t at = (n * z.out_plane + o) * c_count;
      for (int64_t c = 0; c < c_count; ++c) {
        const int32_t k = indices.data[at + c];
        if (k >= 0) gi[k * c_count + c] += grad_output.data[at + c];
      }
    }
  }
}

}  // namespace poolgrad::detail
