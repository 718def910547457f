// Shared by the conformance scripts: renders a relation as JSON with every value as a string,
// converting types whose JavaScript form is lossy or ambiguous inside SQL first.
export async function dump(connection, relationSql) {
  const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${relationSql}`);
  const columns = described.getRowObjectsJson().map(r => ({ name: String(r.column_name), type: String(r.column_type) }));
  const select = columns.map(c => {
    const q = '"' + c.name.replaceAll('"', '""') + '"';
    if (c.type.startsWith('TIMESTAMP')) return `epoch_us(${q})`;
    if (c.type === 'DATE') return `(${q} - DATE '1970-01-01')`;
    if (c.type === 'BLOB') return `hex(${q})`;
    return q;
  }).join(', ');
  const result = await connection.runAndReadAll(`SELECT ${select} FROM ${relationSql}`);
  const rows = result.getRows().map(row => row.map(v => (v === null || v === undefined ? null : String(v))));
  return { columns, rows };
}
