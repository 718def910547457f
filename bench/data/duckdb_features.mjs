// DuckDB side of the data benchmark: the same csv.gz -> cleaning -> per-customer aggregation that
// `segment data features` does (the core RFM columns and a few behaviour sums; the C# side computes all 18 features).
// Prints the in-process time and the figures, so a run also shows both sides agree.
//
//   mkdir -p /tmp/duck && (cd /tmp/duck && npm install @duckdb/node-api@1.5.6-r.1)
//   NODE_PATH=/tmp/duck/node_modules node bench/data/duckdb_features.mjs data/online_retail.csv.gz [threads]
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadSql, cleanSql, customersSql, figuresSql } from './features_sql.mjs';

const require = createRequire(path.join(process.env.NODE_PATH ?? process.cwd(), 'x.js'));
const { DuckDBInstance } = require('@duckdb/node-api');

const input = process.argv[2] ?? 'data/online_retail.csv.gz';
const threads = process.argv[3];
const start = performance.now();
const instance = await DuckDBInstance.create(':memory:', threads ? { threads } : {});
const connection = await instance.connect();
await connection.run(loadSql(input));
const loaded = performance.now();
await connection.run(cleanSql);
await connection.run(customersSql);
const row = (await connection.runAndReadAll(figuresSql)).getRowObjectsJson()[0];
const end = performance.now();
console.log(`duckdb: load ${(loaded - start).toFixed(0)} ms, clean+aggregate ${(end - loaded).toFixed(0)} ms, total ${(end - start).toFixed(0)} ms; `
  + `rows ${row.rows_read}, clean ${row.clean_rows}, customers ${row.customers}, sum monetary ${row.sum_monetary}`);
