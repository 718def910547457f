// Usage: node read-parquet.mjs <file.parquet> [<file.parquet> ...]
// Prints DuckDB's view of each Parquet file (DESCRIBE types and all values as strings) as a JSON array on stdout.
import { DuckDBInstance } from '@duckdb/node-api';
import { dump } from './dump.mjs';

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const results = [];
for (const path of process.argv.slice(2)) {
  const quoted = "'" + path.replaceAll("'", "''") + "'";
  results.push(await dump(connection, `read_parquet(${quoted})`));
}
process.stdout.write(JSON.stringify(results));
