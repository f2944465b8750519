// Ordered parallel processing: documents run on N worker threads and come out in
// submission order, with a bounded number of documents and bytes in flight so memory
// stays flat (one document larger than the byte bound still runs, alone).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "text/decode.h"

namespace hanfacts::cli {

// One unit of work: a document to decode, extract and format.
struct Task {
  std::string doc;                       // document id written in the output
  std::string name;                      // name in diagnostics (path or path:line)
  std::string bytes;                     // raw bytes, or UTF-8 text when !needs_decode
  // When set, `bytes` is still to be read from this file, by the worker (so reads run
  // in parallel too); `size_hint` (its size when listed) counts towards the byte window.
  std::string path;
  size_t size_hint = 0;
  bool needs_decode = true;
  // `bytes` is a JSONL record line, parsed by the worker (so that parsing runs in
  // parallel too); its "text" is UTF-8, repaired there if invalid.
  bool json = false;
  text::Encoding encoding = text::Encoding::kAuto;  // how to decode `bytes`
  std::string ref_date;                  // from a JSONL record's "date"; "" if none
  std::vector<std::string> diagnostics;  // already known problems ("hanfacts: ..." lines)
  bool failed = false;                   // counts towards exit code 1
  bool skip = false;                     // nothing to extract (read error, bad record)
  // Several small documents (lines, records) handed over as one unit of work, in
  // order; the fields above are then unused. Fewer hand-overs between threads.
  std::vector<Task> batch;
};

// A processed document: its formatted output and its diagnostics.
struct Done {
  std::string output;
  std::vector<std::string> diagnostics;
  bool failed = false;
  size_t bytes = 0;  // input size, for progress
  size_t docs = 1;   // documents in it (a batch has several)
};

class OrderedRunner {
 public:
  using Process = std::function<Done(Task&, unsigned worker)>;
  using Emit = std::function<bool(Done&)>;  // false: stop the run (output closed or failed)

  // jobs == 1 runs everything on the calling thread. At most `window` documents (0: 4 x
  // jobs) and `window_bytes` input bytes are in flight; a document larger than that runs
  // alone.
  OrderedRunner(unsigned jobs, Process process, Emit emit, size_t window = 0, size_t window_bytes = SIZE_MAX);
  ~OrderedRunner();
  OrderedRunner(const OrderedRunner&) = delete;
  OrderedRunner& operator=(const OrderedRunner&) = delete;

  // Queues a document; may block while the window is full, emitting finished documents
  // in order meanwhile. Returns false once the run has been stopped by Emit.
  bool submit(Task&& task);
  // Waits for every queued document and emits the rest. Returns false if stopped.
  bool finish();

 private:
  void work(unsigned worker);
  // Emits every finished document that is next in order; with `wait`, blocks until
  // at least the next one is ready (or nothing is pending).
  void drain(bool wait);

  const unsigned jobs_;
  const size_t window_;       // documents in flight
  const size_t window_bytes_;  // input bytes in flight
  // Input sizes of the documents submitted and not yet emitted, in order (main thread).
  std::deque<size_t> sizes_;
  size_t bytes_in_flight_ = 0;
  Process process_;
  Emit emit_;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable work_ready_;
  std::condition_variable done_ready_;
  std::deque<std::pair<size_t, Task>> queue_;
  std::map<size_t, Done> done_;
  size_t submitted_ = 0;
  size_t emitted_ = 0;
  // Wake-ups cost system calls, so each side is woken only when it is waiting and has
  // something to do: a worker when work is queued, the main thread when the next
  // document is done and the queue is low (it then emits and refills in one go).
  unsigned idle_workers_ = 0;
  bool main_waiting_ = false;
  bool main_can_go() const;  // under mu_
  bool closing_ = false;
  bool stopped_ = false;
};

}  // namespace hanfacts::cli
