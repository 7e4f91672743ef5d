# Finds the OpenCV parts the firmware uses and makes the imported targets
# opencv_core and opencv_imgproc (the names OpenCVConfig.cmake gives them).
#
#   DRISHTI_HAVE_OPENCV   core + imgproc found (the tracking core and firmware/io)
#   DRISHTI_HAVE_VIDEOIO  videoio + imgcodecs found too (cameras, video files,
#                         image folders, and so drishti-tracker itself)
#
# Debian installs OpenCVConfig.cmake only with the full libopencv-dev. For an
# arm64 cross build only libopencv-core-dev:arm64 and libopencv-imgproc-dev:arm64
# install beside the amd64 packages, so when no config for the target
# architecture is found the libraries and headers are looked up directly.
# Including this file twice is harmless.

if(TARGET opencv_core AND TARGET opencv_imgproc)
  return()
endif()

set(DRISHTI_HAVE_OPENCV OFF)
set(DRISHTI_HAVE_VIDEOIO OFF)

find_package(OpenCV 4 QUIET COMPONENTS core imgproc)
if(OpenCV_FOUND AND CMAKE_CROSSCOMPILING AND CMAKE_LIBRARY_ARCHITECTURE
   AND NOT OpenCV_DIR MATCHES "${CMAKE_LIBRARY_ARCHITECTURE}")
  # A config of the build machine's architecture would link the wrong libraries.
  message(STATUS "OpenCV: ignoring ${OpenCV_DIR} (not ${CMAKE_LIBRARY_ARCHITECTURE})")
  set(OpenCV_FOUND OFF)
endif()

if(OpenCV_FOUND)
  set(DRISHTI_HAVE_OPENCV ON)
  find_package(OpenCV 4 QUIET COMPONENTS core imgproc videoio imgcodecs)
  if(OpenCV_FOUND)
    set(DRISHTI_HAVE_VIDEOIO ON)
  endif()
  message(STATUS "OpenCV ${OpenCV_VERSION} from ${OpenCV_DIR}; videoio: ${DRISHTI_HAVE_VIDEOIO}")
else()
  find_path(DRISHTI_OPENCV_INCLUDE_DIR opencv2/core.hpp PATH_SUFFIXES opencv4)
  find_library(DRISHTI_OPENCV_CORE_LIBRARY opencv_core)
  find_library(DRISHTI_OPENCV_IMGPROC_LIBRARY opencv_imgproc)
  if(DRISHTI_OPENCV_INCLUDE_DIR AND DRISHTI_OPENCV_CORE_LIBRARY
     AND DRISHTI_OPENCV_IMGPROC_LIBRARY)
    add_library(opencv_core UNKNOWN IMPORTED)
    set_target_properties(opencv_core PROPERTIES
      IMPORTED_LOCATION "${DRISHTI_OPENCV_CORE_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${DRISHTI_OPENCV_INCLUDE_DIR}")
    add_library(opencv_imgproc UNKNOWN IMPORTED)
    set_target_properties(opencv_imgproc PROPERTIES
      IMPORTED_LOCATION "${DRISHTI_OPENCV_IMGPROC_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${DRISHTI_OPENCV_INCLUDE_DIR}"
      INTERFACE_LINK_LIBRARIES opencv_core)
    set(DRISHTI_HAVE_OPENCV ON)
    message(STATUS "OpenCV core/imgproc without a CMake config: ${DRISHTI_OPENCV_CORE_LIBRARY}; "
                   "no videoio, so drishti-tracker's camera and video sources are not built")
  else()
    message(STATUS "OpenCV core/imgproc not found: the tracking core and firmware/io are not built "
                   "(install libopencv-dev, or the cross-arm64 group of scripts/packages)")
  endif()
endif()
