import { describe, expect, it } from 'vitest';
import { FeedCache } from '../src/calendar/feed-cache.js';

describe('FeedCache', () => {
  it('returns what was stored under an ETag, and drops the least recently used beyond its budget', () => {
    const cache = new FeedCache(60); // bytes: three strings of 10 characters (2 bytes each)
    cache.set('"a"', 'a'.repeat(10));
    cache.set('"b"', 'b'.repeat(10));
    cache.set('"c"', 'c'.repeat(10));
    expect(cache.get('"a"')).toBe('a'.repeat(10)); // "a" is now the most recently used
    cache.set('"d"', 'd'.repeat(10));
    expect(cache.get('"b"')).toBeUndefined();
    expect([cache.get('"a"'), cache.get('"c"'), cache.get('"d"')]).toEqual(['a'.repeat(10), 'c'.repeat(10), 'd'.repeat(10)]);
    cache.set('"huge"', 'x'.repeat(31)); // larger than the whole budget: not kept, nothing evicted
    expect(cache.get('"huge"')).toBeUndefined();
    expect(cache.get('"a"')).toBeDefined();
    cache.clear();
    expect(cache.get('"a"')).toBeUndefined();
  });
});
