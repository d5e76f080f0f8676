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
