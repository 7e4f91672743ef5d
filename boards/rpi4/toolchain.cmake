# Raspberry Pi 4 (Cortex-A72, arm64, Raspberry Pi OS bookworm).
#   cmake -S . -B build/rpi4 -DCMAKE_TOOLCHAIN_FILE=boards/rpi4/toolchain.cmake
# See boards/cmake/aarch64-linux-gnu.cmake for what it needs.
set(DRISHTI_BOARD_CPU_FLAGS "-mcpu=cortex-a72")
include("${CMAKE_CURRENT_LIST_DIR}/../cmake/aarch64-linux-gnu.cmake")
