import { claimSize } from './message-dispatcher.service';

describe('claim size', () => {
  it('claims 7 messages per pooled connection when the sending rate is not limited', () => {
    expect(claimSize(3, 0)).toBe(21);
    expect(claimSize(10, 0)).toBe(70);
  });
  it('claims no more than the rounds in flight send in half the 10-minute lease at a limited rate', () => {
    expect(claimSize(10, 14)).toBe(70); // 14/s: 2 rounds of 70 go in 10 s
    expect(claimSize(50, 1)).toBe(150); // 1/s: 2 rounds of 150 go in 300 s, half the lease
  });
});
