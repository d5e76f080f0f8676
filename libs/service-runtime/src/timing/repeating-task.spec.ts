import { RepeatingTask } from './repeating-task';

describe('RepeatingTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('never overlaps rounds: the next one is timed from the end of the previous', async () => {
    let running = 0;
    let maxRunning = 0;
    let rounds = 0;
    const task = new RepeatingTask('test', async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 250)); // longer than the interval
      running -= 1;
      rounds += 1;
    });
    task.start(100);
    await jest.advanceTimersByTimeAsync(1000);
    expect(maxRunning).toBe(1);
    expect(rounds).toBe(2); // 100 + 250 + 100 + 250 = 700 ms; the third round ends at 1050 ms
    const stopped = task.stop();
    await jest.advanceTimersByTimeAsync(1000);
    await stopped;
  });

  it('keeps going after a failed round and stays off with interval 0', async () => {
    let calls = 0;
    const failing = new RepeatingTask('test', async () => {
      calls += 1;
      throw new Error('boom');
    });
    failing.start(100);
    await jest.advanceTimersByTimeAsync(350);
    expect(calls).toBe(3);
    await failing.stop();
    const off = new RepeatingTask('off', async () => void (calls += 100));
    off.start(0);
    await jest.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(3);
  });

  it('stop() waits for the round in flight', async () => {
    let finished = false;
    const task = new RepeatingTask('test', async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      finished = true;
    });
    task.start(10);
    await jest.advanceTimersByTimeAsync(20);
    const stopped = task.stop();
    await jest.advanceTimersByTimeAsync(600);
    await stopped;
    expect(finished).toBe(true);
    expect(task.stopping).toBe(true);
  });
});

describe('RepeatingTask.wake', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('brings the next round forward to the gap after the last one, coalescing wake-ups', async () => {
    const starts: number[] = [];
    const task = new RepeatingTask('test', async () => {
      starts.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 30));
    }, { wakeGapMs: 50 });
    const t0 = Date.now();
    task.start(1_000);
    await jest.advanceTimersByTimeAsync(1_000); // first round at 1000, ends 1030
    task.wake();
    task.wake();
    await jest.advanceTimersByTimeAsync(200);
    expect(starts.map((s) => s - t0)).toEqual([1_000, 1_080]); // 1030 + 50, one round for both wake-ups
    await jest.advanceTimersByTimeAsync(1_000);
    expect(starts.map((s) => s - t0)).toEqual([1_000, 1_080, 2_110]); // back to the interval: 1110 + 1000
    await task.stop();
  });

  it('runs again right after the gap when woken during a round, and never while stopped or off', async () => {
    const starts: number[] = [];
    const task = new RepeatingTask('test', async () => {
      starts.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }, { wakeGapMs: 20 });
    const t0 = Date.now();
    task.start(500);
    await jest.advanceTimersByTimeAsync(550);
    task.wake(); // during the round 500-600
    await jest.advanceTimersByTimeAsync(100);
    expect(starts.map((s) => s - t0)).toEqual([500, 620]);
    await jest.advanceTimersByTimeAsync(100);
    await task.stop();
    task.wake();
    await jest.advanceTimersByTimeAsync(2_000);
    expect(starts).toHaveLength(2);

    const off = new RepeatingTask('off', async () => void starts.push(0));
    off.start(0);
    off.wake();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(starts).toHaveLength(2);
  });
});
