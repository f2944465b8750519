// Status and Result<T>: how hanfacts reports set-up errors without exceptions.
//
//   hanfacts::Result<hanfacts::Extractor> made = hanfacts::Extractor::Create(options);
//   if (!made.ok()) { std::cerr << made.status().to_string() << '\n'; return 2; }
//   const hanfacts::Extractor& extractor = made.value();
//
// Only set-up (loading and validating lexicons) can fail; extraction never does.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace hanfacts {

enum class StatusCode { kOk, kInvalidArgument, kInvalidData, kIoError };

// A success or an error with a message and, for data errors, the source and line
// (1-based; 0 when not tied to a line). Cheap to copy when ok.
class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, std::string source = {}, int line = 0)
      : code_(code), message_(std::move(message)), source_(std::move(source)), line_(line) {}

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& source() const { return source_; }
  int line() const { return line_; }

  // "source:line: message", "source: message" or just "message".
  std::string to_string() const {
    std::string out;
    if (!source_.empty()) {
      out += source_;
      if (line_ > 0) out += ':' + std::to_string(line_);
      out += ": ";
    }
    return out + message_;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string source_;
  int line_ = 0;
};

// Holds a T or an error Status: a small stand-in for C++23 std::expected.
template <class T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace hanfacts
