/** \page lesson_01_taylor Lesson 1 — Taylor series and Hessians
 *
 * Symbols: \f$h\f$ a displacement, \f$T_n\f$ the Taylor polynomial of degree \f$n\f$,
 * \f$m_2, m_3\f$ the second- and third-order models, \f$\nabla f\f$ the gradient,
 * \f$H = \nabla^2 f\f$ the Hessian, \f$r\f$ a radius. Sources: seeds 000 and 001.
 *
 * Gradient descent is justified by a Taylor expansion: near a point, a smooth function
 * is its linear (then quadratic) model plus a remainder that shrinks faster than the
 * step. This lesson checks each part of that sentence.
 *
 * \section l01_sin Step 1: the series of sin around π/4
 * Seed 001 writes
 * \f[ \sin x = \tfrac{1}{\sqrt2}\Big(1 + h - \tfrac{h^2}{2} - \tfrac{h^3}{6} + \tfrac{h^4}{24} + \dots - \tfrac{h^{10}}{10!}\Big),\quad h = x - \pi/4. \f]
 * The derivatives of sin cycle through \f$\sin,\cos,-\sin,-\cos\f$ and
 * \f$\sin\frac\pi4=\cos\frac\pi4=\frac1{\sqrt2}\f$, so the signs run \f$++--\f$: the seed's
 * eleven coefficients are checked exactly. The Lagrange form of the remainder gives
 * \f[ |\sin(\pi/4+h) - T_n(h)| \le M\frac{|h|^{n+1}}{(n+1)!},\qquad M \ge \sup|\sin^{(n+1)}|, \f]
 * and \f$M = 1\f$ always works. The constant \f$1/(n+1)!\f$ cannot be improved: with
 * \f$M_h\f$ the largest \f$|\sin^{(n+1)}|\f$ on \f$[\pi/4, \pi/4 + h]\f$ the ratio of error to bound
 * lies in \f$[1 - 2h, 1]\f$, checked for \f$h = 2^{-2}, \dots, 2^{-10}\f$ (tight in the limit).
 * For \f$|h| \le 1/2\f$ the error falls with every degree. Beyond, it depends on the sign
 * of \f$h\f$: for \f$h > 0.8261\dots\f$ the degree-1 error exceeds the degree-0 one (at
 * \f$h = 1\f$: a counterexample to "the errors fall" without \f$|h| \le 1/2\f$), while for
 * \f$h = -1.2\f$ they still fall up to degree 12. Seed 001 also says every function infinitely differentiable around
 * \f$x_0\f$ equals its Taylor series there. For \f$\varphi(x) = e^{-1/x^2}\f$ (0 at 0),
 * \f$\varphi^{(k)}(x) = P_k(1/x)\,\varphi(x)\f$ with \f$P_{k+1}(u) = -u^2P_k'(u) + 2u^3P_k(u)\f$, and
 * \f$\varphi^{(k)}(0) = \lim_{x\to0}\varphi^{(k-1)}(x)/x\f$ is bounded by the difference quotients
 * at \f$|x| \le 1/100\f$: the check certifies \f$|\varphi^{(k)}(0)| < 10^{-4000}\f$ for
 * \f$k \le 40\f$ (each is in fact 0), so every Taylor polynomial at 0 is that close to 0 and
 * the remainder stays \f$\varphi(1/2) = e^{-4}\f$ from degree 10 to degree 40. What the notes'
 * statement predicts is a remainder that falls with the degree, as sin's does (from
 * \f$8.3\cdot10^{-12}\f$ at degree 10 to \f$6.4\cdot10^{-27}\f$ at degree 20): the check asserts
 * \f$|\varphi - T_{40}| \le 10^{-20}|\varphi - T_{10}|\f$, which sin satisfies and \f$\varphi\f$
 * certainly does not — refuted. (A check that only compared \f$\varphi(1/2)\f$ with
 * \f$T_{10}(1/2)\f$ would "refute" sin as well: no polynomial equals sin.) The checks run in interval arithmetic (MPFI): a bound
 * passes only if the whole enclosure of the error lies below the whole enclosure of the
 * bound. With \f$M = 1/2\f$, below \f$|\sin^{(3)}| \approx 0.707\f$ near \f$\pi/4\f$, the bound fails —
 * the hypothesis on \f$M\f$ matters. Each bound check also runs the nearest wrong bound,
 * \f$(n+2)!\f$ in place of \f$(n+1)!\f$, and rejects it: the error exceeds it. (claim \ref claim_taylor_sin_pi4 "taylor_sin_pi4")
 * \image html taylor_errors.svg "Error of the Taylor polynomial of sin around pi/4 against the Lagrange bound (h = 1/2)"
 * \snippet 01_taylor/lesson.cpp l01-sin
 *
 * \section l01_quadratic Step 2: for a quadratic the second-order model is exact
 * \f[ f(x+h) = f(x) + \nabla f(x)^\top h + \tfrac12 h^\top H h \f]
 * holds with no remainder when \f$f\f$ is quadratic (seed 000): checked in exact rational
 * arithmetic on \f$f = \tfrac12 x^\top A x - b^\top x + c\f$. For the cubic
 * \f$g = x^2 + 2y^2 + 3xy^2\f$ it fails (the remainder is \f$3h_xh_y^2\f$).
 * (claim \ref claim_taylor_quadratic_exact "taylor_quadratic_exact")
 * \snippet 01_taylor/lesson.cpp l01-quadratic
 *
 * \section l01_error Step 3: the error of the model is third order
 * For \f$f = x^2y^3\f$ the third partials are \f$6y^2, 12xy, 6x^2\f$ (and 0), so with
 * \f$M_3\f$ their largest value on the box around \f$x\f$,
 * \f[ |f(x+h) - m_2(h)| \le \frac{M_3}{6}\|h\|_1^3, \qquad |f(x+h) - m_3(h)| \le \frac{M_4}{24}\|h\|_1^4 \f]
 * (seed 000 asks for degree 3). Both are checked exactly, and the measured slopes of
 * \f$\log e\f$ against \f$\log\|h\|\f$ are checked to be 3 and 4 (within 1/256 at
 * \f$h = 2^{-12}\f$). The hypothesis \f$f\in C^3\f$ matters: \f$f = |x|^{5/2}\f$ has error
 * \f$|h|^{5/2}\f$ at 0 — computed from \f$f\f$ and its derivatives at 0 — slope 5/2, which no
 * \f$C|h|^3\f$ bounds. The constant \f$1/6\f$ is attained as \f$h\to0\f$: at \f$(1, 0)\f$ along
 * \f$y\f$ the error is \f$t^3\f$ and the bound \f$(1+t)^2t^3\f$ (tight in the limit). On
 * \f$x^2y^3\f$ the fourth-order bound is not attained — only \f$f_{xxyy}\f$ and \f$f_{xyyy}\f$ are
 * non-zero while \f$\|h\|_1^4\f$ counts all 16 orders of the indices — but both constants are
 * attained exactly elsewhere: for \f$f = (x+y)^3\f$ and \f$(x+y)^4\f$ with \f$h \ge 0\f$ every
 * partial derivative of the top order is \f$3!\f$ (resp. \f$4!\f$), the model is the binomial
 * expansion without its last term, and the error \f$(h_x+h_y)^{3}\f$ (resp. \f$^4\f$) equals the
 * bound. There the wrong constants \f$M_3/12\f$ and \f$M_4/5!\f$ are rejected, and the slope
 * checks reject the order one too high. A \f$C^3\f$ function's slope is \f$3 - o(1)\f$ (the
 * \f$C^\infty\f$ \f$x^2y^3\f$ measures 2.99989), so the counterexample asserts the slope
 * \f$\ge 3 - 1/256\f$ that the holds checks use. (claim \ref claim_taylor_second_order_error "taylor_second_order_error")
 * \snippet 01_taylor/lesson.cpp l01-error
 *
 * \section l01_hessian Step 4: the Hessians of seed 000
 * \f[ H_f = \begin{bmatrix}2y^3 & 6xy^2\\ 6xy^2 & 6x^2y\end{bmatrix},\qquad
 *     H_g = \begin{bmatrix}2 & 6y\\ 6y & 4+6x\end{bmatrix}. \f]
 * Each is compared with second differences of \f$f\f$'s values (one Richardson step makes
 * them exact for polynomials of degree at most 5), an independent computation. Seed 000 first displays
 * \f$H_g = \begin{bmatrix}2x & 6y\\ 6y & 4y+6x\end{bmatrix}\f$; its own entry-by-entry
 * derivation gives the matrix above, and the check refutes the first display (the
 * holds check at \f$(1/2, 3)\f$ rejects it too; it agrees only at \f$x = y = 1\f$).
 * Mixed partials agree (Schwarz) for these smooth functions; for
 * \f$xy(x^2-y^2)/(x^2+y^2)\f$, not \f$C^2\f$ at 0, both exist and they are \f$+1\f$ and
 * \f$-1\f$: existence of the mixed partials is not enough.
 * (claims \ref claim_hessian_examples "hessian_examples", \ref claim_hessian_symmetric "hessian_symmetric")
 * \snippet 01_taylor/lesson.cpp l01-hessian
 *
 * \section l01_ball Step 5: the linear model on a small ball gives a gradient step
 * Seed 001 minimizes the first-order model \f$L(a,b) + u\,\Delta\theta_1 + v\,\Delta\theta_2\f$
 * over the red circle \f$\|\Delta\theta\| \le r\f$. By Cauchy–Schwarz
 * \f$g^\top s \ge -\|g\|\,\|s\|\f$, with equality only at \f$s^* = -r\,g/\|g\|\f$: a step along
 * \f$-g\f$ of length \f$r\f$, that is \f$\eta = r/\|g\|\f$ — normalized gradient descent when the
 * radius is fixed; the fixed learning rate \f$\eta\f$ of the notes corresponds to a radius
 * \f$r = \eta\|g\|\f$ that shrinks with the gradient. While the unconstrained minimizer lies
 * outside the ball, the true minimizer \f$s(r)\f$ of a quadratic on the ball satisfies
 * \f$(A+\lambda I)s = -g\f$ with \f$\|s\| = r\f$, so \f$s/r = -u/\|u\|\f$ with \f$u = g + As\f$,
 * \f$\|u - g\| \le r\|A\|_2\f$, and the angle between \f$u\f$ and \f$g\f$ is at most
 * \f$\arcsin\rho\f$, \f$\rho = r\|A\|_2/\|g\|\f$:
 * \f[ \Big\|\frac{s(r)}{r} + \frac{g}{\|g\|}\Big\| \le \arcsin\frac{r\|A\|_2}{\|g\|}: \f]
 * it approaches the gradient step as \f$r\to0\f$. The bound is never attained — the left side is
 * the chord \f$2\sin(\theta/2) < \theta \le \arcsin\rho\f$, and it is loose by a factor 7 as
 * \f$r\to0\f$. The true rate is sharper: expanding \f$(A+\lambda I)s = -g\f$, \f$\|s\| = r\f$ in
 * \f$r\f$ gives \f$s(r) = -r\hat g + \frac{r^2}{\|g\|}(I - \hat g\hat g^\top)A\hat g + O(r^3)\f$ with
 * \f$\hat g = g/\|g\|\f$, so
 * \f[ \Big\|\frac{s(r)}{r} + \hat g\Big\|\,\frac{\|g\|}{r} \to \|(I - \hat g\hat g^\top)A\hat g\| \f]
 * (\f$= 1/2\f$ here), checked in the limit form at \f$r = 2^{-20}\f$; it also shows that the two
 * minimizers differ (the distance is not 0). For small radii the linear model's step decreases
 * \f$f\f$: on \f$\tfrac12\|x\|^2\f$ at \f$(3, 4)\f$, \f$f(x - r\hat g) = \tfrac12\|x\|^2(1 - r/5)^2\f$ falls for
 * \f$r < 2\|g\|/\beta = 10\f$ and returns to the same level at \f$r = 10\f$ (tight). With a large
 * radius the linear model misleads: at \f$r = 15\f$ it predicts a decrease and \f$f\f$ grows. The figure shows both minimizers on
 * circles of growing radius. (claim \ref claim_linear_model_on_ball "linear_model_on_ball")
 * \image html red_circle.svg "The linear model's minimizer on the circle of radius r against the true one"
 * \snippet 01_taylor/lesson.cpp l01-ball
 *
 * \section l01_checks The checks
 * Every check of a run, as in the human output (exact values as 12-digit decimals, intervals
 * as certified bounds); the full values are in the lesson's `--json` output.
 * \htmlinclude lesson_01_taylor_checks.html
 *
 * \section l01_run A run
 * The output of `lesson_01_taylor` (every line is a check that ran):
 * \verbinclude lesson_01_taylor.txt
 */
#include <cmath>
#include <sstream>

#include "lesson_run.hpp"
#include "taylor.hpp"

using namespace descent;
using namespace descent::claims;
using Q = Rational;

namespace {
Vec<Q> vec2(const Q& a, const Q& b) {
  Vec<Q> v(2);
  v << a, b;
  return v;
}

// Seed 001's red circle: contours of f = ½xᵀAx, circles of radius r around x, the linear
// model's minimizer x − r g/‖g‖ and the true minimizer x + s(r) on each circle.
std::string red_circle_plot(const std::string& dir, const Mat<Mpfr>& A, const Vec<Mpfr>& x) {
  std::ostringstream grid, circles, linear, exact;
  auto f = [&](double u, double v) {
    const double a = to_double<Mpfr>(A(0, 0)), b = to_double<Mpfr>(A(0, 1)), c = to_double<Mpfr>(A(1, 1));
    return 0.5 * (a * u * u + 2 * b * u * v + c * v * v);
  };
  const double x0 = to_double<Mpfr>(x(0)), y0 = to_double<Mpfr>(x(1));
  for (int i = 0; i <= 80; ++i) {
    for (int j = 0; j <= 80; ++j) {
      const double u = x0 - 2.2 + 4.4 * i / 80, v = y0 - 2.2 + 4.4 * j / 80;
      grid << u << ' ' << v << ' ' << f(u, v) << '\n';
    }
    grid << '\n';
  }
  const Vec<Mpfr> g = A * x;
  const Mpfr gnorm = sqrt(Mpfr(g.squaredNorm()));
  for (const double r : {0.25, 0.5, 1.0, 1.5, 2.0}) {
    for (int k = 0; k <= 100; ++k)
      circles << x0 + r * std::cos(6.283185307179586 * k / 100) << ' ' << y0 + r * std::sin(6.283185307179586 * k / 100)
              << '\n';
    circles << "\n\n";
    const Vec<Mpfr> lin = x - Mpfr(r) * g / gnorm;
    linear << to_double<Mpfr>(lin(0)) << ' ' << to_double<Mpfr>(lin(1)) << '\n';
    const Vec<Mpfr> s = taylor::ball_minimizer(A, x, Mpfr(r));
    exact << to_double<Mpfr>(Mpfr(x(0) + s(0))) << ' ' << to_double<Mpfr>(Mpfr(x(1) + s(1))) << '\n';
  }
  return lessons::plot_svg(
      dir, "red_circle",
      "set title \"Seed 001's red circle: f = ½xᵀAx around x = (1, -2)\"\nset view map\nunset surface\nset contour base\n"
      "set cntrparam levels 14\nset table 'red_circle.tab'\nsplot 'red_circle_grid.dat' with lines\nunset table\n"
      "set size ratio -1\nset xlabel 'x_1'\nset ylabel 'x_2'\nset key below\n"
      "plot 'red_circle.tab' with lines lc rgb '#cccccc' notitle, 'red_circle_circles.dat' with lines lc rgb '#d62728' "
      "title 'circles r = 0.25, 0.5, 1, 1.5, 2', 'red_circle_linear.dat' with linespoints pt 7 lc rgb '#1f77b4' "
      "title 'linear model: x - r g/||g||', 'red_circle_exact.dat' with linespoints pt 5 lc rgb '#2ca02c' "
      "title 'true minimizer on the ball'",
      {{"red_circle_grid.dat", grid.str()},
       {"red_circle_circles.dat", circles.str()},
       {"red_circle_linear.dat", linear.str()},
       {"red_circle_exact.dat", exact.str()}});
}
}  // namespace

int main(int argc, char** argv) {
  lessons::LessonRun run{"01_taylor", "Taylor series and Hessians"};
  std::string h_text = "1/2";
  run.text_option("--displacement", h_text,
                  "the displacement h of the sin remainder checks, a decimal or p/q (numerator and denominator at most 10^18) "
                  "with 1/10 <= |h| <= 1/2 (for h > 0.826 the degree-1 error exceeds the degree-0 one)",
                  "1/2");
  if (auto rc = run.parse(argc, argv)) return *rc;

  return run.run([&] {
    const Q h = lessons::parse_parameter(h_text, "--displacement");
    const Q abs_h = h < 0 ? Q(-h) : h;
    if (abs_h < Q(1, 10) || abs_h > Q(1, 2))
      throw InputError("--displacement: must satisfy 1/10 <= |h| <= 1/2, got " + h_text);
    // A degree is checked only if its error, about |h|^{n+1}/(n+1)!, stands 12 digits
    // above the working precision, so that the interval enclosures can decide.
    auto resolvable = [&](int n) {
      Q term = 1;
      for (int k = 1; k <= n + 1; ++k) term *= abs_h / k;
      return from_rational<Mpfr>(term) > pow(Mpfr(10), 12 - run.digits());
    };

    //! [l01-sin]
    run.step("Step 1: the series of sin around pi/4", "Seed 001's coefficients, and the Lagrange remainder bound.");
    run.record(taylor::sin_series_coefficients());
    int n_max = 0;
    for (int n = 1; n <= 10 && resolvable(n); ++n) n_max = n;
    int skipped = 0;
    for (int n : {1, 2, 3, 5, 10}) {
      if (n <= n_max)
        run.record(taylor::sin_remainder_bound(n, h, Q(1), Kind::holds));
      else
        ++skipped;
    }
    if (skipped > 0)
      run.note("at --digits " + std::to_string(run.digits()) + " the error of degree " + std::to_string(n_max + 1) +
               " and above does not stand 12 digits above the working precision (the margin these certified "
               "checks keep): " + std::to_string(skipped) + " remainder check(s) skipped, errors compared up to degree " +
               std::to_string(n_max));
    // The constant 1/(n+1)! is attained as h -> 0.
    // The smallest h = 2^-k whose error (about 0.7 h^4/4!) the enclosures still resolve to
    // 1/100 of delta = 2h at this precision (k <= 10).
    int k_limit = 2;
    while (k_limit < 10 && pow(Mpfr(2), -5 * (k_limit + 1)) / 24 > 100 * pow(Mpfr(10), -run.digits())) ++k_limit;
    run.record(taylor::sin_remainder_limit(3, k_limit));
    run.record(taylor::sin_errors_fall(h, n_max));
    // Without |h| <= 1/2: at h = 1 the degree-1 error exceeds the degree-0 one.
    run.record(taylor::sin_errors_fall(Q(1), 1, Expect::counterexample("h_small")));
    // Seed 001: "any function infinitely differentiable around x0" equals its series.
    run.record(taylor::flat_function_not_its_series(Q(1, 2)));
    // M below sup|sin'''| near pi/4: the remainder bound fails.
    run.record(taylor::sin_remainder_bound(2, Q(1, 100), Q(1, 2), Expect::counterexample("M_bounds")));
    //! [l01-sin]

    //! [l01-quadratic]
    run.step("Step 2: for a quadratic the second-order model is exact", "Rational arithmetic, no rounding.");
    Mat<Q> A(3, 3);
    A << 4, 1, Q(1, 2), 1, 3, 0, Q(1, 2), 0, 2;
    Vec<Q> b(3), x(3), dx(3);
    b << 1, Q(-2, 3), 5;
    x << Q(1, 3), -2, Q(7, 5);
    dx << Q(-3, 4), Q(1, 9), 2;
    const Quadratic<Q> quad(A, b, Q(11, 7));
    run.record(taylor::quadratic_model_exact(quad, x, dx, Kind::holds));
    // a cubic: the model misses 3 h_x h_y^2
    run.record(taylor::quadratic_model_exact(SeedG<Q>(), vec2(1, 2), vec2(Q(1, 2), Q(1, 3)), Expect::counterexample("quadratic")));
    //! [l01-quadratic]

    //! [l01-error]
    run.step("Step 3: the error of the model is third order", "f = x^2 y^3 around (1, 1/2).");
    const Vec<Q> x0 = vec2(1, Q(1, 2));
    const Vec<Q> dir = vec2(Q(3, 5), Q(-4, 5));
    for (int k : {2, 6, 10}) {
      const Q t = Q(1) / Q(boost::multiprecision::pow(boost::multiprecision::mpz_int(2), k));
      run.record(taylor::seed_f_model_error(x0, t * dir, 2));
      run.record(taylor::seed_f_model_error(x0, t * dir, 3));
    }
    run.record(taylor::seed_f_model_error_limit(12));
    // The constants 1/3! and 1/4! attained exactly: (x+y)^3 and (x+y)^4 with h >= 0.
    run.record(taylor::model_error_attained(2, vec2(1, 2), vec2(Q(1, 4), Q(1, 8))));
    run.record(taylor::model_error_attained(3, vec2(1, 2), vec2(Q(1, 4), Q(1, 8))));
    run.record(taylor::seed_f_error_slope_check(x0, dir, 12, 2));
    run.record(taylor::seed_f_error_slope_check(x0, dir, 12, 3));
    run.record(taylor::non_c3_model_error(Q(1, 10000)));
    //! [l01-error]

    //! [l01-hessian]
    run.step("Step 4: the Hessians of seed 000", "Analytic Hessians against exact second differences.");
    run.record(taylor::hessian_matches_differences(SeedF<Q>(), vec2(Q(-2, 3), Q(3, 4))));
    run.record(taylor::seed_g_hessian_matches_differences(vec2(Q(1, 2), 3)));
    run.record(taylor::seed_g_first_display(vec2(Q(1, 2), 3)));
    run.record(taylor::mixed_partials_agree(SeedF<Q>(), vec2(Q(5, 4), Q(-1, 3))));
    run.record(taylor::mixed_partials_counterexample());
    //! [l01-hessian]

    //! [l01-ball]
    run.step("Step 5: the linear model on a small ball gives a gradient step",
             "Seed 001's red circle: the step -r g/||g|| has eta = r/||g|| (normalized gradient descent for a fixed r).");
    run.record(taylor::linear_model_minimizer(vec2(Q(-6, 5), Q(8, 5)), Q(1, 4)));
    Mat<Mpfr> Am(2, 2);
    Am << 3, 1, 1, 2;
    Vec<Mpfr> xm(2);
    xm << 1, -2;
    for (int k : {1, 5, 10, 20}) run.record(taylor::ball_minimizer_direction(Am, xm, pow(Mpfr(2), -k)));
    run.record(taylor::ball_minimizer_limit(Am, xm, 20));
    run.record(taylor::linear_step_decreases(Q(9)));
    run.record(taylor::linear_step_decreases(Q(10)));
    run.record(taylor::linear_model_large_radius());
    //! [l01-ball]

    if (run.plot_dir()) {
      // Error of T_n against the Lagrange bound |h|^{n+1}/(n+1)!, n = 0..n_max.
      std::ostringstream data;
      Q bound = abs_h;
      for (int n = 0; n <= n_max; ++n) {
        data << n << ' ' << to_double<Interval>(taylor::sin_taylor_error(n, h)) << ' ' << to_double<Q>(bound) << '\n';
        bound *= abs_h / (n + 2);
      }
      run.wrote_plot(lessons::plot_svg(*run.plot_dir(), "taylor_errors",
                        "set title 'Taylor polynomials of sin around π/4 at h = " + h.str() +
                            "'\nset xlabel 'degree n'\nset ylabel 'error'\nset logscale y\nset format y '10^{%T}'\n"
                            "set key top right\nplot 'taylor_errors.dat' using 1:2 with linespoints title "
                            "'|sin(π/4+h) - T_n(h)|', '' using 1:3 with lines dashtype 2 title 'Lagrange bound "
                            "|h|^{n+1}/(n+1)!'",
                        {{"taylor_errors.dat", data.str()}}));
      run.wrote_plot(red_circle_plot(*run.plot_dir(), Am, xm));
    }
  });
}
