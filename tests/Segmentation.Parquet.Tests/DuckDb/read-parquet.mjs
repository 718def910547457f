// Usage: node read-parquet.mjs <file.parquet>
// Prints DuckDB's view of a Parquet file (DESCRIBE types and all values as strings) as JSON on stdout.
import { DuckDBInstance } from '@duckdb/node-api';
import { dump } from './dump.mjs';

const [path] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const quoted = "'" + path.replaceAll("'", "''") + "'";
const result = await dump(connection, `read_parquet(${quoted})`);
process.stdout.write(JSON.stringify(result));
