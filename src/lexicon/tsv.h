// The one reader for every lexicon file (built-in and --lexicon), so all of them share
// one format and one style of error message:
//
//   # comment lines and blank lines are skipped
//   id<TAB>name<TAB>kind ...        <- exact header row, required
//   deepseek<TAB>DeepSeek<TAB>lab   <- one entry per line; '|' separates multi-values
//
// Cells are UTF-8 (no BOM), never quoted; tabs and newlines cannot occur inside them.
#pragma once

#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hanfacts/status.h"

namespace hanfacts::lexicon {

struct Row {
  int line = 0;                    // 1-based line number in the file
  std::vector<std::string> cells;  // one per header column, trimmed of spaces
};

class Table {
 public:
  const std::string& source() const { return source_; }
  const std::vector<std::string>& columns() const { return columns_; }
  const std::vector<Row>& rows() const { return rows_; }
  // Index of a column; the reader guarantees required columns exist.
  size_t column(std::string_view name) const;
  // Cell of `row` under column `name` ("" if the table has no such column).
  std::string_view cell(const Row& row, std::string_view name) const;
  // The same by the column's index (column(name)): for loops over many rows, which look
  // the name up once.
  std::string_view cell_at(const Row& row, size_t column) const {
    return column < row.cells.size() ? std::string_view(row.cells[column]) : std::string_view();
  }

  // An error naming this file, the row's line and the column: "file:12: column 'kind': ..."
  Status error(const Row& row, std::string_view column, std::string_view message) const;

 private:
  friend Result<Table> parse_tsv(std::string_view, std::string, std::initializer_list<std::string_view>);
  std::string source_;
  std::vector<std::string> columns_;
  std::vector<Row> rows_;
};

// Parses `content`. `source` names the file in messages (a path, or "<builtin>/org/x.tsv").
// Fails on a missing or incomplete header, a row with the wrong number of cells, invalid
// UTF-8 or a BOM. Columns beyond `required` are allowed and kept.
Result<Table> parse_tsv(std::string_view content, std::string source,
                        std::initializer_list<std::string_view> required);

// parse_tsv() without the table, for a reader that keeps a few cells of a few rows (a
// Table holds every cell of every row as a string: some 1.2 M instructions for
// date_words.tsv, most of them allocations). `header` is called once with the header
// row's cells, then `row` for each row with its line and cells (one per column, trimmed);
// the cells view `content`. Fails as parse_tsv() does, maybe after some rows were read.
Status for_each_tsv_row(std::string_view content, const std::string& source,
                        std::initializer_list<std::string_view> required,
                        const std::function<void(std::span<const std::string_view>)>& header,
                        const std::function<void(int, std::span<const std::string_view>)>& row);

// Splits a multi-value cell on '|', trimming spaces and dropping empty parts.
std::vector<std::string_view> split_values(std::string_view cell);

// Reads a whole file; fails with kIoError naming the path.
Result<std::string> read_file(const std::string& path);

}  // namespace hanfacts::lexicon
