# After Doxygen: check that the site is self-contained and report the warnings.
#
#   cmake -DHTML_DIR=<docs/html> -DWARN_LOG=<doxygen_warnings.txt> -P check_html.cmake
#
# Fails if any generated page loads a script or stylesheet from the network (a CDN, any
# http:// or https:// or protocol-relative URL), if the local MathJax is missing, or if a
# page asks MathJax for a configuration file that the local copy does not have. Ordinary
# <a href="https://..."> links (Doxygen's footer) are not loads and are allowed.

foreach(var HTML_DIR WARN_LOG)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_html.cmake: -D${var}=... is required")
  endif()
endforeach()

if(NOT EXISTS "${HTML_DIR}/index.html")
  message(FATAL_ERROR "docs: ${HTML_DIR}/index.html was not generated")
endif()
if(NOT EXISTS "${HTML_DIR}/mathjax/MathJax.js")
  message(FATAL_ERROR "docs: the local MathJax (${HTML_DIR}/mathjax/MathJax.js) is missing")
endif()

file(GLOB pages "${HTML_DIR}/*.html")
set(bad "")
set(mathjax_pages 0)
foreach(page IN LISTS pages)
  file(READ "${page}" text)
  get_filename_component(page_name "${page}" NAME)
  # Loads from elsewhere: <script src=...> and <link href=...> with a scheme or //host.
  string(REGEX MATCHALL "<script[^>]*src=\"(https?:)?//[^\"]*\"" remote_scripts "${text}")
  string(REGEX MATCHALL "<link[^>]*href=\"(https?:)?//[^\"]*\"" remote_links "${text}")
  string(REGEX MATCHALL "[A-Za-z0-9.-]*cdn[A-Za-z0-9.-]*\\.(org|com|net|io)" cdn_hosts "${text}")
  foreach(hit IN LISTS remote_scripts remote_links cdn_hosts)
    string(APPEND bad "  ${page_name}: ${hit}\n")
  endforeach()
  # Every MathJax script a page loads must exist locally, with its ?config=... if any.
  string(REGEX MATCHALL "<script[^>]*src=\"[^\"]*MathJax\\.js[^\"]*\"" mj "${text}")
  foreach(tag IN LISTS mj)
    math(EXPR mathjax_pages "${mathjax_pages} + 1")
    string(REGEX REPLACE ".*src=\"([^\"?]*)[^\"]*\".*" "\\1" src "${tag}")
    if(NOT EXISTS "${HTML_DIR}/${src}")
      string(APPEND bad "  ${page_name}: MathJax script ${src} does not exist under html/\n")
    endif()
    if(tag MATCHES "config=([A-Za-z0-9_-]+)")
      if(NOT EXISTS "${HTML_DIR}/mathjax/config/${CMAKE_MATCH_1}.js")
        string(APPEND bad "  ${page_name}: MathJax config ${CMAKE_MATCH_1}.js is not in html/mathjax/config\n")
      endif()
    endif()
  endforeach()
  # Doxygen's inline MathJax 2 configuration: extensions: ["tex2jax.js", "TeX/AMSmath.js"],
  # jax: ["input/TeX","output/HTML-CSS"] — each must exist in the local copy.
  if(text MATCHES "extensions: *\\[([^]]*)\\]")
    string(REGEX MATCHALL "\"[^\"]+\"" exts "${CMAKE_MATCH_1}")
    foreach(e IN LISTS exts)
      string(REPLACE "\"" "" e "${e}")
      if(NOT EXISTS "${HTML_DIR}/mathjax/extensions/${e}")
        string(APPEND bad "  ${page_name}: MathJax extension ${e} is not in html/mathjax/extensions\n")
      endif()
    endforeach()
  endif()
  if(text MATCHES "jax: *\\[([^]]*)\\]")
    string(REGEX MATCHALL "\"[^\"]+\"" jaxes "${CMAKE_MATCH_1}")
    foreach(j IN LISTS jaxes)
      string(REPLACE "\"" "" j "${j}")
      if(NOT EXISTS "${HTML_DIR}/mathjax/jax/${j}/jax.js")
        string(APPEND bad "  ${page_name}: MathJax jax ${j} is not in html/mathjax/jax\n")
      endif()
    endforeach()
  endif()
endforeach()

if(NOT bad STREQUAL "")
  message(FATAL_ERROR "docs: the site must work offline, but:\n${bad}")
endif()
if(mathjax_pages EQUAL 0)
  message(FATAL_ERROR "docs: no page loads MathJax; is USE_MATHJAX still set in the Doxyfile?")
endif()

set(nwarn 0)
if(EXISTS "${WARN_LOG}")
  file(STRINGS "${WARN_LOG}" warnings REGEX "warning:")
  list(LENGTH warnings nwarn)
endif()
list(LENGTH pages npages)
message(STATUS "docs: ${npages} pages in ${HTML_DIR} (MathJax local in ${mathjax_pages}); "
               "${nwarn} Doxygen warnings in ${WARN_LOG}")
