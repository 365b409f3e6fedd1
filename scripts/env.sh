# Sourced by the build scripts: Debian's Emscripten needs its own node modules.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
JOBS="$(nproc 2>/dev/null || echo 2)"
