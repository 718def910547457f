// Independent reference figures for the integration test of the transactions -> customer features pipeline.
// Computes, with DuckDB SQL (bench/data/features_sql.mjs), the rows left after each cleaning rule, the customer
// count and the sums of recency_days, frequency and monetary (exact decimal) on the shipped dataset.
//
// Usage (from the repository root; DuckDB is installed into a scratch folder, never into the repo):
//   mkdir -p /tmp/duck && (cd /tmp/duck && npm install @duckdb/node-api@1.5.6-r.1)
//   NODE_PATH=/tmp/duck/node_modules node bench/data/reference_figures.mjs data/online_retail.csv.gz \
//     > tests/Segmentation.Data.Tests/Fixtures/reference_figures.json
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadSql, cleanSql, customersSql, figuresSql } from './features_sql.mjs';

const require = createRequire(path.join(process.env.NODE_PATH ?? process.cwd(), 'x.js'));
const { DuckDBInstance } = require('@duckdb/node-api');

const input = process.argv[2] ?? 'data/online_retail.csv.gz';
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(loadSql(input));
await connection.run(cleanSql);
await connection.run(customersSql);
const reader = await connection.runAndReadAll(figuresSql);
const row = reader.getRowObjectsJson()[0];
const n = (v) => Number(v);
const figures = {
  source: 'bench/data/reference_figures.mjs (DuckDB ' + (await (await connection.runAndReadAll('SELECT version() AS v')).getRowObjectsJson())[0].v + ')',
  input: path.basename(input),
  rows_read: n(row.rows_read),
  removed_missing_customer: n(row.rows_read) - n(row.after_rule1),
  removed_duplicates: n(row.after_rule1) - n(row.after_rule2),
  removed_non_product_codes: n(row.after_rule2) - n(row.after_rule3),
  removed_non_positive_price: n(row.after_rule3) - n(row.after_rule4),
  removed_non_positive_quantity: n(row.after_rule4) - n(row.clean_rows),
  clean_rows: n(row.clean_rows),
  customers_seen: n(row.customers_seen),
  reference_date: row.reference_date,
  customers: n(row.customers),
  sum_recency_days: n(row.sum_recency_days),
  sum_frequency: n(row.sum_frequency),
  sum_monetary: row.sum_monetary,
  sum_tenure_days: n(row.sum_tenure_days),
  sum_total_items: n(row.sum_total_items),
  sum_unique_products: n(row.sum_unique_products),
  sum_cancellation_count: n(row.sum_cancellation_count),
};
process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
