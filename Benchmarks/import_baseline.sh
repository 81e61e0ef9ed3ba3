#!/usr/bin/env bash
# Times the sqlite3 shell doing the same inserts qualkit's imports do, into the same schema, as a
# baseline for `qualkit-bench import`. Not part of `swift test`.
#
#   swift run -c release qualkit-bench import --dir /tmp/qualkit-bench
#   bash Benchmarks/import_baseline.sh /tmp/qualkit-bench
#
# Transcripts: the segments qualkit parsed (exported from its study as CSV) are loaded with .import
# and inserted into transcript/segment, firing the same full-text-index triggers. Codings: the same
# CSV is loaded with .import and inserted with the segment lookup qualkit does per row, each row given
# its uuid in the insert (as qualkit does; the schema's trigger would otherwise update every row after
# it). Like qualkit's import into a study with few codings for the file's size
# (CodingImport.rebuildPays), the coding table's secondary indexes are dropped before the inserts and
# built again from their own definitions after them; REBUILD=0 keeps them and updates them per row.
set -euo pipefail
dir=${1:?usage: import_baseline.sh DIR (the --dir given to qualkit-bench import)}
qualkit=${QUALKIT:-.build/release/qualkit}
source_db="$dir/bench-import.sqlite"
base="$dir/baseline.sqlite"
rm -f "$base" "$base-wal" "$base-shm" "$dir/segments.csv" "$dir/transcripts.csv"

sqlite3 -csv "$source_db" "SELECT id, interview, format, source_file, header, x.text, imported_at FROM transcript JOIN transcript_text x ON x.transcript = id" > "$dir/transcripts.csv"
sqlite3 -csv "$source_db" "SELECT transcript, number, speaker, role, start_ms, end_ms, text, text_start, text_end FROM segment" > "$dir/segments.csv"

"$qualkit" init --db "$base" --title baseline > /dev/null
for table in participant interview code coder; do
  sqlite3 "$source_db" ".mode insert $table" "SELECT * FROM $table"
done | sqlite3 "$base"

measure() { /usr/bin/time -f "%e s, peak %M KiB" sqlite3 "$base" "$@"; }
# The connection settings qualkit's imports use (Database.useBulkSettings); BULK=0 for SQLite's defaults.
if [ "${BULK:-1}" = 1 ]; then
  pragmas="PRAGMA cache_size = -524288; PRAGMA temp_store = MEMORY; PRAGMA mmap_size = 536870912;"
else
  pragmas=""
fi

echo "sqlite3 shell, transcripts and segments ($(du -m "$dir/segments.csv" | cut -f1) MiB of segment CSV):"
measure <<SQL
PRAGMA foreign_keys = ON;
$pragmas
BEGIN;
CREATE TEMP TABLE t_stage(id, interview, format, source_file, header, text, imported_at);
CREATE TEMP TABLE s_stage(transcript, number, speaker, role, start_ms, end_ms, text, text_start, text_end);
.import --csv $dir/transcripts.csv t_stage
.import --csv $dir/segments.csv s_stage
INSERT INTO transcript(id, interview, format, source_file, header, imported_at)
  SELECT id, interview, format, source_file, header, imported_at FROM t_stage;
INSERT INTO transcript_text(transcript, text) SELECT id, text FROM t_stage;
INSERT INTO segment(transcript, number, speaker, role, start_ms, end_ms, text, text_start, text_end)
  SELECT transcript, number, speaker, role, nullif(start_ms, ''), nullif(end_ms, ''), text, text_start, text_end FROM s_stage;
COMMIT;
SQL

# The coding table's secondary indexes, as the schema defines them (the UNIQUE constraint's stays).
index_names=$(sqlite3 "$base" "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'coding' AND sql IS NOT NULL")
index_sql=$(sqlite3 "$base" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND tbl_name = 'coding' AND sql IS NOT NULL")
drop_indexes="" create_indexes=""
if [ "${REBUILD:-1}" = 1 ]; then
  for name in $index_names; do drop_indexes+="DROP INDEX $name; "; done
  create_indexes=$index_sql
fi
uuid="lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"

echo "sqlite3 shell, codings ($(du -m "$dir/codings.csv" | cut -f1) MiB of CSV, indexes rebuilt: ${REBUILD:-1}):"
measure <<SQL
PRAGMA foreign_keys = ON;
$pragmas
BEGIN;
$drop_indexes
CREATE TEMP TABLE c_stage(transcript, segment, code, coder, start, end);
.import --csv --skip 1 $dir/codings.csv c_stage
INSERT OR IGNORE INTO coding(segment, code, coder, start, end, transcript_start, transcript_end, memo, created_at, uuid)
  SELECT s.id, c.code, c.coder, c.start, c.end, s.text_start + c.start, s.text_start + c.end, NULL, '2026-01-01T00:00:00Z', $uuid
  FROM c_stage c JOIN segment s ON s.transcript = c.transcript AND s.number = c.segment;
INSERT OR IGNORE INTO coverage(transcript, coder) SELECT DISTINCT transcript, coder FROM c_stage;
$create_indexes
COMMIT;
SQL
sqlite3 "$base" "SELECT 'baseline rows: ' || (SELECT count(*) FROM segment) || ' segments, ' || (SELECT count(*) FROM coding) || ' codings'"
sqlite3 "$source_db" "SELECT 'qualkit rows:  ' || (SELECT count(*) FROM segment) || ' segments, ' || (SELECT count(*) FROM coding) || ' codings'"
