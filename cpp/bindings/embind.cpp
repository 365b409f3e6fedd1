// Binding layer only: every function is defined in flat_api.cpp.
#include <emscripten/bind.h>

#include "poolgrad/flat_api.hpp"

EMSCRIPTEN_BINDINGS(poolgrad) {
  using namespace poolgrad::flat;
  emscripten::function("plan", &plan);
  emscripten::function("maxForward", &max_forward);
  emscripten::function("maxBackward", &max_backward);
  emscripten::function("avgForward", &avg_forward);
  emscripten::function("avgBackward", &avg_backward);
  emscripten::function("allocate", &allocate);
  emscripten::function("release", &release);
  emscripten::function("bytesInUse", &bytes_in_use);
  emscripten::function("kernelScratchBytes", &kernel_scratch_bytes);
}
