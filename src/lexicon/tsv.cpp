#include "lexicon/tsv.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

#include "text/utf8.h"

namespace hanfacts::lexicon {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Into `out` (cleared first: one vector serves every line of a file).
void split_tabs(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  size_t pos = 0;
  while (true) {
    size_t tab = line.find('\t', pos);
    out.push_back(trim(line.substr(pos, tab == std::string_view::npos ? std::string_view::npos : tab - pos)));
    if (tab == std::string_view::npos) break;
    pos = tab + 1;
  }
}

}  // namespace

size_t Table::column(std::string_view name) const {
  // (Lengths first: most columns differ in length, and this runs for every cell read.)
  for (size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i].size() == name.size() && columns_[i] == name) return i;
  return columns_.size();
}

std::string_view Table::cell(const Row& row, std::string_view name) const { return cell_at(row, column(name)); }

Status Table::error(const Row& row, std::string_view column, std::string_view message) const {
  std::string m;
  if (!column.empty()) m = "column '" + std::string(column) + "': ";
  m += message;
  return Status(StatusCode::kInvalidData, std::move(m), source_, row.line);
}

Status for_each_tsv_row(std::string_view content, const std::string& source,
                        std::initializer_list<std::string_view> required,
                        const std::function<void(std::span<const std::string_view>)>& header,
                        const std::function<void(int, std::span<const std::string_view>)>& row) {
  auto fail = [&](int line, std::string message) { return Status(StatusCode::kInvalidData, std::move(message), source, line); };
  if (content.substr(0, 3) == "\xEF\xBB\xBF") return fail(1, "starts with a byte-order mark; save as UTF-8 without BOM");
  size_t bad = text::find_invalid_utf8(content);
  if (bad != std::string_view::npos) {
    int line = 1;
    for (size_t i = 0; i < bad; ++i) line += content[i] == '\n';
    return fail(line, "invalid UTF-8");
  }
  int line_no = 0;
  size_t pos = 0;
  size_t columns = 0;
  bool have_header = false;
  std::vector<std::string_view> cells;
  while (pos < content.size()) {
    size_t nl = content.find('\n', pos);
    std::string_view line = content.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? content.size() : nl + 1;
    ++line_no;
    if (trim(line).empty() || trim(line).front() == '#') continue;
    split_tabs(line, cells);
    if (!have_header) {
      for (auto want : required) {
        if (std::find(cells.begin(), cells.end(), want) == cells.end())
          return fail(line_no, "header row lacks column '" + std::string(want) + "'");
      }
      columns = cells.size();
      header(cells);
      have_header = true;
      continue;
    }
    if (cells.size() != columns) {
      return fail(line_no, "expected " + std::to_string(columns) + " tab-separated cells, found " +
                               std::to_string(cells.size()));
    }
    row(line_no, cells);
  }
  if (!have_header) return fail(line_no > 0 ? line_no : 1, "no header row");
  return Status();
}

Result<Table> parse_tsv(std::string_view content, std::string source,
                        std::initializer_list<std::string_view> required) {
  Table t;
  t.source_ = std::move(source);
  // A row a line at most (comments and the header row make it a little more). The lines
  // counted a memchr() each: std::count read the file a byte at a time (five instructions
  // a byte: some 0.2 M for date_words.tsv).
  size_t lines = 1;
  for (const char *p = content.data(), *end = p + content.size();
       (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)))) != nullptr; ++p)
    ++lines;
  t.rows_.reserve(lines);
  Status status = for_each_tsv_row(
      content, t.source_, required,
      [&](std::span<const std::string_view> cells) {
        for (auto c : cells) t.columns_.emplace_back(c);
      },
      [&](int line, std::span<const std::string_view> cells) {
        Row row;
        row.line = line;
        row.cells.reserve(cells.size());
        for (auto c : cells) row.cells.emplace_back(c);
        t.rows_.push_back(std::move(row));
      });
  if (!status.ok()) return Result<Table>(std::move(status));
  return t;
}

std::vector<std::string_view> split_values(std::string_view cell) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos <= cell.size()) {
    size_t bar = cell.find('|', pos);
    if (bar == std::string_view::npos) bar = cell.size();
    std::string_view part = trim(cell.substr(pos, bar - pos));
    if (!part.empty()) out.push_back(part);
    pos = bar + 1;
  }
  return out;
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kIoError, "cannot open file", path);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Status(StatusCode::kIoError, "read error", path);
  return buf.str();
}

}  // namespace hanfacts::lexicon
