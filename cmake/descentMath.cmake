# GMP, MPFR and MPFI as imported targets descent::gmp, descent::mpfr, descent::mpfi (the
# multiprecision types of lib/descent/scalar.hpp are Boost.Multiprecision front ends to
# them). Used by the build and, installed, by descentConfig.cmake for a consumer.
# DESCENT_MATH_STATIC ON links the static archives (the build's default, see the top
# CMakeLists.txt); a consumer gets the shared libraries.
include_guard(GLOBAL)
if(NOT DEFINED DESCENT_MATH_STATIC)
  set(DESCENT_MATH_STATIC OFF)
endif()
foreach(lib IN ITEMS gmp mpfr mpfi)
  if(TARGET descent::${lib})
    continue()
  endif()
  set(names ${lib})
  if(DESCENT_MATH_STATIC)
    set(names lib${lib}.a ${lib})
  endif()
  find_library(DESCENT_${lib}_LIBRARY NAMES ${names})
  find_path(DESCENT_${lib}_INCLUDE_DIR ${lib}.h)
  if(NOT DESCENT_${lib}_LIBRARY OR NOT DESCENT_${lib}_INCLUDE_DIR)
    message(FATAL_ERROR "descent needs ${lib} (Debian: apt-get install lib${lib}-dev); not found")
  endif()
  add_library(descent::${lib} UNKNOWN IMPORTED)
  set_target_properties(descent::${lib} PROPERTIES IMPORTED_LOCATION "${DESCENT_${lib}_LIBRARY}"
                        INTERFACE_INCLUDE_DIRECTORIES "${DESCENT_${lib}_INCLUDE_DIR}")
endforeach()
# MPFI calls MPFR, MPFR calls GMP: a static link needs them in this order
set_property(TARGET descent::mpfi APPEND PROPERTY INTERFACE_LINK_LIBRARIES descent::mpfr)
set_property(TARGET descent::mpfr APPEND PROPERTY INTERFACE_LINK_LIBRARIES descent::gmp)
