#include "org/recognizer.h"

namespace hanfacts::org {

Result<Recognizer> Recognizer::create(std::span<const lexicon::Source>) { return Recognizer(); }

void Recognizer::find(const core::Document&, std::vector<core::Candidate>&) const {}

}  // namespace hanfacts::org
