// The ORG model's tables: lexicon::ModelTable (lexicon/model_table.h), which either owns
// its elements or views the prebuilt model's in the binary.
#pragma once

#include "lexicon/model_table.h"

namespace hanfacts::org {

template <class T>
using Table = lexicon::ModelTable<T>;

}  // namespace hanfacts::org
