import { describe, expect, it } from 'vitest';
import { fixedWindowLimiter } from '../../src/security/rate-limiter';

describe('fixed-window rate limiter', () => {
  it('allows max requests per window, then says how long to wait, then starts a new window', () => {
    let now = 1_000_000;
    const limiter = fixedWindowLimiter({ max: 2, windowMs: 60_000, now: () => now });
    expect([limiter.hit('ip:a'), limiter.hit('ip:a')]).toEqual([null, null]);
    now += 15_500;
    expect(limiter.hit('ip:a')).toBe(45); // 44.5 s left, rounded up
    expect(limiter.hit('ip:b')).toBeNull(); // another key has its own window
    now += 44_500;
    expect(limiter.hit('ip:a')).toBeNull();
  });

  it('never answers a wait below one second', () => {
    let now = 0;
    const limiter = fixedWindowLimiter({ max: 1, windowMs: 1_000, now: () => now });
    limiter.hit('k');
    now = 999;
    expect(limiter.hit('k')).toBe(1);
  });

  it('holds at most maxKeys windows, forgetting the oldest first', () => {
    const limiter = fixedWindowLimiter({ max: 1, windowMs: 60_000, maxKeys: 2, now: () => 0 });
    limiter.hit('a');
    limiter.hit('b');
    limiter.hit('c'); // 'a' is forgotten
    expect(limiter.hit('a')).toBeNull();
    expect(limiter.hit('c')).toBe(60);
  });
});
