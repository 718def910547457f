// Usage: node products-lift.mjs <transactions.csv[.gz]> <training.csv> <min_support> <top>
// Independent reference for products per segment: cleans the raw transactions with the shared cleaning SQL
// (bench/data/features_sql.mjs), takes the distinct (customer, product) purchases (quantity > 0, not a cancellation),
// counts them over the training customers (training.csv: customer_id,segment) and ranks each segment's products with
// support >= min_support by exact lift a*n / (s*b) (cross-multiplied, never divided), then support, then stock code.
// Prints the rows as a JSON array of strings.
import { DuckDBInstance } from '@duckdb/node-api';
import { loadSql, cleanSql } from './features_sql.mjs';

const [input, training, minSupport, top] = process.argv.slice(2);
const quote = (p) => "'" + p.replaceAll("'", "''") + "'";
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(loadSql(input));
await connection.run(cleanSql);
await connection.run(`CREATE TABLE training AS SELECT * FROM read_csv(${quote(training)}, header = true, auto_detect = false,
  columns = {'customer_id': 'BIGINT', 'segment': 'INTEGER'})`);
await connection.run(`CREATE TABLE bought AS SELECT DISTINCT CustomerID AS customer_id, StockCode AS stock_code FROM clean
  WHERE Quantity > 0 AND NOT starts_with(InvoiceNo, 'C')`);
const reader = await connection.runAndReadAll(`
WITH t AS (SELECT b.customer_id, b.stock_code, tr.segment FROM bought b JOIN training tr USING (customer_id)),
     total AS (SELECT CAST(count(*) AS HUGEINT) AS n FROM training),
     seg AS (SELECT segment, CAST(count(*) AS HUGEINT) AS s FROM training GROUP BY segment),
     allp AS (SELECT stock_code, CAST(count(*) AS HUGEINT) AS b FROM t GROUP BY stock_code),
     segp AS (SELECT segment, stock_code, CAST(count(*) AS HUGEINT) AS a FROM t GROUP BY segment, stock_code),
     cand AS (SELECT segp.segment, segp.stock_code, a, s, b, n FROM segp JOIN seg USING (segment) JOIN allp USING (stock_code)
              CROSS JOIN total WHERE a >= ${Number(minSupport)}),
     ranked AS (SELECT c.*, 1 + (SELECT count(*) FROM cand o WHERE o.segment = c.segment AND (o.a * c.b > c.a * o.b
                  OR (o.a * c.b = c.a * o.b AND (o.a > c.a OR (o.a = c.a AND o.stock_code < c.stock_code))))) AS rnk
                FROM cand c),
     scaled AS (SELECT *, (2 * a * n * 1000000 + s * b) // (2 * s * b) AS lift_micro FROM ranked WHERE rnk <= ${Number(top)})
SELECT CAST(segment AS VARCHAR) AS segment, stock_code, CAST(a AS VARCHAR) AS a, CAST(s AS VARCHAR) AS s,
       CAST(b AS VARCHAR) AS b, CAST(n AS VARCHAR) AS n,
       CAST(lift_micro // 1000000 AS VARCHAR) || '.' || lpad(CAST(lift_micro % 1000000 AS VARCHAR), 6, '0') AS lift,
       CAST(rnk AS VARCHAR) AS rank
FROM scaled ORDER BY segment, rnk`);
process.stdout.write(JSON.stringify(reader.getRows().map(r => r.map(v => String(v)))));
