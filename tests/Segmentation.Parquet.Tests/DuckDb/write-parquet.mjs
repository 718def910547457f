// Usage: node write-parquet.mjs <rows> <out.parquet> "<COPY options>" [<out.parquet> "<COPY options>" ...]
// Builds a deterministic table covering every type with nulls, writes it with DuckDB's COPY TO once per
// (file, options) pair, and prints the table's values (as read-parquet.mjs renders them) as JSON on stdout.
import { DuckDBInstance } from '@duckdb/node-api';
import { dump } from './dump.mjs';

const [rows, ...pairs] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`CREATE TABLE t AS SELECT
    i::INTEGER AS i32,
    CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 37 % 1000 - 500)::INTEGER END AS i32n,
    (i * 1000003 - 77)::BIGINT AS i64,
    CASE WHEN i % 5 = 0 THEN NULL ELSE (i * -9876543210)::BIGINT END AS i64n,
    (i / 7.0)::DOUBLE AS f64,
    CASE WHEN i % 3 = 0 THEN NULL ELSE (i % 40) * 0.25 END::DOUBLE AS f64n,
    (i / 3.0)::FLOAT AS f32,
    (i % 3 = 0) AS b,
    CASE WHEN i % 4 = 0 THEN NULL ELSE (i % 2 = 0) END AS bn,
    CASE WHEN i % 2 = 0 THEN 'str-' ELSE 'ζήτα-' END || (i % 50) AS s,
    CASE WHEN i % 6 = 0 THEN NULL ELSE md5(i::VARCHAR) END AS sn,
    TIMESTAMP '2010-12-01 08:26:00' + to_microseconds(i * 1234567) AS ts,
    CASE WHEN i % 8 = 0 THEN NULL ELSE TIMESTAMP '1965-03-04 05:06:07.890123' + to_microseconds(i * 98765) END AS tsn,
    (TIMESTAMP '2011-01-01 00:00:00' + to_milliseconds(i * 1001))::TIMESTAMP_MS AS tsms,
    (TIMESTAMP '2011-01-01 00:00:00' + to_microseconds(i * 3))::TIMESTAMP_NS AS tsns,
    DATE '1999-12-31' + (i % 9000)::INTEGER AS d,
    CASE WHEN i % 9 = 0 THEN NULL ELSE DATE '1940-01-01' + (i % 4000)::INTEGER END AS dn,
    CASE WHEN i % 11 = 0 THEN NULL ELSE encode('b' || i::VARCHAR) END AS binn
  FROM range(0, ${Number(rows)}) r(i) ORDER BY i`);
for (let p = 0; p + 1 < pairs.length; p += 2) {
  const quoted = "'" + pairs[p].replaceAll("'", "''") + "'";
  const options = pairs[p + 1];
  await connection.run(`COPY t TO ${quoted} (FORMAT parquet${options ? ', ' + options : ''})`);
}
const result = await dump(connection, 't');
process.stdout.write(JSON.stringify(result));
