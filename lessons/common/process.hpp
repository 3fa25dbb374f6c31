/// \file process.hpp
/// \brief Running another program without a shell: its arguments are passed as they are,
/// so no file or directory name is ever interpreted by a shell.
#pragma once

#include <string>
#include <vector>

namespace descent::lessons {

/// What a child process did.
struct ChildResult {
  int exit_code = -1;  ///< its exit code, 128 + signal if killed, -1 if not started
  int signal = 0;      ///< the signal that killed it, 0 if it exited
  std::string out;     ///< its standard output, if captured
  std::string error;   ///< non-empty when the child could not be started
};

/// Run `program` (looked up in PATH unless it contains a '/') with `args`, in directory
/// `cwd` (unchanged if empty). Standard output is captured when `capture` is true and
/// discarded otherwise; standard error is inherited when `quiet` is false, discarded
/// otherwise.
ChildResult run_child(const std::string& program, const std::vector<std::string>& args, const std::string& cwd = {},
                      bool capture = true, bool quiet = false);

}  // namespace descent::lessons
