import { DB_NAME } from './db';

/**
 * Which IndexedDB database is the live one. A restore (issue 17) loads a backup into a scratch
 * database, verifies it there, and only then makes it the live one by switching this name, in
 * one step: a crash at any moment leaves either the old data or the new, never a mix. The name
 * lives in localStorage, beside IndexedDB in the same origin storage.
 */
const KEY = 'countersign.activeDb';
const VALID = /^countersign(-restore-\d+)?$/;

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

export const activeDbName = (): string => {
  const name = storage()?.getItem(KEY) ?? null;
  return name && VALID.test(name) ? name : DB_NAME;
};

export const switchActiveDb = (name: string): void => {
  if (!VALID.test(name)) throw new RangeError(`not a console database name: ${name}`);
  storage()?.setItem(KEY, name);
};
