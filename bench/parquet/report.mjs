// Usage: node report.mjs <out dir>
// Prints our BenchmarkDotNet figures next to DuckDB's (duckdb.json) as one table.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
const duck = JSON.parse(readFileSync(join(out, 'duckdb.json'), 'utf8'));
const resultsDir = join(out, 'bdn', 'results');
const reportFile = readdirSync(resultsDir).find(f => f.includes('ParquetBenchmarks') && f.endsWith('-report-full.json'));
const report = JSON.parse(readFileSync(join(resultsDir, reportFile), 'utf8'));
const ours = {};
for (const b of report.Benchmarks) {
  if (!b.Statistics) throw new Error(`BenchmarkDotNet produced no result for ${b.Method} ${b.Parameters}; see bdn.log in ${out}`);
  const codec = /Compression=(\w+)/.exec(b.Parameters)[1].toLowerCase();
  ours[codec] ??= {};
  ours[codec][b.Method] = { ms: b.Statistics.Mean / 1e6, allocMb: (b.Memory?.BytesAllocatedPerOperation ?? 0) / 1048576 };
}

const pad = (s, n) => String(s).padStart(n);
const f = x => (x === undefined ? '-' : x.toFixed(1));
console.log(`Online Retail, ${duck.rows.toLocaleString('en-US')} rows; DuckDB threads = ${duck.threads}, median of ${duck.repeats}; ours = BenchmarkDotNet mean (short job)`);
console.log('');
console.log(`| codec  | ours write ms | duckdb write ms | ours read ms | duckdb read ms | ours bytes | duckdb bytes | duckdb reads ours ms | ours alloc MB (w/r) |`);
console.log(`|--------|---------------|-----------------|--------------|----------------|------------|--------------|----------------------|---------------------|`);
for (const codec of ['snappy', 'gzip']) {
  const o = ours[codec] ?? {};
  const d = duck.codecs[codec];
  const oursBytes = statSync(join(out, `ours-${codec}.parquet`)).size;
  console.log(`| ${codec.padEnd(6)} |${pad(f(o.Write?.ms), 14)} |${pad(f(d.writeMs), 16)} |${pad(f(o.Read?.ms), 13)} |${pad(f(d.readMs), 15)} |${pad(oursBytes.toLocaleString('en-US'), 11)} |${pad(d.bytes.toLocaleString('en-US'), 13)} |${pad(f(d.duckdbReadsOursMs), 21)} |${pad(`${f(o.Write?.allocMb)} / ${f(o.Read?.allocMb)}`, 20)} |`);
}
for (const codec of ['snappy', 'gzip']) {
  const differing = duck.codecs[codec].oursRowsDifferingFromDuckDb;
  console.log(`${codec}: rows of our file that DuckDB's table lacks: ${differing}`);
}
