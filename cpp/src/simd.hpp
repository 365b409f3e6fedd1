// Four-lane vectors written with the GCC/Clang vector extension, so the one
// source compiles to wasm SIMD (emcc -msimd128), to SSE in the native test
// build (where the same code is checked against the naive reference), and to
// plain scalar code in the wasm build without -msimd128.
#pragma once
#include <cstdint>
#include <cstring>

// Before a loop over the few elements a vector loop left over: clang would
// vectorize it again, with checks and an epilogue of its own, kilobytes of
// wasm for at most 3 (or 31) elements.
#if defined(__clang__)
#define POOLGRAD_SCALAR_LOOP _Pragma("clang loop vectorize(disable) unroll(disable)")
#else
#define POOLGRAD_SCALAR_LOOP
#endif

// On code that runs rarely (window-by-window positions, set-up): size over
// speed.
#if defined(__clang__)
#define POOLGRAD_SMALL __attribute__((minsize))
#else
#define POOLGRAD_SMALL __attribute__((cold))
#endif

namespace poolgrad::simd {

typedef float f32x4 __attribute__((vector_size(16)));
typedef int32_t i32x4 __attribute__((vector_size(16)));
typedef int8_t i8x16 __attribute__((vector_size(16)));

inline f32x4 load(const float* p) {
  f32x4 v;
  std::memcpy(&v, p, sizeof v);  // unaligned, a single v128.load in wasm
  return v;
}
inline i32x4 load(const int32_t* p) {
  i32x4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(float* p, f32x4 v) { std::memcpy(p, &v, sizeof v); }
inline void store(int32_t* p, i32x4 v) { std::memcpy(p, &v, sizeof v); }

// Copies n floats. Clang would turn a plain copy loop into a call to memcpy,
// which in wasm is a library function costing far more than the 7 vector
// moves of a 28-float row; no_builtin keeps the loop a loop.
#if defined(__clang__)
__attribute__((no_builtin("memcpy")))
#endif
inline void copy_row(float* dst, const float* src, int32_t n) {
  int32_t i = 0;
  for (; i + 4 <= n; i += 4) store(dst + i, load(src + i));
  for (; i < n; ++i) dst[i] = src[i];
}

inline f32x4 splat(float x) { return f32x4{x, x, x, x}; }
inline i32x4 splat(int32_t x) { return i32x4{x, x, x, x}; }

// Lanes p[0], p[2], p[4], p[6] from two loads that stay inside p[0..6]: never
// reads past the last element a stride-2 window group needs.
inline f32x4 load_stride2(const float* p) {
  return __builtin_shufflevector(load(p), load(p + 3), 0, 2, 5, 7);
}
inline f32x4 load_strided(const float* p, int32_t s) {
  return f32x4{p[0], p[s], p[2 * s], p[3 * s]};
}

// Lanes p[0], p[s], p[2s], p[3s]; S is s when known at compile time, else 0.
template <int S>
inline f32x4 load_lanes(const float* p, [[maybe_unused]] int32_t s) {
  if constexpr (S == 1) return load(p);
  else if constexpr (S == 2) return load_stride2(p);
  else return load_strided(p, s);
}

// Per-lane `mask ? a : b` for all-ones/all-zeros masks (v128.bitselect).
inline i32x4 select(i32x4 mask, i32x4 a, i32x4 b) { return (a & mask) | (b & ~mask); }
inline f32x4 select(i32x4 mask, f32x4 a, f32x4 b) {
  return (f32x4)select(mask, (i32x4)a, (i32x4)b);
}

// `a < b ? b : a`: keeps `a` on ties and whenever a NaN is involved. wasm's
// f32x4.pmax, a single maxps in V8 (f32x4.max needs several instructions to
// propagate NaN).
inline f32x4 pmax(f32x4 a, f32x4 b) {
#if defined(__wasm_simd128__)
  return __builtin_wasm_pmax_f32x4(a, b);
#else
  return select(a < b, b, a);
#endif
}

inline i32x4 max_s(i32x4 a, i32x4 b) {
#if defined(__wasm_simd128__)
  return __builtin_wasm_max_s_i32x4(a, b);
#else
  return select(a > b, a, b);
#endif
}

// True when any lane is NaN.
inline bool any_nan(f32x4 v) {
  const i32x4 m = v != v;
#if defined(__wasm_simd128__)
  return __builtin_wasm_any_true_v128((i8x16)m);
#else
  return (m[0] | m[1] | m[2] | m[3]) != 0;
#endif
}

// Hides that `mask` came from a comparison. LLVM rewrites `mask & x` into
// select(mask, x, 0), which becomes a three-instruction v128.bitselect in V8;
// behind this barrier it stays one v128.and.
inline i32x4 opaque(i32x4 mask) {
#if defined(__wasm_simd128__)
  __asm__("" : "+r"(mask));
#endif
  return mask;
}

// The max-pooling update rule as a lane mask: a later tap `v` replaces the
// current `best` iff best is not NaN and !(v <= best), i.e. v is greater or v
// is the first NaN. Ties keep the earlier tap (row-major first maximum).
inline i32x4 replaces(f32x4 v, f32x4 best) { return (best == best) & ~(v <= best); }

}  // namespace poolgrad::simd
