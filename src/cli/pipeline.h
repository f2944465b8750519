// Ordered parallel processing: documents run on N worker threads and come out in
// submission order, with a bounded number of documents and bytes in flight so memory
// stays flat (one document larger than the byte bound still runs, alone).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "text/decode.h"

namespace hanfacts::cli {

// A read-only mapping of an input file (cli.cpp), kept alive by the blocks that view it.
class FileMapping;

// One unit of work: a document to decode, extract and format.
struct Task {
  std::string doc;                       // document id written in the output
  std::string name;                      // name in diagnostics (path or path:line)
  std::string bytes;                     // raw bytes, or UTF-8 text when !needs_decode
  // When set, `bytes` is still to be read from this file, by the worker (so reads run
  // in parallel too); `size_hint` (its size when listed) counts towards the byte window.
  std::string path;
  size_t size_hint = 0;
  bool listed_regular = false;  // a folder's listing showed `path` a regular file (no fstat needed)
  bool needs_decode = true;
  // A block's lines are JSONL records, parsed by the worker (so that parsing runs in
  // parallel too); their "text" is UTF-8, repaired there if invalid.
  bool json = false;
  text::Encoding encoding = text::Encoding::kAuto;  // how to decode `bytes`
  std::vector<std::string> diagnostics;  // already known problems ("hanfacts: ..." lines)
  bool failed = false;                   // counts towards exit code 1
  bool skip = false;                     // nothing to extract (read error, bad record)
  // Several small documents (files) handed over as one unit of work, in order; the
  // fields above are then unused. Fewer hand-overs between threads.
  std::vector<Task> batch;
  // > 0: `bytes` is a block of whole lines (lines and jsonl input), the first being
  // line `first_line` of the input named `name`; the worker splits it into documents.
  size_t first_line = 0;
  // The block's size: only bytes[0, block_size) count (the rest is the buffer's room,
  // kept sized so that reading into it does not zero-fill it first).
  size_t block_size = 0;
  // Where each of the block's lines ends (its newline, or the block's end for a last
  // line without one), found by the reading thread in the pass that counts them, so
  // the worker does not search for them again. Empty: not recorded (a block of 4 GB
  // or more), the worker splits the block itself.
  std::vector<uint32_t> line_ends;
  // Or the block is `mapped`: a view into a file mapping that `mapping` keeps alive
  // (bytes is then empty and size_hint the view's size).
  std::string_view mapped;
  std::shared_ptr<FileMapping> mapping;
};

// A processed document: its formatted output and its diagnostics.
struct Done {
  std::string output;
  std::vector<std::string> diagnostics;
  // Where each diagnostic goes among the rows: diagnostics[k] is written after the
  // first diagnostics_at[k] bytes of `output` (a document's messages before its own
  // rows, after the rows of the documents before it in a batch). Missing entries: 0.
  std::vector<size_t> diagnostics_at;
  bool failed = false;
  size_t bytes = 0;  // input size, for progress
  size_t docs = 1;   // documents in it (a batch has several)
  // The file mapping a block of lines was viewed in, and the block's end there: its
  // pages are given back once the block is emitted.
  std::shared_ptr<FileMapping> mapping;
  const char* mapped_end = nullptr;
  // Set by the runner (with worker threads) when nothing else was in flight as this
  // was emitted: the input is slower than the workers, so rows should not wait.
  bool drained = false;

  // Adds a message that goes before any row added after it.
  void diagnose(std::string message) {
    diagnostics_at.resize(diagnostics.size(), 0);
    diagnostics.push_back(std::move(message));
    diagnostics_at.push_back(output.size());
  }
};

class OrderedRunner {
 public:
  using Process = std::function<Done(Task&, unsigned worker)>;
  using Emit = std::function<bool(Done&)>;  // false: stop the run (output closed or failed)

  // jobs == 1 runs everything on the calling thread. At most `window` documents (0: 4 x
  // jobs) and `window_bytes` input bytes are in flight; a document larger than that runs
  // alone. With worker threads, Emit runs on whichever worker finishes the document
  // that is next in order (one call at a time, in order): output goes out as soon as it
  // is ready, also while the submitting thread waits for input.
  OrderedRunner(unsigned jobs, Process process, Emit emit, size_t window = 0, size_t window_bytes = SIZE_MAX);
  ~OrderedRunner();
  OrderedRunner(const OrderedRunner&) = delete;
  OrderedRunner& operator=(const OrderedRunner&) = delete;

  // Queues a document; may block while the window is full. Returns false once the run
  // has been stopped by Emit.
  bool submit(Task&& task);
  // Waits until every queued document has been emitted. Returns false if stopped.
  // Rethrows (as std::runtime_error) an exception that escaped Emit on a worker.
  bool finish();
  // True when nothing submitted is still waiting to be emitted.
  bool idle();

 private:
  void work(unsigned worker);
  // Emits, in order, every finished document that is next; called with `lock` held by
  // a worker that finished the next one, while no other is emitting.
  void emit_ready(std::unique_lock<std::mutex>& lock);

  const unsigned jobs_;
  const size_t window_;        // documents in flight
  const size_t window_bytes_;  // input bytes in flight
  Process process_;
  Emit emit_;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable work_ready_;
  std::condition_variable room_ready_;
  std::deque<std::pair<size_t, Task>> queue_;
  // Finished documents waiting for their turn, by submission number modulo the ring's
  // size (at most window_ are in flight), with their input sizes.
  struct Slot {
    Done done;
    bool ready = false;
  };
  std::vector<Slot> slots_;
  std::deque<size_t> sizes_;  // input sizes of the documents not yet emitted, in order
  size_t bytes_in_flight_ = 0;
  size_t submitted_ = 0;
  size_t emitted_ = 0;
  bool emitting_ = false;  // a worker is in emit_ready
  // Wake-ups cost system calls, so each side is woken only when it waits and has
  // something to do: a worker when work is queued, the submitting thread when the
  // window has room again (half of it, so that it refills several at once).
  unsigned idle_workers_ = 0;
  bool main_waiting_ = false;
  bool closing_ = false;
  bool stopped_ = false;
  std::string emit_error_;  // what escaped Emit on a worker
};

}  // namespace hanfacts::cli
