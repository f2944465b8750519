#include "cli/pipeline.h"

#include <algorithm>
#include <exception>
#include <stdexcept>

namespace hanfacts::cli {
namespace {

// A worker must not let an exception escape (that would end the process): the
// document is reported as failed instead and the run goes on.
Done run_guarded(const OrderedRunner::Process& process, Task& task, unsigned worker) {
  try {
    return process(task, worker);
  } catch (const std::exception& e) {
    Done done;
    done.diagnostics.push_back("hanfacts: " + task.name + ": internal error: " + e.what() + "; skipped");
    done.failed = true;
    return done;
  }
}

}  // namespace

OrderedRunner::OrderedRunner(unsigned jobs, Process process, Emit emit, size_t window, size_t window_bytes)
    : jobs_(jobs == 0 ? 1 : jobs),
      window_(window != 0 ? window : 4 * static_cast<size_t>(jobs_)),
      window_bytes_(window_bytes),
      process_(std::move(process)),
      emit_(std::move(emit)) {
  if (jobs_ > 1) {
    slots_.resize(window_);
    for (unsigned w = 0; w < jobs_; ++w) threads_.emplace_back([this, w] { work(w); });
  }
}

OrderedRunner::~OrderedRunner() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
    queue_.clear();
  }
  work_ready_.notify_all();
  for (auto& t : threads_) t.join();
}

void OrderedRunner::work(unsigned worker) {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    ++idle_workers_;
    if (stopped_ && main_waiting_) room_ready_.notify_one();  // finish() waits for the workers to settle
    work_ready_.wait(lock, [&] { return closing_ || !queue_.empty(); });
    --idle_workers_;
    if (queue_.empty()) return;
    std::pair<size_t, Task> item = std::move(queue_.front());
    queue_.pop_front();
    const bool skip = stopped_;
    lock.unlock();
    Done done = skip ? Done() : run_guarded(process_, item.second, worker);
    // The task's buffers are freed here, outside the lock.
    item.second = Task();
    lock.lock();
    Slot& slot = slots_[item.first % window_];
    slot.done = std::move(done);
    slot.ready = true;
    if (item.first == emitted_ && !emitting_) emit_ready(lock);
  }
}

void OrderedRunner::emit_ready(std::unique_lock<std::mutex>& lock) {
  emitting_ = true;
  while (submitted_ > emitted_ && slots_[emitted_ % window_].ready) {
    Slot& slot = slots_[emitted_ % window_];
    Done done = std::move(slot.done);
    slot.ready = false;
    done.drained = emitted_ + 1 == submitted_;
    const bool stopped = stopped_ || closing_;
    // Writing happens without the lock, so the other workers and the submitting
    // thread go on meanwhile; no one else emits (emitting_) and this slot's number is
    // not reused before emitted_ moves on.
    lock.unlock();
    bool ok = true;
    std::string error;
    if (!stopped) {
      try {
        ok = emit_(done);
      } catch (const std::exception& e) {
        ok = false;
        error = e.what();
      }
    }
    done = Done();
    lock.lock();
    if (!ok) {
      stopped_ = true;
      queue_.clear();
      if (!error.empty() && emit_error_.empty()) emit_error_ = error;
    }
    ++emitted_;
    bytes_in_flight_ -= sizes_.front();
    sizes_.pop_front();
  }
  emitting_ = false;
  // The submitting thread waits for room (half the window, so that it refills several
  // at once), or for the end, or for a stop.
  const size_t in_flight = submitted_ - emitted_;
  if (main_waiting_ && (in_flight <= window_ / 2 || stopped_)) room_ready_.notify_one();
}

bool OrderedRunner::idle() {
  if (jobs_ == 1) return true;
  std::lock_guard<std::mutex> lock(mu_);
  return submitted_ == emitted_;
}

bool OrderedRunner::submit(Task&& task) {
  if (jobs_ == 1) {
    if (stopped_) return false;
    Done done = run_guarded(process_, task, 0);
    if (!emit_(done)) stopped_ = true;
    return !stopped_;
  }
  const size_t size = std::max(task.bytes.size(), task.size_hint);
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopped_) {
    const size_t in_flight = submitted_ - emitted_;
    if (in_flight == 0 || (in_flight < window_ && bytes_in_flight_ + size <= window_bytes_)) break;
    main_waiting_ = true;
    room_ready_.wait(lock);
    main_waiting_ = false;
  }
  if (stopped_) return false;
  sizes_.push_back(size);
  bytes_in_flight_ += size;
  queue_.emplace_back(submitted_++, std::move(task));
  const bool wake = idle_workers_ > 0;
  lock.unlock();
  if (wake) work_ready_.notify_one();
  return true;
}

bool OrderedRunner::finish() {
  if (jobs_ == 1) return !stopped_;
  std::unique_lock<std::mutex> lock(mu_);
  while (submitted_ != emitted_ && !(stopped_ && queue_.empty() && !emitting_ && idle_workers_ == jobs_)) {
    main_waiting_ = true;
    room_ready_.wait(lock);
    main_waiting_ = false;
  }
  if (!emit_error_.empty()) throw std::runtime_error(emit_error_);
  return !stopped_;
}

}  // namespace hanfacts::cli
