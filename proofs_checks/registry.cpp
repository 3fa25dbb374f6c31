// The claim index: every claim of the course, its statement, hypotheses and source.
#include "claim.hpp"

namespace descent::claims {

const std::vector<ClaimInfo>& all_claims() {
  static const std::vector<ClaimInfo> claims = {
      // ---- 01 taylor ----
      {"taylor_sin_pi4", "01_taylor",
       R"(T_n(h)=\sum_{k\le n}\frac{\sin^{(k)}(\pi/4)}{k!}h^k,\quad |\sin(\pi/4+h)-T_n(h)|\le M\frac{|h|^{n+1}}{(n+1)!})",
       {{"M_bounds", R"(M\ge\sup|\sin^{(n+1)}| \text{ on the segment } (M=1 \text{ always works}))"},
        {"h_small", R"(|h|\le 1/2 \text{ for the errors to fall with } n)"}},
       "seed 001 (series of sin around pi/4); Lagrange form of the remainder; erratum: seed 001 says every "
       "infinitely differentiable function equals its Taylor series (false for exp(-1/x^2))"},
      {"taylor_quadratic_exact", "01_taylor",
       R"(f(x+h)=f(x)+\nabla f(x)^\top h+\tfrac12 h^\top\nabla^2 f(x)\,h \text{ exactly})",
       {{"quadratic", R"(f \text{ quadratic})"}}, "seed 000 (second-order Taylor series)"},
      {"taylor_second_order_error", "01_taylor",
       R"(|f(x+h)-m_2(h)|=O(\|h\|^3),\ |f(x+h)-m_3(h)|=O(\|h\|^4))",
       {{"C3", R"(f\in C^3 \text{ (resp. } C^4\text{) near } x)"}}, "seed 000 (\"what if degree 3?\")"},
      {"hessian_examples", "01_taylor",
       R"(H_f=\begin{bmatrix}2y^3&6xy^2\\6xy^2&6x^2y\end{bmatrix},\ H_g=\begin{bmatrix}2&6y\\6y&4+6x\end{bmatrix})",
       {}, "seed 000 (examples of Hessian matrices); erratum: H_g first displayed as [[2x,6y],[6y,4y+6x]]"},
      {"hessian_symmetric", "01_taylor", R"(\partial_x\partial_y f=\partial_y\partial_x f)",
       {{"C2", R"(f\in C^2 \text{ (Schwarz)})"}}, "seed 000 (Hessian); Schwarz's theorem"},
      {"linear_model_on_ball", "01_taylor",
       R"(\arg\min_{\|s\|\le r} f(x)+\nabla f(x)^\top s=-r\,\nabla f(x)/\|\nabla f(x)\|;\ \text{for small } r \text{ this step decreases } f \text{ and approaches the true minimizer on the ball})",
       {{"grad_nonzero", R"(\nabla f(x)\ne0)"},
        {"small_radius", R"(r \text{ small against } \|\nabla f\|/\|\nabla^2 f\| \text{ (the linear model faithful on the ball)})"}},
       "seed 001 (the red circle)"},
      // ---- 02 descent lemma ----
      {"gd_step_second_order", "02_descent_lemma",
       R"(L(w-\varepsilon g)=L(w)-\varepsilon g^\top g+\tfrac12\varepsilon^2 g^\top H g\ (+O(\varepsilon^3)))",
       {{"quadratic", R"(L \text{ quadratic (for the identity without remainder)})"},
        {"C3", R"(L\in C^3 \text{ (for the } O(\varepsilon^3) \text{ remainder)})"}},
       "seed 000; erratum: the notes write - 1/2 eps^2 g^T H eps g"},
      {"gd_step_bound_along_gradient", "02_descent_lemma",
       R"(g^\top Hg>0:\ L \text{ does not increase iff } \varepsilon\le 2g^\top g/g^\top Hg;\quad g^\top Hg\le0:\ \text{every } \varepsilon>0 \text{ decreases it})",
       {{"quadratic", R"(L \text{ quadratic (the second-order model is exact), or } L \text{ concave in the case } g^\top Hg\le0)"},
        {"step_below", R"(\varepsilon\le 2g^\top g/g^\top Hg \text{ when } g^\top Hg>0)"}},
       "seed 000; erratum: for non-quadratic L, g^T H g <= 0 does not make every step decrease L"},
      {"gd_descent_lemma", "02_descent_lemma",
       R"(f(x^+)\le f(x)-\eta(1-\beta\eta/2)\|\nabla f(x)\|^2;\ \eta=1/\beta:\ f(x)-f(x^+)\ge\|\nabla f(x)\|^2/(2\beta))",
       {{"beta_smooth", R"(\|\nabla^2 f\|_2\le\beta \text{ everywhere})"}},
       "seed 003 (Descent Lemma); seed 000; erratum: seed 000 bounds g^T H g by ||g||^2, dropping L"},
      {"gd_min_grad_norm_rate", "02_descent_lemma",
       R"(\min_{t<T}\|\nabla f(x_t)\|^2\le \frac{2(f(x_0)-f^*)}{\eta(2-\beta\eta)T},\ \text{at } \eta=1/\beta:\ \frac{2\beta(f(x_0)-f^*)}{T};\ \text{so } \|\nabla f\|^2\le\delta \text{ within } 2\beta(f(x_0)-f^*)/\delta \text{ steps})",
       {{"beta_smooth", R"(\|\nabla^2 f\|_2\le\beta)"},
        {"bounded_below", R"(f\ge f^* \text{ everywhere})"},
        {"step_range", R"(0<\eta<2/\beta)"}},
       "seed 000; seed 003; erratum: seed 000 takes the minimum over steps 1..t against a sum over 0..t-1"},
      {"least_squares_gradient", "02_descent_lemma",
       R"(\nabla\|\Phi^\top w-y\|^2=2(\Phi\Phi^\top w-\Phi y),\quad \nabla^2=2\Phi\Phi^\top)", {},
       "seed 000; erratum: the notes write Phi Phi^T w - Phi y (the gradient of half the loss)"},
      // ---- 03 step size regimes ----
      {"quadratic_1d_regimes", "03_step_size_regimes",
       R"(E=\tfrac12aw^2+bw+c,\ \eta_{opt}=1/a:\ \eta<\eta_{opt}\text{ monotone};\ =\eta_{opt}\text{ one step};\ (\eta_{opt},2\eta_{opt})\text{ oscillating};\ =2\eta_{opt}\text{ constant amplitude};\ >2\eta_{opt}\text{ divergence})",
       {{"convex", R"(a>0)"}}, "seed 002 (convergence for quadratic surfaces); erratum: line 695's \"oscillate in all directions where eta_i,opt <= eta\""},
      {"gd_stable_iff_below_2_over_L", "03_step_size_regimes",
       R"(\text{GD on a quadratic converges from every start} \iff 0<\eta<2/\lambda_{\max}=2\min_i\eta_{i,opt})",
       {{"spd", R"(A \text{ symmetric positive definite})"},
        {"diagonal", R"(A \text{ diagonal, for the per-coordinate rule } \eta<2\min_i 1/a_{ii})"}},
       "seed 002 (dependence on learning rate); erratum: line 693's \"Otherwise, the learning will diverge\" at eta = 2 min eta_i,opt"},
      {"gd_monotone_decrease_not_guaranteed", "03_step_size_regimes",
       R"(L(\theta^0)>L(\theta^1)>\dots \text{ holds for } \eta<2/L \text{ on } L\text{-smooth functions, not in general})",
       {{"step_below", R"(\eta<2/L)"}, {"smooth", R"(\|\nabla^2 f\|\le L)"}}, "seed 001 (Question: is this statement correct?)"},
      {"convergence_rate_ratio", "03_step_size_regimes",
       R"(R=\frac{|f(x_{k+1})-f^*|}{|f(x_k)-f^*|} \text{ constant } \Rightarrow |f(x_k)-f^*|\le R^k|f(x_0)-f^*|,\ \text{linear convergence when } R<1)",
       {{"quadratic", R"(\text{quadratic objective } (R \text{ the same at every step}))"},
        {"R_below_1", R"(R<1\ (0<\eta<2\eta_{opt}))"}},
       "seed 002 (convergence and convergence rate); erratum: the notes omit R < 1"},
  };
  return claims;
}

}  // namespace descent::claims
