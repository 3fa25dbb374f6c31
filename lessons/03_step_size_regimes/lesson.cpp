#include "lesson_run.hpp"
int main(int argc, char** argv) {
  descent::lessons::LessonRun run{"03_step_size_regimes", "stub"};
  if (auto rc = run.parse(argc, argv)) return *rc;
  return run.run([&] {});
}
