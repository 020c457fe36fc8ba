import type { XlContext } from "./excelHost";
type Assert<T extends true> = T;
interface Bogus extends XlContext { bogus(): void }
export type _X = Assert<Excel.RequestContext extends Bogus ? true : false>;
