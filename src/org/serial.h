// The ORG model's reader and writer: lexicon/serial.h's, shared with the DATE model.
#pragma once

#include "lexicon/serial.h"
#include "org/table.h"

namespace hanfacts::org {

using lexicon::SerialReader;
using lexicon::SerialWriter;

}  // namespace hanfacts::org
