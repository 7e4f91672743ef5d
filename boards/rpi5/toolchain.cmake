# Raspberry Pi 5 (Cortex-A76, arm64, Raspberry Pi OS bookworm).
#   cmake -S . -B build/rpi5 -DCMAKE_TOOLCHAIN_FILE=boards/rpi5/toolchain.cmake
# See boards/cmake/aarch64-linux-gnu.cmake for what it needs.
set(DRISHTI_BOARD_CPU_FLAGS "-mcpu=cortex-a76")
include("${CMAKE_CURRENT_LIST_DIR}/../cmake/aarch64-linux-gnu.cmake")
