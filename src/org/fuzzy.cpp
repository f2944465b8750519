#include "org/fuzzy.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstring>
#include <utility>

#include "text/utf8.h"

namespace hanfacts::org {
namespace {

// At most one edit (insertion, deletion, substitution or swap of neighbours), and not
// equal: an exact form is a match, not a typo.
bool one_edit(const char32_t* a, size_t na, const char32_t* b, size_t nb) {
  if (na == nb) {
    size_t first = na, count = 0;
    for (size_t i = 0; i < na; ++i) {
      if (a[i] != b[i]) {
        if (count++ == 0) first = i;
      }
    }
    if (count == 1) return true;
    return count == 2 && first + 1 < na && a[first] == b[first + 1] && a[first + 1] == b[first];
  }
  if (na + 1 == nb) std::swap(a, b), std::swap(na, nb);
  if (nb + 1 != na) return false;
  size_t i = 0;
  while (i < nb && a[i] == b[i]) ++i;
  for (size_t j = i; j < nb; ++j)
    if (a[j + 1] != b[j]) return false;
  return true;
}

// Sorts `v` by hash, keeping the order of equal hashes: v is made in name order, so
// this is the order of std::sort on the pairs. An LSD radix sort on the top 33 bits (three
// passes of 11), then an insertion sort on the whole hash, which finds the rare pairs
// whose top bits tie next to each other (the hashes are spread evenly: ~80k of them in
// 2^33 buckets) and moves past them alone. A comparison sort of the built-in index was a
// tenth of start-up, all mispredicted branches.
void sort_by_hash(std::vector<std::pair<uint64_t, uint32_t>>& v) {
  constexpr unsigned kBits = 11, kPasses = 3, kLow = 64 - kBits * kPasses;
  constexpr size_t kBuckets = size_t{1} << kBits;
  std::vector<uint32_t> count(kPasses * kBuckets, 0);
  for (const auto& [h, id] : v)
    for (unsigned p = 0; p < kPasses; ++p) ++count[p * kBuckets + ((h >> (kLow + p * kBits)) & (kBuckets - 1))];
  std::vector<std::pair<uint64_t, uint32_t>> tmp(v.size());
  for (unsigned p = 0; p < kPasses; ++p) {
    uint32_t* c = count.data() + p * kBuckets;
    uint32_t sum = 0;
    for (size_t b = 0; b < kBuckets; ++b) sum += std::exchange(c[b], sum);
    for (const auto& e : v) tmp[c[(e.first >> (kLow + p * kBits)) & (kBuckets - 1)]++] = e;
    v.swap(tmp);
  }
  // Stable: an element moves back only past larger hashes.
  for (size_t i = 1; i < v.size(); ++i) {
    if (v[i - 1].first <= v[i].first) continue;
    const auto e = v[i];
    size_t j = i;
    for (; j > 0 && v[j - 1].first > e.first; --j) v[j] = v[j - 1];
    v[j] = e;
  }
}

}  // namespace

size_t FuzzyIndex::symbols(std::string_view word, char32_t* out, bool& hangul, size_t& units) {
  size_t n = 0;
  units = 0;
  hangul = false;
  bool latin = false;
  for (size_t i = 0; i < word.size();) {
    // The three-byte form (every Hangul syllable) decoded inline.
    char32_t c = 0;
    const auto* b = reinterpret_cast<const unsigned char*>(word.data()) + i;
    if ((b[0] & 0xF0) == 0xE0 && i + 2 < word.size() && (b[1] & 0xC0) == 0x80 && (b[2] & 0xC0) == 0x80)
      c = text::decode3(b);
    if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF))
      i += 3;
    else
      c = text::next_code_point(word, i);
    if (text::is_hangul_syllable(c)) {
      if (latin || n + 3 > kMaxSymbols) return 0;
      hangul = true;
      // Syllable = initial, medial and optional final jamo (Unicode ch. 3.12).
      const char32_t s = c - 0xAC00;
      out[n++] = 0x1100 + s / (21 * 28);
      out[n++] = 0x1161 + (s % (21 * 28)) / 28;
      if (s % 28) out[n++] = 0x11A7 + s % 28;
      ++units;
    } else if (c < 0x80 && (text::is_ascii_alpha(c) || text::is_ascii_digit(c))) {
      if (hangul || n + 1 > kMaxSymbols) return 0;
      latin = true;
      out[n++] = c;
      units += text::is_ascii_alpha(c) ? 1 : 0;
    } else {
      return 0;
    }
  }
  return n;
}

void FuzzyIndex::hashes(const char32_t* s, size_t n, uint64_t* out) {
  // P[k] = hash of s[0..k) = sum s[j] * B^(k-1-j); the form without symbol i is
  // P[i] * B^(n-1-i) + (P[n] - P[i+1] * B^(n-1-i)). Lengths are mixed in at the end.
  constexpr uint64_t kBase = 0x100000001b3ull;
  uint64_t prefix[kMaxSymbols + 1];
  uint64_t power[kMaxSymbols + 1];
  prefix[0] = 0;
  power[0] = 1;
  for (size_t i = 0; i < n; ++i) {
    prefix[i + 1] = prefix[i] * kBase + (s[i] + 1);
    power[i + 1] = power[i] * kBase;
  }
  auto mix = [](uint64_t h, size_t len) {
    h ^= len * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
    return h * 0xBF58476D1CE4E5B9ull;
  };
  out[n] = mix(prefix[n], n);
  for (size_t i = 0; i < n; ++i) {
    const uint64_t p = power[n - 1 - i];
    out[i] = mix(prefix[i] * p + (prefix[n] - prefix[i + 1] * p), n - 1);
  }
}

void FuzzyIndex::triple_hashes(const char32_t* syl, uint64_t* out) {
  // A sum over positions of syllable times a per-position odd constant, less the left-out
  // one, plus a constant for k; the multiply after it spreads that into the top bits
  // the tables read.
  constexpr uint64_t kPos[4] = {0x9E3779B97F4A7C15ull, 0xBF58476D1CE4E5B9ull, 0x94D049BB133111EBull, 0xD6E8FEB86659FD93ull};
  const uint64_t all = syl[0] * kPos[0] + syl[1] * kPos[1] + syl[2] * kPos[2] + syl[3] * kPos[3];
  for (size_t k = 0; k < 4; ++k) out[k] = (all - syl[k] * kPos[k] + (k + 1) * 0xA0761D6478BD642Full) * 0xE7037ED1A0B428DBull;
}

namespace {
// The first four syllables of a Hangul word (3 bytes each, at least 12 bytes) as their
// UTF-8 bytes, 24 bits a syllable: as telling as the code points, and two loads.
void head_syllables(std::string_view word, char32_t* syl) {
  uint64_t lo;
  uint32_t hi;
  std::memcpy(&lo, word.data(), 8);
  std::memcpy(&hi, word.data() + 8, 4);
  syl[0] = static_cast<char32_t>(lo & 0xFFFFFF);
  syl[1] = static_cast<char32_t>((lo >> 24) & 0xFFFFFF);
  syl[2] = static_cast<char32_t>(lo >> 48 | uint64_t{hi & 0xFF} << 16);
  syl[3] = hi >> 8;
}
// Bit `h` (top bits of a hash) of a table of 2^bits bits.
bool test_bit(const Table<uint64_t>& table, uint64_t h, unsigned bits) {
  const uint64_t b = h >> (64 - bits);
  return (table[b >> 6] >> (b & 63)) & 1;
}
void set_bit(Table<uint64_t>& table, uint64_t h, unsigned bits) {
  const uint64_t b = h >> (64 - bits);
  table[b >> 6] |= uint64_t{1} << (b & 63);
}
// log2 of a table's bits for `set` bits set, about 32 bits each.
unsigned table_bits(size_t set) {
  unsigned bits = 10;
  while ((size_t{1} << bits) < set * 32) ++bits;
  return bits;
}
// The count mixed into a triple's hash for the counted table.
uint64_t with_count(uint64_t h, size_t count) { return (h ^ (count * 0xD6E8FEB86659FD93ull)) * 0x9E3779B97F4A7C15ull; }
}  // namespace

uint64_t FuzzyIndex::near_hangul_counts_by_triples(std::string_view word, size_t max_count) const {
  char32_t syl[4];
  head_syllables(word, syl);
  uint64_t all[4], hs[4];
  triple_hashes(syl, all);
  size_t live = 0;
  for (size_t k = 0; k < 4; ++k)
    if (test_bit(triples_, all[k], triple_bits_)) hs[live++] = all[k];
  if (live == 0) return 0;
  uint64_t counts = 0;
  for (size_t count = kMinHangul; count <= max_count && count < 64; ++count) {
    for (size_t k = 0; k < live; ++k) {
      if (test_bit(counted_triples_, with_count(hs[k], count), counted_bits_)) {
        counts |= uint64_t{1} << count;
        break;
      }
    }
  }
  return counts;
}

bool FuzzyIndex::may_be_near_hangul(std::string_view word) const {
  const size_t count = word.size() / 3;
  return (near_hangul_counts(word, count) >> count) & 1;
}

void FuzzyIndex::add(std::string_view key, uint32_t entry) {
  char32_t buf[kMaxSymbols];
  bool hangul;
  size_t units;
  const size_t n = symbols(key, buf, hangul, units);
  if (n == 0 || units < (hangul ? kMinHangul : kMinLatin) || n >= 64) return;
  const uint32_t id = static_cast<uint32_t>(names_.size());
  names_.emplace_back(static_cast<uint32_t>(symbols_.size()), static_cast<uint32_t>(n));
  symbols_.append(buf, buf + n);
  entries_.push_back(entry);
  lengths_ |= uint64_t{1} << n;
  if (hangul) {
    HangulHead head;
    head_syllables(key, head.syl);
    head.count = static_cast<uint32_t>(units);
    hangul_heads_.push_back(head);
  }
  uint64_t h[kMaxSymbols + 1];
  hashes(buf, n, h);
  for (size_t i = 0; i <= n; ++i) index_.emplace_back(h[i], id);
}

void FuzzyIndex::build() {
  index_.edit([](std::vector<std::pair<uint64_t, uint32_t>>& index) {
    sort_by_hash(index);
    assert(std::is_sorted(index.begin(), index.end()));
    index.erase(std::unique(index.begin(), index.end()), index.end());
  });
  // About 16 bits per hash: a word with no near name is turned away after n+1 bit tests
  // (one in ~20 passes a test by chance).
  size_t bits = 1024;
  while (bits < index_.size() * 16) bits *= 2;
  filter_.assign(bits / 64, 0);
  filter_mask_ = bits - 1;
  for (const auto& [h, id] : index_) filter_[(h & filter_mask_) >> 6] |= uint64_t{1} << (h & 63);
  // The directory: a bucket per value of the hashes' top bits, four to eight entries each.
  const unsigned top = std::max(1, static_cast<int>(std::bit_width(index_.size())) - 3);
  directory_shift_ = 64 - top;
  directory_.assign((size_t{1} << top) + 1, 0);
  for (const auto& [h, id] : index_) ++directory_[(h >> directory_shift_) + 1];
  for (size_t b = 1; b < directory_.size(); ++b) directory_[b] += directory_[b - 1];
  triple_bits_ = table_bits(4 * hangul_heads_.size());
  counted_bits_ = triple_bits_;
  triples_.assign((size_t{1} << triple_bits_) / 64, 0);
  counted_triples_.assign((size_t{1} << counted_bits_) / 64, 0);
  pair_bits_ = table_bits(2 * hangul_heads_.size());
  pairs_.assign((size_t{1} << pair_bits_) / 64, 0);
  for (const HangulHead& head : hangul_heads_) {
    set_bit(pairs_, pair_hash(head.syl[0] | uint64_t{head.syl[1]} << 24, 0), pair_bits_);
    set_bit(pairs_, pair_hash(head.syl[2] | uint64_t{head.syl[3]} << 24, 1), pair_bits_);
    uint64_t hs[4];
    triple_hashes(head.syl, hs);
    for (const uint64_t h : hs) {
      set_bit(triples_, h, triple_bits_);
      set_bit(counted_triples_, with_count(h, head.count), counted_bits_);
    }
  }
  hangul_heads_.clear();
  hangul_heads_.shrink_to_fit();
}

int32_t FuzzyIndex::lookup(std::string_view word) const {
  size_t first = 0;
  if (word.size() >= 12 && text::is_hangul_syllable(text::next_code_point(word, first)) && !may_be_near_hangul(word))
    return -1;
  char32_t q[kMaxSymbols];
  bool hangul;
  size_t units;
  const size_t n = symbols(word, q, hangul, units);
  if (n == 0 || n + 1 >= 64) return -1;
  // Some name must be within one symbol of this length.
  if (((lengths_ >> (n - 1)) & 7) == 0) return -1;
  if (hangul ? units < kMinHangul : units + 1 < kMinLatin) return -1;
  uint64_t hs[kMaxSymbols + 1];
  hashes(q, n, hs);
  int32_t found = -1;
  for (size_t skip = 0; skip <= n; ++skip) {
    const uint64_t h = hs[skip];
    if (!((filter_[(h & filter_mask_) >> 6] >> (h & 63)) & 1)) continue;
    // The entries of hash h, in its bucket of the directory.
    const size_t bucket = static_cast<size_t>(h >> directory_shift_);
    size_t i = directory_[bucket];
    const size_t bucket_end = directory_[bucket + 1];
    while (i < bucket_end && index_[i].first < h) ++i;
    for (; i < bucket_end && index_[i].first == h; ++i) {
      const auto [off, len] = names_[index_[i].second];
      if (!one_edit(q, n, symbols_.data() + off, len)) continue;
      const int32_t e = static_cast<int32_t>(entries_[index_[i].second]);
      if (found >= 0 && found != e) return -1;  // two organizations equally near: no guess
      found = e;
    }
  }
  return found;
}

}  // namespace hanfacts::org
