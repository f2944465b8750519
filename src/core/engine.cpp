#include "core/engine.h"

#include <algorithm>
#include <cstdint>
#include <span>

#include "text/utf8.h"

namespace hanfacts::detail {
namespace {

// Candidates a thread keeps room for between documents (about 2 MB).
constexpr size_t kKeptCandidates = 16 * 1024;

// The order resolve_overlaps ranks a group of overlapping candidates in, as plain keys
// (the index last: the same order a stable sort gives).
struct RankKey {
  size_t len, start;
  int priority;
  uint32_t index;
};

// Working space a thread keeps between documents: with one fact per ~60 input bytes,
// vectors made afresh for each document cost more in allocation than their work.
struct Scratch {
  std::vector<std::pair<size_t, uint32_t>> by_start;  // (start, index) of non-empty candidates, when sorted
  std::vector<RankKey> group;
  std::vector<uint64_t> taken;  // one bit per byte of a group's extent
  std::vector<uint32_t> kept;   // resolve_overlaps' result: its first entries (the rest is room)
  std::vector<int> fact_id;     // candidate index -> 1-based fact id (only with equiv_of)
};

// The group of candidates chained by overlaps that resolve_overlaps is gathering: the
// candidates come in order of start (equal starts in any order: the groups do not
// depend on it), and a group stays open while the next start is before its furthest
// end. A group of one is kept as it is, a larger one ranked (rank_group).
struct OpenGroup {
  uint32_t first = 0;   // the first member
  size_t members = 0;   // 0: none open
  size_t base = 0;      // the first member's start
  size_t extent = 0;    // the members' furthest end
  // Where the next kept index goes: s.kept is sized for every candidate first (at most
  // that many are kept; it only grows, so it is not filled again for every document),
  // so that keeping one is a store, where push_back read and wrote the thread-local
  // vector's end and checked its room for each candidate.
  uint32_t* out = nullptr;
};

RankKey rank_key(const core::Candidates& cands, uint32_t index) {
  const core::Candidate& c = cands[index];
  return RankKey{c.end - c.start, c.start, c.priority, index};
}

// Keeps the winners of the group in s.group (base: its first start, extent: its end)
// at `out` (in s.kept's room), in text order, and returns the end of what it wrote.
[[gnu::noinline]] uint32_t* rank_group(const core::Candidates& cands, size_t base, size_t extent, uint32_t* out,
                                       Scratch& s) {
  auto& group = s.group;
  std::sort(group.begin(), group.end(), [](const RankKey& x, const RankKey& y) {
    if (x.len != y.len) return x.len > y.len;
    if (x.priority != y.priority) return x.priority > y.priority;
    if (x.start != y.start) return x.start < y.start;
    return x.index < y.index;
  });
  auto range_mask = [](size_t word, size_t from, size_t to) {  // bits of [from, to) in `word`
    const size_t lo = std::max(from, word * 64) - word * 64;
    const size_t hi = std::min(to, word * 64 + 64) - word * 64;
    const uint64_t upto_hi = hi == 64 ? ~uint64_t{0} : (uint64_t{1} << hi) - 1;
    return upto_hi & ~((uint64_t{1} << lo) - 1);
  };
  // Accepted spans never overlap, so a candidate is free exactly when none of its
  // bytes is taken (offsets from the group's start; spans are short).
  auto& taken = s.taken;
  taken.assign((extent - base + 63) / 64, 0);
  uint32_t* const first = out;
  for (const RankKey& key : group) {
    const size_t from = key.start - base, to = from + key.len;
    bool free = true;
    for (size_t w = from / 64; free && w <= (to - 1) / 64; ++w) free = !(taken[w] & range_mask(w, from, to));
    if (!free) continue;
    for (size_t w = from / 64; w <= (to - 1) / 64; ++w) taken[w] |= range_mask(w, from, to);
    *out++ = key.index;
  }
  // Kept spans are disjoint and non-empty: their starts differ.
  std::sort(first, out, [&](uint32_t a, uint32_t b) { return cands[a].start < cands[b].start; });
  return out;
}

// Adds the next candidate (`c`, at `index`, non-empty, in order of start) to the open
// group, or closes that group and opens one with it.
[[gnu::always_inline]] inline void add_to_groups(const core::Candidates& cands, const core::Candidate& c,
                                                 uint32_t index, OpenGroup& g, Scratch& s) {
  if (c.start < g.extent) {  // chained to the group by an overlap
    if (g.members == 1) {
      s.group.clear();
      s.group.push_back(rank_key(cands, g.first));
    }
    s.group.push_back(rank_key(cands, index));
    ++g.members;
    g.extent = std::max(g.extent, c.end);
    return;
  }
  if (g.members == 1) *g.out++ = g.first;  // overlaps nothing
  else if (g.members > 1) g.out = rank_group(cands, g.base, g.extent, g.out, s);
  g = OpenGroup{index, 1, c.start, c.end, g.out};
}

// Closes the last group; returns how many indices s.kept holds.
size_t close_groups(const core::Candidates& cands, OpenGroup& g, Scratch& s) {
  if (g.members == 1) *g.out++ = g.first;
  else if (g.members > 1) g.out = rank_group(cands, g.base, g.extent, g.out, s);
  return static_cast<size_t>(g.out - s.kept.data());
}

// Keeps a non-overlapping subset of candidates: longer spans first (a longer reading
// of the same text is the more specific one: "12조600억 원" over "600억 원"), then
// higher priority, then earlier start. Leaves the kept indices in text order in the
// first entries of `s.kept` and returns their number.
//
// A candidate can only lose to one it overlaps, so the greedy pass in that order gives
// the same result when run separately on each group of candidates chained by overlaps.
// Most candidates overlap nothing and are kept without ranking; only the groups (a
// number inside a money amount inside a date range ...) are ranked.
size_t resolve_overlaps(const core::Candidates& cands, std::span<const size_t> run_ends, Scratch& s) {
  const size_t total = run_ends.empty() ? 0 : run_ends.back();
  if (s.kept.size() < total) s.kept.resize(total);  // room for every candidate (see OpenGroup::out)
  // Each recognizer reports in text order (`run_ends`: where each one's candidates end),
  // so the candidates come in order of start by taking the earliest of the runs' next
  // ones: a merge read as it goes, where an array of (start, index) pairs was gathered
  // and merged again after each run. A run out of order (not expected) sorts them all
  // instead.
  constexpr size_t kMaxRuns = 3;  // ORG, MONEY, DATE
  constexpr size_t kDone = SIZE_MAX;
  if (run_ends.size() <= kMaxRuns) {
    // Per run: its next candidate, its end, and the next one's start (kDone: none left);
    // missing runs are empty. Pointers rather than indices into `cands`: an index costs
    // a multiplication and the vector's (thread-local) start at each use.
    struct Run {
      const core::Candidate* at;
      const core::Candidate* end;
      size_t head;
    };
    // Moves a run on to its next non-empty candidate.
    const auto settle = [](Run& run) {
      while (run.at != run.end && run.at->end <= run.at->start) ++run.at;
      run.head = run.at != run.end ? run.at->start : kDone;
    };
    const core::Candidate* const first = cands.data();
    Run runs[kMaxRuns];
    for (size_t r = 0, begin = 0; r < kMaxRuns; ++r) {
      const size_t end = r < run_ends.size() ? run_ends[r] : begin;
      runs[r] = Run{first + begin, first + end, kDone};
      settle(runs[r]);
      begin = end;
    }
    OpenGroup g;
    g.out = s.kept.data();
    bool in_order = true;
    while (in_order) {
      Run* run = runs[1].head < runs[0].head ? &runs[1] : &runs[0];
      if (runs[2].head < run->head) run = &runs[2];
      const size_t start = run->head;
      if (start == kDone) break;
      const core::Candidate& c = *run->at++;
      add_to_groups(cands, c, static_cast<uint32_t>(&c - first), g, s);
      settle(*run);
      in_order = run->head >= start;  // false: the run is out of order
    }
    if (in_order) return close_groups(cands, g, s);
  }
  auto& by_start = s.by_start;
  by_start.clear();
  for (size_t i = 0; i < total; ++i)
    if (cands[i].start < cands[i].end) by_start.emplace_back(cands[i].start, static_cast<uint32_t>(i));
  std::sort(by_start.begin(), by_start.end());
  OpenGroup g;
  g.out = s.kept.data();  // what the merge kept is dropped
  for (const auto& [start, index] : by_start) add_to_groups(cands, cands[index], index, g, s);
  return close_groups(cands, g, s);
}

}  // namespace

core::Lang lang_from_counts(size_t hangul, size_t han) {
  if (hangul == 0 && han == 0) return core::Lang::kUnknown;
  // Korean news glosses names in Hanja (深度求索), so a few Han characters among
  // Hangul do not make a Chinese article.
  return hangul * 4 >= han ? core::Lang::kKo : core::Lang::kZh;
}

core::Lang detect_lang(std::string_view text) {
  size_t hangul = 0, han = 0;
  const size_t limit = std::min<size_t>(text.size(), text::FoldedText::kLangWindow);
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t next_check = 256;
  for (size_t i = 0; i < limit;) {
    if (i >= next_check) {
      // Stop once the rest cannot change the answer: it holds at most this many more
      // Hangul or Han code points (three bytes or more each).
      next_check = i + 256;
      const size_t rest = (limit - i + 2) / 3;
      if (hangul > 0 && hangul * 4 >= han + rest) return core::Lang::kKo;
      if ((hangul + rest) * 4 < han) return core::Lang::kZh;
    }
    const unsigned b = s[i];
    if (b < 0x80) { ++i; continue; }
    // Folded text is valid UTF-8: Hangul and Han are three-byte sequences.
    if ((b & 0xF0) == 0xE0 && i + 2 < text.size()) {
      const char32_t c = text::decode3(s + i);
      hangul += text::is_hangul_syllable(c);
      han += text::is_han(c);
      i += 3;
      continue;
    }
    char32_t c = text::next_code_point(text, i);
    if (text::is_hangul_syllable(c)) ++hangul;
    else if (text::is_han(c)) ++han;
  }
  return lang_from_counts(hangul, han);
}

Result<std::shared_ptr<const Engine>> Engine::create(const Options& options) {
  std::shared_ptr<Engine> e(new Engine());
  e->find_dates_ = options.find_dates;
  e->rule_names_ = options.rule_names;
  e->fact_text_ = options.fact_text;
  {
    auto made = date::Recognizer::create(lexicon::builtin_sources("date"));
    if (!made.ok()) return made.status();
    e->dates_.emplace(std::move(made).value());
  }
  {
    auto made = core::RegionDetector::create(lexicon::builtin_sources("region"));
    if (!made.ok()) return made.status();
    e->regions_ = std::move(made).value();
  }
  if (options.find_money) {
    auto made = money::Recognizer::create(lexicon::builtin_sources("money"));
    if (!made.ok()) return made.status();
    e->money_.emplace(std::move(made).value());
  }
  if (options.find_orgs) {
    std::vector<lexicon::Source> sources;
    if (options.use_builtin_lexicons) sources = lexicon::builtin_sources("org");
    std::vector<std::string> storage;
    auto user = lexicon::load_user_sources(options.org_lexicons, storage);
    if (!user.ok()) return user.status();
    for (auto& s : user.value()) sources.push_back(s);
    auto made = org::Recognizer::create(sources);
    if (!made.ok()) return made.status();
    e->orgs_.emplace(std::move(made).value());
  }
  return std::shared_ptr<const Engine>(std::move(e));
}

std::string internal_error_warning(const std::exception& e) {
  return std::string("internal error, no facts for this document: ") + e.what();
}

void Engine::extract_into(std::string_view text, const DocContext& context, Extraction& result) const {
  // The views are copied into the facts: a reused Extraction's strings take the new
  // values into the room they already have.
  thread_local std::vector<core::FactView> views;
  if (views.capacity() > kKeptCandidates) std::vector<core::FactView>().swap(views);
  find_facts(text, context, result, views);
  result.facts.resize(views.size());
  for (size_t k = 0; k < views.size(); ++k) {
    const core::FactView& v = views[k];
    Fact& f = result.facts[k];
    f.type = v.type;
    f.start = v.start;
    f.end = v.end;
    if (fact_text_) f.text.assign(v.text);
    else f.text.clear();
    f.value.assign(v.value);
    f.unit.assign(v.unit);
    f.flags.assign(v.flags);
    if (rule_names_) f.rule.assign(v.rule);
    else f.rule.clear();
  }
}

void Engine::extract_views(std::string_view text, const DocContext& context, Extraction& info,
                           std::vector<core::FactView>& facts) const {
  try {
    find_facts(text, context, info, facts);
  } catch (const std::exception& e) {
    facts.clear();
    info.ref_date.clear();
    info.ref_source.clear();
    info.lang.clear();
    info.warnings.assign(1, internal_error_warning(e));
  }
}

void Engine::find_facts(std::string_view text, const DocContext& context, Extraction& result,
                        std::vector<core::FactView>& facts) const {
  // Everything is reset but the capacity.
  result.ref_date.clear();
  result.ref_source.clear();
  result.warnings.clear();
  facts.clear();
  // The folded copy and its offset map keep their room from one document to the next.
  thread_local text::FoldedText folded_storage;
  folded_storage.assign(text);
  const text::FoldedText& folded = folded_storage;
  // The fold's one pass over the bytes also finds the first malformed sequence.
  const size_t bad = folded.first_invalid();
  if (bad != std::string_view::npos)
    result.warnings.push_back("invalid UTF-8 at byte " + std::to_string(bad) + " (read as U+FFFD)");

  core::Document doc{folded, folded.text()};
  doc.regions = &regions_;
  // The fold counted Hangul and Han over the same window detect_lang reads (and the
  // early stops there never change its answer): the same result without a second pass.
  doc.lang = lang_from_counts(folded.hangul_count(), folded.han_count());
  result.lang = doc.lang == core::Lang::kKo ? "ko" : doc.lang == core::Lang::kZh ? "zh" : "";

  if (!context.ref_date.empty()) {
    doc.ref = date::parse_ref_date(context.ref_date);
    if (doc.ref) result.ref_source = context.ref_source;
    else result.warnings.push_back("reference date '" + context.ref_date + "' is not YYYY-MM-DD; ignored");
  }
  date::Scan date_scan;  // parses shared by dateline detection and the date scan
  if (!doc.ref && dates_) {
    doc.ref = dates_->detect_reference(doc, find_dates_ ? &date_scan : nullptr);
    if (doc.ref) result.ref_source = "dateline";
  }
  if (doc.ref) result.ref_date = date::format_ref_date(*doc.ref);

  // Candidates and working space per thread, kept between documents: growing a new
  // vector as each recognizer appends moved every earlier candidate again, and the
  // candidates themselves are reused with their strings' room (core::Candidates). The
  // facts' views see the candidates until the next document, so a huge document's room
  // is given back only when that one starts.
  thread_local core::Candidates cands;
  thread_local Scratch scratch;
  if (cands.room() > kKeptCandidates) {
    cands.release();
    scratch = Scratch();
  }
  cands.clear();
  size_t run_ends[3];  // where each recognizer's candidates end (each is in text order)
  size_t runs = 0;
  if (orgs_) {
    orgs_->find(doc, cands);
    run_ends[runs++] = cands.size();
  }
  if (money_) {
    money_->find(doc, cands);
    run_ends[runs++] = cands.size();
  }
  if (dates_ && find_dates_) {
    dates_->find(doc, cands, &date_scan);
    run_ends[runs++] = cands.size();
  }

  // Spans apart in the folded text can meet in the original when both touch one code
  // point whose folding expanded (¾ folds to 3⁄4: "3" and "4日" map back to the same ¾);
  // the first such fact is kept (found by fuzz_extract).
  const size_t n_resolved = resolve_overlaps(cands, std::span<const size_t>(run_ends, runs), scratch);
  std::vector<uint32_t>& kept = scratch.kept;  // its first n_resolved entries, then n_kept

  // Each fact's view is written as its span is mapped back, in the same pass.
  facts.reserve(n_resolved);
  text::FoldedText::Cursor to_original(folded);  // kept facts are in text order
  size_t n_kept = 0, last_end = 0;
  bool any_equiv = false;
  // The thread-local vectors' starts in locals: the views' stores may alias them, and
  // a thread-local's address is worked out again at each use.
  const core::Candidate* const all = cands.data();
  uint32_t* const kept_at = kept.data();
  const char* const original = text.data();
  for (size_t k = 0; k < n_resolved; ++k) {
    const uint32_t i = kept_at[k];
    const core::Candidate& c = all[i];
    const size_t start = to_original.start(c.start);
    const size_t end = to_original.end(c.end);
    if (end <= start || (n_kept > 0 && start < last_end)) continue;
    last_end = end;
    kept_at[n_kept++] = i;
    any_equiv |= c.equiv_of >= 0;
    // The map's offsets are within the text (its end at most): no substr check. Made in
    // place (see FactView's constructor from a candidate).
    facts.emplace_back(c, start, end, original);
  }
  // "equiv=N" flags from the facts' ids (rare: only when some fact restates another),
  // added to the candidate's flags, which the view then sees again.
  if (any_equiv) {
    std::vector<int>& fact_id = scratch.fact_id;
    fact_id.assign(cands.size(), 0);
    for (size_t k = 0; k < n_kept; ++k) fact_id[kept[k]] = static_cast<int>(k + 1);
    for (size_t k = 0; k < n_kept; ++k) {
      core::Candidate& c = cands[kept[k]];
      const int of = c.equiv_of;
      if (of >= 0 && static_cast<size_t>(of) < cands.size() && fact_id[of] > 0) {
        core::add_flag(c.flags, "equiv=" + std::to_string(fact_id[of]));
        facts[k].flags = c.flags;
      }
    }
  }
}

}  // namespace hanfacts::detail
