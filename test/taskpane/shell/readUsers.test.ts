/**
 * The pane opens reading only tblUsers (#16 point 1, time to usable): readUsers gives the same users as
 * loadBook's full decode, and reads one table where loadBook reads every table (on the fake Excel host,
 * counting the tables read: 1 against all of ALL_TABLES but the write lock).
 */
import { ExcelWorkbook } from "../../../src/adapters/excel/excelWorkbook";
import { loadBook } from "../../../src/app/loadBook";
import { setupWorkbook } from "../../../src/app/setupWorkbook";
import type { WorkbookPort } from "../../../src/ports/workbook";
import { createFakeExcel } from "../../../src/preview/fakeExcel";
import { readUsers } from "../../../src/taskpane/shell/useWorkbook";
import { smallCompany } from "../../support/smallCompany";

function counting(port: WorkbookPort): { port: WorkbookPort; tables: string[] } {
  const tables: string[] = [];
  return {
    tables,
    port: new Proxy(port, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (key !== "readTable" || typeof value !== "function") return value;
        return (name: string) => {
          tables.push(name);
          return (value as (n: string) => unknown).call(target, name);
        };
      },
    }),
  };
}

test("readUsers reads tblUsers alone and decodes the users as loadBook does", async () => {
  const fake = createFakeExcel();
  const excel = new ExcelWorkbook(fake.run);
  await setupWorkbook(excel, smallCompany());
  const full = counting(excel);
  const { book } = await loadBook(full.port);
  const alone = counting(excel);
  const users = await readUsers(alone.port);
  expect(alone.tables).toEqual(["tblUsers"]);
  expect(full.tables.length).toBeGreaterThan(10);
  expect([...users.keys()]).toEqual([...book.setup.users.keys()]);
  expect([...users.values()].map((u) => [u.name, [...u.roles].sort()])).toEqual(
    [...book.setup.users.values()].map((u) => [u.name, [...u.roles].sort()]),
  );
});
