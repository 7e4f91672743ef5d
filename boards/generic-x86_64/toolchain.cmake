# A laptop or PC (x86-64, Debian 12): the native compiler, stated explicitly.
#   cmake -S . -B build/x86 -DCMAKE_TOOLCHAIN_FILE=boards/generic-x86_64/toolchain.cmake
# (Building without a toolchain file does the same; this one checks the machine.)
cmake_host_system_information(RESULT _drishti_arch QUERY OS_PLATFORM)
if(NOT _drishti_arch MATCHES "^(x86_64|AMD64|amd64)$")
  message(FATAL_ERROR "boards/generic-x86_64 is for x86-64 machines; this one is "
                      "${_drishti_arch}. Use its board's toolchain file, or none.")
endif()
find_program(DRISHTI_NATIVE_CXX NAMES g++ c++ NO_CACHE)
find_program(DRISHTI_NATIVE_CC NAMES gcc cc NO_CACHE)
if(NOT DRISHTI_NATIVE_CXX OR NOT DRISHTI_NATIVE_CC)
  message(FATAL_ERROR "No C++ compiler (g++) found: install the build group with 'scripts/setup'.")
endif()
set(CMAKE_C_COMPILER "${DRISHTI_NATIVE_CC}")
set(CMAKE_CXX_COMPILER "${DRISHTI_NATIVE_CXX}")
