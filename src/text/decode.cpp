#include "text/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
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

// What a conversion saw: the first byte offset that was not valid in the charset.
struct ConvertErrors {
  const char* base = nullptr;
  size_t first_bad = std::string_view::npos;
  size_t count = 0;   // invalid sequences seen
  bool stop = false;  // strict: give up at the first error
};

// ICU to-Unicode callback: records the first bad byte offset, then either stops the
// conversion (strict) or writes U+FFFD. ICU's own substitution differs per converter
// (EUC-KR writes U+001A, others U+FFFD); one rule for every charset is simpler to
// document and to test.
void on_bad_bytes(const void* context, UConverterToUnicodeArgs* args, const char* /*code_units*/,
                              int32_t length, UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to do
  auto* errors = static_cast<ConvertErrors*>(const_cast<void*>(context));
  ++errors->count;
  if (errors->first_bad == std::string_view::npos)
    errors->first_bad = static_cast<size_t>(args->source - errors->base) - static_cast<size_t>(length);
  if (errors->stop) return;  // leave *err set: ucnv_toUnicode returns the failure
  *err = U_ZERO_ERROR;
  static const UChar kFffd = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &kFffd, 1, 0, err);
}

// Converts `bytes` from a legacy charset to UTF-8 in chunks (no size guess, no
// overflow). Strict: returns false at the first invalid sequence, so a wrong guess is
// noticed. Otherwise invalid sequences become U+FFFD and `first_bad` tells where the
// first one was (npos when none).
bool convert(std::string_view bytes, const char* from, bool strict, std::string& out, size_t& first_bad,
             size_t* error_count = nullptr) {
  out.clear();
  first_bad = std::string_view::npos;
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(from, &status);
  if (U_FAILURE(status)) return false;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> guard(conv, ucnv_close);
  ConvertErrors errors{bytes.data(), std::string_view::npos, 0, strict};
  ucnv_setToUCallBack(conv, on_bad_bytes, &errors, nullptr, nullptr, &status);
  if (U_FAILURE(status)) return false;
  out.reserve(bytes.size() + bytes.size() / 2);
  UChar buf[16384];
  size_t carried = 0;  // a lead surrogate kept from the previous chunk
  const char* source = bytes.data();
  const char* const limit = bytes.data() + bytes.size();
  while (true) {
    UChar* target = buf + carried;
    status = U_ZERO_ERROR;
    ucnv_toUnicode(conv, &target, buf + std::size(buf), &source, limit, nullptr, true, &status);
    // UTF-16 -> UTF-8. When the chunk fills up, ICU may have written only the lead
    // half of a surrogate pair; keep it for the next round so the pair stays whole.
    int32_t n = static_cast<int32_t>(target - buf);
    carried = 0;
    if (status == U_BUFFER_OVERFLOW_ERROR && n > 0 && U16_IS_LEAD(buf[n - 1])) {
      carried = 1;
      --n;
    }
    for (int32_t k = 0; k < n;) {
      UChar32 c;
      U16_NEXT(buf, k, n, c);
      append_utf8(out, U_IS_SURROGATE(c) ? kReplacement : static_cast<char32_t>(c));
    }
    if (status == U_BUFFER_OVERFLOW_ERROR) {
      if (carried) buf[0] = buf[n];
      continue;
    }
    if (U_FAILURE(status)) {
      first_bad = errors.first_bad;
      if (error_count) *error_count = errors.count;
      return false;
    }
    break;
  }
  first_bad = errors.first_bad;
  if (error_count) *error_count = errors.count;
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

// Share of Hangul syllables among the Hangul and Han characters of a reading. Korean
// text read as CP949 is nearly all Hangul (0.9 and up even with Hanja glosses), while
// GB or Big5 bytes read as CP949 land about 40% in the Hanja rows: a structural test
// that needs no word lists and works on a single short sentence, where byte statistics
// (ICU's detector) cannot tell EUC-KR from GB2312.
double hangul_share(std::string_view utf8, size_t& letters) {
  size_t hangul = 0;
  letters = 0;
  for (size_t i = 0; i < utf8.size();) {
    char32_t c = next_code_point(utf8, i);
    if (is_hangul_syllable(c)) { ++hangul; ++letters; }
    else if (is_han(c)) ++letters;
  }
  return letters == 0 ? 0.0 : static_cast<double>(hangul) / static_cast<double>(letters);
}

// Reads a sample of the input in charset `e`. It fits when at most 1% of its bytes (or
// one byte) are invalid there: real files carry the odd corrupt byte, and a wrong
// charset gives many (UTF-8 read as CP949 breaks at nearly every character).
bool probe(std::string_view sample, Encoding e, std::string& out) {
  size_t first_bad, errors = 0;
  convert(sample, icu_name(e), false, out, first_bad, &errors);
  return errors <= std::max<size_t>(1, sample.size() / 100);
}

Encoding detect_legacy(std::string_view bytes) {
  // A 64 KB sample, cut after a newline when possible: '\n' is never part of a
  // multi-byte character in these charsets, so the cut splits none.
  std::string_view sample = bytes.substr(0, std::min<size_t>(bytes.size(), 64 * 1024));
  if (sample.size() < bytes.size()) {
    const size_t nl = sample.rfind('\n');
    if (nl != std::string_view::npos && nl > 0) sample = sample.substr(0, nl + 1);
  }
  constexpr Encoding kCandidates[] = {Encoding::kCp949, Encoding::kGb18030, Encoding::kBig5};
  std::string readings[3];
  bool valid[3];
  for (int k = 0; k < 3; ++k) valid[k] = probe(sample, kCandidates[k], readings[k]);

  size_t letters = 0;
  const bool korean_shape = valid[0] && hangul_share(readings[0], letters) >= 0.9 && letters >= 2;

  // ICU's detector ranks charsets by byte and character statistics; its confidence is
  // 0-100 and values near 10 mean "no evidence". Keep the best of ours that converts.
  int confidence[3] = {0, 0, 0};
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&status);
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> guard(det, ucsdet_close);
  if (U_SUCCESS(status)) {
    ucsdet_setText(det, sample.data(), static_cast<int32_t>(sample.size()), &status);
    int32_t found = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(det, &found, &status);
    for (int32_t m = 0; U_SUCCESS(status) && m < found; ++m) {
      UErrorCode st = U_ZERO_ERROR;
      const char* name = ucsdet_getName(matches[m], &st);
      const int32_t conf = ucsdet_getConfidence(matches[m], &st);
      if (U_FAILURE(st) || name == nullptr) continue;
      const std::string n = lower(name);
      const int k = n == "euc-kr" ? 0 : n == "gb18030" ? 1 : n == "big5" ? 2 : -1;
      if (k >= 0 && valid[k]) confidence[k] = std::max(confidence[k], static_cast<int>(conf));
    }
  }
  int best = -1;
  for (int k = 0; k < 3; ++k) {
    if (confidence[k] < 30) continue;  // no real evidence
    if (best < 0 || confidence[k] > confidence[best]) best = k;
  }
  // A tie (short text often scores 100 for both EUC-KR and GB18030), or a Chinese
  // guess for text that reads as well-formed Korean, is settled by the Hangul share.
  if (korean_shape && (best < 0 || confidence[0] + 20 >= confidence[best])) return Encoding::kCp949;
  if (best == 0 && !korean_shape && confidence[1] == confidence[0]) return Encoding::kGb18030;
  if (best >= 0) return kCandidates[best];

  // No opinion from ICU: the most plausible reading, if any is believable.
  Encoding chosen = Encoding::kUtf8;
  double best_score = 0.5;
  for (int k = 0; k < 3; ++k) {
    if (!valid[k]) continue;
    const double score = k == 0 && !korean_shape ? 0.0 : plausibility(readings[k]);
    if (score > best_score) { best_score = score; chosen = kCandidates[k]; }
  }
  return chosen;
}

}  // namespace

std::string_view encoding_name(Encoding encoding) {
  return encoding == Encoding::kAuto ? "auto" : display_name(encoding);
}

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

Encoding detect_encoding(std::string_view sample) {
  if (sample.size() >= 3 && sample.substr(0, 3) == "\xEF\xBB\xBF") return Encoding::kUtf8;
  const size_t bad = find_invalid_utf8(sample);
  if (bad == std::string_view::npos) return Encoding::kUtf8;
  // A multi-byte character cut by the end of the sample is not an error.
  if (bad + 4 > sample.size()) {
    size_t i = bad;
    const auto b0 = static_cast<unsigned char>(sample[i]);
    const size_t len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 1;
    bool prefix = len > 1 && bad + len > sample.size();
    for (i = bad + 1; prefix && i < sample.size(); ++i) prefix = (static_cast<unsigned char>(sample[i]) & 0xC0) == 0x80;
    if (prefix) return Encoding::kUtf8;
  }
  return detect_legacy(sample);
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
  // A UTF-16 byte order mark (Windows "Unicode" text) settles the encoding; without
  // it, UTF-16 text has NUL bytes and is taken for binary below.
  if (encoding == Encoding::kAuto && bytes.size() >= 2 &&
      (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
    const bool le = bytes[0] == '\xFF';
    size_t bad;
    convert(bytes.substr(2), le ? "UTF-16LE" : "UTF-16BE", false, d.text, bad);
    d.encoding = le ? "UTF-16LE" : "UTF-16BE";
    if (bad != std::string_view::npos)
      d.warning = "invalid " + d.encoding + " at byte " + std::to_string(bad + 2) + " (replaced with U+FFFD)";
    return d;
  }
  const size_t head = std::min<size_t>(bytes.size(), 8192);
  if (std::memchr(bytes.data(), '\0', head) != nullptr) {
    d.binary = true;
    return d;
  }
  size_t skipped = 0;  // reported offsets are into the input as given, BOM included
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    skipped = 3;
    encoding = Encoding::kUtf8;  // a UTF-8 BOM settles it
  }
  if (encoding == Encoding::kAuto) {
    encoding = find_invalid_utf8(bytes) == std::string_view::npos ? Encoding::kUtf8 : detect_legacy(bytes);
  }
  if (encoding != Encoding::kUtf8) {
    size_t bad;
    convert(bytes, icu_name(encoding), false, d.text, bad);
    d.encoding = display_name(encoding);
    if (bad != std::string_view::npos)
      d.warning = "invalid " + d.encoding + " at byte " + std::to_string(bad + skipped) + " (replaced with U+FFFD)";
    return d;
  }
  d.encoding = "UTF-8";
  const size_t bad = repair_utf8(bytes, d.text);
  if (bad != std::string_view::npos)
    d.warning = "invalid UTF-8 at byte " + std::to_string(bad + skipped) + " (replaced with U+FFFD)";
  return d;
}

Decoded decode_in_place(std::string_view bytes, Encoding encoding, std::string_view& text) {
  std::string_view rest = bytes;
  const bool utf16_bom = bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF");
  const bool binary = std::memchr(bytes.data(), '\0', std::min<size_t>(bytes.size(), 8192)) != nullptr;
  if (rest.size() >= 3 && rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);
  // The cases decode() takes as valid UTF-8 without a change, checked the same way.
  if (!(encoding == Encoding::kAuto && utf16_bom) && !binary &&
      (encoding == Encoding::kAuto || encoding == Encoding::kUtf8 || rest.size() < bytes.size()) &&
      find_invalid_utf8(rest) == std::string_view::npos) {
    Decoded d;
    d.encoding = "UTF-8";
    d.in_place = true;
    text = rest;
    return d;
  }
  return decode(bytes, encoding);  // `text` is the result's text (not a view: it moves)
}

}  // namespace hanfacts::text
