#include "org/recognizer.h"

#include <algorithm>
#include <optional>
#include <array>
#include <atomic>
#include <bit>
#include <cstring>
#include <iterator>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "date/written.h"
#include "lexicon/places.h"
#include "numeral/numeral.h"
#include "org/automaton.h"
#include "org/byte_search.h"
#include "org/code_points.h"
#include "org/fuzzy.h"
#include "org/lexicon.h"
#include "org/serial.h"
#include "org/trie.h"
#include "text/fold.h"
#include "text/utf8.h"
#include "text/zh_words.h"

// Throughput (tests/unit/org_test.cpp "org: throughput", HANFACTS_ORG_BENCH=1): the
// recognizer alone on pre-folded corpus articles (16 MB), thread CPU time, Release, on a
// shared and loaded 2-core machine, alternating with the src/org of 1ca19d6:
//   built-in lexicon (1,835 entries, 8,482 names)          113-122 MB/s (was 86-91)
//   built-in + 60,000 synthetic entries (188,482 names)    65-73 MB/s (was 50-56)
// tools/micro_bench BM_Org (one 4 MB document): 128-140 MB/s (was 115-122). Callgrind,
// 4 MB of JSONL news, per-document work: ORG 176 M instructions (was 253 M); the scan's
// usual steps (fast_steps) 74 M of it, about 35 instructions a code point. Later (same
// sample): 169 M -> 161 M with the typo index's syllable-triple filter, then (main's
// reused candidate vector, e2b0be4, moved that to 146 M) -> 138 M with the one walk for
// Chinese name starts and unchecked three-byte decoding; fast_steps (74 M) is over
// half of it. Then 138 M -> 134.7 M with reports and typo-pass runs handled from inside
// fast_steps (it returned ~98k times, each return and call back ~50 instructions). Then
// 135.1 M -> 126.7 M (fast_steps 57.7 M -> 48.8 M: three-byte code points tested first,
// no report test on the usual step, 16-bit root transitions), with no change in wall time
// (BM_Org, the throughput test): the loop is bound by mispredicted branches more than by
// instructions. Cachegrind's branch simulation counts ~1.1 M of them in fast_steps for
// 1.41 M code points (three-byte test 0.41 M, quick-mask test 0.21 M, run class changes
// 0.18 M, spaces 0.12 M), where words and single spaces alternate; a further gain needs
// fewer data-dependent branches per code point (decoding and space removal in a vector
// pass of their own), not fewer instructions. The steps per byte are the same for both
// lexicons (one automaton step per code point); the large one loses to cache misses in its larger tables (quick masks,
// state records, edge blocks), partly on Latin words (random Latin names fill the first
// letters of the trie, so Latin text walks deeper states).
// Then the text decoded a block at a time ahead of the automaton (org/code_points.h:
// AVX-512 VBMI2 compress and byte permutes, else AVX2 masks and gathers), so the loop
// over a block (step_block) branches on the quick mask alone. Alternating with 7b65848
// on a loaded machine: BM_Org 136-140 MB/s (was 120-127), the throughput test 152-159
// MB/s (was 142-145) and 95-101 MB/s with 60k synthetic entries (was 94-96); whole
// pipeline, 60 MB JSONL, --jobs 1, user time 1.20-1.29 s (was 1.25-1.40). With AVX2
// alone (forced) BM_Org is level with 7b65848. Perf (cpu-clock) shares of that run: the
// scan 16.4-17.2% (step_block 8.9, decode 2.2-2.4, find 4.5-5.1 with the space/run
// loops, report_at 0.4, record_run 0.4; was fast_steps 16.2 + find 3.3); step_block's time now goes
// mostly to the full steps' loads (state record, edge block, report byte), not to
// branches. Callgrind cannot run AVX-512: it runs the AVX2 decoder, ORG 148 M
// instructions on the 4 MB sample (was 130 M; the vector work counts few instructions
// but the per-block loops add some). Then edges marked with their child's reports
// bit (no report byte table in the full step), one record per state for reports, and
// the typo pass's runs kept without a branch on their length. All four against main
// at 9dd7e80 with them reverted (same output): BM_Org median 126.9 -> 139.8 MB/s,
// pipeline user time median 1.445 -> 1.405 s (min 1.41 -> 1.34), throughput test
// 119-124 -> 122-129 MB/s and 79-81 -> 83-89 MB/s with 60k synthetic entries; perf
// shares: fast_steps 16.7 + find 4.2 + report_keys 4.1 -> step_block 10.8 + find 4.8
// + report_keys 3.4 + decode 2.3. Tried and dropped, no gain measured: prefetching
// the state record after a full step; the quick mask inside the state record.
// Then a reported key read from one record by the state the scan is in (Model::KeyInfo),
// not three dependent loads (report, payload by trie state, NameInfo): report_keys
// 3.27% -> 2.61% of the whole run (60 MB JSONL, --jobs 1, perf cpu-clock), BM_Org
// median 120.6 -> 123.0 MB/s. Per kept ORG fact the scan reports 1.7 keys (813k keys,
// 579k names added, 478k facts out on that input), so there is little to filter.
// Session 12 (perf cpu-clock, 60 MB JSONL, --jobs 1): a fifth of the code points take
// the full step (4 MB sample: 313k of ~1.5M; 72% of them find an edge, mostly from a
// first code point into a second), so the scan's time is those loads. Per hit, the
// time is spread thin over twenty functions, much of it cache misses in tables by
// entry, name and word. Tried and dropped, no gain measured: prefetching the quick
// mask of the root's transition on the code point eight ahead (the depth-one states'
// masks mostly hit already); prefetching each name's record by entry in scan() for
// resolve() and emit(), and each fact's text before emit().

namespace hanfacts::org {
namespace {

enum class Script : uint8_t { kOther = 0, kLatin = 1, kHangul = 2, kHan = 3 };  // fits 2 bits

inline Script script_of(char32_t c) {
  if (c < 0x80) return text::is_ascii_alpha(c) || text::is_ascii_digit(c) ? Script::kLatin : Script::kOther;
  if (text::is_hangul_syllable(c)) return Script::kHangul;
  if (text::is_han(c)) return Script::kHan;
  return Script::kOther;
}

// Always inline: Matcher::step_block() tests it for every name it ends (right_ok()), where
// GCC, given a few more lines elsewhere in this file, called an outlined part of it instead.
[[gnu::always_inline]] inline bool is_latin_alnum(char32_t c) { return c < 0x80 && (text::is_ascii_alpha(c) || text::is_ascii_digit(c)); }

// WordRole bits: a word may have several roles.
using RoleBits = uint64_t;
constexpr RoleBits role_bit(WordRole r) { return RoleBits{1} << static_cast<unsigned>(r); }
static_assert(static_cast<unsigned>(WordRole::kCount) <= 64, "WordRole bits must fit RoleBits");
constexpr RoleBits kTrailerRoles = role_bit(WordRole::kParticle) | role_bit(WordRole::kKindWord);

// next_code_point with the two common cases (ASCII, three-byte Hangul/Han) inline, for
// the document's text: FoldedText output is valid UTF-8 (malformed bytes became U+FFFD),
// so a lead byte E0-EF and the two bytes after it are one code point, inside the text,
// never an overlong form or a surrogate, and need no checks (the values are
// next_code_point's). `s` must be valid UTF-8 (the original text need not be: see
// capitalised_in_original()).
[[gnu::always_inline]] inline char32_t next_cp(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  if ((b0 & 0xF0) == 0xE0) {
    const auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
    i += 3;
    return (char32_t{b0 & 0x0Fu} << 12) | (char32_t{b1 & 0x3Fu} << 6) | (b2 & 0x3Fu);
  }
  return text::next_code_point(s, i);
}

// prev_code_point with the two common cases (ASCII, three-byte Hangul/Han) inline, for
// the document's text (valid UTF-8, see next_cp: a three-byte form read back is never
// overlong or a surrogate). In valid UTF-8 a lead byte E0-EF three bytes back opens a
// form whose two continuation bytes are the two before `i`: the lead alone says so.
[[gnu::always_inline]] inline char32_t prev_cp(std::string_view s, size_t& i) {
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  if (b[i - 1] < 0x80) {
    --i;
    return b[i];
  }
  if (i >= 3 && (b[i - 3] & 0xF0) == 0xE0) {
    const char32_t c = (char32_t{b[i - 3] & 0x0Fu} << 12) | (char32_t{b[i - 2] & 0x3Fu} << 6) | (b[i - 1] & 0x3Fu);
    i -= 3;
    return c;
  }
  return text::prev_code_point(s, i);
}

// Whether `text` is `word`, a constant at the call: its size, then its bytes compared
// inline (a compare of that constant size is a few loads), where operator== called
// string_view::compare out of line whenever the sizes matched (公司 and 银行 are both
// six bytes).
[[gnu::always_inline]] inline bool is_word(std::string_view text, std::string_view word) {
  return text.size() == word.size() && std::memcmp(text.data(), word.data(), word.size()) == 0;
}

// UTF-8 bytes of a code point.
inline size_t utf8_bytes(char32_t c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

[[gnu::always_inline]] inline char32_t decode_at(std::string_view s, size_t i) { return i < s.size() ? next_cp(s, i) : 0; }
[[gnu::always_inline]] inline char32_t decode_before(std::string_view s, size_t i) { return i > 0 ? prev_cp(s, i) : 0; }

}  // namespace

// What a prebuilt model was made from: each source's name and size, in order. create()
// reads the model only for the very built-in files (same names, same bytes in static
// storage); this record catches a model left over from other files.
struct SourcesSeen {
  std::vector<std::string> names;
  std::vector<uint64_t> sizes;
  SourcesSeen() = default;
  explicit SourcesSeen(std::span<const lexicon::Source> sources) {
    for (const lexicon::Source& s : sources) {
      names.push_back(s.name);
      sizes.push_back(s.content.size());
    }
  }
  template <class Io>
  void serial(Io& io) {
    io(names), io(sizes);
  }
  bool operator==(const SourcesSeen&) const = default;
};
struct NameInfo {
  uint32_t entry = 0;
  uint32_t cps = 0;  // code points of the key
  bool context = false;
  bool place = false;  // Name::place
  bool has_space = false;
  // `entry` holds the key as a local name (Name::local): no entry when the article's
  // region is none of `regional`'s, which then lists every entry of the key.
  bool local = false;
  int32_t regional = -1;  // index into Model::regional when the key names entries of several regions, or a local one
};

struct Payload {
  int32_t name = -1;    // index into Model::names
  int32_t suffix = -1;  // index into Model::suffixes
  RoleBits roles = 0;
};

struct Model {
  SourcesSeen made_from;  // what build() compiled (not in serial(): save() writes it first)
  // Tells this model from every other one made in the process, one freed before
  // included (not in serial(): a Matcher's memo of full steps holds one model's steps
  // and is cleared when it runs on another).
  const uint64_t id = next_id();
  static uint64_t next_id() {
    static std::atomic<uint64_t> made{0};
    return ++made;
  }
  // The entries themselves (org::Entry, with their strings) are build()'s: a scan reads
  // what it needs of them from the compact tables below (entry_out, entry_region,
  // government_keys), which the prebuilt model holds as they are.
  size_t entry_count = 0;
  Table<NameInfo> names;
  // By name, what the scan's hits read of its NameInfo, in 4 bytes (a table that stays
  // in cache where NameInfo's 20 would not): the entry, kNameContext, kNamePlace, and
  // kNameRegional when the entry depends on the article's region (then NameInfo).
  // kNameHomeGovernment: its entry, or one of a regional name's, has kEntryHomeGovernment
  // (most documents name none, and then Matcher::find_foreign_bodies() reads no hit).
  Table<uint32_t> name_entry;
  // kNameOpensLonger: its key opens a longer name's key (유럽연합 in 유럽연합 집행위원회; see
  // Matcher::join_names_around_glosses, which walks on only from those).
  static constexpr uint32_t kNameContext = 1u << 31, kNameRegional = 1u << 30, kNamePlace = 1u << 29,
                            kNameHomeGovernment = 1u << 28, kNameOpensLonger = 1u << 27;
  static constexpr uint32_t kNameFlags =
      kNameContext | kNameRegional | kNamePlace | kNameHomeGovernment | kNameOpensLonger;
  // By entry, what emit() copies into each fact (value, unit, qid) side by side in
  // `out_text`, so a fact reads one short record and one run of bytes, not three
  // strings of a 224-byte Entry (and their heap buffers).
  // The record also holds the entry's flags that the checks of each hit read (kEntry*):
  // a hit's entry costs one cache miss for them all, the one emit() then reads again.
  struct EntryOut {
    uint32_t off = 0;       // into out_text: value, then unit, then the qid's flag ("qid=Q...", none without a qid)
    uint32_t value = 0;     // their bytes
    uint16_t unit = 0, qid = 0;
    uint8_t flags = 0;      // kEntry* bits
    uint8_t unused[3] = {};  // the model's bytes stay the same from build to build
  };
  static_assert(sizeof(EntryOut) == 16);
  // What a fact's flags write before an entry's qid (core/document.h: "qid=N").
  static constexpr std::string_view kQidFlagPrefix = "qid=";
  // A government body whose names say its country (韩国国防部, 中国国防部: a place word
  // inside a name); see Matcher::after_foreign_place.
  static constexpr uint8_t kEntryHomeGovernment = 1;
  // Its kind is a business one (company, lab, investor, exchange, research_firm), for
  // the support of context names.
  static constexpr uint8_t kEntryBusiness = 2;
  // Its kind is media (a newsroom's outlet before a byline stays itself).
  static constexpr uint8_t kEntryMedia = 4;
  // Its kind is government (a national body read as a local department: local_department).
  static constexpr uint8_t kEntryGovernment = 8;
  // Its kind is international (a bloc named before a market or a region's noun is the
  // region: bloc_as_region).
  static constexpr uint8_t kEntryInternational = 16;
  // One of its names is also a currency's name (role currency_name: 한화): see
  // Matcher::names_currency, asked only then.
  static constexpr uint8_t kEntryCurrencyName = 32;
  bool entry_has(uint32_t e, uint8_t flag) const { return (entry_out[e].flags & flag) != 0; }
  Table<EntryOut> entry_out;
  // A model table, not a string: the prebuilt model's load views it where it lies, where a
  // string was copied at every start.
  Table<char> out_text;
  // Keys shared by entries of different regions (财政部), or local names (NameInfo::local):
  // every such entry; NameInfo::entry holds the default one (one whose name is not local,
  // and of those no region, else cn).
  std::vector<std::vector<uint32_t>> regional;
  // By entry, its region (Entry::region) as an index into `regions`, the distinct ones.
  Table<uint8_t> entry_region;
  std::vector<std::string> regions;
  // By entry, the entry of the city a district lies in (Entry::within), else kNoCity. A
  // key in `regional` whose entries have one is a district's name several cities have
  // (중구): the scan picks the district of the city the article names.
  Table<uint32_t> entry_within;
  static constexpr uint32_t kNoCity = UINT32_MAX;
  // By entry with kEntryHomeGovernment: its names' keys, each followed by '\n' (no key
  // holds one), from government_keys_at[e] to government_keys_at[e + 1] in
  // government_keys; empty for the other entries.
  Table<uint32_t> government_keys_at;
  std::string government_keys;
  std::string_view keys_of_government(uint32_t e) const {
    return std::string_view(government_keys).substr(government_keys_at[e], government_keys_at[e + 1] - government_keys_at[e]);
  }
  std::vector<Suffix> suffixes;
  // By suffix, 1 when an ordinary word (role common) runs on past its key (大学 in 大学生,
  // 公司 in 公司法): find_patterns() looks for one at a suffix's hit only after these, as
  // the text from the hit's start is the key itself; 1 too for a key with a space, which
  // the scan reads otherwise.
  std::vector<uint8_t> suffix_opens_common;
  // The scan's automaton over a trie of names, suffixes and ORG words together; it
  // reports names, suffixes and common words. The trie and its payloads are create()'s
  // locals: after the automaton and key_info are built no lookup reads them (about 5 MB).
  Automaton ac;
  size_t trie_states = 0;  // states of that trie (Recognizer::state_count())
  // By automaton state s, what report_keys() and on_key() read of the longest key
  // reported in s (Automaton::report(s), maybe a suffix of s's string), in one 16-byte
  // record indexed by the state the scan is in. The automaton's own records and the
  // payloads are three loads in a row (report, then payload by trie state, then the
  // name's NameInfo), each mostly a cache miss; this is one, and a shorter key ending at
  // the same place one more: its record is the one of its own state, named here, so the
  // chain reads no table of the automaton (Automaton::next_report() cost a miss there).
  struct alignas(16) KeyInfo {
    uint32_t shorter = Automaton::kNone;  // Automaton::next_report(Automaton::report(s))
    uint32_t bytes = 0;                   // Automaton::key_bytes(report): 0 when s reports no key
    int32_t name = -1;                   // the key's Payload::name
    // (the key's Payload::suffix + 1) << kKeySuffixShift | its code points << kKeyFlagBits
    // (0 for 256 or more) | the kKey* flags
    uint32_t packed = 0;
  };
  static constexpr unsigned kKeyFlagBits = 5;
  // The key's code points let the scan find its start in the block it ends in (the
  // decoder's start of each code point), where its bytes alone had it look for spaces
  // left out inside it (Matcher::report_keys()).
  static constexpr unsigned kKeySuffixShift = kKeyFlagBits + 8;
  static constexpr uint32_t kMaxSuffixes = (1u << (32 - kKeySuffixShift)) - 2;
  static constexpr uint32_t kKeyCommon = 1, kKeySuffixWord = 2;
  // The name may be read across a left-out space (NameInfo: has_space or five code points or more).
  static constexpr uint32_t kKeySpacedName = 4;
  // A shorter key ends with this one (`shorter` != kNone).
  static constexpr uint32_t kKeyShorter = 8;
  // A word of one of kGateRoles (Matcher::note_gate_word()).
  static constexpr uint32_t kKeyGateWord = 16;
  // Roles whose words are rare in news and which some check of every hit looks for next
  // to it (names_brand(), names_town(), names_service(), names_building(),
  // names_product()), or a walk of the whole document (food_doc()): the scan reports
  // their words too, so a document holding none (most) skips those checks with one bit
  // test.
  static constexpr RoleBits kGateRoles = role_bit(WordRole::kBrandWord) | role_bit(WordRole::kAppWord) |
                                         role_bit(WordRole::kTown) | role_bit(WordRole::kRunBy) |
                                         role_bit(WordRole::kBuildingFront) | role_bit(WordRole::kProduct) |
                                         role_bit(WordRole::kFoodWord);
  Table<KeyInfo> key_info;
  static int32_t key_suffix(const KeyInfo& k) { return static_cast<int32_t>(k.packed >> kKeySuffixShift) - 1; }
  // The key's code points, or 0 when it has 256 or more.
  static size_t key_cps(const KeyInfo& k) { return (k.packed >> kKeyFlagBits) & 0xFF; }
  // Per BMP code point, so the scan learns from one load all it needs about the code point
  // on its usual step: in the low six bits the bit of a state's quick mask the step reads
  // (Automaton::hash_bit, or kNoEdgeBit for a code point that continues no key: then
  // every state steps as the root, or kFullStepBit for one whose root transition
  // reports: then no state does), at kClassShift its class for the typo pass's runs
  // (kLatin, kHangul, else kOther; kOther for all when no name is fuzzy-indexed), at
  // kRootReportsBit whether the root transition reports a key (kFullStepBit says so too,
  // but a test of the low bits would share the usual step's mask of them, which the
  // compiler then works out before the branch, on every code point), at kHashShift
  // Automaton::hash_bit itself (the full step's, which the low bits do not always
  // hold), and in the top 16 bits the automaton's root transition. The bit number sits where a bit test reads it
  // and the state where one shift gets it: the usual step is two loads, a bit test and
  // a shift (it was a mask and a shift more). The root's children are numbered first, in
  // code point order, so a BMP code point's root transition is below 2^16 unless every
  // BMP code point starts a key (create() refuses such a lexicon).
  static constexpr unsigned kRootShift = 16;
  static constexpr uint32_t kRootReportsBit = 1u << 8;
  static_assert(kRootReportsBit << 20 == Automaton::kReportsMark);
  static constexpr unsigned kHashShift = 9;  // six bits, below kRootShift
  static unsigned hash_bit_of(uint32_t info) { return (info >> kHashShift) & 63; }
  static constexpr uint32_t kRootMax = (1u << 16) - 1;
  static constexpr uint32_t kQuickBit = 63;
  static constexpr uint32_t kMaxStates = (1u << 28) - 1;
  // The entry for a code point beyond the BMP: its step is the full one from every
  // state (it may start or continue a key; root_of() is the root, not its transition),
  // and its class kOther. No BMP code point's entry is this one (the low bits of one
  // are kFullStepBit only with kRootReportsBit), so a scan tells them apart by it.
  static constexpr uint32_t kBeyondBmp = Automaton::kFullStepBit;
  Table<uint32_t> cp_info;
  static uint32_t root_of(uint32_t info) { return info >> kRootShift; }
  // root_of(info) with Automaton::kReportsMark when it reports (Automaton::marked()).
  static uint32_t marked_root(uint32_t info) { return root_of(info) | (info & kRootReportsBit) << 20; }
  // The entry for `c`, whose root transition is `to` (ac.root_step(c), at most kRootMax).
  uint32_t make_info(char32_t c, uint32_t to) const {
    Script run = script_of(c);
    if (run == Script::kHan || fuzzy.empty()) run = Script::kOther;
    // A code point that continues no key steps as the root from every state.
    // A code point whose root transition reports a key takes the full step from every
    // state, which tests for reports: the usual step then needs no test of its own.
    const unsigned bit = ac.reports(to)    ? Automaton::kFullStepBit
                         : ac.continues(c) ? Automaton::hash_bit(c)
                                           : Automaton::kNoEdgeBit;
    return to << kRootShift | Automaton::hash_bit(c) << kHashShift | bit | static_cast<uint32_t>(run) << kClassShift |
           (ac.reports(to) ? kRootReportsBit : 0);
  }
  FuzzyIndex fuzzy;

  // The suffixes and ORG words alone (no names), for the checks around a key that look
  // for words only (particles after a name, stop words before a pattern): a small trie
  // whose cost does not grow with the number of names.
  CodePointTrie words;
  std::vector<Payload> word_payload;
  Payload& word_at(uint32_t state) {
    if (word_payload.size() <= state) word_payload.resize(state + 1);
    return word_payload[state];
  }
  const Payload* word_get(uint32_t state) const { return state < word_payload.size() ? &word_payload[state] : nullptr; }
  // Bits per BMP code point that ends a place word (role place) and a division word
  // (role division): a text position whose code point before is in neither ends no
  // such word, whatever its start (after_foreign_place(), ends_with_division()).
  std::vector<uint64_t> place_last = std::vector<uint64_t>(1024, 0);
  std::vector<uint64_t> division_last = std::vector<uint64_t>(1024, 0);
  // The same for facility words (港, 机场): most hits end with no such code point. And for
  // app words (앱): most Korean names follow no such word.
  std::vector<uint64_t> facility_last = std::vector<uint64_t>(1024, 0);
  std::vector<uint64_t> app_last = std::vector<uint64_t>(1024, 0);
  static bool has_bit(const std::vector<uint64_t>& bits, char32_t c) { return c > 0xFFFF || (bits[c >> 6] >> (c & 63)) & 1; }
  // Bits per BMP code point that is a one-character county's name (role county): kept
  // here, not as words, since they are names, where every role word is generic.
  std::vector<uint64_t> county_names = std::vector<uint64_t>(1024, 0);
  // By role, a bit per BMP code point that starts a word of that role: a walk of
  // `words` for a word of some roles (a legal form after each lexicon hit, particles
  // after a Hangul name, topic words through a sentence) starts only where one may.
  static constexpr size_t kRoles = static_cast<size_t>(WordRole::kCount);
  // kRoles * 1024 words, set when the model is built. A model table, which the prebuilt
  // model's load views where it lies: as a vector made with its size (some 470 KB) it
  // was zeroed, then copied over, at every start.
  Table<uint64_t> role_first;
  // False when no word with one of `roles` (role_bit()s) starts with `c`.
  bool may_start_role(char32_t c, RoleBits roles) const {
    if (c > 0xFFFF) return true;
    // The roles asked for alone (one to three of them), not a test of each of kRoles.
    for (RoleBits rs = roles; rs != 0; rs &= rs - 1)
      if ((role_first[static_cast<size_t>(std::countr_zero(rs)) * 1024 + (c >> 6)] >> (c & 63)) & 1) return true;
    return false;
  }

  // Reads or writes every field (org/serial.h): Recognizer::save() and prebuilt_model().
  template <class Io>
  void serial(Io& io) {
    io(entry_count), io(names), io(name_entry), io(entry_out), io(out_text), io(regional), io(entry_region), io(regions), io(entry_within);
    io(government_keys_at), io(government_keys), io(suffixes), io(suffix_opens_common);
    io(ac), io(trie_states), io(key_info), io(cp_info), io(fuzzy);
    io(words), io(word_payload), io(place_last), io(division_last), io(facility_last), io(app_last), io(county_names),
        io(role_first);
  }
};

namespace {

// ---------------------------------------------------------------------------------------
// Per-document matching

enum class HitKind : uint8_t { kLexicon, kContext, kFuzzy, kPattern, kAlias };

struct Hit {
  size_t start = 0, end = 0;
  uint32_t entry = 0;     // patterns: unused, or with `glossed` the index of the named pattern's span
  int32_t suffix = -1;    // patterns: which suffix
  HitKind kind = HitKind::kLexicon;
  bool supported = false;  // context names: support found
  bool dropped = false;
  bool glossed = false;    // a pattern's gloss (미국암연구학회(AACR)): value and kind from Matcher::glossed_
  bool place = false;      // a context name that is a place's bare name (Name::place)
  // False when the hit's text surely holds no space: a name the scan read with none left
  // out inside it (a name's key holds none), its span unchanged since.
  bool may_hold_space = true;
};

// The code points around a hit's edges (0 past either end of the text), decoded once for
// the checks of Matcher::resolve(), each of which asked for some of them.
struct Edges {
  char32_t before = 0;  // the code point before the hit
  char32_t last = 0;    // the hit's last
  char32_t after = 0;   // the code point after it
  uint8_t flags = 0;    // the hit's entry's (Model::EntryOut::flags), 0 for a pattern's
};

// Between hits of one span, the more trusted kind wins. A suffix pattern outranks a typo
// reading: an unknown builder one syllable from a listed one (동하건설, 동아건설) is
// likelier in news than a misspelled name that still ends with its suffix.
int priority_of(HitKind k) {
  switch (k) {
    case HitKind::kLexicon: return 4;
    case HitKind::kContext: return 3;
    case HitKind::kAlias: return 2;
    case HitKind::kPattern: return 1;
    case HitKind::kFuzzy: return 0;
  }
  return 0;
}

struct Span {
  size_t start, end;
};

// Bounds that keep every step linear in the text, whatever it holds.
constexpr size_t kMaxTrailer = 8;          // syllables of particles after a name
constexpr size_t kMaxFuzzySyllables = 16;  // longest Hangul word tried for a typo
constexpr int kMaxNamePart = 16;           // code points before a pattern suffix
constexpr size_t kMaxHanRun = 32;          // Han code points searched for a name start
constexpr int kMaxLocalBodyPart = 24;      // the same for a place's own body (Matcher::holds_local_government)
constexpr size_t kMaxAliases = 64;         // distinct gloss-bound keys per document
constexpr size_t kMaxSentence = 1000;      // bytes either side when looking for a sentence

class Matcher {
 public:
  // One Matcher per thread is reused from document to document, so its buffers keep
  // their capacity and a document costs no allocation beyond its results.
  void run(const Model& m, const core::Document& doc, core::Candidates& out) {
    m_ = &m;
    doc_ = &doc;
    t_ = doc.text;
    if (full_steps_model_ != m.id) {
      full_steps_.assign(size_t{1} << FullStep::kBits, FullStep{});
      full_steps_model_ = m.id;
      legal_form_leads_ = lead_bytes_of(m, WordRole::kLegalForm);
    }
    hits_.clear();
    glossed_heads_.clear();
    pending_.clear();
    glossed_.clear();
    displaced_.clear();
    inside_defined_.clear();
    term_abbreviations_.clear();
    suffix_hits_.clear();
    blockers_.clear();
    run_ons_.clear();
    fuzzy_words_.clear();
    segments_.clear();
    aliases_.clear();
    raw_max_end_.clear();
    strong_entries_.clear();
    names_.clear();
    first_council_known_ = false;
    gate_roles_seen_ = 0;
    food_places_ = 0;
    scan();
    join_names_around_glosses();
    find_fuzzy();
    find_patterns();
    find_foreign_bodies();
    take_legal_forms();
    join_spaced_parents();
    drop_council_committee_patterns();
    resolve();
    bind_glosses();
    support_context_names();
    emit(out);
  }

 private:
  // True when the Hangul run starting at `pos` is made of particles and kind words only
  // (딥시크 + 와의, 카카오 + 그룹은): the name before it ends a word. The run's end is not
  // looked for first: the walk for its words (trailer_covers()) stops where the run does,
  // and most runs fail at their first syllable or word, long before that end.
  bool is_trailer(size_t pos) const { return trailer_covers(pos, pos + kMaxTrailerBytes, kTrailerWords); }
  static constexpr int kTrailerWords = 4;  // particles and kind words after a name, at most
  // Particles never run longer than kMaxTrailer syllables (three bytes each).
  static constexpr size_t kMaxTrailerBytes = 3 * kMaxTrailer;
  // Whether the Hangul run at pos ends no later than `limit` and [pos, the run's end)
  // is made of at most `depth` words of kTrailerRoles.
  bool trailer_covers(size_t pos, size_t limit, int depth) const {
    if (pos > limit) return false;
    const char32_t first = decode_at(t_, pos);
    if (!text::is_hangul_syllable(first)) return true;  // the run ends at pos
    return trailer_covers_from(pos, first, limit, depth);
  }
  // trailer_covers() where the run goes on at pos (pos <= limit) with `first`, a syllable.
  bool trailer_covers_from(size_t pos, char32_t first, size_t limit, int depth) const {
    if (pos == limit || depth == 0 || !m_->may_start_role(first, kTrailerRoles)) return false;
    uint32_t state = CodePointTrie::kRoot;
    for (size_t j = pos; j < t_.size();) {
      const char32_t c = next_cp(t_, j);
      if (!text::is_hangul_syllable(c)) return false;  // past the run's end
      state = m_->words.step(state, c);
      if (state == CodePointTrie::kNone) return false;
      const Payload* p = m_->word_get(state);
      if (p && (p->roles & kTrailerRoles) && trailer_covers(j, limit, depth - 1)) return true;
    }
    return false;
  }

  // Whether the one character [p, e) that runs a name on into an ordinary word opens
  // another ordinary word (role common) with the characters after it instead
  // (财政部|门户网站: the ministry's portal; 财政部门 "financial departments" is no ministry).
  bool continuation_opens_word(size_t p, size_t e) const {
    size_t q = p;
    next_cp(t_, q);
    return q == e && word_at(p, role_bit(WordRole::kCommon));
  }
  // Whether a word or name ending at `end` whose last code point is `last` ends a word.
  // A Chinese name right before a word that closes a state's or prefecture's name (role
  // state_end: 州) ends inside that name (台積電亞利桑那|州第二座晶圓廠: TSMC's Arizona fab,
  // not the listed TSMC Arizona; the shorter 台積電 is then the longest name there). No word
  // of its own starts with 州 after a name: 州长 and 州政府 follow the state's name.
  bool runs_into_state(size_t end, char32_t last) const {
    // (Most code points open no such word: one bit says so before the walk.)
    return end < t_.size() && text::is_han(last) && m_->may_start_role(decode_at(t_, end), role_bit(WordRole::kStateEnd)) &&
           word_at(end, role_bit(WordRole::kStateEnd));
  }
  bool right_ok(size_t end, char32_t last) const {
    // Only a Latin or a Hangul name has the code point after it read: one test inline
    // says so for the rest (Han, most names), which then cost no call.
    return !(is_latin_alnum(last) || text::is_hangul_syllable(last)) || latin_or_hangul_right_ok(end, last);
  }
  [[gnu::noinline]] bool latin_or_hangul_right_ok(size_t end, char32_t last) const {
    switch (script_of(last)) {
      case Script::kLatin: {
        const char32_t next = decode_at(t_, end);
        // Not inside an address: newsis.com, smlee@newsis.com, deepseek_ai.
        if (next == '@' || next == '_' || (next == '.' && is_latin_alnum(decode_at(t_, end + 1)))) return false;
        return !is_latin_alnum(next);
      }
      case Script::kHangul: {
        const char32_t next = decode_at(t_, end);
        // A number glued after a Hangul name and ending the word names a tier or a model of
        // it (K리그1·2, K리그2 승격: the competitions), where a counted unit after the
        // number (3분기) is a word of its own that headlines glue on.
        if (next < 0x80 && text::is_ascii_digit(static_cast<unsigned char>(next))) {
          size_t j = end;
          while (j < t_.size() && text::is_ascii_digit(static_cast<unsigned char>(t_[j]))) ++j;
          return text::is_hangul_syllable(decode_at(t_, j));
        }
        // (The syllable after the name is the trailer's first, decoded once.)
        return !text::is_hangul_syllable(next) || trailer_covers_from(end, next, end + kMaxTrailerBytes, kTrailerWords);
      }
      default: return true;  // the next code point is not read
    }
  }

  // One pass of the automaton (org/automaton.h) over the text with single spaces left
  // out, so a name may step over one space between two code points (인공지능 산업발전
  // 연맹); a space followed by another space is read as a space, which no key holds.
  // Each reported key is checked where it starts and ends: names need a word start
  // (and the longest valid one per start is kept), suffixes and common words must not
  // hold a left-out space.
  //
  // The text comes decoded a block at a time (org/code_points.h, spaces already left
  // out). The block's bit masks give the spaces left out and the typo pass's runs
  // first, so the automaton's loop over the block (step_block) has one data-dependent
  // branch per code point: whether its step is the usual one.
  void scan() {
    const size_t n = t_.size();
    CodePointReader reader(t_, m_->cp_info.data(), Model::kBeyondBmp);
    CodePointBlock& b = block_;
    uint32_t state = Automaton::kRoot;
    // The current run: its class (cp_info's top two bits) and first byte.
    Script run = Script::kOther;
    size_t run_start = 0;
    while (reader.next(b)) {
      add_runs(b, (b.count + 63) / 64, run, run_start);
      step_block(b, state);
    }
    if (run_wanted(run, run_start, n)) fuzzy_words_.push_back({run_start, n});
    uint32_t flags_seen = 0;  // the names' kName* flags together
    for (const NameHit& h : names_) {
      const uint32_t ne = m_->name_entry[h.name];
      flags_seen |= ne;
      const uint32_t entry = (ne & Model::kNameRegional) ? regional_entry(m_->names[h.name])
                                                         : ne & ~Model::kNameFlags;
      if (entry == kNoEntry) continue;  // a local name outside its region
      Hit& hit = hits_.emplace_back(Hit{h.start, h.end, entry, -1, (ne & Model::kNameContext) ? HitKind::kContext : HitKind::kLexicon});
      hit.place = (ne & Model::kNamePlace) != 0;
      hit.may_hold_space = h.spaced;
      // A name that opens a longer one, a parenthesis right after it: join_names_around_glosses.
      if ((ne & Model::kNameOpensLonger) && h.end < n && t_[h.end] == '(') glossed_heads_.push_back(hits_.size() - 1);
    }
    home_government_hit_ = (flags_seen & Model::kNameHomeGovernment) != 0;
  }

  // Adds to fuzzy_words_ the wanted runs (run_wanted()) that end in block `b` (`words`:
  // its 64-bit words of bits); `run` and `run_start`: the class and first byte of the
  // run going on at the block's start, updated to the one going on at its end. A run
  // ends where the class changes or at a left-out space (the space's class is kOther):
  // at each of the block's bounds (breaks | spaced). Most runs are shorter than any
  // wanted one (four code points: Hangul 12 bytes, Latin 5), and words and bounds
  // alternate every few code points, so only the bounds with none in the three code
  // points after them are visited, not every one.
  void add_runs(const CodePointBlock& b, size_t words, Script& run, size_t& run_start) {
    std::array<uint64_t, CodePointBlock::kWords + 1> bounds{};
    size_t first = SIZE_MAX, last = 0;
    for (size_t w = 0; w < words; ++w) {
      bounds[w] = b.breaks[w] | b.spaced[w];
      if (bounds[w] == 0) continue;
      if (first == SIZE_MAX) first = w * 64 + static_cast<size_t>(std::countr_zero(bounds[w]));
      last = w * 64 + 63 - static_cast<size_t>(std::countl_zero(bounds[w]));
    }
    if (first == SIZE_MAX) return;  // the run goes on through the block
    // The byte where a run ending at bound k ends: the bound's code point, or the space
    // left out before it.
    const auto end_at = [&b](size_t k) { return b.base + b.start[k] - ((b.spaced[k / 64] >> (k % 64)) & 1); };
    if (run_wanted(run, run_start, end_at(first))) fuzzy_words_.push_back({run_start, end_at(first)});
    for (size_t w = 0; w < words; ++w) {
      const uint64_t here = bounds[w], next = bounds[w + 1];
      const uint64_t near = (here >> 1 | next << 63) | (here >> 2 | next << 62) | (here >> 3 | next << 61);
      for (uint64_t m = here & ~near; m != 0; m &= m - 1) {
        const size_t p = w * 64 + static_cast<size_t>(std::countr_zero(m));
        if (p == last) break;  // its run goes on past the block
        const auto cls = static_cast<Script>(class_of(b.info[p]));
        if (cls == Script::kOther) continue;
        // The next bound: in this word, else in a later one (there is one: p < last).
        size_t q = w;
        uint64_t after = (here >> (p % 64)) >> 1;
        size_t k = p + 1;
        while (after == 0) {
          after = bounds[++q];
          k = q * 64;
        }
        k += static_cast<size_t>(std::countr_zero(after));
        const size_t from = b.base + b.start[p];
        if (run_wanted(cls, from, end_at(k))) fuzzy_words_.push_back({from, end_at(k)});
      }
    }
    run = static_cast<Script>(class_of(b.info[last]));
    run_start = b.base + b.start[last];
  }

  // The words the typo pass looks at (fuzzy_words_): runs of Latin of 5-48 letters
  // (FuzzyIndex::kMinLatin - 1 to kMaxSymbols, one byte each) and of Hangul of 4 to
  // kMaxFuzzySyllables + kMaxTrailer syllables (room for particles; three bytes each,
  // so the byte bounds below are exact), not longer than any name could be. By class
  // (Script); kOther runs are never wanted (the bounds for them hold for an empty run
  // alone: run_wanted() tests the class too).
  static constexpr size_t kRunMin[4] = {SIZE_MAX, FuzzyIndex::kMinLatin - 1, 3 * FuzzyIndex::kMinHangul, SIZE_MAX};
  static constexpr size_t kRunMax[4] = {0, FuzzyIndex::kMaxSymbols, 3 * (kMaxFuzzySyllables + kMaxTrailer) + 2, 0};
  // add_runs() visits no run of three code points or fewer (Latin one byte each, Hangul three).
  static_assert(kRunMin[static_cast<size_t>(Script::kLatin)] > 3 && kRunMin[static_cast<size_t>(Script::kHangul)] > 3 * 3);
  static bool run_wanted(Script run, size_t start, size_t end) {
    const auto r = static_cast<size_t>(run);
    return run != Script::kOther && end - start - kRunMin[r] <= kRunMax[r] - kRunMin[r];
  }

  // Steps the automaton over the block's code points from `state`, reporting keys
  // (report_keys()). A report is noted
  // with a prefetch of its state's KeyInfo and handled after the block's steps: that
  // record (16 bytes a state, too many states to stay in cache) was report_keys()'s
  // cache miss, and the steps in between hide it.
  // The usual step is the root's (from the root, on a code point that continues no key,
  // or from a state with no edge on it that fails to the root): then cp_info says where
  // it goes and whether it reports. One well-predicted branch decides (whether the
  // current state is the root changes every few code points, so a test of it alone
  // would not be). Out of line, so what the loop needs stays in registers. The block's
  // end marker (an entry beyond the BMP) takes the full step, which alone tests for the
  // end: the usual step tests nothing else. A full step taken before is looked up
  // (full_steps_), not walked again.
  [[gnu::noinline]] void step_block(const CodePointBlock& b, uint32_t& state_io) {
    const Automaton& ac = m_->ac;
    const Automaton::QuickSteps quick = ac.quick_steps();
    // A state as wide as an index: the usual step then keeps it in one register (a
    // 32-bit one was copied to a second for the table's index).
    size_t state = state_io;
    size_t noted = 0;
    FullStep* const full_steps = full_steps_.data();
    for (size_t k = 0;; ++k) {
      const uint32_t ci = b.info[k];
      if (quick.as_root(state, ci & Model::kQuickBit)) [[likely]] {
        state = Model::root_of(ci);  // reports nothing (else cp_info's bit is kFullStepBit)
        continue;
      }
      const char32_t c = b.c[k];  // (at the end marker, the 0 after the last code point)
      bool reports;
      // A step found in full_steps_ is neither the end marker nor beyond the BMP: those
      // are never noted there (the end marker's code point is 0, and a step on 0 is not
      // noted), so the most common full step skips their test.
      const uint64_t pair = FullStep::pair_of(static_cast<uint32_t>(state), c);
      FullStep& memo = full_steps[FullStep::slot(pair)];
      if (memo.pair == pair) [[likely]] {
        state = memo.next;
        reports = memo.reports;
      } else if (ci == Model::kBeyondBmp) [[unlikely]] {
        if (k == b.count) break;
        uint32_t next = ac.step_below(static_cast<uint32_t>(state), c);
        if (next == Automaton::kNone) next = ac.marked(ac.root_step(c));
        state = Automaton::unmarked(next);
        reports = (next & Automaton::kReportsMark) != 0;
      } else {
        uint32_t next = ac.step_below(static_cast<uint32_t>(state), c, Model::hash_bit_of(ci));
        if (next == Automaton::kNone) next = Model::marked_root(ci);
        state = Automaton::unmarked(next);
        reports = (next & Automaton::kReportsMark) != 0;
        if (c != 0) {  // (U+0000 in a text: see above)
          memo.pair = pair;
          memo.next = static_cast<uint32_t>(state);
          memo.reports = reports;
        }
      }
      if (reports) [[unlikely]] {
        __builtin_prefetch(&m_->key_info[state]);
        reports_[noted++] = {static_cast<uint32_t>(k), static_cast<uint32_t>(state)};
      }
    }
    state_io = static_cast<uint32_t>(state);
    // The keys are handled in the order found.
    for (size_t r = 0; r < noted; ++r) report_keys(reports_[r].state, b, reports_[r].k);
  }

  // Every reported key ending with the code point k of block `b` (the automaton is in
  // `state`). Inline in step_block()'s loop over the block's reports, after its steps: a
  // call cost a frame of six saved registers per report.
  [[gnu::always_inline]] void report_keys(uint32_t state, const CodePointBlock& b, size_t k) {
    const char32_t last = b.c[k];
    const size_t end = b.base + b.start[k] + utf8_bytes(last);
    for (const Model::KeyInfo* info = &m_->key_info[state]; info->bytes != 0; info = &m_->key_info[info->shorter]) {
      const size_t len = info->bytes;
      // The shorter key's record loads while this key is checked.
      if (info->packed & Model::kKeyShorter) __builtin_prefetch(&m_->key_info[info->shorter]);
      // The key is the block's last `cps` code points up to k, when it starts in the
      // block: its first one's start is the key's, and any bytes between it and `end`
      // beyond the key's own are spaces left out inside it (a key holds none). The
      // code point before it is then a space left out, or the block's one before, so
      // neither is decoded from the text again.
      const size_t cps = Model::key_cps(*info);
      size_t start;
      char32_t first, before;
      if (cps != 0 && cps <= k + 1) [[likely]] {
        const size_t j = k + 1 - cps;
        start = b.base + b.start[j];
        first = b.c[j];
        before = (b.spaced[j / 64] >> (j % 64)) & 1 ? U' ' : j > 0 ? b.c[j - 1] : before_cp(start);
      } else {
        start = end - len - spaces_in_key(end, len);
        first = decode_at(t_, start);
        before = before_cp(start);
      }
      const bool spaced = end - start != len;
      if (info->packed & Model::kKeyGateWord) [[unlikely]] note_gate_word(start, end, spaced, last);
      on_key(*info, start, end, first, before, last, spaced);
      if (!(info->packed & Model::kKeyShorter)) break;
    }
  }
  // The spaces left out inside a key of `len` bytes (its own, spaces left out) that ends
  // at `end`, for one that starts before the block it ends in: the space bytes between its start and `end`, as no key holds a space
  // (name_key() drops them) and every space inside it was left out. Most keys hold none,
  // which a test of the text's last 8 or 16 bytes before `end` says at once (a key's
  // bytes are the last `len` bytes when none of them is a space); else a walk back
  // counts them (where the scan kept a ring of the spaces it left out, filled for
  // every space of the text).
  size_t spaces_in_key(size_t end, size_t len) const {
    const char* const p = t_.data();
    if (len <= 16 && end >= 16) {
      // Bit 7 of each byte that is a space, exactly (no carry crosses a byte).
      const auto space_bytes = [](uint64_t v) {
        const uint64_t x = v ^ 0x2020202020202020ull;
        return ~(((x & 0x7F7F7F7F7F7F7F7Full) + 0x7F7F7F7F7F7F7F7Full) | x) & 0x8080808080808080ull;
      };
      uint64_t low, high;  // the bytes from end - 16 and from end - 8 (little-endian: later bytes higher)
      std::memcpy(&low, p + end - 16, 8);
      std::memcpy(&high, p + end - 8, 8);
      // The key's last len bytes: the top ones of `high`, then of `low`.
      const uint64_t in_high = len >= 8 ? ~uint64_t{0} : ~uint64_t{0} << (8 * (8 - len));
      const uint64_t in_low = len <= 8 ? 0 : ~uint64_t{0} << (8 * (16 - len));
      if (((space_bytes(high) & in_high) | (space_bytes(low) & in_low)) == 0) return 0;
    }
    size_t i = end;
    for (size_t kept = 0; kept < len;)
      if (p[--i] != ' ') ++kept;
    return end - i - len;
  }
  // Notes the roles of the word of kGateRoles at [start, end), whose last code point is
  // `last`, in gate_roles_seen_; one read across a left-out space (no word_at() walk
  // matches it) counts as every role. And counts for food_doc() the places where a food
  // word starts and ends a word, as word_at() reads one: every food word is a key the
  // scan reports where it ends (kGateRoles), with its start, so the document needs no
  // walk of its own for them.
  [[gnu::noinline]] void note_gate_word(size_t start, size_t end, bool spaced, char32_t last) {
    const Payload* p = spaced ? nullptr : word_payload(start, end);
    gate_roles_seen_ |= p ? p->roles & Model::kGateRoles : Model::kGateRoles;
    // Two places are enough (kMinFoodWords): a start other than the first found is the
    // second, whatever order the keys come in.
    static_assert(kMinFoodWords == 2);
    if (p && (p->roles & role_bit(WordRole::kFoodWord)) && food_places_ < kMinFoodWords &&
        (food_places_ == 0 || start != first_food_start_) && right_ok(end, last)) {
      if (food_places_++ == 0) first_food_start_ = start;
    }
  }
  // Whether the document may hold a word with one of `roles` (all of kGateRoles): false
  // when the scan reported none.
  bool may_hold_role(RoleBits roles) const { return (gate_roles_seen_ & roles) != 0; }
  // The code point before `i` (0 at the start): the three-byte case inline, told by its
  // lead byte alone (valid UTF-8: see prev_cp).
  char32_t before_cp(size_t i) const {
    if (i >= 3) {
      const auto* b = reinterpret_cast<const unsigned char*>(t_.data()) + i - 3;
      if ((b[0] & 0xF0) == 0xE0) return text::decode3(b);
    }
    return decode_before(t_, i);
  }
  // A key of the automaton's state `r` at [start, end), whose first code point is
  // `first` and last `last`, after the code point `before` (0 at the text's start).
  void on_key(const Model::KeyInfo& p, size_t start, size_t end, char32_t first, char32_t before, char32_t last,
              bool spaced) {
    const Script script = script_of(first);
    // Latin keys start only at the start of a Latin word (LG never inside LGBT), and
    // not inside an address (smlee@newsis.com, www.reuters.com).
    if (script == Script::kLatin && (is_latin_alnum(before) || before == '@' || before == '_' ||
                                     (before == '.' && start >= 2 && is_latin_alnum(static_cast<unsigned char>(t_[start - 2])))))
      return;
    // A Hangul name never starts inside a Hangul word; suffixes and words may.
    const bool name_left_ok = !(script == Script::kHangul && text::is_hangul_syllable(before));
    if (p.name >= 0 && name_left_ok) {
      if ((!spaced || (p.packed & Model::kKeySpacedName)) && right_ok(end, last) && !runs_into_state(end, last))
        add_name(start, end, p.name, spaced);
    }
    if (spaced) return;
    if (const int32_t suffix = Model::key_suffix(p); suffix >= 0) {
      // In the order a walk from each start would find them (by start, then end): keys
      // come by end, so a new one moves back past the few later starts.
      const SuffixHit h{start, end, suffix};
      size_t k = suffix_hits_.size();
      suffix_hits_.push_back(h);
      for (; k > 0 && suffix_hits_[k - 1].start > start; --k) suffix_hits_[k] = suffix_hits_[k - 1];
      suffix_hits_[k] = h;
    }
    if ((p.packed & Model::kKeyCommon) && right_ok(end, last)) blockers_.push_back({start, end});
    if (p.packed & Model::kKeySuffixWord) run_ons_.push_back({start, end});
  }
  // Keeps names_ in start order with the longest name per start: keys are reported by
  // their end, so a later one with the same start is longer. But a Chinese name of three
  // characters does not replace one of two: straddles_words() may drop it later (京东方|面)
  // where the shorter reads well (京东 方面); select() keeps the longer where it stands.
  // `spaced`: the name was read across a left-out space (its text holds one).
  void add_name(size_t start, size_t end, int32_t name, bool spaced) {
    // The usual case first, tested on the last name alone: a start after every other's
    // (what the walk back below ends with, without counting the names).
    if (names_.empty() || names_.back().start < start) {
      // Field by field: a record built on the stack and copied as a whole was read back
      // wider than it was written (a store-forwarding stall, 11% of report_keys' samples).
      NameHit& h = names_.emplace_back();
      h.start = start;
      h.end = end;
      h.name = name;
      h.spaced = spaced;
      return;
    }
    size_t k = names_.size();
    while (k > 0 && names_[k - 1].start > start) --k;
    if (k > 0 && names_[k - 1].start == start) {
      if (!(end - start == 9 && names_[k - 1].end - start == 6 && text::is_han(decode_at(t_, start)))) {
        names_[k - 1] = {start, end, name, spaced};
        return;
      }
    }
    names_.insert(names_.begin() + static_cast<ptrdiff_t>(k), NameHit{start, end, name, spaced});
  }

  // After resolve(): hits_ do not overlap and are sorted, so their ends are sorted too.
  bool overlaps_hit(size_t a, size_t b) const {
    auto it = std::upper_bound(hits_.begin(), hits_.end(), a, [](size_t x, const Hit& h) { return x < h.end; });
    return it != hits_.end() && it->start < b;
  }
  // The same, but a place's bare name there names no organization: a short form may hold
  // one (太原热力 for 太原市热力集团有限责任公司).
  bool overlaps_org_hit(size_t a, size_t b) const {
    auto it = std::upper_bound(hits_.begin(), hits_.end(), a, [](size_t x, const Hit& h) { return x < h.end; });
    for (; it != hits_.end() && it->start < b; ++it)
      if (!it->place) return true;
    return false;
  }
  // Before resolve(): the raw lexicon hits are sorted by start but may overlap; a hit
  // overlaps [a, b) when it starts before b and ends after a, so the largest end among
  // hits starting before b decides. `k` is the index of a raw hit starting at or after b
  // (or the number of raw hits) with few hits starting between b and it: the caller
  // walks forward through the text, so no search is needed.
  bool overlaps_raw(size_t a, size_t b, size_t k) const {
    while (k > 0 && hits_[k - 1].start >= b) --k;
    return k > 0 && raw_max_end_[k - 1] > a;
  }

  // The key at [a, b) is a known name or ORG word (never read as a misspelling): a name
  // (or suffix or common word) is a key the automaton reports, and the words' roles and
  // suffixes are the small words trie's. Both walks stay on tables in cache (the scan
  // has just stepped through the same states); the full trie's 4 MB hash table would
  // cost a cache miss a code point.
  bool is_known(size_t a, size_t b) const { return is_listed(a, b) || is_generic_word(a, b); }
  // The entry of the listed name (not a context name nor a place) whose key is [a, b), or
  // kNoEntry.
  uint32_t listed_entry(size_t a, size_t b) const {
    const int32_t name = reported_name(a, b);
    if (name < 0) return kNoEntry;
    const uint32_t ne = m_->name_entry[static_cast<size_t>(name)];
    if (ne & (Model::kNameContext | Model::kNamePlace)) return kNoEntry;
    return (ne & Model::kNameRegional) ? regional_entry(m_->names[static_cast<size_t>(name)]) : ne & ~Model::kNameFlags;
  }
  // The key at [a, b) is one the automaton reports (a name, suffix or common word), and
  // not a place's bare name: 浙江|银行 and 苏州|公司 stay patterns.
  bool is_listed(size_t a, size_t b) const {
    const int32_t name = reported_name(a, b);
    return name != kNotReported && (name < 0 || !m_->names[static_cast<size_t>(name)].place);
  }
  // The name whose key is [a, b) when the automaton reports that key (-1: a suffix or an
  // ORG word, no name), or kNotReported.
  int32_t reported_name(size_t a, size_t b) const {
    const Automaton& ac = m_->ac;
    uint32_t state = Automaton::kRoot;
    for (size_t j = a; j < b && state != Automaton::kNone;) state = ac.child(state, next_cp(t_, j));
    if (state == Automaton::kNone || state == Automaton::kRoot || !ac.reports_itself(state)) return kNotReported;
    return m_->key_info[state].name;
  }
  static constexpr int32_t kNotReported = -2;
  // Bit k (1 <= k <= count) for each k such that is_known(a, a + 3k), for text that holds
  // `count` Hangul syllables from `a` (three bytes each): the walks of is_known() once for
  // all the lengths, not once for each.
  uint64_t known_syllable_prefixes(size_t a, size_t count) const {
    const Automaton& ac = m_->ac;
    uint32_t state = Automaton::kRoot, word = CodePointTrie::kRoot;
    uint64_t known = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(t_.data()) + a;
    for (size_t k = 1; k <= count && (state != Automaton::kNone || word != CodePointTrie::kNone); ++k, p += 3) {
      const char32_t c = text::decode3(p);
      if (state != Automaton::kNone) {
        state = ac.child(state, c);
        if (state != Automaton::kNone && ac.reports_itself(state)) known |= uint64_t{1} << k;
      }
      if (word != CodePointTrie::kNone) {
        word = m_->words.step(word, c);
        const Payload* w = word == CodePointTrie::kNone ? nullptr : m_->word_get(word);
        if (w && (w->roles != 0 || w->suffix >= 0)) known |= uint64_t{1} << k;
      }
    }
    return known;
  }
  // [a, b) is a word with some role or a suffix (the words trie).
  bool is_generic_word(size_t a, size_t b) const {
    const Payload* p = word_payload(a, b);
    return p && (p->roles != 0 || p->suffix >= 0);
  }
  // The words trie's payload of the word [a, b), or null when it is no word there.
  const Payload* word_payload(size_t a, size_t b) const {
    uint32_t state = CodePointTrie::kRoot;
    for (size_t j = a; j < b && state != CodePointTrie::kNone;) state = m_->words.step(state, next_cp(t_, j));
    return state == CodePointTrie::kNone ? nullptr : m_->word_get(state);
  }

  // Unmatched Latin and Hangul words of a fuzzy-eligible length, one edit from a name.
  void find_fuzzy() {
    if (fuzzy_words_.empty()) return;
    raw_max_end_.clear();
    for (const Hit& h : hits_) raw_max_end_.push_back(std::max(h.end, raw_max_end_.empty() ? 0 : raw_max_end_.back()));
    // The words come in text order, so the first raw hit starting at or after a word's
    // end only moves forward; overlaps_raw() steps back from it for a shorter stop.
    const size_t raw = raw_max_end_.size();
    size_t after_word = 0;
    for (const Span& w : fuzzy_words_) {
      const size_t start = w.start, end = w.end;
      while (after_word < raw && hits_[after_word].start < end) ++after_word;
      if (is_latin_alnum(static_cast<unsigned char>(t_[start]))) {
        if (overlaps_raw(start, end, after_word) || is_known(start, end)) continue;
        if (decode_before(t_, start) == '.' || decode_at(t_, end) == '.') continue;  // domains, versions
        // A misspelled name is still written as a name: capitalised. A lowercase word one
        // letter from a name is far more often an English word (market: Gmarket, cells:
        // Qcells, research: iResearch).
        if (!capitalised_in_original(start)) continue;
        // A capitalised word beside another is part of a longer name, which is another
        // organization than the one a letter away (Capital Maritime Group: not CapitalG).
        if (beside_capitalised_word(start, end)) continue;
        const int32_t entry = m_->fuzzy.lookup(t_.substr(start, end - start));
        if (entry >= 0) hits_.push_back(Hit{start, end, static_cast<uint32_t>(entry), -1, HitKind::kFuzzy});
        continue;
      }
      // Hangul (3 bytes a syllable): the name is a prefix of the word whose rest is
      // particles (알라바바 + 와).
      const size_t syllables = (end - start) / 3;
      const size_t top = std::min(syllables, kMaxFuzzySyllables);
      // A raw hit over the shortest name's bytes overlaps every length the loop below
      // tries, which then stops before any lookup: a word that opens with a listed name
      // (삼성전자는) needs neither the syllable filter nor the loop.
      if (overlaps_raw(start, start + 3 * FuzzyIndex::kMinHangul, after_word)) continue;
      // Lengths at which a name may be near, from the index's syllable filter: most
      // words have none, and then no length needs its trailer and overlap checks.
      const uint64_t near = m_->fuzzy.near_hangul_counts(t_.substr(start, end - start), top);
      if (near == 0) continue;
      // Bit len: is_known(start, start + 3 * len), all from one walk.
      const uint64_t known = known_syllable_prefixes(start, top);
      for (size_t len = top; len >= FuzzyIndex::kMinHangul; --len) {
        // No lookup left at this length or below: the rest of the loop could only break.
        if ((near & ((uint64_t{2} << len) - 1)) == 0) break;
        const size_t stop = start + 3 * len;
        // A length whose prefix is taken or known ends the loop when particles follow
        // it; another with no lookup (lookup() would say -1 without looking) goes on
        // whatever follows it, so the particle walk is left out there.
        const bool taken = overlaps_raw(start, stop, after_word) || ((known >> len) & 1);
        if (!taken && !((near >> len) & 1)) continue;
        if (stop != end && !is_trailer(stop)) continue;
        if (taken) break;
        // A word that reads as a shorter noun and particles (리야드|에서) is that, not a name
        // misspelled in its last syllables (리야드에어 is Riyadh Air).
        bool particles_end = false;
        for (size_t k = 2; k < len && !particles_end; ++k) particles_end = is_trailer(start + 3 * k);
        if (particles_end) continue;
        const int32_t entry = m_->fuzzy.lookup(t_.substr(start, stop - start));
        if (entry >= 0) {
          hits_.push_back(Hit{start, stop, static_cast<uint32_t>(entry), -1, HitKind::kFuzzy});
          break;
        }
      }
    }
  }

  // Whether a capitalised Latin word follows [start, end) or precedes it, one space apart.
  bool beside_capitalised_word(size_t start, size_t end) const {
    if (end + 1 < t_.size() && t_[end] == ' ' && text::is_ascii_alpha(static_cast<unsigned char>(t_[end + 1])) &&
        capitalised_in_original(end + 1))
      return true;
    if (start < 2 || t_[start - 1] != ' ' || !text::is_ascii_alpha(static_cast<unsigned char>(t_[start - 2]))) return false;
    size_t w = start - 2;
    while (w > 0 && is_latin_alnum(static_cast<unsigned char>(t_[w - 1]))) --w;
    return capitalised_in_original(w);
  }

  // Whether the code point that folded byte `i` came from is an uppercase Latin letter
  // (ASCII or full-width): folding lowercases Latin, the original keeps its case.
  bool capitalised_in_original(size_t i) const {
    const std::string_view original = doc_->folded.original();
    const size_t o = doc_->folded.to_original_start(i);
    // The original may hold malformed bytes (the folded text has U+FFFD there), so its
    // three-byte forms are read within its end (next_cp reads valid UTF-8 only).
    if (o >= original.size()) return false;
    const auto* b = reinterpret_cast<const unsigned char*>(original.data()) + o;
    size_t j = o;
    const char32_t c = (b[0] & 0xF0) == 0xE0 && o + 2 < original.size() ? text::decode3(b) : text::next_code_point(original, j);
    return (c >= 'A' && c <= 'Z') || (c >= 0xFF21 && c <= 0xFF3A);
  }

  // [a, b) is a word whose roles are all among `roles`.
  bool only_role(size_t a, size_t b, RoleBits roles) const {
    const Payload* p = word_payload(a, b);
    return p && p->roles != 0 && (p->roles & ~roles) == 0 && p->suffix < 0;
  }
  static constexpr RoleBits kPlaceRoles = role_bit(WordRole::kPlace) | role_bit(WordRole::kHomePlace);
  // Stop heads, topic, kind and common words cannot be the name part of a pattern.
  bool is_generic(size_t a, size_t b) const {
    const Payload* p = word_payload(a, b);
    return p && p->roles != 0;
  }
  // A Chinese name part made wholly of trades and fields names a kind of company, as one
  // field alone does (模型|创业|公司 "model start-ups", 农村商业|银行 "rural banks").
  bool made_of_fields(size_t a, size_t b) const {
    for (size_t i = a; i < b;) {
      uint32_t state = CodePointTrie::kRoot;
      size_t field_end = 0;
      for (size_t j = i; j < b;) {
        state = m_->words.step(state, next_cp(t_, j));
        if (state == CodePointTrie::kNone) break;
        const Payload* p = m_->word_get(state);
        if (p && (p->roles & role_bit(WordRole::kField))) field_end = j;
      }
      if (field_end == 0) return false;
      i = field_end;
    }
    return true;
  }
  // Where the name of a Chinese pattern starts inside the Han run [run_start, s) before
  // its suffix, or kNoName. Chinese has no spaces, so the name starts after the last stop
  // word (function word or verb) of the run: 该公司所在的|华东算力产业联盟. A name found that
  // way must look like one: four or more characters, no stop head at its start or right
  // before it, no one-character stop head (这, 该) inside, and no stop tail at its end. An
  // organization word or suffix inside the run ends a generic noun in apposition, and the
  // name starts after it (杭州文旅企业|西湖云游文化发展有限公司); one that ends a listed name
  // makes the rest a sub-unit of that body, not a name (清华大学计算机系…实验室).
  static constexpr size_t kNoName = SIZE_MAX;
  //
  // One walk from each start in the run finds every word inside it; the checks that
  // depend on where the cut falls read what the walk noted.
  // The end of the last date in the run from `a` on (decode_run()'s `n` code points, a
  // at one of their starts): digits before 年, 月, 日 or 季, or Han numerals before 年 or
  // 季 (三季, 二〇二五年; 十月稻田 is a name), with a 度 after 季; else a.
  //
  // Units are looked for first, and only a unit's numerals are read, walking back from
  // it: most code points are no unit, where a class test of every code point (a call
  // for each Han one) cost more. A numeral character is no unit (a character listed as
  // both would be read as a numeral), and a unit ends the numerals before the next one,
  // so the walks back share no code point.
  size_t after_last_date(size_t a, size_t n) const {
    size_t last = a;
    const auto first = static_cast<size_t>(
        std::lower_bound(run_at_, run_at_ + n, a) - run_at_);
    const auto is_digit = [](char32_t c) { return c < 0x80 && text::is_ascii_digit(static_cast<unsigned char>(c)); };
    const auto is_han_numeral = [](char32_t c) { return text::is_han(c) && numeral::is_numeral_char(c); };
    for (size_t k = first; k < n; ++k) {
      const char32_t c = run_cps_[k];
      if ((c != U'年' && c != U'季' && c != U'月' && c != U'日') || is_han_numeral(c)) continue;
      bool digits = false, han = false;  // what the numerals right before it hold
      for (size_t j = k; j > first; --j) {
        if (is_digit(run_cps_[j - 1]))
          digits = true;
        else if (is_han_numeral(run_cps_[j - 1]))
          han = true;
        else
          break;
      }
      const bool unit = c == U'年' || c == U'季' || digits;  // 月 and 日 after digits only
      if ((digits || han) && unit) {
        last = run_at_[k + 1];
        if (c == U'季' && k + 1 < n && run_cps_[k + 1] == U'度') last += 3;
      }
    }
    return last;
  }
  // A place named with its division opens a registered name (滑县农商银行, 云南省滇中引水
  // 工程有限公司): the first one inside the name part [cut, s), a listed place (云南省) or a
  // one-character county (滑县), is where the name starts when the characters before it
  // are ordinary words, the sentence's (联合|滑县农商银行, 建设单位|云南省…), not a listed
  // name or a group's short form (中国|云南省…, 国网|河南省电力公司). Else `cut`.
  size_t place_opening_name(size_t cut, size_t s) {
    if (s - cut < 12) return cut;  // room for a character, a place and more name
    size_t open = s;
    for (auto it = first_name_ending_at(cut + 1); it != name_ends_.cend() && it->end < s; ++it)
      if (it->start > cut && it->start < open && ends_with_division(it->start, it->end)) open = it->start;
    for (size_t i = cut + 3; i + 6 < open; i += 3) {
      if (!text::is_han(decode_at(t_, i))) break;
      if (is_county_name(decode_at(t_, i)) && county_suffix_at(i + 3)) {
        open = i;
        break;
      }
    }
    if (open == s || name_ends_at(open) || !ordinary_words(cut, open)) return cut;
    return open;
  }
  // The code points of [a, b) into `chars` (their count in `n`); false when one is no Han
  // character or there are more than N.
  template <size_t N>
  bool han_chars(size_t a, size_t b, std::array<char32_t, N>& chars, size_t& n) const {
    n = 0;
    for (size_t i = a; i < b; ++n) {
      if (n == N) return false;
      chars[n] = next_cp(t_, i);
      if (!text::is_han(chars[n])) return false;
    }
    return true;
  }
  // Whether a word of jieba's dictionary holds the one character at `at` with characters
  // on both sides, inside [a, b): a stop word there is a syllable of a name (三都澳: 都
  // "all" is none in 福建三都澳新材料集团有限公司), as inside a listed place (成都).
  bool straddled_by_word(size_t at, size_t a, size_t b) const {
    // Most pairs join in no word at all: the dictionary's filter says so first.
    if (at < a + 3 || at + 6 > b) return false;
    const char32_t c = decode_at(t_, at);
    if (!text::zh_words::may_join(decode_before(t_, at), c) || !text::zh_words::may_join(c, decode_at(t_, at + 3)))
      return false;
    std::array<char32_t, 4> chars{};
    size_t n = 0;
    for (const auto& [before, after] : {std::pair{1, 1}, std::pair{1, 2}, std::pair{2, 1}}) {
      const size_t from = at - 3 * static_cast<size_t>(before), to = at + 3 + 3 * static_cast<size_t>(after);
      if (at < a + 3 * static_cast<size_t>(before) || to > b) continue;
      if (han_chars(from, to, chars, n) && text::zh_words::cost(std::span<const char32_t>(chars.data(), n)) >= 0)
        return true;
    }
    return false;
  }
  // Whether the Han characters [a, b), at most eight, are a row of common words of two
  // to four characters (本月|联合, 建设|单位): each as frequent in jieba's dictionary as
  // ordinary nouns (zh_words::kNameCost), which groups' short forms are not (华能, 中铁).
  bool ordinary_words(size_t a, size_t b) const {
    std::array<char32_t, 8> chars{};
    size_t n = 0;
    if (!han_chars(a, b, chars, n)) return false;
    std::array<bool, 9> split{};  // split[k]: chars[0, k) is such a row
    split[0] = true;
    for (size_t k = 2; k <= n; ++k)
      for (size_t w = 2; w <= 4 && w <= k && !split[k]; ++w)
        if (split[k - w]) {
          const int cost = text::zh_words::cost(std::span<const char32_t>(chars.data() + (k - w), w));
          split[k] = cost >= 0 && cost <= text::zh_words::kNameCost;
        }
    return split[n];
  }
  // Whether the one-character stop word [from, stop_end) opening the run is the first
  // character of a two-character county's name (于|都县, 将|乐县, 从|江县): one character
  // and 县 follow it, and that character is neither a one-character county's name (向|沛县)
  // nor a stop head, alone or with 县 (对|该县, 在|全县).
  bool stop_opens_county(size_t from, size_t stop_end, size_t run_start) const {
    if (from != run_start || stop_end - from != 3 || stop_end >= t_.size()) return false;
    size_t after = stop_end;
    const char32_t c = next_cp(t_, after);
    if (!text::is_han(c) || is_county_name(c)) return false;
    const uint32_t stop_head = role_bit(WordRole::kStopHead);
    if (ends_with_role(stop_end, after, stop_head) || !county_suffix_at(after)) return false;
    size_t county_end = after;
    next_cp(t_, county_end);  // 县
    return !ends_with_role(stop_end, county_end, stop_head);  // 全县, 该县, 本县
  }
  // The roles of words that join or qualify others rather than name things.
  static constexpr RoleBits kFunctionRoles = role_bit(WordRole::kStopWord) | role_bit(WordRole::kActAdverb) |
                                             role_bit(WordRole::kActPrep) | role_bit(WordRole::kActs) |
                                             role_bit(WordRole::kLocative) | role_bit(WordRole::kSubjectLead);
  // Whether a suffix of at most `max_code_points` for which `wanted(suffix)` holds starts
  // at p (the words trie).
  template <class Wanted>
  bool suffix_starts_at(size_t p, size_t max_code_points, Wanted&& wanted) const {
    uint32_t state = CodePointTrie::kRoot;
    for (size_t j = p, n = 0; j < t_.size() && n < max_code_points; ++n) {
      state = m_->words.step(state, next_cp(t_, j));
      if (state == CodePointTrie::kNone) return false;
      const Payload* w = m_->word_get(state);
      if (w && w->suffix >= 0 && wanted(m_->suffixes[static_cast<size_t>(w->suffix)])) return true;
    }
    return false;
  }
  // Whether a suffix whose name may be two characters (min_name 2: 县, 人寿, 证监局)
  // starts at p.
  bool two_character_suffix_at(size_t p) const {
    return suffix_starts_at(p, kMaxSuffixCodePoints, [](const Suffix& x) { return x.min_name <= 2; });
  }
  static constexpr size_t kMaxSuffixCodePoints = 10;
  static constexpr size_t kMaxSuffixBytes = 4 * kMaxSuffixCodePoints;
  // Whether a county's division word (a suffix that acts only, 县) starts at p.
  bool county_suffix_at(size_t p) const {
    return suffix_starts_at(p, 2, [](const Suffix& x) { return x.acts_only; });
  }
  // Suffix kinds (the kind column of lexicons/org/suffixes.tsv) that checks ask for, as
  // views compared by is_word(): the lengths first, then the bytes inline, where a C
  // string cost a strlen and a compare call each time (find_patterns() asks for every
  // suffix hit).
  static constexpr std::string_view kCompanyKind = "company", kUniversityKind = "university",
                                    kGovernmentKind = "government", kAssociationKind = "association";
  // Decodes [a, b) into run_cps_, with where each code point starts in run_at_ and b
  // after the last; returns how many.
  size_t decode_run(size_t a, size_t b) {
    // At most one code point a byte, and the end.
    if (run_at_store_.size() <= b - a) run_cp_store_.resize(b - a), run_at_store_.resize(b - a + 1);
    run_cps_ = run_cp_store_.data(), run_at_ = run_at_store_.data();
    size_t n = 0;
    for (size_t i = a; i < b; ++n) {
      run_at_[n] = i;
      run_cps_[n] = next_cp(t_, i);
    }
    run_at_[n] = b;
    return n;
  }
  // find_patterns() walks back from a suffix over the run before it, decoding each code
  // point: it notes them and their starts in arrays of its own (on the stack: stores
  // there alias no member, which the walk would read again after each), walk index r (0
  // right before the suffix) at place kMaxHanRun - 1 - r, so the run reads them in text
  // order from there and han_name_start() need not decode the run again.
  struct WalkedRun {
    std::array<char32_t, kMaxHanRun> cps;
    std::array<size_t, kMaxHanRun + 1> at;  // and the run's end
    // The run is walk indices [first, last): all of its code points unless `whole` is
    // false, where the walk stepped over a bracketed place whose code points it did not note.
    size_t first = 0, last = 0;
    bool whole = true;
    void note(size_t r, char32_t c, size_t start) {
      cps[kMaxHanRun - 1 - r] = c;
      at[kMaxHanRun - 1 - r] = start;
    }
  };
  // Makes the walked code points the run, which ends at b (as decode_run() does); returns how many.
  size_t walked_run(WalkedRun& walked, size_t b) {
    run_cps_ = walked.cps.data() + (kMaxHanRun - walked.last);
    run_at_ = walked.at.data() + (kMaxHanRun - walked.last);
    const size_t n = walked.last - walked.first;
    run_at_[n] = b;  // over the start of the walk's code point right after the run, if any
    return n;
  }
  size_t han_name_start(size_t run_start, size_t s, int32_t suffix, WalkedRun& walked) {
    const bool acts_only = m_->suffixes[static_cast<size_t>(suffix)].acts_only;
    bool stop_before_county = false;  // a stop word's character right before a county's 县
    // A kind word (not itself a suffix) right before a legal form ends the registered
    // name, not a noun in apposition (白沙溪茶厂|股份有限公司), where no listed name ends
    // there (鞍钢集团|有限公司 is the listed name's) and two characters or more come before it.
    // Looked up only where a kind word or an organization word before s asks.
    std::optional<bool> legal_form_at_s;
    const auto legal_form = [&] {
      if (!legal_form_at_s) legal_form_at_s = bare_legal_form_at(s) > 0 && !name_ends_at(s);
      return *legal_form_at_s;
    };
    // 公司 after a company's suffix and trades (鼎衡證券|投資顧問|公司): a kind word right
    // before it that follows such a suffix is one of those trades. (Not any company suffix:
    // 公司|投资|银行 is no bank's name; suffixes.tsv, trades.)
    const bool company_word = m_->suffixes[static_cast<size_t>(suffix)].after_trades;
    size_t cut = run_start, org_word_end = run_start, prev_org_word_end = run_start;  // the last two
    size_t cut_stop_from = SIZE_MAX;  // the one-character stop word `cut` follows, if it does
    int32_t org_word_suffix = -1;  // the suffix org_word_end's word is, if any
    size_t tail_after = 0;        // 1 + the latest start of a stop tail ending at s (0: none)
    // The earliest starts of a stop tail and of any other word ending at s: a stop tail
    // inside a longer word is none (电子|股份有限公司: 子 ends 电子, not a 子公司).
    size_t tail_from = SIZE_MAX, other_from = SIZE_MAX;
    size_t division_end = run_start;  // the end of the last division word before s (福建省|)
    // The end of the first province's division word after a name (湖南省|), and whether a
    // place named with its own division follows it up to s (湖南省|安化县|人民政府).
    size_t province_end = 0;
    bool place_under_province = false;
    size_t short_head_after = 0;  // 1 + the latest start of a one-character stop head (0: none)
    head_ends_.clear();           // where stop heads end
    size_t count_end = 0;         // the end of the last stop head that counts (兩間, 三家, 多家)
    size_t covered_to = 0;  // the furthest end of the words starting before `from`
    // The short form a gloss right after the name defines (…和悦物业服务有限公司（以下简称
    // “和悦物业”）, 北京硅和聚能科技…（以下简称“硅和聚能”）): a stop word inside it is the
    // name's own (和 "and" here). Looked up only when a stop word would cut.
    std::optional<std::string_view> defined;
    const auto in_defined_short_form = [&](size_t a, size_t e) {
      if (!defined) defined = short_form_defined_after(s);
      return inside_text_of(a, e, *defined, run_start, s);
    };
    // The walks below start at every code point of the run and read on to s: they read
    // the run decoded once (run_cps_), not its bytes again at every start; the walk back
    // that found the run decoded it already, unless it stepped over a bracketed place.
    const size_t n = walked.whole ? walked_run(walked, s) : decode_run(run_start, s);
    for (size_t k = 0; k < n; ++k) {
      const size_t from = run_at_[k], i = run_at_[k + 1];
      // Most code points start no word: one bit says so before any walk.
      if (!m_->words.may_start(run_cps_[k])) continue;
      uint32_t state = CodePointTrie::kRoot;
      // A stop word cuts only when it is the longest word starting here: 未 is "not yet",
      // but in 北京智投未来科技有限公司 it opens 未来 "future", which the list holds.
      // "Word" here is any prefix of a listed word, not only a listed word: every state of
      // the words trie has a payload (word_get never answers null), an empty one (no
      // roles) on a prefix, which sets word_end and clears word_roles as a word would. So
      // 控股, a prefix of 控股股东 and 控股有限公司, covers its 股 (a stop word) and
      // 云南省投资控股集团 stays whole; counting listed words only cuts it to 云南省 and
      // loses 灝峰置業控股有限公司 in the held-out corpus. A deliberate rule for such
      // words would be clearer than this reliance on the trie's layout.
      size_t stop_end = 0, word_end = 0;
      RoleBits word_roles = 0;  // the longest word's
      bool short_head = false;  // a one-character stop head starts here
      for (size_t m = k; m < n; ++m) {
        state = m_->words.step(state, run_cps_[m]);
        if (state == CodePointTrie::kNone) break;
        const Payload* p = m_->word_get(state);
        if (!p) continue;
        const size_t j = run_at_[m + 1];
        word_end = j;
        word_roles = p->roles;
        // A short form's lead word cuts as a stop word does: （下称|远晖人寿）. So does a verb
        // of acting together right after an organization word (湄潭县财政局|联合|县农业农村局),
        // a stop word (今天|联合|湖南省财政厅) or an organization's closing gloss
        // (（以下简称“市文广旅局”）|联合|广州市商务局), which inside a name is one of its
        // words (北京联合大学, 亞洲聯合銀行).
        // A verb that opens other words elsewhere (神经, 日报) cuts right before a bare
        // division word: 经|市政府 "approved by the city government".
        if ((p->roles & (role_bit(WordRole::kStopWord) | role_bit(WordRole::kShortFormLead))) ||
            ((p->roles & role_bit(WordRole::kStopBeforeDivision)) && word_at(j, role_bit(WordRole::kDivision))) ||
            ((p->roles & role_bit(WordRole::kJointVerb)) &&
             (((from == org_word_end || from == cut) && from > run_start) ||
              (from == run_start && (decode_before(t_, from) == U'）' || decode_before(t_, from) == ')')))))
          stop_end = j;
        // (Not a county's 县, which names a place inside a name: 安福县|人民政府. Nor a
        // place's own government (role own_government) before a government body's name:
        // 贵州省人民政府|国有资产监督管理委员会 is the province's own commission,
        // ends_with_local_government; a department is not, 湄潭县财政局|联合|县农业农村局.)
        if ((p->suffix >= 0 && !m_->suffixes[static_cast<size_t>(p->suffix)].acts_only &&
             !(j < s && !acts_only && is_government(suffix) && is_government(p->suffix) &&
               (p->roles & role_bit(WordRole::kOwnGovernment)) && ends_with_local_government(run_start, j))) ||
            ((p->roles & role_bit(WordRole::kKindWord)) && !(j == s && from >= run_start + 6 && legal_form()) &&
             !(company_word && j == s && from == org_word_end && org_word_suffix >= 0) && !opens_word(from, j, s)))
          if (j > org_word_end) prev_org_word_end = org_word_end, org_word_end = j, org_word_suffix = p->suffix;
        if (p->roles & role_bit(WordRole::kDivision)) {
          if (j < s) division_end = std::max(division_end, j);
          // Two characters of name at least on each side (湖南|省, 安化|县).
          if (province_end == 0 && (p->roles & role_bit(WordRole::kProvinceDivision)) && from >= run_start + 6)
            province_end = j;
          else if (province_end != 0 && from >= province_end + 6)
            place_under_province = true;
        }
        if ((p->roles & role_bit(WordRole::kStopTail)) && j == s) tail_after = from + 1, tail_from = std::min(tail_from, from);
        else if (j == s) other_from = std::min(other_from, from);
        if (p->roles & role_bit(WordRole::kStopHead)) {
          short_head |= j == i;
          head_ends_.push_back(j);
          const char32_t first = run_cps_[k];
          if (numeral::is_numeral_char(first) || first == U'多' || first == U'数' || first == U'各' || first == U'每')
            count_end = std::max(count_end, j);
        }
      }
      // A one-character stop head counts where it is the longest word starting here, as a
      // stop word does: 其 "its" (其|子公司), but 其中 "among them" is a word of its own.
      if (short_head && word_end == i) short_head_after = from + 1;
      // Nor inside a listed name or place that starts before it: 都 "all" in 成都, 和 in 呼和浩特.
      // Nor right before a county's 县, where it is the last character of the county's
      // two-character name (政和县: checked below; 政和县|财政局).
      // Nor inside a content word that starts before it: 据 "according to" in 数据 "data"
      // (云岭数据科技股份有限公司), 等 in 高等 (高等教育局); function words do not hold one
      // (还将: 将 still cuts).
      const bool inside_word = covered_to >= stop_end || (stop_end - from == 3 && straddled_by_word(from, run_start, s));
      if ((word_roles & kFunctionRoles) == 0) covered_to = std::max(covered_to, word_end);
      // Nor an "and" between two fields after a parent and before its own unit's suffix:
      // inside an institute's name after its parent (中国农业科学院|农业经济与发展研究所,
      // 中国信息通信研究院|云计算与大数据研究所), where the last organization word is that
      // parent, not a sister institute of the same kind (中科院物理研究所|与化学研究所 are
      // two); inside a school's name after its university (长沙理工大学|水利与环境工程学院),
      // which the rule after the loop then makes part of the university.
      const bool joins_fields = (word_roles & role_bit(WordRole::kConjunction)) && from > org_word_end &&
                                ((own_institute(org_word_suffix, org_word_end, suffix, s) &&
                                  !(m_->suffixes[static_cast<size_t>(org_word_suffix)].named_with_parent &&
                                    org_word_suffix == suffix)) ||
                                 (org_word_end > run_start && org_word_suffix >= 0 &&
                                  is_university_suffix(org_word_suffix) && is_university_suffix(suffix)));
      if (stop_end != 0 && stop_end == word_end && stop_end > cut && !inside_word && !joins_fields &&
          !name_holds(from, stop_end) && !in_defined_short_form(from, stop_end)) {
        if (acts_only && stop_end == s) stop_before_county = true;
        // 政和县|财政局 keeps 政和县: a one-character stop word before 县 that is the second
        // character of a name opening the run or following a listed place (福建|政和县) or an
        // organization word (內地保險公司|泰和人壽), and so before any suffix that takes a
        // two-character name (泰和|人壽保險股份有限公司).
        else if (!(stop_end - from == 3 && from >= cut + 3 &&
                   (from == cut + 3 || name_ends_at(from - 3) || org_word_end == from - 3) &&
                   two_character_suffix_at(stop_end)) &&
                 !stop_opens_county(from, stop_end, run_start))
          cut = stop_end, cut_stop_from = stop_end - from == 3 ? from : SIZE_MAX;
      }
    }
    // A one-character stop word that is rather the first character of a word (采访对象|安徽
    // 徽商茶叶有限公司: 对象 "interviewee", not 对 "towards") ends that word, where four
    // characters of name at least are left after it (对|方正集团 keeps 方正).
    if (cut_stop_from != SIZE_MAX && cut_stop_from + 3 == cut && cut + 15 <= s && stop_starts_word(cut_stop_from, cut, s)) cut += 3;
    // A date inside the run is none of the name, which starts after it (中銀香港首三季|私人
    // 銀行 is private banking in the first three quarters).
    cut = std::max(cut, after_last_date(cut, n));
    if (!acts_only) cut = place_opening_name(cut, s);
    // A government under the province named before it is that place's, the province a
    // place outside the name (湖南省|安化县人民政府, as 福建省|安溪县 acting below).
    if (place_under_province && !acts_only && is_government(suffix)) cut = std::max(cut, province_end);
    // A county is named without its province: 福建省|安溪县, and 江西|寻乌县 (a listed place
    // ending two or three characters before the suffix).
    if (acts_only) {
      // A county whose name opens with a stop word's character (广东省|和平县, 江西省|于都县:
      // 和 "and", 于 "at"): jieba's dictionary lists the name with its division word, a word
      // no stop word inside cuts.
      if (cut_stop_from != SIZE_MAX && cut_stop_from + 3 == cut &&
          listed_word_through(cut_stop_from, s + m_->suffixes[static_cast<size_t>(suffix)].key.size()))
        cut = cut_stop_from;
      cut = std::max(cut, division_end);
      size_t at = s;
      for (int k = 1; k <= 3 && at > cut; ++k) {
        prev_cp(t_, at);
        if (k >= 2 && at > cut && name_ends_at(at)) {
          cut = at;
          break;
        }
      }
      if (stop_before_county) {
        size_t two = s;
        prev_cp(t_, two);
        prev_cp(t_, two);
        if (cut != two) return kNoName;
      }
    }
    // An organization word followed by trades alone and the legal form is in the registered
    // name (泰丰人寿|保险|股份有限公司), not a kind in apposition before it: the one before it
    // then counts (内地保险公司|泰丰人寿保险股份有限公司). So is one followed by trades and
    // 公司 (鼎衡證券|投資顧問|公司, see company_word).
    if (org_word_end > cut && org_word_end < s && (company_word || legal_form()) && made_of_fields(org_word_end, s))
      org_word_end = prev_org_word_end;
    if (org_word_end > cut && !m_->suffixes[static_cast<size_t>(suffix)].named_by_members &&
        !own_institute(org_word_suffix, org_word_end, suffix, s) && !business_institute_from(cut, s, suffix) &&
        !company_institute(cut, org_word_suffix, org_word_end, suffix, s)) {
      if (name_ends_at(org_word_end)) return kNoName;
      // A school right after a university, listed or not, is part of it (广西大学|土木建筑工程
      // 学院, and with fields joined by "and", which joins_fields above keeps from cutting).
      if (org_word_suffix >= 0 && is_university_suffix(org_word_suffix) && is_university_suffix(suffix)) return kNoName;
      cut = org_word_end;
    }
    // A generic modifier right before the suffix makes the phrase generic, whatever
    // comes before it (A股上市|公司 "a listed company", 外资|银行 "a foreign bank").
    if (tail_after > cut && !(other_from < tail_from)) return kNoName;
    // A numeral alone before trades alone is a count (一|寿险|公司 "a life insurer"), where a
    // real name's numeral opens a word of its own (一心堂, 一汽).
    if (size_t after = cut; numeral::is_numeral_char(next_cp(t_, after)) && after < s && made_of_fields(after, s))
      return kNoName;
    size_t min_chars = static_cast<size_t>(m_->suffixes[static_cast<size_t>(suffix)].min_name);
    if (min_chars > 3 && ends_with_division(cut, s)) min_chars = 3;
    // A legal form right after the suffix makes the whole a registered name, however short
    // its name part (对|瀚海银行股份有限公司).
    if (min_chars > 2 && bare_legal_form_at(s + m_->suffixes[static_cast<size_t>(suffix)].key.size()) > 0) min_chars = 2;
    if (cut == run_start) return after_foreign_country(cut, s, suffix, min_chars);
    // A country before a government suffix is that country's body whatever its characters
    // (日|本: 日 alone is a stop head).
    if (is_government(suffix) && only_role(cut, s, kPlaceRoles)) return cut;
    // No one-character stop head in the name, and four characters or more (the
    // suffix's min_name): shorter ones are mostly common nouns. A government department
    // is named by its place (上海|证监局: min_name 2), and a place named with its division
    // is a proper name however short (湖北省|财政厅, 杭州市|公司): three.
    if (short_head_after > cut) return kNoName;
    // Nor a count right before the suffix: it makes the phrase generic whatever comes
    // before it (已有兩間|公司, 其中三家|银行). A count further in opens what names the kind
    // it counts (营口一家|村镇银行, "a village bank in Yingkou"): the name starts after it.
    if (count_end == s) return kNoName;
    if (count_end > cut) cut = count_end;
    size_t chars = 0;
    for (size_t i = cut; i < s && chars < min_chars; ++chars) next_cp(t_, i);
    if (chars < min_chars && !(chars >= 2 && is_coined_word(cut, s)) && !one_character_county(cut, s, suffix) &&
        !university_of_place(cut, s, suffix))
      return kNoName;
    // No stop head right before the name (一家|电池材料公司 is any such company), unless a
    // legal form makes it a registered name (本地龙头|广西香岭茶业有限公司).
    // (Whether a stop head ends there first: most runs hold none, and the legal forms'
    // walks are then left out.)
    if (std::find(head_ends_.begin(), head_ends_.end(), cut) != head_ends_.end() && bare_legal_form_at(s) == 0 &&
        bare_legal_form_at(s + m_->suffixes[static_cast<size_t>(suffix)].key.size()) == 0)
      return kNoName;
    return after_foreign_country(cut, s, suffix, min_chars);
  }
  // Whether the Korean name part [a, s) opens with an event's year, four digits from 1900
  // on and three Hangul syllables or more (2026여수세계섬박람회|조직위원회), where a short
  // numeral and a counter are none (4대|은행, 2차전지).
  bool opens_with_event_year(size_t a, size_t s) const {
    if (s - a < 4 + 3 * 3 || (t_.compare(a, 2, "19") != 0 && t_.compare(a, 2, "20") != 0)) return false;
    for (size_t j = a; j < a + 4; ++j)
      if (!text::is_ascii_digit(static_cast<unsigned char>(t_[j]))) return false;
    size_t syllables = 0;
    for (size_t j = a + 4; j < s;) {
      if (!text::is_hangul_syllable(next_cp(t_, j))) return false;
      ++syllables;
    }
    return syllables >= 3;
  }
  // Whether the one-character stop word [from, to) and the Han character at `to` make a
  // common word of the least-cost segmentation (jieba's dictionary) of the characters around
  // them, up to three before and six after (not past `limit`): 采访|对象|安徽 but 记者|从|
  // 中国 (从中 "from among" is a word too, rarer than 中国). The characters after it count
  // as the dictionary's words alone, not as one name.
  bool stop_starts_word(size_t from, size_t to, size_t limit) const {
    const char32_t stop = decode_at(t_, from), next = decode_at(t_, to);
    if (!text::is_han(next) || !text::zh_words::may_join(stop, next)) return false;
    // A word as common as ordinary nouns: a rarer one is more likely a name's own first
    // characters (和悦|物业服务有限公司), which no rule here takes for the sentence's.
    const char32_t pair[2] = {stop, next};
    const int cost = text::zh_words::cost(pair);
    if (cost < 0 || cost > text::zh_words::kNameCost) return false;
    constexpr size_t kContext = 3, kAfter = 6;
    std::array<char32_t, kContext + 1 + kAfter> window;
    size_t n = 0;
    size_t a = from;
    for (size_t k = 0; k < kContext && a > 0; ++k) {
      size_t i = a;
      const char32_t c = prev_cp(t_, i);
      if (!text::is_han(c)) break;
      window[window.size() - 1 - n++] = c;
      a = i;
    }
    std::copy(window.end() - static_cast<std::ptrdiff_t>(n), window.end(), window.begin());
    window[n++] = stop;
    const size_t edge = n;
    for (size_t i = to; i < limit && n < window.size();) {
      const char32_t c = next_cp(t_, i);
      if (!text::is_han(c)) break;
      window[n++] = c;
    }
    // [edge, n) at a cost no segmentation pays, so that only the dictionary's words decide.
    return text::zh_words::crosses_edge(std::span<const char32_t>(window.data(), n), edge, n, 1 << 20);
  }
  // Whether the Han characters [from, to) are one word of jieba's dictionary.
  bool listed_word_through(size_t from, size_t to) const {
    std::array<char32_t, text::zh_words::kMaxChars> chars;
    size_t n = 0;
    for (size_t i = from; i < to;) {
      if (n == chars.size()) return false;
      const char32_t c = next_cp(t_, i);
      if (!text::is_han(c)) return false;
      chars[n++] = c;
    }
    return n >= 2 && text::zh_words::cost(std::span<const char32_t>(chars.data(), n)) >= 0;
  }
  // Whether the one Han character [from, to) opens a word of jieba's dictionary with the
  // next one before `limit`: a kind word there is no organization word (社|会学 is
  // 社会学 "sociology", not a news agency's 社).
  bool opens_word(size_t from, size_t to, size_t limit) const {
    if (to - from != 3 || to + 3 > limit) return false;
    const char32_t pair[2] = {decode_at(t_, from), decode_at(t_, to)};
    return text::is_han(pair[0]) && text::zh_words::cost(pair) >= 0;
  }
  // A foreign country before a company's name says where it is, not its name
  // (印尼|亞洲聯合銀行, 泰国|伟华集团, and at a run's start: ，美国|先锋领航集团), when enough
  // of a name (`min_chars`) is left: where the name then starts. A home country stays
  // (中国卫星网络集团), and so does a place in a registered name, with its legal form
  // (澳門濠景會展管理有限公司), or in a body's (巴西汽车经销商联合会), and a country whose
  // "national" company it is (老挝|国家电力公司).
  size_t after_foreign_country(size_t cut, size_t s, int32_t suffix, size_t min_chars) const {
    // The suffix's kind first: the walk for a place is the dearer test.
    if (!is_word(m_->suffixes[static_cast<size_t>(suffix)].kind, kCompanyKind)) return cut;
    if (const size_t place_end = longest_role_end(cut, s, role_bit(WordRole::kPlace));
        place_end > cut && !ends_with_role(cut, place_end, role_bit(WordRole::kHomePlace)) &&
        !word_at(place_end, role_bit(WordRole::kNational)) && !legal_form_from(s, suffix)) {
      size_t rest = 0;
      for (size_t i = place_end; i < s && rest < min_chars; ++rest) next_cp(t_, i);
      if (rest >= min_chars || (rest >= 2 && is_coined_word(place_end, s))) return place_end;
    }
    return cut;
  }
  // A listed province or city is the whole name part of a university (与|贵州大学合作,
  // 宿州|学院), however short: a place's university is a proper name, where before a
  // company's suffix it is a kind (深圳公司, "a Shenzhen company").
  bool university_of_place(size_t cut, size_t s, int32_t suffix) const {
    return is_word(m_->suffixes[static_cast<size_t>(suffix)].kind, kUniversityKind) && is_place_at(cut, s);
  }
  // A university's or an academy's own institute is named with its parent (suffixes.tsv
  // column parent): 中国科学院|武汉岩土力学研究所, 中国美术学院|乡村振兴研究院 are one name
  // each, where an organization word before other suffixes is a noun in apposition
  // (内地保险公司|泰丰人寿…). `word_suffix`: the suffix the word ending at `word_end` is
  // (-1: a kind word, no suffix).
  bool own_institute(int32_t word_suffix, size_t word_end, int32_t suffix, size_t s) const {
    if (word_suffix < 0 || word_end >= s || !m_->suffixes[static_cast<size_t>(suffix)].named_with_parent) return false;
    const std::string& parent = m_->suffixes[static_cast<size_t>(word_suffix)].kind;
    return parent == "university" || parent == "institute";
  }
  // A company's research institute named with it, the company unlisted: its suffix right
  // before the institute's (恒澜证券|研究院, 岱川证券|研究所), after a name of two
  // characters or more that is no field (券商|研究所 and 保险公司|研究院 name none; a
  // listed company's is business_institute_from's). An organization word further back
  // is a noun in apposition (公司|同时与…研究院).
  bool company_institute(size_t cut, int32_t word_suffix, size_t word_end, int32_t suffix, size_t s) const {
    if (word_suffix < 0 || word_end != s || !m_->suffixes[static_cast<size_t>(suffix)].named_with_parent) return false;
    const Suffix& company = m_->suffixes[static_cast<size_t>(word_suffix)];
    if (!is_word(company.kind, kCompanyKind) || company.key.size() > s - cut) return false;
    const size_t name_end = s - company.key.size();
    return name_end >= cut + 6 && !made_of_fields(cut, name_end);
  }
  // [a, s) is one character that names a county (role county), before a county's 县 (a
  // suffix that acts only): the one name part a character long (黟县, 歙县), where 全县,
  // 本县 and 该县 name none.
  bool one_character_county(size_t a, size_t s, int32_t suffix) const {
    return m_->suffixes[static_cast<size_t>(suffix)].acts_only && s - a == 3 && is_county_name(decode_at(t_, a));
  }
  // [a, s) is one Hangul syllable that, with the suffix's first syllable, is a place's
  // bare name (동|구의회, 중|구청: 동구, 중구, the districts several cities have): the one
  // name part a syllable long, where 각|구의회 names none.
  bool one_syllable_place(size_t a, size_t s) const {
    if (s - a != 3 || s + 3 > t_.size()) return false;
    const int32_t name = reported_name(a, s + 3);
    return name >= 0 && (m_->name_entry[static_cast<size_t>(name)] & Model::kNamePlace);
  }
  // A one-character county's name (role county).
  bool is_county_name(char32_t c) const { return c <= 0xFFFF && ((m_->county_names[c >> 6] >> (c & 63)) & 1) != 0; }
  // [a, s) is a division's last character alone and then fields (通过|市产业投资|引导基金,
  // 省交通投资|集团): "the city's own", a fund or body named by its field, no name.
  bool own_division_fields(size_t a, size_t s) const {
    size_t after = a;
    return Model::has_bit(m_->division_last, next_cp(t_, after)) && after < s && made_of_fields(after, s);
  }
  // A short Chinese name part that is no word of the language (jieba's dictionary lacks
  // it) is a coined name: 收购|云川|公司. The short ones the minimum keeps out are mostly
  // common nouns (合资公司, 目标公司, 相关公司), which the dictionary lists.
  bool is_coined_word(size_t a, size_t b) const {
    std::array<char32_t, 4> chars{};
    size_t n = 0;
    return han_chars(a, b, chars, n) && text::zh_words::cost(std::span<const char32_t>(chars.data(), n)) < 0;
  }
  // The listed names found (lexicon and context hits) by where they end, for the two
  // questions below; made once per find_patterns() pass.
  std::vector<Span>::const_iterator first_name_ending_at(size_t e) {
    if (!name_ends_ready_) {
      name_ends_.clear();
      for (const Hit& h : hits_)
        if (h.kind == HitKind::kLexicon || h.kind == HitKind::kContext) name_ends_.push_back({h.start, h.end});
      std::sort(name_ends_.begin(), name_ends_.end(), [](const Span& x, const Span& y) { return x.end < y.end; });
      name_ends_ready_ = true;
    }
    return std::lower_bound(name_ends_.cbegin(), name_ends_.cend(), e, [](const Span& x, size_t v) { return x.end < v; });
  }
  // Some listed name found in the text is [a, e).
  bool listed_name_spans(size_t a, size_t e) {
    for (auto it = first_name_ending_at(e); it != name_ends_.cend() && it->end == e; ++it)
      if (it->start == a) return true;
    return false;
  }
  // Some listed name found in the text ends at e.
  bool name_ends_at(size_t e) {
    const auto it = first_name_ending_at(e);
    return it != name_ends_.cend() && it->end == e;
  }
  // Some listed name found in the text starts before `a` and ends at e or after it.
  // The short form that a parenthesis defines after the Han characters from s on (a
  // suffix and a legal form: 服务有限公司（以下简称“和悦物业”）), without its quotes, or empty.
  std::string_view short_form_defined_after(size_t s) const {
    // The walk below stops within kMaxSuffixBytes + kMaxLegalFormBytes + 3 bytes of s, and
    // a definition opens where it stops: most names have no bracket that near, which a
    // search of those bytes says at once, where the walk decoded every character up to the
    // name's end.
    if (t_.substr(s, kMaxSuffixBytes + kMaxLegalFormBytes + 4).find('(') == std::string_view::npos) return {};
    size_t p = s;
    while (p < t_.size() && p - s <= kMaxSuffixBytes + kMaxLegalFormBytes && text::is_han(decode_at(t_, p))) p += 3;
    if (p >= t_.size() || t_[p] != '(') return {};
    const size_t close = t_.find(')', p + 1);
    if (close == std::string_view::npos || close - p > kMaxDefinitionBytes) return {};
    size_t a = longest_role_end(p + 1, close, role_bit(WordRole::kShortFormLead));
    if (a == p + 1) return {};
    size_t b = close;
    if (a < b && is_quote(decode_at(t_, a))) a += utf8_bytes(decode_at(t_, a));
    if (b > a && is_quote(decode_before(t_, b))) b -= utf8_bytes(decode_before(t_, b));
    return b > a ? t_.substr(a, b - a) : std::string_view{};
  }
  // Whether a copy of `part` inside [lo, hi) covers [a, e).
  bool inside_text_of(size_t a, size_t e, std::string_view part, size_t lo, size_t hi) const {
    if (part.empty() || e - a > part.size()) return false;
    const size_t from = a >= lo + part.size() ? a - part.size() : lo;
    const size_t at = t_.substr(0, std::min(hi, e + part.size())).find(part, from);
    return at != std::string_view::npos && at <= a && at + part.size() >= e;
  }
  bool name_holds(size_t a, size_t e) {
    for (auto it = first_name_ending_at(e); it != name_ends_.cend() && it->end < e + kMaxNameBytes; ++it)
      if (it->start < a) return true;
    return false;
  }
  static constexpr size_t kMaxNameBytes = 64;
  static constexpr size_t kMaxLegalFormBytes = 30;  // 控股股份有限公司 is 24  // how far past e a name holding [a, e) is looked for
  // Some listed name found in the text starts inside (a, e) and ends at e.
  bool ends_with_name(size_t a, size_t e) {
    auto it = first_name_ending_at(e);
    for (; it != name_ends_.end() && it->end == e; ++it)
      if (it->start > a) return true;
    return false;
  }
  // The full legal name is a listed name's span: 比亚迪股份|有限公司, and a pattern's too
  // when its suffix is not the legal form itself: 河南交通投资集团|有限公司 (the pattern
  // ending in 有限公司 has no name, since 集团 inside the run ends a generic phrase).
  // After the patterns, which read where listed names end (the suffix 有限公司 after a
  // listed name makes no pattern). A legal form after a context name is its support
  // (四川发展|（控股）有限责任公司), which the span then holds. A place's bare name right
  // before a listed name that gains its legal form is part of the registered name
  // (内蒙古|伊利实业集团股份有限公司), as in a pattern's.
  // The lead bytes of the code points that may open a word of `role` (Model::role_first),
  // and every four bytes' form's, beyond the BMP, where may_start_role() says yes.
  static std::array<bool, 256> lead_bytes_of(const Model& m, WordRole role) {
    std::array<bool, 256> leads{};
    for (unsigned b = 0xF0; b < 0x100; ++b) leads[b] = true;
    const size_t base = static_cast<size_t>(role) * 1024;
    for (size_t w = 0; w < 1024; ++w)
      for (uint64_t bits = m.role_first[base + w]; bits != 0; bits &= bits - 1) {
        const auto c = static_cast<uint32_t>(w * 64 + static_cast<size_t>(std::countr_zero(bits)));
        leads[c < 0x80 ? c : c < 0x800 ? 0xC0 | (c >> 6) : 0xE0 | (c >> 12)] = true;
      }
    return leads;
  }
  void take_legal_forms() {
    for (Hit& h : hits_) {
      // Most hits end before a code point no legal form opens with, and most of those
      // (Hangul, Latin, punctuation) have a lead byte none does: the byte says so before
      // a decode and the bit of the code point.
      if ((h.kind == HitKind::kLexicon || h.kind == HitKind::kPattern || h.kind == HitKind::kContext) && h.end < t_.size() &&
          (t_[h.end] == '(' || (legal_form_leads_[static_cast<unsigned char>(t_[h.end])] &&
                                m_->may_start_role(decode_at(t_, h.end), role_bit(WordRole::kLegalForm))))) {
        const size_t form = legal_form_at(h.end);
        if (form > 0 && h.kind == HitKind::kLexicon && names_company_after(h)) {
          // 中国科学院|控股有限公司 is CAS Holdings: a company named after an academy, a
          // university or an association is one of its own, read as a pattern.
          if (const int32_t suffix = suffix_ending_at(h.end, h.end + form); suffix >= 0) {
            h = Hit{h.start, h.end + form, 0, suffix, HitKind::kPattern};
            continue;
          }
        }
        h.end += form;
        if (form > 0) h.may_hold_space = true;  // a new span: a legal form, maybe a place before it
        if (form > 0 && h.kind == HitKind::kContext && !h.place) h.supported = true;
        if (form > 0 && h.kind == HitKind::kLexicon) h.start = place_name_before(h.start);
      }
    }
  }
  // Whether [a, s) is a listed university's, institute's or association's name and the
  // company suffix `suffix` follows it: a company of its own (카이스트|홀딩스, a university's
  // holding company), as a legal form after one is in Chinese (take_legal_forms).
  bool company_of_listed(size_t a, size_t s, int32_t suffix) const {
    return is_word(m_->suffixes[static_cast<size_t>(suffix)].kind, kCompanyKind) && names_company_after_entry(listed_entry(a, s));
  }
  // Whether [a, s) is a listed business's name and the suffix `suffix` names a unit after
  // its parent (suffixes.tsv column parent: 研究院): the company's own research institute,
  // one institute pattern over both (中国银行|研究院, 中诚信国际|研究院), as a university's
  // or an academy's is (own_institute), unless the lexicon lists it (腾讯研究院).
  bool institute_of_listed_business(size_t a, size_t s, int32_t suffix) const {
    if (!m_->suffixes[static_cast<size_t>(suffix)].named_with_parent) return false;
    const uint32_t entry = listed_entry(a, s);
    return entry != kNoEntry && m_->entry_has(entry, Model::kEntryBusiness);
  }
  // Whether a listed business's name runs from a point in [cut, s) to s, before a suffix
  // that names a unit after its parent (中国银行|研究院: institute_of_listed_business).
  bool business_institute_from(size_t cut, size_t s, int32_t suffix) {
    if (!m_->suffixes[static_cast<size_t>(suffix)].named_with_parent) return false;
    for (auto it = first_name_ending_at(s); it != name_ends_.cend() && it->end == s; ++it)
      if (it->start >= cut && institute_of_listed_business(it->start, s, suffix)) return true;
    return false;
  }
  // Whether the hit's organization is of a kind a company is named after, not one (an
  // institute, a university, an association, an international body).
  bool names_company_after(const Hit& h) const { return names_company_after_entry(h.entry); }
  bool names_company_after_entry(uint32_t entry) const {
    return entry != kNoEntry && !m_->entry_has(entry, Model::kEntryBusiness | Model::kEntryMedia | Model::kEntryGovernment);
  }
  // Whether a word of role `roles` ends [a, e) (资本适足|率).
  bool role_word_ends(size_t a, size_t e, RoleBits roles) const {
    for (size_t p = a; p < e;) {
      if (const Payload* w = word_payload(p, e); w && (w->roles & roles)) return true;
      next_cp(t_, p);
    }
    return false;
  }
  // The longest suffix (suffixes.tsv) that ends at `e` and starts in [from, e), or -1.
  int32_t suffix_ending_at(size_t from, size_t e) const {
    for (size_t p = from; p < e;) {
      if (const Payload* w = word_payload(p, e); w && w->suffix >= 0) return w->suffix;
      next_cp(t_, p);
    }
    return -1;
  }
  // A pattern made of a listed council and its field committee (立法院|經濟委員會, and with
  // more fields before a committee word: 立法會|經濟|發展事務委員會) names the committee, which
  // is part of the council (is_council_committee): the council's own name stays, the
  // pattern goes.
  void drop_council_committee_patterns() {
    const size_t before = hits_.size();
    hits_.erase(std::remove_if(hits_.begin(), hits_.end(),
                               [this](const Hit& p) {
                                 if (p.kind != HitKind::kPattern ||
                                     !m_->may_start_role(decode_at(t_, p.start), role_bit(WordRole::kCouncil)))
                                   return false;
                                 const size_t council = longest_role_end(p.start, p.end, role_bit(WordRole::kCouncil));
                                 if (council == p.start) return false;
                                 for (size_t c = council; c < p.end; next_cp(t_, c))
                                   if (ends_with_role(c, p.end, role_bit(WordRole::kCouncilCommittee)) &&
                                       (c == council || made_of_fields(council, c)))
                                     return true;
                                 return false;
                               }),
                hits_.end());
    if (hits_.size() != before) name_ends_ready_ = false;
  }
  // A listed name written with its first part's gloss inside it (유럽연합(EU) 집행위원회:
  // the European Commission, EU glossing 유럽연합, as 유럽연합 집행위원회 is) is that name
  // over the gloss: the names' automaton walks on from a lexicon hit's key past a short
  // parenthesis right after it and one space: the scan noted the hits that may be such a
  // first part (glossed_heads_: a name that opens a longer one, kNameOpensLonger, before
  // a parenthesis), a few in a document that has any.
  void join_names_around_glosses() {
    const Automaton& ac = m_->ac;
    // (The first part may be a name that needs support alone: 欧盟(EU)委员会.)
    for (const size_t i : glossed_heads_) {
      const Hit h = hits_[i];
      const size_t close = t_.find(')', h.end + 1);
      if (close == std::string_view::npos || close - h.end > kMaxInnerGlossBytes) continue;
      uint32_t state = Automaton::kRoot;
      for (size_t j = h.start; j < h.end && state != Automaton::kNone;)
        if (const char32_t c = next_cp(t_, j); c != ' ') state = ac.child(state, c);
      size_t j = close + 1;
      if (j < t_.size() && t_[j] == ' ') ++j;
      size_t end = 0;
      int32_t name = -1;
      while (j < t_.size() && state != Automaton::kNone) {
        const char32_t c = next_cp(t_, j);
        if (c == ' ') {
          if (j < t_.size() && t_[j] == ' ') break;  // single spaces only, as inside keys
          continue;
        }
        state = ac.child(state, c);
        if (state == Automaton::kNone || !ac.reports_itself(state)) continue;
        const int32_t k = m_->key_info[state].name;
        if (k < 0) continue;
        const NameInfo& info = m_->names[static_cast<size_t>(k)];
        if (!info.context && !info.place && !info.local && right_ok(j, decode_before(t_, j))) end = j, name = k;
      }
      if (name < 0) continue;
      const uint32_t entry = m_->names[static_cast<size_t>(name)].entry;
      hits_.push_back(Hit{h.start, end, entry, -1, HitKind::kLexicon});
      note_lexicon_hit(entry);
    }
  }
  static constexpr size_t kMaxInnerGlossBytes = 24;  // from the parenthesis to its close: a short gloss (EU, 欧盟)
  // A Korean research unit named with its university one space before it is one name
  // (울산대학교 에너지화학연구소, suffixes.tsv column parent), as a Chinese one is without
  // the space (han_name_start).
  void join_spaced_parents() {
    for (Hit& h : hits_) {
      if (h.kind != HitKind::kPattern || h.suffix < 0 || !m_->suffixes[static_cast<size_t>(h.suffix)].named_with_parent ||
          h.start < 2 || t_[h.start - 1] != ' ' || !text::is_hangul_syllable(decode_at(t_, h.start)))
        continue;
      for (const Hit& g : hits_)
        if (g.end == h.start - 1 && is_university(g)) {
          h.start = g.start;
          break;
        }
    }
  }
  // Steps `a` back over the Latin letters and digits before it, and single spaces between
  // two of them, at most `max` code points; returns how many letters and digits it took.
  int latin_name_before(size_t& a, int max) const {
    int count = 0;
    while (a > 0 && count < max) {
      size_t k = a;
      const char32_t c = prev_cp(t_, k);
      if (c == ' ' && count > 0 && k > 0 && is_latin_alnum(decode_before(t_, k))) {
        a = k;  // (the letter before it is taken next)
        continue;
      }
      if (!is_latin_alnum(c)) break;
      a = k;
      ++count;
    }
    return count;
  }
  // Where a university (listed, or a pattern) ending one space before `a` starts, when
  // `suffix` names a unit after its parent (suffixes.tsv column parent); else kNoName.
  size_t spaced_university_before(size_t a, size_t suffix) const {
    if (!m_->suffixes[suffix].named_with_parent || a < 2 || t_[a - 1] != ' ') return kNoName;
    for (const Hit& g : hits_)
      if (g.end == a - 1 && is_university(g)) return g.start;
    return kNoName;
  }
  // The roles of a word that names a field, not a body: topic words (인공지능, 반도체) and
  // trades (租赁).
  static constexpr RoleBits kFieldRoles = role_bit(WordRole::kTopic) | role_bit(WordRole::kField);
  bool is_university(const Hit& g) const {
    if (g.kind == HitKind::kPattern) return g.suffix >= 0 && is_word(m_->suffixes[static_cast<size_t>(g.suffix)].kind, kUniversityKind);
    if (g.kind != HitKind::kLexicon) return false;
    const Model::EntryOut& e = m_->entry_out[g.entry];
    return std::string_view(m_->out_text.data() + e.off + e.value, e.unit) == "university";
  }
  // Where a place's bare name (a context hit, Name::place) ending right at `start` begins,
  // or `start`.
  size_t place_name_before(size_t start) const {
    for (const Hit& g : hits_)
      if (g.kind == HitKind::kContext && g.place && g.end == start) return g.start;
    return start;
  }
  // Whether a place's name (a listed place's context hit) is [a, b).
  bool is_place_at(size_t a, size_t b) const {
    for (const Hit& h : hits_)
      if (h.place && h.start == a && h.end == b) return true;
    return false;
  }
  // Bytes of the longest legal form (role legal_form: 有限公司, 股份有限公司) at `pos`, or 0.
  // A bracketed word of a few Chinese characters may open it, as registered names have
  // (四川发展|（控股）有限责任公司, 苹果电脑贸易|（上海）有限公司; folding made the brackets ASCII).
  size_t legal_form_at(size_t pos) const {
    const size_t after = bracketed_word_after(pos);
    const size_t form = bare_legal_form_at(after);
    return form == 0 ? 0 : after - pos + form;
  }
  static constexpr int kMaxBracketedChars = 4;
  // Where a bracketed word of at most kMaxBracketedChars Han characters that opens at
  // `pos` ends, past its closing bracket, or `pos` when none opens there; the mirror of
  // bracketed_word_before().
  size_t bracketed_word_after(size_t pos) const {
    if (pos >= t_.size() || t_[pos] != '(') return pos;
    size_t j = pos + 1;
    int han = 0;
    while (j < t_.size() && han <= kMaxBracketedChars && text::is_han(decode_at(t_, j))) {
      next_cp(t_, j);
      ++han;
    }
    return han > 0 && han <= kMaxBracketedChars && j < t_.size() && t_[j] == ')' ? j + 1 : pos;
  }
  // Where a bracketed word of at most kMaxBracketedChars Han characters that ends at `e`
  // opens ((集团), (控股)), or `e` when none ends there.
  size_t bracketed_word_before(size_t e) const {
    if (e == 0 || t_[e - 1] != ')') return e;
    size_t j = e - 1;
    int han = 0;
    while (j > 0 && han <= kMaxBracketedChars && text::is_han(decode_before(t_, j))) {
      prev_cp(t_, j);
      ++han;
    }
    return han > 0 && han <= kMaxBracketedChars && j > 0 && t_[j - 1] == '(' ? j - 1 : e;
  }
  // Bytes of the longest legal form word (有限公司) at `pos`, or 0 (no bracketed word
  // before it: legal_form_at()).
  size_t bare_legal_form_at(size_t pos) const {
    // Most positions asked about (the text after a suffix, 公司|表示) start no legal form,
    // whose first code points are few: one bit says so (Model::role_first), where the walk
    // went on through every word the position opens.
    if (pos >= t_.size() || !m_->may_start_role(decode_at(t_, pos), role_bit(WordRole::kLegalForm))) return 0;
    size_t found = 0;
    uint32_t state = CodePointTrie::kRoot;
    for (size_t j = pos; j < t_.size();) {
      state = m_->words.step(state, next_cp(t_, j));
      if (state == CodePointTrie::kNone) break;
      const Payload* p = m_->word_get(state);
      if (p && (p->roles & role_bit(WordRole::kLegalForm))) found = j - pos;
    }
    return found;
  }
  // Whether a legal form is the suffix at s or follows it (银行|股份有限公司).
  bool legal_form_from(size_t s, int32_t suffix) const {
    const size_t after = s + m_->suffixes[static_cast<size_t>(suffix)].key.size();
    return starts_with_role(s, std::min(t_.size(), s + kMaxLegalFormBytes), role_bit(WordRole::kLegalForm)) ||
           (after < t_.size() && starts_with_role(after, std::min(t_.size(), after + kMaxLegalFormBytes), role_bit(WordRole::kLegalForm)));
  }
  // [a, b) ends with an administrative division word (role division: 省, 市, 自治区).
  bool ends_with_division(size_t a, size_t b) const {
    if (b <= a || !Model::has_bit(m_->division_last, before_cp(b))) return false;
    size_t from = b;
    for (size_t k = 0; k < kMaxDivisionCodePoints && from > a; ++k) {
      prev_cp(t_, from);
      if (ends_with_role(from, b, role_bit(WordRole::kDivision))) return true;
    }
    return false;
  }
  static constexpr size_t kMaxDivisionCodePoints = 5;  // 特别行政区
  bool is_government(int32_t suffix) const { return is_word(m_->suffixes[static_cast<size_t>(suffix)].kind, kGovernmentKind); }
  bool is_university_suffix(int32_t suffix) const {
    return is_word(m_->suffixes[static_cast<size_t>(suffix)].kind, kUniversityKind);
  }
  // A government pattern (suffix `suffix`) [a, e) that ends with a listed name after a
  // place named with its division is that place's own body, not the listed one:
  // 深圳市|发改委 is Shenzhen's commission, while 发改委 alone is the national one. So is a
  // Korean name glued before a suffix that is itself a listed name (화천|농협, a local
  // cooperative, where 농협 alone is the national federation).
  bool names_local_body(size_t a, size_t e, int32_t suffix) {
    const size_t s = e - m_->suffixes[static_cast<size_t>(suffix)].key.size();
    const bool hangul = text::is_hangul_syllable(decode_at(t_, a));
    if (!is_government(suffix) && !hangul) return false;
    for (auto it = first_name_ending_at(e); it != name_ends_.end() && it->end == e; ++it) {
      // (Not a place's own government listed whole: 山东省|曹县人民政府 is the county's.)
      if (it->start > a && is_government(suffix) && (ends_with_division(a, it->start) || ends_with_local_government(a, it->start)) &&
          !ends_with_local_government(it->start, e))
        return true;
      if (hangul && it->start == s) return true;
    }
    return false;
  }
  // Whether a government suffix after a place named with its division from `a` ends
  // inside [a, b) (贵州省人民政府|国有资产监督管理).
  bool holds_local_government(size_t a, size_t b) const {
    for (size_t j = a; j < b;) {
      next_cp(t_, j);
      if (j < b && ends_with_local_government(a, j)) return true;
    }
    return false;
  }
  // Whether [a, b) ends with a government suffix (人民政府, 政府) right after a place named
  // with its division (广西壮族自治区|人民政府): the place's own government, and a body
  // named after it is that place's (names_local_body).
  bool ends_with_local_government(size_t a, size_t b) const {
    size_t from = b;
    for (size_t k = 0; k < kMaxSuffixCodePoints && from > a; ++k) {
      prev_cp(t_, from);
      const Payload* p = word_payload(from, b);
      if (p && p->suffix >= 0 && is_government(p->suffix) && ends_with_division(a, from)) return true;
    }
    return false;
  }
  // The key [a, b) has one of `roles`.
  bool ends_with_role(size_t a, size_t b, RoleBits roles) const {
    const Payload* p = word_payload(a, b);
    return p && (p->roles & roles);
  }
  // Some key with one of `roles` is a prefix of [a, b).
  bool starts_with_role(size_t a, size_t b, RoleBits roles) const {
    if (a >= b || !m_->may_start_role(decode_at(t_, a), roles)) return false;
    uint32_t state = CodePointTrie::kRoot;
    for (size_t j = a; j < b;) {
      state = m_->words.step(state, next_cp(t_, j));
      if (state == CodePointTrie::kNone) return false;
      const Payload* p = m_->word_get(state);
      if (p && (p->roles & roles)) return true;
    }
    return false;
  }

  void find_patterns() {
    // Listed names by where they end: a pattern that ends with one is that name with
    // words before it (深圳前海|微众银行, 来自|清华大学), and the name alone is the fact
    // (GUIDELINES: a longer form is in the span only when the lexicon lists it).
    // Made on first use: most suffix hits fail the cheaper checks first. Reset for every
    // text, those without suffixes too (acts_as_government() asks it later).
    name_ends_ready_ = false;
    if (suffix_hits_.empty()) return;
    for (size_t i = 0; i < suffix_hits_.size(); ++i) {
      const auto& [s, e, suffix] = suffix_hits_[i];
      // Where a longer suffix ending here starts (人民政府 around 政府), or s: hits come by
      // start, so it is among the few before.
      size_t longer_start = s;
      for (size_t k = i; k-- > 0 && s - suffix_hits_[k].start <= kMaxSuffixBytes;)
        if (suffix_hits_[k].end == e) longer_start = suffix_hits_[k].start;
      const char32_t first = decode_at(t_, s);
      if (!right_ok(e, decode_before(t_, e)) && !head_title_after(e, suffix)) continue;
      // A suffix that opens a longer ordinary word is none (大学|生 a student, 返乡创业大学生).
      // (The hit's text is the suffix's key: only a few keys open a longer common word,
      // and a walk from the hit's start looks for one only after those.)
      if (m_->suffix_opens_common[suffix] &&
          longest_role_end(s, std::min(t_.size(), e + kMaxCommonTailBytes), role_bit(WordRole::kCommon)) > e)
        continue;
      const Script script = script_of(first);
      size_t a = s;
      int count = 0;
      if (script == Script::kHangul) {
        while (a > 0 && count <= kMaxNamePart) {
          size_t k = a;
          const char32_t c = prev_cp(t_, k);
          if (!text::is_hangul_syllable(c) && !is_latin_alnum(c)) break;
          a = k;
          ++count;
        }
        // Korean writes a country's government with a space (캐나다 정부, 모로코 정부는): a
        // government suffix after one space takes a foreign place's name before it, the
        // pattern then being over both, as 匈牙利政府 is (a home place's is not: 한국 정부).
        if (count == 0 && is_government(suffix) && s >= 2 && t_[s - 1] == ' ') {
          const size_t from = foreign_place_word_before(s - 1);
          if (from != kNoPlace) {
            hits_.push_back(Hit{from, e, 0, static_cast<int32_t>(suffix), HitKind::kPattern});
            continue;
          }
        }
      } else if (script == Script::kHan) {
        size_t run = 0;
        // A registered name may hold a bracketed word before its legal form
        // (贵州省水利投资|（集团）有限责任公司, 苹果电脑贸易|（上海）有限公司; folding made the
        // brackets ASCII): the run goes on before it, and the name part ends there. A
        // bracketed place may stand anywhere before the suffix (华瑞长青（上海）私募基金管理|
        // 有限公司, 中国（广西）自由贸易试验区…|管理委员会): the run goes on, the place inside.
        size_t part_end = s;
        // The code points the walk takes, noted for han_name_start().
        WalkedRun walked;
        while (a > 0 && run < kMaxHanRun) {
          size_t k = a;
          const char32_t c = prev_cp(t_, k);
          if (c == ')' && part_end == s) {
            const size_t open = bracketed_word_before(a);
            if (open != a && a + bare_legal_form_at(a) >= e) {
              a = part_end = open;
              // The run ends at part_end: what the walk noted after it is none of the run.
              walked.first = run, walked.whole = true;
              continue;
            }
            if (open != a && is_place_at(open + 1, a - 1)) {
              a = open;
              walked.whole = false;
              continue;
            }
          }
          // A transliterated foreign name joins its parts with a middle dot
          // (阿卜杜勒·拉蒂夫·贾米勒|公司): the dot between Han characters is inside the run.
          if (!text::is_han(c) && !((c == U'·' || c == U'・') && run > 0 && k > 0 && text::is_han(decode_before(t_, k)))) break;
          walked.note(run, c, k);
          a = k;
          ++run;
        }
        walked.last = run;
        const size_t run_start = a;  // (== s when the walk took no Han character)
        if (run > 0) {
          // Chinese has no spaces: the name starts after the last function word, verb
          // or organization word of the run (该公司所在的|华东算力产业联盟, 游戏公司|角川集团),
          // and a determiner right before it makes the phrase generic (一家|电池材料公司).
          a = part_end < s ? (part_end > run_start ? han_name_start(run_start, part_end, suffix, walked) : kNoName)
                           : han_name_start(run_start, s, suffix, walked);
          if (a == kNoName) continue;
          for (size_t j = a; j < s;) {
            next_cp(t_, j);
            ++count;
          }
        }
        // A listed name found in the text that the suffix follows is that name, no pattern
        // (LG化学|公司, SK On|公司): the walks below find its start where the walk over Han
        // characters stopped at its Latin letters.
        // (One byte before the name part says there is no Latin letter, most often.)
        const bool latin_before = a > 0 && is_latin_alnum(static_cast<unsigned char>(t_[a - 1]));
        if (count == 0 && latin_before) {
          // A Latin name alone, single spaces between its words (Meta Platforms|公司).
          count = latin_name_before(a, kMaxNamePart + 1);
          if (listed_name_spans(a, s)) continue;
        } else if (a == run_start && latin_before) {
          size_t b = a;
          latin_name_before(b, kMaxNamePart);
          if (listed_name_spans(b, s)) continue;
        }
      } else {
        continue;
      }
      // A place's government before a body of its own makes a longer name
      // (广西壮族自治区人民政府|国有资产监督管理|委员会).
      const bool long_local_body = count > kMaxNamePart && count <= kMaxLocalBodyPart && script == Script::kHan &&
                                   is_government(suffix) && holds_local_government(a, s);
      // 동|구의회: the place 동구 holds the suffix's first syllable; 동 alone is a word (the
      // determiner "the said"), which the checks of the name part below would refuse.
      const bool syllable_place = script == Script::kHangul && count == 1 && one_syllable_place(a, s);
      if ((count < 2 && !(script == Script::kHan && one_character_county(a, s, suffix)) && !syllable_place) ||
          (count > kMaxNamePart && !long_local_body))
        continue;
      // A name part right after a number is the tail of an amount or a date
      // (4月创办公司, 8.5亿英镑收购...公司, 3연구소).
      if (text::is_ascii_digit(decode_before(t_, a))) continue;
      // A generic word before the longer suffix is no name read one word longer with the
      // shorter one (省|人民政府: not 省人民|政府), where a name before it still is
      // (滑县|农商银行 and 滑县农商|银行).
      if (longer_start < s && a < longer_start && is_generic(a, longer_start)) continue;
      // Nor is one Latin letter before the longer suffix, which hides a name (A|저축은행 is
      // "savings bank A", as A|은행 and A|사 are), read one word longer with the shorter one.
      if (longer_start == a + 1 && is_latin_alnum(static_cast<unsigned char>(t_[a])) &&
          (a == 0 || !is_latin_alnum(decode_before(t_, a))))
        continue;
      if (script == Script::kHangul && text::is_ascii_digit(decode_at(t_, a)) && !opens_with_event_year(a, s)) {
        bool hangul = false;
        for (size_t j = a; j < s;) hangul |= text::is_hangul_syllable(next_cp(t_, j));
        if (hangul) continue;  // 4대은행, 2차전지: a numeral and a counter, not a name
      }
      // A listed name part is that body's word, unless a government suffix follows a place
      // named with its division: 서울시 is the city's government, 서울시교육청 another body.
      // A country before a government suffix names that country's body (匈牙利|政府), where
      // before any other it makes a kind (美国|公司 American companies).
      // The name part's word (the words trie), walked once for is_generic(), only_role()
      // and is_known()'s is_generic_word().
      const Payload* part = word_payload(a, s);
      const bool generic = part && part->roles != 0;
      const bool country_body = is_government(suffix) && generic && (part->roles & ~kPlaceRoles) == 0 && part->suffix < 0;
      const bool generic_word = part && (part->roles != 0 || part->suffix >= 0);
      // A research unit named by its field alone (인공지능연구원, 반도체연구소) is a kind of
      // unit, except one space after its university (서울대학교 인공지능연구원): that
      // university's own unit, one name over both, as join_spaced_parents() makes of a
      // unit with a name of its own (울산대학교 에너지화학연구소).
      if (script == Script::kHangul && generic && (part->roles & ~kFieldRoles) == 0)
        if (const size_t parent = spaced_university_before(a, suffix); parent != kNoName) {
          hits_.push_back(Hit{parent, e, 0, static_cast<int32_t>(suffix), HitKind::kPattern});
          continue;
        }
      // (A company suffix after a listed university, institute or association names a
      // company of its own: company_of_listed.)
      // A county named by an ordinary word (和平县: 和平 "peace", listed as a common word so
      // that 和 does not cut it) is a name where jieba's dictionary lists it with its 县.
      const bool common_county = script == Script::kHan && m_->suffixes[suffix].acts_only && part &&
                                 part->roles == role_bit(WordRole::kCommon) && listed_word_through(a, e);
      if (!syllable_place && !common_county &&
          ((generic && !country_body) || (script == Script::kHan && (made_of_fields(a, s) || own_division_fields(a, s))) ||
           (!country_body && (generic_word || is_listed(a, s)) && !(is_government(suffix) && ends_with_division(a, s)) &&
            !(!generic_word && (company_of_listed(a, s, static_cast<int32_t>(suffix)) ||
                                institute_of_listed_business(a, s, static_cast<int32_t>(suffix))))) ||
           (ends_with_name(a, e) && !names_local_body(a, e, suffix))))
        continue;
      if (script == Script::kHan && !country_body && starts_with_role(a, s, role_bit(WordRole::kStopHead))) continue;
      // "연구원" after a title (수석연구원) or a generic head: the stop list covers the
      // head; a name part that is only digits is a number (3연구소).
      bool any_letter = false;
      for (size_t j = a; j < s;) any_letter |= !text::is_ascii_digit(next_cp(t_, j));
      if (!any_letter) continue;
      // A place, a listed name and a legal form make that organization's registered
      // name (四川|郎酒|股份有限公司, 浙江|吉利控股集团|有限公司): the few characters
      // before the listed name say where it is registered, not another company.
      if (script == Script::kHan && bare_legal_form_at(s) == e - s) {
        if (const int64_t entry = listed_name_after_place(a, s); entry >= 0) {
          hits_.push_back(Hit{a, e, static_cast<uint32_t>(entry), -1, HitKind::kLexicon});
          note_lexicon_hit(static_cast<uint32_t>(entry));
          continue;
        }
      }
      // 한국게임산업협회|장은: a listed association with its head's title glued to it is
      // that association (the matcher's names end a word; this one runs on into 장).
      if (script == Script::kHangul && !right_ok(e, decode_before(t_, e))) {
        if (const uint32_t entry = listed_entry(a, e); entry != kNoEntry) {
          hits_.push_back(Hit{a, e, entry, -1, HitKind::kLexicon});
          note_lexicon_hit(entry);
          continue;
        }
      }
      hits_.push_back(Hit{a, e, 0, static_cast<int32_t>(suffix), HitKind::kPattern});
    }
  }
  // 한국쌀전업농중앙연합회|장은: a Korean association's name with its head's title (role
  // head_title: 장) glued to it, the title outside the span (an association's suffix only:
  // 공사장 is a building site, 시장 a market).
  bool head_title_after(size_t e, int32_t suffix) const {
    if (!m_->may_start_role(decode_at(t_, e), role_bit(WordRole::kHeadTitle)) ||
        !is_word(m_->suffixes[static_cast<size_t>(suffix)].kind, kAssociationKind))
      return false;
    const size_t title_end = longest_role_end(e, std::min(t_.size(), e + kMaxHeadTitleBytes), role_bit(WordRole::kHeadTitle));
    return title_end > e && right_ok(title_end, decode_before(t_, title_end));
  }
  static constexpr size_t kMaxHeadTitleBytes = 9;
  // The entry of a listed name found in the text that ends at `s` after two to four
  // characters from `a` (a place: 四川, 浙江省), or -1.
  int64_t listed_name_after_place(size_t a, size_t s) {
    for (auto it = first_name_ending_at(s); it != name_ends_.cend() && it->end == s; ++it) {
      if (it->start <= a) continue;
      size_t chars = 0;
      for (size_t j = a; j < it->start; ++chars) next_cp(t_, j);
      if (chars < 2 || chars > 4) continue;
      // The entry of that name's hit: rarely asked, so a plain search.
      // (Not a place's bare name: 东方航空|云南|有限公司 is the airline's Yunnan company, not
      // Yunnan's government.)
      for (const Hit& h : hits_)
        if (h.start == it->start && h.end == s && (h.kind == HitKind::kLexicon || h.kind == HitKind::kContext) && !h.place)
          return h.entry;
    }
    return -1;
  }

  // Keeps the longest non-overlapping hits (then the more trusted kind), in text order.
  void resolve() {
    all_.swap(hits_);
    hits_.clear();
    std::vector<Hit>& all = all_;
    order_by_start(all);
    // A name inside a longer ordinary word is that word (小米粥 millet porridge, 阿里山).
    // Hits are looked up by start through order_, so `all` keeps the order the hits were
    // found in (scan, typo pass, patterns), which breaks ties below.
    for (const Span& b : blockers_) {
      auto it = std::lower_bound(order_.begin(), order_.end(), b.start,
                                 [&all](uint32_t i, size_t v) { return all[i].start < v; });
      for (; it != order_.end() && all[*it].start < b.end; ++it) {
        Hit& h = all[*it];
        if (h.end <= b.end && (h.end - h.start < b.end - b.start || h.kind == HitKind::kPattern))
          h.dropped = true;  // a suffix pattern that is exactly an ordinary word (二十国集团) too
        // A name read across the space after an ordinary word opens with that word: 한미
        // 반도체 관세 is Korea-US (한미) tariffs on chips, not 한미반도체.
        else if (h.start == b.start && h.end > b.end && t_[b.end] == ' ')
          h.dropped = true;
        // A two-character Chinese name whose first character closes the ordinary word
        // before it was read across a word boundary: 其中|投向 holds no 中投. Unless the
        // word is no word there itself (邀集|中油: 集中 is read across 邀集).
        else if (h.start > b.start && h.end > b.end && h.kind != HitKind::kPattern && h.end - h.start == 6 &&
                 text::is_han(decode_at(t_, h.start)) && !words_cross(b.start, b.end))
          h.dropped = true;
      }
    }
    // A name whose closing suffix runs on into an ordinary word is not that name: the
    // word starts inside the hit and ends after it (上海银行|间同业拆放利率 is the Shanghai
    // interbank rate, not the Bank of Shanghai). Some such words are common (报告, 报道),
    // so each looks only at the hits that can hold its start: those starting at most the
    // longest hit's length before it.
    if (!run_ons_.empty()) {
      size_t longest = 0;
      for (const Hit& h : all) longest = std::max(longest, h.end - h.start);
      for (const Span& w : run_ons_) {
        auto it = std::upper_bound(order_.begin(), order_.end(), w.start,
                                   [&all](size_t v, uint32_t i) { return v < all[i].start; });
        while (it != order_.begin()) {
          Hit& h = all[*--it];
          if (h.start + longest <= w.start) break;
          if (w.start < h.end && h.end < w.end && !continuation_opens_word(h.end, w.end)) h.dropped = true;
        }
      }
    }
    // The checks of one listed or typo hit, in one pass (each drops the hit alone and
    // reads no other hit's drop, so their order does not matter), which read the code
    // points around its edges decoded once (Edges) rather than each decoding its own:
    // - a two- or three-character Chinese name across a word edge (straddles_words);
    // - a country's government body named bare right after another country names that
    //   country's body (루마니아 국방부, 罗马尼亚国防부), not the one the bare name stands
    //   for (국방부 Korea's, 国防部 China's). Bodies listed with their country (미국 국방부,
    //   中国国防部) match whole and start at it; one whose names say no country (백악관) is
    //   left alone;
    // - a name before a model code and a product word names the product (小米17系列,
    //   华为Mate 70系列): one load of the byte after the name rules out almost every hit.
    //   So does a generation number before it (第八代|五粮液, a product line of Wuliangye);
    // - a service named before its operator (names_service), or quoted after its
    //   possessive (names_own_service);
    // - a port or an airport after a locative names the place (从|天津港|发运), and so does
    //   one whose clause measures its traffic (青岛港|完成集装箱吞吐量);
    // - a national body right after a province's, city's or county's division word is that
    //   place's own department (省|发改委, 市|统计局), not the national one;
    // - a name opening a short quoted title names the product ('HMM 가온호', “平安好车主”);
    // - a name that is also a currency's names the currency before an amount in it
    //   (한화로 약 9조 원).
    patterns_.clear();
    for (Hit& h : all) {
      if (h.dropped) continue;
      // (Decoded inline: before_cp, a call, cost more here, where every hit asks.)
      // (The entry's flags loaded once: four checks below test one bit of them each.)
      const Edges e{decode_before(t_, h.start), decode_before(t_, h.end), decode_at(t_, h.end),
                    h.kind != HitKind::kPattern ? m_->entry_out[h.entry].flags : uint8_t{0}};
      if (h.kind != HitKind::kPattern
              ? straddles_words(h, e) ||
                    ((e.flags & Model::kEntryHomeGovernment) && after_foreign_place(h.start, h.entry)) ||
                    (h.end < t_.size() && names_product(h.end, e.after)) || after_generation(h.start, e.before) ||
                    names_service(h, e, all) || names_own_service(h, e, all) || country_before_company(h, e, all) ||
                    facility_after_locative(h, e) || facility_measured(h, e) || local_department(h, e) ||
                    bloc_as_region(h, e) || names_town(h, e) || names_building(h, e) || inside_bond_name(h) ||
                    opens_quoted_title(h) || ((e.flags & Model::kEntryCurrencyName) && names_currency(h))
              // A suffix pattern that fills quotes beside an app word names the app (“平安口袋银行”App).
              : quoted_app_name(h, e))
        h.dropped = true;
      else if (h.kind == HitKind::kPattern)
        patterns_.push_back(static_cast<uint32_t>(&h - all.data()));
    }
    // A brand's name (蜜雪冰城|品牌) is no fact, nor is a shorter name read inside it (雪冰):
    // the hits that start inside it, found by start through order_. (Most documents hold
    // no brand or app word: one bit test skips the loop, where names_brand() was a call
    // per hit to test it.)
    if (may_hold_role(kBrandRoles)) {
      for (const Hit& h : all) {
        if (h.dropped || h.kind == HitKind::kPattern || !names_brand(h)) continue;
        const Span brand{h.start, h.end};
        auto it = std::lower_bound(order_.begin(), order_.end(), brand.start,
                                   [&all](uint32_t i, size_t v) { return all[i].start < v; });
        for (; it != order_.end() && all[*it].start < brand.end; ++it)
          if (all[*it].end <= brand.end) all[*it].dropped = true;
      }
    }
    // A suffix that a listed name runs on from is inside that name, not a pattern's end:
    // 本次发行尚需经上海|证券|交易所 is the Shanghai Stock Exchange. The hits that start
    // inside a pattern, found by start through order_ (a pattern is short, so this stays
    // linear in a long document).
    // (The patterns the checks above kept, noted as they went, in the order of `all`: a
    // few in most documents, where this loop read every hit to find them.)
    for (const uint32_t x : patterns_) {
      Hit& p = all[x];
      if (p.dropped) continue;  // inside a brand's name
      auto it = std::lower_bound(order_.begin(), order_.end(), p.start,
                                 [&all](uint32_t i, size_t v) { return all[i].start < v; });
      for (; it != order_.end() && all[*it].start < p.end; ++it) {
        const Hit& h = all[*it];
        if (!h.dropped && h.kind != HitKind::kPattern && p.end < h.end) {
          p.dropped = true;
          break;
        }
      }
    }
    select(all);
  }
  // Keeps the hits of `all` not dropped that win: longest first, then the more trusted
  // kind, then the earlier start, then the order found, each kept when none of its bytes
  // is taken yet; the kept ones go to hits_ in start order (order_). Only hits that
  // overlap compete, so this goes by clusters (hits in start order, each overlapping
  // one before it in the cluster): a hit alone, the usual case, is kept with no ranking,
  // and a cluster's hits are ranked among themselves, which keeps what a ranking of all
  // would (a hit's fate depends on the hits kept that overlap it, all in its cluster).
  void select(const std::vector<Hit>& all) {
    bool taken_clear = false;
    for (size_t k = 0, n = order_.size(); k < n;) {
      const Hit& first = all[order_[k]];
      if (first.dropped) {
        ++k;
        continue;
      }
      // A hit alone (the next one kept starts at or after its end), the usual case, is
      // kept before any cluster is built.
      size_t j = k + 1;
      while (j < n && all[order_[j]].dropped) ++j;
      if (j == n || all[order_[j]].start >= first.end) {
        hits_.push_back(first);
        k = j;
        continue;
      }
      cluster_.clear();
      cluster_.push_back(static_cast<uint32_t>(k));
      size_t end = first.end;
      for (; j < n; ++j) {
        const Hit& h = all[order_[j]];
        if (h.dropped) continue;
        if (h.start >= end) break;
        end = std::max(end, h.end);
        cluster_.push_back(static_cast<uint32_t>(j));
      }
      k = j;
      // Taken bytes as bits (hits are short and never empty); clusters never share a
      // byte, so one clearing serves the document.
      if (!taken_clear) {
        taken_.assign(t_.size() / 64 + 1, 0);
        taken_clear = true;
      }
      // By place in order_ (the cluster's entries), a total order.
      ranked_.assign(cluster_.begin(), cluster_.end());
      std::sort(ranked_.begin(), ranked_.end(), [&](uint32_t x, uint32_t y) {
        const Hit &a = all[order_[x]], &b = all[order_[y]];
        if (a.end - a.start != b.end - b.start) return a.end - a.start > b.end - b.start;
        if (priority_of(a.kind) != priority_of(b.kind)) return priority_of(a.kind) > priority_of(b.kind);
        // Two names of one organization: the one a country opens says where it is, and
        // the other is its name (法国|达飞轮船 over 法国达飞 in 法国达飞轮船).
        if (a.kind != HitKind::kPattern && b.kind != HitKind::kPattern && a.entry == b.entry) {
          const bool pa = opens_with_place(a), pb = opens_with_place(b);
          if (pa != pb) return pb;
        }
        return x < y;
      });
      // By place in order_ from the cluster's first.
      const size_t from = cluster_.front();
      kept_.assign(j - from, 0);
      for (const uint32_t x : ranked_) {
        const Hit& h = all[order_[x]];
        if (!bits_free(h.start, h.end)) continue;
        set_bits(h.start, h.end);
        kept_[x - from] = 1;
      }
      for (const uint32_t x : cluster_)
        if (kept_[x - from]) hits_.push_back(all[order_[x]]);
    }
  }
  // An international body named before a noun of its region (role region_noun: 欧盟市场,
  // 东盟研发中心, 아세안 시장) is the region, not the organization.
  // 국회 앞에서, 화천군청 앞 광장: a Korean name one space before "in front of" (role
  // building_front) names the building, where people gather or events are held.
  // So does one glued to the locative 에서 whose name ends with an office building's word
  // (role office_building: 충북도청|에서 협약을 맺었다, the venue; every such gold reads so).
  bool names_building(const Hit& h, const Edges& e) const {
    if (text::is_hangul_syllable(e.after) && m_->may_start_role(e.after, role_bit(WordRole::kLocative)) &&
        h.end >= h.start + 6 && text::is_hangul_syllable(e.last) && word_at(h.end, role_bit(WordRole::kLocative)) && ends_with_role(h.end - 6, h.end, role_bit(WordRole::kOfficeBuilding)))
      return true;
    if (h.end + 1 >= t_.size() || !may_hold_role(role_bit(WordRole::kBuildingFront))) return false;
    if (t_[h.end] == ' ') {
      if (!text::is_hangul_syllable(e.last)) return false;
      return word_at(h.end + 1, role_bit(WordRole::kBuildingFront), /*spaced=*/true);
    }
    // Chinese glues the building's word to the name (七宝万科|广场, 腾讯|大厦); one bit says
    // whether such a word may start here before anything is looked up.
    return m_->may_start_role(e.after, role_bit(WordRole::kBuildingFront)) && text::is_han(e.after) &&
           text::is_han(e.last) && word_at(h.end, role_bit(WordRole::kBuildingFront));
  }
  bool bloc_as_region(const Hit& h, const Edges& e) const {
    if (!(e.flags & Model::kEntryInternational) || h.end >= t_.size()) return false;
    const size_t p = t_[h.end] == ' ' ? h.end + 1 : h.end;
    return word_at(p, role_bit(WordRole::kRegionNoun));
  }
  // Whether a country or region (role place) opens the hit's name and leaves some of it.
  bool opens_with_place(const Hit& h) const {
    const size_t e = longest_role_end(h.start, h.end, role_bit(WordRole::kPlace));
    return e > h.start && e < h.end;
  }
  // Whether a Chinese town's word (role town: 镇) follows the hit as a word of its own, the
  // name being the town's (茅台|镇多家酒厂), where jieba's dictionary does not join it to
  // what follows (苏宁|镇江店: 镇江 is a city).
  bool names_town(const Hit& h, const Edges& e) const {
    if (h.end + 3 > t_.size() || !may_hold_role(role_bit(WordRole::kTown)) ||
        !m_->may_start_role(e.after, role_bit(WordRole::kTown)) || !text::is_han(decode_at(t_, h.start)))
      return false;
    const size_t town_end = longest_role_end(h.end, std::min(t_.size(), h.end + kMaxTownBytes), role_bit(WordRole::kTown));
    if (town_end == h.end || town_end >= t_.size()) return town_end > h.end;
    const char32_t pair[2] = {decode_before(t_, town_end), decode_at(t_, town_end)};
    return text::zh_words::cost(pair) < 0;
  }
  static constexpr size_t kMaxTownBytes = 6;
  // Whether the hit is a facility's name (ending with a role facility word: 天津港, 白云机场)
  // right after a locative preposition (在, 从, 经: words.tsv), which names the place.
  bool facility_after_locative(const Hit& h, const Edges& e) const {
    // (ends_with_facility() first: its one bit test rules out almost every hit.)
    if (h.start < 3 || !ends_with_facility(h, e.last) || !text::is_han(e.before)) return false;
    for (size_t k = 1; k <= 2 && h.start >= 3 * k; ++k)
      if (longest_role_end(h.start - 3 * k, h.start, role_bit(WordRole::kLocative)) == h.start) return true;
    return false;
  }
  // A port or an airport whose clause measures its traffic names the place (青岛港|完成
  // 集装箱吞吐量…, 浦东机场旅客吞吐量): a word of role facility_measure follows it in the clause.
  bool facility_measured(const Hit& h, const Edges& e) const {
    if (!ends_with_facility(h, e.last)) return false;
    for (size_t p = h.end, n = 0; p < t_.size() && n < kMaxClauseCodePoints; ++n) {
      if (word_at(p, role_bit(WordRole::kFacilityMeasure))) return true;
      if (is_clause_end(next_cp(t_, p))) return false;
    }
    return false;
  }
  // The name, whose last code point is `last`, ends with a facility word (港, 机场: role
  // facility) of one to three characters.
  bool ends_with_facility(const Hit& h, char32_t last) const {
    if (!Model::has_bit(m_->facility_last, last)) return false;
    for (size_t k = 1; k <= 3 && h.end >= h.start + 3 * k; ++k)
      if (longest_role_end(h.end - 3 * k, h.end, role_bit(WordRole::kFacility)) == h.end) return true;
    return false;
  }
  // A company's name listed with a foreign country and a space before it (대만 TSMC)
  // where the text also gives the name alone there: the country says where it is and
  // stays outside (GUIDELINES), as before an unlisted company's name. Government bodies
  // keep the country their listed name holds (중국 국가신문출판서), and so do names
  // written without the space, where the place is part of the registered name
  // (中国建设银行, 台灣中油), and home countries (GUIDELINES: 中国卫星网络集团).
  bool country_before_company(const Hit& h, const Edges& e, const std::vector<Hit>& all) const {
    if (h.kind != HitKind::kLexicon || !(e.flags & Model::kEntryBusiness)) return false;
    // Most names hold no space: the scan says so of its names, one search of the others'
    // text rules them out, before any word walk.
    if (!h.may_hold_space || std::memchr(t_.data() + h.start, ' ', h.end - h.start) == nullptr) return false;
    size_t q = longest_role_end(h.start, h.end, role_bit(WordRole::kPlace));
    if (q == h.start || q + 1 >= h.end || t_[q] != ' ' ||
        ends_with_role(h.start, q, role_bit(WordRole::kHomePlace)))
      return false;
    ++q;
    auto it = std::lower_bound(order_.begin(), order_.end(), q, [&all](uint32_t i, size_t v) { return all[i].start < v; });
    for (; it != order_.end() && all[*it].start == q; ++it)
      if (all[*it].end == h.end && all[*it].entry == h.entry && all[*it].kind != HitKind::kPattern) return true;
    return false;
  }
  // A service listed under its operator's name, followed by the operator named as such
  // ('토스' 운영사 비바리퍼블리카, '배달의민족'(배민)을 운영하는 우아한형제들) or as its owner
  // (세븐일레븐의 코리아세븐), is the service or brand, not a second mention; a service with
  // an entry of its own stays (업비트 운영사 두나무) unless its name opens with its
  // operator's ('쿠팡이츠'를 운영하는 쿠팡).
  bool names_service(const Hit& h, const Edges& e, const std::vector<Hit>& all) const {
    size_t q = operator_after(h.end);
    // After "run by", a service named after its operator is one too ('쿠팡이츠'를 운영하는
    // 쿠팡); after a possessive only the same organization (长荣集团的|长荣航空 is a group
    // and its airline).
    const bool operated = q != 0;
    if (q == 0) q = owner_after(h.end, e.after);
    if (q == 0) return false;
    auto it = std::lower_bound(order_.begin(), order_.end(), q, [&all](uint32_t i, size_t v) { return all[i].start < v; });
    for (; it != order_.end() && all[*it].start == q; ++it)
      if (all[*it].kind != HitKind::kPattern && (operated ? service_of(h, all[*it]) : all[*it].entry == h.entry)) return true;
    return false;
  }
  // Whether `service` may be a service of `owner`: the same organization, or a name that
  // opens with the owner's ('쿠팡이츠'를 운영하는 쿠팡, 쿠팡의 '쿠팡이츠': a service named
  // after its company, listed apart).
  bool service_of(const Hit& service, const Hit& owner) const {
    const size_t n = owner.end - owner.start;
    return owner.entry == service.entry ||
           (service.end - service.start > n && t_.compare(service.start, n, t_.substr(owner.start, n)) == 0);
  }
  // A brand word right after the name, one space or its closing quote allowed (蜜雪冰城|品牌,
  // 뚜레쥬르 브랜드, “蜜雪冰城”|品牌), or right before its opening quote when the quote holds
  // the name alone (咖啡品牌|“幸运咖”); or the name is an item of a list the brand word
  // closes (宝骏、五菱|品牌).
  static constexpr RoleBits kBrandRoles = role_bit(WordRole::kBrandWord) | role_bit(WordRole::kAppWord);
  bool names_brand(const Hit& h) const {
    if (h.end >= t_.size() || !may_hold_role(kBrandRoles)) return false;
    const char32_t after = decode_at(t_, h.end);
    if (after == U'、' && brand_closes_list(h.end)) return true;
    size_t p = h.end;
    const bool quoted_after = is_quote(after);
    if (quoted_after) p = past_listed_brands(p + utf8_bytes(after));
    if (p < t_.size() && t_[p] == ' ') ++p;
    if (word_at(p, role_bit(WordRole::kBrandWord))) return true;
    if (!quoted_after && sub_brand_then(h.end, role_bit(WordRole::kBrandWord), 0)) return true;  // 伊利|金典|品牌
    // Korean may name the app before it, one space apart, unquoted (만화 앱 픽코마는; role
    // app_word: 브랜드 there introduces the company, 게이밍 기어 브랜드 체리와 … 계약).
    const bool korean_after_space = h.start > 1 && t_[h.start - 1] == ' ' && text::is_hangul_syllable(decode_at(t_, h.start));
    if (!korean_after_space && (!quoted_after || h.start == 0 || !is_quote(decode_before(t_, h.start)))) return false;
    if (korean_after_space && !Model::has_bit(m_->app_last, decode_before(t_, h.start - 1))) return false;
    size_t open = h.start;
    if (!korean_after_space) prev_cp(t_, open);
    if (open > 0 && t_[open - 1] == ' ') --open;  // 만화 앱 '픽코마': Korean spaces the quote
    return role_word_ends_at(open, role_bit(korean_after_space ? WordRole::kAppWord : WordRole::kBrandWord));
  }
  static constexpr size_t kMaxBrandWordCodePoints = 5;  // 애플리케이션
  // Whether a sub-brand of two or three Han characters (no numeral, stop word or stop
  // head) follows `end` and then a word of `roles` at least `min_word_bytes` long:
  // 吉利|银河|系列, 伊利|金典|品牌 name the brand line, not the company.
  bool sub_brand_then(size_t end, RoleBits roles, size_t min_word_bytes) const {
    // Where the word of `roles` may start is looked for first, with one bit per character:
    // most names are followed by no such word, and the words between are read only then.
    size_t p = end;
    for (size_t k = 0; k < kMaxSubBrandCodePoints && p < t_.size(); ++k) {
      const char32_t c = decode_at(t_, p);
      if (!text::is_han(c)) return false;
      p += utf8_bytes(c);
      if (k == 0 || p >= t_.size() || !m_->may_start_role(decode_at(t_, p), roles)) continue;
      const size_t e = longest_role_end(p, std::min(t_.size(), p + kMaxActAdverbBytes), roles);
      if (e <= p || e - p < min_word_bytes) continue;
      // No numeral (腾讯|一系列), stop word or stop head (大疆|部分|机型) in the sub-brand.
      for (size_t q = end; q < p;) {
        if (word_at(q, role_bit(WordRole::kStopWord) | role_bit(WordRole::kStopHead))) return false;
        if (numeral::is_numeral_char(next_cp(t_, q))) return false;
      }
      return true;
    }
    return false;
  }
  static constexpr size_t kMaxSubBrandCodePoints = 3;
  // Whether the list that goes on at p (a 、 and more items) ends with a brand word right
  // after its last item: 宝骏|、五菱|品牌. Items are a few Han characters each, listed or not;
  // a stop word ends the search (雅迪、爱玛、台铃|等|品牌 lists companies by their brands).
  bool brand_closes_list(size_t p) const {
    for (int items = 0; items < kMaxListedBrands && p < t_.size() && decode_at(t_, p) == U'、'; ++items) {
      p += utf8_bytes(U'、');
      for (size_t k = 0; k < kMaxBrandWordCodePoints && p < t_.size() && text::is_han(decode_at(t_, p)); ++k) {
        if (word_at(p, role_bit(WordRole::kStopWord))) return false;
        next_cp(t_, p);
        // A Han brand word (品牌): 云闪付|App names one app, not the list's items.
        if (k >= 1 && text::is_han(decode_at(t_, p)) && word_at(p, role_bit(WordRole::kBrandWord))) return true;
      }
    }
    return false;
  }
  // Past more quoted names and their count (a numeral and its measure word) after a quoted
  // name's closing quote at p, the list a brand word may close: “蜜雪冰城”|“幸运咖”两个|品牌.
  // Else p.
  size_t past_listed_brands(size_t p) const {
    for (int k = 0; k < kMaxListedBrands && p < t_.size() && is_quote(decode_at(t_, p)); ++k) {
      size_t close = p + utf8_bytes(decode_at(t_, p));
      while (close < t_.size() && close - p <= kMaxGlossBytes && !is_quote(decode_at(t_, close))) next_cp(t_, close);
      if (close >= t_.size() || close - p > kMaxGlossBytes) return p;
      p = close + utf8_bytes(decode_at(t_, close));
    }
    size_t q = p;
    while (q < t_.size() && (numeral::is_numeral_char(decode_at(t_, q)) || text::is_ascii_digit(decode_at(t_, q)))) next_cp(t_, q);
    if (q > p && numeral::is_chinese_measure_word(decode_at(t_, q))) next_cp(t_, q);
    return q > p ? q : p;
  }
  static constexpr int kMaxListedBrands = 4;
  // A quoted name after the same organization's possessive (role possessive: 카카오픽코마의
  // '픽코마', 京东的“京东秒送”), or a listed name that opens with the organization's own
  // (쿠팡의 '쿠팡이츠'): the organization's service or product, named after it.
  bool names_own_service(const Hit& h, const Edges& e, const std::vector<Hit>& all) const {
    if (h.start == 0 || !is_quote(e.before)) return false;
    size_t p = h.start;
    prev_cp(t_, p);
    if (p > 0 && t_[p - 1] == ' ') --p;
    if (p == 0) return false;
    const size_t mark = p;
    prev_cp(t_, p);
    if (!ends_with_role(p, mark, role_bit(WordRole::kPossessive))) return false;
    auto it = std::lower_bound(order_.begin(), order_.end(), p > kMaxNameBytes ? p - kMaxNameBytes : 0,
                               [&all](uint32_t i, size_t v) { return all[i].start < v; });
    for (; it != order_.end() && all[*it].start < p; ++it) {
      const Hit& owner = all[*it];
      if (owner.end != p || owner.kind == HitKind::kPattern) continue;
      if (service_of(h, owner)) return true;
    }
    return false;
  }
  // Whether a model code (Latin letters and digits, at least one digit, in up to three
  // runs one space apart) and a product word (lexicons/org/words.tsv role product) follow
  // `end`, an optional space before each.
  [[gnu::always_inline]] bool names_product(size_t end, char32_t at_end) const {
    // Most documents hold no product word (a gate role) and most names no hyphen after
    // them: then no reading below holds, which this says inline, where the call cost
    // some sixty instructions for each hit checked (resolve() asks it of every one).
    if (t_[end] != '-' && !may_hold_role(role_bit(WordRole::kProduct))) return false;
    return names_product_after(end, at_end);
  }
  [[gnu::noinline]] bool names_product_after(size_t end, char32_t at_end) const {
    // A sub-brand before a series word (吉利|银河|系列): one of two characters or more
    // (系列, 机型; not 款, after which the maker's name stays: 比亚迪新款).
    if (text::is_han(at_end))
      return may_hold_role(role_bit(WordRole::kProduct)) && sub_brand_then(end, role_bit(WordRole::kProduct), 6);
    // A Latin name joined by a hyphen to a code with a digit is a model: DeepSeek-V4,
    // Qwen-72B. (A hyphen after a name opens no code of the organization itself.)
    if (t_[end] == '-' && end > 0 && is_latin_alnum(static_cast<unsigned char>(t_[end - 1]))) {
      size_t k = end + 1;
      bool digit = false;
      while (k < t_.size() && (is_latin_alnum(static_cast<unsigned char>(t_[k])) || t_[k] == '.' || t_[k] == '-'))
        digit |= text::is_ascii_digit(static_cast<unsigned char>(t_[k++]));
      if (k > end + 1 && digit) return true;
    }
    if (!may_hold_role(role_bit(WordRole::kProduct))) return false;  // the model code's product word
    size_t j = end;
    if (t_[j] == ' ') ++j;
    if (j >= t_.size() || !is_latin_alnum(static_cast<unsigned char>(t_[j]))) return false;
    size_t digits = 0;
    bool letter = false;
    for (int runs = 0; runs < 3 && j < t_.size() && is_latin_alnum(static_cast<unsigned char>(t_[j])); ++runs) {
      for (; j < t_.size() && is_latin_alnum(static_cast<unsigned char>(t_[j])); ++j) {
        const bool d = text::is_ascii_digit(static_cast<unsigned char>(t_[j]));
        digits += d;
        letter |= !d;
      }
      if (j + 1 < t_.size() && t_[j] == ' ' && is_latin_alnum(static_cast<unsigned char>(t_[j + 1]))) ++j;
    }
    if (digits == 0) return false;
    if (j < t_.size() && t_[j] == ' ') ++j;
    uint32_t state = CodePointTrie::kRoot;
    for (size_t k = j; k < t_.size();) {
      state = m_->words.step(state, next_cp(t_, k));
      if (state == CodePointTrie::kNone) return false;
      const Payload* p = m_->word_get(state);
      // A product word of one character after a bare number below a year's four digits
      // is the number's classifier, a count (比亚迪|12款车型 "twelve models"); a year
      // before it names a model year (2025款), a code with a letter a model (Mate 70系列).
      if (p && (p->roles & role_bit(WordRole::kProduct)))
        return letter || digits >= 4 || k - j > utf8_bytes(decode_at(t_, j));
    }
    return false;
  }
  // Where the organization starts that a word after `end` says runs the name (a closing
  // quote, an object particle and spaces may come between): '토스' 운영사 |비바리퍼블리카,
  // '배달의민족'을 운영하는 |우아한형제들. 0 when no such word follows.
  size_t operator_after(size_t end) const {
    if (!may_hold_role(role_bit(WordRole::kRunBy))) return 0;
    size_t j = end;
    if (j < t_.size() && is_quote(decode_at(t_, j))) j += utf8_bytes(decode_at(t_, j));
    // A gloss may come between, or the name may be the gloss ('배달의민족'(배민)을 운영하는).
    if (j < t_.size() && t_[j] == '(') {
      const size_t close = t_.substr(j, kMaxGlossBytes + 1).find(')');  // a gloss is short
      if (close != std::string_view::npos) j += close + 1;
    } else if (j < t_.size() && t_[j] == ')') {
      ++j;
    }
    if (j > end && j < t_.size() && is_quote(decode_at(t_, j))) j += utf8_bytes(decode_at(t_, j));  // '배달의민족(배민)'을
    const char32_t c = decode_at(t_, j);
    if (c == U'을' || c == U'를') j += 3;  // an object particle, then the verb: 을 운영하는
    if (j < t_.size() && t_[j] == ' ') ++j;
    if (!word_at(j, role_bit(WordRole::kRunBy))) return 0;
    size_t e = longest_role_end(j, std::min(t_.size(), j + kMaxRunByBytes), role_bit(WordRole::kRunBy));
    if (e < t_.size() && t_[e] == ' ') ++e;
    return e;
  }
  static constexpr size_t kMaxRunByBytes = 24;
  // Where the name starts after a possessive (role possessive) right at `end`, whose code
  // point is `at_end`, one space allowed: 세븐일레븐의 |코리아세븐. 0 when none follows.
  size_t owner_after(size_t end, char32_t at_end) const {
    // Most names are followed by no possessive: one bit test says so before any walk.
    if (end >= t_.size() || !m_->may_start_role(at_end, role_bit(WordRole::kPossessive))) return 0;
    const size_t e = longest_role_end(end, std::min(t_.size(), end + kMaxPossessiveBytes), role_bit(WordRole::kPossessive));
    if (e == end) return 0;
    return e < t_.size() && t_[e] == ' ' ? e + 1 : e;
  }
  static constexpr size_t kMaxPossessiveBytes = 6;
  // Whether 第, a number and 代 ("the Nth generation") end right before `start`, after
  // the code point `before`.
  bool after_generation(size_t start, char32_t before) const {
    if (before != U'代') return false;
    size_t i = start - utf8_bytes(U'代');
    size_t digits = 0;
    for (size_t j = i; j > 0 && digits < kMaxGenerationDigits; i = j, ++digits) {
      const char32_t c = prev_cp(t_, j);
      if (!text::is_ascii_digit(c) && !numeral::is_numeral_char(c)) break;
    }
    return digits > 0 && i > 0 && prev_cp(t_, i) == U'第';
  }
  static constexpr size_t kMaxGenerationDigits = 4;
  // Whether a country or region (role place) ends right before `start` (one space
  // allowed) that is neither a home country (role home_place: 한국, 中国) nor named in
  // `entry` itself (韩国 in 韩国统一部).
  bool after_foreign_place(size_t start, uint32_t entry) const { return foreign_place_start(start, entry) != kNoPlace; }
  // A name that opens a short quoted title names what the title names, a product, ship,
  // app or store, not its maker: with a second word in single quotes ('HMM 가온호',
  // 'S-OIL 세븐', '큐텐 재팬'), or with more characters glued to it in any quotes
  // (“平安好车主”App). Double quotes around words hold speech ("화웨이 칩으로 학습"),
  // where the name is the organization.
  // A listed name that is also a currency's name (role currency_name: 한화, Hanwha and the
  // Korean won) names the currency right before an amount, one space allowed, when
  // conversion words come between (한화로 약 9조 원, 한화 기준 3천억 원) or a bracket opens
  // before it (5억 달러(한화 약 6,900억 원)). With neither (한화 3조 원 투자, a headline's
  // company and its amount) it stays the name.
  bool names_currency(const Hit& h) const {
    constexpr RoleBits kCurrency = role_bit(WordRole::kCurrencyName);
    if (!m_->may_start_role(decode_at(t_, h.start), kCurrency) || !ends_with_role(h.start, h.end, kCurrency))
      return false;
    size_t p = h.end;
    bool converted = false;
    for (int words = 0; words < kMaxConversionWords; ++words) {
      const size_t q = p < t_.size() && t_[p] == ' ' ? p + 1 : p;
      const size_t e = longest_role_end</*OverSpaces=*/true>(q, std::min(t_.size(), q + kMaxConversionBytes),
                                                             role_bit(WordRole::kConversion));
      if (e == q) break;
      p = e, converted = true;
    }
    if (p < t_.size() && t_[p] == ' ') ++p;
    if (amount_end(p) == p) return false;
    if (converted) return true;
    size_t b = h.start;
    if (b > 0 && t_[b - 1] == ' ') --b;
    return b > 0 && t_[b - 1] == '(';
  }
  static constexpr int kMaxConversionWords = 3;       // 한화|로| 환산하면| 약
  static constexpr size_t kMaxConversionBytes = 18;  // six syllables and a space (기준으로는)
  bool opens_quoted_title(const Hit& h) const {
    if (h.start == 0 || h.end + 1 >= t_.size()) return false;
    // The last byte of an opening quote (' " ‘ “ 「 『): most names follow none, which
    // this test inline says with no call.
    const auto last = static_cast<unsigned char>(t_[h.start - 1]);
    return (last == '\'' || last == '"' || last == 0x98 || last == 0x9C || last == 0x8C || last == 0x8E) &&
           quoted_title_after_quote(h);
  }
  [[gnu::noinline]] bool quoted_title_after_quote(const Hit& h) const {
    const char32_t open = decode_before(t_, h.start);
    const bool single = open == '\'' || open == 0x2018 || open == 0x300C || open == 0x300E;  // ' ‘ 「 『
    if (!single && open != '"' && open != 0x201C) return false;                            // " “
    const bool spaced = t_[h.end] == ' ';
    if (spaced && !single) return false;
    const size_t rest = spaced ? h.end + 1 : h.end;
    for (size_t i = rest; i < t_.size() && i - h.end <= kMaxTitleWordBytes;) {
      const char32_t c = decode_at(t_, i);
      if (c == '\'' || c == '"' || c == 0x2019 || c == 0x201D || c == 0x300D || c == 0x300F) return i > rest;  // ' " ’ ” 」 』
      if (!text::is_han(c) && !is_latin_alnum(c) && !text::is_hangul_syllable(c)) return false;
      i += utf8_bytes(c);
    }
    return false;
  }
  static constexpr size_t kMaxTitleWordBytes = 24;  // what follows the name in the title
  // Whether the hit fills a pair of quotes that an app word (role app_word) follows
  // (“平安口袋银行”App) or comes before, a space allowed on that side (모바일 앱 '나무증권').
  bool quoted_app_name(const Hit& h, const Edges& e) const {
    if (!may_hold_role(role_bit(WordRole::kAppWord)) || h.start == 0 || h.end >= t_.size() || !is_quote(e.before)) return false;
    if (!is_quote(e.after)) return false;
    size_t j = h.end + utf8_bytes(e.after);
    if (j < t_.size() && t_[j] == ' ') ++j;
    if (word_at(j, role_bit(WordRole::kAppWord))) return true;
    size_t open = h.start;
    prev_cp(t_, open);
    if (open > 0 && t_[open - 1] == ' ') --open;
    return role_word_ends_at(open, role_bit(WordRole::kAppWord));
  }
  // Whether a word of `roles` of at most kMaxBrandWordCodePoints ends at `end`.
  bool role_word_ends_at(size_t end, RoleBits roles) const {
    size_t from = end;
    for (size_t k = 0; k < kMaxBrandWordCodePoints && from > 0; ++k) {
      // (One bit says whether such a word can start here, before the walk.)
      if (m_->may_start_role(prev_cp(t_, from), roles) && ends_with_role(from, end, roles)) return true;
    }
    return false;
  }
  // A Han name glued between a year's digits and a code (“22万科MTN004”, 23碧桂园01) is
  // part of a bond's short name: the bond, no organization.
  [[gnu::always_inline]] bool inside_bond_name(const Hit& h) const {
    // The byte before first: most names follow no digit.
    if (h.start == 0 || h.end >= t_.size() || !text::is_ascii_digit(static_cast<unsigned char>(t_[h.start - 1]))) return false;
    return text::is_han(decode_at(t_, h.start)) && is_latin_alnum(decode_at(t_, h.end));
  }
  // A listed government body right after a one-character Chinese division word (省, 市,
  // 县, 区: role division in org/words.tsv; see resolve()), unless its name says its own
  // place (山东省|曹县人民政府 is the county's government).
  bool local_department(const Hit& h, const Edges& e) const {
    // (Whether the entry is a government body first: one bit, false for most hits.)
    if (h.kind != HitKind::kLexicon || h.start < 3 || !(e.flags & Model::kEntryGovernment) ||
        !text::is_han(e.before))
      return false;
    if (!ends_with_role(h.start - 3, h.start, role_bit(WordRole::kDivision))) return false;
    return text::is_han(decode_at(t_, h.start)) && !ends_with_local_government(h.start, h.end);
  }
  static constexpr size_t kNoPlace = SIZE_MAX;
  // Where that place starts, or kNoPlace.
  size_t foreign_place_start(size_t start, uint32_t entry) const {
    size_t end = start;
    if (end > 0 && t_[end - 1] == ' ') --end;
    if (end == 0 || !Model::has_bit(m_->place_last, before_cp(end))) return kNoPlace;
    size_t from = end;
    for (size_t k = 0; k < kMaxPlaceCodePoints && from > 0; ++k) {
      do --from;
      while (from > 0 && (static_cast<unsigned char>(t_[from]) & 0xC0) == 0x80);
      if (!ends_with_role(from, end, role_bit(WordRole::kPlace))) continue;
      if (ends_with_role(from, end, role_bit(WordRole::kHomePlace))) return kNoPlace;
      // A place word (a key of the words trie) holds no '\n', so it is inside one of the
      // keys or none.
      const std::string_view place = t_.substr(from, end - from);
      return m_->keys_of_government(entry).find(place) == std::string_view::npos ? from : kNoPlace;
    }
    return kNoPlace;
  }
  // A home country's body named bare after another country is that country's body, one
  // the lexicon lacks (카타르 국방부, 沙特交通部): a government pattern over both, as a
  // country's 政府 is (匈牙利政府). resolve() drops the bare name's hit (after_foreign_place).
  void find_foreign_bodies() {
    if (!home_government_hit_) return;  // no hit's entry has kEntryHomeGovernment
    const size_t raw = hits_.size();
    for (size_t i = 0; i < raw; ++i) {
      // Tested in place, copied (the push_back below may move hits_) only when it passes:
      // a copy of every hit cost more than the test.
      if (const Hit& r = hits_[i]; r.kind == HitKind::kPattern || r.kind == HitKind::kFuzzy || r.place ||
                                   !m_->entry_has(r.entry, Model::kEntryHomeGovernment))
        continue;
      const Hit h = hits_[i];
      const size_t from = foreign_place_start(h.start, h.entry);
      if (from == kNoPlace) continue;
      // Not a word for all or any countries (全球|央行, 각국 국방부: stop heads as well).
      size_t place_end = h.start;
      if (place_end > from && t_[place_end - 1] == ' ') --place_end;
      if (ends_with_role(from, place_end, role_bit(WordRole::kStopHead))) continue;
      const int32_t suffix = government_suffix();
      if (suffix >= 0) hits_.push_back(Hit{from, h.end, 0, suffix, HitKind::kPattern});
    }
  }
  // A listed name's hit that find_patterns() adds (the scan's are noted by their names'
  // kNameHomeGovernment): one of kEntryHomeGovernment is read by find_foreign_bodies().
  void note_lexicon_hit(uint32_t entry) { home_government_hit_ |= m_->entry_has(entry, Model::kEntryHomeGovernment); }
  // Where a foreign place's name (role place, not home_place) of two or more Hangul
  // syllables, or a foreign state's or province's (role foreign_division), that opens a
  // word ends at `end`, or kNoPlace.
  size_t foreign_place_word_before(size_t end) const {
    size_t from = end;
    int count = 0;
    while (from > 0 && count <= static_cast<int>(kMaxPlaceCodePoints)) {
      size_t k = from;
      if (!text::is_hangul_syllable(prev_cp(t_, k))) break;
      from = k;
      ++count;
    }
    if (count < 2 || count > static_cast<int>(kMaxPlaceCodePoints)) return kNoPlace;
    // A foreign state or province named with its division word (카르나타카|주, 광둥|성).
    if (count >= 3 && ends_with_role(end - 3, end, role_bit(WordRole::kForeignDivision))) return from;
    const Payload* w = word_payload(from, end);
    if (!w || !(w->roles & role_bit(WordRole::kPlace)) || (w->roles & role_bit(WordRole::kHomePlace))) return kNoPlace;
    return from;
  }
  // A suffix of kind government, whose kind a pattern made without one takes.
  int32_t government_suffix() const {
    for (size_t i = 0; i < m_->suffixes.size(); ++i)
      if (is_word(m_->suffixes[i].kind, kGovernmentKind)) return static_cast<int32_t>(i);
    return -1;
  }
  static constexpr size_t kMaxPlaceCodePoints = 8;
  static constexpr size_t kMaxCommonTailBytes = 12;  // what a common word may run on past a suffix
  // Whether no bit of taken_ in [a, b) is set (a < b), a word at a time.
  bool bits_free(size_t a, size_t b) const {
    if (a >> 6 == (b - 1) >> 6)  // the usual case: within one word
      return (taken_[a >> 6] & (~uint64_t{0} >> (63 - ((b - 1) & 63))) & (~uint64_t{0} << (a & 63))) == 0;
    for (size_t w = a >> 6; w <= (b - 1) >> 6; ++w) {
      const size_t lo = std::max(a, w << 6) & 63, hi = std::min(b, (w + 1) << 6) - (w << 6);
      const uint64_t mask = (hi == 64 ? ~uint64_t{0} : (uint64_t{1} << hi) - 1) & ~((uint64_t{1} << lo) - 1);
      if (taken_[w] & mask) return false;
    }
    return true;
  }
  void set_bits(size_t a, size_t b) {
    if (a >> 6 == (b - 1) >> 6) {
      taken_[a >> 6] |= (~uint64_t{0} >> (63 - ((b - 1) & 63))) & (~uint64_t{0} << (a & 63));
      return;
    }
    for (size_t w = a >> 6; w <= (b - 1) >> 6; ++w) {
      const size_t lo = std::max(a, w << 6) & 63, hi = std::min(b, (w + 1) << 6) - (w << 6);
      taken_[w] |= (hi == 64 ? ~uint64_t{0} : (uint64_t{1} << hi) - 1) & ~((uint64_t{1} << lo) - 1);
    }
  }
  // order_ = indices of `all` by start, then index. `all` is nearly in start order (the
  // scan's hits, then a few more), so the rest is sorted and merged with it.
  void order_by_start(const std::vector<Hit>& all) {
    const auto by_start = [&all](uint32_t x, uint32_t y) {
      return all[x].start != all[y].start ? all[x].start < all[y].start : x < y;
    };
    order_.resize(all.size());
    for (size_t i = 0; i < all.size(); ++i) order_[i] = static_cast<uint32_t>(i);
    size_t mid = 1;
    while (mid < all.size() && all[mid - 1].start < all[mid].start) ++mid;
    if (mid < all.size()) {
      std::sort(order_.begin() + static_cast<ptrdiff_t>(mid), order_.end(), by_start);
      // Merged into a kept vector, where inplace_merge took a buffer from the heap at
      // every call. By start alone: every index of the sorted prefix is below every one
      // of the rest, and a merge takes from the prefix on equal starts, so this is the
      // order by_start makes.
      merged_order_.resize(order_.size());
      std::merge(order_.begin(), order_.begin() + static_cast<ptrdiff_t>(mid), order_.begin() + static_cast<ptrdiff_t>(mid),
                 order_.end(), merged_order_.begin(),
                 [&all](uint32_t x, uint32_t y) { return all[x].start < all[y].start; });
      order_.swap(merged_order_);
    }
  }
  // Orders hits_ by start. hits_ is nearly always runs already in order (the scan's hits,
  // then a few fuzzy, pattern or alias hits appended), so the sorted prefix is merged with
  // the sorted rest. When all starts differ the order by start is unique and the merge
  // gives exactly what a full sort gives; with equal starts the full sort decides, as it
  // always did, so results never depend on the shortcut.
  void sort_hits() {
    const auto by_start = [](const Hit& x, const Hit& y) { return x.start < y.start; };
    const auto not_before = [](const Hit& x, const Hit& y) { return x.start >= y.start; };
    auto mid = std::adjacent_find(hits_.begin(), hits_.end(), not_before);
    if (mid == hits_.end()) return;
    ++mid;
    tail_.assign(mid, hits_.end());
    std::sort(tail_.begin(), tail_.end(), by_start);
    merged_.clear();
    std::merge(hits_.begin(), mid, tail_.begin(), tail_.end(), std::back_inserter(merged_), by_start);
    if (std::adjacent_find(merged_.begin(), merged_.end(), not_before) == merged_.end()) {
      hits_.swap(merged_);
      return;
    }
    std::sort(hits_.begin(), hits_.end(), by_start);
  }
  int hit_at(size_t start, size_t end) const {
    const int i = hit_ending_at(end);
    return i >= 0 && hits_[i].start == start ? i : -1;
  }
  int hit_ending_at(size_t end) const {
    auto it = std::lower_bound(hits_.begin(), hits_.end(), end, [](const Hit& h, size_t x) { return h.end < x; });
    return it != hits_.end() && it->end == end ? static_cast<int>(it - hits_.begin()) : -1;
  }

  // A segment of a gloss group (the name before the parenthesis or one part inside it).
  struct Segment {
    size_t start, end;
    int hit;            // index into hits_, or -1
    bool led = false;   // given as a short form by a lead word (以下简称“芯衡微”)
  };

  static bool is_separator(char32_t c) {
    return c == 0xB7 || c == 0x30FB || c == 0x2022 || c == ',' || c == 0x3001 || c == '/' || c == ';' || c == '|' ||
           c == 0xFF0C;
  }

  std::string_view original(size_t a, size_t b) const {
    const size_t oa = doc_->folded.to_original_start(a);
    const size_t ob = doc_->folded.to_original_end(b);
    return doc_->folded.original().substr(oa, ob - oa);
  }

  // Whether an unknown segment looks like a name that glosses a known one: one script,
  // a bounded length, not an ORG word (인공지능, 科技), and for Latin a capital or digit
  // first (the original text keeps case).
  // A listing code (00700.HK, 002594.SZ, 005930.KS): four or more digits, a dot and an
  // exchange's one or two letters; or a ticker (CHA.US, TCOM.O, BABA.N): one to five
  // capitals, a dot and the exchange's one or two capitals. It names a security, not an
  // organization (a name may open with digits, 01.AI, 3M, or hold a dot, Trip.com).
  bool is_stock_code(size_t a, size_t b) const {
    size_t j = a;
    while (j < b && text::is_ascii_digit(static_cast<unsigned char>(t_[j]))) ++j;
    const bool digits = j - a >= 4;
    if (!digits) {  // a ticker: capitals in the original text (the folded one is lowercase)
      for (j = a; j < b && text::is_ascii_alpha(static_cast<unsigned char>(t_[j])) && capitalised_in_original(j); ++j) {
      }
      if (j == a || j - a > 5) return false;
    }
    if (j >= b || t_[j] != '.') return false;
    const size_t letters = b - j - 1;
    if (letters < 1 || letters > 2) return false;
    for (size_t k = j + 1; k < b; ++k)
      if (!text::is_ascii_alpha(static_cast<unsigned char>(t_[k])) || (!digits && !capitalised_in_original(k))) return false;
    return true;
  }
  bool plausible_alias(size_t a, size_t b) const {
    if (b <= a || is_generic(a, b)) return false;
    const Script s = script_of(decode_at(t_, a));
    size_t cps = 0, words = 1;
    bool hangul_tail = false;  // Korean short forms glue Hangul to Latin capitals (SK바사, KB금융)
    for (size_t j = a; j < b;) {
      const char32_t c = next_cp(t_, j);
      ++cps;
      if (s == Script::kLatin) {
        if (text::is_hangul_syllable(c) && words == 1) hangul_tail = true;
        else if (hangul_tail) return false;
        else if (c == ' ') ++words;
        else if (!is_latin_alnum(c) && c != '.' && c != '&' && c != '-' && c != '\'') return false;
      } else if (script_of(c) != s) {
        return false;
      }
    }
    switch (s) {
      case Script::kLatin: {
        if (hangul_tail && cps > 12) return false;
        if (words > 4 || cps < 2 || cps > 40 || is_stock_code(a, b)) return false;
        // A capital or a digit first, or a capital inside a short mixed-case name (aT, eBay):
        // lowercase words are descriptions (ai lab).
        const std::string_view o = original(a, b);
        const char first = o.front();
        bool letter = false, capital_inside = false;
        for (size_t j = a; j < b; ++j) letter |= text::is_ascii_alpha(static_cast<unsigned char>(t_[j]));
        for (const char ch : o) capital_inside |= ch >= 'A' && ch <= 'Z';
        return letter && ((first >= 'A' && first <= 'Z') || (first >= '0' && first <= '9') || (capital_inside && words == 1));
      }
      case Script::kHangul:
      case Script::kHan: return cps >= 2 && cps <= 12;
      default: return false;
    }
  }

  // 딥시크(DeepSeek·深度求索), 베이징즈위안인공지능연구원(BAAI): when one segment is a known
  // organization and none names another, every segment is that organization, and later
  // mentions of a segment known only through the binding link to it.
  // Two to eight Latin capitals (and digits or &) in the original, the first a letter:
  // NBC, SBV, S&P (the folded text is lowercase).
  bool is_capital_abbreviation(size_t a, size_t b) const {
    if (b - a < 2 || b - a > 8 || !(t_[a] >= 'a' && t_[a] <= 'z')) return false;
    for (size_t i = a; i < b; ++i) {
      const char c = t_[i];
      if (c >= 'a' && c <= 'z') {
        if (!capitalised_in_original(i)) return false;
      } else if (!((c >= '0' && c <= '9') || c == '&')) {
        return false;
      }
    }
    return true;
  }
  // Whether the letters [a, b) (folded, lowercase) are the initials of the entry's
  // canonical English name, with or without its small words (National Bank of Cambodia:
  // nbc, Bank of Korea: bok), or without a last "of" and the one word after it (National
  // Research Foundation of Korea: nrf), or with a word in capitals whole (LG Display: lgd,
  // KB Financial Group: kbfg), or open that name (BSE Ltd: bse).
  bool abbreviates(size_t a, size_t b, uint32_t entry) const {
    const Model::EntryOut& e = m_->entry_out[entry];
    const std::string_view name(m_->out_text.data() + e.off, e.value);
    const std::string_view letters = t_.substr(a, b - a);
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (name.size() >= letters.size() &&
        std::equal(letters.begin(), letters.end(), name.begin(), [&](char x, char y) { return x == lower(y); }) &&
        (name.size() == letters.size() || name[letters.size()] == ' '))
      return true;
    std::string initials, all_initials, acronyms_whole;
    size_t before_last_of = std::string::npos;  // initials' length before the last "of"
    int words_after_of = 0;
    for (size_t i = 0; i < name.size();) {
      while (i < name.size() && name[i] == ' ') ++i;
      size_t j = i;
      while (j < name.size() && name[j] != ' ') ++j;
      const std::string_view word = name.substr(i, j - i);
      if (!word.empty()) {
        all_initials += lower(word[0]);
        if (word == "of") before_last_of = initials.size(), words_after_of = 0;
        else ++words_after_of;
        if (word != "of" && word != "the" && word != "The" && word != "and" && word != "&" && word != "for") {
          initials += lower(word[0]);
          const bool capitals = word.size() >= 2 && std::all_of(word.begin(), word.end(), [](char c) {
                                  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                                });
          if (capitals)
            for (char c : word) acronyms_whole += lower(c);
          else
            acronyms_whole += lower(word[0]);
        }
      }
      i = j;
    }
    const bool without_place = before_last_of != std::string::npos && words_after_of == 1 && before_last_of >= 2 &&
                               letters == std::string_view(initials).substr(0, before_last_of);
    return initials == letters || all_initials == letters || without_place ||
           (acronyms_whole.size() > initials.size() && acronyms_whole == letters);
  }
  void bind_glosses() {
    const size_t n = t_.size();
    for (size_t p = t_.find('('); p != std::string_view::npos; p = t_.find('(', p + 1)) {
      // The first close, open or line end in the 159 bytes after the open; the byte
      // after those counts only as a close (as it did for the byte walk this replaces).
      const size_t q = first_of3(t_, p + 1, std::min(n, p + 160), ')', '(', '\n');
      if (q >= n || t_[q] != ')' || q == p + 1) continue;
      size_t x_end = p;
      if (x_end > 0 && t_[x_end - 1] == ' ') --x_end;
      // A quoted name keeps its gloss: '블루그래스배터리컴퍼니'(이하 블루그래스).
      if (x_end > 0 && is_quote(decode_before(t_, x_end)) && hit_ending_at(x_end) < 0) {
        size_t inside = x_end;
        prev_cp(t_, inside);
        if (hit_ending_at(inside) >= 0) x_end = inside;
      }
      // A note in parentheses may stand between the name and its group (杭州正衡会计师事务所
      // （特殊普通合伙）（以下简称“正衡所”）: the partnership's legal form).
      if (x_end > 0 && t_[x_end - 1] == ')' && hit_ending_at(x_end) < 0) {
        const size_t open = t_.rfind('(', x_end - 1);
        if (open != std::string_view::npos && x_end - open <= kMaxNoteBytes && hit_ending_at(open) >= 0 &&
            !holds_listed_hit(open + 1, x_end - 1))
          x_end = open;
      }
      const int x_hit = hit_ending_at(x_end);
      // The group's organization comes from a hit that is a segment: the one ending before
      // the parenthesis (a listed name, or a pattern its gloss names) or a listed one
      // inside it. Most groups have neither ((서울=연합뉴스), (00700.HK)), and need no
      // splitting.
      if (x_hit < 0 && !holds_listed_hit(p + 1, q)) continue;
      segments_.clear();
      // The name before the parenthesis: a hit ending there, or the word of one script.
      if (int h = x_hit; h >= 0) {
        segments_.push_back({hits_[h].start, x_end, h});
      } else if (x_end > 0) {
        size_t a = x_end;
        const Script s = script_of(decode_before(t_, x_end));
        if (s != Script::kOther) {
          while (a > 0) {
            size_t k = a;
            if (script_of(prev_cp(t_, k)) != s) break;
            a = k;
          }
          // Chinese has no spaces: the name starts after the last kind or stop word of the
          // run (国有矿企|杰卡明（Gécamines）), as a pattern's does.
          if (s == Script::kHan) a = after_last_role(a, x_end, role_bit(WordRole::kKindWord) | role_bit(WordRole::kStopWord));
          if (a < x_end && !overlaps_hit(a, x_end)) segments_.push_back({a, x_end, -1});
        }
      }
      if (segments_.empty()) continue;
      // Parts inside: split on separators, then at Hangul/Han changes unless one hit
      // covers the part (선두추쒀深度求索 is two names; SK하이닉스 is one).
      for (size_t a = p + 1; a < q;) {
        size_t b = a;
        while (b < q) {
          size_t k = b;
          if (is_separator(next_cp(t_, k))) break;
          b = k;
        }
        size_t next = b;
        if (next < q) next_cp(t_, next);
        size_t ta = a, tb = b;
        while (ta < tb && t_[ta] == ' ') ++ta;
        while (tb > ta && t_[tb - 1] == ' ') --tb;
        if (ta < tb) add_part(ta, tb);
        a = next;
      }
      // The organization of the group.
      int32_t entry = -1;
      bool conflict = false;
      bool by_place = false;  // the group's organization comes from a place's bare name
      bool by_context = true;  // every listed name of the group is a context name
      for (const Segment& seg : segments_) {
        if (seg.hit < 0) continue;
        const Hit& h = hits_[seg.hit];
        by_context &= h.kind == HitKind::kContext;
        // A listed name that ends the pattern before the parenthesis is that pattern's own
        // short form (대전관광공사(이하 관광공사): the city's corporation, not the national
        // one the lexicon lists as 관광공사).
        if (x_hit >= 0 && seg.hit != x_hit && ends_pattern(seg, hits_[x_hit])) continue;
        // A typo reading names no group: a text that defines a short form spells it as
        // it means it (딥웨이브로보틱스(이하 딥웨이브), not 디웨이브).
        if (h.kind == HitKind::kPattern || h.kind == HitKind::kFuzzy) continue;
        if (entry >= 0 && static_cast<uint32_t>(entry) != h.entry) conflict = true;
        entry = static_cast<int32_t>(h.entry);
        by_place = h.place;
      }
      if (conflict) {
        // A short form after a listed name settles which organization the two name: an
        // abbreviation in capitals names the one whose initials it spells (캄보디아중앙은행
        // (NBC): National Bank of Cambodia, not the network; 뱅가드(VIS): Vanguard
        // International Semiconductor, not the Vanguard Group), and one made of the name's
        // own characters in order names that name's body (國家中山科學研究院（中科院）: the
        // Taiwanese institute, not the Chinese Academy of Sciences). The other takes it,
        // linked through the gloss (alias), and so do its later mentions.
        if (segments_.size() == 2 && x_hit >= 0 && segments_[0].hit == x_hit && segments_[1].hit >= 0 &&
            hits_[x_hit].kind != HitKind::kPattern) {
          const Segment& gloss = segments_[1];
          Hit& g = hits_[gloss.hit];
          Hit& x = hits_[x_hit];
          const bool capitals = is_capital_abbreviation(gloss.start, gloss.end);
          if ((capitals && abbreviates(gloss.start, gloss.end, x.entry)) || (!capitals && same_script_short_form(gloss, x))) {
            g.kind = HitKind::kAlias;
            g.entry = x.entry;
            aliases_.push_back({std::string(t_.substr(gloss.start, gloss.end - gloss.start)), q, x.entry, -1, true});
          } else if (capitals && g.kind == HitKind::kLexicon && abbreviates(gloss.start, gloss.end, g.entry)) {
            x.kind = HitKind::kAlias;
            x.entry = g.entry;
          }
        }
        continue;
      }
      if (entry < 0) {
        bind_pattern_gloss(q);
        continue;
      }
      // An unknown word that names a measure (role measure: 率, 指数), glossed only with
      // capitals that are also a listed name's (a context name), is that measure's
      // abbreviation (全體壽險業資本適足率（RBC）: risk-based capital, not the Royal Bank of
      // Canada): it names no body there or later in the text.
      if (x_hit < 0 && by_context && role_word_ends(segments_[0].start, segments_[0].end, role_bit(WordRole::kMeasure)) &&
          std::all_of(segments_.begin() + 1, segments_.end(),
                      [&](const Segment& g) { return g.hit < 0 || is_capital_abbreviation(g.start, g.end); })) {
        term_abbreviations_.push_back({static_cast<uint32_t>(entry), p});
        continue;
      }
      const bool lone_part = segments_.size() == 2;
      for (const Segment& seg : segments_) {
        if (seg.hit >= 0 && hits_[seg.hit].kind != HitKind::kPattern) {
          // A gloss supports a context name; a place's name acts or not whatever glosses it,
          // unless it is itself the gloss of its government's name (강원특별자치도(강원도)).
          const bool glosses_own_name = x_hit >= 0 && &seg != &segments_[0] && hits_[x_hit].kind == HitKind::kLexicon &&
                                        hits_[x_hit].entry == hits_[seg.hit].entry;
          if (!hits_[seg.hit].place || glosses_own_name) hits_[seg.hit].supported = true;
          continue;
        }
        // A place's bare name glossed in another script (자싱(嘉興)) is a place in both: its
        // gloss and later mentions name no government (자싱 공장).
        if (by_place && seg.hit < 0) continue;
        // An unknown part that holds a known name (騰訊控股 around 騰訊) keeps that name,
        // unless the text defines it as the short form (（以下简称“华虹公司”）: only_names_inside).
        // A lone part in the script of the name before the parenthesis names it only as
        // its short form (한국전력공사(한전)), as for patterns: 华为（深圳） holds a place;
        // or, in capitals, as the initials of its English name (LG디스플레이(LGD)).
        // Beside a listed gloss it is one more reading (딥시크(深度求索·심도구색)).
        if (seg.hit < 0 && (!plausible_alias(seg.start, seg.end) ||
                            (overlaps_hit(seg.start, seg.end) && !(seg.led && only_names_inside(seg.start, seg.end))) ||
                            (lone_part && x_hit >= 0 && &seg != &segments_[0] &&
                             script_of(decode_at(t_, seg.start)) == script_of(decode_at(t_, hits_[x_hit].start)) &&
                             !same_script_short_form(seg, hits_[x_hit]) &&
                             !(is_capital_abbreviation(seg.start, seg.end) && abbreviates(seg.start, seg.end, hits_[x_hit].entry)))))
          continue;
        if (seg.hit >= 0) {
          Hit& h = hits_[seg.hit];
          h.kind = HitKind::kAlias;
          h.entry = static_cast<uint32_t>(entry);
        } else {
          pending_.push_back(Hit{seg.start, seg.end, static_cast<uint32_t>(entry), -1, HitKind::kAlias});
        }
        // A short form the text defines (以下简称) names the body before its definition
        // too: a headline uses it first.
        aliases_.push_back({std::string(t_.substr(seg.start, seg.end - seg.start)), seg.led ? 0 : q,
                            static_cast<uint32_t>(entry)});
      }
    }
    // A term's abbreviation is no name from its definition on.
    for (const TermAbbreviation& a : term_abbreviations_)
      std::erase_if(hits_, [&a](const Hit& h) { return h.kind == HitKind::kContext && h.entry == a.entry && h.start > a.from; });
    // The names inside a short form the text defines give way to it (only_names_inside).
    for (const Span& d : inside_defined_)
      std::erase_if(hits_, [&d](const Hit& h) { return h.start >= d.start && h.end <= d.end; });
    for (const Hit& h : pending_) hits_.push_back(h);
    sort_hits();
    link_later_mentions();
  }

  // A listed Chinese name of two or three characters inside a run of Han text is no name
  // where the sentence reads better as other words across its edges (灵犀动|力成|立:
  // 动力 成立; 京东方|面: 京东 方面). Listed ordinary words (role common) catch the frequent
  // cases before this; jieba's dictionary (text/zh_words.h) decides the rest from three
  // characters on each side. Asked before the longest hit is chosen, so a shorter name
  // that reads well (京东 in 京东方面) takes the place of one that does not.
  bool straddles_words(const Hit& h, const Edges& e) {
    if (h.kind != HitKind::kLexicon && h.kind != HitKind::kContext) return false;
    const size_t bytes = h.end - h.start;
    if (bytes != 6 && bytes != 9) return false;  // two or three BMP characters
    // words_cross() says no unless the name's last character is Han and Han stands beside
    // it on some side: a Korean name, or one between spaces or punctuation, is told here
    // without the call (16,648 calls on 4 MB -> 9,160).
    if (!text::is_han(e.last) || (!text::is_han(e.before) && !text::is_han(e.after))) return false;
    return words_cross(h.start, h.end, e.before, e.last, e.after, h.entry);
  }
  // Whether the entry is a body of the article's own region outside the mainland (Taiwan's
  // 經濟部 in Taiwanese news): jieba's dictionary, counted on mainland text, lists it as rare
  // (經濟|部將 would win over 經濟部|將), where the article's readers meet it daily.
  // The entry's own region first: most are the mainland's or of none, which no article's
  // region matches here, and then the article's (detected on first use, a pass over the
  // whole text that this was the first to ask for in most documents that paid for it)
  // is not needed.
  bool of_article_region(uint32_t entry) const {
    const core::Region own = core::region_from_code(m_->regions[m_->entry_region[entry]]);
    return own != core::Region::kNone && own != core::Region::kCn && doc_->region() == own;
  }
  // Whether the least-cost segmentation of the Han characters [start, end) with up to
  // three on each side (jieba's dictionary) puts a word across one of its edges.
  bool words_cross(size_t start, size_t end) {
    return words_cross(start, end, decode_before(t_, start), decode_before(t_, end), decode_at(t_, end));
  }
  // The same, given the code points around the edges (0 past either end of the text):
  // before `start`, the span's last one and the one at `end`; `entry`, when the span is a
  // listed name, says whether it is as common as an ordinary noun (of_article_region).
  bool words_cross(size_t start, size_t end, char32_t before, char32_t last, char32_t after,
                   uint32_t entry = kNoEntry) const {
    constexpr size_t kContext = 3;
    // Most spans have an edge no word can cross; the segmentation is for the rest.
    const bool left = text::is_han(before) && text::zh_words::may_join(before, decode_at(t_, start));
    const bool right = text::is_han(after) && text::zh_words::may_join(last, after);
    if (!left && !right) return false;
    // A window longer than crosses_edge() reads (kMaxChars) decides nothing: no word
    // crosses, as there.
    std::array<char32_t, text::zh_words::kMaxChars> window;
    size_t n = 0;
    // The left context, read backwards into the window's end (the nearest last), then
    // moved to its start.
    size_t a = start;
    // A unit right after digits closes that number's word (前8月|台電, 3家|…): no left context.
    const bool unit_before = left && start > 3 && text::is_ascii_digit(static_cast<unsigned char>(t_[start - 4]));
    for (size_t k = 0; k < kContext && a > 0 && !unit_before; ++k) {
      size_t j = a;
      const char32_t c = prev_cp(t_, j);
      if (!text::is_han(c)) break;
      window[window.size() - 1 - n++] = c;
      a = j;
    }
    std::copy(window.end() - static_cast<std::ptrdiff_t>(n), window.end(), window.begin());
    const size_t name_at = n;
    for (size_t j = start; j < end;) {
      const char32_t c = next_cp(t_, j);
      if (!text::is_han(c) || n == window.size()) return false;
      window[n++] = c;
    }
    const size_t name_end = n;
    for (size_t j = end, k = 0; k < kContext && j < t_.size(); ++k) {
      const char32_t c = next_cp(t_, j);
      if (!text::is_han(c)) break;
      if (n == window.size()) return false;
      window[n++] = c;
    }
    if (name_at == 0 && name_end == n) return false;  // no Han on either side
    return text::zh_words::crosses_edge(std::span<const char32_t>(window.data(), n), name_at, name_end,
                                        text::zh_words::kNameCost, entry != kNoEntry && of_article_region(entry));
  }

  // Some hit other than a pattern lies within [a, b) (hits_ sorted by start, not overlapping).
  bool holds_listed_hit(size_t a, size_t b) const {
    auto it = std::lower_bound(hits_.begin(), hits_.end(), a, [](const Hit& h, size_t v) { return h.start < v; });
    for (; it != hits_.end() && it->start < b; ++it)
      if (it->end <= b && it->kind != HitKind::kPattern) return true;
    return false;
  }

  // Whether the segment is a listed name that ends the pattern `named`, in its script and
  // shorter: the pattern's own short form (대전관광공사 and 관광공사).
  bool ends_pattern(const Segment& seg, const Hit& named) const {
    if (named.kind != HitKind::kPattern || seg.hit < 0 || hits_[seg.hit].kind != HitKind::kLexicon) return false;
    const std::string_view whole = t_.substr(named.start, named.end - named.start);
    const std::string_view part = t_.substr(seg.start, seg.end - seg.start);
    return part.size() < whole.size() && whole.ends_with(part) &&
           script_of(decode_at(t_, seg.start)) == script_of(decode_at(t_, named.start));
  }
  // A group with no listed organization but one suffix pattern (미국암연구학회(AACR)):
  // the other parts name that unknown organization too, with its value and kind, flagged
  // alias and pattern. A part in another script than the name is a gloss; one in its own
  // script only as its short form (湖南绿源再生科技股份有限公司（以下简称“绿源再生”）), since
  // a parenthesis there holds a place or a note as often (한빛연구소(대전)). A short form
  // found as a pattern itself (深蓝科技有限公司（下称“深蓝公司”）) is the same
  // organization. Later mentions of a short form or a gloss link to the pattern too
  // (…（CADE）审查。CADE上周…), and a headline's before them (see link_later_mentions).
  void bind_pattern_gloss(size_t close) {
    int pattern = -1;
    // A typo reading inside the group is no name of its own (딥웨이브로보틱스(이하 딥웨이브)).
    const auto named_part = [this](const Segment& seg) { return seg.hit >= 0 && hits_[seg.hit].kind != HitKind::kFuzzy; };
    for (const Segment& seg : segments_) {
      if (!named_part(seg)) continue;
      if (pattern < 0) {
        pattern = seg.hit;
        continue;
      }
      // A second name: the group is that name's short form or its name in another script
      // (항저우메이샹그룹(杭州美香集团·이하 메이샹)), or no telling which it glosses.
      const bool other_script = script_of(decode_at(t_, seg.start)) != script_of(decode_at(t_, hits_[pattern].start));
      if (ends_pattern(seg, hits_[pattern])) continue;
      if (hits_[seg.hit].kind != HitKind::kPattern || !(other_script || same_script_short_form(seg, hits_[pattern]))) return;
    }
    if (pattern < 0 || hits_[pattern].kind != HitKind::kPattern) return;
    const Hit named = hits_[pattern];
    const Script script = script_of(decode_at(t_, named.start));
    for (const Segment& seg : segments_) {
      if (seg.hit == pattern) continue;
      const bool own_script = script_of(decode_at(t_, seg.start)) == script;
      const bool listed_short_form = ends_pattern(seg, named);
      if (seg.hit >= 0 && !named_part(seg) && own_script && !same_script_short_form(seg, named)) {
        continue;
      } else if (seg.hit >= 0 && (hits_[seg.hit].kind != HitKind::kLexicon || listed_short_form)) {
        // A pattern that is the name's short form or gloss (checked above), a typo reading,
        // or a listed name that ends the pattern (its own short form: ends_pattern).
        Hit& h = hits_[seg.hit];
        h.kind = HitKind::kPattern;
        h.entry = static_cast<uint32_t>(glossed_.size());
        h.suffix = named.suffix;
        h.glossed = true;
      } else if (!plausible_alias(seg.start, seg.end) || (own_script && !same_script_short_form(seg, named)) ||
                 (overlaps_org_hit(seg.start, seg.end) && !(seg.led && own_script && only_names_inside(seg.start, seg.end)))) {
        continue;
      } else {
        Hit h{seg.start, seg.end, static_cast<uint32_t>(glossed_.size()), named.suffix, HitKind::kPattern};
        h.glossed = true;
        pending_.push_back(h);
      }
      // The pattern's own short form outranks the listed name of its span in later
      // mentions too (관광공사는: the city's corporation again).
      aliases_.push_back({std::string(t_.substr(seg.start, seg.end - seg.start)), seg.led ? 0 : close,
                          static_cast<uint32_t>(glossed_.size()), named.suffix, listed_short_form});
      glossed_.push_back({named.start, named.end});
    }
  }
  // Every hit overlapping [a, b) is a name inside it (listed or a pattern), shorter than it:
  // a short form the text defines (以下简称“青岛港国际”, “南宁局集团公司”) outranks a name it
  // holds (青岛港, 南宁局集团), which is then noted in inside_defined_ for bind_glosses() to
  // drop.
  bool only_names_inside(size_t a, size_t b) {
    auto it = std::upper_bound(hits_.begin(), hits_.end(), a, [](size_t x, const Hit& h) { return x < h.end; });
    const auto first = it;
    for (; it != hits_.end() && it->start < b; ++it)
      if (it->start < a || it->end > b || it->end - it->start == b - a) return false;
    if (first == it) return false;
    inside_defined_.push_back({a, b});
    return true;
  }
  // `seg` is in the script of `named` and is its short form, not the whole name.
  bool same_script_short_form(const Segment& seg, const Hit& named) const {
    return script_of(decode_at(t_, seg.start)) == script_of(decode_at(t_, named.start)) &&
           seg.end - seg.start < named.end - named.start && is_short_form_of(seg.start, seg.end, named.start, named.end);
  }

  void add_part(size_t a, size_t b) {
    const bool led = strip_short_form_marks(a, b);
    if (a >= b) return;
    const size_t first = segments_.size();
    add_segments(a, b);
    for (size_t k = first; k < segments_.size(); ++k) segments_[k].led = led;
  }
  void add_segments(size_t a, size_t b) {
    if (int h = hit_at(a, b); h >= 0) {
      segments_.push_back({a, b, h});
      return;
    }
    // Split at each change between Hangul and Han.
    size_t seg_start = a;
    Script cur = script_of(decode_at(t_, a));
    for (size_t j = a; j < b;) {
      const size_t here = j;
      const Script s = script_of(next_cp(t_, j));
      if ((s == Script::kHangul || s == Script::kHan) && (cur == Script::kHangul || cur == Script::kHan) && s != cur) {
        segments_.push_back({seg_start, here, hit_at(seg_start, here)});
        seg_start = here;
      }
      cur = s;
    }
    segments_.push_back({seg_start, b, hit_at(seg_start, b)});
  }

  // A part that gives the name a short form for the rest of the text (以下简称“绿源再生”,
  // 이하 '한빛', 简称：BAAI) is the short form alone: the lead word, a colon and the quotes
  // around it go.
  // Returns whether a lead word was there.
  bool strip_short_form_marks(size_t& a, size_t& b) const {
    bool led = false;
    if (size_t lead = longest_role_end(a, b, role_bit(WordRole::kShortFormLead)); lead > a) {
      a = lead;
      led = true;
      while (a < b && (t_[a] == ' ' || t_[a] == ':')) ++a;
    }
    while (a < b && is_quote(decode_at(t_, a))) next_cp(t_, a);
    while (b > a && is_quote(decode_before(t_, b))) prev_cp(t_, b);
    return led;
  }
  [[gnu::always_inline]] static bool is_quote(char32_t c) {
    // (Hangul and Han, most code points, come after every quote, and ASCII, most of the
    // rest, holds two: a test or two say so inline, where the rest was a call.)
    if (c > 0x300F) return false;
    if (c < 0x80) return c == '"' || c == '\'';
    return c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D || (c >= 0x300A && c <= 0x300F);  // 《》「」『』
  }
  // The end of the last word with one of `roles` inside [a, b) that leaves two characters
  // or more before b, or `a`.
  size_t after_last_role(size_t a, size_t b, RoleBits roles) const {
    size_t cut = a;
    for (size_t i = a; i < b;) {
      const size_t from = i;
      next_cp(t_, i);
      const size_t e = longest_role_end(from, b, roles);
      if (e > from && e > cut) {
        size_t rest = 0;
        for (size_t j = e; j < b && rest < 2; ++rest) next_cp(t_, j);
        if (rest >= 2) cut = e;
      }
    }
    return cut;
  }
  // The end of the longest word with one of `roles` that starts at `a` and ends by `b`,
  // or `a`; with OverSpaces, a word may step over single spaces as word_at(…, spaced)
  // does (inner_space(); words are stored without them: 21개 시군), a template argument
  // so the hot plain walk tests nothing more.
  template <bool OverSpaces = false>
  size_t longest_role_end(size_t a, size_t b, RoleBits roles) const {
    if (a >= b || !m_->may_start_role(decode_at(t_, a), roles)) return a;
    size_t found = a;
    uint32_t state = CodePointTrie::kRoot;
    for (size_t j = a; j < b;) {
      const char32_t c = next_cp(t_, j);
      if constexpr (OverSpaces) {
        if (c == ' ' && inner_space(a, j)) continue;
      }
      state = m_->words.step(state, c);
      if (state == CodePointTrie::kNone) break;
      const Payload* p = m_->word_get(state);
      if (p && (p->roles & roles)) found = j;
    }
    return found;
  }
  // A part in the name's own script names it only as its short form: its characters
  // appear in the name in the same order (绿源再生 in 湖南绿源再生科技股份有限公司,
  // 한전 in 한국전력공사). Anything else there is a place or a note (한빛연구소(대전)).
  bool is_short_form_of(size_t a, size_t b, size_t name_start, size_t name_end) const {
    size_t j = name_start;
    for (size_t i = a; i < b;) {
      const char32_t c = next_cp(t_, i);
      bool found = false;
      while (!found && j < name_end) found = next_cp(t_, j) == c;
      if (!found) return false;
    }
    return true;
  }

  // t_.find(key, from), with memmem: a UTF-8 key's first byte is a lead byte that
  // Korean and Chinese text holds every third byte, which a first-byte search stops at.
  size_t find_in_text(std::string_view key, size_t from) const {
    if (from > t_.size()) return std::string_view::npos;
    const void* p = memmem(t_.data() + from, t_.size() - from, key.data(), key.size());
    return p ? static_cast<size_t>(static_cast<const char*>(p) - t_.data()) : std::string_view::npos;
  }
  void link_later_mentions() {
    if (aliases_.empty()) return;
    // Distinct keys only, and a bound on how many: each costs one search of the text.
    std::sort(aliases_.begin(), aliases_.end(),
              [](const AliasMention& x, const AliasMention& y) { return x.key != y.key ? x.key < y.key : x.after < y.after; });
    aliases_.erase(std::unique(aliases_.begin(), aliases_.end(),
                               [](const AliasMention& x, const AliasMention& y) { return x.key == y.key; }),
                   aliases_.end());
    if (aliases_.size() > kMaxAliases) aliases_.resize(kMaxAliases);
    std::map<size_t, size_t> added;  // start -> end of mentions found here
    pending_.clear();
    // A headline (a short first line) names the body by its short form before the body
    // text glosses it: 넥슨 3분기 매출…엔씨·넷마블은 … over 엔씨소프트(엔씨)는.
    const size_t first_line = t_.find('\n');
    const size_t headline_end = first_line != std::string_view::npos && first_line <= kMaxHeadlineBytes ? first_line : 0;
    for (const AliasMention& al : aliases_) {
      for (size_t pos = find_in_text(al.key, headline_end > 0 && headline_end < al.after ? 0 : al.after);
           pos != std::string_view::npos; pos = find_in_text(al.key, pos + 1)) {
        if (pos < al.after && pos + al.key.size() > headline_end) {
          pos = find_in_text(al.key, al.after);
          if (pos == std::string_view::npos) break;
        }
        const size_t end = pos + al.key.size();
        const char32_t first = decode_at(t_, pos);
        const char32_t before = decode_before(t_, pos);
        if (is_latin_alnum(first) && is_latin_alnum(before)) continue;
        if (text::is_hangul_syllable(first) && text::is_hangul_syllable(before)) continue;
        if (!right_ok(end, decode_before(t_, end))) continue;
        if (!displace_hits(pos, end, al.over_listed)) continue;
        auto next = added.lower_bound(pos);
        if (next != added.end() && next->first < end) continue;
        if (next != added.begin() && std::prev(next)->second > pos) continue;
        added.emplace(pos, end);
        Hit& h = pending_.emplace_back(
            Hit{pos, end, al.entry, al.suffix, al.suffix >= 0 ? HitKind::kPattern : HitKind::kAlias});
        h.glossed = al.suffix >= 0;
      }
    }
    if (!displaced_.empty()) {
      std::sort(displaced_.begin(), displaced_.end());
      displaced_.erase(std::unique(displaced_.begin(), displaced_.end()), displaced_.end());
      for (size_t k = displaced_.size(); k-- > 0;) hits_.erase(hits_.begin() + static_cast<ptrdiff_t>(displaced_[k]));
      displaced_.clear();
    }
    hits_.insert(hits_.end(), pending_.begin(), pending_.end());
    sort_hits();
  }
  static constexpr size_t kMaxHeadlineBytes = 240;
  // Whether a later mention [a, b) of a bound name may stand: the text itself named it,
  // so it outranks shorter names read across or inside it (灵犀动力|成立 holds no 力成), a
  // suffix pattern of its own span (深蓝公司) and one that ends with it after a verb, which
  // are noted in displaced_. A longer name over it, or a listed one of its span (unless
  // `over_listed`), is kept instead.
  bool displace_hits(size_t a, size_t b, bool over_listed) {
    const size_t first = displaced_.size();
    auto it = std::upper_bound(hits_.begin(), hits_.end(), a, [](size_t x, const Hit& h) { return x < h.end; });
    for (; it != hits_.end() && it->start < b; ++it) {
      const size_t len = it->end - it->start;
      // A pattern that ends with the mention after a function word or verb is the mention
      // with that word before it (联合|贵州水投集团); after a place it is another body
      // (芜湖|市财政局).
      const bool words_before = it->kind == HitKind::kPattern && it->end == b && it->start < a &&
                                ends_with_role(it->start, a, kFunctionRoles);
      // A typo reading of its span gives way too: the text defined the name.
      const bool weaker = it->kind == HitKind::kPattern || it->kind == HitKind::kFuzzy;
      if (!words_before && (len > b - a || (len == b - a && !weaker && !over_listed))) {
        displaced_.resize(first);
        return false;
      }
      displaced_.push_back(static_cast<size_t>(it - hits_.begin()));
    }
    return true;
  }

  Span sentence_of(size_t pos) const {
    auto is_end = [&](size_t i) {
      const char c = t_[i];
      if (c == '\n' || c == '!' || c == '?') return true;
      if (c == '.') return i + 1 >= t_.size() || t_[i + 1] == ' ' || t_[i + 1] == '\n';
      // 。 (E3 80 82): its lead byte alone first, which hardly any byte of Korean or
      // Chinese text is (E3 leads U+3000-U+3FFF), where the compare was a call per byte.
      return c == '\xE3' && t_.compare(i, 3, "\xE3\x80\x82") == 0;
    };
    // Bounded, so text without sentence ends (a 50 MB line) stays linear.
    size_t a = pos;
    while (a > 0 && pos - a < kMaxSentence && !is_end(a - 1)) --a;
    size_t b = pos;
    while (b < t_.size() && b - pos < kMaxSentence && !is_end(b)) ++b;
    return {a, b};
  }

  // A context name (小米 millet, 애플, 카카오) counts when something says it is the company.
  void support_context_names() {
    plain_names_ready_ = false;
    for (Hit& h : hits_) {
      if (h.kind == HitKind::kPattern && h.suffix >= 0 && m_->suffixes[static_cast<size_t>(h.suffix)].acts_only) {
        h.supported = acts_as_government(h);
        continue;
      }
      if (h.kind != HitKind::kContext || h.supported) continue;
      h.supported = h.place ? acts_as_government(h) : supported(h) && !titles_person(h);
    }
  }
  // The entries named plainly in this document (strong_entries_, sorted) and whether any
  // is a business (business_in_doc_): collected when the first context name asks, since
  // most documents hold none. The hits they are read from (neither context names nor
  // patterns) stay as they are while support_context_names() runs, so collecting them
  // late reads what collecting them first would have.
  void collect_plain_names() {
    if (plain_names_ready_) return;
    plain_names_ready_ = true;
    strong_entries_.clear();
    business_in_doc_ = false;
    for (const Hit& o : hits_) {
      if (o.kind == HitKind::kContext || o.kind == HitKind::kPattern) continue;
      strong_entries_.push_back(o.entry);
      business_in_doc_ |= is_business(o.entry);
    }
    std::sort(strong_entries_.begin(), strong_entries_.end());
  }
  // Whether the document holds kMinFoodWords words of role food_word (果农, 红富士,
  // 초콜릿): places where word_at() finds one, counted by the scan (note_gate_word()),
  // where a walk of the whole document looked for them when a context name asked.
  bool food_doc() const { return food_places_ >= kMinFoodWords; }
  static constexpr int kMinFoodWords = 2;
  // 마루금융리서치 신예린 이코노미스트는: a context name that is a job title too (role
  // person_title) right after a person's name (two or three Hangul syllables) that follows
  // an organization is that person's title (an economist), not the body (The Economist).
  bool titles_person(const Hit& h) const {
    if (h.start == 0 || t_[h.start - 1] != ' ' || !ends_with_role(h.start, h.end, role_bit(WordRole::kPersonTitle))) return false;
    for (size_t syllables = 2; syllables <= 3; ++syllables) {
      if (h.start < 2 + 3 * syllables) break;
      const size_t name = h.start - 1 - 3 * syllables;
      if (t_[name - 1] != ' ') continue;
      bool hangul = true;
      for (size_t p = name; p < h.start - 1 && hangul; p += 3) hangul = text::is_hangul_syllable(decode_at(t_, p));
      if (!hangul) continue;
      for (const Hit& o : hits_)
        if (o.end == name - 1 && o.kind != HitKind::kContext) return true;
    }
    return false;
  }
  // A place's bare name is its government where the text has it act as one: it opens a
  // clause (no letter right before it: 在合肥, 从浙江, 경기도 용인 name the place) and a
  // word that says it acts follows, maybe after adverbs: 合肥|发放, 浙江|还将|联合,
  // 경기도|가, 구마모토현|은 (lexicons/org/words.tsv, roles acts and act_adverb), or it opens
  // a line (a headline) before a comma or colon, or a quote it says.
  bool acts_as_government(const Hit& h) {
    // A place glossed with another of its own names (경상남도(경남도), and that gloss): news
    // glosses the body it introduces, not the place (every such gloss in the held-out
    // golds names the government, acting or not: 경상남도(경남도), 방위사업청(방사청)과 함께).
    if (glossed_by_own_name(h)) return true;
    // A county or city after its province or city (福建省|安溪县, 江西|寻乌县, 山东省菏泽市|曹县):
    // the clause opens before them.
    size_t at = enclosing_places_before(h.start);  // where the clause the place opens starts, as far as known
    const size_t places = at;                        // where it and the places enclosing it start
    char32_t before = decode_before(t_, at);
    // Time words before it open the clause as well (今年以来|上海|已向…发放, 目前|合肥…): the
    // words that may come between the place and its act word (role act_adverb) come
    // before it too. So does a larger place and the words that it governs this one
    // (柳州市|下辖的|融安县), with its own time words before it; the adverbs are read once
    // for each place.
    if (text::is_han(before)) {
      size_t open = act_adverbs_before(at);
      if (open != at && place_ends_at(open)) {
        at = enclosing_places_before(open);
        before = decode_before(t_, at);
        open = text::is_han(before) ? act_adverbs_before(at) : at;
      }
      if (open != at && !text::is_han(decode_before(t_, open))) before = decode_before(t_, open);
      // So does a date written with digits (据测算，2027年至2029年|杭州|计划…投入).
      else if (const size_t y = written_date_before(open); y != open) before = decode_before(t_, y);
    }
    return opens_clause_and_acts(h, places, before);
  }
  // Whether the place's bare name `h` has another of its government's names in brackets
  // right after it, or is that bracketed name right after one.
  bool glossed_by_own_name(const Hit& h) const {
    // A place hit of h's government that starts in [from, to) and ends at `end`.
    const auto own_name = [&](size_t from, size_t to, size_t end) {
      auto it = std::lower_bound(hits_.begin(), hits_.end(), from, [](const Hit& x, size_t v) { return x.start < v; });
      for (; it != hits_.end() && it->start < to; ++it)
        if (it->place && it->entry == h.entry && it->end == end) return true;
      return false;
    };
    if (h.end < t_.size() && t_[h.end] == '(') {
      const size_t close = t_.find(')', h.end + 1);
      if (close != std::string_view::npos && close - h.end <= kMaxGlossBytes && own_name(h.end + 1, h.end + 2, close))
        return true;
    }
    if (h.start < 2 || t_[h.start - 1] != '(' || h.end >= t_.size() || t_[h.end] != ')') return false;
    const size_t open = h.start - 1;
    return own_name(open > kMaxNameBytes ? open - kMaxNameBytes : 0, open, open);
  }
  // Where a date written with digits that ends at `end` starts when it opens its clause
  // (据测算，|2027年至2029年|杭州: no Han character or digit before it), or `end`.
  size_t written_date_before(size_t end) const {
    size_t q = end;
    for (size_t n = 0; q > 0 && n < kMaxWrittenDateChars; ++n) {
      const char32_t c = decode_before(t_, q);
      if (!text::is_han(c) && !text::is_ascii_digit(c)) break;
      prev_cp(t_, q);
    }
    return q < end && date::written_date_end(t_, q) == end ? q : end;
  }
  static constexpr size_t kMaxWrittenDateChars = 16;  // 2026年11月1日至12月31日
  // Whether a place ends at p: a place's bare name (柳州市) or an unlisted one named with
  // its division word.
  bool place_ends_at(size_t p) const {
    if (p == 0) return false;
    for (const Hit& g : hits_)
      if (g.place && g.end == p) return true;
    return Model::has_bit(m_->division_last, decode_before(t_, p)) && ends_with_division(0, p);
  }
  // Where the places that enclose the one starting at `at` begin (福建省|安溪县: a listed
  // name, or an unlisted place named with its division word, up to three of them), or `at`.
  size_t enclosing_places_before(size_t at) {
    char32_t before = decode_before(t_, at);
    for (size_t k = 0; text::is_han(before) && k < 3; ++k) {
      size_t open = at;
      for (auto it = first_name_ending_at(at); it != name_ends_.cend() && it->end == at; ++it) open = std::min(open, it->start);
      // An unlisted place named with its division word (抚州市|南丰县): two to four characters.
      if (open == at && Model::has_bit(m_->division_last, before)) {
        size_t from = at;
        for (size_t n = 1; n <= 4 && from > 0 && text::is_han(decode_before(t_, from)); ++n) {
          prev_cp(t_, from);
          const char32_t outer = decode_before(t_, from);  // the clause's start or a larger place's division
          if (n >= 2 && ends_with_division(from, at) && (!text::is_han(outer) || Model::has_bit(m_->division_last, outer))) {
            open = from;
            break;
          }
        }
      }
      if (open == at) break;
      at = open;
      before = decode_before(t_, at);
    }
    return at;
  }
  // The rest of acts_as_government(): `places` is where the place and the places that
  // enclose it start, `before` the character before the clause the place opens, as far
  // as known.
  bool opens_clause_and_acts(const Hit& h, size_t places, char32_t before) {
    // Korean writes the province before its county or city with a space (전남 해남군, 경기도
    // 용인시는): the clause opens before a listed place there.
    if (before == U' ' && h.start >= 1) {
      size_t open = h.start - 1;
      for (auto it = first_name_ending_at(h.start - 1); it != name_ends_.cend() && it->end == h.start - 1; ++it)
        open = std::min(open, it->start);
      if (open < h.start - 1 && text::is_hangul_syllable(decode_before(t_, h.start - 1))) before = decode_before(t_, open);
    }
    // The other party after "with" (京东物流已与|周至县|签约), or the subject of a clause
    // after "this is what" (这是|中宁县|继2023年出台…后再次加大投入) or after "where it is"
    // (总部所在的|江苏省连云港市|今年将安排): the place acts when its act word follows, maybe
    // after adverbs and a date.
    // (Its act word may follow time words and a date: 马鞍山市与|南京市|本月18日|签署.)
    if (text::is_han(before) && (subject_lead_before(h.start) || (places != h.start && subject_lead_before(places))))
      return acts_after(h.end, 0);
    if (text::is_han(before) || text::is_hangul_syllable(before) || is_latin_alnum(before)) return false;
    // An item of a list of places acts as the list does when the list opens the clause
    // (长沙县、|浏阳市|将…发放); inside a clause it is a place (在深圳、广州布局).
    if (before == U'、') {
      const size_t first =
          list_before(h.start, [](char32_t c) { return c == U'、'; }, [this](const Hit& x) { return is_place_item(x); }).first;
      if (first == h.start) return false;
      const char32_t open = decode_before(t_, first);
      if (text::is_han(open) || text::is_hangul_syllable(open) || is_latin_alnum(open) || open == U'、') return false;
      return acts_after(past_parenthesis(h.end), kMaxJoinedPlaces, /*after_list=*/true);
    }
    if (before == U'《') return false;  // a title's first word (《芜湖市进一步支持…措施》)
    // A headline's subject set off by a comma or colon: 경기도, 반도체 클러스터에 …; 浙江：…;
    // also after an ellipsis that opens the headline's next clause (… '뚝'…전남도, 벼 격리).
    // Or quoting it: 진주시 "축제 경제효과 1200억" (the place says so), also in a headline's
    // clause after its ellipsis (…1조1,200억 원…전북도 "공항 설계비 되살렸다").
    if ((before == 0 || before == '\n' || opens_headline_clause(h.start)) && sets_off_headline_subject(h.end)) return true;
    // Or with other bodies (전남도·농진청, 고흥에 …; 부산·인천·창원, …): a list that opens the
    // line and ends before its comma or colon is the subject, each of its items acting.
    if (headline_list_subject(h)) return true;
    // Or, in Korean, with its amount after a space (…당진시·충남도 1,180억 원 푼다, 고흥군 418억 원
    // 투입): the headline's subject spends it.
    if (headline_amount_subject(h)) return true;
    // Its gloss in parentheses may stand between it and its particle (충청북도(충북도)는), and
    // a gloss acts as the name before it does (충청북도(|충북도|)는).
    return acts_after(past_parenthesis(h.end), kMaxJoinedPlaces);
  }
  // Whether p follows the ellipsis that opens a headline's next clause (… '뚝'…|전남도,);
  // folding has made the ellipsis three full stops.
  bool opens_headline_clause(size_t p) const {
    return p >= 3 && t_.compare(p - 3, 3, "...") == 0 && t_.find('\n') > p;
  }
  // Whether what follows a headline's subject ending at p sets it off from the rest: a comma
  // or colon, or a quote it says, maybe after a space.
  bool sets_off_headline_subject(size_t p) const {
    const char32_t c = decode_at(t_, p);
    return c == ',' || c == ':' || is_quote(c == ' ' ? decode_at(t_, p + 1) : c);
  }
  // Whether the hit is an item of a list of names joined by middle dots (two or more) that
  // opens a line, or a headline's clause after its ellipsis, and is set off as the subject:
  // 부산·인천·창원, 베트남 도시와 …; …무주군·진안군, 연말까지 …; …충북도·청주시 "5000억 원 지원".
  bool headline_list_subject(const Hit& h) {
    auto is_dot = [](char32_t c) { return c == U'·' || c == U'・'; };
    const auto [first, listed] = list_before(h.start, is_dot, [](const Hit& x) {
      return x.kind == HitKind::kLexicon || x.kind == HitKind::kContext;
    });
    int after = 0;
    const size_t last = dotted_list_end(h.end, after);
    const int items = 1 + listed + after;
    const char32_t opens = decode_before(t_, first);
    return items >= 2 && (opens == 0 || opens == '\n' || opens_headline_clause(first)) && sets_off_headline_subject(last);
  }
  // Where the names joined by middle dots after `end` end (…부산|·인천·창원), at most
  // kMaxJoinedPlaces of them, counted in `items`; `end` when none follows.
  size_t dotted_list_end(size_t end, int& items) const {
    size_t last = end;
    for (int k = 0; k < kMaxJoinedPlaces && last < t_.size(); ++k) {
      const char32_t c = decode_at(t_, last);
      if (c != U'·' && c != U'・') break;
      const size_t q = last + utf8_bytes(c);
      const auto next = std::lower_bound(hits_.begin(), hits_.end(), q, [](const Hit& x, size_t v) { return x.start < v; });
      if (next == hits_.end() || next->start != q) break;
      last = next->end, ++items;
    }
    return last;
  }
  // Whether the hit, or a list of names joined by middle dots that it opens, stands in the
  // text's first line (the headline) right before a space and an amount.
  bool headline_amount_subject(const Hit& h) const {
    if (h.end + 1 >= t_.size() || t_.find('\n') < h.end) return false;
    int items = 0;
    const size_t last = dotted_list_end(h.end, items);
    if (last + 1 >= t_.size() || t_[last] != ' ' || !text::is_hangul_syllable(decode_before(t_, last))) return false;
    if (amount_end(last + 1) > last + 1) return true;
    // The text's first word, or the first of the headline's clause after its ellipsis, may
    // be that subject, alone or opening a list joined by middle dots, with a few words
    // between it and the amount (속초시 내년 관광예산 612억 원…, 신안군 햇빛연금 내년 180억 원
    // 배당, …전남도·광양시 2030년까지 2,400억 원 투입): words of Hangul and digits, one space
    // apart, no mark between (a comma or an ellipsis ends the clause).
    const size_t first = list_before(h.start, [](char32_t c) { return c == U'·' || c == U'・'; }, [](const Hit& x) {
                           return x.kind == HitKind::kLexicon || x.kind == HitKind::kContext;
                         }).first;
    if (first != 0 && !opens_headline_clause(first)) return false;
    size_t p = last;
    for (int words = 0; words < kMaxHeadlineWordsBeforeAmount; ++words) {
      size_t q = p + 1;
      for (;;) {
        const char32_t c = decode_at(t_, q);
        if (c < 0x80 ? !text::is_ascii_digit(c) : !text::is_hangul_syllable(c)) break;
        q += utf8_bytes(c);
      }
      if (q == p + 1 || q + 1 >= t_.size() || t_[q] != ' ') return false;
      p = q;
      if (amount_end(p + 1) > p + 1) return true;
    }
    return false;
  }
  static constexpr int kMaxHeadlineWordsBeforeAmount = 3;
  // The list whose items, joined by marks, end right before `start`: where its first item
  // starts (or `start`) and how many items there are, walking back over at most
  // kMaxJoinedPlaces of them. An item is a hit ending at its mark that `is_item` takes.
  template <class IsMark, class IsItem>
  std::pair<size_t, int> list_before(size_t start, IsMark is_mark, IsItem is_item) const {
    size_t first = start;
    int items = 0;
    while (items < kMaxJoinedPlaces && first > 0 && is_mark(decode_before(t_, first))) {
      size_t mark = first;
      prev_cp(t_, mark);
      auto it = std::lower_bound(hits_.begin(), hits_.end(), mark > kMaxNameBytes ? mark - kMaxNameBytes : 0,
                                 [](const Hit& x, size_t v) { return x.start < v; });
      for (; it != hits_.end() && it->start < mark && !(it->end == mark && is_item(*it)); ++it) {}
      if (it == hits_.end() || it->start >= mark) break;
      first = it->start, ++items;
    }
    return {first, items};
  }
  // Past a parenthesized gloss of a few characters at p, or one that defines a short form
  // (（以下简称“麻阳县”）), or past the closing parenthesis at p; else p.
  size_t past_parenthesis(size_t p) const {
    if (p < t_.size() && t_[p] == ')') return p + 1;
    if (p >= t_.size() || t_[p] != '(') return p;
    const size_t close = t_.find(')', p + 1);
    if (close == std::string_view::npos) return p;
    const bool defines = close - p <= kMaxDefinitionBytes && word_at(p + 1, role_bit(WordRole::kShortFormLead));
    return close - p <= kMaxGlossBytes || defines ? close + 1 : p;
  }
  static constexpr size_t kMaxGlossBytes = 24;
  static constexpr size_t kMaxNoteBytes = 32;  // （特殊普通合伙）
  static constexpr size_t kMaxDefinitionBytes = 64;  // （以下简称“…”）
  // The start of the words of role act_adverb that end at p, one after another (今年|以来), or
  // p: at each step the longest such word, of one to four characters, ending there.
  size_t act_adverbs_before(size_t p) const {
    for (size_t n = 0; n < kMaxActAdverbs; ++n) {
      size_t from = p, found = p;
      for (int chars = 0; chars < 4 && from > 0 && text::is_han(decode_before(t_, from)); ++chars) {
        // (Most code points open no act adverb: one bit says so before the trie walk.)
        if (m_->may_start_role(prev_cp(t_, from), role_bit(WordRole::kActAdverb)) &&
            ends_with_role(from, p, role_bit(WordRole::kActAdverb)))
          found = from;
      }
      if (found == p) break;
      p = found;
    }
    return p;
  }
  // Whether a word that makes the place after it the subject of its clause ends at p
  // (role subject_lead: "with", 与|周至县|签约; "this is what", 这是|中宁县|…出台).
  bool subject_lead_before(size_t p) const {
    constexpr size_t kMaxLeadChars = 3;  // 这也是
    for (size_t n = 1, a = p; n <= kMaxLeadChars && a >= 3; ++n) {
      const char32_t c = decode_before(t_, a);
      if (!text::is_han(c)) break;
      a -= 3;
      // (Most code points open no such word: one bit says so before the trie walk.)
      if (m_->may_start_role(c, role_bit(WordRole::kSubjectLead)) && ends_with_role(a, p, role_bit(WordRole::kSubjectLead)))
        return true;
    }
    return false;
  }
  // Whether the words from p on have the place before them act (see acts_as_government).
  // Whether the hit is a place that a list of acting places may hold: a listed place's
  // bare name, or a county named with its 县 (a suffix that acts only: 谷城县、南漳县已…设立).
  bool is_place_item(const Hit& x) const {
    return x.place || (x.kind == HitKind::kPattern && x.suffix >= 0 && m_->suffixes[static_cast<size_t>(x.suffix)].acts_only);
  }
  // Whether the hit is an organization a list of parties may hold: a listed name or a
  // pattern, not a place's bare name (a context name that needs support may be a word).
  static bool is_organization_item(const Hit& x) {
    return !x.place && !x.dropped && (x.kind == HitKind::kLexicon || x.kind == HitKind::kPattern);
  }
  // The end of a mark that joins two places in a list at p (、, ", ", ·), or p.
  size_t list_mark_end(size_t p) const {
    if (p + 3 >= t_.size()) return p;
    const char32_t c = decode_at(t_, p);
    if (c == U'、' || c == U'·' || c == U'・') return p + utf8_bytes(c);
    return t_[p] == ',' && t_[p + 1] == ' ' ? p + 2 : p;
  }
  bool acts_after(size_t p, int joins_left, bool after_list = false) const {
    // A place that opens a counted list (김포시 등 13곳은, 진안군 등 21개 시군이) acts as the
    // list does: "and others" and the count stand between it and its particle.
    p = past_counted_list(p);
    // 长沙县|、浏阳市将…: places joined by 、 act together, as with "and" below; so do
    // Korean ones joined by a comma and a space or a middle dot (경북도|, 안동시와 협약을
    // 맺는다, 경북도|·안동시와).
    // So does a place listed with organizations, the parties of what the list does
    // (용인시|, 한국수자원공사(K-water), 한국전력공사(한전)와 협약을 맺었다), past each one's gloss.
    if (const size_t q = list_mark_end(p); joins_left > 0 && q > p) {
      const auto next = std::lower_bound(hits_.begin(), hits_.end(), q, [](const Hit& x, size_t v) { return x.start < v; });
      if (next != hits_.end() && next->start == q && is_place_item(*next))
        return acts_after(next->end, joins_left - 1, /*after_list=*/true);
      if (next != hits_.end() && next->start == q && is_organization_item(*next))
        return acts_after(past_parenthesis(next->end), joins_left - 1, /*after_list=*/true);
    }
    // "With" (구마모토현과 협약을 맺었다), or "and" before another place: the two act or not
    // together (강릉시와 속초시도 … 보태기로; 안성시와 이천시 주민들 are places).
    if (word_at(p, role_bit(WordRole::kActJoin))) {
      size_t q = longest_role_end(p, std::min(t_.size(), p + kMaxActAdverbBytes), role_bit(WordRole::kActJoin));
      if (q < t_.size() && t_[q] == ' ') ++q;
      auto next = std::lower_bound(hits_.begin(), hits_.end(), q, [](const Hit& x, size_t v) { return x.start < v; });
      if (next == hits_.end() || next->start != q || !next->place) return true;
      // The other place with its province before it, spaced (고양시와 충남 태안군도).
      if (next->end + 1 < t_.size() && t_[next->end] == ' ') {
        const auto county = std::lower_bound(next, hits_.end(), next->end + 1, [](const Hit& x, size_t v) { return x.start < v; });
        if (county != hits_.end() && county->start == next->end + 1 && county->place) next = county;
      }
      // Its gloss may come between (당진시와 충청남도(충남도)는).
      return joins_left > 0 && acts_after(past_parenthesis(next->end), joins_left - 1);
    }
    // What it did after a Chinese possessive (沂南县的|提标, 沂南县的|做法): its government's.
    if (p < t_.size() && static_cast<unsigned char>(t_[p]) >= 0xE0 && word_at(p, role_bit(WordRole::kPossessive))) {
      const size_t q = longest_role_end(p, std::min(t_.size(), p + kMaxActAdverbBytes), role_bit(WordRole::kPossessive));
      if (q > p && text::is_han(decode_at(t_, q)) && word_at(q, role_bit(WordRole::kActNoun))) return true;
    }
    // Its officials after a space (부여군 관계자는, 경기도 대변인은; 관악구 주거복지과장은, a
    // division's head): they speak for its government.
    if (p + 1 < t_.size() && t_[p] == ' ') {
      if (word_at(p + 1, role_bit(WordRole::kActNoun))) return true;
      // The title may follow the department's name or a deputy's rank (주거복지과장,
      // 제2부시장), or open the word before a particle (창원시 부시장은; 경기도 과장 광고 is
      // "exaggerated advertising").
      size_t k = p + 1;
      for (int n = 0; n <= kMaxTitledSyllables && k < t_.size(); ++n) {
        if (n == 0) {
          const size_t title = longest_role_end(k, std::min(t_.size(), k + kMaxActAdverbBytes), role_bit(WordRole::kActTitle));
          if (title > k && word_at(title, role_bit(WordRole::kParticle))) return true;
        } else if (word_at(k, role_bit(WordRole::kActTitle))) {
          return true;
        }
        const char32_t c = decode_at(t_, k);
        if (!text::is_hangul_syllable(c) && !text::is_ascii_digit(c)) break;
        k += utf8_bytes(c);
      }
    }
    for (size_t n = 0; n <= kMaxActAdverbs; ++n) {
      // A Chinese list of places acts through an auxiliary or adverb first (长沙县、浏阳市|将|
      // 发放); with its verb right after it, it is where things are (唐山、邯郸|依托钢铁企业…).
      // A Korean list's particle marks it the subject (여수시, 순천시|가 … 출자한다).
      if (!(after_list && n == 0 && !text::is_hangul_syllable(decode_at(t_, p))) && act_word_at(p, /*spaced=*/true))
        return true;
      // A one-character verb acts only before an amount (无锡|设|2亿元, 松阳县|获|3,680万元):
      // elsewhere it opens other words (设计, 获奖).
      if (m_->may_start_role(decode_at(t_, p), role_bit(WordRole::kActBeforeAmount))) {
        const size_t v = longest_role_end(p, std::min(t_.size(), p + kMaxActAdverbBytes), role_bit(WordRole::kActBeforeAmount));
        if (v > p && amount_end(v) > v) return true;
      }
      // A preposition's phrase before the act word (吉林省将|在元旦至春节期间|投放, 南丰县|已于本月
      // 向412户家庭|发放): the act word may come anywhere before the clause ends.
      if (const size_t q = longest_role_end(p, std::min(t_.size(), p + kMaxActAdverbBytes), role_bit(WordRole::kActPrep)); q > p) {
        // A name found there opens with the preposition's character (广东省|和平县, 江西省|
        // 于都县): no preposition, and the name, not the place before it, acts.
        const auto here = std::lower_bound(hits_.begin(), hits_.end(), p, [](const Hit& x, size_t v) { return x.start < v; });
        if (here != hits_.end() && here->start == p && here->end > q) return false;
        // 与, 和 and 同 also join two places ("and"): then both act or neither
        // (浙江和江苏的企业 are places), as with Korean 와/과. A locative's place is where
        // the act happens (滁州市|在|滁州经济技术开发区|举行).
        const auto next = std::lower_bound(hits_.begin(), hits_.end(), q, [](const Hit& x, size_t v) { return x.start < v; });
        if (next != hits_.end() && next->start == q && next->place && !word_at(p, role_bit(WordRole::kLocative)))
          return joins_left > 0 && acts_after(next->end, joins_left - 1);
        // The preposition's object may run past a comma before the act word
        // (湄潭县对返乡创办作坊的农民工，另给予…补贴).
        return acts_in_clause(q, /*commas=*/1);
      }
      size_t e = longest_role_end(p, std::min(t_.size(), p + kMaxActAdverbBytes), role_bit(WordRole::kActAdverb));
      if (e == p) e = date::written_date_end(t_, p);  // 哈尔滨市|26日|发布, 武汉市于|2026年11月27日|发布
      if (e == p) e = dated_time_phrase_end(p);       // 梨树县|自2007年开始|推广
      if (e == p) e = counted_adverb_end(p);  // 广西|两年来|发行
      if (e == p) e = amount_end(p);          // 洛川县|2,000万元|补贴 (a headline's way)
      if (e == p) e = counted_amount_end(p);  // 昆山|三年3亿元|扶持: the amount over a span
      if (e == p) return false;
      p = e;
      // A comma after a fronted time phrase goes on with the clause (还将从明年元旦起|，|对…).
      if (const char32_t c = decode_at(t_, p); (c == U'，' || c == ',') && closes_time_phrase(p)) p += utf8_bytes(c);
    }
    return false;
  }
  // The end of "since" or "from" and a written date at p (role time_prep: 自2007年开始, 从
  // 11月起), or p: no other word may follow the preposition (自由, 从事 are words).
  size_t dated_time_phrase_end(size_t p) const {
    if (!m_->may_start_role(decode_at(t_, p), role_bit(WordRole::kTimePrep))) return p;
    const size_t q = longest_role_end(p, std::min(t_.size(), p + kMaxActAdverbBytes), role_bit(WordRole::kTimePrep));
    if (q == p) return p;
    const size_t e = date::written_date_end(t_, q);
    return e > q ? e : p;
  }
  // Past " 등 13곳" (role list_etc, digits, role place_count) at p, or p.
  size_t past_counted_list(size_t p) const {
    if (p + 1 >= t_.size() || t_[p] != ' ') return p;
    const size_t etc = longest_role_end(p + 1, std::min(t_.size(), p + 1 + kMaxActAdverbBytes), role_bit(WordRole::kListEtc));
    if (etc == p + 1 || etc + 1 >= t_.size() || t_[etc] != ' ') return p;
    size_t q = etc + 1;
    while (q < t_.size() && text::is_ascii_digit(static_cast<unsigned char>(t_[q]))) ++q;
    if (q == etc + 1) return p;
    const size_t unit =
        longest_role_end</*OverSpaces=*/true>(q, std::min(t_.size(), q + kMaxActAdverbBytes * 2), role_bit(WordRole::kPlaceCount));
    return unit > q ? unit : p;
  }
  // Whether an act word (role acts) starts at p, and is not the start of a place's name:
  // a Han one followed by a division word's last character names the district (南昌市|新建区,
  // not "builds") unless jieba's dictionary joins that character to the next one, a word
  // of its own after the act (推出|县城…, 安排|市级…, 注入|区属…).
  // (A Han act word is found by one walk, for its longest end: right_ok() holds after any
  // Han word, and Chinese writes no spaces inside one.)
  bool act_word_at(size_t p, bool spaced = false) const {
    if (!text::is_han(decode_at(t_, p))) return word_at(p, role_bit(WordRole::kActs), spaced);
    const size_t e = longest_role_end(p, std::min(t_.size(), p + kMaxActAdverbBytes), role_bit(WordRole::kActs));
    if (e == p) return false;
    if (!Model::has_bit(m_->division_last, decode_at(t_, e))) return true;
    size_t next = e;
    const char32_t pair[2] = {next_cp(t_, next), decode_at(t_, next)};
    return text::is_han(pair[1]) && text::zh_words::cost(pair) >= 0;
  }
  // Whether an act word starts within the clause from p on (kMaxClauseCodePoints at most),
  // which may run past `commas` commas.
  bool acts_in_clause(size_t p, int commas = 0) const {
    for (size_t n = 0; p < t_.size() && n < kMaxClauseCodePoints; ++n) {
      size_t next = p;
      const char32_t c = next_cp(t_, next);
      // A comma between digits groups thousands (1,260户) and ends no clause.
      const bool digit_comma = c == ',' && p > 0 && text::is_ascii_digit(static_cast<unsigned char>(t_[p - 1])) &&
                               next < t_.size() && text::is_ascii_digit(static_cast<unsigned char>(t_[next]));
      const bool comma = c == U'，' || c == ',';
      if (comma && !digit_comma && commas > 0 && !closes_time_phrase(p)) {
        --commas;
        n = 0;  // the clause after the comma has its own length
        p = next;
        continue;
      }
      // A parenthesized gloss or short form's definition goes on with the clause
      // (瓜州县则与…有限公司（下称“陇能新能源”）签约).
      if (c == '(') {
        if (const size_t after = past_parenthesis(p); after != p) {
          p = after;
          continue;
        }
      }
      if (is_clause_end(c) && !digit_comma && !(comma && closes_time_phrase(p))) return false;
      if (act_word_at(p)) return true;
      p = next;
    }
    return false;
  }
  // Whether a word of role time_phrase_end (起, 以来) of one to three characters ends at p.
  bool closes_time_phrase(size_t p) const {
    size_t from = p;
    for (int chars = 0; chars < 3 && from > 0 && text::is_han(decode_before(t_, from)); ++chars) {
      // (Most code points open no such word: one bit says so before the trie walk.)
      if (m_->may_start_role(prev_cp(t_, from), role_bit(WordRole::kTimePhraseEnd)) &&
          ends_with_role(from, p, role_bit(WordRole::kTimePhraseEnd)))
        return true;
    }
    return false;
  }
  static bool is_clause_end(char32_t c) {
    switch (c) {
      case U'，': case U',': case U'。': case U'；': case U';': case U'：': case U':': case U'！': case U'!':
      case U'？': case U'?': case U'\n': case U'“': case U'”': case U'「': case U'」': case U'（': case U'(':
        return true;
      default:
        return false;
    }
  }
  static constexpr size_t kMaxClauseCodePoints = 30;
  static constexpr size_t kMaxActAdverbs = 5, kMaxActAdverbBytes = 12;
  static constexpr int kMaxJoinedPlaces = 3;  // 강릉시와 속초시와 …: places joined in a row
  // The end of a count and the adverb it opens at p (两年来, 3个月来: act adverbs that
  // follow a count), or of an ordinal count (连续|第三年|安排: a word of role ordinal, a
  // numeral and a word of role count_unit), or p.
  size_t counted_adverb_end(size_t p) const {
    const size_t after_ordinal = longest_role_end(p, std::min(t_.size(), p + kMaxActAdverbBytes), role_bit(WordRole::kOrdinal));
    const RoleBits word = role_bit(after_ordinal > p ? WordRole::kCountUnit : WordRole::kActAdverb);
    const size_t e = numeral_and_word_end(after_ordinal, kMaxCountCodePoints, /*amount=*/false, word);
    return e > after_ordinal ? e : p;
  }
  static constexpr size_t kMaxCountCodePoints = 4;
  // The end of a count of units and the amount right after it at p (三年|3亿元: the amount
  // over the span), or p. The count alone is no act adverb (广西两年|发行 is not read).
  size_t counted_amount_end(size_t p) const {
    const size_t e = numeral_and_word_end(p, kMaxCountCodePoints, /*amount=*/false, role_bit(WordRole::kCountUnit));
    const size_t amount = e > p ? amount_end(e) : e;
    return amount > e ? amount : p;
  }
  // The end of an amount of money at p (digits or numerals, with their separators, and a
  // word of role amount_unit: 2,000万元, 38.6亿元, 1,180억 원), or p.
  size_t amount_end(size_t p) const {
    return numeral_and_word_end(p, kMaxAmountCodePoints, /*amount=*/true, role_bit(WordRole::kAmountUnit));
  }
  // The end of digits or numerals at q (at most `max_code_points`) and a word of
  // `word_roles` right after them, or q. An `amount` may hold commas and points, and Korean
  // writes a space before its currency word (1,180억 원); a count holds neither.
  size_t numeral_and_word_end(size_t q, size_t max_code_points, bool amount, RoleBits word_roles) const {
    const size_t start = q;
    for (size_t k = 0; k < max_code_points && q < t_.size(); ++k) {
      size_t next = q;
      const char32_t c = next_cp(t_, next);
      const bool separator = amount && (c == ',' || c == '.') && q > start;
      if (!separator && !text::is_ascii_digit(c) && !numeral::is_numeral_char(c)) break;
      q = next;
    }
    if (q == start) return start;
    if (amount && q + 1 < t_.size() && t_[q] == ' ') ++q;
    const size_t e = longest_role_end(q, std::min(t_.size(), q + kMaxActAdverbBytes), word_roles);
    return e > q ? e : start;
  }
  static constexpr size_t kMaxAmountCodePoints = 12;
  bool supported(const Hit& h) {
    collect_plain_names();
    // This organization named plainly elsewhere.
    if (std::binary_search(strong_entries_.begin(), strong_entries_.end(), h.entry)) return true;
    // An article about orchards or cocoa uses a crop's or a food's name as that (洛川苹果,
    // 카카오 가격): only a kind word after it says otherwise there (苹果公司).
    const bool food = m_->may_start_role(decode_at(t_, h.start), role_bit(WordRole::kFoodName)) &&
                      ends_with_role(h.start, h.end, role_bit(WordRole::kFoodName)) && food_doc();
    // A business organization anywhere in the document (an article about companies).
    // Media and government names do not count document-wide: bylines and ministries
    // appear in every kind of article.
    if (business_in_doc_ && !food) return true;
    // A kind word right after it (小米公司, 카카오 그룹, 애플社, 카카오그룹은).
    if (word_at(h.end, role_bit(WordRole::kKindWord)) ||
        (h.end < t_.size() && t_[h.end] == ' ' && word_at(h.end + 1, role_bit(WordRole::kKindWord))))
      return true;
    if (food) return false;
    // A media outlet that opens a line before a bar is the dateline's credit (한국경제 | 입력
    // 2026년 12월 3일 …): the outlet, not the words (한국경제 "the Korean economy").
    if ((h.start == 0 || t_[h.start - 1] == '\n') && m_->entry_has(h.entry, Model::kEntryMedia)) {
      const size_t bar = h.end < t_.size() && t_[h.end] == ' ' ? h.end + 1 : h.end;
      if (bar < t_.size() && t_[bar] == '|') return true;
    }
    const Span sent = sentence_of(h.start);
    // Another organization in the sentence.
    auto o = std::lower_bound(hits_.begin(), hits_.end(), sent.start, [](const Hit& x, size_t v) { return x.start < v; });
    for (; o != hits_.end() && o->end <= sent.end; ++o)
      if (o->kind != HitKind::kContext && (o->start != h.start)) return true;
    // A technology or business word in the sentence (context names are rare, so the
    // sentence is searched here rather than every word recorded by the scan).
    char32_t prev = decode_before(t_, sent.start);
    for (size_t i = sent.start; i < sent.end;) {
      const size_t here = i;
      const char32_t c = next_cp(t_, i);
      const bool word_start = !(is_latin_alnum(c) && is_latin_alnum(prev));
      prev = c;
      if (word_start && (here < h.start || here >= h.end) && word_at(here, role_bit(WordRole::kTopic))) return true;
    }
    return false;
  }
  // A word with one of `roles` starts at `pos` and ends a word. With `spaced`, the word
  // may step over single spaces, as names do (an act word of several: 에 따르면).
  bool word_at(size_t pos, RoleBits roles, bool spaced = false) const {
    if (!m_->may_start_role(decode_at(t_, pos), roles)) return false;
    uint32_t state = CodePointTrie::kRoot;
    for (size_t j = pos; j < t_.size();) {
      const char32_t c = next_cp(t_, j);
      if (spaced && c == U' ' && inner_space(pos, j)) continue;
      state = m_->words.step(state, c);
      if (state == CodePointTrie::kNone) return false;
      const Payload* p = m_->word_get(state);
      if (p && (p->roles & roles) && right_ok(j, c)) return true;
    }
    return false;
  }
  // Whether the space a walk that started at `from` has just read (the byte before `j`)
  // is one a word steps over: a single space with a character on each side.
  bool inner_space(size_t from, size_t j) const {
    return j > from + 1 && t_[j - 2] != ' ' && j < t_.size() && t_[j] != ' ';
  }
  bool is_business(uint32_t entry) const { return m_->entry_has(entry, Model::kEntryBusiness); }

  // 시의회 산업건설위원회, 국회 교육위원회, 대구시의회는 … 예산결산특별위원회에서: a council's
  // standing committee (role council_committee) after the text has named a council (role
  // council) is part of that council, no fact of its own: a city council's 예결위, two
  // sentences on, is no more the National Assembly's than it is a body of its own.
  bool is_council_committee(const Hit& h) const {
    // Most names open no committee word: one bit test says so before any walk.
    if (!m_->may_start_role(decode_at(t_, h.start), role_bit(WordRole::kCouncilCommittee)) ||
        !ends_with_role(h.start, h.end, role_bit(WordRole::kCouncilCommittee)))
      return false;
    return first_council_end() <= h.start;
  }
  // Where the text's first council word (role council) ends, or SIZE_MAX; found once per
  // text, on the first committee that asks.
  size_t first_council_end() const {
    if (!first_council_known_) {
      first_council_known_ = true;
      first_council_end_ = SIZE_MAX;
      for (size_t p = 0; p < t_.size();) {
        if (m_->may_start_role(decode_at(t_, p), role_bit(WordRole::kCouncil))) {
          const size_t e = longest_role_end(p, std::min(t_.size(), p + kMaxCouncilBytes), role_bit(WordRole::kCouncil));
          if (e > p) {
            first_council_end_ = e;
            break;
          }
        }
        next_cp(t_, p);
      }
    }
    return first_council_end_;
  }
  static constexpr size_t kMaxCouncilBytes = 30;
  mutable bool first_council_known_ = false;
  mutable size_t first_council_end_ = SIZE_MAX;
  // 산업부 한지호 기자: a name right before a person's name (two or three Hangul
  // syllables) and a reporter's title (role byline) is the newsroom desk of a byline, not
  // the body (the ministry); a media outlet there is the outlet (이데일리 김도연 기자).
  bool is_desk(const Hit& h) const {
    size_t p = h.end;
    if (p + 1 >= t_.size() || t_[p] != ' ') return false;
    if (h.kind != HitKind::kPattern && m_->entry_has(h.entry, Model::kEntryMedia)) return false;
    ++p;
    for (int n = 1; n <= 3; ++n) {
      if (p + 3 > t_.size() || !text::is_hangul_syllable(decode_at(t_, p))) return false;
      p += 3;
      if (n < 2) continue;
      const size_t q = p < t_.size() && t_[p] == ' ' ? p + 1 : p;
      // The title is a word of its own: 기자간담회 (a press conference) is no reporter
      // (한은 총재는 기자간담회에서 is the bank's governor).
      const size_t title_end = longest_role_end(q, std::min(t_.size(), q + kMaxBylineBytes), role_bit(WordRole::kByline));
      if (title_end > q && !(title_end < t_.size() && text::is_hangul_syllable(decode_at(t_, title_end)))) return true;
    }
    return false;
  }
  static constexpr size_t kMaxBylineBytes = 12;  // 선임기자, 논설위원
  static constexpr int kMaxTitledSyllables = 8;   // 주거복지 before 과장, 일자리경제 before 국장

  void emit(core::Candidates& out) const {
    for (const Hit& h : hits_) {
      if (h.kind == HitKind::kContext && !h.supported) continue;
      // A county's pattern that does not act names the place (在安福县).
      if (h.kind == HitKind::kPattern && h.suffix >= 0 && !h.supported &&
          m_->suffixes[static_cast<size_t>(h.suffix)].acts_only)
        continue;
      if (is_desk(h) || is_council_committee(h)) continue;
      // Built in place: no moves of its four strings.
      core::Candidate& c = out.emplace_back();
      c.type = FactType::kOrg;
      c.start = h.start;
      c.end = h.end;
      c.priority = priority_of(h.kind);
      if (h.kind == HitKind::kPattern) {
        const Span named = h.glossed ? glossed_[h.entry] : Span{h.start, h.end};
        const std::string_view surface = original(named.start, named.end);
        c.value.reserve(surface.size());
        // Spaces are left out (서울대학교 인공지능연구원 is one name), except between two
        // Latin words (Nova Robotics公司), which they keep apart.
        for (size_t i = 0; i < surface.size(); ++i)
          if (surface[i] != ' ' || (i > 0 && i + 1 < surface.size() && is_latin_alnum(static_cast<unsigned char>(surface[i - 1])) &&
                                    is_latin_alnum(static_cast<unsigned char>(surface[i + 1]))))
            c.value += surface[i];
        c.unit = m_->suffixes[h.suffix].kind;
        c.flags = h.glossed ? "alias;pattern" : "pattern";
        c.rule = h.glossed ? "org.alias" : "org.pattern";
      } else {
        const Model::EntryOut& e = m_->entry_out[h.entry];
        const char* text = m_->out_text.data() + e.off;
        // (A new candidate's strings are empty: an append is the copy without
        // assign()'s general replace, about half its instructions.)
        c.value.append(text, e.value);
        c.unit = std::string_view(text + e.value, e.unit);
        const std::string_view qid_flag(text + e.value + e.unit, e.qid);  // "qid=Q...", or empty
        // What core::add_flag would build from an empty list (the flags differ), with no
        // temporary string: "alias" or "fuzzy", then "qid=...". A listed name's fact
        // (the usual one) has the qid alone: one append.
        if (h.kind == HitKind::kAlias || h.kind == HitKind::kFuzzy) {
          c.flags.reserve(5 + 1 + qid_flag.size());
          c.flags += h.kind == HitKind::kAlias ? std::string_view("alias") : std::string_view("fuzzy");
          if (!qid_flag.empty()) c.flags += ';';
        }
        if (!qid_flag.empty()) c.flags.append(qid_flag);
        c.rule = h.kind == HitKind::kLexicon   ? std::string_view("org.lexicon")
                 : h.kind == HitKind::kContext ? (h.place ? std::string_view("org.place_government") : std::string_view("org.context"))
                 : h.kind == HitKind::kFuzzy   ? std::string_view("org.fuzzy")
                                               : std::string_view("org.alias");
      }
    }
  }

  struct SuffixHit {
    size_t start, end;
    int32_t suffix;
  };
  struct NameHit {
    size_t start, end;
    int32_t name;
    bool spaced;  // read across a left-out space
  };
  struct AliasMention {
    std::string key;
    size_t after;
    uint32_t entry;       // the lexicon entry, or with a suffix the index into glossed_
    int32_t suffix = -1;  // a pattern's short form (bind_pattern_gloss): the pattern's suffix
    // The text gave a listed name to another body (國家中山科學研究院（中科院）): later
    // mentions take the place of the lexicon's reading of the same span.
    bool over_listed = false;
  };

  const Model* m_ = nullptr;
  const core::Document* doc_ = nullptr;
  std::string_view t_;
  std::vector<Hit> all_;
  std::vector<Hit> tail_, merged_;  // sort_hits() scratch
  std::vector<uint32_t> order_;                       // resolve(): indices of all_ by start
  std::vector<uint32_t> merged_order_;                // order_by_start() scratch
  std::vector<uint32_t> patterns_;                    // resolve(): pattern hits of all_ kept by the checks
  std::vector<uint32_t> cluster_, ranked_;            // select() scratch: places in order_
  std::vector<uint64_t> taken_;                       // select() scratch
  std::vector<uint8_t> kept_;                         // select() scratch
  std::vector<Hit> hits_, pending_;
  std::vector<size_t> glossed_heads_;  // hits_ the scan found before a parenthesis (join_names_around_glosses)
  std::vector<Span> glossed_;  // the named patterns of glossed pattern hits (Hit::glossed)
  std::vector<size_t> displaced_;  // hits_ that later mentions of a bound name replace
  std::vector<SuffixHit> suffix_hits_;
  std::vector<Span> fuzzy_words_;
  std::vector<Span> blockers_;  // ordinary words found by the scan
  std::vector<Span> name_ends_;  // find_patterns(): listed names found, by end
  bool name_ends_ready_ = false;
  std::vector<Span> run_ons_;   // ordinary words that open with a suffix (银行间同业), found by the scan
  std::vector<Segment> segments_;
  std::vector<AliasMention> aliases_;
  std::vector<size_t> raw_max_end_;
  std::vector<uint32_t> strong_entries_;  // collect_plain_names()
  bool business_in_doc_ = false;          // collect_plain_names()
  bool plain_names_ready_ = false;        // collect_plain_names() has run for this document
  RoleBits gate_roles_seen_ = 0;  // roles of Model::kGateRoles whose words the scan reported (note_gate_word())
  int food_places_ = 0;           // places where a food word starts, up to kMinFoodWords (note_gate_word())
  size_t first_food_start_ = 0;   // the first of them
  CodePointBlock block_;         // scan(): the text decoded, a block at a time
  // step_block(): the block's code points where keys end, and the automaton's states there.
  struct Noted {
    uint32_t k, state;
  };
  std::array<Noted, CodePointBlock::kCapacity> reports_;
  // step_block(): full steps taken before, by state and code point, each with where it
  // went and whether that state reports. News repeats its words, so most full steps are
  // one of a few thousand pairs: a step found here costs one compare where the failure
  // chain's walk and the edge blocks' probes cost tens of instructions (as RE2's DFA
  // caches the transitions it has worked out). Direct-mapped by a hash of the pair; an
  // entry holds the steps of the model full_steps_model_ only.
  struct FullStep {
    uint64_t pair = pair_of(Automaton::kNone, 0);  // none: no state is kNone
    uint32_t next = 0;  // the state the step goes to
    uint32_t reports = 0;  // 1 when it reports (16 bytes an entry, a quarter of a cache line)
    static uint64_t pair_of(uint32_t state, char32_t c) { return uint64_t{c} << 32 | state; }
    // 8,192 entries (128 KB): about 7 full steps in 8 found, in news (88% on 4 MB of the
    // stream, where 4,096 found 78%); cachegrind (D1 48 KB, LL 1.25 MB) counts fewer D1
    // misses in step_block than with 4,096 and as many LL misses, and with 16,384 more
    // LL misses for a further 5 points.
    static constexpr unsigned kBits = 13;
    static size_t slot(uint64_t pair) { return (pair * 0x9E3779B97F4A7C15ull) >> (64 - kBits); }
  };
  std::vector<FullStep> full_steps_;  // 1 << FullStep::kBits entries (on the heap: the Matcher is thread_local)
  uint64_t full_steps_model_ = 0;  // Model::id of the model whose steps full_steps_ holds (none is 0)
  // That model's lead bytes of legal forms' first code points (lead_bytes_of()).
  std::array<bool, 256> legal_form_leads_{};
  std::vector<NameHit> names_;   // scan(): the longest valid name per start
  // Some lexicon or context hit's entry may have kEntryHomeGovernment (scan(), then
  // note_lexicon_hit()); false: find_foreign_bodies() has nothing to read.
  bool home_government_hit_ = false;
  std::vector<size_t> head_ends_;  // han_name_start() scratch
  // decode_run() or walked_run(): a run's code points, and where each starts and the
  // run's end: decode_run()'s in the stores below, walked_run()'s in find_patterns()'
  // WalkedRun on the stack (read by han_name_start() alone, while it lives).
  char32_t* run_cps_ = nullptr;
  size_t* run_at_ = nullptr;
  std::vector<char32_t> run_cp_store_;
  std::vector<size_t> run_at_store_;
  std::vector<Span> inside_defined_;  // defined short forms whose inner names give way
  // Context names a text defines as a term's abbreviation (資本適足率（RBC）), from where.
  struct TermAbbreviation {
    uint32_t entry;
    size_t from;
  };
  std::vector<TermAbbreviation> term_abbreviations_;

  // The entry of a key shared across regions that fits the article's region
  // (core::Document::region(), detected on first use), else the default one, or
  // kNoEntry when that one lists the key as a local name.
  uint32_t regional_entry(const NameInfo& ni) const {
    const std::vector<uint32_t>& alternatives = m_->regional[static_cast<size_t>(ni.regional)];
    if (m_->entry_within[alternatives.front()] != Model::kNoCity) return district_entry(alternatives);
    const std::string_view region = core::region_code(doc_->region());
    if (!region.empty())
      for (uint32_t e : m_->regional[static_cast<size_t>(ni.regional)])
        if (m_->regions[m_->entry_region[e]] == region) return e;
    return ni.local ? kNoEntry : ni.entry;
  }
  // Of the districts that share a name (중구 of Seoul, Busan, Incheon …), the one whose
  // city the article names somewhere (울산시와 동구는, 인천시 … 중구는), or names with the
  // district (인천 중구는 … 중구는), or kNoEntry when it names none of their cities or more
  // than one: a bare 중구 is then no one district.
  uint32_t district_entry(const std::vector<uint32_t>& districts) const {
    uint32_t found = kNoEntry;
    for (const uint32_t district : districts) {
      const uint32_t city = m_->entry_within[district];
      const bool named = std::any_of(names_.begin(), names_.end(), [&](const NameHit& h) {
        const uint32_t ne = m_->name_entry[h.name];
        if (ne & Model::kNameRegional) return false;  // a shared name itself
        const uint32_t entry = ne & ~Model::kNameFlags;
        return entry == city || entry == district;
      });
      if (!named) continue;
      if (found != kNoEntry) return kNoEntry;
      found = district;
    }
    return found;
  }
  static constexpr uint32_t kNoEntry = UINT32_MAX;
};

// A field added to a class of the model must be added to its serial() too, or the
// prebuilt model (create() on the built-in files) would go without it while build()
// has it. These sizes (x86-64, libstdc++) fail the build when a class changes: list the
// new field in serial(), then update the size here.
#if defined(__x86_64__) && defined(__GLIBCXX__)
static_assert(sizeof(Model) == 1592, "Model changed: update Model::serial(), then this size");
static_assert(sizeof(Suffix) == 72, "Suffix changed: update Suffix::serial(), then this size");
static_assert(sizeof(Automaton) == 232, "Automaton changed: update Automaton::serial(), then this size");
static_assert(sizeof(FuzzyIndex) == 424, "FuzzyIndex changed: update FuzzyIndex::serial(), then this size");
static_assert(sizeof(CodePointTrie) == 192, "CodePointTrie changed: update CodePointTrie::serial(), then this size");
#endif

constexpr uint64_t kModelMagic = 0x34'4c'45'44'4f'4d'47'52;  // "RGMODEL4" as little-endian bytes; a new form, a new number

}  // namespace

Result<Recognizer> Recognizer::create(std::span<const lexicon::Source> sources) {
  const std::string_view saved = prebuilt_model();
  if (!saved.empty() && lexicon::is_builtin(sources, "org")) {
    // Static data: its tables are viewed where they lie (org/table.h).
    auto loaded = load(saved, sources, /*lasting=*/true);
    if (loaded.ok()) return loaded;
    // Not this build's model (it cannot happen while the build keeps them in step): compile.
  }
  return build(sources);
}

Result<Recognizer> Recognizer::load(std::string_view saved, std::span<const lexicon::Source> sources, bool lasting) {
  SerialReader in(saved, lasting);
  uint64_t magic = 0;
  in(magic);
  if (magic != kModelMagic) return Status(StatusCode::kInvalidData, "not an ORG model of this build");
  auto model = std::make_shared<Model>();
  in(model->made_from);
  if (!(model->made_from == SourcesSeen(sources)))
    return Status(StatusCode::kInvalidData, "the ORG model was made from other lexicon files");
  in(*model);
  if (!in.done()) return Status(StatusCode::kInvalidData, "the ORG model is truncated or damaged");
  Recognizer r;
  r.model_ = std::move(model);
  return r;
}

std::string Recognizer::save() const {
  SerialWriter out;
  out(kModelMagic);
  if (!model_) return {};
  out(model_->made_from);
  out(*model_);
  return out.take();
}

Result<Recognizer> Recognizer::build(std::span<const lexicon::Source> sources) {
  auto model = std::make_shared<Model>();
  model->made_from = SourcesSeen(sources);
  std::vector<Entry> entries;
  std::unordered_map<std::string, size_t> index_of_id;
  std::vector<Word> words;
  std::vector<PlaceGovernment> place_governments;
  std::vector<CountryShortForm> short_forms;
  // Places are shared with the DATE recognizer (lexicons/geo/): the built-in file unless
  // the sources bring their own.
  for (const lexicon::Source& src : lexicon::with_places(sources)) {
    if (lexicon::is_places_source(src.name)) {
      auto parsed = parse_place_file(src);
      if (!parsed.ok()) return parsed.status();
      for (Word& w : parsed.value()) words.push_back(std::move(w));
    } else if (is_entity_source(src.name)) {
      auto parsed = parse_entity_file(src);
      if (!parsed.ok()) return parsed.status();
      for (Entry& e : parsed.value()) {
        auto [it, added] = index_of_id.emplace(e.id, entries.size());
        if (added) entries.push_back(std::move(e));
        else entries[it->second] = std::move(e);  // a later source overrides
      }
    } else if (src.name.ends_with("/suffixes.tsv")) {
      auto parsed = parse_suffix_file(src);
      if (!parsed.ok()) return parsed.status();
      for (Suffix& s : parsed.value()) model->suffixes.push_back(std::move(s));
    } else if (src.name.ends_with("/place_governments.tsv") || src.name.ends_with("/shared_districts.tsv")) {
      auto parsed = parse_place_government_file(src);
      if (!parsed.ok()) return parsed.status();
      for (PlaceGovernment& g : parsed.value()) place_governments.push_back(std::move(g));
    } else if (src.name.ends_with("/country_short_forms.tsv")) {
      auto parsed = parse_country_short_form_file(src);
      if (!parsed.ok()) return parsed.status();
      for (CountryShortForm& f : parsed.value()) short_forms.push_back(std::move(f));
    } else if (src.name.ends_with("/words.tsv")) {
      auto parsed = parse_word_file(src);
      if (!parsed.ok()) return parsed.status();
      for (Word& w : parsed.value()) words.push_back(std::move(w));
    } else {
      return Status(StatusCode::kInvalidData, "unexpected file in lexicons/org/ (entities go in org/entities/)",
                    src.name);
    }
  }

  // A place's bare names join its government's entry, once every entity file is read.
  // The file describes the built-in lexicon's governments: with other entity files (a
  // test's own) a row whose entry is not there is left out. The lexicon lint test checks
  // that every row's entry is a built-in government.
  for (PlaceGovernment& g : place_governments) {
    const auto it = index_of_id.find(g.government);
    const std::string where = g.source + ":" + std::to_string(g.line);
    if (it == index_of_id.end()) continue;
    Entry& e = entries[it->second];
    if (e.kind != "government")
      return Status(StatusCode::kInvalidData, where + ": column 'government': '" + g.government + "' is not a government");
    if (!g.within.empty()) {
      const auto city = index_of_id.find(g.within);
      if (city == index_of_id.end() || entries[city->second].kind != "government")
        return Status(StatusCode::kInvalidData, where + ": column 'within': '" + g.within + "' is not a government");
      e.within = g.within;
    }
    for (Name& n : g.names) {
      for (const Name& own : e.names)
        if (own.key == n.key)
          return Status(StatusCode::kInvalidData, where + ": place '" + n.surface + "' is also a name of '" + e.id + "'");
      e.names.push_back(std::move(n));
    }
  }

  // A body's names with its country's short form (日 금융청, 日央行), once every entity
  // file is read. A generated key another entry lists, or this one, stays as it is.
  if (!short_forms.empty()) {
    std::unordered_set<std::string> listed;
    for (const Entry& e : entries)
      for (const Name& n : e.names) listed.insert(n.key);
    for (Entry& e : entries)
      for (Name& n : short_form_names(e, short_forms))
        if (listed.insert(n.key).second) e.names.push_back(std::move(n));
  }

  Model& m = *model;
  // Read only to build the automaton and key_info below: freed when create() returns.
  CodePointTrie trie;
  std::vector<Payload> payload;  // by trie state
  const auto at = [&payload](uint32_t state) -> Payload& {
    if (payload.size() <= state) payload.resize(state + 1);
    return payload[state];
  };
  // Model::EntryOut::flags, by entry.
  std::vector<uint8_t> entry_flags(entries.size(), 0);
  for (size_t ei = 0; ei < entries.size(); ++ei) {
    const std::string& k = entries[ei].kind;
    if (k == "company" || k == "lab" || k == "investor" || k == "exchange" || k == "research_firm")
      entry_flags[ei] |= Model::kEntryBusiness;
    if (k == "media") entry_flags[ei] |= Model::kEntryMedia;
    if (k == "government") entry_flags[ei] |= Model::kEntryGovernment;
    if (k == "international") entry_flags[ei] |= Model::kEntryInternational;
  }
  {
    std::unordered_set<std::string> currency_names;
    for (const Word& w : words)
      if (w.role == WordRole::kCurrencyName) currency_names.insert(w.key);
    for (size_t ei = 0; ei < entries.size(); ++ei)
      for (const Name& nm : entries[ei].names)
        if (currency_names.contains(nm.key)) entry_flags[ei] |= Model::kEntryCurrencyName;
  }
  {
    // Room for the trie's edges (and the payloads by state) up front, estimated as two
    // thirds of every key's code points: names share their first code points (the
    // built-in keys' 200,857 code points make 126,349 states), and a table sized for all
    // of them would be larger than needed. One half was too few: the by-state arrays
    // grew once more, to 1.6 times their need.
    size_t code_points = 0;
    for (const Entry& e : entries)
      for (const Name& nm : e.names) code_points += text::count_code_points(nm.key);
    for (const Suffix& sf : m.suffixes) code_points += text::count_code_points(sf.key);
    for (const Word& w : words) code_points += text::count_code_points(w.key);
    trie.reserve(code_points * 2 / 3);
    payload.reserve(code_points * 2 / 3 + 1);
  }
  for (size_t ei = 0; ei < entries.size(); ++ei) {
    for (const Name& nm : entries[ei].names) {
      const uint32_t state = trie.insert(nm.key);
      Payload& p = at(state);
      NameInfo info;
      info.entry = static_cast<uint32_t>(ei);
      info.cps = static_cast<uint32_t>(text::count_code_points(nm.key));
      info.context = nm.context;
      info.place = nm.place;
      info.has_space = nm.has_space;
      info.local = nm.local;
      // A place's bare name reads as one government or as the place, never as another
      // body: a key it shares with another entry is a lexicon error, but for a district's
      // name that districts of other cities share (Entry::within), kept as alternatives.
      if (p.name >= 0 && (nm.place || m.names[p.name].place) && m.names[p.name].entry != ei) {
        NameInfo& base = m.names[p.name];
        const Entry& other = entries[base.entry];
        const bool districts = nm.place && base.place && !entries[ei].within.empty() && !other.within.empty() &&
                               entries[ei].within != other.within;
        if (!districts)
          return Status(StatusCode::kInvalidData, entries[ei].source + ": place '" + nm.surface + "' is also a name of '" +
                                                      other.id + "'");
        if (base.regional < 0) {
          base.regional = static_cast<int32_t>(m.regional.size());
          m.regional.push_back({base.entry});
        }
        m.regional[static_cast<size_t>(base.regional)].push_back(static_cast<uint32_t>(ei));
        base.has_space |= nm.has_space;
        continue;
      }
      if (p.name >= 0 && m.names[p.name].entry == ei) {
        m.names[p.name].has_space |= nm.has_space;  // same key twice in one entry
        continue;
      }
      if (p.name >= 0) {
        NameInfo& base = m.names[p.name];
        const std::string& old_region = entries[base.entry].region;
        const std::string& new_region = entries[ei].region;
        std::vector<uint32_t>* alts = base.regional >= 0 ? &m.regional[static_cast<size_t>(base.regional)] : nullptr;
        const bool region_taken =
            alts ? std::any_of(alts->begin(), alts->end(), [&](uint32_t e) { return entries[e].region == new_region; })
                 : old_region == new_region;
        if (!region_taken) {
          // The same key for bodies of different regions: keep them all, pick per document.
          if (!alts) {
            base.regional = static_cast<int32_t>(m.regional.size());
            m.regional.push_back({base.entry});
            alts = &m.regional.back();
          }
          alts->push_back(static_cast<uint32_t>(ei));
          base.has_space |= nm.has_space;
          // The default: a name that is not local first, then no region, then cn.
          auto rank = [](bool local, const std::string& r) { return (local ? 3 : 0) + (r.empty() ? 0 : r == "cn" ? 1 : 2); };
          if (rank(nm.local, new_region) < rank(base.local, old_region)) {
            base.entry = static_cast<uint32_t>(ei);
            base.context = nm.context;
            base.local = nm.local;
          }
          continue;
        }
      }
      // A key on two entries: the later entry (a user file) wins.
      p.name = static_cast<int32_t>(m.names.size());
      if (nm.local) {  // looked up by region, as a shared key is
        info.regional = static_cast<int32_t>(m.regional.size());
        m.regional.push_back({static_cast<uint32_t>(ei)});
      }
      m.names.push_back(info);
      // A typo of a bare local name (旅遊局) is as likely some other body's.
      if (!nm.context && !nm.local) m.fuzzy.add(nm.key, static_cast<uint32_t>(ei));
    }
  }
  for (size_t si = 0; si < m.suffixes.size(); ++si) {
    Payload& p = at(trie.insert(m.suffixes[si].key));
    // Of two equal suffixes the later wins.
    p.suffix = static_cast<int32_t>(si);
    m.word_at(m.words.insert(m.suffixes[si].key)).suffix = static_cast<int32_t>(si);
  }
  m.role_first.assign(Model::kRoles * 1024, 0);
  for (const Word& w : words) {
    if (w.role == WordRole::kCounty) {  // one BMP Han character (parse_word_file)
      size_t i = 0;
      const char32_t c = text::next_code_point(w.key, i);
      m.county_names[c >> 6] |= uint64_t{1} << (c & 63);
      continue;
    }
    Payload& p = at(trie.insert(w.key));
    p.roles |= role_bit(w.role);
    m.word_at(m.words.insert(w.key)).roles |= role_bit(w.role);
    if ((w.role == WordRole::kPlace || w.role == WordRole::kDivision || w.role == WordRole::kFacility ||
         w.role == WordRole::kAppWord) &&
        !w.key.empty()) {
      // The last code point as the trie reads the key.
      char32_t last = 0;
      for (size_t i = 0; i < w.key.size();) last = text::next_code_point(w.key, i);
      std::vector<uint64_t>& bits = w.role == WordRole::kPlace      ? m.place_last
                                    : w.role == WordRole::kDivision ? m.division_last
                                    : w.role == WordRole::kFacility ? m.facility_last
                                                                    : m.app_last;
      if (last <= 0xFFFF) bits[last >> 6] |= uint64_t{1} << (last & 63);
    }
    if (!w.key.empty()) {
      size_t i = 0;
      const char32_t c = text::next_code_point(w.key, i);
      if (c <= 0xFFFF) m.role_first[static_cast<size_t>(w.role) * 1024 + (c >> 6)] |= uint64_t{1} << (c & 63);
    }
  }
  m.word_payload.resize(m.words.states());
  {
    // Whether a common word lies below each state of the words trie (not at it): a
    // child is numbered after its parent, so one pass from the last state up.
    std::vector<uint8_t> common_below(m.words.states(), 0);
    std::vector<uint32_t> parent(m.words.states(), CodePointTrie::kRoot);
    m.words.for_each_edge([&parent](uint32_t from, char32_t, uint32_t child) { parent[child] = from; });
    for (uint32_t st = static_cast<uint32_t>(m.words.states()); st-- > 1;)
      if (common_below[st] || (m.word_payload[st].roles & role_bit(WordRole::kCommon))) common_below[parent[st]] = 1;
    m.suffix_opens_common.assign(m.suffixes.size(), 1);
    for (size_t si = 0; si < m.suffixes.size(); ++si) {
      const std::string& key = m.suffixes[si].key;
      if (key.find(' ') != std::string::npos) continue;
      const uint32_t st = m.words.find(key);
      m.suffix_opens_common[si] = st != CodePointTrie::kNone && common_below[st];
    }
  }
  if (entries.size() >= Model::kNameOpensLonger) return Status(StatusCode::kInvalidData, "organization lexicon too large");
  // The names whose key opens a longer one: every key sorted, the keys a key opens come
  // right after it.
  std::vector<bool> opens_longer(m.names.size(), false);
  {
    std::vector<std::string_view> keys;
    for (const Entry& e : entries)
      for (const Name& nm : e.names) keys.push_back(nm.key);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (size_t i = 0; i + 1 < keys.size(); ++i)
      if (keys[i + 1].starts_with(keys[i])) {
        const uint32_t state = trie.find(keys[i]);
        if (state != CodePointTrie::kNone && at(state).name >= 0) opens_longer[static_cast<size_t>(at(state).name)] = true;
      }
  }
  m.name_entry.resize(m.names.size());
  for (size_t i = 0; i < m.names.size(); ++i) {
    const NameInfo& ni = m.names[i];
    m.name_entry[i] = ni.entry | (ni.context ? Model::kNameContext : 0) | (ni.regional >= 0 ? Model::kNameRegional : 0) |
                      (ni.place ? Model::kNamePlace : 0) | (opens_longer[i] ? Model::kNameOpensLonger : 0);
  }
  m.entry_out.resize(entries.size());
  std::string out_text;
  for (size_t ei = 0; ei < entries.size(); ++ei) {
    const Entry& e = entries[ei];
    // The qid as the flag a fact writes ("qid=Q..."), so emit() copies it whole.
    const size_t qid_flag = e.qid.empty() ? 0 : Model::kQidFlagPrefix.size() + e.qid.size();
    if (out_text.size() + e.name.size() + e.kind.size() + qid_flag > UINT32_MAX || e.kind.size() > UINT16_MAX ||
        qid_flag > UINT16_MAX)
      return Status(StatusCode::kInvalidData, "organization lexicon too large");
    m.entry_out[ei] = Model::EntryOut{static_cast<uint32_t>(out_text.size()), static_cast<uint32_t>(e.name.size()),
                                      static_cast<uint16_t>(e.kind.size()), static_cast<uint16_t>(qid_flag)};
    out_text += e.name;
    out_text += e.kind;
    if (!e.qid.empty()) {
      out_text += Model::kQidFlagPrefix;
      out_text += e.qid;
    }
  }
  m.out_text.assign(out_text.begin(), out_text.end());
  {
    // A name holds a place word when a walk of the words trie from one of its code
    // points reaches one (a UTF-8 key found inside another starts at a code point), not
    // a search for each of the hundreds of places in each name.
    const bool empty_place = std::any_of(words.begin(), words.end(),
                                         [](const Word& w) { return w.role == WordRole::kPlace && w.key.empty(); });
    const auto holds_place = [&m, empty_place](std::string_view key) {
      if (empty_place) return true;
      for (size_t i = 0; i < key.size(); text::next_code_point(key, i)) {
        uint32_t state = CodePointTrie::kRoot;
        for (size_t j = i; j < key.size();) {
          state = m.words.step(state, text::next_code_point(key, j));
          if (state == CodePointTrie::kNone) break;
          if (m.word_payload[state].roles & role_bit(WordRole::kPlace)) return true;
        }
      }
      return false;
    };
    for (size_t ei = 0; ei < entries.size(); ++ei) {
      if (entries[ei].kind != "government") continue;
      for (const Name& n : entries[ei].names)
        if (holds_place(n.key)) entry_flags[ei] |= Model::kEntryHomeGovernment;
    }
  }
  for (size_t i = 0; i < m.names.size(); ++i) {
    const NameInfo& ni = m.names[i];
    const auto home = [&entry_flags](uint32_t e) { return (entry_flags[e] & Model::kEntryHomeGovernment) != 0; };
    if (home(ni.entry) || (ni.regional >= 0 && std::any_of(m.regional[static_cast<size_t>(ni.regional)].begin(),
                                                           m.regional[static_cast<size_t>(ni.regional)].end(), home)))
      m.name_entry[i] |= Model::kNameHomeGovernment;
  }
  // What the scan reads of the entries (Model::entry_region and the rest).
  m.entry_count = entries.size();
  m.entry_region.assign(entries.size(), 0);
  m.entry_within.assign(entries.size(), Model::kNoCity);
  m.government_keys_at.assign(entries.size() + 1, 0);
  for (size_t ei = 0; ei < entries.size(); ++ei) {
    const Entry& e = entries[ei];
    const auto known = std::find(m.regions.begin(), m.regions.end(), e.region);
    if (known == m.regions.end() && m.regions.size() > UINT8_MAX)
      return Status(StatusCode::kInvalidData, "organization lexicon: too many regions");
    m.entry_region[ei] = static_cast<uint8_t>(known - m.regions.begin());
    if (known == m.regions.end()) m.regions.push_back(e.region);
    m.entry_out[ei].flags = entry_flags[ei];
    if (!e.within.empty()) m.entry_within[ei] = static_cast<uint32_t>(index_of_id.at(e.within));
    if (entry_flags[ei] & Model::kEntryHomeGovernment)
      for (const Name& n : e.names) (m.government_keys += n.key) += '\n';
    if (m.government_keys.size() > UINT32_MAX) return Status(StatusCode::kInvalidData, "organization lexicon too large");
    m.government_keys_at[ei + 1] = static_cast<uint32_t>(m.government_keys.size());
  }
  payload.resize(trie.states());
  // The scan hears about names, suffixes, common words and the words of Model::kGateRoles.
  const bool built = m.ac.build(trie, [&](uint32_t st) {
    const Payload& p = payload[st];
    return p.name >= 0 || p.suffix >= 0 || (p.roles & role_bit(WordRole::kCommon)) ||
           (p.roles & role_bit(WordRole::kSuffixWord)) || (p.roles & Model::kGateRoles);
  });
  m.fuzzy.build();
  if (m.suffixes.size() > Model::kMaxSuffixes) return Status(StatusCode::kInvalidData, "organization lexicon: too many suffixes");
  if (built) {
    // The code points of each trie state's key: a parent is numbered before its children.
    std::vector<uint32_t> cps(trie.states(), 0);
    trie.for_each_edge([&](uint32_t from, char32_t, uint32_t child) { cps[child] = cps[from] + 1; });
    m.key_info.resize(m.ac.live_states());
    for (uint32_t s = 0; s < m.key_info.size(); ++s) {
      const uint32_t r = m.ac.report(s);
      if (r == Automaton::kNone) continue;
      const Payload& p = payload[m.ac.trie_state(r)];
      Model::KeyInfo& k = m.key_info[s];
      k.shorter = m.ac.next_report(r);
      k.bytes = m.ac.key_bytes(r);
      k.name = p.name;
      const uint32_t key_cps = cps[m.ac.trie_state(r)];
      k.packed = static_cast<uint32_t>(p.suffix + 1) << Model::kKeySuffixShift | (key_cps < 256 ? key_cps : 0) << Model::kKeyFlagBits |
                 ((p.roles & role_bit(WordRole::kCommon)) ? Model::kKeyCommon : 0) |
                 ((p.roles & role_bit(WordRole::kSuffixWord)) ? Model::kKeySuffixWord : 0) |
                 (m.ac.next_report(r) != Automaton::kNone ? Model::kKeyShorter : 0) |
                 ((p.roles & Model::kGateRoles) ? Model::kKeyGateWord : 0);
      if (p.name >= 0 && (m.names[p.name].has_space || m.names[p.name].cps >= 5)) k.packed |= Model::kKeySpacedName;
    }
  }
  if (!built || trie.states() > Model::kMaxStates)
    return Status(StatusCode::kInvalidData, "organization lexicon too large (" + std::to_string(trie.states()) + " trie states)");
  m.trie_states = trie.states();
  m.cp_info.resize(0x10000);
  for (char32_t c = 0; c <= 0xFFFF; ++c) {
    const uint32_t to = m.ac.root_step(c);
    if (to > Model::kRootMax)  // not for the root's children numbered first
      return Status(StatusCode::kInvalidData, "organization lexicon: too many first characters");
    m.cp_info[c] = m.make_info(c, to);
  }
  Recognizer r;
  r.model_ = std::move(model);
  return r;
}

void Recognizer::find(const core::Document& doc, core::Candidates& out) const {
  if (!model_ || doc.text.empty()) return;
  thread_local Matcher matcher;
  matcher.run(*model_, doc, out);
}

size_t Recognizer::entry_count() const { return model_ ? model_->entry_count : 0; }
size_t Recognizer::name_count() const { return model_ ? model_->names.size() : 0; }
size_t Recognizer::table_bytes() const {
  return model_ ? model_->ac.bytes() +
                      model_->key_info.size() * sizeof(Model::KeyInfo) +
                      model_->words.bytes() + model_->word_payload.size() * sizeof(Payload) +
                      model_->cp_info.size() * sizeof(uint32_t)
                : 0;
}
size_t Recognizer::state_count() const { return model_ ? model_->trie_states : 0; }

}  // namespace hanfacts::org
