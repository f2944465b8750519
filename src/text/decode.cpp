#include "text/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "text/utf8.h"

namespace hanfacts::text {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const char* icu_name(Encoding e) {
  switch (e) {
    case Encoding::kEucKr: return "EUC-KR";
    case Encoding::kCp949: return "windows-949";
    case Encoding::kGb18030: return "GB18030";
    case Encoding::kBig5: return "Big5";
    default: return "UTF-8";
  }
}

const char* display_name(Encoding e) {
  switch (e) {
    case Encoding::kEucKr: return "EUC-KR";
    case Encoding::kCp949: return "CP949";
    case Encoding::kGb18030: return "GB18030";
    case Encoding::kBig5: return "Big5";
    default: return "UTF-8";
  }
}

// Converts with a converter that stops at the first invalid sequence, so a wrong guess
// is noticed. Returns false on any conversion error.
bool convert_strict(std::string_view bytes, Encoding from, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(icu_name(from), &status);
  if (U_FAILURE(status)) return false;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> guard(conv, ucnv_close);
  ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  UConverter* utf8 = ucnv_open("UTF-8", &status);
  if (U_FAILURE(status)) return false;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> guard8(utf8, ucnv_close);
  out.assign(bytes.size() * 2 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  ucnv_convertEx(utf8, conv, &target, out.data() + out.size(), &source, bytes.data() + bytes.size(),
                 nullptr, nullptr, nullptr, nullptr, true, true, &status);
  if (U_FAILURE(status)) return false;
  out.resize(static_cast<size_t>(target - out.data()));
  return true;
}

// Share of decoded code points that are Hangul syllables or common CJK ideographs:
// a right guess gives ordinary text, a wrong one gives rare symbols and ideographs.
double plausibility(std::string_view utf8) {
  size_t good = 0, total = 0;
  for (size_t i = 0; i < utf8.size();) {
    char32_t c = next_code_point(utf8, i);
    if (c < 0x80) continue;
    ++total;
    if (is_hangul_syllable(c) || (c >= 0x4E00 && c <= 0x9FA5) || (c >= 0x3000 && c <= 0x303F) ||
        (c >= 0xFF00 && c <= 0xFFEF) || c == 0x00B7 || (c >= 0x2010 && c <= 0x201F))
      ++good;
  }
  return total == 0 ? 0.0 : static_cast<double>(good) / static_cast<double>(total);
}

Encoding detect_legacy(std::string_view bytes) {
  // ICU's detector ranks candidates by byte statistics; we keep the first of ours that
  // also converts without error. If it has no opinion, try each and keep the most
  // plausible result.
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&status);
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> guard(det, ucsdet_close);
  const size_t sample = std::min<size_t>(bytes.size(), 64 * 1024);
  if (U_SUCCESS(status)) {
    ucsdet_setText(det, bytes.data(), static_cast<int32_t>(sample), &status);
    int32_t found = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(det, &found, &status);
    for (int32_t k = 0; U_SUCCESS(status) && k < found; ++k) {
      UErrorCode st = U_ZERO_ERROR;
      const char* name = ucsdet_getName(matches[k], &st);
      if (U_FAILURE(st) || ucsdet_getConfidence(matches[k], &st) < 10) continue;
      std::string n = lower(name);
      if (n == "euc-kr") return Encoding::kCp949;  // CP949 is a superset of EUC-KR
      if (n == "gb18030") return Encoding::kGb18030;
      if (n == "big5") return Encoding::kBig5;
    }
  }
  Encoding best = Encoding::kUtf8;
  double best_score = 0.5;  // below this, no legacy reading is believable
  std::string probe;
  for (Encoding e : {Encoding::kCp949, Encoding::kGb18030, Encoding::kBig5}) {
    if (!convert_strict(bytes.substr(0, sample), e, probe)) continue;
    double score = plausibility(probe);
    if (score > best_score) { best_score = score; best = e; }
  }
  return best;
}

}  // namespace

bool parse_encoding(std::string_view name, Encoding& out) {
  const std::string n = lower(name);
  if (n == "auto") out = Encoding::kAuto;
  else if (n == "utf-8" || n == "utf8") out = Encoding::kUtf8;
  else if (n == "euc-kr" || n == "euckr") out = Encoding::kEucKr;
  else if (n == "cp949" || n == "uhc" || n == "windows-949") out = Encoding::kCp949;
  else if (n == "gb18030" || n == "gbk" || n == "gb2312") out = Encoding::kGb18030;
  else if (n == "big5") out = Encoding::kBig5;
  else return false;
  return true;
}

size_t repair_utf8(std::string_view bytes, std::string& out) {
  const size_t first = find_invalid_utf8(bytes);
  if (first == std::string_view::npos) {
    out.assign(bytes);
    return first;
  }
  out.clear();
  out.reserve(bytes.size() + 16);
  out.append(bytes.substr(0, first));
  size_t i = first;
  while (i < bytes.size()) {
    const size_t start = i;
    char32_t c = next_code_point(bytes, i);
    if (c == kReplacement && i - start != 3) append_utf8(out, kReplacement);
    else out.append(bytes.substr(start, i - start));
  }
  return first;
}

Decoded decode(std::string_view bytes, Encoding encoding) {
  Decoded d;
  const size_t head = std::min<size_t>(bytes.size(), 8192);
  if (std::memchr(bytes.data(), '\0', head) != nullptr) {
    d.binary = true;
    return d;
  }
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    encoding = Encoding::kUtf8;  // a UTF-8 BOM settles it
  }
  if (encoding == Encoding::kAuto) {
    encoding = find_invalid_utf8(bytes) == std::string_view::npos ? Encoding::kUtf8 : detect_legacy(bytes);
  }
  if (encoding != Encoding::kUtf8) {
    if (convert_strict(bytes, encoding, d.text)) {
      d.encoding = display_name(encoding);
      return d;
    }
    d.warning = std::string("not valid ") + display_name(encoding) + "; read as UTF-8";
  }
  d.encoding = "UTF-8";
  const size_t bad = repair_utf8(bytes, d.text);
  if (bad != std::string_view::npos) {
    if (!d.warning.empty()) d.warning += "; ";
    d.warning += "invalid UTF-8 at byte " + std::to_string(bad) + " (replaced with U+FFFD)";
  }
  return d;
}

}  // namespace hanfacts::text
