/**
 * The page's side of the restore worker (src/preview/restoreClient.ts), over a stand-in Worker that answers as
 * restoreWorker.ts does (messagesOf: a sheet per message, then the rest; each message structured-cloned): the
 * starting workbook the boot script asked for is opened from the answers that came before the page's bundle ran,
 * without asking again; a later open asks the same worker; the page's host holds what the worker's held; a failure
 * is the worker's message.
 */
import { createFakeExcel, type FakeExcel } from "../../src/preview/fakeExcel";
import { dumpModel } from "../../src/preview/fakeExcel/modelDump";
import { ErrorValue } from "../../src/preview/fakeExcel/model";
import { keepRestore, startingRequest } from "../../src/preview/restoreBoot";
import { openWorkbook, STARTING, uploaded } from "../../src/preview/restoreClient";
import { messagesOf, type RestoreAnswer, type RestoreRequest } from "../../src/preview/restoreProtocol";

function workbook(sheet: string): FakeExcel {
  const fake = createFakeExcel({ sheets: [sheet, "Other"] });
  const s = fake.model.sheetByName(sheet)!;
  s.setValue(0, 0, "Account");
  s.setValue(1, 0, 1010);
  s.setValue(1, 2, new ErrorValue("#N/A"));
  s.setFormat(1, 0, "0.00");
  s.setBold(0, 0, true);
  return fake;
}

class StandInWorker {
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: unknown = null;
  readonly asked: RestoreRequest[] = [];
  constructor(private readonly answer: (req: RestoreRequest) => RestoreAnswer) {}
  postMessage(req: RestoreRequest): void {
    this.asked.push(req);
    setTimeout(() => {
      for (const m of messagesOf(this.answer(req))) this.onmessage?.({ data: structuredClone(m) });
    }, 0);
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("opening a workbook through the restore worker", () => {
  const global = globalThis as unknown as { Worker?: unknown; location?: unknown };
  beforeAll(() => {
    global.Worker = StandInWorker;
    global.location = { href: "http://127.0.0.1:3001/" };
  });
  afterAll(() => {
    delete global.Worker;
    delete global.location;
  });

  it("takes the boot script's answer, asks the same worker next, and says the worker's failure", async () => {
    const demo = workbook("Ledger");
    const upload = workbook("Uploaded");
    const worker = new StandInWorker((req) =>
      req.url.endsWith("api/workbook")
        ? {
            id: req.id,
            ok: true,
            dump: dumpModel(demo.model),
            name: "demo.xlsx",
            tables: 0,
            rows: 2,
            readMs: 1,
            restoreMs: 2,
          }
        : req.body && req.body.size > 0
          ? {
              id: req.id,
              ok: true,
              dump: dumpModel(upload.model),
              name: req.name,
              tables: 0,
              rows: 2,
              readMs: 1,
              restoreMs: 2,
            }
          : { id: req.id, ok: false, error: "The file could not be read as an .xlsx workbook" },
    );
    keepRestore(globalThis, worker as unknown as Worker, startingRequest("http://127.0.0.1:3001/"));
    await tick(); // the answer comes before the page's bundle asks

    const first = await openWorkbook(STARTING);
    expect(worker.asked.map((r) => r.url)).toEqual(["http://127.0.0.1:3001/api/workbook"]); // not asked twice
    expect(first.name).toBe("demo.xlsx");
    expect(first.fake.model).toStrictEqual(demo.model);
    expect(first.fake.model.sheetByName("Ledger")!.value(1, 2)).toBeInstanceOf(ErrorValue);

    const file = new File([new Uint8Array([80, 75])], "mine.xlsx");
    const second = await openWorkbook(uploaded(file));
    expect(worker.asked.map((r) => r.url)).toEqual([
      "http://127.0.0.1:3001/api/workbook",
      "http://127.0.0.1:3001/api/xlsx",
    ]);
    expect(second.name).toBe("mine.xlsx");
    expect(second.fake.model).toStrictEqual(upload.model);

    await expect(openWorkbook(uploaded(new File([], "empty.xlsx")))).rejects.toThrow(
      "The file could not be read as an .xlsx workbook",
    );
    // a second "Load demo workbook" asks the worker again (the boot script's answer was used once)
    const again = await openWorkbook(STARTING);
    expect(worker.asked).toHaveLength(4);
    expect(again.fake.model).toStrictEqual(demo.model);
  });
});
