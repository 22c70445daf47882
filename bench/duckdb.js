// DuckDB's answer to the benchmark job: counts per region, organisation,
// period and rating, as CSV. usage: node duckdb.js FILE [DELIM]
const { DuckDBInstance } = require(__dirname + '/node/node_modules/@duckdb/node-api');
(async () => {
  const file = process.argv[2].replace(/'/g, "''");
  const inst = await DuckDBInstance.create(':memory:', { threads: '2' });
  const con = await inst.connect();
  const r = await con.runAndReadAll(
    `SELECT region, organisation, period, rating, count(*) AS n
     FROM read_csv('${file}', header = true, all_varchar = true)
     GROUP BY ALL`);
  process.stdout.write('region,organisation,period,rating,n\n' +
    r.getRows().map(x => x.map(v => v === null ? '' : v).join(',')).join('\n') + '\n');
})();
