# Cross-compiling for 64-bit Arm boards (Raspberry Pi 4 and 5), included by
# boards/rpi4/toolchain.cmake and boards/rpi5/toolchain.cmake after they set
# DRISHTI_BOARD_CPU_FLAGS.
#
# Two ways to get the board's libraries:
#  - Debian multiarch (the default, what CI uses): `scripts/setup cross-arm64`
#    installs the cross compiler, qemu and the arm64 OpenCV core/imgproc and
#    dlib packages beside the amd64 ones. Only those OpenCV parts install that
#    way, so this build has the protocol, tracking core and firmware/io, not
#    drishti-tracker's camera and video sources (build that on the board).
#  - A sysroot: DRISHTI_SYSROOT=<a copy of the board's / with its -dev packages>
#    (cmake -DDRISHTI_SYSROOT=... or the environment variable).
# The compiler is aarch64-linux-gnu-g++ on PATH, or DRISHTI_CROSS_PREFIX
# (e.g. /opt/cross/bin/aarch64-linux-gnu-). Tests run under qemu-aarch64-static.
# Anything missing stops the configuration with a message saying what to do.

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

# try_compile re-reads this file in a fresh project: pass our settings along.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES DRISHTI_SYSROOT DRISHTI_CROSS_PREFIX
     DRISHTI_BOARD_CPU_FLAGS)

if(NOT DEFINED DRISHTI_SYSROOT AND DEFINED ENV{DRISHTI_SYSROOT})
  set(DRISHTI_SYSROOT "$ENV{DRISHTI_SYSROOT}")
endif()
if(NOT DEFINED DRISHTI_CROSS_PREFIX AND DEFINED ENV{DRISHTI_CROSS_PREFIX})
  set(DRISHTI_CROSS_PREFIX "$ENV{DRISHTI_CROSS_PREFIX}")
endif()
if(NOT DEFINED DRISHTI_CROSS_PREFIX)
  set(DRISHTI_CROSS_PREFIX "aarch64-linux-gnu-")
endif()

find_program(DRISHTI_CROSS_CXX NAMES "${DRISHTI_CROSS_PREFIX}g++" NO_CACHE)
find_program(DRISHTI_CROSS_CC NAMES "${DRISHTI_CROSS_PREFIX}gcc" NO_CACHE)
if(NOT DRISHTI_CROSS_CXX OR NOT DRISHTI_CROSS_CC)
  message(FATAL_ERROR
    "No arm64 cross compiler: ${DRISHTI_CROSS_PREFIX}g++ was not found. "
    "Install it with 'scripts/setup cross-arm64' (Debian's crossbuild-essential-arm64), "
    "or set DRISHTI_CROSS_PREFIX to your toolchain's prefix.")
endif()
set(CMAKE_C_COMPILER "${DRISHTI_CROSS_CC}")
set(CMAKE_CXX_COMPILER "${DRISHTI_CROSS_CXX}")
set(CMAKE_C_FLAGS_INIT "${DRISHTI_BOARD_CPU_FLAGS}")
set(CMAKE_CXX_FLAGS_INIT "${DRISHTI_BOARD_CPU_FLAGS}")

if(DRISHTI_SYSROOT)
  if(NOT EXISTS "${DRISHTI_SYSROOT}/usr/include" OR NOT EXISTS "${DRISHTI_SYSROOT}/usr/lib")
    message(FATAL_ERROR
      "DRISHTI_SYSROOT=${DRISHTI_SYSROOT} is not a sysroot (no usr/include and usr/lib in it).")
  endif()
  set(CMAKE_SYSROOT "${DRISHTI_SYSROOT}")
  set(CMAKE_FIND_ROOT_PATH "${DRISHTI_SYSROOT}")
  set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
  set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
  set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
  set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
else()
  # Multiarch: the arm64 libraries live in /usr/lib/aarch64-linux-gnu.
  if(NOT EXISTS "/usr/lib/aarch64-linux-gnu/libopencv_core.so")
    message(FATAL_ERROR
      "The arm64 libraries are not installed (no /usr/lib/aarch64-linux-gnu/libopencv_core.so). "
      "Run 'scripts/setup cross-arm64', or set DRISHTI_SYSROOT to a Raspberry Pi OS sysroot.")
  endif()
endif()

find_program(DRISHTI_QEMU_AARCH64 NAMES qemu-aarch64-static qemu-aarch64 NO_CACHE)
if(DRISHTI_QEMU_AARCH64)
  if(DRISHTI_SYSROOT)
    set(CMAKE_CROSSCOMPILING_EMULATOR "${DRISHTI_QEMU_AARCH64};-L;${DRISHTI_SYSROOT}")
  else()
    set(CMAKE_CROSSCOMPILING_EMULATOR "${DRISHTI_QEMU_AARCH64}")
  endif()
else()
  message(WARNING "qemu-aarch64-static not found: the arm64 tests cannot run here "
                  "('scripts/setup cross-arm64' installs it). Building without tests needs "
                  "-DDRISHTI_BUILD_TESTS=OFF.")
endif()
