// AdProblem and the AD twins of the library's problems (autodiff/twin.hpp). Each formula below
// is written from the problem's definition in its header, not from its gradient code.
#include "descent/autodiff/twin.hpp"

#include "descent/problems/expression.hpp"
#include "descent/problems/logistic.hpp"
#include "descent/problems/mlp.hpp"
#include "descent/problems/test_functions.hpp"

namespace descent::autodiff {

template <class S>
void AdProblem<S>::check(const Vec<S>& x) const {
  if (x.size() != n_)
    throw InputError("x: has " + std::to_string(x.size()) + " entries, " + name_ + " has dimension " + std::to_string(n_));
}

template <class S>
S AdProblem<S>::value(const Vec<S>& x) const {
  check(x);
  return plain_(std::vector<S>(x.data(), x.data() + x.size()));
}

template <class S>
Vec<S> AdProblem<S>::gradient(const Vec<S>& x) const {
  check(x);
  Tape<S> tape;
  std::vector<Var<S>> in;
  in.reserve(static_cast<std::size_t>(n_));
  for (int i = 0; i < n_; ++i) in.push_back(tape.input(x(i)));
  const Var<S> y = reverse_(in);
  const std::vector<S> a = tape.adjoints(y);
  Vec<S> g(n_);
  for (int i = 0; i < n_; ++i) g(i) = a[static_cast<std::size_t>(in[static_cast<std::size_t>(i)].index)];
  tape_size_ = tape.size();
  return g;
}

template <class S>
S AdProblem<S>::directional(const Vec<S>& x, const Vec<S>& v) const {
  check(x);
  check(v);
  std::vector<Dual<S>> in;
  for (int i = 0; i < n_; ++i) in.emplace_back(x(i), v(i));
  return forward_(in).derivative;
}

template <class S>
Vec<S> AdProblem<S>::forward_gradient(const Vec<S>& x) const {
  Vec<S> g(n_);
  for (int i = 0; i < n_; ++i) g(i) = directional(x, Vec<S>::Unit(n_, i));
  return g;
}

template <class S>
Mat<S> AdProblem<S>::hessian(const Vec<S>& x) const {
  check(x);
  Mat<S> H(n_, n_);
  for (int i = 0; i < n_; ++i)
    for (int j = i; j < n_; ++j) {
      std::vector<Dual<Dual<S>>> in;
      for (int m = 0; m < n_; ++m)
        in.emplace_back(Dual<S>(x(m), S(m == j ? 1 : 0)), Dual<S>(S(m == i ? 1 : 0), S(0)));
      H(i, j) = second_(in).derivative.derivative;  // no chained H(i, j) = H(j, i): self-assignment at i = j
      if (i != j) H(j, i) = H(i, j);
    }
  return H;
}

namespace {
// 0 of the type of x[0]: a constant of x's tape for Var, not x[0] − x[0], whose +1 − 1 in x[0]'s adjoint
// would cancel an adjoint far below 1 in floating point
template <class V>
auto zero_like(const V& x) {
  using T = std::decay_t<decltype(x[0])>;
  if constexpr (is_var<T>)
    return x[0].tape->constant(decltype(x[0].value)(0));
  else
    return T(x[0] - x[0]);
}
template <class T>
T abs_generic(const T& t) {
  return base_value(t) < 0 ? T(-t) : t;
}
}  // namespace

template <class S>
std::unique_ptr<AdProblem<S>> ad_twin(const Problem<S>& p) {
  const int n = p.dimension();
  if (const auto* q = dynamic_cast<const Quadratic<S>*>(&p)) {
    const Mat<S> A = q->A();
    const Vec<S> b = q->b();
    const S c = q->c();
    // ½ Σᵢⱼ xᵢ Aᵢⱼ xⱼ − Σᵢ bᵢxᵢ + c
    return std::make_unique<AdProblem<S>>("quadratic (AD)", n, [A, b, c, n](const auto& x) {
      auto f = zero_like(x) + c;
      for (int i = 0; i < n; ++i) {
        auto row = zero_like(x);
        for (int j = 0; j < n; ++j) row = row + A(i, j) * x[static_cast<std::size_t>(j)];
        f = f + x[static_cast<std::size_t>(i)] * row / 2 - b(i) * x[static_cast<std::size_t>(i)];
      }
      return f;
    });
  }
  if (const auto* ls = dynamic_cast<const LeastSquares<S>*>(&p)) {
    const Mat<S> Phi = ls->Phi();
    const Vec<S> y = ls->y();
    // Σₖ (Σⱼ Φⱼₖ wⱼ − yₖ)²
    return std::make_unique<AdProblem<S>>("least_squares (AD)", n, [Phi, y](const auto& w) {
      auto f = zero_like(w);
      for (int k = 0; k < Phi.cols(); ++k) {
        auto r = zero_like(w) - y(k);
        for (int j = 0; j < Phi.rows(); ++j) r = r + Phi(j, k) * w[static_cast<std::size_t>(j)];
        f = f + r * r;
      }
      return f;
    });
  }
  if (dynamic_cast<const SeedF<S>*>(&p))
    return std::make_unique<AdProblem<S>>("x^2 y^3 (AD)", 2, [](const auto& v) { return v[0] * v[0] * v[1] * v[1] * v[1]; });
  if (dynamic_cast<const SeedG<S>*>(&p))
    return std::make_unique<AdProblem<S>>("x^2 + 2y^2 + 3xy^2 (AD)", 2, [](const auto& v) {
      return v[0] * v[0] + 2 * v[1] * v[1] + 3 * v[0] * v[1] * v[1];
    });
  if (const auto* h = dynamic_cast<const Huber<S>*>(&p)) {
    const S delta = h->delta(), L = h->L();
    // L Σ h_δ(xᵢ), h_δ(t) = t²/2 for |t| ≤ δ, δ|t| − δ²/2 beyond
    return std::make_unique<AdProblem<S>>("huber (AD)", n, [delta, L, n](const auto& x) {
      auto f = zero_like(x);
      for (int i = 0; i < n; ++i) {
        const auto t = abs_generic(x[static_cast<std::size_t>(i)]);
        f = base_value(t) <= delta ? f + t * t / 2 : f + delta * t - delta * delta / 2;
      }
      return L * f;
    });
  }
  if (dynamic_cast<const Rosenbrock<S>*>(&p))
    return std::make_unique<AdProblem<S>>("rosenbrock (AD)", n, [n](const auto& x) {
      auto f = zero_like(x);
      for (int i = 0; i + 1 < n; ++i) {
        const auto& a = x[static_cast<std::size_t>(i)];
        const auto& b = x[static_cast<std::size_t>(i + 1)];
        const auto u = b - a * a, w = 1 - a;
        f = f + 100 * u * u + w * w;
      }
      return f;
    });
  if (const auto* l = dynamic_cast<const Lessard<S>*>(&p)) {
    const S mu = l->mu(), L = l->L();
    // the three quadratic pieces of the header, on x < 1, 1 ≤ x < 2, x ≥ 2
    return std::make_unique<AdProblem<S>>("lessard (AD)", 1, [mu, L](const auto& v) {
      const auto& x = v[0];
      if (base_value(x) < 1) return L * x * x / 2;
      if (base_value(x) < 2) return mu * x * x / 2 + (L - mu) * x - (L - mu) / 2;
      return L * x * x / 2 - (L - mu) * x + 3 * (L - mu) / 2;
    });
  }
  if (const auto* pm = dynamic_cast<const PoorLocalMinimum<S>*>(&p)) {
    const S a = pm->a(), c = pm->c(), s = pm->s();
    return std::make_unique<AdProblem<S>>("poor_local_minimum (AD)", 1, [a, c, s](const auto& v) {
      const auto u = (v[0] - c) / s;
      return v[0] * v[0] / 2 - a / (1 + u * u);
    });
  }
  if (const auto* mlp = dynamic_cast<const Mlp<S>*>(&p)) {
    const MlpShape shape = mlp->shape();
    const Mat<S> X = mlp->X(), D = mlp->D();
    if constexpr (ScalarTraits<S>::exact) {
      if (!shape.polynomial()) throw InputError("mlp: not a polynomial network, no exact AD twin");
    }
    return std::make_unique<AdProblem<S>>("mlp (AD)", n, [shape, X, D](const auto& theta) {
      using T = std::decay_t<decltype(theta[0])>;
      return mlp_loss<T, S>(shape, theta, X, D);
    });
  }
  if constexpr (!ScalarTraits<S>::exact) {
    if (const auto* lz = dynamic_cast<const Lorentzian<S>*>(&p)) {
      const Vec<S> a = lz->a();
      return std::make_unique<AdProblem<S>>("lorentzian (AD)", n, [a, n](const auto& x) {
        using std::log;
        auto f = zero_like(x);
        for (int i = 0; i < n; ++i) f = f + a(i) / 2 * log(1 + x[static_cast<std::size_t>(i)] * x[static_cast<std::size_t>(i)]);
        return f;
      });
    }
    if (dynamic_cast<const ExpQuadratic1D<S>*>(&p))
      return std::make_unique<AdProblem<S>>("exp_quadratic (AD)", 1,
                                            [](const auto& v) {
                                              using std::exp;
                                              return exp(v[0]) + v[0] * v[0] / 2 - 2 * v[0];
                                            });
    if (const auto* lr = dynamic_cast<const LogisticRegression<S>*>(&p)) {
      const Mat<S> X = lr->X();
      const Vec<S> y = lr->y();
      const S lambda = lr->lambda();
      // (1/m) Σᵢ [log(1 + e^{xᵢᵀw}) − yᵢ xᵢᵀw] + (λ/2)‖w‖²
      return std::make_unique<AdProblem<S>>("logistic (AD)", n, [X, y, lambda, n](const auto& w) {
        using descent::softplus;  // log(1 + e^s) without overflow
        auto f = zero_like(w);
        for (int i = 0; i < X.rows(); ++i) {
          auto s = zero_like(w);
          for (int j = 0; j < n; ++j) s = s + X(i, j) * w[static_cast<std::size_t>(j)];
          f = f + softplus(s) - y(i) * s;
        }
        auto r = zero_like(w);
        for (int j = 0; j < n; ++j) r = r + w[static_cast<std::size_t>(j)] * w[static_cast<std::size_t>(j)];
        return f / S(X.rows()) + lambda / 2 * r;
      });
    }
  }
  if (const auto* ex = dynamic_cast<const ExpressionProblem<S>*>(&p)) {
    // the same program, run on the AD types: reverse and forward mode check each other
    auto copy = std::make_shared<const ExpressionProblem<S>>(*ex);
    return std::make_unique<AdProblem<S>>("expression (AD)", n, [copy](const auto& x) { return copy->evaluate(x); });
  }
  throw InputError("no AD formula for the problem " + p.name());
}

template class AdProblem<double>;
template class AdProblem<Mpfr>;
template class AdProblem<Rational>;
template std::unique_ptr<AdProblem<double>> ad_twin<double>(const Problem<double>&);
template std::unique_ptr<AdProblem<Mpfr>> ad_twin<Mpfr>(const Problem<Mpfr>&);
template std::unique_ptr<AdProblem<Rational>> ad_twin<Rational>(const Problem<Rational>&);

}  // namespace descent::autodiff
