import { latencyWindows } from './pipeline-stats';

describe('latencyWindows', () => {
  it('groups cycles by when they came due, in order, each window with its own count and percentiles', () => {
    const cycles = [
      { dueAt: 1_000, ms: 100 }, { dueAt: 12_000, ms: 150 }, { dueAt: 2_000, ms: 200 }, { dueAt: 25_000, ms: 900 },
    ];
    expect(latencyWindows(cycles, 10_000)).toEqual([
      { fromMs: 0, count: 2, p50: 200, p99: 200, max: 200 },
      { fromMs: 10_000, count: 1, p50: 150, p99: 150, max: 150 },
      { fromMs: 20_000, count: 1, p50: 900, p99: 900, max: 900 },
    ]);
  });

  it('handles a run larger than a function call takes arguments (300,000 cycles)', () => {
    const cycles = Array.from({ length: 300_000 }, (_, i) => ({ dueAt: i, ms: i }));
    expect(latencyWindows(cycles, 100_000).map((window) => window.count)).toEqual([100_000, 100_000, 100_000]);
  });
});
