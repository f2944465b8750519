// The lexicon reader: for_each_tsv_row() hands out the rows parse_tsv() keeps, one at a
// time, and fails where it does, with the same message and line.
#include <doctest/doctest.h>

#include <span>
#include <string>
#include <vector>

#include "lexicon/sources.h"
#include "lexicon/tsv.h"

using namespace hanfacts;

namespace {

// The header and rows that for_each_tsv_row() hands out, as a Table would hold them.
struct Read {
  std::vector<std::string> columns;
  std::vector<lexicon::Row> rows;
  Status status;
};

Read read_rows(std::string_view content, std::initializer_list<std::string_view> required) {
  Read r;
  r.status = lexicon::for_each_tsv_row(
      content, "<test>", required,
      [&](std::span<const std::string_view> columns) { r.columns.assign(columns.begin(), columns.end()); },
      [&](int line, std::span<const std::string_view> cells) {
        lexicon::Row row;
        row.line = line;
        row.cells.assign(cells.begin(), cells.end());
        r.rows.push_back(std::move(row));
      });
  return r;
}

}  // namespace

TEST_CASE("for_each_tsv_row hands out the rows parse_tsv keeps, in every built-in file") {
  size_t files = 0;
  for (const char* folder : {"org", "money", "date", "geo", "numeral", "region"}) {
    for (const lexicon::Source& src : lexicon::builtin_sources(folder)) {
      if (!src.name.ends_with(".tsv")) continue;
      INFO(src.name);
      const auto table = lexicon::parse_tsv(src.content, src.name, {});
      const Read read = read_rows(src.content, {});
      REQUIRE(table.ok() == read.status.ok());
      if (!table.ok()) continue;
      ++files;
      CHECK(read.columns == table.value().columns());
      REQUIRE(read.rows.size() == table.value().rows().size());
      for (size_t i = 0; i < read.rows.size(); ++i) {
        CHECK(read.rows[i].line == table.value().rows()[i].line);
        CHECK(read.rows[i].cells == table.value().rows()[i].cells);
      }
    }
  }
  CHECK(files >= 5);
}

TEST_CASE("for_each_tsv_row trims cells and fails as parse_tsv does") {
  const Read ok = read_rows("# a comment\n\nlang\tsurface \nzh\t 年\r\n\n# more\nany\t至\n", {"surface"});
  REQUIRE(ok.status.ok());
  CHECK(ok.columns == std::vector<std::string>{"lang", "surface"});
  REQUIRE(ok.rows.size() == 2);
  CHECK(ok.rows[0].line == 4);
  CHECK(ok.rows[0].cells == std::vector<std::string>{"zh", "年"});
  CHECK(ok.rows[1].line == 7);
  CHECK(ok.rows[1].cells == std::vector<std::string>{"any", "至"});
  // A row with a cell too many or too few, a header without a required column, no header,
  // a byte-order mark, invalid UTF-8: the same status as parse_tsv's, rows before the
  // fault handed out.
  for (const std::string_view bad : {std::string_view("lang\tsurface\nzh\t年\nzh\t月\textra\n"),
                                     std::string_view("lang\tsurface\nzh\t年\nzh\n"),
                                     std::string_view("lang\tkind\nzh\tmarker\n"),
                                     std::string_view("# only a comment\n"),
                                     std::string_view("\xEF\xBB\xBFlang\tsurface\n"),
                                     std::string_view("lang\tsurface\nzh\t\xE5\xB9\n")}) {
    INFO(std::string(bad));
    const auto table = lexicon::parse_tsv(bad, "<test>", {"surface"});
    const Read read = read_rows(bad, {"surface"});
    REQUIRE_FALSE(table.ok());
    REQUIRE_FALSE(read.status.ok());
    CHECK(read.status.code() == table.status().code());
    CHECK(read.status.message() == table.status().message());
    CHECK(read.status.line() == table.status().line());
    CHECK(read.status.source() == "<test>");
  }
  CHECK(read_rows("lang\tsurface\nzh\t年\nzh\n", {"surface"}).rows.size() == 1);
}
