# Capture the real output of one lesson executable for the docs (docs/design.md §8, §9.1: the
# docs quote captured output, never pasted text).
#
#   cmake -DLESSON_EXE=<path> -DLESSON_ID=<id> -DOUT_DIR=<dir> -DPLOT_WORK_DIR=<dir>
#         -P capture_lesson.cmake
#
# Runs, in this order,
#   lesson_<id>              → OUT_DIR/lesson_<id>.txt   (human output)
#   lesson_<id> --json       → OUT_DIR/lesson_<id>.json
#   lesson_<id> --plot DIR   → OUT_DIR/*.svg             (gnuplot plots)
# and stops the build (FATAL_ERROR) if any run exits non-zero: a lesson whose checks do
# not behave as the theory predicts (exit 1) or that rejects its flags (exit 2) must not
# be published. Outputs are written to temporary files and renamed only on success, so a
# failed run never leaves a stale-but-plausible capture behind.
#
# The plots are written in a directory of their own, PLOT_WORK_DIR/<id> (so that lessons
# captured in parallel never share gnuplot's data files; outside OUT_DIR, which Doxygen
# reads), then the SVGs are copied to OUT_DIR, where Doxygen's IMAGE_PATH finds them by
# name: a plot name used by two lessons is an error.

foreach(var LESSON_EXE LESSON_ID OUT_DIR PLOT_WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "capture_lesson.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT EXISTS "${LESSON_EXE}")
  message(FATAL_ERROR "capture_lesson.cmake: lesson executable '${LESSON_EXE}' does not exist")
endif()
file(MAKE_DIRECTORY "${OUT_DIR}")

set(name "lesson_${LESSON_ID}")

# run_lesson(<suffix> <output file or ""> args...)
function(run_lesson what out)
  set(tmp "${OUT_DIR}/.${name}.${what}.tmp")
  set(err "${OUT_DIR}/.${name}.${what}.err")
  execute_process(
    COMMAND "${LESSON_EXE}" ${ARGN}
    OUTPUT_FILE "${tmp}"
    ERROR_FILE "${err}"
    RESULT_VARIABLE rc)
  file(READ "${err}" err_text)
  if(NOT rc STREQUAL "0")
    file(READ "${tmp}" out_text)
    # Remove this lesson's captures too, so that the next build runs it again.
    file(REMOVE "${tmp}" "${err}" "${OUT_DIR}/${name}.txt" "${OUT_DIR}/${name}.json")
    string(REPLACE ";" " " cmd "${name};${ARGN}")
    message(FATAL_ERROR
      "docs: `${cmd}` exited with status ${rc}; the docs are not built from a "
      "lesson whose checks fail.\n--- stdout ---\n${out_text}\n--- stderr ---\n${err_text}")
  endif()
  if(NOT err_text STREQUAL "")
    message(STATUS "docs: ${name} ${what} wrote to stderr:\n${err_text}")
  endif()
  if("${out}" STREQUAL "")
    file(REMOVE "${tmp}")
  else()
    file(RENAME "${tmp}" "${out}")
  endif()
  file(REMOVE "${err}")
endfunction()

run_lesson(txt "${OUT_DIR}/${name}.txt")
run_lesson(json "${OUT_DIR}/${name}.json" --json)
set(plot_dir "${PLOT_WORK_DIR}/${LESSON_ID}")
file(REMOVE_RECURSE "${plot_dir}")
file(MAKE_DIRECTORY "${plot_dir}")
run_lesson(plot "" --plot "${plot_dir}")
file(GLOB svgs RELATIVE "${plot_dir}" "${plot_dir}/*.svg")
foreach(svg IN LISTS svgs)
  file(GLOB same_name "${PLOT_WORK_DIR}/*/${svg}")
  foreach(other IN LISTS same_name)
    get_filename_component(other_dir "${other}" DIRECTORY)
    get_filename_component(other_lesson "${other_dir}" NAME)
    if(NOT other_lesson STREQUAL LESSON_ID)
      message(FATAL_ERROR "docs: the plot ${svg} is written by lesson ${LESSON_ID} and by lesson "
                          "${other_lesson}; plot names must be unique across lessons")
    endif()
  endforeach()
  file(COPY "${plot_dir}/${svg}" DESTINATION "${OUT_DIR}")
endforeach()
list(LENGTH svgs nsvg)
message(STATUS "docs: captured ${name} (txt, json, ${nsvg} plots)")
