// SQL shared by reference_figures.mjs and duckdb_features.mjs: the cleaning rules and the core RFM aggregation of
// issue 2, written independently of the C# code so the two can check each other.
// Rules, in order: 1 customer id present; 2 distinct rows (all eight fields); 3 stock code ^\d{5};
// 4 unit price > 0; 5 quantity > 0 unless the invoice starts with 'C' (cancellations are kept as returns).

export function loadSql(path) {
  // Typed read: prices as DECIMAL(18,3) so sums are exact; empty fields are NULL.
  return `CREATE OR REPLACE TABLE raw AS SELECT * FROM read_csv('${path.replaceAll("'", "''")}',
    header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
    columns = {'InvoiceNo': 'VARCHAR', 'StockCode': 'VARCHAR', 'Description': 'VARCHAR', 'Quantity': 'INTEGER',
               'InvoiceDate': 'TIMESTAMP', 'UnitPrice': 'DECIMAL(18,3)', 'CustomerID': 'BIGINT', 'Country': 'VARCHAR'})`;
}

export const cleanSql = `
CREATE OR REPLACE TABLE r1 AS SELECT * FROM raw WHERE CustomerID IS NOT NULL;
CREATE OR REPLACE TABLE r2 AS SELECT DISTINCT * FROM r1;
CREATE OR REPLACE TABLE r3 AS SELECT * FROM r2 WHERE regexp_matches(StockCode, '^\\d{5}');
CREATE OR REPLACE TABLE r4 AS SELECT * FROM r3 WHERE UnitPrice > 0;
CREATE OR REPLACE TABLE clean AS SELECT * FROM r4 WHERE Quantity > 0 OR starts_with(InvoiceNo, 'C');
`;

export const customersSql = `
CREATE OR REPLACE TABLE customers AS
WITH ref AS (SELECT CAST(max(InvoiceDate) AS DATE) + 1 AS d FROM clean),
per AS (
  SELECT CustomerID,
         count(DISTINCT InvoiceNo) FILTER (WHERE NOT starts_with(InvoiceNo, 'C')) AS frequency,
         max(CAST(InvoiceDate AS DATE)) FILTER (WHERE NOT starts_with(InvoiceNo, 'C')) AS last_day,
         min(CAST(InvoiceDate AS DATE)) FILTER (WHERE NOT starts_with(InvoiceNo, 'C')) AS first_day,
         sum(CAST(Quantity AS DECIMAL(18,0)) * UnitPrice) AS monetary,
         sum(Quantity) FILTER (WHERE NOT starts_with(InvoiceNo, 'C')) AS total_items,
         count(DISTINCT StockCode) FILTER (WHERE NOT starts_with(InvoiceNo, 'C')) AS unique_products,
         count(DISTINCT InvoiceNo) FILTER (WHERE starts_with(InvoiceNo, 'C')) AS cancellation_count
  FROM clean GROUP BY CustomerID)
SELECT CustomerID, frequency, monetary, total_items, unique_products, cancellation_count,
       (SELECT d FROM ref) - last_day AS recency_days, (SELECT d FROM ref) - first_day AS tenure_days
FROM per WHERE frequency > 0 AND monetary > 0;
`;

export const figuresSql = `
SELECT (SELECT count(*) FROM raw) AS rows_read,
       (SELECT count(*) FROM r1) AS after_rule1, (SELECT count(*) FROM r2) AS after_rule2,
       (SELECT count(*) FROM r3) AS after_rule3, (SELECT count(*) FROM r4) AS after_rule4,
       (SELECT count(*) FROM clean) AS clean_rows,
       (SELECT count(DISTINCT CustomerID) FROM clean) AS customers_seen,
       (SELECT CAST(CAST(max(InvoiceDate) AS DATE) + 1 AS VARCHAR) FROM clean) AS reference_date,
       count(*) AS customers, sum(recency_days) AS sum_recency_days, sum(frequency) AS sum_frequency,
       CAST(sum(monetary) AS VARCHAR) AS sum_monetary, sum(tenure_days) AS sum_tenure_days,
       sum(total_items) AS sum_total_items, sum(unique_products) AS sum_unique_products,
       sum(cancellation_count) AS sum_cancellation_count
FROM customers;
`;
