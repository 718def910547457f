// Usage: node read-parquet.mjs <file.parquet> [<file.parquet> ...]
// Prints DuckDB's view of each Parquet file (DESCRIBE types, all values as strings, and the column chunk statistics
// from parquet_metadata as [row group, column, min, max, null count]) as a JSON array on stdout.
import { DuckDBInstance } from '@duckdb/node-api';
import { dump } from './dump.mjs';

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const results = [];
for (const path of process.argv.slice(2)) {
  const quoted = "'" + path.replaceAll("'", "''") + "'";
  const result = await dump(connection, `read_parquet(${quoted})`);
  const stats = await connection.runAndReadAll(`SELECT row_group_id, path_in_schema, stats_min_value, stats_max_value, stats_null_count
    FROM parquet_metadata(${quoted}) ORDER BY row_group_id, column_id`);
  result.stats = stats.getRows().map(row => row.map(v => (v === null || v === undefined ? null : String(v))));
  results.push(result);
}
process.stdout.write(JSON.stringify(results));
