#include "cli/cli.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/config.h"
#include "cli/json_record.h"
#include "cli/pipeline.h"
#include "cli/walk.h"
#include "hanfacts/hanfacts.h"
#include "output/format.h"
#include "text/utf8.h"

namespace hanfacts::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitInputFailed = 1;
constexpr int kExitSetup = 2;

std::string diag(const std::string& name, const std::string& message) {
  return "hanfacts: " + name + ": " + message;
}

// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" naming a real day (checked here, once, rather
// than as a warning on every document).
bool valid_ref_date(const std::string& r) {
  if (r.size() != 10 && r.size() != 16) return false;
  auto digits = [&](size_t from, size_t n, int& v) {
    v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(r[i]))) return false;
      v = v * 10 + (r[i] - '0');
    }
    return true;
  };
  int y, m, d, hh = 0, mm = 0;
  if (!digits(0, 4, y) || r[4] != '-' || !digits(5, 2, m) || r[7] != '-' || !digits(8, 2, d)) return false;
  if (r.size() == 16 && (r[10] != 'T' || !digits(11, 2, hh) || r[13] != ':' || !digits(14, 2, mm))) return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1] || hh > 23 || mm > 59) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

// Parses the raw command line into a RunConfig (CLI11 does the flag syntax; the checks
// that involve values are here). Returns -1 to go on, or an exit code.
int parse_args(const std::vector<std::string>& args, RunConfig& cfg, std::ostream& out, std::ostream& err) {
  CLI::App app{"hanfacts: organizations, money amounts and dates from Korean and Chinese news text.\n"
               "Reads articles from files, folders or standard input and writes one row per fact.",
               "hanfacts"};
  app.set_version_flag("--version", std::string("hanfacts ") + HANFACTS_VERSION);
  std::string input = "text", format = "csv", types = "org,money,date", encoding = "auto", offsets = "chars";
  std::vector<std::string> lexicons;
  bool no_header = false;
  int jobs = 0;
  app.add_option("PATH", cfg.paths, "Files or folders to read; '-' or none reads standard input");
  app.add_option("--input", input, "text: each file (or all of stdin) is one article; lines: each line is one;\n"
                                    "jsonl: one JSON object per line with \"text\" and optional \"id\", \"date\"")
      ->check(CLI::IsMember({"text", "lines", "jsonl"}))->default_str("text");
  app.add_option("--format", format, "Output format")->check(CLI::IsMember({"csv", "jsonl", "tsv"}))->default_str("csv");
  app.add_option("--types", types, "Fact types to report, comma-separated: org,money,date")->default_str("org,money,date");
  app.add_option("--ref-date", cfg.ref_date, "Reference date YYYY-MM-DD for relative dates (overrides datelines)");
  app.add_option("--lexicon", lexicons, "Extra organization lexicon (TSV, same format as lexicons/org); repeatable");
  app.add_option("--encoding", encoding, "Input encoding: auto, utf-8, euc-kr, cp949, gb18030, big5")->default_str("auto");
  app.add_option("--jobs,-j", jobs, "Worker threads; 0 = all cores")->check(CLI::Range(0, 1024))->default_str("0");
  app.add_flag("--no-header", no_header, "Omit the CSV/TSV header row");
  app.add_option("--offsets", offsets, "Offsets in code points (chars) or UTF-8 bytes")
      ->check(CLI::IsMember({"chars", "bytes"}))->default_str("chars");
  app.add_option("--output,-o", cfg.output, "Write to FILE (completed atomically) instead of stdout");
  app.add_option("--glob", cfg.glob, "Only files whose name matches this pattern when walking folders, e.g. '*.txt'");
  app.add_flag("--quiet,-q", cfg.quiet, "No progress line and no notes on stderr (warnings and errors remain)");
  app.add_flag("--explain", cfg.explain, "Also print, on stderr, each document's reference date and each fact's rule");

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    out << "hanfacts " << HANFACTS_VERSION << '\n';
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    err << "hanfacts: " << e.what() << "\nRun with --help for usage.\n";
    return kExitSetup;
  }

  cfg.input = input == "lines" ? InputMode::kLines : input == "jsonl" ? InputMode::kJsonl : InputMode::kText;
  cfg.format = format == "jsonl" ? OutputFormat::kJsonl : format == "tsv" ? OutputFormat::kTsv : OutputFormat::kCsv;
  cfg.writer.header = !no_header;
  cfg.writer.offsets = offsets == "bytes" ? OffsetUnit::kBytes : OffsetUnit::kChars;
  cfg.jobs = static_cast<unsigned>(jobs);
  if (!text::parse_encoding(encoding, cfg.encoding)) {
    err << "hanfacts: --encoding: unknown encoding '" << encoding << "' (auto, utf-8, euc-kr, cp949, gb18030, big5)\n";
    return kExitSetup;
  }
  cfg.extractor.find_orgs = cfg.extractor.find_money = cfg.extractor.find_dates = false;
  std::stringstream list(types);
  for (std::string t; std::getline(list, t, ',');) {
    t.erase(std::remove(t.begin(), t.end(), ' '), t.end());
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (t == "org") cfg.extractor.find_orgs = true;
    else if (t == "money") cfg.extractor.find_money = true;
    else if (t == "date") cfg.extractor.find_dates = true;
    else if (!t.empty()) {
      err << "hanfacts: --types: unknown type '" << t << "' (org, money, date)\n";
      return kExitSetup;
    }
  }
  if (!cfg.extractor.find_orgs && !cfg.extractor.find_money && !cfg.extractor.find_dates) {
    err << "hanfacts: --types: no type given (org, money, date)\n";
    return kExitSetup;
  }
  if (!cfg.ref_date.empty() && !valid_ref_date(cfg.ref_date)) {
    err << "hanfacts: --ref-date: expected a date YYYY-MM-DD (optionally THH:MM), got '" << cfg.ref_date << "'\n";
    return kExitSetup;
  }
  for (const std::string& l : lexicons) cfg.extractor.org_lexicons.push_back({l, "", l});
  return -1;
}

bool read_whole_file(const std::string& path, std::string& bytes, std::string& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    error = "is a folder";
    return false;
  }
  bytes.clear();
  if (fstat(fd, &st) == 0 && st.st_size > 0) bytes.reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    bytes.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return true;
}

// Facts a worker's Extraction keeps room for between documents (a few hundred KB).
constexpr size_t kKeptFacts = 4 * 1024;
// Bytes of a JSON record's text a worker keeps room for between records.
constexpr size_t kKeptRecordBytes = 1 << 20;

// Everything one run needs while documents flow: the extractor, the writers (one per
// worker, formatting in parallel) and the output state.
class Run {
 public:
  Run(const RunConfig& cfg, const Extractor& extractor, std::ostream& out, std::ostream& err, bool progress,
      unsigned workers)
      : cfg_(cfg),
        extractor_(extractor),
        out_(out),
        err_(err),
        progress_(progress),
        extractions_(workers),
        records_(workers),
        single_thread_(workers == 1) {
    WriterOptions wo = cfg.writer;
    wo.header = false;
    for (unsigned w = 0; w < workers; ++w) formatters_.emplace_back(cfg.format, wo);
  }

  Done process(Task& task, unsigned worker) {
    if (task.batch.empty()) return process_one(task, worker);
    // A batch: one output, the documents' rows and diagnostics in order. A failure in
    // one document (as OrderedRunner reports it) does not cost the others.
    // Each document adds to the one Done in place (its rows go straight after the
    // previous document's, without a copy per document).
    Done all;
    all.docs = 0;
    // Output is about as large as the input (CSV a little larger, JSONL about twice):
    // room for that up front instead of a series of doublings and copies.
    all.output.reserve(task.size_hint);
    for (Task& t : task.batch) {
      const size_t output_size = all.output.size(), diagnostics_size = all.diagnostics.size();
      const bool failed = all.failed;
      const size_t bytes = all.bytes;
      try {
        process_into(t, worker, all);
      } catch (const std::exception& e) {
        // The document's partial output and diagnostics go; the failure is reported.
        all.output.resize(output_size);
        all.diagnostics.resize(diagnostics_size);
        all.bytes = bytes;
        all.failed = failed;
        all.diagnostics.push_back("hanfacts: " + t.name + ": internal error: " + e.what() + "; skipped");
        all.failed = true;
      }
      ++all.docs;
    }
    return all;
  }

  Done process_one(Task& task, unsigned worker) {
    Done done;
    process_into(task, worker, done);
    return done;
  }

  // Processes one document, adding its output, diagnostics, failure and size to `done`.
  void process_into(Task& task, unsigned worker, Done& done) {
    for (std::string& m : task.diagnostics) done.diagnostics.push_back(std::move(m));
    if (task.failed) done.failed = true;
    if (!task.path.empty() && !task.skip) {
      std::string error;
      if (!read_whole_file(task.path, task.bytes, error)) {
        done.diagnostics.push_back(diag(task.name, error));
        done.failed = true;
        return;
      }
    }
    if (task.json && !task.skip) {
      // The worker's record, reused: the text is decoded into the room of an earlier
      // line (swapped out of its task below) instead of a new string per record.
      JsonRecord& rec = records_[worker];
      std::string error;
      if (!parse_json_record(task.bytes, rec, error)) {
        done.diagnostics.push_back(diag(task.name, "malformed JSON record: " + error + "; skipped"));
        done.failed = true;
        return;
      }
      if (!rec.id.empty()) task.doc = std::move(rec.id);
      else if (task.doc.empty()) task.doc = task.name;  // no "id": the line's name (feed_lines)
      task.ref_date = std::move(rec.date);
      task.bytes.swap(rec.text);
      if (rec.text.capacity() > kKeptRecordBytes) std::string().swap(rec.text);  // a huge line's room goes
    }
    done.bytes += task.bytes.size();
    if (task.skip) return;
    std::string decoded_storage;
    std::string_view text;
    if (task.needs_decode) {
      text::Decoded d = text::decode_in_place(task.bytes, task.encoding, text);
      if (d.binary) {
        done.diagnostics.push_back(diag(task.name, cfg_.input == InputMode::kText
                                                       ? "binary file (NUL bytes in the first 8 KB); skipped"
                                                       : "binary data (NUL bytes); skipped"));
        done.failed = true;
        return;
      }
      if (!d.warning.empty()) {
        done.diagnostics.push_back(diag(task.name, d.warning));
        done.failed = true;
      } else if (task.encoding == text::Encoding::kAuto && d.encoding != "UTF-8" && !cfg_.quiet) {
        done.diagnostics.push_back(diag(task.name, "note: decoded as " + d.encoding));
      }
      if (!d.in_place) {  // converted or repaired: keep only the result
        decoded_storage = std::move(d.text);
        task.bytes.clear();
        task.bytes.shrink_to_fit();
        text = decoded_storage;
      }
    } else {
      text = task.bytes;
    }
    if (text.empty() && cfg_.input == InputMode::kText && !cfg_.quiet) {
      done.diagnostics.push_back(diag(task.name, task.name == "-" ? "note: empty input" : "note: empty file"));
    }
    DocContext ctx;
    ctx.id = task.doc;
    if (!cfg_.ref_date.empty()) {
      ctx.ref_date = cfg_.ref_date;
      ctx.ref_source = "option";
    } else if (!task.ref_date.empty()) {
      ctx.ref_date = task.ref_date;
      ctx.ref_source = "record";
    }
    // The worker's Extraction, reused: its facts and their strings keep their room from
    // one document to the next (Extractor::Extract would build and free them each time).
    Extraction& ex = extractions_[worker];
    struct Release {  // a huge document's facts are not kept for the rest of the run
      Extraction& ex;
      ~Release() {
        if (ex.facts.capacity() > kKeptFacts) ex = Extraction();
      }
    } release{ex};
    extractor_.ExtractInto(text, ctx, ex);
    if (task.json && !ex.warnings.empty()) {
      // The fold checks UTF-8 in its pass (first_invalid), so record text is not
      // checked beforehand: text with invalid bytes (rare) is repaired and run again.
      const size_t bad = text::find_invalid_utf8(text);
      if (bad != std::string::npos) {
        text::repair_utf8(text, decoded_storage);
        done.diagnostics.push_back(diag(task.name, "invalid UTF-8 in \"text\" at byte " + std::to_string(bad) +
                                                       " (replaced with U+FFFD)"));
        done.failed = true;
        text = decoded_storage;
        extractor_.ExtractInto(text, ctx, ex);
      }
    }
    for (const std::string& w : ex.warnings) {
      // The decoder already reported invalid bytes; other warnings are new.
      if (w.rfind("invalid UTF-8", 0) == 0 && !task.needs_decode) done.failed = true;
      else if (w.rfind("invalid UTF-8", 0) == 0) continue;
      done.diagnostics.push_back(diag(task.name, w));
    }
    if (cfg_.explain) {
      done.diagnostics.push_back(diag(task.name, "lang " + (ex.lang.empty() ? std::string("?") : ex.lang) +
                                                     ", ref_date " + (ex.ref_date.empty() ? "none" : ex.ref_date) +
                                                     (ex.ref_source.empty() ? "" : " (" + ex.ref_source + ")")));
      for (size_t k = 0; k < ex.facts.size(); ++k) {
        const Fact& f = ex.facts[k];
        done.diagnostics.push_back(diag(task.name, "fact " + std::to_string(k + 1) + " " +
                                                       std::string(fact_type_name(f.type)) + " '" + f.text +
                                                       "' rule " + f.rule));
      }
    }
    if (single_thread_ && done.diagnostics.empty()) {
      // One thread: every earlier document has been emitted, and this one has no
      // message to come before its rows, so they go straight after the rows waiting
      // in pending_ (no string of their own to allocate and copy again in emit()).
      const size_t before = pending_.size();
      try {
        formatters_[worker].append(pending_, {task.doc, text, ex});
      } catch (...) {
        pending_.resize(before);  // a failed document leaves no rows, as with its own string
        throw;
      }
    } else {
      formatters_[worker].append(done.output, {task.doc, text, ex});
    }
  }

  // Takes one finished document; false stops the run. Its rows wait in pending_
  // until kOutputBlock bytes have gathered (see flush_output).
  bool emit(Done& done) {
    if (!done.diagnostics.empty()) {
      // Rows before messages, as they came: stdout and stderr may be one file (2>&1).
      if (!flush_output()) return false;
      for (const std::string& d : done.diagnostics) err_ << d << '\n';
    }
    if (done.failed) failed_ = true;
    // Appended, not swapped in: pending_ keeps its room from block to block. (With
    // one thread most documents' rows are in pending_ already: see process_into.)
    pending_.append(done.output);
    if (pending_.size() >= kOutputBlock && !flush_output()) return false;
    docs_ += done.docs;
    bytes_ += done.bytes;
    if (progress_) show_progress(false);
    return true;
  }

  // Writes the rows gathered so far; false when that fails (the run then stops).
  // Called when a block is full, before messages, before the reader may wait for
  // input (a slow stream still gets each line's rows as it comes) and at the end.
  bool flush_output() {
    if (pending_.empty()) return !broken_pipe_ && write_error_.empty();
    errno = 0;
    out_.write(pending_.data(), static_cast<std::streamsize>(pending_.size()));
    pending_.clear();
    if (pending_.capacity() > 4 * kOutputBlock) std::string().swap(pending_);  // a huge document's room goes
    if (!out_) return output_failed();
    return true;
  }

  bool output_failed() {
    if (errno == EPIPE) {
      broken_pipe_ = true;  // `| head`: the reader has all it wants
    } else {
      write_error_ = errno != 0 ? std::strerror(errno) : "write failed";
    }
    return false;
  }

  void show_progress(bool final) {
    auto now = std::chrono::steady_clock::now();
    if (!final && now - last_progress_ < std::chrono::milliseconds(200)) return;
    last_progress_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    char line[160];
    std::snprintf(line, sizeof line, "\rhanfacts: %zu/%zu documents, %.1f MB/s ", docs_, total_docs_,
                  secs > 0 ? static_cast<double>(bytes_) / 1e6 / secs : 0.0);
    err_ << line << (final ? "\n" : "") << std::flush;
  }

  void set_total(size_t n) { total_docs_ = n; }
  bool failed() const { return failed_; }
  bool broken_pipe() const { return broken_pipe_; }
  const std::string& write_error() const { return write_error_; }
  void mark_failed() { failed_ = true; }

 private:
  const RunConfig& cfg_;
  const Extractor& extractor_;
  std::ostream& out_;
  std::ostream& err_;
  bool progress_;
  std::vector<output::Formatter> formatters_;  // one per worker: rows go straight into Done::output
  std::vector<Extraction> extractions_;         // one per worker, reused (process_into)
  std::vector<JsonRecord> records_;             // one per worker, reused (process_into)
  // Rows written out in blocks of about this size: one write per document was a
  // system call per ~1 KB of rows (13,000 per 20 MB of JSONL), which cost as much CPU
  // time as a recognizer when the output is a pipe or a file.
  static constexpr size_t kOutputBlock = 256 * 1024;
  std::string pending_;  // rows emitted and not yet written
  // One worker (--jobs 1): documents are processed and emitted one after the other on
  // one thread, so a document's rows can be formatted into pending_ (process_into).
  bool single_thread_;
  bool failed_ = false;
  bool broken_pipe_ = false;
  std::string write_error_;
  size_t docs_ = 0, bytes_ = 0, total_docs_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_progress_{};
};

// Reads lines from a stream in large blocks. The first block (up to 64 KB) can be
// inspected before any line is taken, to decide the encoding of the whole input and
// to spot binary data. Memory holds about two blocks plus the longest line.
class LineReader {
 public:
  explicit LineReader(std::istream& in) : in_(in) {
    while (!eof_ && end_ < kBlock) fill();
  }
  std::string_view head() const { return view(); }
  bool bad() const { return in_.bad(); }
  // True when next() can return a line without reading (and so without waiting for
  // a slow writer on the other end of a pipe). The newline found is kept for next().
  bool line_ready() {
    return find_newline() != std::string_view::npos || (eof_ && pos_ < end_);
  }

  // The next line without its '\n' (and without a '\r' before it); false at the end.
  bool next(std::string& line) {
    while (true) {
      const size_t nl = find_newline();
      if (nl != std::string_view::npos) {
        line.assign(buf_.data() + pos_, nl - pos_);
        pos_ = scan_ = nl + 1;
        break;
      }
      if (eof_) {
        if (pos_ == end_) return false;
        line.assign(buf_.data() + pos_, end_ - pos_);
        pos_ = scan_ = end_;
        break;
      }
      fill();
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  }

 private:
  static constexpr size_t kBlock = 64 * 1024;
  std::string_view view() const { return std::string_view(buf_.data(), end_); }
  // The first '\n' at or after pos_, or npos. Bytes before scan_ hold none; a newline
  // found stays found (scan_ stops there), so line_ready() and next() search once.
  size_t find_newline() {
    const size_t nl = view().find('\n', scan_);
    scan_ = nl == std::string_view::npos ? end_ : nl;
    return nl;
  }
  // Only bytes [0, end_) of buf_ count: the string is grown once and not shrunk, so
  // reading a block does not first zero-fill 64 KB (resize would) every time.
  void fill() {
    if (pos_ > 0) {  // drop consumed lines before growing
      std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
      end_ -= pos_;
      scan_ -= pos_;
      pos_ = 0;
    }
    if (buf_.size() < end_ + kBlock) buf_.resize(std::max(end_ + kBlock, 2 * buf_.size()));
    in_.read(buf_.data() + end_, static_cast<std::streamsize>(kBlock));
    end_ += static_cast<size_t>(in_.gcount());
    if (in_.gcount() == 0 || !in_) eof_ = true;
  }

  std::istream& in_;
  std::string buf_;
  size_t end_ = 0;   // bytes of buf_ read so far
  size_t pos_ = 0;   // start of the next line
  size_t scan_ = 0;  // where to resume looking for '\n'
  bool eof_ = false;
};

// Feeds every line of `in` as a document (lines and jsonl modes). Returns false when
// the run was stopped.
// With `batch_bytes` > 0, consecutive lines go to the runner in batches of about that
// many bytes (fewer hand-overs between threads), but a batch never waits for input
// that is not there yet: a slow stream still gets each line's rows as it comes.
// `idle` is called before the reader may wait for more input (false stops the run).
bool feed_lines(std::istream& in, const std::string& name, const RunConfig& cfg, OrderedRunner& runner,
                size_t batch_bytes, const std::function<bool()>& idle) {
  LineReader reader(in);
  const std::string_view head = reader.head();
  // One decision per input, not per line: a single short line says little about its
  // charset, and a note per line would drown the real messages.
  std::vector<std::string> first_notes;
  if (std::memchr(head.data(), '\0', std::min<size_t>(head.size(), 8192)) != nullptr) {
    Task t;
    t.name = name;
    t.diagnostics.push_back(diag(name, "binary file (NUL bytes in the first 8 KB); skipped"));
    t.failed = t.skip = true;
    return runner.submit(std::move(t));
  }
  text::Encoding encoding = cfg.encoding;
  if (cfg.input == InputMode::kLines && encoding == text::Encoding::kAuto) {
    encoding = text::detect_encoding(head);
    if (encoding != text::Encoding::kUtf8 && !cfg.quiet) {
      first_notes.push_back(diag(name, "note: decoded as " + std::string(text::encoding_name(encoding))));
    }
  }
  constexpr size_t kBatchDocs = 256;
  Task pending;  // the batch being filled
  size_t pending_bytes = 0;
  auto flush = [&] {
    if (pending.batch.empty()) return true;
    pending.size_hint = pending_bytes;
    const bool ok = runner.submit(std::move(pending));
    pending = Task{};
    pending_bytes = 0;
    return ok;
  };
  std::string line;
  size_t line_no = 0;
  while (reader.next(line)) {
    ++line_no;
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 BOM
    if (line.empty()) continue;
    Task t;
    // "name:line", built in place (one allocation, no temporaries).
    char digits[24];
    const char* const digits_end = std::to_chars(digits, digits + sizeof digits, line_no).ptr;
    t.name.reserve(name.size() + 1 + static_cast<size_t>(digits_end - digits));
    t.name.append(name).append(1, ':').append(digits, static_cast<size_t>(digits_end - digits));
    // A record's doc is its "id", or this name when it has none: set by the worker then
    // (process_into), rather than copied here for every line and replaced there.
    if (cfg.input != InputMode::kJsonl) t.doc = t.name;
    t.encoding = encoding;
    t.diagnostics = std::move(first_notes);
    first_notes.clear();
    if (cfg.input == InputMode::kJsonl) {
      t.json = true;  // parsed by the worker
      t.needs_decode = false;
    }
    t.bytes = std::move(line);
    line = std::string();
    if (batch_bytes == 0) {
      if (!runner.submit(std::move(t))) return false;
      // Run on this thread (--jobs 1), the task keeps its text's room: the next line is
      // read into it rather than into a new string (an allocation of about a line's
      // size per record, past the allocator's small-block caches). A task handed to a
      // worker is left empty: nothing to take then.
      line.swap(t.bytes);
      if (line.capacity() > kKeptRecordBytes) line = std::string();
      if (!reader.line_ready() && !idle()) return false;
      continue;
    }
    pending_bytes += t.bytes.size();
    pending.batch.push_back(std::move(t));
    if (pending_bytes >= batch_bytes || pending.batch.size() >= kBatchDocs || !reader.line_ready()) {
      if (!flush()) return false;
    }
    if (!reader.line_ready() && !idle()) return false;
  }
  if (!flush()) return false;
  if (reader.bad()) {
    Task t;
    t.name = name;
    t.diagnostics.push_back(diag(name, "read error after line " + std::to_string(line_no)));
    t.failed = t.skip = true;
    return runner.submit(std::move(t));
  }
  return true;
}

int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err,
        bool err_is_tty) {
  RunConfig cfg;
  if (int code = parse_args(args, cfg, out, err); code >= 0) return code;

  // Rule names are read only by --explain (the writers have no rule column).
  cfg.extractor.rule_names = cfg.explain;
  auto made = Extractor::Create(cfg.extractor);
  if (!made.ok()) {
    err << "hanfacts: " << made.status().to_string() << '\n';
    return kExitSetup;
  }
  const Extractor& extractor = made.value();

  bool walk_failed = false;
  std::vector<Input> inputs = expand_inputs(cfg.paths, cfg.glob, [&](const std::string& p, const std::string& m) {
    err << diag(p, m) << '\n';
    walk_failed = true;
  });
  const bool any_folder = std::any_of(inputs.begin(), inputs.end(), [](const Input& i) { return i.from_folder; });

  // Output: the given stream, or a temporary file renamed into place when complete.
  std::ofstream file;
  std::string temp_path;
  std::ostream* sink = &out;
  if (!cfg.output.empty()) {
    // A regular file (or a new one) is written beside its final name and renamed into
    // place when complete, so a reader never sees half a result and a killed run
    // leaves the old file intact. Anything else (/dev/stdout, a pipe, /dev/full) is
    // written directly: renaming over a device or a FIFO would replace it.
    struct stat st;
    const bool special = ::stat(cfg.output.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
    if (special && S_ISDIR(st.st_mode)) {
      err << diag(cfg.output, "cannot write: is a folder") << '\n';
      return kExitSetup;
    }
    temp_path = special ? std::string() : cfg.output + ".tmp-" + std::to_string(::getpid());
    file.open(special ? cfg.output : temp_path, std::ios::binary | std::ios::trunc);
    if (!file) {
      err << diag(cfg.output, std::string("cannot write: ") + std::strerror(errno)) << '\n';
      return kExitSetup;
    }
    sink = &file;
  }

  unsigned jobs = cfg.jobs != 0 ? cfg.jobs : std::max(1u, std::thread::hardware_concurrency());
  Run state(cfg, extractor, *sink, err, err_is_tty && any_folder && !cfg.quiet, jobs);
  if (walk_failed) state.mark_failed();
  if (cfg.input == InputMode::kText) state.set_total(inputs.size());

  auto header_writer = make_writer(cfg.format, cfg.writer, *sink);
  errno = 0;
  header_writer->begin();
  bool ok = static_cast<bool>(*sink) || state.output_failed();
  if (ok) {
    // Many small documents in flight keep the workers busy between two wake-ups of the
    // main thread (news articles are a few KB); the byte bound keeps memory flat. Lines
    // and records travel in batches of about 16 KB (below), so fewer of those are in
    // flight: 16 per worker is still about 5 ms of work each, and each one in flight
    // holds its input, decoded text and rows (64 per worker was 3-4 MB more peak RSS
    // with --jobs 2 on a fast JSONL stream, for no measured speed).
    const bool batched = cfg.input != InputMode::kText;
    OrderedRunner runner(
        jobs, [&](Task& t, unsigned w) { return state.process(t, w); }, [&](Done& d) { return state.emit(d); },
        (batched ? 16 : 64) * static_cast<size_t>(jobs), size_t{16} << 20);
    // Lines and records are small: with worker threads they travel in batches.
    const size_t batch_bytes = jobs > 1 ? size_t{16} << 10 : 0;
    const std::function<bool()> idle = [&] { return state.flush_output(); };
    for (const Input& input : inputs) {
      const bool is_stdin = input.path == "-";
      const std::string name = is_stdin ? "-" : input.path;
      if (cfg.input == InputMode::kText) {
        Task t;
        t.name = name;
        t.doc = name;
        t.encoding = cfg.encoding;
        if (is_stdin) {
          std::ostringstream all;
          all << in.rdbuf();
          t.bytes = std::move(all).str();
        } else if (jobs > 1) {
          // Read by the worker: file reads then overlap as well (many small files make
          // the reading, not the extraction, the slow part).
          t.path = input.path;
          struct stat st;
          if (::stat(input.path.c_str(), &st) == 0 && st.st_size > 0) t.size_hint = static_cast<size_t>(st.st_size);
        } else {
          std::string error;
          if (!read_whole_file(input.path, t.bytes, error)) {
            t.diagnostics.push_back(diag(name, error));
            t.failed = t.skip = true;
          }
        }
        ok = runner.submit(std::move(t));
      } else if (is_stdin) {
        ok = feed_lines(in, "-", cfg, runner, batch_bytes, idle);
      } else {
        std::ifstream f(input.path, std::ios::binary);
        if (!f) {
          Task t;
          t.name = name;
          t.diagnostics.push_back(diag(name, std::strerror(errno)));
          t.failed = t.skip = true;
          ok = runner.submit(std::move(t));
        } else {
          ok = feed_lines(f, name, cfg, runner, batch_bytes, idle);
        }
      }
      if (!ok) break;
    }
    ok = runner.finish() && ok;
    ok = state.flush_output() && ok;
  }
  if (ok) {
    errno = 0;
    sink->flush();
    if (!*sink) ok = state.output_failed();
  }
  if (state.broken_pipe()) {
    if (!temp_path.empty()) std::remove(temp_path.c_str());
    return kExitOk;
  }
  if (!state.write_error().empty()) {
    err << diag(cfg.output.empty() ? "<stdout>" : cfg.output, "write error: " + state.write_error()) << '\n';
    if (!temp_path.empty()) std::remove(temp_path.c_str());
    return kExitSetup;
  }
  if (!cfg.output.empty()) {
    errno = 0;
    file.close();
    if (!file) {
      err << diag(cfg.output, std::string("write error: ") + (errno != 0 ? std::strerror(errno) : "close failed"))
          << '\n';
      if (!temp_path.empty()) std::remove(temp_path.c_str());
      return kExitSetup;
    }
    if (!temp_path.empty() && std::rename(temp_path.c_str(), cfg.output.c_str()) != 0) {
      err << diag(cfg.output, std::string("cannot complete output: ") + std::strerror(errno)) << '\n';
      std::remove(temp_path.c_str());
      return kExitSetup;
    }
  }
  if (err_is_tty && any_folder && !cfg.quiet) state.show_progress(true);
  return state.failed() ? kExitInputFailed : kExitOk;
}

}  // namespace

int Main(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
  try {
    return run(args, in, out, err, false);
  } catch (const std::exception& e) {
    err << "hanfacts: internal error: " << e.what() << '\n';
    return kExitSetup;
  }
}

int main_with_stdio(int argc, char** argv) {
  // A closed pipe must surface as EPIPE on write, not kill the process, so the run
  // can end quietly (`hanfacts corpus/ | head`).
  ::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return run(args, std::cin, std::cout, std::cerr, ::isatty(2) != 0);
  } catch (const std::exception& e) {
    std::cerr << "hanfacts: internal error: " << e.what() << '\n';
    return kExitSetup;
  }
}

}  // namespace hanfacts::cli
