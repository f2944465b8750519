// Build-time generator of the fold table (src/text/fold_data.h): for every BMP code
// point that does not fold to itself, its fold
//
//   lowercase_latin(Traditional->Simplified(variant_standard(NFKC(c))))
//
// computed with the ICU the project is built against, where variant_standard() reads
// VARIANTS.tsv (lexicons/text/variants.tsv): Han variants the transliterator leaves as
// they are (Hong Kong's 衞, 滙) and the standard form it reads for each (衛, 匯). Run by
// the build, not by users:
//
//   hanfacts_gen_fold_table OUTPUT.cpp [VARIANTS.tsv]
//
// Why at build time: building the same table at start-up cost ~600 M instructions
// (~0.1 s: ICU's transliterator registry and 28,000 transliterations), which every run of
// the command paid, however small its input.
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <unicode/uversion.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.h"

namespace {

using hanfacts::text::is_han;

bool is_surrogate(char32_t c) { return c >= 0xD800 && c <= 0xDFFF; }

std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out += hanfacts::text::next_code_point(s, i);
  return out;
}

// The variant -> standard pairs of VARIANTS.tsv (header "variant\tstandard\tnote", `#`
// comments), one Han character each; an empty map and `error` set on a bad line.
std::map<char32_t, char32_t> read_variants(const char* path, std::string& error) {
  std::map<char32_t, char32_t> variants;
  std::ifstream in(path);
  if (!in) {
    error = std::string("cannot read ") + path;
    return {};
  }
  std::string line;
  for (size_t row = 1; std::getline(in, line); ++row) {
    if (line.empty() || line[0] == '#' || line.rfind("variant\t", 0) == 0) continue;
    const size_t tab = line.find('\t');
    const size_t tab2 = tab == std::string::npos ? tab : line.find('\t', tab + 1);
    const std::u32string variant = code_points(line.substr(0, tab));
    const std::u32string standard = tab == std::string::npos ? std::u32string() : code_points(line.substr(tab + 1, tab2 - tab - 1));
    if (variant.size() != 1 || standard.size() != 1 || !is_han(variant[0]) || !is_han(standard[0]) ||
        variant == standard || !variants.emplace(variant[0], standard[0]).second) {
      error = std::string(path) + ":" + std::to_string(row) + ": expected two different Han characters, the variant listed once";
      return {};
    }
  }
  for (const auto& [variant, standard] : variants)
    if (variants.count(standard)) {
      error = std::string(path) + ": a standard form is itself listed as a variant";
      return {};
    }
  return variants;
}

std::array<icu::UnicodeString, 0x10000> compute_folds(const std::map<char32_t, char32_t>& variants, std::string& error) {
  std::array<icu::UnicodeString, 0x10000> folded;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) {
    error = std::string("NFKC normalizer: ") + u_errorName(status);
    return folded;
  }
  std::unique_ptr<icu::Transliterator> t2s(
      icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !t2s) {
    error = std::string("Traditional-Simplified transliterator: ") + u_errorName(status);
    return folded;
  }
  // Han code points go through the transliterator in one batch, separated by newlines:
  // one call per character costs far more.
  icu::UnicodeString batch;
  std::vector<char32_t> batch_cps;
  for (char32_t c = 0; c < 0x10000; ++c) {
    if (is_surrogate(c)) continue;
    const icu::UnicodeString s(static_cast<UChar32>(c));
    UErrorCode st = U_ZERO_ERROR;
    icu::UnicodeString n = nfkc->normalize(s, st);
    if (U_FAILURE(st)) n = s;
    if (n.length() == 1 && is_han(n.charAt(0))) {
      if (const auto v = variants.find(n.charAt(0)); v != variants.end()) n = icu::UnicodeString(static_cast<UChar32>(v->second));
      batch += n;
      batch += u'\n';
      batch_cps.push_back(c);
    }
    folded[c] = n;
  }
  t2s->transliterate(batch);
  std::vector<icu::UnicodeString> parts;
  for (int32_t pos = 0; pos < batch.length();) {
    int32_t nl = batch.indexOf(u'\n', pos);
    if (nl < 0) nl = batch.length();
    parts.emplace_back(batch, pos, nl - pos);
    pos = nl + 1;
  }
  // The transform maps single characters; a count mismatch (a future ICU merging across
  // newlines) would misalign the batch, so fail the build rather than guess.
  if (parts.size() != batch_cps.size()) {
    error = "Traditional-Simplified batch came back with " + std::to_string(parts.size()) + " parts for " +
            std::to_string(batch_cps.size()) + " characters";
    return folded;
  }
  for (size_t k = 0; k < parts.size(); ++k) folded[batch_cps[k]] = parts[k];

  // Lowercase Latin (and full-width Latin after NFKC); other scripts stay as they are.
  for (char32_t c = 0; c < 0x10000; ++c) {
    if (is_surrogate(c)) continue;
    icu::UnicodeString out;
    for (int32_t k = 0; k < folded[c].length();) {
      const UChar32 cp = folded[c].char32At(k);
      k += U16_LENGTH(cp);
      UErrorCode script_status = U_ZERO_ERROR;
      const bool latin_upper =
          u_hasBinaryProperty(cp, UCHAR_UPPERCASE) && uscript_getScript(cp, &script_status) == USCRIPT_LATIN;
      out.append(latin_upper ? u_tolower(cp) : cp);
    }
    folded[c] = out;
  }
  return folded;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::fprintf(stderr, "usage: %s OUTPUT.cpp [VARIANTS.tsv]\n", argv[0]);
    return 2;
  }
  std::string error;
  const auto variants = argc == 3 ? read_variants(argv[2], error) : std::map<char32_t, char32_t>{};
  if (!error.empty()) {
    std::fprintf(stderr, "hanfacts_gen_fold_table: %s\n", error.c_str());
    return 1;
  }
  const auto folded = compute_folds(variants, error);
  if (!error.empty()) {
    std::fprintf(stderr, "hanfacts_gen_fold_table: %s\n", error.c_str());
    return 1;
  }
  std::string body;
  size_t entries = 0;
  for (char32_t c = 0; c < 0x10000; ++c) {
    if (is_surrogate(c)) continue;
    if (folded[c].length() == U16_LENGTH(c) && folded[c].char32At(0) == static_cast<UChar32>(c)) continue;
    std::string utf8;
    folded[c].toUTF8String(utf8);
    if (utf8.size() > 255) {  // FoldEntry::length is one byte (the longest NFKC expansion is ~33)
      std::fprintf(stderr, "hanfacts_gen_fold_table: U+%04X folds to %zu bytes\n", static_cast<unsigned>(c), utf8.size());
      return 1;
    }
    char head[32];
    std::snprintf(head, sizeof head, "    {0x%04X, \"", static_cast<unsigned>(c));
    body += head;
    for (unsigned char b : utf8) {  // every byte as \ooo: no escape can run into the next
      char oct[8];
      std::snprintf(oct, sizeof oct, "\\%03o", b);
      body += oct;
    }
    body += "\", " + std::to_string(utf8.size()) + "},\n";
    ++entries;
  }
  std::ofstream out(argv[1], std::ios::binary);
  out << "// Generated at build time by tools/gen_fold_table.cpp from ICU " U_ICU_VERSION
         ": do not edit.\n"
         "#include \"text/fold_data.h\"\n\n"
         "namespace hanfacts::text::fold_data {\n\n"
         "const FoldEntry kEntries[] = {\n"
      << body
      << "};\n"
         "const size_t kEntryCount = "
      << entries
      << ";\n\n"
         "}  // namespace hanfacts::text::fold_data\n";
  out.close();
  if (!out) {
    std::fprintf(stderr, "hanfacts_gen_fold_table: cannot write %s\n", argv[1]);
    return 1;
  }
  return 0;
}
