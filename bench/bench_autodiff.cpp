// bench_autodiff: what automatic differentiation costs against the hand-written backward pass
// (issue 9, lesson 15). The peer is Mlp<double>::gradient, seed 002's backward pass written by hand
// (problems/mlp.hpp); report reverse and forward mode as ratios of its time in the same run.
//
// (a) BM_backward/w:  the hand-written gradient of the mean loss of a 2-w-w-1 sigmoid network with
//     cross-entropy on K = 32 seeded two-class examples.
// (b) BM_reverse/w:   the same gradient by reverse mode: the loss written once (mlp_loss) recorded on
//     a tape, one backward sweep (autodiff::gradient). The ratio (b)/(a) is the tape's overhead.
// (c) BM_forward/w:   by forward mode: P passes of dual numbers, one per parameter
//     (AdProblem::forward_gradient). The ratio (c)/(b) grows like P: seed 004's picture.
// Counters: P (parameters) and tape nodes per evaluation for (b).
//
//   cmake --build build --target bench_autodiff && build/bin/bench_autodiff
#include <benchmark/benchmark.h>

#include <vector>

#include "descent/autodiff/gradient.hpp"
#include "descent/autodiff/twin.hpp"
#include "descent/problems/mlp.hpp"

namespace {

using descent::Vec;

struct Instance {
  descent::MlpShape shape;
  descent::ExampleData data;
  Vec<double> theta;
};

Instance instance(int w) {
  Instance in;
  in.shape.sizes = {2, w, w, 1};
  in.shape.hidden = descent::Activation::sigmoid;
  in.shape.output = descent::Activation::sigmoid;
  in.shape.divergence = descent::Divergence::cross_entropy;
  in.data = descent::two_class_data(3, 32, 0.8);
  const std::vector<double> t = descent::initial_weights(4, in.shape.parameters(), 1);
  in.theta = Eigen::Map<const Vec<double>>(t.data(), static_cast<Eigen::Index>(t.size()));
  return in;
}

void BM_backward(benchmark::State& state) {
  const Instance in = instance(static_cast<int>(state.range(0)));
  const descent::Mlp<double> f(in.shape, in.data.X, in.data.D);
  for (auto _ : state) benchmark::DoNotOptimize(f.gradient(in.theta));
  state.counters["P"] = in.shape.parameters();
}

void BM_reverse(benchmark::State& state) {
  const Instance in = instance(static_cast<int>(state.range(0)));
  std::size_t nodes = 0;
  auto loss = [&](const auto& v) {
    using T = std::decay_t<decltype(v[0])>;
    return descent::mlp_loss<T, double>(in.shape, v, in.data.X, in.data.D);
  };
  for (auto _ : state) benchmark::DoNotOptimize(descent::autodiff::gradient<double>(loss, in.theta, &nodes));
  state.counters["P"] = in.shape.parameters();
  state.counters["nodes"] = static_cast<double>(nodes);
}

void BM_forward(benchmark::State& state) {
  const Instance in = instance(static_cast<int>(state.range(0)));
  const descent::Mlp<double> f(in.shape, in.data.X, in.data.D);
  const auto twin = descent::autodiff::ad_twin<double>(f);
  for (auto _ : state) benchmark::DoNotOptimize(twin->forward_gradient(in.theta));
  state.counters["P"] = in.shape.parameters();
}

}  // namespace

BENCHMARK(BM_backward)->Arg(4)->Arg(16)->Arg(64)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_reverse)->Arg(4)->Arg(16)->Arg(64)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_forward)->Arg(4)->Arg(16)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
