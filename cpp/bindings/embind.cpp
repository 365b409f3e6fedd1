// Binding layer only: every function is defined in flat_api.cpp. The
// parameter block's slots and the status codes are exported by name so JS
// reads them from the module instead of copying numbers.
#include <emscripten/bind.h>

#include "poolgrad/flat_api.hpp"
#include "poolgrad/shape.hpp"

EMSCRIPTEN_BINDINGS(poolgrad) {
  using namespace poolgrad::flat;
  using poolgrad::Layout;
  using poolgrad::PadRule;
  using poolgrad::Status;
  emscripten::function("plan", &plan);
  emscripten::function("maxForward", &max_forward);
  emscripten::function("maxBackward", &max_backward);
  emscripten::function("avgForward", &avg_forward);
  emscripten::function("avgBackward", &avg_backward);
  emscripten::function("allocate", &allocate);
  emscripten::function("release", &release);
  emscripten::function("bytesInUse", &bytes_in_use);
  emscripten::function("kernelScratchBytes", &kernel_scratch_bytes);

  emscripten::constant("paramCount", static_cast<int32_t>(kParamCount));
  emscripten::enum_<Param>("Param")
      .value("kind", kKind)
      .value("planes", kPlanes)
      .value("channels", kChannels)
      .value("inH", kInH)
      .value("inW", kInW)
      .value("kernelH", kKernelH)
      .value("kernelW", kKernelW)
      .value("strideH", kStrideH)
      .value("strideW", kStrideW)
      .value("padTop", kPadTop)
      .value("padBottom", kPadBottom)
      .value("padLeft", kPadLeft)
      .value("padRight", kPadRight)
      .value("padRule", kPadRule)
      .value("dilationH", kDilationH)
      .value("dilationW", kDilationW)
      .value("ceilMode", kCeilMode)
      .value("countIncludePad", kCountIncludePad)
      .value("hasDivisor", kHasDivisor)
      .value("divisor", kDivisor)
      .value("layout", kLayout)
      .value("indices", kIndices)
      .value("outH", kOutH)
      .value("outW", kOutW)
      .value("expectOutH", kExpectOutH)
      .value("expectOutW", kExpectOutW)
      .value("errorAxis", kErrorAxis)
      .value("errorValue", kErrorValue);
  emscripten::enum_<Status>("Status")
      .value("ok", Status::ok)
      .value("badKernelSize", Status::bad_kernel_size)
      .value("badStride", Status::bad_stride)
      .value("badPadding", Status::bad_padding)
      .value("badDilation", Status::bad_dilation)
      .value("badOutputSize", Status::bad_output_size)
      .value("badDivisor", Status::bad_divisor)
      .value("badShape", Status::bad_shape)
      .value("tooLarge", Status::too_large)
      .value("badIndices", Status::bad_indices)
      .value("badPointer", Status::bad_pointer)
      .value("badLayout", Status::bad_layout)
      .value("sizeMismatch", Status::size_mismatch);
  emscripten::enum_<PadRule>("PadRule")
      .value("symmetric", PadRule::symmetric)
      .value("explicit", PadRule::explicit_pads)
      .value("valid", PadRule::valid)
      .value("sameUpper", PadRule::same_upper)
      .value("sameLower", PadRule::same_lower);
  emscripten::enum_<Layout>("Layout").value("NCHW", Layout::nchw).value("NHWC", Layout::nhwc);
}
