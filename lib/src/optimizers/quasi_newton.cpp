// BFGS and L-BFGS with a strong-Wolfe line search (lesson 07).
#include "descent/optimizers/quasi_newton.hpp"
#include "families.hpp"

#include "descent/optimizers/line_search.hpp"

namespace descent {

namespace {
// Armijo and curvature constants of the Wolfe search (Nocedal & Wright 2006, p. 142).
template <class S>
S c1() { return S(1) / 10000; }
template <class S>
S c2() { return S(9) / 10; }
}  // namespace

template <class S>
void BFGS<S>::reset(int n) {
  H_ = Mat<S>::Identity(n, n);
  first_ = true;
  this->have_ = false;
  x_prev_.resize(0);
}

template <class S>
Vec<S> BFGS<S>::step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) {
  // f(x): the value the last line search found at this point, when it was ours
  return step_from(f, x, this->value_here(f, x), g);
}

template <class S>
Vec<S> BFGS<S>::step_from(const Problem<S>& f, const Vec<S>& x, const S& fx, const Vec<S>& g) {
  using std::sqrt;
  const int n = static_cast<int>(x.size());
  if (H_.rows() != n) reset(n);
  this->have_ = false;
  if (x_prev_.size() == n) {
    const Vec<S> s = x - x_prev_, y = g - g_prev_;
    const S sy = s.dot(y);
    if (sy > 0) {
      if (first_) {
        H_ = (sy / S(y.squaredNorm())) * Mat<S>::Identity(n, n);  // N&W eq. 6.20
        first_ = false;
      }
      const S rho = 1 / sy;
      const Mat<S> V = Mat<S>::Identity(n, n) - rho * y * s.transpose();
      H_ = V.transpose() * H_ * V + rho * s * s.transpose();
    }
  }
  if (g.isZero(0)) return x;
  const Vec<S> d = -(H_ * g);
  const S t0 = x_prev_.size() == n ? S(1) : S(1 / sqrt(S(g.squaredNorm())));
  LineSearchPoint<S> p = wolfe_search<S>(f, x, fx, g, d, t0, c1<S>(), c2<S>());
  x_prev_ = x;
  g_prev_ = g;
  this->remember(p.f, std::move(p.g));
  return x + p.t * d;
}

template <class S>
LBFGS<S>::LBFGS(int m) : m_(m) {
  if (m < 1 || m > 1000) throw InputError("memory: must be in 1 to 1000, got " + std::to_string(m));
}

template <class S>
void LBFGS<S>::reset(int) {
  q_.resize(0);  // fresh storage each run (at the run's working precision)
  s_new_.resize(0);
  y_new_.resize(0);
  alpha_.clear();
  s_.clear();
  y_.clear();
  rho_.clear();
  this->have_ = false;
  x_prev_.resize(0);
}

template <class S>
Vec<S> LBFGS<S>::step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) {
  // f(x): the value the last line search found at this point, when it was ours
  return step_from(f, x, this->value_here(f, x), g);
}

template <class S>
Vec<S> LBFGS<S>::step_from(const Problem<S>& f, const Vec<S>& x, const S& fx, const Vec<S>& g) {
  using std::sqrt;
  const auto n = x.size();
  this->have_ = false;
  if (x_prev_.size() == n) {
    s_new_ = x - x_prev_;
    y_new_ = g - g_prev_;
    const S sy = s_new_.dot(y_new_);
    if (sy > 0) {
      Vec<S> s_old, y_old;  // the storage of the oldest pair becomes the next scratch
      if (static_cast<int>(s_.size()) == m_) {
        s_old = std::move(s_.front());
        y_old = std::move(y_.front());
        s_.pop_front();
        y_.pop_front();
        rho_.pop_front();
      }
      s_.push_back(std::move(s_new_));
      y_.push_back(std::move(y_new_));
      rho_.push_back(1 / sy);
      s_new_ = std::move(s_old);
      y_new_ = std::move(y_old);
    }
  }
  if (g.isZero(0)) return x;
  // Two-loop recursion: d = −H g (N&W Alg. 7.4).
  Vec<S>& q = q_;
  q = g;
  const std::size_t k = s_.size();
  std::vector<S>& alpha = alpha_;
  alpha.resize(k);
  for (std::size_t i = k; i-- > 0;) {
    alpha[i] = rho_[i] * S(s_[i].dot(q));
    q -= alpha[i] * y_[i];
  }
  if (k > 0) q *= S(s_[k - 1].dot(y_[k - 1])) / S(y_[k - 1].squaredNorm());
  for (std::size_t i = 0; i < k; ++i) {
    const S beta = rho_[i] * S(y_[i].dot(q));
    q += (alpha[i] - beta) * s_[i];
  }
  q = -q;  // the direction d = −H g
  const S t0 = x_prev_.size() == n ? S(1) : S(1 / sqrt(S(g.squaredNorm())));
  LineSearchPoint<S> p = wolfe_search<S>(f, x, fx, g, q, t0, c1<S>(), c2<S>());
  x_prev_ = x;
  g_prev_ = g;
  this->remember(p.f, std::move(p.g));
  return x + p.t * q;
}

template class BFGS<double>;
template class BFGS<Mpfr>;
template class LBFGS<double>;
template class LBFGS<Mpfr>;

// ---- the registry's entries (methods.hpp): this family's description, written once

namespace {
template <class S>
std::unique_ptr<Optimizer<S>> build_bfgs(const MethodArgs&) {
  return std::make_unique<BFGS<S>>();
}
template <class S>
std::unique_ptr<Optimizer<S>> build_lbfgs(const MethodArgs& a) {
  return std::make_unique<LBFGS<S>>(a.integer("memory"));
}
}  // namespace

std::vector<MethodInfo> families::quasi_newton() {
  return {
      {.name = "bfgs",
       .summary = "x <- x + t d, d = -H g, H the BFGS inverse-Hessian estimate, t by a strong Wolfe search",
       .exact = "no (square roots)",
       .exactness = Exactness::no,
       .forms = {
{"bfgs", "paper", "Nocedal & Wright, Alg. 6.1", "x <- x + t d, d = -H g, H the BFGS inverse-Hessian estimate",
       "one form (strong Wolfe line search)", "--method bfgs", {"quasi_newton"}}
},
       .evaluations_per_step = 3,
       .dense_matrix = true,
       .make_double = build_bfgs<double>,
       .make_mpfr = build_bfgs<Mpfr>},
      {.name = "lbfgs",
       .summary = "as bfgs with H applied by the two-loop recursion over the last m pairs (s, y)",
       .parameters = {families::integer("memory", "6", "1", "1000", "number m of pairs (s, y) kept")},
       .exact = "no (square roots)",
       .exactness = Exactness::no,
       .forms = {
{"lbfgs", "paper", "Nocedal & Wright, Alg. 7.4; LBFGSpp", "the two-loop recursion over the last m pairs",
       "one form; torch.optim.LBFGS uses its own line search and is not compared", "--method lbfgs", {"quasi_newton"}}
},
       .evaluations_per_step = 3,
       .make_double = build_lbfgs<double>,
       .make_mpfr = build_lbfgs<Mpfr>},
  };
}

}  // namespace descent
