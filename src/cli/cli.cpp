#include "cli/cli.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <immintrin.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include "cli/config.h"
#include "cli/json_record.h"
#include "cli/pipeline.h"
#include "cli/walk.h"
#include "core/engine.h"
#include "hanfacts/hanfacts.h"
#include "output/format.h"
#include "text/cpu.h"
#include "text/strings.h"
#include "text/utf8.h"

namespace hanfacts::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitInputFailed = 1;
constexpr int kExitSetup = 2;

std::string diag(std::string_view name, std::string_view message) {
  std::string line;
  line.reserve(12 + name.size() + message.size());
  return line.append("hanfacts: ").append(name).append(": ").append(message);
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

// Reads a whole file into `bytes` (its room reused). Reads straight into the string,
// sized from fstat: one read for a file that does not change meanwhile, and one more
// only when it filled the room (the file may have grown). A file the folder listing
// showed regular (`listed_regular`) is read without the fstat: first into a chunk the
// thread keeps (no zero-filled room per file), which holds most articles whole. A folder
// of small files spent a fifth of its system calls on that fstat.
bool read_whole_file(const std::string& path, bool listed_regular, std::string& bytes, std::string& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  // A read that returns less than it asked for has met the end of a regular file. Other
  // kinds (pipes, /proc files sized 0) read until 0.
  bool regular = listed_regular;
  size_t room = 0, used = 0;
  if (listed_regular) {
    constexpr size_t kChunk = 64 * 1024;
    thread_local const std::unique_ptr<char[]> chunk(new char[kChunk]);
    ssize_t n;
    do n = ::read(fd, chunk.get(), kChunk);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
      error = std::strerror(errno);
      ::close(fd);
      bytes.clear();
      return false;
    }
    bytes.assign(chunk.get(), static_cast<size_t>(n));
    if (static_cast<size_t>(n) < kChunk) {
      ::close(fd);
      return true;
    }
    used = kChunk;
    room = 2 * kChunk;
  } else {
    struct stat st;
    if (fstat(fd, &st) != 0) {
      error = std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (S_ISDIR(st.st_mode)) {
      ::close(fd);
      error = "is a folder";
      return false;
    }
    // One byte more than the size, so that the read that ends the file returns less.
    regular = S_ISREG(st.st_mode);
    room = regular && st.st_size > 0 ? static_cast<size_t>(st.st_size) + 1 : size_t{1} << 16;
  }
  bytes.resize(room);
  while (true) {
    ssize_t n = ::read(fd, bytes.data() + used, room - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      ::close(fd);
      bytes.clear();
      return false;
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
    if (regular && used < room) break;
    if (used == room) {
      room *= 2;
      bytes.resize(room);
    }
  }
  ::close(fd);
  bytes.resize(used);
  return true;
}

// Facts a worker keeps room for between documents.
constexpr size_t kKeptFacts = 4 * 1024;
// Bytes of a JSON record's text a worker keeps room for between records.
constexpr size_t kKeptRecordBytes = 1 << 20;
// Lines and records travel in blocks of about this many bytes, split into documents by
// the worker: the reading thread copies nothing per line and hands over one task per
// block. Small enough that the last block of a run is a short tail for the other worker.
constexpr size_t kLineBlock = 128 * 1024;
// Bytes asked of one read(2) on a stream.
constexpr size_t kReadChunk = 64 * 1024;

// Strings with room (input blocks, output rows) handed back after use and taken again,
// so that each block does not allocate fresh memory (above the allocator's mmap
// threshold, new pages are zeroed by the kernel on first touch) and a buffer freed on
// one thread does not go back to another thread's arena.
class BufferPool {
 public:
  std::string take() {
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.empty()) return {};
    std::string s = std::move(free_.back());
    free_.pop_back();
    return s;
  }
  // Keeps `s` (its size too: a reader uses the size as room, see Task::block_size).
  void give(std::string&& s) {
    if (s.capacity() < kMinRoom || s.capacity() > kMaxRoom) return;  // small, or a huge line's
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.size() < kMaxKept) free_.push_back(std::move(s));
  }

 private:
  static constexpr size_t kMinRoom = 16 * 1024, kMaxRoom = 8 << 20, kMaxKept = 64;
  std::mutex mu_;
  std::vector<std::string> free_;
};

// A read-only mapping of a regular file, shared by the blocks that view it (each
// block's Task keeps it alive): the lines are read where they are, without the read(2)
// copy (3% of a --jobs 1 run over a JSONL file).
//
// A file that shrinks while mapped would end the process with SIGBUS when a page past
// its new end is read. So while mapped, its pages are listed for the SIGBUS handler,
// which puts zero pages over the rest of the mapping and marks it changed: the read
// goes on (NUL bytes: binary or malformed records) and the input is reported as failed
// (FileMapping::changed). A SIGBUS anywhere else keeps its default action.
// The mappings the SIGBUS handler knows (process-wide, as signal handlers are).
struct MappingSlot {
  std::atomic<bool> taken{false};
  std::atomic<uintptr_t> start{0};
  std::atomic<size_t> size{0};
  std::atomic<bool> changed{false};
};
MappingSlot mapping_slots[16];
size_t mapping_page_size = 4096;

}  // namespace

class FileMapping {
 public:
  // Maps the first `size` bytes of `fd`; null when that fails or all slots are taken.
  static std::shared_ptr<FileMapping> create(int fd, size_t size) {
    install_handler();
    Slot* slot = nullptr;
    for (Slot& s : mapping_slots) {
      bool expected = false;
      if (s.taken.compare_exchange_strong(expected, true)) {
        slot = &s;
        break;
      }
    }
    if (slot == nullptr) return nullptr;
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
      slot->taken.store(false);
      return nullptr;
    }
    ::madvise(p, size, MADV_SEQUENTIAL);
    const size_t room = (size + mapping_page_size - 1) / mapping_page_size * mapping_page_size;
    slot->changed.store(false);
    slot->size.store(room);
    slot->start.store(reinterpret_cast<uintptr_t>(p));
    return std::shared_ptr<FileMapping>(new FileMapping(static_cast<const char*>(p), size, slot));
  }
  ~FileMapping() {
    slot_->start.store(0);
    ::munmap(const_cast<char*>(data_), slot_->size.load());
    slot_->taken.store(false);
  }
  FileMapping(const FileMapping&) = delete;
  FileMapping& operator=(const FileMapping&) = delete;

  std::string_view bytes() const { return {data_, size_}; }
  // Gives back the pages of the mapping up to `end`, once every block before it has
  // been processed (so it is called in order, as blocks are emitted): otherwise every
  // page read would stay mapped, and the process's memory would grow with the file.
  // A page fault maps the pages around it too (fault-around), so reading a block can
  // map again the last 64 KB before it: each call gives those back once more. A page
  // still needed is read again from the page cache.
  // Pages go back 2 MB at a time: each madvise costs the other cores a TLB flush
  // (an interrupt each: 1% of a --jobs 2 run when done for every 128 KB block).
  void release_to(const char* end) {
    constexpr size_t kFaultAround = 64 * 1024, kChunk = 2 << 20;
    if (end - released_ < static_cast<ptrdiff_t>(kChunk)) return;
    const char* from = released_ - data_ > static_cast<ptrdiff_t>(kFaultAround) ? released_ - kFaultAround : data_;
    const uintptr_t page = reinterpret_cast<uintptr_t>(from) / mapping_page_size * mapping_page_size;
    if (end > from) ::madvise(reinterpret_cast<void*>(page), static_cast<size_t>(end - reinterpret_cast<const char*>(page)), MADV_DONTNEED);
    released_ = std::max(released_, end);
  }
  // True after the file shrank under the mapping.
  bool changed() const { return slot_->changed.load(std::memory_order_relaxed); }
  // True, once, after the file shrank under the mapping.
  bool report_changed() { return slot_->changed.load() && !reported_.exchange(true); }

 private:
  using Slot = MappingSlot;
  FileMapping(const char* data, size_t size, Slot* slot) : data_(data), size_(size), slot_(slot), released_(data) {}

  static void install_handler() {
    static std::once_flag once;
    std::call_once(once, [] {
      mapping_page_size = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
      struct sigaction sa {};
      sa.sa_sigaction = on_sigbus;
      sa.sa_flags = SA_SIGINFO;
      sigemptyset(&sa.sa_mask);
      ::sigaction(SIGBUS, &sa, nullptr);
    });
  }
  // Only async-signal-safe work: atomics and mmap(2).
  static void on_sigbus(int, siginfo_t* info, void*) {
    const auto at = reinterpret_cast<uintptr_t>(info->si_addr);
    for (Slot& s : mapping_slots) {
      const uintptr_t start = s.start.load();
      const size_t size = s.size.load();
      if (start == 0 || at < start || at >= start + size) continue;
      const uintptr_t page = at / mapping_page_size * mapping_page_size;
      void* p = ::mmap(reinterpret_cast<void*>(page), start + size - page, PROT_READ,
                       MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p != MAP_FAILED) {
        s.changed.store(true);
        return;  // the read is tried again and finds zeros
      }
    }
    ::signal(SIGBUS, SIG_DFL);  // not one of ours: the default action when it comes again
  }

  const char* data_;
  size_t size_;
  Slot* slot_;
  const char* released_;  // pages before it given back (release_to)
  std::atomic<bool> reported_{false};
};

namespace {

// One document as the worker sees it.
struct DocIn {
  std::string_view raw;   // bytes to decode, UTF-8 text, or a JSON record (json)
  std::string_view name;  // in diagnostics
  std::string_view doc;   // doc id in the output (json: the record's "id" if it has one)
  std::string_view ref_date;
  text::Encoding encoding = text::Encoding::kAuto;
  bool needs_decode = true;
  bool json = false;
};

// Everything one run needs while documents flow: the extractor, the writers (one per
// worker, formatting in parallel) and the output state.
class Run {
 public:
  Run(const RunConfig& cfg, const Extractor& extractor, std::ostream& out, std::ostream& err, bool progress,
      unsigned workers)
      : cfg_(cfg),
        engine_(detail::Engine::of(extractor)),
        out_(out),
        err_(err),
        progress_(progress),
        extractions_(workers),
        facts_(workers),
        records_(workers),
        names_(workers),
        contexts_(workers),
        single_thread_(workers == 1) {
    WriterOptions wo = cfg.writer;
    wo.header = false;
    for (unsigned w = 0; w < workers; ++w) formatters_.emplace_back(cfg.format, wo);
  }

  BufferPool& blocks() { return blocks_; }

  Done process(Task& task, unsigned worker) {
    Done all;
    // One thread: every earlier document has been emitted, so the rows go straight
    // after those waiting in pending_ (emit takes the room back): no string of their
    // own to allocate and copy again.
    if (single_thread_) {
      all.output = std::move(pending_);
    } else {
      all.output = outputs_.take();
      all.output.clear();
    }
    if (task.first_line > 0) {
      process_block(task, worker, all);
      blocks_.give(std::move(task.bytes));
      return all;
    }
    if (task.batch.empty()) {
      guarded(all, task.name, [&] { process_into(task, worker, all); });
      return all;
    }
    // A batch: one output, the documents' rows and diagnostics in order. A failure in
    // one document (as OrderedRunner reports it) does not cost the others.
    // Each document adds to the one Done in place (its rows go straight after the
    // previous document's, without a copy per document).
    all.docs = 0;
    for (Task& t : task.batch) {
      guarded(all, t.name, [&] { process_into(t, worker, all); });
      ++all.docs;
    }
    return all;
  }

  // Runs `f`, which adds one document to `all`; if it throws, the document's partial
  // output and diagnostics go and the failure is reported.
  template <class F>
  void guarded(Done& all, std::string_view name, F&& f) {
    const size_t output_size = all.output.size(), diagnostics_size = all.diagnostics.size();
    const bool failed = all.failed;
    const size_t bytes = all.bytes;
    try {
      f();
    } catch (const std::exception& e) {
      all.output.resize(output_size);
      all.diagnostics.resize(diagnostics_size);
      all.diagnostics_at.resize(std::min(all.diagnostics_at.size(), diagnostics_size));
      all.bytes = bytes;
      all.failed = failed;
      all.diagnose("hanfacts: " + std::string(name) + ": internal error: " + e.what() + "; skipped");
      all.failed = true;
    }
  }

  // A block of lines (lines and jsonl input): each non-empty line is a document named
  // "name:N".
  void process_block(Task& task, unsigned worker, Done& all) {
    all.docs = 0;
    for (std::string& m : task.diagnostics) all.diagnose(std::move(m));
    if (task.failed) all.failed = true;
    // "name:line" per line, built in the worker's room: "name:" once per block, then
    // each line's number put in place of the last (one call a line, where building the
    // whole name took three).
    std::string& name = names_[worker];
    name.assign(task.name).append(1, ':');
    const size_t name_prefix = name.size();
    FileMapping* const mapping =
        task.mapping != nullptr ? task.mapping.get() : nullptr;
    std::string_view rest = task.mapping != nullptr
                                ? task.mapped
                                : std::string_view(task.bytes.data(), std::min(task.block_size, task.bytes.size()));
    size_t line_no = task.first_line - 1;
    const std::string_view block = rest;
    size_t next_end = 0, line_start = 0;  // in task.line_ends, in block
    while (task.line_ends.empty() ? !rest.empty() : next_end < task.line_ends.size()) {
      std::string_view line;
      if (task.line_ends.empty()) {
        const void* nl = std::memchr(rest.data(), '\n', rest.size());
        const size_t len = nl != nullptr ? static_cast<size_t>(static_cast<const char*>(nl) - rest.data()) : rest.size();
        line = rest.substr(0, len);
        rest.remove_prefix(nl != nullptr ? len + 1 : len);
      } else {
        const size_t line_end = task.line_ends[next_end++];
        line = block.substr(line_start, line_end - line_start);
        line_start = line_end + 1;
      }
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // UTF-8 BOM
      if (line.empty()) continue;
      // The zero pages put over a file that shrank (FileMapping) are no documents.
      if (line.front() == '\0' && mapping != nullptr && mapping->changed()) continue;
      char digits[24];
      const char* const digits_end = std::to_chars(digits, digits + sizeof digits, line_no).ptr;
      text::write_over(name, name_prefix, std::string_view(digits, static_cast<size_t>(digits_end - digits)));
      DocIn in;
      in.raw = line;
      in.name = name;
      in.doc = name;
      in.encoding = task.encoding;
      in.json = task.json;
      in.needs_decode = !task.json;
      guarded(all, name, [&] { process_doc(in, worker, all); });
      ++all.docs;
    }
    if (mapping != nullptr) {  // given back once emitted (Run::emit)
      all.mapping = task.mapping;
      all.mapped_end = task.mapped.data() + task.mapped.size();
    }
    if (mapping != nullptr && mapping->report_changed()) {
      all.diagnose(diag(task.name, "the file shrank while it was read; its end was read as NUL bytes"));
      all.failed = true;
    }
  }

  // Processes one file or stdin document, adding its output, diagnostics, failure and
  // size to `done`.
  void process_into(Task& task, unsigned worker, Done& done) {
    for (std::string& m : task.diagnostics) done.diagnose(std::move(m));
    if (task.failed) done.failed = true;
    if (!task.path.empty() && !task.skip) {
      std::string error;
      if (!read_whole_file(task.path, task.listed_regular, task.bytes, error)) {
        done.diagnose(diag(task.name, error));
        done.failed = true;
        return;
      }
    }
    if (task.skip) {
      done.bytes += task.bytes.size();
      return;
    }
    DocIn in;
    in.raw = task.bytes;
    in.name = task.name;
    in.doc = task.doc;
    in.encoding = task.encoding;
    in.needs_decode = task.needs_decode;
    process_doc(in, worker, done);
  }

  void process_doc(const DocIn& in, unsigned worker, Done& done) {
    std::string_view doc = in.doc;
    std::string_view ref_date = in.ref_date;
    std::string_view raw = in.raw;
    JsonRecord& rec = records_[worker];
    struct ReleaseRecord {  // a huge record's room is not kept for the rest of the run
      JsonRecord& rec;
      ~ReleaseRecord() {
        if (rec.text.capacity() > kKeptRecordBytes) std::string().swap(rec.text);
      }
    } release_record{rec};
    if (in.json) {
      // The worker's record, reused: the text is decoded into the room of an earlier
      // record instead of a new string per record.
      std::string error;
      if (!parse_json_record(raw, rec, error)) {
        done.diagnose(diag(in.name, "malformed JSON record: " + error + "; skipped"));
        done.failed = true;
        return;
      }
      if (!rec.id.empty()) doc = rec.id;
      ref_date = rec.date;
      raw = rec.text;
    }
    done.bytes += raw.size();
    std::string decoded_storage;
    std::string_view text;
    // Decodes raw into text; false when the document is to be skipped (binary).
    auto decode = [&] {
      text::Decoded d = text::decode_in_place(raw, in.encoding, text);
      if (d.binary) {
        done.diagnose(diag(in.name, cfg_.input == InputMode::kText ? "binary file (NUL bytes in the first 8 KB); skipped"
                                                                   : "binary data (NUL bytes); skipped"));
        done.failed = true;
        return false;
      }
      if (!d.warning.empty()) {
        done.diagnose(diag(in.name, d.warning));
        done.failed = true;
      } else if (in.encoding == text::Encoding::kAuto && d.encoding != "UTF-8" && !cfg_.quiet) {
        done.diagnose(diag(in.name, "note: decoded as " + d.encoding));
      }
      if (!d.in_place) {  // converted or repaired: the result
        decoded_storage = std::move(d.text);
        text = decoded_storage;
      }
      return true;
    };
    // Bytes that decode_in_place would take as they are if they are valid UTF-8 are not
    // checked beforehand: the fold checks them in its pass (first_invalid), and only a
    // document with a malformed sequence (rare) is decoded properly and run again. The
    // check was a second pass over every byte (2.7% of a run over many files).
    bool unchecked = false;
    if (in.needs_decode && (in.encoding == text::Encoding::kAuto || in.encoding == text::Encoding::kUtf8) &&
        std::memchr(raw.data(), '\0', std::min<size_t>(raw.size(), 8192)) == nullptr &&
        !(in.encoding == text::Encoding::kAuto && raw.size() >= 2 &&
          (raw.substr(0, 2) == "\xFF\xFE" || raw.substr(0, 2) == "\xFE\xFF"))) {
      text = raw.substr(0, 3) == "\xEF\xBB\xBF" ? raw.substr(3) : raw;
      unchecked = true;
    } else if (in.needs_decode) {
      if (!decode()) return;
    } else {
      text = raw;
    }
    if (text.empty() && cfg_.input == InputMode::kText && !cfg_.quiet) {
      done.diagnose(diag(in.name, in.name == "-" ? "note: empty input" : "note: empty file"));
    }
    // The worker's context, reused (its strings keep their room).
    DocContext& ctx = contexts_[worker];
    text::write_over(ctx.id, doc);
    ctx.ref_date.clear();
    if (!cfg_.ref_date.empty()) {
      ctx.ref_date = cfg_.ref_date;
      ctx.ref_source = "option";
    } else if (!ref_date.empty()) {
      ctx.ref_date.assign(ref_date);
      ctx.ref_source = "record";
    }
    // The document's facts as the engine's views (formatted from there: no Fact strings
    // to fill), and the rest of its Extraction; both the worker's, reused.
    Extraction& ex = extractions_[worker];
    std::vector<core::FactView>& facts = facts_[worker];
    struct Release {  // a huge document's facts are not kept for the rest of the run
      std::vector<core::FactView>& facts;
      ~Release() {
        if (facts.capacity() > kKeptFacts) std::vector<core::FactView>().swap(facts);
      }
    } release{facts};
    engine_.extract_views(text, ctx, ex, facts);
    if (unchecked && std::any_of(ex.warnings.begin(), ex.warnings.end(),
                                 [](const std::string& w) { return w.rfind("invalid UTF-8", 0) == 0; })) {
      if (!decode()) return;
      engine_.extract_views(text, ctx, ex, facts);
    }
    if (in.json && !ex.warnings.empty()) {
      // The fold checks UTF-8 in its pass (first_invalid), so record text is not
      // checked beforehand: text with invalid bytes (rare) is repaired and run again.
      const size_t bad = text::find_invalid_utf8(text);
      if (bad != std::string::npos) {
        text::repair_utf8(text, decoded_storage);
        done.diagnose(diag(in.name, "invalid UTF-8 in \"text\" at byte " + std::to_string(bad) +
                                        " (replaced with U+FFFD)"));
        done.failed = true;
        text = decoded_storage;
        engine_.extract_views(text, ctx, ex, facts);
      }
    }
    for (const std::string& w : ex.warnings) {
      // The decoder already reported invalid bytes; other warnings are new.
      if (w.rfind("invalid UTF-8", 0) == 0 && !in.needs_decode) done.failed = true;
      else if (w.rfind("invalid UTF-8", 0) == 0) continue;
      done.diagnose(diag(in.name, w));
    }
    if (cfg_.explain) {
      done.diagnose(diag(in.name, "lang " + (ex.lang.empty() ? std::string("?") : ex.lang) + ", ref_date " +
                                      (ex.ref_date.empty() ? "none" : ex.ref_date) +
                                      (ex.ref_source.empty() ? "" : " (" + ex.ref_source + ")")));
      for (size_t k = 0; k < facts.size(); ++k) {
        const core::FactView& f = facts[k];
        done.diagnose(diag(in.name, "fact " + std::to_string(k + 1) + " " + std::string(fact_type_name(f.type)) + " '" +
                                        std::string(f.text) + "' rule " + std::string(f.rule)));
      }
    }
    formatters_[worker].append_views(done.output, {doc, text, ex, facts});
  }

  // Takes one finished document (or block); false stops the run. Messages go between
  // the rows where they belong (stdout and stderr may be one file: 2>&1); small row
  // sets wait in pending_ until kOutputBlock bytes have gathered (see flush_output).
  bool emit(Done& done) {
    if (single_thread_ && done.diagnostics.empty()) {  // the rows are pending_'s (process)
      pending_.swap(done.output);
      return emit_rest(done) && (pending_.size() < kOutputBlock || flush_output());
    }
    std::string_view rows = done.output;
    size_t from = 0;
    for (size_t k = 0; k < done.diagnostics.size(); ++k) {
      const size_t at = k < done.diagnostics_at.size() ? std::min(done.diagnostics_at[k], rows.size()) : 0;
      if (at > from && !put_rows(rows.substr(from, at - from))) return false;
      from = std::max(from, at);
      if (!flush_output()) return false;
      err_ << done.diagnostics[k] << '\n';
    }
    if (from < rows.size() && !put_rows(rows.substr(from))) return false;
    outputs_.give(std::move(done.output));
    return emit_rest(done) && (!done.drained || flush_output(true));
  }

  bool emit_rest(const Done& done) {
    if (done.mapping != nullptr) done.mapping->release_to(done.mapped_end);
    if (done.failed) failed_ = true;
    docs_ += done.docs;
    bytes_ += done.bytes;
    if (progress_) show_progress(false);
    return true;
  }

  // Rows to the output: a large set is written as it is; a small one joins pending_.
  bool put_rows(std::string_view rows) {
    if (rows.size() >= kOutputBlock / 4) {
      if (!flush_output()) return false;
      return write_out(rows);
    }
    pending_.append(rows);
    return pending_.size() < kOutputBlock || flush_output();
  }

  // Writes the rows gathered so far; false when that fails (the run then stops).
  // Called when a block is full, before messages, before the reader may wait for
  // input and at the end. `through`: also flushes the stream's own buffer (a slow
  // stream gets each line's rows as it comes, however few).
  bool flush_output(bool through = false) {
    if (pending_.empty() && !through) return !broken_pipe_ && write_error_.empty();
    bool ok = pending_.empty() ? !broken_pipe_ && write_error_.empty() : write_out(pending_);
    pending_.clear();
    if (pending_.capacity() > 4 * kOutputBlock) std::string().swap(pending_);  // a huge document's room goes
    if (ok && through) {
      errno = 0;
      out_.flush();
      if (!out_) ok = output_failed();
    }
    return ok;
  }

  bool write_out(std::string_view bytes) {
    errno = 0;
    out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
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
  const detail::Engine& engine_;
  std::ostream& out_;
  std::ostream& err_;
  bool progress_;
  std::vector<output::Formatter> formatters_;  // one per worker: rows go straight into Done::output
  std::vector<Extraction> extractions_;         // one per worker, reused (process_doc)
  std::vector<std::vector<core::FactView>> facts_;  // one per worker, reused (process_doc)
  std::vector<JsonRecord> records_;             // one per worker, reused (process_doc)
  std::vector<std::string> names_;              // one per worker: "name:line" (process_block)
  std::vector<DocContext> contexts_;            // one per worker, reused (process_doc)
  BufferPool blocks_;   // input blocks (lines, records), their size kept as room
  BufferPool outputs_;  // rows of a block or batch (with worker threads)
  // Rows written out in blocks of about this size: one write per document was a
  // system call per ~1 KB of rows (13,000 per 20 MB of JSONL), which cost as much CPU
  // time as a recognizer when the output is a pipe or a file.
  static constexpr size_t kOutputBlock = 256 * 1024;
  std::string pending_;  // rows emitted and not yet written
  // One worker (--jobs 1): documents are processed and emitted one after the other on
  // one thread, so a document's rows can be formatted into pending_ (process).
  bool single_thread_;
  bool failed_ = false;
  bool broken_pipe_ = false;
  std::string write_error_;
  size_t docs_ = 0, bytes_ = 0, total_docs_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_progress_{};
};

// Where a stream's bytes come from: a file descriptor (read(2), and poll(2) to tell
// whether more is there without waiting) or any std::istream (blocking reads).
class ByteSource {
 public:
  explicit ByteSource(int fd) : fd_(fd) {}
  explicit ByteSource(std::istream& in) : in_(&in) {}
  // Reads up to `n` bytes to `p`: the count, 0 at the end, -1 on an error.
  ssize_t read(char* p, size_t n) {
    if (in_ != nullptr) {
      in_->read(p, static_cast<std::streamsize>(n));
      const auto got = static_cast<ssize_t>(in_->gcount());
      if (got == 0 && in_->bad()) return -1;
      return got;
    }
    while (true) {
      const ssize_t got = ::read(fd_, p, n);
      if (got >= 0 || errno != EINTR) return got;
    }
  }
  // The rest of a regular file of at least `min_size` bytes, mapped (the descriptor
  // then stands at the mapping's end, so reads go on with whatever the file gained
  // meanwhile), and where in the mapping the rest starts. Null for anything else.
  std::shared_ptr<FileMapping> map_rest(size_t min_size, size_t& from) {
    struct stat st;
    if (in_ != nullptr || ::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) return nullptr;
    const off_t at = ::lseek(fd_, 0, SEEK_CUR);
    if (at < 0 || st.st_size - at < static_cast<off_t>(min_size)) return nullptr;
    auto mapping = FileMapping::create(fd_, static_cast<size_t>(st.st_size));
    if (mapping == nullptr || ::lseek(fd_, st.st_size, SEEK_SET) < 0) return nullptr;
    from = static_cast<size_t>(at);
    return mapping;
  }
  // True when a read would return without waiting for a writer (or when that cannot
  // be told: a stream's reads block anyway), waiting up to `timeout_ms` for it.
  bool ready(int timeout_ms = 0) {
    if (in_ != nullptr) return true;
    pollfd p{fd_, POLLIN, 0};
    const int n = ::poll(&p, 1, timeout_ms);
    return n != 0;  // an error: let the read report it
  }

 private:
  int fd_ = -1;
  std::istream* in_ = nullptr;
};

const bool kHasAvx2 = text::cpu::avx2();

[[gnu::target("avx2")]] void find_newlines_avx2(const char* p, size_t n, std::vector<uint32_t>& ends) {
  const __m256i nl = _mm256_set1_epi8('\n');
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    for (auto m = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, nl))); m != 0; m &= m - 1)
      ends.push_back(static_cast<uint32_t>(i + static_cast<size_t>(__builtin_ctz(m))));
  }
  for (; i < n; ++i)
    if (p[i] == '\n') ends.push_back(static_cast<uint32_t>(i));
}

// Where the lines of `block` end (Task::line_ends), in one pass over it: a memchr per
// line (~1 KB each) on the reading thread, and again in the worker, cost more than the
// search itself. Leaves `ends` empty for a block too long for 32-bit offsets.
void find_line_ends(std::string_view block, std::vector<uint32_t>& ends) {
  ends.clear();
  if (block.size() >= UINT32_MAX) return;
  ends.reserve(block.size() / 512 + 8);
  if (kHasAvx2) {
    find_newlines_avx2(block.data(), block.size(), ends);
  } else {
    for (const char *p = block.data(), *stop = p + block.size(); p < stop; ++p) {
      p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(stop - p)));
      if (p == nullptr) break;
      ends.push_back(static_cast<uint32_t>(p - block.data()));
    }
  }
  if (!block.empty() && block.back() != '\n') ends.push_back(static_cast<uint32_t>(block.size()));  // no newline
}

// Feeds every line of `src` as a document (lines and jsonl modes), in blocks of whole
// lines that the workers split. Returns false when the run was stopped.
// A block never waits for input that is not there yet: when nothing more can be read
// at once, the complete lines so far go, so a slow stream still gets each line's rows as
// it comes. `idle` is called before a read that may wait (false stops the run).
bool feed_lines(ByteSource& src, const std::string& name, const RunConfig& cfg, Run& state, OrderedRunner& runner,
                const std::function<bool()>& idle) {
  constexpr size_t kHead = 64 * 1024;
  // Regular files of this size or more are mapped rather than read (FileMapping).
  constexpr size_t kMinMapped = 1 << 20;
  std::string buf = state.blocks().take();
  size_t end = 0;  // bytes of buf read so far (buf's size is its room)
  bool eof = false, read_error = false;
  auto read_some = [&](size_t want) {
    if (buf.size() < end + want) {
      // Room for a block and a read, doubled for a line longer than that, is made (and
      // cleared) once there are bytes for it: a first read into a small local buffer
      // finds the end of the input without it (after a mapped file, the usual case,
      // where the room cleared for nothing was a memset of 192 KB per input).
      char first[4096];
      const ssize_t got = src.read(first, std::min(want, sizeof first));
      if (got < 0) read_error = true;
      if (got <= 0) {
        eof = true;
        return;
      }
      buf.resize(std::max({end + want, 2 * buf.size(), kLineBlock + kReadChunk}));
      std::memcpy(buf.data() + end, first, static_cast<size_t>(got));
      end += static_cast<size_t>(got);
      return;
    }
    const ssize_t n = src.read(buf.data() + end, want);
    if (n < 0) read_error = true;
    if (n <= 0) eof = true;
    else end += static_cast<size_t>(n);
  };
  size_t mapped_from = 0;
  std::shared_ptr<FileMapping> mapping = src.map_rest(kMinMapped, mapped_from);
  const std::string_view mapped = mapping != nullptr ? mapping->bytes().substr(mapped_from) : std::string_view();
  // The head (the first 64 KB, or less at the end) is inspected before any line is
  // taken, to decide the encoding of the whole input and to spot binary data. A slow
  // stream is not waited for beyond a complete line and a short pause.
  while (mapping == nullptr && !eof && end < kHead) {
    if (end > 0 && std::memchr(buf.data(), '\n', end) != nullptr && !src.ready(50)) break;
    read_some(kHead - end);
  }
  const std::string_view head =
      mapping != nullptr ? mapped.substr(0, kHead) : std::string_view(buf.data(), std::min(end, kHead));
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
  size_t lines = 0;       // lines handed over so far
  size_t no_newline = 0;  // buf[0, no_newline) holds no '\n'
  // A task for `block` (whole lines, or the last bytes of the input).
  auto block_task = [&](std::string_view block) {
    Task t;
    t.name = name;
    t.encoding = encoding;
    t.json = cfg.input == InputMode::kJsonl;
    t.needs_decode = !t.json;
    t.first_line = lines + 1;
    t.diagnostics = std::move(first_notes);
    first_notes.clear();
    find_line_ends(block, t.line_ends);
    if (!t.line_ends.empty() || block.empty()) {
      lines += t.line_ends.size();
    } else {
      for (const char *p = block.data(), *stop = p + block.size(); p < stop; ++lines) {
        const void* nl = std::memchr(p, '\n', static_cast<size_t>(stop - p));
        p = nl != nullptr ? static_cast<const char*>(nl) + 1 : stop;  // the last line may lack a newline
      }
    }
    return t;
  };
  // The mapped part: blocks of whole lines viewed where they are, the last one too when
  // the mapping ends with a newline (the usual end of a file). What follows its last
  // newline is copied to buf, and reading goes on from there.
  if (mapping != nullptr) {
    size_t pos = 0;
    while (pos < mapped.size()) {
      size_t cut = mapped.size();  // the last lines, when they end the mapping
      if (mapped.size() - pos > kLineBlock) {
        const void* nl = memrchr(mapped.data() + pos, '\n', kLineBlock);
        if (nl == nullptr) nl = std::memchr(mapped.data() + pos + kLineBlock, '\n', mapped.size() - pos - kLineBlock);
        if (nl == nullptr) break;  // one long last line: read below
        cut = static_cast<size_t>(static_cast<const char*>(nl) - mapped.data()) + 1;
      } else if (mapped.back() != '\n') {
        break;  // a cut last line: read below, with what the file may gain
      }
      Task t = block_task(mapped.substr(pos, cut - pos));
      t.mapped = mapped.substr(pos, cut - pos);
      t.size_hint = t.mapped.size();
      t.mapping = mapping;
      if (!runner.submit(std::move(t))) return false;
      pos = cut;
    }
    // Room for the rest only: read_some makes room for what may follow.
    const size_t rest = mapped.size() - pos;
    if (buf.size() < rest) buf.resize(rest);
    std::memcpy(buf.data(), mapped.data() + pos, rest);
    end = rest;
  }
  // Hands over buf[0, size) and keeps the rest for the next block.
  auto hand_over = [&](size_t size) {
    Task t = block_task(std::string_view(buf.data(), size));
    std::string next = state.blocks().take();
    if (next.size() < end - size + kLineBlock + kReadChunk) next.resize(end - size + kLineBlock + kReadChunk);
    std::memcpy(next.data(), buf.data() + size, end - size);
    end -= size;
    no_newline = end;  // what follows the last newline
    t.block_size = size;
    t.bytes = std::move(buf);
    buf = std::move(next);
    return runner.submit(std::move(t));
  };
  // Hands over the complete lines read so far, if any.
  auto hand_over_lines = [&] {
    const void* nl = end > no_newline ? memrchr(buf.data() + no_newline, '\n', end - no_newline) : nullptr;
    if (nl == nullptr) {
      no_newline = end;  // a long line is not searched again as it grows
      return true;
    }
    return hand_over(static_cast<size_t>(static_cast<const char*>(nl) - buf.data()) + 1);
  };
  while (!eof) {
    if (end >= kLineBlock) {
      if (!hand_over_lines()) return false;
    } else if (!src.ready()) {
      // Nothing more to read at once: the lines so far go, and what is done goes out
      // before the read waits.
      if (!hand_over_lines() || !idle()) return false;
    }
    read_some(kReadChunk);
  }
  if (end > 0 && !hand_over(end)) return false;
  state.blocks().give(std::move(buf));
  if (read_error) {
    Task t;
    t.name = name;
    t.diagnostics.push_back(diag(name, "read error after line " + std::to_string(lines)));
    t.failed = t.skip = true;
    return runner.submit(std::move(t));
  }
  return true;
}

// `in_fd`: the descriptor behind `in` (standard input), read directly in lines and jsonl
// modes so that a slow stream's lines are taken as they come; -1 reads `in` instead.
int run(const std::vector<std::string>& args, std::istream& in, int in_fd, std::ostream& out, std::ostream& err,
        bool err_is_tty) {
  RunConfig cfg;
  if (int code = parse_args(args, cfg, out, err); code >= 0) return code;

  // (Options::rule_names and fact_text do not matter here: the command reads the facts
  // as views, Engine::extract_views, which always see the rule name and the surface.)
  // The paths are expanded (folders walked) on another thread while the extractor is
  // built: both take tens of milliseconds before any document can start (a folder of
  // 187,000 files, the lexicons). The walk's messages wait until the extractor is there:
  // a set-up error ends the run alone, as before.
  std::vector<Input> inputs;
  std::vector<std::string> walk_errors;
  auto walk = [&] {
    inputs = expand_inputs(cfg.paths, cfg.glob,
                           [&](const std::string& p, const std::string& m) { walk_errors.push_back(diag(p, m)); });
  };
  const bool any_path = std::any_of(cfg.paths.begin(), cfg.paths.end(), [](const std::string& p) { return p != "-"; });
  std::thread walker;
  if (any_path) walker = std::thread(walk);
  auto made = Extractor::Create(cfg.extractor);
  if (walker.joinable()) walker.join();
  else walk();
  if (!made.ok()) {
    err << "hanfacts: " << made.status().to_string() << '\n';
    return kExitSetup;
  }
  const Extractor& extractor = made.value();
  for (const std::string& e : walk_errors) err << e << '\n';
  const bool walk_failed = !walk_errors.empty();
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
    // Lines and records travel in blocks of kLineBlock bytes, files in batches of up to
    // kBatchFiles: a few of those in flight per worker keep it busy between two
    // wake-ups of the reading thread; the byte bound keeps memory flat.
    constexpr size_t kBatchFiles = 32;
    OrderedRunner runner(
        jobs, [&](Task& t, unsigned w) { return state.process(t, w); }, [&](Done& d) { return state.emit(d); },
        (cfg.input == InputMode::kText ? 8 : 4) * static_cast<size_t>(jobs), size_t{16} << 20);
    const std::function<bool()> idle = [&] { return jobs > 1 || state.flush_output(true); };
    Task files;  // the batch of files being filled (--jobs > 1)
    auto flush_files = [&] {
      if (files.batch.empty()) return true;
      const bool submitted = runner.submit(std::move(files));
      files = Task{};
      return submitted;
    };
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
          ok = flush_files() && runner.submit(std::move(t));
        } else {
          // Read by the worker: file reads then overlap as well (many small files make
          // the reading, not the extraction, the slow part). The size is the walk's,
          // when it had one (a hint for the byte window).
          t.path = input.path;
          t.size_hint = input.size;
          t.listed_regular = input.from_folder;
          if (jobs == 1) {
            ok = runner.submit(std::move(t));
          } else {
            files.size_hint += t.size_hint;
            files.batch.push_back(std::move(t));
            if (files.batch.size() >= kBatchFiles || files.size_hint >= kLineBlock) ok = flush_files();
          }
        }
      } else {
        ok = flush_files();
        if (!ok) break;
        int fd = is_stdin ? in_fd : ::open(input.path.c_str(), O_RDONLY | O_CLOEXEC);
        if (!is_stdin && fd < 0) {
          Task t;
          t.name = name;
          t.diagnostics.push_back(diag(name, std::strerror(errno)));
          t.failed = t.skip = true;
          ok = runner.submit(std::move(t));
        } else if (fd < 0) {  // stdin without a descriptor (Main called with a stream)
          ByteSource src(in);
          ok = feed_lines(src, name, cfg, state, runner, idle);
        } else {
          ByteSource src(fd);
          ok = feed_lines(src, name, cfg, state, runner, idle);
          if (!is_stdin) ::close(fd);
        }
      }
      if (!ok) break;
    }
    if (ok) ok = flush_files();
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
    return run(args, in, -1, out, err, false);
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
    return run(args, std::cin, 0, std::cout, std::cerr, ::isatty(2) != 0);
  } catch (const std::exception& e) {
    std::cerr << "hanfacts: internal error: " << e.what() << '\n';
    return kExitSetup;
  }
}

}  // namespace hanfacts::cli
