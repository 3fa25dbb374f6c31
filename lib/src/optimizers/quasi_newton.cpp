// BFGS and L-BFGS with a strong-Wolfe line search (lesson 07).
#include "descent/optimizers/quasi_newton.hpp"
#include "families.hpp"

#include <algorithm>

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


// ---- torch.optim.LBFGS (PyTorch 1.13, torch/optim/lbfgs.py), line for line

namespace {
// Python's max(a, b) and min(a, b) on two numbers: the first unless the second is strictly
// larger (smaller), so a NaN first argument is kept, as in torch's _cubic_interpolate.
template <class S>
S py_max(const S& a, const S& b) { return b > a ? b : a; }
template <class S>
S py_min(const S& a, const S& b) { return b < a ? b : a; }

template <class S>
S max_abs(const Vec<S>& v) {
  using std::abs;
  S m = 0;  // torch: v.abs().max(); every entry here has n ≥ 1
  for (Eigen::Index i = 0; i < v.size(); ++i)
    if (i == 0 || abs(v[i]) > m) m = abs(v[i]);
  return m;
}

// torch's _cubic_interpolate: the minimizer of the cubic through (x1, f1, g1), (x2, f2, g2),
// clamped to the bounds (default: between x1 and x2); their midpoint when the cubic has no
// minimizer.
template <class S>
S cubic_interpolate(const S& x1, const S& f1, const S& g1, const S& x2, const S& f2, const S& g2,
                    const S* lo = nullptr, const S* hi = nullptr) {
  using std::sqrt;
  const S xmin_bound = lo ? *lo : (x1 <= x2 ? x1 : x2);
  const S xmax_bound = hi ? *hi : (x1 <= x2 ? x2 : x1);
  const S d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
  const S d2_square = d1 * d1 - g1 * g2;
  if (d2_square >= 0) {
    const S d2 = sqrt(d2_square);
    const S min_pos = x1 <= x2 ? S(x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)))
                               : S(x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2)));
    return py_min(py_max(min_pos, xmin_bound), xmax_bound);
  }
  return (xmin_bound + xmax_bound) / 2;
}

template <class S>
struct WolfeResult {
  S f, t;
  Vec<S> g;
  int evaluations = 0;
};

// torch's _strong_wolfe(obj_func, x, t, d, f, g, gtd), c1 = 1e-4, c2 = 0.9, tolerance_change =
// 1e-9, max_ls = 25: bracketing by cubic extrapolation, then zoom.
template <class S>
WolfeResult<S> torch_strong_wolfe(const Problem<S>& problem, const Vec<S>& x, S t, const Vec<S>& d, const S& f,
                                  const Vec<S>& g, const S& gtd) {
  using std::abs;
  const S c1 = S(1) / 10000, c2 = S(9) / 10, tolerance_change = S(1) / 1000000000;
  const int max_ls = 25;
  const S d_norm = max_abs(d);
  auto evaluate = [&](const S& step, Vec<S>& g_out) { return problem.value_and_gradient(Vec<S>(x + step * d), g_out); };
  Vec<S> g_new;
  S f_new = evaluate(t, g_new);
  int evals = 1;
  S gtd_new = g_new.dot(d);

  S t_prev = 0, f_prev = f, gtd_prev = gtd;
  Vec<S> g_prev = g;
  bool done = false;
  int ls_iter = 0;
  std::vector<S> bracket, bracket_f, bracket_gtd;
  std::vector<Vec<S>> bracket_g;
  while (ls_iter < max_ls) {
    if (f_new > f + c1 * t * gtd || (ls_iter > 1 && f_new >= f_prev)) {
      bracket = {t_prev, t};
      bracket_f = {f_prev, f_new};
      bracket_g = {g_prev, g_new};
      bracket_gtd = {gtd_prev, gtd_new};
      break;
    }
    if (abs(gtd_new) <= -c2 * gtd) {
      bracket = {t};
      bracket_f = {f_new};
      bracket_g = {g_new};
      done = true;
      break;
    }
    if (gtd_new >= 0) {
      bracket = {t_prev, t};
      bracket_f = {f_prev, f_new};
      bracket_g = {g_prev, g_new};
      bracket_gtd = {gtd_prev, gtd_new};
      break;
    }
    // interpolate
    const S min_step = t + S(S(1) / 100) * (t - t_prev);  // torch: t + 0.01 * (t - t_prev)
    const S max_step = t * 10;
    const S tmp = t;
    t = cubic_interpolate(t_prev, f_prev, gtd_prev, t, f_new, gtd_new, &min_step, &max_step);
    t_prev = tmp;
    f_prev = f_new;
    g_prev = g_new;
    gtd_prev = gtd_new;
    f_new = evaluate(t, g_new);
    ++evals;
    gtd_new = g_new.dot(d);
    ++ls_iter;
  }
  if (ls_iter == max_ls) {
    bracket = {S(0), t};
    bracket_f = {f, f_new};
    bracket_g = {g, g_new};
  }
  // zoom
  bool insuf_progress = false;
  std::size_t low_pos = bracket_f[0] <= bracket_f.back() ? 0 : 1, high_pos = 1 - low_pos;
  while (!done && ls_iter < max_ls) {
    if (abs(bracket[1] - bracket[0]) * d_norm < tolerance_change) break;
    t = cubic_interpolate(bracket[0], bracket_f[0], bracket_gtd[0], bracket[1], bracket_f[1], bracket_gtd[1]);
    const S b_max = py_max(bracket[0], bracket[1]), b_min = py_min(bracket[0], bracket[1]);
    const S eps = S(S(1) / 10) * (b_max - b_min);  // torch: 0.1 * (max - min)
    if (py_min(S(b_max - t), S(t - b_min)) < eps) {
      if (insuf_progress || t >= b_max || t <= b_min) {
        t = abs(t - b_max) < abs(t - b_min) ? S(b_max - eps) : S(b_min + eps);
        insuf_progress = false;
      } else {
        insuf_progress = true;
      }
    } else {
      insuf_progress = false;
    }
    f_new = evaluate(t, g_new);
    ++evals;
    gtd_new = g_new.dot(d);
    ++ls_iter;
    if (f_new > f + c1 * t * gtd || f_new >= bracket_f[low_pos]) {
      bracket[high_pos] = t;
      bracket_f[high_pos] = f_new;
      bracket_g[high_pos] = g_new;
      bracket_gtd[high_pos] = gtd_new;
      low_pos = bracket_f[0] <= bracket_f[1] ? 0 : 1;
      high_pos = 1 - low_pos;
    } else {
      if (abs(gtd_new) <= -c2 * gtd) {
        done = true;
      } else if (gtd_new * (bracket[high_pos] - bracket[low_pos]) >= 0) {
        bracket[high_pos] = bracket[low_pos];
        bracket_f[high_pos] = bracket_f[low_pos];
        bracket_g[high_pos] = bracket_g[low_pos];
        bracket_gtd[high_pos] = bracket_gtd[low_pos];
      }
      bracket[low_pos] = t;
      bracket_f[low_pos] = f_new;
      bracket_g[low_pos] = g_new;
      bracket_gtd[low_pos] = gtd_new;
    }
  }
  return {bracket_f[low_pos], bracket[low_pos], std::move(bracket_g[low_pos]), evals};
}
}  // namespace

template <class S>
TorchLBFGS<S>::TorchLBFGS(TorchLBFGSOptions<S> options) : o_(std::move(options)) {
  if (!(o_.lr > 0)) throw InputError("lr: must be > 0, got " + to_string<S>(o_.lr));
  if (o_.max_iter < 1) throw InputError("max_iter: must be >= 1, got " + std::to_string(o_.max_iter));
  if (o_.max_eval < 1) throw InputError("max_eval: must be >= 1, got " + std::to_string(o_.max_eval));
  if (!(o_.tolerance_grad >= 0)) throw InputError("tolerance_grad: must be >= 0, got " + to_string<S>(o_.tolerance_grad));
  if (!(o_.tolerance_change >= 0))
    throw InputError("tolerance_change: must be >= 0, got " + to_string<S>(o_.tolerance_change));
  if (o_.history_size < 1) throw InputError("history_size: must be >= 1, got " + std::to_string(o_.history_size));
  if (ScalarTraits<S>::exact && o_.strong_wolfe)
    throw InputError("line_search: strong_wolfe interpolates with square roots and cannot run with --exact; use --digits D");
}

template <class S>
void TorchLBFGS<S>::reset(int) {
  n_iter_ = 0;
  old_dirs_.clear();
  old_stps_.clear();
  ro_.clear();
  H_diag_ = 1;
  d_.resize(0);
  prev_flat_grad_.resize(0);
  t_ = 0;
  al_.assign(static_cast<std::size_t>(o_.history_size), S(0));
  last_evaluations_ = 0;
  this->have_ = false;
}

template <class S>
Vec<S> TorchLBFGS<S>::step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) {
  return step_from(f, x, this->value_here(f, x), g);
}

template <class S>
Vec<S> TorchLBFGS<S>::step_from(const Problem<S>& problem, const Vec<S>& x0, const S& fx, const Vec<S>& g0) {
  using std::abs;
  this->have_ = false;
  last_evaluations_ = 0;
  if (al_.size() != static_cast<std::size_t>(o_.history_size)) al_.assign(static_cast<std::size_t>(o_.history_size), S(0));
  S loss = fx;
  Vec<S> flat_grad = g0;
  if (max_abs(flat_grad) <= o_.tolerance_grad) {  // optimal condition: nothing to do
    this->remember(loss, std::move(flat_grad));
    return x0;
  }
  Vec<S> x = x0;
  bool fresh = true;  // loss and flat_grad belong to x
  int current_evals = 1;
  int n_iter = 0;
  while (n_iter < o_.max_iter) {
    ++n_iter;
    ++n_iter_;
    // direction
    if (n_iter_ == 1) {
      d_ = -flat_grad;
      old_dirs_.clear();
      old_stps_.clear();
      ro_.clear();
      H_diag_ = 1;
    } else {
      Vec<S> y = flat_grad - prev_flat_grad_;
      Vec<S> s = d_ * t_;
      const S ys = y.dot(s);
      if (ys > S(1) / 10000000000) {
        if (static_cast<int>(old_dirs_.size()) == o_.history_size) {
          old_dirs_.pop_front();
          old_stps_.pop_front();
          ro_.pop_front();
        }
        const S yy = y.dot(y);
        old_dirs_.push_back(std::move(y));
        old_stps_.push_back(std::move(s));
        ro_.push_back(1 / ys);
        H_diag_ = ys / yy;
      }
      const std::size_t num_old = old_dirs_.size();
      Vec<S> q = -flat_grad;
      for (std::size_t i = num_old; i-- > 0;) {
        al_[i] = S(old_stps_[i].dot(q)) * ro_[i];
        q -= al_[i] * old_dirs_[i];
      }
      d_ = q * H_diag_;
      for (std::size_t i = 0; i < num_old; ++i) {
        const S be_i = S(old_dirs_[i].dot(d_)) * ro_[i];
        d_ += (al_[i] - be_i) * old_stps_[i];
      }
    }
    prev_flat_grad_ = flat_grad;
    const S prev_loss = loss;
    // step length
    if (n_iter_ == 1) {
      S l1 = 0;
      for (Eigen::Index i = 0; i < flat_grad.size(); ++i) l1 += abs(flat_grad[i]);
      t_ = py_min(S(1), S(1 / l1)) * o_.lr;
    } else {
      t_ = o_.lr;
    }
    const S gtd = flat_grad.dot(d_);
    if (gtd > -o_.tolerance_change) break;  // not a descent direction (enough): stop without moving
    int ls_func_evals = 0;
    bool opt_cond = false;
    if (o_.strong_wolfe) {
      if constexpr (!ScalarTraits<S>::exact) {
        WolfeResult<S> r = torch_strong_wolfe(problem, x, t_, d_, loss, flat_grad, gtd);
        loss = r.f;
        flat_grad = std::move(r.g);
        t_ = r.t;
        ls_func_evals = r.evaluations;
        x = x + t_ * d_;
        fresh = true;
        opt_cond = max_abs(flat_grad) <= o_.tolerance_grad;
      }
    } else {
      x = x + t_ * d_;
      fresh = false;
      if (n_iter != o_.max_iter) {  // torch re-evaluates except after the last iteration
        loss = problem.value_and_gradient(x, flat_grad);
        fresh = true;
        opt_cond = max_abs(flat_grad) <= o_.tolerance_grad;
        ls_func_evals = 1;
      }
    }
    current_evals += ls_func_evals;
    last_evaluations_ += ls_func_evals;
    if (n_iter == o_.max_iter) break;
    if (current_evals >= o_.max_eval) break;
    if (opt_cond) break;
    if (max_abs(Vec<S>(d_ * t_)) <= o_.tolerance_change) break;
    if (abs(loss - prev_loss) < o_.tolerance_change) break;
  }
  if (fresh) this->remember(loss, std::move(flat_grad));
  return x;
}

template class BFGS<double>;
template class BFGS<Mpfr>;
template class LBFGS<double>;
template class LBFGS<Mpfr>;
template class TorchLBFGS<double>;
template class TorchLBFGS<Mpfr>;
template class TorchLBFGS<Rational>;

// ---- the registry's entries (methods.hpp): this family's description, written once

namespace {
template <class S>
std::unique_ptr<Optimizer<S>> build_bfgs(const MethodArgs&) {
  return std::make_unique<BFGS<S>>();
}
template <class S>
std::unique_ptr<Optimizer<S>> build_lbfgs(const MethodArgs& a) {
  const bool torch = a.word("convention") == "pytorch";
  for (const char* flag : {"lr", "max-iter", "max-eval", "tolerance-grad", "tolerance-change", "history-size", "line-search"})
    if (!torch) a.refuse(flag, "only with --convention pytorch (torch.optim.LBFGS); the paper form has --memory");
  if (!torch) {
    if constexpr (ScalarTraits<S>::exact)
      throw InputError("--method: lbfgs takes square roots and cannot run with --exact (except --convention pytorch "
                       "without a line search); use --digits D");
    else
      return std::make_unique<LBFGS<S>>(a.integer("memory"));
  }
  a.refuse("memory", "not with --convention pytorch (torch's name is --history-size)");
  TorchLBFGSOptions<S> o;
  o.lr = a.number<S>("lr");
  o.max_iter = a.integer("max-iter");
  o.max_eval = a.has("max-eval") ? a.integer("max-eval") : o.max_iter * 5 / 4;
  o.tolerance_grad = a.number<S>("tolerance-grad");
  o.tolerance_change = a.number<S>("tolerance-change");
  o.history_size = a.integer("history-size");
  o.strong_wolfe = a.word("line-search") == "strong_wolfe";
  return std::make_unique<TorchLBFGS<S>>(o);
}
double lbfgs_evaluations(const MethodArgs& a) {
  if (a.word("convention") != "pytorch") return 3;
  // up to max_eval evaluations per optimizer step (checked after each iteration; a line search
  // may pass it by up to 25): count max_eval, at least max_iter
  const int max_iter = a.integer("max-iter");
  return a.has("max-eval") ? std::max(a.integer("max-eval"), max_iter) : std::max(max_iter * 5 / 4, max_iter);
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
       .summary = "as bfgs with H applied by the two-loop recursion over the last m pairs (s, y); --convention pytorch: "
                  "torch.optim.LBFGS, one step = one optimizer.step(closure) of up to max-iter iterations",
       .parameters = {families::convention("paper", {"paper", "pytorch"},
                                           "paper: Nocedal & Wright with a strong Wolfe search; pytorch: torch.optim.LBFGS"),
                      families::integer("memory", "6", "1", "1000", "number m of pairs (s, y) kept (paper form)"),
                      families::positive("lr", "1", "fixed step, or the line search's first trial (pytorch form)"),
                      families::integer("max-iter", "20", "1", "1000000", "iterations per step (torch's max_iter)"),
                      families::optional(families::integer("max-eval", "", "1", "100000000",
                                                           "evaluations per step (torch's max_eval; default max-iter 5/4)")),
                      families::nonnegative("tolerance-grad", "1e-7",
                                            "a step does nothing when max |g_i| <= this (torch's tolerance_grad)"),
                      families::nonnegative("tolerance-change", "1e-9",
                                            "a step ends when |f - f_prev| or max |t d_i| falls below this (torch's "
                                            "tolerance_change)"),
                      families::integer("history-size", "100", "1", "1000", "pairs (s, y) kept (torch's history_size)"),
                      families::word("line-search", "none", {"none", "strong_wolfe"},
                                     "none: x <- x + lr d; strong_wolfe: torch's cubic-interpolation search (torch's "
                                     "line_search_fn)")},
       .exact = "with --convention pytorch --line-search none",
       .exactness = Exactness::conditional,
       .torch = "torch.optim.LBFGS",
       .forms = {
{"lbfgs", "paper", "Nocedal & Wright, Alg. 7.4; LBFGSpp", "the two-loop recursion over the last m pairs, H0 = s'y/y'y I, "
       "a strong Wolfe search from t = 1/norm(g), then 1; one iteration per step",
       "pairs with s'y <= 0 skipped; torch's form below differs in almost everything around the recursion",
       "--method lbfgs", {"quasi_newton"}},
{"lbfgs", "pytorch", "torch.optim.LBFGS (PyTorch 1.13, after minFunc)",
       "up to max_iter iterations per step; d = -g first, then the two-loop recursion with H_diag = y's/y'y; "
       "t = min(1, 1/sum(abs(g))) lr first, then lr; with --line-search strong_wolfe torch's cubic-interpolation search",
       "pairs kept only when y's > 1e-10 (absolute); a fixed step lr unless --line-search strong_wolfe; first step "
       "scaled by the l1 norm of g; an iteration moving no more than tolerance-change, or changing f by less, ends "
       "the step; the search's own tolerance is 1e-9 whatever --tolerance-change says (torch does not pass it); "
       "torch's docstring says tolerance_grad defaults to 1e-5, its code uses 1e-7 (the code is followed)",
       "--method lbfgs --convention pytorch", {}, {"tests/cli/torch_oracle.py"}}
},
       .evaluations_per_step = 3,
       .step_evaluations = lbfgs_evaluations,
       .make_double = build_lbfgs<double>,
       .make_mpfr = build_lbfgs<Mpfr>,
       .make_exact = build_lbfgs<Rational>},
  };
}

}  // namespace descent
