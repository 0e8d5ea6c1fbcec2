import { describe, expect, it } from 'vitest';
import { SalesQueue } from './sales-queue';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('the queue between evidence:sales messages and the writer', () => {
  it('answers a message only once the writer has taken all its sales and asked for the next', async () => {
    const queue = new SalesQueue<number, string>((n) => Promise.resolve(`sale ${n}`));
    const iterator = queue.sales()[Symbol.asyncIterator]();
    let answered = false;
    const message = queue.push([1, 2]).then((r) => {
      answered = true;
      return r;
    });
    expect(await iterator.next()).toEqual({ value: 'sale 1', done: false });
    expect(await iterator.next()).toEqual({ value: 'sale 2', done: false });
    await tick();
    // Sale 2 is with the writer, not written yet: the renderer waits.
    expect(answered).toBe(false);
    const next = iterator.next();
    expect(await message).toEqual({ sales: 2 });
    queue.end();
    expect(await next).toEqual({ value: undefined, done: true });
  });

  it('fails the waiting message and any later one when the export stops', async () => {
    const queue = new SalesQueue<number, number>((n) => Promise.resolve(n));
    const iterator = queue.sales()[Symbol.asyncIterator]();
    const message = queue.push([1]);
    await iterator.next();
    queue.fail(new Error('card data found'));
    await expect(message).rejects.toThrow('card data found');
    await expect(queue.push([2])).rejects.toThrow('card data found');
  });

  it('a sale that cannot be converted fails its own message and ends the stream', async () => {
    const queue = new SalesQueue<number, number>((n) => (n === 2 ? Promise.reject(new Error('bad sale')) : Promise.resolve(n)));
    const iterator = queue.sales()[Symbol.asyncIterator]();
    const message = queue.push([1, 2]);
    await iterator.next();
    await expect(iterator.next()).rejects.toThrow('bad sale');
    await expect(message).rejects.toThrow('bad sale');
  });
});
