/** Stands in for each snippet typeChecked.test.ts lints (its text is replaced, never written). */
export const snippet = 1;
