/// \file plain_text.hpp
/// \brief The TeX of the claim index read as plain Unicode, for terminals and JSON
/// (`descent list`, a counterexample's `dropped`): one source of truth, the TeX.
#pragma once

#include <string>
#include <string_view>

namespace descent::claims {

/// The subset of TeX the claim index uses (\\frac, \\sqrt, \\text, greek letters,
/// relations, ^ and _, bmatrix, spacing) as plain Unicode: `\frac{1}{2\beta}` → `1/(2β)`,
/// `x^{n+1}` → `xⁿ⁺¹`, `\eta_{opt}` → `η_opt`. Throws std::invalid_argument on a
/// command it does not know, so that no backslash reaches a user.
std::string plain_text(std::string_view tex);

}  // namespace descent::claims
