// Usage: node duckdb-bench.mjs <online_retail.csv.gz> <out dir> <repeats> <threads>
// Loads the transactions into DuckDB, then times COPY TO parquet (snappy, gzip) and read_parquet of DuckDB's
// files and of ours (ours-*.parquet in <out dir>, written by the BenchmarkDotNet run). Prints JSON on stdout.
import { DuckDBInstance } from '@duckdb/node-api';
import { statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [csv, out, repeatsText, threadsText] = process.argv.slice(2);
const repeats = Number(repeatsText ?? 5);
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run(`SET threads = ${Number(threadsText ?? 1)}`);
const q = s => "'" + s.replaceAll("'", "''") + "'";
await con.run(`CREATE TABLE t AS SELECT
    InvoiceNo AS invoice, StockCode AS stock_code, Description AS description, Quantity AS quantity,
    InvoiceDate AS invoice_date, UnitPrice AS unit_price, CustomerID AS customer_id, Country AS country
  FROM read_csv(${q(csv)}, header = true, columns = {
    'InvoiceNo': 'VARCHAR', 'StockCode': 'VARCHAR', 'Description': 'VARCHAR', 'Quantity': 'INTEGER',
    'InvoiceDate': 'TIMESTAMP', 'UnitPrice': 'DOUBLE', 'CustomerID': 'BIGINT', 'Country': 'VARCHAR'})`);
const rows = Number((await con.runAndReadAll('SELECT count(*) FROM t')).getRows()[0][0]);

async function median(sql) {
  const times = [];
  for (let i = 0; i < repeats; i++) {
    const start = process.hrtime.bigint();
    await con.run(sql);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const result = { rows, repeats, threads: Number(threadsText ?? 1), codecs: {} };
for (const codec of ['snappy', 'gzip']) {
  const file = join(out, `duckdb-${codec}.parquet`);
  const writeMs = await median(`COPY t TO ${q(file)} (FORMAT parquet, COMPRESSION ${codec})`);
  const readMs = await median(`CREATE OR REPLACE TEMP TABLE r AS SELECT * FROM read_parquet(${q(file)})`);
  const entry = { writeMs, readMs, bytes: statSync(file).size };
  const ours = join(out, `ours-${codec}.parquet`);
  if (existsSync(ours)) {
    entry.duckdbReadsOursMs = await median(`CREATE OR REPLACE TEMP TABLE r AS SELECT * FROM read_parquet(${q(ours)})`);
    // The same rows must come back from our file as from DuckDB's table.
    const diff = await con.runAndReadAll(`SELECT count(*) FROM (SELECT * FROM read_parquet(${q(ours)}) EXCEPT ALL SELECT * FROM t)`);
    entry.oursRowsDifferingFromDuckDb = Number(diff.getRows()[0][0]);
  }
  result.codecs[codec] = entry;
}
process.stdout.write(JSON.stringify(result, null, 2));
