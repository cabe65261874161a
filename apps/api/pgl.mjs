import { PGlite } from '@electric-sql/pglite';

const t = Date.now();
const db = new PGlite();
await db.waitReady;
console.log('ready', Date.now() - t);
await db.exec(`create role app_user nologin; create table t(id int, owner text); alter table t enable row level security;
create policy p on t using (owner = current_setting('app.user_id', true)); grant select on t to app_user; insert into t values (1,'a'),(2,'b');`);
await db.exec(`begin; set local role app_user; select set_config('app.user_id','a',true);`);
console.log(
  (await db.query('select * from t')).rows,
  (await db.query('select current_user, version()')).rows,
);
await db.exec('commit');
console.log((await db.query('select current_user')).rows);
const t2 = Date.now();
const d = await db.dumpDataDir('none');
console.log('dump', Date.now() - t2, d.size);
const t3 = Date.now();
const db2 = new PGlite({ loadDataDir: d });
await db2.waitReady;
console.log('load', Date.now() - t3, (await db2.query('select count(*) from t')).rows);
