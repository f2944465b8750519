#include "cli/pipeline.h"

#include <algorithm>
#include <exception>

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
  while (true) {
    std::pair<size_t, Task> item;
    {
      std::unique_lock<std::mutex> lock(mu_);
      ++idle_workers_;
      work_ready_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      --idle_workers_;
      if (queue_.empty()) return;
      item = std::move(queue_.front());
      queue_.pop_front();
    }
    Done done = run_guarded(process_, item.second, worker);
    bool wake;
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_.emplace(item.first, std::move(done));
      wake = main_waiting_ && main_can_go();
    }
    if (wake) done_ready_.notify_one();
  }
}

bool OrderedRunner::main_can_go() const {
  // Emitting needs the next document in order; refilling is worth a wake-up once the
  // queue has run low (or is the only thing left).
  return emitted_ == submitted_ || (done_.count(emitted_) > 0 && queue_.size() <= window_ / 4);
}

void OrderedRunner::drain(bool wait) {
  std::vector<Done> ready;
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (wait) {
      main_waiting_ = true;
      done_ready_.wait(lock, [&] { return main_can_go(); });
      main_waiting_ = false;
    }
    while (true) {
      auto it = done_.find(emitted_ + ready.size());
      if (it == done_.end()) break;
      ready.push_back(std::move(it->second));
      done_.erase(it);
    }
  }
  // Emitting (writing output) happens without the lock so workers keep going.
  for (Done& d : ready) {
    if (!stopped_ && !emit_(d)) stopped_ = true;
    bytes_in_flight_ -= sizes_.front();
    sizes_.pop_front();
  }
  std::lock_guard<std::mutex> lock(mu_);
  emitted_ += ready.size();
}

bool OrderedRunner::submit(Task&& task) {
  if (stopped_) return false;
  if (jobs_ == 1) {
    Done done = run_guarded(process_, task, 0);
    if (!emit_(done)) stopped_ = true;
    return !stopped_;
  }
  while (true) {
    size_t in_flight;
    {
      std::lock_guard<std::mutex> lock(mu_);
      in_flight = submitted_ - emitted_;
    }
    if (in_flight == 0 ||
        (in_flight < window_ && bytes_in_flight_ + std::max(task.bytes.size(), task.size_hint) <= window_bytes_))
      break;
    drain(true);
    if (stopped_) return false;
  }
  const size_t size = std::max(task.bytes.size(), task.size_hint);
  sizes_.push_back(size);
  bytes_in_flight_ += size;
  bool wake;
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.emplace_back(submitted_++, std::move(task));
    wake = idle_workers_ > 0;
  }
  if (wake) work_ready_.notify_one();
  drain(false);
  return !stopped_;
}

bool OrderedRunner::finish() {
  if (jobs_ == 1) return !stopped_;
  while (true) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (emitted_ == submitted_) break;
    }
    drain(true);
  }
  return !stopped_;
}

}  // namespace hanfacts::cli
