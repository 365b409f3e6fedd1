#include "poolgrad/flat_api.hpp"

#include <cstdint>
#include <cstdlib>

#include "poolgrad/avgpool.hpp"
#include "poolgrad/maxpool.hpp"
#include "scratch.hpp"

namespace poolgrad::flat {
namespace {

constexpr Address kAlignment = 4;  // float32/int32 views need at least this

bool bad_address(Address a) { return a == 0 || a % kAlignment != 0; }

int32_t clamp32(int64_t v) {
  return static_cast<int32_t>(v < INT32_MIN ? INT32_MIN : v > INT32_MAX ? INT32_MAX : v);
}

Status read_plan(Address params, Plan* plan) {
  if (bad_address(params)) return Status::bad_pointer;
  int32_t* p = reinterpret_cast<int32_t*>(params);
  if (p[kKind] != 0 && p[kKind] != 1) return Status::bad_pointer;
  PoolOptions o;
  o.h = {p[kKernelH], p[kStrideH], p[kPadTop], p[kDilationH], p[kPadBottom]};
  o.w = {p[kKernelW], p[kStrideW], p[kPadLeft], p[kDilationW], p[kPadRight]};
  o.pad_rule = static_cast<PadRule>(p[kPadRule]);
  o.ceil_mode = p[kCeilMode] != 0;
  o.count_include_pad = p[kCountIncludePad] != 0;
  o.has_divisor_override = p[kHasDivisor] != 0;
  o.divisor_override = p[kDivisor];
  o.layout = static_cast<Layout>(p[kLayout]);
  o.indices = p[kIndices] != 0;
  Refusal why;
  const Status s = make_plan(static_cast<PoolKind>(p[kKind]), p[kPlanes], p[kInH],
                             p[kInW], o, plan, &why, p[kChannels]);
  p[kErrorAxis] = why.axis;
  p[kErrorValue] = clamp32(why.value);
  if (s != Status::ok) return s;
  p[kOutH] = plan->out_h;
  p[kOutW] = plan->out_w;
  if ((p[kExpectOutH] != 0 && p[kExpectOutH] != plan->out_h) ||
      (p[kExpectOutW] != 0 && p[kExpectOutW] != plan->out_w))
    return Status::size_mismatch;
  return s;
}

int64_t in_size(const Plan& p) { return p.planes * p.in_h * p.in_w; }
int64_t out_size(const Plan& p) { return p.planes * p.out_h * p.out_w; }

template <typename T>
View<T> view(Address a, int64_t n) { return {reinterpret_cast<T*>(a), n}; }

int32_t code(Status s) { return static_cast<int32_t>(s); }

}  // namespace

int32_t plan(Address params) {
  Plan p;
  return code(read_plan(params, &p));
}

int32_t max_forward(Address params, Address input, Address output, Address indices) {
  Plan p;
  if (Status s = read_plan(params, &p); s != Status::ok) return code(s);
  if (p.kind != PoolKind::max) return code(Status::bad_pointer);
  // Without indices (returnIndices: false) no index buffer is passed.
  if (bad_address(input) || bad_address(output) || (p.opt.indices && bad_address(indices)))
    return code(Status::bad_pointer);
  max_pool2d_forward(p, view<const float>(input, in_size(p)),
                     view<float>(output, out_size(p)),
                     view<int32_t>(p.opt.indices ? indices : 0, p.opt.indices ? out_size(p) : 0));
  return code(Status::ok);
}

int32_t max_backward(Address params, Address grad_output, Address indices,
                     Address grad_input) {
  if (bad_address(params)) return code(Status::bad_pointer);
  const int32_t* q = reinterpret_cast<const int32_t*>(params);
  Plan p;
  if (Status s = make_scatter_plan(q[kPlanes], q[kInH], q[kInW], q[kOutH], q[kOutW], &p,
                                   static_cast<Layout>(q[kLayout]), q[kChannels]);
      s != Status::ok)
    return code(s);
  if (bad_address(grad_output) || bad_address(indices) || bad_address(grad_input))
    return code(Status::bad_pointer);
  return code(max_pool2d_backward(p, view<const float>(grad_output, out_size(p)),
                                  view<const int32_t>(indices, out_size(p)),
                                  view<float>(grad_input, in_size(p))));
}

int32_t avg_forward(Address params, Address input, Address output) {
  Plan p;
  if (Status s = read_plan(params, &p); s != Status::ok) return code(s);
  if (p.kind != PoolKind::avg) return code(Status::bad_pointer);
  if (bad_address(input) || bad_address(output)) return code(Status::bad_pointer);
  avg_pool2d_forward(p, view<const float>(input, in_size(p)), view<float>(output, out_size(p)));
  return code(Status::ok);
}

int32_t avg_backward(Address params, Address grad_output, Address grad_input) {
  Plan p;
  if (Status s = read_plan(params, &p); s != Status::ok) return code(s);
  if (p.kind != PoolKind::avg) return code(Status::bad_pointer);
  if (bad_address(grad_output) || bad_address(grad_input)) return code(Status::bad_pointer);
  avg_pool2d_backward(p, view<const float>(grad_output, out_size(p)),
                      view<float>(grad_input, in_size(p)));
  return code(Status::ok);
}

Address allocate(uint32_t bytes) { return reinterpret_cast<Address>(detail::allocate_aligned(bytes)); }

void release(Address block) { std::free(reinterpret_cast<void*>(block)); }

uint32_t bytes_in_use() {
  return static_cast<uint32_t>(detail::malloc_bytes_in_use() - detail::Scratch::kept_footprint());
}

uint32_t kernel_scratch_bytes() { return static_cast<uint32_t>(detail::Scratch::kept_bytes()); }

}  // namespace poolgrad::flat
