// Child processes without a shell (fork, chdir, execvp).
#include "process.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace descent::lessons {

ChildResult run_child(const std::string& program, const std::vector<std::string>& args, const std::string& cwd,
                      bool capture, bool quiet) {
  ChildResult result;
  int fds[2] = {-1, -1};
  if (capture && pipe(fds) != 0) {
    result.error = std::string("pipe: ") + std::strerror(errno);
    return result;
  }
  const pid_t pid = fork();
  if (pid < 0) {
    result.error = std::string("fork: ") + std::strerror(errno);
    if (capture) {
      close(fds[0]);
      close(fds[1]);
    }
    return result;
  }
  if (pid == 0) {
    const int null_fd = open("/dev/null", O_WRONLY);
    if (capture) {
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      close(fds[1]);
    } else if (null_fd >= 0) {
      dup2(null_fd, STDOUT_FILENO);
    }
    if (quiet && null_fd >= 0) dup2(null_fd, STDERR_FILENO);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execvp(program.c_str(), argv.data());
    _exit(127);
  }
  if (capture) {
    close(fds[1]);
    char buf[65536];
    for (;;) {
      const ssize_t got = read(fds[0], buf, sizeof buf);
      if (got > 0)
        result.out.append(buf, static_cast<std::size_t>(got));
      else if (got == 0 || errno != EINTR)
        break;
    }
    close(fds[0]);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
    if (result.exit_code == 127) result.error = "could not execute '" + program + "'";
    if (result.exit_code == 126 && !cwd.empty()) result.error = "could not enter directory '" + cwd + "'";
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
    result.exit_code = 128 + result.signal;
  }
  return result;
}

}  // namespace descent::lessons
