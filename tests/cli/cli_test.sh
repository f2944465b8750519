#!/usr/bin/env bash
# CLI tests: run the built binary on fixtures made at run time in a temporary folder.
#   tests/cli/cli_test.sh path/to/hanfacts path/to/source-tree
# Each check prints "ok" or "FAIL"; the script exits 1 if any check failed. Fact
# content is not asserted here (the corpus and tests/cases do that); these tests assert
# relations that must hold whatever the recognizers find: the same facts from stdin,
# files, folders and JSONL; identical output for any --jobs; offsets that slice the
# text; exit codes; one clear message per bad input.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/hanfacts-cli-XXXXXX")
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
cd "$T" || exit 1
export LC_ALL=C.UTF-8

failures=0
ok() { echo "ok   $1"; }
fail() { echo "FAIL $1"; failures=$((failures + 1)); }
check() { # check NAME COMMAND...: passes when the command succeeds
  local name=$1; shift
  if "$@"; then ok "$name"; else fail "$name"; fi
}
same() { cmp -s "$1" "$2"; }
has() { grep -qF -- "$2" "$1"; }
# CSV without its doc column (paths contain no commas in these fixtures).
strip_doc() { grep -v '^doc,id,' "$1" | cut -d, -f2-; }

# --- fixtures ------------------------------------------------------------------
mkdir -p docs
n=0
for f in $(ls "$SRC"/corpus/ko/*.txt "$SRC"/corpus/zh/*.txt 2>/dev/null | sort | head -40); do
  cp "$f" docs/ && n=$((n + 1))
done
if [ "$n" -lt 4 ]; then  # the corpus is being written; keep the tests meaningful anyway
  for k in 1 2 3 4 5 6; do
    printf '딥시크는 2025년 %d월 %d일 %d억 위안을 투자했다고 밝혔다.\n中国科学院%d年投资了%d亿元。\n' \
      "$k" "$((k + 3))" "$((k * 7))" "$((2000 + k))" "$k" > "docs/gen_$k.txt"
  done
fi
ko=$(ls docs/*.txt | head -1)
python3 - "$ko" <<'PY' || exit 1
import sys, json, os
src = open(sys.argv[1], encoding="utf-8").read()
os.makedirs("bad", exist_ok=True)
open("bad/a_good.txt", "w", encoding="utf-8").write(src)
raw = src.encode()
cut = raw.index(b" ", 40)  # a character boundary
open("bad/b_invalid_utf8.txt", "wb").write(raw[:cut] + b"\xff\xfe\xfd" + raw[cut:])
open("bad_offset", "w").write(str(cut))
ko = "삼성전자는 2025년 3월 5일 반도체 투자에 1조 원을 쓰겠다고 밝혔다. 네이버도 함께 투자한다.\n"
zh = "阿里巴巴集团2025年3月宣布投资一千亿元人民币，腾讯公司也加大了人工智能投入。\n"
open("bad/c_euckr.txt", "wb").write((ko * 3).encode("euc-kr"))
open("bad/c_euckr.utf8", "w", encoding="utf-8").write(ko * 3)
open("bad/d_gb18030.txt", "wb").write((zh * 3).encode("gb18030"))
open("bad/d_gb18030.utf8", "w", encoding="utf-8").write(zh * 3)
open("bad/e_binary.bin", "wb").write(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4)
open("bad/f_empty.txt", "wb").write(b"")
# 50 MB in one line, numbers varying so it is not one sentence repeated.
os.makedirs("big", exist_ok=True)
with open("big/one_line.txt", "w", encoding="utf-8") as f:
    size, k = 0, 0
    while size < 50 * 1000 * 1000:
        s = f"딥시크는 {2000 + k % 30}년 {k % 12 + 1}월 {k % 28 + 1}일 {k % 977 + 1}억 원을 투자했다. "
        f.write(s); size += len(s.encode()); k += 1
open("bad/z_good.txt", "w", encoding="utf-8").write(src)
# JSONL stream of the docs/ articles, with ids, one malformed record and one bad UTF-8.
with open("stream.jsonl", "w", encoding="utf-8") as out:
    for i, name in enumerate(sorted(os.listdir("docs"))):
        text = open(os.path.join("docs", name), encoding="utf-8").read()
        out.write(json.dumps({"id": name, "text": text, "meta": {"n": i}}, ensure_ascii=(i % 2 == 0)) + "\n")
with open("mixed.jsonl", "wb") as out:
    out.write(json.dumps({"text": src, "id": "first"}, ensure_ascii=False).encode() + b"\n")
    out.write(b'{"text": "broken record\n')
    out.write(b'{"text": "bad \xff byte", "id": 3}\n')
    out.write(json.dumps({"text": src, "id": "last", "date": "2025-01-02"}, ensure_ascii=False).encode() + b"\n")
PY

# --- help, version, usage errors -----------------------------------------------
"$BIN" --version > out 2> err; rc=$?
check "--version prints the version, exit 0" test $rc -eq 0 -a ! -s err
check "--version format" grep -qE '^hanfacts [0-9]+\.[0-9]+\.[0-9]+$' out
"$BIN" --help > out 2> err; rc=$?
check "--help exits 0 and documents the options" test $rc -eq 0 -a ! -s err
for opt in --input --format --types --ref-date --lexicon --encoding --jobs --no-header --offsets --output --glob --quiet; do
  has out "$opt" || fail "--help mentions $opt"
done
for bad in "--format xml" "--types org,people" "--types ,"  "--input csv" "--offsets words" "--encoding latin-1" \
           "--jobs -1" "--ref-date 2025-02-30" "--ref-date yesterday" "--no-such-flag"; do
  "$BIN" $bad < /dev/null > out 2> err; rc=$?
  check "usage error '$bad' exits 2 with a message" test $rc -eq 2 -a -s err -a ! -s out
done

# --- the same facts through every input path -----------------------------------
"$BIN" "$ko" > file.csv 2> err; rc=$?
check "a good file exits 0, no stderr" test $rc -eq 0 -a ! -s err
check "a good file yields facts" test "$(wc -l < file.csv)" -gt 1
check "CSV header" test "$(head -1 file.csv)" = "doc,id,type,start,end,text,value,unit,flags"
"$BIN" < "$ko" > stdin.csv 2> err
check "stdin: doc is '-'" test "$(sed -n 2p stdin.csv | cut -d, -f1)" = "-"
check "stdin and file give the same facts" same <(strip_doc stdin.csv) <(strip_doc file.csv)
"$BIN" - < "$ko" > dash.csv 2> err
check "'-' reads stdin" same dash.csv stdin.csv

"$BIN" docs > folder.csv 2> folder.err; rc=$?
check "folder exits 0, no stderr" test $rc -eq 0 -a ! -s folder.err
: > concat.csv
for f in $(ls docs/* | LC_ALL=C sort); do "$BIN" --no-header "$f" >> concat.csv; done
check "folder = its files in sorted order" same <(grep -v '^doc,id,' folder.csv) concat.csv
check "--no-header omits the header" test "$(head -1 concat.csv | cut -d, -f1)" != doc

# A folder's files are read without a size from fstat, in a first chunk of 64 KB: one
# larger than that, one of exactly that size and an empty one are read whole, as when
# named alone.
mkdir -p sizes
python3 - "$ko" <<'PY'
import sys
t = open(sys.argv[1], 'rb').read()
open('sizes/big.txt', 'wb').write(t * 200)
open('sizes/exact.txt', 'wb').write((t * 100)[:65536])
open('sizes/empty.txt', 'wb').write(b'')
PY
"$BIN" --jobs 2 sizes > sizes.csv 2> /dev/null
: > sizes_alone.csv
for f in sizes/big.txt sizes/empty.txt sizes/exact.txt; do "$BIN" --no-header "$f" >> sizes_alone.csv 2> /dev/null; done
check "folder files past 64 KB, of exactly 64 KB and empty read whole" same <(grep -v '^doc,id,' sizes.csv) sizes_alone.csv

"$BIN" --input jsonl stream.jsonl > stream.csv 2> err; rc=$?
check "JSONL stream exits 0" test $rc -eq 0 -a ! -s err
python3 - folder.csv stream.csv <<'PY' && ok "JSONL ids and facts match the files" || fail "JSONL ids and facts match the files"
import csv, sys, os
a = [r for r in csv.reader(open(sys.argv[1], encoding="utf-8"))][1:]
b = [r for r in csv.reader(open(sys.argv[2], encoding="utf-8"))][1:]
a = [[os.path.basename(r[0])] + r[1:] for r in a]
sys.exit(0 if a == b else 1)
PY
cat stream.jsonl | "$BIN" --input jsonl > stream_stdin.csv 2> err
check "JSONL from stdin = from a file (doc = id)" same stream.csv stream_stdin.csv

# lines: each line a document named path:N
tr '\n' ' ' < "$ko" > one.txt; echo >> one.txt; cat one.txt one.txt > two_lines.txt
"$BIN" --input lines --no-header two_lines.txt > lines.csv 2> err; rc=$?
check "lines mode exits 0" test $rc -eq 0
check "lines mode names documents path:N" test "$(cut -d, -f1 lines.csv | sort -u | tr '\n' ' ')" = "two_lines.txt:1 two_lines.txt:2 "
check "lines mode: both lines give the same facts" \
  same <(grep '^two_lines.txt:1,' lines.csv | cut -d, -f2-) <(grep '^two_lines.txt:2,' lines.csv | cut -d, -f2-)

# --- determinism across --jobs ---------------------------------------------------
mkdir -p many
for i in $(seq -w 1 60); do cp "$(ls docs/*.txt | sed -n "$(( (10#$i % $(ls docs/*.txt | wc -l)) + 1 ))p")" "many/doc_$i.txt"; done
cp bad/b_invalid_utf8.txt bad/e_binary.bin bad/c_euckr.txt bad/f_empty.txt many/
for fmt in csv jsonl tsv; do
  "$BIN" --jobs 1 --format "$fmt" many > j1.out 2> j1.err; rc1=$?
  "$BIN" --jobs 4 --format "$fmt" many > j4.out 2> j4.err; rc4=$?
  check "--jobs 1 and --jobs 4 identical ($fmt, stdout)" same j1.out j4.out
  check "--jobs 1 and --jobs 4 identical ($fmt, stderr and exit code)" test "$rc1" = "$rc4" -a "$(cat j1.err)" = "$(cat j4.err)"
done
"$BIN" --jobs 1 --input jsonl stream.jsonl > j1.out; "$BIN" --jobs 3 --input jsonl < stream.jsonl > j4.out
check "--jobs identical on a JSONL stream" same j1.out j4.out

# A slow stream gets each record's rows as it comes, not when more input arrives:
# the first record's rows are out while the writer still holds the second back.
printf '{"id":"a","text":"삼성전자는 2025년 3월 5일 1조 원을 투자했다."}\n' > slow.jsonl
for jobs in 1 2; do
  { cat slow.jsonl; sleep 3; cat slow.jsonl; } | "$BIN" --jobs $jobs --input jsonl --no-header > slow.out 2> slow.err &
  pid=$!
  sleep 1.5
  early=$(wc -l < slow.out)
  wait $pid; rc=$?
  check "slow stream (--jobs $jobs): the first record's rows before the second record" \
    test "$early" -gt 0 -a "$((2 * early))" -eq "$(wc -l < slow.out)" -a $rc -eq 0
done

# A large JSONL file is mapped rather than read: one that shrinks meanwhile must not end
# the process with SIGBUS (its end reads as NUL bytes and the file counts as failed).
for k in $(seq 150); do cat stream.jsonl; done > shrink.jsonl
for jobs in 1 2; do
  cp shrink.jsonl shrinking.jsonl
  "$BIN" --jobs $jobs --input jsonl -q shrinking.jsonl > shrink.out 2> shrink.err &
  pid=$!
  sleep 0.2
  truncate -s 100000 shrinking.jsonl
  wait $pid; rc=$?
  check "a mapped file that shrinks while read (--jobs $jobs): exit 0 or 1, no crash" test $rc -le 1
  # Shrunk before it was mapped (a slow start), its cut last record is malformed instead.
  check "a mapped file that shrinks while read (--jobs $jobs): messages name it" \
    test "$(grep -acv '^hanfacts: shrinking.jsonl' shrink.err)" -eq 0
done
"$BIN" --jobs 2 --input jsonl --no-header shrink.jsonl > shrink.out 2> err; rc=$?
"$BIN" --jobs 1 --input jsonl --no-header < shrink.jsonl > shrink_stdin.out 2>> err
cat shrink.jsonl | "$BIN" --jobs 2 --input jsonl --no-header > shrink_pipe.out 2>> err
check "a mapped file (path and stdin) = the records read through a pipe" \
  test $rc -eq 0 -a ! -s err -a -s shrink.out -a "$(md5sum < shrink.out)" = "$(md5sum < shrink_pipe.out)" \
       -a "$(md5sum < shrink.out)" = "$(md5sum < shrink_stdin.out)"
# The mapping's last lines are viewed in place when the file ends with a newline, and
# go through the read buffer when its last line is cut (no newline at the end).
head -c -1 shrink.jsonl > nonl.jsonl
printf '{"id":"short","text":"2025년 1조 원"}\n' > short.jsonl
cat shrink.jsonl short.jsonl > plus.jsonl
"$BIN" --jobs 2 --input jsonl --no-header nonl.jsonl > nonl.out 2> err; rc=$?
"$BIN" --jobs 1 --input jsonl --no-header plus.jsonl > plus.out 2>> err
cat plus.jsonl | "$BIN" --jobs 2 --input jsonl --no-header > plus_pipe.out 2>> err
check "a mapped file without a last newline, and one with a short last block = through a pipe" \
  test $rc -eq 0 -a ! -s err -a "$(md5sum < nonl.out)" = "$(md5sum < shrink.out)" \
       -a "$(md5sum < plus.out)" = "$(md5sum < plus_pipe.out)" -a "$(wc -l < plus.out)" -gt "$(wc -l < shrink.out)"
rm -f shrink.jsonl shrinking.jsonl shrink.out shrink_stdin.out shrink_pipe.out nonl.jsonl nonl.out short.jsonl \
  plus.jsonl plus.out plus_pipe.out

# --- bad inputs: a clear message each, the others still written ------------------
"$BIN" --jobs 2 bad/*.txt bad/e_binary.bin bad/missing.txt > bad.csv 2> bad.err; rc=$?
check "bad inputs: exit 1" test $rc -eq 1
check "invalid UTF-8: file and first bad byte named" \
  has bad.err "hanfacts: bad/b_invalid_utf8.txt: invalid UTF-8 at byte $(cat bad_offset) (replaced with U+FFFD)"
check "EUC-KR: decoded, with a note" has bad.err "hanfacts: bad/c_euckr.txt: note: decoded as CP949"
check "GB18030: decoded, with a note" has bad.err "hanfacts: bad/d_gb18030.txt: note: decoded as GB18030"
check "binary file skipped with a message" has bad.err "hanfacts: bad/e_binary.bin: binary file (NUL bytes in the first 8 KB); skipped"
check "empty file noted" has bad.err "hanfacts: bad/f_empty.txt: note: empty file"
check "missing path named" has bad.err "hanfacts: bad/missing.txt: No such file or directory"
check "every stderr line names its input" test "$(grep -cv '^hanfacts: bad/' bad.err)" -eq 0
check "good files before and after the bad ones are written" \
  test "$(grep -c '^bad/a_good.txt,' bad.csv)" -gt 0 -a "$(grep -c '^bad/a_good.txt,' bad.csv)" = "$(grep -c '^bad/z_good.txt,' bad.csv)"
check "invalid UTF-8 file still yields its facts" test "$(grep -c '^bad/b_invalid_utf8.txt,' bad.csv)" -gt 0
# 50 MB in one line: read, decoded, extracted and written like any other document,
# and the file after it still comes out.
"$BIN" --format jsonl big/one_line.txt "$ko" > big.jsonl 2> big.err; rc=$?
check "50 MB single-line file: exit 0, no stderr" test $rc -eq 0 -a ! -s big.err
check "50 MB single-line file and the next file both written" \
  test "$(python3 -c 'import json; print(" ".join(json.loads(l)["doc"] for l in open("big.jsonl")))')" = "big/one_line.txt $ko"
check "50 MB single-line file: facts found" \
  test "$(python3 -c 'import json; print(len(json.loads(open("big.jsonl").readline())["facts"]))')" -gt 100000
rm -f big.jsonl
"$BIN" --no-header bad/c_euckr.utf8 > euc_utf8.csv; "$BIN" --no-header bad/d_gb18030.utf8 > gb_utf8.csv
check "EUC-KR file: same facts and offsets as its UTF-8 twin" \
  same <(grep '^bad/c_euckr.txt,' bad.csv | cut -d, -f2-) <(cut -d, -f2- euc_utf8.csv)
check "GB18030 file: same facts and offsets as its UTF-8 twin" \
  same <(grep '^bad/d_gb18030.txt,' bad.csv | cut -d, -f2-) <(cut -d, -f2- gb_utf8.csv)
"$BIN" --encoding euc-kr --no-header bad/c_euckr.txt > forced.csv 2> err
check "--encoding euc-kr" same <(cut -d, -f2- forced.csv) <(cut -d, -f2- euc_utf8.csv)
"$BIN" --input lines --no-header bad/c_euckr.txt > euc_lines.csv 2> err
check "lines mode: one encoding note per file" test "$(grep -c 'decoded as CP949' err)" -eq 1
"$BIN" --quiet bad/c_euckr.txt bad/f_empty.txt > /dev/null 2> err
check "--quiet drops notes" test ! -s err

# A file whose read fails, even for root: /proc/self/mem opens but reading offset 0
# gives EIO.
if [ -r /proc/self/mem ]; then
  "$BIN" /proc/self/mem "$ko" > out 2> err; rc=$?
  check "a file that fails to read: exit 1, message, the rest written" \
    test $rc -eq 1 -a "$(grep -c '^hanfacts: /proc/self/mem: Input/output error$' err)" -eq 1 -a "$(wc -l < out)" -gt 1
  "$BIN" --input lines /proc/self/mem "$ko" > out 2> err; rc=$?
  check "a file that fails to read (lines mode): exit 1, message" \
    test $rc -eq 1 -a "$(grep -c '^hanfacts: /proc/self/mem: read error' err)" -eq 1
fi
if [ "$(id -u)" -eq 0 ]; then
  echo "skip unreadable file (chmod 000): running as root, where permission bits do not stop reading"
else
  cp "$ko" locked.txt; chmod 000 locked.txt
  "$BIN" locked.txt "$ko" > out 2> err; rc=$?
  check "unreadable file: exit 1, message, the rest written" \
    test $rc -eq 1 -a "$(grep -c 'locked.txt: Permission denied' err)" -eq 1 -a "$(wc -l < out)" -gt 1
fi
mkdir -p notafile
"$BIN" --input lines notafile/ > /dev/null 2> err; rc=$?
check "a folder with no files: exit 0" test $rc -eq 0

"$BIN" --input jsonl --format jsonl mixed.jsonl > mixed.out 2> mixed.err; rc=$?
check "malformed JSONL: exit 1" test $rc -eq 1
check "malformed JSONL: line number and reason" has mixed.err "hanfacts: mixed.jsonl:2: malformed JSON record: bad string value for 'text'; skipped"
check "invalid UTF-8 inside a JSONL text reported" has mixed.err "hanfacts: mixed.jsonl:3: invalid UTF-8 in \"text\" at byte 4"
check "malformed JSONL: the other records written" \
  test "$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["doc"] for l in open("mixed.out")))')" = "first 3 last"
check "JSONL record date becomes the reference date" \
  test "$(python3 -c 'import json; print([json.loads(l)["ref_date"] for l in open("mixed.out")][2])')" = "2025-01-02"

printf '# my organizations\nid\tname\tkind\tqid\tko\tzh_hans\tzh_hant\ten\tcontext\nhanbit\tHanbit Labs\tlab\t\t한빛랩스\t\t\tHanbit Labs\t\nbad\tBad Co\tcompnay\t\t배드\t\t\t\t\n' > bad_lexicon.tsv
"$BIN" --lexicon bad_lexicon.tsv "$ko" > out 2> err; rc=$?
check "lexicon with a bad row: exit 2" test $rc -eq 2
check "lexicon with a bad row: file:line in the message" grep -q '^hanfacts: bad_lexicon.tsv:4: ' err
check "lexicon with a bad row: no output" test ! -s out
"$BIN" --lexicon no_such.tsv "$ko" > out 2> err; rc=$?
check "missing lexicon: exit 2 naming it" test $rc -eq 2 -a "$(grep -c 'no_such.tsv' err)" -ge 1
sed -i '/^bad\t/d' bad_lexicon.tsv
echo '한빛랩스가 투자를 받았다.' | "$BIN" --lexicon bad_lexicon.tsv --types org --no-header > out 2> err
check "a good user lexicon adds organizations" test "$(cat out)" = "-,1,ORG,0,4,한빛랩스,Hanbit Labs,lab,"

# --- closed pipe, write errors, --output ----------------------------------------
python3 -c "
import sys
with open('many_lines.txt', 'w', encoding='utf-8') as f:
    for k in range(200000): f.write(f'딥시크는 {2000 + k % 25}년 {k % 900 + 1}억 원을 투자했다.\n')"
for jobs in 1 4; do
  "$BIN" --jobs $jobs --input lines many_lines.txt 2> pipe.err | head -1 > head.out
  st=("${PIPESTATUS[@]}")
  check "| head -1 (--jobs $jobs): exit 0, no stderr" test "${st[0]}" -eq 0 -a ! -s pipe.err
  check "| head -1 (--jobs $jobs): the header line" test "$(cat head.out)" = "doc,id,type,start,end,text,value,unit,flags"
done
"$BIN" "$ko" > /dev/full 2> err; rc=$?
check "write error on stdout (/dev/full): exit 2 with a message" test $rc -eq 2 -a "$(grep -c 'write error: No space left on device' err)" -eq 1
"$BIN" --output /dev/full "$ko" 2> err; rc=$?
check "--output /dev/full: exit 2 with a message" test $rc -eq 2 -a "$(grep -c '/dev/full: write error' err)" -eq 1
check "--output /dev/full: the device is left alone" test -c /dev/full

echo old > out.csv; old_inode=$(stat -c %i out.csv)
"$BIN" --output out.csv docs > /dev/null 2> err; rc=$?
check "--output: exit 0" test $rc -eq 0
check "--output: same bytes as stdout" same out.csv folder.csv
check "--output: replaced by rename (new inode), no temporary left" \
  test "$(stat -c %i out.csv)" != "$old_inode" -a -z "$(ls | grep 'out.csv.tmp-' || true)"
"$BIN" --output out.csv --ref-date 2025-13-01 docs 2> err; rc=$?
check "--output: a failed run leaves the old file" test $rc -eq 2 && same out.csv folder.csv
"$BIN" --output notafile docs 2> err; rc=$?
check "--output to a folder: exit 2" test $rc -eq 2

# --- formats, types, offsets, reference date ------------------------------------
"$BIN" --format tsv docs > folder.tsv
check "TSV: tab-separated header" test "$(head -1 folder.tsv)" = "$(printf 'doc\tid\ttype\tstart\tend\ttext\tvalue\tunit\tflags')"
check "TSV: as many rows as CSV" test "$(wc -l < folder.tsv)" = "$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open("folder.csv", encoding="utf-8"))))')"
"$BIN" --format jsonl docs > folder.jsonl
python3 - folder.jsonl folder.csv <<'PY' && ok "JSONL: one object per document, same facts as CSV" || fail "JSONL: one object per document, same facts as CSV"
import csv, json, sys, os
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(docs) == len(os.listdir("docs")), len(docs)
rows = [[d["doc"], str(f["id"]), f["type"], str(f["start"]), str(f["end"]), f["text"], f["value"], f["unit"], f["flags"]]
        for d in docs for f in d["facts"]]
assert all(set(d) == {"doc", "ref_date", "lang", "facts"} for d in docs)
sys.exit(0 if rows == list(csv.reader(open(sys.argv[2], encoding="utf-8")))[1:] else 1)
PY
"$BIN" --types org docs > org.csv
check "--types org: only ORG rows" test "$(tail -n +2 org.csv | cut -d, -f3 | sort -u | tr '\n' ' ')" = "ORG "
"$BIN" --types money,date docs > md.csv
check "--types money,date: no ORG rows" test "$(tail -n +2 md.csv | cut -d, -f3 | grep -c ORG)" -eq 0
"$BIN" --types org,money,date docs > all.csv
check "--types with all three = default" same all.csv folder.csv
"$BIN" --offsets bytes docs > bytes.csv
python3 - folder.csv bytes.csv <<'PY' && ok "offsets slice the text (chars and bytes)" || fail "offsets slice the text (chars and bytes)"
import csv, sys
bad = 0
for name, unit in ((sys.argv[1], "chars"), (sys.argv[2], "bytes")):
    for r in list(csv.reader(open(name, encoding="utf-8")))[1:]:
        raw = open(r[0], "rb").read()
        s, e = int(r[3]), int(r[4])
        got = raw[s:e].decode("utf-8") if unit == "bytes" else raw.decode("utf-8")[s:e]
        if got != r[5]:
            bad += 1
            print(unit, r, repr(got))
sys.exit(1 if bad else 0)
PY
"$BIN" --format jsonl --ref-date 2024-02-29 "$ko" > ref.jsonl
check "--ref-date is the document's reference date" \
  test "$(python3 -c 'import json; print(json.loads(open("ref.jsonl").readline())["ref_date"])')" = "2024-02-29"
"$BIN" --glob '*_good.txt' bad > glob.csv 2> err; rc=$?
check "--glob filters a folder walk" test $rc -eq 0 -a "$(tail -n +2 glob.csv | cut -d, -f1 | sort -u | tr '\n' ' ')" = "bad/a_good.txt bad/z_good.txt "

# --- folders: hidden entries, symlink loops --------------------------------------
mkdir -p tree/sub tree/.hidden
cp "$ko" tree/sub/a.txt; cp "$ko" tree/.hidden/b.txt; cp "$ko" tree/.c.txt
ln -s .. tree/sub/loop
"$BIN" tree > tree.csv 2> err; rc=$?
check "walk: hidden skipped, loop not followed" \
  test $rc -eq 0 -a "$(tail -n +2 tree.csv | cut -d, -f1 | sort -u | tr '\n' ' ')" = "tree/sub/a.txt "

echo
if [ "$failures" -ne 0 ]; then echo "$failures CLI check(s) failed"; exit 1; fi
echo "all CLI checks passed"
