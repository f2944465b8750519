#include "money/recognizer.h"

namespace hanfacts::money {

Result<Recognizer> Recognizer::create(std::span<const lexicon::Source>) { return Recognizer(); }

void Recognizer::find(const core::Document&, std::vector<core::Candidate>&) const {}

}  // namespace hanfacts::money
