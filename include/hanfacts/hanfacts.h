// hanfacts: facts (organizations, money, dates) from Korean and Chinese news text.
// Umbrella header; see extractor.h for a usage example.
#pragma once

#include "hanfacts/extractor.h"
#include "hanfacts/fact.h"
#include "hanfacts/options.h"
#include "hanfacts/status.h"
#include "hanfacts/writer.h"
